//! The whole flow of a page-call interface, with the bundled test keys:
//! sign a `sns.cae.sign.customer` request with DSA, print its URL and form,
//! then verify a simulated gateway return into the typed `Response`.
//!
//! ```text
//! cargo run --example sns_cae_sign_customer --features dsa
//! ```
//!
//! The keys are the test fixtures of `runtime/tests/fixtures/`; never use
//! them for anything real.

use alipay_mapi::keys::{DsaPrivateKey, DsaPublicKey};
use alipay_mapi::{signing_string, Client, Method, ServiceError, Signer, Verifier};
use alipay_mapi_interfaces::sns_cae_sign_customer::{Request, Response};

const MERCHANT_PRIVATE_KEY: &str = include_str!("../runtime/tests/fixtures/dsa-wrong.pkcs8.pem");
const GATEWAY_PUBLIC_KEY: &str = include_str!("../runtime/tests/fixtures/dsa1024.pub.b64");
/// Only to play the gateway in this example: a real gateway keeps its key.
const GATEWAY_PRIVATE_KEY: &str = include_str!("../runtime/tests/fixtures/dsa1024.pkcs8.pem");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The merchant: partner id, its DSA private key, the gateway's public key.
    let client = Client::new(
        "2088002464631181",
        Signer::dsa(DsaPrivateKey::load(MERCHANT_PRIVATE_KEY)?),
    )?
    .with_verifier(Verifier::dsa(DsaPublicKey::load(GATEWAY_PUBLIC_KEY)?));

    // 1. The request, typed from the interface's table, validated and signed.
    let request = Request {
        return_url: "https://merchant.example/alipay/return".into(),
        sns_user_id: "id2011103454654656".into(),
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    };
    let signed = client.sign_request(&request)?;
    println!("signing string:\n  {}\n", signed.signing_string());
    println!("redirect the buyer to:\n  {}\n", signed.url());
    println!(
        "or serve this form:\n{}",
        client.page_form(&request, Method::Post)?
    );

    // 2. The gateway sends the browser back to return_url, signed with its key.
    let gateway = Signer::dsa(DsaPrivateKey::load(GATEWAY_PRIVATE_KEY)?);
    let returned = [("is_success", "T"), ("sns_user_id", "id20110923456789")];
    let sign = gateway.sign(&signing_string(&returned, client.charset())?)?;
    let return_url = format!(
        "{}?is_success=T&sns_user_id=id20110923456789&sign_type=DSA&sign={}",
        request.return_url,
        sign.replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    );
    println!("the gateway returns:\n  {return_url}\n");

    // 3. Verify it into the typed response.
    let verified = client.verify_return::<Response>(&return_url)?;
    println!("verified: {:?}\n", verified.value());

    // A failure the gateway reports is an error code of the interface.
    match client.verify_return::<Response>("is_success=F&error=ILLEGAL_SIGN") {
        Err(ServiceError::Gateway { code, .. }) => {
            println!(
                "a failure return reads as {code:?}: {}",
                code.meaning().unwrap_or("?")
            );
        }
        other => println!("unexpected: {other:?}"),
    }
    // And a tampered return does not verify.
    let tampered = return_url.replace("id20110923456789", "id20110923456780");
    if let Err(e) = client.verify_return::<Response>(&tampered) {
        println!("a tampered return is refused: {e}");
    }
    Ok(())
}

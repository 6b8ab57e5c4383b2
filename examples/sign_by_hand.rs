//! Signing `sns.cae.sign.customer` by hand, parameters as pairs, with each of
//! the four sign types, and verifying a return URL.
//!
//! ```text
//! cargo run --example sign_by_hand --features rsa,dsa
//! ```

use alipay_mapi::keys::{DsaPrivateKey, Md5Key, RsaPrivateKey};
use alipay_mapi::{Charset, Client, Signer, Verifier};

const RSA_KEY: &str = include_str!("../runtime/tests/fixtures/rsa2048.pkcs1.pem");
const DSA_KEY: &str = include_str!("../runtime/tests/fixtures/dsa1024.pkcs8.pem");
const MD5_KEY: &str = "10000000000000000000000000000000";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let business = [
        ("return_url", "https://merchant.example/alipay/return"),
        ("sns_user_id", "用户id2011103454654656"),
        ("key", "20110511EF39E0403F8F48EF8E02121C9824210F"),
    ];
    let signers = [
        Signer::md5(Md5Key::new(MD5_KEY)?),
        Signer::rsa(RsaPrivateKey::load(RSA_KEY)?),
        Signer::rsa2(RsaPrivateKey::load(RSA_KEY)?),
        Signer::dsa(DsaPrivateKey::load(DSA_KEY)?),
    ];
    for signer in signers {
        let client = Client::new("2088002464631181", signer)?.with_charset(Charset::Gbk);
        let request = client.sign_params("sns.cae.sign.customer", &business)?;
        println!(
            "{} over `{}`:",
            client.sign_type(),
            request.signing_string()
        );
        println!("  {}\n", request.url());
    }

    // A return signed with MD5 (hashlib.md5(b"is_success=T&sns_user_id=id20110923456789" + key)).
    let md5 = Md5Key::new(MD5_KEY)?;
    let client = Client::new("2088002464631181", Signer::md5(md5.clone()))?
        .with_verifier(Verifier::md5(md5));
    let verified = client.verify_return_params(
        "https://merchant.example/alipay/return?is_success=T&sns_user_id=id20110923456789&sign_type=MD5&sign=f29e2eb7d9ff6260a9d67fb6f0547fc9",
    )?;
    println!(
        "verified return: sns_user_id = {:?}",
        verified.get("sns_user_id")
    );
    Ok(())
}

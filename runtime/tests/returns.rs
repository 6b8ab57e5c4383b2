//! Page-redirect returns signed by OpenSSL with the fixture keys playing the
//! gateway (see fixtures/README.md), verified through `Client`.
#![cfg(all(feature = "rsa", feature = "dsa", feature = "md5"))]

use alipay_mapi_runtime::keys::{DsaPublicKey, Md5Key, RsaPublicKey};
use alipay_mapi_runtime::{
    Charset, Client, ReturnError, SignType, SignatureError, Signer, Verifier,
};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn client(verifier: Verifier) -> Client {
    let md5 = Md5Key::new("10000000000000000000000000000000").unwrap();
    Client::new("2088002464631181", Signer::md5(md5))
        .unwrap()
        .with_charset(Charset::Utf8)
        .with_verifier(verifier)
}

fn dsa_gateway() -> Verifier {
    Verifier::dsa(DsaPublicKey::load(&fixture("dsa1024.pub.pem")).unwrap())
}

fn rsa_gateway(rsa2: bool) -> Verifier {
    let key = RsaPublicKey::load(&fixture("rsa2048.pub.b64")).unwrap();
    if rsa2 {
        Verifier::rsa2(key)
    } else {
        Verifier::rsa(key)
    }
}

/// The return URL as the gateway builds it: `sign` percent-encoded.
fn return_url(sign_type: &str, sign: &str) -> String {
    let sign = sign
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    format!(
        "http://www.test.com/notify/alipay/interface.htm?is_success=T&sign_type={sign_type}&sign={sign}&sns_user_id=id20110923456789"
    )
}

#[test]
fn dsa_return_signed_by_openssl_verifies() {
    let url = return_url("DSA", fixture("return.dsa.sig.b64").trim());
    let verified = client(dsa_gateway()).verify_return_params(&url).unwrap();
    assert_eq!(verified.sign_type(), SignType::Dsa);
    assert_eq!(verified.get("sns_user_id"), Some("id20110923456789"));
    assert_eq!(
        verified.signing_string().as_str(),
        fixture("return.utf8.txt")
    );
}

#[test]
fn rsa_and_rsa2_returns_signed_by_openssl_verify() {
    let rsa = return_url("RSA", fixture("return.rsa.sig.b64").trim());
    assert!(client(rsa_gateway(false))
        .verify_return_params(&rsa)
        .is_ok());
    let rsa2 = return_url("RSA2", fixture("return.rsa2.sig.b64").trim());
    assert!(client(rsa_gateway(true))
        .verify_return_params(&rsa2)
        .is_ok());
}

#[test]
fn rsa2_sign_checked_as_rsa_is_a_mismatch() {
    // The parameters claim RSA, the sign is really SHA256withRSA.
    let forged = return_url("RSA", fixture("return.rsa2.sig.b64").trim());
    let refused = client(rsa_gateway(false))
        .verify_return_params(&forged)
        .unwrap_err();
    assert!(matches!(
        refused,
        ReturnError::BadSignature {
            sign_type: SignType::Rsa,
            error: SignatureError::Mismatch,
            ..
        }
    ));
    // The message names the usual wrong keys, an open-platform app's among
    // them.
    let message = refused.to_string();
    assert!(
        message.contains("not your own key's public half")
            && message.contains("open-platform app (appid)"),
        "{message}"
    );
    // And an RSA2 verifier does not accept a return that says RSA.
    assert_eq!(
        client(rsa_gateway(true)).verify_return_params(&forged),
        Err(ReturnError::UnexpectedSignType {
            received: SignType::Rsa,
            configured: SignType::Rsa2
        })
    );
}

#[test]
fn the_seeds_sample_return_is_a_mismatch_with_its_signing_string() {
    // Section 5.1 of the seed document: its sample sign was made with the
    // gateway's real key over parameters we cannot reproduce.
    let url = "http://www.alipay.com/api/apireceive/returnDisplay.php?is_success=T&sign_type=DSA&sign=MC4CFQCTPnn5AFV8S%2FcpP50WF6OrTKoqGAIVAKGynG39xYzhPohCvaeCZ1%2F2I7MK&sns_user_id=id20110923456789";
    let err = client(dsa_gateway()).verify_return_params(url).unwrap_err();
    assert_eq!(
        err,
        ReturnError::BadSignature {
            sign_type: SignType::Dsa,
            signing_string: "is_success=T&sns_user_id=id20110923456789".into(),
            params: vec![("is_success".into(), 1), ("sns_user_id".into(), 16)],
            error: SignatureError::Mismatch,
        }
    );
    assert_eq!(
        err.to_string(),
        "signature does not match the gateway public key you configured (it must be the gateway's, not your own key's public half) (sign_type DSA, signed parameters: is_success (1 byte), sns_user_id (16 bytes)); see the signing string (`signing_string()`; the CLI's --explain)"
    );
}

#[test]
fn a_plus_turned_into_a_space_is_restored_in_sign_only() {
    let sign = fixture("return.dsa.sig.b64");
    let sign = sign.trim();
    assert!(sign.contains('+'), "this fixture's sign has a '+'");
    // A server that decoded the URL once and re-sent the sign raw: `+` is now a space.
    let raw = format!(
        "is_success=T&sign_type=DSA&sign={}&sns_user_id=id20110923456789",
        sign.replace('/', "%2F").replace('=', "%3D")
    );
    assert!(client(dsa_gateway()).verify_return_params(&raw).is_ok());
}

#[test]
fn wrong_key_tampering_and_garbage() {
    let good = return_url("DSA", fixture("return.dsa.sig.b64").trim());
    let wrong = Verifier::dsa(DsaPublicKey::load(&fixture("dsa-wrong.pub.pem")).unwrap());
    assert!(matches!(
        client(wrong).verify_return_params(&good),
        Err(ReturnError::BadSignature {
            error: SignatureError::Mismatch,
            ..
        })
    ));
    let tampered = good.replace("id20110923456789", "id20110923456780");
    assert!(matches!(
        client(dsa_gateway()).verify_return_params(&tampered),
        Err(ReturnError::BadSignature {
            error: SignatureError::Mismatch,
            ..
        })
    ));
    let garbage = return_url("DSA", "!!!not base64!!!");
    assert!(matches!(
        client(dsa_gateway()).verify_return_params(&garbage),
        Err(ReturnError::BadSignature {
            error: SignatureError::Malformed { .. },
            ..
        })
    ));
    // A downgrade: the return claims MD5 against a DSA verifier.
    let md5 = good.replace("sign_type=DSA", "sign_type=MD5");
    assert_eq!(
        client(dsa_gateway()).verify_return_params(&md5),
        Err(ReturnError::UnexpectedSignType {
            received: SignType::Md5,
            configured: SignType::Dsa
        })
    );
}

/// `sign` percent-encoded as the gateway sends it, `\r` and `\n` included.
fn encoded_sign(sign: &str) -> String {
    sign.replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn return_url_raw(sign_type: &str, encoded_sign: &str) -> String {
    format!(
        "http://www.test.com/notify/alipay/interface.htm?is_success=T&sign_type={sign_type}&sign={encoded_sign}&sns_user_id=id20110923456789"
    )
}

/// Base64 wrapped the MIME way: `\r\n` after every 76 characters (Java's
/// `Base64.encodeBase64Chunked`, PHP's `chunk_split`), and at the end.
fn mime_wrapped(base64: &str, line_end: &str) -> String {
    let mut out = String::new();
    for line in base64.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push_str(line_end);
    }
    out
}

/// RSA, RSA2 and DSA signs that arrive wrapped at 76 characters (older
/// Java and PHP encoders) verify: CR and LF carry nothing in base64. The
/// signs are OpenSSL's (`return.*.sig.b64`, see fixtures/README.md).
#[test]
fn base64_signs_with_line_breaks_verify() {
    let cases = [
        ("RSA", "return.rsa.sig.b64", rsa_gateway(false)),
        ("RSA2", "return.rsa2.sig.b64", rsa_gateway(true)),
        ("DSA", "return.dsa.sig.b64", dsa_gateway()),
    ];
    for (sign_type, file, verifier) in cases {
        let sign = fixture(file).trim().to_owned();
        for wrapped in [
            mime_wrapped(&sign, "\r\n"),
            mime_wrapped(&sign, "\n"),
            format!("{}\r\n{}", &sign[..20], &sign[20..]),
            format!("\r\n{sign}"),
        ] {
            let url = return_url_raw(sign_type, &encoded_sign(&wrapped));
            client(verifier.clone())
                .verify_return_params(&url)
                .unwrap_or_else(|e| panic!("{sign_type} {wrapped:?}: {e}"));
        }
        // Line breaks, and a `+` that came back as a space, together.
        if sign.contains('+') {
            let both = mime_wrapped(&sign, "\r\n").replace('+', " ");
            let url = return_url_raw(sign_type, &encoded_sign(&both).replace(' ', "%20"));
            client(verifier.clone()).verify_return_params(&url).unwrap();
        }
    }
}

/// A sign percent-encoded twice by a sender arrives still holding `%2B`,
/// `%2F`, `%3D` after one decoding: the error says so, and the sign is not
/// decoded a second time (it does not verify).
#[test]
fn a_sign_still_percent_encoded_is_named_as_such() {
    let sign = fixture("return.rsa.sig.b64").trim().to_owned();
    let twice = encoded_sign(&sign).replace('%', "%25");
    let err = client(rsa_gateway(false))
        .verify_return_params(&return_url_raw("RSA", &twice))
        .unwrap_err();
    let ReturnError::BadSignature {
        error: SignatureError::Malformed { reason },
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    let first = ["%2B", "%2F", "%3D"]
        .into_iter()
        .filter_map(|e| encoded_sign(&sign).find(e).map(|at| (at, e)))
        .min()
        .unwrap()
        .1;
    assert_eq!(
        reason,
        &format!("the sign is still percent-encoded (`{first}`…): was it encoded twice?")
    );
    assert!(!err.to_string().contains("Invalid symbol"), "{err}");
    // A stray `%` that is no escape is plain "not base64".
    let err = client(rsa_gateway(false))
        .verify_return_params(&return_url_raw(
            "RSA",
            &format!("{}%25zz", encoded_sign(&sign)),
        ))
        .unwrap_err();
    assert!(err.to_string().contains("not base64"), "{err}");
    // DSA the same (its sign holds `+`, `/` or `=` to encode, as the
    // fixture's does).
    let sign = fixture("return.dsa.sig.b64").trim().to_owned();
    if sign.contains(['+', '/', '=']) {
        let twice = encoded_sign(&sign).replace('%', "%25");
        let err = client(dsa_gateway())
            .verify_return_params(&return_url_raw("DSA", &twice))
            .unwrap_err();
        assert!(err.to_string().contains("still percent-encoded"), "{err}");
    }
}

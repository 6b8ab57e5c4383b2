//! Keys never show: `Debug` of every key, signer, verifier and client, and
//! the `Display` of every error a key can cause, carry no key material.
#![cfg(all(feature = "md5", feature = "rsa", feature = "dsa"))]

use alipay_mapi_runtime::keys::{DsaPrivateKey, DsaPublicKey, Md5Key, RsaPrivateKey, RsaPublicKey};
use alipay_mapi_runtime::{signing_string, Charset, Client, SignType, Signer, Verifier};

const MD5_SECRET: &str = "k7Qz93LmXw0PaT5vB2nR8sYc4uEj1HdG";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every 12-character window of the key text's body (PEM base64 lines,
/// or the secret itself).
fn windows(secret: &str) -> Vec<String> {
    let body: String = secret
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<String>()
        .split_whitespace()
        .collect();
    let chars: Vec<char> = body.chars().collect();
    // Skip the first bytes of a DER body: the same for every key of a kind.
    let skip = if chars.len() > 64 { 40 } else { 0 };
    chars
        .windows(12)
        .skip(skip)
        .map(|w| w.iter().collect())
        .collect()
}

fn assert_hidden(shown: &str, secret: &str) {
    for w in windows(secret) {
        assert!(!shown.contains(&w), "{shown:?} shows key material {w:?}");
    }
}

#[test]
fn debug_of_keys_signers_verifiers_and_clients() {
    let rsa_pem = fixture("rsa1024.pkcs8.pem");
    let dsa_pem = fixture("dsa1024.traditional.pem");
    let rsa_pub = fixture("rsa1024.pub.pem");
    let dsa_pub = fixture("dsa1024.pub.pem");
    let md5 = Md5Key::new(MD5_SECRET).unwrap();
    let rsa = RsaPrivateKey::load(&rsa_pem).unwrap();
    let dsa = DsaPrivateKey::load(&dsa_pem).unwrap();

    let cases: Vec<(String, &str)> = vec![
        (format!("{md5:?}"), MD5_SECRET),
        (format!("{rsa:?}"), &rsa_pem),
        (format!("{dsa:?}"), &dsa_pem),
        (format!("{:?}", Signer::md5(md5.clone())), MD5_SECRET),
        (format!("{:?}", Signer::rsa(rsa.clone())), &rsa_pem),
        (format!("{:?}", Signer::rsa2(rsa.clone())), &rsa_pem),
        (format!("{:?}", Signer::dsa(dsa.clone())), &dsa_pem),
        (format!("{:?}", Verifier::md5(md5.clone())), MD5_SECRET),
        (
            format!("{:?}", Verifier::rsa(RsaPublicKey::load(&rsa_pub).unwrap())),
            &rsa_pub,
        ),
        (
            format!("{:?}", Verifier::dsa(DsaPublicKey::load(&dsa_pub).unwrap())),
            &dsa_pub,
        ),
        (
            format!(
                "{:?}",
                Client::new("2088002464631181", Signer::dsa(dsa.clone()))
                    .unwrap()
                    .with_verifier(Verifier::md5(md5.clone()))
            ),
            &dsa_pem,
        ),
        (
            format!(
                "{:?}",
                Client::new("2088002464631181", Signer::md5(md5.clone())).unwrap()
            ),
            MD5_SECRET,
        ),
    ];
    for (shown, secret) in &cases {
        assert_hidden(shown, secret);
        assert!(
            shown.contains("redacted") || shown.contains("bits"),
            "{shown}"
        );
    }
}

#[test]
fn errors_about_keys_do_not_echo_them() {
    let rsa_pem = fixture("rsa1024.pkcs8.pem");
    let dsa_pem = fixture("dsa1024.pkcs8.pem");
    // A private key where a public one is wanted, the other algorithm, a
    // damaged body: the messages name formats, never the key.
    let damaged = rsa_pem.replacen("MII", "MIJ", 1);
    let errors = [
        RsaPublicKey::load(&rsa_pem).unwrap_err().to_string(),
        DsaPrivateKey::load(&rsa_pem).unwrap_err().to_string(),
        RsaPrivateKey::load(&dsa_pem).unwrap_err().to_string(),
        RsaPrivateKey::load(&damaged).unwrap_err().to_string(),
        format!("{:?}", RsaPrivateKey::load(&damaged).unwrap_err()),
        Signer::from_key_text(SignType::Dsa, &rsa_pem)
            .unwrap_err()
            .to_string(),
        Verifier::from_key_text(SignType::Rsa, &dsa_pem)
            .unwrap_err()
            .to_string(),
    ];
    for e in &errors {
        assert_hidden(e, &rsa_pem);
        assert_hidden(e, &dsa_pem);
        assert!(e.contains("tried") || e.contains("could not read"), "{e}");
    }
    let md5_error = Md5Key::new(format!("{MD5_SECRET} trailing")).unwrap_err();
    assert_hidden(&md5_error.to_string(), MD5_SECRET);
    assert_hidden(&format!("{md5_error:?}"), MD5_SECRET);
}

#[test]
fn the_md5_key_is_not_part_of_anything_signed_or_shown() {
    let client = Client::new(
        "2088002464631181",
        Signer::md5(Md5Key::new(MD5_SECRET).unwrap()),
    )
    .unwrap();
    let request = client.sign_params("x", &[("a", "1")]).unwrap();
    assert_hidden(&request.url(), MD5_SECRET);
    assert_hidden(request.signing_string().as_str(), MD5_SECRET);
    assert_hidden(&format!("{request:?}"), MD5_SECRET);
    let s = signing_string(&[("a", "1")], Charset::Utf8).unwrap();
    assert_hidden(&format!("{s:?}"), MD5_SECRET);
}

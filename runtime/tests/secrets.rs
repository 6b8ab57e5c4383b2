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

/// Received values (an e-mail address, a name) never show in a refusal's
/// `Display` or `Debug`, nor in an error wrapping it: only parameter names
/// and lengths do; `signing_string()` gives the string for debugging.
#[test]
fn refusals_show_names_not_received_values() {
    use alipay_mapi_runtime::call::CallError;
    use alipay_mapi_runtime::variants::wap;
    use alipay_mapi_runtime::{gateway_side, ReturnError};

    const EMAIL: &str = "alice.private@example.com";
    const NAME: &str = "Zhang Sanfeng";
    let client = |key: &str| {
        let key = Md5Key::new(key).unwrap();
        Client::new("2088002464631181", Signer::md5(key.clone()))
            .unwrap()
            .with_verifier(Verifier::md5(key))
    };
    let gateway = Signer::md5(Md5Key::new(MD5_SECRET).unwrap());
    let pairs = [
        ("buyer_email", EMAIL),
        ("buyer_name", NAME),
        ("is_success", "T"),
    ];
    let url = gateway_side::return_url(
        &gateway,
        Charset::Utf8,
        "https://shop.example/return",
        &pairs,
    )
    .unwrap();
    let wrong = client("0000000000000000000000000000wrong");
    let refused = wrong.verify_return_params(&url).unwrap_err();
    assert!(refused.signing_string().unwrap().contains(EMAIL));
    let wrapped: CallError<String> = CallError::Signature(refused.clone());
    let shown = [
        refused.to_string(),
        format!("{refused:?}"),
        format!("{refused:#?}"),
        format!("{wrapped:?}"),
        wrapped.to_string(),
    ];
    for shown in &shown {
        for value in [EMAIL, NAME, "alice", "Sanfeng"] {
            assert!(!shown.contains(value), "{shown} shows {value:?}");
        }
        assert!(shown.contains("buyer_email"), "{shown}");
    }
    assert!(format!("{refused:?}").contains("withheld"));

    // A WAP 2.0 notification's fixed-order string holds notify_data.
    let notify_data = format!("<notify><buyer_email>{EMAIL}</buyer_email></notify>");
    let body = format!(
        "service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data={}&sign={}",
        gateway_side::percent_encode(Charset::Utf8, &notify_data).unwrap(),
        "0123456789abcdef0123456789abcdef"
    );
    let wrong_key = Verifier::md5(Md5Key::new("0000000000000000000000000000wrong").unwrap());
    let refused = wap::verify_notification(body.as_bytes(), &wrong_key, Charset::Utf8).unwrap_err();
    for shown in [refused.to_string(), format!("{refused:?}")] {
        assert!(!shown.contains("alice"), "{shown}");
        assert!(shown.contains("notify_data"), "{shown}");
    }

    // A gateway failure's parameters, and a hash-routed return's fragment.
    let failure = gateway_side::return_url(
        &gateway,
        Charset::Utf8,
        "https://shop.example/return",
        &[
            ("is_success", "F"),
            ("error", "TRADE_NOT_EXIST"),
            ("buyer_email", EMAIL),
        ],
    )
    .unwrap();
    let err = client(MD5_SECRET)
        .verify_return_params(&failure)
        .unwrap_err();
    assert!(matches!(err, ReturnError::Gateway { .. }), "{err:?}");
    assert!(!format!("{err:?}").contains("alice"), "{err:?}");
    // The same failure, typed (as verify_return and the axum extractors
    // give it), and a server call's answers.
    let ReturnError::Gateway { params, .. } = err else {
        unreachable!()
    };
    let typed: alipay_mapi_runtime::ServiceError<String> =
        alipay_mapi_runtime::ServiceError::Gateway {
            code: "TRADE_NOT_EXIST".into(),
            signed: true,
            params,
        };
    let answer = alipay_mapi_runtime::answer::XmlAnswer::parse(
        format!(
            "<alipay><is_success>T</is_success><response><trade><buyer_email>{EMAIL}</buyer_email>\
             </trade></response></alipay>"
        )
        .as_bytes(),
        Charset::Utf8,
    )
    .unwrap();
    let field: CallError<String> = CallError::Field {
        error: alipay_mapi_runtime::FieldError::Missing { field: "trade_no" },
        answer: Box::new(answer.clone()),
    };
    let failed: CallError<String> = CallError::Gateway {
        code: "TRADE_NOT_EXIST".into(),
        answer: Box::new(answer),
    };
    for shown in [
        format!("{typed:?}"),
        typed.to_string(),
        format!("{field:?}"),
        format!("{failed:?}"),
    ] {
        assert!(!shown.contains("alice"), "{shown}");
    }
    assert!(format!("{field:?}").contains("buyer_email"));
    let hashed =
        format!("https://shop.example/#/pay/return?buyer_email={EMAIL}&buyer_name=x&sign=abc");
    let err = client(MD5_SECRET)
        .verify_return_params(&hashed)
        .unwrap_err();
    assert!(
        matches!(err, ReturnError::ParamsAfterFragment { .. }),
        "{err:?}"
    );
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains("alice"), "{shown}");
        assert!(
            shown.contains("#/pay/return?buyer_email=…&buyer_name=…"),
            "{shown}"
        );
    }
}

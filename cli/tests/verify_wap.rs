//! `verify` on a WAP 2.0 notification: signed over `service`, `v`, `sec_id`,
//! `notify_data` in that order, its sign type read from `sec_id`.

mod common;

use common::*;

const WAP_KEY: &str = "t3stsecret0000000000000000000042";
/// The sign was computed with Python's hashlib over
/// `service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data=<notify><notify_id>1</notify_id></notify>`
/// followed by the key.
const WAP_NOTIFICATION: &str = "service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data=%3Cnotify%3E%3Cnotify_id%3E1%3C%2Fnotify_id%3E%3C%2Fnotify%3E&sign=762307da5e453b2d198ee5b37695a827";

#[test]
fn a_wap_notification_verifies_with_and_without_sign_type() {
    let r = run(&[
        "verify",
        "--sign-type",
        "MD5",
        "--key",
        WAP_KEY,
        WAP_NOTIFICATION,
    ]);
    r.assert_code(0);
    assert!(r.stdout.starts_with("OK\n"), "{}", r.stdout);
    assert!(r
        .stdout
        .contains("notify_data=<notify><notify_id>1</notify_id></notify>"));
    // Without --sign-type: read from sec_id, no complaint about sign_type.
    let r = run(&["verify", "--key", WAP_KEY, WAP_NOTIFICATION]);
    r.assert_code(0);
    assert!(!r.stderr.contains("no sign_type"), "{}", r.stderr);
    let r = run(&["verify", "--json", "--key", WAP_KEY, WAP_NOTIFICATION]);
    let v = r.json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["variant"], "wap");
    assert_eq!(
        v["signing_string"],
        "service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data=<notify><notify_id>1</notify_id></notify>"
    );
}

#[test]
fn a_changed_wap_notification_fails() {
    let forged = WAP_NOTIFICATION.replace("%3E1%3C", "%3E2%3C");
    let r = run(&["verify", "--key", WAP_KEY, &forged]);
    r.assert_code(1);
    assert!(r.stderr.contains("does not match"), "{}", r.stderr);
    // Another key fails too.
    run(&["verify", "--key", KEY, WAP_NOTIFICATION]).assert_code(1);
    // An unknown sec_id is a usage error naming it.
    let odd = WAP_NOTIFICATION.replace("sec_id=MD5", "sec_id=0002");
    let r = run(&["verify", "--key", WAP_KEY, &odd]);
    r.assert_code(2);
    assert!(r.stderr.contains("0002"), "{}", r.stderr);
}

#[test]
fn sec_id_gives_the_sign_type_of_other_parameter_sets() {
    // A WAP 2.0 request's parameters: signed by the sorted rule, sec_id in it.
    let string = "_input_charset=utf-8&format=xml&partner=2088101122136241&req_data=<r/>&req_id=1&sec_id=MD5&service=alipay.wap.trade.create.direct&v=2.0";
    let sign: String = {
        use md5::{Digest, Md5};
        let mut h = Md5::new();
        h.update(string.as_bytes());
        h.update(WAP_KEY.as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    };
    let query = format!(
        "_input_charset=utf-8&format=xml&partner=2088101122136241&req_data=%3Cr%2F%3E&req_id=1&sec_id=MD5&service=alipay.wap.trade.create.direct&v=2.0&sign={sign}"
    );
    run(&["verify", "--key", WAP_KEY, &query]).assert_code(0);
}

/// A WAP 2.0 notification with `sec_id=0001`, as the gateway sends it:
/// `notify_data` encrypted for the merchant (rsa1024), the sign made by the
/// gateway (rsa2048) over the decrypted text. Both by OpenSSL
/// (runtime/tests/fixtures/README.md).
fn encrypted_notification() -> String {
    format!(
        "service=alipay.wap.trade.create.direct&v=1.0&sec_id=0001&notify_data={}&sign={}",
        pct(fixture_text("wap.notify_data.rsa1024.b64").as_bytes()),
        pct(fixture_text("wap.notify.utf8.rsa2048.sig.b64").as_bytes())
    )
}

#[test]
fn an_encrypted_wap_notification_verifies_with_the_merchant_key() {
    let body = encrypted_notification();
    let gateway = key_file("rsa2048.pub.pem");
    // Without the merchant's key nothing can be checked: say which to give.
    let r = run(&["verify", "--key", &gateway, &body]);
    r.assert_code(2);
    assert!(r.stderr.contains("--merchant-key"), "{}", r.stderr);
    let merchant = key_file("rsa1024.pkcs1.pem");
    let r = run(&[
        "verify",
        "--key",
        &gateway,
        "--merchant-key",
        &merchant,
        &body,
    ]);
    r.assert_code(0);
    let xml = std::fs::read_to_string(fixture("wap.notify_data.xml")).unwrap();
    assert!(
        r.stdout.contains(&format!("notify_data (decrypted)={xml}")),
        "{}",
        r.stdout
    );
    // Another merchant key cannot decrypt it.
    let other = key_file("rsa2048.pkcs1.pem");
    run(&["verify", "--key", &gateway, "--merchant-key", &other, &body]).assert_code(1);
}

#[test]
fn explain_uses_the_wap_rule() {
    // The clear MD5 notification: its fixed-order string, matched.
    let r = run(&["explain", "--key", WAP_KEY, WAP_NOTIFICATION]);
    r.assert_code(0);
    assert!(r.stdout.contains("variant:        WAP 2.0"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "signing string: service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data=<notify>"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("matches:        yes"), "{}", r.stdout);
    // Changed: no, and none of the sorted rule's mistakes is blamed.
    let forged = WAP_NOTIFICATION.replace("%3E1%3C", "%3E2%3C");
    let r = run(&["explain", "--key", WAP_KEY, &forged]);
    r.assert_code(1);
    assert!(r.stdout.contains("matches:        no"), "{}", r.stdout);
    assert!(!r.stdout.contains("tried"), "{}", r.stdout);
    // Encrypted: the string over the decrypted text, as OpenSSL signed it.
    let body = encrypted_notification();
    let args = [
        "explain",
        "--json",
        "--key",
        &key_file("rsa2048.pub.pem"),
        "--merchant-key",
        &key_file("rsa1024.pkcs1.pem"),
        &body,
    ];
    let r = run(&args);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["matches"], true);
    assert_eq!(v["variant"], "wap");
    assert_eq!(v["notify_data_decrypted"], true);
    let signed = std::fs::read_to_string(fixture("wap.notify.utf8.txt")).unwrap();
    assert_eq!(v["signing_string"], signed.as_str());
}

#[test]
fn explain_says_decrypted_only_when_notify_data_was_encrypted() {
    // Plain XML (sec_id=MD5), refused, with a merchant key given anyway.
    let forged = WAP_NOTIFICATION.replace("%3E1%3C", "%3E2%3C");
    let merchant = key_file("rsa1024.pkcs1.pem");
    let r = run(&[
        "explain",
        "--json",
        "--key",
        WAP_KEY,
        "--merchant-key",
        &merchant,
        &forged,
    ]);
    r.assert_code(1);
    assert_eq!(r.json()["notify_data_decrypted"], false);
    // Encrypted, decrypted, then refused: the string is over the decrypted
    // text, and says so.
    let body = encrypted_notification().replace("sign=", "sign=A");
    let r = run(&[
        "explain",
        "--key",
        &key_file("rsa2048.pub.pem"),
        "--merchant-key",
        &key_file("rsa1024.pkcs1.pem"),
        &body,
    ]);
    r.assert_code(1);
    assert!(
        r.stdout.contains("notify_data:    decrypted"),
        "{}",
        r.stdout
    );
}

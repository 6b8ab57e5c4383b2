//! WAP 2.0 notifications and token answers with `sec_id=0001`, whose
//! `notify_data` / `res_data` the gateway encrypts for the merchant (RSA
//! PKCS#1 v1.5 under the merchant's public key, block by block, base64), as
//! the official WAP demo decrypts them (PHP `AlipayNotify::verifyNotify` /
//! `rsaDecrypt`, Java `AlipayNotify.verifyNotify` / `RSA.decrypt`).
//!
//! Every ciphertext and sign here was made by the `openssl` CLI
//! (`openssl pkeyutl -encrypt -pkeyopt rsa_padding_mode:pkcs1` of each
//! 117-byte piece for the 1024-bit key, 245-byte piece for the 2048-bit one,
//! base64 of the concatenation; `openssl dgst -sha1 -sign` over the
//! fixed-order string with the plaintext): see `wap.*` in
//! fixtures/README.md and fixtures/generate.sh. rsa1024 plays the merchant
//! and rsa2048 the gateway, except where said.
#![cfg(all(feature = "md5", feature = "rsa"))]

use alipay_mapi_runtime::keys::{Md5Key, RsaPrivateKey, RsaPublicKey};
use alipay_mapi_runtime::variants::wap::{self, DecryptError, WapError};
use alipay_mapi_runtime::{
    Charset, Client, ReturnError, SignType, SignatureError, Signer, Verifier,
};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

fn merchant(bits: u32) -> Signer {
    Signer::rsa(RsaPrivateKey::load(&text(&format!("rsa{bits}.pkcs1.pem"))).unwrap())
}

fn gateway(bits: u32) -> Verifier {
    Verifier::rsa(RsaPublicKey::load(&text(&format!("rsa{bits}.pub.pem"))).unwrap())
}

fn client(merchant_bits: u32, gateway_bits: u32, charset: Charset) -> Client {
    Client::new("2088101122136241", merchant(merchant_bits))
        .unwrap()
        .with_charset(charset)
        .with_verifier(gateway(gateway_bits))
}

fn pct(value: &str) -> String {
    utf8_percent_encode(value, NON_ALPHANUMERIC).to_string()
}

/// The notification body as the gateway POSTs it.
fn body(notify_data: &str, sign: &str) -> Vec<u8> {
    format!(
        "service=alipay.wap.trade.create.direct&v=1.0&sec_id=0001&notify_data={}&sign={}",
        pct(notify_data),
        pct(sign)
    )
    .into_bytes()
}

fn utf8_body() -> Vec<u8> {
    body(
        &text("wap.notify_data.rsa1024.b64"),
        &text("wap.notify.utf8.rsa2048.sig.b64"),
    )
}

#[test]
fn an_encrypted_notification_is_decrypted_then_verified() {
    let n = client(1024, 2048, Charset::Utf8)
        .verify_wap_notification(&utf8_body())
        .unwrap();
    assert!(n.notify_data_was_encrypted());
    assert_eq!(n.sign_type(), SignType::Rsa);
    assert_eq!(n.notify_data(), text("wap.notify_data.xml"));
    assert_eq!(n.params().get("notify_data"), Some(n.notify_data()));
    assert_eq!(n.params().get("sec_id"), Some("0001"));
    // What was verified is the string OpenSSL signed: the plaintext in it.
    assert_eq!(
        n.signing_string().as_bytes(),
        fixture("wap.notify.utf8.txt")
    );
    assert_eq!(n.signing_string().as_str(), text("wap.notify.utf8.txt"));
    // And it reads as any notification.
    assert_eq!(
        n.notify_data_field("notify_id").unwrap().as_deref(),
        Some("5a48d316d8b97cc0383dae36fde5738c4a")
    );
    assert_eq!(
        n.notify_data_field("subject").unwrap().as_deref(),
        Some("测试商品")
    );
    assert_eq!(
        n.notify_data_field("body").unwrap().as_deref(),
        Some("中文描述，跨越分块")
    );
    // The free function does the same with the signer given.
    let same = wap::verify_notification_decrypting(
        &utf8_body(),
        &gateway(2048),
        &merchant(1024),
        Charset::Utf8,
    )
    .unwrap();
    assert_eq!(same, n);
}

#[test]
fn gbk_and_2048_bit_merchant_keys() {
    // GBK: the plaintext is GBK bytes (a character across the first block
    // boundary), and so is the signed string.
    let gbk = body(
        &text("wap.notify_data.gbk.rsa1024.b64"),
        &text("wap.notify.gbk.rsa2048.sig.b64"),
    );
    let n = client(1024, 2048, Charset::Gbk)
        .verify_wap_notification(&gbk)
        .unwrap();
    assert_eq!(n.notify_data(), text("wap.notify_data.xml"));
    assert_eq!(n.signing_string().as_bytes(), fixture("wap.notify.gbk.txt"));
    assert_eq!(
        n.notify_data_field("subject").unwrap().as_deref(),
        Some("测试商品")
    );
    // A 2048-bit merchant key: 256-byte blocks (245-byte pieces).
    let big = body(
        &text("wap.notify_data.rsa2048.b64"),
        &text("wap.notify.utf8.rsa1024.sig.b64"),
    );
    let n = client(2048, 1024, Charset::Utf8)
        .verify_wap_notification(&big)
        .unwrap();
    assert_eq!(n.notify_data(), text("wap.notify_data.xml"));
}

#[test]
fn base64_wrapped_in_lines_decrypts() {
    let wrapped: String = text("wap.notify_data.rsa1024.b64")
        .as_bytes()
        .chunks(76)
        .map(|line| format!("{}\r\n", std::str::from_utf8(line).unwrap()))
        .collect();
    let n = client(1024, 2048, Charset::Utf8)
        .verify_wap_notification(&body(&wrapped, &text("wap.notify.utf8.rsa2048.sig.b64")))
        .unwrap();
    assert_eq!(n.notify_data(), text("wap.notify_data.xml"));
}

#[test]
fn the_rule_in_one_function() {
    let plain = wap::decrypt(&text("wap.notify_data.rsa1024.b64"), &merchant(1024)).unwrap();
    assert_eq!(plain, fixture("wap.notify_data.xml"));
    let plain = wap::decrypt(&text("wap.notify_data.gbk.rsa1024.b64"), &merchant(1024)).unwrap();
    assert_eq!(plain, fixture("wap.notify_data.gbk.xml"));
    let md5 = Signer::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap());
    assert_eq!(
        wap::decrypt(&text("wap.notify_data.rsa1024.b64"), &md5),
        Err(DecryptError::NoPrivateKey {
            signer: Some(SignType::Md5)
        })
    );
}

/// Without the merchant's private key, an encrypted notification is an error
/// that says it is encrypted, not a key mismatch.
#[test]
fn without_the_private_key_it_says_notify_data_is_encrypted() {
    let err = wap::verify_notification(&utf8_body(), &gateway(2048), Charset::Utf8).unwrap_err();
    assert_eq!(
        err,
        WapError::Encrypted {
            param: "notify_data",
            reason: DecryptError::NoPrivateKey { signer: None }
        }
    );
    let message = err.to_string();
    assert!(
        message.starts_with("notify_data is encrypted (sec_id 0001"),
        "{message}"
    );
    assert!(message.contains("no merchant RSA private key"), "{message}");
    assert!(!message.contains("does not match"), "{message}");
    // A client that signs with MD5 holds no RSA key.
    let md5_client = Client::new(
        "2088101122136241",
        Signer::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap()),
    )
    .unwrap()
    .with_verifier(gateway(2048));
    let err = md5_client
        .verify_wap_notification(&utf8_body())
        .unwrap_err();
    assert_eq!(
        err,
        WapError::Encrypted {
            param: "notify_data",
            reason: DecryptError::NoPrivateKey {
                signer: Some(SignType::Md5)
            }
        }
    );
    assert!(err.to_string().contains("signs with MD5"), "{err}");
    // No verifier at all.
    let bare = Client::new("2088101122136241", merchant(1024)).unwrap();
    assert_eq!(
        bare.verify_wap_notification(&utf8_body()).unwrap_err(),
        WapError::Return(ReturnError::NoVerifier)
    );
}

#[test]
fn a_body_that_cannot_be_decrypted_says_why() {
    let sign = text("wap.notify.utf8.rsa2048.sig.b64");
    let reason = |client: &Client, notify_data: &str| match client
        .verify_wap_notification(&body(notify_data, &sign))
    {
        Err(WapError::Encrypted {
            param: "notify_data",
            reason,
        }) => reason,
        other => panic!("{other:?}"),
    };
    let ours = client(1024, 2048, Charset::Utf8);
    // Not base64.
    assert!(matches!(
        reason(&ours, "not*base64"),
        DecryptError::Base64(_)
    ));
    // Blocks of another key's size: 7 blocks of 128 bytes for a 2048-bit key.
    let other_size = client(2048, 2048, Charset::Utf8);
    let got = reason(&other_size, &text("wap.notify_data.rsa1024.b64"));
    assert_eq!(
        got,
        DecryptError::Length {
            len: 896,
            block: 256
        }
    );
    assert!(got.to_string().contains("another size"), "{got}");
    // Encrypted for another key of the same size.
    let wrong = Client::new(
        "2088101122136241",
        Signer::rsa(RsaPrivateKey::load(&text("rsa-wrong.pkcs1.pem")).unwrap()),
    )
    .unwrap()
    .with_verifier(gateway(1024));
    let got = reason(&wrong, &text("wap.notify_data.rsa2048.b64"));
    assert_eq!(got, DecryptError::WrongKey { bits: 2048 });
    let message = WapError::Encrypted {
        param: "notify_data",
        reason: got,
    }
    .to_string();
    assert!(message.contains("encrypted for another key"), "{message}");
}

/// Decrypted fine, but the sign is not the gateway's over it: a mismatch
/// against the gateway public key, over the decrypted string.
#[test]
fn a_decrypted_notification_whose_sign_does_not_match() {
    let forged = body(
        &text("wap.notify_data.rsa1024.b64"),
        &text("wap.notify.gbk.rsa2048.sig.b64"),
    );
    let err = client(1024, 2048, Charset::Utf8)
        .verify_wap_notification(&forged)
        .unwrap_err();
    let WapError::BadSignature {
        sign_type: SignType::Rsa,
        error: SignatureError::Mismatch,
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(
        err.signing_string(),
        Some(text("wap.notify.utf8.txt").as_str())
    );
    assert!(err.to_string().contains("gateway public key"), "{err}");
    // The gateway key that did not sign it.
    let err = client(1024, 1024, Charset::Utf8)
        .verify_wap_notification(&utf8_body())
        .unwrap_err();
    assert!(matches!(err, WapError::BadSignature { .. }), "{err:?}");
}

/// An MD5 notification, or an RSA one whose notify_data is XML, is read as
/// before, with or without a key to decrypt.
#[test]
fn plain_notify_data_is_not_decrypted() {
    let key = "t3stsecret0000000000000000000042";
    let md5_client = Client::new("2088101122136241", Signer::md5(Md5Key::new(key).unwrap()))
        .unwrap()
        .with_verifier(Verifier::md5(Md5Key::new(key).unwrap()));
    // The doctest's vector (`verify_notification`): Python's
    // hashlib.md5(b"service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data=<notify><notify_id>1</notify_id></notify>" + key).
    let body = b"service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5\
        &notify_data=%3Cnotify%3E%3Cnotify_id%3E1%3C%2Fnotify_id%3E%3C%2Fnotify%3E\
        &sign=762307da5e453b2d198ee5b37695a827";
    let n = md5_client.verify_wap_notification(body).unwrap();
    assert!(!n.notify_data_was_encrypted());
    // RSA with notify_data in the clear: the sign is over it as received.
    let plain = body_with_xml();
    let n = client(1024, 2048, Charset::Utf8)
        .verify_wap_notification(&plain)
        .unwrap();
    assert!(!n.notify_data_was_encrypted());
    assert_eq!(n.notify_data(), text("wap.notify_data.xml"));
    assert!(wap::verify_notification(&plain, &gateway(2048), Charset::Utf8).is_ok());
}

fn body_with_xml() -> Vec<u8> {
    body(
        &text("wap.notify_data.xml"),
        &text("wap.notify.utf8.rsa2048.sig.b64"),
    )
}

#[test]
fn an_encrypted_token_answer() {
    let answer = format!(
        "partner=2088101122136241&req_id=1&res_data={}&sec_id=0001\
         &service=alipay.wap.trade.create.direct&v=2.0&sign=x",
        pct(&text("wap.res_data.rsa1024.b64"))
    );
    let token = "20100830e8085e3e0868a466b822350ede5886e8";
    assert_eq!(
        client(1024, 2048, Charset::Utf8)
            .wap_request_token(answer.as_bytes())
            .unwrap(),
        token
    );
    assert_eq!(
        wap::request_token_decrypting(answer.as_bytes(), Charset::Utf8, &merchant(1024)).unwrap(),
        token
    );
    // Without the key: said to be encrypted.
    let err = wap::request_token(answer.as_bytes(), Charset::Utf8).unwrap_err();
    assert_eq!(
        err,
        WapError::Encrypted {
            param: "res_data",
            reason: DecryptError::NoPrivateKey { signer: None }
        }
    );
    assert!(
        err.to_string().starts_with("res_data is encrypted"),
        "{err}"
    );
    // With another key (its two 128-byte blocks are one 256-byte block of
    // the 2048-bit key, which gives no XML).
    let err = client(2048, 2048, Charset::Utf8)
        .wap_request_token(answer.as_bytes())
        .unwrap_err();
    assert_eq!(
        err,
        WapError::Encrypted {
            param: "res_data",
            reason: DecryptError::WrongKey { bits: 2048 }
        }
    );
}

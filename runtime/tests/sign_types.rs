//! Sign types a service's documents allow: the cross-border services are
//! signed with MD5, RSA or RSA2 (no DSA), `alipay.commerce.qrcode.modify`
//! with MD5 alone; a request signed otherwise is refused before it is sent.
#![cfg(all(feature = "md5", feature = "dsa", feature = "rsa"))]

use alipay_mapi_runtime::keys::{DsaPrivateKey, Md5Key, RsaPrivateKey};
use alipay_mapi_runtime::{variants::cross_border, Client, RequestError, SignType, Signer};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn client(signer: Signer) -> Client {
    Client::new("2088101122136241", signer).unwrap()
}

fn md5() -> Signer {
    Signer::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap())
}

fn dsa() -> Signer {
    Signer::dsa(DsaPrivateKey::from_der(&fixture("dsa1024.pkcs8.der")).unwrap())
}

fn rsa2() -> Signer {
    Signer::rsa2(RsaPrivateKey::from_der(&fixture("rsa2048.pkcs8.der")).unwrap())
}

const PARAMS: &[(&str, &str)] = &[("out_trade_no", "1")];

#[test]
fn cross_border_services_refuse_dsa() {
    for service in cross_border::SERVICES {
        let refused = client(dsa()).sign_params(service, PARAMS).unwrap_err();
        match &refused {
            RequestError::SignType {
                service: s,
                sign_type,
                allowed,
            } => {
                assert_eq!((s.as_str(), *sign_type), (*service, SignType::Dsa));
                assert!(!allowed.contains(&SignType::Dsa));
            }
            other => panic!("{service}: {other:?}"),
        }
        let message = refused.to_string();
        assert!(
            message.contains(service) && message.contains("not DSA"),
            "{message}"
        );
    }
    // MD5 and RSA2 are what the international documents list.
    for signer in [md5(), rsa2()] {
        assert!(client(signer)
            .sign_params("create_forex_trade", PARAMS)
            .is_ok());
    }
}

#[test]
fn qrcode_modify_is_md5_only() {
    let refused = client(rsa2())
        .sign_params("alipay.commerce.qrcode.modify", PARAMS)
        .unwrap_err();
    assert!(
        refused.to_string().contains("signed with MD5 only"),
        "{refused}"
    );
    assert!(client(md5())
        .sign_params("alipay.commerce.qrcode.modify", PARAMS)
        .is_ok());
}

#[test]
fn mainland_services_take_every_sign_type() {
    for signer in [md5(), dsa(), rsa2()] {
        assert!(client(signer)
            .sign_params("create_direct_pay_by_user", PARAMS)
            .is_ok());
    }
}

#[test]
fn notify_verify_is_not_signed_but_sent_by_notify_verify() {
    let refused = client(md5())
        .sign_params("notify_verify", &[("notify_id", "abc")])
        .unwrap_err();
    assert!(matches!(refused, RequestError::Variant { .. }));
    assert!(
        refused.to_string().contains("Client::notify_verify"),
        "{refused}"
    );
}

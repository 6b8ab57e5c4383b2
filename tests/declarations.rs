//! A declaration with `Number`, `Date` and optional fields, and an
//! asynchronous notification: serde in the gateway's wire formats, the
//! compile-time signing order against the runtime's, and a GBK notification
//! verified into `Notify`. MD5 signs here come from Python's hashlib.
#![cfg(feature = "md5")]

use alipay_mapi::service::BaseParams;
use alipay_mapi::types::{Date, Number};
use alipay_mapi::{
    alipay_service, keys::Md5Key, signing_string, Charset, Client, ServiceRequest, Signer, Verifier,
};
use proptest::prelude::*;

#[alipay_service(
    "create_direct_pay_by_user",
    doc = "tests/ui/docs/create_direct_pay_by_user.md"
)]
pub mod pay {}

fn request() -> pay::Request {
    pay::Request {
        notify_url: None,
        out_trade_no: "6843192280647118".into(),
        subject: "贝尔金护腕式".into(),
        total_fee: "100.00".parse().unwrap(),
        it_b_pay: Some("1h".into()),
    }
}

#[test]
fn serde_uses_wire_names_and_strings() {
    let json = serde_json::to_value(request()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "out_trade_no": "6843192280647118",
            "subject": "贝尔金护腕式",
            "total_fee": "100.00",
            "it_b_pay": "1h"
        })
    );
    let back: pay::Request = serde_json::from_value(json).unwrap();
    assert_eq!(back, request());
    let bad = serde_json::json!({"out_trade_no": "1", "subject": "s", "total_fee": "1e5"});
    let err = serde_json::from_value::<pay::Request>(bad).unwrap_err();
    assert!(err.to_string().contains("`1e5` is not a Number"), "{err}");
}

#[test]
fn subject_counts_chinese_as_two() {
    let mut r = request();
    r.subject = "中".repeat(128);
    assert!(r.validate().is_ok());
    r.subject = "中".repeat(129);
    let v = r.validate().unwrap_err();
    assert_eq!(v.len(), 1);
    assert_eq!(v.iter().next().unwrap().field, "subject");
}

#[test]
fn a_gbk_notification_verifies_into_notify() {
    let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    let client = Client::new("2088101011913539", Signer::md5(key.clone()))
        .unwrap()
        .with_charset(Charset::Gbk)
        .with_verifier(Verifier::md5(key));
    let body = "notify_time=2009-08-12+11%3A08%3A32&notify_type=trade_status_sync\
        &notify_id=70fec0c2730b27528665af4517c27b95&out_trade_no=3618810634349901\
        &total_fee=1.00&gmt_payment=2009-08-12+11%3A08%3A30&trade_status=TRADE_SUCCESS\
        &subject=%BB%A4%CD%F3&sign_type=MD5&sign=bd0f07aad706cbc9c0feac6d22776c85";
    let verified = client
        .verify_notification::<pay::Notify>(body.as_bytes(), None)
        .unwrap();
    assert_eq!(verified.total_fee, "1.00".parse::<Number>().unwrap());
    assert_eq!(
        verified.gmt_payment,
        Some("2009-08-12 11:08:30".parse::<Date>().unwrap())
    );
    // `subject` is not in the notification table: kept beside the value.
    let undeclared: Vec<_> = verified.undeclared().collect();
    assert!(undeclared.contains(&("subject", "护腕")), "{undeclared:?}");
    assert_eq!(
        verified.raw().get("notify_id"),
        Some("70fec0c2730b27528665af4517c27b95")
    );
}

proptest! {
    #[test]
    fn generated_signing_string_equals_the_generic_one(
        notify_url in proptest::option::of("[ -~]{0,20}"),
        out_trade_no in "[0-9a-z]{0,12}",
        subject in "[ -~\u{4e00}-\u{4e20}]{0,12}",
        total_fee in (0u32..100_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b:02}")),
        it_b_pay in proptest::option::of("[0-9a-z]{0,4}"),
        gbk in any::<bool>(),
    ) {
        let charset = if gbk { Charset::Gbk } else { Charset::Utf8 };
        let r = pay::Request {
            notify_url,
            out_trade_no,
            subject,
            total_fee: total_fee.parse().unwrap(),
            it_b_pay,
        };
        let base = BaseParams { partner: "2088101011913539", charset };
        let generated = r.signing_string(&base).unwrap();
        let generic = signing_string(&r.params(&base), charset).unwrap();
        prop_assert_eq!(generated.as_bytes(), generic.as_bytes());
        prop_assert_eq!(generated.as_str(), generic.as_str());

        // The one-buffer URL is the URL of the signed parameter list.
        let key = Md5Key::new("10000000000000000000000000000000").unwrap();
        let client = Client::new("2088101011913539", Signer::md5(key))
            .unwrap()
            .with_charset(charset);
        if r.validate().is_ok() {
            prop_assert_eq!(client.page_url(&r).unwrap(), client.sign_request(&r).unwrap().url());
        }
    }
}

/// The names whose `?` generated `validate()` refuses are the runtime's
/// (`Client::sign_params` checks the runtime's list).
#[test]
fn callback_url_lists_agree() {
    assert_eq!(
        alipay_mapi_codegen::model::CALLBACK_URLS,
        alipay_mapi::validate::CALLBACK_URLS.as_slice()
    );
}

//! `notify_id`, `notify_time` and `notify_type` are typed fields of `Notify`
//! (and of `Response` when the return table lists them), read from a
//! notification verified by `Client::verify_notification`. The body is signed
//! here with the `md-5` crate, by the gateway's rule written out by hand, not
//! by our signer.
#![cfg(feature = "md5")]

use alipay_mapi::types::{Date, Number};
use alipay_mapi::{
    alipay_service, keys::Md5Key, Client, FieldError, ServiceError, ServiceReturn, Signer, Verifier,
};
use md5::{Digest, Md5};

#[alipay_service(
    "create_direct_pay_by_user",
    request = "
参数名\t类型\t可空\t备注
out_trade_no\tString(64)\tN\t商户订单号
total_fee\tNumber\tN\t金额
",
    response = "
参数名\t类型\t可空\t备注
is_success\tString(1)\tN\t成功标识
notify_id\tString\tY\t通知校验ID
notify_time\tDate\tY\t通知时间
notify_type\tString\tY\t通知类型
out_trade_no\tString(64)\tY\t商户订单号
",
    notify = "
参数名\t类型\t可空\t备注
notify_time\tDate\tN\t通知时间
notify_type\tString\tN\t通知类型
notify_id\tString\tN\t通知校验ID
sign_type\tString\tN\t签名方式
sign\tString\tN\t签名
out_trade_no\tString(64)\tN\t商户订单号
total_fee\tNumber\tN\t金额
trade_status\tString\tY\t交易状态
"
)]
pub mod pay {}

const FORM: &str = "application/x-www-form-urlencoded; charset=utf-8";
const KEY: &str = "t3stsecret0000000000000000000042";
const PARTNER: &str = "2088101011913539";

fn client() -> Client {
    let key = Md5Key::new(KEY).unwrap();
    Client::new(PARTNER, Signer::md5(key.clone()))
        .unwrap()
        .with_verifier(Verifier::md5(key))
}

/// The gateway's side, by hand: sort the parameters by name, join them as
/// `name=value&…`, append the key, MD5 in hex; then a form body with every
/// value percent-encoded.
fn signed_body(params: &[(&str, &str)]) -> String {
    let mut sorted: Vec<&(&str, &str)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let signing: Vec<String> = sorted.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let digest = Md5::digest(format!("{}{KEY}", signing.join("&")).as_bytes());
    let sign: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let mut pairs: Vec<String> = params
        .iter()
        .map(|(n, v)| format!("{n}={}", encode(v)))
        .collect();
    pairs.push("sign_type=MD5".into());
    pairs.push(format!("sign={sign}"));
    pairs.join("&")
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const PARAMS: [(&str, &str); 7] = [
    ("notify_time", "2026-11-30 08:12:30"),
    ("notify_type", "trade_status_sync"),
    ("notify_id", "ac05099524730693a8b330c5ecf72da9786"),
    ("out_trade_no", "6843192280647118"),
    ("total_fee", "0.01"),
    ("trade_status", "TRADE_SUCCESS"),
    ("subject", "护腕"),
];

#[test]
fn notify_fields_are_typed_and_not_undeclared() {
    let body = signed_body(&PARAMS);
    let verified = client()
        .verify_notification::<pay::Notify>(body.as_bytes(), Some(FORM))
        .unwrap();
    let expected = pay::Notify {
        notify_time: "2026-11-30 08:12:30".parse::<Date>().unwrap(),
        notify_type: "trade_status_sync".into(),
        notify_id: "ac05099524730693a8b330c5ecf72da9786".into(),
        out_trade_no: "6843192280647118".into(),
        total_fee: "0.01".parse::<Number>().unwrap(),
        trade_status: Some("TRADE_SUCCESS".into()),
    };
    assert_eq!(verified.value(), &expected);
    // The key a handler needs to apply a resent notification once.
    assert_eq!(verified.notify_id, "ac05099524730693a8b330c5ecf72da9786");
    // Only what the table does not declare is undeclared.
    let undeclared: Vec<(&str, &str)> = verified.undeclared().collect();
    assert_eq!(undeclared, [("subject", "护腕")]);

    let names: Vec<&str> = <pay::Notify as ServiceReturn>::FIELDS
        .iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        names,
        [
            "notify_time",
            "notify_type",
            "notify_id",
            "out_trade_no",
            "total_fee",
            "trade_status"
        ]
    );
}

#[test]
fn a_notification_without_notify_id_is_a_field_error() {
    let params: Vec<(&str, &str)> = PARAMS
        .iter()
        .copied()
        .filter(|(n, _)| *n != "notify_id")
        .collect();
    let body = signed_body(&params);
    let err = client()
        .verify_notification::<pay::Notify>(body.as_bytes(), Some(FORM))
        .unwrap_err();
    assert_eq!(
        err,
        ServiceError::Field(FieldError::Missing { field: "notify_id" })
    );
}

#[test]
fn a_tampered_notification_is_refused() {
    let body = signed_body(&PARAMS).replace("total_fee=0.01", "total_fee=100.00");
    let err = client()
        .verify_notification::<pay::Notify>(body.as_bytes(), Some(FORM))
        .unwrap_err();
    assert!(matches!(err, ServiceError::Return(_)), "{err}");
}

#[test]
fn response_types_the_same_fields_the_same_way() {
    let response = pay::SPEC.response.unwrap();
    let notify = pay::SPEC.notify.unwrap();
    for name in ["notify_id", "notify_time", "notify_type"] {
        let r = response.iter().find(|f| f.name == name).unwrap();
        let n = notify.iter().find(|f| f.name == name).unwrap();
        assert_eq!((r.ident, r.ty), (n.ident, n.ty), "{name}");
    }
    let returned = pay::Response {
        notify_id: Some("ac05099524730693a8b330c5ecf72da9786".into()),
        notify_time: Some("2026-11-30 08:12:30".parse().unwrap()),
        notify_type: Some("trade_status_sync".into()),
        out_trade_no: None,
    };
    let _: Option<&Date> = returned.notify_time.as_ref();
}

/// A document with only a notification table declares no `Request` (so no
/// `PageRequest` / `ServerRequest`): the name stays free for the user's own
/// item, which would clash with a generated one.
#[alipay_service("ui.notify.only", doc = "tests/ui/docs/notify_only.md")]
pub mod notify_only {
    /// The user's own type of that name.
    #[derive(Debug, PartialEq)]
    pub struct Request;
}

#[test]
fn a_notification_only_document_declares_no_request() {
    assert_eq!(notify_only::Request, notify_only::Request);
    assert!(notify_only::SPEC.request.is_empty());
    let notify = notify_only::Notify {
        notify_id: "ac05099524730693a8b330c5ecf72da9786".into(),
        refund_no: "2026113000001".into(),
    };
    assert_eq!(notify.notify_id.len(), 35);
}

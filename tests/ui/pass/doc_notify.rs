//! A document with an asynchronous-notification section: `Notify` is
//! generated next to `Response`, with `Number` and `Date` fields and `Option`
//! for the rows that may be empty.
#![deny(warnings)]
use alipay_mapi::types::{Date, Number};
use alipay_mapi::{alipay_service, Charset, FieldType, ReceivedParams, ServiceReturn};

#[alipay_service(
    "create_direct_pay_by_user",
    doc = "tests/ui/docs/create_direct_pay_by_user.md"
)]
pub mod create_direct_pay_by_user {}

use create_direct_pay_by_user as pay;

fn main() {
    let notify_spec = pay::SPEC.notify.unwrap();
    let fields: Vec<(&str, FieldType, bool)> = notify_spec
        .iter()
        .map(|f| (f.name, f.ty, f.nullable))
        .collect();
    // sign_type and sign are base parameters of every notification;
    // notify_time, notify_type and notify_id are typed fields.
    assert_eq!(
        fields,
        [
            ("notify_time", FieldType::Date, false),
            ("notify_type", FieldType::String, false),
            ("notify_id", FieldType::String, false),
            ("out_trade_no", FieldType::String, false),
            ("total_fee", FieldType::Number, false),
            ("gmt_payment", FieldType::Date, true),
            ("trade_status", FieldType::String, true),
            ("buyer_email", FieldType::String, true),
        ]
    );
    assert_eq!(<pay::Notify as ServiceReturn>::FIELDS.len(), 8);

    let body = "notify_time=2009-08-12+11%3A08%3A32&notify_type=trade_status_sync\
                &notify_id=70fec0c2730b27528665af4517c27b95&sign_type=MD5&sign=x\
                &out_trade_no=3618810634349901&total_fee=1.00\
                &gmt_payment=2009-08-12+11%3A08%3A30&trade_status=TRADE_SUCCESS";
    let params = ReceivedParams::parse(body.as_bytes(), Charset::Utf8).unwrap();
    let notify = pay::Notify::from_params(&params).unwrap();
    let expected = pay::Notify {
        notify_time: "2009-08-12 11:08:32".parse::<Date>().unwrap(),
        notify_type: "trade_status_sync".into(),
        notify_id: "70fec0c2730b27528665af4517c27b95".into(),
        out_trade_no: "3618810634349901".into(),
        total_fee: "1.00".parse::<Number>().unwrap(),
        gmt_payment: Some("2009-08-12 11:08:30".parse::<Date>().unwrap()),
        trade_status: Some("TRADE_SUCCESS".into()),
        buyer_email: None,
    };
    assert_eq!(notify, expected);
    assert_eq!(notify.gmt_payment.as_ref().map(Date::minute), Some(8));

    // A Number that is not one is refused when reading the notification.
    let params = ReceivedParams::parse(
        b"notify_time=2009-08-12+11%3A08%3A32&notify_type=t&notify_id=1&out_trade_no=1&total_fee=1e5",
        Charset::Utf8,
    )
    .unwrap();
    let error = pay::Notify::from_params(&params).unwrap_err();
    assert_eq!(
        error.to_string(),
        "parameter `total_fee`: `1e5` is not a Number"
    );

    // The request has a Number field too, and an optional one.
    let request = pay::Request {
        notify_url: Some("https://merchant.example/notify".into()),
        out_trade_no: "6843192280647118".into(),
        subject: "贝尔金护腕式".into(),
        total_fee: Number::from(100u32),
        it_b_pay: None,
    };
    request.validate().unwrap();

    let response = pay::Response {
        out_trade_no: None,
        trade_status: None,
    };
    let _ = response;
    let _: <pay::Notify as ServiceReturn>::ErrorCode = pay::ErrorCode::TradeNotExist;
}

//! Documents in the formats of the first wave: the seed's tab-separated
//! text, Markdown, HTML, English headers, a notification table.
//!
//! Several cases in one file: trybuild builds each file as a crate of its
//! own, and that build is what costs.
#![deny(warnings)]

// A document in the gateway's own format: the page copied as text, its
// tables tab-separated, under numbered headings.
mod doc_seed_format {
use alipay_mapi::{alipay_service, ServiceRequest};

#[alipay_service("sns.cae.sign.customer", doc = "docs/seed_format.md")]
pub mod sns_cae_sign_customer {}

pub fn main() {
    use sns_cae_sign_customer as sns;

    let spec = &sns::SPEC;
    assert_eq!(spec.service, "sns.cae.sign.customer");
    // Base parameters (sign, _input_charset, sign_type, service, partner)
    // are the client's; the business rows become the fields.
    let fields: Vec<&str> = spec.request.iter().map(|f| f.ident).collect();
    assert_eq!(fields, ["return_url", "sns_user_id", "key"]);
    let key = spec.request_field("key").unwrap();
    assert_eq!((key.max_len, key.nullable), (Some(40), false));
    assert_eq!(key.label, "用户key");
    assert_eq!(spec.response.unwrap().len(), 1);
    assert_eq!(spec.errors.len(), 8);
    assert_eq!(spec.error_meaning("ILLEGAL_SIGN"), Some("数字验签失败"));
    assert!(std::ptr::eq(<sns::Request as ServiceRequest>::SPEC, spec));

    let request = sns::Request {
        return_url: "https://merchant.example/return".into(),
        sns_user_id: "id2011103454654656".into(),
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    };
    request.validate().unwrap();
    let too_long = sns::Request {
        key: "K".repeat(41),
        ..request.clone()
    };
    let violations = too_long.validate().unwrap_err();
    assert_eq!(violations.len(), 1);
    assert!(violations.field("key").is_some());

    assert_eq!(
        "SESSION_TIMEOUT".parse::<sns::ErrorCode>(),
        Ok(sns::ErrorCode::SessionTimeout)
    );
    let response = sns::Response {
        sns_user_id: "id20110923456789".into(),
    };
    assert_eq!(response.sns_user_id, "id20110923456789");
}
}

// A Markdown document with pipe tables (escaped `\_` and `\|` in cells).
mod doc_markdown {
use alipay_mapi::alipay_service;

#[alipay_service("sns.cae.sign.customer", doc = "../../codegen/tests/fixtures/markdown.md")]
pub mod sns {}

pub fn main() {
    let fields: Vec<&str> = sns::SPEC.request.iter().map(|f| f.name).collect();
    assert_eq!(fields, ["return_url", "sns_user_id", "key"]);
    // `-` in the example column means no example.
    assert_eq!(sns::SPEC.request_field("key").unwrap().example, None);
    assert_eq!(
        sns::SPEC.request_field("return_url").unwrap().example,
        Some("http://www.test.com/notify/alipay/interface.htm")
    );

    let request = sns::Request {
        return_url: "https://merchant.example/return".into(),
        sns_user_id: "id2011103454654656".into(),
        key: String::new(),
    };
    let violations = request.validate().unwrap_err();
    assert_eq!(violations.len(), 1);
    assert_eq!(
        violations.iter().next().unwrap().to_string(),
        "`key` is required but not given (or empty)"
    );

    let code: sns::ErrorCode = "NO_AUTHORIZE_ACCOUNT".parse().unwrap();
    assert_eq!(code.to_string(), "NO_AUTHORIZE_ACCOUNT");
    assert_eq!(code.meaning(), Some("用户没有授权"));
    let _: sns::Response = sns::Response {
        sns_user_id: String::new(),
    };
}
}

// The page's own HTML: `<table>` markup, colspan group rows, nested tags
// and entities in cells.
mod doc_html {
use alipay_mapi::alipay_service;

#[alipay_service("sns.cae.sign.customer", doc = "../../codegen/tests/fixtures/html_page.html")]
pub mod sns {}

pub fn main() {
    let fields: Vec<&str> = sns::SPEC.request.iter().map(|f| f.name).collect();
    assert_eq!(fields, ["return_url", "sns_user_id", "key"]);
    assert_eq!(
        sns::SPEC.request_field("sns_user_id").unwrap().description,
        "用户帐号ID <唯一>：不可重复"
    );
    assert_eq!(sns::SPEC.errors.len(), 8);

    let request = sns::Request {
        return_url: "https://merchant.example/return".into(),
        sns_user_id: "用户".repeat(13), // 52 in GBK width, String(50)
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    };
    let violations = request.validate().unwrap_err();
    assert!(violations.field("sns_user_id").is_some());

    assert_eq!(
        "ILLEGAL_PARTNER"
            .parse::<sns::ErrorCode>()
            .unwrap()
            .meaning(),
        Some("请求中的partner错误")
    );
}
}

// English headers: `Parameter | Name | Type | Description | Required`, where
// `Yes` means required (and `Optional` in the return table, where `Yes`
// means optional).
mod doc_english_required {
use alipay_mapi::{alipay_service, types::Number};

// A server call whose answer is headed `Return parameters`, as a return
// is: the declaration says which (`access = "server"`: the answer).
#[alipay_service("single_trade_query", doc = "docs/english.md", access = "server")]
pub mod single_trade_query {}

pub fn main() {
    use single_trade_query as query;

    let spec = &query::SPEC;
    let fields: Vec<(&str, &str, bool)> = spec
        .request
        .iter()
        .map(|f| (f.name, f.ident, f.nullable))
        .collect();
    assert_eq!(
        fields,
        [
            ("trade_no", "trade_no", true),
            ("out_trade_no", "out_trade_no", true),
            ("buyer_id", "buyer_id", false),
            ("extra.param-x", "extra_param_x", true),
        ]
    );
    assert_eq!(
        spec.request_field("trade_no").unwrap().label,
        "Alipay trade number"
    );

    // `Required: No` → `Option`, `Required: Yes` → the value itself.
    let request = query::Request {
        trade_no: None,
        out_trade_no: Some("6843192280647118".into()),
        buyer_id: "2088002464631181".into(),
        extra_param_x: Some("x".into()),
    };
    request.validate().unwrap();
    let missing = query::Request {
        buyer_id: String::new(),
        ..request
    };
    assert!(missing.validate().unwrap_err().field("buyer_id").is_some());

    // `Optional: Yes` → `Option`; `Number(10,2)` → `Number`.
    let response = query::Answer {
        trade_status: Some("TRADE_SUCCESS".into()),
        price: Some("9.90".parse::<Number>().unwrap()),
    };
    assert_eq!(response.price.as_ref().map(Number::as_str), Some("9.90"));

    assert_eq!(
        "TRADE_NOT_EXIST".parse::<query::ErrorCode>().unwrap(),
        query::ErrorCode::TradeNotExist
    );
}
}

// A document with an asynchronous-notification section: `Notify` is
// generated next to `Response`, with `Number` and `Date` fields and `Option`
// for the rows that may be empty.
mod doc_notify {
use alipay_mapi::types::{Date, Number};
use alipay_mapi::{alipay_service, Charset, FieldType, ReceivedParams, ServiceReturn};

#[alipay_service(
    "create_direct_pay_by_user",
    doc = "docs/create_direct_pay_by_user.md"
)]
pub mod create_direct_pay_by_user {}

use create_direct_pay_by_user as pay;

pub fn main() {
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
}

fn main() {
    doc_seed_format::main();
    doc_markdown::main();
    doc_html::main();
    doc_english_required::main();
    doc_notify::main();
}

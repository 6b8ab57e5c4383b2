//! What happens after the redirect, against its floor:
//!
//! - `notification`: `Client::verify_notification_params` of a GBK body of
//!   25 parameters (MD5) — charset detection, percent-decoding, GBK
//!   decoding, the signing string, the MD5 check — vs a bare MD5 (the md-5
//!   crate) of its signing string, prebuilt. Target: at most 2×.
//! - `xml_answer`: `Client::read_answer` of a `single_trade_query`-shaped
//!   answer — status, encoding, roxmltree parse, the shape checks, the
//!   typed extraction and the `<sign>` check (the answer's own tree is
//!   built only when asked for) — vs a bare
//!   `roxmltree::Document::parse` of the same bytes. Target: at most 1.5×.
//!
//! Run with `cargo bench -p alipay-mapi-runtime --bench lifecycle`.

use std::hint::black_box;
use std::time::Duration;

use alipay_mapi_runtime::__private::{self as generated, Found};
use alipay_mapi_runtime::answer::{FromXmlElement, ServiceAnswer, XmlElement, XmlElementRef};
use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::validate::LengthRule;
use alipay_mapi_runtime::{
    gateway_side, signing_string, Access, Charset, Client, FieldError, FieldSpec, ServiceSpec,
    Signer, Verifier,
};
use criterion::{criterion_group, criterion_main, Criterion};
use md5::{Digest, Md5};

const KEY: &str = "10000000000000000000000000000000";

fn client(charset: Charset) -> Client {
    let key = Md5Key::new(KEY).unwrap();
    Client::new("2088002464631181", Signer::md5(key.clone()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(key))
}

/// A trade_status_sync notification's 25 parameters (before sign_type and
/// sign), with Chinese text.
fn notification_pairs() -> Vec<(&'static str, &'static str)> {
    vec![
        ("discount", "0.00"),
        ("payment_type", "1"),
        ("subject", "护腕 一对，运动款"),
        ("trade_no", "2008102203208746"),
        ("buyer_email", "buyer@example.com"),
        ("gmt_create", "2008-10-22 20:49:31"),
        ("notify_type", "trade_status_sync"),
        ("quantity", "1"),
        ("out_trade_no", "6402757654153618"),
        ("seller_id", "2088002007018916"),
        ("notify_time", "2008-10-23 13:17:39"),
        ("body", "买一对护腕，送货上门，谢谢"),
        ("trade_status", "TRADE_SUCCESS"),
        ("is_total_fee_adjust", "N"),
        ("total_fee", "1.00"),
        ("gmt_payment", "2008-10-22 20:49:50"),
        ("seller_email", "seller@example.com"),
        ("price", "1.00"),
        ("buyer_id", "2088002007013600"),
        ("notify_id", "1d583bc9a4ed1df1e5f9d8f8d0a3e5b2"),
        ("use_coupon", "N"),
        ("gmt_close", "2008-10-23 13:17:39"),
        ("refund_status", "REFUND_SUCCESS"),
        ("gmt_refund", "2008-10-23 13:17:39"),
        ("extra_common_param", "订单备注"),
    ]
}

fn notification(c: &mut Criterion) {
    let pairs = notification_pairs();
    assert_eq!(pairs.len(), 25);
    let gateway = Signer::md5(Md5Key::new(KEY).unwrap());
    let body = gateway_side::notification_body(&gateway, Charset::Gbk, &pairs).unwrap();
    let client = client(Charset::Utf8);
    let content_type = Some("application/x-www-form-urlencoded; charset=GBK");
    assert!(client
        .verify_notification_params(&body, content_type)
        .is_ok());
    let string = signing_string(&pairs, Charset::Gbk).unwrap();
    let bytes = string.as_bytes().to_vec();

    let mut group = c.benchmark_group("notification");
    group.bench_function("verify_notification_gbk_25", |b| {
        b.iter(|| client.verify_notification_params(black_box(&body), content_type))
    });
    // Where the time goes: reading the body, then its signing string.
    group.bench_function("parts/parse_gbk_body", |b| {
        b.iter(|| alipay_mapi_runtime::ReceivedParams::parse(black_box(&body), Charset::Gbk))
    });
    let params = alipay_mapi_runtime::ReceivedParams::parse(&body, Charset::Gbk).unwrap();
    group.bench_function("parts/signing_string_gbk", |b| {
        b.iter(|| black_box(&params).signing_string(Charset::Gbk))
    });
    group.bench_function("bare_md5_of_signing_string", |b| {
        b.iter(|| {
            let mut h = Md5::new();
            h.update(black_box(&bytes));
            h.update(KEY.as_bytes());
            h.finalize()
        })
    });
    group.finish();
}

const fn field(name: &'static str) -> FieldSpec {
    FieldSpec::optional_string(name, &["trade"])
}

const FIELDS: &[FieldSpec] = &[
    field("trade_no"),
    field("out_trade_no"),
    field("subject"),
    field("trade_status"),
    field("total_fee"),
    field("buyer_email"),
    field("gmt_create"),
];

static SPEC: ServiceSpec = ServiceSpec {
    service: "single_trade_query",
    request: &[],
    response: None,
    notify: None,
    errors: &[],
    length_rule: LengthRule::GbkWidth,
    answer: Some(FIELDS),
    access: Access::Server,
    one_of: &[],
    either: &[],
};

/// What `#[alipay_service]` generates for this answer table: one pass over
/// each element's children finds the declared ones (a `match` on the name's
/// length, then its bytes), then each field is read from what was found.
#[allow(dead_code)]
struct Trade {
    trade_no: String,
    out_trade_no: Option<String>,
    subject: Option<String>,
    trade_status: Option<String>,
    total_fee: Option<alipay_mapi_runtime::types::Number>,
    buyer_email: Option<String>,
    gmt_create: Option<alipay_mapi_runtime::types::Date>,
}

impl FromXmlElement for Trade {
    fn from_element(element: XmlElementRef<'_>) -> Result<Self, FieldError> {
        let found: [Found<'_>; 7] =
            generated::find_children(element, |name: &[u8]| match name.len() {
                7 => match name {
                    b"subject" => Some(2),
                    _ => None,
                },
                8 => match name {
                    b"trade_no" => Some(0),
                    _ => None,
                },
                9 => match name {
                    b"total_fee" => Some(4),
                    _ => None,
                },
                10 => match name {
                    b"gmt_create" => Some(6),
                    _ => None,
                },
                11 => match name {
                    b"buyer_email" => Some(5),
                    _ => None,
                },
                12 => match name {
                    b"out_trade_no" => Some(1),
                    b"trade_status" => Some(3),
                    _ => None,
                },
                _ => None,
            });
        Ok(Trade {
            trade_no: generated::leaf_required(found[0], "trade.trade_no")?,
            out_trade_no: generated::leaf_optional(found[1], "trade.out_trade_no")?,
            subject: generated::leaf_optional(found[2], "trade.subject")?,
            trade_status: generated::leaf_optional(found[3], "trade.trade_status")?,
            total_fee: generated::leaf_optional(found[4], "trade.total_fee")?,
            buyer_email: generated::leaf_optional(found[5], "trade.buyer_email")?,
            gmt_create: generated::leaf_optional(found[6], "trade.gmt_create")?,
        })
    }
}

#[allow(dead_code)]
struct Answer {
    trade: Trade,
}

impl FromXmlElement for Answer {
    fn from_element(element: XmlElementRef<'_>) -> Result<Self, FieldError> {
        let found: [Found<'_>; 1] =
            generated::find_children(element, |name: &[u8]| match name.len() {
                5 => match name {
                    b"trade" => Some(0),
                    _ => None,
                },
                _ => None,
            });
        Ok(Answer {
            trade: generated::element_required(found[0], "trade")?,
        })
    }
}

impl ServiceAnswer for Answer {
    type ErrorCode = String;
    const SPEC: &'static ServiceSpec = &SPEC;
    const FIELDS: &'static [FieldSpec] = FIELDS;
    fn from_response(response: XmlElementRef<'_>) -> Result<Self, FieldError> {
        <Answer as FromXmlElement>::from_element(response)
    }
}

fn xml_answer(c: &mut Criterion) {
    let leaf = |n: &str, t: &str| XmlElement::leaf(n, t);
    let response = XmlElement {
        name: "response".into(),
        text: String::new(),
        children: vec![XmlElement {
            name: "trade".into(),
            text: String::new(),
            children: vec![
                leaf("body", "买一对护腕"),
                leaf("buyer_email", "buyer@example.com"),
                leaf("buyer_id", "2088002007013600"),
                leaf("discount", "0.00"),
                leaf("flag_trade_locked", "0"),
                leaf("gmt_create", "2008-10-22 20:49:31"),
                leaf("gmt_last_modified_time", "2008-10-22 20:49:50"),
                leaf("gmt_payment", "2008-10-22 20:49:50"),
                leaf("is_total_fee_adjust", "F"),
                leaf("operator_role", "B"),
                leaf("out_trade_no", "6402757654153618"),
                leaf("payment_type", "1"),
                leaf("price", "1.00"),
                leaf("quantity", "1"),
                leaf("seller_email", "seller@example.com"),
                leaf("seller_id", "2088002007018916"),
                leaf("subject", "护腕"),
                leaf("total_fee", "1.00"),
                leaf("trade_no", "2008102203208746"),
                leaf("trade_status", "TRADE_FINISHED"),
                leaf("use_coupon", "F"),
            ],
        }],
    };
    let gateway = Signer::md5(Md5Key::new(KEY).unwrap());
    let request = [
        ("_input_charset", "utf-8"),
        ("service", "single_trade_query"),
        ("partner", "2088002464631181"),
        ("trade_no", "2008102203208746"),
    ];
    let body =
        gateway_side::xml_answer(Some(&gateway), Charset::Utf8, &request, &response).unwrap();
    let http = http::Response::new(body.clone());
    let client = client(Charset::Utf8);
    assert!(client.read_answer::<Answer>(&http).is_ok());

    let mut group = c.benchmark_group("xml_answer");
    group.bench_function("read_answer_typed_signed", |b| {
        b.iter(|| client.read_answer::<Answer>(black_box(&http)).map(drop))
    });
    group.bench_function("bare_roxmltree_parse", |b| {
        b.iter(|| {
            let text = std::str::from_utf8(black_box(&body)).unwrap();
            roxmltree::Document::parse(text).map(|d| d.root().children().count())
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = notification, xml_answer
}
criterion_main!(benches);

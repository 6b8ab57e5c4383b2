//! Declarations and helpers the mock's tests share.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use alipay_mapi_runtime::validate::LengthRule;
use alipay_mapi_runtime::{
    keys::Md5Key, Access, Charset, Client, ErrorCodeSpec, FieldSpec, FieldType, ServiceSpec,
    Signer, Verifier,
};
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use axum::Router;

pub use alipay_mapi_mock::{TEST_MD5_KEY, TEST_PARTNER};

macro_rules! field {
    ($name:literal, $ty:ident, $len:expr, $nullable:literal) => {
        field!($name, $ty, $len, $nullable, &[])
    };
    ($name:literal, $ty:ident, $len:expr, $nullable:literal, $path:expr) => {
        FieldSpec {
            name: $name,
            ident: $name,
            ty: FieldType::$ty,
            max_len: $len,
            min_len: None,
            length_rule: None,
            scale: None,
            nullable: $nullable,
            label: "",
            description: "",
            example: None,
            path: $path,
        }
    };
}

/// A page call that creates a trade, declared here for the tests (only the
/// rows the tests need).
pub static PAY: ServiceSpec = ServiceSpec {
    service: "create_direct_pay_by_user",
    request: &[
        field!("out_trade_no", String, Some(64), false),
        field!("subject", String, Some(256), false),
        field!("payment_type", String, Some(4), false),
        field!("total_fee", Number, None, true),
        field!("seller_id", String, Some(16), true),
        field!("return_url", String, Some(200), true),
        field!("notify_url", String, Some(190), true),
        field!("body", String, Some(1000), true),
    ],
    response: Some(&[
        field!("out_trade_no", String, Some(64), true),
        field!("subject", String, Some(256), true),
        field!("trade_no", String, Some(64), true),
        field!("total_fee", Number, None, true),
        field!("trade_status", String, None, true),
        field!("notify_id", String, None, true),
        field!("notify_time", Date, None, true),
        field!("notify_type", String, None, true),
    ]),
    notify: Some(&[
        field!("out_trade_no", String, Some(64), true),
        field!("subject", String, Some(256), true),
        field!("trade_no", String, Some(64), true),
        field!("total_fee", Number, None, true),
        field!("trade_status", String, None, true),
        field!("buyer_email", String, Some(100), true),
        field!("gmt_payment", Date, None, true),
    ]),
    errors: &[
        ErrorCodeSpec {
            code: "ILLEGAL_SIGN",
            meaning: "bad signature",
        },
        ErrorCodeSpec {
            code: "SYSTEM_ERROR",
            meaning: "system error",
        },
    ],
    length_rule: LengthRule::GbkWidth,
    answer: None,
    access: Access::Page,
    one_of: &[],
    either: &[],
};

/// A server call reading a trade, with a nested answer table.
pub static QUERY: ServiceSpec = ServiceSpec {
    service: "single_trade_query",
    request: &[
        field!("trade_no", String, Some(64), true),
        field!("out_trade_no", String, Some(64), true),
    ],
    response: None,
    notify: None,
    errors: &[ErrorCodeSpec {
        code: "TRADE_NOT_EXIST",
        meaning: "no such trade",
    }],
    length_rule: LengthRule::GbkWidth,
    answer: Some(&[
        field!("out_trade_no", String, None, true, &["trade"]),
        field!("trade_no", String, None, true, &["trade"]),
        field!("subject", String, None, true, &["trade"]),
        field!("total_fee", Number, None, true, &["trade"]),
        field!("trade_status", String, None, true, &["trade"]),
        field!("buyer_email", String, None, true, &["trade"]),
    ]),
    access: Access::Server,
    one_of: &[],
    either: &[],
};

/// `close_trade`: a bare success.
pub static CLOSE: ServiceSpec = ServiceSpec {
    service: "close_trade",
    request: &[
        field!("trade_no", String, Some(64), true),
        field!("out_order_no", String, Some(64), true),
    ],
    response: None,
    notify: None,
    errors: &[],
    length_rule: LengthRule::GbkWidth,
    answer: None,
    access: Access::Server,
    one_of: &[],
    either: &[],
};

/// `refund_fastpay_by_platform_nopwd`: refunds, the result notified.
pub static REFUND: ServiceSpec = ServiceSpec {
    service: "refund_fastpay_by_platform_nopwd",
    request: &[
        field!("batch_no", String, Some(32), false),
        field!("batch_num", String, None, false),
        field!("detail_data", String, None, false),
        field!("notify_url", String, Some(200), true),
    ],
    response: None,
    notify: Some(&[
        field!("batch_no", String, None, false),
        field!("success_num", String, None, false),
        field!("result_details", String, None, true),
    ]),
    errors: &[],
    length_rule: LengthRule::GbkWidth,
    answer: None,
    access: Access::Server,
    one_of: &[],
    either: &[],
};

/// The default config serving the test declarations too, notifications
/// 10,000 times faster than the gateway.
pub fn config() -> alipay_mapi_mock::MockConfig {
    alipay_mapi_mock::MockConfig::default()
        .service(&PAY)
        .service(&QUERY)
        .service(&CLOSE)
        .service(&REFUND)
        .time_factor(10_000.0)
}

/// The merchant's client for `gateway`.
pub fn client(gateway: &str, charset: Charset) -> Client {
    let key = Md5Key::new(TEST_MD5_KEY).unwrap();
    Client::new(TEST_PARTNER, Signer::md5(key.clone()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(key))
        .with_gateway(gateway)
        .unwrap()
}

/// An HTTP client that does not follow redirects.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The cashier's Pay/Cancel/Fail action path in a cashier page.
/// A page of the gateway (the cashier), fetched as a browser would: its
/// HTML, after checking it is a 200.
pub async fn page(http: &reqwest::Client, url: &str) -> String {
    let r = http
        .get(url)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

pub fn action(page: &str, what: &str) -> String {
    let end = page.find(&format!("/{what}\"")).expect("cashier action");
    let start = page[..end].rfind("\"/cashier/").expect("cashier path") + 1;
    format!("{}/{what}", &page[start..end])
}

/// A merchant's notify endpoint on 127.0.0.1: records every body, answers
/// from `answers` in turn (the last one for ever).
pub struct Receiver {
    pub addr: SocketAddr,
    pub bodies: Bodies,
}

/// What a receiver got: each request's `Content-Type` and body.
pub type Bodies = Arc<Mutex<Vec<(Option<String>, Vec<u8>)>>>;

impl Receiver {
    pub fn url(&self) -> String {
        format!("http://{}/notify", self.addr)
    }

    pub fn count(&self) -> usize {
        self.bodies.lock().unwrap().len()
    }
}

pub async fn receiver(answers: &[&'static str]) -> Receiver {
    type Shared = (
        Arc<Mutex<Vec<(Option<String>, Vec<u8>)>>>,
        Arc<Vec<&'static str>>,
    );
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let shared: Shared = (bodies.clone(), Arc::new(answers.to_vec()));
    async fn handle(
        State((bodies, answers)): State<Shared>,
        headers: axum::http::HeaderMap,
        body: Bytes,
    ) -> &'static str {
        let mut b = bodies.lock().unwrap();
        let ct = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        b.push((ct, body.to_vec()));
        let i = (b.len() - 1).min(answers.len() - 1);
        answers[i]
    }
    let app = Router::new()
        .route("/notify", post(handle))
        .with_state(shared);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    Receiver { addr, bodies }
}

/// MD5 of `message ++ key`, by the `md-5` crate (not the runtime's signer).
pub fn md5_hex(message: &[u8], key: &str) -> String {
    use md5::{Digest, Md5};
    let mut h = Md5::new();
    h.update(message);
    h.update(key.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks an XML answer's `<sign>` independently: roxmltree, the leaves of
/// `<response>` sorted by name, joined, MD5 by `md-5`.
pub fn check_xml_sign(xml: &str, key: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    let response = root
        .children()
        .find(|n| n.has_tag_name("response"))
        .expect("<response>");
    let mut leaves: Vec<(String, String)> = response
        .descendants()
        .filter(|n| n.is_element() && !n.children().any(|c| c.is_element()))
        .map(|n| {
            (
                n.tag_name().name().to_owned(),
                n.text().unwrap_or("").to_owned(),
            )
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    leaves.sort();
    let string: Vec<String> = leaves.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let string = string.join("&");
    let sign = root
        .children()
        .find(|n| n.has_tag_name("sign"))
        .and_then(|n| n.text())
        .expect("<sign>");
    assert_eq!(
        sign,
        md5_hex(string.as_bytes(), key),
        "sign over `{string}`"
    );
    string
}

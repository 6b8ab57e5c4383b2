//! Hostile and edge-case requests against the mock, in process: a reviewer's
//! reproductions turned into regression tests.
use alipay_mapi_mock::{
    CashierError, Left, MockConfig, MockGateway, TradeStatus, TEST_MD5_KEY, TEST_PARTNER,
};
use md5::{Digest, Md5};

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn md5_hex(data: &[u8]) -> String {
    let d = Md5::digest(data);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// A signed UTF-8 query string for `pairs` (base params added), with
/// `sign_type` as given (`None`: left out).
fn signed(service: &str, pairs: &[(&str, &str)], sign_type: Option<&str>) -> String {
    let mut all: Vec<(String, String)> = vec![
        ("service".into(), service.into()),
        ("partner".into(), TEST_PARTNER.into()),
        ("_input_charset".into(), "utf-8".into()),
    ];
    for (n, v) in pairs {
        all.push(((*n).into(), (*v).into()));
    }
    let mut s: Vec<&(String, String)> = all.iter().filter(|(_, v)| !v.is_empty()).collect();
    s.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let string = s
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let sign = md5_hex(format!("{string}{TEST_MD5_KEY}").as_bytes());
    let mut q: Vec<String> = all
        .iter()
        .map(|(n, v)| format!("{}={}", enc(n), enc(v)))
        .collect();
    q.push(format!("sign={sign}"));
    if let Some(t) = sign_type {
        q.push(format!("sign_type={t}"));
    }
    q.join("&")
}

fn md5(service: &str, pairs: &[(&str, &str)]) -> String {
    signed(service, pairs, Some("MD5"))
}

async fn get(gw: &MockGateway, query: &str) -> (u16, String, http::HeaderMap) {
    let req = http::Request::get(format!("/gateway.do?{query}"))
        .header("accept", "text/html")
        .body(Vec::new())
        .unwrap();
    let r = gw.call(req).await.unwrap();
    (
        r.status().as_u16(),
        String::from_utf8_lossy(r.body()).into_owned(),
        r.headers().clone(),
    )
}

/// The code of the gateway's error page, if the body is one.
fn refused_code(body: &str) -> Option<&str> {
    let rest = &body[body.find("is_success=F&amp;error=")? + 23..];
    Some(&rest[..rest.find('<')?])
}

fn pay_params<'a>(out: &'a str, fee: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("out_trade_no", out),
        ("subject", "s"),
        ("payment_type", "1"),
        ("total_fee", fee),
        ("seller_id", TEST_PARTNER),
        ("return_url", "http://127.0.0.1:9/return"),
        ("notify_url", "http://127.0.0.1:9/notify"),
    ]
}

fn page_url(gw: &MockGateway, service: &str, pairs: &[(&str, &str)]) -> String {
    format!("{}?{}", gw.gateway_url(), md5(service, pairs))
}

fn pay_url(gw: &MockGateway, out: &str, fee: &str) -> String {
    page_url(gw, "create_direct_pay_by_user", &pay_params(out, fee))
}

fn refused(r: Result<Left, CashierError>) -> String {
    match r {
        Err(CashierError::Refused { code, .. }) => code,
        other => panic!("not refused: {other:?}"),
    }
}

// 1. Cashier buttons act on a WAIT_BUYER_PAY trade only.

#[tokio::test]
async fn cancel_on_a_second_page_does_not_close_a_paid_trade() {
    let gw = MockGateway::in_process(MockConfig::default());
    let url = pay_url(&gw, "ORD1", "1.00");
    let c1 = gw.open_page(&url).await.unwrap();
    let c2 = gw.open_page(&url).await.unwrap();
    assert_ne!(c1.id(), c2.id());
    assert!(matches!(c1.pay().await, Ok(Left::Returned { .. })));
    let notes = gw.notifications().len();
    assert_eq!(refused(c2.cancel().await), "TRADE_NOT_ALLOWED_PAY");
    let t = gw.trade(TEST_PARTNER, "ORD1").unwrap();
    assert_eq!(t.status, TradeStatus::TradeSuccess);
    assert!(t.gmt_close.is_none());
    assert_eq!(gw.notifications().len(), notes, "nothing is notified");
}

#[tokio::test]
async fn a_closed_trade_is_not_paid_from_a_page_opened_before() {
    let gw = MockGateway::in_process(MockConfig::default());
    let c1 = gw.open_page(&pay_url(&gw, "ORD2", "1.00")).await.unwrap();
    let (_, xml, _) = get(&gw, &md5("close_trade", &[("out_order_no", "ORD2")])).await;
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    let notes = gw.notifications().len();
    assert_eq!(refused(c1.pay().await), "TRADE_NOT_ALLOWED_PAY");
    let t = gw.trade(TEST_PARTNER, "ORD2").unwrap();
    assert_eq!(t.status, TradeStatus::TradeClosed);
    assert!(t.gmt_payment.is_none());
    assert_eq!(gw.notifications().len(), notes);
}

#[tokio::test]
async fn an_order_is_paid_once_from_two_pages() {
    let gw = MockGateway::in_process(MockConfig::default());
    let url = pay_url(&gw, "ORD3", "1.00");
    let c1 = gw.open_page(&url).await.unwrap();
    let c2 = gw.open_page(&url).await.unwrap();
    assert!(matches!(c1.pay().await, Ok(Left::Returned { .. })));
    let paid_at = gw.trade(TEST_PARTNER, "ORD3").unwrap().gmt_payment;
    let notes = gw.notifications().len();
    assert_eq!(refused(c2.pay().await), "TRADE_NOT_ALLOWED_PAY");
    assert_eq!(gw.trade(TEST_PARTNER, "ORD3").unwrap().gmt_payment, paid_at);
    assert_eq!(gw.notifications().len(), notes);
}

#[tokio::test]
async fn an_escrow_trade_moved_on_is_not_cancelled() {
    let gw = MockGateway::in_process(MockConfig::default());
    let url = page_url(
        &gw,
        "create_partner_trade_by_buyer",
        &[
            ("out_trade_no", "ESC1"),
            ("subject", "s"),
            ("payment_type", "1"),
            ("logistics_type", "EXPRESS"),
            ("logistics_fee", "0.00"),
            ("logistics_payment", "SELLER_PAY"),
            ("price", "1.00"),
            ("quantity", "1"),
            ("seller_email", "seller@example.com"),
            ("return_url", "http://127.0.0.1:9/return"),
        ],
    );
    let c1 = gw.open_page(&url).await.unwrap();
    let c2 = gw.open_page(&url).await.unwrap();
    assert!(matches!(c1.pay().await, Ok(Left::Returned { .. })));
    assert_eq!(
        gw.trade(TEST_PARTNER, "ESC1").unwrap().status,
        TradeStatus::WaitSellerSendGoods
    );
    assert_eq!(refused(c2.cancel().await), "ILLEGAL_ARGUMENT");
    assert_eq!(
        gw.trade(TEST_PARTNER, "ESC1").unwrap().status,
        TradeStatus::WaitSellerSendGoods
    );
}

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

// 2. A second page call for an unpaid order must say what the first said.

async fn open_code(gw: &MockGateway, url: &str) -> String {
    match gw.open_page(url).await {
        Err(CashierError::Refused { code, .. }) => code,
        other => panic!("not refused: {other:?}"),
    }
}

fn price_params<'a>(out: &'a str, price: &'a str, quantity: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut p = pay_params(out, "");
    p.retain(|(n, _)| *n != "total_fee");
    p.push(("price", price));
    if !quantity.is_empty() {
        p.push(("quantity", quantity));
    }
    p
}

#[tokio::test]
async fn a_second_page_call_with_another_amount_or_seller_is_refused() {
    let gw = MockGateway::in_process(MockConfig::default());
    gw.open_page(&pay_url(&gw, "ORD4", "1.00")).await.unwrap();
    assert_eq!(
        open_code(&gw, &pay_url(&gw, "ORD4", "2.00")).await,
        "TRADE_TOTALFEE_NOT_MATCH"
    );
    // The same amount written otherwise is the same order.
    gw.open_page(&pay_url(&gw, "ORD4", "1")).await.unwrap();
    let mut other_seller = pay_params("ORD4", "1.00");
    other_seller.retain(|(n, _)| *n != "seller_id");
    other_seller.push(("seller_id", "2088000000000009"));
    let url = page_url(&gw, "create_direct_pay_by_user", &other_seller);
    assert_eq!(open_code(&gw, &url).await, "TRADE_SELLER_NOT_MATCH");
    let t = gw.trade(TEST_PARTNER, "ORD4").unwrap();
    assert_eq!(
        (t.total_cents, t.param("seller_id")),
        (100, Some(TEST_PARTNER))
    );

    // price × quantity: each part has its code.
    let url =
        |p: &str, q: &str| page_url(&gw, "create_direct_pay_by_user", &price_params("PQ", p, q));
    gw.open_page(&url("1.00", "2")).await.unwrap();
    assert_eq!(
        open_code(&gw, &url("2.00", "1")).await,
        "TRADE_PRICE_NOT_MATCH"
    );
    assert_eq!(
        open_code(&gw, &url("1.00", "3")).await,
        "TRADE_QUANTITY_NOT_MATCH"
    );
    gw.open_page(&url("1.0", "2")).await.unwrap();
    // The same quantity written otherwise is the same order too.
    gw.open_page(&url("1.00", "02")).await.unwrap();
    assert_eq!(gw.trade(TEST_PARTNER, "PQ").unwrap().total_cents, 200);
}

// 3. Amounts within 0.01 ..= 100000000.00, quantity a whole number >= 1.

#[tokio::test]
async fn amounts_out_of_range_are_refused() {
    let gw = MockGateway::in_process(MockConfig::default());
    for (out, fee) in [
        ("Z0", "0"),
        ("Z1", "0.00"),
        ("Z2", "100000000.01"),
        ("Z3", "999999999.99"),
    ] {
        assert_eq!(
            open_code(&gw, &pay_url(&gw, out, fee)).await,
            "ILLEGAL_FEE_PARAM",
            "total_fee={fee}"
        );
        assert!(gw.trade(TEST_PARTNER, out).is_none());
    }
    for (out, fee) in [("Z4", "0.01"), ("Z5", "100000000.00")] {
        gw.open_page(&pay_url(&gw, out, fee)).await.unwrap();
    }
    // price x quantity
    for (out, price, qty) in [
        ("PQ0", "1.00", "0"),
        ("PQ1", "1.00", "2.5"),
        ("PQ4", "0.00", "1"),
        ("PQ5", "100000000.00", "2"),
    ] {
        let url = page_url(
            &gw,
            "create_direct_pay_by_user",
            &price_params(out, price, qty),
        );
        assert_eq!(
            open_code(&gw, &url).await,
            "ILLEGAL_FEE_PARAM",
            "{price} x {qty}"
        );
        assert!(gw.trade(TEST_PARTNER, out).is_none());
    }
    // A sign is refused too (by the request table's Number, before the amount).
    for (out, qty) in [("PQ2", "+1"), ("PQ3", "-1")] {
        let url = page_url(
            &gw,
            "create_direct_pay_by_user",
            &price_params(out, "1.00", qty),
        );
        assert!(gw.open_page(&url).await.is_err(), "quantity {qty}");
        assert!(gw.trade(TEST_PARTNER, out).is_none());
    }
    let url = page_url(
        &gw,
        "create_direct_pay_by_user",
        &price_params("PQ6", "1.25", "3"),
    );
    gw.open_page(&url).await.unwrap();
    assert_eq!(gw.trade(TEST_PARTNER, "PQ6").unwrap().total_cents, 375);
}

// 4. sign_type: required, upper case.

#[tokio::test]
async fn sign_type_missing_or_lower_case_is_refused() {
    let gw = MockGateway::in_process(MockConfig::default());
    for (out, sign_type) in [("NS1", None), ("NS2", Some("md5")), ("NS3", Some("Md5"))] {
        let q = signed(
            "create_direct_pay_by_user",
            &pay_params(out, "1.00"),
            sign_type,
        );
        let (_, body, _) = get(&gw, &q).await;
        assert_eq!(
            refused_code(&body),
            Some("ILLEGAL_SIGN_TYPE"),
            "{sign_type:?}: {body}"
        );
        assert!(gw.trade(TEST_PARTNER, out).is_none());
        let ex = gw.exchanges().pop().unwrap();
        assert!(ex.reason.contains("sign_type"), "{}", ex.reason);
    }
    // A server call answers XML.
    let q = signed("close_trade", &[("out_order_no", "x")], None);
    let req = http::Request::get(format!("/gateway.do?{q}"))
        .body(Vec::new())
        .unwrap();
    let xml = String::from_utf8(gw.call(req).await.unwrap().into_body()).unwrap();
    assert!(xml.contains("<error>ILLEGAL_SIGN_TYPE</error>"), "{xml}");
    // Upper case is accepted; notify_verify needs no signature at all.
    let q = signed(
        "create_direct_pay_by_user",
        &pay_params("NS4", "1.00"),
        Some("MD5"),
    );
    assert_eq!(get(&gw, &q).await.0, 200);
    let q = format!("service=notify_verify&partner={TEST_PARTNER}&notify_id=x");
    assert_eq!(get(&gw, &q).await.1, "false");
}

// 5. notify_ids hold `/` and `+`: encoded once they verify, twice or not at
// all they do not.

#[tokio::test]
async fn a_notify_id_verifies_only_when_encoded_once() {
    use alipay_mapi_runtime::{keys::Md5Key, Client, NotifyVerification, Signer, Verifier};
    let gw = MockGateway::in_process(MockConfig::default());
    let key = Md5Key::new(TEST_MD5_KEY).unwrap();
    let client = Client::new(TEST_PARTNER, Signer::md5(key.clone()))
        .unwrap()
        .with_gateway(&gw.gateway_url())
        .unwrap()
        .with_verifier(Verifier::md5(key));
    let Left::Returned { url } = gw.pay(&pay_url(&gw, "NV1", "1.00")).await.unwrap() else {
        panic!("not returned")
    };
    let ret = client.verify_return_params(&url).unwrap();
    let id = ret.get("notify_id").unwrap().to_owned();
    // The id itself holds `%2F` (WAVE2.md), so the wire holds `%252F`.
    assert!(id.contains("%2F") && id.contains("%2B"), "{id}");
    assert!(url.contains("%252F") && url.contains("%252B"), "{url}");
    assert!(url.contains(&format!("notify_id={}", enc(&id))), "{url}");
    assert_eq!(
        client.notify_verify(&gw, &id).await.unwrap(),
        NotifyVerification::Valid
    );
    let ask = |sent: String| {
        let gw = &gw;
        async move {
            let q = format!("service=notify_verify&partner={TEST_PARTNER}&notify_id={sent}");
            get(gw, &q).await.1
        }
    };
    assert_eq!(ask(enc(&id)).await, "true");
    assert_eq!(ask(enc(&enc(&id))).await, "false", "encoded twice");
    assert_eq!(ask(id.clone()).await, "false", "not encoded");
    // Decoded twice (`/`, `+`), then encoded once.
    let twice = id.replace("%2F", "/").replace("%2B", "+");
    assert_eq!(ask(enc(&twice)).await, "false", "decoded twice");
}

// 6. Cashier sessions, notify_ids and notifications are bounded.

#[tokio::test(flavor = "multi_thread")]
async fn cashier_sessions_are_bounded_and_the_oldest_times_out() {
    use alipay_mapi_mock::state::MAX_CASHIER_SESSIONS;
    let gw = MockGateway::in_process(MockConfig::default());
    let big = "x".repeat(1000);
    let url = {
        let mut p = pay_params("MEM1", "1.00");
        p.push(("body", &big));
        page_url(&gw, "create_direct_pay_by_user", &p)
    };
    let first = gw.open_page(&url).await.unwrap();
    // A used page answers SESSION_TIMEOUT.
    let used = gw.open_page(&url).await.unwrap();
    assert!(matches!(
        used.fail("SYSTEM_ERROR").await,
        Ok(Left::Returned { .. })
    ));
    assert_eq!(refused(used.fail("SYSTEM_ERROR").await), "SESSION_TIMEOUT");
    for _ in 0..MAX_CASHIER_SESSIONS {
        gw.open_page(&url).await.unwrap();
    }
    assert_eq!(gw.cashier_session_count(), MAX_CASHIER_SESSIONS);
    // The oldest was dropped: its buttons time out and change nothing.
    assert_eq!(refused(first.pay().await), "SESSION_TIMEOUT");
    assert_eq!(
        gw.trade(TEST_PARTNER, "MEM1").unwrap().status,
        TradeStatus::WaitBuyerPay
    );
    // An id never handed out, likewise.
    let req = http::Request::post("/cashier/nope/pay")
        .body(Vec::new())
        .unwrap();
    let body = String::from_utf8(gw.call(req).await.unwrap().into_body()).unwrap();
    assert_eq!(refused_code(&body), Some("SESSION_TIMEOUT"), "{body}");
}

#[tokio::test]
async fn notify_ids_past_their_validity_are_forgotten() {
    let gw = MockGateway::in_process(
        MockConfig::default().notify_id_validity(std::time::Duration::from_millis(100)),
    );
    for i in 0..50 {
        let c = gw
            .open_page(&pay_url(&gw, &format!("NI{i}"), "1.00"))
            .await
            .unwrap();
        c.fail("SYSTEM_ERROR").await.unwrap();
        let c = gw
            .open_page(&pay_url(&gw, &format!("NJ{i}"), "1.00"))
            .await
            .unwrap();
        c.cancel().await.unwrap(); // a return's id
    }
    assert!(gw.notify_id_count() >= 50);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let c = gw
        .open_page(&pay_url(&gw, "NI-last", "1.00"))
        .await
        .unwrap();
    c.cancel().await.unwrap();
    assert!(
        gw.notify_id_count() <= 3,
        "{} ids held after expiry",
        gw.notify_id_count()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn finished_notifications_are_bounded() {
    use alipay_mapi_mock::state::MAX_NOTIFICATIONS;
    let config = MockConfig {
        schedule: Vec::new(), // one attempt, then given up
        ..MockConfig::default()
    };
    let gw = MockGateway::in_process(config);
    let c = gw.open_page(&pay_url(&gw, "NT1", "1.00")).await.unwrap();
    let trade_no = c.trade_no().unwrap().to_owned();
    let total = MAX_NOTIFICATIONS + 500;
    for i in 0..total {
        let status = if i % 2 == 0 {
            TradeStatus::TradeSuccess
        } else {
            TradeStatus::TradeFinished
        };
        assert!(gw.set_trade_status(&trade_no, status));
        if i % 500 == 499 {
            gw.wait_notifications(std::time::Duration::from_secs(30), |n| {
                n.iter().all(|n| n.finished)
            })
            .await;
        }
    }
    let n = gw
        .wait_notifications(std::time::Duration::from_secs(30), |n| {
            n.iter().all(|n| n.finished)
        })
        .await;
    assert!(
        n.len() <= MAX_NOTIFICATIONS,
        "{} notifications held",
        n.len()
    );
    assert_eq!(
        n.last().unwrap().seq,
        n.iter().map(|n| n.seq).max().unwrap()
    );
}

// 7. The request log keeps a bounded amount of each request.

#[tokio::test]
async fn the_request_log_cuts_long_texts() {
    use alipay_mapi_mock::state::{MAX_EXCHANGE_PARAMS, MAX_EXCHANGE_TEXT};
    let gw = MockGateway::in_process(MockConfig::default());
    let long = "a".repeat(64_000);
    let many: String = (0..200).map(|i| format!("&p{i}=v")).collect();
    let q = format!("_input_charset=utf-8&service=nope&x={long}{many}");
    let req = http::Request::post(format!("/gateway.do?{q}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("y={}", "b".repeat(64_000)).into_bytes())
        .unwrap();
    let xml = String::from_utf8(gw.call(req).await.unwrap().into_body()).unwrap();
    assert!(xml.contains("ILLEGAL_SERVICE"), "{xml}");
    let ex = gw.exchanges().pop().unwrap();
    let limit = MAX_EXCHANGE_TEXT + 40;
    assert!(
        ex.uri.len() < limit && ex.uri.contains(" bytes cut]"),
        "{}",
        ex.uri.len()
    );
    assert!(ex.reason.len() < limit);
    assert!(
        ex.params.len() <= MAX_EXCHANGE_PARAMS,
        "{}",
        ex.params.len()
    );
    assert!(ex
        .params
        .iter()
        .all(|(n, v)| n.len() < limit && v.len() < limit));
    let (n, v) = ex.params.last().unwrap();
    assert_eq!(n, "…");
    assert!(v.contains("more parameters cut"), "{v}");
    // The JSON state shows the cut entry.
    let req = http::Request::get("/_mock/state").body(Vec::new()).unwrap();
    let r = gw.call(req).await.unwrap();
    assert_eq!(r.status(), 200);
    let json = String::from_utf8(r.into_body()).unwrap();
    assert!(json.len() < 40_000, "{} bytes", json.len());
    assert!(json.contains("bytes cut]"));
}

// 8. notify_verify answers `invalid` to parameters it cannot read.

#[tokio::test]
async fn notify_verify_with_unreadable_parameters_is_invalid() {
    let gw = MockGateway::in_process(MockConfig::default());
    for q in [
        format!("service=notify_verify&partner={TEST_PARTNER}&notify_id=%FF"),
        format!("service=notify_verify&partner={TEST_PARTNER}&notify_id=a&notify_id=b"),
        format!("service=notify_verify&partner={TEST_PARTNER}&notify_id=a&_input_charset=nope"),
    ] {
        for accept in ["text/html", "*/*"] {
            let req = http::Request::get(format!("/gateway.do?{q}"))
                .header("accept", accept)
                .body(Vec::new())
                .unwrap();
            let r = gw.call(req).await.unwrap();
            assert_eq!(r.status(), 200);
            assert_eq!(String::from_utf8_lossy(r.body()), "invalid", "{q}");
        }
        let ex = gw.exchanges().pop().unwrap();
        assert!(ex.reason.contains("unreadable"), "{}", ex.reason);
    }
}

// 9. A fault for 0 calls never fires.

#[tokio::test]
async fn a_fault_for_zero_calls_never_fires() {
    let gw = MockGateway::in_process(MockConfig::default());
    gw.add_fault("close_trade=http502*0".parse().unwrap());
    gw.add_fault(
        alipay_mapi_mock::FaultRule::new("close_trade", alipay_mapi_mock::Fault::Reset).times(0),
    );
    let req = http::Request::post("/_mock/faults")
        .header("content-type", "application/json")
        .body(br#"{"service":"close_trade","fault":{"kind":"truncated"},"times":0}"#.to_vec())
        .unwrap();
    assert_eq!(gw.call(req).await.unwrap().status(), 204);
    let q = md5("close_trade", &[("out_order_no", "nope")]);
    for _ in 0..2 {
        let req = http::Request::get(format!("/gateway.do?{q}"))
            .body(Vec::new())
            .unwrap();
        let r = gw.call(req).await.expect("no reset");
        assert_eq!(r.status(), 200);
        let xml = String::from_utf8(r.into_body()).unwrap();
        assert!(xml.ends_with("</alipay>"), "{xml}");
        assert!(gw.exchanges().last().unwrap().fault.is_none());
    }
}

// 11. Refund batches: refund_date a real date, batch_num digits only.

#[tokio::test]
async fn refund_batches_need_a_real_date_and_a_digits_only_batch_num() {
    let gw = MockGateway::in_process(MockConfig::default());
    let c = gw.open_page(&pay_url(&gw, "RF1", "1.00")).await.unwrap();
    let trade_no = c.trade_no().unwrap().to_owned();
    c.pay().await.unwrap();
    let detail = format!("{trade_no}^0.10^r");
    let batch = |date: &'static str, no: &'static str, num: &'static str| {
        let detail = detail.clone();
        move |service: &str| {
            md5(
                service,
                &[
                    ("seller_user_id", TEST_PARTNER),
                    ("refund_date", date),
                    ("batch_no", no),
                    ("batch_num", num),
                    ("detail_data", &detail),
                ],
            )
        }
    };
    for (date, no, num, pwd_code) in [
        (
            "2024-02-30 12:00:00",
            "20261130001",
            "1",
            "REFUND_DATE_ERROR",
        ),
        (
            "2023-02-29 12:00:00",
            "20261130002",
            "1",
            "REFUND_DATE_ERROR",
        ),
        (
            "2024-04-31 00:00:00",
            "20261130003",
            "1",
            "REFUND_DATE_ERROR",
        ),
        (
            "2024-02-29 12:00:00",
            "20261130004",
            "+1",
            "BATCH_NUM_ERROR",
        ),
        (
            "2024-02-29 12:00:00",
            "20240230005",
            "1",
            "BATCH_NO_FORMAT_ERROR",
        ),
    ] {
        let q = batch(date, no, num);
        // The password refund names a code for each check.
        let (_, body, _) = get(&gw, &q("refund_fastpay_by_platform_pwd")).await;
        assert_eq!(
            refused_code(&body),
            Some(pwd_code),
            "{date} {no} {num}: {body}"
        );
        if pwd_code == "BATCH_NO_FORMAT_ERROR" {
            continue; // the password-less refund's batch_no format is not stated
        }
        // The password-less one answers the generic code, refunding nothing.
        let req = http::Request::get(format!(
            "/gateway.do?{}",
            q("refund_fastpay_by_platform_nopwd")
        ))
        .body(Vec::new())
        .unwrap();
        let xml = String::from_utf8(gw.call(req).await.unwrap().into_body()).unwrap();
        assert!(
            xml.contains("<error>ILLEGAL_ARGUMENT</error>"),
            "{date} {num}: {xml}"
        );
        assert_eq!(gw.trade(TEST_PARTNER, "RF1").unwrap().refunded_cents, 0);
    }
    // A leap day is a date.
    let req = http::Request::get(format!(
        "/gateway.do?{}",
        batch("2024-02-29 12:00:00", "20240229006", "1")("refund_fastpay_by_platform_nopwd")
    ))
    .body(Vec::new())
    .unwrap();
    let xml = String::from_utf8(gw.call(req).await.unwrap().into_body()).unwrap();
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    assert_eq!(gw.trade(TEST_PARTNER, "RF1").unwrap().refunded_cents, 10);
}

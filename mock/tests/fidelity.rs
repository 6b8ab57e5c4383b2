//! The mock against the catalogue's own declarations: what it answers is
//! computed from the request, the configuration and its state, never a
//! document's example; refunds, closes and escrow trades behave as the
//! gateway's evidence says.

mod common;

use std::time::Duration;

use alipay_mapi_mock::{Merchant, MockConfig, MockGateway, TradeStatus};
use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::{Access, Charset, Client, FieldSpec, FieldType, ServiceSpec, Signer};
use common::*;

/// The default configuration (the catalogue's declarations), notifications
/// 10,000 times faster than the gateway.
fn catalogue() -> MockConfig {
    MockConfig::default().time_factor(10_000.0)
}

/// Presses a cashier button; the `Location` it redirects to, or the page
/// when it does not redirect.
async fn press(gw: &MockGateway, cashier: &str, what: &str) -> String {
    let url = format!("{}{}", gw.base_url(), action(cashier, what));
    let r = http().post(url).send().await.unwrap();
    match r.headers().get("location") {
        Some(l) => l.to_str().unwrap().to_owned(),
        None => r.text().await.unwrap(),
    }
}

/// A server call's XML answer.
async fn server(c: &Client, service: &str, pairs: &[(&str, &str)]) -> String {
    let url = c.sign_params(service, pairs).unwrap().url();
    http().get(url).send().await.unwrap().text().await.unwrap()
}

/// Pays an instant trade of `fee` through the cashier; its `trade_no`.
async fn paid_trade(gw: &MockGateway, c: &Client, out: &str, fee: &str, notify: &str) -> String {
    let mut pairs = vec![
        ("out_trade_no", out),
        ("subject", "s"),
        ("payment_type", "1"),
        ("total_fee", fee),
        ("seller_id", TEST_PARTNER),
        ("return_url", "http://127.0.0.1:9/r"),
    ];
    if !notify.is_empty() {
        pairs.push(("notify_url", notify));
    }
    let url = c
        .sign_params("create_direct_pay_by_user", &pairs)
        .unwrap()
        .url();
    let cashier = page(&http(), &url).await;
    press(gw, &cashier, "pay").await;
    let t = gw.trade(TEST_PARTNER, out).unwrap();
    assert_eq!(t.status, TradeStatus::TradeSuccess);
    t.trade_no
}

fn param<'a>(n: &'a alipay_mapi_mock::Notification, name: &str) -> Option<&'a str> {
    n.params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The escrow page call of the catalogue, paid at the cashier: the
/// return's location.
async fn escrow_paid(gw: &MockGateway, c: &Client, out: &str, notify: &str) -> String {
    let url = c
        .sign_params(
            "create_partner_trade_by_buyer",
            &[
                ("out_trade_no", out),
                ("subject", "escrow"),
                ("payment_type", "1"),
                ("logistics_type", "EXPRESS"),
                ("logistics_fee", "10.00"),
                ("logistics_payment", "BUYER_PAY"),
                ("price", "20.00"),
                ("quantity", "2"),
                ("seller_email", "shop@example.org"),
                ("notify_url", notify),
                ("return_url", "http://127.0.0.1:9/r"),
            ],
        )
        .unwrap()
        .url();
    let cashier = page(&http(), &url).await;
    press(gw, &cashier, "pay").await
}

#[tokio::test]
async fn returns_and_answers_carry_computed_values_never_the_documents_examples() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let shop = receiver(&["success"]).await;
    let location = escrow_paid(&gw, &c, "E1", &shop.url()).await;
    let ret = c.verify_return_params(&location).unwrap();
    // The merchant's partner, not the document's 2088101122136241.
    assert_eq!(ret.get("partnerId"), Some(TEST_PARTNER), "{location}");
    assert_eq!(ret.get("seller_email"), Some("shop@example.org"));
    assert_eq!(ret.get("seller_id"), Some(TEST_PARTNER));
    assert!(!location.contains("2088101122136241"), "{location}");

    // query_timestamp's key is the mock's own, not the document's.
    let xml = server(&c, "query_timestamp", &[]).await;
    assert!(xml.contains("<encrypt_key>"), "{xml}");
    assert!(
        !xml.contains("KGcbuPkZBCo2jBcwSgIRGkBOmN4AQs2uwTJvHc2mt2g9SgsHDF3Xm8w="),
        "{xml}"
    );
}

/// A declaration of the test's own with a required answer leaf nothing
/// computes.
static MYSTERY: ServiceSpec = ServiceSpec {
    service: "test.mystery",
    request: &[FieldSpec {
        nullable: true,
        ..FieldSpec::optional_string("subject", &[])
    }],
    response: None,
    notify: None,
    errors: &[],
    length_rule: alipay_mapi_runtime::validate::LengthRule::GbkWidth,
    answer: Some(&[FieldSpec {
        nullable: false,
        ty: FieldType::String,
        example: Some("EXAMPLE-VALUE"),
        ..FieldSpec::optional_string("riddle", &["box"])
    }]),
    access: Access::Server,
    one_of: &[],
    either: &[],
};

#[tokio::test]
async fn a_required_field_the_mock_cannot_compute_is_left_out_and_named_by_the_inspector() {
    let gw = MockGateway::start_with(catalogue().service(&MYSTERY))
        .await
        .unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let xml = server(&c, "test.mystery", &[("subject", "x")]).await;
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    assert!(!xml.contains("EXAMPLE-VALUE"), "{xml}");
    let ex = gw.exchanges();
    let last = ex.last().unwrap();
    assert!(
        last.reason.contains("not simulated") && last.reason.contains("box.riddle"),
        "{}",
        last.reason
    );
    let inspector = http()
        .get(format!("{}/_mock/inspector", gw.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(inspector.contains("box.riddle"), "{inspector}");
}

/// A refund page call (`refund_fastpay_by_platform_pwd`) signed for `c`.
fn pwd_refund_url(c: &Client, batch_no: &str, num: &str, detail: &str, notify: &str) -> String {
    c.sign_params(
        "refund_fastpay_by_platform_pwd",
        &[
            ("seller_user_id", TEST_PARTNER),
            ("refund_date", "2026-11-30 12:00:00"),
            ("batch_no", batch_no),
            ("batch_num", num),
            ("detail_data", detail),
            ("notify_url", notify),
        ],
    )
    .unwrap()
    .url()
}

#[tokio::test]
async fn the_password_refund_refunds_after_the_cashier_and_notifies_the_batch() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let shop = receiver(&["success"]).await;
    let no = paid_trade(&gw, &c, "P1", "1.00", "").await;

    // A count that disagrees with detail_data is refused before the cashier.
    let refused = page(
        &http(),
        &pwd_refund_url(&c, "20261130001", "2", &format!("{no}^0.40^r"), &shop.url()),
    )
    .await;
    assert!(
        refused.contains("error=BATCH_NUM_NOT_EQUAL_TOTAL"),
        "{refused}"
    );

    let cashier = page(
        &http(),
        &pwd_refund_url(&c, "20261130002", "1", &format!("{no}^0.40^r"), &shop.url()),
    )
    .await;
    assert!(cashier.contains("id=\"pay\""), "{cashier}");
    assert_eq!(gw.trade(TEST_PARTNER, "P1").unwrap().refunded_cents, 0);
    press(&gw, &cashier, "pay").await;
    let t = gw.trade(TEST_PARTNER, "P1").unwrap();
    assert_eq!(t.refunded_cents, 40);
    assert_eq!(t.status, TradeStatus::TradeSuccess);
    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.iter()
                .any(|n| n.service == "refund_fastpay_by_platform_pwd" && n.delivered)
        })
        .await;
    let n = notes
        .iter()
        .find(|n| n.service == "refund_fastpay_by_platform_pwd")
        .unwrap();
    assert_eq!(param(n, "notify_type"), Some("batch_refund_notify"));
    assert_eq!(param(n, "batch_no"), Some("20261130002"));
    assert_eq!(param(n, "success_num"), Some("1"));
    assert_eq!(
        param(n, "result_details"),
        Some(format!("{no}^0.40^SUCCESS").as_str())
    );
    // The merchant verifies it.
    let (_, body) = shop.bodies.lock().unwrap()[0].clone();
    let v = c.verify_notification_params(&body, None).unwrap();
    assert_eq!(v.get("success_num"), Some("1"));

    // A refund of a trade that does not exist: nothing succeeds, and the
    // notification says so (not the document's success_num=1).
    let cashier = page(
        &http(),
        &pwd_refund_url(
            &c,
            "20261130003",
            "1",
            "2026000000000000^0.10^r",
            &shop.url(),
        ),
    )
    .await;
    press(&gw, &cashier, "pay").await;
    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.iter()
                .filter(|n| n.service == "refund_fastpay_by_platform_pwd")
                .count()
                == 2
        })
        .await;
    let n = notes
        .iter()
        .rfind(|n| n.service == "refund_fastpay_by_platform_pwd")
        .unwrap();
    assert_eq!(param(n, "success_num"), Some("0"));
    assert_eq!(
        param(n, "result_details"),
        Some("2026000000000000^0.10^TRADE_NOT_EXIST")
    );
}

/// A password-less refund batch's XML answer.
async fn nopwd(c: &Client, batch_no: &str, date: &str, detail: &str) -> String {
    server(
        c,
        "refund_fastpay_by_platform_nopwd",
        &[
            ("seller_user_id", TEST_PARTNER),
            ("refund_date", date),
            ("batch_no", batch_no),
            ("batch_num", "1"),
            ("detail_data", detail),
        ],
    )
    .await
}

#[tokio::test]
async fn a_reused_batch_no_is_refused_and_refunds_once() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let no = paid_trade(&gw, &c, "D1", "1.00", "").await;
    let detail = format!("{no}^0.30^r");
    let first = nopwd(&c, "20261130100", "2026-11-30 12:00:00", &detail).await;
    assert!(first.contains("<is_success>T</is_success>"), "{first}");
    // The retry after a timeout: refused, nothing refunded twice.
    let again = nopwd(&c, "20261130100", "2026-11-30 12:00:00", &detail).await;
    assert!(again.contains("<error>ILLEGAL_ARGUMENT</error>"), "{again}");
    assert!(gw
        .exchanges()
        .last()
        .unwrap()
        .reason
        .contains("already used"));
    assert_eq!(gw.trade(TEST_PARTNER, "D1").unwrap().refunded_cents, 30);
    // The same batch_no in the password refund: refused before the cashier.
    let shop = receiver(&["success"]).await;
    let refused = page(
        &http(),
        &pwd_refund_url(&c, "20261130100", "1", &detail, &shop.url()),
    )
    .await;
    assert!(refused.contains("error=DUPLICATE_BATCH_NO"), "{refused}");
    assert_eq!(gw.trade(TEST_PARTNER, "D1").unwrap().refunded_cents, 30);

    // A new number refunds.
    let other = nopwd(&c, "20261130101", "2026-11-30 12:00:00", &detail).await;
    assert!(other.contains("<is_success>T</is_success>"), "{other}");
    assert_eq!(gw.trade(TEST_PARTNER, "D1").unwrap().refunded_cents, 60);
}

#[tokio::test]
async fn refund_date_and_the_password_refunds_batch_no_are_checked() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let no = paid_trade(&gw, &c, "F1", "1.00", "").await;
    let detail = format!("{no}^0.10^r");
    for date in [
        "2026/11/30 12:00:00",
        "2026-11-30",
        "2026-13-30 12:00:00",
        "yesterday",
    ] {
        let xml = nopwd(&c, "20261130200", date, &detail).await;
        assert!(
            xml.contains("<error>ILLEGAL_ARGUMENT</error>"),
            "{date}: {xml}"
        );
    }
    assert_eq!(gw.trade(TEST_PARTNER, "F1").unwrap().refunded_cents, 0);
    let shop = receiver(&["success"]).await;
    for batch_no in [
        "X",
        "2026113001",
        "20261330001",
        "2026113000000000000000000000000001",
        "2026113000a1",
    ] {
        let refused = page(
            &http(),
            &pwd_refund_url(&c, batch_no, "1", &detail, &shop.url()),
        )
        .await;
        assert!(
            refused.contains("error=BATCH_NO_FORMAT_ERROR"),
            "{batch_no}: {refused}"
        );
    }
    let cashier = page(
        &http(),
        &pwd_refund_url(&c, "20261130001", "1", &detail, &shop.url()),
    )
    .await;
    assert!(cashier.contains("id=\"pay\""), "{cashier}");
}

/// A password refund page call with every batch parameter given.
fn pwd_refund(c: &Client, date: &str, batch_no: &str, num: &str, detail: &str) -> String {
    c.sign_params(
        "refund_fastpay_by_platform_pwd",
        &[
            ("seller_user_id", TEST_PARTNER),
            ("refund_date", date),
            ("batch_no", batch_no),
            ("batch_num", num),
            ("detail_data", detail),
        ],
    )
    .unwrap()
    .url()
}

#[tokio::test]
async fn the_password_refund_answers_the_codes_of_its_document() {
    // The official PDF's table names a code for each check; the
    // password-less refund's table (not found) names none, so it answers
    // the generic code for the same checks.
    let other_partner = "2088000000000002";
    let gw = MockGateway::start_with(
        catalogue().merchant(Merchant::md5(other_partner, TEST_MD5_KEY).unwrap()),
    )
    .await
    .unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let paid = paid_trade(&gw, &c, "C1", "1.00", "").await;
    let date = "2026-11-30 12:00:00";
    let line = format!("{paid}^0.10^r");
    let many = std::iter::repeat_n(line.as_str(), 1001)
        .collect::<Vec<_>>()
        .join("#");
    let twice = format!("{line}#{line}");
    let cases = [
        (
            date,
            "20261130301",
            "1",
            line.as_str(),
            "REFUND_DATE_ERROR",
            "2026/11/30",
        ),
        (
            date,
            "20261130302",
            "one",
            line.as_str(),
            "BATCH_NUM_ERROR",
            "",
        ),
        (
            date,
            "20261130303",
            "1001",
            many.as_str(),
            "BATCH_NUM_EXCEED_LIMIT",
            "",
        ),
        (
            date,
            "20261130304",
            "2",
            line.as_str(),
            "BATCH_NUM_NOT_EQUAL_TOTAL",
            "",
        ),
        (
            date,
            "20261130305",
            "1",
            "^0.10^r",
            "DETAIL_DATA_FORMAT_ERROR",
            "",
        ),
        (
            date,
            "20261130306",
            "1",
            &format!("{paid}^0.10"),
            "DETAIL_DATA_FORMAT_ERROR",
            "",
        ),
        (
            date,
            "20261130307",
            "2",
            twice.as_str(),
            "DUBL_TRADE_NO_IN_SAME_BATCH",
            "",
        ),
    ];
    for (date, batch_no, num, detail, code, bad_date) in cases {
        let date = if bad_date.is_empty() { date } else { bad_date };
        let refused = page(&http(), &pwd_refund(&c, date, batch_no, num, detail)).await;
        assert!(
            refused.contains(&format!("error={code}")),
            "{code}: {refused}"
        );
    }
    assert_eq!(gw.trade(TEST_PARTNER, "C1").unwrap().refunded_cents, 0);

    // Per refund, in result_details: a trade of another partner, and one
    // whose status allows no refund.
    let theirs = {
        let key = Md5Key::new(TEST_MD5_KEY).unwrap();
        let them = Client::new(other_partner, Signer::md5(key))
            .unwrap()
            .with_gateway(&gw.gateway_url())
            .unwrap();
        let url = them
            .sign_params(
                "create_direct_pay_by_user",
                &[
                    ("out_trade_no", "T1"),
                    ("subject", "s"),
                    ("payment_type", "1"),
                    ("total_fee", "1.00"),
                    ("seller_id", other_partner),
                ],
            )
            .unwrap()
            .url();
        let cashier = page(&http(), &url).await;
        press(&gw, &cashier, "pay").await;
        gw.trade(other_partner, "T1").unwrap().trade_no
    };
    let unpaid = paid_trade(&gw, &c, "C2", "1.00", "").await;
    assert!(gw.set_trade_status(&unpaid, TradeStatus::TradeFinished));
    let detail = format!("{theirs}^0.10^r#{unpaid}^0.10^r");
    let shop = receiver(&["success"]).await;
    let cashier = page(
        &http(),
        &pwd_refund_url(&c, "20261130308", "2", &detail, &shop.url()),
    )
    .await;
    press(&gw, &cashier, "pay").await;
    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.iter()
                .any(|n| n.service == "refund_fastpay_by_platform_pwd")
        })
        .await;
    let n = notes
        .iter()
        .find(|n| n.service == "refund_fastpay_by_platform_pwd")
        .unwrap();
    assert_eq!(param(n, "success_num"), Some("0"));
    assert_eq!(
        param(n, "result_details"),
        Some(
            format!("{theirs}^0.10^NOT_THIS_PARTNERS_TRADE#{unpaid}^0.10^TRADE_STATUS_ERROR")
                .as_str()
        )
    );
    // The password-less refund: the generic codes.
    let xml = nopwd(&c, "20261130309", "2026/11/30", &line).await;
    assert!(xml.contains("<error>ILLEGAL_ARGUMENT</error>"), "{xml}");
}

#[tokio::test]
async fn close_trade_finds_the_trade_by_out_order_no() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let url = c
        .sign_params(
            "create_direct_pay_by_user",
            &[
                ("out_trade_no", "C1"),
                ("subject", "s"),
                ("payment_type", "1"),
                ("total_fee", "1.00"),
                ("seller_id", TEST_PARTNER),
            ],
        )
        .unwrap()
        .url();
    page(&http(), &url).await;
    let xml = server(&c, "close_trade", &[("out_order_no", "C1")]).await;
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    assert_eq!(
        gw.trade(TEST_PARTNER, "C1").unwrap().status,
        TradeStatus::TradeClosed
    );
    let xml = server(&c, "close_trade", &[("out_order_no", "nope")]).await;
    assert!(xml.contains("<error>TRADE_NOT_EXIST</error>"), "{xml}");
}

/// A cross-border payment of `fee` USD, paid at the cashier.
async fn forex_paid(gw: &MockGateway, c: &Client, out: &str, fee: &str) {
    let url = c
        .sign_params(
            "create_forex_trade",
            &[
                ("out_trade_no", out),
                ("subject", "Phone case"),
                ("currency", "USD"),
                ("total_fee", fee),
            ],
        )
        .unwrap()
        .url();
    let cashier = page(&http(), &url).await;
    press(gw, &cashier, "pay").await;
    assert_eq!(
        gw.trade(TEST_PARTNER, out).unwrap().status,
        TradeStatus::TradeSuccess
    );
}

async fn forex_refund(
    c: &Client,
    out: &str,
    ret: &str,
    amount: &str,
    sync: &str,
    notify: &str,
) -> String {
    let mut pairs = vec![
        ("out_return_no", ret),
        ("out_trade_no", out),
        ("return_amount", amount),
        ("currency", "USD"),
        ("gmt_return", "20261130120000"),
        ("reason", "Out of stock"),
        ("is_sync", sync),
    ];
    if !notify.is_empty() {
        pairs.push(("notify_url", notify));
    }
    server(c, "forex_refund", &pairs).await
}

#[tokio::test]
async fn forex_refund_refunds_a_known_trade_notifies_and_refuses_an_unknown_one() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let shop = receiver(&["success"]).await;
    forex_paid(&gw, &c, "FX1", "10.00").await;

    let xml = forex_refund(&c, "NO-SUCH", "R0", "1.00", "N", &shop.url()).await;
    assert!(xml.contains("<error>TRADE_NOT_EXIST</error>"), "{xml}");

    let xml = forex_refund(&c, "FX1", "R1", "4.00", "N", &shop.url()).await;
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    let t = gw.trade(TEST_PARTNER, "FX1").unwrap();
    assert_eq!(t.refunded_cents, 400);
    assert_eq!(t.refunds[0].batch_no, "R1");
    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.iter().any(|n| n.service == "forex_refund" && n.delivered)
        })
        .await;
    let n = notes.iter().find(|n| n.service == "forex_refund").unwrap();
    assert_eq!(param(n, "out_trade_no"), Some("FX1"));
    assert_eq!(param(n, "out_return_no"), Some("R1"));
    assert_eq!(param(n, "refund_status"), Some("REFUND_SUCCESS"));
    let (_, body) = shop.bodies.lock().unwrap()[0].clone();
    c.verify_notification_params(&body, None).unwrap();

    // The same refund number again, and more than is left: refused.
    let xml = forex_refund(&c, "FX1", "R1", "1.00", "N", &shop.url()).await;
    assert!(xml.contains("<error>ILLEGAL_ARGUMENT</error>"), "{xml}");
    let xml = forex_refund(&c, "FX1", "R2", "7.00", "N", &shop.url()).await;
    assert!(xml.contains("<error>ILLEGAL_ARGUMENT</error>"), "{xml}");
    // Synchronous: refunded, no notification.
    let xml = forex_refund(&c, "FX1", "R3", "6.00", "Y", &shop.url()).await;
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    let t = gw.trade(TEST_PARTNER, "FX1").unwrap();
    assert_eq!(t.refunded_cents, 1000);
    assert_eq!(t.status, TradeStatus::TradeClosed);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        gw.notifications()
            .iter()
            .filter(|n| n.service == "forex_refund")
            .count(),
        1
    );
}

fn batch_url(c: &Client, fee: &str, num: &str, notify: &str) -> String {
    c.sign_params(
        "batch_trans_notify",
        &[
            ("notify_url", notify),
            ("email", "payer@example.com"),
            ("account_name", "Payer Ltd"),
            ("pay_date", "20261130"),
            ("batch_no", "20261130001"),
            ("batch_fee", fee),
            ("batch_num", num),
            (
                "detail_data",
                "1^a@example.com^A^0.01^m|2^b@example.com^B^1.50^m",
            ),
        ],
    )
    .unwrap()
    .url()
}

#[tokio::test]
async fn a_batch_payment_whose_fee_or_count_disagrees_with_its_lines_is_refused() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let shop = receiver(&["success"]).await;
    let refused = page(&http(), &batch_url(&c, "99.00", "2", &shop.url())).await;
    assert!(refused.contains("error=ILLEGAL_ARGUMENT"), "{refused}");
    assert!(refused.contains("batch_fee"), "{refused}");
    // batch_trans_notify's document names no code for a wrong count.
    let refused = page(&http(), &batch_url(&c, "1.51", "3", &shop.url())).await;
    assert!(refused.contains("error=ILLEGAL_ARGUMENT"), "{refused}");
    assert!(refused.contains("batch_num 3"), "{refused}");
    assert!(gw.batch_payments().is_empty());
    let cashier = page(&http(), &batch_url(&c, "1.51", "2", &shop.url())).await;
    press(&gw, &cashier, "pay").await;
    assert_eq!(gw.batch_payments().len(), 1);
}

#[tokio::test]
async fn an_escrow_trade_waits_for_shipping_then_for_the_buyer_and_each_change_is_notified() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let shop = receiver(&["success"]).await;
    let location = escrow_paid(&gw, &c, "E2", &shop.url()).await;
    let ret = c.verify_return_params(&location).unwrap();
    assert_eq!(ret.get("trade_status"), Some("WAIT_SELLER_SEND_GOODS"));
    let t = gw.trade(TEST_PARTNER, "E2").unwrap();
    assert_eq!(t.status, TradeStatus::WaitSellerSendGoods);
    // Not closable once paid.
    let xml = server(&c, "close_trade", &[("trade_no", t.trade_no.as_str())]).await;
    assert!(
        xml.contains("<error>TRADE_STATUS_NOT_AVAILD</error>"),
        "{xml}"
    );

    let ship = [
        ("trade_no", t.trade_no.as_str()),
        ("logistics_name", "SF"),
        ("transport_type", "EXPRESS"),
    ];
    let xml = server(&c, "send_goods_confirm_by_platform", &ship).await;
    assert!(
        xml.contains("<trade_status>WAIT_BUYER_CONFIRM_GOODS</trade_status>"),
        "{xml}"
    );
    assert!(xml.contains("<out_order_no>E2</out_order_no>"), "{xml}");
    assert_eq!(
        gw.trade(TEST_PARTNER, "E2").unwrap().status,
        TradeStatus::WaitBuyerConfirmGoods
    );
    // A second confirmation is refused.
    let xml = server(&c, "send_goods_confirm_by_platform", &ship).await;
    assert!(
        xml.contains("<error>TRADE_STATUS_NOT_AVAILD</error>"),
        "{xml}"
    );

    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.iter().filter(|n| n.delivered).count() == 2
        })
        .await;
    let statuses: Vec<&str> = notes
        .iter()
        .map(|n| param(n, "trade_status").unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS"]
    );
    for (_, body) in shop.bodies.lock().unwrap().iter() {
        c.verify_notification_params(body, None).unwrap();
    }

    // An instant trade is not shipped through this service.
    let no = paid_trade(&gw, &c, "I1", "1.00", "").await;
    let xml = server(
        &c,
        "send_goods_confirm_by_platform",
        &[
            ("trade_no", no.as_str()),
            ("logistics_name", "SF"),
            ("transport_type", "EXPRESS"),
        ],
    )
    .await;
    assert!(
        xml.contains("<error>TRADE_STATUS_NOT_AVAILD</error>"),
        "{xml}"
    );
}

#[tokio::test]
async fn a_full_refund_closes_the_trade_and_notifies_its_notify_url() {
    let gw = MockGateway::start_with(catalogue()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let shop = receiver(&["success"]).await;
    let no = paid_trade(&gw, &c, "N1", "1.00", &shop.url()).await;
    let trade_notes = |notes: &[alipay_mapi_mock::Notification]| {
        notes
            .iter()
            .filter(|n| n.service == "create_direct_pay_by_user")
            .count()
    };
    // A partial refund changes no status: no trade notification.
    let xml = nopwd(
        &c,
        "20261130301",
        "2026-11-30 12:00:00",
        &format!("{no}^0.30^r"),
    )
    .await;
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(trade_notes(&gw.notifications()), 1);
    // The rest: closed, and notified.
    let xml = nopwd(
        &c,
        "20261130302",
        "2026-11-30 12:00:00",
        &format!("{no}^0.70^r"),
    )
    .await;
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    assert_eq!(
        gw.trade(TEST_PARTNER, "N1").unwrap().status,
        TradeStatus::TradeClosed
    );
    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.iter()
                .filter(|n| n.service == "create_direct_pay_by_user" && n.delivered)
                .count()
                == 2
        })
        .await;
    let last = notes
        .iter()
        .rfind(|n| n.service == "create_direct_pay_by_user")
        .unwrap();
    assert_eq!(param(last, "notify_type"), Some("trade_status_sync"));
    assert_eq!(param(last, "trade_status"), Some("TRADE_CLOSED"));
    assert_eq!(param(last, "out_trade_no"), Some("N1"));
    assert_eq!(param(last, "refund_status"), Some("REFUND_SUCCESS"));
    assert!(param(last, "gmt_refund").is_some());
    assert_eq!(last.url, shop.url());
}

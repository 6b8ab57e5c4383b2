//! The buyer's side without a browser: `MockGateway::open_page` and the
//! cashier's buttons, checked against what the runtime verifies and what
//! the gateway keeps.

mod common;

use alipay_mapi_interfaces::create_direct_pay_by_user::{self as direct, Request};
use alipay_mapi_mock::{CashierError, Fault, FaultRule, Left, MockGateway, TradeStatus};
use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::{Charset, Client, ReturnError, Signer};
use common::*;

/// A signed page URL of `create_direct_pay_by_user` for order `no`.
fn order_url(client: &Client, no: &str, subject: &str, fee: &str, return_url: bool) -> String {
    let mut pairs = vec![
        ("out_trade_no", no),
        ("subject", subject),
        ("payment_type", "1"),
        ("total_fee", fee),
        ("seller_id", TEST_PARTNER),
    ];
    if return_url {
        pairs.push(("return_url", "http://shop.example/alipay/return"));
    }
    client
        .sign_params("create_direct_pay_by_user", &pairs)
        .unwrap()
        .url()
}

fn mock() -> MockGateway {
    MockGateway::in_process(config())
}

#[tokio::test]
async fn pay_sends_the_buyer_back_with_a_return_the_runtime_verifies() {
    let gw = mock();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let cashier = gw
        .open_page(&order_url(&c, "B1", "Tea", "12.50", true))
        .await
        .unwrap();
    let trade_no = cashier.trade_no().unwrap().to_owned();
    assert!(cashier.id().starts_with('c'), "{}", cashier.id());
    assert_eq!(
        gw.trade(TEST_PARTNER, "B1").unwrap().status,
        TradeStatus::WaitBuyerPay
    );

    let Left::Returned { url } = cashier.pay().await.unwrap() else {
        panic!("not sent back")
    };
    assert!(
        url.starts_with("http://shop.example/alipay/return?"),
        "{url}"
    );
    let verified = c.verify_return::<direct::Response>(&url).unwrap();
    assert_eq!(verified.out_trade_no.as_deref(), Some("B1"));
    assert_eq!(verified.trade_no.as_deref(), Some(trade_no.as_str()));
    assert_eq!(
        gw.trade(TEST_PARTNER, "B1").unwrap().status,
        TradeStatus::TradeSuccess
    );

    // A cashier page acts once, as on the gateway.
    match cashier.pay().await {
        Err(CashierError::Refused { code, .. }) => assert_eq!(code, "SESSION_TIMEOUT"),
        other => panic!("{other:?}"),
    }
    // And a paid order cannot be paid again.
    match gw.pay(&order_url(&c, "B1", "Tea", "12.50", true)).await {
        Err(CashierError::Refused { code, reason }) => {
            // This declaration's error table has no TRADE_NOT_ALLOWED_PAY:
            // the gateway's generic code.
            assert_eq!(code, "ILLEGAL_ARGUMENT");
            assert!(reason.contains("TRADE_SUCCESS"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_typed_request_in_gbk_comes_back_in_gbk() {
    let gw = mock();
    let c = client(&gw.gateway_url(), Charset::Gbk);
    let mut request = Request::new("B2", "护腕一对", "1");
    request.total_fee = Some("0.01".parse().unwrap());
    request.seller_id = Some(TEST_PARTNER.into());
    request.return_url = Some("http://shop.example/r".into());
    let url = c.page_url(&request).unwrap();
    let Left::Returned { url } = gw.pay(&url).await.unwrap() else {
        panic!("not sent back")
    };
    assert!(
        url.contains("_input_charset=gbk") || !url.contains("utf-8"),
        "{url}"
    );
    // GBK percent-escapes, which a UTF-8 reading would refuse.
    assert!(url.contains("%BB%A4"), "{url}");
    let verified = c.verify_return::<direct::Response>(&url).unwrap();
    assert_eq!(verified.subject.as_deref(), Some("护腕一对"));
}

#[tokio::test]
async fn cancel_fail_and_decline() {
    let gw = mock();
    let c = client(&gw.gateway_url(), Charset::Utf8);

    // Cancel closes the trade and says so in the signed return.
    let cashier = gw
        .open_page(&order_url(&c, "C1", "Tea", "1.00", true))
        .await
        .unwrap();
    let Left::Returned { url } = cashier.cancel().await.unwrap() else {
        panic!("not sent back")
    };
    let verified = c.verify_return_params(&url).unwrap();
    assert_eq!(verified.get("trade_status"), Some("TRADE_CLOSED"));
    assert_eq!(
        gw.trade(TEST_PARTNER, "C1").unwrap().status,
        TradeStatus::TradeClosed
    );

    // Fail sends a signed failure with the code chosen; the trade stays.
    let cashier = gw
        .open_page(&order_url(&c, "C2", "Tea", "1.00", true))
        .await
        .unwrap();
    let Left::Returned { url } = cashier.fail("BUYER_ACCOUNT_LOCKED").await.unwrap() else {
        panic!("not sent back")
    };
    match c.verify_return_params(&url) {
        Err(ReturnError::Gateway { code, signed, .. }) => {
            assert_eq!(code, "BUYER_ACCOUNT_LOCKED");
            assert!(signed);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        gw.trade(TEST_PARTNER, "C2").unwrap().status,
        TradeStatus::WaitBuyerPay
    );

    // 0.02 is declined: the buyer stays, nothing is paid, and may still
    // cancel.
    let cashier = gw
        .open_page(&order_url(&c, "C3", "Tea", "0.02", true))
        .await
        .unwrap();
    assert_eq!(cashier.pay().await.unwrap(), Left::Declined);
    assert_eq!(
        gw.trade(TEST_PARTNER, "C3").unwrap().status,
        TradeStatus::WaitBuyerPay
    );
    assert!(matches!(
        cashier.cancel().await.unwrap(),
        Left::Returned { .. }
    ));

    // Without a return_url, the page shows the signed return.
    let Left::NoReturnUrl { query } = gw
        .pay(&order_url(&c, "C4", "Tea", "1.00", false))
        .await
        .unwrap()
    else {
        panic!("sent somewhere")
    };
    assert!(!query.starts_with('?'), "{query}");
    let verified = c.verify_return_params(&query).unwrap();
    assert_eq!(verified.get("out_trade_no"), Some("C4"));
}

#[tokio::test]
async fn refusals_and_faults_are_errors_that_say_which() {
    let gw = mock();
    let c = client(&gw.gateway_url(), Charset::Utf8);

    // Signed with another key: the gateway's ILLEGAL_SIGN page.
    let wrong = Client::new(
        TEST_PARTNER,
        Signer::md5(Md5Key::new("20000000000000000000000000000000").unwrap()),
    )
    .unwrap()
    .with_gateway(&gw.gateway_url())
    .unwrap();
    match gw
        .open_page(&order_url(&wrong, "R1", "Tea", "1.00", true))
        .await
    {
        Err(e @ CashierError::Refused { .. }) => {
            let CashierError::Refused { code, reason } = &e else {
                unreachable!()
            };
            assert_eq!(code, "ILLEGAL_SIGN");
            assert!(reason.contains("does not match"), "{reason}");
            assert!(e.to_string().contains("ILLEGAL_SIGN"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert!(gw.trade(TEST_PARTNER, "R1").is_none());

    // A client set up with the real gateway: not this mock's URL.
    let real = client("https://mapi.alipay.com/gateway.do", Charset::Utf8);
    match gw
        .open_page(&order_url(&real, "R2", "Tea", "1.00", true))
        .await
    {
        Err(e @ CashierError::NotThisGateway { .. }) => {
            assert!(
                e.to_string().contains("http://mock.invalid/gateway.do?"),
                "{e}"
            );
            assert!(e.to_string().contains("mapi.alipay.com"), "{e}");
        }
        other => panic!("{other:?}"),
    }

    // A server call's service opened as a page: XML, not a cashier.
    let query = c
        .sign_params("single_trade_query", &[("out_trade_no", "R1")])
        .unwrap()
        .url();
    match gw.open_page(&query).await {
        Err(CashierError::Unexpected {
            status,
            content_type,
        }) => {
            assert_eq!(status, 200);
            assert!(content_type.unwrap().contains("xml"));
        }
        other => panic!("{other:?}"),
    }

    // Faults of the service, once each.
    gw.add_fault(FaultRule::new("create_direct_pay_by_user", Fault::Http502).times(1));
    match gw
        .open_page(&order_url(&c, "R3", "Tea", "1.00", true))
        .await
    {
        Err(CashierError::Unexpected { status: 502, .. }) => {}
        other => panic!("{other:?}"),
    }
    gw.add_fault(FaultRule::new("create_direct_pay_by_user", Fault::Reset).times(1));
    assert_eq!(
        gw.open_page(&order_url(&c, "R3", "Tea", "1.00", true))
            .await
            .unwrap_err(),
        CashierError::Reset
    );
    // Then the page opens.
    assert!(gw
        .open_page(&order_url(&c, "R3", "Tea", "1.00", true))
        .await
        .is_ok());
}

#[tokio::test]
async fn over_a_socket_the_same_and_the_merchant_is_notified() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let url = c
        .sign_params(
            "create_direct_pay_by_user",
            &[
                ("out_trade_no", "S1"),
                ("subject", "Tea"),
                ("payment_type", "1"),
                ("total_fee", "3.00"),
                ("seller_id", TEST_PARTNER),
                // Nothing listens there: the attempt is recorded all the same.
                ("notify_url", "http://127.0.0.1:9/notify"),
            ],
        )
        .unwrap()
        .url();
    assert!(matches!(
        gw.pay(&url).await.unwrap(),
        Left::NoReturnUrl { .. }
    ));
    let notifications = gw
        .wait_notifications(std::time::Duration::from_secs(10), |n| {
            n.iter().any(|n| !n.attempts.is_empty())
        })
        .await;
    let sent = notifications
        .iter()
        .find(|n| {
            n.params
                .iter()
                .any(|(k, v)| k == "out_trade_no" && v == "S1")
        })
        .expect("a notification of S1");
    assert!(sent
        .params
        .iter()
        .any(|(k, v)| k == "trade_status" && v == "TRADE_SUCCESS"));
}

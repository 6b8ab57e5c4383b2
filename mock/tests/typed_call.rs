//! A declared server interface called with the runtime's typed
//! `Client::call`, through the mock gateway as an in-process transport and
//! over HTTP with the runtime's closure transport.

use alipay_mapi::{alipay_service, CallError, Charset, Client, Signer, Verifier};
use alipay_mapi_mock::{Fault, FaultRule, MockConfig, MockGateway, TEST_MD5_KEY, TEST_PARTNER};
use alipay_mapi_runtime::keys::Md5Key;

#[alipay_service(
    "single_trade_query",
    access = "server",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
支付宝交易号\ttrade_no\tString(64)\t支付宝的交易号\tY\t2010073000030344
商户订单号\tout_trade_no\tString(64)\t商户网站的唯一订单号\tY\t6843192280647118
",
    answer = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
成功标识\tis_success\tString(1)\tT 或 F\tN\tT
交易\ttrade\tString\t交易信息的元素\tN\t
支付宝交易号\ttrade.trade_no\tString(64)\t支付宝的交易号\tN\t2010073000030344
商户订单号\ttrade.out_trade_no\tString(64)\t商户网站的唯一订单号\tN\t6843192280647118
交易金额\ttrade.total_fee\tNumber\t单位为元\tN\t10.00
交易状态\ttrade.trade_status\tString\t交易的状态\tN\tTRADE_SUCCESS
创建时间\ttrade.gmt_create\tDate\t交易创建的时间\tN\t2026-11-30 07:59:00
付款时间\ttrade.gmt_payment\tDate\t买家付款的时间\tY\t
",
    errors = "
错误代码\t说明
TRADE_NOT_EXIST\t交易不存在
"
)]
pub mod query {}

fn trade(out_trade_no: &str) -> alipay_mapi_mock::Trade {
    alipay_mapi_mock::Trade {
        trade_no: "2026113000000042".into(),
        out_trade_no: out_trade_no.into(),
        partner: TEST_PARTNER.into(),
        service: "create_direct_pay_by_user".into(),
        subject: "书".into(),
        total_cents: 1234,
        refunded_cents: 0,
        status: alipay_mapi_mock::TradeStatus::TradeSuccess,
        charset: Charset::Gbk,
        gmt_create: "2026-11-30 10:00:00".into(),
        gmt_payment: Some("2026-11-30 10:00:09".into()),
        gmt_close: None,
        params: Vec::new(),
        refunds: Vec::new(),
    }
}

fn client(charset: Charset, gateway: &str) -> Client {
    let key = Md5Key::new(TEST_MD5_KEY).unwrap();
    Client::new(TEST_PARTNER, Signer::md5(key.clone()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(key))
        .with_gateway(gateway)
        .unwrap()
}

#[tokio::test]
async fn typed_call_in_process_reads_the_signed_answer() {
    let gw = MockGateway::in_process(MockConfig::default().service(&query::SPEC));
    gw.insert_trade(trade("order-7"));
    for charset in [Charset::Utf8, Charset::Gbk] {
        let c = client(charset, "http://mock.invalid/gateway.do");
        let mut request = query::Request::new();
        request.out_trade_no = Some("order-7".into());
        let answered = c.call(&gw, &request).await.unwrap();
        let t = &answered.value().trade;
        assert_eq!(t.trade_no, "2026113000000042");
        assert_eq!(t.total_fee.as_str(), "12.34");
        assert_eq!(t.trade_status, "TRADE_SUCCESS");
        assert_eq!(
            t.gmt_payment.as_ref().unwrap().as_str(),
            "2026-11-30 10:00:09"
        );
        // The <sign> was checked over the leaves of <response>.
        let signed = answered.signing_string().unwrap().as_str().to_owned();
        assert!(
            signed.starts_with("gmt_create=2026-11-30 10:00:00&gmt_payment="),
            "{signed}"
        );
    }
    // The gateway's failure, typed.
    let c = client(Charset::Utf8, "http://mock.invalid/gateway.do");
    let mut request = query::Request::new();
    request.out_trade_no = Some("order-404".into());
    match c.call(&gw, &request).await {
        Err(CallError::Gateway { code, .. }) => assert_eq!(code, query::ErrorCode::TradeNotExist),
        other => panic!("{other:?}"),
    }
    // A reset is a transport failure; a truncated answer an XML one.
    gw.add_fault(FaultRule::new("single_trade_query", Fault::Reset).times(1));
    assert!(matches!(
        c.call(&gw, &request).await,
        Err(CallError::Network(_))
    ));
    request.out_trade_no = Some("order-7".into());
    gw.add_fault(FaultRule::new("single_trade_query", Fault::Truncated).times(1));
    let e = c.call(&gw, &request).await.unwrap_err();
    assert!(
        !matches!(e, CallError::Network(_) | CallError::Gateway { .. }),
        "{e:?}"
    );
    // An unsigned answer passes the default policy (verify when present).
    gw.add_fault(FaultRule::new("single_trade_query", Fault::Unsigned).times(1));
    let answered = c.call(&gw, &request).await.unwrap();
    assert!(answered.signing_string().is_none());
}

#[alipay_service(
    "demo.giftcard.query",
    access = "server",
    request = "
参数\t类型\t可空\t说明
card_no\tString(20)\tN\t卡号
",
    answer = "
参数\t类型\t可空\t说明
card\tString\tN\t卡片元素
card.card_no\tString(20)\tN\t卡号
card.balance\tNumber\tN\t余额
card.status\tString(16)\tN\t状态
"
)]
pub mod giftcard {}

#[tokio::test]
async fn a_service_of_the_tests_own_gets_the_values_the_mock_cannot_compute() {
    let request = giftcard::Request::new("6200001");
    let c = client(Charset::Utf8, "http://mock.invalid/gateway.do");
    // Without them, the required leaves are left out and named.
    let gw = MockGateway::in_process(MockConfig::default().service(&giftcard::SPEC));
    let refused = c.call(&gw, &request).await.unwrap_err();
    assert!(refused.to_string().contains("card.balance"), "{refused}");
    let config = MockConfig::default()
        .service(&giftcard::SPEC)
        .value("demo.giftcard.query", "balance", "100.00")
        .value("demo.giftcard.query", "status", "ACTIVE")
        .value("another.service", "card_no", "not this one");
    let gw = MockGateway::in_process(config);
    let answered = c.call(&gw, &request).await.unwrap();
    let card = &answered.value().card;
    // card_no comes from the request; the others from the configuration.
    assert_eq!(card.card_no, "6200001");
    assert_eq!(card.balance.as_str(), "100.00");
    assert_eq!(card.status, "ACTIVE");
}

//! The mock gateway embedded in tests: page calls through the cashier to a
//! signed return the runtime verifies, notifications delivered and retried,
//! server calls answered with signed XML, refusals and every fault.

mod common;

use std::time::Duration;

use alipay_mapi_interfaces::sns_cae_sign_customer;
use alipay_mapi_mock::{Fault, FaultRule, MockConfig, MockGateway, NotifyOptions, TradeStatus};
use alipay_mapi_runtime::{Charset, ServiceError};
use common::*;

/// The body of a GET of `url`, as text.
async fn get_text(url: impl reqwest::IntoUrl) -> String {
    http().get(url).send().await.unwrap().text().await.unwrap()
}

/// Presses a cashier button; gives the `Location` it redirects to.
async fn press(
    http: &reqwest::Client,
    gw: &MockGateway,
    cashier: &str,
    what: &str,
    form: &str,
) -> String {
    let url = format!("{}{}", gw.base_url(), action(cashier, what));
    let r = http
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    r.headers()["location"].to_str().unwrap().to_owned()
}

async fn pay_page(
    _gw: &MockGateway,
    c: &alipay_mapi_runtime::Client,
    pairs: &[(&str, &str)],
) -> String {
    let url = c
        .sign_params("create_direct_pay_by_user", pairs)
        .unwrap()
        .url();
    page(&http(), &url).await
}

#[tokio::test]
async fn declared_page_call_pays_and_the_runtime_verifies_the_typed_return() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let request = sns_cae_sign_customer::Request {
        return_url: "http://127.0.0.1:9/return".into(),
        sns_user_id: "id2011103454654656".into(),
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    };
    let url = c.page_url(&request).unwrap();
    let http = http();
    let cashier = page(&http, &url).await;
    assert!(cashier.contains("id=\"pay\""), "{cashier}");
    let location = press(&http, &gw, &cashier, "pay", "").await;
    assert!(
        location.starts_with("http://127.0.0.1:9/return?is_success=T&"),
        "{location}"
    );
    let verified = c
        .verify_return::<sns_cae_sign_customer::Response>(&location)
        .unwrap();
    assert_eq!(verified.sns_user_id, "id2011103454654656");
    // Tampered: the runtime refuses it.
    let tampered = location.replace("id2011103454654656", "id2011103454654657");
    assert!(matches!(
        c.verify_return::<sns_cae_sign_customer::Response>(&tampered),
        Err(ServiceError::Return(_))
    ));
}

#[tokio::test]
async fn trade_is_paid_notified_with_retries_and_queried_with_signed_xml() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    // The shop answers `fail` twice, then `success`.
    let shop = receiver(&["fail", "fail", "success"]).await;
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let notify_url = shop.url();
    let cashier = pay_page(
        &gw,
        &c,
        &[
            ("out_trade_no", "order-1"),
            ("subject", "书 book"),
            ("payment_type", "1"),
            ("total_fee", "12.5"),
            ("return_url", "http://127.0.0.1:9/return"),
            ("notify_url", &notify_url),
        ],
    )
    .await;
    assert!(
        cashier.contains("<dd id=\"total_fee\">12.50</dd>"),
        "{cashier}"
    );
    let trade = gw.trade(TEST_PARTNER, "order-1").unwrap();
    assert_eq!(trade.status, TradeStatus::WaitBuyerPay);

    let location = press(&http(), &gw, &cashier, "pay", "").await;
    let ret = c.verify_return_params(&location).unwrap();
    assert_eq!(ret.get("trade_status"), Some("TRADE_SUCCESS"));
    assert_eq!(ret.get("total_fee"), Some("12.50"));
    assert_eq!(ret.get("subject"), Some("书 book"));
    assert_eq!(ret.get("trade_no"), Some(trade.trade_no.as_str()));

    // Retried on the (compressed) schedule until `success`.
    let notes = gw
        .wait_notifications(Duration::from_secs(20), |n| n.iter().any(|n| n.delivered))
        .await;
    assert_eq!(notes.len(), 1);
    let n = &notes[0];
    assert!(n.delivered);
    assert_eq!(n.attempts.len(), 3, "{:?}", n.attempts);
    assert_eq!(shop.count(), 3);
    // The first wait is 4 minutes / 10,000 = 24 ms.
    assert!(n.attempts[1].at_ms - n.attempts[0].at_ms >= 24);
    // The body verifies with the runtime, from raw bytes.
    let (ct, body) = shop.bodies.lock().unwrap()[0].clone();
    assert_eq!(
        ct.as_deref(),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    let verified = c.verify_notification_params(&body, None).unwrap();
    assert_eq!(verified.get("trade_status"), Some("TRADE_SUCCESS"));
    assert_eq!(verified.get("notify_type"), Some("trade_status_sync"));
    assert_eq!(verified.get("buyer_email"), Some("buyer@example.com"));
    let notify_id = verified.get("notify_id").unwrap().to_owned();

    // notify_verify: true for the id just sent, false for another, invalid
    // for an unknown partner.
    // The id is percent-encoded once (it holds `/` and `+`, as the
    // gateway's do).
    let verify = |partner: &str, id: &str| {
        format!(
            "{}?service=notify_verify&partner={partner}&notify_id={}",
            gw.gateway_url(),
            url::form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>()
        )
    };
    let h = http();
    let text = |u: String| {
        let h = h.clone();
        async move { h.get(u).send().await.unwrap().text().await.unwrap() }
    };
    assert_eq!(text(verify(TEST_PARTNER, &notify_id)).await, "true");
    assert_eq!(text(verify(TEST_PARTNER, "nope")).await, "false");
    assert_eq!(
        text(verify("2088000000000009", &notify_id)).await,
        "invalid"
    );

    // single_trade_query sees the paid trade; its <sign> checks out.
    let q = c
        .sign_params("single_trade_query", &[("out_trade_no", "order-1")])
        .unwrap();
    let xml = h.get(q.url()).send().await.unwrap().text().await.unwrap();
    assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    assert!(
        xml.contains("<trade_status>TRADE_SUCCESS</trade_status>"),
        "{xml}"
    );
    let signed = check_xml_sign(&xml, TEST_MD5_KEY);
    assert!(signed.contains("total_fee=12.50"), "{signed}");

    // An unknown trade is the gateway's failure, unsigned.
    let q = c
        .sign_params("single_trade_query", &[("out_trade_no", "order-404")])
        .unwrap();
    let xml = h.get(q.url()).send().await.unwrap().text().await.unwrap();
    assert!(
        xml.ends_with("<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>"),
        "{xml}"
    );
}

#[tokio::test]
async fn cancel_closes_and_close_trade_and_refunds_see_earlier_calls() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    let shop = receiver(&["success"]).await;
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let h = http();
    let notify_url = shop.url();
    let order = |no: &'static str| {
        [
            ("out_trade_no", no),
            ("subject", "s"),
            ("payment_type", "1"),
            ("total_fee", "1.00"),
            ("return_url", "http://127.0.0.1:9/r"),
        ]
    };
    // Cancel at the cashier.
    let cashier = pay_page(&gw, &c, &order("a")).await;
    let location = press(&h, &gw, &cashier, "cancel", "").await;
    assert!(
        location.starts_with("http://127.0.0.1:9/r?is_success=T&"),
        "{location}"
    );
    let ret = c.verify_return_params(&location).unwrap();
    assert_eq!(ret.get("trade_status"), Some("TRADE_CLOSED"));
    assert_eq!(
        gw.trade(TEST_PARTNER, "a").unwrap().status,
        TradeStatus::TradeClosed
    );
    // Paying a closed order again is refused: with the code its service's
    // error table gives (TRADE_NOT_ALLOWED_PAY in the catalogue's), else,
    // as for this test's own declaration, which has none, the generic one.
    let again = pay_page(&gw, &c, &order("a")).await;
    assert!(
        again.contains("is_success=F&amp;error=ILLEGAL_ARGUMENT"),
        "{again}"
    );
    let catalogue = MockGateway::start_with(MockConfig::default().time_factor(10_000.0))
        .await
        .unwrap();
    let c2 = client(&catalogue.gateway_url(), Charset::Utf8);
    // The catalogue's declaration wants a seller named.
    let named = [&order("a")[..], &[("seller_email", "seller@example.com")]].concat();
    let cashier = pay_page(&catalogue, &c2, &named).await;
    press(&h, &catalogue, &cashier, "cancel", "").await;
    let again = pay_page(&catalogue, &c2, &named).await;
    assert!(
        again.contains("is_success=F&amp;error=TRADE_NOT_ALLOWED_PAY"),
        "{again}"
    );

    // close_trade on a waiting trade; a second time it is not available.
    pay_page(&gw, &c, &order("b")).await;
    let trade_no = gw.trade(TEST_PARTNER, "b").unwrap().trade_no;
    let close = c
        .sign_params("close_trade", &[("trade_no", trade_no.as_str())])
        .unwrap();
    let xml = h
        .get(close.url())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        xml.contains("<is_success>T</is_success>") && !xml.contains("<sign>"),
        "{xml}"
    );
    assert_eq!(
        gw.trade(TEST_PARTNER, "b").unwrap().status,
        TradeStatus::TradeClosed
    );
    let xml = h
        .get(close.url())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        xml.contains("<error>TRADE_STATUS_NOT_AVAILD</error>"),
        "{xml}"
    );

    // Refunds against a paid trade: partial, then too much, then the rest.
    let cashier = pay_page(&gw, &c, &order("c")).await;
    press(&h, &gw, &cashier, "pay", "").await;
    let paid = gw.trade(TEST_PARTNER, "c").unwrap();
    let refund = |batch: &str, detail: String| {
        c.sign_params(
            "refund_fastpay_by_platform_nopwd",
            &[
                ("batch_no", batch),
                ("batch_num", "1"),
                ("detail_data", detail.as_str()),
                ("notify_url", notify_url.as_str()),
            ],
        )
        .unwrap()
    };
    for (batch, amount) in [("b1", "0.40"), ("b2", "0.70"), ("b3", "0.60")] {
        let r = refund(batch, format!("{}^{amount}^reason", paid.trade_no));
        let xml = h.get(r.url()).send().await.unwrap().text().await.unwrap();
        assert!(xml.contains("<is_success>T</is_success>"), "{xml}");
    }
    let t = gw.trade(TEST_PARTNER, "c").unwrap();
    assert_eq!(t.refunded_cents, 100);
    assert_eq!(t.status, TradeStatus::TradeClosed);
    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.iter()
                .filter(|n| n.service == "refund_fastpay_by_platform_nopwd" && n.delivered)
                .count()
                == 3
        })
        .await;
    let results: Vec<String> = notes
        .iter()
        .filter(|n| n.service == "refund_fastpay_by_platform_nopwd")
        .map(|n| {
            n.params
                .iter()
                .find(|(k, _)| k == "result_details")
                .unwrap()
                .1
                .clone()
        })
        .collect();
    let no = &paid.trade_no;
    assert_eq!(
        results,
        [
            format!("{no}^0.40^SUCCESS"),
            format!("{no}^0.70^REFUND_AMOUNT_NOT_VALID"),
            format!("{no}^0.60^SUCCESS")
        ]
    );
}

#[tokio::test]
async fn refusals_answer_as_the_gateway_and_the_inspector_says_why() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    let h = http();
    let good = client(&gw.gateway_url(), Charset::Utf8);
    let pairs = [
        ("out_trade_no", "x"),
        ("subject", "s"),
        ("payment_type", "1"),
        ("total_fee", "1"),
    ];

    // Wrong merchant key: the page says ILLEGAL_SIGN.
    let wrong = alipay_mapi_runtime::Client::new(
        TEST_PARTNER,
        alipay_mapi_runtime::Signer::md5(
            alipay_mapi_runtime::keys::Md5Key::new("20000000000000000000000000000000").unwrap(),
        ),
    )
    .unwrap()
    .with_gateway(&gw.gateway_url())
    .unwrap();
    let url = wrong
        .sign_params("create_direct_pay_by_user", &pairs)
        .unwrap()
        .url();
    let html = page(&h, &url).await;
    assert!(
        html.contains("is_success=F&amp;error=ILLEGAL_SIGN"),
        "{html}"
    );
    let ex = gw.exchanges().pop().unwrap();
    assert_eq!(ex.verdict, "ILLEGAL_SIGN");
    let string = ex.signing_string.clone().unwrap();
    assert!(
        string.starts_with("_input_charset=utf-8&out_trade_no=x&partner="),
        "{string}"
    );
    assert_eq!(
        ex.expected_sign.clone().unwrap(),
        md5_hex(string.as_bytes(), TEST_MD5_KEY)
    );
    assert_ne!(ex.given_sign, ex.expected_sign);

    // Server call refusals are XML.
    let xml_of = |url: String| {
        let h = h.clone();
        async move { h.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let q = wrong
        .sign_params("single_trade_query", &[("trade_no", "1")])
        .unwrap();
    assert!(xml_of(q.url())
        .await
        .ends_with("<alipay><is_success>F</is_success><error>ILLEGAL_SIGN</error></alipay>"));
    let other = alipay_mapi_runtime::Client::new(
        "2088000000000009",
        alipay_mapi_runtime::Signer::md5(
            alipay_mapi_runtime::keys::Md5Key::new(TEST_MD5_KEY).unwrap(),
        ),
    )
    .unwrap()
    .with_gateway(&gw.gateway_url())
    .unwrap();
    let q = other
        .sign_params("single_trade_query", &[("trade_no", "1")])
        .unwrap();
    assert!(xml_of(q.url())
        .await
        .contains("<error>ILLEGAL_PARTNER</error>"));
    let q = good
        .sign_params("no_such_service", &[("trade_no", "1")])
        .unwrap();
    assert!(xml_of(q.url())
        .await
        .contains("<error>ILLEGAL_SERVICE</error>"));
    // A WAP 2.0 service, which another gateway serves by another rule: not
    // simulated, refused, and the inspector says why.
    let wap = format!(
        "{}?_input_charset=utf-8&service=alipay.wap.trade.create.direct&partner=2088002464631181\
         &sec_id=MD5&v=2.0&req_id=1&format=xml&req_data=x&sign=0123456789abcdef0123456789abcdef",
        gw.gateway_url()
    );
    assert!(xml_of(wap).await.contains("<error>ILLEGAL_SERVICE</error>"));
    let reason = gw.exchanges().pop().unwrap().reason;
    assert!(reason.contains("does not simulate"), "{reason}");
    // Parameters against the table: unknown name, too long.
    let long = "x".repeat(65);
    let q = good
        .sign_params(
            "single_trade_query",
            &[("trade_no", long.as_str()), ("color", "red")],
        )
        .unwrap();
    assert!(xml_of(q.url())
        .await
        .contains("<error>ILLEGAL_ARGUMENT</error>"));
    let reason = gw.exchanges().pop().unwrap().reason;
    assert!(
        reason.contains("trade_no") && reason.contains("color"),
        "{reason}"
    );
    // _input_charset only in a POST body: refused.
    let q = good
        .sign_params("single_trade_query", &[("trade_no", "1")])
        .unwrap();
    let body = q.url().split_once('?').unwrap().1.to_owned();
    let r = h
        .post(gw.gateway_url())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(r.contains("<error>ILLEGAL_CHARSET</error>"), "{r}");
    // …and accepted with it in the query string too (as a form's action has it).
    let r = h
        .post(format!("{}?_input_charset=utf-8", gw.gateway_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(r.contains("<error>TRADE_NOT_EXIST</error>"), "{r}");
    // The inspector lists them.
    let inspector = page(&h, &format!("{}/_mock/inspector", gw.base_url())).await;
    assert!(inspector.contains("ILLEGAL_PARTNER") && inspector.contains("ILLEGAL_CHARSET"));
}

#[tokio::test]
async fn gbk_request_gets_a_gbk_return_and_gbk_xml() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    let shop = receiver(&["success"]).await;
    let c = client(&gw.gateway_url(), Charset::Gbk);
    let notify_url = shop.url();
    let url = c
        .sign_params(
            "create_direct_pay_by_user",
            &[
                ("out_trade_no", "g1"),
                ("subject", "中文商品"),
                ("payment_type", "1"),
                ("total_fee", "0.01"),
                ("return_url", "http://127.0.0.1:9/r"),
                ("notify_url", notify_url.as_str()),
            ],
        )
        .unwrap()
        .url();
    assert!(url.contains("%D6%D0%CE%C4"));
    let h = http();
    let cashier = page(&h, &url).await;
    assert!(cashier.contains("中文商品"));
    let location = press(&h, &gw, &cashier, "pay", "").await;
    assert!(
        location.contains("subject=%D6%D0%CE%C4%C9%CC%C6%B7"),
        "{location}"
    );
    assert_eq!(
        c.verify_return_params(&location).unwrap().get("subject"),
        Some("中文商品")
    );
    gw.wait_notifications(Duration::from_secs(10), |n| n.iter().any(|n| n.delivered))
        .await;
    let (ct, body) = shop.bodies.lock().unwrap()[0].clone();
    assert_eq!(
        ct.as_deref(),
        Some("application/x-www-form-urlencoded; charset=gbk")
    );
    assert!(std::str::from_utf8(&body).is_ok()); // percent-encoded ASCII
    assert_eq!(
        c.verify_notification_params(&body, ct.as_deref())
            .unwrap()
            .get("subject"),
        Some("中文商品")
    );

    let q = c
        .sign_params("single_trade_query", &[("out_trade_no", "g1")])
        .unwrap();
    let r = h.get(q.url()).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "text/xml; charset=GBK");
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"<?xml version=\"1.0\" encoding=\"gbk\"?>"));
    let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
    assert!(!bad);
    assert!(text.contains("<subject>中文商品</subject>"));
    // The sign is over the GBK bytes.
    let doc_text = text.replace("encoding=\"gbk\"", "encoding=\"utf-8\"");
    let doc = roxmltree::Document::parse(&doc_text).unwrap();
    let sign = doc
        .descendants()
        .find(|n| n.has_tag_name("sign"))
        .unwrap()
        .text()
        .unwrap()
        .to_owned();
    let mut leaves: Vec<(String, String)> = doc
        .descendants()
        .find(|n| n.has_tag_name("trade"))
        .unwrap()
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            (
                n.tag_name().name().to_owned(),
                n.text().unwrap_or("").to_owned(),
            )
        })
        .collect();
    leaves.sort();
    let string = leaves
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let (gbk, _, _) = encoding_rs::GBK.encode(&string);
    assert_eq!(sign, md5_hex(&gbk, TEST_MD5_KEY));
}

#[tokio::test]
async fn scripted_outcomes_decline_and_fail() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let h = http();
    let base = |no: &'static str, subject: &'static str, fee: &'static str| {
        [
            ("out_trade_no", no),
            ("subject", subject),
            ("payment_type", "1"),
            ("total_fee", fee),
            ("return_url", "http://127.0.0.1:9/r"),
        ]
    };
    // 0.02 is declined: the buyer stays at the cashier, nothing is paid.
    let cashier = pay_page(&gw, &c, &base("d", "s", "0.02")).await;
    let url = format!("{}{}", gw.base_url(), action(&cashier, "pay"));
    let html = h.post(url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("id=\"declined\""), "{html}");
    assert_eq!(
        gw.trade(TEST_PARTNER, "d").unwrap().status,
        TradeStatus::WaitBuyerPay
    );
    // FAIL:CODE comes back as that code, signed.
    let cashier = pay_page(&gw, &c, &base("f", "FAIL:BUYER_ACCOUNT_LOCKED", "1")).await;
    let location = press(&h, &gw, &cashier, "pay", "").await;
    match c.verify_return_params(&location) {
        Err(alipay_mapi_runtime::ReturnError::Gateway { code, signed, .. }) => {
            assert_eq!(code, "BUYER_ACCOUNT_LOCKED");
            assert!(signed);
        }
        other => panic!("{other:?}"),
    }
    // The Fail button with a chosen code.
    let cashier = pay_page(&gw, &c, &base("g", "s", "1")).await;
    let location = press(&h, &gw, &cashier, "fail", "error=SYSTEM_ERROR&other=").await;
    assert!(
        location.contains("is_success=F&error=SYSTEM_ERROR"),
        "{location}"
    );
}

/// A server call with a `subject` and an answer table, declared here.
static ECHO: alipay_mapi_runtime::ServiceSpec = alipay_mapi_runtime::ServiceSpec {
    service: "test.echo",
    request: &[alipay_mapi_runtime::FieldSpec {
        name: "subject",
        ident: "subject",
        ty: alipay_mapi_runtime::FieldType::String,
        max_len: Some(64),
        min_len: None,
        length_rule: None,
        scale: None,
        nullable: false,
        label: "",
        description: "",
        example: None,
        path: &[],
    }],
    response: None,
    notify: None,
    errors: &[],
    length_rule: alipay_mapi_runtime::validate::LengthRule::GbkWidth,
    answer: Some(&[alipay_mapi_runtime::FieldSpec {
        name: "subject",
        ident: "subject",
        ty: alipay_mapi_runtime::FieldType::String,
        max_len: None,
        min_len: None,
        length_rule: None,
        scale: None,
        nullable: false,
        label: "",
        description: "",
        example: None,
        path: &["echo"],
    }]),
    access: alipay_mapi_runtime::Access::Server,
    one_of: &[],
    either: &[],
};

#[tokio::test]
async fn any_declared_server_call_answers_from_its_table_or_its_scripted_failure() {
    let gw = MockGateway::start_with(config().service(&ECHO))
        .await
        .unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let h = http();
    let q = c.sign_params("test.echo", &[("subject", "hello")]).unwrap();
    let xml = h.get(q.url()).send().await.unwrap().text().await.unwrap();
    assert!(
        xml.contains("<response><echo><subject>hello</subject></echo></response>"),
        "{xml}"
    );
    assert_eq!(check_xml_sign(&xml, TEST_MD5_KEY), "subject=hello");
    let q = c
        .sign_params(
            "test.echo",
            &[("subject", "FAIL:ILLEGAL_PARTNER_EXTERFACE")],
        )
        .unwrap();
    let xml = h.get(q.url()).send().await.unwrap().text().await.unwrap();
    assert!(
        xml.ends_with(
            "<alipay><is_success>F</is_success><error>ILLEGAL_PARTNER_EXTERFACE</error></alipay>"
        ),
        "{xml}"
    );
}

/// An app payment declared by the user (not `mobile.securitypay.pay`, which
/// the variants' list refuses first): its order string is never sent to
/// gateway.do.
static APP_PAY: alipay_mapi_runtime::ServiceSpec = alipay_mapi_runtime::ServiceSpec {
    service: "test.app.pay",
    access: alipay_mapi_runtime::Access::App,
    answer: None,
    ..ECHO
};

#[tokio::test]
async fn a_declared_app_payment_is_refused_with_its_reason() {
    let gw = MockGateway::start_with(config().service(&APP_PAY))
        .await
        .unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let q = c
        .sign_params("test.app.pay", &[("subject", "hello")])
        .unwrap();
    let xml = get_text(q.url()).await;
    assert!(xml.contains("<error>ILLEGAL_SERVICE</error>"), "{xml}");
    let reason = gw.exchanges().pop().unwrap().reason;
    assert!(reason.contains("app payment"), "{reason}");
}

#[tokio::test]
async fn faults_each_show() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let h = http();
    let q = c
        .sign_params("single_trade_query", &[("trade_no", "1")])
        .unwrap();
    let url = q.url();

    gw.add_fault(FaultRule::new("single_trade_query", Fault::Http502).times(1));
    let r = h.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 502);
    // The inspector shows which service the fault hit.
    let ex = gw.exchanges().pop().unwrap();
    assert_eq!(
        (ex.verdict.as_str(), ex.service.as_deref()),
        ("fault", Some("single_trade_query"))
    );
    // Counted down: the next call is normal.
    assert!(h
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .contains("TRADE_NOT_EXIST"));

    gw.add_fault(FaultRule::new("single_trade_query", Fault::Reset).times(1));
    let r = h.get(&url).send().await;
    let failed = match r {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(failed, "a reset must not give a complete answer");

    gw.add_fault(FaultRule::new("single_trade_query", Fault::Delay { ms: 300 }).times(1));
    let t = std::time::Instant::now();
    h.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(t.elapsed() >= Duration::from_millis(300));

    gw.add_fault(FaultRule::new("single_trade_query", Fault::Timeout).times(1));
    let short = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    assert!(short.get(&url).send().await.unwrap_err().is_timeout());

    // Truncated and unsigned XML need a trade to answer about.
    let cashier = pay_page(
        &gw,
        &c,
        &[
            ("out_trade_no", "t"),
            ("subject", "s"),
            ("payment_type", "1"),
            ("total_fee", "1"),
        ],
    )
    .await;
    let _ = cashier;
    let q = c
        .sign_params("single_trade_query", &[("out_trade_no", "t")])
        .unwrap();
    gw.add_fault(FaultRule::new("single_trade_query", Fault::Truncated).times(1));
    let xml = h.get(q.url()).send().await.unwrap().text().await.unwrap();
    assert!(roxmltree::Document::parse(&xml).is_err(), "{xml}");
    gw.add_fault(FaultRule::new("single_trade_query", Fault::Unsigned).times(1));
    let xml = h.get(q.url()).send().await.unwrap().text().await.unwrap();
    assert!(
        xml.contains("<response>") && !xml.contains("<sign>"),
        "{xml}"
    );
    let xml = h.get(q.url()).send().await.unwrap().text().await.unwrap();
    check_xml_sign(&xml, TEST_MD5_KEY);

    // The control API sets the same faults.
    let r = h
        .post(format!("{}/_mock/faults", gw.base_url()))
        .header("content-type", "application/json")
        .body(r#"{"service":"*","fault":{"kind":"http502"},"times":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(h.get(&url).send().await.unwrap().status(), 502);

    // A notification signed with a wrong key does not verify.
    let shop = receiver(&["success"]).await;
    gw.add_fault(FaultRule::new("create_direct_pay_by_user", Fault::NotifyWrongKey).times(1));
    let notify_url = shop.url();
    let cashier = pay_page(
        &gw,
        &c,
        &[
            ("out_trade_no", "w"),
            ("subject", "s"),
            ("payment_type", "1"),
            ("total_fee", "1"),
            ("notify_url", notify_url.as_str()),
        ],
    )
    .await;
    let url = format!("{}{}", gw.base_url(), action(&cashier, "pay"));
    h.post(url).send().await.unwrap();
    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| n.iter().any(|n| n.delivered))
        .await;
    assert!(notes[0].wrong_key);
    let (_, body) = shop.bodies.lock().unwrap()[0].clone();
    assert!(matches!(
        c.verify_notification_params(&body, None),
        Err(alipay_mapi_runtime::ReturnError::BadSignature { .. })
    ));
}

#[tokio::test]
async fn duplicates_and_out_of_order_notifications() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    gw.set_notify_options(NotifyOptions {
        duplicates: 2,
        out_of_order: true,
    });
    let shop = receiver(&["success"]).await;
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let notify_url = shop.url();
    let cashier = pay_page(
        &gw,
        &c,
        &[
            ("out_trade_no", "o"),
            ("subject", "s"),
            ("payment_type", "1"),
            ("total_fee", "1"),
            ("notify_url", notify_url.as_str()),
        ],
    )
    .await;
    let url = format!("{}{}", gw.base_url(), action(&cashier, "pay"));
    http().post(url).send().await.unwrap();
    let notes = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.len() == 2 && n.iter().all(|n| n.finished)
        })
        .await;
    assert_eq!(notes[0].attempts.len(), 3); // one, and two duplicates
    assert!(notes[0].attempts[1].duplicate);
    // The stale one arrives after the fresh one, with an earlier notify_time.
    let bodies = shop.bodies.lock().unwrap().clone();
    assert_eq!(bodies.len(), 6);
    let statuses: Vec<String> = bodies
        .iter()
        .map(|(_, b)| {
            c.verify_notification_params(b, None)
                .unwrap()
                .get("trade_status")
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(statuses[0], "TRADE_SUCCESS");
    assert!(statuses.iter().skip(1).any(|s| s == "WAIT_BUYER_PAY"));
}

#[tokio::test]
async fn in_process_transport_needs_no_socket() {
    let gw = MockGateway::in_process(config());
    let c = client("http://mock.invalid/gateway.do", Charset::Utf8);
    let q = c
        .sign_params("single_trade_query", &[("trade_no", "1")])
        .unwrap();
    let url = q.url();
    let path = &url[url.find("/gateway.do").unwrap()..];
    let request = http::Request::get(path).body(Vec::new()).unwrap();
    let answer = gw.call(request).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert!(String::from_utf8(answer.into_body())
        .unwrap()
        .contains("TRADE_NOT_EXIST"));
    gw.add_fault(FaultRule::new("*", Fault::Reset).times(1));
    let request = http::Request::get(path).body(Vec::new()).unwrap();
    assert!(gw.call(request).await.is_err());
}

#[tokio::test]
async fn trade_status_moves_by_control_api_and_notifies() {
    let gw = MockGateway::start_with(config()).await.unwrap();
    let shop = receiver(&["success"]).await;
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let notify_url = shop.url();
    let cashier = pay_page(
        &gw,
        &c,
        &[
            ("out_trade_no", "fin"),
            ("subject", "s"),
            ("payment_type", "1"),
            ("total_fee", "1"),
            ("notify_url", notify_url.as_str()),
        ],
    )
    .await;
    let h = http();
    h.post(format!("{}{}", gw.base_url(), action(&cashier, "pay")))
        .send()
        .await
        .unwrap();
    let no = gw.trade(TEST_PARTNER, "fin").unwrap().trade_no;
    let r = h
        .post(format!("{}/_mock/trades/{no}/status", gw.base_url()))
        .header("content-type", "application/json")
        .body(r#"{"status":"TRADE_FINISHED"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(
        gw.trade(TEST_PARTNER, "fin").unwrap().status,
        TradeStatus::TradeFinished
    );
    gw.wait_notifications(Duration::from_secs(10), |n| {
        n.len() == 2 && n.iter().all(|n| n.delivered)
    })
    .await;
    let last = shop.bodies.lock().unwrap().last().unwrap().1.clone();
    assert_eq!(
        c.verify_notification_params(&last, None)
            .unwrap()
            .get("trade_status"),
        Some("TRADE_FINISHED")
    );
}

static BATCH: alipay_mapi_runtime::ServiceSpec = alipay_mapi_runtime::ServiceSpec {
    service: "batch_trans_notify",
    request: &[
        alipay_mapi_runtime::FieldSpec {
            name: "batch_no",
            ident: "batch_no",
            ty: alipay_mapi_runtime::FieldType::String,
            max_len: Some(32),
            min_len: None,
            length_rule: None,
            scale: None,
            nullable: false,
            label: "",
            description: "",
            example: None,
            path: &[],
        },
        alipay_mapi_runtime::FieldSpec {
            name: "detail_data",
            ident: "detail_data",
            ty: alipay_mapi_runtime::FieldType::String,
            max_len: None,
            min_len: None,
            length_rule: None,
            scale: None,
            nullable: false,
            label: "",
            description: "",
            example: None,
            path: &[],
        },
        alipay_mapi_runtime::FieldSpec {
            name: "notify_url",
            ident: "notify_url",
            ty: alipay_mapi_runtime::FieldType::String,
            max_len: None,
            min_len: None,
            length_rule: None,
            scale: None,
            nullable: true,
            label: "",
            description: "",
            example: None,
            path: &[],
        },
    ],
    response: None,
    notify: None,
    errors: &[],
    length_rule: alipay_mapi_runtime::validate::LengthRule::GbkWidth,
    answer: None,
    access: alipay_mapi_runtime::Access::Page,
    one_of: &[],
    either: &[],
};

#[tokio::test]
async fn batch_payment_is_kept_and_notified_line_by_line() {
    let gw = MockGateway::start_with(config().service(&BATCH))
        .await
        .unwrap();
    let shop = receiver(&["success"]).await;
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let notify_url = shop.url();
    let url = c
        .sign_params(
            "batch_trans_notify",
            &[
                ("batch_no", "20261130001"),
                (
                    "detail_data",
                    "1^a@example.com^A^1.00^m|2^b@example.com^B^0.02^m",
                ),
                ("notify_url", notify_url.as_str()),
            ],
        )
        .unwrap()
        .url();
    let h = http();
    let cashier = page(&h, &url).await;
    let done = h
        .post(format!("{}{}", gw.base_url(), action(&cashier, "pay")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(done.contains("id=\"done\""), "{done}");
    let batches = gw.batch_payments();
    assert_eq!(batches.len(), 1);
    assert!(batches[0].details[0].ok && !batches[0].details[1].ok);
    gw.wait_notifications(Duration::from_secs(10), |n| n.iter().any(|n| n.delivered))
        .await;
    let (_, body) = shop.bodies.lock().unwrap()[0].clone();
    let v = c.verify_notification_params(&body, None).unwrap();
    assert_eq!(v.get("notify_type"), Some("batch_trans_notify"));
    assert!(v
        .get("success_details")
        .unwrap()
        .starts_with("1^a@example.com^A^1.00^S^^"));
    assert!(v
        .get("fail_details")
        .unwrap()
        .starts_with("2^b@example.com^B^0.02^F^DECLINED_BY_MOCK^"));
}

/// A merchant signing with a public-key sign type: the gateway checks with the
/// merchant's public key and signs with its own private key (here the
/// runtime's OpenSSL-made test keys).
async fn public_key_round_trip(
    sign_type: alipay_mapi_runtime::SignType,
    merchant_private: &str,
    merchant_public: &str,
    gateway_private: &str,
    gateway_public: &str,
) {
    use alipay_mapi_mock::{Merchant, MockConfig};
    let merchant = Merchant::public_key(
        "2088000000000077",
        sign_type,
        merchant_public,
        gateway_private,
        Some(gateway_public),
    )
    .unwrap();
    let gw = MockGateway::start_with(MockConfig {
        merchants: vec![merchant],
        ..config()
    })
    .await
    .unwrap();
    let c = alipay_mapi_runtime::Client::new(
        "2088000000000077",
        alipay_mapi_runtime::Signer::from_key_text(sign_type, merchant_private).unwrap(),
    )
    .unwrap()
    .with_verifier(alipay_mapi_runtime::Verifier::from_key_text(sign_type, gateway_public).unwrap())
    .with_gateway(&gw.gateway_url())
    .unwrap();
    let cashier = pay_page(
        &gw,
        &c,
        &[
            ("out_trade_no", "k"),
            ("subject", "s"),
            ("payment_type", "1"),
            ("total_fee", "2.00"),
            ("return_url", "http://127.0.0.1:9/r"),
        ],
    )
    .await;
    assert!(cashier.contains("id=\"pay\""), "{cashier}");
    let location = press(&http(), &gw, &cashier, "pay", "").await;
    let ret = c.verify_return_params(&location).unwrap();
    assert_eq!(ret.get("trade_status"), Some("TRADE_SUCCESS"));
    assert_eq!(ret.sign_type(), sign_type);
    // The XML answer's sign verifies with the gateway's public key.
    let q = c
        .sign_params("single_trade_query", &[("out_trade_no", "k")])
        .unwrap();
    let xml = get_text(q.url()).await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let sign = doc
        .descendants()
        .find(|n| n.has_tag_name("sign"))
        .unwrap()
        .text()
        .unwrap();
    let pairs: Vec<(String, String)> = doc
        .descendants()
        .find(|n| n.has_tag_name("trade"))
        .unwrap()
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            (
                n.tag_name().name().to_owned(),
                n.text().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let s = alipay_mapi_runtime::signing_string(&pairs, Charset::Utf8).unwrap();
    c.verifier().unwrap().verify(&s, sign).unwrap();
    // The merchant's key does not stand in for the gateway's.
    let wrong = alipay_mapi_runtime::Client::new(
        "2088000000000077",
        alipay_mapi_runtime::Signer::from_key_text(sign_type, gateway_private).unwrap(),
    )
    .unwrap()
    .with_gateway(&gw.gateway_url())
    .unwrap();
    let q = wrong
        .sign_params("single_trade_query", &[("out_trade_no", "k")])
        .unwrap();
    let xml = get_text(q.url()).await;
    assert!(xml.contains("<error>ILLEGAL_SIGN</error>"), "{xml}");
}

#[tokio::test]
async fn rsa_merchant() {
    public_key_round_trip(
        alipay_mapi_runtime::SignType::Rsa,
        include_str!("../../runtime/tests/fixtures/rsa1024.pkcs1.pem"),
        include_str!("../../runtime/tests/fixtures/rsa1024.pub.pem"),
        include_str!("../../runtime/tests/fixtures/rsa2048.pkcs8.pem"),
        include_str!("../../runtime/tests/fixtures/rsa2048.pub.pem"),
    )
    .await;
}

#[tokio::test]
async fn a_merchant_given_by_its_private_key_is_checked_with_its_public_half() {
    // The tester's file at hand is the private key: the mock takes its
    // public half.
    let private = include_str!("../../runtime/tests/fixtures/rsa1024.pkcs1.pem");
    public_key_round_trip(
        alipay_mapi_runtime::SignType::Rsa2,
        private,
        private,
        include_str!("../../runtime/tests/fixtures/rsa2048.pkcs8.pem"),
        include_str!("../../runtime/tests/fixtures/rsa2048.pub.pem"),
    )
    .await;
    // Not a key at all: the public key's error.
    let err = alipay_mapi_mock::Merchant::public_key(
        "2088000000000077",
        alipay_mapi_runtime::SignType::Rsa,
        "not a key",
        include_str!("../../runtime/tests/fixtures/rsa2048.pkcs8.pem"),
        None,
    )
    .unwrap_err();
    assert!(
        matches!(err, alipay_mapi_mock::MerchantError::Key(_)),
        "{err}"
    );
}

#[tokio::test]
async fn dsa_merchant() {
    public_key_round_trip(
        alipay_mapi_runtime::SignType::Dsa,
        include_str!("../../runtime/tests/fixtures/dsa1024.pkcs8.pem"),
        include_str!("../../runtime/tests/fixtures/dsa1024.pub.pem"),
        include_str!("../../runtime/tests/fixtures/dsa-wrong.pkcs8.pem"),
        include_str!("../../runtime/tests/fixtures/dsa-wrong.pub.pem"),
    )
    .await;
}

#[tokio::test]
async fn notify_id_expires() {
    let gw = MockGateway::start_with(alipay_mapi_mock::MockConfig {
        // Wide enough that a loaded machine answers the first check in time.
        notify_id_validity: Duration::from_secs(3),
        ..config()
    })
    .await
    .unwrap();
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let cashier = pay_page(
        &gw,
        &c,
        &[
            ("out_trade_no", "e"),
            ("subject", "s"),
            ("payment_type", "1"),
            ("total_fee", "1"),
            ("return_url", "http://127.0.0.1:9/r"),
        ],
    )
    .await;
    let location = press(&http(), &gw, &cashier, "pay", "").await;
    let id = c
        .verify_return_params(&location)
        .unwrap()
        .get("notify_id")
        .unwrap()
        .to_owned();
    let url = format!(
        "{}?service=notify_verify&partner={TEST_PARTNER}&notify_id={}",
        gw.gateway_url(),
        url::form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>()
    );
    assert_eq!(get_text(&url).await, "true");
    tokio::time::sleep(Duration::from_millis(3500)).await;
    assert_eq!(get_text(&url).await, "false");
}

#[tokio::test]
async fn a_notification_never_answered_success_is_tried_eight_times_then_given_up() {
    let gw = MockGateway::start_with(config().time_factor(1_000_000.0))
        .await
        .unwrap();
    let shop = receiver(&["fail"]).await;
    let c = client(&gw.gateway_url(), Charset::Utf8);
    let notify_url = shop.url();
    let cashier = pay_page(
        &gw,
        &c,
        &[
            ("out_trade_no", "never"),
            ("subject", "s"),
            ("payment_type", "1"),
            ("total_fee", "1"),
            ("notify_url", notify_url.as_str()),
        ],
    )
    .await;
    http()
        .post(format!("{}{}", gw.base_url(), action(&cashier, "pay")))
        .send()
        .await
        .unwrap();
    let notes = gw
        .wait_notifications(Duration::from_secs(20), |n| {
            n.iter().all(|n| n.finished) && !n.is_empty()
        })
        .await;
    assert!(!notes[0].delivered);
    assert_eq!(notes[0].attempts.len(), 8);
    assert_eq!(shop.count(), 8);
    // The waits grow as the schedule does (4 m … 15 h, a million times faster).
    let at: Vec<u64> = notes[0].attempts.iter().map(|a| a.at_ms).collect();
    assert!(at[7] - at[6] >= 54, "{at:?}");
}

//! The axum glue over real HTTP: the example shop (`examples/shop.rs`) on
//! 127.0.0.1, receiving notifications and returns the test writes and signs
//! by hand — signing strings written out literally, MD5 from the `md-5`
//! crate, GBK bytes from `encoding_rs` — never by this crate's signer.
#![cfg(all(feature = "md5", feature = "axum"))]

#[path = "../examples/shop.rs"]
#[allow(dead_code)]
mod shop;

use std::net::SocketAddr;
use std::sync::Arc;

use alipay_mapi::axum::{Ack, AlipayNotify, AlipayRejection, AlipayReturn};
use alipay_mapi::keys::Md5Key;
use alipay_mapi::{Charset, Client, ReturnError, ServiceError, Signer, Verifier};
use alipay_mapi_interfaces::create_direct_pay_by_user::{ErrorCode, Notify, Response};
use md5::{Digest, Md5};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PARTNER: &str = "2088002464631181";
const KEY: &str = "10000000000000000000000000000000";
const FORM: &str = "application/x-www-form-urlencoded";

fn client(charset: Charset) -> Client {
    let key = Md5Key::new(KEY).unwrap();
    Client::new(PARTNER, Signer::md5(key.clone()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(key))
}

/// The example shop on a free port of 127.0.0.1.
async fn start_shop(charset: Charset) -> (SocketAddr, shop::Shop) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let shop = shop::Shop::new(client(charset), &format!("http://{addr}"));
    let app = shop::router(shop.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, shop)
}

/// One HTTP/1.1 exchange over a plain socket: the status and the body bytes.
async fn http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(ct) = content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let status_line = String::from_utf8_lossy(&answer[..split]).into_owned();
    let status: u16 = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let head = status_line.to_ascii_lowercase();
    let mut body = answer[split + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    (status, body)
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..line_end]).unwrap().trim(), 16)
                .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 2 + size + 2..];
    }
}

/// MD5 of the signing string's bytes followed by the key, lowercase hex.
fn md5_sign(signing_string_bytes: &[u8]) -> String {
    let mut hasher = Md5::new();
    hasher.update(signing_string_bytes);
    hasher.update(KEY.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// Percent-encodes every byte outside RFC 3986's unreserved set.
fn percent(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `name=value&…` with each name and value percent-encoded from `encode`'s bytes.
fn form_body(pairs: &[(&str, &str)], encode: fn(&str) -> Vec<u8>) -> String {
    pairs
        .iter()
        .map(|(n, v)| format!("{}={}", percent(&encode(n)), percent(&encode(v))))
        .collect::<Vec<_>>()
        .join("&")
}

fn utf8(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

/// The order the shop creates on `POST /pay`, from the signed form it serves.
async fn buy(addr: SocketAddr) -> String {
    let (status, page) = http(addr, "POST", "/pay", None, b"").await;
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    let marker = "name=\"out_trade_no\" value=\"";
    let start = page.find(marker).unwrap() + marker.len();
    page[start..start + page[start..].find('"').unwrap()].to_owned()
}

/// The notification of a paid order: its pairs (in the order sent) and its
/// signing string, written out by hand (sorted names, no sign / sign_type).
fn paid_notification(
    out_trade_no: &str,
    notify_id: &str,
    total_fee: &str,
) -> (Vec<(String, String)>, String) {
    notification_of(out_trade_no, notify_id, total_fee, "TRADE_SUCCESS")
}

/// [`paid_notification`] of another `trade_status`.
fn notification_of(
    out_trade_no: &str,
    notify_id: &str,
    total_fee: &str,
    trade_status: &str,
) -> (Vec<(String, String)>, String) {
    let pairs = vec![
        ("notify_time", "2026-11-30 10:01:02"),
        ("notify_type", "trade_status_sync"),
        ("notify_id", notify_id),
        ("out_trade_no", out_trade_no),
        ("subject", "测试商品 test goods"),
        ("trade_no", "2026113000001000100012345678"),
        ("trade_status", trade_status),
        ("total_fee", total_fee),
        ("buyer_email", "买家@example.com"),
        ("gmt_payment", "2026-11-30 10:01:00"),
    ];
    let signing_string = format!(
        "buyer_email=买家@example.com&gmt_payment=2026-11-30 10:01:00&notify_id={notify_id}\
         &notify_time=2026-11-30 10:01:02&notify_type=trade_status_sync&out_trade_no={out_trade_no}\
         &subject=测试商品 test goods&total_fee={total_fee}&trade_no=2026113000001000100012345678\
         &trade_status={trade_status}"
    );
    (
        pairs
            .into_iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect(),
        signing_string,
    )
}

fn with_sign(mut pairs: Vec<(String, String)>, sign: &str) -> Vec<(String, String)> {
    pairs.push(("sign_type".into(), "MD5".into()));
    pairs.push(("sign".into(), sign.into()));
    pairs
}

fn body_of(pairs: &[(String, String)], encode: fn(&str) -> Vec<u8>) -> String {
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    form_body(&borrowed, encode)
}

fn order(shop: &shop::Shop, out_trade_no: &str) -> shop::Order {
    shop.orders().by_id.get(out_trade_no).cloned().unwrap()
}

#[tokio::test]
async fn utf8_notification_is_applied_once_and_answered_success_each_time() {
    let (addr, shop) = start_shop(Charset::Utf8).await;
    let out_trade_no = buy(addr).await;
    assert_eq!(order(&shop, &out_trade_no).status, "WAIT_BUYER_PAY");

    let (pairs, signing_string) = paid_notification(&out_trade_no, "nid-utf8-1", "0.01");
    let body = body_of(
        &with_sign(pairs, &md5_sign(signing_string.as_bytes())),
        utf8,
    );
    for _ in 0..2 {
        let (status, answer) =
            http(addr, "POST", "/alipay/notify", Some(FORM), body.as_bytes()).await;
        assert_eq!((status, answer.as_slice()), (200, &b"success"[..]));
    }
    let paid = order(&shop, &out_trade_no);
    assert_eq!(paid.status, "TRADE_SUCCESS");
    assert_eq!(
        paid.trade_no.as_deref(),
        Some("2026113000001000100012345678")
    );
    assert_eq!(
        paid.notifications, 1,
        "a resend of one notify_id is applied once"
    );

    let (_, orders) = http(addr, "GET", "/orders", None, b"").await;
    assert_eq!(
        String::from_utf8(orders).unwrap(),
        format!("{out_trade_no} TRADE_SUCCESS 1\n")
    );
}

#[tokio::test]
async fn a_late_notification_of_an_earlier_status_does_not_undo_a_payment() {
    let (addr, shop) = start_shop(Charset::Utf8).await;
    let out_trade_no = buy(addr).await;
    // Each notification has its own notify_id; the gateway's order of
    // sending is not the order of arrival.
    for (notify_id, status) in [
        ("nid-late-1", "TRADE_SUCCESS"),
        ("nid-late-0", "WAIT_BUYER_PAY"),
        ("nid-late-2", "TRADE_FINISHED"),
        ("nid-late-1b", "TRADE_SUCCESS"),
    ] {
        let (pairs, signing_string) = notification_of(&out_trade_no, notify_id, "0.01", status);
        let body = body_of(
            &with_sign(pairs, &md5_sign(signing_string.as_bytes())),
            utf8,
        );
        let (code, answer) =
            http(addr, "POST", "/alipay/notify", Some(FORM), body.as_bytes()).await;
        assert_eq!(
            (code, answer.as_slice()),
            (200, &b"success"[..]),
            "{status}"
        );
        if notify_id == "nid-late-0" {
            assert_eq!(order(&shop, &out_trade_no).status, "TRADE_SUCCESS");
        }
    }
    assert_eq!(order(&shop, &out_trade_no).status, "TRADE_FINISHED");
}

#[tokio::test]
async fn gbk_notification_to_a_gbk_shop() {
    let (addr, shop) = start_shop(Charset::Gbk).await;
    for (notify_id, content_type) in [
        ("nid-gbk-1", FORM),
        (
            "nid-gbk-2",
            "application/x-www-form-urlencoded; charset=GBK",
        ),
        ("nid-gbk-3", "Application/X-WWW-Form-Urlencoded;charset=gbk"),
    ] {
        let out_trade_no = buy(addr).await;
        let (pairs, signing_string) = paid_notification(&out_trade_no, notify_id, "0.01");
        let body = body_of(&with_sign(pairs, &md5_sign(&gbk(&signing_string))), gbk);
        assert!(body.contains("%B2%E2%CA%D4"), "`测试` in GBK bytes: {body}");
        let (status, answer) = http(
            addr,
            "POST",
            "/alipay/notify",
            Some(content_type),
            body.as_bytes(),
        )
        .await;
        assert_eq!(
            (status, answer.as_slice()),
            (200, &b"success"[..]),
            "{content_type}"
        );
        assert_eq!(order(&shop, &out_trade_no).status, "TRADE_SUCCESS");
        assert_eq!(order(&shop, &out_trade_no).notifications, 1);
    }
}

#[tokio::test]
async fn gbk_notification_with_a_gbk_content_type_to_a_utf8_shop() {
    let (addr, shop) = start_shop(Charset::Utf8).await;
    let out_trade_no = buy(addr).await;
    let (pairs, signing_string) = paid_notification(&out_trade_no, "nid-gbk-ct", "0.01");
    let body = body_of(&with_sign(pairs, &md5_sign(&gbk(&signing_string))), gbk);
    let (status, answer) = http(
        addr,
        "POST",
        "/alipay/notify",
        Some("application/x-www-form-urlencoded; charset=GBK"),
        body.as_bytes(),
    )
    .await;
    assert_eq!(
        (status, String::from_utf8_lossy(&answer).as_ref()),
        (200, "success")
    );
    assert_eq!(order(&shop, &out_trade_no).status, "TRADE_SUCCESS");
}

#[tokio::test]
async fn gbk_notification_naming_its_charset_to_a_utf8_shop() {
    let (addr, shop) = start_shop(Charset::Utf8).await;
    let out_trade_no = buy(addr).await;
    let (mut pairs, signing_string) = paid_notification(&out_trade_no, "nid-gbk-ic", "0.01");
    pairs.insert(0, ("_input_charset".into(), "gbk".into()));
    let signing_string = format!("_input_charset=gbk&{signing_string}");
    let body = body_of(&with_sign(pairs, &md5_sign(&gbk(&signing_string))), gbk);
    let (status, answer) = http(addr, "POST", "/alipay/notify", Some(FORM), body.as_bytes()).await;
    assert_eq!(
        (status, String::from_utf8_lossy(&answer).as_ref()),
        (200, "success")
    );
    assert_eq!(order(&shop, &out_trade_no).status, "TRADE_SUCCESS");
}

#[tokio::test]
async fn tampered_and_undecodable_notifications_are_answered_fail() {
    let (addr, shop) = start_shop(Charset::Utf8).await;
    let out_trade_no = buy(addr).await;
    let (pairs, signing_string) = paid_notification(&out_trade_no, "nid-tampered", "0.01");
    let sign = md5_sign(signing_string.as_bytes());

    // The amount changed after signing.
    let tampered: Vec<(String, String)> = with_sign(pairs.clone(), &sign)
        .into_iter()
        .map(|(n, v)| {
            if n == "total_fee" {
                (n, "100.00".into())
            } else {
                (n, v)
            }
        })
        .collect();
    // A sign made with another key.
    let mut other = Md5::new();
    other.update(signing_string.as_bytes());
    other.update(b"20000000000000000000000000000000");
    let other_sign: String = other
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    // GBK bytes with nothing saying they are GBK: never decoded lossily.
    let gbk_signing = gbk(&signing_string);
    let undeclared_gbk = body_of(&with_sign(pairs.clone(), &md5_sign(&gbk_signing)), gbk);

    for body in [
        body_of(&tampered, utf8),
        body_of(&with_sign(pairs.clone(), &other_sign), utf8),
        body_of(&pairs, utf8), // unsigned
        undeclared_gbk,
    ] {
        let (status, answer) =
            http(addr, "POST", "/alipay/notify", Some(FORM), body.as_bytes()).await;
        assert_eq!((status, answer.as_slice()), (400, &b"fail"[..]), "{body}");
    }
    // Over the 64 KiB a notification may have: refused before it is parsed.
    let huge = format!(
        "{}&padding={}",
        body_of(&with_sign(pairs.clone(), &sign), utf8),
        "x".repeat(70_000)
    );
    let (status, answer) = http(addr, "POST", "/alipay/notify", Some(FORM), huge.as_bytes()).await;
    assert_eq!((status, answer.as_slice()), (400, &b"fail"[..]));
    // Not a form.
    let body = body_of(&with_sign(pairs, &sign), utf8);
    let (status, answer) = http(
        addr,
        "POST",
        "/alipay/notify",
        Some("application/json"),
        body.as_bytes(),
    )
    .await;
    assert_eq!((status, answer.as_slice()), (400, &b"fail"[..]));

    let untouched = order(&shop, &out_trade_no);
    assert_eq!(untouched.status, "WAIT_BUYER_PAY");
    assert_eq!(untouched.notifications, 0);
    assert!(shop.orders().seen_notify_ids.is_empty());
}

#[tokio::test]
async fn gbk_return_shows_the_verified_order() {
    let (addr, shop) = start_shop(Charset::Gbk).await;
    let out_trade_no = buy(addr).await;
    let signing_string = format!(
        "exterface=create_direct_pay_by_user&is_success=T&notify_id=RqPnCoPT3K9%2Fvwbh\
         &out_trade_no={out_trade_no}&subject=测试商品 test goods&total_fee=0.01\
         &trade_no=2026113000001000100012345678&trade_status=TRADE_SUCCESS"
    );
    let pairs = [
        ("is_success", "T"),
        ("exterface", "create_direct_pay_by_user"),
        ("notify_id", "RqPnCoPT3K9%2Fvwbh"),
        ("out_trade_no", out_trade_no.as_str()),
        ("subject", "测试商品 test goods"),
        ("total_fee", "0.01"),
        ("trade_no", "2026113000001000100012345678"),
        ("trade_status", "TRADE_SUCCESS"),
        ("sign_type", "MD5"),
    ];
    let sign = md5_sign(&gbk(&signing_string));
    let query = format!("{}&sign={sign}", form_body(&pairs, gbk));
    let (status, page) = http(addr, "GET", &format!("/alipay/return?{query}"), None, b"").await;
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<span id=\"status\">TRADE_SUCCESS</span>"),
        "{page}"
    );
    assert!(page.contains(&format!("<span id=\"out_trade_no\">{out_trade_no}</span>")));
    assert!(page.contains("<span id=\"total_fee\">0.01</span>"));
    assert_eq!(order(&shop, &out_trade_no).status, "TRADE_SUCCESS");

    // One changed byte of the query: refused, 400 `fail`, the order as it was.
    let out_trade_no = buy(addr).await;
    let forged = query.replace("0.01", "0.02");
    let (status, page) = http(addr, "GET", &format!("/alipay/return?{forged}"), None, b"").await;
    assert_eq!((status, page.as_slice()), (400, &b"fail"[..]));
    assert_eq!(order(&shop, &out_trade_no).status, "WAIT_BUYER_PAY");
}

#[tokio::test]
async fn a_failure_return_shows_its_error_code() {
    let (addr, _shop) = start_shop(Charset::Utf8).await;
    // Signed failure: md5("error=ILLEGAL_SIGN&is_success=F" ++ key).
    let sign = md5_sign(b"error=ILLEGAL_SIGN&is_success=F");
    let target =
        format!("/alipay/return?is_success=F&error=ILLEGAL_SIGN&sign_type=MD5&sign={sign}");
    let (status, page) = http(addr, "GET", &target, None, b"").await;
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("<span id=\"status\">FAILED</span>"), "{page}");
    assert!(
        page.contains("<span id=\"error\">ILLEGAL_SIGN</span>"),
        "{page}"
    );
}

#[test]
fn a_hash_routed_return_url_says_the_parameters_sit_after_the_hash() {
    let client = client(Charset::Utf8);
    let sign = md5_sign(b"is_success=T&out_trade_no=1");
    let url = format!(
        "https://shop.example/#/pay/return?is_success=T&out_trade_no=1&sign_type=MD5&sign={sign}"
    );
    let err = client.verify_return_params(&url).unwrap_err();
    assert!(
        matches!(&err, ReturnError::ParamsAfterFragment { fragment } if fragment.starts_with("#/pay/return?")),
        "{err:?}"
    );
    assert!(err.to_string().contains("after `#`"), "{err}");
    let typed = client.verify_return::<Response>(&url).unwrap_err();
    assert!(matches!(
        typed,
        ServiceError::Return(ReturnError::ParamsAfterFragment { .. })
    ));
    // The same parameters as a query verify.
    let plain = format!(
        "https://shop.example/pay/return?is_success=T&out_trade_no=1&sign_type=MD5&sign={sign}"
    );
    assert!(client.verify_return_params(&plain).is_ok());
    // A fragment that holds no signed parameters is not in the way.
    assert!(client.verify_return_params(&format!("{plain}#top")).is_ok());
}

/// The extractors with the client itself as the router's state, and a
/// handler that takes the rejection to look at it.
#[tokio::test]
async fn extractors_with_an_arc_client_state() {
    async fn notify(AlipayNotify(n): AlipayNotify<Notify>) -> Ack {
        assert_eq!(n.trade_status.as_deref(), Some("TRADE_SUCCESS"));
        Ack
    }
    async fn back(returned: Result<AlipayReturn<Response>, AlipayRejection<ErrorCode>>) -> String {
        match returned {
            Ok(r) => format!("ok {}", r.out_trade_no.as_deref().unwrap_or_default()),
            Err(e) => format!(
                "refused: {e} [{}]",
                e.signing_string().unwrap_or("no signing string")
            ),
        }
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/notify", axum::routing::post(notify))
        .route("/return", axum::routing::get(back))
        .with_state(Arc::new(client(Charset::Utf8)));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let (pairs, signing_string) = paid_notification("42", "nid-arc", "0.01");
    let body = body_of(
        &with_sign(pairs, &md5_sign(signing_string.as_bytes())),
        utf8,
    );
    let (status, answer) = http(addr, "POST", "/notify", Some(FORM), body.as_bytes()).await;
    assert_eq!((status, answer.as_slice()), (200, &b"success"[..]));
    // No Content-Type at all: the charset is the client's.
    let (status, answer) = http(addr, "POST", "/notify", None, body.as_bytes()).await;
    assert_eq!((status, answer.as_slice()), (200, &b"success"[..]));

    let sign = md5_sign(b"is_success=T&out_trade_no=42");
    let (_, page) = http(
        addr,
        "GET",
        &format!("/return?is_success=T&out_trade_no=42&sign_type=MD5&sign={sign}"),
        None,
        b"",
    )
    .await;
    assert_eq!(String::from_utf8(page).unwrap(), "ok 42");
    let (_, page) = http(
        addr,
        "GET",
        &format!("/return?is_success=T&out_trade_no=43&sign_type=MD5&sign={sign}"),
        None,
        b"",
    )
    .await;
    let page = String::from_utf8(page).unwrap();
    assert!(
        page.starts_with("refused: signature does not match"),
        "{page}"
    );
    assert!(page.ends_with("[is_success=T&out_trade_no=43]"), "{page}");
}

#[tokio::test]
async fn signed_notifications_for_another_amount_or_no_order_are_not_applied() {
    let (addr, shop) = start_shop(Charset::Utf8).await;
    let out_trade_no = buy(addr).await; // 0.01
    let verifier = client(Charset::Utf8);
    let post = |pairs: Vec<(String, String)>, signing_string: String| {
        let body = body_of(
            &with_sign(pairs, &md5_sign(signing_string.as_bytes())),
            utf8,
        );
        // Refused for what it says, not for its signature.
        let verified = verifier.verify_notification_params(body.as_bytes(), Some(FORM));
        assert!(verified.is_ok(), "{verified:?}");
        async move { http(addr, "POST", "/alipay/notify", Some(FORM), body.as_bytes()).await }
    };
    let fail = (400, b"fail".to_vec());
    // Signed with the shop's key, yet another amount, …
    let (pairs, signing_string) = paid_notification(&out_trade_no, "nid-amount", "0.02");
    assert_eq!(post(pairs, signing_string).await, fail);
    // … no amount at all, …
    let (pairs, signing_string) = paid_notification(&out_trade_no, "nid-no-fee", "0.01");
    let pairs = pairs
        .into_iter()
        .filter(|(n, _)| n != "total_fee")
        .collect();
    let signing_string = signing_string.replace("&total_fee=0.01", "");
    assert_eq!(post(pairs, signing_string).await, fail);
    // … or an order this shop never created.
    let (pairs, signing_string) = paid_notification("999", "nid-unknown", "0.01");
    assert_eq!(post(pairs, signing_string).await, fail);
    assert!(!shop.orders().by_id.contains_key("999"));
    assert_eq!(order(&shop, &out_trade_no).status, "WAIT_BUYER_PAY");
    assert!(shop.orders().seen_notify_ids.is_empty());

    // The same amount written differently is the same amount.
    let (pairs, signing_string) = paid_notification(&out_trade_no, "nid-amount-2", "0.010");
    assert_eq!(
        post(pairs, signing_string).await,
        (200, b"success".to_vec())
    );
    assert_eq!(order(&shop, &out_trade_no).status, "TRADE_SUCCESS");
}

//! End to end in a real browser: a shop and the mock gateway on 127.0.0.1,
//! Debian's `chromium` driven headless through `chromedriver` (WebDriver).
//!
//! Buy → cashier → Pay → the shop's return page shows the order paid, and
//! the shop's notify endpoint answered `success` exactly once; then Cancel, a
//! GBK request, and a wrong merchant key (the gateway's page says
//! ILLEGAL_SIGN). Each step's screenshot is saved under the test's target
//! directory and its path printed.
//!
//! The shop here is a small axum app written for this test with the
//! runtime's client (sign the request, verify the return and the
//! notification from raw bytes). `.ci/run` installs `chromium` and
//! `chromium-driver` when missing; without them this test fails and says so.

mod common;

/// The project's example shop (`examples/shop.rs`), as its own tests use it.
#[path = "../../examples/shop.rs"]
#[allow(dead_code, unexpected_cfgs)]
mod example_shop;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use alipay_mapi_mock::{MockGateway, TradeStatus};
use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::{Charset, Client, Signer, Verifier};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use common::*;
use fantoccini::{ClientBuilder, Locator};

/// One shop: its client (charset, key) and what its notify endpoint saw.
#[derive(Clone)]
struct Shop {
    client: Client,
    subject: &'static str,
    /// notify_id → how many times it was answered `success`.
    notified: Arc<Mutex<Vec<(String, String)>>>,
    orders: Arc<Mutex<u32>>,
    name: &'static str,
}

async fn home(State(shop): State<Shop>) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{0}</title></head><body>\
<h1>{0}</h1><p>{1}, 0.01</p><form method=\"post\" action=\"/pay\"><button id=\"buy\" type=\"submit\">Buy</button></form></body></html>",
        shop.name, shop.subject
    ))
}

async fn pay(State(shop): State<Shop>, headers: axum::http::HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let n = {
        let mut o = shop.orders.lock().unwrap();
        *o += 1;
        *o
    };
    let out_trade_no = format!("{}-{n}", shop.name);
    let return_url = format!("http://{host}/alipay/return");
    let notify_url = format!("http://{host}/alipay/notify");
    let request = shop.client.sign_params(
        "create_direct_pay_by_user",
        &[
            ("out_trade_no", out_trade_no.as_str()),
            ("subject", shop.subject),
            ("payment_type", "1"),
            ("total_fee", "0.01"),
            ("return_url", return_url.as_str()),
            ("notify_url", notify_url.as_str()),
        ],
    );
    match request {
        Ok(r) => (StatusCode::SEE_OTHER, [(header::LOCATION, r.url())]).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn return_page(State(shop): State<Shop>, RawQuery(query): RawQuery) -> Html<String> {
    let status = match shop
        .client
        .verify_return_params(query.as_deref().unwrap_or_default())
    {
        Ok(v) => format!(
            "order {} {}: {} ({})",
            v.get("out_trade_no").unwrap_or_default(),
            if v.get("trade_status") == Some("TRADE_SUCCESS") {
                "paid"
            } else {
                "not paid"
            },
            v.get("trade_status").unwrap_or_default(),
            v.get("subject").unwrap_or_default(),
        ),
        Err(e) => format!("refused: {e}"),
    };
    Html(format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p id=\"status\">{status}</p></body></html>"
    ))
}

async fn notify(
    State(shop): State<Shop>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> &'static str {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    match shop.client.verify_notification_params(&body, content_type) {
        Ok(v) => {
            shop.notified.lock().unwrap().push((
                v.get("notify_id").unwrap_or_default().to_owned(),
                v.get("trade_status").unwrap_or_default().to_owned(),
            ));
            "success"
        }
        Err(_) => "fail",
    }
}

async fn start_shop(
    name: &'static str,
    subject: &'static str,
    charset: Charset,
    key: &str,
    gateway: &str,
) -> (SocketAddr, Shop) {
    let client = Client::new(TEST_PARTNER, Signer::md5(Md5Key::new(key).unwrap()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(Md5Key::new(TEST_MD5_KEY).unwrap()))
        .with_gateway(gateway)
        .unwrap();
    let shop = Shop {
        client,
        subject,
        notified: Arc::default(),
        orders: Arc::default(),
        name,
    };
    let app = Router::new()
        .route("/", get(home))
        .route("/pay", post(pay))
        .route("/alipay/return", get(return_page))
        .route("/alipay/notify", post(notify))
        .with_state(shop.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, shop)
}

struct Driver {
    child: tokio::process::Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

async fn chromedriver() -> Driver {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let child = tokio::process::Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("chromedriver not found: install Debian's `chromium` and `chromium-driver` (.ci/run does)");
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Driver { child, port };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("chromedriver did not listen on {port}");
}

async fn browser(driver: &Driver, profile: &std::path::Path) -> fantoccini::Client {
    let mut caps = serde_json::Map::new();
    let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let mut opts = serde_json::json!({
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1000,800",
            format!("--user-data-dir={}", profile.display()),
        ]
    });
    if let Some(b) = binary {
        opts["binary"] = b.into();
    }
    caps.insert("goog:chromeOptions".into(), opts);
    // Chromium can fail to start while the machine is busy (both tests of
    // this file start one at once): a session is asked for three times.
    let mut failures = Vec::new();
    for attempt in 0..3 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
        {
            Ok(client) => return client,
            Err(e) => failures.push(format!("attempt {}: {e}", attempt + 1)),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("no WebDriver session with chromium: {failures:?}")
}

struct Shots {
    dir: PathBuf,
    n: u32,
}

impl Shots {
    async fn take(&mut self, b: &fantoccini::Client, step: &str) {
        self.n += 1;
        let png = b.screenshot().await.unwrap();
        let path = self.dir.join(format!("{:02}-{step}.png", self.n));
        std::fs::write(&path, png).unwrap();
        println!("screenshot: {}", path.display());
    }
}

async fn text_of(b: &fantoccini::Client, id: &str) -> String {
    // A find issued while the page is still navigating is answered
    // "aborted by navigation" at once (seen on a loaded machine): asked
    // again, it waits for the new page.
    for attempt in 0.. {
        match b
            .wait()
            .at_most(Duration::from_secs(45))
            .for_element(Locator::Id(id))
            .await
        {
            Ok(el) => return el.text().await.unwrap(),
            Err(e) if attempt < 5 && e.to_string().contains("aborted by navigation") => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("no #{id}: {e}"),
        }
    }
    unreachable!()
}

async fn click(b: &fantoccini::Client, id: &str) {
    b.wait()
        .at_most(Duration::from_secs(45))
        .for_element(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("no #{id}: {e}"))
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shop_and_cashier_in_chromium() {
    let gw = MockGateway::start_with(config().time_factor(1000.0))
        .await
        .unwrap();
    let driver = chromedriver().await;
    let profile = std::env::temp_dir().join(format!("mock-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let b = browser(&driver, &profile).await;
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let mut shots = Shots { dir, n: 0 };

    // 1. Buy, Pay: the return page shows the order paid; notified once.
    let (addr, shop) = start_shop(
        "shop",
        "A book",
        Charset::Utf8,
        TEST_MD5_KEY,
        &gw.gateway_url(),
    )
    .await;
    b.goto(&format!("http://{addr}/")).await.unwrap();
    shots.take(&b, "shop").await;
    click(&b, "buy").await;
    assert_eq!(text_of(&b, "total_fee").await, "0.01");
    shots.take(&b, "cashier").await;
    click(&b, "pay").await;
    let status = text_of(&b, "status").await;
    shots.take(&b, "paid").await;
    assert!(
        status.starts_with("order shop-1 paid: TRADE_SUCCESS"),
        "{status}"
    );
    assert_eq!(
        gw.trade(TEST_PARTNER, "shop-1").unwrap().status,
        TradeStatus::TradeSuccess
    );
    let notes = gw
        .wait_notifications(Duration::from_secs(30), |n| n.iter().any(|n| n.delivered))
        .await;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].attempts.len(), 1, "answered success at once");
    assert!(notes[0].attempts[0].success);
    assert_eq!(shop.notified.lock().unwrap().len(), 1);

    // 2. Cancel: the return page shows the order closed, not paid.
    b.goto(&format!("http://{addr}/")).await.unwrap();
    click(&b, "buy").await;
    text_of(&b, "pay").await;
    click(&b, "cancel").await;
    let status = text_of(&b, "status").await;
    shots.take(&b, "cancelled").await;
    assert!(
        status.starts_with("order shop-2 not paid: TRADE_CLOSED"),
        "{status}"
    );

    // 3. A GBK shop with a Chinese subject.
    let (gbk_addr, gbk_shop) = start_shop(
        "gbk",
        "中文商品",
        Charset::Gbk,
        TEST_MD5_KEY,
        &gw.gateway_url(),
    )
    .await;
    b.goto(&format!("http://{gbk_addr}/")).await.unwrap();
    click(&b, "buy").await;
    assert_eq!(text_of(&b, "subject").await, "中文商品");
    assert_eq!(text_of(&b, "_input_charset").await, "gbk");
    shots.take(&b, "gbk-cashier").await;
    click(&b, "pay").await;
    let status = text_of(&b, "status").await;
    shots.take(&b, "gbk-paid").await;
    assert!(
        status.contains("paid: TRADE_SUCCESS (中文商品)"),
        "{status}"
    );
    gw.wait_notifications(Duration::from_secs(30), |n| {
        n.iter().filter(|n| n.delivered).count() >= 3
    })
    .await;
    assert_eq!(gbk_shop.notified.lock().unwrap().len(), 1);

    // 4. A shop signing with the wrong merchant key: ILLEGAL_SIGN.
    let (bad_addr, _) = start_shop(
        "badkey",
        "A book",
        Charset::Utf8,
        "20000000000000000000000000000000",
        &gw.gateway_url(),
    )
    .await;
    b.goto(&format!("http://{bad_addr}/")).await.unwrap();
    click(&b, "buy").await;
    let error = text_of(&b, "error").await;
    shots.take(&b, "illegal-sign").await;
    assert_eq!(error, "is_success=F&error=ILLEGAL_SIGN");

    // The inspector shows it all.
    b.goto(&format!("{}/_mock/inspector", gw.base_url()))
        .await
        .unwrap();
    shots.take(&b, "inspector").await;
    let _ = b.close().await;
    let _ = std::fs::remove_dir_all(&profile);
}

/// The example shop (`cargo run --example shop`) against the mock with the
/// interfaces' own `create_direct_pay_by_user` declaration: Buy, the
/// auto-submitted form, the cashier, Pay, the shop's return page; then
/// Cancel, a GBK shop, and a wrong merchant key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn example_shop_in_chromium() {
    let gw = MockGateway::start_with(alipay_mapi_mock::MockConfig::default().time_factor(1000.0))
        .await
        .unwrap();
    let driver = chromedriver().await;
    let profile = std::env::temp_dir().join(format!("mock-browser-shop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let b = browser(&driver, &profile).await;
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots-example-shop");
    std::fs::create_dir_all(&dir).unwrap();
    let mut shots = Shots { dir, n: 0 };

    async fn start(gateway: &str, charset: Charset, key: &str) -> (SocketAddr, example_shop::Shop) {
        let client = Client::new(TEST_PARTNER, Signer::md5(Md5Key::new(key).unwrap()))
            .unwrap()
            .with_charset(charset)
            .with_verifier(Verifier::md5(Md5Key::new(TEST_MD5_KEY).unwrap()))
            .with_gateway(gateway)
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shop = example_shop::Shop::new(client, &format!("http://{addr}"));
        let app = example_shop::router(shop.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (addr, shop)
    }

    let (addr, shop) = start(&gw.gateway_url(), Charset::Utf8, TEST_MD5_KEY).await;
    b.goto(&format!("http://{addr}/")).await.unwrap();
    shots.take(&b, "shop").await;
    click(&b, "buy").await;
    assert_eq!(text_of(&b, "total_fee").await, "0.01");
    shots.take(&b, "cashier").await;
    click(&b, "pay").await;
    assert_eq!(text_of(&b, "status").await, "TRADE_SUCCESS");
    shots.take(&b, "paid").await;
    let notes = gw
        .wait_notifications(Duration::from_secs(30), |n| n.iter().any(|n| n.delivered))
        .await;
    assert_eq!(notes[0].attempts.len(), 1);
    assert!(notes[0].attempts[0].success, "{:?}", notes[0].attempts);
    let applied: Vec<u32> = shop
        .orders()
        .by_id
        .values()
        .map(|o| o.notifications)
        .collect();
    assert_eq!(applied, [1]);

    b.goto(&format!("http://{addr}/")).await.unwrap();
    click(&b, "buy").await;
    text_of(&b, "pay").await;
    click(&b, "cancel").await;
    assert_eq!(text_of(&b, "status").await, "TRADE_CLOSED");
    shots.take(&b, "cancelled").await;

    let (gbk, _) = start(&gw.gateway_url(), Charset::Gbk, TEST_MD5_KEY).await;
    b.goto(&format!("http://{gbk}/")).await.unwrap();
    click(&b, "buy").await;
    assert_eq!(text_of(&b, "_input_charset").await, "gbk");
    let subject = text_of(&b, "subject").await;
    assert!(subject.contains("测试商品"), "{subject}");
    shots.take(&b, "gbk-cashier").await;
    click(&b, "pay").await;
    assert_eq!(text_of(&b, "status").await, "TRADE_SUCCESS");
    shots.take(&b, "gbk-paid").await;

    let (bad, _) = start(
        &gw.gateway_url(),
        Charset::Utf8,
        "20000000000000000000000000000000",
    )
    .await;
    b.goto(&format!("http://{bad}/")).await.unwrap();
    click(&b, "buy").await;
    assert_eq!(
        text_of(&b, "error").await,
        "is_success=F&error=ILLEGAL_SIGN"
    );
    shots.take(&b, "illegal-sign").await;
    let _ = b.close().await;
    let _ = std::fs::remove_dir_all(&profile);
}

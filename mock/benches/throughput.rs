//! Load figures of the mock gateway on 127.0.0.1, measured in one run:
//!
//! 1. requests per second answering `single_trade_query` with signed XML
//!    (check, lookup, answer table, MD5 `<sign>`), against the same server
//!    answering a fixed string (`/_mock/ping`, the framework floor), with the
//!    same client, connections and concurrency; the ratio is the figure;
//! 2. the memory the process holds with 100,000 trades (resident set size
//!    before and after, from `/proc/self/status`).
//!
//! `cargo bench -p alipay-mapi-mock --bench throughput` runs 5 s per side;
//! without `--bench` (as `cargo test --all-targets` runs it) it runs a
//! 0.2 s smoke pass. No figure is asserted.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_mapi_mock::{MockConfig, MockGateway, Trade, TradeStatus, TEST_MD5_KEY, TEST_PARTNER};
use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::validate::LengthRule;
use alipay_mapi_runtime::{Access, Charset, Client, FieldSpec, ServiceSpec, Signer};

const fn leaf(name: &'static str) -> FieldSpec {
    FieldSpec::optional_string(name, &["trade"])
}

const fn param(name: &'static str) -> FieldSpec {
    FieldSpec {
        path: &[],
        ..leaf(name)
    }
}

/// `single_trade_query` with the answer rows the load needs, for builds
/// whose `interfaces` does not declare it.
static QUERY: ServiceSpec = ServiceSpec {
    service: "single_trade_query",
    request: &[param("trade_no"), param("out_trade_no")],
    response: None,
    notify: None,
    errors: &[],
    length_rule: LengthRule::GbkWidth,
    answer: Some(&[
        leaf("out_trade_no"),
        leaf("trade_no"),
        leaf("subject"),
        leaf("total_fee"),
        leaf("trade_status"),
        leaf("buyer_email"),
        leaf("gmt_create"),
        leaf("gmt_payment"),
    ]),
    access: Access::Server,
    one_of: &[],
    either: &[],
};

fn trade(i: u64) -> Trade {
    Trade {
        trade_no: format!("20261130{i:08}"),
        out_trade_no: format!("order-{i}"),
        partner: TEST_PARTNER.into(),
        service: "create_direct_pay_by_user".into(),
        subject: format!("Order {i}: a book"),
        total_cents: 1250,
        refunded_cents: 0,
        status: TradeStatus::TradeSuccess,
        charset: Charset::Utf8,
        gmt_create: "2026-11-30 10:00:00".into(),
        gmt_payment: Some("2026-11-30 10:00:05".into()),
        gmt_close: None,
        params: vec![
            ("out_trade_no".into(), format!("order-{i}")),
            ("subject".into(), format!("Order {i}: a book")),
            ("payment_type".into(), "1".into()),
            ("total_fee".into(), "12.50".into()),
            (
                "return_url".into(),
                "http://127.0.0.1:3000/alipay/return".into(),
            ),
            (
                "notify_url".into(),
                "http://127.0.0.1:3000/alipay/notify".into(),
            ),
        ],
        refunds: Vec::new(),
    }
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Requests per second of `url` with `clients` keep-alive connections for `time`.
async fn load(url: &str, clients: usize, time: Duration, expect: &'static str) -> f64 {
    let count = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let http = reqwest::Client::builder().build().unwrap();
        let url = url.to_owned();
        let count = count.clone();
        tasks.push(tokio::spawn(async move {
            while start.elapsed() < time {
                let body = http.get(&url).send().await.unwrap().bytes().await.unwrap();
                assert!(
                    body.windows(expect.len()).any(|w| w == expect.as_bytes()),
                    "unexpected answer: {}",
                    String::from_utf8_lossy(&body)
                );
                count.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    count.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let time = if full {
        Duration::from_secs(5)
    } else {
        Duration::from_millis(200)
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let config = match alipay_mapi_interfaces::service("single_trade_query") {
            Some(_) => MockConfig::default(),
            None => MockConfig::default().service(&QUERY),
        };
        let gw = MockGateway::start_with(config).await.unwrap();
        gw.insert_trade(trade(1));
        let client = Client::new(
            TEST_PARTNER,
            Signer::md5(Md5Key::new(TEST_MD5_KEY).unwrap()),
        )
        .unwrap()
        .with_gateway(&gw.gateway_url())
        .unwrap();
        let query = client
            .sign_params("single_trade_query", &[("out_trade_no", "order-1")])
            .unwrap()
            .url();
        let ping = format!("{}/_mock/ping", gw.base_url());
        // The handlers alone, in process (no socket, no client).
        let n = if full { 20_000 } else { 200 };
        let n = std::env::var("MOCK_BENCH_CALLS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(n);
        let path_of = |url: &str| {
            url[url
                .find("/gateway.do")
                .or_else(|| url.find("/_mock"))
                .unwrap()..]
                .to_owned()
        };
        for (name, path) in [
            ("fixed string", path_of(&ping)),
            ("single_trade_query", path_of(&query)),
        ] {
            let t = Instant::now();
            for _ in 0..n {
                let r = gw
                    .call(http::Request::get(path.as_str()).body(Vec::new()).unwrap())
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200);
            }
            println!(
                "in process, {name}: {:.1} us per call",
                t.elapsed().as_secs_f64() * 1e6 / n as f64
            );
        }
        let clients = 16;
        // Warm up both paths, then alternate short slices of each, so that
        // other load on the machine falls on both sides alike; the figure
        // is the median of the ratios of neighbouring slices.
        load(&ping, clients, time / 10, "pong").await;
        load(&query, clients, time / 10, "<sign>").await;
        let slices = 10;
        let (mut floors, mut xmls, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..slices {
            let f = load(&ping, clients, time / slices, "pong").await;
            let x = load(&query, clients, time / slices, "<sign>").await;
            floors.push(f);
            xmls.push(x);
            ratios.push(x / f);
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(|a, b| a.total_cmp(b));
            v[v.len() / 2]
        };
        println!(
            "mock throughput ({clients} connections, {slices} alternating slices of {:.1} s): \
             fixed string {:.0} req/s, single_trade_query signed XML {:.0} req/s (medians), \
             median ratio {:.2}",
            time.as_secs_f64() / slices as f64,
            median(&mut floors),
            median(&mut xmls),
            median(&mut ratios)
        );

        let before = rss_kib();
        let n = if full { 100_000 } else { 1_000 };
        for i in 2..=n + 1 {
            gw.insert_trade(trade(i));
        }
        let after = rss_kib();
        if let (Some(b), Some(a)) = (before, after) {
            println!(
                "memory: {n} trades held: RSS {b} KiB -> {a} KiB (+{} KiB, {:.0} bytes per trade)",
                a.saturating_sub(b),
                a.saturating_sub(b) as f64 * 1024.0 / n as f64
            );
        }
        assert_eq!(gw.trade_count(), n as usize + 1);
        // The lookup still answers with 100,000 trades held.
        let again = load(&query, clients, time, "<sign>").await;
        println!("single_trade_query with {n} trades held: {again:.0} req/s");
    });
}

//! A small shop on axum that takes payments through `create_direct_pay_by_user`:
//! the whole page-call lifecycle, from the Buy button to the asynchronous
//! notification.
//!
//! ```text
//! cargo run --example shop --features axum
//! ```
//!
//! - `GET /`: the goods and a Buy button (`id="buy"`), and the orders so far;
//! - `POST /pay`: creates an order and serves the signed, auto-submitting
//!   form that takes the browser to the gateway;
//! - `GET /alipay/return`: the page-redirect return, verified
//!   ([`AlipayReturn`]); shows the order's status in the element
//!   `id="status"` (the gateway's `trade_status`, or `FAILED` with the error
//!   code in `id="error"`);
//! - `POST /alipay/notify`: the asynchronous notification, verified from its
//!   raw bytes ([`AlipayNotify`]); applied to the order once per `notify_id`
//!   and answered `success` ([`Ack`]), a resend included. One for an order
//!   this shop did not create, or whose `total_fee` is not the order's (or
//!   absent), is neither applied nor acknowledged (the return page says
//!   `UNKNOWN_ORDER` or `AMOUNT_MISMATCH` for such a return);
//! - `GET /orders`: the orders as text, one per line
//!   (`out_trade_no status notifications`), for scripts.
//!
//! Configuration, from the environment (every variable has a test default,
//! matching `alipay-mapi mock`'s test merchant):
//!
//! | variable | default | what |
//! |---|---|---|
//! | `SHOP_ADDR` | `127.0.0.1:3000` | where the shop listens |
//! | `SHOP_URL` | `http://$SHOP_ADDR` | the shop's address as the gateway and the browser reach it (for `return_url` and `notify_url`) |
//! | `ALIPAY_GATEWAY` | `http://127.0.0.1:8080/gateway.do` | the gateway (the real one is `https://mapi.alipay.com/gateway.do`) |
//! | `ALIPAY_PARTNER` | `2088002464631181` | the merchant id |
//! | `ALIPAY_MD5_KEY` | `10000000000000000000000000000000` | the MD5 secret (signs requests, checks the gateway) |
//! | `ALIPAY_KEY_FILE` | | instead of MD5: the merchant's private key file, with `ALIPAY_SIGN_TYPE` (`RSA`, `RSA2`, `DSA`; needs the `rsa` / `dsa` feature) and `ALIPAY_GATEWAY_KEY_FILE` (the gateway's public key) |
//! | `ALIPAY_CHARSET` | `utf-8` | `_input_charset`: `utf-8`, `gbk` or `gb2312` |
//!
//! The MD5 default is the public test secret: never use it for anything real.
//!
//! The shop's router is [`router`]; tests start it on a free port
//! (`tests/axum_shop.rs` includes this file as a module).

use std::collections::{BTreeMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use alipay_mapi::axum::{Ack, AlipayNotify, AlipayRejection, AlipayReturn};
use alipay_mapi::keys::Md5Key;
use alipay_mapi::types::Number;
use alipay_mapi::{Charset, Client, Method, ServiceError, Signer, Verifier};
use alipay_mapi_interfaces::create_direct_pay_by_user::{
    ErrorCode, Notify, Request, Response as Return,
};
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

/// The shop's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where the shop listens.
    pub addr: SocketAddr,
    /// The shop's address as the gateway and the browser reach it.
    pub url: String,
    /// The merchant's side of the gateway.
    pub client: Client,
}

impl Config {
    /// Reads the environment (see the table above).
    pub fn from_env() -> Result<Self, Box<dyn std::error::Error>> {
        let var = |name: &str, default: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        let addr: SocketAddr = var("SHOP_ADDR", "127.0.0.1:3000")
            .parse()
            .map_err(|e| format!("SHOP_ADDR: {e}"))?;
        let url = var("SHOP_URL", &format!("http://{addr}"));
        let charset: Charset = var("ALIPAY_CHARSET", "utf-8")
            .parse()
            .map_err(|e| format!("ALIPAY_CHARSET: {e}"))?;
        let partner = var("ALIPAY_PARTNER", "2088002464631181");
        let (signer, verifier) = match std::env::var("ALIPAY_KEY_FILE") {
            Ok(path) if !path.is_empty() => key_file_signer(&path, &var("ALIPAY_SIGN_TYPE", ""))?,
            _ => {
                let key = Md5Key::new(var("ALIPAY_MD5_KEY", "10000000000000000000000000000000"))
                    .map_err(|e| format!("ALIPAY_MD5_KEY: {e}"))?;
                (Signer::md5(key.clone()), Verifier::md5(key))
            }
        };
        let client = Client::new(&partner, signer)
            .map_err(|e| format!("ALIPAY_PARTNER: {e}"))?
            .with_charset(charset)
            .with_verifier(verifier)
            .with_gateway(&var("ALIPAY_GATEWAY", "http://127.0.0.1:8080/gateway.do"))
            .map_err(|e| format!("ALIPAY_GATEWAY: {e}"))?;
        Ok(Config { addr, url, client })
    }
}

/// The merchant's signer and the gateway's verifier from key files.
fn key_file_signer(
    path: &str,
    sign_type: &str,
) -> Result<(Signer, Verifier), Box<dyn std::error::Error>> {
    let gateway_key = std::env::var("ALIPAY_GATEWAY_KEY_FILE").map_err(|_| {
        "ALIPAY_KEY_FILE needs ALIPAY_GATEWAY_KEY_FILE: the gateway's public key, which checks its returns and notifications"
    })?;
    let _ = (&path, &gateway_key);
    match sign_type.to_ascii_uppercase().as_str() {
        #[cfg(feature = "rsa")]
        "RSA" | "RSA2" => {
            use alipay_mapi::keys::{RsaPrivateKey, RsaPublicKey};
            let key = RsaPrivateKey::load_file(path).map_err(|e| format!("{path}: {e}"))?;
            let public =
                RsaPublicKey::load_file(&gateway_key).map_err(|e| format!("{gateway_key}: {e}"))?;
            Ok(if sign_type.eq_ignore_ascii_case("RSA2") {
                (Signer::rsa2(key), Verifier::rsa2(public))
            } else {
                (Signer::rsa(key), Verifier::rsa(public))
            })
        }
        #[cfg(feature = "dsa")]
        "DSA" => {
            use alipay_mapi::keys::{DsaPrivateKey, DsaPublicKey};
            let key = DsaPrivateKey::load_file(path).map_err(|e| format!("{path}: {e}"))?;
            let public =
                DsaPublicKey::load_file(&gateway_key).map_err(|e| format!("{gateway_key}: {e}"))?;
            Ok((Signer::dsa(key), Verifier::dsa(public)))
        }
        #[cfg(not(feature = "rsa"))]
        "RSA" | "RSA2" => Err(format!(
            "ALIPAY_SIGN_TYPE `{sign_type}` needs the `rsa` feature, which this build lacks: \
             run with `--features axum,rsa`"
        )
        .into()),
        #[cfg(not(feature = "dsa"))]
        "DSA" => Err(format!(
            "ALIPAY_SIGN_TYPE `{sign_type}` needs the `dsa` feature, which this build lacks: \
             run with `--features axum,dsa`"
        )
        .into()),
        _ => Err(format!(
            "ALIPAY_SIGN_TYPE `{sign_type}`: expected RSA, RSA2 or DSA with ALIPAY_KEY_FILE, \
             or leave ALIPAY_KEY_FILE unset for MD5"
        )
        .into()),
    }
}

/// One order of the shop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    /// What was bought.
    pub subject: String,
    /// The amount, in yuan.
    pub total_fee: String,
    /// `WAIT_BUYER_PAY` until the gateway says otherwise (its
    /// `trade_status`), or `FAILED`.
    pub status: String,
    /// The gateway's trade number, once known.
    pub trade_no: Option<String>,
    /// How many notifications were applied (resends are not counted).
    pub notifications: u32,
}

/// Orders by `out_trade_no`, and the `notify_id`s already applied.
#[derive(Debug, Default)]
pub struct Orders {
    /// Orders by `out_trade_no`.
    pub by_id: BTreeMap<String, Order>,
    /// Notifications applied, by `notify_id`.
    pub seen_notify_ids: HashSet<String>,
    next: u64,
}

/// The router's state.
#[derive(Clone)]
pub struct Shop {
    /// Signs requests, verifies returns and notifications.
    pub client: Arc<Client>,
    /// The shop's address as the gateway and the browser reach it.
    pub url: String,
    /// The orders.
    pub orders: Arc<Mutex<Orders>>,
}

impl Shop {
    /// A shop with no orders.
    pub fn new(client: Client, url: &str) -> Self {
        Shop {
            client: Arc::new(client),
            url: url.trim_end_matches('/').to_owned(),
            orders: Arc::default(),
        }
    }

    /// The orders (a poisoned lock is still read: the map stays consistent,
    /// each update being one insert or field write).
    pub fn orders(&self) -> MutexGuard<'_, Orders> {
        self.orders.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl FromRef<Shop> for Arc<Client> {
    fn from_ref(shop: &Shop) -> Self {
        shop.client.clone()
    }
}

/// What is for sale: one item, with a Chinese name so that a GBK shop sends GBK.
const SUBJECT: &str = "测试商品 test goods";
const PRICE: &str = "0.01";

/// The shop's routes.
pub fn router(shop: Shop) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/pay", post(pay))
        .route("/alipay/return", get(alipay_return))
        .route("/alipay/notify", post(alipay_notify))
        .route("/orders", get(orders))
        .with_state(shop)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n{body}</body></html>\n"
    ))
}

async fn index(State(shop): State<Shop>) -> Html<String> {
    let mut body = format!(
        "<p><span id=\"subject\">{}</span>: <span id=\"price\">{PRICE}</span> yuan</p>\n\
         <form method=\"post\" action=\"/pay\"><button id=\"buy\" type=\"submit\">Buy</button></form>\n\
         <h2>Orders</h2>\n<ul id=\"orders\">\n",
        escape(SUBJECT)
    );
    for (id, order) in &shop.orders().by_id {
        body.push_str(&format!(
            "<li>{} {} {}</li>\n",
            escape(id),
            escape(&order.status),
            order.total_fee
        ));
    }
    body.push_str("</ul>\n");
    page("Shop", &body)
}

/// A new order, and the form that takes the browser to the gateway.
async fn pay(State(shop): State<Shop>) -> Response {
    let out_trade_no = {
        let mut orders = shop.orders();
        orders.next += 1;
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let id = format!("{secs}{:04}", orders.next);
        orders.by_id.insert(
            id.clone(),
            Order {
                subject: SUBJECT.to_owned(),
                total_fee: PRICE.to_owned(),
                status: "WAIT_BUYER_PAY".to_owned(),
                trade_no: None,
                notifications: 0,
            },
        );
        id
    };
    let result = request(&shop, &out_trade_no).and_then(|request| {
        shop.client
            .page_form(&request, Method::Post)
            .map_err(|e| e.to_string())
    });
    match result {
        Ok(form) => page("Redirecting to Alipay", &form).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            page("Cannot pay", &format!("<p id=\"error\">{}</p>", escape(&e))),
        )
            .into_response(),
    }
}

fn request(shop: &Shop, out_trade_no: &str) -> Result<Request, String> {
    // The required fields; the optional ones start as `None`.
    let mut request = Request::new(out_trade_no, SUBJECT, "1");
    request.notify_url = Some(format!("{}/alipay/notify", shop.url));
    request.return_url = Some(format!("{}/alipay/return", shop.url));
    request.seller_id = Some(shop.client.partner().to_owned());
    request.total_fee = Some(PRICE.parse().map_err(|e| format!("total_fee: {e}"))?);
    Ok(request)
}

/// Why a verified return or notification is not applied to an order, if
/// it is not: an order this shop never created (signed by the gateway, yet
/// maybe another system's on the same partner id, or a test), or an amount
/// that is not the order's (compared by value: `0.01` is `0.010`), or none.
fn not_applicable(
    orders: &Orders,
    out_trade_no: &str,
    total_fee: Option<&Number>,
) -> Option<&'static str> {
    let Some(order) = orders.by_id.get(out_trade_no) else {
        return Some("UNKNOWN_ORDER");
    };
    let expected = order.total_fee.parse::<Number>().ok();
    match (expected, total_fee) {
        (Some(expected), Some(paid)) if expected == *paid => None,
        _ => Some("AMOUNT_MISMATCH"),
    }
}

/// How far a trade has come: the statuses of `create_direct_pay_by_user`
/// (and its escrow twin) in the order a trade passes them, the final ones
/// last; `None` for a status this shop does not know.
fn progress(status: &str) -> Option<u8> {
    Some(match status {
        "WAIT_BUYER_PAY" => 0,
        "TRADE_PENDING" | "WAIT_SELLER_SEND_GOODS" => 1,
        "WAIT_BUYER_CONFIRM_GOODS" => 2,
        "TRADE_SUCCESS" => 3,
        "TRADE_FINISHED" | "TRADE_CLOSED" => 4,
        _ => return None,
    })
}

/// Applies a verified trade status to a known order, never backwards:
/// notifications can arrive out of order, each with its own `notify_id`
/// (a late `WAIT_BUYER_PAY` after `TRADE_SUCCESS`), so keying on
/// `notify_id` alone would undo a payment.
fn apply(orders: &mut Orders, out_trade_no: &str, status: &str, trade_no: Option<&str>) {
    let Some(order) = orders.by_id.get_mut(out_trade_no) else {
        return;
    };
    match (progress(&order.status), progress(status)) {
        (Some(now), Some(new)) if new > now => order.status = status.to_owned(),
        (_, Some(_)) => {}
        (_, None) if status.is_empty() => {}
        (_, None) => tracing::warn!(out_trade_no, status, "unknown trade_status, not applied"),
    }
    if let Some(trade_no) = trade_no {
        order.trade_no = Some(trade_no.to_owned());
    }
}

async fn alipay_return(
    State(shop): State<Shop>,
    returned: Result<AlipayReturn<Return>, AlipayRejection<ErrorCode>>,
) -> Response {
    match returned {
        Ok(AlipayReturn(verified)) => {
            let out_trade_no = verified.out_trade_no.clone().unwrap_or_default();
            let status = {
                let mut orders = shop.orders();
                if let Some(why) =
                    not_applicable(&orders, &out_trade_no, verified.total_fee.as_ref())
                {
                    return page(
                        "Payment not accepted",
                        &format!("<p>Status: <span id=\"status\">{why}</span></p>\n"),
                    )
                    .into_response();
                }
                apply(
                    &mut orders,
                    &out_trade_no,
                    verified.trade_status.as_deref().unwrap_or_default(),
                    verified.trade_no.as_deref(),
                );
                orders.by_id.get(&out_trade_no).map(|o| o.status.clone())
            };
            let body = format!(
                "<p>Order <span id=\"out_trade_no\">{}</span>: <span id=\"status\">{}</span></p>\n\
                 <p>Trade <span id=\"trade_no\">{}</span>, <span id=\"total_fee\">{}</span> yuan</p>\n\
                 <p><a href=\"/\">Back to the shop</a></p>\n",
                escape(&out_trade_no),
                escape(&status.unwrap_or_default()),
                escape(verified.trade_no.as_deref().unwrap_or_default()),
                verified
                    .total_fee
                    .as_ref()
                    .map(|n| n.as_str().to_owned())
                    .unwrap_or_default(),
            );
            page("Payment", &body).into_response()
        }
        Err(AlipayRejection::Verify(ServiceError::Gateway { code, .. })) => page(
            "Payment failed",
            &format!(
                "<p>Status: <span id=\"status\">FAILED</span>, error <span id=\"error\">{}</span></p>\n\
                 <p><a href=\"/\">Back to the shop</a></p>\n",
                escape(code.as_str())
            ),
        )
        .into_response(),
        Err(refused) => refused.into_response(),
    }
}

async fn alipay_notify(
    State(shop): State<Shop>,
    AlipayNotify(notification): AlipayNotify<Notify>,
) -> Response {
    // Keyed on notify_id: the gateway resends until it reads `success`.
    let notify_id = notification.notify_id.as_str();
    let mut orders = shop.orders();
    if orders.seen_notify_ids.contains(notify_id) {
        return Ack.into_response();
    }
    let out_trade_no = notification.out_trade_no.clone().unwrap_or_default();
    // Signed by the gateway, yet for no order of this shop or not what the
    // order costs: not applied, and not acknowledged (the gateway sends it
    // again; someone should look).
    if let Some(why) = not_applicable(&orders, &out_trade_no, notification.total_fee.as_ref()) {
        tracing::warn!(
            out_trade_no,
            notify_id,
            why,
            "notification not applied: no such order, or its total_fee is not the order's"
        );
        return (StatusCode::BAD_REQUEST, "fail").into_response();
    }
    orders.seen_notify_ids.insert(notify_id.to_owned());
    apply(
        &mut orders,
        &out_trade_no,
        notification.trade_status.as_deref().unwrap_or_default(),
        notification.trade_no.as_deref(),
    );
    if let Some(order) = orders.by_id.get_mut(&out_trade_no) {
        order.notifications += 1;
    }
    Ack.into_response()
}

async fn orders(State(shop): State<Shop>) -> String {
    let mut text = String::new();
    for (id, order) in &shop.orders().by_id {
        text.push_str(&format!("{id} {} {}\n", order.status, order.notifications));
    }
    text
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Refused returns and notifications are logged through `tracing`: the
    // reason at `warn`, the signing string that was checked at `debug` (it
    // holds the received values; this is a shop for development).
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .with_target(false)
        .init();
    let config = Config::from_env()?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("SHOP_ADDR {}: {e}", config.addr))?;
    println!(
        "shop on {} (gateway {}, partner {}, {}, {})",
        config.url,
        config.client.gateway(),
        config.client.partner(),
        config.client.sign_type(),
        config.client.charset(),
    );
    let shop = Shop::new(config.client, &config.url);
    axum::serve(listener, router(shop)).await?;
    Ok(())
}

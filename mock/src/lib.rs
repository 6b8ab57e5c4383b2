//! A local stand-in for Alipay's legacy partner gateway (`gateway.do`),
//! built from the same declarations as the client: every [`ServiceSpec`] of
//! [`alipay_mapi_interfaces::SERVICES`] (and any a test registers) is mocked
//! the moment it is declared.
//!
//! What it does, the way the gateway does it:
//!
//! - **checks** each request: `service` known, `partner` known,
//!   `_input_charset` in the query string, the signature right for the
//!   merchant's key (the runtime's own verification), and the business
//!   parameters against the request table ([`ServiceSpec::validate_params`]).
//!   A refusal answers `is_success=F&error=CODE` on a page, or
//!   `<alipay><is_success>F</is_success><error>CODE</error></alipay>` on a
//!   server call; the inspector says why;
//! - **keeps state**: trades created by page calls (`WAIT_BUYER_PAY` →
//!   `TRADE_SUCCESS` / `TRADE_FINISHED` / `TRADE_CLOSED`; escrow trades →
//!   `WAIT_SELLER_SEND_GOODS` → `WAIT_BUYER_CONFIRM_GOODS`), refunds (each
//!   `batch_no` once) and batch payments, which later server calls and
//!   notifications see;
//! - **serves a cashier page** for page calls, whose Pay / Cancel / Fail
//!   buttons send the browser to `return_url` with a signed return in the
//!   request's charset;
//! - **sends notifications**: signed form POSTs to `notify_url`, retried on
//!   the gateway's schedule (4 m, 10 m, 10 m, 1 h, 2 h, 6 h, 15 h, divided by
//!   a time factor) until the body is exactly `success`; answers
//!   `notify_verify`;
//! - **answers server calls** with XML built from the declaration's answer
//!   table and the trade's state, `<sign>` by the runtime's rule for answers;
//!   returns, notifications and answers carry values computed from the
//!   request, the configuration and the state, never a document's example
//!   (a required field it cannot compute is left out, and the inspector
//!   says so);
//! - **scripted outcomes and faults**: a `total_fee` of `0.02` is declined, a
//!   `subject` of `FAIL:CODE` fails with `CODE`; per-service faults (delay,
//!   timeout, connection reset, HTTP 502, truncated or unsigned XML, a
//!   notification signed with a wrong key) from [`MockConfig::faults`] or the
//!   control API (`/_mock/faults`);
//! - **an inspector page** at `/_mock/inspector`: every request, its signing
//!   string, the expected and given sign, the charset, the notifications and
//!   the merchant's answers.
//!
//! What it holds is bounded, except the trades, refunds and batches
//! themselves: at most [`state::MAX_CASHIER_SESSIONS`] cashier sessions
//! (the oldest dropped; a dropped or unknown session's buttons answer the
//! gateway's `SESSION_TIMEOUT` page; a used one keeps no parameters), the
//! `notify_id`s sent within their validity (older ones forgotten as new
//! ones are sent; at most [`state::MAX_NOTIFY_IDS`]), about
//! [`state::MAX_NOTIFICATIONS`] notifications (the oldest finished ones
//! dropped), and [`state::MAX_EXCHANGES`] requests in the log, each cut to
//! [`state::MAX_EXCHANGE_TEXT`] bytes a text.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use alipay_mapi_mock::MockGateway;
//! let gateway = MockGateway::start().await?;        // 127.0.0.1, a free port
//! println!("point the client at {}", gateway.gateway_url());
//! // … run the shop against it; then look at what happened:
//! for trade in gateway.trades() {
//!     println!("{} {}", trade.out_trade_no, trade.status.as_str());
//! }
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod buyer;
mod cashier;
mod check;
mod control;
pub mod faults;
mod gateway;
mod inspector;
mod notify;
mod server;
pub mod state;
mod values;
mod wire;
mod xml;

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use alipay_mapi_runtime::keys::KeyError;
use alipay_mapi_runtime::{ServiceSpec, SignType, Signer, Verifier};
use axum::body::Body;
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

pub use buyer::{Cashier, CashierError, Left};
pub use faults::{Fault, FaultRule};
pub use state::{Notification, Trade, TradeStatus};

/// The merchant a default [`MockConfig`] knows: the partner id of the
/// runtime's documentation examples.
pub const TEST_PARTNER: &str = "2088002464631181";
/// The MD5 key of [`TEST_PARTNER`] (the key of the signing rule's known
/// vectors).
pub const TEST_MD5_KEY: &str = "10000000000000000000000000000000";

/// The gateway's retry schedule for a notification that was not answered
/// `success`: the waits after the first attempt, as the gateway's documents
/// give them (4 m, 10 m, 10 m, 1 h, 2 h, 6 h, 15 h: 8 attempts over about a
/// day).
pub const NOTIFY_SCHEDULE: [Duration; 7] = [
    Duration::from_secs(4 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(60 * 60),
    Duration::from_secs(2 * 60 * 60),
    Duration::from_secs(6 * 60 * 60),
    Duration::from_secs(15 * 60 * 60),
];

/// A merchant the mock gateway knows: its partner id, the key that checks its
/// requests, and the key the gateway signs its returns, notifications and
/// answers with.
#[derive(Clone)]
pub struct Merchant {
    partner: String,
    /// Checks the merchant's requests.
    verifier: Verifier,
    /// Signs what the gateway sends this merchant.
    gateway_signer: Signer,
    /// For MD5 merchants: computes the sign the gateway expects (inspector).
    expected_signer: Option<Signer>,
    /// The gateway's public key (PEM), for RSA and DSA merchants: what the
    /// merchant verifies returns, notifications and answers with.
    gateway_public_key: Option<String>,
}

impl fmt::Debug for Merchant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Merchant")
            .field("partner", &self.partner)
            .field("sign_type", &self.sign_type())
            .finish_non_exhaustive()
    }
}

/// A merchant that could not be configured.
#[derive(Debug)]
pub enum MerchantError {
    /// `partner` is not 16 digits.
    Partner(String),
    /// A key could not be read.
    Key(KeyError),
    /// The gateway's RSA key could not be generated or encoded.
    Generate(String),
}

impl fmt::Display for MerchantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MerchantError::Partner(p) => {
                write!(f, "partner `{p}` is not a merchant id (16 digits)")
            }
            MerchantError::Key(e) => e.fmt(f),
            MerchantError::Generate(e) => write!(f, "could not generate the gateway's key: {e}"),
        }
    }
}

impl std::error::Error for MerchantError {}

impl From<KeyError> for MerchantError {
    fn from(e: KeyError) -> Self {
        MerchantError::Key(e)
    }
}

fn check_partner(partner: &str) -> Result<(), MerchantError> {
    if partner.len() == 16 && partner.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(MerchantError::Partner(partner.to_owned()))
    }
}

/// The verifier of a merchant's requests: from its public key, or from the
/// public half of its private key.
fn merchant_verifier(sign_type: SignType, text: &str) -> Result<Verifier, KeyError> {
    use alipay_mapi_runtime::keys::{DsaPrivateKey, RsaPrivateKey};
    let public_error = match Verifier::from_key_text(sign_type, text) {
        Ok(verifier) => return Ok(verifier),
        Err(e) => e,
    };
    let from_private = match sign_type {
        SignType::Rsa => RsaPrivateKey::load(text).map(|k| Verifier::rsa(k.public_key())),
        SignType::Rsa2 => RsaPrivateKey::load(text).map(|k| Verifier::rsa2(k.public_key())),
        SignType::Dsa => DsaPrivateKey::load(text).map(|k| Verifier::dsa(k.public_key())),
        SignType::Md5 => return Err(public_error),
    };
    // Neither a public nor a private key: the public key's error says why.
    from_private.map_err(|_| public_error)
}

impl Merchant {
    /// A merchant signing `MD5` with `key` (the same secret signs both ways).
    pub fn md5(partner: &str, key: &str) -> Result<Self, MerchantError> {
        check_partner(partner)?;
        Ok(Merchant {
            partner: partner.to_owned(),
            verifier: Verifier::from_key_text(SignType::Md5, key)?,
            gateway_signer: Signer::from_key_text(SignType::Md5, key)?,
            expected_signer: Some(Signer::from_key_text(SignType::Md5, key)?),
            gateway_public_key: None,
        })
    }

    /// A merchant signing `sign_type` (`RSA`, `RSA2` or `DSA`) with the
    /// private key whose public half is `merchant_public_key` (any format the
    /// runtime reads; the merchant's private key itself is also taken, and
    /// its public half used, since a tester has that file at hand); the
    /// gateway signs with `gateway_private_key`, whose public half
    /// (`gateway_public_key`, when given) the merchant verifies with.
    pub fn public_key(
        partner: &str,
        sign_type: SignType,
        merchant_public_key: &str,
        gateway_private_key: &str,
        gateway_public_key: Option<&str>,
    ) -> Result<Self, MerchantError> {
        check_partner(partner)?;
        Ok(Merchant {
            partner: partner.to_owned(),
            verifier: merchant_verifier(sign_type, merchant_public_key)?,
            gateway_signer: Signer::from_key_text(sign_type, gateway_private_key)?,
            expected_signer: None,
            gateway_public_key: gateway_public_key.map(str::to_owned),
        })
    }

    /// Like [`public_key`](Self::public_key) for `RSA` / `RSA2`, with a
    /// gateway key pair generated now (2048 bits; its public half is
    /// [`gateway_public_key`](Self::gateway_public_key)).
    pub fn rsa_generated(
        partner: &str,
        sign_type: SignType,
        merchant_public_key: &str,
    ) -> Result<Self, MerchantError> {
        use rsa::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _, LineEnding};
        let mut rng = rand::rng();
        let key = rsa::PrivateKey::new(&mut rng, 2048)
            .map_err(|e| MerchantError::Generate(e.to_string()))?;
        let private = key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| MerchantError::Generate(e.to_string()))?;
        let public = key
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| MerchantError::Generate(e.to_string()))?;
        Self::public_key(
            partner,
            sign_type,
            merchant_public_key,
            &private,
            Some(&public),
        )
    }

    /// The partner id.
    pub fn partner(&self) -> &str {
        &self.partner
    }

    /// The sign type the merchant signs with (and the gateway answers with).
    pub fn sign_type(&self) -> SignType {
        self.verifier.sign_type()
    }

    /// The gateway's public key (PEM) for an RSA or DSA merchant: the key the
    /// merchant's client verifies with. `None` for MD5.
    pub fn gateway_public_key(&self) -> Option<&str> {
        self.gateway_public_key.as_deref()
    }
}

/// How the mock gateway behaves.
#[derive(Clone, Debug)]
pub struct MockConfig {
    /// The merchants it knows.
    pub merchants: Vec<Merchant>,
    /// The interfaces it serves: by default every one of
    /// [`alipay_mapi_interfaces::SERVICES`]. A spec registered later with the
    /// same `service` replaces the earlier one.
    pub services: Vec<&'static ServiceSpec>,
    /// How much faster than real time notification retries run (`1.0`: the
    /// gateway's own schedule; `1000.0`: 4 minutes become 240 ms).
    pub time_factor: f64,
    /// The waits between notification attempts, before the time factor.
    pub schedule: Vec<Duration>,
    /// How long a `notify_id` stays valid for `notify_verify` after it was
    /// last sent (real time, not scaled).
    pub notify_id_validity: Duration,
    /// Extra copies of each notification sent after the merchant answered
    /// `success` (the gateway does resend; handlers must be idempotent).
    pub duplicates: u32,
    /// Send a stale `WAIT_BUYER_PAY` notification after the `TRADE_SUCCESS`
    /// one, with its own `notify_id` and an earlier `notify_time`: a
    /// trade's notifications can arrive in any order (one's resends
    /// overtake another's), so a handler must never move a trade's status
    /// backwards, whatever `notify_id`s it has seen.
    pub out_of_order: bool,
    /// Faults, checked in order.
    pub faults: Vec<FaultRule>,
    /// The seller's account shown in returns when the request names none.
    pub seller_email: String,
    /// How long a `timeout` fault holds the answer back.
    pub timeout_hold: Duration,
    /// Values for fields the mock cannot compute (`(service, field,
    /// value)`), sent in returns, notifications and answers when neither
    /// the trade, the request nor the merchant gives one: see
    /// [`value`](Self::value).
    pub values: Vec<(String, String, String)>,
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            merchants: Merchant::md5(TEST_PARTNER, TEST_MD5_KEY)
                .map(|m| vec![m])
                .unwrap_or_default(),
            services: alipay_mapi_interfaces::SERVICES.to_vec(),
            time_factor: 1.0,
            schedule: NOTIFY_SCHEDULE.to_vec(),
            notify_id_validity: Duration::from_secs(60),
            duplicates: 0,
            out_of_order: false,
            faults: Vec::new(),
            seller_email: "seller@example.com".into(),
            timeout_hold: Duration::from_secs(3600),
            values: Vec::new(),
        }
    }
}

impl MockConfig {
    /// The default configuration with one MD5 merchant instead of
    /// [`TEST_PARTNER`].
    pub fn md5(partner: &str, key: &str) -> Result<Self, MerchantError> {
        Ok(MockConfig {
            merchants: vec![Merchant::md5(partner, key)?],
            ..MockConfig::default()
        })
    }

    /// Adds a merchant.
    pub fn merchant(mut self, merchant: Merchant) -> Self {
        self.merchants.push(merchant);
        self
    }

    /// Serves `spec` too (a declaration of the test's own).
    pub fn service(mut self, spec: &'static ServiceSpec) -> Self {
        self.services.push(spec);
        self
    }

    /// Sends `value` for `field` (a wire name: a return or notification
    /// parameter, or an answer leaf such as `balance` of `<card>`) of
    /// `service` when nothing else gives it. The mock fills fields from its
    /// trades, the request and the merchant; a required field of a
    /// service of the test's own that none of them gives is otherwise left
    /// out (and named as not simulated), so a typed call or `Notify` of it
    /// could not succeed.
    ///
    /// ```
    /// use alipay_mapi_mock::MockConfig;
    /// let config = MockConfig::default()
    ///     .value("demo.giftcard.query", "balance", "100.00")
    ///     .value("demo.giftcard.freeze", "card_status", "FROZEN");
    /// assert_eq!(config.values.len(), 2);
    /// ```
    pub fn value(mut self, service: &str, field: &str, value: &str) -> Self {
        self.values
            .push((service.to_owned(), field.to_owned(), value.to_owned()));
        self
    }

    /// The configured values of `service`'s fields.
    pub(crate) fn values_for(&self, service: &str) -> Vec<(String, String)> {
        self.values
            .iter()
            .filter(|(s, _, _)| s == service)
            .map(|(_, n, v)| (n.clone(), v.clone()))
            .collect()
    }

    /// Runs notification retries `factor` times faster than the gateway
    /// (a factor that is not a positive number counts as 1; however small,
    /// no wait is longer than [`MAX_WAIT`]).
    pub fn time_factor(mut self, factor: f64) -> Self {
        self.time_factor = factor;
        self
    }

    /// Adds a fault.
    pub fn fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }

    /// Sends `copies` more of each notification after the merchant answered
    /// `success` ([`duplicates`](Self::duplicates)).
    pub fn duplicates(mut self, copies: u32) -> Self {
        self.duplicates = copies;
        self
    }

    /// Sends a stale notification after a payment's
    /// ([`out_of_order`](Self::out_of_order)).
    ///
    /// ```
    /// use alipay_mapi_mock::MockConfig;
    /// let config = MockConfig::default().time_factor(1000.0).duplicates(1).out_of_order(true);
    /// assert!(config.out_of_order && config.duplicates == 1);
    /// ```
    pub fn out_of_order(mut self, on: bool) -> Self {
        self.out_of_order = on;
        self
    }

    /// How long a `notify_id` stays valid for `notify_verify`
    /// ([`notify_id_validity`](Self::notify_id_validity)).
    pub fn notify_id_validity(mut self, validity: Duration) -> Self {
        self.notify_id_validity = validity;
        self
    }
}

/// What the handlers share.
pub(crate) struct App {
    pub merchants: HashMap<String, Merchant>,
    pub services: HashMap<&'static str, &'static ServiceSpec>,
    pub config: MockConfig,
    pub state: Mutex<State>,
    pub faults: Mutex<Vec<FaultRule>>,
    pub options: Mutex<NotifyOptions>,
    pub started: Instant,
    pub http: reqwest::Client,
}

/// Notification options changeable while running.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct NotifyOptions {
    /// See [`MockConfig::duplicates`].
    #[serde(default)]
    pub duplicates: u32,
    /// See [`MockConfig::out_of_order`].
    #[serde(default)]
    pub out_of_order: bool,
}

use state::State;

impl App {
    fn new(config: MockConfig) -> Self {
        let merchants = config
            .merchants
            .iter()
            .map(|m| (m.partner.clone(), m.clone()))
            .collect();
        let services = config.services.iter().map(|s| (s.service, *s)).collect();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap_or_default();
        App {
            merchants,
            services,
            faults: Mutex::new(config.faults.clone()),
            options: Mutex::new(NotifyOptions {
                duplicates: config.duplicates,
                out_of_order: config.out_of_order,
            }),
            config,
            state: Mutex::new(State::default()),
            started: Instant::now(),
            http,
        }
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// A real-time wait for a gateway-time `d`: `d` divided by the time
    /// factor (1 when it is not a positive number), at most
    /// [`MAX_WAIT`] however small the factor (never a panic).
    pub fn scaled(&self, d: Duration) -> Duration {
        scaled(d, self.config.time_factor)
    }
}

/// The longest real-time wait between notification attempts, whatever the
/// time factor: a year.
pub const MAX_WAIT: Duration = Duration::from_secs(365 * 24 * 3600);

fn scaled(d: Duration, factor: f64) -> Duration {
    let factor = if factor.is_finite() && factor > 0.0 {
        factor
    } else {
        1.0
    };
    Duration::try_from_secs_f64(d.as_secs_f64() / factor)
        .unwrap_or(MAX_WAIT)
        .min(MAX_WAIT)
}

#[cfg(test)]
mod scaled_tests {
    use super::*;

    #[test]
    fn any_factor_gives_a_wait() {
        let four_minutes = Duration::from_secs(240);
        assert_eq!(scaled(four_minutes, 1e-18), MAX_WAIT);
        assert_eq!(scaled(four_minutes, f64::MIN_POSITIVE), MAX_WAIT);
        assert_eq!(scaled(four_minutes, 1000.0), Duration::from_millis(240));
        assert_eq!(scaled(four_minutes, f64::MAX), Duration::ZERO);
        assert_eq!(scaled(four_minutes, 0.0), four_minutes);
        assert_eq!(scaled(four_minutes, f64::NAN), four_minutes);
    }
}

/// A running mock gateway: on a socket ([`start`](Self::start)) and callable
/// without one ([`call`](Self::call)). Dropping it stops the server.
pub struct MockGateway {
    app: Arc<App>,
    router: axum::Router,
    addr: Option<SocketAddr>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl fmt::Debug for MockGateway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockGateway")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Drop for MockGateway {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The in-process transport: `client.call(&gateway, &request).await` sends
/// the request through [`MockGateway::call`], without a socket.
impl alipay_mapi_runtime::transport::AsyncTransport for MockGateway {
    fn send(
        &self,
        request: alipay_mapi_runtime::transport::HttpRequest,
    ) -> impl std::future::Future<
        Output = Result<
            alipay_mapi_runtime::transport::HttpResponse,
            alipay_mapi_runtime::transport::TransportError,
        >,
    > + Send {
        self.send_in_process(request)
    }
}

/// A call through [`MockGateway::call`] that got no answer: the connection
/// was reset, as the `reset` fault does.
#[derive(Debug)]
pub struct ConnectionReset;

impl fmt::Display for ConnectionReset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the mock gateway reset the connection")
    }
}

impl std::error::Error for ConnectionReset {}

impl MockGateway {
    /// The default configuration ([`TEST_PARTNER`] with [`TEST_MD5_KEY`],
    /// every declared interface) on `127.0.0.1` and a free port.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with(MockConfig::default()).await
    }

    /// `config` on `127.0.0.1` and a free port.
    pub async fn start_with(config: MockConfig) -> std::io::Result<Self> {
        Self::bind(config, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// `config` on `addr`.
    pub async fn bind(config: MockConfig, addr: SocketAddr) -> std::io::Result<Self> {
        let mut gateway = Self::in_process(config);
        let listener = tokio::net::TcpListener::bind(addr).await?;
        gateway.addr = Some(listener.local_addr()?);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let router = gateway.router.clone();
        tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        gateway.shutdown = Some(tx);
        Ok(gateway)
    }

    /// The gateway without a socket: use [`call`](Self::call). Notifications
    /// still go out over HTTP to `notify_url`. Needs a Tokio runtime when
    /// called.
    pub fn in_process(config: MockConfig) -> Self {
        let app = Arc::new(App::new(config));
        let router = server::router(app.clone());
        MockGateway {
            app,
            router,
            addr: None,
            shutdown: None,
        }
    }

    /// The address it listens on (`None` in process).
    pub fn addr(&self) -> Option<SocketAddr> {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (`http://mock.invalid` in process).
    pub fn base_url(&self) -> String {
        match self.addr {
            Some(a) => format!("http://{a}"),
            None => "http://mock.invalid".into(),
        }
    }

    /// The gateway's address to configure a client with:
    /// `http://127.0.0.1:PORT/gateway.do`.
    pub fn gateway_url(&self) -> String {
        format!("{}/gateway.do", self.base_url())
    }

    /// The axum router, to mount elsewhere or to call with `tower`.
    pub fn router(&self) -> axum::Router {
        self.router.clone()
    }

    /// Sends one request through the gateway's handlers without a socket:
    /// the in-process transport. A `reset` fault is
    /// `Err(ConnectionReset)`; every other answer (502, truncated XML, …)
    /// comes back as it would over HTTP. A `timeout` fault holds the answer
    /// back as on a socket: wrap the call in `tokio::time::timeout`.
    pub async fn call(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ConnectionReset> {
        let response = match self.router.clone().oneshot(request.map(Body::from)).await {
            Ok(r) => r,
            Err(never) => match never {},
        };
        let (parts, body) = response.into_parts();
        let bytes = body
            .collect()
            .await
            .map_err(|_| ConnectionReset)?
            .to_bytes();
        Ok(http::Response::from_parts(parts, bytes.to_vec()))
    }

    /// [`call`](Self::call) as the runtime's transport: a client sends its
    /// server calls and `notify_verify` to the gateway without a socket
    /// (`client.call(&gateway, &request).await`). A reset is a
    /// [`TransportError`](alipay_mapi_runtime::transport::TransportError) of
    /// kind `Other`.
    async fn send_in_process(
        &self,
        request: alipay_mapi_runtime::transport::HttpRequest,
    ) -> Result<
        alipay_mapi_runtime::transport::HttpResponse,
        alipay_mapi_runtime::transport::TransportError,
    > {
        self.call(request)
            .await
            .map_err(alipay_mapi_runtime::transport::TransportError::other)
    }

    /// The configured merchants.
    pub fn merchants(&self) -> impl Iterator<Item = &Merchant> {
        self.app.config.merchants.iter()
    }

    /// Every trade, in no particular order.
    pub fn trades(&self) -> Vec<Trade> {
        self.app.state().trades.values().cloned().collect()
    }

    /// The trade of `partner`'s order `out_trade_no`.
    pub fn trade(&self, partner: &str, out_trade_no: &str) -> Option<Trade> {
        self.app
            .state()
            .trade_by_out(partner, out_trade_no)
            .cloned()
    }

    /// The batch payments (`batch_trans_notify`) paid at the cashier.
    pub fn batch_payments(&self) -> Vec<state::BatchPayment> {
        self.app.state().batches.values().cloned().collect()
    }

    /// How many trades are held.
    pub fn trade_count(&self) -> usize {
        self.app.state().trades.len()
    }

    /// How many cashier sessions are held (used or not): at most
    /// [`state::MAX_CASHIER_SESSIONS`].
    pub fn cashier_session_count(&self) -> usize {
        self.app.state().cashier.len()
    }

    /// How many `notify_id`s `notify_verify` still knows: those sent within
    /// [`MockConfig::notify_id_validity`] (older ones are forgotten as new
    /// ones are sent), at most [`state::MAX_NOTIFY_IDS`].
    pub fn notify_id_count(&self) -> usize {
        self.app.state().notify_ids.len()
    }

    /// Every notification, with its delivery attempts (the last
    /// [`state::MAX_NOTIFICATIONS`] or so: older finished ones are dropped).
    pub fn notifications(&self) -> Vec<Notification> {
        self.app.state().notifications.clone()
    }

    /// The requests received, oldest first (the last
    /// [`state::MAX_EXCHANGES`] at most).
    pub fn exchanges(&self) -> Vec<state::Exchange> {
        self.app.state().exchanges.iter().cloned().collect()
    }

    /// Adds a fault while running.
    pub fn add_fault(&self, rule: FaultRule) {
        self.app
            .faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(rule);
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.app
            .faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Changes the notification options while running.
    pub fn set_notify_options(&self, options: NotifyOptions) {
        *self.app.options.lock().unwrap_or_else(|p| p.into_inner()) = options;
    }

    /// Moves a trade to `status` as the gateway would on its own (a
    /// `TRADE_SUCCESS` trade becoming `TRADE_FINISHED` when its refund period
    /// ends), notifying the merchant when the creating request had a
    /// `notify_url`. `false` when there is no such trade.
    pub fn set_trade_status(&self, trade_no: &str, status: TradeStatus) -> bool {
        gateway::set_status(&self.app, trade_no, status)
    }

    /// Waits until `done` holds for the notifications, checking every 10 ms,
    /// for at most `limit`; gives the notifications either way.
    pub async fn wait_notifications(
        &self,
        limit: Duration,
        done: impl Fn(&[Notification]) -> bool,
    ) -> Vec<Notification> {
        let deadline = Instant::now() + limit;
        loop {
            let now = self.notifications();
            if done(&now) || Instant::now() >= deadline {
                return now;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Adds a trade directly, as a page call and Pay would (for load and
    /// memory figures, and for tests that start from a paid trade).
    pub fn insert_trade(&self, trade: Trade) {
        self.app.state().insert_trade(trade);
    }
}

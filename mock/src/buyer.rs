//! The buyer's side of a page call, without a browser: open the signed URL
//! the shop sends the buyer to, then press the cashier's Pay, Cancel or Fail
//! button, and get the URL the gateway sends the buyer back to.
//!
//! Everything runs through the gateway's own handlers in process (as
//! [`MockGateway::call`] does), so what a test sees is what a browser would:
//! the same checks, the same trade, the same signed return and the same
//! notifications. The handlers mark their pages with response extensions
//! (which never leave the process), so nothing here reads HTML.

use std::fmt;

use axum::http::{header, Method, StatusCode};

use crate::MockGateway;

/// The cashier page a page call opened ([`MockGateway::open_page`]): one
/// buyer's visit, whose buttons each act once, as on the gateway (a
/// declined Pay leaves the buyer on the page, free to press again).
#[derive(Debug)]
pub struct Cashier<'g> {
    gateway: &'g MockGateway,
    id: String,
    trade_no: Option<String>,
}

/// Where a cashier button left the buyer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Left {
    /// Sent back to the request's `return_url`: the whole URL the gateway
    /// redirected to (`303 See Other`), the signed return in its query, in
    /// the request's `_input_charset`. Give it to the shop's return handler,
    /// or to `Client::verify_return`.
    Returned {
        /// `return_url`, then `?` (or `&` when it has a query already) and
        /// the signed return.
        url: String,
    },
    /// The request had no `return_url`: the gateway's page shows the
    /// signed return instead.
    NoReturnUrl {
        /// The signed return as a query string (no `?`).
        query: String,
    },
    /// Still on the cashier: the payment was declined (a `total_fee` of
    /// `0.02` always is) and nothing was paid or notified.
    Declined,
}

/// Why a page could not be opened or a button gave no [`Left`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CashierError {
    /// The URL is not this gateway's: it does not start with
    /// [`MockGateway::gateway_url`] and a `?`. The shop's client is set up
    /// with another gateway (the real one, by default).
    NotThisGateway {
        /// This gateway's URL.
        expected: String,
        /// The start of the URL given (at most 80 characters).
        got: String,
    },
    /// The gateway refused on its error page (`is_success=F&error=CODE`):
    /// a bad sign, an unknown partner, a trade that cannot be paid, a
    /// cashier page used already (`SESSION_TIMEOUT`)…
    Refused {
        /// The gateway's error code.
        code: String,
        /// Why, as the inspector shows it.
        reason: String,
    },
    /// The gateway answered with another HTTP status (a `http502` fault) or
    /// with no cashier page (a server call's XML, for a service that is
    /// not a page call).
    Unexpected {
        /// The HTTP status.
        status: u16,
        /// The answer's `Content-Type`, if any.
        content_type: Option<String>,
    },
    /// The connection was reset (a `reset` fault).
    Reset,
    /// The URL's query cannot be sent in an HTTP request line (a browser
    /// would have percent-encoded it; `Client::page_url` always does).
    InvalidUrl(String),
}

impl fmt::Display for CashierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CashierError::NotThisGateway { expected, got } => write!(
                f,
                "the URL `{got}` is not this mock gateway's: it should start with `{expected}?` \
                 (configure the shop's client with MockGateway::gateway_url())"
            ),
            CashierError::Refused { code, reason } => {
                write!(f, "the gateway refused with {code}: {reason}")
            }
            CashierError::Unexpected {
                status,
                content_type,
            } => {
                write!(f, "the gateway answered HTTP {status}")?;
                if let Some(content_type) = content_type {
                    write!(f, " ({content_type})")?;
                }
                f.write_str(" where a page was expected")
            }
            CashierError::Reset => f.write_str("the connection was reset"),
            CashierError::InvalidUrl(reason) => {
                write!(f, "the URL cannot be sent in an HTTP request: {reason}")
            }
        }
    }
}

impl std::error::Error for CashierError {}

/// Marks the cashier page of session `id` (a response extension).
#[derive(Clone)]
pub(crate) struct CashierMark {
    pub(crate) id: String,
    pub(crate) trade_no: Option<String>,
    /// Whether the page says the payment was declined.
    pub(crate) declined: bool,
}

/// Marks the gateway's error page (a response extension).
#[derive(Clone)]
pub(crate) struct RefusalMark {
    pub(crate) code: String,
    pub(crate) reason: String,
}

/// Marks the page shown when a request had no `return_url` (a response
/// extension).
#[derive(Clone)]
pub(crate) struct NoReturnMark {
    pub(crate) query: String,
}

impl MockGateway {
    /// Opens a page call's signed URL (what `Client::page_url` builds, or the
    /// `Location` a shop redirects the buyer to) as the buyer's browser
    /// would, in process: the request is checked, the trade created, and
    /// the cashier page served.
    ///
    /// Errors: [`CashierError::NotThisGateway`] when `url` does not start
    /// with [`gateway_url`](Self::gateway_url) and `?`;
    /// [`CashierError::Refused`] with the gateway's code when it refuses the
    /// request (`ILLEGAL_SIGN`, `TRADE_NOT_ALLOWED_PAY`, …);
    /// [`CashierError::Unexpected`] for a server call's service or an
    /// `http502` fault; [`CashierError::Reset`] for a `reset` fault. A
    /// `timeout` fault holds the answer back: wrap the call in
    /// `tokio::time::timeout`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use alipay_mapi_mock::{Left, MockConfig, MockGateway, TEST_MD5_KEY, TEST_PARTNER};
    /// use alipay_mapi_runtime::{keys::Md5Key, Client, Signer, Verifier};
    ///
    /// let gateway = MockGateway::in_process(MockConfig::default());
    /// let key = Md5Key::new(TEST_MD5_KEY)?;
    /// let client = Client::new(TEST_PARTNER, Signer::md5(key.clone()))?
    ///     .with_gateway(&gateway.gateway_url())?
    ///     .with_verifier(Verifier::md5(key));
    /// let url = client.sign_params(
    ///     "create_direct_pay_by_user",
    ///     &[
    ///         ("out_trade_no", "A1001"),
    ///         ("subject", "Tea"),
    ///         ("payment_type", "1"),
    ///         ("total_fee", "12.50"),
    ///         ("seller_id", TEST_PARTNER),
    ///         ("return_url", "https://shop.example/alipay/return"),
    ///     ],
    /// )?.url();
    ///
    /// let cashier = gateway.open_page(&url).await?;
    /// let Left::Returned { url } = cashier.pay().await? else { panic!("not paid") };
    /// assert!(url.starts_with("https://shop.example/alipay/return?"));
    /// let paid = client.verify_return_params(&url)?; // what the shop's return page does
    /// assert_eq!(paid.get("trade_status"), Some("TRADE_SUCCESS"));
    /// let trade = gateway.trade(TEST_PARTNER, "A1001").unwrap();
    /// assert_eq!(trade.status.as_str(), "TRADE_SUCCESS");
    /// # Ok(()) }
    /// ```
    pub async fn open_page(&self, url: &str) -> Result<Cashier<'_>, CashierError> {
        let expected = self.gateway_url();
        let Some(query) = url
            .strip_prefix(expected.as_str())
            .and_then(|rest| rest.strip_prefix('?'))
        else {
            let got = match url.char_indices().nth(80) {
                Some((cut, _)) => format!("{}…", &url[..cut]),
                None => url.to_owned(),
            };
            return Err(CashierError::NotThisGateway { expected, got });
        };
        let response = self
            .browser(Method::GET, &format!("/gateway.do?{query}"), Vec::new())
            .await?;
        match response.extensions().get::<CashierMark>() {
            Some(mark) if response.status() == StatusCode::OK => Ok(Cashier {
                gateway: self,
                id: mark.id.clone(),
                trade_no: mark.trade_no.clone(),
            }),
            _ => Err(unexpected(&response)),
        }
    }

    /// [`open_page`](Self::open_page), then [`Cashier::pay`]: the buyer
    /// pays at once.
    pub async fn pay(&self, url: &str) -> Result<Left, CashierError> {
        self.open_page(url).await?.pay().await
    }

    /// A request to the gateway's handlers as a browser sends it (it asks
    /// for HTML, so a refusal is a page).
    async fn browser(
        &self,
        method: Method,
        path_and_query: &str,
        body: Vec<u8>,
    ) -> Result<http::Response<Vec<u8>>, CashierError> {
        let mut request = http::Request::new(body);
        *request.method_mut() = method;
        *request.uri_mut() = path_and_query
            .parse()
            .map_err(|e: http::uri::InvalidUri| CashierError::InvalidUrl(e.to_string()))?;
        request.headers_mut().insert(
            header::ACCEPT,
            header::HeaderValue::from_static("text/html"),
        );
        if !request.body().is_empty() {
            request.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
        }
        self.call(request).await.map_err(|_| CashierError::Reset)
    }
}

/// The error a page that is not the one expected stands for.
fn unexpected(response: &http::Response<Vec<u8>>) -> CashierError {
    if let Some(refusal) = response.extensions().get::<RefusalMark>() {
        return CashierError::Refused {
            code: refusal.code.clone(),
            reason: refusal.reason.clone(),
        };
    }
    CashierError::Unexpected {
        status: response.status().as_u16(),
        content_type: response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
    }
}

impl Cashier<'_> {
    /// The cashier session's id (the `c…` of `/cashier/{id}/pay`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The gateway's trade number, when the page call created or reopened a
    /// trade (it named `out_trade_no` and an amount).
    pub fn trade_no(&self) -> Option<&str> {
        self.trade_no.as_deref()
    }

    /// Presses Pay: the trade becomes paid, the merchant is notified, and
    /// the buyer is sent back with a signed return ([`Left::Returned`]), or
    /// stays on a declined payment ([`Left::Declined`]). A `subject` of
    /// `FAIL:CODE` comes back as a signed `is_success=F&error=CODE` return.
    /// A trade no longer `WAIT_BUYER_PAY` (paid from another page, closed,
    /// refunded) is [`CashierError::Refused`] with `TRADE_NOT_ALLOWED_PAY`
    /// (the service's code; `ILLEGAL_ARGUMENT` when its table has none),
    /// and a page used already or dropped with `SESSION_TIMEOUT`.
    pub async fn pay(&self) -> Result<Left, CashierError> {
        self.press("pay", Vec::new()).await
    }

    /// Presses Cancel: the trade is closed (and notified), and the buyer is
    /// sent back with a signed return saying so. Refused as
    /// [`pay`](Self::pay) is when the trade is no longer `WAIT_BUYER_PAY`.
    pub async fn cancel(&self) -> Result<Left, CashierError> {
        self.press("cancel", Vec::new()).await
    }

    /// Presses Fail with the gateway error `code`: the buyer is sent back
    /// with a signed `is_success=F&error=CODE` return; the trade is left as
    /// it was.
    pub async fn fail(&self, code: &str) -> Result<Left, CashierError> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("other", code)
            .finish();
        self.press("fail", body.into_bytes()).await
    }

    async fn press(&self, what: &str, body: Vec<u8>) -> Result<Left, CashierError> {
        let path = format!("/cashier/{}/{what}", self.id);
        let response = self.gateway.browser(Method::POST, &path, body).await?;
        if response.status() == StatusCode::SEE_OTHER {
            if let Some(location) = response.headers().get(header::LOCATION) {
                return Ok(Left::Returned {
                    url: String::from_utf8_lossy(location.as_bytes()).into_owned(),
                });
            }
        }
        if let Some(page) = response.extensions().get::<NoReturnMark>() {
            return Ok(Left::NoReturnUrl {
                query: page.query.clone(),
            });
        }
        if let Some(page) = response.extensions().get::<CashierMark>() {
            if page.declined {
                return Ok(Left::Declined);
            }
        }
        Err(unexpected(&response))
    }
}

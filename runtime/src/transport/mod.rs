//! How a request reaches the gateway: plain HTTP values in, plain HTTP values
//! out, and a small trait a transport implements.
//!
//! The rest of the runtime never does I/O. A server call is built as an
//! [`HttpRequest`] (`http::Request<Vec<u8>>`) and its answer is read from an
//! [`HttpResponse`] (`http::Response<Vec<u8>>`: status, headers, bytes); what
//! carries one to the other is an [`AsyncTransport`] or a
//! [`BlockingTransport`]. Both are implemented for closures, so a test or an
//! application with its own HTTP stack passes a function:
//!
//! ```
//! // `http` is re-exported here: no dependency of your own is needed.
//! use alipay_mapi_runtime::transport::{http, BlockingTransport, HttpRequest, HttpResponse, TransportError};
//! let canned = |request: HttpRequest| -> Result<HttpResponse, TransportError> {
//!     assert_eq!(request.method(), "GET");
//!     Ok(http::Response::new(b"true".to_vec()))
//! };
//! let request = http::Request::get("https://mapi.alipay.com/gateway.do").body(Vec::new()).unwrap();
//! assert_eq!(canned.send(request).unwrap().body(), b"true");
//! ```
//!
//! Behind features, none of them on by default: [`reqwest`]
//! (async; `reqwest` with rustls on the `ring` provider, or
//! `reqwest-native-tls` with the system's TLS library) and
//! [`ureq`] (blocking, ureq 3 with rustls on `ring`).
//! Timeouts are the transport's configuration; the gateway's address is the
//! [`Client`](crate::Client)'s.
//!
//! # Redirects
//!
//! A transport must not follow redirects. A gateway call is a signed POST to
//! the configured gateway; an HTTP client that follows a `301` or `302`
//! sends a `GET` without the parameters to wherever `Location` points, and
//! the gateway's failure for that empty request (`ILLEGAL_PARTNER`,
//! `TRADE_NOT_EXIST`) would read as the call's own. The bundled transports
//! follow none: a `3xx` is the answer, which the client reports as an HTTP
//! status error naming the `Location` (the gateway URL is most likely
//! wrong: `http://` for `https://`, another host or path). A
//! `reqwest::Client` or `ureq::Agent` of your own must be configured the
//! same way; an answer that comes from another URL than the request's (a
//! redirect it followed) is refused.

use std::fmt;
use std::future::Future;
use std::time::Duration;

#[cfg(any(feature = "reqwest", feature = "reqwest-native-tls"))]
pub mod reqwest;
#[cfg(feature = "ureq")]
pub mod ureq;

/// The `http` crate the request and answer types come from.
pub use http;

/// A request to the gateway: method, URL, headers and body bytes.
pub type HttpRequest = http::Request<Vec<u8>>;
/// The gateway's answer: status, headers and body bytes, unread.
pub type HttpResponse = http::Response<Vec<u8>>;

/// The timeout the bundled transports use unless told otherwise: 30 seconds
/// for the whole exchange.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest answer body the bundled transports read, in bytes (an XML
/// answer of the gateway is a few kilobytes; a page of `account.page.query`
/// a few hundred).
pub const MAX_ANSWER_LEN: usize = 8 * 1024 * 1024;

/// What went wrong on the way: the request never got an HTTP answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No answer within the configured time.
    Timeout,
    /// The connection could not be made (DNS, refused, TLS handshake).
    Connect,
    /// The connection broke or anything else failed.
    Other,
}

/// A transport's failure: no HTTP answer was received.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// A failure of `kind`, caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        TransportError {
            kind,
            source: source.into(),
        }
    }

    /// A timeout.
    pub fn timeout(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Timeout, source)
    }

    /// Any other failure.
    pub fn other(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Other, source)
    }

    /// What kind of failure it was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// The transport's own error (a `reqwest::Error`, a `ureq::Error`, what
    /// a closure gave), to downcast: `e.get_ref().downcast_ref::<reqwest::Error>()`.
    pub fn get_ref(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.source
    }
}

impl fmt::Display for TransportError {
    /// What failed, then its causes down to the first (an HTTP client's
    /// top error seldom says more than "error sending request"); for a
    /// timeout or a broken exchange, that the gateway may have received the
    /// request.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TransportErrorKind::Timeout => f.write_str("no answer in time: ")?,
            TransportErrorKind::Connect => f.write_str("cannot connect to the gateway: ")?,
            TransportErrorKind::Other => f.write_str("network failure: ")?,
        }
        write!(f, "{}", self.source)?;
        let mut cause = self.source.source();
        while let Some(error) = cause {
            write!(f, ": {error}")?;
            cause = error.source();
        }
        if self.kind != TransportErrorKind::Connect {
            f.write_str(" (the gateway may have received the request)")?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    /// `None`: the message already holds the whole chain of causes (an
    /// HTTP client's top error seldom says more than "error sending
    /// request"), so a chain walker prints each once. The transport's own
    /// error is [`get_ref`](TransportError::get_ref).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}

/// The `Location` of an answer, as text (for a redirect's error message).
pub(crate) fn location(response: &HttpResponse) -> Option<String> {
    response
        .headers()
        .get(http::header::LOCATION)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// `Status { status, body, location }` of a status error (a call's, a
/// `notify_verify`'s) in a `Debug` output, the body as [`BodyDebug`].
pub(crate) fn debug_status(
    f: &mut fmt::Formatter<'_>,
    status: u16,
    body: &[u8],
    location: Option<&str>,
) -> fmt::Result {
    f.debug_struct("Status")
        .field("status", &status)
        .field("body", &BodyDebug(body))
        .field("location", &location)
        .finish()
}

/// A received body in a `Debug` output: its first 100 characters (read
/// lossily as UTF-8) and its length, not a list of up to
/// [`MAX_ANSWER_LEN`] numbers.
pub(crate) struct BodyDebug<'a>(pub(crate) &'a [u8]);

impl fmt::Debug for BodyDebug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = String::from_utf8_lossy(self.0.get(..400).unwrap_or(self.0));
        let shown: String = text.chars().take(100).collect();
        let more = if self.0.len() > 400 || text.chars().nth(100).is_some() {
            "…"
        } else {
            ""
        };
        write!(f, "{shown:?}{more} ({} bytes)", self.0.len())
    }
}

/// `{who} answered HTTP {status}`, and what the answer says of itself: a
/// redirect's `Location` (a redirect is never followed), an HTML page's
/// title, the body's size.
pub(crate) fn write_status(
    f: &mut fmt::Formatter<'_>,
    who: &str,
    status: u16,
    location: Option<&str>,
    body: &[u8],
) -> fmt::Result {
    write!(f, "{who} answered HTTP {status}")?;
    if (300..400).contains(&status) {
        match location {
            Some(to) => write!(f, ", a redirect to {to}")?,
            None => f.write_str(", a redirect without a Location")?,
        }
        return f.write_str(
            ", not followed: a call goes to the configured gateway only; \
             the gateway URL may be wrong (http:// for https://, another host or path)",
        );
    }
    match crate::answer::html_page(body) {
        Some(page) => {
            f.write_str(", an HTML page")?;
            if let Some(title) = page.title {
                write!(f, " titled \"{title}\"")?;
            }
            write!(f, " ({} bytes)", body.len())
        }
        None => write!(f, " ({} bytes of body)", body.len()),
    }
}

/// The error for an answer past [`MAX_ANSWER_LEN`]: one that `announces`
/// more in its `Content-Length`, or has more (read up to the limit).
#[cfg(any(feature = "reqwest", feature = "reqwest-native-tls", feature = "ureq"))]
fn too_large(announced: bool) -> TransportError {
    TransportError::other(format!(
        "the answer {} more than {MAX_ANSWER_LEN} bytes, the most a transport reads",
        if announced { "announces" } else { "has" }
    ))
}

/// The error of an HTTP client that followed a redirect: the answer came
/// from `to`, not from `from`, where the request was sent.
#[cfg(any(feature = "reqwest", feature = "reqwest-native-tls", feature = "ureq"))]
fn redirect_followed(from: &str, to: &str, fix: &str) -> TransportError {
    TransportError::other(format!(
        "the HTTP client followed a redirect from {from} to {to}, which a signed gateway call \
         must not do ({fix}; the gateway URL may be wrong, e.g. http:// for https://)"
    ))
}

/// Sends a request and waits for the answer, asynchronously.
///
/// Implemented for `Fn(HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send`
/// and, with feature `reqwest`, for `reqwest::Client`. It must not follow
/// redirects (see [Redirects](self#redirects)).
pub trait AsyncTransport {
    /// Sends `request`; any HTTP status is an `Ok` answer, a `3xx` included.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send;
}

impl<F, Fut> AsyncTransport for F
where
    F: Fn(HttpRequest) -> Fut,
    Fut: Future<Output = Result<HttpResponse, TransportError>> + Send,
{
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        self(request)
    }
}

/// Sends a request and blocks until the answer.
///
/// Implemented for `Fn(HttpRequest) -> Result<HttpResponse, TransportError>`
/// and, with feature `ureq`, for `ureq::Agent`. It must not follow
/// redirects (see [Redirects](self#redirects)).
pub trait BlockingTransport {
    /// Sends `request`; any HTTP status is an `Ok` answer, a `3xx` included.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

impl<F> BlockingTransport for F
where
    F: Fn(HttpRequest) -> Result<HttpResponse, TransportError>,
{
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error with a cause, as an HTTP client's are.
    #[derive(Debug)]
    struct Outer(std::io::Error);

    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("error sending request")
        }
    }

    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn the_message_carries_every_cause_and_whether_the_request_may_have_arrived() {
        let reset = || {
            Outer(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "connection closed before message completed",
            ))
        };
        let broken = TransportError::other(reset()).to_string();
        assert!(
            broken.starts_with(
                "network failure: error sending request: connection closed before message completed"
            ),
            "{broken}"
        );
        assert!(broken.contains("may have received the request"), "{broken}");
        let late = TransportError::timeout(reset()).to_string();
        assert!(late.starts_with("no answer in time: "), "{late}");
        assert!(late.contains("may have received the request"), "{late}");
        let refused = TransportError::new(TransportErrorKind::Connect, reset()).to_string();
        assert!(
            refused.starts_with("cannot connect to the gateway: "),
            "{refused}"
        );
        assert!(!refused.contains("may have received"), "{refused}");
    }

    /// Each message of a chain, as a chain walker (anyhow's `{:#}`) prints
    /// them: each error's message holds the one it wraps, so none is
    /// printed twice.
    #[test]
    fn a_chain_walker_prints_each_message_once() {
        use crate::call::CallError;
        use std::error::Error;
        let network: CallError<String> = CallError::Network(TransportError::other(Outer(
            std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection reset"),
        )));
        let charset: CallError<String> = CallError::Request(crate::RequestError::Charset(
            crate::Charset::Gbk.encode("subject", "😀").unwrap_err(),
        ));
        for error in [network, charset] {
            let mut messages = vec![error.to_string()];
            let mut cause = error.source();
            while let Some(e) = cause {
                messages.push(e.to_string());
                cause = e.source();
            }
            assert_eq!(messages.len(), 1, "{messages:?}");
        }
        let e = TransportError::other(Outer(std::io::Error::other("x")));
        assert!(e.get_ref().downcast_ref::<Outer>().is_some());
    }
}

//! Asynchronous notifications: what the handler of `notify_url` answers, and
//! the `notify_verify` service that confirms a notification came from the
//! gateway.
//!
//! # The handler
//!
//! The gateway POSTs a form to the request's `notify_url`. Verify it from
//! the raw body bytes and the `Content-Type` header with
//! [`Client::verify_notification`] (a framework's form extractor decodes GBK
//! bodies lossily, and the sign never verifies), then answer.
//!
//! The gateway sends the same notification again — several times over about
//! a day — until the answer body is exactly [`SUCCESS`] (the 7 bytes
//! `success`, no newline, no HTML around it). So a handler sees duplicates
//! and must be idempotent: key the work on the notification's `notify_id`
//! (the same for every resend of one notification), and answer `success`
//! again, without applying twice, for a `notify_id` already handled.
//! Answer anything else ([`FAILURE`] is customary) when the notification
//! was refused or could not be handled yet: the gateway will try again.
//!
//! ```
//! # #[cfg(feature = "md5")] {
//! use alipay_mapi_runtime::{keys::Md5Key, notify, Client, Signer, Verifier};
//! let key = Md5Key::new("10000000000000000000000000000000").unwrap();
//! let client = Client::new("2088002464631181", Signer::md5(key.clone()))
//!     .unwrap()
//!     .with_verifier(Verifier::md5(key));
//! # let body: &[u8] = b"notify_id=1&sign_type=MD5&sign=x";
//! let answer: &[u8] = match client.verify_notification_params(body, Some("application/x-www-form-urlencoded")) {
//!     Ok(verified) => {
//!         let notify_id = verified.get("notify_id").unwrap_or_default();
//!         // Apply the change once per notify_id, then:
//!         notify::SUCCESS.as_bytes()
//!     }
//!     Err(_) => notify::FAILURE.as_bytes(),
//! };
//! assert_eq!(answer, b"fail");
//! # }
//! ```
//!
//! # `notify_verify`
//!
//! An extra, opt-in check that needs a transport:
//! [`Client::notify_verify`] asks the gateway
//! (`GET {gateway}?service=notify_verify&partner=…&notify_id=…`) whether it
//! sent a notification; a `notify_id` older than about a minute answers
//! `false`.

use std::fmt;

use crate::request::Client;
use crate::transport::{
    AsyncTransport, BlockingTransport, HttpRequest, HttpResponse, TransportError,
};

/// The answer body that stops the gateway's resends: exactly these 7 bytes.
pub const SUCCESS: &str = "success";

/// The customary answer body when a notification is refused; any body other
/// than [`SUCCESS`] makes the gateway send it again.
pub const FAILURE: &str = "fail";

/// What the gateway's `notify_verify` says of a `notify_id`.
///
/// Only [`Valid`](Self::Valid) confirms a notification: the call returns
/// `Ok` for every answer the gateway gives, so `?` alone accepts `false`.
/// Check it ([`is_valid`](Self::is_valid)); the type is `#[must_use]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[must_use = "only `Valid` confirms the notification: check it (`is_valid()`)"]
pub enum NotifyVerification {
    /// `true`: the gateway sent this notification.
    Valid,
    /// `invalid`: the gateway refused the question (bad parameters, such as
    /// an unknown partner).
    Invalid,
    /// `false`: the gateway does not know this `notify_id` (a forged one
    /// too), or it is older than about a minute. Not a confirmation.
    Expired,
}

impl NotifyVerification {
    /// The gateway's word for it, which was the whole answer body.
    pub const fn as_str(self) -> &'static str {
        match self {
            NotifyVerification::Valid => "true",
            NotifyVerification::Invalid => "invalid",
            NotifyVerification::Expired => "false",
        }
    }

    /// Whether the notification is confirmed.
    pub fn is_valid(self) -> bool {
        self == NotifyVerification::Valid
    }
}

/// Why `notify_verify` gave no answer.
///
/// `Debug` shows a received body by its start and length.
#[non_exhaustive]
pub enum NotifyVerifyError {
    /// The `notify_id` is empty: there is nothing to ask (the call is not
    /// made).
    EmptyNotifyId,
    /// No HTTP answer.
    Network(TransportError),
    /// An HTTP status other than 200 (a redirect too: it is never
    /// followed).
    Status {
        /// The status.
        status: u16,
        /// The body, as received.
        body: Vec<u8>,
        /// The `Location` header, as text, when the answer has one (a
        /// redirect's target).
        location: Option<String>,
    },
    /// A body other than `true`, `false` or `invalid` (lowercase, with at
    /// most ASCII whitespace around it and a UTF-8 byte order mark before).
    Unrecognized {
        /// The body, as received.
        body: Vec<u8>,
    },
}

impl fmt::Debug for NotifyVerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotifyVerifyError::EmptyNotifyId => f.write_str("EmptyNotifyId"),
            NotifyVerifyError::Network(e) => f.debug_tuple("Network").field(e).finish(),
            NotifyVerifyError::Status {
                status,
                body,
                location,
            } => crate::transport::debug_status(f, *status, body, location.as_deref()),
            NotifyVerifyError::Unrecognized { body } => f
                .debug_struct("Unrecognized")
                .field("body", &crate::transport::BodyDebug(body))
                .finish(),
        }
    }
}

impl fmt::Display for NotifyVerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotifyVerifyError::EmptyNotifyId => {
                f.write_str("notify_id is empty: notify_verify was not called")
            }
            NotifyVerifyError::Network(e) => e.fmt(f),
            NotifyVerifyError::Status {
                status,
                body,
                location,
            } => crate::transport::write_status(
                f,
                "notify_verify",
                *status,
                location.as_deref(),
                body,
            ),
            NotifyVerifyError::Unrecognized { body } => write!(
                f,
                "notify_verify answered {:?}, not true, false or invalid",
                String::from_utf8_lossy(body.get(..64).unwrap_or(body))
            ),
        }
    }
}

impl std::error::Error for NotifyVerifyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Its message is `e`'s (see `CallError`'s `source`).
            NotifyVerifyError::Network(e) => e.source(),
            _ => None,
        }
    }
}

impl Client {
    /// The `notify_verify` request for `notify_id` (no I/O): `GET
    /// {gateway}?service=notify_verify&partner=…&notify_id=…`, unsigned as
    /// the gateway's demos send it.
    ///
    /// `notify_id` is the decoded value (as a verified notification or return
    /// holds it) and is percent-encoded exactly once: a value that holds
    /// `%2F` after decoding is sent as `%252F`.
    pub fn notify_verify_request(&self, notify_id: &str) -> Result<HttpRequest, NotifyVerifyError> {
        if notify_id.is_empty() {
            return Err(NotifyVerifyError::EmptyNotifyId);
        }
        let mut uri = crate::wire::Query::new(self.gateway(), self.gateway().len() + 96);
        let pairs = [
            ("service", crate::variants::NOTIFY_VERIFY),
            ("partner", self.partner()),
            ("notify_id", notify_id),
        ];
        for (name, value) in pairs {
            // UTF-8 bytes: a notify_id is ASCII; nothing here can fail.
            let _ = uri.pair(crate::Charset::Utf8, name, value);
        }
        let uri = uri.finish();
        let uri = url::Url::parse(&uri).map(String::from).unwrap_or(uri);
        let mut request = http::Request::new(Vec::new());
        *request.uri_mut() = uri.parse().map_err(|e: http::uri::InvalidUri| {
            NotifyVerifyError::Network(TransportError::other(e))
        })?;
        Ok(request)
    }

    /// Reads `notify_verify`'s answer (no I/O): the body must be `true`,
    /// `false` or `invalid`, in lowercase, with nothing else but ASCII
    /// whitespace around it (a trailing `\n` or `\r\n`, spaces: what a proxy
    /// or a server's template may add; the gateway itself answers the bare
    /// word) and a UTF-8 byte order mark before it. No other loose matching,
    /// the demos' habit (PHP's `preg_match("/true$/i", …)` takes `untrue`
    /// and `TRUE`): `TRUE`, `true.` or an HTML page is
    /// [`NotifyVerifyError::Unrecognized`],
    /// keeping the body as received. An HTTP status other than 200 is
    /// [`NotifyVerifyError::Status`].
    ///
    /// ```
    /// use alipay_mapi_runtime::{keys::Md5Key, transport::http, Client, NotifyVerification, Signer};
    /// # #[cfg(feature = "md5")] {
    /// let client = Client::new("2088002464631181", Signer::md5(Md5Key::new("k").unwrap())).unwrap();
    /// let read = |body: &str| client.read_notify_verify(&http::Response::new(body.as_bytes().to_vec()));
    /// assert_eq!(read("true\r\n").unwrap(), NotifyVerification::Valid);
    /// assert!(read("TRUE").is_err());
    /// # }
    /// ```
    pub fn read_notify_verify(
        &self,
        response: &HttpResponse,
    ) -> Result<NotifyVerification, NotifyVerifyError> {
        if response.status() != http::StatusCode::OK {
            return Err(NotifyVerifyError::Status {
                status: response.status().as_u16(),
                body: response.body().clone(),
                location: crate::transport::location(response),
            });
        }
        // A byte order mark (a UTF-8 file served as the answer, a proxy's
        // rewrite) carries no data either, as before an XML answer.
        let (body, _) = crate::answer::skip_leading(response.body().trim_ascii());
        match body {
            b"true" => Ok(NotifyVerification::Valid),
            b"false" => Ok(NotifyVerification::Expired),
            b"invalid" => Ok(NotifyVerification::Invalid),
            _ => Err(NotifyVerifyError::Unrecognized {
                body: response.body().clone(),
            }),
        }
    }

    /// Asks the gateway whether it sent the notification `notify_id` (see
    /// [`notify_verify_request`](Self::notify_verify_request)).
    pub async fn notify_verify<T: AsyncTransport>(
        &self,
        transport: &T,
        notify_id: &str,
    ) -> Result<NotifyVerification, NotifyVerifyError> {
        let request = self.notify_verify_request(notify_id)?;
        let response = transport
            .send(request)
            .await
            .map_err(NotifyVerifyError::Network)?;
        self.read_notify_verify(&response)
    }

    /// The blocking twin of [`notify_verify`](Self::notify_verify).
    pub fn notify_verify_blocking<T: BlockingTransport>(
        &self,
        transport: &T,
        notify_id: &str,
    ) -> Result<NotifyVerification, NotifyVerifyError> {
        let request = self.notify_verify_request(notify_id)?;
        let response = transport
            .send(request)
            .map_err(NotifyVerifyError::Network)?;
        self.read_notify_verify(&response)
    }
}

//! [axum](https://docs.rs/axum) glue (feature `axum`): extractors that
//! verify the gateway's asynchronous notifications and page-redirect returns
//! from the bytes that arrived, and the `success` answer.
//!
//! - [`AlipayNotify<N>`]: a handler argument holding a verified, typed
//!   notification (`N` is a declared interface's `Notify`). It reads the raw
//!   body and the `Content-Type` header and calls
//!   [`Client::verify_notification`]; the charset comes from the body's
//!   `_input_charset`, then the header's `charset=`, then the client's.
//!   axum's `Form` would not do: it decodes GBK bodies lossily (U+FFFD), so
//!   their signatures never verify.
//! - [`AlipayReturn<R>`]: the same for the page-redirect return (`R` is a
//!   declared `Response`), from the request's raw query string, exactly as
//!   the browser sent it.
//! - [`AlipayRejection`]: why either was refused. As a response it is
//!   `400 Bad Request` with the body `fail`, so the gateway sends the
//!   notification again. The reason is logged through
//!   [`tracing`](https://docs.rs/tracing) at the `warn` level (target
//!   `alipay_mapi_runtime::axum`; it names the signed parameters and their
//!   lengths), and the signing string that was checked at the `debug` level,
//!   since it holds the received values (e-mail addresses, names).
//! - [`Ack`]: the answer to a handled notification, the 7 bytes `success`.
//!
//! The [`Client`] comes from the router's state: any state `S` with
//! `Arc<Client>: FromRef<S>` (an `Arc<Client>` itself, or a field of the
//! application's state with a `FromRef` impl).
//!
//! # Handling a notification once
//!
//! The gateway resends a notification until it reads `success` (about 8
//! times over 25 hours), and may resend one that was handled when the answer
//! got lost. A handler keys what it does on `notify_id` (the same id comes
//! with every resend of one notification): apply it once, and answer [`Ack`]
//! to a repeat as to the first.
//!
//! ```
//! # #[cfg(feature = "md5")] {
//! use std::sync::Arc;
//! use alipay_mapi_runtime::axum::{Ack, AlipayNotify};
//! use alipay_mapi_runtime::{keys::Md5Key, Client, Signer, Verifier};
//! # mod create_direct_pay_by_user {
//! #     use alipay_mapi_runtime::*;
//! #     #[derive(Debug)] pub struct Notify;
//! #     #[derive(Debug, Clone, PartialEq)] pub struct Code(String);
//! #     impl std::fmt::Display for Code { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(&self.0) } }
//! #     impl std::str::FromStr for Code { type Err = std::convert::Infallible; fn from_str(s: &str) -> Result<Self, Self::Err> { Ok(Code(s.into())) } }
//! #     impl GatewayErrorCode for Code { fn as_str(&self) -> &str { &self.0 } fn meaning(&self) -> Option<&'static str> { None } }
//! #     static SPEC: ServiceSpec = ServiceSpec { service: "x", request: &[], response: None, notify: Some(&[]), errors: &[],
//! #         length_rule: validate::LengthRule::GbkWidth, answer: None, access: Access::Page, one_of: &[], either: &[] };
//! #     impl ServiceReturn for Notify { type ErrorCode = Code; const SPEC: &'static ServiceSpec = &SPEC;
//! #         const FIELDS: &'static [FieldSpec] = &[]; fn from_params(_: &ReceivedParams) -> Result<Self, FieldError> { Ok(Notify) } }
//! # }
//! use create_direct_pay_by_user::Notify;
//!
//! async fn notify(AlipayNotify(notification): AlipayNotify<Notify>) -> Ack {
//!     let notify_id = notification.raw().get("notify_id").unwrap_or_default();
//!     // …apply it once per notify_id…
//!     Ack
//! }
//!
//! let key = Md5Key::new("10000000000000000000000000000000").unwrap();
//! let client = Client::new("2088002464631181", Signer::md5(key.clone()))
//!     .unwrap()
//!     .with_verifier(Verifier::md5(key));
//! let app: axum::Router = axum::Router::new()
//!     .route("/alipay/notify", axum::routing::post(notify))
//!     .with_state(Arc::new(client));
//! # }
//! ```

use std::fmt;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::request::Client;
use crate::service::{GatewayErrorCode, ServiceError, ServiceReturn, Verified};

/// A verified asynchronous notification, typed as `N` (a declared
/// interface's `Notify`).
///
/// Extracted from the raw body bytes and the `Content-Type` header; a body
/// that is not `application/x-www-form-urlencoded` (when the header is
/// present), that does not verify, or whose declared fields do not read is
/// an [`AlipayRejection`]. `Content-Type: application/x-www-form-urlencoded;
/// charset=GBK` is accepted, any case. It consumes the body, so it must be the
/// handler's last argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlipayNotify<N>(pub Verified<N>);

/// A verified page-redirect return, typed as `R` (a declared interface's
/// `Response`), read from the request's query string as received (never a
/// re-encoded one: the signature covers the decoded values of exactly those
/// bytes).
///
/// A failure the gateway reports (`is_success=F&error=…`) is an
/// [`AlipayRejection::Verify`] holding [`ServiceError::Gateway`]; take
/// `Result<AlipayReturn<R>, AlipayRejection<_>>` as the handler's argument to
/// show it to the buyer instead of answering `400`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlipayReturn<R>(pub Verified<R>);

impl<N> std::ops::Deref for AlipayNotify<N> {
    type Target = Verified<N>;
    fn deref(&self) -> &Verified<N> {
        &self.0
    }
}

impl<R> std::ops::Deref for AlipayReturn<R> {
    type Target = Verified<R>;
    fn deref(&self) -> &Verified<R> {
        &self.0
    }
}

/// Why a notification or a return was refused. As a response: `400 Bad
/// Request`, body `fail` (the gateway then sends the notification again),
/// after a `warn` log line with the reason (and a `debug` one with the
/// signing string, when a signature was refused).
#[derive(Debug)]
pub enum AlipayRejection<E> {
    /// The body could not be read (too large for the router's limit, or the
    /// connection failed).
    Body(String),
    /// The `Content-Type` is not `application/x-www-form-urlencoded`.
    ContentType(String),
    /// Verification refused it, or the gateway reports a failure
    /// ([`ServiceError::Gateway`]).
    Verify(ServiceError<E>),
}

impl<E> AlipayRejection<E> {
    /// The signing string the refused signature was checked over, when the
    /// signature was what failed. It holds received values (e-mail addresses,
    /// names): for debugging, not for showing to a buyer.
    pub fn signing_string(&self) -> Option<&str> {
        match self {
            AlipayRejection::Verify(ServiceError::Return(e)) => e.signing_string(),
            _ => None,
        }
    }
}

impl<E: GatewayErrorCode> fmt::Display for AlipayRejection<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlipayRejection::Body(reason) => write!(f, "cannot read the request body: {reason}"),
            AlipayRejection::ContentType(ct) => write!(
                f,
                "Content-Type `{ct}` is not application/x-www-form-urlencoded, the gateway's notification form"
            ),
            AlipayRejection::Verify(e) => e.fmt(f),
        }
    }
}

impl<E: GatewayErrorCode> std::error::Error for AlipayRejection<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Its message is `e`'s (see `CallError`'s `source`).
            AlipayRejection::Verify(e) => e.source(),
            _ => None,
        }
    }
}

impl<E: GatewayErrorCode> IntoResponse for AlipayRejection<E> {
    fn into_response(self) -> Response {
        tracing::warn!(
            reason = %self,
            "refused a gateway return or notification; answering `fail`"
        );
        if let Some(signing_string) = self.signing_string() {
            // The values themselves (e-mail addresses, names): debug level.
            tracing::debug!(signing_string, "the signing string that was checked");
        }
        (
            StatusCode::BAD_REQUEST,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            crate::notify::FAILURE,
        )
            .into_response()
    }
}

/// The answer to a notification that was handled: `200 OK` with the body
/// [`SUCCESS`](crate::notify::SUCCESS) — exactly the 7 bytes `success`, no
/// newline, which is what stops the gateway's resends (see
/// [`crate::notify`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ack;

impl IntoResponse for Ack {
    fn into_response(self) -> Response {
        (
            StatusCode::OK,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            crate::notify::SUCCESS,
        )
            .into_response()
    }
}

/// Whether a `Content-Type` value is a form body, parameters (`charset=`)
/// and case ignored.
fn is_form(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or_default().trim();
    media.eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

impl<S, N> FromRequest<S> for AlipayNotify<N>
where
    S: Send + Sync,
    Arc<Client>: FromRef<S>,
    N: ServiceReturn + Send,
{
    type Rejection = AlipayRejection<N::ErrorCode>;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = match req.headers().get(CONTENT_TYPE) {
            None => None,
            Some(value) => {
                let text = value.to_str().map_err(|_| {
                    AlipayRejection::ContentType(String::from_utf8_lossy(value.as_bytes()).into())
                })?;
                if !is_form(text) {
                    return Err(AlipayRejection::ContentType(text.to_owned()));
                }
                Some(text.to_owned())
            }
        };
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| AlipayRejection::Body(e.body_text()))?;
        let client = Arc::<Client>::from_ref(state);
        client
            .verify_notification::<N>(&body, content_type.as_deref())
            .map(AlipayNotify)
            .map_err(AlipayRejection::Verify)
    }
}

impl<S, R> FromRequestParts<S> for AlipayReturn<R>
where
    S: Send + Sync,
    Arc<Client>: FromRef<S>,
    R: ServiceReturn + Send,
{
    type Rejection = AlipayRejection<R::ErrorCode>;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let client = Arc::<Client>::from_ref(state);
        client
            .verify_return::<R>(query)
            .map(AlipayReturn)
            .map_err(AlipayRejection::Verify)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_content_types() {
        assert!(is_form("application/x-www-form-urlencoded"));
        assert!(is_form("application/x-www-form-urlencoded; charset=GBK"));
        assert!(is_form("Application/X-WWW-Form-Urlencoded;charset=utf-8"));
        assert!(!is_form("application/json"));
        assert!(!is_form("multipart/form-data; boundary=x"));
    }
}

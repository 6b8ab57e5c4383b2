//! The async transport on [reqwest](https://docs.rs/reqwest) (features
//! `reqwest` or `reqwest-native-tls`).
//!
//! Feature `reqwest` builds reqwest 0.12 with rustls on the `ring` provider,
//! which needs no CMake and no system TLS library (`ring` compiles a few C and
//! assembly files with the C compiler `cc` finds); reqwest 0.13's default,
//! rustls on `aws-lc-rs`, is avoided on purpose. Feature
//! `reqwest-native-tls` uses the system's TLS library instead (OpenSSL on
//! Linux, which needs its headers).

use std::future::Future;
use std::time::Duration;

use super::{AsyncTransport, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// A `reqwest::Client` with a timeout for the whole exchange, following no
/// redirect.
///
/// A gateway call is a signed POST: a redirect (`301` from `http://` to
/// `https://`, a moved host) is answered as it came, a
/// [`CallError::Status`](crate::CallError::Status) that names the status and
/// the `Location`, never re-sent elsewhere (reqwest would follow a `301` or
/// `302` with a `GET` that has no parameters, and the gateway's failure for
/// that empty request would read as the call's own).
///
/// `reqwest::Client` itself implements [`AsyncTransport`] too, for an
/// application that configures its own: build that client with
/// `.redirect(reqwest::redirect::Policy::none())` (reqwest follows up to 10
/// redirects by default). An answer that comes from another URL than the
/// request's — a redirect the client followed — is refused with a
/// [`TransportError`] that names both URLs.
#[derive(Clone, Debug)]
pub struct Transport {
    client: ::reqwest::Client,
}

impl Transport {
    /// A client that gives up after `timeout` (connecting, sending and
    /// reading the answer together) and follows no redirect.
    pub fn new(timeout: Duration) -> Result<Self, TransportError> {
        let client = ::reqwest::Client::builder()
            .timeout(timeout)
            .redirect(::reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
        Ok(Transport { client })
    }

    /// Uses an already configured client, which must not follow redirects
    /// (`.redirect(reqwest::redirect::Policy::none())`): an answer from
    /// another URL than the request's is refused.
    pub fn from_client(client: ::reqwest::Client) -> Self {
        Transport { client }
    }
}

impl AsyncTransport for Transport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        self.client.send(request)
    }
}

fn error(e: ::reqwest::Error) -> TransportError {
    let kind = if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, e)
}

impl AsyncTransport for ::reqwest::Client {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        {
            let request = ::reqwest::Request::try_from(request).map_err(error)?;
            let sent_to = request.url().clone();
            let response = self.execute(request).await.map_err(error)?;
            if response.url() != &sent_to {
                return Err(super::redirect_followed(
                    sent_to.as_str(),
                    response.url().as_str(),
                    "build the reqwest::Client with .redirect(reqwest::redirect::Policy::none())",
                ));
            }
            let mut answer = http::Response::builder().status(response.status());
            if let Some(headers) = answer.headers_mut() {
                headers.extend(response.headers().clone());
            }
            if response
                .content_length()
                .is_some_and(|len| len > super::MAX_ANSWER_LEN as u64)
            {
                return Err(super::too_large(true));
            }
            // Read piece by piece: a chunked answer announces no length,
            // and reading stops once it passes the limit.
            let mut response = response;
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(error)? {
                if body.len() + chunk.len() > super::MAX_ANSWER_LEN {
                    return Err(super::too_large(false));
                }
                body.extend_from_slice(&chunk);
            }
            answer.body(body).map_err(TransportError::other)
        }
    }
}

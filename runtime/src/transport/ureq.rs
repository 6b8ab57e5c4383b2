//! The blocking transport on [ureq](https://docs.rs/ureq) 3 (feature `ureq`),
//! with rustls on the `ring` provider.

use std::time::Duration;

use super::{BlockingTransport, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// A `ureq::Agent` with a timeout for the whole exchange, reading any HTTP
/// status as an answer (the runtime decides what a 502 means) and following
/// no redirect.
///
/// A gateway call is a signed POST: a redirect (`301` from `http://` to
/// `https://`, a moved host) is answered as it came, a
/// [`CallError::Status`](crate::CallError::Status) that names the status and
/// the `Location`, never re-sent elsewhere (ureq would follow it with a `GET`
/// that has no parameters, and the gateway's failure for that empty request
/// would read as the call's own).
///
/// `ureq::Agent` itself implements [`BlockingTransport`] too; an agent that
/// turns statuses into errors (ureq's default) gives an answer with the
/// status and an empty body. Build such an agent with `.max_redirects(0)`
/// (ureq follows up to 10 redirects by default): an answer that comes from
/// another URL than the request's — a redirect the agent followed — is
/// refused with a [`TransportError`] that names both URLs.
#[derive(Clone, Debug)]
pub struct Transport {
    agent: ::ureq::Agent,
}

impl Transport {
    /// An agent that gives up after `timeout` (connecting, sending and
    /// reading the answer together) and follows no redirect.
    pub fn new(timeout: Duration) -> Self {
        let config = ::ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            // 0: a 3xx is the answer, as it came (never an error).
            .max_redirects(0)
            .build();
        Transport {
            agent: config.into(),
        }
    }

    /// Uses an already configured agent, which must not follow redirects
    /// (`.max_redirects(0)`): an answer from another URL than the request's
    /// is refused.
    pub fn from_agent(agent: ::ureq::Agent) -> Self {
        Transport { agent }
    }
}

impl Default for Transport {
    /// With [`DEFAULT_TIMEOUT`](super::DEFAULT_TIMEOUT).
    fn default() -> Self {
        Transport::new(super::DEFAULT_TIMEOUT)
    }
}

impl BlockingTransport for Transport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.agent.send(request)
    }
}

fn error(e: ::ureq::Error) -> TransportError {
    let kind = match &e {
        ::ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ::ureq::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            TransportErrorKind::Timeout
        }
        ::ureq::Error::HostNotFound | ::ureq::Error::ConnectionFailed => {
            TransportErrorKind::Connect
        }
        // A refused or unreachable address comes as the socket's error.
        ::ureq::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused
                    | std::io::ErrorKind::HostUnreachable
                    | std::io::ErrorKind::NetworkUnreachable
                    | std::io::ErrorKind::AddrNotAvailable
            ) =>
        {
            TransportErrorKind::Connect
        }
        _ => TransportErrorKind::Other,
    };
    TransportError::new(kind, e)
}

impl BlockingTransport for ::ureq::Agent {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let sent_to = request.uri().clone();
        let response = match self.run(request) {
            Ok(response) => response,
            Err(::ureq::Error::StatusCode(status)) => {
                let mut answer = http::Response::new(Vec::new());
                *answer.status_mut() =
                    http::StatusCode::from_u16(status).map_err(TransportError::other)?;
                return Ok(answer);
            }
            Err(e) => return Err(error(e)),
        };
        let answered_by = ::ureq::ResponseExt::get_uri(&response);
        if answered_by != &sent_to {
            return Err(super::redirect_followed(
                &sent_to.to_string(),
                &answered_by.to_string(),
                "build the ureq::Agent with .max_redirects(0)",
            ));
        }
        let (parts, mut body) = response.into_parts();
        if body
            .content_length()
            .is_some_and(|len| len > super::MAX_ANSWER_LEN as u64)
        {
            return Err(super::too_large(true));
        }
        let bytes = body
            .with_config()
            .limit(super::MAX_ANSWER_LEN as u64)
            .read_to_vec()
            .map_err(|e| match e {
                ::ureq::Error::BodyExceedsLimit(_) => super::too_large(false),
                e => error(e),
            })?;
        Ok(http::Response::from_parts(parts, bytes))
    }
}

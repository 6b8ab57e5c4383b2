//! The blocking transport on [ureq](https://docs.rs/ureq) 3 (feature `ureq`),
//! with rustls on the `ring` provider.

use std::time::Duration;

use super::{BlockingTransport, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// A `ureq::Agent` with a timeout for the whole exchange, reading any HTTP
/// status as an answer (the runtime decides what a 502 means).
///
/// `ureq::Agent` itself implements [`BlockingTransport`] too; an agent that
/// turns statuses into errors (ureq's default) gives an answer with the
/// status and an empty body.
#[derive(Clone, Debug)]
pub struct Transport {
    agent: ::ureq::Agent,
}

impl Transport {
    /// An agent that gives up after `timeout` (connecting, sending and
    /// reading the answer together).
    pub fn new(timeout: Duration) -> Self {
        let config = ::ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build();
        Transport {
            agent: config.into(),
        }
    }

    /// Uses an already configured agent.
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
        let (parts, mut body) = response.into_parts();
        let bytes = body
            .with_config()
            .limit(super::MAX_ANSWER_LEN as u64)
            .read_to_vec()
            .map_err(error)?;
        Ok(http::Response::from_parts(parts, bytes))
    }
}

//! Runtime of [alipay-mapi](https://docs.rs/alipay-mapi): everything a call to
//! Alipay's legacy partner gateway (`mapi.alipay.com/gateway.do`) needs at run
//! time.
//!
//! - [`signing_string`]: the gateway's signing rule, in one function;
//! - [`Charset`]: `utf-8`, `gbk`, `gb2312`, and the bytes each one means;
//! - [`Signer`] / [`Verifier`] with [`SignType`] `MD5`, `RSA`, `RSA2`, `DSA`;
//! - [`keys`]: MD5 secrets and RSA/DSA keys in every format the gateway's
//!   console and OpenSSL produce;
//! - [`call`]: server calls and their XML answers (`<sign>` checked under a
//!   [`SignPolicy`]), over a [`transport`] (closures; `reqwest`, `ureq`);
//! - [`notify`]: notifications from raw bytes, the `success` answer,
//!   `notify_verify`;
//! - [`gateway_side`]: returns, notifications and XML answers signed as the
//!   gateway signs them, for tests and simulators.
//!
//! Cargo features: `md5` (default), `rsa` (`RSA` and `RSA2`), `dsa`,
//! `reqwest` / `reqwest-native-tls` / `ureq` (transports; none by default),
//! `rust_decimal`, `chrono`, `time` (conversions of [`types::Number`] and
//! [`types::Date`]), `axum` (the `axum` module: extractors for
//! notifications and returns), and
//! `openssl`: RSA signing and verification and DSA verification on the
//! system's OpenSSL (the `openssl` crate) instead of pure Rust, behind the
//! same API and with the same signatures — several times faster for RSA;
//! needs OpenSSL's headers and `pkg-config` to build (see
//! [`keys::backend`]).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod answer;
#[cfg(feature = "axum")]
pub mod axum;
pub mod call;
pub mod charset;
pub mod explain;
pub mod gateway_side;
pub mod keys;
pub mod notify;
pub mod request;
pub mod service;
pub mod sign;
pub mod signing;
pub mod transport;
pub mod types;
pub mod validate;
pub mod variants;
pub mod verify;
mod wire;

pub use answer::{
    FromXmlElement, PageRequest, ServerRequest, ServiceAnswer, XmlAnswer, XmlElement,
    XmlElementRef, XmlTree,
};
pub use call::{Answered, CallError, SignPolicy};
pub use charset::{Charset, CharsetError};
pub use notify::NotifyVerification;
pub use request::{Client, ConfigError, Method, RequestError, SignedRequest, DEFAULT_GATEWAY};
pub use service::{
    Access, AppRequest, ErrorCodeSpec, FieldError, FieldSpec, FieldType, GatewayErrorCode,
    ServiceError, ServiceRequest, ServiceReturn, ServiceSpec, Verified,
};
pub use sign::{SignError, SignType, SignatureError, Signer, UnknownSignType, Verifier};
pub use signing::{signing_string, SigningString, SigningStringBuilder};
pub use verify::{verify_params, ReceivedParams, ReturnError, VerifiedReturn, MAX_INPUT_LEN};
pub use wire::DecodeError;

/// What generated code reaches its dependencies through. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::answer::{
        element_optional, element_repeated, element_required, find_children, leaf_optional,
        leaf_repeated, leaf_required, Found,
    };
    pub use crate::service::{optional, required};
    pub use crate::validate::Validator;
    pub use serde;
}

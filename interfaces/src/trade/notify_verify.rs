//! `notify_verify` — 通知验证接口 (Notification check).
//!
//! Asks the gateway whether a notify_id it sent is genuine. The merchant's server calls it (GET) and reads a plain-text answer: `true`, `false` or `invalid`. Access: a server call that is not signed (only `service`, `partner` and `notify_id` are sent), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: a plain-text body `true` / `false` / `invalid`, not XML.
//! Declared from `interfaces/docs/notify_verify.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The declaration documents the parameters; the call itself is
//! [`Client::notify_verify`](alipay_mapi::Client::notify_verify) (or its
//! blocking twin), which sends the unsigned GET and reads the answer.
//! Signing this request, or sending it with `Client::call`, is refused with
//! a pointer there.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, RequestError, Signer};
//! use alipay_mapi_interfaces::trade::notify_verify::Request;
//!
//! let notify_id = "RqPnCoPT3K9/vwbh3InQ8DCNBGPLQkeH4N4zOWU9z6U9vGY5P3CWpGqYr7gBLAGr8ThD";
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! // What `client.notify_verify(&transport, notify_id)` sends: no sign.
//! let http = client.notify_verify_request(notify_id)?;
//! assert_eq!(
//!     http.uri().query(),
//!     Some("service=notify_verify&partner=2088101122136241&notify_id=RqPnCoPT3K9%2Fvwbh3InQ8DCNBGPLQkeH4N4zOWU9z6U9vGY5P3CWpGqYr7gBLAGr8ThD")
//! );
//! let request = Request { notify_id: notify_id.into() };
//! assert!(matches!(client.sign_request(&request), Err(RequestError::Variant { .. })));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("notify_verify", doc = "docs/notify_verify.md")]
mod tables {}

pub use tables::*;

//! `notify_verify` — 通知验证接口 (Notification check).
//!
//! Asks the gateway whether a notify_id it sent is genuine. The merchant's server calls it (GET) and reads a plain-text answer: `true`, `false` or `invalid`. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: a plain-text body `true` / `false` / `invalid`, not XML.
//! Declared from `interfaces/docs/notify_verify.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::trade::notify_verify::Request;
//!
//! let request = Request {
//!     notify_id: "RqPnCoPT3K9/vwbh3InQ8DCNBGPLQkeH4N4zOWU9z6U9vGY5P3CWpGqYr7gBLAGr8ThD".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=notify_verify"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("notify_verify", doc = "docs/notify_verify.md")]
mod tables {}

pub use tables::*;

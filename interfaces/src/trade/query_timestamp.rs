//! `query_timestamp` — 防钓鱼时间戳接口 (Anti-phishing timestamp).
//!
//! Fetches an encrypted timestamp from the gateway, to be sent as `anti_phishing_key` by page calls when the merchant has anti-phishing enabled. The merchant's server calls it (GET). Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an XML answer with the encrypted timestamp (`encrypt_key`).
//! Declared from `interfaces/docs/query_timestamp.html`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::trade::query_timestamp::Request;
//!
//! let request = Request {}; // no business parameter is known (see the document)
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=query_timestamp"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("query_timestamp", doc = "docs/query_timestamp.html")]
mod tables {}

pub use tables::*;

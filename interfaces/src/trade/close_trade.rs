//! `close_trade` — 关闭交易接口 (Close a trade).
//!
//! Closes a trade that has not been paid. The merchant's server calls it; the XML answer is a bare `is_success` (T, or F with an error code). Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an XML answer with `is_success` only.
//! Declared from `interfaces/docs/close_trade.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::trade::close_trade::Request;
//!
//! let request = Request {
//!     trade_no: Some("2013082244524842".into()),
//!     out_order_no: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=close_trade"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("close_trade", doc = "docs/close_trade.txt")]
mod tables {}

pub use tables::*;

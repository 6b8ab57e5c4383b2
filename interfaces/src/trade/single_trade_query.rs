//! `single_trade_query` — 单笔交易查询接口 (Single trade query).
//!
//! Looks up one trade by the gateway's trade number or the merchant's order number. The merchant's server calls it and reads the trade's record from the XML answer. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an XML answer with the trade's record under `<response><trade>`.
//! Declared from `interfaces/docs/single_trade_query.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::trade::single_trade_query::Request;
//!
//! let request = Request {
//!     trade_no: Some("2013082244524842".into()),
//!     out_trade_no: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=single_trade_query"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("single_trade_query", doc = "docs/single_trade_query.txt")]
mod tables {}

pub use tables::*;

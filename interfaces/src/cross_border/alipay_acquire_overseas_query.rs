//! `alipay.acquire.overseas.query` — 境外交易查询 (Cross-border trade query).
//!
//! Looks up a cross-border in-store payment by the merchant's or the gateway's transaction id. The merchant's server calls the international gateway and reads the result from the XML answer. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://intlmapi.alipay.com/gateway.do`.
//! What comes back: an XML answer with `result_code` (SUCCESS / FAIL) and the payment's details.
//! Declared from `interfaces/docs/alipay.acquire.overseas.query.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::cross_border::alipay_acquire_overseas_query::Request;
//!
//! let request = Request {
//!     partner_trans_id: Some("2013082215000003".into()),
//!     alipay_trans_id: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! use alipay_mapi::variants::cross_border::{gateway, Host};
//! let client = client.with_gateway(gateway(Host::Intl))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.acquire.overseas.query"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.acquire.overseas.query",
    doc = "docs/alipay.acquire.overseas.query.txt",
    one_of = "partner_trans_id | alipay_trans_id"
)]
mod tables {}

pub use tables::*;

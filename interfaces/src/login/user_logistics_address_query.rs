//! `user.logistics.address.query` — 物流地址查询接口 (Buyer's shipping addresses).
//!
//! Sends a logged-in buyer to pick one of the shipping addresses kept at the gateway; the chosen address comes back on return_url. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: a page-redirect return carrying the address (`receive_address`, XML text).
//! Declared from `interfaces/docs/user.logistics.address.query.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::login::user_logistics_address_query::Request;
//!
//! let request = Request {
//!     return_url: "http://www.example.com/alipay/address_return".into(),
//!     token: Some("20130822c2e0a0d5b6a14b6e9f4d6f2a6d1c3".into()),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=user.logistics.address.query"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "user.logistics.address.query",
    doc = "docs/user.logistics.address.query.md"
)]
mod tables {}

pub use tables::*;

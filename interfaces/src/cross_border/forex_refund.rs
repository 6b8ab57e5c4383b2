//! `forex_refund` — 境外退款 (Cross-border refund).
//!
//! Refunds all or part of a cross-border payment. The merchant's server calls the international gateway and reads an XML answer; with a notify_url and is_sync other than Y the final outcome also comes by asynchronous notification. One partner must leave at least 3 seconds between refunds. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://intlmapi.alipay.com/gateway.do`.
//! What comes back: an XML answer (`is_success`, `error`) and, when asynchronous, a notification.
//! Declared from `interfaces/docs/forex_refund.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::cross_border::forex_refund::Request;
//!
//! let request = Request {
//!     notify_url: Some("https://merchant.example/alipay/refund_notify".into()),
//!     out_return_no: "2013082215000001R1".into(),
//!     out_trade_no: "2013082215000001".into(),
//!     return_amount: Some("0.10".parse()?),
//!     return_rmb_amount: None,
//!     currency: "USD".into(),
//!     gmt_return: "20130822150000".into(),
//!     reason: "Out of stock".into(),
//!     is_sync: "N".into(),
//!     product_code: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! use alipay_mapi::variants::cross_border::{gateway, Host};
//! let client = client.with_gateway(gateway(Host::Intl))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=forex_refund"));
//! # Ok(())
//! # }
//! ```

// The English documents say "one of" in words the tables do not carry.
#[alipay_mapi::alipay_service(
    "forex_refund",
    doc = "docs/forex_refund.md",
    one_of = "return_amount | return_rmb_amount"
)]
mod tables {}

pub use tables::*;

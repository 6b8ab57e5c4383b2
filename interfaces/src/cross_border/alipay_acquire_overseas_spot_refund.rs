//! `alipay.acquire.overseas.spot.refund` — 境外当面付退款 (Cross-border in-store refund).
//!
//! Refunds an in-store (barcode or QR code) cross-border payment. The merchant's server calls the international gateway and reads an XML answer; with is_sync=N and a notify_url the outcome also comes by notification. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://intlmapi.alipay.com/gateway.do`.
//! What comes back: an XML answer, and a notification when asynchronous.
//! Declared from `interfaces/docs/alipay.acquire.overseas.spot.refund.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::cross_border::alipay_acquire_overseas_spot_refund::Request;
//!
//! let request = Request {
//!     notify_url: "https://merchant.example/alipay/spot_refund_notify".into(),
//!     partner_trans_id: "2013082215000003".into(),
//!     alipay_trans_id: None,
//!     partner_refund_id: "2013082215000003R1".into(),
//!     refund_amount: "0.10".parse()?,
//!     currency: "HKD".into(),
//!     refund_reason: None,
//!     is_sync: Some("N".into()),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! use alipay_mapi::variants::cross_border::{gateway, Host};
//! let client = client.with_gateway(gateway(Host::Intl))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.acquire.overseas.spot.refund"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.acquire.overseas.spot.refund",
    doc = "docs/alipay.acquire.overseas.spot.refund.md"
)]
mod tables {}

pub use tables::*;

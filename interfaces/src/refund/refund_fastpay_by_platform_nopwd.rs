//! `refund_fastpay_by_platform_nopwd` — 即时到账批量退款无密接口 (Batch refund of instant payments (no password)).
//!
//! Refunds instant-payment trades in one batch without the seller's password. The merchant's server calls it and reads an XML answer; the outcome of each refund comes by asynchronous notification. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an XML answer (`is_success`) and an asynchronous notification with the batch's outcome.
//! Declared from `interfaces/docs/refund_fastpay_by_platform_nopwd.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::refund::refund_fastpay_by_platform_nopwd::Request;
//!
//! let request = Request {
//!     notify_url: Some("http://www.example.com/alipay/refund_notify".into()),
//!     dback_notify_url: None,
//!     seller_user_id: Some("2088101122136241".into()),
//!     seller_email: None,
//!     refund_date: "2013-08-22 15:00:00".into(),
//!     batch_no: "20130822002".into(),
//!     batch_num: "1".into(),
//!     detail_data: "2013082244524842^0.01^协商退款".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=refund_fastpay_by_platform_nopwd"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "refund_fastpay_by_platform_nopwd",
    doc = "docs/refund_fastpay_by_platform_nopwd.md"
)]
mod tables {}

pub use tables::*;

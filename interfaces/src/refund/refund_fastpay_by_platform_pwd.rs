//! `refund_fastpay_by_platform_pwd` — 即时到账批量退款有密接口 (Batch refund of instant payments (with password)).
//!
//! Refunds up to 1000 instant-payment trades in one batch; the seller confirms with the account's password on the gateway's page. The outcome comes only by asynchronous notification. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an asynchronous notification with the batch's outcome (no page-redirect return).
//! Declared from `interfaces/docs/refund_fastpay_by_platform_pwd.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::refund::refund_fastpay_by_platform_pwd::Request;
//!
//! let request = Request {
//!     notify_url: Some("http://www.example.com/alipay/refund_notify".into()),
//!     seller_email: None,
//!     seller_user_id: Some("2088101122136241".into()),
//!     refund_date: "2013-08-22 15:00:00".into(),
//!     batch_no: "20130822001".into(),
//!     batch_num: "1".into(),
//!     detail_data: "2013082244524842^0.01^协商退款".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=refund_fastpay_by_platform_pwd"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "refund_fastpay_by_platform_pwd",
    doc = "docs/refund_fastpay_by_platform_pwd.txt"
)]
mod tables {}

pub use tables::*;

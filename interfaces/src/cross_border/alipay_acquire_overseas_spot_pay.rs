//! `alipay.acquire.overseas.spot.pay` — 境外条码支付 (Cross-border barcode payment).
//!
//! The merchant scans the barcode shown in the buyer's wallet and charges it. The merchant's server calls the international gateway and reads an XML answer; the outcome also comes by notification. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://intlmapi.alipay.com/gateway.do`.
//! What comes back: an XML answer, and a notification.
//! Declared from `interfaces/docs/alipay.acquire.overseas.spot.pay.html`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::cross_border::alipay_acquire_overseas_spot_pay::Request;
//!
//! let request = Request {
//!     notify_url: "https://merchant.example/alipay/spot_notify".into(),
//!     alipay_seller_id: "2088101122136241".into(),
//!     quantity: Some("1".parse()?),
//!     trans_name: "Coffee".into(),
//!     partner_trans_id: "2013082215000004".into(),
//!     trans_currency: None,
//!     currency: "HKD".into(),
//!     trans_amount: "0.10".parse()?,
//!     buyer_identity_code: "286648048691290423".into(),
//!     identity_code_type: "barcode".into(),
//!     trans_create_time: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! use alipay_mapi::variants::cross_border::{gateway, Host};
//! let client = client.with_gateway(gateway(Host::Intl))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.acquire.overseas.spot.pay"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.acquire.overseas.spot.pay",
    doc = "docs/alipay.acquire.overseas.spot.pay.html"
)]
mod tables {}

pub use tables::*;

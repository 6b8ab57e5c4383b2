//! `alipay.commerce.qrcode.modify` — 境外商户码修改 (Cross-border merchant QR code: modify).
//!
//! Changes the data behind a merchant QR code made by alipay.commerce.qrcode.create (not the secondary merchant's id). The merchant's server calls the international gateway and reads an XML answer. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://intlmapi.alipay.com/gateway.do`.
//! What comes back: an XML answer.
//! Declared from `interfaces/docs/alipay.commerce.qrcode.modify.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::cross_border::alipay_commerce_qrcode_modify::Request;
//!
//! let request = Request {
//!     timestamp: "2013-08-22 15:00:00".parse()?,
//!     notify_url: None,
//!     biz_type: "OVERSEASHOPQRCODE".into(),
//!     qrcode: "https://qr.alipay.com/baxm4jdqlhaabc".into(),
//!     biz_data: "{\"secondary_merchant_industry\":\"5812\",\"secondary_merchant_id\":\"S001\",\"secondary_merchant_name\":\"Shop\",\"trans_currency\":\"HKD\",\"currency\":\"HKD\"}".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! use alipay_mapi::variants::cross_border::{gateway, Host};
//! let client = client.with_gateway(gateway(Host::Intl))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.commerce.qrcode.modify"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.commerce.qrcode.modify",
    doc = "docs/alipay.commerce.qrcode.modify.md"
)]
mod tables {}

pub use tables::*;

//! `alipay.commerce.qrcode.create` — 境外商户码创建 (Cross-border merchant QR code: create).
//!
//! Creates a fixed merchant QR code for a secondary merchant's shop; buyers scan it to pay. The merchant's server calls the international gateway and reads an XML answer; payments made with the code are notified to notify_url. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://intlmapi.alipay.com/gateway.do`.
//! What comes back: an XML answer with the code.
//! Declared from `interfaces/docs/alipay.commerce.qrcode.create.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::cross_border::alipay_commerce_qrcode_create::Request;
//!
//! let request = Request {
//!     timestamp: "2013-08-22 15:00:00".parse()?,
//!     notify_url: Some("https://merchant.example/alipay/qrcode_notify".into()),
//!     biz_type: "OVERSEASHOPQRCODE".into(),
//!     biz_data: "{\"secondary_merchant_industry\":\"5812\",\"secondary_merchant_id\":\"S001\",\"secondary_merchant_name\":\"Shop\",\"trans_currency\":\"HKD\",\"currency\":\"HKD\"}".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! use alipay_mapi::variants::cross_border::{gateway, Host};
//! let client = client.with_gateway(gateway(Host::Intl))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.commerce.qrcode.create"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.commerce.qrcode.create",
    doc = "docs/alipay.commerce.qrcode.create.txt"
)]
mod tables {}

pub use tables::*;

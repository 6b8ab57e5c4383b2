//! `send_goods_confirm_by_platform` — 确认发货接口 (Confirm shipment).
//!
//! Tells the gateway that the seller has shipped the goods of an escrow trade. The merchant's server calls it (GET) and reads an XML answer. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an XML answer (`is_success`, and the trade's `tradeBase` record on success).
//! Declared from `interfaces/docs/send_goods_confirm_by_platform.html`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::trade::send_goods_confirm_by_platform::Request;
//!
//! let request = Request {
//!     trade_no: "2013082244524842".into(),
//!     logistics_name: "顺丰速运".into(),
//!     invoice_no: Some("SF1234567890".into()),
//!     transport_type: Some("EXPRESS".into()),
//!     create_transport_type: None,
//!     seller_ip: Some("127.0.0.1".into()),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=send_goods_confirm_by_platform"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "send_goods_confirm_by_platform",
    doc = "docs/send_goods_confirm_by_platform.html"
)]
mod tables {}

pub use tables::*;

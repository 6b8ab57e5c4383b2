//! `trade_create_by_buyer` — 标准双接口 (Dual-function trade (escrow or instant)).
//!
//! Lets the buyer choose between escrow and instant payment on the cashier page. Same parameter set as the escrow interface; the result comes back on return_url and notify_url. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: a page-redirect return and asynchronous notifications.
//! Declared from `interfaces/docs/trade_create_by_buyer.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::trade::trade_create_by_buyer::Request;
//!
//! let request = Request {
//!     notify_url: Some("http://www.example.com/alipay/notify".into()),
//!     return_url: Some("http://www.example.com/alipay/return".into()),
//!     out_trade_no: "6741334835157967".into(),
//!     subject: "测试商品".into(),
//!     payment_type: "1".into(),
//!     price: "0.01".parse()?,
//!     quantity: "1".parse()?,
//!     logistics_fee: "0.00".into(),
//!     logistics_type: "EXPRESS".into(),
//!     logistics_payment: "SELLER_PAY".into(),
//!     seller_email: "seller@example.com".into(),
//!     body: None,
//!     show_url: None,
//!     receive_name: None,
//!     receive_address: None,
//!     receive_zip: None,
//!     receive_phone: None,
//!     receive_mobile: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=trade_create_by_buyer"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("trade_create_by_buyer", doc = "docs/trade_create_by_buyer.md")]
mod tables {}

pub use tables::*;

//! `create_partner_trade_by_buyer` — 纯担保交易接口 (Escrow trade (buyer pays into escrow)).
//!
//! The buyer pays into escrow: the money reaches the seller only once the buyer confirms receipt. The merchant sends the buyer's browser to the gateway; the result comes back on return_url and, asynchronously, on notify_url. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: a page-redirect return and asynchronous notifications.
//! Declared from `interfaces/docs/create_partner_trade_by_buyer.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::trade::create_partner_trade_by_buyer::Request;
//!
//! let request = Request {
//!     notify_url: Some("http://www.example.com/alipay/notify".into()),
//!     return_url: Some("http://www.example.com/alipay/return".into()),
//!     out_trade_no: "6741334835157966".into(),
//!     subject: "iPhone 手机壳".into(),
//!     payment_type: "1".into(),
//!     logistics_type: "EXPRESS".into(),
//!     logistics_fee: "10.00".into(),
//!     logistics_payment: "SELLER_PAY".into(),
//!     price: "10.00".parse()?,
//!     quantity: "1".parse()?,
//!     seller_email: "seller@example.com".into(),
//!     buyer_email: None,
//!     seller_id: None,
//!     buyer_id: None,
//!     seller_account_name: None,
//!     buyer_account_name: None,
//!     body: Some("黑色，硅胶".into()),
//!     show_url: Some("http://www.example.com/item/1".into()),
//!     total_fee: None,
//!     discount: None,
//!     receive_name: Some("张三".into()),
//!     receive_address: Some("杭州市西湖区某路 1 号".into()),
//!     receive_zip: Some("310000".into()),
//!     receive_phone: None,
//!     receive_mobile: Some("13800000000".into()),
//!     logistics_type_1: None,
//!     logistics_fee_1: None,
//!     logistics_payment_1: None,
//!     logistics_type_2: None,
//!     logistics_fee_2: None,
//!     logistics_payment_2: None,
//!     t_s_send_1: None,
//!     t_s_send_2: None,
//!     t_b_rec_post: None,
//!     it_b_pay: Some("7d".into()),
//!     token: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=create_partner_trade_by_buyer"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "create_partner_trade_by_buyer",
    doc = "docs/create_partner_trade_by_buyer.txt"
)]
mod tables {}

pub use tables::*;

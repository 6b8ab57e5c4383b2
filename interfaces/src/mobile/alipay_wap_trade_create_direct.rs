//! `alipay.wap.trade.create.direct` — WAP 创建交易（取 request_token） (WAP 2.0: create the trade, get a token).
//!
//! First step of a WAP 2.0 payment: the merchant's server sends the order as `req_data` XML to the WAP gateway and receives a `request_token`, which the buyer's browser then takes to alipay.wap.auth.authAndExecute. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://wappaygw.alipay.com/service/rest.htm`.
//! What comes back: a urlencoded body whose `res_data` XML holds the `request_token` (or `res_error`).
//! Declared from `interfaces/docs/alipay.wap.trade.create.direct.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::mobile::alipay_wap_trade_create_direct::Request;
//!
//! let request = Request {
//!     sec_id: "MD5".into(),
//!     format: "xml".into(),
//!     v: "2.0".into(),
//!     req_id: "20130822150000001".into(),
//!     req_data: "<direct_trade_create_req><subject>测试</subject><out_trade_no>20130822001</out_trade_no><total_fee>0.01</total_fee><seller_account_name>seller@example.com</seller_account_name><call_back_url>http://www.example.com/wap/callback</call_back_url></direct_trade_create_req>".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! // WAP 2.0: signed with sec_id and no sign_type, sent to the WAP gateway.
//! let signed = alipay_mapi::variants::wap::sign_request(&client, &request)?;
//! assert!(signed.url().starts_with(alipay_mapi::variants::wap::GATEWAY));
//! assert!(signed.signing_string().as_str().contains("service=alipay.wap.trade.create.direct"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.wap.trade.create.direct",
    doc = "docs/alipay.wap.trade.create.direct.txt"
)]
mod tables {}

pub use tables::*;

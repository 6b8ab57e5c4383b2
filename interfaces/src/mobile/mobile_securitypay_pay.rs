//! `mobile.securitypay.pay` — 移动支付（APP）接口 (In-app payment order string).
//!
//! Payment inside a mobile app: the merchant's server signs an order string (values in double quotes) and hands it to the app, whose SDK talks to the gateway. Nothing is sent to the gateway by the server; the result arrives by asynchronous notification. Access: neither a page nor a server call: the signed order string goes to the app's SDK, gateway
//! `https://mapi.alipay.com/gateway.do`. What comes back: no gateway answer to the server; the app SDK gets the result, and notify_url gets a notification.
//! Declared from `interfaces/docs/mobile.securitypay.pay.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed (MD5 here):
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::mobile::mobile_securitypay_pay::Request;
//!
//! let request = Request {
//!     notify_url: "http://www.example.com/alipay/app_notify".into(),
//!     return_url: None,
//!     appenv: None,
//!     app_id: None,
//!     out_trade_no: "20130822150000002".into(),
//!     subject: "测试商品".into(),
//!     total_fee: "0.01".parse()?,
//!     body: "测试商品详情".into(),
//!     payment_type: "1".into(),
//!     seller_id: Some("2088101122136241".into()),
//!     it_b_pay: Some("30m".into()),
//!     extern_token: None,
//!     goods_type: None,
//!     hb_fq_param: None,
//!     rn_check: None,
//!     promo_params: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=mobile.securitypay.pay"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("mobile.securitypay.pay", doc = "docs/mobile.securitypay.pay.md")]
mod tables {}

pub use tables::*;

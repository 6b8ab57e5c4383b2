//! `mobile.securitypay.pay` — 移动支付（APP）接口 (In-app payment order string).
//!
//! Payment inside a mobile app: the merchant's server signs an order string (values in double quotes) and hands it to the app, whose SDK talks to the gateway. Nothing is sent to the gateway by the server; the result arrives by asynchronous notification. Access: an app payment ([`Access::App`](alipay_mapi::Access::App), from the document's `访问形式：客户端调用` line), neither a page nor a server call: the signed order string goes to the app's SDK.
//! `Request` implements [`AppRequest`](alipay_mapi::AppRequest) only: it makes an order string
//! ([`order_string_for`](alipay_mapi::variants::mobile::order_string_for)), never a page URL or
//! form (`Client::page_url` does not compile with it) nor a server call (`Client::call` neither).
//! What comes back: no gateway answer to the server; the app SDK gets the result, and notify_url gets a notification. The SDK's result is shown in the app and never trusted alone: the payment is recorded from the verified notification or a query.
//! Declared from `interfaces/docs/mobile.securitypay.pay.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::RsaPrivateKey, Client, Signer};
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
//! // The order string for the app's SDK, signed with RSA (see alipay_mapi::variants::mobile).
//! let pem = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/tests/fixtures/rsa1024.pkcs8.pem"))?;
//! let client = Client::new("2088101122136241", Signer::rsa(RsaPrivateKey::load(&pem)?))?;
//! let order = alipay_mapi::variants::mobile::order_string_for(&client, &request)?;
//! assert!(order.contains(r#"service="mobile.securitypay.pay""#));
//! assert!(order.ends_with(r#"&sign_type="RSA""#));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("mobile.securitypay.pay", doc = "docs/mobile.securitypay.pay.md")]
mod tables {}

pub use tables::*;

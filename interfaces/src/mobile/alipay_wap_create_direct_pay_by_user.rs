//! `alipay.wap.create.direct.pay.by.user` — 手机网站支付接口 (Mobile web payment).
//!
//! The buyer pays from a mobile browser (or the wallet app, with app_pay=Y). A page call to the ordinary gateway; the result comes back on return_url and notify_url. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: a page-redirect return and asynchronous notifications (their fields are not in the sources found).
//! Declared from `interfaces/docs/alipay.wap.create.direct.pay.by.user.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::mobile::alipay_wap_create_direct_pay_by_user::Request;
//!
//! let request = Request {
//!     notify_url: Some("http://www.example.com/alipay/notify".into()),
//!     return_url: Some("http://www.example.com/alipay/return".into()),
//!     out_trade_no: "20130822150000001".into(),
//!     subject: "测试商品".into(),
//!     total_fee: "0.01".parse()?,
//!     seller_id: "2088101122136241".into(),
//!     payment_type: "1".into(),
//!     show_url: Some("http://www.example.com/item/1".into()),
//!     body: None,
//!     it_b_pay: Some("30m".into()),
//!     extern_token: None,
//!     app_pay: None,
//!     otherfee: None,
//!     airticket: None,
//!     rn_check: None,
//!     buyer_cert_no: None,
//!     buyer_real_name: None,
//!     scene: None,
//!     hb_fq_param: None,
//!     goods_type: None,
//!     promo_params: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.wap.create.direct.pay.by.user"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.wap.create.direct.pay.by.user",
    doc = "docs/alipay.wap.create.direct.pay.by.user.txt"
)]
mod tables {}

pub use tables::*;

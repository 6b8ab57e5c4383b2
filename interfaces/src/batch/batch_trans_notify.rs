//! `batch_trans_notify` — 批量付款到支付宝账户有密接口 (Batch payment to Alipay accounts (with password)).
//!
//! Pays up to 1000 Alipay accounts in one batch; the payer confirms with the account's password on the gateway's page. The outcome comes by asynchronous notification. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an asynchronous notification (its business fields are not in the sources found).
//! Declared from `interfaces/docs/batch_trans_notify.html`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::batch::batch_trans_notify::Request;
//!
//! let request = Request {
//!     notify_url: "http://www.example.com/alipay/batch_notify".into(),
//!     email: "payer@example.com".into(),
//!     account_name: "某某有限公司".into(),
//!     pay_date: "20130822".into(),
//!     batch_no: "20130822001".into(),
//!     batch_fee: "0.02".into(),
//!     batch_num: "2".into(),
//!     detail_data: "1^a@example.com^张三^0.01^测试|2^b@example.com^李四^0.01^测试".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=batch_trans_notify"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("batch_trans_notify", doc = "docs/batch_trans_notify.html")]
mod tables {}

pub use tables::*;

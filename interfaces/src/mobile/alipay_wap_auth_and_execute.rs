//! `alipay.wap.auth.authAndExecute` — WAP 授权并执行 (WAP 2.0: authorise and pay).
//!
//! Second step of a WAP 2.0 payment: the buyer's browser takes the `request_token` to the WAP gateway and pays. The browser comes back on the trade's call_back_url; the gateway posts a notification whose `notify_data` XML carries the result. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://wappaygw.alipay.com/service/rest.htm`.
//! What comes back: a return on call_back_url and a notification (`notify_data` XML, signed in a fixed order).
//! Declared from `interfaces/docs/alipay.wap.auth.authAndExecute.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::mobile::alipay_wap_auth_and_execute::Request;
//!
//! let request = Request {
//!     sec_id: "MD5".into(),
//!     format: "xml".into(),
//!     v: "2.0".into(),
//!     req_data: "<auth_and_execute_req><request_token>20130822abc</request_token></auth_and_execute_req>".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! // WAP 2.0: signed with sec_id and no sign_type, sent to the WAP gateway.
//! let signed = alipay_mapi::variants::wap::sign_request(&client, &request)?;
//! assert!(signed.url().starts_with(alipay_mapi::variants::wap::GATEWAY));
//! assert!(signed.signing_string().as_str().contains("service=alipay.wap.auth.authAndExecute"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.wap.auth.authAndExecute",
    doc = "docs/alipay.wap.auth.authAndExecute.md"
)]
mod tables {}

pub use tables::*;

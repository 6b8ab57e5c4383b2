//! `alipay.auth.authorize` — 快捷登录接口 (Quick login).
//!
//! Sends the buyer to log in with the gateway's account; the browser comes back on return_url with a token that later page calls (create_direct_pay_by_user, the escrow interface) may carry. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: a page-redirect return carrying the login `token`.
//! Declared from `interfaces/docs/alipay.auth.authorize.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::login::alipay_auth_authorize::Request;
//!
//! let request = Request {
//!     target_service: "user.auth.quick.login".into(),
//!     return_url: "http://www.example.com/alipay/login_return".into(),
//!     anti_phishing_key: None,
//!     exter_invoke_ip: Some("127.0.0.1".into()),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.auth.authorize"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("alipay.auth.authorize", doc = "docs/alipay.auth.authorize.txt")]
mod tables {}

pub use tables::*;

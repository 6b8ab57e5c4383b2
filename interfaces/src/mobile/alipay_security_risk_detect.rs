//! `alipay.security.risk.detect` — 风险检测 (Risk detection).
//!
//! Asks the gateway for a risk assessment of a payment scene. The merchant's server POSTs a form to the WAP gateway, signed with `sec_id` like the other WAP 2.0 calls. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://wappaygw.alipay.com/service/rest.htm`.
//! What comes back: a gateway answer whose shape is not in the sources found.
//! Declared from `interfaces/docs/alipay.security.risk.detect.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::mobile::alipay_security_risk_detect::Request;
//!
//! let request = Request {
//!     sec_id: "MD5".into(),
//!     timestamp: "2013-08-22 15:00:00".parse()?,
//!     scene_code: "PAYMENT".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! // WAP 2.0: signed with sec_id and no sign_type, sent to the WAP gateway.
//! let signed = alipay_mapi::variants::wap::sign_request(&client, &request)?;
//! assert!(signed.url().starts_with(alipay_mapi::variants::wap::GATEWAY));
//! assert!(signed.signing_string().as_str().contains("service=alipay.security.risk.detect"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.security.risk.detect",
    doc = "docs/alipay.security.risk.detect.md"
)]
mod tables {}

pub use tables::*;

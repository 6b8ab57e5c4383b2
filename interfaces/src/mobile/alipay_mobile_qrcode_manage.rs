//! `alipay.mobile.qrcode.manage` — 二维码管理接口 (QR code management).
//!
//! Adds (and manages) the merchant's payment QR codes. The merchant's server calls it (GET, in the Python library) and reads an XML answer. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an XML answer (its elements are not in the sources found).
//! Declared from `interfaces/docs/alipay.mobile.qrcode.manage.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::mobile::alipay_mobile_qrcode_manage::Request;
//!
//! let request = Request {
//!     method: "add".into(),
//!     timestamp: "2013-08-22 15:00:00".parse()?,
//!     biz_type: "10".into(),
//!     biz_data: "{\"goods_info\":{\"id\":\"1\",\"name\":\"测试\",\"price\":\"0.01\"}}".into(),
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.mobile.qrcode.manage"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service(
    "alipay.mobile.qrcode.manage",
    doc = "docs/alipay.mobile.qrcode.manage.txt"
)]
mod tables {}

pub use tables::*;

//! `alipay.acquire.precreate` — 境外预下单（扫码） (Cross-border QR code pre-order).
//!
//! Creates an order and gets a QR code for the buyer to scan with the wallet. The merchant's server calls the international gateway and reads `qr_code` from the XML answer; the payment's outcome comes by notification. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://intlmapi.alipay.com/gateway.do`.
//! What comes back: an XML answer with `result_code` and `qr_code`, and a notification.
//! Declared from `interfaces/docs/alipay.acquire.precreate.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::cross_border::alipay_acquire_precreate::Request;
//!
//! let request = Request {
//!     notify_url: Some("https://merchant.example/alipay/precreate_notify".into()),
//!     timestamp: "1377154800000".into(),
//!     terminal_timestamp: None,
//!     out_trade_no: "2013082215000005".into(),
//!     subject: "Coffee".into(),
//!     product_code: "OVERSEAS_MBARCODE_PAY".into(),
//!     total_fee: "0.10".parse()?,
//!     currency: "HKD".into(),
//!     trans_currency: "HKD".into(),
//!     extend_params: "{\"secondary_merchant_id\":\"S001\",\"secondary_merchant_name\":\"Shop\",\"secondary_merchant_industry\":\"5812\",\"store_name\":\"Central\",\"store_id\":\"ST01\"}".into(),
//!     passback_parameters: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! use alipay_mapi::variants::cross_border::{gateway, Host};
//! let client = client.with_gateway(gateway(Host::Intl))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=alipay.acquire.precreate"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("alipay.acquire.precreate", doc = "docs/alipay.acquire.precreate.md")]
mod tables {}

pub use tables::*;

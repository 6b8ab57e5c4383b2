//! `create_forex_trade` — 境外收单（PC） (Cross-border payment on a PC website).
//!
//! A foreign merchant takes a payment from a Chinese buyer on a PC website, priced in a foreign currency (or in CNY). A page call to the international gateway; the result comes back on return_url and notify_url. Access: a page call (the buyer's browser is sent to the gateway with a signed URL or form), gateway
//! `https://intlmapi.alipay.com/gateway.do`.
//! What comes back: a page-redirect return and asynchronous notifications (their fields are not in the sources found).
//! Declared from `interfaces/docs/create_forex_trade.md`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::cross_border::create_forex_trade::Request;
//!
//! let request = Request {
//!     notify_url: Some("https://merchant.example/alipay/notify".into()),
//!     return_url: Some("https://merchant.example/alipay/return".into()),
//!     subject: "Phone case".into(),
//!     body: None,
//!     out_trade_no: "2013082215000001".into(),
//!     currency: "USD".into(),
//!     total_fee: Some("0.10".parse()?),
//!     rmb_fee: None,
//!     product_code: None,
//!     split_fund_info: None,
//!     trade_information: None,
//! };
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! use alipay_mapi::variants::cross_border::{gateway, Host};
//! let client = client.with_gateway(gateway(Host::Intl))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=create_forex_trade"));
//! # Ok(())
//! # }
//! ```

// The English documents say "one of" in words the tables do not carry.
#[alipay_mapi::alipay_service(
    "create_forex_trade",
    doc = "docs/create_forex_trade.md",
    one_of = "total_fee | rmb_fee"
)]
mod tables {}

pub use tables::*;

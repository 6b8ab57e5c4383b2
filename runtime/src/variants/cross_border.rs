//! Cross-border services: the same signing rule as the mainland gateway, on
//! another host.
//!
//! The cross-border documentation (and the Ruby and Python libraries) send
//! `create_forex_trade`, `forex_refund`, `alipay.acquire.overseas.*`,
//! `alipay.acquire.precreate` and `alipay.commerce.qrcode.*` to
//! `intlmapi.alipay.com` (older pages: `globalmapi.alipay.com`); the public
//! sandbox of the protocol is `mapi.alipaydev.com`. Point a
//! [`Client`](crate::Client) at one with
//! [`Client::with_gateway`](crate::Client::with_gateway):
//!
//! ```
//! use alipay_mapi_runtime::variants::cross_border::{gateway, Host};
//! # #[cfg(feature = "md5")] {
//! use alipay_mapi_runtime::{keys::Md5Key, Client, Signer};
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap()))
//!     .unwrap()
//!     .with_gateway(gateway(Host::Intl))
//!     .unwrap();
//! assert_eq!(client.gateway(), "https://intlmapi.alipay.com/gateway.do");
//! # }
//! ```

use crate::sign::SignType;

/// The international gateway (`intlmapi.alipay.com`), where the cross-border
/// documentation sends its services.
pub const INTL_GATEWAY: &str = "https://intlmapi.alipay.com/gateway.do";
/// The older name of the international gateway, still in some pages.
pub const GLOBAL_GATEWAY: &str = "https://globalmapi.alipay.com/gateway.do";
/// The cross-border sandbox (needs a sandbox merchant account; down from
/// Sunday noon to Monday noon, GMT+8).
pub const SANDBOX_GATEWAY: &str = "https://mapi.alipaydev.com/gateway.do";

/// The cross-border services this project declares (module
/// `alipay_mapi_interfaces::cross_border`).
pub const SERVICES: &[&str] = &[
    "create_forex_trade",
    "create_forex_trade_wap",
    "forex_refund",
    "alipay.acquire.overseas.query",
    "alipay.acquire.overseas.spot.refund",
    "alipay.acquire.overseas.spot.pay",
    "alipay.acquire.precreate",
    "alipay.commerce.qrcode.create",
    "alipay.commerce.qrcode.modify",
];

/// A host of the cross-border gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Host {
    /// `intlmapi.alipay.com`.
    Intl,
    /// `globalmapi.alipay.com`.
    Global,
    /// `mapi.alipaydev.com`, the sandbox.
    Sandbox,
}

/// The gateway URL of a cross-border host: the variant's one rule.
///
/// ```
/// use alipay_mapi_runtime::variants::cross_border::{gateway, Host};
/// assert_eq!(gateway(Host::Sandbox), "https://mapi.alipaydev.com/gateway.do");
/// ```
pub const fn gateway(host: Host) -> &'static str {
    match host {
        Host::Intl => INTL_GATEWAY,
        Host::Global => GLOBAL_GATEWAY,
        Host::Sandbox => SANDBOX_GATEWAY,
    }
}

/// The sign types the cross-border documents allow for `service`, or `None`
/// for a service that is not cross-border.
///
/// The international documents list `sign_type` as `MD5`, `RSA` or `RSA2`
/// (no `DSA`, which the mainland documents allow); the Hong Kong page of
/// `alipay.commerce.qrcode.modify` lists `MD5` alone. A request signed
/// otherwise is refused before it is sent
/// ([`RequestError::SignType`](crate::RequestError::SignType)).
///
/// ```
/// use alipay_mapi_runtime::variants::cross_border::sign_types;
/// use alipay_mapi_runtime::SignType;
/// assert_eq!(sign_types("forex_refund"), Some(&[SignType::Md5, SignType::Rsa, SignType::Rsa2][..]));
/// assert_eq!(sign_types("alipay.commerce.qrcode.modify"), Some(&[SignType::Md5][..]));
/// assert_eq!(sign_types("create_direct_pay_by_user"), None);
/// ```
pub fn sign_types(service: &str) -> Option<&'static [SignType]> {
    const INTERNATIONAL: &[SignType] = &[SignType::Md5, SignType::Rsa, SignType::Rsa2];
    const MD5_ONLY: &[SignType] = &[SignType::Md5];
    if service == "alipay.commerce.qrcode.modify" {
        Some(MD5_ONLY)
    } else if is_cross_border(service) {
        Some(INTERNATIONAL)
    } else {
        None
    }
}

/// Whether `service` is one of the cross-border services of [`SERVICES`],
/// which are sent to [`gateway`] rather than to
/// [`DEFAULT_GATEWAY`](crate::DEFAULT_GATEWAY).
pub fn is_cross_border(service: &str) -> bool {
    SERVICES.contains(&service)
}

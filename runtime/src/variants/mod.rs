//! The gateway's protocol variants: services that do not follow the signing
//! and transport rules of `mapi.alipay.com/gateway.do` in every respect.
//!
//! Each variant's rule lives in one function, as the main signing rule lives
//! in [`signing_string`](crate::signing_string):
//!
//! | variant | services | rule | function |
//! |---|---|---|---|
//! | [`wap`] (WAP 2.0) | `alipay.wap.trade.create.direct`, `alipay.wap.auth.authAndExecute`, `alipay.security.risk.detect` | the sign type travels as `sec_id` (`MD5`, `0001` = RSA); the notification is signed over `service`, `v`, `sec_id`, `notify_data` in that fixed order | [`wap::notify_signing_string`] |
//! | [`mobile`] (app payment) | `mobile.securitypay.pay` | values quoted `k="v"`, joined by `&`, RSA over that string, then `&sign="…"&sign_type="RSA"` | [`mobile::order_string`] |
//! | [`cross_border`] | `create_forex_trade`, `forex_refund`, … | same signing rule, another gateway host; MD5, RSA or RSA2 (MD5 only for `alipay.commerce.qrcode.modify`) | [`cross_border::gateway`], [`cross_border::sign_types`] |
//! | `notify_verify` | `notify_verify` | not signed: `service`, `partner`, `notify_id` as a GET, answered `true` / `false` / `invalid` in plain text | [`Client::notify_verify`](crate::Client::notify_verify) |
//!
//! The evidence for each rule (which public implementations do what) is in
//! `docs/PROTOCOL.md` at the repository's root.

pub mod cross_border;
pub mod mobile;
pub mod wap;

/// The service that checks a `notify_id`, unsigned.
pub(crate) const NOTIFY_VERIFY: &str = "notify_verify";

/// A variant whose requests the main gateway's signing rule does not make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Signing {
    /// WAP 2.0: [`wap::sign_request`], sent to [`wap::GATEWAY`].
    Wap,
    /// The app's order string: [`mobile::order_string_for`].
    AppOrderString,
    /// `notify_verify`: not signed at all, and answered in plain text
    /// rather than XML: [`Client::notify_verify`](crate::Client::notify_verify)
    /// sends it.
    NotifyVerify,
}

/// How `service` is signed when not by the main gateway's rule (`None` for
/// every other service, cross-border ones included: they only change host).
///
/// ```
/// use alipay_mapi_runtime::variants::{signing_of, Signing};
/// assert_eq!(signing_of("alipay.wap.trade.create.direct"), Some(Signing::Wap));
/// assert_eq!(signing_of("mobile.securitypay.pay"), Some(Signing::AppOrderString));
/// assert_eq!(signing_of("notify_verify"), Some(Signing::NotifyVerify));
/// assert_eq!(signing_of("single_trade_query"), None);
/// ```
pub fn signing_of(service: &str) -> Option<Signing> {
    if wap::SERVICES.contains(&service) {
        Some(Signing::Wap)
    } else if service == mobile::SERVICE {
        Some(Signing::AppOrderString)
    } else if service == NOTIFY_VERIFY {
        Some(Signing::NotifyVerify)
    } else {
        None
    }
}

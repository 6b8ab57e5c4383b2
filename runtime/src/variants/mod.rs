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
//! | [`cross_border`] | `create_forex_trade`, `forex_refund`, … | same signing rule, another gateway host | [`cross_border::gateway`] |
//!
//! The evidence for each rule (which public implementations do what) is in
//! `docs/PROTOCOL.md` at the repository's root.

pub mod cross_border;
pub mod mobile;
pub mod wap;

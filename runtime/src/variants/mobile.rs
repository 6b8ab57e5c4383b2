//! `mobile.securitypay.pay`: the order string a mobile app hands to the
//! payment SDK.
//!
//! The merchant's server does not call the gateway: it signs an order string
//! and gives it to the app, whose SDK sends it. The string is not a URL:
//!
//! 1. each parameter is written `name="value"` — the value raw, wrapped in
//!    double quotes — and the pairs are joined by `&`, in the order given;
//! 2. that exact string (encoded in the request charset) is signed with RSA
//!    (SHA1withRSA; the cross-border documentation also allows RSA2);
//! 3. `&sign="<sign, percent-encoded>"&sign_type="RSA"` is appended.
//!
//! Evidence: the Ruby library `chloerei/alipay` (`Mobile::Service`,
//! `Mobile::Sign.params_to_string`, RSA only), the PHP library
//! omnipay-alipay (`LegacyAppPurchaseRequest`); see `docs/PROTOCOL.md`.

use std::fmt;

use crate::charset::{Charset, CharsetError};
use crate::request::{Client, RequestError};
use crate::service::{AppRequest, BaseParams};
use crate::sign::{SignError, SignType, Signer};
use crate::wire;

/// The service whose requests are order strings.
pub const SERVICE: &str = "mobile.securitypay.pay";

/// Why an order string could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MobileError {
    /// The signer is not RSA or RSA2.
    SignType(SignType),
    /// A value holds a double quote, which the quoted form cannot carry.
    Quote {
        /// The parameter.
        name: String,
    },
    /// `sign` or `sign_type` given as a parameter: they are appended.
    Reserved {
        /// The parameter.
        name: String,
    },
    /// A value the charset cannot encode.
    Charset(CharsetError),
    /// The request breaks its table, or the signer failed.
    Request(RequestError),
}

impl fmt::Display for MobileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MobileError::SignType(t) => write!(
                f,
                "mobile.securitypay.pay order strings are signed with RSA or RSA2, not {t}"
            ),
            MobileError::Quote { name } => write!(
                f,
                "parameter `{name}` holds a double quote, which an order string cannot carry"
            ),
            MobileError::Reserved { name } => write!(
                f,
                "`{name}` is appended to the order string, not given as a parameter"
            ),
            MobileError::Charset(e) => e.fmt(f),
            MobileError::Request(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for MobileError {}

impl From<SignError> for MobileError {
    fn from(e: SignError) -> Self {
        MobileError::Request(RequestError::from(e))
    }
}

/// The signed order string of `params` (every parameter, base ones
/// included, in the order given; empty values left out): the variant's one
/// rule.
///
/// Returns `name="value"&…&sign="<percent-encoded sign>"&sign_type="RSA"`.
/// The signature covers the quoted string before `&sign=`, encoded in
/// `charset`.
///
/// ```
/// # #[cfg(feature = "rsa")] {
/// use alipay_mapi_runtime::{keys::RsaPrivateKey, variants::mobile::order_string, Charset, Signer};
/// # let pem = include_str!("../../tests/fixtures/rsa1024.pkcs8.pem");
/// let signer = Signer::rsa(RsaPrivateKey::load(pem).unwrap());
/// let order = order_string(&[("partner", "2088101122136241"), ("subject", "test")], &signer, Charset::Utf8)
///     .unwrap();
/// assert!(order.starts_with(r#"partner="2088101122136241"&subject="test"&sign=""#));
/// assert!(order.ends_with(r#""&sign_type="RSA""#));
/// # }
/// ```
pub fn order_string<N: AsRef<str>, V: AsRef<str>>(
    params: &[(N, V)],
    signer: &Signer,
    charset: Charset,
) -> Result<String, MobileError> {
    let sign_type = signer.sign_type();
    if !matches!(sign_type, SignType::Rsa | SignType::Rsa2) {
        return Err(MobileError::SignType(sign_type));
    }
    let mut text = String::new();
    let mut bytes = Vec::new();
    for (name, value) in params {
        let (name, value) = (name.as_ref(), value.as_ref());
        if name == "sign" || name == "sign_type" {
            return Err(MobileError::Reserved {
                name: name.to_owned(),
            });
        }
        if value.is_empty() {
            continue;
        }
        if value.contains('"') || name.contains('"') {
            return Err(MobileError::Quote {
                name: name.to_owned(),
            });
        }
        let pair = if text.is_empty() {
            format!("{name}=\"{value}\"")
        } else {
            format!("&{name}=\"{value}\"")
        };
        bytes.extend_from_slice(&charset.encode(name, &pair).map_err(MobileError::Charset)?);
        text.push_str(&pair);
    }
    let sign = signer.sign_message(&bytes)?;
    text.push_str("&sign=\"");
    text.push_str(&wire::encode_utf8(&sign));
    text.push_str("\"&sign_type=\"");
    text.push_str(sign_type.as_str());
    text.push('"');
    Ok(text)
}

/// The order string of a declared app-payment request (the `Request` of
/// `alipay_mapi_interfaces::mobile::mobile_securitypay_pay`, or of any
/// interface declared with [`Access::App`](crate::Access::App), which
/// implements [`AppRequest`]): validated against its table, then
/// [`order_string`] over its parameters with the client's `partner`,
/// `_input_charset` and `service`, in signing order.
///
/// A page or server interface's request is not an order string: it does
/// not implement [`AppRequest`], so passing one does not compile.
pub fn order_string_for<R: AppRequest>(
    client: &Client,
    request: &R,
) -> Result<String, MobileError> {
    request
        .validate()
        .map_err(|v| MobileError::Request(RequestError::Invalid(v)))?;
    let base = BaseParams {
        partner: client.partner(),
        charset: client.charset(),
    };
    order_string(&request.params(&base), client.signer(), client.charset())
}

#[cfg(all(test, any(feature = "md5", feature = "rsa")))]
mod tests {
    use super::*;

    #[cfg(feature = "md5")]
    #[test]
    fn md5_and_dsa_are_refused() {
        use crate::keys::Md5Key;
        let signer = Signer::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap());
        assert_eq!(
            order_string(&[("a", "1")], &signer, Charset::Utf8).unwrap_err(),
            MobileError::SignType(SignType::Md5)
        );
    }

    #[cfg(feature = "rsa")]
    #[test]
    fn quotes_and_reserved_names_are_refused_and_empties_left_out() {
        use crate::keys::RsaPrivateKey;
        let pem = include_str!("../../tests/fixtures/rsa1024.pkcs8.pem");
        let signer = Signer::rsa(RsaPrivateKey::load(pem).unwrap());
        assert_eq!(
            order_string(&[("subject", "a\"b")], &signer, Charset::Utf8).unwrap_err(),
            MobileError::Quote {
                name: "subject".into()
            }
        );
        assert_eq!(
            order_string(&[("sign_type", "RSA")], &signer, Charset::Utf8).unwrap_err(),
            MobileError::Reserved {
                name: "sign_type".into()
            }
        );
        let s = order_string(&[("a", "1"), ("b", ""), ("c", "中")], &signer, Charset::Gbk).unwrap();
        assert!(s.starts_with("a=\"1\"&c=\"中\"&sign=\""), "{s}");
        // The sign is percent-encoded: no raw base64 `+`, `/` or `=` inside it.
        let sign = s
            .split("&sign=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(!sign.contains(['+', '/', '=']), "{sign}");
        // And it verifies over the GBK bytes of the quoted string.
        let key =
            crate::keys::RsaPublicKey::load(include_str!("../../tests/fixtures/rsa1024.pub.pem"))
                .unwrap();
        let decoded: String = url::form_urlencoded::parse(format!("s={sign}").as_bytes())
            .next()
            .unwrap()
            .1
            .into_owned();
        let message = Charset::Gbk.encode("", "a=\"1\"&c=\"中\"").unwrap();
        crate::Verifier::rsa(key)
            .verify_message(&message, &decoded)
            .unwrap();
    }
}

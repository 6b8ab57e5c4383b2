//! The gateway's side, for tests: signed returns, notifications and XML
//! answers, as the gateway would send them.
//!
//! A merchant testing a handler needs input signed like the gateway's; a
//! simulator of the gateway needs to sign what it sends. Signing here is the
//! same rule as verifying ([`signing_string`] over every
//! parameter but `sign` and `sign_type`), with the *gateway's* signer: the
//! MD5 secret, or the gateway's private key (a test key pair, since the real
//! one is the gateway's secret). No request base parameter (`service`,
//! `partner`, `_input_charset`) is added: what is sent is exactly the pairs
//! given, then `sign_type` and `sign`.
//!
//! ```
//! # #[cfg(feature = "md5")] {
//! use alipay_mapi_runtime::{gateway_side, keys::Md5Key, Charset, Client, Signer, Verifier};
//! let key = Md5Key::new("10000000000000000000000000000000").unwrap();
//! let gateway = Signer::md5(key.clone());
//! let body = gateway_side::notification_body(
//!     &gateway,
//!     Charset::Gbk,
//!     &[("notify_id", "1d583bc9"), ("subject", "中文"), ("trade_status", "TRADE_SUCCESS")],
//! )
//! .unwrap();
//! let client = Client::new("2088002464631181", Signer::md5(key.clone()))
//!     .unwrap()
//!     .with_verifier(Verifier::md5(key));
//! let ct = "application/x-www-form-urlencoded; charset=gbk";
//! let verified = client.verify_notification_params(&body, Some(ct)).unwrap();
//! assert_eq!(verified.get("subject"), Some("中文"));
//! # }
//! ```

use std::fmt;

use crate::answer::XmlElement;
use crate::charset::{Charset, CharsetError};
use crate::service::ServiceReturn;
use crate::sign::{SignError, Signer};
use crate::signing::{signing_string, SigningString};
use crate::wire;

/// Why a return, notification or answer could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GatewaySideError {
    /// A value cannot be encoded in the charset.
    Charset(CharsetError),
    /// The signer failed.
    Sign(SignError),
    /// A pair is named `sign` or `sign_type`, which are added here.
    Reserved {
        /// The name.
        name: String,
    },
    /// The same name is given twice.
    Duplicate {
        /// The name.
        name: String,
    },
    /// A required field of the declared table is missing or empty.
    Missing {
        /// Its wire name.
        field: &'static str,
    },
    /// A name the declared table does not have (nor a parameter the gateway
    /// always may send).
    Undeclared {
        /// The name.
        name: String,
    },
}

impl fmt::Display for GatewaySideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GatewaySideError::Charset(e) => e.fmt(f),
            GatewaySideError::Sign(e) => e.fmt(f),
            GatewaySideError::Reserved { name } => {
                write!(f, "`{name}` is added by the signer; do not pass it")
            }
            GatewaySideError::Duplicate { name } => write!(f, "`{name}` is given twice"),
            GatewaySideError::Missing { field } => {
                write!(f, "required field `{field}` of the table is missing")
            }
            GatewaySideError::Undeclared { name } => {
                write!(f, "`{name}` is not a field of the table")
            }
        }
    }
}

impl std::error::Error for GatewaySideError {}

impl From<CharsetError> for GatewaySideError {
    fn from(e: CharsetError) -> Self {
        GatewaySideError::Charset(e)
    }
}

impl From<SignError> for GatewaySideError {
    fn from(e: SignError) -> Self {
        GatewaySideError::Sign(e)
    }
}

/// `value` percent-encoded from its bytes in `charset`, as a URL or a form
/// body carries it (every byte but `A-Z a-z 0-9 - . _ ~` as `%XX`).
///
/// ```
/// use alipay_mapi_runtime::{gateway_side::percent_encode, Charset};
/// assert_eq!(percent_encode(Charset::Gbk, "中 a").unwrap(), "%D6%D0%20a");
/// assert_eq!(percent_encode(Charset::Utf8, "中").unwrap(), "%E4%B8%AD");
/// ```
pub fn percent_encode(charset: Charset, value: &str) -> Result<String, CharsetError> {
    wire::encode_value(charset, "value", value)
}

/// `pairs` followed by `sign_type` and `sign` of `signer`, signed over every
/// pair with the charset's bytes.
pub fn sign_pairs<N: AsRef<str>, V: AsRef<str>>(
    signer: &Signer,
    charset: Charset,
    pairs: &[(N, V)],
) -> Result<Vec<(String, String)>, GatewaySideError> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(pairs.len() + 2);
    for (name, value) in pairs {
        let name = name.as_ref();
        if name == "sign" || name == "sign_type" {
            return Err(GatewaySideError::Reserved { name: name.into() });
        }
        if out.iter().any(|(n, _)| n == name) {
            return Err(GatewaySideError::Duplicate { name: name.into() });
        }
        out.push((name.to_owned(), value.as_ref().to_owned()));
    }
    let string = signing_string(&out, charset)?;
    let sign = signer.sign(&string)?;
    out.push(("sign_type".into(), signer.sign_type().as_str().into()));
    out.push(("sign".into(), sign));
    Ok(out)
}

/// `name=value&…` of `pairs`, percent-encoded from the charset's bytes.
pub fn form_encode<N: AsRef<str>, V: AsRef<str>>(
    charset: Charset,
    pairs: &[(N, V)],
) -> Result<String, CharsetError> {
    let mut query = wire::Query::new("", 64);
    for (name, value) in pairs {
        query.pair(charset, name.as_ref(), value.as_ref())?;
    }
    let text = query.finish();
    Ok(text.strip_prefix('?').unwrap_or(&text).to_owned())
}

/// A signed notification body (`application/x-www-form-urlencoded` bytes in
/// `charset`) of `pairs`.
pub fn notification_body<N: AsRef<str>, V: AsRef<str>>(
    signer: &Signer,
    charset: Charset,
    pairs: &[(N, V)],
) -> Result<Vec<u8>, GatewaySideError> {
    Ok(form_encode(charset, &sign_pairs(signer, charset, pairs)?)?.into_bytes())
}

/// A signed return URL: `return_url` with the signed `pairs` in its query.
/// (The signer and the charset come first, as in every function here.)
pub fn return_url<N: AsRef<str>, V: AsRef<str>>(
    signer: &Signer,
    charset: Charset,
    return_url: &str,
    pairs: &[(N, V)],
) -> Result<String, GatewaySideError> {
    let query = form_encode(charset, &sign_pairs(signer, charset, pairs)?)?;
    let separator = if return_url.contains('?') { '&' } else { '?' };
    Ok(format!("{return_url}{separator}{query}"))
}

/// Parameters the gateway may send with any return or notification besides
/// a table's fields.
const ALWAYS: [&str; 6] = [
    "is_success",
    "notify_id",
    "notify_time",
    "notify_type",
    "error",
    "_input_charset",
];

/// Checks `pairs` against a declared `Response` / `Notify` table: every
/// required field present and not empty, no name the table lacks (besides
/// `is_success`, `notify_id`, `notify_time`, `notify_type`, `error`,
/// `_input_charset`).
pub fn check_declared<T: ServiceReturn, N: AsRef<str>, V: AsRef<str>>(
    pairs: &[(N, V)],
) -> Result<(), GatewaySideError> {
    for (name, _) in pairs {
        let name = name.as_ref();
        if !ALWAYS.contains(&name) && !T::FIELDS.iter().any(|f| f.name == name) {
            return Err(GatewaySideError::Undeclared { name: name.into() });
        }
    }
    for field in T::FIELDS.iter().filter(|f| !f.nullable) {
        let present = pairs
            .iter()
            .any(|(n, v)| n.as_ref() == field.name && !v.as_ref().is_empty());
        if !present {
            return Err(GatewaySideError::Missing { field: field.name });
        }
    }
    Ok(())
}

/// A signed return URL of a declared interface's `Response` (checked with
/// [`check_declared`]).
pub fn declared_return_url<T: ServiceReturn, N: AsRef<str>, V: AsRef<str>>(
    signer: &Signer,
    charset: Charset,
    url: &str,
    pairs: &[(N, V)],
) -> Result<String, GatewaySideError> {
    check_declared::<T, N, V>(pairs)?;
    return_url(signer, charset, url, pairs)
}

/// A signed notification body of a declared interface's `Notify` (checked
/// with [`check_declared`]).
pub fn declared_notification_body<T: ServiceReturn, N: AsRef<str>, V: AsRef<str>>(
    signer: &Signer,
    charset: Charset,
    pairs: &[(N, V)],
) -> Result<Vec<u8>, GatewaySideError> {
    check_declared::<T, N, V>(pairs)?;
    notification_body(signer, charset, pairs)
}

/// A successful XML answer's bytes in `charset`, declared in its XML
/// declaration: `<alipay><is_success>T</is_success><request>` (the `request`
/// pairs as `<param name="…">`) `<response>…</response><sign>…</sign>
/// <sign_type>…</sign_type></alipay>`, the sign computed over
/// [`answer_signing_string`], as [`crate::call`] checks it. `response` is the `<response>`
/// element itself (its name is written as `response`). With no signer, no
/// `<sign>` is written.
pub fn xml_answer<N: AsRef<str>, V: AsRef<str>>(
    signer: Option<&Signer>,
    charset: Charset,
    request: &[(N, V)],
    response: &XmlElement,
) -> Result<Vec<u8>, GatewaySideError> {
    let mut xml = String::with_capacity(512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"");
    xml.push_str(charset.as_str());
    xml.push_str("\"?>\n<alipay><is_success>T</is_success>");
    if !request.is_empty() {
        xml.push_str("<request>");
        for (name, value) in request {
            xml.push_str("<param name=\"");
            wire::push_html_escaped(&mut xml, name.as_ref());
            xml.push_str("\">");
            wire::push_html_escaped(&mut xml, value.as_ref());
            xml.push_str("</param>");
        }
        xml.push_str("</request>");
    }
    xml.push_str("<response>");
    // Its own text too, as for every element below it: nothing given is
    // left out.
    wire::push_html_escaped(&mut xml, &response.text);
    for child in &response.children {
        write_element(&mut xml, child);
    }
    xml.push_str("</response>");
    if let Some(signer) = signer {
        let string = answer_signing_string(charset, response)?;
        let sign = signer.sign(&string)?;
        xml.push_str("<sign>");
        xml.push_str(&sign);
        xml.push_str("</sign><sign_type>");
        xml.push_str(signer.sign_type().as_str());
        xml.push_str("</sign_type>");
    }
    xml.push_str("</alipay>");
    Ok(charset.encode("response", &xml)?.into_owned())
}

/// Escapes `text` for an XML or HTML text node or quoted attribute value
/// (`&`, `<`, `>`, `"`, `'`), as this module writes what the gateway sends:
/// for a simulator writing the gateway's other pages and answers the same
/// way.
///
/// ```
/// let mut out = String::new();
/// alipay_mapi_runtime::gateway_side::push_escaped(&mut out, "<a href=\"x\">'&'</a>");
/// assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
/// ```
pub fn push_escaped(out: &mut String, text: &str) {
    wire::push_html_escaped(out, text);
}

/// A failure answer: `<alipay><is_success>F</is_success><error>CODE</error></alipay>`,
/// unsigned as the gateway sends failures, in `charset`.
pub fn xml_failure(charset: Charset, code: &str) -> Result<Vec<u8>, GatewaySideError> {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"{}\"?>\n<alipay><is_success>F</is_success><error>",
        charset.as_str()
    );
    wire::push_html_escaped(&mut xml, code);
    xml.push_str("</error></alipay>");
    Ok(charset.encode("error", &xml)?.into_owned())
}

fn write_element(xml: &mut String, element: &XmlElement) {
    xml.push('<');
    xml.push_str(&element.name);
    xml.push('>');
    wire::push_html_escaped(xml, &element.text);
    for child in &element.children {
        write_element(xml, child);
    }
    xml.push_str("</");
    xml.push_str(&element.name);
    xml.push('>');
}

/// The signing string of the `<sign>` of `response` as [`xml_answer`]
/// writes it, by the rule [`XmlAnswer::signed_params`] reads: the children
/// of `<response>`'s only child when that child has children (else of
/// `<response>`), a leaf by its text, an element with children by its XML
/// fragment as written (text escaped, empty elements as `<x></x>`).
///
/// ```
/// use alipay_mapi_runtime::{gateway_side::answer_signing_string, Charset, XmlElement};
/// let log = XmlElement::parent(
///     "account_log_list",
///     vec![XmlElement::parent("AccountQueryAccountLogVO", vec![XmlElement::leaf("memo", "")])],
/// );
/// let result = XmlElement::parent(
///     "account_page_query_result",
///     vec![log, XmlElement::leaf("has_next_page", "F")],
/// );
/// let string = answer_signing_string(Charset::Utf8, &XmlElement::parent("response", vec![result]))
///     .unwrap();
/// assert_eq!(
///     string.as_str(),
///     "account_log_list=<account_log_list><AccountQueryAccountLogVO><memo></memo>\
///      </AccountQueryAccountLogVO></account_log_list>&has_next_page=F"
/// );
/// ```
///
/// [`XmlAnswer::signed_params`]: crate::XmlAnswer::signed_params
pub fn answer_signing_string(
    charset: Charset,
    response: &XmlElement,
) -> Result<SigningString, CharsetError> {
    let signed = match response.children.as_slice() {
        [only] if !only.is_leaf() => only,
        _ => response,
    };
    let fragments: Vec<(&str, std::borrow::Cow<'_, str>)> = signed
        .children
        .iter()
        .map(|child| {
            if child.is_leaf() {
                (
                    child.name.as_str(),
                    std::borrow::Cow::Borrowed(child.text.as_str()),
                )
            } else {
                let mut xml = String::new();
                write_element(&mut xml, child);
                (child.name.as_str(), std::borrow::Cow::Owned(xml))
            }
        })
        .collect();
    signing_string(&fragments, charset)
}

//! WAP 2.0: the mobile-web services on `wappaygw.alipay.com/service/rest.htm`
//! (`alipay.wap.trade.create.direct`, `alipay.wap.auth.authAndExecute`,
//! `alipay.security.risk.detect`).
//!
//! What differs from the main gateway:
//!
//! - the sign type travels as **`sec_id`**, not `sign_type`: `MD5` for MD5,
//!   `0001` for RSA (SHA1withRSA). `sec_id` is an ordinary parameter of the
//!   signing string; no `sign_type` is sent ([`sec_id`], [`sign_request`]);
//! - business data goes in one `req_data` parameter, an XML document
//!   (`<direct_trade_create_req>…`; [`req_data`] writes one), with
//!   `format=xml` and `v=2.0`;
//! - the token call answers a urlencoded body whose `res_data` holds XML with
//!   the `request_token` (or `res_error` on failure);
//! - **the notification is signed over `service`, `v`, `sec_id` and
//!   `notify_data`, in that fixed order, not sorted**
//!   ([`notify_signing_string`], [`verify_notification`]); `notify_id` and the
//!   trade's status sit inside the `notify_data` XML.
//!
//! Evidence: the Python library `lxneng/alipay` (`WapAlipay`,
//! `_generate_md5_notify_sign`), the Ruby library `chloerei/alipay`
//! (`Wap::Service`, `Wap::Sign::SORTED_VERIFY_PARAMS`), the PHP library
//! omnipay-alipay's older `WapExpress*` requests; see `docs/PROTOCOL.md`.

use std::fmt;

use crate::charset::{Charset, CharsetError};
use crate::request::{Client, RequestError};
use crate::service::{BaseParams, FieldError, ServiceRequest, ServiceReturn};
use crate::sign::{SignError, SignType, SignatureError, Verifier};
use crate::signing::{signing_string, SigningString, SigningStringBuilder};
use crate::verify::{ReceivedParams, ReturnError};
use crate::wire;

/// The WAP 2.0 gateway.
pub const GATEWAY: &str = "https://wappaygw.alipay.com/service/rest.htm";

/// The services sent to [`GATEWAY`].
pub const SERVICES: &[&str] = &[
    "alipay.wap.trade.create.direct",
    "alipay.wap.auth.authAndExecute",
    "alipay.security.risk.detect",
];

/// The parameters of a WAP 2.0 notification's signing string, in signing
/// order.
pub const NOTIFY_SIGNED_PARAMS: [&str; 4] = ["service", "v", "sec_id", "notify_data"];

/// What went wrong with a WAP 2.0 request or notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WapError {
    /// `sec_id` is neither `MD5` nor `0001`.
    UnknownSecId(String),
    /// The sign type has no `sec_id` (WAP 2.0 knows only MD5 and RSA).
    NoSecId(SignType),
    /// A parameter the variant needs is absent or empty.
    Missing(&'static str),
    /// The request's `sec_id` names another sign type than the client's
    /// signer.
    SecIdMismatch {
        /// The request's `sec_id`.
        sent: String,
        /// What the signer signs with.
        signer: SignType,
    },
    /// A received notification carries a parameter its signature does not
    /// cover (anything but `service`, `v`, `sec_id`, `notify_data`, `sign`).
    Unsigned(String),
    /// The notification's `sec_id` is not the verifier's sign type.
    UnexpectedSignType {
        /// From `sec_id`.
        received: SignType,
        /// The verifier's.
        configured: SignType,
    },
    /// The signature does not verify.
    BadSignature {
        /// The sign type checked.
        sign_type: SignType,
        /// The fixed-order signing string that was checked.
        signing_string: String,
        /// Malformed or mismatch.
        error: SignatureError,
    },
    /// The body could not be read (too large, bad encoding, a duplicate name…).
    Return(ReturnError),
    /// A value the charset cannot encode.
    Charset(CharsetError),
    /// The request breaks its table, or cannot be signed.
    Request(RequestError),
    /// A `req_data` element name that is not a plain XML name.
    UnknownElement(String),
    /// The token call answered `res_error` (its XML, as received).
    ResError(String),
    /// The token call's answer has no usable `res_data` / `request_token`.
    BadAnswer(String),
    /// A notification's `notify_data` is not XML of one root element with
    /// leaf children.
    NotifyData(String),
}

impl WapError {
    /// The signing string a refused signature was checked over (for
    /// debugging: it holds the received values, which is why `Display`
    /// shows only parameter names and lengths).
    pub fn signing_string(&self) -> Option<&str> {
        match self {
            WapError::BadSignature { signing_string, .. } => Some(signing_string),
            WapError::Return(e) => e.signing_string(),
            _ => None,
        }
    }
}

impl fmt::Display for WapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WapError::UnknownSecId(s) => {
                write!(f, "unknown sec_id `{s}` (expected MD5, or 0001 for RSA)")
            }
            WapError::NoSecId(t) => {
                write!(f, "WAP 2.0 signs with MD5 or RSA only, not {t}")
            }
            WapError::Missing(name) => write!(f, "parameter `{name}` is missing or empty"),
            WapError::SecIdMismatch { sent, signer } => write!(
                f,
                "the request says sec_id={sent}, but the client signs with {signer}"
            ),
            WapError::Unsigned(name) => write!(
                f,
                "parameter `{name}` is not covered by a WAP 2.0 notification's signature (only service, v, sec_id, notify_data are)"
            ),
            WapError::UnexpectedSignType {
                received,
                configured,
            } => write!(
                f,
                "received sec_id for {received}, but the verifier is configured for {configured}"
            ),
            WapError::BadSignature {
                sign_type,
                signing_string,
                error,
            } => {
                let params = crate::verify::describe_params(signing_string);
                match error {
                    SignatureError::Mismatch if f.alternate() => write!(
                        f,
                        "signature does not match the {} you configured (sec_id {sign_type}, \
                         fixed-order signing string: `{}`)",
                        if *sign_type == SignType::Md5 {
                            "MD5 key"
                        } else {
                            "gateway public key"
                        },
                        signing_string.as_str()
                    ),
                    SignatureError::Mismatch => write!(
                        f,
                        "signature does not match the {} you configured (sec_id {sign_type}, \
                         fixed-order signed parameters: {params}; the error's signing_string() gives the string itself, and `{{:#}}` shows it)",
                        if *sign_type == SignType::Md5 {
                            "MD5 key"
                        } else {
                            "gateway public key"
                        }
                    ),
                    SignatureError::Malformed { reason } => write!(
                        f,
                        "malformed {sign_type} sign: {reason} (signed parameters: {params})"
                    ),
                }
            }
            WapError::Return(e) => e.fmt(f),
            WapError::Charset(e) => e.fmt(f),
            WapError::Request(e) => e.fmt(f),
            WapError::ResError(xml) => write!(f, "the WAP gateway answered res_error: {xml}"),
            WapError::BadAnswer(reason) => write!(f, "unreadable token answer: {reason}"),
            WapError::NotifyData(reason) => write!(f, "unreadable notify_data: {reason}"),
            WapError::UnknownElement(name) => write!(
                f,
                "`{name}` is not an element name req_data can carry (ASCII letters, digits, _)"
            ),
        }
    }
}

impl std::error::Error for WapError {}

impl From<CharsetError> for WapError {
    fn from(e: CharsetError) -> Self {
        WapError::Charset(e)
    }
}

impl From<SignError> for WapError {
    fn from(e: SignError) -> Self {
        WapError::Request(RequestError::from(e))
    }
}

/// The `sec_id` of a sign type: `MD5` → `MD5`, `RSA` → `0001`.
///
/// ```
/// use alipay_mapi_runtime::{variants::wap::sec_id, SignType};
/// assert_eq!(sec_id(SignType::Rsa).unwrap(), "0001");
/// assert!(sec_id(SignType::Dsa).is_err());
/// ```
pub fn sec_id(sign_type: SignType) -> Result<&'static str, WapError> {
    match sign_type {
        SignType::Md5 => Ok("MD5"),
        SignType::Rsa => Ok("0001"),
        other => Err(WapError::NoSecId(other)),
    }
}

/// The sign type a `sec_id` names (`MD5` in any case, `0001`).
///
/// ```
/// use alipay_mapi_runtime::{variants::wap::sign_type_of_sec_id, SignType};
/// assert_eq!(sign_type_of_sec_id("0001").unwrap(), SignType::Rsa);
/// assert!(sign_type_of_sec_id("RSA2").is_err());
/// ```
pub fn sign_type_of_sec_id(sec_id: &str) -> Result<SignType, WapError> {
    if sec_id.eq_ignore_ascii_case("MD5") {
        Ok(SignType::Md5)
    } else if sec_id == "0001" {
        Ok(SignType::Rsa)
    } else {
        Err(WapError::UnknownSecId(sec_id.to_owned()))
    }
}

/// The signing string of a WAP 2.0 notification: `service=…&v=…&sec_id=…&notify_data=…`,
/// in exactly that order (not sorted), values raw, encoded in `charset`.
/// The variant's one rule; [`verify_notification`] uses it.
///
/// Each of the four must be present and non-empty (a missing one is an
/// error, not an empty pair).
///
/// ```
/// use alipay_mapi_runtime::{variants::wap::notify_signing_string, Charset, ReceivedParams};
/// let body = b"service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5\
///     &notify_data=%3Cnotify%3E%3Cnotify_id%3E1%3C%2Fnotify_id%3E%3C%2Fnotify%3E&sign=x";
/// let params = ReceivedParams::parse(body, Charset::Utf8).unwrap();
/// let s = notify_signing_string(&params, Charset::Utf8).unwrap();
/// assert_eq!(
///     s.as_str(),
///     "service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data=<notify><notify_id>1</notify_id></notify>"
/// );
/// ```
pub fn notify_signing_string(
    params: &ReceivedParams,
    charset: Charset,
) -> Result<SigningString, WapError> {
    let mut b = SigningStringBuilder::with_capacity(charset, 256);
    for name in NOTIFY_SIGNED_PARAMS {
        match params.get(name) {
            None | Some("") => return Err(WapError::Missing(name)),
            Some(value) => b.push(name, value)?,
        }
    }
    Ok(b.finish())
}

/// A verified WAP 2.0 notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    params: ReceivedParams,
    sign_type: SignType,
    signing_string: SigningString,
}

impl Notification {
    /// Every received parameter.
    pub fn params(&self) -> &ReceivedParams {
        &self.params
    }

    /// The `notify_data` XML (where `notify_id` and the trade's status are).
    pub fn notify_data(&self) -> &str {
        self.params.get("notify_data").unwrap_or_default()
    }

    /// The children of `notify_data`'s root element
    /// (`<notify><notify_id>…</notify_id><trade_status>…</trade_status>…`),
    /// as (name, text) in document order: where the trade's status is, and
    /// the `notify_id` a handler keys resends on.
    ///
    /// An XML error, or a child that holds elements of its own, is
    /// [`WapError::NotifyData`] saying which.
    ///
    /// ```
    /// # #[cfg(feature = "md5")] {
    /// use alipay_mapi_runtime::{keys::Md5Key, variants::wap, Charset, Verifier};
    /// let verifier = Verifier::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap());
    /// let body = b"service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5\
    ///     &notify_data=%3Cnotify%3E%3Cnotify_id%3E1%3C%2Fnotify_id%3E%3C%2Fnotify%3E\
    ///     &sign=762307da5e453b2d198ee5b37695a827";
    /// let n = wap::verify_notification(body, &verifier, Charset::Utf8).unwrap();
    /// assert_eq!(n.notify_data_field("notify_id").unwrap().as_deref(), Some("1"));
    /// assert_eq!(n.notify_data_field("trade_status").unwrap(), None);
    /// # }
    /// ```
    pub fn notify_data_fields(&self) -> Result<Vec<(String, String)>, WapError> {
        let document = roxmltree::Document::parse(self.notify_data())
            .map_err(|e| WapError::NotifyData(e.to_string()))?;
        let mut fields = Vec::new();
        for child in document
            .root_element()
            .children()
            .filter(|c| c.is_element())
        {
            let name = child.tag_name().name();
            if child.children().any(|c| c.is_element()) {
                return Err(WapError::NotifyData(format!(
                    "<{name}> holds elements, not text"
                )));
            }
            let text: String = child.children().filter_map(|c| c.text()).collect();
            fields.push((name.to_owned(), text));
        }
        Ok(fields)
    }

    /// The text of the child `name` of `notify_data`'s root element (see
    /// [`notify_data_fields`](Self::notify_data_fields)); `None` when there
    /// is no such child.
    pub fn notify_data_field(&self, name: &str) -> Result<Option<String>, WapError> {
        Ok(self
            .notify_data_fields()?
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text))
    }

    /// The sign type `sec_id` named.
    pub fn sign_type(&self) -> SignType {
        self.sign_type
    }

    /// The fixed-order string that was verified.
    pub fn signing_string(&self) -> &SigningString {
        &self.signing_string
    }

    /// The parameters read into a declared notification type (the
    /// `Notify` of `alipay.wap.auth.authAndExecute`).
    pub fn typed<N: ServiceReturn>(&self) -> Result<N, FieldError> {
        N::from_params(&self.params)
    }
}

/// Verifies a WAP 2.0 notification's form body (raw bytes, in `charset`)
/// with [`notify_signing_string`].
///
/// Refused: a body the usual reader refuses (over
/// [`MAX_INPUT_LEN`](crate::MAX_INPUT_LEN), bad percent-encoding, a name
/// twice), a missing `sign` or signed parameter, a parameter the signature
/// does not cover, a `sec_id` that is not the verifier's sign type. For RSA,
/// spaces in `sign` are read as `+`, as for other returns.
///
/// ```
/// # #[cfg(feature = "md5")] {
/// use alipay_mapi_runtime::{keys::Md5Key, variants::wap, Charset, Verifier};
/// let verifier = Verifier::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap());
/// let body = b"service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5\
///     &notify_data=%3Cnotify%3E%3Cnotify_id%3E1%3C%2Fnotify_id%3E%3C%2Fnotify%3E\
///     &sign=762307da5e453b2d198ee5b37695a827";
/// let n = wap::verify_notification(body, &verifier, Charset::Utf8).unwrap();
/// assert_eq!(n.notify_data(), "<notify><notify_id>1</notify_id></notify>");
/// # }
/// ```
pub fn verify_notification(
    body: &[u8],
    verifier: &Verifier,
    charset: Charset,
) -> Result<Notification, WapError> {
    let params = ReceivedParams::parse(body, charset).map_err(WapError::Return)?;
    verify_params(params, verifier, charset)
}

/// [`verify_notification`] on parameters already read.
pub fn verify_params(
    params: ReceivedParams,
    verifier: &Verifier,
    charset: Charset,
) -> Result<Notification, WapError> {
    if let Some((name, _)) = params
        .iter()
        .find(|(name, _)| *name != "sign" && !NOTIFY_SIGNED_PARAMS.contains(name))
    {
        return Err(WapError::Unsigned(name.to_owned()));
    }
    let sign = match params.get("sign") {
        None | Some("") => return Err(WapError::Missing("sign")),
        Some(sign) => sign,
    };
    let received = sign_type_of_sec_id(params.get("sec_id").unwrap_or_default())?;
    let configured = verifier.sign_type();
    if received != configured {
        return Err(WapError::UnexpectedSignType {
            received,
            configured,
        });
    }
    let signing_string = notify_signing_string(&params, charset)?;
    let sign = configured.received_sign(sign);
    verifier
        .verify(&signing_string, &sign)
        .map_err(|error| WapError::BadSignature {
            sign_type: configured,
            signing_string: signing_string.as_str().to_owned(),
            error,
        })?;
    Ok(Notification {
        params,
        sign_type: configured,
        signing_string,
    })
}

/// A signed WAP 2.0 request: its parameters (with `sec_id` and `sign`, no
/// `sign_type`) and the URL on the WAP gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WapRequest {
    params: Vec<(String, String)>,
    charset: Charset,
    signing_string: SigningString,
    gateway: String,
}

impl WapRequest {
    /// Every parameter that is sent, `sign` last.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The `sign` value.
    pub fn sign(&self) -> &str {
        self.params
            .iter()
            .find(|(n, _)| n == "sign")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// The string that was signed (the main gateway's sorted rule, `sec_id`
    /// included).
    pub fn signing_string(&self) -> &SigningString {
        &self.signing_string
    }

    /// Sends it elsewhere than [`GATEWAY`] (a test server).
    pub fn with_gateway(mut self, gateway: &str) -> Self {
        gateway.clone_into(&mut self.gateway);
        self
    }

    /// The signed GET URL, values percent-encoded from the bytes of the
    /// request charset.
    pub fn url(&self) -> String {
        let len: usize = self.params.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
        let mut url = wire::Query::new(&self.gateway, self.gateway.len() + len * 3 / 2 + 64);
        for (name, value) in &self.params {
            // Every value was encoded once already, for the signing string.
            let _ = url.pair(self.charset, name, value);
        }
        url.finish()
    }
}

/// Validates and signs a WAP 2.0 request (`alipay.wap.trade.create.direct`,
/// `alipay.wap.auth.authAndExecute`, `alipay.security.risk.detect`): the
/// main gateway's sorted signing string over every parameter, `sec_id`
/// included, and no `sign_type`.
///
/// The request's `sec_id` field must name the client's sign type (`MD5`
/// for an MD5 signer, `0001` for RSA): a request that says one and is
/// signed with another is refused, not sent.
pub fn sign_request<R: ServiceRequest>(
    client: &Client,
    request: &R,
) -> Result<WapRequest, WapError> {
    request
        .validate()
        .map_err(|v| WapError::Request(RequestError::Invalid(v)))?;
    // WAP 2.0 has a sec_id for MD5 and RSA only.
    sec_id(client.sign_type())?;
    let base = BaseParams {
        partner: client.partner(),
        charset: client.charset(),
    };
    let mut params = request.params(&base);
    match params.iter().find(|(n, _)| n == "sec_id") {
        None => return Err(WapError::Missing("sec_id")),
        Some((_, sent)) if sign_type_of_sec_id(sent).ok() != Some(client.sign_type()) => {
            return Err(WapError::SecIdMismatch {
                sent: sent.clone(),
                signer: client.sign_type(),
            })
        }
        Some(_) => {}
    }
    let signing_string = signing_string(&params, client.charset())?;
    let sign = client.signer().sign(&signing_string)?;
    params.push(("sign".to_owned(), sign));
    Ok(WapRequest {
        params,
        charset: client.charset(),
        signing_string,
        gateway: GATEWAY.to_owned(),
    })
}

/// The `request_token` of an `alipay.wap.trade.create.direct` answer: a
/// urlencoded body (in `charset`) whose `res_data` holds
/// `<direct_trade_create_res><request_token>…</request_token></direct_trade_create_res>`.
///
/// A body with `res_error` is [`WapError::ResError`]; a body without
/// `res_data`, with XML that does not parse or without a non-empty
/// `request_token`, is [`WapError::BadAnswer`] saying which. The answer's
/// own `sign` is not checked: no public implementation documents what it
/// covers, and the token only sends the buyer's browser back to the gateway,
/// which checks it.
///
/// ```
/// use alipay_mapi_runtime::{variants::wap::request_token, Charset};
/// let body = b"partner=2088101122136241&req_id=1&res_data=%3C%3Fxml+version%3D%221.0%22+encoding%3D%22utf-8%22%3F%3E\
///     %3Cdirect_trade_create_res%3E%3Crequest_token%3E20130822abc%3C%2Frequest_token%3E%3C%2Fdirect_trade_create_res%3E\
///     &sec_id=MD5&service=alipay.wap.trade.create.direct&v=2.0&sign=x";
/// assert_eq!(request_token(body, Charset::Utf8).unwrap(), "20130822abc");
/// ```
pub fn request_token(body: &[u8], charset: Charset) -> Result<String, WapError> {
    let params = ReceivedParams::parse(body, charset).map_err(WapError::Return)?;
    if let Some(error) = params.get("res_error").filter(|e| !e.is_empty()) {
        return Err(WapError::ResError(error.to_owned()));
    }
    let xml = params
        .get("res_data")
        .filter(|x| !x.is_empty())
        .ok_or_else(|| WapError::BadAnswer("no res_data (nor res_error) in the body".into()))?;
    // roxmltree refuses an encoding declaration other than UTF-8 in a &str:
    // the text is already decoded, so drop the declaration.
    let without_decl = match xml.trim_start().strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or("", |(_, after)| after),
        None => xml,
    };
    let doc = roxmltree::Document::parse(without_decl)
        .map_err(|e| WapError::BadAnswer(format!("res_data is not XML: {e}")))?;
    doc.descendants()
        .find(|n| n.has_tag_name("request_token"))
        .and_then(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| WapError::BadAnswer("res_data has no request_token".into()))
}

/// Writes a `req_data` document: `<root><name>value</name>…</root>`, values
/// escaped for XML text (`&`, `<`, `>`), empty values left out. Names must be
/// XML names made of ASCII letters, digits and `_` (the gateway's element
/// names); anything else is an error naming it.
///
/// ```
/// use alipay_mapi_runtime::variants::wap::req_data;
/// let xml = req_data("auth_and_execute_req", &[("request_token", "a<b")]).unwrap();
/// assert_eq!(xml, "<auth_and_execute_req><request_token>a&lt;b</request_token></auth_and_execute_req>");
/// ```
pub fn req_data(root: &str, fields: &[(&str, &str)]) -> Result<String, WapError> {
    let valid = |name: &str| {
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if let Some(bad) = std::iter::once(root)
        .chain(fields.iter().map(|(n, _)| *n))
        .find(|n| !valid(n))
    {
        return Err(WapError::UnknownElement(bad.to_owned()));
    }
    let mut xml = format!("<{root}>");
    for (name, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        xml.push('<');
        xml.push_str(name);
        xml.push('>');
        for c in value.chars() {
            match c {
                '&' => xml.push_str("&amp;"),
                '<' => xml.push_str("&lt;"),
                '>' => xml.push_str("&gt;"),
                c => xml.push(c),
            }
        }
        xml.push_str("</");
        xml.push_str(name);
        xml.push('>');
    }
    xml.push_str("</");
    xml.push_str(root);
    xml.push('>');
    Ok(xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(body: &str) -> ReceivedParams {
        ReceivedParams::parse(body.as_bytes(), Charset::Utf8).unwrap()
    }

    #[test]
    fn sec_ids() {
        assert_eq!(sec_id(SignType::Md5).unwrap(), "MD5");
        assert_eq!(sec_id(SignType::Rsa).unwrap(), "0001");
        assert_eq!(
            sec_id(SignType::Rsa2),
            Err(WapError::NoSecId(SignType::Rsa2))
        );
        assert_eq!(sign_type_of_sec_id("md5").unwrap(), SignType::Md5);
        assert!(matches!(
            sign_type_of_sec_id(""),
            Err(WapError::UnknownSecId(_))
        ));
    }

    #[test]
    fn the_notification_string_keeps_its_order_and_needs_all_four() {
        // Received in another order: signed in the fixed one.
        let p = params("notify_data=%3Cn%2F%3E&v=1.0&sign=x&sec_id=MD5&service=s");
        assert_eq!(
            notify_signing_string(&p, Charset::Utf8).unwrap().as_str(),
            "service=s&v=1.0&sec_id=MD5&notify_data=<n/>"
        );
        let p = params("service=s&v=&sec_id=MD5&notify_data=x");
        assert_eq!(
            notify_signing_string(&p, Charset::Utf8).unwrap_err(),
            WapError::Missing("v")
        );
    }

    #[test]
    fn the_notification_string_is_encoded_in_the_charset() {
        let p = params("service=s&v=1.0&sec_id=MD5&notify_data=%E4%B8%AD");
        let s = notify_signing_string(&p, Charset::Gbk).unwrap();
        assert!(s.as_bytes().ends_with(&[0xD6, 0xD0]));
    }

    #[cfg(feature = "md5")]
    #[test]
    fn verification_refuses_what_the_signature_does_not_cover() {
        use crate::keys::Md5Key;
        let verifier = Verifier::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap());
        let ok = "service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5\
                  &notify_data=%3Cnotify%3E%3Cnotify_id%3E1%3C%2Fnotify_id%3E%3C%2Fnotify%3E\
                  &sign=762307da5e453b2d198ee5b37695a827";
        assert!(verify_notification(ok.as_bytes(), &verifier, Charset::Utf8).is_ok());
        let with_sign_type = format!("{ok}&sign_type=MD5");
        assert_eq!(
            verify_notification(with_sign_type.as_bytes(), &verifier, Charset::Utf8).unwrap_err(),
            WapError::Unsigned("sign_type".into())
        );
        let no_sign = ok.replace("&sign=762307da5e453b2d198ee5b37695a827", "");
        assert_eq!(
            verify_notification(no_sign.as_bytes(), &verifier, Charset::Utf8).unwrap_err(),
            WapError::Missing("sign")
        );
        let twice = format!("{ok}&v=1.0");
        assert!(matches!(
            verify_notification(twice.as_bytes(), &verifier, Charset::Utf8),
            Err(WapError::Return(ReturnError::DuplicateParameter { .. }))
        ));
    }

    #[cfg(feature = "md5")]
    #[test]
    fn notify_data_is_read_and_a_refusal_shows_names_not_values() {
        use crate::keys::Md5Key;
        use crate::sign::Signer;
        let key = "t3stsecret0000000000000000000042";
        let verifier = Verifier::md5(Md5Key::new(key).unwrap());
        let signed = |notify_data: &str| {
            let string = format!("service=s&v=1.0&sec_id=MD5&notify_data={notify_data}");
            let sign = Signer::md5(Md5Key::new(key).unwrap())
                .sign_message(string.as_bytes())
                .unwrap();
            let mut body = String::from("service=s&v=1.0&sec_id=MD5&notify_data=");
            body.push_str(&crate::wire::encode_utf8(notify_data));
            body.push_str("&sign=");
            body.push_str(&sign);
            body
        };
        let body = signed(
            "<notify><notify_id>n&amp;1</notify_id><trade_status>TRADE_FINISHED</trade_status>\
             <buyer_email>b@example.com</buyer_email></notify>",
        );
        let n = verify_notification(body.as_bytes(), &verifier, Charset::Utf8).unwrap();
        assert_eq!(
            n.notify_data_fields().unwrap(),
            [
                ("notify_id".to_owned(), "n&1".to_owned()),
                ("trade_status".to_owned(), "TRADE_FINISHED".to_owned()),
                ("buyer_email".to_owned(), "b@example.com".to_owned()),
            ]
        );
        assert_eq!(
            n.notify_data_field("trade_status").unwrap().as_deref(),
            Some("TRADE_FINISHED")
        );
        // Nested, or not XML: said so.
        let nested = signed("<notify><trade><x>1</x></trade></notify>");
        let n = verify_notification(nested.as_bytes(), &verifier, Charset::Utf8).unwrap();
        assert!(
            matches!(n.notify_data_fields(), Err(WapError::NotifyData(r)) if r.contains("<trade>"))
        );
        let broken = signed("<notify>");
        let n = verify_notification(broken.as_bytes(), &verifier, Charset::Utf8).unwrap();
        assert!(matches!(
            n.notify_data_field("notify_id"),
            Err(WapError::NotifyData(_))
        ));
        // Deeply nested (a signed body, so a key holder's mistake or a
        // hostile peer): an error on a small stack, not an overflow.
        let deep = signed(&format!("{}{}", "<a>".repeat(3_500), "</a>".repeat(3_500)));
        let n = verify_notification(deep.as_bytes(), &verifier, Charset::Utf8).unwrap();
        let fields = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || n.notify_data_fields().map(|f| f.len()))
            .unwrap()
            .join()
            .unwrap();
        assert!(matches!(fields, Err(WapError::NotifyData(_))), "{fields:?}");
        // A tampered one: its message names the parameters, not the e-mail.
        let tampered = body.replace("TRADE_FINISHED", "TRADE_SUCCESS");
        let err = verify_notification(tampered.as_bytes(), &verifier, Charset::Utf8).unwrap_err();
        assert!(matches!(err, WapError::BadSignature { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains("notify_data ("), "{message}");
        assert!(!message.contains("b@example.com"), "{message}");
        assert!(err.signing_string().unwrap().contains("b@example.com"));
    }

    #[test]
    fn token_answers() {
        let err = request_token(b"res_error=%3Cerr%3Ex%3C%2Ferr%3E", Charset::Utf8).unwrap_err();
        assert_eq!(err, WapError::ResError("<err>x</err>".into()));
        assert!(matches!(
            request_token(b"partner=1", Charset::Utf8),
            Err(WapError::BadAnswer(_))
        ));
        assert!(matches!(
            request_token(b"res_data=%3Cr%3E", Charset::Utf8),
            Err(WapError::BadAnswer(_))
        ));
        assert!(matches!(
            request_token(
                b"res_data=%3Cr%3E%3Crequest_token%3E%3C%2Frequest_token%3E%3C%2Fr%3E",
                Charset::Utf8
            ),
            Err(WapError::BadAnswer(_))
        ));
        // GBK body with a GBK declaration.
        let body = b"res_data=%3C%3Fxml+version%3D%221.0%22+encoding%3D%22GBK%22%3F%3E%3Cr%3E%3Crequest_token%3E%D6%D0%3C%2Frequest_token%3E%3C%2Fr%3E";
        assert_eq!(request_token(body, Charset::Gbk).unwrap(), "中");
    }

    #[test]
    fn req_data_escapes_and_refuses_odd_names() {
        assert_eq!(
            req_data("r", &[("a", "x&y"), ("b", ""), ("c", "<>")]).unwrap(),
            "<r><a>x&amp;y</a><c>&lt;&gt;</c></r>"
        );
        assert_eq!(
            req_data("r", &[("a b", "1")]).unwrap_err(),
            WapError::UnknownElement("a b".into())
        );
        assert!(req_data("<r>", &[]).is_err());
    }
}

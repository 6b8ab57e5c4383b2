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
//!   trade's status sit inside the `notify_data` XML;
//! - **with `sec_id=0001` (RSA) the gateway encrypts `notify_data`, and the
//!   token call's `res_data`, for the merchant**: base64 of RSA PKCS#1 v1.5
//!   blocks made with the merchant's public key (the one uploaded to the
//!   gateway), which the merchant's private key decrypts block by block
//!   ([`decrypt`]). The notification's sign (SHA1withRSA, the gateway's key)
//!   is over the fixed-order string with the *decrypted* `notify_data`.
//!   [`Client::verify_wap_notification`] (or
//!   [`verify_notification_decrypting`]) decrypts with the client's signer's
//!   RSA key when `notify_data` is not XML, then verifies and reads it as
//!   usual; [`Client::wap_request_token`] (or [`request_token_decrypting`])
//!   does the same for `res_data`.
//!
//! Evidence: the Python library `lxneng/alipay` (`WapAlipay`,
//! `_generate_md5_notify_sign`), the Ruby library `chloerei/alipay`
//! (`Wap::Service`, `Wap::Sign::SORTED_VERIFY_PARAMS`), the PHP library
//! omnipay-alipay's older `WapExpress*` requests; for the encryption, the
//! official WAP demo: PHP `AlipayNotify::verifyNotify` (when `sign_type` is
//! `0001`, `notify_data` goes through `rsaDecrypt(…, private_key_path)`
//! before `getSignVeryfy`: `base64_decode`, then `openssl_private_decrypt`
//! of each 128-byte piece, concatenated) and `AlipaySubmit::parseResponse`
//! (the same for `res_data`), Java `AlipayNotify.verifyNotify` /
//! `RSA.decrypt` (`Cipher.getInstance("RSA")` over 128-byte blocks, the
//! bytes read in `input_charset`); see `docs/PROTOCOL.md`.

use std::fmt;

use crate::charset::{Charset, CharsetError};
use crate::request::{Client, RequestError};
use crate::service::{BaseParams, FieldError, ServiceRequest, ServiceReturn};
use crate::sign::{SignError, SignType, SignatureError, Signer, Verifier};
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
///
/// As with [`ReturnError`], neither `Display` nor `Debug` shows a refused
/// signature's string (it holds `notify_data`, decrypted): only its
/// length and parameter names; [`signing_string`](Self::signing_string)
/// gives it.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    /// `notify_data` (of a notification with `sec_id=0001`) or `res_data` (of
    /// a token answer) is encrypted for the merchant, and could not be
    /// decrypted: why is `reason`.
    Encrypted {
        /// `notify_data` or `res_data`.
        param: &'static str,
        /// Why it could not be decrypted.
        reason: DecryptError,
    },
}

/// Why an encrypted `notify_data` or `res_data` could not be decrypted (see
/// [`decrypt`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecryptError {
    /// There is no merchant RSA private key to decrypt with: none was given
    /// (`signer: None`), or the signer given signs with another sign type
    /// (MD5, DSA) and holds no RSA key.
    NoPrivateKey {
        /// The sign type of the signer given, if one was.
        signer: Option<SignType>,
    },
    /// The value is not base64 (why, as the decoder says).
    Base64(String),
    /// The decoded bytes are not whole blocks of the merchant key's modulus
    /// length: encrypted for a key of another size.
    Length {
        /// How many bytes were decoded.
        len: usize,
        /// The key's block (modulus) length in bytes.
        block: usize,
    },
    /// Decrypting with the merchant private key gave no XML (or a block did
    /// not decrypt at all): it was encrypted for another key.
    WrongKey {
        /// The size of the key that was tried, in bits.
        bits: usize,
    },
}

impl fmt::Display for DecryptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecryptError::NoPrivateKey { signer: None } => f.write_str(
                "no merchant RSA private key was given to decrypt it: verify with \
                 Client::verify_wap_notification (or variants::wap::verify_notification_decrypting) \
                 and a client whose signer holds the merchant RSA private key",
            ),
            DecryptError::NoPrivateKey {
                signer: Some(sign_type),
            } => write!(
                f,
                "the client's signer signs with {sign_type} and holds no RSA private key: decrypting \
                 needs the merchant RSA private key whose public half was uploaded to the gateway \
                 (a client signing with RSA, with the `rsa` cargo feature)"
            ),
            DecryptError::Base64(reason) => write!(f, "it is not base64 ({reason})"),
            DecryptError::Length { len, block } => write!(
                f,
                "its {len} bytes are not whole blocks of the merchant key's {block} bytes: \
                 was it encrypted for a key of another size?"
            ),
            DecryptError::WrongKey { bits } => write!(
                f,
                "decrypting it with the merchant RSA private key you configured ({bits} bits) gave \
                 no XML: it was encrypted for another key (the merchant public key uploaded to the \
                 gateway must be this private key's public half)"
            ),
        }
    }
}

impl std::error::Error for DecryptError {}

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

impl fmt::Debug for WapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WapError::UnknownSecId(s) => f.debug_tuple("UnknownSecId").field(s).finish(),
            WapError::NoSecId(t) => f.debug_tuple("NoSecId").field(t).finish(),
            WapError::Missing(p) => f.debug_tuple("Missing").field(p).finish(),
            WapError::SecIdMismatch { sent, signer } => f
                .debug_struct("SecIdMismatch")
                .field("sent", sent)
                .field("signer", signer)
                .finish(),
            WapError::Unsigned(p) => f.debug_tuple("Unsigned").field(p).finish(),
            WapError::UnexpectedSignType {
                received,
                configured,
            } => crate::verify::debug_unexpected(f, *received, *configured),
            WapError::BadSignature {
                sign_type,
                signing_string,
                error,
            } => f
                .debug_struct("BadSignature")
                .field("sign_type", sign_type)
                .field(
                    "signing_string",
                    &crate::verify::Withheld(signing_string.len()),
                )
                .field("params", &crate::verify::describe_params(signing_string))
                .field("error", error)
                .finish(),
            WapError::Return(e) => f.debug_tuple("Return").field(e).finish(),
            WapError::Charset(e) => f.debug_tuple("Charset").field(e).finish(),
            WapError::Request(e) => f.debug_tuple("Request").field(e).finish(),
            WapError::UnknownElement(e) => f.debug_tuple("UnknownElement").field(e).finish(),
            WapError::ResError(e) => f.debug_tuple("ResError").field(e).finish(),
            WapError::BadAnswer(e) => f.debug_tuple("BadAnswer").field(e).finish(),
            WapError::NotifyData(e) => f.debug_tuple("NotifyData").field(e).finish(),
            WapError::Encrypted { param, reason } => f
                .debug_struct("Encrypted")
                .field("param", param)
                .field("reason", reason)
                .finish(),
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
                    SignatureError::Mismatch => {
                        write!(
                            f,
                            "signature does not match {} (sec_id {sign_type}, \
                             fixed-order signed parameters: {params}); see the signing string \
                             (`signing_string()`; the CLI's --explain)",
                            if *sign_type == SignType::Md5 {
                                "the MD5 key you configured"
                            } else {
                                crate::verify::RSA_KEY_HINT
                            }
                        )?;
                        match crate::verify::lossy_decoding_hint(signing_string) {
                            Some(hint) => f.write_str(hint),
                            None => Ok(()),
                        }
                    }
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
            WapError::Encrypted { param, reason } => write!(
                f,
                "{param} is encrypted (sec_id 0001: RSA PKCS#1 v1.5 with the merchant's public key, \
                 which the official WAP demo decrypts with the merchant private key before reading \
                 it) and could not be decrypted: {reason}"
            ),
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
    decrypted: bool,
}

impl Notification {
    /// Every received parameter (`notify_data` decrypted, when it came
    /// encrypted).
    pub fn params(&self) -> &ReceivedParams {
        &self.params
    }

    /// The `notify_data` XML (where `notify_id` and the trade's status are),
    /// decrypted when it came encrypted.
    pub fn notify_data(&self) -> &str {
        self.params.get("notify_data").unwrap_or_default()
    }

    /// Whether `notify_data` came encrypted (`sec_id=0001`) and was
    /// decrypted with the merchant's private key before it was verified.
    pub fn notify_data_was_encrypted(&self) -> bool {
        self.decrypted
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

    /// The fixed-order string that was verified (with `notify_data`
    /// decrypted, when it came encrypted).
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
/// spaces in `sign` are read as `+` and its line breaks dropped, as for other
/// returns ([`SignType::received_sign`]).
///
/// With `sec_id=0001` the gateway sends `notify_data` encrypted for the
/// merchant: without the merchant's private key it cannot be verified, and
/// such a body is [`WapError::Encrypted`] with
/// [`DecryptError::NoPrivateKey`]. Verify those with
/// [`Client::verify_wap_notification`] or [`verify_notification_decrypting`].
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
    verify_received(params, verifier, None, charset)
}

/// [`verify_notification`], decrypting an encrypted `notify_data` first
/// with the merchant's RSA private key, which `merchant` (the client's
/// signer) holds.
///
/// The rule, from the official WAP demo (PHP `AlipayNotify::verifyNotify`,
/// Java `AlipayNotify.verifyNotify`): when `sec_id` is `0001` and
/// `notify_data` is not XML (does not start with `<` once leading whitespace
/// is left out), it is decrypted ([`decrypt`]: base64, then RSA PKCS#1 v1.5
/// block by block), and the sign — SHA1withRSA, checked with `verifier`, the
/// gateway's public key — is over `service=…&v=…&sec_id=…&notify_data=…`
/// with the *decrypted* `notify_data` bytes. The verified
/// [`Notification`] holds the decrypted XML. An MD5 notification, or one
/// whose `notify_data` is XML, is verified as [`verify_notification`] does.
///
/// A `notify_data` that cannot be decrypted is [`WapError::Encrypted`]
/// saying why: no RSA key in `merchant`, not base64, not whole blocks of the
/// key, or a ciphertext for another key ([`DecryptError::WrongKey`]). Every
/// block is decrypted and the sign checked before a failure is reported, so
/// that how long a refusal takes does not tell a block that failed from a
/// sign that did not match; still, answer the sender of a refused
/// notification only with [`FAILURE`](crate::notify::FAILURE), never with
/// the error's text.
pub fn verify_notification_decrypting(
    body: &[u8],
    verifier: &Verifier,
    merchant: &Signer,
    charset: Charset,
) -> Result<Notification, WapError> {
    let params = ReceivedParams::parse(body, charset).map_err(WapError::Return)?;
    verify_params_decrypting(params, verifier, merchant, charset)
}

/// [`verify_notification_decrypting`] on parameters already read.
pub fn verify_params_decrypting(
    params: ReceivedParams,
    verifier: &Verifier,
    merchant: &Signer,
    charset: Charset,
) -> Result<Notification, WapError> {
    verify_received(params, verifier, Some(merchant), charset)
}

impl Client {
    /// Verifies a WAP 2.0 notification's raw form body with this client's
    /// verifier (the gateway's public key, or the MD5 key) in its charset,
    /// decrypting an encrypted `notify_data` (`sec_id=0001`) with its
    /// signer's RSA private key first (see
    /// [`verify_notification_decrypting`] for the rule and its source).
    ///
    /// A client without a verifier is
    /// `WapError::Return(ReturnError::NoVerifier)`.
    pub fn verify_wap_notification(&self, body: &[u8]) -> Result<Notification, WapError> {
        let verifier = self
            .verifier()
            .ok_or(WapError::Return(ReturnError::NoVerifier))?;
        verify_notification_decrypting(body, verifier, self.signer(), self.charset())
    }

    /// The `request_token` of an `alipay.wap.trade.create.direct` answer
    /// body, read in this client's charset, decrypting an encrypted
    /// `res_data` (`sec_id=0001`) with its signer's RSA private key (see
    /// [`request_token_decrypting`]).
    pub fn wap_request_token(&self, body: &[u8]) -> Result<String, WapError> {
        request_token_decrypting(body, self.charset(), self.signer())
    }
}

/// Whether a `notify_data` or `res_data` value is the encrypted form: not XML
/// (it does not start with `<` once leading whitespace is left out), as the
/// official demo tells them apart by `sec_id` alone (its encrypted form is
/// base64, which never starts with `<`).
fn is_encrypted(value: &str) -> bool {
    !value.is_empty() && !value.trim_start().starts_with('<')
}

/// Whether a received WAP 2.0 notification's `notify_data` is encrypted for
/// the merchant: its `sec_id` is `0001` (RSA) and the value is not XML (see
/// [`verify_notification_decrypting`]), so that its sign covers the
/// decrypted text.
pub fn notify_data_is_encrypted(params: &ReceivedParams) -> bool {
    sign_type_of_sec_id(params.get("sec_id").unwrap_or_default()).ok() == Some(SignType::Rsa)
        && is_encrypted(params.get("notify_data").unwrap_or_default())
}

fn verify_received(
    params: ReceivedParams,
    verifier: &Verifier,
    merchant: Option<&Signer>,
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
    let sign = configured.received_sign(sign).into_owned();
    if notify_data_is_encrypted(&params) {
        return verify_encrypted(params, verifier, merchant, charset, &sign);
    }
    let signing_string = notify_signing_string(&params, charset)?;
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
        decrypted: false,
    })
}

/// The rest of [`verify_received`] for an encrypted `notify_data`: decrypt,
/// check the sign over the fixed-order string with the decrypted bytes,
/// then read them.
fn verify_encrypted(
    params: ReceivedParams,
    verifier: &Verifier,
    merchant: Option<&Signer>,
    charset: Charset,
    sign: &str,
) -> Result<Notification, WapError> {
    let encrypted = |reason| WapError::Encrypted {
        param: "notify_data",
        reason,
    };
    let notify_data = params.get("notify_data").unwrap_or_default();
    let (decrypted, bits) = decrypt_blocks(notify_data, merchant).map_err(encrypted)?;
    // The fixed-order string with the decrypted bytes as they are: what the
    // gateway signed (the PHP demo signs them as they are, Java reads them
    // in input_charset first).
    let mut text = String::with_capacity(64 + decrypted.plaintext.len());
    let mut bytes = Vec::with_capacity(64 + decrypted.plaintext.len());
    for name in ["service", "v", "sec_id"] {
        let value = match params.get(name) {
            None | Some("") => return Err(WapError::Missing(name)),
            Some(value) => value,
        };
        if !bytes.is_empty() {
            text.push('&');
            bytes.push(b'&');
        }
        text.push_str(name);
        text.push('=');
        text.push_str(value);
        bytes.extend_from_slice(name.as_bytes());
        bytes.push(b'=');
        bytes.extend_from_slice(&charset.encode(name, value)?);
    }
    text.push_str("&notify_data=");
    bytes.extend_from_slice(b"&notify_data=");
    bytes.extend_from_slice(&decrypted.plaintext);
    // Checked whatever the decryption gave, before a failed block is
    // reported (see `verify_notification_decrypting`).
    let checked = verifier.verify_message(&bytes, sign);
    let xml = charset
        .decode(&decrypted.plaintext)
        .ok()
        .filter(|xml| xml.trim_start().starts_with('<'));
    let xml = match (decrypted.failed, xml, &checked) {
        (false, Some(xml), _) => xml,
        // Authentic, but not XML in the charset: the gateway's own text,
        // read strictly as any value.
        (false, None, Ok(())) => charset.decode(&decrypted.plaintext).map_err(|_| {
            WapError::Return(ReturnError::Decode(crate::DecodeError::Charset(
                CharsetError::Undecodable {
                    param: Some("notify_data".to_owned()),
                    charset,
                },
            )))
        })?,
        _ => return Err(encrypted(DecryptError::WrongKey { bits })),
    };
    text.push_str(&xml);
    if let Err(error) = checked {
        return Err(WapError::BadSignature {
            sign_type: SignType::Rsa,
            signing_string: text,
            error,
        });
    }
    let params = params
        .with_value("notify_data", &decrypted.plaintext)
        .map_err(WapError::Return)?;
    Ok(Notification {
        params,
        sign_type: SignType::Rsa,
        signing_string: SigningString::from_joined(text, bytes, charset),
        decrypted: true,
    })
}

/// Decrypts a value the WAP 2.0 gateway encrypted for the merchant
/// (`notify_data` of a notification, `res_data` of a token answer, with
/// `sec_id=0001`) with the merchant's RSA private key, which `merchant` (the
/// client's signer, signing `RSA`) holds: the bytes of the plaintext, in the
/// request's charset.
///
/// The rule, from the official WAP demo (PHP `rsaDecrypt`, Java
/// `RSA.decrypt`): base64-decode the value; split the bytes into blocks of
/// the key's modulus length (128 bytes for a 1024-bit key); decrypt each
/// with RSA PKCS#1 v1.5 (RSAES-PKCS1-v1_5); concatenate. The gateway made
/// them with `openssl pkeyutl -encrypt`-style PKCS#1 v1.5 encryption of
/// 117-byte pieces (1024-bit key) under the merchant's public key. Line
/// breaks in the base64 are dropped and spaces read as `+`, as in a sign.
///
/// Errors ([`DecryptError`]): no RSA private key in `merchant`, not base64,
/// not whole blocks, a block that does not decrypt
/// ([`DecryptError::WrongKey`]). A ciphertext made for another key of the
/// same size usually *does* decrypt, to pseudo-random bytes (implicit
/// rejection, which keeps the padding check from leaking): authenticate what
/// this returns — the notification's sign does, which is why
/// [`verify_notification_decrypting`] is the way to read a notification.
pub fn decrypt(value: &str, merchant: &Signer) -> Result<Vec<u8>, DecryptError> {
    let (decrypted, bits) = decrypt_blocks(value, Some(merchant))?;
    if decrypted.failed {
        return Err(DecryptError::WrongKey { bits });
    }
    Ok(decrypted.plaintext)
}

/// [`decrypt`], keeping what the blocks that decrypted gave when one did
/// not, and the key's size in bits.
#[cfg(feature = "rsa")]
fn decrypt_blocks(
    value: &str,
    merchant: Option<&Signer>,
) -> Result<(Decrypted, usize), DecryptError> {
    use base64::Engine as _;
    let key = match merchant {
        None => return Err(DecryptError::NoPrivateKey { signer: None }),
        Some(signer) => signer.rsa_private_key().ok_or(DecryptError::NoPrivateKey {
            signer: Some(signer.sign_type()),
        })?,
    };
    let value = SignType::Rsa.received_sign(value.trim());
    let ciphertext = base64::engine::general_purpose::STANDARD
        .decode(value.as_bytes())
        .map_err(|e| DecryptError::Base64(e.to_string()))?;
    let decrypted =
        key.decrypt_pkcs1v15_blocks(&ciphertext)
            .map_err(|block| DecryptError::Length {
                len: ciphertext.len(),
                block,
            })?;
    Ok((decrypted, key.bits()))
}

/// Without the `rsa` feature no signer holds an RSA key.
#[cfg(not(feature = "rsa"))]
fn decrypt_blocks(
    _value: &str,
    merchant: Option<&Signer>,
) -> Result<(Decrypted, usize), DecryptError> {
    Err(DecryptError::NoPrivateKey {
        signer: merchant.map(Signer::sign_type),
    })
}

#[cfg(feature = "rsa")]
use crate::keys::Decrypted;

/// What `decrypt_blocks` gives without the `rsa` feature (never made).
#[cfg(not(feature = "rsa"))]
#[allow(dead_code)]
struct Decrypted {
    plaintext: Vec<u8>,
    failed: bool,
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
/// With `sec_id=0001` the gateway encrypts `res_data` for the merchant (the
/// official WAP demo's `parseResponse` decrypts it with the merchant private
/// key): without that key, a `res_data` that is not XML is
/// [`WapError::Encrypted`] with [`DecryptError::NoPrivateKey`]; read such an
/// answer with [`request_token_decrypting`] or [`Client::wap_request_token`].
///
/// ```
/// use alipay_mapi_runtime::{variants::wap::request_token, Charset};
/// let body = b"partner=2088101122136241&req_id=1&res_data=%3C%3Fxml+version%3D%221.0%22+encoding%3D%22utf-8%22%3F%3E\
///     %3Cdirect_trade_create_res%3E%3Crequest_token%3E20130822abc%3C%2Frequest_token%3E%3C%2Fdirect_trade_create_res%3E\
///     &sec_id=MD5&service=alipay.wap.trade.create.direct&v=2.0&sign=x";
/// assert_eq!(request_token(body, Charset::Utf8).unwrap(), "20130822abc");
/// ```
pub fn request_token(body: &[u8], charset: Charset) -> Result<String, WapError> {
    read_request_token(body, charset, None)
}

/// [`request_token`], decrypting an encrypted `res_data` (`sec_id=0001`:
/// not XML) first with the merchant's RSA private key, which `merchant`
/// holds ([`decrypt`]); a `res_data` that is XML is read as it is. A
/// `res_data` that cannot be decrypted, or does not decrypt to XML, is
/// [`WapError::Encrypted`] saying why.
pub fn request_token_decrypting(
    body: &[u8],
    charset: Charset,
    merchant: &Signer,
) -> Result<String, WapError> {
    read_request_token(body, charset, Some(merchant))
}

fn read_request_token(
    body: &[u8],
    charset: Charset,
    merchant: Option<&Signer>,
) -> Result<String, WapError> {
    let params = ReceivedParams::parse(body, charset).map_err(WapError::Return)?;
    if let Some(error) = params.get("res_error").filter(|e| !e.is_empty()) {
        return Err(WapError::ResError(error.to_owned()));
    }
    let xml = params
        .get("res_data")
        .filter(|x| !x.is_empty())
        .ok_or_else(|| WapError::BadAnswer("no res_data (nor res_error) in the body".into()))?;
    let decrypted;
    let xml = if is_encrypted(xml) {
        let encrypted = |reason| WapError::Encrypted {
            param: "res_data",
            reason,
        };
        let (plain, bits) = decrypt_blocks(xml, merchant).map_err(encrypted)?;
        decrypted = charset
            .decode(&plain.plaintext)
            .ok()
            .filter(|xml| !plain.failed && xml.trim_start().starts_with('<'))
            .ok_or_else(|| encrypted(DecryptError::WrongKey { bits }))?
            .into_owned();
        decrypted.as_str()
    } else {
        xml
    };
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

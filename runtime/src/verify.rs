//! Verifying what the gateway sends back: the page-redirect return (a URL the
//! buyer's browser arrives at) and, with the same rule, the asynchronous
//! notification (a form body).
//!
//! Every received parameter takes part in the signing string, declared or
//! not; only `sign` and `sign_type` are left out. A parameter received twice
//! is refused: a signature can only vouch for one value of a name.

use std::fmt;

use crate::charset::{Charset, CharsetError};
use crate::request::Client;
use crate::sign::{SignType, SignatureError, UnknownSignType, Verifier};
use crate::signing::{signing_string, SigningString};
use crate::wire::{self, DecodeError};

/// The largest return URL, query string or form body accepted, in bytes.
///
/// A page-redirect return or a notification of the gateway is a few
/// kilobytes; anything above this limit is refused before it is parsed.
pub const MAX_INPUT_LEN: usize = 64 * 1024;

/// Parameters as received, in order, decoded in the request charset, with no
/// name twice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceivedParams(Vec<(String, String)>);

impl ReceivedParams {
    /// The value of `name`, if it was received.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every parameter, in the order received.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The pairs, in the order received.
    pub fn as_slice(&self) -> &[(String, String)] {
        &self.0
    }

    /// How many parameters were received.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing was received.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pairs, in the order received.
    pub fn into_vec(self) -> Vec<(String, String)> {
        self.0
    }

    /// Removes parameter `name`, returning its value if it was received.
    ///
    /// For a tool told to verify as one sign type whatever the received
    /// `sign_type` says: [`verify_params`] refuses a `sign_type` other than
    /// the verifier's, so the tool drops it first (it is never part of the
    /// signing string).
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let index = self.0.iter().position(|(n, _)| n == name)?;
        Some(self.0.remove(index).1)
    }

    /// Reads a return URL (`https://merchant/return?…`), a bare query string
    /// (with or without its `?`), or a form body. Refuses inputs over
    /// [`MAX_INPUT_LEN`], invalid percent-encoding, bytes that are not valid in
    /// `charset`, and names received twice.
    pub fn parse(input: &[u8], charset: Charset) -> Result<Self, ReturnError> {
        check_len(input.len())?;
        Self::from_pairs(decode_input(input, charset)?)
    }

    /// Reads a request that carries parameters both in its URL's query string
    /// and in a form body (a POST to a URL with a query), as one set. A name
    /// in both places is refused like any name received twice: a signature
    /// can only vouch for one value, and an attacker could otherwise add a
    /// second one the application reads instead.
    pub fn parse_query_and_body(
        url_or_query: &[u8],
        body: &[u8],
        charset: Charset,
    ) -> Result<Self, ReturnError> {
        check_len(url_or_query.len().saturating_add(body.len()))?;
        let mut pairs = decode_input(url_or_query, charset)?;
        pairs.extend(wire::decode_pairs(body, charset).map_err(ReturnError::Decode)?);
        Self::from_pairs(pairs)
    }

    fn from_pairs(pairs: Vec<(String, String)>) -> Result<Self, ReturnError> {
        // A return or notification has a few dozen parameters: comparing
        // each name with the ones before it is quicker than hashing them all;
        // beyond that, a set keeps it linear.
        if pairs.len() <= 64 {
            for (i, (name, _)) in pairs.iter().enumerate() {
                if pairs.iter().take(i).any(|(n, _)| n == name) {
                    return Err(ReturnError::DuplicateParameter { name: name.clone() });
                }
            }
            return Ok(ReceivedParams(pairs));
        }
        let mut seen = std::collections::HashSet::with_capacity(pairs.len());
        for (name, _) in &pairs {
            if !seen.insert(name.as_str()) {
                return Err(ReturnError::DuplicateParameter { name: name.clone() });
            }
        }
        Ok(ReceivedParams(pairs))
    }
}

fn check_len(len: usize) -> Result<(), ReturnError> {
    if len > MAX_INPUT_LEN {
        return Err(ReturnError::TooLarge {
            len,
            limit: MAX_INPUT_LEN,
        });
    }
    Ok(())
}

/// The pairs of a URL (its query string), a bare query string or a form body.
fn decode_input(input: &[u8], charset: Charset) -> Result<Vec<(String, String)>, ReturnError> {
    wire::decode_pairs(query_of(input), charset).map_err(ReturnError::Decode)
}

/// The query string of a URL, or the input itself without a leading `?`.
fn query_of(input: &[u8]) -> &[u8] {
    let is_url = [&b"https://"[..], b"http://", b"/"].iter().any(|p| {
        input
            .get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    });
    let query = if is_url {
        let without_fragment = input.split(|&b| b == b'#').next().unwrap_or_default();
        match without_fragment.iter().position(|&b| b == b'?') {
            Some(q) => without_fragment.get(q + 1..).unwrap_or_default(),
            None => &[][..],
        }
    } else {
        input.strip_prefix(b"?").unwrap_or(input)
    };
    query
}

impl<'a> IntoIterator for &'a ReceivedParams {
    type Item = (&'a str, &'a str);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a str, &'a str),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// A return or notification whose signature checked out and whose
/// `is_success` (when present) is `T`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedReturn {
    params: ReceivedParams,
    sign_type: SignType,
    signing_string: SigningString,
}

impl VerifiedReturn {
    /// Every received parameter, `sign` and `sign_type` included.
    pub fn params(&self) -> &ReceivedParams {
        &self.params
    }

    /// The value of one received parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name)
    }

    /// The sign type that was checked.
    pub fn sign_type(&self) -> SignType {
        self.sign_type
    }

    /// The signing string the signature was checked over.
    pub fn signing_string(&self) -> &SigningString {
        &self.signing_string
    }

    /// The received parameters.
    pub fn into_params(self) -> ReceivedParams {
        self.params
    }
}

/// A return or notification that was not accepted — or a gateway failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReturnError {
    /// The input is over [`MAX_INPUT_LEN`].
    TooLarge {
        /// The input's length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The input is not a well-formed query string in the charset.
    Decode(DecodeError),
    /// A parameter name appears twice.
    DuplicateParameter {
        /// The name.
        name: String,
    },
    /// There is no `sign` parameter (and `is_success` is not `F`).
    MissingSign,
    /// `sign_type` is not a sign type of the gateway.
    UnknownSignType(UnknownSignType),
    /// `sign_type` is not the one the verifier is configured for: a return
    /// signed `MD5` is refused by an `RSA` verifier, so an attacker cannot
    /// downgrade to a weaker scheme.
    UnexpectedSignType {
        /// What the parameters say.
        received: SignType,
        /// What the verifier checks.
        configured: SignType,
    },
    /// The client has no verifier (see [`Client::with_verifier`]).
    NoVerifier,
    /// A received value cannot be re-encoded in the charset for the signing
    /// string.
    Charset(CharsetError),
    /// The bytes are not valid in the client's charset but are in the other
    /// one, and nothing received says which was meant (returns carry no
    /// `_input_charset`): the request was most likely signed with the other.
    CharsetMismatch {
        /// The client's charset, which the bytes are not valid in.
        configured: Charset,
        /// The charset they are valid in.
        valid_in: Charset,
    },
    /// The signature does not verify.
    BadSignature {
        /// The sign type that was checked.
        sign_type: SignType,
        /// The signing string that was checked (never a key), so a user can
        /// see why it failed.
        signing_string: String,
        /// Malformed sign or mismatch.
        error: SignatureError,
    },
    /// The gateway answered `is_success=F` with `error=CODE`: not a forgery,
    /// a failure the gateway reports.
    Gateway {
        /// The `error` parameter (empty when the gateway sent none).
        code: String,
        /// Whether a signature came with it and checked out. A failure
        /// without a `sign` is passed on unsigned; treat it as a hint only.
        signed: bool,
        /// Every received parameter.
        params: ReceivedParams,
    },
    /// The return URL's parameters sit after `#`: the `return_url` was a
    /// hash-routed page (`https://shop/#/pay/return`), the gateway appended
    /// `?is_success=…` to it, and everything after `#` is the fragment, which
    /// a URL's query does not include (and which browsers never send to a
    /// server).
    ParamsAfterFragment {
        /// The fragment, from `#` on.
        fragment: String,
    },
}

impl fmt::Display for ReturnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReturnError::TooLarge { len, limit } => write!(
                f,
                "received {len} bytes, more than the {limit} a return or notification may have"
            ),
            ReturnError::Decode(e) => write!(f, "cannot read the received parameters: {e}"),
            ReturnError::DuplicateParameter { name } => write!(
                f,
                "parameter `{name}` is received more than once; refusing a return a signature cannot cover"
            ),
            ReturnError::MissingSign => f.write_str("the received parameters carry no `sign`"),
            ReturnError::UnknownSignType(e) => e.fmt(f),
            ReturnError::UnexpectedSignType {
                received,
                configured,
            } => write!(
                f,
                "received sign_type {received}, but the verifier is configured for {configured}"
            ),
            ReturnError::NoVerifier => f.write_str(
                "no verifier is configured: give the client the gateway's public key (or the MD5 key) with with_verifier",
            ),
            ReturnError::Charset(e) => e.fmt(f),
            ReturnError::CharsetMismatch {
                configured,
                valid_in,
            } => write!(
                f,
                "the received bytes are not valid {configured}, the client's charset; these bytes are {}: the request was signed with {valid_in}? (configure the client with that charset)",
                match valid_in {
                    Charset::Utf8 => "UTF-8",
                    _ => "GBK",
                }
            ),
            ReturnError::BadSignature {
                sign_type,
                signing_string,
                error,
            } => {
                let key = match sign_type {
                    SignType::Md5 => "the MD5 key",
                    _ => "the gateway public key",
                };
                let params = describe_params(signing_string);
                match error {
                    SignatureError::Mismatch => write!(
                        f,
                        "signature does not match {key} you configured (sign_type {sign_type}, signed parameters: {params}; the signing string itself is in ReturnError::signing_string)"
                    ),
                    SignatureError::Malformed { reason } => write!(
                        f,
                        "malformed {sign_type} sign: {reason} (signed parameters: {params})"
                    ),
                }
            }
            ReturnError::Gateway { code, signed, .. } => {
                write!(f, "the gateway reports failure: is_success=F, error={code}")?;
                if !signed {
                    f.write_str(" (unsigned)")?;
                }
                Ok(())
            }
            ReturnError::ParamsAfterFragment { fragment } => {
                let shown: String = fragment.chars().take(40).collect();
                write!(
                    f,
                    "the return's parameters sit after `#` (`{shown}…`), in the URL's fragment, not its query: \
                     the return_url is a hash-routed page; give the gateway a return_url without `#` \
                     (a server route), or verify the text after the fragment's `?`"
                )
            }
        }
    }
}

impl ReturnError {
    /// The signing string a refused signature was checked over (for
    /// debugging: it holds the received values, e-mail addresses and names
    /// included, which is why `Display` shows only parameter names).
    pub fn signing_string(&self) -> Option<&str> {
        match self {
            ReturnError::BadSignature { signing_string, .. } => Some(signing_string),
            _ => None,
        }
    }
}

/// `name (n bytes), …` of a signing string: what a log may show of it.
fn describe_params(signing_string: &str) -> String {
    let mut params: Vec<(&str, usize)> = Vec::new();
    for piece in signing_string.split('&') {
        let starts_param = piece.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        });
        match (starts_param, params.last_mut()) {
            (false, Some((_, len))) => *len += 1 + piece.len(),
            _ => {
                let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
                params.push((name, value.len()));
            }
        }
    }
    if params.is_empty() {
        return "none".to_owned();
    }
    params
        .iter()
        .map(|(name, len)| match len {
            1 => format!("{name} (1 byte)"),
            len => format!("{name} ({len} bytes)"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl std::error::Error for ReturnError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReturnError::Decode(e) => Some(e),
            ReturnError::UnknownSignType(e) => Some(e),
            ReturnError::Charset(e) => Some(e),
            ReturnError::BadSignature { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Checks received parameters with `verifier`, over *all* of them, their
/// signing string encoded in `charset`.
///
/// `sign_type`, when received, must name the verifier's sign type (ignoring
/// case); when absent, the verifier's is assumed. Some servers turn the `+` of
/// a base64 sign into a space on the way back: for `RSA`, `RSA2` and `DSA`
/// signs — and only for the `sign` value — spaces are read as `+`.
pub fn verify_params(
    params: ReceivedParams,
    verifier: &Verifier,
    charset: Charset,
) -> Result<VerifiedReturn, ReturnError> {
    let failed = params.get("is_success") == Some("F");
    let Some(sign) = params.get("sign") else {
        if failed {
            return Err(gateway_failure(params, false));
        }
        return Err(ReturnError::MissingSign);
    };
    let configured = verifier.sign_type();
    check_sign_type(params.get("sign_type"), configured)?;
    let signing_string =
        signing_string(params.as_slice(), charset).map_err(ReturnError::Charset)?;
    let sign = configured.received_sign(sign);
    if let Err(error) = verifier.verify(&signing_string, &sign) {
        return Err(ReturnError::BadSignature {
            sign_type: configured,
            signing_string: signing_string.as_str().to_owned(),
            error,
        });
    }
    if failed {
        return Err(gateway_failure(params, true));
    }
    Ok(VerifiedReturn {
        params,
        sign_type: configured,
        signing_string,
    })
}

fn gateway_failure(params: ReceivedParams, signed: bool) -> ReturnError {
    ReturnError::Gateway {
        code: params.get("error").unwrap_or_default().to_owned(),
        signed,
        params,
    }
}

impl Client {
    /// Verifies a page-redirect return: the full return URL, its query string,
    /// or (for a form post) its body, and hands back every parameter untyped.
    /// For a declared interface, [`Client::verify_return`] reads them into its
    /// `Response`.
    ///
    /// The charset is the received `_input_charset` (or `charset`) when there
    /// is one, else the client's (see [`received_charset`]).
    ///
    /// `Ok` means the signature checked out over every received parameter and
    /// `is_success` is not `F`; [`ReturnError::Gateway`] is the gateway's own
    /// failure report, distinct from a bad signature.
    pub fn verify_return_params(&self, input: &str) -> Result<VerifiedReturn, ReturnError> {
        check_fragment(input)?;
        self.verify_bytes(input.as_bytes(), None)
    }

    /// Verifies an asynchronous notification from its raw form body (the
    /// bytes as received, never a framework's decoded form) and the request's
    /// `Content-Type` header, with the same rule as a return.
    ///
    /// The charset is, in this order: `_input_charset` or `charset` in the
    /// body; the `charset=` of `content_type`; the client's. The bytes are
    /// decoded strictly in it: a GBK body read as UTF-8 is an error that says
    /// the bytes are GBK ([`ReturnError::CharsetMismatch`]), never text with
    /// replacement characters.
    pub fn verify_notification_params(
        &self,
        body: &[u8],
        content_type: Option<&str>,
    ) -> Result<VerifiedReturn, ReturnError> {
        self.verify_bytes(body, content_type)
    }

    /// Verifies a request whose parameters come both in the URL's query
    /// string and in a form body, as one set; a name in both is refused
    /// (see [`ReceivedParams::parse_query_and_body`]).
    pub fn verify_query_and_body_params(
        &self,
        url_or_query: &str,
        body: &[u8],
    ) -> Result<VerifiedReturn, ReturnError> {
        let verifier = self.verifier().ok_or(ReturnError::NoVerifier)?;
        let declared = match received_charset(url_or_query.as_bytes())? {
            Some(c) => Some(c),
            None => received_charset(body)?,
        };
        let charset = declared.unwrap_or(self.charset());
        let params = ReceivedParams::parse_query_and_body(url_or_query.as_bytes(), body, charset)
            .map_err(|e| self.hint_charset(e, declared, body))?;
        verify_params(params, verifier, charset)
    }

    /// The charset a received return or notification is read in: its
    /// `_input_charset` / `charset` parameter, then `content_type`'s
    /// `charset=`, then the client's.
    pub fn received_charset(
        &self,
        input: &[u8],
        content_type: Option<&str>,
    ) -> Result<Charset, ReturnError> {
        Ok(self
            .declared_charset(input, content_type)?
            .unwrap_or(self.charset()))
    }

    fn declared_charset(
        &self,
        input: &[u8],
        content_type: Option<&str>,
    ) -> Result<Option<Charset>, ReturnError> {
        if let Some(charset) = received_charset(input)? {
            return Ok(Some(charset));
        }
        content_type
            .map(content_type_charset)
            .transpose()
            .map(Option::flatten)
    }

    fn verify_bytes(
        &self,
        input: &[u8],
        content_type: Option<&str>,
    ) -> Result<VerifiedReturn, ReturnError> {
        let verifier = self.verifier().ok_or(ReturnError::NoVerifier)?;
        let declared = self.declared_charset(input, content_type)?;
        let charset = declared.unwrap_or(self.charset());
        let params = ReceivedParams::parse(input, charset)
            .map_err(|e| self.hint_charset(e, declared, input))?;
        verify_params(params, verifier, charset)
    }

    /// With no declared charset, bytes invalid in the client's charset but
    /// valid in the other one get an error that says so.
    fn hint_charset(
        &self,
        error: ReturnError,
        declared: Option<Charset>,
        input: &[u8],
    ) -> ReturnError {
        let undecodable = matches!(
            error,
            ReturnError::Decode(DecodeError::Charset(CharsetError::Undecodable { .. }))
        );
        if declared.is_some() || !undecodable {
            return error;
        }
        let configured = self.charset();
        let other = match configured {
            Charset::Utf8 => Charset::Gbk,
            Charset::Gbk | Charset::Gb2312 => Charset::Utf8,
        };
        match ReceivedParams::parse(input, other) {
            Ok(_) => ReturnError::CharsetMismatch {
                configured,
                valid_in: other,
            },
            Err(_) => error,
        }
    }
}

/// Refuses a return URL whose signed parameters were put after its `#`
/// (a hash-routed `return_url`): they are not the URL's query, and reading
/// the query instead would only report a missing `sign`.
fn check_fragment(input: &str) -> Result<(), ReturnError> {
    let Some((_, fragment)) = input.split_once('#') else {
        return Ok(());
    };
    let Some((_, query)) = fragment.split_once('?') else {
        return Ok(());
    };
    let signed = query.split('&').any(|pair| {
        let name = pair.split('=').next().unwrap_or_default();
        name == "sign" || name == "is_success"
    });
    if signed {
        return Err(ReturnError::ParamsAfterFragment {
            fragment: format!("#{fragment}"),
        });
    }
    Ok(())
}

/// A received `sign_type`, when there is one, must be the configured one:
/// no downgrade from RSA to MD5 by a rewritten parameter.
pub(crate) fn check_sign_type(
    received: Option<&str>,
    configured: SignType,
) -> Result<(), ReturnError> {
    let Some(received) = received else {
        return Ok(());
    };
    let received: SignType = received.parse().map_err(ReturnError::UnknownSignType)?;
    if received != configured {
        return Err(ReturnError::UnexpectedSignType {
            received,
            configured,
        });
    }
    Ok(())
}

/// The `_input_charset` (or, failing that, `charset`) parameter of a return
/// URL, query string or form body, read without decoding anything else:
/// `Ok(None)` when there is none, an error when its value is not a charset of
/// the gateway.
///
/// ```
/// use alipay_mapi_runtime::{verify::received_charset, Charset};
/// assert_eq!(received_charset(b"a=%D6%D0&_input_charset=gbk").unwrap(), Some(Charset::Gbk));
/// assert_eq!(received_charset(b"a=1").unwrap(), None);
/// ```
pub fn received_charset(input: &[u8]) -> Result<Option<Charset>, ReturnError> {
    let query = query_of(input);
    let mut found: Option<Vec<u8>> = None;
    for piece in query.split(|&b| b == b'&') {
        for (name, primary) in [(&b"_input_charset="[..], true), (b"charset=", false)] {
            if let Some(raw) = piece.strip_prefix(name) {
                if primary || found.is_none() {
                    found = Some(percent_decode_ascii(raw));
                }
            }
        }
        if piece.starts_with(b"_input_charset=") {
            break;
        }
    }
    let Some(label) = found else {
        return Ok(None);
    };
    let label = String::from_utf8_lossy(&label).into_owned();
    if label.is_empty() {
        return Ok(None);
    }
    label.parse().map(Some).map_err(ReturnError::Charset)
}

fn percent_decode_ascii(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let hex = |k: usize| {
            raw.get(k)
                .and_then(|&c| char::from(c).to_digit(16))
                .and_then(|d| u8::try_from(d).ok())
        };
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(h * 16 + l);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The `charset=` parameter of a `Content-Type` header value (`Ok(None)`
/// when it has none); an error for a charset the gateway does not use.
///
/// ```
/// use alipay_mapi_runtime::{verify::content_type_charset, Charset};
/// let ct = "application/x-www-form-urlencoded; charset=GBK";
/// assert_eq!(content_type_charset(ct).unwrap(), Some(Charset::Gbk));
/// ```
pub fn content_type_charset(content_type: &str) -> Result<Option<Charset>, ReturnError> {
    for param in content_type.split(';').skip(1) {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("charset") {
            let value = value.trim().trim_matches('"');
            return value.parse().map(Some).map_err(ReturnError::Charset);
        }
    }
    Ok(None)
}

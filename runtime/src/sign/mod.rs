//! Sign types and the signers and verifiers behind them.
//!
//! | `sign_type` | algorithm | sign value | feature |
//! |---|---|---|---|
//! | `MD5` | md5(signing string ++ the merchant's secret key) | lowercase hex | `md5` |
//! | `RSA` | SHA1withRSA, PKCS#1 v1.5 | base64 | `rsa` |
//! | `RSA2` | SHA256withRSA, PKCS#1 v1.5 | base64 | `rsa` |
//! | `DSA` | SHA1withDSA | base64 of DER `SEQUENCE { r, s }` | `dsa` |
//!
//! A [`Signer`] holds the merchant's secret (MD5) or private key; a
//! [`Verifier`] holds the key that checks what the gateway sends: the same MD5
//! secret, or the *gateway's* public key (not the merchant's own).

use std::fmt;
use std::str::FromStr;

#[cfg(feature = "md5")]
mod md5;

use crate::keys::KeyError;
#[cfg(feature = "md5")]
use crate::keys::Md5Key;
#[cfg(feature = "dsa")]
use crate::keys::{DsaPrivateKey, DsaPublicKey};
#[cfg(feature = "rsa")]
use crate::keys::{RsaPrivateKey, RsaPublicKey};
use crate::signing::SigningString;

/// The gateway's `sign_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignType {
    /// `MD5`: a digest keyed by the merchant's 32-character secret.
    Md5,
    /// `RSA`: SHA1withRSA.
    Rsa,
    /// `RSA2`: SHA256withRSA.
    Rsa2,
    /// `DSA`: SHA1withDSA.
    Dsa,
}

impl SignType {
    /// Every sign type, in the order of the table above.
    pub const ALL: [SignType; 4] = [SignType::Md5, SignType::Rsa, SignType::Rsa2, SignType::Dsa];

    /// The value of the `sign_type` parameter.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignType::Md5 => "MD5",
            SignType::Rsa => "RSA",
            SignType::Rsa2 => "RSA2",
            SignType::Dsa => "DSA",
        }
    }

    /// The algorithm, as OpenSSL and Java name it.
    pub const fn algorithm(self) -> &'static str {
        match self {
            SignType::Md5 => "MD5(signing string ++ key), lowercase hex",
            SignType::Rsa => "SHA1withRSA (PKCS#1 v1.5), base64",
            SignType::Rsa2 => "SHA256withRSA (PKCS#1 v1.5), base64",
            SignType::Dsa => "SHA1withDSA (DER signature), base64",
        }
    }

    /// A received `sign` as it was made, by the rules for what happens to a
    /// sign on the way back (the same for returns, notifications and WAP 2.0
    /// notifications):
    ///
    /// - `RSA`, `RSA2`, `DSA` (base64): CR and LF anywhere are dropped — older
    ///   Java and PHP encoders wrap MIME base64 at 76 characters with `\r\n`,
    ///   and line breaks carry nothing in base64 — and spaces are read as `+`,
    ///   since some servers turn the `+` of a sign into a space. Spaces are
    ///   never dropped: in a base64 sign a space is a `+`.
    /// - `MD5` (hex): CR and LF at the ends are trimmed (a sign received as
    ///   `…%0D%0A`, or read as a line with its newline); nothing else is
    ///   touched, and the 32-hex-digit check comes after.
    ///
    /// Only the `sign` value is ever treated so.
    ///
    /// ```
    /// use alipay_mapi_runtime::SignType;
    /// assert_eq!(SignType::Rsa.received_sign("ab c/d="), "ab+c/d=");
    /// assert_eq!(SignType::Rsa.received_sign("ab\r\nc/d="), "abc/d=");
    /// assert_eq!(SignType::Md5.received_sign("ab c\r\n"), "ab c");
    /// ```
    pub fn received_sign(self, sign: &str) -> std::borrow::Cow<'_, str> {
        if self == SignType::Md5 {
            return std::borrow::Cow::Borrowed(trim_line_ends(sign));
        }
        if sign.contains([' ', '\r', '\n']) {
            std::borrow::Cow::Owned(
                sign.chars()
                    .filter(|&c| c != '\r' && c != '\n')
                    .map(|c| if c == ' ' { '+' } else { c })
                    .collect(),
            )
        } else {
            std::borrow::Cow::Borrowed(sign)
        }
    }
}

impl fmt::Display for SignType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `sign` without the CR and LF at its ends. A sign mostly has none: its
/// first and last bytes say so, for a fraction of the cost of the search
/// `trim_matches` sets up.
pub(crate) fn trim_line_ends(sign: &str) -> &str {
    let line_end = |b: Option<&u8>| matches!(b, Some(b'\r' | b'\n'));
    let bytes = sign.as_bytes();
    if !line_end(bytes.first()) && !line_end(bytes.last()) {
        return sign;
    }
    sign.trim_matches(['\r', '\n'])
}

/// A `sign_type` that is not `MD5`, `RSA`, `RSA2` or `DSA`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownSignType(pub String);

impl fmt::Display for UnknownSignType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown sign_type `{}` (expected MD5, RSA, RSA2 or DSA)",
            self.0
        )
    }
}

impl std::error::Error for UnknownSignType {}

impl FromStr for SignType {
    type Err = UnknownSignType;

    /// Parses a `sign_type`, ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SignType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownSignType(s.to_owned()))
    }
}

/// Why a sign could not be produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignError {
    pub(crate) sign_type: SignType,
    pub(crate) reason: String,
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} signing failed: {}", self.sign_type, self.reason)
    }
}

impl std::error::Error for SignError {}

/// Why a received sign was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureError {
    /// The sign is well formed but was not made over this signing string with
    /// the counterpart of the configured key.
    Mismatch,
    /// The sign is not even a value of its type: not hex or base64, the wrong
    /// length, a DER structure that does not parse, r or s out of range.
    Malformed {
        /// What is wrong with it.
        reason: String,
    },
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::Mismatch => f.write_str("signature does not match"),
            SignatureError::Malformed { reason } => write!(f, "malformed sign: {reason}"),
        }
    }
}

impl std::error::Error for SignatureError {}

#[derive(Clone)]
enum SignerKey {
    #[cfg(feature = "md5")]
    Md5(Md5Key),
    #[cfg(feature = "rsa")]
    Rsa(RsaPrivateKey, SignType),
    #[cfg(feature = "dsa")]
    Dsa(DsaPrivateKey),
}

/// Signs requests: the merchant's MD5 secret or private key, with its sign type.
///
/// ```
/// # #[cfg(feature = "md5")] {
/// use alipay_mapi_runtime::{keys::Md5Key, signing_string, Charset, Signer};
/// let signer = Signer::md5(Md5Key::new("10000000000000000000000000000000").unwrap());
/// let s = signing_string(&[("service", "test"), ("partner", "123")], Charset::Utf8).unwrap();
/// assert_eq!(signer.sign(&s).unwrap(), "bbd13b52823b576291595f472ebcfbc2");
/// # }
/// ```
#[derive(Clone)]
pub struct Signer {
    key: SignerKey,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("sign_type", &self.sign_type())
            .field("key", &"<redacted>")
            .finish()
    }
}

impl Signer {
    /// `MD5` with the merchant's secret key.
    #[cfg(feature = "md5")]
    pub fn md5(key: Md5Key) -> Self {
        Signer {
            key: SignerKey::Md5(key),
        }
    }

    /// `RSA` (SHA1withRSA) with the merchant's private key.
    #[cfg(feature = "rsa")]
    pub fn rsa(key: RsaPrivateKey) -> Self {
        Signer {
            key: SignerKey::Rsa(key, SignType::Rsa),
        }
    }

    /// `RSA2` (SHA256withRSA) with the merchant's private key.
    #[cfg(feature = "rsa")]
    pub fn rsa2(key: RsaPrivateKey) -> Self {
        Signer {
            key: SignerKey::Rsa(key, SignType::Rsa2),
        }
    }

    /// `DSA` (SHA1withDSA) with the merchant's private key.
    #[cfg(feature = "dsa")]
    pub fn dsa(key: DsaPrivateKey) -> Self {
        Signer {
            key: SignerKey::Dsa(key),
        }
    }

    /// A signer for `sign_type` from key text in any format the crate reads
    /// (for MD5, the secret itself). A sign type whose cargo feature is off is
    /// an error that names the feature.
    pub fn from_key_text(sign_type: SignType, text: &str) -> Result<Self, KeyError> {
        match sign_type {
            #[cfg(feature = "md5")]
            SignType::Md5 => Ok(Signer::md5(Md5Key::new(text)?)),
            #[cfg(feature = "rsa")]
            SignType::Rsa => Ok(Signer::rsa(RsaPrivateKey::load(text)?)),
            #[cfg(feature = "rsa")]
            SignType::Rsa2 => Ok(Signer::rsa2(RsaPrivateKey::load(text)?)),
            #[cfg(feature = "dsa")]
            SignType::Dsa => Ok(Signer::dsa(DsaPrivateKey::load(text)?)),
            #[allow(unreachable_patterns)]
            other => {
                let _ = text;
                Err(KeyError::feature_disabled(other))
            }
        }
    }

    /// The merchant's RSA private key, when this signer signs `RSA` or
    /// `RSA2` (it also decrypts what the WAP 2.0 gateway encrypts for the
    /// merchant: see [`variants::wap::decrypt`](crate::variants::wap::decrypt)).
    #[cfg(feature = "rsa")]
    pub(crate) fn rsa_private_key(&self) -> Option<&RsaPrivateKey> {
        match &self.key {
            SignerKey::Rsa(key, _) => Some(key),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The sign type this signer produces.
    pub fn sign_type(&self) -> SignType {
        match &self.key {
            #[cfg(feature = "md5")]
            SignerKey::Md5(_) => SignType::Md5,
            #[cfg(feature = "rsa")]
            SignerKey::Rsa(_, t) => *t,
            #[cfg(feature = "dsa")]
            SignerKey::Dsa(_) => SignType::Dsa,
            #[cfg(not(any(feature = "md5", feature = "rsa", feature = "dsa")))]
            _ => match self.key {},
        }
    }

    /// The `sign` value for a signing string.
    pub fn sign(&self, signing_string: &SigningString) -> Result<String, SignError> {
        self.sign_message(signing_string.as_bytes())
    }

    /// The `sign` value for exact message bytes, when they do not come from
    /// [`signing_string`](crate::signing_string) (test vectors, say).
    pub fn sign_message(&self, message: &[u8]) -> Result<String, SignError> {
        let mut sign = Vec::new();
        self.append_sign(message, &mut sign)?;
        Ok(crate::wire::ascii_string(sign))
    }

    /// A signature's message to feed piece by piece, then
    /// [`Message::append_sign`]: hashed as it comes for MD5, gathered into a
    /// buffer of `capacity` bytes for RSA and DSA.
    pub(crate) fn message(&self, capacity: usize) -> Message<'_> {
        match &self.key {
            #[cfg(feature = "md5")]
            SignerKey::Md5(key) => Message::Md5(md5::Stream::new(key)),
            #[allow(unreachable_patterns)]
            _ => Message::Buffered {
                signer: self,
                bytes: Vec::with_capacity(capacity),
            },
        }
    }

    /// About how many characters a `sign` of this signer has (exactly, for
    /// MD5 and RSA), to size a URL's buffer.
    pub(crate) fn sign_len_hint(&self) -> usize {
        #[cfg(any(feature = "rsa", feature = "dsa"))]
        let base64 = |bytes: usize| bytes.div_ceil(3) * 4;
        match &self.key {
            #[cfg(feature = "md5")]
            SignerKey::Md5(_) => 32,
            #[cfg(feature = "rsa")]
            SignerKey::Rsa(key, _) => base64(key.bits().div_ceil(8)),
            // DER SEQUENCE { INTEGER r, INTEGER s }, r and s at most q's size
            // plus a sign byte.
            #[cfg(feature = "dsa")]
            SignerKey::Dsa(key) => base64(2 * (key.bits().1.div_ceil(8) + 3) + 4),
            #[cfg(not(any(feature = "md5", feature = "rsa", feature = "dsa")))]
            _ => match self.key {},
        }
    }

    /// Appends the `sign` value for `message` (ASCII: hex or base64) to
    /// `out`, with no allocation of its own for MD5.
    pub(crate) fn append_sign(&self, message: &[u8], out: &mut Vec<u8>) -> Result<(), SignError> {
        match &self.key {
            #[cfg(feature = "md5")]
            SignerKey::Md5(key) => {
                md5::append_sign(key, message, out);
                Ok(())
            }
            #[cfg(feature = "rsa")]
            SignerKey::Rsa(key, t) => key
                .sign_pkcs1v15(*t, message)
                .map(|sig| base64_encode_into(&sig, out)),
            #[cfg(feature = "dsa")]
            SignerKey::Dsa(key) => key
                .sign_sha1(message)
                .map(|sig| base64_encode_into(&sig, out)),
            #[cfg(not(any(feature = "md5", feature = "rsa", feature = "dsa")))]
            _ => {
                let _ = (message, out);
                match self.key {}
            }
        }
    }
}

/// A signature's message being fed piece by piece (see [`Signer::message`]).
pub(crate) enum Message<'a> {
    /// Hashed as it comes.
    #[cfg(feature = "md5")]
    Md5(md5::Stream<'a>),
    /// Gathered, for a signer that takes the whole message.
    Buffered { signer: &'a Signer, bytes: Vec<u8> },
}

impl Message<'_> {
    /// Feeds the next bytes of the message.
    #[inline]
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        match self {
            #[cfg(feature = "md5")]
            Message::Md5(stream) => stream.update(bytes),
            Message::Buffered { bytes: all, .. } => all.extend_from_slice(bytes),
        }
    }

    /// Appends the `sign` value of the whole message to `out`.
    pub(crate) fn append_sign(self, out: &mut Vec<u8>) -> Result<(), SignError> {
        match self {
            #[cfg(feature = "md5")]
            Message::Md5(stream) => {
                stream.append_sign(out);
                Ok(())
            }
            Message::Buffered { signer, bytes } => signer.append_sign(&bytes, out),
        }
    }
}

/// A message given piece by piece.
///
/// A trait rather than a closure taking a closure: the function that takes
/// each piece (an MD5 update) is then a type parameter, inlined into the
/// loop that finds the pieces instead of called through a pointer for each.
pub(crate) trait Pieces {
    /// Calls `feed` with every piece of the message, in order.
    fn each(&self, feed: impl FnMut(&[u8]));

    /// Calls `feed(run, len)` with every piece of the message, in order:
    /// the piece is `run[..len]`, and `run` may go on past it with the
    /// bytes that follow the piece where it lies, which a consumer may read
    /// (and drop) to copy short pieces in fixed-size moves. By default
    /// nothing follows.
    fn each_run(&self, mut feed: impl FnMut(&[u8], usize)) {
        self.each(|piece| feed(piece, piece.len()));
    }
}

impl Pieces for [u8] {
    fn each(&self, mut feed: impl FnMut(&[u8])) {
        feed(self);
    }
}

#[derive(Clone)]
enum VerifierKey {
    #[cfg(feature = "md5")]
    Md5(Md5Key),
    #[cfg(feature = "rsa")]
    Rsa(RsaPublicKey, SignType),
    #[cfg(feature = "dsa")]
    Dsa(DsaPublicKey),
}

/// Verifies what the gateway sends: the MD5 secret, or the gateway's public key.
#[derive(Clone)]
pub struct Verifier {
    key: VerifierKey,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("sign_type", &self.sign_type())
            .field("key", &"<redacted>")
            .finish()
    }
}

impl Verifier {
    /// `MD5` with the merchant's secret key.
    #[cfg(feature = "md5")]
    pub fn md5(key: Md5Key) -> Self {
        Verifier {
            key: VerifierKey::Md5(key),
        }
    }

    /// `RSA` (SHA1withRSA) with the gateway's public key.
    ///
    /// The key is the partner gateway's own public key, the same for every
    /// partner, from the partner console. Neither your own key's public half
    /// nor the "Alipay public key" an open-platform application (`appid`)
    /// shows verifies what this gateway sends: the second is a common
    /// mistake in issue threads.
    #[cfg(feature = "rsa")]
    pub fn rsa(key: RsaPublicKey) -> Self {
        Verifier {
            key: VerifierKey::Rsa(key, SignType::Rsa),
        }
    }

    /// `RSA2` (SHA256withRSA) with the gateway's public key.
    ///
    /// The key is the partner gateway's own public key, the same for every
    /// partner, from the partner console. Neither your own key's public half
    /// nor the "Alipay public key" an open-platform application (`appid`)
    /// shows verifies what this gateway sends: the second is a common
    /// mistake in issue threads.
    #[cfg(feature = "rsa")]
    pub fn rsa2(key: RsaPublicKey) -> Self {
        Verifier {
            key: VerifierKey::Rsa(key, SignType::Rsa2),
        }
    }

    /// `DSA` (SHA1withDSA) with the gateway's public key.
    #[cfg(feature = "dsa")]
    pub fn dsa(key: DsaPublicKey) -> Self {
        Verifier {
            key: VerifierKey::Dsa(key),
        }
    }

    /// A verifier for `sign_type` from key text in any format the crate reads
    /// (for MD5, the secret itself).
    pub fn from_key_text(sign_type: SignType, text: &str) -> Result<Self, KeyError> {
        match sign_type {
            #[cfg(feature = "md5")]
            SignType::Md5 => Ok(Verifier::md5(Md5Key::new(text)?)),
            #[cfg(feature = "rsa")]
            SignType::Rsa => Ok(Verifier::rsa(RsaPublicKey::load(text)?)),
            #[cfg(feature = "rsa")]
            SignType::Rsa2 => Ok(Verifier::rsa2(RsaPublicKey::load(text)?)),
            #[cfg(feature = "dsa")]
            SignType::Dsa => Ok(Verifier::dsa(DsaPublicKey::load(text)?)),
            #[allow(unreachable_patterns)]
            other => {
                let _ = text;
                Err(KeyError::feature_disabled(other))
            }
        }
    }

    /// The sign type this verifier accepts.
    pub fn sign_type(&self) -> SignType {
        match &self.key {
            #[cfg(feature = "md5")]
            VerifierKey::Md5(_) => SignType::Md5,
            #[cfg(feature = "rsa")]
            VerifierKey::Rsa(_, t) => *t,
            #[cfg(feature = "dsa")]
            VerifierKey::Dsa(_) => SignType::Dsa,
            #[cfg(not(any(feature = "md5", feature = "rsa", feature = "dsa")))]
            _ => match self.key {},
        }
    }

    /// Checks `sign` over a signing string. MD5 signs compare in constant time
    /// and ignore hex case; CR and LF carry nothing (dropped anywhere in a
    /// base64 sign, trimmed at the ends of an MD5 sign: see
    /// [`SignType::received_sign`], which also reads a base64 sign's spaces
    /// as `+`).
    ///
    /// Errors: [`SignatureError::Mismatch`], or [`SignatureError::Malformed`]
    /// for a sign that is not a value of its type (not 32 hex digits, not
    /// base64 — a sign still percent-encoded, `%2B`…, is said to be so —, the
    /// wrong length, a DER structure that does not parse).
    pub fn verify(&self, signing_string: &SigningString, sign: &str) -> Result<(), SignatureError> {
        self.verify_message(signing_string.as_bytes(), sign)
    }

    /// Checks `sign` over a message given as pieces, without gathering
    /// them when the sign type hashes as it goes (MD5).
    pub(crate) fn verify_pieces(
        &self,
        pieces: &(impl Pieces + ?Sized),
        sign: &str,
    ) -> Result<(), SignatureError> {
        match &self.key {
            #[cfg(feature = "md5")]
            VerifierKey::Md5(key) => md5::verify_pieces(key, pieces, sign),
            #[allow(unreachable_patterns)]
            _ => {
                let mut message = Vec::new();
                pieces.each(|piece| message.extend_from_slice(piece));
                self.verify_message(&message, sign)
            }
        }
    }

    /// Checks `sign` over exact message bytes, when they do not come from
    /// [`signing_string`](crate::signing_string) (test vectors, say).
    pub fn verify_message(&self, message: &[u8], sign: &str) -> Result<(), SignatureError> {
        match &self.key {
            #[cfg(feature = "md5")]
            VerifierKey::Md5(key) => md5::verify(key, message, sign),
            #[cfg(feature = "rsa")]
            VerifierKey::Rsa(key, t) => key.verify_pkcs1v15(*t, message, &base64_decode(sign)?),
            #[cfg(feature = "dsa")]
            VerifierKey::Dsa(key) => key.verify_sha1(message, &base64_decode(sign)?),
            #[cfg(not(any(feature = "md5", feature = "rsa", feature = "dsa")))]
            _ => {
                let _ = (message, sign);
                match self.key {}
            }
        }
    }
}

#[cfg(any(feature = "rsa", feature = "dsa"))]
fn base64_encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    use base64::Engine as _;
    // An allocation of its own, next to an RSA or DSA signature's cost.
    out.extend_from_slice(
        base64::engine::general_purpose::STANDARD
            .encode(bytes)
            .as_bytes(),
    );
}

/// Decodes a base64 sign. CR and LF carry nothing in base64 (MIME encoders
/// wrap lines with them) and are dropped first. A sign that is still
/// percent-encoded (`%2B`, `%2F`, `%3D`: a sender encoded it twice) gets an
/// error that says so; it is never decoded silently.
#[cfg(any(feature = "rsa", feature = "dsa"))]
fn base64_decode(sign: &str) -> Result<Vec<u8>, SignatureError> {
    use base64::Engine as _;
    let unwrapped: std::borrow::Cow<'_, str> = if sign.contains(['\r', '\n']) {
        std::borrow::Cow::Owned(sign.chars().filter(|&c| c != '\r' && c != '\n').collect())
    } else {
        std::borrow::Cow::Borrowed(sign)
    };
    base64::engine::general_purpose::STANDARD
        .decode(unwrapped.as_bytes())
        .map_err(|e| SignatureError::Malformed {
            reason: match percent_escape(&unwrapped) {
                Some(escape) => format!(
                    "the sign is still percent-encoded (`{escape}`…): was it encoded twice?"
                ),
                None => format!("not base64: {e}"),
            },
        })
}

/// The first `%XX` escape (two hex digits) of `text`, if any.
#[cfg(any(feature = "rsa", feature = "dsa"))]
fn percent_escape(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let at = bytes.windows(3).position(
        |w| matches!(w, [b'%', high, low] if high.is_ascii_hexdigit() && low.is_ascii_hexdigit()),
    )?;
    text.get(at..at + 3)
}

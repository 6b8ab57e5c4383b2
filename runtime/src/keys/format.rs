//! Key text in, DER out: PEM blocks, bare base64, raw DER, and recognising
//! what a DER structure holds, so that a key of the wrong kind gets an error
//! that says what it is.
//!
//! Shared by the RSA and DSA loaders. Nothing here knows an algorithm's
//! arithmetic; it only finds bytes and names structures.

use std::path::Path;

use base64::Engine as _;
use der::asn1::AnyRef;
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use spki::ObjectIdentifier;
use zeroize::Zeroizing;

use super::KeyError;

/// `rsaEncryption`.
pub(crate) const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-RSASSA-PSS`.
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// `id-dsa`.
pub(crate) const OID_DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
/// `id-ecPublicKey`.
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `id-Ed25519`.
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
/// `id-Ed448`.
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
/// `id-X25519`.
const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
/// SM2 (GB/T 32918), which Chinese users sometimes have at hand.
const OID_SM2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.156.10197.1.301");

/// The algorithm named by an `AlgorithmIdentifier`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Algorithm {
    Rsa,
    RsaPss,
    Dsa,
    Ec,
    Ed25519,
    Ed448,
    X25519,
    Sm2,
    Other,
}

impl Algorithm {
    fn from_oid(oid: ObjectIdentifier) -> Self {
        match oid {
            o if o == OID_RSA => Algorithm::Rsa,
            o if o == OID_RSA_PSS => Algorithm::RsaPss,
            o if o == OID_DSA => Algorithm::Dsa,
            o if o == OID_EC => Algorithm::Ec,
            o if o == OID_ED25519 => Algorithm::Ed25519,
            o if o == OID_ED448 => Algorithm::Ed448,
            o if o == OID_X25519 => Algorithm::X25519,
            o if o == OID_SM2 => Algorithm::Sm2,
            _ => Algorithm::Other,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Algorithm::Rsa => "RSA",
            Algorithm::RsaPss => "RSA-PSS",
            Algorithm::Dsa => "DSA",
            Algorithm::Ec => "EC",
            Algorithm::Ed25519 => "Ed25519",
            Algorithm::Ed448 => "Ed448",
            Algorithm::X25519 => "X25519",
            Algorithm::Sm2 => "SM2",
            Algorithm::Other => "non-RSA, non-DSA",
        }
    }
}

/// What a DER structure is, judged by its shape (and, for PKCS#8 and SPKI,
/// the algorithm it names). Nothing is validated beyond that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// PKCS#1 `RSAPrivateKey`: `SEQUENCE` of nine `INTEGER`s (two-prime), or
    /// more (multi-prime).
    RsaPkcs1Private,
    /// PKCS#1 `RSAPublicKey`: `SEQUENCE { n, e }`.
    RsaPkcs1Public,
    /// OpenSSL's traditional DSA private key: `SEQUENCE { 0, p, q, g, y, x }`.
    DsaTraditionalPrivate,
    /// DSA parameters alone: `SEQUENCE { p, q, g }`.
    DsaParameters,
    /// PKCS#8 `PrivateKeyInfo`.
    Pkcs8Private(Algorithm),
    /// PKCS#8 `EncryptedPrivateKeyInfo`.
    Pkcs8Encrypted,
    /// X.509 `SubjectPublicKeyInfo`.
    Spki(Algorithm),
    /// An X.509 certificate.
    Certificate,
    /// SEC1 `ECPrivateKey`.
    Sec1Ec,
    /// A DER `SEQUENCE` of some other shape.
    UnknownSequence,
    /// A DER `SEQUENCE` whose header announces more bytes than follow it:
    /// a key cut short (a truncated file, a partial copy).
    Truncated {
        /// The bytes the header announces (after the header).
        announced: usize,
        /// The bytes there are.
        present: usize,
    },
    /// Not a single DER `SEQUENCE` at all.
    NotDer,
}

impl Found {
    /// "an RSA public key (SPKI)" and so on, for error messages.
    pub(crate) fn describe(self) -> String {
        match self {
            Found::RsaPkcs1Private => "an RSA private key (PKCS#1)".into(),
            Found::RsaPkcs1Public => "an RSA public key (PKCS#1)".into(),
            Found::DsaTraditionalPrivate => "a DSA private key (OpenSSL traditional format)".into(),
            Found::DsaParameters => "DSA parameters (p, q, g) without a key".into(),
            Found::Pkcs8Private(a) => format!("{} {} private key (PKCS#8)", article(a), a.name()),
            Found::Pkcs8Encrypted => "an encrypted private key (PKCS#8)".into(),
            Found::Spki(a) => format!("{} {} public key (SPKI)", article(a), a.name()),
            Found::Certificate => "an X.509 certificate".into(),
            Found::Sec1Ec => "an EC private key (SEC1)".into(),
            Found::UnknownSequence => "a DER structure that is no key format known here".into(),
            Found::Truncated { announced, present } => format!(
                "a DER structure cut short ({present} of the {announced} bytes its header announces)"
            ),
            Found::NotDer => "bytes that are not DER".into(),
        }
    }

    /// Whether this is a private key of any kind.
    pub(crate) fn is_private(self) -> bool {
        matches!(
            self,
            Found::RsaPkcs1Private
                | Found::DsaTraditionalPrivate
                | Found::Pkcs8Private(_)
                | Found::Pkcs8Encrypted
                | Found::Sec1Ec
        )
    }

    /// Whether this is a public key or a certificate.
    pub(crate) fn is_public(self) -> bool {
        matches!(
            self,
            Found::RsaPkcs1Public | Found::Spki(_) | Found::Certificate
        )
    }
}

fn article(a: Algorithm) -> &'static str {
    match a {
        Algorithm::Dsa | Algorithm::Other => "a",
        _ => "an",
    }
}

/// Recognises a DER structure by its shape. Never fails: what is not
/// recognised is [`Found::UnknownSequence`] or [`Found::NotDer`].
pub(crate) fn classify(der: &[u8]) -> Found {
    let Ok(outer) = AnyRef::from_der(der) else {
        return truncated(der).unwrap_or(Found::NotDer);
    };
    if outer.tag() != Tag::Sequence {
        return Found::NotDer;
    }
    let Ok(mut reader) = SliceReader::new(outer.value()) else {
        return Found::NotDer;
    };
    let mut items: Vec<AnyRef<'_>> = Vec::new();
    while !reader.is_finished() {
        match AnyRef::decode(&mut reader) {
            // Nothing recognised here has more than ten elements.
            Ok(item) if items.len() < 16 => items.push(item),
            _ => return Found::UnknownSequence,
        }
    }
    let tags: Vec<Tag> = items.iter().map(|i| i.tag()).collect();
    let all_integers = tags.iter().all(|t| *t == Tag::Integer);
    let first_is = |value: u8| items.first().is_some_and(|i| i.value() == [value]);
    match tags.as_slice() {
        _ if all_integers && tags.len() == 9 && first_is(0) => Found::RsaPkcs1Private,
        // Multi-prime: version 1 and a tenth element `otherPrimeInfos`.
        [Tag::Integer, Tag::Integer, Tag::Integer, Tag::Integer, Tag::Integer, Tag::Integer, Tag::Integer, Tag::Integer, Tag::Integer, Tag::Sequence]
            if first_is(1) =>
        {
            Found::RsaPkcs1Private
        }
        _ if all_integers && tags.len() == 6 && first_is(0) => Found::DsaTraditionalPrivate,
        _ if all_integers && tags.len() == 3 => Found::DsaParameters,
        _ if all_integers && tags.len() == 2 => Found::RsaPkcs1Public,
        [Tag::Integer, Tag::Sequence, Tag::OctetString, ..] => {
            Found::Pkcs8Private(algorithm_of(items.get(1)))
        }
        [Tag::Integer, Tag::OctetString, ..] if first_is(1) => Found::Sec1Ec,
        [Tag::Sequence, Tag::OctetString] => Found::Pkcs8Encrypted,
        [Tag::Sequence, Tag::BitString] => Found::Spki(algorithm_of(items.first())),
        [Tag::Sequence, Tag::Sequence, Tag::BitString] => Found::Certificate,
        _ => Found::UnknownSequence,
    }
}

/// [`Found::Truncated`] when `der` starts as a `SEQUENCE` whose length
/// (definite, short or long form) is more than the bytes after its header.
fn truncated(der: &[u8]) -> Option<Found> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (announced, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7F);
        if count == 0 || count > 4 {
            return None;
        }
        let bytes = rest.get(..count)?;
        let len = bytes.iter().fold(0usize, |n, &b| (n << 8) | usize::from(b));
        (len, rest.get(count..)?)
    };
    (announced > rest.len()).then_some(Found::Truncated {
        announced,
        present: rest.len(),
    })
}

/// The algorithm of an `AlgorithmIdentifier` (`SEQUENCE { OID, params }`).
fn algorithm_of(item: Option<&AnyRef<'_>>) -> Algorithm {
    item.and_then(|seq| {
        let mut reader = SliceReader::new(seq.value()).ok()?;
        ObjectIdentifier::decode(&mut reader).ok()
    })
    .map_or(Algorithm::Other, Algorithm::from_oid)
}

/// One DER candidate found in key text, with where it came from.
pub(crate) struct Candidate {
    /// The DER bytes (secret for a private key: zeroized on drop).
    pub(crate) der: Zeroizing<Vec<u8>>,
    /// What the DER is.
    pub(crate) found: Found,
    /// The PEM label (`RSA PRIVATE KEY`), or `None` for bare base64 or DER.
    pub(crate) label: Option<String>,
}

/// Why key text gave no DER at all.
pub(crate) enum TextError {
    /// Empty or whitespace only.
    Empty,
    /// A PEM block with `Proc-Type: 4,ENCRYPTED` headers, or an
    /// `ENCRYPTED PRIVATE KEY` block.
    Encrypted,
    /// A PEM block that could not be read (with why).
    BadPem(String),
    /// No `-----BEGIN` line, and not base64 either.
    NotBase64(String),
    /// Looks like the 32-character MD5 secret.
    LooksLikeMd5,
}

impl TextError {
    pub(crate) fn detail(&self) -> String {
        match self {
            TextError::Empty => "the key text is empty".into(),
            TextError::Encrypted => ENCRYPTED_HINT.into(),
            TextError::BadPem(why) => why.clone(),
            TextError::NotBase64(why) => {
                format!("the text has no `-----BEGIN …-----` line and is not base64 ({why})")
            }
            TextError::LooksLikeMd5 => "this looks like the 32-character MD5 key of the merchant \
                console, not an RSA or DSA key; use it with sign_type MD5"
                .into(),
        }
    }
}

/// The hint for any encrypted private key.
pub(crate) const ENCRYPTED_HINT: &str = "the private key is encrypted with a passphrase, which is \
    not supported; decrypt it first with `openssl pkcs8 -topk8 -nocrypt -in encrypted.pem -out key.pem`";

/// Base64 as keys are pasted: standard alphabet, padding optional.
const BASE64: base64::engine::GeneralPurpose =
    base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT;

/// Finds the DER candidates of key text: every PEM block, or else the whole
/// text as bare base64 (on one line or wrapped).
///
/// Tolerates surrounding whitespace, CRLF, a PEM whose newlines were turned
/// into spaces (or lost, or written as literal `\n`), and other PEM blocks
/// around the key (DSA parameters before a key, for example).
pub(crate) fn candidates(text: &str) -> Result<Vec<Candidate>, TextError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if text.contains("-----BEGIN") {
        return pem_candidates(text);
    }
    let body = strip_whitespace(text);
    if body.len() == 32 && body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(TextError::LooksLikeMd5);
    }
    let der = BASE64
        .decode(body.as_bytes())
        .map(Zeroizing::new)
        .map_err(|e| TextError::NotBase64(e.to_string()))?;
    let found = classify(&der);
    Ok(vec![Candidate {
        der,
        found,
        label: None,
    }])
}

/// The text without whitespace and without literal `\n` / `\r` escapes
/// (a key copied out of a JSON or properties file). `\` is not a base64
/// character, so removing these escapes cannot damage a key.
fn strip_whitespace(text: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.peek(), Some('n' | 'r')) {
            chars.next();
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// A PEM label as the tools write it (`RSA PRIVATE KEY`, `X509 CRL`): short,
/// upper-case letters, digits and spaces.
fn is_pem_label(label: &str) -> bool {
    label.len() <= 64
        && label
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ')
}

fn pem_candidates(text: &str) -> Result<Vec<Candidate>, TextError> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut encrypted = false;
    while let Some(start) = rest.find("-----BEGIN") {
        let after_begin = rest.get(start + "-----BEGIN".len()..).unwrap_or("");
        let Some(label_end) = after_begin.find("-----") else {
            return Err(TextError::BadPem(
                "a `-----BEGIN` line is not closed with `-----`".into(),
            ));
        };
        let label = after_begin.get(..label_end).unwrap_or("").trim().to_owned();
        // A mangled BEGIN line runs its "label" into the body up to the next
        // `-----`: not a label, and not to be quoted in an error (it would be
        // key material).
        if !is_pem_label(&label) {
            return Err(TextError::BadPem(
                "a `-----BEGIN` line is not closed with `-----`".into(),
            ));
        }
        let body_and_rest = after_begin.get(label_end + "-----".len()..).unwrap_or("");
        let end_marker = format!("-----END {label}-----");
        let (body, next) = match body_and_rest.find(&end_marker) {
            Some(end) => (
                body_and_rest.get(..end).unwrap_or(""),
                body_and_rest.get(end + end_marker.len()..).unwrap_or(""),
            ),
            None => {
                // Accept a lost or mangled footer only if no other block follows.
                match body_and_rest.find("-----") {
                    Some(_) if body_and_rest.contains("-----BEGIN") => {
                        return Err(TextError::BadPem(format!(
                            "the PEM block `{label}` has no `{end_marker}` line"
                        )))
                    }
                    Some(dash) => (body_and_rest.get(..dash).unwrap_or(""), ""),
                    None => (body_and_rest, ""),
                }
            }
        };
        rest = next;
        // `ENCRYPTED PRIVATE KEY`, or `Proc-Type: 4,ENCRYPTED` (`,` is not base64).
        if label.contains("ENCRYPTED") || body.contains(",ENCRYPTED") {
            encrypted = true;
            continue;
        }
        if body.contains(':') {
            return Err(TextError::BadPem(format!(
                "the PEM block `{label}` has headers (`Name: value` lines), which only \
                 encrypted keys have; remove them"
            )));
        }
        let der = BASE64
            .decode(strip_whitespace(body).as_bytes())
            .map(Zeroizing::new)
            .map_err(|e| {
                TextError::BadPem(format!(
                    "the body of the PEM block `{label}` is not base64 ({e})"
                ))
            })?;
        let found = classify(&der);
        out.push(Candidate {
            der,
            found,
            label: Some(label),
        });
    }
    if out.is_empty() {
        if encrypted {
            return Err(TextError::Encrypted);
        }
        return Err(TextError::BadPem("no PEM block was found".into()));
    }
    if encrypted
        && !out
            .iter()
            .any(|c| c.found.is_private() || c.found.is_public())
    {
        return Err(TextError::Encrypted);
    }
    Ok(out)
}

/// A key file's bytes as candidates: raw DER when it parses as a DER
/// structure of a known shape, key text otherwise.
pub(crate) fn file_candidates(bytes: &[u8]) -> Result<Vec<Candidate>, String> {
    if bytes.first() == Some(&0x30) {
        let found = classify(bytes);
        if !matches!(
            found,
            Found::NotDer | Found::UnknownSequence | Found::Truncated { .. }
        ) {
            return Ok(vec![Candidate {
                der: Zeroizing::new(bytes.to_vec()),
                found,
                label: None,
            }]);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => candidates(text).map_err(|e| e.detail()),
        Err(_) => Err(match classify(bytes) {
            Found::NotDer => "the file is neither key text (PEM or base64) nor DER".into(),
            other => format!("the file holds {}", other.describe()),
        }),
    }
}

/// Reads a key file, zeroizing the buffer after use.
pub(crate) fn read_file(path: &Path) -> Result<Zeroizing<Vec<u8>>, String> {
    std::fs::read(path)
        .map(Zeroizing::new)
        .map_err(|e| format!("cannot read key file `{}`: {e}", path.display()))
}

/// The key a loader wants, for hints about the key it got instead.
#[cfg_attr(not(all(feature = "rsa", feature = "dsa")), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wanted {
    RsaPrivate,
    RsaPublic,
    DsaPrivate,
    DsaPublic,
}

impl Wanted {
    fn describe(self) -> &'static str {
        match self {
            Wanted::RsaPrivate => "an RSA private key",
            Wanted::RsaPublic => "an RSA public key",
            Wanted::DsaPrivate => "a DSA private key",
            Wanted::DsaPublic => "a DSA public key",
        }
    }

    fn is_private(self) -> bool {
        matches!(self, Wanted::RsaPrivate | Wanted::DsaPrivate)
    }
}

/// Which family a found structure belongs to, if RSA or DSA.
fn family(found: Found) -> Option<bool /* true: RSA */> {
    match found {
        Found::RsaPkcs1Private
        | Found::RsaPkcs1Public
        | Found::Pkcs8Private(Algorithm::Rsa | Algorithm::RsaPss)
        | Found::Spki(Algorithm::Rsa | Algorithm::RsaPss) => Some(true),
        Found::DsaTraditionalPrivate
        | Found::DsaParameters
        | Found::Pkcs8Private(Algorithm::Dsa)
        | Found::Spki(Algorithm::Dsa) => Some(false),
        _ => None,
    }
}

/// Why a structure that is not what the loader accepts was refused, with
/// advice. Never contains key material.
pub(crate) fn wrong_key_hint(wanted: Wanted, found: Found) -> String {
    match found {
        Found::Pkcs8Encrypted => return ENCRYPTED_HINT.into(),
        Found::NotDer => return "the decoded bytes are not DER, so not any key format".into(),
        Found::Truncated { .. } => {
            return "the key ends before its structure does: the file or the copied text was cut short \
                    (a missing line of a PEM block?)"
                .into()
        }
        Found::UnknownSequence => {
            return "the decoded bytes are DER, but not any key format".into()
        }
        _ => {}
    }
    let mut advice: Vec<&'static str> = Vec::new();
    let want_rsa = matches!(wanted, Wanted::RsaPrivate | Wanted::RsaPublic);
    match family(found) {
        Some(true) if !want_rsa => {
            advice.push("an RSA key goes with sign_type RSA or RSA2 (RsaPrivateKey, RsaPublicKey)")
        }
        Some(false) if want_rsa => {
            advice.push("a DSA key goes with sign_type DSA (DsaPrivateKey, DsaPublicKey)")
        }
        Some(_) if matches!(found, Found::Pkcs8Private(Algorithm::RsaPss) | Found::Spki(Algorithm::RsaPss)) => {
            advice.push("an RSA-PSS key is restricted to PSS signatures, and the gateway uses PKCS#1 v1.5; convert it or use a plain RSA key")
        }
        Some(_) => {}
        None => match found {
            Found::Pkcs8Private(_) | Found::Spki(_) | Found::Sec1Ec => advice.push(
                "the gateway's sign types are MD5, RSA, RSA2 and DSA; other algorithms are not used",
            ),
            _ => {}
        },
    }
    if wanted.is_private() && found.is_public() {
        advice.push("signing needs the merchant's own private key; a public key only verifies");
    }
    if !wanted.is_private() && found.is_private() {
        advice.push(
            "verifying needs the gateway's public key (from the merchant console), \
             never a private key",
        );
    }
    if found == Found::Certificate && !wanted.is_private() {
        advice.push(
            "extract the certificate's public key with \
             `openssl x509 -in cert.pem -pubkey -noout > public_key.pem`",
        );
    }
    if found == Found::DsaParameters {
        advice.push("make a key from them with `openssl genpkey -paramfile params.pem`");
    }
    let mut out = format!(
        "found {}, but {} is needed here",
        found.describe(),
        wanted.describe()
    );
    for a in advice {
        out.push_str("; ");
        out.push_str(a);
    }
    out
}

/// Decodes the first candidate `decode` accepts (it returns `None` for a
/// structure it does not take); when there is none, explains the most
/// key-like candidate with [`wrong_key_hint`].
pub(crate) fn pick<T>(
    candidates: &[Candidate],
    wanted: Wanted,
    decode: impl Fn(&Candidate) -> Option<Result<T, String>>,
) -> Result<T, String> {
    for candidate in candidates {
        if let Some(result) = decode(candidate) {
            return result;
        }
    }
    let shown = candidates
        .iter()
        .find(|c| c.found.is_private() || c.found.is_public())
        .or(candidates.first());
    match shown {
        Some(c) => {
            let hint = wrong_key_hint(wanted, c.found);
            Err(match &c.label {
                Some(label) => format!("PEM block `{label}`: {hint}"),
                None => hint,
            })
        }
        None => Err("no key was found".into()),
    }
}

/// Decodes one DER structure into a key; `None` for a structure the key type
/// does not take.
pub(crate) type DecodeKey<T> = fn(&[u8], Found) -> Option<Result<T, String>>;

/// How one key type is read: what it is called, which formats it tries,
/// and how a DER structure becomes the key. `load`, `from_der` and
/// `load_file` of every key type are this one reader.
pub(crate) struct KeyReader<T> {
    pub(crate) kind: &'static str,
    pub(crate) tried: &'static [&'static str],
    pub(crate) wanted: Wanted,
    pub(crate) decode: DecodeKey<T>,
}

impl<T> KeyReader<T> {
    fn error(&self, detail: impl Into<String>) -> KeyError {
        error(self.kind, self.tried, detail)
    }

    fn pick_candidate(&self, candidates: &[Candidate]) -> Result<T, String> {
        pick(candidates, self.wanted, |c| (self.decode)(&c.der, c.found))
    }

    /// Key text: PEM, or bare base64 of the DER.
    pub(crate) fn load(&self, text: &str) -> Result<T, KeyError> {
        let candidates = candidates(text).map_err(|e| self.error(e.detail()))?;
        self.pick_candidate(&candidates)
            .map_err(|detail| self.error(detail))
    }

    /// Raw DER.
    pub(crate) fn der(&self, der: &[u8]) -> Result<T, KeyError> {
        let found = classify(der);
        (self.decode)(der, found)
            .unwrap_or_else(|| Err(wrong_key_hint(self.wanted, found)))
            .map_err(|detail| self.error(detail))
    }

    /// A file of key text or raw DER; errors name the file.
    pub(crate) fn load_file(&self, path: &Path) -> Result<T, KeyError> {
        let in_file =
            |detail: String| self.error(format!("key file `{}`: {detail}", path.display()));
        let bytes = read_file(path).map_err(|detail| self.error(detail))?;
        let candidates = file_candidates(&bytes).map_err(in_file)?;
        self.pick_candidate(&candidates).map_err(in_file)
    }
}

/// Builds a [`KeyError`].
pub(crate) fn error(
    kind: &'static str,
    tried: &[&'static str],
    detail: impl Into<String>,
) -> KeyError {
    KeyError {
        kind,
        tried: tried.to_vec(),
        detail: detail.into(),
    }
}

/// The bit length of a big-endian unsigned integer (leading zero bytes allowed).
pub(crate) fn bit_length(be: &[u8]) -> usize {
    let mut bytes = be.iter().skip_while(|b| **b == 0);
    match bytes.next() {
        None => 0,
        Some(first) => (8 - first.leading_zeros() as usize) + 8 * bytes.count(),
    }
}

/// Compares two big-endian unsigned integers without leading zero bytes.
#[cfg(feature = "dsa")]
pub(crate) fn cmp_minimal(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(bit_length(&[0, 0]), 0);
        assert_eq!(bit_length(&[1]), 1);
        assert_eq!(bit_length(&[0, 0x80, 0]), 16);
        assert_eq!(bit_length(&[0x7f, 0, 0]), 23);
    }

    #[test]
    fn pem_on_one_line_and_escaped() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03];
        let b64 = BASE64.encode(der);
        for text in [
            format!("-----BEGIN RSA PUBLIC KEY----- {b64} -----END RSA PUBLIC KEY-----"),
            format!(
                "\r\n-----BEGIN RSA PUBLIC KEY-----\r\n{b64}\r\n-----END RSA PUBLIC KEY-----\r\n"
            ),
            format!("-----BEGIN RSA PUBLIC KEY-----\\n{b64}\\n-----END RSA PUBLIC KEY-----"),
            format!("-----BEGIN RSA PUBLIC KEY-----\n{b64}\n"),
            b64.clone(),
        ] {
            let c = candidates(&text).ok().unwrap();
            assert_eq!(c.len(), 1, "{text}");
            assert_eq!(c[0].found, Found::RsaPkcs1Public, "{text}");
        }
    }
}

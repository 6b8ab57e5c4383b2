//! DSA keys for sign type `DSA` (SHA1withDSA, 1024-bit p and 160-bit q on
//! the gateway).

use std::cmp::Ordering;
use std::fmt;
use std::path::Path;

use der::asn1::{AnyRef, OctetStringRef, UintRef};
use der::{Decode as _, Encode as _, Reader as _};
use sha1::digest::Update as _;
use sha1::Sha1;
use signature::{DigestSigner as _, DigestVerifier as _};
use zeroize::Zeroizing;

use super::format::{self, Found, KeyReader, Wanted};
use super::KeyError;
use crate::sign::{SignError, SignType, SignatureError};

static PRIVATE: KeyReader<DsaPrivateKey> = KeyReader {
    kind: "DSA private key",
    wanted: Wanted::DsaPrivate,
    decode: decode_private,
    tried: &[
        "PEM traditional (BEGIN DSA PRIVATE KEY)",
        "PEM PKCS#8 (BEGIN PRIVATE KEY)",
        "DER traditional (SEQUENCE { 0, p, q, g, y, x })",
        "DER PKCS#8 (PrivateKeyInfo)",
        "base64 DER (traditional or PKCS#8, one line or wrapped)",
    ],
};

static PUBLIC: KeyReader<DsaPublicKey> = KeyReader {
    kind: "DSA public key",
    wanted: Wanted::DsaPublic,
    decode: decode_public,
    tried: &[
        "PEM SPKI (BEGIN PUBLIC KEY)",
        "DER SPKI (SubjectPublicKeyInfo)",
        "base64 DER (SPKI, one line or wrapped)",
    ],
};

/// (p bits, q bits) the `dsa` crate supports. The gateway uses 1024/160.
const SIZES: [(usize, usize); 4] = [(1024, 160), (2048, 224), (2048, 256), (3072, 256)];

/// The merchant's DSA private key, which signs `DSA` requests.
///
/// Reads OpenSSL's traditional PEM (`BEGIN DSA PRIVATE KEY`), PEM PKCS#8
/// (`BEGIN PRIVATE KEY`), DER of either, and bare base64 of either DER.
/// Parameter sizes (p/q bits): 1024/160 — what the gateway uses — and
/// 2048/224, 2048/256, 3072/256.
///
/// The private value is held by the `dsa` crate's key, which zeroizes it when
/// dropped; the buffers it is read from are zeroized too. `Debug` shows the
/// parameter sizes only. Signatures are deterministic (RFC 6979).
#[derive(Clone)]
pub struct DsaPrivateKey {
    inner: ::dsa::SigningKey,
    public: DsaPublicKey,
}

/// A DSA public key — normally the gateway's, which verifies what it sends.
///
/// Reads PEM SPKI (`BEGIN PUBLIC KEY`), its DER, and bare base64 of the DER.
/// `Debug` shows the parameter sizes only.
#[derive(Clone, PartialEq)]
pub struct DsaPublicKey {
    inner: ::dsa::VerifyingKey,
    /// q, big-endian without leading zero bytes, for range checks of r and s.
    q: Vec<u8>,
    p_bits: usize,
    q_bits: usize,
}

impl fmt::Debug for DsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DsaPrivateKey")
            .field("p_bits", &self.public.p_bits)
            .field("q_bits", &self.public.q_bits)
            .finish()
    }
}

impl fmt::Debug for DsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DsaPublicKey")
            .field("p_bits", &self.p_bits)
            .field("q_bits", &self.q_bits)
            .finish()
    }
}

impl DsaPrivateKey {
    /// Reads a private key from text: PEM (traditional or PKCS#8), or bare
    /// base64 of the DER, on one line or wrapped.
    ///
    /// Surrounding whitespace, CRLF line ends, a PEM pasted with its line
    /// breaks turned into spaces, and a `DSA PARAMETERS` block before the key
    /// are fine. The error names every format tried and says what the text
    /// holds instead when it is some other key.
    pub fn load(text: &str) -> Result<Self, KeyError> {
        PRIVATE.load(text)
    }

    /// Reads a private key from DER: traditional `SEQUENCE { 0, p, q, g, y, x }`
    /// or PKCS#8 `PrivateKeyInfo`.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        PRIVATE.der(der)
    }

    /// Reads a private key file: key text as [`load`](Self::load) takes it, or
    /// raw DER. Errors name the file.
    pub fn load_file(path: impl AsRef<Path>) -> Result<Self, KeyError> {
        PRIVATE.load_file(path.as_ref())
    }

    /// The public half of this key.
    pub fn public_key(&self) -> DsaPublicKey {
        self.public.clone()
    }

    /// The sizes of p and q in bits (1024 and 160 for the gateway).
    pub fn bits(&self) -> (usize, usize) {
        self.public.bits()
    }

    /// The SHA1withDSA signature of `message`, as DER `SEQUENCE { r, s }`.
    /// Deterministic (RFC 6979 with SHA-1).
    pub(crate) fn sign_sha1(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let fail = |reason: String| SignError {
            sign_type: SignType::Dsa,
            reason,
        };
        let signature: ::dsa::Signature = self
            .inner
            .try_sign_digest(|digest: &mut Sha1| {
                digest.update(message);
                Ok(())
            })
            .map_err(|e| fail(format!("the DSA private-key operation failed: {e}")))?;
        signature
            .to_der()
            .map_err(|e| fail(format!("the DSA signature could not be DER-encoded: {e}")))
    }
}

impl DsaPublicKey {
    /// Reads a public key from text: PEM SPKI (`BEGIN PUBLIC KEY`), or bare
    /// base64 of its DER, on one line or wrapped.
    ///
    /// The error names every format tried and says what the text holds
    /// instead when it is some other key (a private key, an RSA key, a
    /// certificate).
    pub fn load(text: &str) -> Result<Self, KeyError> {
        PUBLIC.load(text)
    }

    /// Reads a public key from DER `SubjectPublicKeyInfo`.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        PUBLIC.der(der)
    }

    /// Reads a public key file: key text as [`load`](Self::load) takes it, or
    /// raw DER. Errors name the file.
    pub fn load_file(path: impl AsRef<Path>) -> Result<Self, KeyError> {
        PUBLIC.load_file(path.as_ref())
    }

    /// The sizes of p and q in bits (1024 and 160 for the gateway).
    pub fn bits(&self) -> (usize, usize) {
        (self.p_bits, self.q_bits)
    }

    /// Checks a SHA1withDSA signature given as DER `SEQUENCE { r, s }`.
    ///
    /// The DER must be strict: minimal lengths and integers, no trailing
    /// bytes, `r` and `s` positive; anything else is
    /// [`SignatureError::Malformed`]. A well-formed signature that does not
    /// verify is [`SignatureError::Mismatch`] — including one whose `r` or `s`
    /// is not below this key's `q`: that is what a signature made with another
    /// DSA key (the merchant's own, say) looks like about a quarter of the
    /// time, and it must read as "does not match the key you configured", not
    /// as a damaged sign.
    pub(crate) fn verify_sha1(&self, message: &[u8], der_sig: &[u8]) -> Result<(), SignatureError> {
        let malformed = |reason: String| SignatureError::Malformed { reason };
        let (r, s) = parse_signature(der_sig).map_err(malformed)?;
        if [r, s]
            .iter()
            .any(|value| format::cmp_minimal(value, &self.q) != Ordering::Less)
        {
            return Err(SignatureError::Mismatch);
        }
        let signature = ::dsa::Signature::from_components(
            ::dsa::BoxedUint::from_be_slice_vartime(r),
            ::dsa::BoxedUint::from_be_slice_vartime(s),
        )
        .ok_or_else(|| malformed("DSA signature value r or s is zero".into()))?;
        self.inner
            .verify_digest(
                |digest: &mut Sha1| {
                    digest.update(message);
                    Ok(())
                },
                &signature,
            )
            .map_err(|_| SignatureError::Mismatch)
    }

    fn new(inner: ::dsa::VerifyingKey) -> Self {
        let components = inner.components();
        let q = strip_zeros(&components.q().to_be_bytes()).to_vec();
        let p_bits = format::bit_length(&components.p().to_be_bytes());
        let q_bits = format::bit_length(&q);
        DsaPublicKey {
            inner,
            q,
            p_bits,
            q_bits,
        }
    }
}

fn strip_zeros(be: &[u8]) -> &[u8] {
    let zeros = be.iter().take_while(|b| **b == 0).count();
    be.get(zeros..).unwrap_or_default()
}

/// Decodes a private key of a shape DSA private keys come in; `None` for any
/// other shape.
fn decode_private(der: &[u8], found: Found) -> Option<Result<DsaPrivateKey, String>> {
    match found {
        Found::DsaTraditionalPrivate => Some(private_from_traditional(der)),
        Found::Pkcs8Private(format::Algorithm::Dsa) => Some(private_from_pkcs8(der)),
        _ => None,
    }
}

/// Decodes a public key of a shape DSA public keys come in; `None` for any
/// other shape.
fn decode_public(der: &[u8], found: Found) -> Option<Result<DsaPublicKey, String>> {
    match found {
        Found::Spki(format::Algorithm::Dsa) => Some(public_from_spki(der)),
        _ => None,
    }
}

/// p, q, g as minimal big-endian bytes.
struct Params<'a> {
    p: &'a [u8],
    q: &'a [u8],
    g: &'a [u8],
}

impl Params<'_> {
    /// Rejects sizes the `dsa` crate does not support, with a message that
    /// says which.
    fn check_sizes(&self) -> Result<(), String> {
        let p_bits = format::bit_length(self.p);
        let q_bits = format::bit_length(self.q);
        if SIZES.contains(&(p_bits, q_bits)) {
            return Ok(());
        }
        let why = if SIZES.iter().any(|(p, _)| *p == p_bits) {
            format!("q of {q_bits} bits is not supported with a {p_bits}-bit p")
        } else {
            format!("p of {p_bits} bits is not supported")
        };
        Err(format!(
            "DSA parameters of {p_bits}/{q_bits} bits (p/q): {why}; supported sizes are \
             1024/160 (what the gateway uses), 2048/224, 2048/256 and 3072/256"
        ))
    }

    fn components(&self) -> Result<::dsa::Components, String> {
        self.check_sizes()?;
        ::dsa::Components::from_components(
            ::dsa::BoxedUint::from_be_slice_vartime(self.p),
            ::dsa::BoxedUint::from_be_slice_vartime(self.q),
            ::dsa::BoxedUint::from_be_slice_vartime(self.g),
        )
        .map_err(|_| "the DSA parameters are invalid (p must be odd, 1 < g < p)".to_owned())
    }
}

/// Reads `Dss-Parms ::= SEQUENCE { p, q, g }`.
fn params_of(any: AnyRef<'_>) -> Result<Params<'_>, String> {
    any.sequence(|r| {
        Ok::<_, der::Error>(Params {
            p: UintRef::decode(r)?.as_bytes(),
            q: UintRef::decode(r)?.as_bytes(),
            g: UintRef::decode(r)?.as_bytes(),
        })
    })
    .map_err(|e| format!("malformed DSA parameters ({e})"))
}

/// OpenSSL's traditional `DSAPrivateKey ::= SEQUENCE { version 0, p, q, g, y, x }`,
/// which the `dsa` crate does not read. It is re-wrapped as PKCS#8 (in
/// zeroized buffers) so that the crate derives y from x; the y of the file
/// must then match.
fn private_from_traditional(der: &[u8]) -> Result<DsaPrivateKey, String> {
    let mut reader = der::SliceReader::new(der).map_err(|e| format!("malformed DER ({e})"))?;
    let (params, y, x) = reader
        .sequence(|r| {
            let version = UintRef::decode(r)?;
            let params = Params {
                p: UintRef::decode(r)?.as_bytes(),
                q: UintRef::decode(r)?.as_bytes(),
                g: UintRef::decode(r)?.as_bytes(),
            };
            let y = UintRef::decode(r)?.as_bytes();
            let x = UintRef::decode(r)?.as_bytes();
            Ok::<_, der::Error>((version, params, y, x))
        })
        .and_then(|(version, params, y, x)| {
            reader.finish()?;
            Ok((version, params, y, x))
        })
        .map_err(|e| format!("malformed traditional DSA private key ({e})"))
        .and_then(|(version, params, y, x)| {
            if format::bit_length(version.as_bytes()) == 0 {
                Ok((params, y, x))
            } else {
                Err("traditional DSA private key with a version other than 0".to_owned())
            }
        })?;
    let components = params.components()?;
    check_x(x, params.q)?;
    let params_der = components
        .to_der()
        .map_err(|e| format!("cannot re-encode the DSA parameters ({e})"))?;
    let x_der = Zeroizing::new(
        UintRef::new(x)
            .and_then(|x| x.to_der())
            .map_err(|e| format!("cannot re-encode the DSA private value ({e})"))?,
    );
    let info = AnyRef::from_der(&params_der)
        .and_then(|parameters| {
            Ok(pkcs8::PrivateKeyInfoRef::new(
                spki::AlgorithmIdentifierRef {
                    oid: format::OID_DSA,
                    parameters: Some(parameters),
                },
                OctetStringRef::new(&x_der)?,
            ))
        })
        .map_err(|e| format!("cannot re-encode the DSA private key ({e})"))?;
    let inner = ::dsa::SigningKey::try_from(info)
        .map_err(|e| format!("the DSA private key's numbers are not a valid key ({e})"))?;
    if strip_zeros(&inner.verifying_key().y().to_be_bytes()) != y {
        return Err(
            "the key's public value y does not belong to its private value x \
                    (the key file is damaged)"
                .into(),
        );
    }
    Ok(DsaPrivateKey {
        public: DsaPublicKey::new(inner.verifying_key().clone()),
        inner,
    })
}

fn private_from_pkcs8(der: &[u8]) -> Result<DsaPrivateKey, String> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der)
        .map_err(|e| format!("malformed PKCS#8 PrivateKeyInfo ({e})"))?;
    let params = info
        .algorithm
        .parameters_any()
        .map_err(|_| "the PKCS#8 DSA key has no parameters (p, q, g)".to_owned())
        .and_then(params_of)?;
    params.check_sizes()?;
    let x = UintRef::from_der(info.private_key.as_bytes())
        .map_err(|e| format!("malformed DSA private value ({e})"))?;
    check_x(x.as_bytes(), params.q)?;
    let inner = ::dsa::SigningKey::try_from(info)
        .map_err(|e| format!("the DSA private key's numbers are not a valid key ({e})"))?;
    Ok(DsaPrivateKey {
        public: DsaPublicKey::new(inner.verifying_key().clone()),
        inner,
    })
}

/// `0 < x < q`, checked before the `dsa` crate sees x (so that no copy of a
/// rejected x is dropped unzeroized inside it).
fn check_x(x: &[u8], q: &[u8]) -> Result<(), String> {
    if format::bit_length(x) == 0 || format::cmp_minimal(x, q) != Ordering::Less {
        return Err("the DSA private value x is not between 0 and q".into());
    }
    Ok(())
}

fn public_from_spki(der: &[u8]) -> Result<DsaPublicKey, String> {
    let info = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| format!("malformed SubjectPublicKeyInfo ({e})"))?;
    let params = info
        .algorithm
        .parameters_any()
        .map_err(|_| "the DSA public key has no parameters (p, q, g)".to_owned())
        .and_then(params_of)?;
    params.check_sizes()?;
    let inner = ::dsa::VerifyingKey::try_from(info).map_err(|e| {
        format!("the DSA public key's numbers are not a valid key (y is not in the group) ({e})")
    })?;
    Ok(DsaPublicKey::new(inner))
}

/// Parses a DSA signature `SEQUENCE { INTEGER r, INTEGER s }` in strict DER,
/// returning r and s as big-endian magnitudes without leading zeros.
fn parse_signature(der: &[u8]) -> Result<(&[u8], &[u8]), String> {
    let (tag, body, rest) = tlv(der, "the signature")?;
    if tag != 0x30 {
        return Err(format!(
            "a DSA signature is a DER SEQUENCE (0x30), this starts with 0x{tag:02x}"
        ));
    }
    if !rest.is_empty() {
        return Err(format!(
            "{} trailing bytes after the DER signature",
            rest.len()
        ));
    }
    let (r, body) = integer(body, "r")?;
    let (s, body) = integer(body, "s")?;
    if !body.is_empty() {
        return Err("the DER SEQUENCE holds more than r and s".into());
    }
    Ok((r, s))
}

/// One DER tag-length-value with a definite, minimally encoded length.
fn tlv<'a>(input: &'a [u8], what: &str) -> Result<(u8, &'a [u8], &'a [u8]), String> {
    let truncated = || format!("{what} is truncated");
    let (&tag, rest) = input.split_first().ok_or_else(truncated)?;
    let (&first, rest) = rest.split_first().ok_or_else(truncated)?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else if first == 0x80 {
        return Err(format!(
            "{what} has an indefinite length, which DER forbids"
        ));
    } else {
        let n = usize::from(first & 0x7f);
        if n > 2 {
            return Err(format!("{what} claims an impossible length"));
        }
        let (len_bytes, rest) = rest.split_at_checked(n).ok_or_else(truncated)?;
        let len = len_bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        if len_bytes.first() == Some(&0) || len < 0x80 {
            return Err(format!("{what} has a non-minimal DER length"));
        }
        (len, rest)
    };
    let (body, rest) = rest.split_at_checked(len).ok_or_else(truncated)?;
    Ok((tag, body, rest))
}

/// A positive DER INTEGER, minimally encoded; returns its magnitude.
fn integer<'a>(input: &'a [u8], name: &str) -> Result<(&'a [u8], &'a [u8]), String> {
    let what = format!("DSA signature value {name}");
    let (tag, body, rest) = tlv(input, &what)?;
    if tag != 0x02 {
        return Err(format!("{what} is not a DER INTEGER (tag 0x{tag:02x})"));
    }
    let magnitude = match body {
        [] => return Err(format!("{what} is an empty INTEGER")),
        [0] => return Err(format!("{what} is zero")),
        [0, next, ..] if *next < 0x80 => {
            return Err(format!(
                "{what} is not minimally encoded (superfluous leading zero byte)"
            ))
        }
        [0xff, next, ..] if *next >= 0x80 => {
            return Err(format!(
                "{what} is not minimally encoded (superfluous leading 0xff byte)"
            ))
        }
        [first, ..] if *first >= 0x80 => return Err(format!("{what} is negative")),
        [0, magnitude @ ..] => magnitude,
        _ => body,
    };
    Ok((magnitude, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_der() {
        let ok = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03];
        assert_eq!(parse_signature(&ok), Ok((&[5u8][..], &[3u8][..])));
        let cases: &[(&[u8], &str)] = &[
            (&[], "truncated"),
            (&[0x31, 0x00], "SEQUENCE"),
            (
                &[0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0x00],
                "trailing",
            ),
            (
                &[0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02, 0x01, 0x03],
                "leading zero",
            ),
            (
                &[0x30, 0x06, 0x02, 0x01, 0x85, 0x02, 0x01, 0x03],
                "negative",
            ),
            (&[0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x03], "zero"),
            (
                &[0x30, 0x81, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03],
                "non-minimal DER length",
            ),
            (
                &[0x30, 0x80, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0, 0],
                "indefinite",
            ),
            (
                &[
                    0x30, 0x09, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0x02, 0x01, 0x01,
                ],
                "more than",
            ),
            (
                &[0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0x03],
                "not a DER INTEGER",
            ),
            (
                &[0x30, 0x08, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03],
                "truncated",
            ),
            (
                &[0x30, 0x07, 0x02, 0x02, 0xff, 0x85, 0x02, 0x01, 0x03],
                "0xff",
            ),
        ];
        for (der, want) in cases {
            let err = parse_signature(der).unwrap_err();
            assert!(err.contains(want), "{der:02x?}: {err}");
        }
    }
}

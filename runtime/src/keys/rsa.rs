//! RSA keys for sign types `RSA` (SHA1withRSA) and `RSA2` (SHA256withRSA),
//! both PKCS#1 v1.5.

use std::fmt;
use std::path::Path;

use ::rsa::traits::PublicKeyParts as _;
use der::Decode as _;
use sha1::Sha1;
use sha2::Sha256;

use super::format::{self, Found, KeyReader, Wanted};
use super::KeyError;
use crate::sign::{SignError, SignType, SignatureError};

static PRIVATE: KeyReader<RsaPrivateKey> = KeyReader {
    kind: "RSA private key",
    wanted: Wanted::RsaPrivate,
    decode: decode_private,
    tried: &[
        "PEM PKCS#1 (BEGIN RSA PRIVATE KEY)",
        "PEM PKCS#8 (BEGIN PRIVATE KEY)",
        "DER PKCS#1 (RSAPrivateKey)",
        "DER PKCS#8 (PrivateKeyInfo)",
        "base64 DER (PKCS#1 or PKCS#8, one line or wrapped)",
    ],
};

static PUBLIC: KeyReader<RsaPublicKey> = KeyReader {
    kind: "RSA public key",
    wanted: Wanted::RsaPublic,
    decode: decode_public,
    tried: &[
        "PEM SPKI (BEGIN PUBLIC KEY)",
        "PEM PKCS#1 (BEGIN RSA PUBLIC KEY)",
        "DER SPKI (SubjectPublicKeyInfo)",
        "DER PKCS#1 (RSAPublicKey)",
        "base64 DER (SPKI or PKCS#1, one line or wrapped)",
    ],
};

/// Smallest and largest modulus the `rsa` crate accepts.
const MIN_BITS: usize = 1024;
const MAX_BITS: usize = 8192;

/// The merchant's RSA private key, which signs `RSA` and `RSA2` requests.
///
/// Reads PEM PKCS#1 (`BEGIN RSA PRIVATE KEY`), PEM PKCS#8 (`BEGIN PRIVATE
/// KEY`), DER of either, and bare base64 of either DER (the merchant console's
/// one-line form). Moduli of 1024 to 8192 bits.
///
/// The key's secret numbers are held by the `rsa` crate's key, which zeroizes
/// them when dropped (CRT values are computed once, at load). `Debug` shows
/// the modulus size only.
#[derive(Clone)]
pub struct RsaPrivateKey {
    inner: ::rsa::PrivateKey,
    bits: usize,
}

/// An RSA public key — normally the gateway's, which verifies what it sends.
///
/// Reads PEM SPKI (`BEGIN PUBLIC KEY`), PEM PKCS#1 (`BEGIN RSA PUBLIC KEY`),
/// DER of either, and bare base64 of either DER (the merchant console's
/// one-line form). `Debug` shows the modulus size only.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublicKey {
    inner: ::rsa::PublicKey,
    bits: usize,
}

impl fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateKey")
            .field("bits", &self.bits)
            .finish()
    }
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("bits", &self.bits)
            .finish()
    }
}

impl RsaPrivateKey {
    /// Reads a private key from text: PEM (PKCS#1 or PKCS#8), or bare base64
    /// of the DER, on one line or wrapped.
    ///
    /// Surrounding whitespace, CRLF line ends and a PEM pasted with its line
    /// breaks turned into spaces are fine. The error names every format tried
    /// and says what the text holds instead when it is some other key (a
    /// public key, a DSA key, an encrypted key).
    pub fn load(text: &str) -> Result<Self, KeyError> {
        PRIVATE.load(text)
    }

    /// Reads a private key from DER: PKCS#1 `RSAPrivateKey` or PKCS#8
    /// `PrivateKeyInfo`.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        PRIVATE.der(der)
    }

    /// Reads a private key file: key text as [`load`](Self::load) takes it, or
    /// raw DER. Errors name the file.
    pub fn load_file(path: impl AsRef<Path>) -> Result<Self, KeyError> {
        PRIVATE.load_file(path.as_ref())
    }

    /// The public half of this key.
    pub fn public_key(&self) -> RsaPublicKey {
        RsaPublicKey {
            inner: self.inner.to_public_key(),
            bits: self.bits,
        }
    }

    /// The size of the modulus in bits (1024, 2048, …).
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The PKCS#1 v1.5 signature of `message`: SHA-1 for [`SignType::Rsa`],
    /// SHA-256 for [`SignType::Rsa2`]. Deterministic, and byte for byte what
    /// `openssl dgst -sha1 -sign` (or `-sha256`) gives.
    pub(crate) fn sign_pkcs1v15(
        &self,
        sign_type: SignType,
        message: &[u8],
    ) -> Result<Vec<u8>, SignError> {
        let result = match sign_type {
            SignType::Rsa => self.inner.pkcs1v15_sign::<Sha1>(message),
            SignType::Rsa2 => self.inner.pkcs1v15_sign::<Sha256>(message),
            SignType::Md5 | SignType::Dsa => {
                return Err(SignError {
                    sign_type,
                    reason: "an RSA key signs sign_type RSA or RSA2 only".into(),
                })
            }
        };
        result.map_err(|e| SignError {
            sign_type,
            reason: format!("the RSA private-key operation failed: {e}"),
        })
    }
}

impl RsaPublicKey {
    /// Reads a public key from text: PEM (SPKI or PKCS#1), or bare base64 of
    /// the DER, on one line or wrapped.
    ///
    /// Surrounding whitespace, CRLF line ends and a PEM pasted with its line
    /// breaks turned into spaces are fine. The error names every format tried
    /// and says what the text holds instead when it is some other key (a
    /// private key, a DSA key, a certificate).
    pub fn load(text: &str) -> Result<Self, KeyError> {
        PUBLIC.load(text)
    }

    /// Reads a public key from DER: `SubjectPublicKeyInfo` or PKCS#1
    /// `RSAPublicKey`.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        PUBLIC.der(der)
    }

    /// Reads a public key file: key text as [`load`](Self::load) takes it, or
    /// raw DER. Errors name the file.
    pub fn load_file(path: impl AsRef<Path>) -> Result<Self, KeyError> {
        PUBLIC.load_file(path.as_ref())
    }

    /// The size of the modulus in bits (1024, 2048, …).
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// Checks a PKCS#1 v1.5 signature over `message` (SHA-1 for
    /// [`SignType::Rsa`], SHA-256 for [`SignType::Rsa2`]).
    ///
    /// A signature whose length is not the modulus length is
    /// [`SignatureError::Malformed`]; any other failure is
    /// [`SignatureError::Mismatch`].
    pub(crate) fn verify_pkcs1v15(
        &self,
        sign_type: SignType,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        let modulus_len = self.inner.size();
        if signature.len() != modulus_len {
            return Err(SignatureError::Malformed {
                reason: format!(
                    "RSA signature is {} bytes, the key's modulus is {modulus_len} bytes",
                    signature.len()
                ),
            });
        }
        let result = match sign_type {
            SignType::Rsa => self.inner.pkcs1v15_verify::<Sha1>(message, signature),
            SignType::Rsa2 => self.inner.pkcs1v15_verify::<Sha256>(message, signature),
            SignType::Md5 | SignType::Dsa => {
                return Err(SignatureError::Malformed {
                    reason: format!("an RSA key cannot check a {sign_type} sign"),
                })
            }
        };
        result.map_err(|_| SignatureError::Mismatch)
    }
}

/// Decodes a private key of a shape RSA private keys come in; `None` for any
/// other shape.
fn decode_private(der: &[u8], found: Found) -> Option<Result<RsaPrivateKey, String>> {
    match found {
        Found::RsaPkcs1Private => Some(private_from_pkcs1(der)),
        Found::Pkcs8Private(format::Algorithm::Rsa) => Some(
            pkcs8::PrivateKeyInfoRef::from_der(der)
                .map_err(|e| format!("malformed PKCS#8 PrivateKeyInfo ({e})"))
                .and_then(|info| private_from_pkcs1(info.private_key.as_bytes())),
        ),
        _ => None,
    }
}

fn private_from_pkcs1(der: &[u8]) -> Result<RsaPrivateKey, String> {
    let key = pkcs1::RsaPrivateKeyRef::from_der(der)
        .map_err(|e| format!("malformed PKCS#1 RSAPrivateKey ({e})"))?;
    if key.version().is_multi() {
        return Err("multi-prime RSA keys are not supported".into());
    }
    let bits = check_bits(key.modulus.as_bytes())?;
    let inner = ::rsa::PrivateKey::try_from(key)
        .map_err(|e| format!("the RSA private key's numbers are not a valid key ({e})"))?;
    Ok(RsaPrivateKey { inner, bits })
}

/// Decodes a public key of a shape RSA public keys come in; `None` for any
/// other shape.
fn decode_public(der: &[u8], found: Found) -> Option<Result<RsaPublicKey, String>> {
    match found {
        Found::RsaPkcs1Public => Some(public_from_pkcs1(der)),
        Found::Spki(format::Algorithm::Rsa) => Some(
            spki::SubjectPublicKeyInfoRef::from_der(der)
                .map_err(|e| format!("malformed SubjectPublicKeyInfo ({e})"))
                .and_then(|info| {
                    info.subject_public_key
                        .as_bytes()
                        .ok_or_else(|| "malformed SubjectPublicKeyInfo (unused bits)".to_owned())
                        .and_then(public_from_pkcs1)
                }),
        ),
        _ => None,
    }
}

fn public_from_pkcs1(der: &[u8]) -> Result<RsaPublicKey, String> {
    let key = pkcs1::RsaPublicKeyRef::from_der(der)
        .map_err(|e| format!("malformed PKCS#1 RSAPublicKey ({e})"))?;
    let bits = check_bits(key.modulus.as_bytes())?;
    let inner = ::rsa::PublicKey::try_from(key)
        .map_err(|e| format!("the RSA public key's numbers are not a valid key ({e})"))?;
    Ok(RsaPublicKey { inner, bits })
}

fn check_bits(modulus: &[u8]) -> Result<usize, String> {
    let bits = format::bit_length(modulus);
    if (MIN_BITS..=MAX_BITS).contains(&bits) {
        Ok(bits)
    } else {
        Err(format!(
            "an RSA modulus of {bits} bits is not supported (1024 to 8192 bits are; \
             the gateway uses 1024 or 2048)"
        ))
    }
}

//! RSA keys for sign types `RSA` (SHA1withRSA) and `RSA2` (SHA256withRSA),
//! both PKCS#1 v1.5.

use std::fmt;
use std::path::Path;

use ::rsa::traits::PublicKeyParts as _;
use der::Decode as _;
#[cfg(feature = "openssl")]
use sha1::Digest as _;
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
/// them when dropped (CRT values are computed once, at load). With the
/// `openssl` feature they are held by OpenSSL instead, in an `RSA` key made
/// once at load from the DER that was read (after the `rsa` crate has
/// validated it; its copy is dropped and zeroized then); OpenSSL clears its
/// private numbers when the last clone of the key is dropped. `Debug` shows
/// the modulus size only.
#[derive(Clone)]
pub struct RsaPrivateKey {
    #[cfg(any(not(feature = "openssl"), test))]
    inner: ::rsa::PrivateKey,
    bits: usize,
    public: RsaPublicKey,
    #[cfg(feature = "openssl")]
    openssl: std::sync::Arc<super::openssl::Key<openssl::pkey::Private>>,
}

/// What [`RsaPrivateKey::decrypt_pkcs1v15_blocks`] gives.
pub(crate) struct Decrypted {
    /// The plaintexts of the blocks that decrypted, concatenated.
    pub(crate) plaintext: Vec<u8>,
    /// Whether some block did not decrypt.
    pub(crate) failed: bool,
}

/// An RSA public key — normally the gateway's, which verifies what it sends.
///
/// Reads PEM SPKI (`BEGIN PUBLIC KEY`), PEM PKCS#1 (`BEGIN RSA PUBLIC KEY`),
/// DER of either, and bare base64 of either DER (the merchant console's
/// one-line form). `Debug` shows the modulus size only.
#[derive(Clone)]
pub struct RsaPublicKey {
    inner: ::rsa::PublicKey,
    bits: usize,
    #[cfg(feature = "openssl")]
    openssl: std::sync::Arc<super::openssl::Key<openssl::pkey::Public>>,
}

impl PartialEq for RsaPublicKey {
    fn eq(&self, other: &Self) -> bool {
        // OpenSSL's copy is made from the same numbers.
        self.inner == other.inner
    }
}

impl Eq for RsaPublicKey {}

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
        self.public.clone()
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
        if !matches!(sign_type, SignType::Rsa | SignType::Rsa2) {
            return Err(SignError {
                sign_type,
                reason: "an RSA key signs sign_type RSA or RSA2 only".into(),
            });
        }
        #[cfg(feature = "openssl")]
        let result = {
            let (digest, hash) = openssl_hash(sign_type, message);
            self.openssl.sign(digest, &hash)
        };
        #[cfg(not(feature = "openssl"))]
        let result = self.sign_pure_rust(sign_type, message);
        result.map_err(|e| SignError {
            sign_type,
            reason: format!("the RSA private-key operation failed: {e}"),
        })
    }

    /// RSAES-PKCS1-v1_5 decryption of `ciphertext` made of blocks of the
    /// modulus length (128 bytes for a 1024-bit key), each decrypted on its
    /// own, the plaintexts concatenated: how the WAP 2.0 gateway's encrypted
    /// `notify_data` and `res_data` are read (see
    /// [`variants::wap::decrypt`](crate::variants::wap::decrypt)).
    ///
    /// Every block is decrypted, also after one that fails: a block that does
    /// not decrypt adds nothing, and the result says some block failed
    /// without saying which. The pure-Rust back-end (the `rsa` crate) uses
    /// implicit rejection — a block whose padding does not check gives a
    /// pseudo-random plaintext instead of an error — and OpenSSL 3.2 and
    /// later do the same; OpenSSL 3.0 and 3.1 report a failed block. Either
    /// way a ciphertext made for another key gives no usable plaintext, and
    /// the caller must authenticate what it gets (the WAP notification's
    /// signature does).
    ///
    /// A ciphertext that is empty or not a whole number of blocks is
    /// `Err(modulus length)`.
    pub(crate) fn decrypt_pkcs1v15_blocks(&self, ciphertext: &[u8]) -> Result<Decrypted, usize> {
        let block = self.bits.div_ceil(8);
        if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(block) {
            return Err(block);
        }
        let mut decrypted = Decrypted {
            plaintext: Vec::with_capacity(ciphertext.len()),
            failed: false,
        };
        for chunk in ciphertext.chunks(block) {
            #[cfg(feature = "openssl")]
            let result = self.openssl.decrypt_pkcs1(chunk);
            #[cfg(not(feature = "openssl"))]
            let result = self.decrypt_pure_rust(chunk);
            match result {
                Ok(plain) => decrypted.plaintext.extend_from_slice(&plain),
                Err(()) => decrypted.failed = true,
            }
        }
        Ok(decrypted)
    }

    /// One block of [`decrypt_pkcs1v15_blocks`](Self::decrypt_pkcs1v15_blocks)
    /// with the `rsa` crate (implicit rejection, blinded).
    #[cfg(any(not(feature = "openssl"), test))]
    fn decrypt_pure_rust(&self, block: &[u8]) -> Result<Vec<u8>, ()> {
        self.inner
            .decrypt(::rsa::Pkcs1v15Encrypt, block)
            .map_err(|_| ())
    }

    /// [`sign_pkcs1v15`](Self::sign_pkcs1v15) with the `rsa` crate, for
    /// `RSA` and `RSA2` (SHA-1 otherwise).
    #[cfg(any(not(feature = "openssl"), test))]
    fn sign_pure_rust(&self, sign_type: SignType, message: &[u8]) -> Result<Vec<u8>, String> {
        let result = match sign_type {
            SignType::Rsa2 => self.inner.pkcs1v15_sign::<Sha256>(message),
            _ => self.inner.pkcs1v15_sign::<Sha1>(message),
        };
        result.map_err(|e| e.to_string())
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
            // The length of another key's modulus (1024, 2048… bits) is a
            // key mix-up rather than a damaged sign: say so.
            let other_key = matches!(signature.len(), 64 | 128 | 256 | 384 | 512 | 1024);
            let hint = if other_key {
                format!(
                    ": the sign was made with a {}-bit key, so not with this key's private half \
                     (is this the gateway's public key, the one for this sign type?)",
                    signature.len() * 8
                )
            } else {
                String::new()
            };
            return Err(SignatureError::Malformed {
                reason: format!(
                    "RSA signature is {} bytes, the key's modulus is {modulus_len} bytes{hint}",
                    signature.len()
                ),
            });
        }
        if !matches!(sign_type, SignType::Rsa | SignType::Rsa2) {
            return Err(SignatureError::Malformed {
                reason: format!("an RSA key cannot check a {sign_type} sign"),
            });
        }
        #[cfg(feature = "openssl")]
        let ok = {
            let (digest, hash) = openssl_hash(sign_type, message);
            self.openssl.verify(digest, &hash, signature)
        };
        #[cfg(not(feature = "openssl"))]
        let ok = self.verify_pure_rust(sign_type, message, signature);
        if ok {
            Ok(())
        } else {
            Err(SignatureError::Mismatch)
        }
    }

    /// The check of [`verify_pkcs1v15`](Self::verify_pkcs1v15) with the
    /// `rsa` crate, for `RSA` and `RSA2` (SHA-1 otherwise).
    #[cfg_attr(all(feature = "openssl", not(test)), allow(dead_code))]
    fn verify_pure_rust(&self, sign_type: SignType, message: &[u8], signature: &[u8]) -> bool {
        match sign_type {
            SignType::Rsa2 => self.inner.pkcs1v15_verify::<Sha256>(message, signature),
            _ => self.inner.pkcs1v15_verify::<Sha1>(message, signature),
        }
        .is_ok()
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
    let (n, e) = (key.modulus.as_bytes(), key.public_exponent.as_bytes());
    let inner = ::rsa::PrivateKey::try_from(key)
        .map_err(|e| format!("the RSA private key's numbers are not a valid key ({e})"))?;
    Ok(RsaPrivateKey {
        public: public_key(inner.to_public_key(), n, e, bits)?,
        #[cfg(feature = "openssl")]
        openssl: super::openssl::rsa_private_key(der)?,
        #[cfg(any(not(feature = "openssl"), test))]
        inner,
        bits,
    })
}

/// The digest OpenSSL signs or verifies for `RSA` (SHA-1) or `RSA2`
/// (SHA-256), and `message`'s hash with it; the message is hashed in Rust.
#[cfg(feature = "openssl")]
fn openssl_hash(sign_type: SignType, message: &[u8]) -> (super::openssl::Digest, Vec<u8>) {
    match sign_type {
        SignType::Rsa2 => (
            super::openssl::Digest::Sha256,
            Sha256::digest(message).to_vec(),
        ),
        _ => (super::openssl::Digest::Sha1, Sha1::digest(message).to_vec()),
    }
}

/// An RSA public key of modulus `n` and exponent `e` (big-endian), which
/// the `rsa` crate has accepted as `inner`.
fn public_key(
    inner: ::rsa::PublicKey,
    n: &[u8],
    e: &[u8],
    bits: usize,
) -> Result<RsaPublicKey, String> {
    #[cfg(not(feature = "openssl"))]
    let _ = (n, e);
    Ok(RsaPublicKey {
        inner,
        bits,
        #[cfg(feature = "openssl")]
        openssl: super::openssl::rsa_public_key(n, e)?,
    })
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
    let (n, e) = (key.modulus.as_bytes(), key.public_exponent.as_bytes());
    let inner = ::rsa::PublicKey::try_from(key)
        .map_err(|e| format!("the RSA public key's numbers are not a valid key ({e})"))?;
    public_key(inner, n, e, bits)
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

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [(&str, &str); 2] = [
        (
            include_str!("../../tests/fixtures/rsa1024.pkcs1.pem"),
            include_str!("../../tests/fixtures/rsa1024.pub.pem"),
        ),
        (
            include_str!("../../tests/fixtures/rsa2048.pkcs8.pem"),
            include_str!("../../tests/fixtures/rsa2048.pub.pem"),
        ),
    ];

    /// Both back-ends decrypt OpenSSL's PKCS#1 v1.5 ciphertexts (the WAP
    /// fixtures: `openssl pkeyutl -encrypt -pkeyopt rsa_padding_mode:pkcs1`
    /// of 117-byte pieces, see fixtures/README.md) to the same plaintext; a
    /// damaged block gives no plaintext that matches.
    #[test]
    fn back_ends_decrypt_alike() {
        use base64::Engine as _;
        let key =
            RsaPrivateKey::load(include_str!("../../tests/fixtures/rsa1024.pkcs1.pem")).unwrap();
        let xml = include_bytes!("../../tests/fixtures/wap.notify_data.xml");
        let ciphertext = base64::engine::general_purpose::STANDARD
            .decode(include_str!("../../tests/fixtures/wap.notify_data.rsa1024.b64").trim())
            .unwrap();
        let decrypted = key.decrypt_pkcs1v15_blocks(&ciphertext).unwrap();
        assert!(!decrypted.failed);
        assert_eq!(decrypted.plaintext, xml);
        let pure: Vec<u8> = ciphertext
            .chunks(128)
            .flat_map(|block| key.decrypt_pure_rust(block).unwrap())
            .collect();
        assert_eq!(pure, xml);
        // Not whole blocks: the block length is the error.
        assert_eq!(
            key.decrypt_pkcs1v15_blocks(&ciphertext[1..]).err(),
            Some(128)
        );
        assert_eq!(key.decrypt_pkcs1v15_blocks(&[]).err(), Some(128));
        // A damaged block: an error (OpenSSL 3.0, 3.1) or a pseudo-random
        // plaintext (implicit rejection: the rsa crate, OpenSSL 3.2+), never
        // the text.
        let mut damaged = ciphertext.clone();
        damaged[200] ^= 1;
        let decrypted = key.decrypt_pkcs1v15_blocks(&damaged).unwrap();
        assert!(decrypted.failed || decrypted.plaintext != xml);
        let block = damaged.get(128..256).unwrap();
        assert_ne!(
            key.decrypt_pure_rust(block).ok().as_deref(),
            xml.get(117..234)
        );
    }

    /// The back-end of this build and the `rsa` crate give the same bytes,
    /// and each verifies the other's.
    #[test]
    fn back_ends_agree() {
        for (private, public) in KEYS {
            let key = RsaPrivateKey::load(private).unwrap();
            let public = RsaPublicKey::load(public).unwrap();
            assert!(key.public_key() == public);
            for sign_type in [SignType::Rsa, SignType::Rsa2] {
                for message in [&b""[..], b"a", "用户1".as_bytes(), &[7u8; 1000]] {
                    let ours = key.sign_pkcs1v15(sign_type, message).unwrap();
                    assert_eq!(ours, key.sign_pure_rust(sign_type, message).unwrap());
                    assert!(public.verify_pure_rust(sign_type, message, &ours));
                    public.verify_pkcs1v15(sign_type, message, &ours).unwrap();
                    let mut bad = ours.clone();
                    bad[10] ^= 1;
                    assert!(!public.verify_pure_rust(sign_type, message, &bad));
                    assert_eq!(
                        public.verify_pkcs1v15(sign_type, message, &bad),
                        Err(SignatureError::Mismatch)
                    );
                }
            }
        }
    }
}

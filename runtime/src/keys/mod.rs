//! Keys: the merchant's MD5 secret, RSA and DSA private keys, the gateway's
//! public keys.
//!
//! Key material never appears in `Debug` output and is zeroized when dropped.
//!
//! # Back-ends
//!
//! RSA and DSA run on pure-Rust code (the `rsa`, `dsa` and `crypto-bigint`
//! crates) by default. With the `openssl` cargo feature, RSA signing, RSA
//! verification and DSA verification run on the system's OpenSSL instead;
//! DSA signing stays in Rust with both, because OpenSSL 3.0 only makes
//! randomized DSA signatures, while this crate's are deterministic (RFC
//! 6979) — and its precomputed powers of g make them faster than OpenSSL's.
//! [`backend`] says which back-end this build uses.
//!
//! Either way the keys are read, validated and explained by the same
//! pure-Rust code, so the same key text loads or fails with the same
//! message; the signatures are byte for byte the same; and received
//! signatures are judged the same: `Malformed` for a DSA signature that is
//! not strict DER or an RSA signature of the wrong length (checked here
//! before OpenSSL sees them), `Mismatch` for anything else that does not
//! verify.

use std::fmt;

use zeroize::Zeroizing;

#[cfg(feature = "dsa")]
mod dsa;
#[cfg(any(feature = "rsa", feature = "dsa"))]
mod format;
#[cfg(all(feature = "openssl", any(feature = "rsa", feature = "dsa")))]
mod openssl;
#[cfg(feature = "rsa")]
mod rsa;

#[cfg(feature = "dsa")]
pub use self::dsa::{DsaPrivateKey, DsaPublicKey};
#[cfg(feature = "rsa")]
pub use self::rsa::{RsaPrivateKey, RsaPublicKey};

use crate::sign::SignType;

/// The implementation behind RSA signing and verification and DSA
/// verification in this build: `"openssl"` with the `openssl` cargo feature
/// (the system's OpenSSL, through the `openssl` crate), `"pure-rust"`
/// without it.
///
/// Only the arithmetic differs: key loading, error kinds and the signatures
/// themselves are the same with both (see [the module docs](self)). DSA
/// signing and MD5 are always pure Rust.
pub const fn backend() -> &'static str {
    if cfg!(feature = "openssl") {
        "openssl"
    } else {
        "pure-rust"
    }
}

/// The merchant's MD5 secret (the 32-character "key" of the merchant console).
///
/// Not to be confused with a business parameter that happens to be named
/// `key`, such as the SNS user key of `sns.cae.sign.customer`.
#[derive(Clone)]
#[cfg_attr(not(feature = "md5"), allow(dead_code))]
pub struct Md5Key(Zeroizing<String>);

impl Md5Key {
    /// Wraps the secret. Surrounding whitespace (a pasted newline) is removed;
    /// an empty secret, or one with inner whitespace or control characters,
    /// is an error.
    pub fn new(secret: impl AsRef<str>) -> Result<Self, KeyError> {
        let secret = secret.as_ref().trim();
        if secret.is_empty() || secret.chars().any(|c| c.is_whitespace() || c.is_control()) {
            // A PEM block (`-----BEGIN … KEY-----`) is an RSA or DSA key,
            // given where the MD5 secret belongs.
            let detail = if secret.starts_with("-----BEGIN") && secret.contains("KEY-----") {
                let which = if secret.contains("DSA") {
                    "a DSA"
                } else {
                    "an RSA (or DSA)"
                };
                format!(
                    "this is {which} key in PEM, not the MD5 secret: sign with sign_type RSA, RSA2 or DSA, \
                     or give the 32-character MD5 key of the merchant console"
                )
            } else {
                "an MD5 key is one word of printable characters (32 on the merchant console)".into()
            };
            return Err(KeyError {
                kind: "MD5 key",
                tried: vec![],
                detail,
            });
        }
        Ok(Md5Key(Zeroizing::new(secret.to_owned())))
    }

    #[cfg_attr(not(feature = "md5"), allow(dead_code))]
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Md5Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Md5Key(<redacted>)")
    }
}

/// A key that could not be read.
///
/// Its message says what kind of key was wanted and which formats were tried;
/// it never contains key material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyError {
    pub(crate) kind: &'static str,
    pub(crate) tried: Vec<&'static str>,
    pub(crate) detail: String,
}

impl KeyError {
    pub(crate) fn feature_disabled(sign_type: SignType) -> Self {
        let feature = match sign_type {
            SignType::Md5 => "md5",
            SignType::Rsa | SignType::Rsa2 => "rsa",
            SignType::Dsa => "dsa",
        };
        KeyError {
            kind: "key",
            tried: vec![],
            detail: format!(
                "sign_type {sign_type} needs the `{feature}` cargo feature of alipay-mapi"
            ),
        }
    }

    /// What kind of key was wanted ("RSA private key", …).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The formats that were tried, in order.
    pub fn tried(&self) -> &[&'static str] {
        &self.tried
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What was wrong first, then the formats tried: the list is long,
        // and the detail is what a user acts on.
        write!(f, "could not read the {}", self.kind)?;
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        if !self.tried.is_empty() {
            write!(f, " (tried: {})", self.tried.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for KeyError {}

#[cfg(test)]
mod tests {
    #[test]
    fn backend_is_the_feature() {
        let expected = if cfg!(feature = "openssl") {
            "openssl"
        } else {
            "pure-rust"
        };
        assert_eq!(super::backend(), expected);
    }
}

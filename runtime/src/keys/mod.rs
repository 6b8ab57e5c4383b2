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
pub(crate) use self::rsa::Decrypted;
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
    /// Wraps the secret. Surrounding whitespace (a pasted newline) is removed,
    /// and so is a leading byte order mark (U+FEFF, which Windows Notepad
    /// writes at the start of a file it saves as UTF-8): neither is ever part
    /// of a key. An empty secret, or one with inner whitespace or control
    /// characters, is an error; so is one holding an invisible Unicode format
    /// character (general category `Cf`: U+200B zero width space, U+200E
    /// left-to-right mark, a U+FEFF past the start, …), which the error names
    /// with its position, never the key's characters.
    ///
    /// ```
    /// use alipay_mapi_runtime::keys::Md5Key;
    /// // A key file saved by Notepad: BOM, key, CRLF.
    /// assert!(Md5Key::new("\u{feff}10000000000000000000000000000000\r\n").is_ok());
    /// let err = Md5Key::new("1000000000000000\u{200b}0000000000000000").unwrap_err();
    /// assert!(err.to_string().contains("U+200B (ZERO WIDTH SPACE)"));
    /// ```
    pub fn new(secret: impl AsRef<str>) -> Result<Self, KeyError> {
        let secret = secret
            .as_ref()
            .trim_start_matches(|c: char| c.is_whitespace() || c == BYTE_ORDER_MARK)
            .trim_end();
        if let Some((at, c)) = secret
            .chars()
            .enumerate()
            .find(|&(_, c)| is_format_character(c))
        {
            return Err(KeyError {
                kind: "MD5 key",
                tried: vec![],
                detail: format!(
                    "character {} of the key is {}, an invisible Unicode format character \
                     (pasted from a web page or a document?): an MD5 key is printable ASCII, \
                     32 characters on the merchant console; type or copy it again",
                    at + 1,
                    describe_format_character(c)
                ),
            });
        }
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
        if let Some(which) = der_key_in_base64(secret) {
            // A public key is public: taken as an MD5 secret, anyone could
            // sign with it.
            return Err(KeyError {
                kind: "MD5 key",
                tried: vec![],
                detail: format!(
                    "this is {which} in base64 (as the merchant console shows RSA and DSA keys), \
                     not the MD5 secret: verify or sign with sign_type RSA, RSA2 or DSA, or give \
                     the 32-character MD5 key of the merchant console"
                ),
            });
        }
        Ok(Md5Key(Zeroizing::new(secret.to_owned())))
    }

    #[cfg_attr(not(feature = "md5"), allow(dead_code))]
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

/// What `text` is when it is a key in DER encoded as base64 on one line
/// (an RSA or DSA key, public or private, as the merchant console shows
/// them): base64 of at least 64 bytes that are one DER `SEQUENCE` whose
/// length says exactly how many bytes follow. No MD5 secret (32 printable
/// characters on the console) is; the smallest RSA public key (512 bits)
/// is 94 bytes. Checked by decoding, not by the text's look: `MFww…`,
/// `MIGf…` and `MIIB…` are only what such keys usually start with.
fn der_key_in_base64(text: &str) -> Option<&'static str> {
    use base64::Engine as _;
    // 64 bytes take at least 86 characters of base64.
    if text.len() < 86 {
        return None;
    }
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let der = Zeroizing::new(engine.decode(text).ok()?);
    // The length of what follows a SEQUENCE's length octets, and where it
    // starts.
    let (content, start) = match der.as_slice() {
        [0x30, short @ 0..=0x7f, ..] => (usize::from(*short), 2),
        [0x30, 0x81, len, ..] => (usize::from(*len), 3),
        [0x30, 0x82, hi, lo, ..] => (usize::from(*hi) << 8 | usize::from(*lo), 4),
        _ => return None,
    };
    (der.len() >= 64 && start + content == der.len()).then_some("an RSA or DSA key (DER)")
}

/// U+FEFF, the byte order mark (EF BB BF in UTF-8) an editor may write at the
/// start of a text file.
const BYTE_ORDER_MARK: char = '\u{feff}';

/// Whether `c` is of Unicode general category `Cf` (format characters:
/// invisible, and never part of a key). The ranges are Unicode 16.0's
/// `Cf` (`DerivedGeneralCategory.txt`), checked against Python's
/// `unicodedata.category`.
fn is_format_character(c: char) -> bool {
    const CF: [(u32, u32); 21] = [
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];
    let c = u32::from(c);
    CF.iter().any(|&(first, last)| (first..=last).contains(&c))
}

/// `U+200B (ZERO WIDTH SPACE)`: a format character's code point, and its
/// Unicode name for the ones that get pasted by accident.
fn describe_format_character(c: char) -> String {
    let name = match c {
        '\u{00AD}' => Some("SOFT HYPHEN"),
        '\u{200B}' => Some("ZERO WIDTH SPACE"),
        '\u{200C}' => Some("ZERO WIDTH NON-JOINER"),
        '\u{200D}' => Some("ZERO WIDTH JOINER"),
        '\u{200E}' => Some("LEFT-TO-RIGHT MARK"),
        '\u{200F}' => Some("RIGHT-TO-LEFT MARK"),
        '\u{202A}' => Some("LEFT-TO-RIGHT EMBEDDING"),
        '\u{202B}' => Some("RIGHT-TO-LEFT EMBEDDING"),
        '\u{202C}' => Some("POP DIRECTIONAL FORMATTING"),
        '\u{202D}' => Some("LEFT-TO-RIGHT OVERRIDE"),
        '\u{202E}' => Some("RIGHT-TO-LEFT OVERRIDE"),
        '\u{2060}' => Some("WORD JOINER"),
        '\u{2066}' => Some("LEFT-TO-RIGHT ISOLATE"),
        '\u{2067}' => Some("RIGHT-TO-LEFT ISOLATE"),
        '\u{2068}' => Some("FIRST STRONG ISOLATE"),
        '\u{2069}' => Some("POP DIRECTIONAL ISOLATE"),
        BYTE_ORDER_MARK => Some("ZERO WIDTH NO-BREAK SPACE, the byte order mark"),
        _ => None,
    };
    match name {
        Some(name) => format!("U+{:04X} ({name})", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
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

    /// A key file saved by Windows Notepad starts with a byte order mark:
    /// it is stripped like surrounding whitespace, and the key signs as the
    /// bare key does. The sign is Python's
    /// `hashlib.md5(b"partner=123&service=test" + b"1" + b"0" * 31).hexdigest()`;
    /// with the BOM's bytes kept in the key it would be
    /// `hashlib.md5(b"partner=123&service=test" + "\ufeff".encode() + key).hexdigest()`
    /// = 638935aa49650246ac1cd93871047710.
    #[cfg(feature = "md5")]
    #[test]
    fn a_leading_byte_order_mark_is_not_part_of_the_key() {
        use crate::{Signer, Verifier};
        const KEY: &str = "10000000000000000000000000000000";
        const SIGN: &str = "bbd13b52823b576291595f472ebcfbc2";
        const WITH_BOM_KEPT: &str = "638935aa49650246ac1cd93871047710";
        let message = b"partner=123&service=test";
        for text in [
            format!("\u{feff}{KEY}"),
            format!("\u{feff}{KEY}\r\n"),
            format!(" \u{feff}{KEY} "),
            format!("\u{feff}\u{feff}{KEY}"),
        ] {
            let key = super::Md5Key::new(&text).unwrap();
            assert_eq!(key.expose(), KEY, "{text:?}");
            let sign = Signer::md5(key.clone()).sign_message(message).unwrap();
            assert_eq!(sign, SIGN);
            assert_ne!(sign, WITH_BOM_KEPT);
            Verifier::md5(key).verify_message(message, SIGN).unwrap();
        }
    }

    /// Any other format character (Unicode category Cf) is refused, the
    /// error naming it and where it is, not the key.
    #[test]
    fn format_characters_inside_a_key_are_refused_by_name() {
        for (text, named) in [
            ("1000000000000000\u{200b}0000000000000000", "character 17 of the key is U+200B (ZERO WIDTH SPACE)"),
            ("10000000000000000000000000000000\u{feff}", "character 33 of the key is U+FEFF (ZERO WIDTH NO-BREAK SPACE, the byte order mark)"),
            ("\u{200e}10000000000000000000000000000000", "character 1 of the key is U+200E (LEFT-TO-RIGHT MARK)"),
            ("1000\u{00ad}0000", "U+00AD (SOFT HYPHEN)"),
            ("1000\u{e0041}0000", "character 5 of the key is U+E0041,"),
        ] {
            let err = super::Md5Key::new(text).unwrap_err();
            let message = err.to_string();
            assert!(message.contains(named), "{message}");
            assert!(message.contains("invisible Unicode format character"), "{message}");
            assert!(!message.contains("10000"), "{message}");
            assert_eq!(err.kind(), "MD5 key");
        }
        // Printable non-ASCII is not a format character: left as before.
        assert!(super::Md5Key::new("ключ").is_ok());
        assert!(super::is_format_character('\u{1343f}'));
        assert!(!super::is_format_character('a'));
        assert!(!super::is_format_character('\u{3000}'));
    }
}

//! Reading what the user gives: sign types, charsets, `NAME=VALUE` pairs,
//! keys (inline or `@path`), and the parameters to check.

use std::io::Read as _;
use std::path::Path;

use alipay_mapi::keys::{
    DsaPrivateKey, DsaPublicKey, KeyError, Md5Key, RsaPrivateKey, RsaPublicKey,
};
use alipay_mapi::{Charset, ReceivedParams, ReturnError, SignType, Signer, Verifier};

use crate::fail::{Fail, Result};

/// `--sign-type`: MD5, RSA, RSA2 or DSA, any case.
pub fn parse_sign_type(text: &str) -> std::result::Result<SignType, String> {
    text.parse::<SignType>().map_err(|e| e.to_string())
}

/// `--charset`: utf-8, gbk or gb2312, any case.
pub fn parse_charset(text: &str) -> std::result::Result<Charset, String> {
    text.parse::<Charset>().map_err(|e| e.to_string())
}

/// `NAME=VALUE`, split at the first `=`, both raw.
pub fn parse_pair(text: &str) -> std::result::Result<(String, String), String> {
    match text.split_once('=') {
        Some(("", _)) => Err(format!("`{text}` has an empty name (expected NAME=VALUE)")),
        Some((name, value)) => Ok((name.to_owned(), value.to_owned())),
        None => Err(format!("`{text}` is not NAME=VALUE (no `=`)")),
    }
}

/// Refuses a name given twice: a signature covers one value per name.
pub fn refuse_duplicates(pairs: &[(String, String)]) -> Result<()> {
    for (i, (name, _)) in pairs.iter().enumerate() {
        if pairs.iter().take(i).any(|(n, _)| n == name) {
            return Err(Fail::usage(format!(
                "parameter `{name}` is given more than once"
            )));
        }
    }
    Ok(())
}

/// The file behind `@path`, if the key is given that way.
fn key_file(key: &str) -> Option<&Path> {
    key.strip_prefix('@').map(Path::new)
}

fn md5_from_file(path: &Path) -> std::result::Result<Md5Key, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read MD5 key file `{}`: {e}", path.display()))?;
    Md5Key::new(text).map_err(|e| format!("key file `{}`: {e}", path.display()))
}

fn key_failure(key: &str, error: String) -> Fail {
    let mut message = format!("--key: {error}");
    if key_file(key).is_none() && Path::new(key).is_file() {
        message.push_str(&format!(
            "\n  `{key}` is a file: to read the key from it, write --key @{key}"
        ));
    }
    Fail::usage(message)
}

/// The signer for `--sign-type` and `--key` (the key itself or `@path`).
pub fn signer(sign_type: SignType, key: &str) -> Result<Signer> {
    let loaded = match key_file(key) {
        None => Signer::from_key_text(sign_type, key).map_err(|e: KeyError| e.to_string()),
        Some(path) => match sign_type {
            SignType::Md5 => md5_from_file(path).map(Signer::md5),
            SignType::Rsa => RsaPrivateKey::load_file(path)
                .map(Signer::rsa)
                .map_err(|e| e.to_string()),
            SignType::Rsa2 => RsaPrivateKey::load_file(path)
                .map(Signer::rsa2)
                .map_err(|e| e.to_string()),
            SignType::Dsa => DsaPrivateKey::load_file(path)
                .map(Signer::dsa)
                .map_err(|e| e.to_string()),
        },
    };
    loaded.map_err(|e| key_failure(key, e))
}

/// The verifier for a sign type and `--key` (the key itself or `@path`).
pub fn verifier(sign_type: SignType, key: &str) -> Result<Verifier> {
    let loaded = match key_file(key) {
        None => Verifier::from_key_text(sign_type, key).map_err(|e: KeyError| e.to_string()),
        Some(path) => match sign_type {
            SignType::Md5 => md5_from_file(path).map(Verifier::md5),
            SignType::Rsa => RsaPublicKey::load_file(path)
                .map(Verifier::rsa)
                .map_err(|e| e.to_string()),
            SignType::Rsa2 => RsaPublicKey::load_file(path)
                .map(Verifier::rsa2)
                .map_err(|e| e.to_string()),
            SignType::Dsa => DsaPublicKey::load_file(path)
                .map(Verifier::dsa)
                .map_err(|e| e.to_string()),
        },
    };
    loaded.map_err(|e| key_failure(key, e))
}

/// The bytes of a return URL or query string given inline, `@path` or `-`.
pub fn check_input(input: &str) -> Result<Vec<u8>> {
    let mut bytes = if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Fail::usage(format!("cannot read stdin: {e}")))?;
        buf
    } else if let Some(path) = input.strip_prefix('@') {
        std::fs::read(path).map_err(|e| Fail::usage(format!("cannot read `{path}`: {e}")))?
    } else {
        return Ok(input.as_bytes().to_vec());
    };
    // A file or a pipe usually ends with a newline that no value holds. The
    // library, given such bytes, reads it as part of the last value (a
    // sign then has a character too many): say that it was left out here.
    let len = bytes.len();
    while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
        bytes.pop();
    }
    if bytes.len() < len {
        let from = if input == "-" { "stdin" } else { input };
        crate::out::note(&format!(
            "left out the line break at the end of {from}; a body received over HTTP has none, \
             and verifying in code would read it as part of the last value"
        ));
    }
    Ok(bytes)
}

/// Received parameters, decoded in `charset`; unreadable input is exit 2,
/// with a hint when the charset looks wrong.
pub fn received(bytes: &[u8], charset: Charset) -> Result<ReceivedParams> {
    ReceivedParams::parse(bytes, charset).map_err(|e| {
        let mut message = e.to_string();
        if matches!(e, ReturnError::Decode(alipay_mapi::DecodeError::Charset(_))) {
            let declared = declared_charset(bytes);
            match declared {
                Some(d) if d != charset => message.push_str(&format!(
                    "\n  the parameters say _input_charset={d}: try --charset {d}"
                )),
                _ => {
                    let other = if charset == Charset::Utf8 {
                        "gbk"
                    } else {
                        "utf-8"
                    };
                    message.push_str(&format!("\n  is it {other}? try --charset {other}"));
                }
            }
        }
        Fail::usage(message)
    })
}

/// `_input_charset` as it appears in raw (undecoded) query bytes.
fn declared_charset(bytes: &[u8]) -> Option<Charset> {
    bytes.split(|&b| b == b'&' || b == b'?').find_map(|piece| {
        let value = piece.strip_prefix(b"_input_charset=")?;
        std::str::from_utf8(value).ok()?.parse().ok()
    })
}

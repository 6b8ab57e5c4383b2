//! What goes on the wire: percent-encoding from the charset's bytes, strict
//! decoding of received query strings and form bodies, HTML escaping.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::charset::{Charset, CharsetError};

/// Characters sent as they are: RFC 3986's unreserved set. Everything else,
/// including the `+`, `/` and `=` of a base64 sign, is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Appends `name=value` (no separator) to a query string, both
/// percent-encoded from the bytes of `charset`.
pub(crate) fn push_query_pair(
    out: &mut String,
    charset: Charset,
    name: &str,
    value: &str,
) -> Result<(), CharsetError> {
    charset.encode_with(name, name, |chunk| push_encoded(out, chunk))?;
    out.push('=');
    charset.encode_with(name, value, |chunk| push_encoded(out, chunk))?;
    Ok(())
}

/// Appends an ASCII value (a sign) percent-encoded.
pub(crate) fn push_query_value(out: &mut String, value: &str) {
    push_encoded(out, value.as_bytes());
}

fn push_encoded(out: &mut String, bytes: &[u8]) {
    for piece in percent_encoding::percent_encode(bytes, QUERY_VALUE) {
        out.push_str(piece);
    }
}

/// Percent-encodes UTF-8 text that is already known to be ASCII-safe for a URL
/// (a charset label).
pub(crate) fn encode_utf8(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// Escapes text for an HTML attribute value or text node.
pub(crate) fn push_html_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Why received parameters could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A `%` not followed by two hexadecimal digits.
    InvalidPercentEncoding {
        /// Byte offset of the `%` in the input.
        offset: usize,
    },
    /// A parameter with an empty name (`=value`).
    EmptyName {
        /// Byte offset of the pair in the input.
        offset: usize,
    },
    /// Decoded bytes are not valid in the charset.
    Charset(CharsetError),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::InvalidPercentEncoding { offset } => write!(
                f,
                "invalid percent-encoding at byte {offset}: `%` must be followed by two hexadecimal digits"
            ),
            DecodeError::EmptyName { offset } => {
                write!(f, "parameter with an empty name at byte {offset}")
            }
            DecodeError::Charset(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Splits `application/x-www-form-urlencoded` bytes (a query string or a form
/// body) into decoded pairs, in order. `+` is a space, as the format says;
/// `%XX` must be well formed; the bytes are then decoded in `charset`.
pub(crate) fn decode_pairs(
    input: &[u8],
    charset: Charset,
) -> Result<Vec<(String, String)>, DecodeError> {
    let mut pairs = Vec::new();
    let mut offset = 0;
    for piece in input.split(|&b| b == b'&') {
        let start = offset;
        offset += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        let (raw_name, raw_value) = match piece.iter().position(|&b| b == b'=') {
            Some(eq) => (
                piece.get(..eq).unwrap_or_default(),
                piece.get(eq + 1..).unwrap_or_default(),
            ),
            None => (piece, &[][..]),
        };
        if raw_name.is_empty() {
            return Err(DecodeError::EmptyName { offset: start });
        }
        let name = decode_component(raw_name, start, charset, None)?;
        let value_offset = start + raw_name.len() + 1;
        let value = decode_component(raw_value, value_offset, charset, Some(&name))?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

fn decode_component(
    raw: &[u8],
    offset: usize,
    charset: Charset,
    param: Option<&str>,
) -> Result<String, DecodeError> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut iter = raw.iter().enumerate();
    while let Some((i, &b)) = iter.next() {
        match b {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hi = iter.next().and_then(|(_, &h)| hex_value(h));
                let lo = iter.next().and_then(|(_, &l)| hex_value(l));
                match (hi, lo) {
                    (Some(hi), Some(lo)) => bytes.push(hi << 4 | lo),
                    _ => return Err(DecodeError::InvalidPercentEncoding { offset: offset + i }),
                }
            }
            b => bytes.push(b),
        }
    }
    charset
        .decode(&bytes)
        .map(|text| text.into_owned())
        .map_err(|_| {
            DecodeError::Charset(CharsetError::Undecodable {
                param: param.map(str::to_owned),
                charset,
            })
        })
}

fn hex_value(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_from_charset_bytes() {
        let mut s = String::new();
        push_query_pair(&mut s, Charset::Gbk, "subject", "中 a+b/c=").unwrap();
        assert_eq!(s, "subject=%D6%D0%20a%2Bb%2Fc%3D");
        let mut u = String::new();
        push_query_pair(&mut u, Charset::Utf8, "subject", "中").unwrap();
        assert_eq!(u, "subject=%E4%B8%AD");
    }

    #[test]
    fn decodes_strictly() {
        let pairs = decode_pairs(b"a=1+2&b=%D6%D0&&c&d=", Charset::Gbk).unwrap();
        assert_eq!(
            pairs,
            vec![
                ("a".into(), "1 2".into()),
                ("b".into(), "中".into()),
                ("c".into(), String::new()),
                ("d".into(), String::new())
            ]
        );
        assert_eq!(
            decode_pairs(b"a=%G1", Charset::Utf8),
            Err(DecodeError::InvalidPercentEncoding { offset: 2 })
        );
        assert_eq!(
            decode_pairs(b"a=%4", Charset::Utf8),
            Err(DecodeError::InvalidPercentEncoding { offset: 2 })
        );
        assert!(matches!(
            decode_pairs(b"a=%FF", Charset::Utf8),
            Err(DecodeError::Charset(CharsetError::Undecodable { param: Some(ref p), .. })) if p == "a"
        ));
        assert_eq!(
            decode_pairs(b"a=1&=2", Charset::Utf8),
            Err(DecodeError::EmptyName { offset: 4 })
        );
    }

    #[test]
    fn html_escaping() {
        let mut s = String::new();
        push_html_escaped(&mut s, r#"<a href="x">'&'</a>"#);
        assert_eq!(s, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}

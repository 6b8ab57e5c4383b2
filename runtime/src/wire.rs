//! What goes on the wire: percent-encoding from the charset's bytes, strict
//! decoding of received query strings and form bodies, HTML escaping.

use crate::charset::{Charset, CharsetError};

/// How each byte goes into a URL: itself when it is in RFC 3986's
/// unreserved set (ASCII letters, digits, `-`, `_`, `.`, `~`), else `%XX`
/// with uppercase hex — so the `+`, `/` and `=` of a base64 sign and every
/// byte of a non-ASCII character are escaped. Each entry is the bytes to
/// write, padded to three, then how many of them count.
#[allow(clippy::indexing_slicing)] // evaluated at compile time, all in bounds
const ENCODED: [[u8; 4]; 256] = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut table = [[0u8; 4]; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let unreserved = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        table[i] = if unreserved {
            [b, 0, 0, 1]
        } else {
            [b'%', HEX[(b >> 4) as usize], HEX[(b & 0xF) as usize], 3]
        };
        i += 1;
    }
    table
};

/// The table entry of `b`.
#[inline]
fn encoded(b: u8) -> [u8; 4] {
    // Always `Some`: a u8 indexes a table of 256.
    ENCODED.get(usize::from(b)).copied().unwrap_or_default()
}

/// Whether a byte is sent as it is (see [`ENCODED`]), by comparisons, which
/// the compiler turns into SIMD compares over a [`BLOCK`].
#[inline]
fn is_unreserved(b: u8) -> bool {
    // `| 0x20` maps `A..=Z` onto `a..=z` and nothing else into it.
    ((b | 0x20).wrapping_sub(b'a') < 26)
        | (b.wrapping_sub(b'0') < 10)
        | (b == b'-')
        | (b == b'_')
        | (b == b'.')
        | (b == b'~')
}

/// Bytes looked at together by [`encode_into`]'s fast path.
const BLOCK: usize = 16;

/// Writes `bytes` percent-encoded at the start of `room`, which must have
/// `3 * bytes.len() + 1` bytes; returns how many it wrote.
///
/// The hot loop of every URL this crate builds. Most of a request needs no
/// escaping: a block of 16 bytes is checked without a branch per byte (SIMD
/// compares) and copied in one move when none needs it. Other blocks and
/// the tail go through [`encode_each`]. Pushing `char`s onto a `String`,
/// or the `percent-encoding` crate's iterator of pieces (which the tests
/// compare this with), cost two to four times the instructions.
#[inline]
fn encode_into(room: &mut [u8], bytes: &[u8]) -> usize {
    let mut len = 0;
    let mut blocks = bytes.chunks_exact(BLOCK);
    for block in &mut blocks {
        let plain = block.iter().fold(true, |all, &b| all & is_unreserved(b));
        match room.get_mut(len..len + BLOCK) {
            Some(slot) if plain => {
                slot.copy_from_slice(block);
                len += BLOCK;
            }
            _ => len = encode_each(room, len, block),
        }
    }
    encode_each(room, len, blocks.remainder())
}

/// [`encode_into`] a byte at a time from `len`, without a branch on the
/// data: each byte writes its whole [`ENCODED`] entry (one 4-byte store;
/// the bytes past its length are overwritten by the next) and advances by
/// the entry's length. Returns the new length.
#[inline]
fn encode_each(room: &mut [u8], mut len: usize, bytes: &[u8]) -> usize {
    for &b in bytes {
        let entry = encoded(b);
        if let Some(slot) = room.get_mut(len..len + 4) {
            slot.copy_from_slice(&entry);
        }
        let [.., count] = entry;
        len += usize::from(count);
    }
    len
}

/// Whether no byte of `bytes` needs escaping.
fn all_unreserved(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| matches!(encoded(b), [.., 1]))
}

/// A URL under construction: the gateway address, then `name=value` pairs
/// percent-encoded from the bytes of the request charset.
///
/// Everything is written (every byte of it ASCII) into one buffer that
/// becomes the `String` at the end: the single allocation of a URL. The
/// buffer is zero-filled once, ahead of the writing position, so encoding
/// writes into it without `push` or `resize` per value; it grows (doubling)
/// only when a request is longer than the capacity asked for.
pub(crate) struct Query {
    /// Initialized to its full length; the URL is `buf[..len]`.
    buf: Vec<u8>,
    len: usize,
    separator: u8,
}

impl Query {
    /// A query on `base` (the gateway), with room for `capacity` bytes in
    /// all; the first pair is joined with `?`, or with `&` when `base`
    /// already has a query.
    pub(crate) fn new(base: &str, capacity: usize) -> Self {
        let mut query = Query {
            buf: vec![0; capacity.max(base.len() + 1)],
            len: 0,
            separator: if base.contains('?') { b'&' } else { b'?' },
        };
        query.put_raw(base.as_bytes());
        query
    }

    /// A query without base or separator, for encoding a lone value.
    fn bare() -> Self {
        Query {
            buf: Vec::new(),
            len: 0,
            separator: b'&',
        }
    }

    /// The buffer from the writing position on, with at least `n` bytes.
    #[inline]
    fn room(&mut self, n: usize) -> &mut [u8] {
        let needed = self.len + n;
        if self.buf.len() < needed {
            self.buf.resize(needed.max(2 * self.buf.len()), 0);
        }
        self.buf.get_mut(self.len..).unwrap_or_default()
    }

    /// Appends bytes as they are.
    #[inline]
    pub(crate) fn put_raw(&mut self, bytes: &[u8]) {
        if let Some(slot) = self.room(bytes.len()).get_mut(..bytes.len()) {
            slot.copy_from_slice(bytes);
        }
        self.len += bytes.len();
    }

    /// Appends bytes percent-encoded.
    #[inline]
    pub(crate) fn put(&mut self, bytes: &[u8]) {
        let written = encode_into(self.room(3 * bytes.len() + 1), bytes);
        self.len += written;
    }

    /// Appends the separator before a pair (`?` first, then `&`).
    #[inline]
    pub(crate) fn separate(&mut self) {
        let separator = self.separator;
        self.put_raw(&[separator]);
        self.separator = b'&';
    }

    /// Appends `name=value`, both percent-encoded from the bytes of
    /// `charset`.
    pub(crate) fn pair(
        &mut self,
        charset: Charset,
        name: &str,
        value: &str,
    ) -> Result<(), CharsetError> {
        self.separate();
        charset.encode_with(name, name, |chunk| self.put(chunk))?;
        self.put_raw(b"=");
        charset.encode_with(name, value, |chunk| self.put(chunk))
    }

    /// Appends `name=` and then the value `write` appends to the buffer it
    /// is given (a sign, written in place), percent-encoded when it needs
    /// to be.
    pub(crate) fn pair_written_by<E>(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.separate();
        self.put(name.as_bytes());
        self.put_raw(b"=");
        self.buf.truncate(self.len);
        let start = self.len;
        let result = write(&mut self.buf);
        self.len = self.buf.len();
        let written = self.buf.get(start..).unwrap_or_default();
        // An MD5 sign is hex: nothing to do; a base64 one has `+`, `/`, `=`.
        if !all_unreserved(written) {
            let raw = self.buf.split_off(start);
            self.len = start;
            self.put(&raw);
        }
        result
    }

    /// The finished URL.
    pub(crate) fn finish(mut self) -> String {
        self.buf.truncate(self.len);
        ascii_string(self.buf)
    }
}

/// `value` (of parameter `name`) percent-encoded from the bytes of
/// `charset`, as a URL carries it.
pub(crate) fn encode_value(
    charset: Charset,
    name: &str,
    value: &str,
) -> Result<String, CharsetError> {
    let mut query = Query::bare();
    charset.encode_with(name, value, |chunk| query.put(chunk))?;
    Ok(query.finish())
}

/// Bytes this module wrote, all ASCII, as a `String` (no copy).
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        // Unreachable: every byte written is ASCII. Lossy rather than a panic.
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Percent-encodes text (a charset label) from its UTF-8 bytes.
pub(crate) fn encode_utf8(text: &str) -> String {
    let mut query = Query::bare();
    query.put(text.as_bytes());
    query.finish()
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
    let mut i = 0;
    while i < raw.len() {
        // Runs of plain bytes are copied whole.
        let rest = raw.get(i..).unwrap_or_default();
        let run = rest
            .iter()
            .position(|&b| b == b'+' || b == b'%')
            .unwrap_or(rest.len());
        bytes.extend_from_slice(rest.get(..run).unwrap_or_default());
        i += run;
        match raw.get(i) {
            Some(b'+') => {
                bytes.push(b' ');
                i += 1;
            }
            Some(_) => {
                let hi = raw.get(i + 1).and_then(|&h| hex_value(h));
                let lo = raw.get(i + 2).and_then(|&l| hex_value(l));
                match (hi, lo) {
                    (Some(hi), Some(lo)) => bytes.push(hi << 4 | lo),
                    _ => return Err(DecodeError::InvalidPercentEncoding { offset: offset + i }),
                }
                i += 3;
            }
            None => {}
        }
    }
    let undecodable = || {
        DecodeError::Charset(CharsetError::Undecodable {
            param: param.map(str::to_owned),
            charset,
        })
    };
    // ASCII reads the same in every charset, and UTF-8 needs only a check:
    // the buffer becomes the `String` without a copy.
    if bytes.is_ascii() || charset == Charset::Utf8 {
        return String::from_utf8(bytes).map_err(|_| undecodable());
    }
    charset
        .decode(&bytes)
        .map(|text| text.into_owned())
        .map_err(|_| undecodable())
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
        let mut s = Query::new("https://gw/do", 0);
        s.pair(Charset::Gbk, "subject", "中 a+b/c=").unwrap();
        assert_eq!(s.finish(), "https://gw/do?subject=%D6%D0%20a%2Bb%2Fc%3D");
        let mut u = Query::new("https://gw/do?x=1", 0);
        u.pair(Charset::Utf8, "subject", "中").unwrap();
        u.pair(Charset::Utf8, "b", "").unwrap();
        assert_eq!(u.finish(), "https://gw/do?x=1&subject=%E4%B8%AD&b=");
    }

    #[test]
    fn values_written_in_place_are_encoded_only_when_needed() {
        for (value, want) in [("0aZ9", "0aZ9"), ("a+b/c==", "a%2Bb%2Fc%3D%3D")] {
            // Capacity 4: the buffer grows on the way.
            let mut q = Query::new("g", 4);
            q.pair(Charset::Utf8, "a", "1").unwrap();
            q.pair_written_by("sign", |out| {
                out.extend_from_slice(value.as_bytes());
                Ok::<(), ()>(())
            })
            .unwrap();
            q.pair(Charset::Utf8, "z", "~").unwrap();
            assert_eq!(q.finish(), format!("g?a=1&sign={want}&z=~"));
        }
        assert_eq!(
            encode_value(Charset::Gbk, "p", "中 +").unwrap(),
            "%D6%D0%20%2B"
        );
        assert!(encode_value(Charset::Gbk, "p", "😀").is_err());
    }

    /// The `percent-encoding` crate's encoding with RFC 3986's unreserved
    /// set left as it is: what `push_encoded` must give, byte for byte.
    fn reference(bytes: &[u8]) -> String {
        use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
        const KEEP: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'~');
        percent_encode(bytes, KEEP).to_string()
    }

    #[test]
    fn every_byte_encodes_as_the_percent_encoding_crate_does() {
        let all: Vec<u8> = (0..=255).collect();
        let mut query = Query::bare();
        query.put(&all);
        let out = query.finish();
        assert_eq!(out, reference(&all));
        assert!(out.starts_with("%00%01"));
        assert!(out.contains("-.%2F0123456789%3A"));
        assert!(out.ends_with("%FE%FF"));
        assert_eq!(encode_utf8("utf-8"), "utf-8");
        assert_eq!(encode_utf8("a b+中"), "a%20b%2B%E4%B8%AD");
    }

    /// The comparisons of the 16-byte fast path agree with the table, for
    /// every byte; and a block of 16 equal bytes, which takes the fast path
    /// when the byte is unreserved, encodes as the reference does.
    #[test]
    fn fast_path_agrees_with_the_table() {
        for b in 0..=255u8 {
            assert_eq!(is_unreserved(b), all_unreserved(&[b]), "byte {b:#04x}");
            for len in [BLOCK, 2 * BLOCK + 3] {
                let block = vec![b; len];
                let mut query = Query::bare();
                query.put(&block);
                assert_eq!(query.finish(), reference(&block), "byte {b:#04x}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn encodes_as_the_percent_encoding_crate_does(
            prefix in ".{0,8}",
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
        ) {
            // The bytes go in two pieces, the buffer growing on the way.
            let mut query = Query::new(&prefix, 1);
            let (head, tail) = bytes.split_at(bytes.len() / 2);
            query.put(head);
            query.put(tail);
            let want = format!("{prefix}{}", reference(&bytes));
            proptest::prop_assert!(query.buf.len() >= want.len());
            proptest::prop_assert_eq!(query.finish(), want);
        }
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

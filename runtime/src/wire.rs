//! What goes on the wire: percent-encoding from the charset's bytes, strict
//! decoding of received query strings and form bodies, HTML escaping.

use crate::charset::{Charset, CharsetError};

mod marks;

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
#[non_exhaustive]
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

/// Where a name or a value sits in [`RawPairs::bytes`] (or in the text
/// decoded from them): `start..end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    pub(crate) fn of<T>(self, all: &[T]) -> &[T] {
        all.get(self.start..self.end).unwrap_or_default()
    }

    /// How many bytes it covers.
    pub(crate) fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
}

/// Where one received pair sits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PairSpan {
    pub(crate) name: Span,
    pub(crate) value: Span,
}

impl PairSpan {
    /// From the name's start to the value's end: `name=value` when the pair
    /// has a value.
    pub(crate) fn joined(self) -> Span {
        Span {
            start: self.name.start,
            end: self.value.end,
        }
    }
}

/// Received pairs after percent-decoding and before charset decoding, in
/// one buffer, and where each pair's name and value are.
///
/// The buffer is the input with `%XX` and `+` decoded and the `=` and `&`
/// between names and values kept, so a pair's `name=value` is one slice of
/// it (see [`PairSpan::joined`]). Reading pairs this way costs three
/// allocations however many there are, and keeps the bytes the gateway
/// signed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RawPairs {
    pub(crate) bytes: Vec<u8>,
    pub(crate) spans: Vec<PairSpan>,
    /// [`name_key`] of each pair's name, in the order of `spans`: read
    /// while the name's bytes are at hand, for sorting and finding names.
    pub(crate) keys: Vec<u64>,
    /// How many of `bytes` came as a `%XX` of a byte that is not ASCII:
    /// all the non-ASCII bytes of a well-formed form, for the room of their
    /// text.
    pub(crate) escaped_non_ascii: usize,
}

impl RawPairs {
    /// Empty pairs with room for one form of `input_len` bytes: its
    /// decoded bytes, and the pairs [`push_form`](Self::push_form) reserves
    /// for. Allocating at that size up front costs less than growing empty
    /// vectors there.
    pub(crate) fn for_form(input_len: usize) -> Self {
        RawPairs {
            bytes: Vec::with_capacity(input_len),
            spans: Vec::with_capacity(spans_for(input_len)),
            keys: Vec::with_capacity(pairs_for(input_len)),
            escaped_non_ascii: 0,
        }
    }

    /// Splits `application/x-www-form-urlencoded` bytes (a query string or a
    /// form body) into pairs and appends them, in order. `+` is a space, as
    /// the format says; `%XX` must be well formed; an empty name is refused.
    /// Offsets in errors count from the start of `input`.
    ///
    /// One pass over the input: every input byte (or `%XX`) gives one byte,
    /// so the decoded bytes are written into room of the input's length,
    /// which is then cut to what was written. A pair's bytes are separated
    /// from the previous input's by an `&`.
    pub(crate) fn push_form(&mut self, input: &[u8]) -> Result<(), DecodeError> {
        let (before, pairs) = (self.bytes.len(), self.spans.len());
        if before > 0 {
            self.bytes.push(b'&');
        }
        let base = self.bytes.len();
        self.bytes.resize(base + input.len(), 0);
        // Room for pairs of 16 bytes on average (the gateway's are longer),
        // without a pass to count them; for the spans, 32 pairs at most at
        // first (1 KiB), more than a notification or return has: an
        // allocator serves a block that small from its per-thread cache
        // (glibc's tcache goes up to 1 KiB), much faster than a larger one.
        // More pairs grow the Vec.
        self.spans.reserve(spans_for(input.len()));
        self.keys.reserve(pairs_for(input.len()));
        let escaped_before = self.escaped_non_ascii;
        let found = Found {
            spans: &mut self.spans,
            keys: &mut self.keys,
            escaped_non_ascii: &mut self.escaped_non_ascii,
        };
        match read_form(input, &mut self.bytes, base, found) {
            Ok(end) => {
                self.bytes.truncate(end);
                Ok(())
            }
            Err(e) => {
                self.bytes.truncate(before);
                self.spans.truncate(pairs);
                self.keys.truncate(pairs);
                self.escaped_non_ascii = escaped_before;
                Err(e)
            }
        }
    }

    /// The bytes of a name or value.
    pub(crate) fn get(&self, span: Span) -> &[u8] {
        span.of(&self.bytes)
    }
}

/// The pairs of a form of `input_len` bytes at 16 bytes a pair, which
/// [`RawPairs::push_form`] reserves room for (see there).
fn pairs_for(input_len: usize) -> usize {
    input_len / 16 + 1
}

/// [`pairs_for`], at most 32 for the spans (see [`RawPairs::push_form`]).
fn spans_for(input_len: usize) -> usize {
    pairs_for(input_len).min(32)
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// Where the first byte of `bytes` at or after `from` that is not ASCII is.
pub(crate) fn first_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    // The runs between non-ASCII names and values are long (most of a
    // body): 32 bytes are looked at together, their words OR'ed, until a
    // block has a high bit; the word that has it is found after.
    let mut at = from;
    let mut blocks = bytes.get(from..)?.chunks_exact(32);
    for block in &mut blocks {
        let (words, _) = block.as_chunks::<8>();
        let any = words
            .iter()
            .fold(0, |all, word| all | u64::from_le_bytes(*word));
        if any & HIGH != 0 {
            break;
        }
        at += 32;
    }
    let rest = bytes.get(at..)?;
    let mut chunks = rest.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if x & HIGH != 0 {
            return Some(at + (x & HIGH).trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    tail.iter().position(|&b| !b.is_ascii()).map(|p| at + p)
}

/// Where the first `byte` of `bytes` at or after `from` is, eight bytes at
/// a time.
pub(crate) fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        // The bytes equal to `byte` are the zero bytes of `x`. The lowest
        // high bit `zero` has is the first of them (a borrow can set bits
        // above a zero byte, never below the first).
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ (ONES * u64::from(byte));
        let zero = x.wrapping_sub(ONES) & !x & HIGH;
        if zero != 0 {
            return Some(at + zero.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    tail.iter().position(|&b| b == byte).map(|p| at + p)
}

/// [`RawPairs::push_form`]'s pass: decodes `input` into `out` from `base`
/// on, pushes the pairs' spans, and gives the end of what it wrote.
///
/// A block of [`marks::WIDTH`] bytes is copied to where it goes, its `+`
/// made spaces, and its `%`, `&` and `=` marked, all at once
/// ([`marks::copy_and_mark`]). The `&` and `=` before the block's first
/// `%` end names and pairs; at that `%`, the whole run of `%XX` that starts
/// there is decoded one at a time and the next block starts after it,
/// writing over what the copy put past the `%`. Writing never gets ahead
/// of reading, and `out` has room for all of `input`; the last, short block
/// is read through a padded copy (zero bytes are not special).
fn read_form(
    input: &[u8],
    out: &mut [u8],
    base: usize,
    found: Found<'_>,
) -> Result<usize, DecodeError> {
    // The fast pass only notices that the input is bad; which error it is,
    // and where, is found the plain way.
    read_form_fast(input, out, base, found).ok_or_else(|| {
        first_error(input).unwrap_or(DecodeError::InvalidPercentEncoding { offset: 0 })
    })
}

/// The first error in a form, read the plain way: split on `&`, a piece
/// (not empty) starting with `=` has an empty name; a `%` must be followed
/// by two hexadecimal digits.
#[cold]
fn first_error(input: &[u8]) -> Option<DecodeError> {
    let mut start = 0;
    for piece in input.split(|&b| b == b'&') {
        if piece.first() == Some(&b'=') {
            return Some(DecodeError::EmptyName { offset: start });
        }
        let mut at = 0;
        while let Some(found) = piece
            .get(at..)
            .and_then(|r| r.iter().position(|&b| b == b'%'))
        {
            at += found;
            let digits = piece.get(at + 1..at + 3).unwrap_or_default();
            if digits.len() != 2 || digits.iter().any(|&d| hex_digit(d) > 0xF) {
                return Some(DecodeError::InvalidPercentEncoding { offset: start + at });
            }
            at += 3;
        }
        start += piece.len() + 1;
    }
    None
}

/// [`read_form`]'s pass; `None` when the input is not well formed.
fn read_form_fast(
    input: &[u8],
    out: &mut [u8],
    base: usize,
    mut found: Found<'_>,
) -> Option<usize> {
    let mut pair = Pair {
        start: base,
        equals: None,
    };
    let mut w = base;
    let mut i = 0;
    while i < input.len() {
        let marks::Marks {
            percent,
            amp,
            equals,
        } = match (
            input
                .get(i..)
                .and_then(<[u8]>::first_chunk::<{ marks::WIDTH }>),
            out.get_mut(w..)
                .and_then(<[u8]>::first_chunk_mut::<{ marks::WIDTH }>),
        ) {
            (Some(block), Some(to)) => marks::copy_and_mark(block, to),
            _ => short_block(input.get(i..).unwrap_or_default(), out.get_mut(w..)),
        };
        // `&` and `=` before the first `%`; those after it are read again
        // by the block that starts after its run.
        // (The bits below the lowest of `percent`, or all when it is 0.)
        let before_change = percent.wrapping_sub(1) & !percent;
        let mut separators = (amp | equals) & before_change;
        while separators != 0 {
            let at = separators.trailing_zeros() as usize;
            if amp >> at & 1 == 1 {
                pair.finish(w + at, out, &mut found)?;
                pair = Pair {
                    start: w + at + 1,
                    equals: None,
                };
            } else if pair.equals.is_none() {
                pair.equals(w + at)?;
            }
            separators &= separators - 1;
        }
        if percent == 0 {
            let read = marks::WIDTH.min(input.len() - i);
            i += read;
            w += read;
            continue;
        }
        let plain = percent.trailing_zeros() as usize;
        i += plain;
        w += plain;
        // Non-ASCII text is all `%XX`: a run of them is read here.
        let mut at = i;
        while let Some(&[b'%', hi, lo]) = input.get(at..at + 3) {
            let (hi, lo) = (hex_digit(hi), hex_digit(lo));
            if (hi | lo) > 0xF {
                break;
            }
            let byte = hi << 4 | lo;
            *found.escaped_non_ascii += usize::from(byte >> 7);
            if let Some(slot) = out.get_mut(w) {
                *slot = byte;
            }
            w += 1;
            at += 3;
        }
        if at == i {
            // Not two hexadecimal digits after the `%`.
            return None;
        }
        i = at;
    }
    pair.finish(w, out, &mut found)?;
    Some(w)
}

/// [`marks::copy_and_mark`] of the last bytes of the input, fewer than a
/// block, through a padded copy; what the copy made of them lands at the
/// start of `to`.
#[inline(never)]
fn short_block(rest: &[u8], to: Option<&mut [u8]>) -> marks::Marks {
    let mut block = [0; marks::WIDTH];
    let mut copied = [0; marks::WIDTH];
    let len = rest.len().min(marks::WIDTH);
    if let (Some(into), Some(from)) = (block.get_mut(..len), rest.get(..len)) {
        into.copy_from_slice(from);
    }
    let marks = marks::copy_and_mark(&block, &mut copied);
    if let (Some(to), Some(from)) = (to.and_then(|to| to.get_mut(..len)), copied.get(..len)) {
        to.copy_from_slice(from);
    }
    marks
}

/// Where [`read_form`] puts what it finds of each pair.
struct Found<'a> {
    spans: &'a mut Vec<PairSpan>,
    keys: &'a mut Vec<u64>,
    escaped_non_ascii: &'a mut usize,
}

/// The first eight bytes of a name, zero-padded, as a big-endian number:
/// names compare as their keys do, until two keys are equal.
#[inline]
pub(crate) fn name_key(name: &[u8]) -> u64 {
    if let Some(first) = name.first_chunk::<8>() {
        return u64::from_be_bytes(*first);
    }
    let mut key = [0u8; 8];
    for (k, b) in key.iter_mut().zip(name) {
        *k = *b;
    }
    u64::from_be_bytes(key)
}

/// [`name_key`] of the name at `span` of `bytes`, read as eight bytes from
/// its start whatever its length (the bytes after a name in a buffer are
/// there to read) and cut to the name: no copy of a short name.
#[inline]
pub(crate) fn name_key_in(bytes: &[u8], span: Span) -> u64 {
    match bytes.get(span.start..).and_then(<[u8]>::first_chunk::<8>) {
        Some(word) => {
            let len = span.len().min(8) as u32;
            // The name's bytes are the number's high ones.
            let keep = u64::MAX.checked_shl(64 - 8 * len).unwrap_or(0);
            u64::from_be_bytes(*word) & keep
        }
        None => name_key(span.of(bytes)),
    }
}

/// The pair [`RawPairs::push_form`] is reading.
struct Pair {
    /// Its first decoded byte in the buffer.
    start: usize,
    /// Where its `=` fell in the buffer (the end of the name), once read.
    equals: Option<usize>,
}

impl Pair {
    /// Notes the pair's `=` at buffer offset `at`; `None` for an empty
    /// name, found there, before its value is read.
    #[inline(always)]
    fn equals(&mut self, at: usize) -> Option<()> {
        if at == self.start {
            return None;
        }
        self.equals = Some(at);
        Some(())
    }

    /// Ends the pair at buffer offset `end` of `out`. An empty piece
    /// (`&&`) is no pair (each input byte or `%XX` gives one byte, so a
    /// piece is empty in the buffer when it is in the input); a piece
    /// without `=` has an empty value.
    #[inline(always)]
    fn finish(self, end: usize, out: &[u8], found: &mut Found<'_>) -> Option<()> {
        if end == self.start {
            return Some(());
        }
        let (name_end, value_start) = match self.equals {
            Some(equals) => (equals, equals + 1),
            None => (end, end),
        };
        let name = Span {
            start: self.start,
            end: name_end,
        };
        found.keys.push(name_key_in(out, name));
        found.spans.push(PairSpan {
            name,
            value: Span {
                start: value_start,
                end,
            },
        });
        Some(())
    }
}

/// The value of a hexadecimal digit, or `0xFF` for any other byte.
#[inline]
pub(crate) fn hex_digit(b: u8) -> u8 {
    /// Indexed by byte: its value as a hexadecimal digit, or `0xFF`.
    #[allow(clippy::indexing_slicing)] // evaluated at compile time, all in bounds
    const TABLE: [u8; 256] = {
        let mut table = [0xFF; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => 0xFF,
            };
            b += 1;
        }
        table
    };
    TABLE.get(usize::from(b)).copied().unwrap_or(0xFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_non_ascii_bytes_are_counted() {
        let mut raw = RawPairs::default();
        // `%D6%D0` and `%FF` are not ASCII; `%41` (A), `+` and the raw
        // bytes are not escapes of non-ASCII bytes.
        raw.push_form(b"a=%D6%D0%41&b=+%FF&c=\xC3\xA9").unwrap();
        assert_eq!(raw.escaped_non_ascii, 3);
        // A form refused leaves the count as it was.
        assert!(raw.push_form(b"d=%D6%D0&e=%G1").is_err());
        assert_eq!(raw.escaped_non_ascii, 3);
        raw.push_form(b"f=%80").unwrap();
        assert_eq!(raw.escaped_non_ascii, 4);
    }

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

    /// Pairs as `(name bytes, value bytes)`.
    type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

    fn raw(input: &[u8]) -> Result<Pairs, DecodeError> {
        let mut pairs = RawPairs::default();
        pairs.push_form(input)?;
        Ok(pairs
            .spans
            .iter()
            .map(|s| (pairs.get(s.name).to_vec(), pairs.get(s.value).to_vec()))
            .collect())
    }

    #[test]
    fn decodes_strictly() {
        assert_eq!(
            raw(b"a=1+2&b=%D6%D0&&c&d=&e=x=y").unwrap(),
            vec![
                (b"a".to_vec(), b"1 2".to_vec()),
                (b"b".to_vec(), vec![0xD6, 0xD0]),
                (b"c".to_vec(), vec![]),
                (b"d".to_vec(), vec![]),
                (b"e".to_vec(), b"x=y".to_vec()),
            ]
        );
        assert_eq!(
            raw(b"a=%G1"),
            Err(DecodeError::InvalidPercentEncoding { offset: 2 })
        );
        assert_eq!(
            raw(b"a=%4"),
            Err(DecodeError::InvalidPercentEncoding { offset: 2 })
        );
        assert_eq!(
            raw(b"x=1&a%2=1"),
            Err(DecodeError::InvalidPercentEncoding { offset: 5 })
        );
        assert_eq!(raw(b"a=1&=2"), Err(DecodeError::EmptyName { offset: 4 }));
    }

    /// The format read the plain way: split on `&`, then on the first `=`,
    /// then decode `%XX` and `+` byte by byte.
    fn plain_reading(input: &[u8]) -> Result<Pairs, DecodeError> {
        let mut pairs = Vec::new();
        let mut offset = 0;
        for piece in input.split(|&b| b == b'&') {
            let start = offset;
            offset += piece.len() + 1;
            if piece.is_empty() {
                continue;
            }
            let eq = piece.iter().position(|&b| b == b'=');
            let (name, value) = match eq {
                Some(eq) => (&piece[..eq], &piece[eq + 1..]),
                None => (piece, &[][..]),
            };
            if name.is_empty() {
                return Err(DecodeError::EmptyName { offset: start });
            }
            let decode = |raw: &[u8], at: usize| {
                let mut out = Vec::new();
                let mut i = 0;
                while i < raw.len() {
                    match raw[i] {
                        b'+' => out.push(b' '),
                        b'%' => {
                            let hex = raw
                                .get(i + 1..i + 3)
                                .and_then(|h| std::str::from_utf8(h).ok())
                                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                                .and_then(|h| u8::from_str_radix(h, 16).ok());
                            let Some(byte) = hex else {
                                return Err(DecodeError::InvalidPercentEncoding { offset: at + i });
                            };
                            out.push(byte);
                            i += 2;
                        }
                        b => out.push(b),
                    }
                    i += 1;
                }
                Ok(out)
            };
            let name_bytes = decode(name, start)?;
            pairs.push((name_bytes, decode(value, start + name.len() + 1)?));
        }
        Ok(pairs)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// A block at a time reads what byte by byte reads, errors
        /// included, whatever the separators and escapes and wherever they
        /// fall against the blocks and the short last one.
        #[test]
        fn reads_as_the_plain_way(input in proptest::collection::vec(
            proptest::sample::select(&b"ab=&%+4Fg1\x80'<&&=="[..]), 0..200,
        )) {
            proptest::prop_assert_eq!(raw(&input), plain_reading(&input));
        }
    }

    proptest::proptest! {
        /// Eight bytes at a time finds what a byte at a time finds, among
        /// the bytes one bit away from the one looked for.
        #[test]
        fn finds_a_byte_where_position_does(
            bytes in proptest::collection::vec(
                proptest::sample::select(&b";:<\xBB\x00a"[..]), 0..40,
            ),
            from in 0usize..42,
        ) {
            let want = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| b == b';'))
                .map(|p| from + p);
            proptest::prop_assert_eq!(find_byte(&bytes, from, b';'), want);
        }

        /// A block, then a word, then a byte at a time finds the first
        /// byte that is not ASCII where a byte at a time does.
        #[test]
        fn finds_the_first_non_ascii_byte(
            bytes in proptest::collection::vec(
                // Mostly ASCII, so that whole blocks of it come up.
                proptest::prop_oneof![
                    60 => proptest::strategy::Just(b'a'),
                    1 => proptest::strategy::Just(0x7F),
                    1 => proptest::strategy::Just(0x80),
                    1 => proptest::strategy::Just(0xFF),
                ],
                0..100,
            ),
            from in 0usize..102,
        ) {
            let want = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|b| !b.is_ascii()))
                .map(|p| from + p);
            proptest::prop_assert_eq!(first_non_ascii(&bytes, from), want);
        }
    }

    #[test]
    fn pairs_of_two_inputs_share_one_buffer() {
        let mut pairs = RawPairs::default();
        pairs.push_form(b"a=1").unwrap();
        pairs.push_form(b"b=%41").unwrap();
        assert_eq!(pairs.bytes, b"a=1&b=A");
        assert_eq!(pairs.spans.len(), 2);
        // Offsets in errors count from the start of each input.
        assert_eq!(
            pairs.push_form(b"c=%"),
            Err(DecodeError::InvalidPercentEncoding { offset: 2 })
        );
    }

    #[test]
    fn html_escaping() {
        let mut s = String::new();
        push_html_escaped(&mut s, r#"<a href="x">'&'</a>"#);
        assert_eq!(s, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}

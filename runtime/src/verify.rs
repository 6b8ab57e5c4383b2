//! Verifying what the gateway sends back: the page-redirect return (a URL the
//! buyer's browser arrives at) and, with the same rule, the asynchronous
//! notification (a form body).
//!
//! Every received parameter takes part in the signing string, declared or
//! not; only `sign` and `sign_type` are left out. A parameter received twice
//! is refused: a signature can only vouch for one value of a name.

use std::fmt;
use std::sync::OnceLock;

use crate::charset::{Charset, CharsetError};
use crate::request::Client;
use crate::sign::{SignType, SignatureError, UnknownSignType, Verifier};
use crate::signing::{
    is_sign_name, name_order, signing_string, SigningString, SigningStringBuilder,
};
use crate::wire::{find_byte, name_key, DecodeError, PairSpan, RawPairs};

/// The largest return URL, query string or form body accepted, in bytes.
///
/// A page-redirect return or a notification of the gateway is a few
/// kilobytes; anything above this limit is refused before it is parsed.
pub const MAX_INPUT_LEN: usize = 64 * 1024;

/// Parameters as received, in order, decoded in the request charset, with no
/// name twice.
///
/// The text of every name and value sits in one buffer; for a charset other
/// than UTF-8 the bytes as received are kept too, since they are what the
/// gateway signed (see [`signing_string`](Self::signing_string)), and the
/// ASCII names and values are read in them.
#[derive(Clone, Default)]
pub struct ReceivedParams {
    /// Every name and value, back to back; with `raw`, only those that held
    /// a non-ASCII byte, decoded.
    text: String,
    /// Where each pair's name and value sit, in the order received (see
    /// [`locate`](Self::locate)).
    spans: Vec<PairSpan>,
    /// The percent-decoded bytes in `charset` and their spans, when they are
    /// not `text`'s own bytes (a GBK body with non-ASCII text).
    raw: Option<RawPairs>,
    /// The charset the bytes were decoded from.
    charset: Charset,
    /// The pairs in the signing string's order (by name).
    sorted: Order,
}

/// Where a name or value of [`ReceivedParams`] is (see
/// [`ReceivedParams::locate`]).
enum Located<'a> {
    /// In `text`, there.
    Text(crate::wire::Span),
    /// An ASCII one, in the received bytes: these.
    Received(&'a [u8]),
}

/// The pairs of [`ReceivedParams`] in the signing string's order: one
/// number each, the first bytes of the name above the pair's index in the
/// order received, so that sorting numbers sorts most names, and only names
/// that share those first bytes are compared whole.
///
/// With `bits` bits of index, the top `64 - bits` bits are the name's first
/// bytes as a big-endian number (zero-padded: a shorter name that begins a
/// longer one has zeros where the other has bytes), which never contradicts
/// the names' bytewise order.
#[derive(Clone, Debug, Default)]
struct Order {
    packed: Vec<u64>,
    packing: Packing,
}

/// How [`Order`]'s numbers split: the low `bits` bits are the index.
#[derive(Clone, Copy, Debug, Default)]
struct Packing {
    bits: u32,
}

impl Packing {
    fn mask(self) -> u64 {
        (1u64 << self.bits) - 1
    }

    /// The index, in the order received, of the pair at `packed`.
    fn index(self, packed: u64) -> usize {
        usize::try_from(packed & self.mask()).unwrap_or(usize::MAX)
    }

    /// The name's first bytes part of `packed` (or of a name's key).
    fn prefix(self, packed: u64) -> u64 {
        packed & !self.mask()
    }
}

impl Order {
    fn indexes(&self) -> impl Iterator<Item = usize> + '_ {
        self.packed.iter().map(|&p| self.packing.index(p))
    }
}

impl ReceivedParams {
    #[inline]
    fn pair(&self, index: usize) -> (&'_ str, &'_ str) {
        let span = self.spans.get(index).copied().unwrap_or_default();
        (self.text_at(span.name), self.text_at(span.value))
    }

    /// Where the name or value at `span` of [`spans`](Self::spans) is.
    ///
    /// Without `raw`, a span is in `text`. With it, a span that starts
    /// before the end of the received bytes is an ASCII name or value read
    /// in them, as it is (ASCII reads the same in every charset), and one
    /// that starts from there on is in `text`, as if `text` followed the
    /// received bytes: decoding them all would cost a copy and a UTF-8
    /// check of the ASCII ones.
    #[inline]
    fn locate(&self, span: crate::wire::Span) -> Located<'_> {
        let received = self.raw.as_ref().map_or(&[][..], |raw| &raw.bytes[..]);
        match span.start.checked_sub(received.len()) {
            Some(start) => Located::Text(crate::wire::Span {
                start,
                end: span.end.saturating_sub(received.len()),
            }),
            None => Located::Received(span.of(received)),
        }
    }

    /// The bytes of the name or value at `span` of [`spans`](Self::spans).
    fn text_bytes(&self, span: crate::wire::Span) -> &[u8] {
        match self.locate(span) {
            Located::Text(span) => span.of(self.text.as_bytes()),
            Located::Received(ascii) => ascii,
        }
    }

    /// The name or value at `span` of [`spans`](Self::spans), as text.
    #[inline]
    fn text_at(&self, span: crate::wire::Span) -> &str {
        match self.locate(span) {
            Located::Text(span) => self.text.get(span.start..span.end).unwrap_or_default(),
            // UTF-8 as it is.
            Located::Received(ascii) => std::str::from_utf8(ascii).unwrap_or_default(),
        }
    }

    /// Where `name` sits in `sorted`.
    fn find(&self, name: &str) -> Option<usize> {
        let packing = self.sorted.packing;
        let packed = &self.sorted.packed;
        let prefix = packing.prefix(name_key(name.as_bytes()));
        // The names that share `name`'s first bytes sit together, in the
        // rule's order: found by those bytes alone, then by the whole name.
        let start = packed.partition_point(|&p| packing.prefix(p) < prefix);
        let name_of = |p: u64| self.packed_name(packing, p);
        let shares = |at: usize| packed.get(at).is_some_and(|&p| packing.prefix(p) == prefix);
        if !shares(start + 1) {
            // One name at most has these first bytes.
            let &only = packed.get(start).filter(|_| shares(start))?;
            return (name_of(only) == name.as_bytes()).then_some(start);
        }
        let same = packed.get(start..)?;
        let same = same.get(..same.partition_point(|&p| packing.prefix(p) == prefix))?;
        same.binary_search_by(|&p| name_order(name_of(p), name.as_bytes()))
            .ok()
            .map(|offset| start + offset)
    }

    /// The name (its bytes) of the pair a packed entry of the order points
    /// at.
    fn packed_name(&self, packing: Packing, packed: u64) -> &[u8] {
        let span = self
            .spans
            .get(packing.index(packed))
            .copied()
            .unwrap_or_default();
        self.text_bytes(span.name)
    }

    /// The name (its bytes) of the pair at `position` of the signing
    /// order (empty past the end).
    fn sorted_name(&self, position: usize) -> &[u8] {
        let packing = self.sorted.packing;
        self.sorted
            .packed
            .get(position)
            .map_or(&[], |&p| self.packed_name(packing, p))
    }

    /// The value of the pair at `position` of the signing order (empty
    /// past the end).
    fn sorted_value(&self, position: usize) -> &str {
        let index = self
            .sorted
            .packed
            .get(position)
            .map(|&p| self.sorted.packing.index(p));
        match index.and_then(|index| self.spans.get(index)) {
            Some(span) => self.text_at(span.value),
            None => "",
        }
    }

    /// The value of `name`, if it was received.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.find(name).map(|position| self.sorted_value(position))
    }

    /// Every parameter, in the order received.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            params: self,
            indexes: 0..self.spans.len(),
        }
    }

    /// How many parameters were received.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether nothing was received.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The charset the received bytes were decoded in.
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// The pairs, in the order received.
    pub fn into_vec(self) -> Vec<(String, String)> {
        self.iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect()
    }

    /// Removes parameter `name`, returning its value if it was received.
    ///
    /// For a tool told to verify as one sign type whatever the received
    /// `sign_type` says: [`verify_params`] refuses a `sign_type` other than
    /// the verifier's, so the tool drops it first (it is never part of the
    /// signing string).
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let found = self.find(name)?;
        let packed = self.sorted.packed.remove(found);
        let index = self.sorted.packing.index(packed);
        let value = self.pair(index).1.to_owned();
        self.spans.remove(index);
        if let Some(raw) = &mut self.raw {
            raw.spans.remove(index);
        }
        let packing = self.sorted.packing;
        for p in &mut self.sorted.packed {
            // The pairs after it move up one place.
            if packing.index(*p) > index {
                *p -= 1;
            }
        }
        Some(value)
    }

    /// These parameters, in the same order, with the value of `name`
    /// replaced by `value` — bytes in the charset they were received in,
    /// decoded strictly like the rest (an error names the parameter). For a
    /// value received in another form than the one its signature covers: the
    /// WAP 2.0 gateway's encrypted `notify_data`, once decrypted.
    #[cfg_attr(not(feature = "rsa"), allow(dead_code))]
    pub(crate) fn with_value(&self, name: &str, value: &[u8]) -> Result<Self, ReturnError> {
        fn push_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
            for &b in bytes {
                if b.is_ascii_alphanumeric() {
                    out.push(b);
                } else {
                    out.extend_from_slice(&[
                        b'%',
                        HEX_UPPER.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
                        HEX_UPPER.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'),
                    ]);
                }
            }
        }
        const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
        let (bytes, spans) = self.received();
        let mut body = Vec::with_capacity(bytes.len() + 3 * value.len() + 16);
        for (index, span) in spans.iter().enumerate() {
            if index > 0 {
                body.push(b'&');
            }
            let this_name = span.name.of(bytes);
            push_escaped(&mut body, this_name);
            body.push(b'=');
            let this_value = if this_name == name.as_bytes() {
                value
            } else {
                span.value.of(bytes)
            };
            push_escaped(&mut body, this_value);
        }
        // Not `parse`: the escaped body may be over MAX_INPUT_LEN when the
        // received one was not.
        let mut raw = RawPairs::default();
        raw.push_form(&body).map_err(ReturnError::Decode)?;
        Self::decode(raw, self.charset)
    }

    /// The signing string of the received parameters in `charset` (see
    /// [`crate::signing`]): every parameter but `sign`, `sign_type` and empty
    /// values, sorted by name.
    ///
    /// In the charset they were received in, its bytes are the received
    /// bytes, not the decoded text encoded again: that is what the gateway
    /// signed, and it costs no encoding. In another charset the text is
    /// encoded, and a character that charset lacks is an error naming its
    /// parameter.
    pub fn signing_string(&self, charset: Charset) -> Result<SigningString, CharsetError> {
        if !same_bytes(charset, self.charset) {
            let pairs: Vec<(&str, &str)> = self.iter().collect();
            return signing_string(&pairs, charset);
        }
        Ok(self.received_signing_string())
    }

    /// The signing string in the charset the parameters were received in,
    /// from the received bytes.
    fn received_signing_string(&self) -> SigningString {
        let capacity = self.received().0.len() + self.text.len();
        let mut builder = SigningStringBuilder::with_capacity(self.charset, capacity);
        for (name, value, joined) in self.sorted_with_bytes() {
            builder.push_encoded(name, value, joined);
        }
        builder.finish()
    }

    /// Just the bytes of [`received_signing_string`](Self::received_signing_string):
    /// what a signature is checked over, without the text.
    #[cfg(test)]
    fn signed_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.signed_pieces(|run, len| out.extend_from_slice(run.get(..len).unwrap_or_default()));
        out
    }

    /// Feeds `feed` the bytes of
    /// [`received_signing_string`](Self::received_signing_string) piece by
    /// piece: what a signature is checked over, without the text.
    fn signed_pieces(&self, mut feed: impl FnMut(&[u8], usize)) {
        // Read from the received bytes alone: no text is looked at. Every
        // pair but the buffer's first has its `&` before it there, so a
        // pair and the `&` that joins it to the previous one are one piece.
        // Each piece is given with the bytes after it (see
        // `Pieces::each_run`).
        let (bytes, spans) = self.received();
        let run = |start: usize, end: usize| {
            (
                bytes.get(start..).unwrap_or_default(),
                end.saturating_sub(start),
            )
        };
        // The signed pairs' `name=value`, in the signing order. A name is
        // read only when its first bytes are those of `sign` or
        // `sign_type` (the order keeps them), and an empty value is seen
        // from its span.
        let packing = self.sorted.packing;
        let (sign, sign_type) = (
            packing.prefix(name_key(b"sign")),
            packing.prefix(name_key(b"sign_type")),
        );
        let mut first = true;
        for &packed in &self.sorted.packed {
            let Some(&span) = spans.get(packing.index(packed)) else {
                continue;
            };
            let prefix = packing.prefix(packed);
            if span.value.start == span.value.end
                || ((prefix == sign || prefix == sign_type) && is_sign_name(span.name.of(bytes)))
            {
                continue;
            }
            let joined = span.joined();
            // The first has no `&` before it, the others each one.
            match joined.start.checked_sub(1) {
                Some(amp) if !first && bytes.get(amp) == Some(&b'&') => {
                    let (from, len) = run(amp, joined.end);
                    feed(from, len);
                }
                _ => {
                    if !first {
                        feed(b"&", 1);
                    }
                    let (from, len) = run(joined.start, joined.end);
                    feed(from, len);
                }
            }
            first = false;
        }
    }

    /// The received bytes (the text when it is them) and where each pair
    /// sits in them.
    fn received(&self) -> (&[u8], &[PairSpan]) {
        match &self.raw {
            Some(raw) => (&raw.bytes, &raw.spans),
            None => (self.text.as_bytes(), &self.spans),
        }
    }

    /// The pairs in the signing string's order: name and value as text,
    /// and the received `name=value` bytes.
    fn sorted_with_bytes(&self) -> impl Iterator<Item = (&str, &str, &[u8])> + '_ {
        let (bytes, spans) = self.received();
        self.sorted.indexes().map(move |index| {
            let (name, value) = self.pair(index);
            let joined = spans.get(index).map(|s| s.joined().of(bytes));
            (name, value, joined.unwrap_or_default())
        })
    }

    /// Reads a return URL (`https://merchant/return?…`), a bare query string
    /// (with or without its `?`), or a form body. Refuses inputs over
    /// [`MAX_INPUT_LEN`], invalid percent-encoding, bytes that are not valid in
    /// `charset`, names received twice, and a URL's signed parameters after
    /// its `#` (a hash-routed return URL: [`ReturnError::ParamsAfterFragment`]).
    pub fn parse(input: &[u8], charset: Charset) -> Result<Self, ReturnError> {
        check_len(input.len())?;
        // A URL's fragment is left out of its query: signed parameters
        // there are named (a form body's `#` is a value's).
        if is_url(input) {
            check_fragment(input)?;
        }
        Self::decode(percent_decode(input)?, charset)
    }

    /// Reads a request that carries parameters both in its URL's query string
    /// and in a form body (a POST to a URL with a query), as one set. A name
    /// in both places is refused like any name received twice: a signature
    /// can only vouch for one value, and an attacker could otherwise add a
    /// second one the application reads instead.
    pub fn parse_query_and_body(
        url_or_query: &[u8],
        body: &[u8],
        charset: Charset,
    ) -> Result<Self, ReturnError> {
        check_len(url_or_query.len().saturating_add(body.len()))?;
        if is_url(url_or_query) {
            check_fragment(url_or_query)?;
        }
        let mut raw = percent_decode(url_or_query)?;
        raw.push_form(body).map_err(ReturnError::Decode)?;
        Self::decode(raw, charset)
    }

    /// Decodes percent-decoded pairs in `charset`, refusing bytes invalid in
    /// it (the error names the parameter) and a name received twice.
    fn decode(raw: RawPairs, charset: Charset) -> Result<Self, ReturnError> {
        let undecodable = |param: Option<&str>| {
            ReturnError::Decode(DecodeError::Charset(CharsetError::Undecodable {
                param: param.map(str::to_owned),
                charset,
            }))
        };
        // A byte that came as the `%XX` of a non-ASCII byte makes a scan
        // for one needless.
        let ascii = || raw.escaped_non_ascii == 0 && raw.bytes.is_ascii();
        let read = if charset == Charset::Utf8 || ascii() {
            // The bytes are the text. Each name and value is valid when the
            // whole is and each of them starts and ends on a character.
            let RawPairs {
                bytes, spans, keys, ..
            } = raw;
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => return Err(undecodable(first_invalid(e.as_bytes(), &spans).as_deref())),
            };
            let whole = |s: crate::wire::Span| {
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
            };
            if !spans.iter().all(|s| whole(s.name) && whole(s.value)) {
                return Err(undecodable(
                    first_invalid(text.as_bytes(), &spans).as_deref(),
                ));
            }
            (text, spans, None, keys, false)
        } else {
            let (text, spans, names_decoded) =
                decode_gbk_family(&raw, charset).map_err(|param| undecodable(param.as_deref()))?;
            let mut raw = raw;
            let keys = std::mem::take(&mut raw.keys);
            (text, spans, Some(raw), keys, names_decoded)
        };
        let (text, spans, raw, mut keys, names_decoded) = read;
        let mut params = ReceivedParams {
            text,
            spans,
            raw,
            charset,
            sorted: Order::default(),
        };
        if names_decoded {
            // A name's text is not its bytes: its key is read again.
            for (key, span) in keys.iter_mut().zip(&params.spans) {
                *key = name_key(params.text_bytes(span.name));
            }
        }
        params.sort(keys)?;
        Ok(params)
    }

    /// Puts the pairs in the signing string's order, from their names'
    /// [`name_key`]s; two pairs of one name then sit side by side, and are
    /// refused.
    fn sort(&mut self, keys: Vec<u64>) -> Result<(), ReturnError> {
        let count = self.spans.len();
        // Enough bits for every index (one at least).
        let bits = (usize::BITS - count.leading_zeros()).max(1);
        let packing = Packing { bits };
        let mut packed = keys;
        packed.truncate(count);
        for (index, key) in packed.iter_mut().enumerate() {
            *key = packing.prefix(*key) | index as u64;
        }
        packed.sort_unstable();
        // Names that share their first bytes sit together, in the order
        // received: each is moved back past those whose whole name sorts
        // after it (runs are short, seldom more than two), in the rule's
        // order of names. A name received twice is refused, so values
        // never decide.
        let name_of = |p: u64| self.packed_name(packing, p);
        for at in 1..count {
            let mut j = at;
            while let Some(&[before, this]) = packed.get(j.wrapping_sub(1)..=j) {
                if packing.prefix(before) != packing.prefix(this) {
                    break;
                }
                match name_order(name_of(before), name_of(this)) {
                    std::cmp::Ordering::Less => break,
                    std::cmp::Ordering::Equal => {
                        return Err(ReturnError::DuplicateParameter {
                            name: String::from_utf8_lossy(name_of(this)).into_owned(),
                        });
                    }
                    std::cmp::Ordering::Greater => packed.swap(j - 1, j),
                }
                j -= 1;
            }
        }
        let order = Order { packed, packing };
        self.sorted = order;
        Ok(())
    }
}

/// The parameter whose name (`None`) or value (`Some(name)`) is the first
/// not valid UTF-8, for an error.
fn first_invalid(bytes: &[u8], spans: &[PairSpan]) -> Option<String> {
    for span in spans {
        let name = std::str::from_utf8(span.name.of(bytes)).ok()?;
        if std::str::from_utf8(span.value.of(bytes)).is_err() {
            return Some(name.to_owned());
        }
    }
    None
}

/// Decodes percent-decoded pairs in GBK (or GB2312): the text of the names
/// and values that hold a non-ASCII byte, where each pair sits (see
/// [`ReceivedParams::locate`]) and whether a name held a non-ASCII
/// byte, or the parameter whose bytes are not valid (`None` when it is a
/// name).
///
/// ASCII reads the same in every charset: a name or value without a
/// non-ASCII byte is read in the bytes, where it is. The others are decoded
/// into the text one after the other, each with the separator after it
/// (`=`, `&`).
fn decode_gbk_family(
    raw: &RawPairs,
    charset: Charset,
) -> Result<(String, Vec<PairSpan>, bool), Option<String>> {
    let bytes = &raw.bytes;
    let mut out = GbkText {
        bytes,
        // GBK and GB2312 are read with one decoder (encoding_rs's GBK,
        // which reads GB18030's four-byte sequences too).
        decoder: encoding_rs::GBK.new_decoder_without_bom_handling(),
        // Two GBK bytes are three UTF-8 bytes at most and four (GB18030)
        // are four, and some ASCII sits among them. Room for that, when the
        // non-ASCII bytes came as `%XX` (as a form sends them); else, or
        // for the one-byte euro sign (0x80, three bytes in UTF-8), or more
        // ASCII, the decoder asks for more and `decode` gives it.
        text: String::with_capacity(2 * raw.escaped_non_ascii + 8),
        next: crate::wire::first_non_ascii(bytes, 0),
    };
    let mut spans = raw.spans.clone();
    let mut names_decoded = false;
    for pair in &mut spans {
        // Mostly the whole pair is ASCII, before the next byte that is
        // not: its name and value are read where they are.
        if out.next.is_none_or(|at| at >= pair.joined().end) {
            continue;
        }
        names_decoded |= out.next.is_some_and(|at| at < pair.name.end);
        let name = out.place(pair.name).ok_or(None)?;
        let Some(value) = out.place(pair.value) else {
            let name = charset.decode(raw.get(pair.name)).ok();
            return Err(name.map(std::borrow::Cow::into_owned));
        };
        *pair = PairSpan { name, value };
    }
    Ok((out.text, spans, names_decoded))
}

/// [`decode_gbk_family`]'s text being made.
struct GbkText<'a> {
    bytes: &'a [u8],
    /// One decoder for every name and value that needs one; it is left
    /// between characters after each.
    decoder: encoding_rs::Decoder,
    text: String,
    /// The next non-ASCII byte after the last name or value decoded.
    next: Option<usize>,
}

impl GbkText<'_> {
    /// Where the name or value at `span` of the bytes is read (see
    /// [`ReceivedParams::locate`]): in the bytes when it is ASCII, else
    /// decoded into the text.
    #[inline(always)]
    fn place(&mut self, span: crate::wire::Span) -> Option<crate::wire::Span> {
        if self.next.is_none_or(|at| at >= span.end) {
            return Some(span);
        }
        self.decode(span)
    }

    /// Decodes the name or value at `span` and the separator after it
    /// onto the text; gives where the name or value is in the text,
    /// counted from the end of the bytes (see [`ReceivedParams::locate`]).
    #[inline(never)]
    fn decode(&mut self, span: crate::wire::Span) -> Option<crate::wire::Span> {
        let start = self.text.len();
        // The separator after a name or value (`=`, `&`) is ASCII and
        // never part of a character: a character cut short at the span's
        // end is an error here, not in the next name or value. At the end
        // of the bytes, the decoder is told so.
        let to = (span.end + 1).min(self.bytes.len());
        let last = to == self.bytes.len();
        let piece = self.bytes.get(span.start..to)?;
        let mut read = 0;
        loop {
            let (result, n) = self.decoder.decode_to_string_without_replacement(
                piece.get(read..)?,
                &mut self.text,
                last,
            );
            read += n;
            match result {
                encoding_rs::DecoderResult::InputEmpty => break,
                encoding_rs::DecoderResult::Malformed(..) => return None,
                // Room for all of the rest, whatever the decoder asks.
                encoding_rs::DecoderResult::OutputFull => {
                    self.text.reserve(2 * (piece.len() - read) + 8);
                }
            }
        }
        let end = self.text.len() - (to - span.end);
        self.next = crate::wire::first_non_ascii(self.bytes, to);
        let after_bytes = |at: usize| self.bytes.len() + at;
        Some(crate::wire::Span {
            start: after_bytes(start),
            end: after_bytes(end),
        })
    }
}

/// The bytes a signature over [`ReceivedParams`] is checked over, as
/// pieces (see [`ReceivedParams::signed_pieces`]).
struct SignedBytes<'a>(&'a ReceivedParams);

impl crate::sign::Pieces for SignedBytes<'_> {
    fn each(&self, mut feed: impl FnMut(&[u8])) {
        self.0
            .signed_pieces(|run, len| feed(run.get(..len).unwrap_or_default()));
    }

    fn each_run(&self, feed: impl FnMut(&[u8], usize)) {
        self.0.signed_pieces(feed);
    }
}

/// Whether two charsets have the same bytes for every text (GB2312 is read
/// and written as GBK).
fn same_bytes(a: Charset, b: Charset) -> bool {
    (a == Charset::Utf8) == (b == Charset::Utf8)
}

impl PartialEq for ReceivedParams {
    /// The same pairs in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for ReceivedParams {}

impl fmt::Debug for ReceivedParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ReceivedParams")
            .field(&self.iter().collect::<Vec<_>>())
            .finish()
    }
}

fn check_len(len: usize) -> Result<(), ReturnError> {
    if len > MAX_INPUT_LEN {
        return Err(ReturnError::TooLarge {
            len,
            limit: MAX_INPUT_LEN,
        });
    }
    Ok(())
}

/// Percent-decodes the pairs of a URL (its query string), a bare query
/// string or a form body.
fn percent_decode(input: &[u8]) -> Result<RawPairs, ReturnError> {
    let input = query_of(input);
    let mut raw = RawPairs::for_form(input.len());
    raw.push_form(input).map_err(ReturnError::Decode)?;
    Ok(raw)
}

/// The charset received pairs declare, and what declared it: their
/// `_input_charset` / `charset`, then `content_type`'s `charset=`.
fn declared_charset(
    raw: &RawPairs,
    content_type: Option<&str>,
) -> Result<Option<(Charset, &'static str)>, ReturnError> {
    if let Some(declared) = declared_in(raw)? {
        return Ok(Some(declared));
    }
    let charset = content_type
        .map(content_type_charset)
        .transpose()?
        .flatten();
    Ok(charset.map(|c| (c, "Content-Type")))
}

/// The `_input_charset` (or, failing that, `charset`) of percent-decoded
/// pairs, read without decoding anything else.
fn declared_in(raw: &RawPairs) -> Result<Option<(Charset, &'static str)>, ReturnError> {
    // The names' keys rule out nearly every name without a look at it.
    const INPUT_CHARSET: u64 = u64::from_be_bytes(*b"_input_c");
    const CHARSET: u64 = u64::from_be_bytes(*b"charset\0");
    // An empty one says nothing: the other is looked for.
    let mut found = None;
    for (span, &key) in raw.spans.iter().zip(&raw.keys) {
        if span.value.start == span.value.end {
            continue;
        }
        if key == INPUT_CHARSET && raw.get(span.name) == b"_input_charset" {
            found = Some(span);
            break;
        }
        if key == CHARSET && found.is_none() && span.name.len() == 7 {
            found = Some(span);
        }
    }
    let Some(span) = found else {
        return Ok(None);
    };
    let label = String::from_utf8_lossy(raw.get(span.value));
    if label.is_empty() {
        return Ok(None);
    }
    let by = if span.name.len() == 7 {
        "charset"
    } else {
        "_input_charset"
    };
    let charset = label.parse().map_err(ReturnError::Charset)?;
    Ok(Some((charset, by)))
}

/// Whether received input is a URL (`https://…`, `http://…`, `/path?…`),
/// whose fragment is no part of its query.
fn is_url(input: &[u8]) -> bool {
    [&b"https://"[..], b"http://", b"/"].iter().any(|p| {
        input
            .get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    })
}

/// The query string of a URL, or the input itself without a leading `?`.
fn query_of(input: &[u8]) -> &[u8] {
    let query = if is_url(input) {
        let without_fragment = input.split(|&b| b == b'#').next().unwrap_or_default();
        match without_fragment.iter().position(|&b| b == b'?') {
            Some(q) => without_fragment.get(q + 1..).unwrap_or_default(),
            None => &[][..],
        }
    } else {
        input.strip_prefix(b"?").unwrap_or(input)
    };
    query
}

impl<'a> IntoIterator for &'a ReceivedParams {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The pairs of [`ReceivedParams`], in the order received.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    params: &'a ReceivedParams,
    indexes: std::ops::Range<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        self.indexes.next().map(|i| self.params.pair(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.indexes.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.indexes.next_back().map(|i| self.params.pair(i))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// A return or notification whose signature checked out and whose
/// `is_success` (when present) is `T`.
#[derive(Clone, Debug)]
pub struct VerifiedReturn {
    params: ReceivedParams,
    sign_type: SignType,
    charset: Charset,
    /// Made when first asked for: the signature was checked over its bytes
    /// alone, and most handlers never look at its text.
    signing_string: OnceLock<SigningString>,
}

impl PartialEq for VerifiedReturn {
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params
            && self.sign_type == other.sign_type
            && same_bytes(self.charset, other.charset)
    }
}

impl Eq for VerifiedReturn {}

impl VerifiedReturn {
    /// Every received parameter, `sign` and `sign_type` included.
    pub fn params(&self) -> &ReceivedParams {
        &self.params
    }

    /// The value of one received parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name)
    }

    /// The sign type that was checked.
    pub fn sign_type(&self) -> SignType {
        self.sign_type
    }

    /// The signing string the signature was checked over.
    pub fn signing_string(&self) -> &SigningString {
        self.signing_string
            .get_or_init(|| self.params.received_signing_string())
    }

    /// The received parameters.
    pub fn into_params(self) -> ReceivedParams {
        self.params
    }
}

/// A return or notification that was not accepted — or a gateway failure.
///
/// Neither `Display` nor `Debug` shows received values (e-mail addresses,
/// names): a refused signature's string and a failure's parameters are
/// given as names and lengths; [`signing_string`](Self::signing_string)
/// and the fields themselves hold them, for debugging.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReturnError {
    /// The input is over [`MAX_INPUT_LEN`].
    TooLarge {
        /// The input's length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The input is not a well-formed query string in the charset.
    Decode(DecodeError),
    /// A parameter name appears twice; in a signed XML answer, a leaf
    /// appears more than once with a copy empty (the signing rule leaves
    /// empty values out, so the sign cannot cover it).
    DuplicateParameter {
        /// The name.
        name: String,
    },
    /// There is no `sign` parameter (and `is_success` is not `F`).
    MissingSign,
    /// Nothing was received: not one parameter. A notification whose body
    /// was empty (or consumed before verification) gets this, and so does a
    /// return to a hash-routed page (`https://shop/#/pay/return`), since
    /// browsers never send what follows `#`.
    NoParameters,
    /// `sign_type` is not a sign type of the gateway.
    UnknownSignType(UnknownSignType),
    /// `sign_type` is not the one the verifier is configured for: a return
    /// signed `MD5` is refused by an `RSA` verifier, so an attacker cannot
    /// downgrade to a weaker scheme.
    UnexpectedSignType {
        /// What the parameters say.
        received: SignType,
        /// What the verifier checks.
        configured: SignType,
    },
    /// The client has no verifier (see [`Client::with_verifier`]).
    NoVerifier,
    /// A received value cannot be re-encoded in the charset for the signing
    /// string.
    Charset(CharsetError),
    /// The bytes are not valid in the client's charset but are in the other
    /// one, and nothing received says which was meant (returns carry no
    /// `_input_charset`): the request was most likely signed with the other.
    CharsetMismatch {
        /// The client's charset, which the bytes are not valid in.
        configured: Charset,
        /// The charset they are valid in.
        valid_in: Charset,
    },
    /// The bytes are not valid in the charset declared for them (by the
    /// received `_input_charset` / `charset`, or by the `Content-Type`) but
    /// are in the other one: something relabelled them on the way (a proxy,
    /// a test client), or the declaration is wrong.
    DeclaredCharsetMismatch {
        /// The declared charset, which the bytes are not valid in.
        declared: Charset,
        /// What declared it: `_input_charset`, `charset` or `Content-Type`.
        declared_by: &'static str,
        /// The charset they are valid in.
        valid_in: Charset,
    },
    /// The signature does not verify.
    BadSignature {
        /// The sign type that was checked.
        sign_type: SignType,
        /// The signing string that was checked (never a key), so a user can
        /// see why it failed. `Display` names only the signed parameters and
        /// their lengths (values such as e-mail addresses stay out of logs);
        /// the alternate form `{:#}` shows this string, for a debugging tool.
        signing_string: String,
        /// The signed parameters in the signing string's order, as (name,
        /// length of the value in bytes): what `Display` lists. Taken from
        /// the parameters themselves, since a value may hold `&` and `=`
        /// (URLs, XML fragments).
        params: Vec<(String, usize)>,
        /// Malformed sign or mismatch.
        error: SignatureError,
    },
    /// The gateway answered `is_success=F` with `error=CODE`: not a forgery,
    /// a failure the gateway reports.
    Gateway {
        /// The `error` parameter (empty when the gateway sent none).
        code: String,
        /// Whether a signature came with it and checked out. A failure
        /// without a `sign` is passed on unsigned; treat it as a hint only.
        signed: bool,
        /// Every received parameter (boxed: an error stays small).
        params: Box<ReceivedParams>,
    },
    /// The return URL's parameters sit after `#`: the `return_url` was a
    /// hash-routed page (`https://shop/#/pay/return`), the gateway appended
    /// `?is_success=…` to it, and everything after `#` is the fragment, which
    /// a URL's query does not include (and which browsers never send to a
    /// server).
    ParamsAfterFragment {
        /// The fragment, from `#` on.
        fragment: String,
    },
}

impl fmt::Display for ReturnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReturnError::TooLarge { len, limit } => write!(
                f,
                "received {len} bytes, more than the {limit} a return or notification may have"
            ),
            ReturnError::Decode(e) => write!(f, "cannot read the received parameters: {e}"),
            ReturnError::DuplicateParameter { name } => write!(
                f,
                "parameter `{name}` is received more than once (or, in a signed XML answer, \
                 repeated with a copy empty, which the sign leaves out): which copy is meant \
                 cannot be told, so it is refused"
            ),
            ReturnError::MissingSign => f.write_str("the received parameters carry no `sign`"),
            ReturnError::NoParameters => f.write_str(
                "nothing was received: not one parameter (a notification: its body was empty, or \
                 read before it got here; a return: if the return_url is a hash-routed page, \
                 `…/#/…`, the gateway's parameters are in its fragment, which browsers never send \
                 to a server: give the gateway a return_url without `#`)",
            ),
            ReturnError::UnknownSignType(e) => e.fmt(f),
            ReturnError::UnexpectedSignType {
                received,
                configured,
            } => write!(
                f,
                "received sign_type {received}, but the verifier is configured for {configured}"
            ),
            ReturnError::NoVerifier => f.write_str(
                "no verifier is configured: give the client the gateway's public key (or the MD5 key) with with_verifier",
            ),
            ReturnError::Charset(e) => e.fmt(f),
            ReturnError::CharsetMismatch {
                configured,
                valid_in,
            } => write!(
                f,
                "the received bytes are not valid {configured}, the client's charset; these bytes are {}: the request was signed with {valid_in}? (configure the client with that charset)",
                match valid_in {
                    Charset::Utf8 => "UTF-8",
                    _ => "GBK",
                }
            ),
            ReturnError::DeclaredCharsetMismatch {
                declared,
                declared_by,
                valid_in,
            } => write!(
                f,
                "the received bytes are not valid {declared}, which {declared_by} declares, but are valid {valid_in}: \
                 something relabelled them on the way (the gateway signs the bytes of the charset the request was sent in)"
            ),
            ReturnError::BadSignature {
                sign_type,
                signing_string,
                params,
                error,
            } => {
                let key = match sign_type {
                    SignType::Md5 => "the MD5 key you configured",
                    // A merchant's own public key is the mistake to rule out.
                    SignType::Dsa => "the gateway public key you configured (it must be the gateway's, not your own key's public half)",
                    // RSA keys are where an open-platform key gets pasted.
                    _ => RSA_KEY_HINT,
                };
                let names = params;
                let params = describe(names.iter().map(|(name, len)| (name.as_str(), *len)));
                match error {
                    SignatureError::Mismatch if f.alternate() => {
                        // `{:#}`: for a debugging tool, the string itself.
                        write!(
                            f,
                            "signature does not match {key} (sign_type {sign_type}, signing string: `{}`)",
                            signing_string.as_str()
                        )
                    }
                    SignatureError::Mismatch => {
                        write!(
                            f,
                            "signature does not match {key} (sign_type {sign_type}, signed parameters: {params}); \
                             see the signing string (`signing_string()`; the CLI's --explain)"
                        )?;
                        let has = |n: &str| names.iter().any(|(name, _)| *name == n);
                        if has("sec_id") && has("notify_data") {
                            f.write_str(
                                "; sec_id and notify_data make this a WAP 2.0 notification, signed by \
                                 another rule: verify it with variants::wap::verify_notification",
                            )?;
                        }
                        if let Some(hint) = lossy_decoding_hint(signing_string) {
                            f.write_str(hint)?;
                        }
                        Ok(())
                    }
                    SignatureError::Malformed { reason } => write!(
                        f,
                        "malformed {sign_type} sign: {reason} (signed parameters: {params})"
                    ),
                }
            }
            ReturnError::Gateway { code, signed, .. } => {
                write!(f, "the gateway reports failure: is_success=F, error={code}")?;
                if !signed {
                    f.write_str(" (unsigned)")?;
                }
                Ok(())
            }
            ReturnError::ParamsAfterFragment { fragment } => {
                let shown = fragment_shape(fragment);
                write!(
                    f,
                    "the return's parameters sit after `#` (`{shown}`), in the URL's fragment, not its query: \
                     the return_url is a hash-routed page; give the gateway a return_url without `#` \
                     (a server route), or verify the text after the fragment's `?`"
                )
            }
        }
    }
}

impl fmt::Debug for ReturnError {
    /// As derived, but with received values left out (see the type's
    /// docs): `BadSignature`'s string shows as its length, `Gateway`'s
    /// parameters as names and lengths.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReturnError::TooLarge { len, limit } => f
                .debug_struct("TooLarge")
                .field("len", len)
                .field("limit", limit)
                .finish(),
            ReturnError::Decode(e) => f.debug_tuple("Decode").field(e).finish(),
            ReturnError::DuplicateParameter { name } => f
                .debug_struct("DuplicateParameter")
                .field("name", name)
                .finish(),
            ReturnError::MissingSign => f.write_str("MissingSign"),
            ReturnError::NoParameters => f.write_str("NoParameters"),
            ReturnError::UnknownSignType(e) => f.debug_tuple("UnknownSignType").field(e).finish(),
            ReturnError::UnexpectedSignType {
                received,
                configured,
            } => debug_unexpected(f, *received, *configured),
            ReturnError::NoVerifier => f.write_str("NoVerifier"),
            ReturnError::Charset(e) => f.debug_tuple("Charset").field(e).finish(),
            ReturnError::CharsetMismatch {
                configured,
                valid_in,
            } => f
                .debug_struct("CharsetMismatch")
                .field("configured", configured)
                .field("valid_in", valid_in)
                .finish(),
            ReturnError::DeclaredCharsetMismatch {
                declared,
                declared_by,
                valid_in,
            } => f
                .debug_struct("DeclaredCharsetMismatch")
                .field("declared", declared)
                .field("declared_by", declared_by)
                .field("valid_in", valid_in)
                .finish(),
            ReturnError::BadSignature {
                sign_type,
                signing_string,
                params,
                error,
            } => f
                .debug_struct("BadSignature")
                .field("sign_type", sign_type)
                .field("signing_string", &Withheld(signing_string.len()))
                .field("params", params)
                .field("error", error)
                .finish(),
            ReturnError::Gateway {
                code,
                signed,
                params,
            } => debug_gateway(f, code, *signed, params),
            ReturnError::ParamsAfterFragment { fragment } => f
                .debug_struct("ParamsAfterFragment")
                .field("fragment", &fragment_shape(fragment))
                .finish(),
        }
    }
}

/// A fragment holding a return's parameters, its values left out: the
/// route, then the names (`#/pay/return?is_success=…&sign=…`), the first 20.
fn fragment_shape(fragment: &str) -> String {
    let (route, query) = fragment.split_once('?').unwrap_or((fragment, ""));
    let mut shown: String = route.chars().take(60).collect();
    if route.chars().nth(60).is_some() {
        shown.push('…');
    }
    for (i, pair) in query.split('&').filter(|p| !p.is_empty()).enumerate() {
        shown.push(if i == 0 { '?' } else { '&' });
        if i == 20 {
            shown.push('…');
            break;
        }
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        shown.extend(name.chars().take(40));
        shown.push_str("=…");
    }
    shown
}

/// What an RSA or RSA2 mismatch says of the key: the usual wrong ones.
pub(crate) const RSA_KEY_HINT: &str = "the gateway public key you configured (it must be the \
    partner gateway's public key from the partner console: not your own key's public half, nor \
    the \"Alipay public key\" of an open-platform app (appid), a common mistake)";

/// `UnexpectedSignType { received, configured }` in a `Debug` output (of a
/// [`ReturnError`], a WAP 2.0 error).
pub(crate) fn debug_unexpected(
    f: &mut fmt::Formatter<'_>,
    received: SignType,
    configured: SignType,
) -> fmt::Result {
    f.debug_struct("UnexpectedSignType")
        .field("received", &received)
        .field("configured", &configured)
        .finish()
}

/// Parameters as a `Debug` output shows them: (name, length of the value in
/// bytes), the values left out.
pub(crate) fn names_and_lengths<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(&'a str, usize)> {
    pairs
        .into_iter()
        .map(|(name, value)| (name, value.len()))
        .collect()
}

/// `Gateway { code, signed, params }` of a gateway failure in a `Debug`
/// output (a [`ReturnError`]'s, a typed [`ServiceError`](crate::ServiceError)'s),
/// the parameters as [`names_and_lengths`].
pub(crate) fn debug_gateway(
    f: &mut fmt::Formatter<'_>,
    code: &dyn fmt::Debug,
    signed: bool,
    params: &ReceivedParams,
) -> fmt::Result {
    f.debug_struct("Gateway")
        .field("code", code)
        .field("signed", &signed)
        .field("params", &names_and_lengths(params.iter()))
        .finish()
}

/// A received text left out of a `Debug` output, shown by its length.
pub(crate) struct Withheld(pub(crate) usize);

impl fmt::Debug for Withheld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes, withheld: see signing_string()>", self.0)
    }
}

impl ReturnError {
    /// The signing string a refused signature was checked over (for
    /// debugging: it holds the received values, e-mail addresses and names
    /// included, which is why `Display` shows only parameter names).
    pub fn signing_string(&self) -> Option<&str> {
        match self {
            ReturnError::BadSignature { signing_string, .. } => Some(signing_string),
            _ => None,
        }
    }
}

/// The hint a signature mismatch gets when the received bytes went through
/// a lossy UTF-8 decoding on the way (a web framework's form or query
/// extractor decodes GBK bytes as UTF-8, replacing what it cannot read with
/// U+FFFD, and the body is then encoded again): the received bytes hold
/// EF BF BD, U+FFFD in UTF-8, whatever charset the client reads them in.
///
/// Read from the signing string's text, in either charset: read as UTF-8
/// those bytes are U+FFFD itself; read as GBK they are `锟斤拷` and its
/// kin, whose GBK bytes are the received ones, so the text's GBK bytes
/// hold EF BF BD.
pub(crate) fn lossy_decoding_hint(signing_string: &str) -> Option<&'static str> {
    if signing_string.contains(char::REPLACEMENT_CHARACTER) {
        return Some(
            "; the values hold U+FFFD replacement characters: the bytes were decoded lossily \
             before they reached verification (a web framework's form or query extractor does \
             this to GBK), so pass the raw body or query bytes",
        );
    }
    if signing_string.is_ascii() {
        return None;
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(signing_string);
    gbk.windows(3).any(|w| w == [0xEF, 0xBF, 0xBD]).then_some(
        "; the values hold the bytes EF BF BD (U+FFFD, the replacement character, in UTF-8), \
         which read as GBK are `锟斤拷`: the bytes were decoded lossily as UTF-8 and encoded again \
         before they reached verification (a web framework's form or query extractor does this \
         to GBK), so pass the raw body or query bytes",
    )
}

/// `name (n bytes), …` of a signing string whose parameters are not at
/// hand (a WAP notification's fixed-order string, whose XML value comes
/// last): what a log may show of it.
pub(crate) fn describe_params(signing_string: &str) -> String {
    describe(signed_params(signing_string))
}

/// `name (n bytes), …` of (name, value length) pairs.
fn describe<'a>(params: impl IntoIterator<Item = (&'a str, usize)>) -> String {
    let described: Vec<String> = params
        .into_iter()
        .map(|(name, len)| match len {
            1 => format!("{name} (1 byte)"),
            len => format!("{name} ({len} bytes)"),
        })
        .collect();
    if described.is_empty() {
        return "none".to_owned();
    }
    described.join(", ")
}

/// The parameters among `pairs` that a signing string holds, in its order,
/// as (name, length of the value in bytes): what
/// [`ReturnError::BadSignature`] lists.
pub(crate) fn signed_lengths<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, usize)> {
    let mut signed: Vec<(&str, &str)> = pairs
        .into_iter()
        .filter(|(name, value)| crate::signing::is_signed(name, value))
        .collect();
    signed.sort_unstable_by(|a, b| crate::signing::signing_order(*a, *b));
    signed
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.len()))
        .collect()
}

/// The names of a signing string's parameters and their values' lengths in
/// bytes (a value holding `&` stays one value when what follows it does
/// not read as a name).
fn signed_params(signing_string: &str) -> Vec<(&str, usize)> {
    let mut params: Vec<(&str, usize)> = Vec::new();
    for piece in signing_string.split('&') {
        let starts_param = piece.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        });
        match (starts_param, params.last_mut()) {
            (false, Some((_, len))) => *len += 1 + piece.len(),
            _ => {
                let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
                params.push((name, value.len()));
            }
        }
    }
    params
}

impl std::error::Error for ReturnError {
    /// The message already holds the error it wraps (see
    /// [`crate::call::CallError`]'s `source`): what that error wraps, if
    /// anything.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReturnError::Decode(e) => e.source(),
            ReturnError::UnknownSignType(e) => e.source(),
            ReturnError::Charset(e) => e.source(),
            ReturnError::BadSignature { error, .. } => error.source(),
            _ => None,
        }
    }
}

/// Checks received parameters with `verifier`, over *all* of them, their
/// signing string encoded in `charset`.
///
/// `sign_type`, when received, must name the verifier's sign type (ignoring
/// case); when absent, the verifier's is assumed. The `sign` value — and
/// only it — is read by [`SignType::received_sign`]: for `RSA`, `RSA2` and
/// `DSA` signs spaces are read as `+` (some servers turn the `+` of a base64
/// sign into a space on the way back) and CR/LF dropped (MIME line breaks);
/// an `MD5` sign loses CR/LF at its ends.
///
/// Errors: [`ReturnError::BadSignature`] with the signing string checked —
/// [`SignatureError::Malformed`] for a sign that is not a value of its type
/// (one still percent-encoded says so), [`SignatureError::Mismatch`]
/// otherwise, its message adding that the bytes were decoded lossily on the
/// way when they hold EF BF BD (U+FFFD in UTF-8, read as U+FFFD or, in GBK,
/// as `锟斤拷`) —, and the refusals before it (no parameters, no `sign`, a
/// `sign_type` other than the verifier's, a value `charset` cannot encode,
/// [`ReturnError::Gateway`] for `is_success=F`).
pub fn verify_params(
    params: ReceivedParams,
    verifier: &Verifier,
    charset: Charset,
) -> Result<VerifiedReturn, ReturnError> {
    if params.is_empty() {
        return Err(ReturnError::NoParameters);
    }
    let failed = params.get("is_success") == Some("F");
    let Some(at) = params.find("sign") else {
        if failed {
            return Err(gateway_failure(params, false));
        }
        return Err(ReturnError::MissingSign);
    };
    let sign = params.sorted_value(at);
    // `sign_type` mostly sorts right after `sign`.
    let sign_type = match params.sorted_name(at + 1) {
        b"sign_type" => Some(params.sorted_value(at + 1)),
        _ => params.get("sign_type"),
    };
    let configured = verifier.sign_type();
    check_sign_type(sign_type, configured)?;
    let sign = configured.received_sign(sign);
    // In the charset the parameters came in, the signature is checked over
    // the received bytes, and the signing string's text is left for later;
    // in another, the text is encoded into it.
    let (checked, made) = if same_bytes(charset, params.charset) {
        (verifier.verify_pieces(&SignedBytes(&params), &sign), None)
    } else {
        let made = params
            .signing_string(charset)
            .map_err(ReturnError::Charset)?;
        (verifier.verify(&made, &sign), Some(made))
    };
    if let Err(error) = checked {
        let made = made.unwrap_or_else(|| params.received_signing_string());
        return Err(ReturnError::BadSignature {
            sign_type: configured,
            signing_string: made.as_str().to_owned(),
            params: signed_lengths(params.iter()),
            error,
        });
    }
    if failed {
        return Err(gateway_failure(params, true));
    }
    let signing_string = OnceLock::new();
    if let Some(made) = made {
        signing_string.get_or_init(|| made);
    }
    Ok(VerifiedReturn {
        params,
        sign_type: configured,
        charset,
        signing_string,
    })
}

fn gateway_failure(params: ReceivedParams, signed: bool) -> ReturnError {
    ReturnError::Gateway {
        code: params.get("error").unwrap_or_default().to_owned(),
        signed,
        params: Box::new(params),
    }
}

impl Client {
    /// Verifies a page-redirect return: the full return URL, its query string,
    /// or (for a form post) its body, and hands back every parameter untyped.
    /// For a declared interface, [`Client::verify_return`] reads them into its
    /// `Response`.
    ///
    /// The charset is the received `_input_charset` (or `charset`) when there
    /// is one, else the client's (see [`received_charset`]).
    ///
    /// `Ok` means the signature checked out over every received parameter and
    /// `is_success` is not `F`; [`ReturnError::Gateway`] is the gateway's own
    /// failure report, distinct from a bad signature.
    pub fn verify_return_params(&self, input: &str) -> Result<VerifiedReturn, ReturnError> {
        check_fragment(input.as_bytes())?;
        self.verify_bytes(input.as_bytes(), None)
    }

    /// Verifies an asynchronous notification from its raw form body (the
    /// bytes as received, never a framework's decoded form) and the request's
    /// `Content-Type` header, with the same rule as a return.
    ///
    /// The charset is, in this order: `_input_charset` or `charset` in the
    /// body; the `charset=` of `content_type`; the client's. The bytes are
    /// decoded strictly in it: a GBK body read as UTF-8 is an error that says
    /// the bytes are GBK ([`ReturnError::CharsetMismatch`], or
    /// [`ReturnError::DeclaredCharsetMismatch`] when the body or the
    /// `Content-Type` said UTF-8), never text with replacement characters.
    /// An empty body is [`ReturnError::NoParameters`].
    pub fn verify_notification_params(
        &self,
        body: &[u8],
        content_type: Option<&str>,
    ) -> Result<VerifiedReturn, ReturnError> {
        self.verify_bytes(body, content_type)
    }

    /// Verifies a request whose parameters come both in the URL's query
    /// string and in a form body, as one set; a name in both is refused
    /// (see [`ReceivedParams::parse_query_and_body`]).
    pub fn verify_query_and_body_params(
        &self,
        url_or_query: &str,
        body: &[u8],
    ) -> Result<VerifiedReturn, ReturnError> {
        let verifier = self.verifier().ok_or(ReturnError::NoVerifier)?;
        let declared = match received_declaration(url_or_query.as_bytes())? {
            Some(d) => Some(d),
            None => received_declaration(body)?,
        };
        let charset = declared.map_or(self.charset(), |(charset, _)| charset);
        let params = ReceivedParams::parse_query_and_body(url_or_query.as_bytes(), body, charset)
            .map_err(|e| self.hint_charset(e, declared, body))?;
        verify_params(params, verifier, charset)
    }

    /// The charset a received return or notification is read in: its
    /// `_input_charset` / `charset` parameter, then `content_type`'s
    /// `charset=`, then the client's.
    pub fn received_charset(
        &self,
        input: &[u8],
        content_type: Option<&str>,
    ) -> Result<Charset, ReturnError> {
        check_len(input.len())?;
        let declared = declared_charset(&percent_decode(input)?, content_type)?;
        Ok(declared.map_or(self.charset(), |(charset, _)| charset))
    }

    fn verify_bytes(
        &self,
        input: &[u8],
        content_type: Option<&str>,
    ) -> Result<VerifiedReturn, ReturnError> {
        let verifier = self.verifier().ok_or(ReturnError::NoVerifier)?;
        check_len(input.len())?;
        // One pass over the bytes: the charset is read from the
        // percent-decoded pairs, which are then decoded in it.
        let raw = percent_decode(input)?;
        let declared = declared_charset(&raw, content_type)?;
        let charset = declared.map_or(self.charset(), |(charset, _)| charset);
        let params = ReceivedParams::decode(raw, charset)
            .map_err(|e| self.hint_charset(e, declared, input))?;
        verify_params(params, verifier, charset)
    }

    /// Bytes invalid in the charset they were read in but valid in the
    /// other one get an error that says so: [`ReturnError::CharsetMismatch`]
    /// when nothing declared a charset (the client's was used),
    /// [`ReturnError::DeclaredCharsetMismatch`] when something did.
    fn hint_charset(
        &self,
        error: ReturnError,
        declared: Option<(Charset, &'static str)>,
        input: &[u8],
    ) -> ReturnError {
        let undecodable = matches!(
            error,
            ReturnError::Decode(DecodeError::Charset(CharsetError::Undecodable { .. }))
        );
        if !undecodable {
            return error;
        }
        let used = declared.map_or(self.charset(), |(charset, _)| charset);
        let other = match used {
            Charset::Utf8 => Charset::Gbk,
            Charset::Gbk | Charset::Gb2312 => Charset::Utf8,
        };
        if ReceivedParams::parse(input, other).is_err() {
            return error;
        }
        match declared {
            None => ReturnError::CharsetMismatch {
                configured: used,
                valid_in: other,
            },
            Some((declared, declared_by)) => ReturnError::DeclaredCharsetMismatch {
                declared,
                declared_by,
                valid_in: other,
            },
        }
    }
}

/// Refuses a return URL whose signed parameters were put after its `#`
/// (a hash-routed `return_url`): they are not the URL's query, and reading
/// the query instead would only report a missing `sign`.
fn check_fragment(input: &[u8]) -> Result<(), ReturnError> {
    let Some(hash) = input.iter().position(|&b| b == b'#') else {
        return Ok(());
    };
    let fragment = input.get(hash + 1..).unwrap_or_default();
    let Some(question) = fragment.iter().position(|&b| b == b'?') else {
        return Ok(());
    };
    let query = fragment.get(question + 1..).unwrap_or_default();
    let signed = query.split(|&b| b == b'&').any(|pair| {
        let name = pair.split(|&b| b == b'=').next().unwrap_or_default();
        name == b"sign" || name == b"is_success"
    });
    if signed {
        return Err(ReturnError::ParamsAfterFragment {
            fragment: format!("#{}", String::from_utf8_lossy(fragment)),
        });
    }
    Ok(())
}

/// A received `sign_type`, when there is one, must be the configured one:
/// no downgrade from RSA to MD5 by a rewritten parameter.
pub(crate) fn check_sign_type(
    received: Option<&str>,
    configured: SignType,
) -> Result<(), ReturnError> {
    let Some(received) = received else {
        return Ok(());
    };
    let received: SignType = received.parse().map_err(ReturnError::UnknownSignType)?;
    if received != configured {
        return Err(ReturnError::UnexpectedSignType {
            received,
            configured,
        });
    }
    Ok(())
}

/// The `_input_charset` (or, failing that, `charset`) parameter of a return
/// URL, query string or form body, read without decoding anything else:
/// `Ok(None)` when there is none, an error when its value is not a charset of
/// the gateway.
///
/// ```
/// use alipay_mapi_runtime::{verify::received_charset, Charset};
/// assert_eq!(received_charset(b"a=%D6%D0&_input_charset=gbk").unwrap(), Some(Charset::Gbk));
/// assert_eq!(received_charset(b"a=1").unwrap(), None);
/// ```
pub fn received_charset(input: &[u8]) -> Result<Option<Charset>, ReturnError> {
    Ok(received_declaration(input)?.map(|(charset, _)| charset))
}

/// [`received_charset`] and the name that declared it.
fn received_declaration(input: &[u8]) -> Result<Option<(Charset, &'static str)>, ReturnError> {
    check_len(input.len())?;
    declared_in(&percent_decode(input)?)
}

/// The `charset=` parameter of a `Content-Type` header value (`Ok(None)`
/// when it has none); an error for a charset the gateway does not use.
///
/// ```
/// use alipay_mapi_runtime::{verify::content_type_charset, Charset};
/// let ct = "application/x-www-form-urlencoded; charset=GBK";
/// assert_eq!(content_type_charset(ct).unwrap(), Some(Charset::Gbk));
/// ```
pub fn content_type_charset(content_type: &str) -> Result<Option<Charset>, ReturnError> {
    charset_param(content_type)
        .map(|label| label.parse().map_err(ReturnError::Charset))
        .transpose()
}

/// The value of the `charset=` parameter of a `Content-Type` header value,
/// unquoted and trimmed, whatever charset it names.
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    // Every byte the grammar looks at is ASCII, so the text is cut where
    // its bytes are, never inside a character. A parameter follows each
    // `;` (the media type before the first is none); the `;`s are found
    // eight bytes at a time, since a header is mostly its media type.
    let bytes = content_type.as_bytes();
    let mut next = find_byte(bytes, 0, b';');
    while let Some(semicolon) = next {
        let start = semicolon + 1;
        next = find_byte(bytes, start, b';');
        let end = next.unwrap_or(bytes.len());
        let param = bytes.get(start..end).unwrap_or_default();
        let Some(equals) = param.iter().position(|&b| b == b'=') else {
            continue;
        };
        let (name, _) = param.split_at(equals);
        if name.trim_ascii().eq_ignore_ascii_case(b"charset") {
            let value = content_type
                .get(start + equals + 1..end)
                .unwrap_or_default();
            // Mostly a bare label: nothing to trim when it starts and ends
            // with a letter or digit.
            let bare = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
            if bare(value.as_bytes().first()) && bare(value.as_bytes().last()) {
                return Some(value);
            }
            return Some(value.trim().trim_matches('"'));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(input: &[u8], charset: Charset) -> ReceivedParams {
        ReceivedParams::parse(input, charset).unwrap()
    }

    #[test]
    fn an_empty_input_charset_leaves_the_charset_beside_it_to_say() {
        let declared = |input: &[u8]| declared_in(&percent_decode(input).unwrap()).unwrap();
        assert_eq!(
            declared(b"_input_charset=&charset=gbk&a=1"),
            Some((Charset::Gbk, "charset"))
        );
        assert_eq!(
            declared(b"charset=gbk&_input_charset=utf-8"),
            Some((Charset::Utf8, "_input_charset"))
        );
        assert_eq!(declared(b"_input_charset=&charset=&a=1"), None);
    }

    #[test]
    fn signed_parameters_after_a_fragment_are_refused_by_name() {
        let hash_routed = b"https://shop.example/#/pay/return?is_success=T&sign=abc";
        for result in [
            ReceivedParams::parse(hash_routed, Charset::Utf8),
            ReceivedParams::parse_query_and_body(hash_routed, b"", Charset::Utf8),
        ] {
            assert!(
                matches!(&result, Err(ReturnError::ParamsAfterFragment { fragment })
                    if fragment == "#/pay/return?is_success=T&sign=abc"),
                "{result:?}"
            );
        }
        // A fragment holding no signed parameter is only left out.
        let params =
            ReceivedParams::parse(b"https://shop.example/r?a=1#top?x=2", Charset::Utf8).unwrap();
        assert_eq!(params.get("a"), Some("1"));
        assert_eq!(params.len(), 1);
    }

    #[test]
    fn pairs_keep_their_order_and_are_found_by_name() {
        let p = parse(b"z=1&b=%D6%D0&a=&m=x+y", Charset::Gbk);
        let pairs: Vec<_> = p.iter().collect();
        assert_eq!(pairs, [("z", "1"), ("b", "中"), ("a", ""), ("m", "x y")]);
        assert_eq!(p.iter().next_back(), Some(("m", "x y")));
        for (name, value) in pairs {
            assert_eq!(p.get(name), Some(value));
        }
        assert_eq!(p.get("c"), None);
        assert_eq!(p.charset(), Charset::Gbk);
        assert_eq!(
            format!("{p:?}"),
            r#"ReceivedParams([("z", "1"), ("b", "中"), ("a", ""), ("m", "x y")])"#
        );
    }

    #[test]
    fn text_shorter_than_its_bytes_keeps_the_rest_in_place() {
        // U+00A5 is four bytes in GB18030 and two in UTF-8.
        let p = parse(
            b"a=%81%30%84%36&b=xyz&c=%81%30%84%36%81%30%84%36&d=1",
            Charset::Gbk,
        );
        assert_eq!(
            p.iter().collect::<Vec<_>>(),
            [("a", "¥"), ("b", "xyz"), ("c", "¥¥"), ("d", "1")]
        );
        let s = p.signing_string(Charset::Gbk).unwrap();
        assert_eq!(s.as_str(), "a=¥&b=xyz&c=¥¥&d=1");
        assert_eq!(
            s.as_bytes(),
            b"a=\x81\x30\x84\x36&b=xyz&c=\x81\x30\x84\x36\x81\x30\x84\x36&d=1"
        );
    }

    #[cfg(feature = "md5")]
    #[test]
    fn bytes_two_of_which_read_as_one_character_verify_as_sent() {
        // GBK's 0xA3A0 reads U+3000, which encodes back as 0xA1A1: the sign
        // is over the bytes as sent (Python's hashlib over `a=\xa3\xa0&b=1`
        // and the key `k`).
        let message = b"a=\xA3\xA0&b=1";
        let sign = "0e1f92165e13ba03dbc351a4d0270bab";
        assert_eq!(md5_hex(message, "k"), sign);
        let body = format!("a=%A3%A0&b=1&sign={sign}");
        let verifier = Verifier::md5(crate::keys::Md5Key::new("k").unwrap());
        let verified = verify_params(
            parse(body.as_bytes(), Charset::Gbk),
            &verifier,
            Charset::Gbk,
        )
        .unwrap();
        assert_eq!(verified.get("a"), Some("\u{3000}"));
        assert_eq!(verified.signing_string().as_bytes(), &message[..]);
    }

    /// `bytes` percent-encoded the plain way: `%XX` for every byte that is
    /// not a letter or digit, or for every byte when `all`.
    fn form_encoded(bytes: &[u8], all: bool) -> String {
        bytes
            .iter()
            .map(|&b| match b {
                b' ' if !all => "+".to_owned(),
                b if b.is_ascii_alphanumeric() && !all => char::from(b).to_string(),
                b => format!("%{b:02X}"),
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Any set of pairs, sent as a form body in either charset, reads
        /// back as it was sent, and its signing string from the received
        /// bytes is the one made from the text.
        #[test]
        fn bodies_read_back_as_sent(
            pairs in proptest::strategy::Strategy::prop_shuffle(
                proptest::strategy::Strategy::prop_map(
                    proptest::collection::btree_map(
                        // Names are mostly ASCII; a non-ASCII one sorts by
                        // its text, not by the bytes received.
                        // No `€`: GBK refuses to encode it (see `Charset::encode`).
                        "[a-z_]{1,12}|[a-z中文谢]{1,4}",
                        "[a-zA-Z0-9 +&=%:@中文，谢]{0,12}",
                        0..30,
                    ),
                    |pairs| pairs.into_iter().collect::<Vec<_>>(),
                ),
            ),
            gbk in proptest::bool::ANY,
            all in proptest::bool::ANY,
        ) {
            let charset = if gbk { Charset::Gbk } else { Charset::Utf8 };
            let body: Vec<String> = pairs
                .iter()
                .map(|(name, value)| {
                    let name_bytes = charset.encode("name", name).unwrap();
                    let bytes = charset.encode(name, value).unwrap();
                    format!("{}={}", form_encoded(&name_bytes, all), form_encoded(&bytes, all))
                })
                .collect();
            let params = parse(body.join("&").as_bytes(), charset);
            let read: Vec<(&str, &str)> = params.iter().collect();
            let sent: Vec<(&str, &str)> =
                pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            proptest::prop_assert_eq!(&read, &sent);
            for (name, value) in &sent {
                proptest::prop_assert_eq!(params.get(name), Some(*value));
            }
            let made = signing_string(&sent, charset).unwrap();
            let received = params.signing_string(charset).unwrap();
            proptest::prop_assert_eq!(received.as_str(), made.as_str());
            proptest::prop_assert_eq!(received.as_bytes(), made.as_bytes());
            proptest::prop_assert_eq!(params.signed_bytes(), made.as_bytes().to_vec());
            // Without one of them, the others read as they were.
            if let Some((name, value)) = sent.first() {
                let mut fewer = params.clone();
                let removed = fewer.remove(name);
                proptest::prop_assert_eq!(removed.as_deref(), Some(*value));
                let rest: Vec<(&str, &str)> = fewer.iter().collect();
                proptest::prop_assert_eq!(rest.as_slice(), &sent[1..]);
                for (name, value) in &sent[1..] {
                    proptest::prop_assert_eq!(fewer.get(name), Some(*value));
                }
            }
        }
    }

    #[test]
    fn removing_keeps_the_rest_reachable() {
        let mut p = parse(b"c=3&sign_type=MD5&a=1&b=%D6%D0", Charset::Gbk);
        assert_eq!(p.remove("sign_type").as_deref(), Some("MD5"));
        assert_eq!(p.remove("sign_type"), None);
        assert_eq!(
            p.iter().collect::<Vec<_>>(),
            [("c", "3"), ("a", "1"), ("b", "中")]
        );
        assert_eq!(
            (p.get("a"), p.get("b"), p.get("c")),
            (Some("1"), Some("中"), Some("3"))
        );
        let s = p.signing_string(Charset::Gbk).unwrap();
        assert_eq!(s.as_str(), "a=1&b=中&c=3");
        assert_eq!(s.as_bytes(), b"a=1&b=\xD6\xD0&c=3");
    }

    #[test]
    fn equality_is_the_pairs_in_order() {
        assert_eq!(
            parse(b"a=1&b=2", Charset::Utf8),
            parse(b"a=1&b=2", Charset::Gbk)
        );
        assert_ne!(
            parse(b"a=1&b=2", Charset::Utf8),
            parse(b"b=2&a=1", Charset::Utf8)
        );
        assert_eq!(ReceivedParams::default().len(), 0);
    }

    #[test]
    fn undecodable_bytes_name_their_parameter() {
        for (input, charset, param) in [
            (&b"a=1&b=%FF"[..], Charset::Utf8, Some("b")),
            (b"a=1&b=%D6", Charset::Gbk, Some("b")),
            (b"a=%D6%D0&%FF=1", Charset::Gbk, None),
        ] {
            assert_eq!(
                ReceivedParams::parse(input, charset),
                Err(ReturnError::Decode(DecodeError::Charset(
                    CharsetError::Undecodable {
                        param: param.map(str::to_owned),
                        charset
                    }
                ))),
                "{input:?}"
            );
        }
    }

    #[test]
    fn a_name_twice_is_refused_wherever_it_is() {
        for input in [&b"a=1&b=2&a=1"[..], b"b=1&a=2&b=", b"x=1&y=2&z=3&y=4"] {
            assert!(matches!(
                ReceivedParams::parse(input, Charset::Utf8),
                Err(ReturnError::DuplicateParameter { .. })
            ));
        }
        assert_eq!(
            ReceivedParams::parse_query_and_body(b"?a=1&b=2", b"c=3&b=2", Charset::Utf8),
            Err(ReturnError::DuplicateParameter { name: "b".into() })
        );
    }

    #[cfg(feature = "md5")]
    /// md5(bytes ++ key) by the `md-5` crate alone, in lowercase hex.
    fn md5_hex(message: &[u8], key: &str) -> String {
        use md5::{Digest, Md5};
        let mut h = Md5::new();
        h.update(message);
        h.update(key.as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    #[cfg(feature = "md5")]
    #[test]
    fn the_signed_bytes_are_the_received_bytes() {
        let key = "k";
        // `subject` holds U+20AC (0x80 in GBK) and U+00A5, which GBK lacks:
        // GB18030's four bytes 0x81 0x30 0x84 0x36 stand for it, and a GBK
        // encoder cannot write it again. The signature is over the bytes as
        // they arrived.
        let message = b"_input_charset=gbk&a=1&subject=\x80\x810\x846&z=\xD6\xD0";
        let sign = md5_hex(message, key);
        let body = format!(
            "z=%D6%D0&subject=%80%81%30%84%36&a=1&sign_type=MD5&sign={sign}&_input_charset=gbk"
        );
        let verifier = Verifier::md5(crate::keys::Md5Key::new(key).unwrap());
        let params = parse(body.as_bytes(), Charset::Gbk);
        assert_eq!(params.get("subject"), Some("€¥"));
        let verified = verify_params(params.clone(), &verifier, Charset::Gbk).unwrap();
        assert_eq!(verified.signing_string().as_bytes(), &message[..]);
        assert_eq!(
            verified.signing_string().as_str(),
            "_input_charset=gbk&a=1&subject=€¥&z=中"
        );
        // Python's hashlib gives the same sign for these bytes and key.
        assert_eq!(sign, "e40d32d33d583c1402b99910ebbf2878");
        // Asked in UTF-8, the text is encoded: another string, no match.
        assert!(matches!(
            verify_params(params, &verifier, Charset::Utf8),
            Err(ReturnError::BadSignature { .. })
        ));
    }

    #[test]
    fn a_name_read_in_place_has_the_key_of_the_name_alone() {
        let buffer = b"a=1&bc=2&service=x&_input_charset=gbk&sign_type=MD5&z";
        let raw = percent_decode(buffer).unwrap();
        for span in &raw.spans {
            for name in [span.name, span.value] {
                if name.len() > 0 {
                    assert_eq!(
                        crate::wire::name_key_in(&raw.bytes, name),
                        name_key(name.of(&raw.bytes)),
                        "{:?}",
                        String::from_utf8_lossy(name.of(&raw.bytes))
                    );
                }
            }
        }
    }

    #[test]
    fn the_charset_of_a_content_type() {
        let read = |ct: &str| content_type_charset(ct).ok();
        assert_eq!(read("application/x-www-form-urlencoded"), Some(None));
        assert_eq!(read("text/plain; charset=GBK"), Some(Some(Charset::Gbk)));
        assert_eq!(
            read("text/plain;CharSet = \"utf-8\" "),
            Some(Some(Charset::Utf8))
        );
        assert_eq!(
            read("text/plain; q=1; charset=gb2312"),
            Some(Some(Charset::Gb2312))
        );
        // A media type is no parameter; `=` inside it is not one either.
        assert_eq!(read("charset=gbk"), Some(None));
        // A charset the gateway does not use is refused.
        assert_eq!(read("text/plain; charset=latin1"), None);
        // Parameters after it, one without `=`, a long media type, and
        // any Unicode space around the value.
        assert_eq!(
            read("application/x-www-form-urlencoded;q;charset=gbk;x=1"),
            Some(Some(Charset::Gbk))
        );
        assert_eq!(
            read("application/x-www-form-urlencoded; charset=\u{a0}utf-8\u{3000}"),
            Some(Some(Charset::Utf8))
        );
        assert_eq!(read("text/plain; charset="), None);
        assert_eq!(read("text/plain; charset=\"\""), None);
        assert_eq!(read("text/plain; charsets=gbk"), Some(None));
    }

    #[test]
    fn a_name_without_equals_after_a_decoded_one() {
        // The decoder takes the separator after a name or value with it; the
        // empty value of a name without `=` starts on that separator.
        for (body, pairs) in [
            (&b"%D6%D0&a=1"[..], vec![("中", ""), ("a", "1")]),
            (
                b"a=%D6%D0&b&c=%CE%C4",
                vec![("a", "中"), ("b", ""), ("c", "文")],
            ),
            (b"%D6%D0&%CE%C4", vec![("中", ""), ("文", "")]),
            (b"a=1&%D6%D0", vec![("a", "1"), ("中", "")]),
            // Empty values at the end of the bytes, after decoded text.
            (b"a=%D6%D0&b=", vec![("a", "中"), ("b", "")]),
            (b"%D6%D0=&b", vec![("中", ""), ("b", "")]),
        ] {
            let p = parse(body, Charset::Gbk);
            assert_eq!(p.iter().collect::<Vec<_>>(), pairs, "{body:?}");
            for (name, value) in &pairs {
                assert_eq!(p.get(name), Some(*value), "{body:?}");
            }
        }
    }

    /// Only `sign`, `sign_type` and empty values are left out of the signed
    /// bytes: not names that share their first bytes, however many pairs
    /// there are (the order keeps fewer of a name's bits as pairs grow).
    #[test]
    fn signed_bytes_leave_out_sign_and_sign_type_only() {
        let near = [
            "sign",
            "sign_type",
            "sign_typ",
            "sign_types",
            "sign_type_",
            "signs",
            "sig",
            "sigm",
            "sign\u{0}",
            "sign_typd",
            "sign_typf",
            "a",
        ];
        for extra in [0, 40, 200] {
            let mut pairs: Vec<(String, String)> = near
                .iter()
                .map(|n| (n.to_string(), "v".to_owned()))
                .collect();
            pairs.push(("empty".to_owned(), String::new()));
            pairs.extend((0..extra).map(|k| (format!("p{k:03}"), k.to_string())));
            let sent: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            let body: Vec<String> = sent
                .iter()
                .map(|(n, v)| format!("{}={v}", n.replace('\0', "%00")))
                .collect();
            let params = parse(body.join("&").as_bytes(), Charset::Utf8);
            let made = signing_string(&sent, Charset::Utf8).unwrap();
            assert_eq!(params.signed_bytes(), made.as_bytes(), "{extra} more pairs");
            assert!(!made.as_str().contains("sign=") && !made.as_str().contains("sign_type="));
            assert!(made
                .as_str()
                .contains("sign_typd=v&sign_type_=v&sign_types=v&sign_typf=v"));
        }
    }
}

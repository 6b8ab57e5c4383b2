//! The gateway's signing string: the one rule every signature of the gateway
//! is computed over, used both to sign requests and to verify what the
//! gateway sends back.
//!
//! 1. take every parameter that is sent (or received);
//! 2. drop `sign`, `sign_type` and parameters whose value is empty;
//! 3. sort by parameter *name*, bytewise ascending (names, not `name=value`
//!    strings: they sort differently when one name is a prefix of another);
//! 4. join raw `name=value` pairs with `&` — no URL-encoding, no trimming;
//! 5. encode the result in the request's `_input_charset`.

use std::fmt;

use crate::charset::{Charset, CharsetError};

/// Whether a parameter takes part in the signing string: everything except
/// `sign`, `sign_type` and empty values.
#[inline]
pub fn is_signed(name: &str, value: &str) -> bool {
    is_signed_bytes(name.as_bytes(), value.as_bytes())
}

/// [`is_signed`] of a name and value as bytes in any of the charsets (the
/// names it leaves out are ASCII, which reads the same in each).
#[inline]
pub(crate) fn is_signed_bytes(name: &[u8], value: &[u8]) -> bool {
    !value.is_empty() && !is_sign_name(name)
}

/// Whether a name is one of the two the signing string leaves out whatever
/// their value: `sign` and `sign_type`.
#[inline]
pub(crate) fn is_sign_name(name: &[u8]) -> bool {
    name == b"sign" || name == b"sign_type"
}

/// The signing string of a parameter set, with its bytes in the charset.
///
/// Its `Display` and [`as_str`](Self::as_str) show the text, which is what an
/// error message or an `explain` shows a user; the signature is computed over
/// [`as_bytes`](Self::as_bytes).
#[derive(Clone, PartialEq, Eq)]
pub struct SigningString {
    text: String,
    /// The charset bytes when they differ from the UTF-8 text.
    encoded: Option<Vec<u8>>,
    charset: Charset,
}

impl SigningString {
    /// The string as text (`a=1&b=2`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The bytes that are hashed: the text encoded in [`charset`](Self::charset).
    pub fn as_bytes(&self) -> &[u8] {
        self.encoded.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// The charset of [`as_bytes`](Self::as_bytes).
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// A string joined outside the rule, with its bytes in `charset`: only for
    /// [`crate::explain`]'s deliberately mistaken variants, which must be
    /// checked by a [`Verifier`](crate::Verifier) like a real signing string.
    pub(crate) fn from_joined(text: String, encoded: Vec<u8>, charset: Charset) -> Self {
        let encoded = (encoded != text.as_bytes()).then_some(encoded);
        SigningString {
            text,
            encoded,
            charset,
        }
    }
}

impl fmt::Display for SigningString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for SigningString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningString")
            .field("text", &self.text)
            .field("charset", &self.charset)
            .finish()
    }
}

/// Builds a [`SigningString`] from parameters that are already in signing
/// order.
///
/// This is the step-4-and-5 half of the rule: [`signing_string`] sorts and
/// then feeds this builder, and the code `#[alipay_service]` generates feeds it
/// directly, in an order fixed at compile time. Skipping `sign`, `sign_type`
/// and empty values happens here, so no caller can forget it.
#[derive(Debug)]
pub struct SigningStringBuilder {
    inner: SigningString,
}

impl SigningStringBuilder {
    /// An empty builder for `charset`, with room for `capacity` bytes.
    #[inline]
    pub fn with_capacity(charset: Charset, capacity: usize) -> Self {
        SigningStringBuilder {
            inner: SigningString {
                text: String::with_capacity(capacity),
                encoded: None,
                charset,
            },
        }
    }

    /// Appends `name=value` unless [`is_signed`] says to leave it out.
    ///
    /// Parameters must arrive sorted by name: the builder does not sort (that
    /// is the point of it).
    #[inline]
    pub fn push(&mut self, name: &str, value: &str) -> Result<(), CharsetError> {
        let charset = self.inner.charset;
        self.push_with(name, value, |encoded, first| {
            write_pair(charset, first, name, value, |_, chunk| {
                encoded.extend_from_slice(chunk)
            })
        })
    }

    /// Appends `name=value` like [`push`](Self::push), for a pair whose bytes
    /// in the builder's charset are already known: received parameters,
    /// whose bytes are the ones the gateway signed. The caller vouches that
    /// `joined` is `name=value` in the charset.
    #[inline]
    pub(crate) fn push_encoded(&mut self, name: &str, value: &str, joined: &[u8]) {
        let appended = self.push_with(name, value, |encoded, first| {
            write_joined(encoded, first, joined);
            Ok(())
        });
        debug_assert!(appended.is_ok(), "writing known bytes cannot fail");
    }

    /// The one place a pair is appended: leaves out what [`is_signed`] says
    /// to, keeps the text, and has `write_bytes` append `&name=value` (no
    /// `&` when `first`) in the charset's bytes when they differ from the
    /// text's.
    #[inline]
    fn push_with(
        &mut self,
        name: &str,
        value: &str,
        write_bytes: impl FnOnce(&mut Vec<u8>, bool) -> Result<(), CharsetError>,
    ) -> Result<(), CharsetError> {
        if !is_signed(name, value) {
            return Ok(());
        }
        let s = &mut self.inner;
        let first = s.text.is_empty();
        let needs_encoding = !matches!(s.charset, Charset::Utf8)
            && (!name.is_ascii() || !value.is_ascii() || s.encoded.is_some());
        if needs_encoding {
            let encoded = s.encoded.get_or_insert_with(|| {
                // Room for the rest too: GBK is never longer than UTF-8.
                let mut bytes = Vec::with_capacity(s.text.capacity().max(64));
                bytes.extend_from_slice(s.text.as_bytes());
                bytes
            });
            write_bytes(encoded, first)?;
        }
        if !first {
            s.text.push('&');
        }
        s.text.push_str(name);
        s.text.push('=');
        s.text.push_str(value);
        Ok(())
    }

    /// The finished signing string.
    #[inline]
    pub fn finish(self) -> SigningString {
        self.inner
    }
}

/// Appends `&` (unless it is the `first` pair) and `joined`, a pair's
/// `name=value` already in the charset's bytes.
#[inline]
fn write_joined(out: &mut Vec<u8>, first: bool, joined: &[u8]) {
    if !first {
        out.push(b'&');
    }
    out.extend_from_slice(joined);
}

/// A piece of a pair of a signing string, as [`write_pair`] hands it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// The `&` before every pair but the first.
    Separator,
    /// The name's bytes.
    Name,
    /// The `=`.
    Equals,
    /// The value's bytes (in one or more pieces).
    Value,
}

/// The bytes of one pair of a signing string (steps 4 and 5 of the rule):
/// `&` unless it is the `first`, then `name=value` in `charset`'s bytes,
/// handed to `sink` piece by piece. The caller has checked [`is_signed`].
///
/// [`SigningStringBuilder`] keeps the bytes; `Client::page_url` hashes them
/// as they come and percent-encodes the same pieces into the URL, so the
/// signing string of a URL is never stored.
pub(crate) fn write_pair(
    charset: Charset,
    first: bool,
    name: &str,
    value: &str,
    mut sink: impl FnMut(Part, &[u8]),
) -> Result<(), CharsetError> {
    if !first {
        sink(Part::Separator, b"&");
    }
    charset.encode_with(name, name, |chunk| sink(Part::Name, chunk))?;
    sink(Part::Equals, b"=");
    charset.encode_with(name, value, |chunk| sink(Part::Value, chunk))
}

/// Step 3's order of two `(name, value)` pairs: bytewise by name. The value
/// breaks ties only so that the result never depends on input order
/// (received duplicates are refused before a signing string is made).
///
/// The names' first eight bytes, as the numbers
/// [`name_key`](crate::wire::name_key) makes of them, decide most pairs
/// without a call to compare bytes (a sort of an answer's leaves made one
/// per comparison); only names that share them are compared whole
/// ([`keyed_name_order`]).
#[inline]
pub(crate) fn signing_order(a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    keyed_name_order(a.0.as_bytes(), b.0.as_bytes()).then_with(|| a.1.cmp(b.1))
}

/// [`name_order`], with the names' first eight bytes compared as numbers
/// first. The numbers never contradict the bytes: at the first of the eight
/// places where they differ, either both names have a byte there, or the
/// shorter one, zero-padded, is a prefix of the other.
#[inline]
fn keyed_name_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    crate::wire::name_key(a)
        .cmp(&crate::wire::name_key(b))
        .then_with(|| name_order(a, b))
}

/// Step 3's order of two names (their bytes as text, UTF-8): bytewise.
#[inline]
pub(crate) fn name_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.cmp(b)
}

/// The signing string of `params` in `charset`: the gateway's rule, in the one
/// function that both signing and verifying call.
///
/// Every parameter is considered, declared or not; the order of `params` does
/// not matter. A value the charset cannot encode is an error that names the
/// parameter.
///
/// ```
/// use alipay_mapi_runtime::{signing_string, Charset};
/// let s = signing_string(
///     &[("service", "test"), ("sign", "x"), ("partner", "123"), ("memo", "")],
///     Charset::Utf8,
/// )
/// .unwrap();
/// assert_eq!(s.as_str(), "partner=123&service=test");
/// ```
pub fn signing_string<N: AsRef<str>, V: AsRef<str>>(
    params: &[(N, V)],
    charset: Charset,
) -> Result<SigningString, CharsetError> {
    let params = params.iter().map(|(n, v)| (n.as_ref(), v.as_ref()));
    signing_string_in_place(params.collect(), charset)
}

/// [`signing_string`] of parameters the caller has collected already: they
/// are filtered and sorted in place rather than copied.
pub(crate) fn signing_string_in_place(
    mut params: Vec<(&str, &str)>,
    charset: Charset,
) -> Result<SigningString, CharsetError> {
    params.retain(|(n, v)| is_signed(n, v));
    params.sort_unstable_by(|a, b| signing_order(*a, *b));
    let capacity = params.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut builder = SigningStringBuilder::with_capacity(charset, capacity);
    for (name, value) in params {
        builder.push(name, value)?;
    }
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_order_by_their_bytes() {
        use proptest::prelude::*;
        let name = proptest::collection::vec(
            prop_oneof![Just(0u8), Just(b'a'), Just(b'_'), Just(0xFF), any::<u8>()],
            0..12,
        );
        proptest!(|(a in name.clone(), b in name)| {
            prop_assert_eq!(super::keyed_name_order(&a, &b), a.cmp(&b));
            prop_assert_eq!(super::keyed_name_order(&a, &a), std::cmp::Ordering::Equal);
        });
        for (a, b) in [
            (&b"sign"[..], &b"sign_type"[..]),
            (b"a\0", b"a"),
            (b"trade_no", b"trade_no_x"),
            (b"", b"\0"),
        ] {
            assert_eq!(super::keyed_name_order(a, b), a.cmp(b), "{a:?} {b:?}");
            assert_eq!(super::keyed_name_order(b, a), b.cmp(a), "{b:?} {a:?}");
        }
    }

    use super::*;

    #[test]
    fn drops_sign_sign_type_and_empty_values() {
        let s = signing_string(
            &[
                ("b", "2"),
                ("sign_type", "MD5"),
                ("a", ""),
                ("sign", "x"),
                ("c", " "),
            ],
            Charset::Utf8,
        )
        .unwrap();
        assert_eq!(s.as_str(), "b=2&c= ");
    }

    #[test]
    fn sorts_names_not_pairs() {
        // As `k=v` strings, "key1=…" < "key=…" because '1' < '='; by name, "key" < "key1".
        let s = signing_string(&[("key1", "a"), ("key", "b")], Charset::Utf8).unwrap();
        assert_eq!(s.as_str(), "key=b&key1=a");
    }

    #[test]
    fn underscore_names_sort_before_lowercase() {
        let s =
            signing_string(&[("partner", "1"), ("_input_charset", "gbk")], Charset::Gbk).unwrap();
        assert_eq!(s.as_str(), "_input_charset=gbk&partner=1");
    }

    #[test]
    fn values_are_raw() {
        let s = signing_string(&[("u", "http://a/b?c=d&e=%20")], Charset::Utf8).unwrap();
        assert_eq!(s.as_str(), "u=http://a/b?c=d&e=%20");
    }

    #[test]
    fn gbk_bytes() {
        let s = signing_string(&[("subject", "中文"), ("a", "1")], Charset::Gbk).unwrap();
        assert_eq!(s.as_str(), "a=1&subject=中文");
        assert_eq!(s.as_bytes(), b"a=1&subject=\xD6\xD0\xCE\xC4");
        let u = signing_string(&[("subject", "中文"), ("a", "1")], Charset::Utf8).unwrap();
        assert_eq!(u.as_bytes(), "a=1&subject=中文".as_bytes());
    }

    #[test]
    fn unencodable_value_names_its_parameter() {
        let err = signing_string(&[("a", "1"), ("body", "x😀")], Charset::Gbk).unwrap_err();
        assert!(matches!(err, CharsetError::Unencodable { ref param, .. } if param == "body"));
    }
}

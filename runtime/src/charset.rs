//! The request's `_input_charset`: which bytes the signing string and the
//! URL's percent-encoding are made of.
//!
//! The gateway accepts `utf-8`, `gbk` and `gb2312`; the last two both mean GBK
//! bytes. Hashing the UTF-8 bytes of a string the gateway reads as GBK is the
//! classic cause of `ILLEGAL_SIGN` on Chinese text, so every encoding step of
//! this crate goes through [`Charset::encode`].

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// A charset the gateway accepts in `_input_charset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Charset {
    /// `utf-8`.
    #[default]
    Utf8,
    /// `gbk`.
    Gbk,
    /// `gb2312`: the gateway reads it as GBK, so it encodes exactly like [`Charset::Gbk`].
    Gb2312,
}

/// The euro sign, which GBK encoders do not agree on (see
/// [`Charset::encode`]).
const EURO: char = '\u{20AC}';

/// A charset problem: an unknown label, a value the charset cannot represent,
/// or bytes that are not valid in the charset.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CharsetError {
    /// A charset label (`_input_charset`, a received `charset`, a
    /// `Content-Type`'s `charset=`) that is not `utf-8`, `gbk` or `gb2312`.
    Unknown {
        /// The label as given.
        label: String,
    },
    /// A parameter holds a character the charset cannot encode (for example an
    /// emoji under GBK). Nothing is signed with a substituted `?`.
    Unencodable {
        /// The parameter (or, for a name that cannot be encoded, the name itself).
        param: String,
        /// The first character that cannot be encoded.
        character: char,
        /// The charset that was asked for.
        charset: Charset,
    },
    /// Received bytes are not valid in the charset.
    Undecodable {
        /// The parameter the bytes belong to, when known.
        param: Option<String>,
        /// The charset that was asked for.
        charset: Charset,
    },
}

impl fmt::Display for CharsetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CharsetError::Unknown { label } => write!(
                f,
                "unknown charset `{label}` (the gateway's are utf-8, gbk and gb2312; it came as `_input_charset`, `charset` or a Content-Type's `charset=`)"
            ),
            CharsetError::Unencodable {
                param,
                character,
                charset,
            } if *character == EURO && *charset != Charset::Utf8 => write!(
                f,
                "parameter `{param}`: character '€' (U+20AC) has no {charset} encoding the gateway reads: its byte 0x80 (code page 936, as browsers write it) is no character in Java's GBK, which the gateway's own demos use; send it in utf-8"
            ),
            CharsetError::Unencodable {
                param,
                character,
                charset,
            } => write!(
                f,
                "parameter `{param}`: character {character:?} (U+{:04X}) cannot be encoded in {charset}",
                u32::from(*character)
            ),
            CharsetError::Undecodable {
                param: Some(param),
                charset,
            } => write!(f, "parameter `{param}`: bytes are not valid {charset}"),
            CharsetError::Undecodable {
                param: None,
                charset,
            } => write!(f, "bytes are not valid {charset}"),
        }
    }
}

impl std::error::Error for CharsetError {}

impl Charset {
    /// The label sent in `_input_charset`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Gbk => "gbk",
            Charset::Gb2312 => "gb2312",
        }
    }

    /// The `encoding_rs` encoding its bytes are read in (GB2312 is read as
    /// GBK, as everywhere in this crate).
    pub(crate) fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            Charset::Utf8 => encoding_rs::UTF_8,
            Charset::Gbk | Charset::Gb2312 => encoding_rs::GBK,
        }
    }

    /// Encodes `value` (of parameter `param`, named in the error) into this
    /// charset's bytes. Fails rather than substituting a character.
    ///
    /// In GBK, `€` is refused too: code page 936 (and browsers) write it as
    /// the byte 0x80, while Java's GBK (the charset of the gateway's official
    /// demos) has no character there and writes A2E3 instead: a sign over
    /// either byte sequence may not be over the text the gateway reads.
    ///
    /// ```
    /// use alipay_mapi_runtime::Charset;
    /// assert_eq!(&*Charset::Gbk.encode("subject", "中").unwrap(), &[0xD6, 0xD0]);
    /// assert!(Charset::Gbk.encode("subject", "😀").is_err());
    /// assert!(Charset::Gbk.encode("subject", "5 €").is_err());
    /// assert!(Charset::Utf8.encode("subject", "5 €").is_ok());
    /// ```
    pub fn encode<'a>(self, param: &str, value: &'a str) -> Result<Cow<'a, [u8]>, CharsetError> {
        if matches!(self, Charset::Utf8) || value.is_ascii() {
            return Ok(Cow::Borrowed(value.as_bytes()));
        }
        let mut bytes = Vec::with_capacity(value.len());
        self.encode_with(param, value, |chunk| bytes.extend_from_slice(chunk))?;
        Ok(Cow::Owned(bytes))
    }

    /// Encodes `value` piece by piece into `sink`, through a buffer on the
    /// stack: no allocation, whatever the charset. The one encoding routine
    /// behind [`encode`](Self::encode), the signing string and the URL.
    pub(crate) fn encode_with(
        self,
        param: &str,
        value: &str,
        mut sink: impl FnMut(&[u8]),
    ) -> Result<(), CharsetError> {
        if matches!(self, Charset::Utf8) || value.is_ascii() {
            sink(value.as_bytes());
            return Ok(());
        }
        // `€` is 0x80 to encoding_rs (code page 936, the WHATWG encoder),
        // a byte Java's GBK decodes as U+FFFD: the gateway would sign other
        // text than ours. (Java's GBK writes A2E3 instead; a browser
        // submitting a form writes 0x80, so no one encoding is right.)
        if value.contains(EURO) {
            return Err(CharsetError::Unencodable {
                param: param.to_owned(),
                character: EURO,
                charset: self,
            });
        }
        let mut encoder = encoding_rs::GBK.new_encoder();
        let mut buffer = [0u8; 128];
        let mut rest = value;
        loop {
            let (result, read, written) =
                encoder.encode_from_utf8_without_replacement(rest, &mut buffer, true);
            sink(buffer.get(..written).unwrap_or_default());
            rest = rest.get(read..).unwrap_or_default();
            match result {
                encoding_rs::EncoderResult::InputEmpty => return Ok(()),
                encoding_rs::EncoderResult::OutputFull => {}
                encoding_rs::EncoderResult::Unmappable(character) => {
                    return Err(CharsetError::Unencodable {
                        param: param.to_owned(),
                        character,
                        charset: self,
                    })
                }
            }
        }
    }

    /// Decodes received bytes; invalid sequences are an error, never replaced.
    pub fn decode(self, bytes: &[u8]) -> Result<Cow<'_, str>, CharsetError> {
        let decoded = match self {
            Charset::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Charset::Gbk | Charset::Gb2312 => {
                encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(bytes)
            }
        };
        decoded.ok_or(CharsetError::Undecodable {
            param: None,
            charset: self,
        })
    }

    /// Decodes received bytes onto the end of `out`, with no buffer in
    /// between; invalid sequences are an error (and `out` is left as it
    /// was), never replaced.
    ///
    /// ```
    /// use alipay_mapi_runtime::Charset;
    /// let mut text = String::from("a=");
    /// Charset::Gbk.decode_into(&[0xD6, 0xD0], &mut text).unwrap();
    /// assert_eq!(text, "a=中");
    /// assert!(Charset::Utf8.decode_into(&[0xD6, 0xD0], &mut text).is_err());
    /// assert_eq!(text, "a=中");
    /// ```
    pub fn decode_into(self, bytes: &[u8], out: &mut String) -> Result<(), CharsetError> {
        let undecodable = CharsetError::Undecodable {
            param: None,
            charset: self,
        };
        // ASCII reads the same in every charset.
        if bytes.is_ascii() || matches!(self, Charset::Utf8) {
            out.push_str(std::str::from_utf8(bytes).map_err(|_| undecodable)?);
            return Ok(());
        }
        let mut decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
        let room = decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .ok_or_else(|| undecodable.clone())?;
        out.reserve(room);
        let before = out.len();
        let (result, _) = decoder.decode_to_string_without_replacement(bytes, out, true);
        if result == encoding_rs::DecoderResult::InputEmpty {
            return Ok(());
        }
        out.truncate(before);
        Err(undecodable)
    }
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Charset {
    type Err = CharsetError;

    /// Parses `utf-8`, `gbk` or `gb2312`, ignoring ASCII case.
    fn from_str(label: &str) -> Result<Self, Self::Err> {
        [Charset::Utf8, Charset::Gbk, Charset::Gb2312]
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(label))
            .ok_or_else(|| CharsetError::Unknown {
                label: label.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_case_insensitive_and_closed() {
        assert_eq!("UTF-8".parse::<Charset>(), Ok(Charset::Utf8));
        assert_eq!("GBK".parse::<Charset>(), Ok(Charset::Gbk));
        assert_eq!("gb2312".parse::<Charset>(), Ok(Charset::Gb2312));
        assert!("utf8".parse::<Charset>().is_err());
        assert!("latin1".parse::<Charset>().is_err());
    }

    #[test]
    fn gb2312_is_gbk_bytes() {
        // 支付宝 in GBK, as `iconv -f utf-8 -t gbk` gives it.
        let want = [0xD6, 0xA7, 0xB8, 0xB6, 0xB1, 0xA6];
        assert_eq!(&*Charset::Gbk.encode("p", "支付宝").unwrap(), &want);
        assert_eq!(&*Charset::Gb2312.encode("p", "支付宝").unwrap(), &want);
        assert_eq!(Charset::Gbk.decode(&want).unwrap(), "支付宝");
    }

    #[test]
    fn unencodable_names_parameter_and_character() {
        let err = Charset::Gbk.encode("subject", "ok 😀").unwrap_err();
        assert_eq!(
            err,
            CharsetError::Unencodable {
                param: "subject".into(),
                character: '😀',
                charset: Charset::Gbk
            }
        );
        assert!(err.to_string().contains("`subject`"));
    }

    #[test]
    fn invalid_bytes_are_errors() {
        assert!(Charset::Utf8.decode(&[0xFF]).is_err());
        assert!(Charset::Gbk.decode(&[0x81]).is_err());
    }
}

//! Why a sign does not verify: the signing string this crate computes, its
//! bytes, and which common mistake of the signer would have produced the sign
//! that was received.
//!
//! `ILLEGAL_SIGN` (or a return that does not verify) says only that two sides
//! disagree. [`explain`] shows this side's signing string and then rebuilds the
//! string the way a signer making each common mistake would have built it,
//! checking the received sign against every variant with the configured key:
//! an MD5 secret recomputes the digest, a public key verifies the signature.
//! A variant that matches names the mistake.
//!
//! The mistakes tried ([`Mistake`]):
//!
//! - the string's bytes in the other charset (UTF-8 for a `gbk` request, GBK
//!   for a `utf-8` one);
//! - `sign_type` included in the string;
//! - parameters with empty values included;
//! - a `+` of a value turned into a space on the way (sent unencoded in a URL);
//! - the `+` of a base64 `sign` turned into a space (the runtime tolerates it);
//! - values URL-encoded before signing (percent-encoded from the charset's
//!   bytes, spaces as `%20` or as `+`);
//! - pairs sorted as `name=value` strings instead of by name;
//! - one received parameter that the gateway did not sign: the string
//!   without each received parameter in turn (MD5 recomputes with the key,
//!   RSA and DSA verify with the configured public key). When exactly one
//!   removal verifies, that parameter was added to what the gateway signed —
//!   typically the merchant's own query on its `return_url`
//!   (`https://shop/return?order=6`), which the gateway keeps in the return
//!   it sends the browser to ([`Explanation::unsigned_parameter`]).
//!   Verification itself stays strict: it covers every received parameter,
//!   and this is only an explanation.
//!
//! Nothing matching means the sign was made with another key (for `RSA` and
//! `DSA`, often the merchant's own public key configured where the gateway's
//! belongs) or over other parameters.
//!
//! ```
//! # #[cfg(feature = "md5")] {
//! use alipay_mapi_runtime::explain::{explain, Mistake};
//! use alipay_mapi_runtime::{keys::Md5Key, Charset, ReceivedParams, Verifier};
//!
//! let verifier = Verifier::md5(Md5Key::new("10000000000000000000000000000000").unwrap());
//! // Signed by someone who left `sign_type` in the string:
//! // md5("partner=123&service=test&sign_type=MD5" ++ key).
//! let params = ReceivedParams::parse(
//!     b"partner=123&service=test&sign_type=MD5&sign=7382a7570a46ed58dc6b4f41ddf2b85b",
//!     Charset::Utf8,
//! )
//! .unwrap();
//! let explanation = explain(&params, &verifier, Charset::Utf8).unwrap();
//! assert_eq!(explanation.signing_string.as_str(), "partner=123&service=test");
//! assert!(!explanation.matches);
//! assert_eq!(explanation.cause(), Some(Mistake::SignTypeIncluded));
//! # }
//! ```

use std::fmt;

use crate::charset::{Charset, CharsetError};
use crate::sign::{SignType, SignatureError, Verifier};
use crate::signing::{is_signed, signing_string, SigningString};
use crate::verify::ReceivedParams;
use crate::wire;

/// A common mistake of a signer that [`explain`] tries. More may be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mistake {
    /// The string's bytes in another charset were hashed: `signed` instead of
    /// `expected` (the request's `_input_charset`).
    OtherCharset {
        /// The charset whose bytes were signed.
        signed: Charset,
        /// The charset the signing string is made of.
        expected: Charset,
    },
    /// `sign_type` was part of the string (it is left out, like `sign`).
    SignTypeIncluded,
    /// Parameters with empty values were part of the string (they are left out).
    EmptyValuesIncluded,
    /// A `+` in a value was signed, and turned into a space on the way: the
    /// value was put in a URL without percent-encoding its `+`.
    PlusAsSpaceInValues,
    /// The `+` of a base64 `sign` came back as a space. Verification restores
    /// it (in `sign` only, for `RSA`, `RSA2` and `DSA`), so this is reported,
    /// not refused.
    PlusAsSpaceInSign,
    /// Values were URL-encoded (percent-encoded from the charset's bytes)
    /// before being signed; the rule signs raw values.
    UrlEncodedValues {
        /// Spaces encoded as `+` (form style: Java's `URLEncoder`, PHP's
        /// `urlencode`) rather than `%20`.
        space_as_plus: bool,
    },
    /// The pairs were sorted as `name=value` strings instead of by name
    /// (they differ when one name is a prefix of another: `key`, `key1`).
    SortedAsPairs,
    /// One received parameter was not signed by the gateway: the sign
    /// verifies over the others. Which one is
    /// [`Explanation::unsigned_parameter`].
    UnsignedParameter,
}

impl Mistake {
    /// A stable identifier (`sign_type_included`, …), for scripts.
    pub const fn id(&self) -> &'static str {
        match self {
            Mistake::OtherCharset { .. } => "other_charset",
            Mistake::SignTypeIncluded => "sign_type_included",
            Mistake::EmptyValuesIncluded => "empty_values_included",
            Mistake::PlusAsSpaceInValues => "plus_as_space_in_values",
            Mistake::PlusAsSpaceInSign => "plus_as_space_in_sign",
            Mistake::UrlEncodedValues {
                space_as_plus: false,
            } => "url_encoded_values",
            Mistake::UrlEncodedValues {
                space_as_plus: true,
            } => "form_encoded_values",
            Mistake::SortedAsPairs => "sorted_as_pairs",
            Mistake::UnsignedParameter => "unsigned_parameter",
        }
    }

    /// The mistake, in one sentence.
    pub fn describe(&self) -> String {
        match self {
            Mistake::OtherCharset { signed, expected } => format!(
                "the string's {signed} bytes were signed instead of its {expected} bytes (the charset of _input_charset)"
            ),
            Mistake::SignTypeIncluded => {
                "`sign_type` was included in the signing string (it must be left out, like `sign`)".to_owned()
            }
            Mistake::EmptyValuesIncluded => {
                "parameters with empty values were included in the signing string (they must be left out)".to_owned()
            }
            Mistake::PlusAsSpaceInValues => {
                "a `+` in a value was signed but arrived as a space: it was put in the URL without percent-encoding (`%2B`)".to_owned()
            }
            Mistake::PlusAsSpaceInSign => {
                "the `+` of the base64 sign arrived as a space (read back as `+`, in `sign` only)".to_owned()
            }
            Mistake::UrlEncodedValues { space_as_plus: false } => {
                "values were URL-encoded (percent-encoded, spaces as %20) before signing; the signing string takes raw values".to_owned()
            }
            Mistake::UrlEncodedValues { space_as_plus: true } => {
                "values were URL-encoded form style (spaces as `+`, like Java's URLEncoder or PHP's urlencode) before signing; the signing string takes raw values".to_owned()
            }
            Mistake::SortedAsPairs => {
                "the pairs were sorted as `name=value` strings instead of by parameter name".to_owned()
            }
            Mistake::UnsignedParameter => {
                "one received parameter was not signed by the gateway: the sign verifies over the others".to_owned()
            }
        }
    }
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A run of non-ASCII characters of a signing string, with its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NonAsciiRun {
    /// Byte offset of the run in the string's text.
    pub offset: usize,
    /// The characters.
    pub text: String,
    /// Their bytes in the signing string's charset.
    pub bytes: Vec<u8>,
}

/// What [`explain`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// The signing string of the received parameters, by the gateway's rule
    /// (what [`verify_params`](crate::verify_params) checks).
    pub signing_string: SigningString,
    /// The sign type checked: the verifier's.
    pub sign_type: SignType,
    /// The `sign_type` received, if any, as received. [`explain`] ignores it
    /// and checks with the verifier's type; `verify_params` would refuse a
    /// different one.
    pub received_sign_type: Option<String>,
    /// The `sign` received, if any, as received.
    pub received_sign: Option<String>,
    /// Whether the received sign verifies over [`signing_string`](Self::signing_string)
    /// (after reading spaces of a base64 sign as `+`).
    pub matches: bool,
    /// Why the received sign did not verify; `None` when it matches or when
    /// there is no sign.
    pub error: Option<SignatureError>,
    /// Each mistake tried, with whether the received sign verifies over the
    /// string that mistake gives. Empty when the sign matches (except for
    /// [`Mistake::PlusAsSpaceInSign`], reported when it was needed), is
    /// missing or is malformed.
    pub tried: Vec<(Mistake, bool)>,
    /// Mistakes not tried because they would change nothing for these
    /// parameters (no empty value, no `sign_type`, ASCII only, …; for
    /// [`Mistake::UnsignedParameter`], fewer than two signed parameters, or
    /// more than [`MAX_REMOVALS`]).
    pub not_applicable: Vec<Mistake>,
    /// The received parameter the gateway did not sign, when
    /// [`Mistake::UnsignedParameter`] matched: the signing string without
    /// it, and without it alone, verifies.
    pub unsigned_parameter: Option<String>,
}

/// [`Mistake::UnsignedParameter`] is tried with up to this many signed
/// parameters (one check each; a return of the gateway has a few dozen).
pub const MAX_REMOVALS: usize = 256;

impl Explanation {
    /// The first mistake whose variant matched the received sign.
    pub fn cause(&self) -> Option<Mistake> {
        self.tried
            .iter()
            .find(|(_, matched)| *matched)
            .map(|(mistake, _)| *mistake)
    }

    /// The cause in one sentence: [`Mistake::describe`] of [`cause`](Self::cause),
    /// naming the parameter for [`Mistake::UnsignedParameter`] and saying
    /// what to do about it.
    pub fn cause_description(&self) -> Option<String> {
        let cause = self.cause()?;
        Some(match (cause, &self.unsigned_parameter) {
            (Mistake::UnsignedParameter, Some(name)) => format!(
                "parameter `{name}` was not signed by the gateway (the sign verifies over the other \
                 parameters): it is not the gateway's, typically a query parameter of your own on \
                 return_url (`?{name}=…`), which the gateway keeps in the return; remove it from \
                 return_url (carry it in the path, out_trade_no or extra_common_param), or leave it \
                 out before verifying"
            ),
            (cause, _) => cause.describe(),
        })
    }

    /// The algorithm checked (see [`SignType::algorithm`]).
    pub fn algorithm(&self) -> &'static str {
        self.sign_type.algorithm()
    }

    /// The runs of non-ASCII characters of the signing string, each with its
    /// bytes in the string's charset: where a charset mistake shows.
    pub fn non_ascii_runs(&self) -> Vec<NonAsciiRun> {
        let text = self.signing_string.as_str();
        let charset = self.signing_string.charset();
        let mut runs = Vec::new();
        let mut start: Option<usize> = None;
        let close = |from: usize, to: usize, runs: &mut Vec<NonAsciiRun>| {
            let run = text.get(from..to).unwrap_or_default();
            runs.push(NonAsciiRun {
                offset: from,
                text: run.to_owned(),
                // The whole string was encoded already, so its parts encode too.
                bytes: charset
                    .encode("signing string", run)
                    .map(|b| b.into_owned())
                    .unwrap_or_default(),
            });
        };
        for (i, c) in text.char_indices() {
            match (c.is_ascii(), start) {
                (false, None) => start = Some(i),
                (true, Some(from)) => {
                    close(from, i, &mut runs);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = start {
            close(from, text.len(), &mut runs);
        }
        runs
    }
}

/// Explains whether and why the received `sign` of `params` verifies with
/// `verifier`, the signing string made of `charset` bytes.
///
/// Unlike [`verify_params`](crate::verify_params), a received `sign_type`
/// other than the verifier's is not refused: it is reported in
/// [`Explanation::received_sign_type`] and the check is made as the
/// verifier's type. `is_success` is not looked at.
///
/// The signing string is [`ReceivedParams::signing_string`], as
/// `verify_params` makes it. The error is the one it gives: with `charset`
/// other than the one the parameters were received in, a value that charset
/// cannot encode.
pub fn explain(
    params: &ReceivedParams,
    verifier: &Verifier,
    charset: Charset,
) -> Result<Explanation, CharsetError> {
    let sign_type = verifier.sign_type();
    let main = params.signing_string(charset)?;
    let mut explanation = Explanation {
        signing_string: main,
        sign_type,
        received_sign_type: params.get("sign_type").map(str::to_owned),
        received_sign: params.get("sign").map(str::to_owned),
        matches: false,
        error: None,
        tried: Vec::new(),
        not_applicable: Vec::new(),
        unsigned_parameter: None,
    };
    let Some(received) = params.get("sign") else {
        return Ok(explanation);
    };
    // As verify_params does (`SignType::received_sign`): a base64 sign's
    // spaces are `+` that a server turned into spaces, its line breaks carry
    // nothing; an MD5 sign's line breaks at its ends neither.
    let sign = sign_type.received_sign(received);
    let sign = sign.as_ref();
    let restored = sign_type != SignType::Md5 && received.contains(' ');
    let checks = |s: &SigningString| verifier.verify(s, sign).is_ok();

    match verifier.verify(&explanation.signing_string, sign) {
        Ok(()) => {
            explanation.matches = true;
            if restored {
                explanation.tried.push((Mistake::PlusAsSpaceInSign, true));
            }
            return Ok(explanation);
        }
        Err(error @ SignatureError::Malformed { .. }) => {
            // No string can match a sign that is not a value of its type.
            explanation.error = Some(error);
            return Ok(explanation);
        }
        Err(error) => explanation.error = Some(error),
    }
    if restored {
        explanation.tried.push((Mistake::PlusAsSpaceInSign, false));
    } else {
        explanation.not_applicable.push(Mistake::PlusAsSpaceInSign);
    }
    for (mistake, variant) in variants(params, charset, &explanation.signing_string) {
        match variant {
            Some(s) => explanation.tried.push((mistake, checks(&s))),
            None => explanation.not_applicable.push(mistake),
        }
    }
    match unsigned_parameter(params, charset, &checks) {
        None => explanation.not_applicable.push(Mistake::UnsignedParameter),
        Some(found) => {
            explanation
                .tried
                .push((Mistake::UnsignedParameter, found.is_some()));
            explanation.unsigned_parameter = found;
        }
    }
    Ok(explanation)
}

/// The one received parameter without which the signing string verifies
/// (`checks`): `Some(Some(name))` when exactly one removal verifies,
/// `Some(None)` when none does (or more than one: no single answer), `None`
/// when the hypothesis does not apply (fewer than two signed parameters, or
/// more than [`MAX_REMOVALS`]).
fn unsigned_parameter(
    params: &ReceivedParams,
    charset: Charset,
    checks: &dyn Fn(&SigningString) -> bool,
) -> Option<Option<String>> {
    let signed: Vec<(&str, &str)> = params.iter().filter(|(n, v)| is_signed(n, v)).collect();
    if signed.len() < 2 || signed.len() > MAX_REMOVALS {
        return None;
    }
    let mut found = None;
    let mut matches = 0usize;
    let mut others = Vec::with_capacity(signed.len());
    for (index, &(name, _)) in signed.iter().enumerate() {
        others.clear();
        others.extend(
            signed
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != index)
                .map(|(_, &pair)| pair),
        );
        if signing_string(&others, charset).is_ok_and(|s| checks(&s)) {
            matches += 1;
            found = Some(name.to_owned());
        }
    }
    Some(if matches == 1 { found } else { None })
}

/// Each mistake with the string it gives, or `None` when that string cannot
/// be made or is the correct one (the mistake changes nothing here).
fn variants(
    params: &ReceivedParams,
    charset: Charset,
    main: &SigningString,
) -> Vec<(Mistake, Option<SigningString>)> {
    // Only the bytes are hashed: a variant with the same bytes changes nothing.
    let differs =
        |s: Result<SigningString, CharsetError>| s.ok().filter(|s| s.as_bytes() != main.as_bytes());
    let all: Vec<(&str, &str)> = params.iter().collect();
    let mut out = Vec::with_capacity(8);

    let other = match charset {
        Charset::Utf8 => Charset::Gbk,
        Charset::Gbk | Charset::Gb2312 => Charset::Utf8,
    };
    out.push((
        Mistake::OtherCharset {
            signed: other,
            expected: charset,
        },
        differs(signing_string(&all, other)),
    ));

    // The rule's own pairs, sorted by name: the base of the joined variants.
    let mut signed: Vec<(&str, &str)> = all
        .iter()
        .copied()
        .filter(|(n, v)| is_signed(n, v))
        .collect();
    signed.sort_unstable();

    let with_sign_type = params.get("sign_type").filter(|v| !v.is_empty()).map(|v| {
        let mut pairs = signed.clone();
        pairs.push(("sign_type", v));
        pairs.sort_unstable();
        join_keeping_all(&pairs, charset)
    });
    out.push((Mistake::SignTypeIncluded, with_sign_type.and_then(&differs)));

    let mut with_empty: Vec<(&str, &str)> = all
        .iter()
        .copied()
        .filter(|(n, _)| *n != "sign" && *n != "sign_type")
        .collect();
    with_empty.sort_unstable();
    out.push((
        Mistake::EmptyValuesIncluded,
        differs(join_keeping_all(&with_empty, charset)),
    ));

    let plus: Vec<(&str, String)> = all.iter().map(|(n, v)| (*n, v.replace(' ', "+"))).collect();
    out.push((
        Mistake::PlusAsSpaceInValues,
        differs(signing_string(&plus, charset)),
    ));

    let mut encoded = Vec::with_capacity(all.len());
    for &(name, value) in &all {
        // The runtime's own URL encoding (from the charset's bytes), which is
        // what a signer that signs its query string produces.
        let Ok(value) = wire::encode_value(charset, name, value) else {
            encoded.clear();
            break;
        };
        encoded.push((name, value));
    }
    let percent = (!encoded.is_empty())
        .then(|| differs(signing_string(&encoded, charset)))
        .flatten();
    let form_style = encoded
        .iter()
        .any(|(_, v)| v.contains("%20"))
        .then(|| {
            let form: Vec<(&str, String)> = encoded
                .iter()
                .map(|(n, v)| (*n, v.replace("%20", "+")))
                .collect();
            differs(signing_string(&form, charset))
        })
        .flatten();
    out.push((
        Mistake::UrlEncodedValues {
            space_as_plus: false,
        },
        percent,
    ));
    out.push((
        Mistake::UrlEncodedValues {
            space_as_plus: true,
        },
        form_style,
    ));

    let mut as_pairs = signed.clone();
    as_pairs.sort_by_cached_key(|(n, v)| format!("{n}={v}"));
    out.push((
        Mistake::SortedAsPairs,
        (as_pairs != signed)
            .then(|| differs(join_keeping_all(&as_pairs, charset)))
            .flatten(),
    ));
    out
}

/// Joins `name=value` pairs with `&`, in the order given, keeping every pair.
///
/// The variants for `sign_type` or empty values included, and for another
/// order, break the rule on purpose, and the rule's own join
/// ([`SigningStringBuilder`](crate::SigningStringBuilder)) will not: it skips
/// `sign_type` and empty values so that no real caller can forget to. So
/// those mistaken strings are joined here — each name and value still
/// encoded by [`Charset::encode`], as the builder does.
fn join_keeping_all(
    pairs: &[(&str, &str)],
    charset: Charset,
) -> Result<SigningString, CharsetError> {
    let mut text = String::new();
    let mut bytes = Vec::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            text.push('&');
            bytes.push(b'&');
        }
        text.push_str(name);
        text.push('=');
        text.push_str(value);
        bytes.extend_from_slice(&charset.encode(name, name)?);
        bytes.push(b'=');
        bytes.extend_from_slice(&charset.encode(name, value)?);
    }
    Ok(SigningString::from_joined(text, bytes, charset))
}

#[cfg(all(test, feature = "md5"))]
mod tests {
    use super::*;
    use crate::keys::Md5Key;
    use crate::Signer;

    const KEY: &str = "10000000000000000000000000000000";

    fn verifier() -> Verifier {
        Verifier::md5(Md5Key::new(KEY).unwrap())
    }

    /// The MD5 sign of a hand-written (mistaken) string's bytes.
    fn md5_of(bytes: &[u8]) -> String {
        use md5::{Digest, Md5};
        let mut h = Md5::new();
        h.update(bytes);
        h.update(KEY.as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn explain_query(query: &str, charset: Charset) -> Explanation {
        let params = ReceivedParams::parse(query.as_bytes(), charset).unwrap();
        explain(&params, &verifier(), charset).unwrap()
    }

    fn assert_cause(e: &Explanation, want: Mistake) {
        assert!(!e.matches, "{e:?}");
        assert_eq!(e.cause(), Some(want), "{e:?}");
        let matched: Vec<_> = e.tried.iter().filter(|(_, m)| *m).collect();
        assert_eq!(matched.len(), 1, "only one variant matches: {e:?}");
    }

    #[test]
    fn known_vector_matches() {
        let e = explain_query(
            "partner=123&service=test&sign=bbd13b52823b576291595f472ebcfbc2",
            Charset::Utf8,
        );
        assert!(e.matches);
        assert_eq!(e.signing_string.as_str(), "partner=123&service=test");
        assert!(e.tried.is_empty());
        assert_eq!(e.cause(), None);
        assert_eq!(e.error, None);
    }

    #[test]
    fn uppercase_hex_matches() {
        let e = explain_query(
            "partner=123&service=test&sign=BBD13B52823B576291595F472EBCFBC2",
            Charset::Utf8,
        );
        assert!(e.matches);
    }

    #[test]
    fn other_charset() {
        // gbk request, UTF-8 bytes signed.
        let sign = md5_of("partner=123&subject=中文".as_bytes());
        let e = explain_query(
            &format!("partner=123&subject=%D6%D0%CE%C4&sign={sign}"),
            Charset::Gbk,
        );
        assert_cause(
            &e,
            Mistake::OtherCharset {
                signed: Charset::Utf8,
                expected: Charset::Gbk,
            },
        );
        // utf-8 request, GBK bytes signed.
        let sign = md5_of(b"partner=123&subject=\xD6\xD0\xCE\xC4");
        let e = explain_query(
            &format!("partner=123&subject=%E4%B8%AD%E6%96%87&sign={sign}"),
            Charset::Utf8,
        );
        assert_cause(
            &e,
            Mistake::OtherCharset {
                signed: Charset::Gbk,
                expected: Charset::Utf8,
            },
        );
    }

    #[test]
    fn sign_type_included() {
        let sign = md5_of(b"partner=123&service=test&sign_type=MD5");
        let e = explain_query(
            &format!("service=test&partner=123&sign_type=MD5&sign={sign}"),
            Charset::Utf8,
        );
        assert_cause(&e, Mistake::SignTypeIncluded);
        assert_eq!(e.received_sign_type.as_deref(), Some("MD5"));
    }

    #[test]
    fn empty_values_included() {
        let sign = md5_of(b"memo=&partner=123&service=test");
        let e = explain_query(
            &format!("service=test&memo=&partner=123&sign={sign}"),
            Charset::Utf8,
        );
        assert_cause(&e, Mistake::EmptyValuesIncluded);
    }

    #[test]
    fn plus_as_space_in_values() {
        let sign = md5_of(b"partner=123&subject=a+b/c");
        let e = explain_query(
            &format!("partner=123&subject=a+b/c&sign={sign}"),
            Charset::Utf8,
        );
        assert_eq!(e.signing_string.as_str(), "partner=123&subject=a b/c");
        assert_cause(&e, Mistake::PlusAsSpaceInValues);
    }

    #[test]
    fn ambiguous_strings_name_every_mistake_that_gives_them() {
        // "a+b" is both "a b" with its `+` lost and "a b" form-encoded.
        let sign = md5_of(b"partner=123&subject=a+b");
        let e = explain_query(
            &format!("partner=123&subject=a+b&sign={sign}"),
            Charset::Utf8,
        );
        assert_eq!(e.cause(), Some(Mistake::PlusAsSpaceInValues));
        let matched: Vec<_> = e
            .tried
            .iter()
            .filter(|(_, m)| *m)
            .map(|(m, _)| *m)
            .collect();
        assert_eq!(
            matched,
            [
                Mistake::PlusAsSpaceInValues,
                Mistake::UrlEncodedValues {
                    space_as_plus: true
                }
            ]
        );
    }

    #[test]
    fn url_encoded_values() {
        let sign = md5_of(b"partner=123&return_url=http%3A%2F%2Fm.example%2Fr%3Fa%3D1");
        let e = explain_query(
            &format!("partner=123&return_url=http%3A%2F%2Fm.example%2Fr%3Fa%3D1&sign={sign}"),
            Charset::Utf8,
        );
        assert_cause(
            &e,
            Mistake::UrlEncodedValues {
                space_as_plus: false,
            },
        );
        // In GBK, from GBK bytes.
        let sign = md5_of(b"partner=123&subject=%D6%D0%CE%C4");
        let e = explain_query(
            &format!("partner=123&subject=%D6%D0%CE%C4&sign={sign}"),
            Charset::Gbk,
        );
        assert_cause(
            &e,
            Mistake::UrlEncodedValues {
                space_as_plus: false,
            },
        );
    }

    #[test]
    fn form_encoded_values() {
        let sign = md5_of(b"partner=123&subject=a+b%2Fc");
        let e = explain_query(
            &format!("partner=123&subject=a%20b%2Fc&sign={sign}"),
            Charset::Utf8,
        );
        assert_cause(
            &e,
            Mistake::UrlEncodedValues {
                space_as_plus: true,
            },
        );
    }

    #[test]
    fn sorted_as_pairs() {
        let sign = md5_of(b"key1=a&key=b");
        let e = explain_query(&format!("key=b&key1=a&sign={sign}"), Charset::Utf8);
        assert_eq!(e.signing_string.as_str(), "key=b&key1=a");
        assert_cause(&e, Mistake::SortedAsPairs);
    }

    #[test]
    fn wrong_key_matches_nothing() {
        let other = Signer::md5(Md5Key::new("20000000000000000000000000000000").unwrap());
        let s = signing_string(&[("partner", "123"), ("subject", "中 文")], Charset::Utf8).unwrap();
        let sign = other.sign(&s).unwrap();
        let e = explain_query(
            &format!("partner=123&subject=%E4%B8%AD%20%E6%96%87&sign={sign}"),
            Charset::Utf8,
        );
        assert!(!e.matches);
        assert_eq!(e.error, Some(SignatureError::Mismatch));
        assert_eq!(e.cause(), None);
        assert!(!e.tried.is_empty());
    }

    #[test]
    fn not_applicable_when_nothing_would_change() {
        let e = explain_query(
            "partner=123&service=test&sign=00000000000000000000000000000000",
            Charset::Utf8,
        );
        // ASCII only, no sign_type, no empty value, no space, nothing to
        // encode, no prefix names: only leaving one parameter out is tried.
        assert_eq!(e.tried, [(Mistake::UnsignedParameter, false)], "{e:?}");
        assert_eq!(e.not_applicable.len(), 8);
        assert_eq!(e.unsigned_parameter, None);
        // With one signed parameter there is nothing to leave out.
        let e = explain_query(
            "partner=123&sign=00000000000000000000000000000000",
            Charset::Utf8,
        );
        assert!(e.tried.is_empty(), "{e:?}");
        assert!(e.not_applicable.contains(&Mistake::UnsignedParameter));
    }

    /// The merchant's own `?order=6` on its return_url, which the gateway
    /// keeps in the return: the sign verifies without it, and the
    /// explanation names it. The sign is Python's
    /// `hashlib.md5(b"buyer_email=mailer@163.com&exterface=create_direct_pay_by_user&is_success=T&notify_id=RqPnCoPT3K9%2Fvwbhxyz&out_trade_no=6&trade_status=TRADE_SUCCESS" + b"1" + b"0" * 31).hexdigest()`.
    #[test]
    fn a_parameter_the_gateway_did_not_sign_is_named() {
        const SIGN: &str = "0940ad7c90244949bfe0001d5aadada4";
        let url = format!(
            "https://shop.example/orders/return?order=6&is_success=T&buyer_email=mailer%40163.com\
             &exterface=create_direct_pay_by_user&notify_id=RqPnCoPT3K9%252Fvwbhxyz&out_trade_no=6\
             &trade_status=TRADE_SUCCESS&sign_type=MD5&sign={SIGN}"
        );
        let params = ReceivedParams::parse(url.as_bytes(), Charset::Utf8).unwrap();
        let e = explain(&params, &verifier(), Charset::Utf8).unwrap();
        assert_cause(&e, Mistake::UnsignedParameter);
        assert_eq!(e.unsigned_parameter.as_deref(), Some("order"));
        let said = e.cause_description().unwrap();
        assert!(
            said.contains("parameter `order` was not signed by the gateway"),
            "{said}"
        );
        assert!(said.contains("return_url"), "{said}");
        // Verification stays strict: it covers every received parameter.
        assert!(crate::verify_params(params.clone(), &verifier(), Charset::Utf8).is_err());
        // Without it, the return verifies.
        let mut without = params;
        without.remove("order");
        assert!(crate::verify_params(without, &verifier(), Charset::Utf8).is_ok());
    }

    #[test]
    fn leaving_out_no_single_parameter_helps_a_wrong_sign() {
        // Two removals that would both verify cannot happen with a real
        // sign; a sign made over a subset of two parameters is found only
        // when exactly one is extra.
        let sign = md5_of(b"a=1");
        let e = explain_query(&format!("a=1&b=2&c=3&sign={sign}"), Charset::Utf8);
        assert!(!e.matches);
        assert!(
            e.tried.contains(&(Mistake::UnsignedParameter, false)),
            "{e:?}"
        );
        assert_eq!(e.unsigned_parameter, None);
        assert_eq!(e.cause(), None);
    }

    #[test]
    fn sign_type_other_than_the_verifiers_is_reported_not_refused() {
        let e = explain_query(
            "partner=123&service=test&sign_type=RSA&sign=bbd13b52823b576291595f472ebcfbc2",
            Charset::Utf8,
        );
        assert!(e.matches);
        assert_eq!(e.received_sign_type.as_deref(), Some("RSA"));
        assert_eq!(e.sign_type, SignType::Md5);
    }

    #[test]
    fn missing_and_malformed_signs() {
        let e = explain_query("partner=123&service=test", Charset::Utf8);
        assert!(!e.matches && e.received_sign.is_none() && e.error.is_none());
        let e = explain_query("partner=123&service=test&sign=xyz", Charset::Utf8);
        assert!(matches!(e.error, Some(SignatureError::Malformed { .. })));
        assert!(e.tried.is_empty());
    }

    #[test]
    fn non_ascii_runs_carry_charset_bytes() {
        let e = explain_query("a=1&subject=%D6%D0%CE%C4x%D6%A7&sign=0", Charset::Gbk);
        let runs = e.non_ascii_runs();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].text, "中文");
        assert_eq!(runs[0].bytes, [0xD6, 0xD0, 0xCE, 0xC4]);
        assert_eq!(runs[0].offset, "a=1&subject=".len());
        assert_eq!(runs[1].text, "支");
        assert_eq!(runs[1].bytes, [0xD6, 0xA7]);
    }

    #[test]
    fn mistake_ids_are_distinct() {
        let all = [
            Mistake::OtherCharset {
                signed: Charset::Utf8,
                expected: Charset::Gbk,
            },
            Mistake::SignTypeIncluded,
            Mistake::EmptyValuesIncluded,
            Mistake::PlusAsSpaceInValues,
            Mistake::PlusAsSpaceInSign,
            Mistake::UrlEncodedValues {
                space_as_plus: false,
            },
            Mistake::UrlEncodedValues {
                space_as_plus: true,
            },
            Mistake::SortedAsPairs,
            Mistake::UnsignedParameter,
        ];
        let ids: std::collections::HashSet<_> = all.iter().map(Mistake::id).collect();
        assert_eq!(ids.len(), all.len());
        assert!(all.iter().all(|m| !m.describe().is_empty()));
    }
}

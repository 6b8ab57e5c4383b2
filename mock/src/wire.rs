//! Bytes on the wire: percent-encoding in a charset, the gateway side's
//! signature, the gateway's clock.

use alipay_mapi_runtime::{signing_string, Charset, CharsetError, Signer, SigningString};

/// Percent-encodes `value` from its bytes in `charset`: every byte but
/// `A-Z a-z 0-9 - _ . ~` becomes `%XX`.
pub(crate) fn encode(
    out: &mut String,
    charset: Charset,
    name: &str,
    value: &str,
) -> Result<(), CharsetError> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in charset.encode(name, value)?.iter() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    Ok(())
}

/// `a=1&b=%D6%D0…`: pairs as a query string or form body in `charset`.
pub(crate) fn form(pairs: &[(String, String)], charset: Charset) -> Result<String, CharsetError> {
    let mut out = String::with_capacity(pairs.len() * 24);
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode(&mut out, charset, name, name)?;
        out.push('=');
        encode(&mut out, charset, name, value)?;
    }
    Ok(out)
}

/// Why the gateway side could not sign.
pub(crate) fn sign_error(e: impl std::fmt::Display) -> String {
    format!("the mock gateway could not sign: {e}")
}

/// Signs `pairs` by the gateway's rule with `signer`: the signing string and
/// the `sign`.
pub(crate) fn sign(
    pairs: &[(String, String)],
    charset: Charset,
    signer: &Signer,
) -> Result<(SigningString, String), String> {
    let s = signing_string(pairs, charset).map_err(sign_error)?;
    let sign = signer.sign(&s).map_err(sign_error)?;
    Ok((s, sign))
}

/// Appends `sign_type` and `sign` to `pairs`, signed with `signer`; gives the
/// signing string.
pub(crate) fn sign_into(
    pairs: &mut Vec<(String, String)>,
    charset: Charset,
    signer: &Signer,
) -> Result<String, String> {
    let (s, sign) = sign(pairs, charset, signer)?;
    pairs.push(("sign".into(), sign));
    pairs.push(("sign_type".into(), signer.sign_type().as_str().into()));
    Ok(s.as_str().to_owned())
}

/// The gateway's clock: `yyyy-MM-dd HH:mm:ss` in UTC+8, as its dates are.
pub(crate) fn now_text() -> String {
    let offset = time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let now = time::OffsetDateTime::now_utc().to_offset(offset);
    now.format(time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second]"
    ))
    .unwrap_or_default()
}

/// `yyyyMMdd` of the gateway's clock, for trade numbers.
pub(crate) fn today_digits() -> String {
    now_text().get(..10).unwrap_or_default().replace('-', "")
}

/// Escapes text for HTML and XML, as the runtime writes the gateway's
/// answers.
pub(crate) fn escape(out: &mut String, text: &str) {
    alipay_mapi_runtime::gateway_side::push_escaped(out, text);
}

/// [`escape`] into a new string.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_charset_bytes() {
        let pairs = vec![("subject".to_string(), "中 a+b".to_string())];
        assert_eq!(
            form(&pairs, Charset::Gbk).unwrap(),
            "subject=%D6%D0%20a%2Bb"
        );
        assert_eq!(
            form(&pairs, Charset::Utf8).unwrap(),
            "subject=%E4%B8%AD%20a%2Bb"
        );
    }

    #[test]
    fn clock_shape() {
        let t = now_text();
        assert_eq!(t.len(), 19);
        assert!(t.parse::<alipay_mapi_runtime::types::Date>().is_ok());
    }
}

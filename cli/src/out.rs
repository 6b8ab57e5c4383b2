//! Writing results: text lines and JSON objects on stdout.

use std::borrow::Cow;
use std::io::Write as _;

use alipay_mapi::Charset;

/// Writes text to stdout; a closed pipe (`| head`) is not an error worth a panic.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = stdout.write_all(b"\n");
    }
    let _ = stdout.flush();
}

/// A note on stderr (what was assumed or ignored); never fails.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "alipay-mapi: note: {text}");
}

/// Writes one JSON object on one line.
pub fn print_json(value: &serde_json::Value) {
    print(&value.to_string());
}

/// A received value as a text line shows it: as it is when that cannot be
/// misread, else quoted with Rust's escapes (`""`, `" "`, `"a\nb"`,
/// `"\u{200b}x"`) — when it is empty, starts or ends with whitespace, or
/// holds a `"`, a `\`, a control character or an invisible one (a newline
/// in a value then never starts a line of its own). Chinese and other
/// printable text stays readable, quoted or not.
pub fn shown(value: &str) -> Cow<'_, str> {
    let quoted = format!("{value:?}");
    // Debug adds the two quotes and lengthens nothing else unless it escapes.
    let plain = quoted.len() == value.len() + 2
        && !value.is_empty()
        && !value.starts_with(char::is_whitespace)
        && !value.ends_with(char::is_whitespace);
    if plain {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(quoted)
    }
}

/// Upper-case hex bytes separated by spaces: `D6 D0`.
pub fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line per non-ASCII run of `text`: its bytes in `charset`, and in the
/// other charset for comparison (what a charset mistake would have signed).
pub fn non_ascii_lines(text: &str, charset: Charset) -> Vec<String> {
    let other = match charset {
        Charset::Utf8 => Charset::Gbk,
        Charset::Gbk | Charset::Gb2312 => Charset::Utf8,
    };
    runs(text)
        .into_iter()
        .map(|run| {
            let mine = charset
                .encode("", run)
                .map(|b| hex(&b))
                .unwrap_or_else(|_| "(not encodable)".to_owned());
            let theirs = other
                .encode("", run)
                .map(|b| hex(&b))
                .unwrap_or_else(|_| "not encodable".to_owned());
            format!("`{run}` = {mine} in {charset} ({other}: {theirs})")
        })
        .collect()
}

/// The runs of non-ASCII characters of `text`.
fn runs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_ascii(), start) {
            (false, None) => start = Some(i),
            (true, Some(from)) => {
                out.extend(text.get(from..i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.extend(text.get(from..));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_runs_with_both_charsets() {
        let lines = non_ascii_lines("a=中文&b=x支", Charset::Gbk);
        assert_eq!(
            lines,
            [
                "`中文` = D6 D0 CE C4 in gbk (utf-8: E4 B8 AD E6 96 87)",
                "`支` = D6 A7 in gbk (utf-8: E6 94 AF)"
            ]
        );
        assert!(non_ascii_lines("a=1", Charset::Utf8).is_empty());
    }

    #[test]
    fn values_are_quoted_when_they_could_be_misread() {
        for (value, line) in [
            ("TRADE_FINISHED", "TRADE_FINISHED"),
            ("中国工商银行", "中国工商银行"),
            ("a b", "a b"),
            ("", r#""""#),
            (" ", r#"" ""#),
            (
                "1\ntrade.refund_status = X",
                r#""1\ntrade.refund_status = X""#,
            ),
            ("x\r", r#""x\r""#),
            ("\"q\"", r#""\"q\"""#),
            ("a\\b", r#""a\\b""#),
            ("\u{200b}商品", r#""\u{200b}商品""#),
            ("\u{3000}", r#""\u{3000}""#),
        ] {
            assert_eq!(shown(value), line, "{value:?}");
        }
    }
}

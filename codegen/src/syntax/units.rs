//! Length units a document states: in the type column's header
//! (`类型（字节长度）`: bytes) or in a row's remarks (`最长为128个汉字`,
//! `不超过32个字符`: characters).

use super::ParamType;
use crate::model::LengthRule;

/// The number right before `个汉字` / `个字符` / `个字` / `字符` in a
/// remark, and whether the unit is a Chinese character (`汉字`).
fn remark_count(text: &str) -> Option<(u32, bool)> {
    for unit in ["个汉字", "个中文字符", "个字符", "个字", "字符", "汉字"] {
        let mut from = 0;
        while let Some(at) = text.get(from..).and_then(|t| t.find(unit)) {
            let end = from + at;
            let before = text.get(..end).unwrap_or("");
            let digits: String = before
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if let Ok(n) = digits.parse::<u32>() {
                return Some((n, unit.contains('汉') || unit.contains('中')));
            }
            from = end + unit.len();
        }
    }
    None
}

/// The rule of one row, when the document states one.
///
/// * A remark counting characters wins: `不超过N个字符` with the type's
///   own N means characters ([`LengthRule::Chars`]); `最长为N个汉字` under
///   a `String(2N)` is the gateway's byte count of GBK text written out
///   (two bytes a Chinese character: [`LengthRule::GbkWidth`]); with the
///   type's own N it means characters. A remark whose number fits neither
///   reading says nothing about the unit.
/// * Otherwise a type header naming bytes (`类型（字节长度）`,
///   `Type(bytes)`) means [`LengthRule::GbkWidth`].
pub(crate) fn row_rule(ty_header: &str, ty: &ParamType, remarks: &[&str]) -> Option<LengthRule> {
    let max = match ty {
        ParamType::String {
            max_len: Some(n), ..
        } => *n,
        _ => return None,
    };
    for remark in remarks {
        if let Some((n, hanzi)) = remark_count(remark) {
            if n == max {
                return Some(LengthRule::Chars);
            }
            if hanzi && n.checked_mul(2) == Some(max) {
                return Some(LengthRule::GbkWidth);
            }
        }
    }
    let header = ty_header.to_lowercase();
    (header.contains("字节") || header.contains("byte")).then_some(LengthRule::GbkWidth)
}

/// Words that make a remark's count a maximum (`不超过32个字符`,
/// `最长为128个汉字`, `最多10个字`), as opposed to a count that describes
/// the value (`前5个字符为日期`).
const LIMIT_WORDS: &[&str] = &[
    "不超过",
    "不能超过",
    "不得超过",
    "不可超过",
    "最长",
    "最多",
    "至多",
    "最大长度",
];

/// A remark stating a maximum length (`不超过4个字符`) that is neither the
/// type's `String(n)` nor half of it (Chinese text at two bytes a
/// character, as [`row_rule`] reads `最长为N个汉字`): the remark and
/// the type give two different limits, and which one the gateway checks
/// cannot be told. Gives the remark's count and its unit as written.
pub(crate) fn conflicting_limit(ty: &ParamType, remarks: &[&str]) -> Option<(u32, &'static str)> {
    let ParamType::String {
        max_len: Some(max), ..
    } = ty
    else {
        return None;
    };
    for remark in remarks {
        let Some((n, hanzi)) = remark_count(remark) else {
            continue;
        };
        // Its own count, or the count of Chinese text at two bytes each
        // (`最多200个字符` under `String(400)`: GBK width written out).
        if n == *max || n.checked_mul(2) == Some(*max) {
            return None;
        }
        if is_limit(remark, n) {
            return Some((n, unit(hanzi)));
        }
    }
    None
}

/// The maximum a remark states (`不超过4个字符`, `最长为128个汉字`), with its
/// unit as written.
fn stated_limit(remark: &str) -> Option<(u32, &'static str)> {
    let (n, hanzi) = remark_count(remark)?;
    is_limit(remark, n).then_some((n, unit(hanzi)))
}

/// Whether the words right before the count `n` in `remark` make it a
/// maximum ([`LIMIT_WORDS`]).
fn is_limit(remark: &str, n: u32) -> bool {
    let digits = n.to_string();
    let Some(at) = remark
        .find(&format!("{digits}个"))
        .or_else(|| remark.find(&digits))
    else {
        return false;
    };
    let before: String = remark
        .get(..at)
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_whitespace() || c == '为' || c == '是')
        .chars()
        .rev()
        .take(5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    LIMIT_WORDS.iter().any(|w| before.ends_with(w))
}

/// The unit of a remark's count, as a message names it.
fn unit(hanzi: bool) -> &'static str {
    if hanzi {
        "Chinese characters"
    } else {
        "characters"
    }
}

/// A `String` with no length whose remarks state a maximum (`不超过32个字符`
/// under `String`): the limit the document gives, so it lands in the model
/// as `String(32)` counted in characters ([`row_rule`] then reads the
/// remark's count as the type's own) instead of staying in the remarks.
pub(crate) fn with_stated_limit(ty: ParamType, remarks: &[&str]) -> ParamType {
    match ty {
        ParamType::String {
            min_len,
            max_len: None,
        } => {
            let max_len = remarks.iter().find_map(|r| stated_limit(r)).map(|(n, _)| n);
            ParamType::String { min_len, max_len }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        let s = |n| ParamType::String {
            min_len: None,
            max_len: Some(n),
        };
        assert_eq!(
            row_rule("类型（字节长度）", &s(64), &[""]),
            Some(LengthRule::GbkWidth)
        );
        assert_eq!(row_rule("类型", &s(64), &[""]), None);
        assert_eq!(
            row_rule("类型（字节长度）", &s(128), &["最长为128个汉字"]),
            Some(LengthRule::Chars)
        );
        assert_eq!(
            row_rule("类型", &s(256), &["最长为128个汉字"]),
            Some(LengthRule::GbkWidth)
        );
        assert_eq!(
            row_rule("类型", &s(32), &["不超过32个字符。"]),
            Some(LengthRule::Chars)
        );
        assert_eq!(row_rule("类型", &s(32), &["不超过5个字符"]), None);
    }

    #[test]
    fn a_stated_limit_other_than_the_type_s_conflicts() {
        let s = |n| ParamType::String {
            min_len: None,
            max_len: Some(n),
        };
        assert_eq!(
            conflicting_limit(&s(10), &["不超过4个字符"]),
            Some((4, "characters"))
        );
        // Half the type's: Chinese text at two bytes a character.
        assert_eq!(conflicting_limit(&s(8), &["不超过4个字符"]), None);
        assert_eq!(
            conflicting_limit(&s(100), &["昵称，最长为20个汉字"]),
            Some((20, "Chinese characters"))
        );
        assert_eq!(
            conflicting_limit(&s(8), &["", "最多6个字"]),
            Some((6, "characters"))
        );
        // Either reading of the type: no conflict.
        assert_eq!(conflicting_limit(&s(4), &["不超过4个字符"]), None);
        assert_eq!(conflicting_limit(&s(256), &["最长为128个汉字"]), None);
        assert_eq!(conflicting_limit(&s(400), &["备注，最多200个字符"]), None);
        // A count that describes the value, not a limit; no length; no count.
        assert_eq!(conflicting_limit(&s(32), &["前8个字符为日期"]), None);
        let text = ParamType::String {
            min_len: None,
            max_len: None,
        };
        assert_eq!(conflicting_limit(&text, &["不超过4个字符"]), None);
        assert_eq!(conflicting_limit(&s(8), &["商户订单号"]), None);
    }

    #[test]
    fn a_limit_stated_only_in_the_remarks_becomes_the_type_s() {
        let text = ParamType::String {
            min_len: None,
            max_len: None,
        };
        let stated = with_stated_limit(text, &["", "昵称，不超过32个字符"]);
        assert_eq!(
            stated,
            ParamType::String {
                min_len: None,
                max_len: Some(32)
            }
        );
        // Read in characters, the remark's unit.
        assert_eq!(
            row_rule("类型", &stated, &["不超过32个字符"]),
            Some(LengthRule::Chars)
        );
        // A count that is no limit, and a type with a length, stay as they are.
        assert_eq!(with_stated_limit(text, &["前8个字符为日期"]), text);
        let sixty_four = ParamType::String {
            min_len: None,
            max_len: Some(64),
        };
        assert_eq!(with_stated_limit(sixty_four, &["最多32个字符"]), sixty_four);
    }
}

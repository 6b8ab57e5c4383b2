//! The checked model of one service: what `#[alipay_service]` emits from.

use crate::syntax::{Access, Param};

/// Base parameters of every request: owned by the runtime, not part of a
/// declaration's `Request`.
pub const REQUEST_BASE_PARAMS: &[&str] =
    &["service", "partner", "_input_charset", "sign_type", "sign"];
/// Base parameters of a page-redirect return (`error` comes with
/// `is_success=F`).
pub const RESPONSE_BASE_PARAMS: &[&str] = &["is_success", "sign_type", "sign", "error"];
/// Base parameters of an asynchronous notification.
pub const NOTIFY_BASE_PARAMS: &[&str] = &[
    "notify_time",
    "notify_type",
    "notify_id",
    "sign_type",
    "sign",
];

/// How `String(n)` lengths are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LengthRule {
    /// Bytes of GBK text: ASCII counts 1, a Chinese character 2, whatever
    /// the request charset (the gateway's own rule; the default).
    #[default]
    GbkWidth,
    /// Unicode scalar values.
    Chars,
    /// Bytes of UTF-8.
    Utf8Bytes,
}

/// Options of [`check`](crate::check()).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Options {
    /// How `String(n)` lengths are counted.
    pub length_rule: LengthRule,
    /// The declaration's `access = "page" | "server"`, which overrides the
    /// document's.
    pub access: Option<Access>,
}

/// A business parameter with its Rust identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The documented parameter.
    pub param: Param,
    /// snake_case Rust identifier (see [`field_ident`]); unique in its table.
    pub ident: String,
}

/// An error code with its Rust variant name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// The code as sent by the gateway (`ILLEGAL_SIGN`).
    pub code: String,
    /// UpperCamelCase variant name (see [`error_variant_ident`]); unique,
    /// never `Unknown` (reserved for codes the table does not list).
    pub ident: String,
    /// Its meaning in the table.
    pub meaning: String,
    /// 1-based line of the row.
    pub line: usize,
}

/// The checked interface of one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// The service name (`sns.cae.sign.customer`).
    pub service: String,
    /// Business parameters of the request (base parameters removed).
    pub request: Vec<Field>,
    /// Whether a request table was given (in the document or inline). A
    /// document with only a notification or a return table declares just
    /// those types; `request` is then empty.
    pub has_request: bool,
    /// Base parameters seen in the request table ([`REQUEST_BASE_PARAMS`]).
    pub request_base: Vec<Param>,
    /// Business parameters of the page-redirect return, when documented.
    pub response: Option<Vec<Field>>,
    /// Base parameters seen in the return table ([`RESPONSE_BASE_PARAMS`]).
    pub response_base: Vec<Param>,
    /// Business parameters of the asynchronous notification, when documented.
    pub notify: Option<Vec<Field>>,
    /// Base parameters seen in the notification table ([`NOTIFY_BASE_PARAMS`]).
    pub notify_base: Vec<Param>,
    /// Error codes of the table, in order.
    pub errors: Vec<ErrorVariant>,
    /// How `String(n)` lengths are counted.
    pub length_rule: LengthRule,
    /// Business leaves (and nested elements, see [`Param::path`]) of a
    /// server call's XML answer, when documented.
    pub answer: Option<Vec<Field>>,
    /// How the interface is reached: the declaration's `access`, else the
    /// document's access line, else [`Access::Server`] when the document has
    /// an answer table, else [`Access::Page`].
    pub access: Access,
}

/// Rust keywords (strict, reserved and edition-specific).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Whether `s` is a Rust keyword (strict or reserved).
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The snake_case field identifier of a wire name.
///
/// * camelCase is split (`notifyId` → `notify_id`), everything lowercased;
/// * characters other than ASCII letters, digits and `_` become `_`
///   (`a.b-c` → `a_b_c`), runs of `_` collapse to one, leading `_` are
///   dropped (`_input_charset` → `input_charset`);
/// * a leading digit gets the prefix `p_` (`3ds` → `p_3ds`), an empty
///   result becomes `p_`;
/// * keywords get a trailing `_` (`type` → `type_`, `ref` → `ref_`).
pub fn field_ident(name: &str) -> String {
    let mut raw = String::with_capacity(name.len() + 2);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                raw.push('_');
            }
            raw.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            raw.push(c);
            prev_lower = true;
        } else {
            raw.push('_');
            prev_lower = false;
        }
    }
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    while out.len() > 1 && out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() || out == "_" {
        return "p_".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "p_");
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// The UpperCamelCase variant name of an error code.
///
/// `ILLEGAL_SIGN` → `IllegalSign`; parts are split at any character other
/// than an ASCII letter or digit; a leading digit gets the prefix `E`; a code
/// that would be `Unknown` (reserved for codes the table does not list)
/// becomes `Unknown_`; `Self` becomes `Self_`.
pub fn error_variant_ident(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for part in code.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        return "E".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'E');
    }
    if out == "Unknown" || out == "Self" {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_idents() {
        assert_eq!(field_ident("sns_user_id"), "sns_user_id");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("ref"), "ref_");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("_input_charset"), "input_charset");
        assert_eq!(field_ident("a.b-c"), "a_b_c");
        assert_eq!(field_ident("3ds"), "p_3ds");
        assert_eq!(field_ident("notifyId"), "notify_id");
        assert_eq!(field_ident("WIDsubject"), "widsubject");
        assert_eq!(field_ident("royalty_parameters[0]"), "royalty_parameters_0");
        assert_eq!(field_ident("--"), "p_");
        assert_eq!(field_ident(""), "p_");
    }

    #[test]
    fn variant_idents() {
        assert_eq!(error_variant_ident("ILLEGAL_SIGN"), "IllegalSign");
        assert_eq!(error_variant_ident("HAS_NO_PRIVILEGE"), "HasNoPrivilege");
        assert_eq!(error_variant_ident("UNKNOWN"), "Unknown_");
        assert_eq!(error_variant_ident("unknown"), "Unknown_");
        assert_eq!(
            error_variant_ident("aop.ACQ.SYSTEM_ERROR"),
            "AopAcqSystemError"
        );
        assert_eq!(error_variant_ident("404_NOT_FOUND"), "E404NotFound");
        assert_eq!(error_variant_ident("SELF"), "Self_");
    }
}

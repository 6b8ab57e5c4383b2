//! Field rules from the interface tables: required values and maximum
//! lengths, and the report of every violation at once.

use std::borrow::Cow;
use std::fmt;

/// How a `String(n)` limit counts.
///
/// The gateway's documents count in bytes of GBK text: `subject String(256)`
/// of `create_direct_pay_by_user` is documented as "at most 128 Chinese
/// characters". So by default ([`LengthRule::GbkWidth`]) an ASCII character
/// counts 1 and any other character 2 — whatever the request charset —
/// except characters beyond the Basic Multilingual Plane (emoji), which count
/// 4, as GB18030 encodes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum LengthRule {
    /// ASCII 1, other characters 2, beyond the BMP 4 (the default).
    #[default]
    GbkWidth,
    /// Unicode scalar values.
    Chars,
    /// UTF-8 bytes.
    Utf8Bytes,
}

impl LengthRule {
    /// The length of `value` under this rule.
    ///
    /// ```
    /// use alipay_mapi_runtime::validate::LengthRule;
    /// assert_eq!(LengthRule::GbkWidth.measure("ab中文"), 6);
    /// assert_eq!(LengthRule::Chars.measure("ab中文"), 4);
    /// assert_eq!(LengthRule::Utf8Bytes.measure("ab中文"), 8);
    /// ```
    pub fn measure(self, value: &str) -> usize {
        match self {
            LengthRule::GbkWidth => value
                .chars()
                .map(|c| match u32::from(c) {
                    0..=0x7F => 1,
                    0x80..=0xFFFF => 2,
                    _ => 4,
                })
                .sum(),
            LengthRule::Chars => value.chars().count(),
            LengthRule::Utf8Bytes => value.len(),
        }
    }

    /// How the rule is named in messages.
    pub const fn unit(self) -> &'static str {
        match self {
            LengthRule::GbkWidth => "GBK width (ASCII 1, Chinese 2)",
            LengthRule::Chars => "characters",
            LengthRule::Utf8Bytes => "UTF-8 bytes",
        }
    }
}

/// What a field broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A required (`可空 N`) field is empty.
    Required,
    /// A parameter the interface's request table does not declare.
    Unknown,
    /// A value that is not of its table type (`Number`, `Date`).
    Type(crate::types::ParseValueError),
    /// A value is longer than its `String(n)`.
    TooLong {
        /// The table's limit.
        max: usize,
        /// The value's length under `rule`.
        actual: usize,
        /// How it was counted.
        rule: LengthRule,
    },
}

/// One field that breaks one rule of its table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The parameter's name on the wire.
    pub field: Cow<'static, str>,
    /// What it broke.
    pub rule: Rule,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Rule::Required => write!(f, "`{}` is required but empty", self.field),
            Rule::Unknown => write!(
                f,
                "`{}` is not a parameter of this interface's request table",
                self.field
            ),
            Rule::Type(e) => write!(f, "`{}`: {e}", self.field),
            Rule::TooLong { max, actual, rule } => write!(
                f,
                "`{}` is {actual} long, more than the {max} allowed (counted in {})",
                self.field,
                rule.unit()
            ),
        }
    }
}

/// Every violation of a value, in field order. Never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// The violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `Violations` holds at least one.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violation of one field, if any.
    pub fn field(&self, name: &str) -> Option<&Violation> {
        self.0.iter().find(|v| v.field == name)
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid parameters: ")?;
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            v.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// Collects violations field by field; generated `validate()` methods are a
/// straight line of calls to it.
#[derive(Debug, Default)]
pub struct Validator {
    found: Vec<Violation>,
    rule: LengthRule,
}

impl Validator {
    /// A validator counting lengths with `rule`.
    pub fn new(rule: LengthRule) -> Self {
        Validator {
            found: Vec::new(),
            rule,
        }
    }

    /// Checks one present value: required fields must not be empty, and
    /// `max_len` (when the table gives one) bounds its length.
    pub fn check(
        &mut self,
        field: impl Into<Cow<'static, str>>,
        value: &str,
        required: bool,
        max_len: Option<usize>,
    ) {
        if required && value.is_empty() {
            self.push(field, Rule::Required);
            return;
        }
        if let Some(max) = max_len {
            // No rule counts a value longer than its UTF-8 bytes.
            if value.len() <= max {
                return;
            }
            let actual = self.rule.measure(value);
            if actual > max {
                let rule = self.rule;
                self.push(field, Rule::TooLong { max, actual, rule });
            }
        }
    }

    /// Records a violation found by other means.
    pub fn push(&mut self, field: impl Into<Cow<'static, str>>, rule: Rule) {
        self.found.push(Violation {
            field: field.into(),
            rule,
        });
    }

    /// Every violation found, or `Ok` when there was none.
    pub fn finish(self) -> Result<(), Violations> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(Violations(self.found))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_width_counts_chinese_as_two() {
        assert_eq!(LengthRule::GbkWidth.measure("支付宝"), 6);
        assert_eq!(LengthRule::GbkWidth.measure("😀"), 4);
        let mut v = Validator::new(LengthRule::GbkWidth);
        v.check("subject", &"中".repeat(128), true, Some(256));
        assert!(v.finish().is_ok());
        let mut v = Validator::new(LengthRule::GbkWidth);
        v.check("subject", &"中".repeat(129), true, Some(256));
        let err = v.finish().unwrap_err();
        assert_eq!(
            err.field("subject").map(|v| &v.rule),
            Some(&Rule::TooLong {
                max: 256,
                actual: 258,
                rule: LengthRule::GbkWidth
            })
        );
    }

    #[test]
    fn reports_every_violation() {
        let mut v = Validator::new(LengthRule::Chars);
        v.check("a", "", true, Some(3));
        v.check("b", "toolong", false, Some(3));
        v.check("c", "ok", true, Some(3));
        let err = v.finish().unwrap_err();
        assert_eq!(err.len(), 2);
        assert_eq!(
            err.to_string(),
            "invalid parameters: `a` is required but empty; `b` is 7 long, more than the 3 allowed (counted in characters)"
        );
    }
}

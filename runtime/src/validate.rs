//! Field rules from the interface tables: required values, length bounds,
//! and the report of every violation at once.

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
#[non_exhaustive]
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
    /// A value is shorter than the minimum of its `String(min-max)`.
    /// Counted by the same rule as [`Rule::TooLong`]. An empty value is
    /// never too short: a required one is [`Rule::Required`], an optional
    /// one is not sent (the gateway treats it as absent).
    TooShort {
        /// The table's minimum.
        min: usize,
        /// The value's length under `rule`.
        actual: usize,
        /// How it was counted.
        rule: LengthRule,
    },
    /// A `Number(p)` / `Number(p,s)` value with more than `p` digits (the
    /// integer part's leading zeros, the point and a sign not counted).
    TooManyDigits {
        /// The table's precision `p`.
        max: usize,
        /// The value's digits.
        actual: usize,
    },
    /// None of a group of parameters of which one must be given
    /// ([`ServiceSpec::one_of`](crate::ServiceSpec::one_of)); the
    /// violation's field is the names joined by `|`.
    OneOf {
        /// The group's wire names.
        fields: &'static [&'static str],
    },
    /// A group of alternatives of which exactly one must be given, whole
    /// ([`ServiceSpec::either`](crate::ServiceSpec::either)): `price` with
    /// `quantity`, or `total_fee`. The violation's field is the
    /// alternatives written as the declaration writes them
    /// (`price+quantity|total_fee`).
    Either {
        /// The alternatives, each the wire names given together.
        alternatives: &'static [&'static [&'static str]],
        /// What is wrong.
        fault: EitherFault,
    },
    /// A `Number(p,s)` value with more than `s` digits after the point, as
    /// written (`1.000` has three).
    TooManyDecimals {
        /// The table's scale `s`.
        max: usize,
        /// The value's digits after the point.
        actual: usize,
    },
    /// A `return_url` or `notify_url` with a query of its own
    /// (`https://shop.example/return?id=123`), or any `?` in it.
    ///
    /// The gateway adds its signed parameters to that URL (after a `?`, or
    /// after `&` when it holds one already), so the merchant's own arrive
    /// mixed with them, and verifying takes every parameter received
    /// (GATEWAY.md, the signing string, step 1): the return does not verify
    /// as received. The gateway's own demos say these two URLs take no
    /// custom parameters (`不能加?id=123这类自定义参数`); put them in the path
    /// instead (`/return/123`). A fragment without a `?` (`#/pay/return`,
    /// a hash-routed page) is allowed: the return then follows it, where the
    /// page's script reads it; a `?` inside the fragment is refused like any
    /// other, since the return would be joined to it with `&`.
    QueryInCallbackUrl,
}

/// The parameters to whose URL the gateway adds its own signed ones: a
/// query of the merchant's in them is [`Rule::QueryInCallbackUrl`].
/// `#[alipay_service]` checks the same names (`alipay_mapi_codegen::model::CALLBACK_URLS`,
/// the same list, as a test of the facade checks).
pub const CALLBACK_URLS: [&str; 2] = ["return_url", "notify_url"];

/// Whether `url` holds a `?`, in its query or its fragment: either way the
/// gateway joins its return to it with `&` (a word at a time: `str::contains`
/// of one ASCII character).
fn has_query(url: &str) -> bool {
    url.contains('?')
}

/// What breaks a [`Rule::Either`] group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EitherFault {
    /// No alternative is given, even in part.
    NoneGiven,
    /// Parameters of two alternatives or more are given.
    Several,
    /// One alternative is given in part: `given` without `missing`.
    Incomplete {
        /// A parameter given.
        given: &'static str,
        /// The first one of its alternative that is not.
        missing: &'static str,
    },
}

/// Checks an [`either`](crate::ServiceSpec::either) group: exactly one of
/// `alternatives` must be given, with all of its parameters. `given` says
/// whether a parameter is given (not absent, not empty). `None` when the
/// group holds.
///
/// ```
/// use alipay_mapi_runtime::validate::{either_fault, EitherFault};
/// const AMOUNT: &[&[&str]] = &[&["price", "quantity"], &["total_fee"]];
/// assert_eq!(either_fault(AMOUNT, |n| n == "total_fee"), None);
/// assert_eq!(either_fault(AMOUNT, |n| n == "price" || n == "quantity"), None);
/// assert_eq!(either_fault(AMOUNT, |_| false), Some(EitherFault::NoneGiven));
/// assert_eq!(either_fault(AMOUNT, |n| n != "quantity"), Some(EitherFault::Several));
/// assert_eq!(
///     either_fault(AMOUNT, |n| n == "price"),
///     Some(EitherFault::Incomplete { given: "price", missing: "quantity" })
/// );
/// ```
pub fn either_fault(
    alternatives: &'static [&'static [&'static str]],
    given: impl Fn(&str) -> bool,
) -> Option<EitherFault> {
    let mut touched = alternatives
        .iter()
        .filter(|alternative| alternative.iter().any(|name| given(name)));
    let Some(alternative) = touched.next() else {
        return Some(EitherFault::NoneGiven);
    };
    if touched.next().is_some() {
        return Some(EitherFault::Several);
    }
    let missing = alternative.iter().find(|name| !given(name))?;
    let present = alternative.iter().find(|name| given(name))?;
    Some(EitherFault::Incomplete {
        given: present,
        missing,
    })
}

/// `price` with `quantity`, or `total_fee`.
fn speak_alternatives(alternatives: &[&[&str]]) -> String {
    let spoken: Vec<String> = alternatives
        .iter()
        .map(|alternative| {
            let names: Vec<String> = alternative.iter().map(|n| format!("`{n}`")).collect();
            names.join(" with ")
        })
        .collect();
    match spoken.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}, or {last}", rest.join(", ")),
        _ => spoken.concat(),
    }
}

/// An [`either`](crate::ServiceSpec::either) group as a violation's field:
/// `price+quantity|total_fee`.
pub fn either_field(alternatives: &[&[&str]]) -> String {
    let joined: Vec<String> = alternatives.iter().map(|a| a.join("+")).collect();
    joined.join("|")
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
            Rule::Required => write!(f, "`{}` is required but not given (or empty)", self.field),
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
            Rule::TooShort { min, actual, rule } => write!(
                f,
                "`{}` is {actual} long, less than the minimum of {min} (counted in {})",
                self.field,
                rule.unit()
            ),
            Rule::OneOf { fields } => write!(
                f,
                "one of `{}` is required, and none is given",
                fields.join("`, `")
            ),
            Rule::Either {
                alternatives,
                fault,
            } => {
                let spoken = speak_alternatives(alternatives);
                match fault {
                    EitherFault::NoneGiven => write!(f, "give {spoken}: none is given"),
                    EitherFault::Several => write!(f, "give {spoken}, not more than one"),
                    EitherFault::Incomplete { given, missing } => {
                        write!(f, "`{given}` goes with `{missing}`, which is not given")
                    }
                }
            }
            Rule::TooManyDigits { max, actual } => write!(
                f,
                "`{}` has {actual} digits, more than the {max} its Number type allows",
                self.field
            ),
            Rule::TooManyDecimals { max, actual } => write!(
                f,
                "`{}` has {actual} digits after the point, more than the {max} its Number type allows",
                self.field
            ),
            Rule::QueryInCallbackUrl => write!(
                f,
                "`{}` has a query of its own (`?…`): the gateway adds its signed parameters to \
                 this URL, so the merchant's own would be read with them and the sign would \
                 never verify; the gateway's demos allow no custom parameters here: put them \
                 in the path",
                self.field
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
/// straight line of calls to it (through `__private`: not public API).
#[doc(hidden)]
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
        self.check_length(field, value, required, None, max_len);
    }

    /// [`check`](Self::check) with a minimum as well: the `min` of a
    /// `String(min-max)`, counted by the same rule as the maximum
    /// ([`Rule::TooShort`]). An empty value is not measured: a required
    /// one is [`Rule::Required`]; an optional one is absent (requests leave
    /// empty parameters out, and the gateway ignores them), so no minimum
    /// applies to it.
    ///
    /// ```
    /// use alipay_mapi_runtime::validate::{LengthRule, Rule, Validator};
    /// let mut v = Validator::new(LengthRule::GbkWidth);
    /// v.check_length("pwd", "中文", true, Some(6), Some(32)); // GBK width 4
    /// v.check_length("memo", "", false, Some(6), Some(32)); // absent: fine
    /// let err = v.finish().unwrap_err();
    /// assert_eq!(err.len(), 1);
    /// assert_eq!(
    ///     err.field("pwd").unwrap().rule,
    ///     Rule::TooShort { min: 6, actual: 4, rule: LengthRule::GbkWidth }
    /// );
    /// ```
    pub fn check_length(
        &mut self,
        field: impl Into<Cow<'static, str>>,
        value: &str,
        required: bool,
        min_len: Option<usize>,
        max_len: Option<usize>,
    ) {
        self.check_length_by(self.rule, field, value, required, min_len, max_len);
    }

    /// [`check_length`](Self::check_length) counted by `rule` instead of
    /// the validator's: for a row whose document states its own unit
    /// (`最长为128个汉字` counts characters in an interface counted in GBK
    /// width; [`FieldSpec::length_rule`](crate::FieldSpec::length_rule)).
    ///
    /// ```
    /// use alipay_mapi_runtime::validate::{LengthRule, Rule, Validator};
    /// let mut v = Validator::new(LengthRule::GbkWidth);
    /// v.check_length_by(LengthRule::Chars, "memo", "中文中文", true, None, Some(4)); // 4 characters
    /// v.check_length("subject", "中文中文", true, None, Some(4)); // GBK width 8
    /// let err = v.finish().unwrap_err();
    /// assert_eq!(err.len(), 1);
    /// assert_eq!(
    ///     err.field("subject").unwrap().rule,
    ///     Rule::TooLong { max: 4, actual: 8, rule: LengthRule::GbkWidth }
    /// );
    /// ```
    pub fn check_length_by(
        &mut self,
        rule: LengthRule,
        field: impl Into<Cow<'static, str>>,
        value: &str,
        required: bool,
        min_len: Option<usize>,
        max_len: Option<usize>,
    ) {
        if value.is_empty() {
            if required {
                self.push(field, Rule::Required);
            }
            return;
        }
        if let Some(min) = min_len {
            let actual = rule.measure(value);
            if actual < min {
                self.push(field, Rule::TooShort { min, actual, rule });
                return;
            }
        }
        if let Some(max) = max_len {
            // No rule counts a value longer than its UTF-8 bytes.
            if value.len() <= max {
                return;
            }
            let actual = rule.measure(value);
            if actual > max {
                self.push(field, Rule::TooLong { max, actual, rule });
            }
        }
    }

    /// Checks one present `Number` value against its table's `Number(p)` /
    /// `Number(p,s)`: required fields must not be empty, at most `precision`
    /// digits in all (leading zeros of the integer part, the point and a
    /// sign not counted: `1000000.00` has 9) and at most `scale` after the
    /// point, as written. A value that is not a number is left to the type
    /// check ([`Rule::Type`]).
    ///
    /// ```
    /// use alipay_mapi_runtime::validate::{LengthRule, Rule, Validator};
    /// let mut v = Validator::new(LengthRule::GbkWidth);
    /// v.check_number("total_fee", "1000000.00", true, Some(9), Some(2)); // the documented maximum
    /// v.check_number("rmb_fee", "0.001", true, Some(9), Some(2));
    /// let err = v.finish().unwrap_err();
    /// assert_eq!(err.len(), 1);
    /// assert_eq!(err.field("rmb_fee").unwrap().rule, Rule::TooManyDecimals { max: 2, actual: 3 });
    /// ```
    pub fn check_number(
        &mut self,
        field: impl Into<Cow<'static, str>>,
        value: &str,
        required: bool,
        precision: Option<usize>,
        scale: Option<usize>,
    ) {
        if required && value.is_empty() {
            self.push(field, Rule::Required);
            return;
        }
        let Ok(number) = value.parse::<crate::types::Number>() else {
            return;
        };
        let (int, frac) = number.written_digits();
        if let Some(max) = scale.filter(|max| frac.len() > *max) {
            let actual = frac.len();
            self.push(field, Rule::TooManyDecimals { max, actual });
            return;
        }
        let actual = int.len() + frac.len();
        if let Some(max) = precision.filter(|max| actual > *max) {
            self.push(field, Rule::TooManyDigits { max, actual });
        }
    }

    /// Checks a `return_url` or `notify_url` for a query of its own
    /// ([`Rule::QueryInCallbackUrl`]): any `?`, in a fragment too.
    ///
    /// ```
    /// use alipay_mapi_runtime::validate::{LengthRule, Rule, Validator};
    /// let mut v = Validator::new(LengthRule::GbkWidth);
    /// v.check_callback_url("notify_url", "https://shop.example/alipay/notify/7");
    /// v.check_callback_url("return_url", "https://shop.example/#/pay/return"); // a fragment
    /// v.check_callback_url("return_url", "https://shop.example/return?id=123");
    /// v.check_callback_url("notify_url", "https://shop.example/#/r?x=1"); // `?` in a fragment
    /// let err = v.finish().unwrap_err();
    /// assert_eq!(err.len(), 2);
    /// assert_eq!(err.field("return_url").unwrap().rule, Rule::QueryInCallbackUrl);
    /// assert_eq!(err.field("notify_url").unwrap().rule, Rule::QueryInCallbackUrl);
    /// ```
    pub fn check_callback_url(&mut self, field: impl Into<Cow<'static, str>>, url: &str) {
        if has_query(url) {
            self.push(field, Rule::QueryInCallbackUrl);
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
    fn numbers_count_digits_and_decimals_not_characters() {
        let rules = |value: &str, precision, scale| {
            let mut v = Validator::new(LengthRule::GbkWidth);
            v.check_number("n", value, true, precision, scale);
            v.finish()
                .err()
                .map(|e| e.iter().next().unwrap().rule.clone())
        };
        // Number(9,2): 0.01 .. 1000000.00 (the cross-border maximum).
        for ok in [
            "1000000.00",
            "9999999.99",
            "0.01",
            "00000001.5",
            "-1.00",
            "12",
        ] {
            assert_eq!(rules(ok, Some(9), Some(2)), None, "{ok}");
        }
        assert_eq!(
            rules("10000000.00", Some(9), Some(2)),
            Some(Rule::TooManyDigits { max: 9, actual: 10 })
        );
        assert_eq!(
            rules("0.001", Some(9), Some(2)),
            Some(Rule::TooManyDecimals { max: 2, actual: 3 })
        );
        assert_eq!(
            rules("1.000", Some(9), Some(2)),
            Some(Rule::TooManyDecimals { max: 2, actual: 3 })
        );
        // Number(8): digits only, any scale.
        assert_eq!(rules("1234.5678", Some(8), None), None);
        assert_eq!(
            rules("123456789", Some(8), None),
            Some(Rule::TooManyDigits { max: 8, actual: 9 })
        );
        // Not a number: the type check's business; empty and required.
        assert_eq!(rules("12a", Some(2), None), None);
        assert_eq!(rules("", Some(2), None), Some(Rule::Required));
        let mut v = Validator::new(LengthRule::GbkWidth);
        v.check_number("total_fee", "10000000.00", true, Some(9), Some(2));
        assert_eq!(
            v.finish().unwrap_err().to_string(),
            "invalid parameters: `total_fee` has 10 digits, more than the 9 its Number type allows"
        );
    }

    /// The one violation of `value` against `String(min-max)`, if any.
    fn length_rule(
        rule: LengthRule,
        value: &str,
        required: bool,
        min: usize,
        max: usize,
    ) -> Option<Rule> {
        let mut v = Validator::new(rule);
        v.check_length("pwd", value, required, Some(min), Some(max));
        v.finish().err().map(|e| {
            assert_eq!(e.len(), 1);
            e.iter().next().unwrap().rule.clone()
        })
    }

    #[test]
    fn minimum_counts_gbk_width_by_default() {
        let gbk = LengthRule::GbkWidth;
        // String(6-32): three Chinese characters are 6 wide, two are 4.
        assert_eq!(length_rule(gbk, "支付宝", true, 6, 32), None);
        assert_eq!(
            length_rule(gbk, "支付", true, 6, 32),
            Some(Rule::TooShort {
                min: 6,
                actual: 4,
                rule: gbk
            })
        );
        assert_eq!(length_rule(gbk, "abcdef", true, 6, 32), None);
        assert_eq!(
            length_rule(gbk, "abcde", true, 6, 32),
            Some(Rule::TooShort {
                min: 6,
                actual: 5,
                rule: gbk
            })
        );
        // An emoji is 4 wide, as GB18030 encodes it.
        assert_eq!(length_rule(gbk, "ab😀", true, 6, 32), None);
        // The maximum still holds beside the minimum.
        assert_eq!(
            length_rule(gbk, &"a".repeat(33), true, 6, 32),
            Some(Rule::TooLong {
                max: 32,
                actual: 33,
                rule: gbk
            })
        );
    }

    #[test]
    fn minimum_counts_characters_under_chars() {
        let chars = LengthRule::Chars;
        assert_eq!(
            length_rule(chars, "支付宝", true, 6, 32),
            Some(Rule::TooShort {
                min: 6,
                actual: 3,
                rule: chars
            })
        );
        assert_eq!(length_rule(chars, "支付宝支付宝", true, 6, 32), None);
        let utf8 = LengthRule::Utf8Bytes;
        assert_eq!(length_rule(utf8, "支付", true, 6, 32), None);
        let mut v = Validator::new(chars);
        v.check_length("pwd", "abcde", true, Some(6), Some(32));
        assert_eq!(
            v.finish().unwrap_err().to_string(),
            "invalid parameters: `pwd` is 5 long, less than the minimum of 6 (counted in characters)"
        );
    }

    #[test]
    fn empty_values_are_never_too_short() {
        let gbk = LengthRule::GbkWidth;
        // Optional and empty: absent (not sent), so no minimum applies.
        assert_eq!(length_rule(gbk, "", false, 6, 32), None);
        // Required and empty: required, not too short.
        assert_eq!(length_rule(gbk, "", true, 6, 32), Some(Rule::Required));
        // Optional and present: the minimum applies.
        assert_eq!(
            length_rule(gbk, "a", false, 6, 32),
            Some(Rule::TooShort {
                min: 6,
                actual: 1,
                rule: gbk
            })
        );
        // A minimum of 1 holds for every value that is given.
        assert_eq!(length_rule(gbk, "a", false, 1, 32), None);
        assert_eq!(length_rule(gbk, "", true, 1, 32), Some(Rule::Required));
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
            "invalid parameters: `a` is required but not given (or empty); `b` is 7 long, more than the 3 allowed (counted in characters)"
        );
    }
}

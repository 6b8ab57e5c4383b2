//! A `String(min-max)` type cell: its minimum lands in `SPEC` and in the
//! generated `validate()`, counted by the row's length rule; an empty
//! optional value is absent and never too short.

use alipay_mapi::alipay_service;
use alipay_mapi::validate::{LengthRule, Rule};

#[alipay_service("ui.length.ranges", doc = "tests/ui/docs/length_ranges.md")]
pub mod ranges {}

fn rule_of(request: &ranges::Request, field: &str) -> Option<Rule> {
    let err = request.validate().err()?;
    err.field(field).map(|v| v.rule.clone())
}

#[test]
fn the_spec_carries_each_range() {
    let bounds = |name| {
        let f = ranges::SPEC.request_field(name).unwrap();
        (f.min_len, f.max_len)
    };
    assert_eq!(bounds("pay_password"), (Some(6), Some(32)));
    assert_eq!(bounds("memo"), (Some(4), Some(8)));
    assert_eq!(bounds("nick"), (Some(2), Some(4)));
    assert_eq!(bounds("token"), (Some(1), Some(64)));
}

#[test]
fn five_characters_are_short_of_six() {
    let request = ranges::Request::new("abcde", "t");
    assert_eq!(
        rule_of(&request, "pay_password"),
        Some(Rule::TooShort {
            min: 6,
            actual: 5,
            rule: LengthRule::GbkWidth
        })
    );
    let err = request.validate().unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(
        err.to_string(),
        "invalid parameters: `pay_password` is 5 long, less than the minimum of 6 (counted in GBK width (ASCII 1, Chinese 2))"
    );
    assert!(ranges::Request::new("abcdef", "t").validate().is_ok());
    // Three Chinese characters are 6 wide.
    assert!(ranges::Request::new("支付宝", "t").validate().is_ok());
    // The same check through the spec, as the CLI and the local gateway do.
    let err = ranges::SPEC
        .validate_params(&[("pay_password", "abcde"), ("token", "t")])
        .unwrap_err();
    assert!(matches!(
        err.field("pay_password").unwrap().rule,
        Rule::TooShort {
            min: 6,
            actual: 5,
            ..
        }
    ));
}

#[test]
fn optional_ranges_apply_only_to_given_values() {
    let mut request = ranges::Request::new("abcdef", "t");
    request.memo = Some(String::new());
    request.nick = Some(String::new());
    assert!(
        request.validate().is_ok(),
        "empty optional values are absent"
    );
    // `备` is 2 wide, short of 4; `备注` is 4.
    request.memo = Some("备".into());
    assert_eq!(
        rule_of(&request, "memo"),
        Some(Rule::TooShort {
            min: 4,
            actual: 2,
            rule: LengthRule::GbkWidth
        })
    );
    request.memo = Some("备注".into());
    assert!(request.validate().is_ok());
}

#[test]
fn a_row_counting_characters_counts_its_minimum_in_characters() {
    // `不超过4个字符` under String(2-4): characters, so `小` is 1 < 2 and
    // `小明` (4 wide in GBK) is 2, enough.
    let mut request = ranges::Request::new("abcdef", "t");
    request.nick = Some("小".into());
    assert_eq!(
        rule_of(&request, "nick"),
        Some(Rule::TooShort {
            min: 2,
            actual: 1,
            rule: LengthRule::Chars
        })
    );
    request.nick = Some("小明".into());
    assert!(request.validate().is_ok());
}

#[test]
fn a_minimum_of_one_on_a_required_field_is_required() {
    let request = ranges::Request::new("abcdef", "");
    assert_eq!(rule_of(&request, "token"), Some(Rule::Required));
}

/// The spec tools check parameters by (`SPEC.validate_params`, which the CLI
/// and the local gateway use) counts a row in its own unit too, as the
/// generated `validate()` does: the two never disagree.
#[test]
fn the_spec_counts_a_row_in_its_own_unit_as_validate_does() {
    let nick = ranges::SPEC
        .request
        .iter()
        .find(|f| f.name == "nick")
        .unwrap();
    assert_eq!(nick.length_rule, Some(LengthRule::Chars));
    // A row counted by the interface's rule carries none.
    let pay_password = ranges::SPEC.request_field("pay_password").unwrap();
    assert_eq!(pay_password.length_rule, None);
    let check = |value: &str| {
        let params = [("pay_password", "abcdef"), ("token", "t"), ("nick", value)];
        ranges::SPEC
            .validate_params(&params)
            .err()
            .and_then(|v| v.field("nick").map(|v| v.rule.clone()))
    };
    assert_eq!(
        check("小"),
        Some(Rule::TooShort {
            min: 2,
            actual: 1,
            rule: LengthRule::Chars
        })
    );
    // Four characters, eight wide in GBK: within `不超过4个字符`.
    assert_eq!(check("小明小明"), None);
    assert_eq!(
        check("小明小明小"),
        Some(Rule::TooLong {
            max: 4,
            actual: 5,
            rule: LengthRule::Chars
        })
    );
}

//! `ServiceSpec::validate_params` (what the CLI and the local gateway check
//! with) applies a `String(min-max)` range's minimum as the generated
//! `validate()` does.

use alipay_mapi_runtime::validate::{LengthRule, Rule};
use alipay_mapi_runtime::{Access, FieldSpec, ServiceSpec};

static SPEC: ServiceSpec = ServiceSpec {
    service: "x.range",
    request: &[
        FieldSpec {
            nullable: false,
            min_len: Some(6),
            max_len: Some(32),
            ..FieldSpec::optional_string("pwd", &[])
        },
        FieldSpec {
            min_len: Some(4),
            max_len: Some(8),
            ..FieldSpec::optional_string("memo", &[])
        },
    ],
    response: None,
    notify: None,
    errors: &[],
    length_rule: LengthRule::GbkWidth,
    answer: None,
    access: Access::Page,
    one_of: &[],
    either: &[],
};

#[test]
fn too_short_names_field_minimum_and_length() {
    let err = SPEC
        .validate_params(&[("pwd", "abcde"), ("memo", "中")])
        .unwrap_err();
    assert_eq!(err.len(), 2);
    assert_eq!(
        err.field("pwd").map(|v| &v.rule),
        Some(&Rule::TooShort {
            min: 6,
            actual: 5,
            rule: LengthRule::GbkWidth
        })
    );
    // One Chinese character is 2 wide: short of 4.
    assert_eq!(
        err.field("memo").map(|v| &v.rule),
        Some(&Rule::TooShort {
            min: 4,
            actual: 2,
            rule: LengthRule::GbkWidth
        })
    );
    assert!(err
        .to_string()
        .contains("`pwd` is 5 long, less than the minimum of 6"));
}

#[test]
fn absent_or_empty_optional_is_not_too_short() {
    assert!(SPEC.validate_params(&[("pwd", "abcdef")]).is_ok());
    assert!(SPEC
        .validate_params(&[("pwd", "abcdef"), ("memo", "")])
        .is_ok());
    assert!(SPEC
        .validate_params(&[("pwd", "abcdef"), ("memo", "中文")])
        .is_ok());
    let err = SPEC.validate_params(&[("pwd", "")]).unwrap_err();
    assert_eq!(err.field("pwd").map(|v| &v.rule), Some(&Rule::Required));
}

//! `length = "chars"` counts `String(n)` in characters; the default counts
//! GBK width (ASCII 1, Chinese 2), as the gateway's documents do.
#![deny(warnings)]
use alipay_mapi::alipay_service;
use alipay_mapi::validate::{LengthRule, Rule};

#[alipay_service(
    "create_direct_pay_by_user",
    request = "
参数名\t类型\t可空
subject\tString(8)\tN
"
)]
pub mod gbk {}

#[alipay_service(
    "create_direct_pay_by_user",
    length = "chars",
    request = "
参数名\t类型\t可空
subject\tString(8)\tN
"
)]
pub mod chars {}

#[alipay_service(
    "create_direct_pay_by_user",
    length = "utf8",
    request = "
参数名\t类型\t可空
subject\tString(8)\tN
"
)]
pub mod utf8 {}

fn main() {
    assert_eq!(gbk::SPEC.length_rule, LengthRule::GbkWidth);
    assert_eq!(chars::SPEC.length_rule, LengthRule::Chars);
    assert_eq!(utf8::SPEC.length_rule, LengthRule::Utf8Bytes);

    let five = "贝尔金护腕"; // 5 characters, 10 in GBK width, 15 UTF-8 bytes
    chars::Request {
        subject: five.into(),
    }
    .validate()
    .unwrap();
    let violations = gbk::Request {
        subject: five.into(),
    }
    .validate()
    .unwrap_err();
    assert_eq!(
        violations.field("subject").unwrap().rule,
        Rule::TooLong {
            max: 8,
            actual: 10,
            rule: LengthRule::GbkWidth
        }
    );
    assert!(utf8::Request {
        subject: five.into()
    }
    .validate()
    .is_err());

    // ASCII counts the same under every rule.
    for subject in ["12345678", "123456789"] {
        let ok = subject.len() <= 8;
        assert_eq!(
            gbk::Request {
                subject: subject.into()
            }
            .validate()
            .is_ok(),
            ok
        );
        assert_eq!(
            chars::Request {
                subject: subject.into()
            }
            .validate()
            .is_ok(),
            ok
        );
        assert_eq!(
            utf8::Request {
                subject: subject.into()
            }
            .validate()
            .is_ok(),
            ok
        );
    }
}

//! The page's own HTML: `<table>` markup, colspan group rows, nested tags
//! and entities in cells.
#![deny(warnings)]
use alipay_mapi::alipay_service;

#[alipay_service("sns.cae.sign.customer", doc = "codegen/tests/fixtures/html_page.html")]
pub mod sns {}

fn main() {
    let fields: Vec<&str> = sns::SPEC.request.iter().map(|f| f.name).collect();
    assert_eq!(fields, ["return_url", "sns_user_id", "key"]);
    assert_eq!(
        sns::SPEC.request_field("sns_user_id").unwrap().description,
        "用户帐号ID <唯一>：不可重复"
    );
    assert_eq!(sns::SPEC.errors.len(), 8);

    let request = sns::Request {
        return_url: "https://merchant.example/return".into(),
        sns_user_id: "用户".repeat(13), // 52 in GBK width, String(50)
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    };
    let violations = request.validate().unwrap_err();
    assert!(violations.field("sns_user_id").is_some());

    assert_eq!(
        "ILLEGAL_PARTNER"
            .parse::<sns::ErrorCode>()
            .unwrap()
            .meaning(),
        Some("请求中的partner错误")
    );
}

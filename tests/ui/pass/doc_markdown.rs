//! A Markdown document with pipe tables (escaped `\_` and `\|` in cells).
#![deny(warnings)]
use alipay_mapi::alipay_service;

#[alipay_service("sns.cae.sign.customer", doc = "codegen/tests/fixtures/markdown.md")]
pub mod sns {}

fn main() {
    let fields: Vec<&str> = sns::SPEC.request.iter().map(|f| f.name).collect();
    assert_eq!(fields, ["return_url", "sns_user_id", "key"]);
    // `-` in the example column means no example.
    assert_eq!(sns::SPEC.request_field("key").unwrap().example, None);
    assert_eq!(
        sns::SPEC.request_field("return_url").unwrap().example,
        Some("http://www.test.com/notify/alipay/interface.htm")
    );

    let request = sns::Request {
        return_url: "https://merchant.example/return".into(),
        sns_user_id: "id2011103454654656".into(),
        key: String::new(),
    };
    let violations = request.validate().unwrap_err();
    assert_eq!(violations.len(), 1);
    assert_eq!(
        violations.iter().next().unwrap().to_string(),
        "`key` is required but empty"
    );

    let code: sns::ErrorCode = "NO_AUTHORIZE_ACCOUNT".parse().unwrap();
    assert_eq!(code.to_string(), "NO_AUTHORIZE_ACCOUNT");
    assert_eq!(code.meaning(), Some("用户没有授权"));
    let _: sns::Response = sns::Response {
        sns_user_id: String::new(),
    };
}

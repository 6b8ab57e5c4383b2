//! A document in the gateway's own format: the page copied as text, its
//! tables tab-separated, under numbered headings.
#![deny(warnings)]
use alipay_mapi::{alipay_service, ServiceRequest};

#[alipay_service("sns.cae.sign.customer", doc = "tests/ui/docs/seed_format.md")]
pub mod sns_cae_sign_customer {}

fn main() {
    use sns_cae_sign_customer as sns;

    let spec = &sns::SPEC;
    assert_eq!(spec.service, "sns.cae.sign.customer");
    // Base parameters (sign, _input_charset, sign_type, service, partner)
    // are the client's; the business rows become the fields.
    let fields: Vec<&str> = spec.request.iter().map(|f| f.ident).collect();
    assert_eq!(fields, ["return_url", "sns_user_id", "key"]);
    let key = spec.request_field("key").unwrap();
    assert_eq!((key.max_len, key.nullable), (Some(40), false));
    assert_eq!(key.label, "用户key");
    assert_eq!(spec.response.unwrap().len(), 1);
    assert_eq!(spec.errors.len(), 8);
    assert_eq!(spec.error_meaning("ILLEGAL_SIGN"), Some("数字验签失败"));
    assert!(std::ptr::eq(<sns::Request as ServiceRequest>::SPEC, spec));

    let request = sns::Request {
        return_url: "https://merchant.example/return".into(),
        sns_user_id: "id2011103454654656".into(),
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    };
    request.validate().unwrap();
    let too_long = sns::Request {
        key: "K".repeat(41),
        ..request.clone()
    };
    let violations = too_long.validate().unwrap_err();
    assert_eq!(violations.len(), 1);
    assert!(violations.field("key").is_some());

    assert_eq!(
        "SESSION_TIMEOUT".parse::<sns::ErrorCode>(),
        Ok(sns::ErrorCode::SessionTimeout)
    );
    let response = sns::Response {
        sns_user_id: "id20110923456789".into(),
    };
    assert_eq!(response.sns_user_id, "id20110923456789");
}

//! Tables pasted inline, tab-separated, as copied from the gateway's page.
#![deny(warnings)]
use alipay_mapi::service::BaseParams;
use alipay_mapi::{alipay_service, Charset, GatewayErrorCode, ServiceRequest};

#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
基本参数\t\t\t\t\t
接口名称\tservice\tString(128)\t服务名\tN\tsns.cae.sign.customer
业务参数\t\t\t\t\t
返回URL\treturn_url\tString(200)\t处理完成后跳转的页面\tN\thttp://www.test.com/return
合作网站用户帐号ID\tsns_user_id\tString(50)\t合作网站的用户ID\tN\tid2011103454654656
备注\tmemo\tString(10)\t可选的备注\tY\t
",
    response = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
成功标识\tis_success\tString(1)\tT 或 F\tN\tT
Sns帐号ID\tsns_user_id\tString(50)\t用户在SNS网站的ID\tN\tid20110923456789
",
    errors = "
错误代码\t说明
ILLEGAL_SIGN\t数字验签失败
HAS_NO_PRIVILEGE\t无权访问该接口
"
)]
pub mod sns {}

fn main() {
    assert_eq!(sns::SERVICE, "sns.cae.sign.customer");
    assert_eq!(sns::SPEC.service, sns::SERVICE);
    // `service` is a base parameter: only the business rows are fields.
    let names: Vec<&str> = sns::SPEC.request.iter().map(|f| f.name).collect();
    assert_eq!(names, ["return_url", "sns_user_id", "memo"]);
    assert_eq!(
        sns::SPEC.request_field("sns_user_id").unwrap().max_len,
        Some(50)
    );
    assert!(sns::SPEC.request_field("memo").unwrap().nullable);
    assert_eq!(sns::SPEC.response.unwrap().len(), 1);
    assert!(sns::SPEC.notify.is_none());

    let request = sns::Request {
        return_url: "https://merchant.example/return".into(),
        sns_user_id: "id2011103454654656".into(),
        memo: None,
    };
    request.validate().unwrap();
    let base = BaseParams {
        partner: "2088002464631181",
        charset: Charset::Utf8,
    };
    assert_eq!(
        request.signing_string(&base).unwrap().as_str(),
        "_input_charset=utf-8&partner=2088002464631181\
         &return_url=https://merchant.example/return\
         &service=sns.cae.sign.customer&sns_user_id=id2011103454654656"
    );

    let bad = sns::Request {
        sns_user_id: String::new(),
        memo: Some("x".repeat(11)),
        ..request
    };
    let violations = bad.validate().unwrap_err();
    assert_eq!(violations.len(), 2);
    assert!(violations.field("sns_user_id").is_some());
    assert!(violations.field("memo").is_some());

    let code: sns::ErrorCode = "ILLEGAL_SIGN".parse().unwrap();
    assert_eq!(code, sns::ErrorCode::IllegalSign);
    assert_eq!(code.meaning(), Some("数字验签失败"));
    assert_eq!(GatewayErrorCode::as_str(&code), "ILLEGAL_SIGN");
    let unknown: sns::ErrorCode = "SYSTEM_BUSY".parse().unwrap();
    assert_eq!(unknown, sns::ErrorCode::Unknown("SYSTEM_BUSY".into()));
    assert_eq!(unknown.to_string(), "SYSTEM_BUSY");
    let _ = sns::ErrorCode::HasNoPrivilege;

    let _: fn(&sns::Response) -> &str = |r| &r.sns_user_id;
}

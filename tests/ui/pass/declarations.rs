//! Declarations: inline tables, Rust keywords as parameter names, base
//! parameters only, the user's own items in the module, length rules and
//! `crate = "…"`.
//!
//! Several cases in one file: trybuild builds each file as a crate of its
//! own, and that build is what costs.
#![deny(warnings)]

// Tables pasted inline, tab-separated, as copied from the gateway's page.
mod inline_tables {
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

pub fn main() {
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
}

// Wire names that are not Rust identifiers: `type` becomes `type_`, and
// the wire name is kept for signing and serde.
mod keyword_param {
use alipay_mapi::service::BaseParams;
use alipay_mapi::{alipay_service, Charset, ServiceRequest};

#[alipay_service(
    "alipay.example.query",
    request = "
参数名\t类型\t可空\t备注
type\tString(1)\tN\t一个名叫type的参数
ref\tString(8)\tY\t另一个关键字
notifyId\tString(32)\tY\tcamelCase
"
)]
pub mod query {}

pub fn main() {
    let request = query::Request {
        type_: "1".into(),
        ref_: None,
        notify_id: Some("n1".into()),
    };
    request.validate().unwrap();
    let idents: Vec<(&str, &str)> = query::SPEC
        .request
        .iter()
        .map(|f| (f.name, f.ident))
        .collect();
    assert_eq!(
        idents,
        [
            ("type", "type_"),
            ("ref", "ref_"),
            ("notifyId", "notify_id")
        ]
    );
    let base = BaseParams {
        partner: "2088002464631181",
        charset: Charset::Utf8,
    };
    assert_eq!(
        request.signing_string(&base).unwrap().as_str(),
        "_input_charset=utf-8&notifyId=n1&partner=2088002464631181\
         &service=alipay.example.query&type=1"
    );
}
}

// A request table with only base parameters: `Request` has no fields, and
// still validates and signs.
mod base_params_only {
use alipay_mapi::service::BaseParams;
use alipay_mapi::{alipay_service, Charset, ServiceRequest};

#[alipay_service(
    "alipay.example.ping",
    request = "
参数名\t类型\t可空
service\tString\tN
partner\tString(16)\tN
_input_charset\tString\tN
sign_type\tString\tN
sign\tString\tN
"
)]
pub mod ping {}

pub fn main() {
    let request = ping::Request {};
    request.validate().unwrap();
    assert!(ping::SPEC.request.is_empty());
    assert!(ping::SPEC.errors.is_empty());
    let base = BaseParams {
        partner: "2088002464631181",
        charset: Charset::Gbk,
    };
    assert_eq!(
        request.signing_string(&base).unwrap().as_str(),
        "_input_charset=gbk&partner=2088002464631181&service=alipay.example.ping"
    );
    assert_eq!(request.params(&base).len(), 3);
    // No error table: only codes it does not list.
    assert_eq!(
        "SYSTEM_ERROR".parse::<ping::ErrorCode>().unwrap(),
        ping::ErrorCode::Unknown("SYSTEM_ERROR".into())
    );
}
}

// Items written in the module's body stay there, next to the generated ones,
// and can use them.
mod user_items {
use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数名\t类型\t可空
return_url\tString(200)\tN
sns_user_id\tString(50)\tN
"
)]
pub mod sns {
    /// Where the gateway sends the browser back.
    pub const RETURN_URL: &str = "https://merchant.example/return";

    /// A request for one user.
    pub fn request_for(user: &str) -> Request {
        Request {
            return_url: RETURN_URL.into(),
            sns_user_id: user.into(),
        }
    }

    impl Request {
        /// A method added to the generated type.
        pub fn user(&self) -> &str {
            &self.sns_user_id
        }
    }

    pub(crate) fn is_declared(name: &str) -> bool {
        SPEC.request_field(name).is_some()
    }
}

pub fn main() {
    let request = sns::request_for("id2011103454654656");
    assert_eq!(request.return_url, sns::RETURN_URL);
    assert_eq!(request.user(), "id2011103454654656");
    request.validate().unwrap();
    assert!(sns::is_declared("sns_user_id"));
    assert!(!sns::is_declared("service"));
}
}

// `length = "chars"` counts `String(n)` in characters; the default counts
// GBK width (ASCII 1, Chinese 2), as the gateway's documents do.
mod length_chars {
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

pub fn main() {
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
}

// `crate = "path"`: the generated code reaches the runtime through the given
// path instead of `::alipay_mapi`, e.g. when the crate is re-exported or
// renamed.
mod crate_path {
use alipay_mapi::alipay_service;

// A path from the crate root…
use ::alipay_mapi as renamed;

#[alipay_service(
    "sns.cae.sign.customer",
    crate = "crate::crate_path::renamed",
    request = "
参数名\t类型\t可空
sns_user_id\tString(50)\tN
",
    response = "
参数名\t类型\t可空
sns_user_id\tString(50)\tN
"
)]
pub mod from_root {}

// …or a name in scope inside the module (user items are kept).
#[alipay_service(
    "sns.cae.sign.customer",
    crate = "runtime",
    request = "
参数名\t类型\t可空
sns_user_id\tString(50)\tN
"
)]
pub mod from_module {
    use alipay_mapi as runtime;
}

pub fn main() {
    let a = from_root::Request {
        sns_user_id: "id1".into(),
    };
    a.validate().unwrap();
    let b = from_module::Request {
        sns_user_id: "id1".into(),
    };
    b.validate().unwrap();
    assert_eq!(from_root::SPEC.request, from_module::SPEC.request);
    let _: &renamed::ServiceSpec = &from_module::SPEC;
    let _ = from_root::Response {
        sns_user_id: String::new(),
    };
}
}

fn main() {
    inline_tables::main();
    keyword_param::main();
    base_params_only::main();
    user_items::main();
    length_chars::main();
    crate_path::main();
}

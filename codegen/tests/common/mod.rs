#![allow(dead_code)]
use alipay_mapi_codegen::{Diagnostic, Document, Param, ParamType, Table};

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn parse(text: &str) -> Document {
    match alipay_mapi_codegen::parse_document(text) {
        Ok(doc) => doc,
        Err(diags) => panic!(
            "unexpected diagnostics:\n{}",
            diags
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// The one diagnostic a document is refused with (there must be exactly
/// one).
pub fn one_diagnostic(text: &str) -> Diagnostic {
    let mut diags = alipay_mapi_codegen::parse_document(text).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    diags.remove(0)
}

pub fn param<'a>(table: &'a Table, name: &str) -> &'a Param {
    table
        .params
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no parameter `{name}` in {:?}", names(table)))
}

pub fn names(table: &Table) -> Vec<&str> {
    table.params.iter().map(|p| p.name.as_str()).collect()
}

/// The error codes a document declares, in order (none when it has no
/// error table).
pub fn codes(doc: &Document) -> Vec<&str> {
    doc.errors
        .iter()
        .flatten()
        .map(|e| e.code.as_str())
        .collect()
}

pub fn s(n: u32) -> ParamType {
    ParamType::String {
        min_len: None,
        max_len: Some(n),
    }
}

pub const SEED_ERRORS: [&str; 8] = [
    "HAS_NO_PRIVILEGE",
    "SESSION_TIMEOUT",
    "ILLEGAL_PARTNER",
    "NO_AUTHORIZE_ACCOUNT",
    "ILLEGAL_ARGUMENT",
    "ILLEGAL_SERVICE",
    "ILLEGAL_SIGN",
    "SYSTEM_ERROR",
];

/// Asserts the facts of the seed interface that every rendering of it
/// (tabs, HTML, Markdown) must give.
pub fn assert_seed_facts(doc: &Document) {
    assert_eq!(
        doc.service.as_ref().map(|s| s.1.as_str()),
        Some("sns.cae.sign.customer")
    );
    let req = doc.request.as_ref().expect("request table");
    assert_eq!(
        names(req),
        [
            "sign",
            "_input_charset",
            "sign_type",
            "service",
            "partner",
            "return_url",
            "sns_user_id",
            "key"
        ]
    );
    let expect: [(&str, &str, ParamType, &str); 8] = [
        ("sign", "签名", s(100), "基本参数"),
        ("_input_charset", "参数编码字符集", s(6), "基本参数"),
        ("sign_type", "签名方式", s(3), "基本参数"),
        ("service", "接口名称", s(128), "基本参数"),
        ("partner", "合作伙伴ID", s(16), "基本参数"),
        ("return_url", "返回URL", s(200), "业务参数"),
        ("sns_user_id", "合作网站用户帐号ID", s(50), "业务参数"),
        ("key", "用户key", s(40), "业务参数"),
    ];
    for (name, label, ty, group) in expect {
        let p = param(req, name);
        assert_eq!(p.label, label, "{name}");
        assert_eq!(p.ty, ty, "{name}");
        assert!(!p.nullable, "{name}");
        assert_eq!(p.group.as_deref(), Some(group), "{name}");
        assert!(!p.description.is_empty(), "{name}");
    }
    assert_eq!(
        param(req, "_input_charset").example.as_deref(),
        Some("utf-8")
    );
    assert_eq!(param(req, "sign_type").example.as_deref(), Some("DSA"));
    assert_eq!(
        param(req, "service").example.as_deref(),
        Some("sns.cae.sign.customer")
    );
    assert_eq!(
        param(req, "partner").example.as_deref(),
        Some("2088002464631181")
    );
    assert_eq!(
        param(req, "return_url").example.as_deref(),
        Some("http://www.test.com/notify/alipay/interface.htm")
    );
    assert_eq!(
        param(req, "sns_user_id").example.as_deref(),
        Some("id2011103454654656")
    );

    let resp = doc.response.as_ref().expect("response table");
    assert_eq!(
        names(resp),
        ["is_success", "sign_type", "sign", "sns_user_id"]
    );
    let expect: [(&str, &str, ParamType, &str, Option<&str>); 3] = [
        ("is_success", "成功标识", s(1), "基本参数", Some("T")),
        ("sign_type", "签名方式", s(3), "基本参数", Some("DSA")),
        (
            "sns_user_id",
            "Sns帐号ID",
            s(50),
            "业务参数",
            Some("id20110923456789"),
        ),
    ];
    for (name, label, ty, group, example) in expect {
        let p = param(resp, name);
        assert_eq!(p.label, label, "{name}");
        assert_eq!(p.ty, ty, "{name}");
        assert!(!p.nullable, "{name}");
        assert_eq!(p.group.as_deref(), Some(group), "{name}");
        assert_eq!(p.example.as_deref(), example, "{name}");
    }
    assert_eq!(param(resp, "sign").ty, s(100));
    assert!(doc.notify.is_none());
    let errors = doc.errors.as_ref().expect("error table");
    let codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, SEED_ERRORS);
    assert_eq!(errors[6].meaning, "数字验签失败");
    assert_eq!(errors[0].meaning, "无权访问该接口");
}

/// `mobile.securitypay.pay` declared from `text` (with `access`, when
/// given, as the declaration's argument), or a panic listing the
/// diagnostics.
pub fn app_interface(
    text: &str,
    access: Option<alipay_mapi_codegen::Access>,
) -> alipay_mapi_codegen::Interface {
    let options = alipay_mapi_codegen::Options {
        access,
        ..alipay_mapi_codegen::Options::default()
    };
    alipay_mapi_codegen::parse_and_check("mobile.securitypay.pay", text, &options).unwrap_or_else(
        |diags| {
            panic!(
                "{}",
                diags
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        },
    )
}

/// The diagnostics of declaring `mobile.securitypay.pay` from `text`, as
/// messages; a panic when it declares.
pub fn app_errors(text: &str, access: Option<alipay_mapi_codegen::Access>) -> Vec<String> {
    let options = alipay_mapi_codegen::Options {
        access,
        ..alipay_mapi_codegen::Options::default()
    };
    match alipay_mapi_codegen::parse_and_check("mobile.securitypay.pay", text, &options) {
        Ok(_) => panic!("no diagnostics"),
        Err(diags) => diags.iter().map(ToString::to_string).collect(),
    }
}

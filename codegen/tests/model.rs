//! The checked model: base parameters, identifiers, error variants.
mod common;

use alipay_mapi_codegen::{
    check, error_variant_ident, field_ident, parse_error_table, parse_inline, parse_table, Access,
    LengthRule, Options, ParamType, TableKind,
};
use common::*;

#[test]
fn seed_interface() {
    let doc = parse(&fixture("seed_format.txt"));
    let iface = check("sns.cae.sign.customer", doc, &Options::default()).unwrap();
    assert_eq!(iface.service, "sns.cae.sign.customer");
    assert_eq!(iface.length_rule, LengthRule::GbkWidth);
    let base: Vec<&str> = iface.request_base.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        base,
        ["sign", "_input_charset", "sign_type", "service", "partner"]
    );
    let fields: Vec<(&str, &str)> = iface
        .request
        .iter()
        .map(|f| (f.param.name.as_str(), f.ident.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("return_url", "return_url"),
            ("sns_user_id", "sns_user_id"),
            ("key", "key")
        ]
    );
    let resp = iface.response.as_ref().unwrap();
    assert_eq!(resp.len(), 1);
    assert_eq!(resp[0].ident, "sns_user_id");
    let rbase: Vec<&str> = iface
        .response_base
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(rbase, ["is_success", "sign_type", "sign"]);
    assert!(iface.notify.is_none());
    let variants: Vec<(&str, &str)> = iface
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.ident.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("HAS_NO_PRIVILEGE", "HasNoPrivilege"),
            ("SESSION_TIMEOUT", "SessionTimeout"),
            ("ILLEGAL_PARTNER", "IllegalPartner"),
            ("NO_AUTHORIZE_ACCOUNT", "NoAuthorizeAccount"),
            ("ILLEGAL_ARGUMENT", "IllegalArgument"),
            ("ILLEGAL_SERVICE", "IllegalService"),
            ("ILLEGAL_SIGN", "IllegalSign"),
            ("SYSTEM_ERROR", "SystemError"),
        ]
    );
    assert_eq!(iface.errors[6].meaning, "数字验签失败");
    assert_eq!(iface.errors[6].line, 65);
}

#[test]
fn notify_base_and_unknown_code_and_keyword_idents() {
    let doc = parse(&fixture("alt_order_crlf.txt"));
    let opts = Options {
        length_rule: LengthRule::Chars,
        ..Options::default()
    };
    let iface = check("create_direct_pay_by_user", doc, &opts).unwrap();
    assert_eq!(iface.length_rule, LengthRule::Chars);
    let idents: Vec<&str> = iface.request.iter().map(|f| f.ident.as_str()).collect();
    assert_eq!(
        idents,
        [
            "notify_url",
            "out_trade_no",
            "subject",
            "total_fee",
            "type_",
            "gmt_create"
        ]
    );
    let nbase: Vec<&str> = iface.notify_base.iter().map(|p| p.name.as_str()).collect();
    // notify_time, notify_type and notify_id are typed fields of `Notify`.
    assert_eq!(nbase, ["sign_type", "sign"]);
    let notify: Vec<&str> = iface
        .notify
        .as_ref()
        .unwrap()
        .iter()
        .map(|f| f.ident.as_str())
        .collect();
    assert_eq!(
        notify,
        [
            "notify_time",
            "notify_type",
            "notify_id",
            "out_trade_no",
            "total_fee"
        ]
    );
    let unknown = iface.errors.iter().find(|e| e.code == "UNKNOWN").unwrap();
    assert_eq!(unknown.ident, "Unknown_");
    assert!(iface.errors.iter().all(|e| e.ident != "Unknown"));
}

#[test]
fn odd_names() {
    let doc = parse(&fixture("english.md"));
    // A server call whose answer is headed `Return parameters`: without
    // the access kind stated, which table it is cannot be told.
    let unsure = check("single_trade_query", doc.clone(), &Options::default()).unwrap_err();
    assert!(
        unsure[0].message.contains("access = \"server\"") && unsure[0].line == Some(18),
        "{unsure:?}"
    );
    let server = Options {
        access: Some(Access::Server),
        ..Options::default()
    };
    let iface = check("single_trade_query", doc, &server).unwrap();
    assert!(iface.response.is_none());
    let answer: Vec<&str> = iface
        .answer
        .iter()
        .flatten()
        .map(|f| f.ident.as_str())
        .collect();
    assert_eq!(answer, ["trade_status", "price"]);
    let idents: Vec<&str> = iface.request.iter().map(|f| f.ident.as_str()).collect();
    assert_eq!(idents, ["trade_no", "out_trade_no", "extra_param_x"]);
    assert_eq!(iface.errors[0].ident, "TradeNotExist");
}

#[test]
fn ident_rules() {
    for (name, ident) in [
        ("type", "type_"),
        ("ref", "ref_"),
        ("match", "match_"),
        ("_input_charset", "input_charset"),
        ("a.b", "a_b"),
        ("a-b", "a_b"),
        ("1st", "p_1st"),
        ("out__trade", "out_trade"),
        ("buyerEmail", "buyer_email"),
        ("royalty_parameters", "royalty_parameters"),
    ] {
        assert_eq!(field_ident(name), ident, "{name}");
    }
    for (code, ident) in [
        ("ILLEGAL_SIGN", "IllegalSign"),
        ("UNKNOWN", "Unknown_"),
        ("TRADE_HAS_SUCCESS", "TradeHasSuccess"),
        ("9_BAD", "E9Bad"),
    ] {
        assert_eq!(error_variant_ident(code), ident, "{code}");
    }
}

#[test]
fn inline_form() {
    let request = "参数名\t类型\t可空\t样例\nservice\tString\tN\tsns.cae.sign.customer\nsns_user_id\tString(50)\tN\tid1\n";
    let response = "| 参数 | 类型 | 可空 |\n|---|---|---|\n| is_success | String(1) | N |\n| sns_user_id | String(50) | N |";
    let errors = "错误代码\t说明\nILLEGAL_SIGN\t数字验签失败\n";
    let doc = parse_inline(Some(request), Some(response), None, Some(errors)).unwrap();
    let iface = check("sns.cae.sign.customer", doc, &Options::default()).unwrap();
    assert_eq!(iface.request.len(), 1);
    assert_eq!(iface.response.as_ref().unwrap().len(), 1);
    assert_eq!(iface.errors[0].ident, "IllegalSign");

    // Bad strings: diagnostics of all of them.
    let d = parse_inline(
        Some("参数名\t类型\t可空\nx\tFoo\tN"),
        Some("nothing"),
        None,
        Some(""),
    )
    .unwrap_err();
    assert_eq!(d.len(), 3, "{d:#?}");

    let t = parse_table("<tr><th>参数</th><th>类型</th><th>可空</th></tr><tr><td>a</td><td>Number(8)</td><td>Y</td></tr>", TableKind::Notify).unwrap();
    assert_eq!(
        t.params[0].ty,
        ParamType::Number {
            max_len: Some(8),
            scale: None
        }
    );
    assert!(t.params[0].nullable);
    assert!(parse_table("x", TableKind::Errors).is_err());
    let e = parse_error_table("ILLEGAL_SIGN\t签名错误\nSYSTEM_ERROR\t系统错误").unwrap();
    assert_eq!(e.len(), 2);
}

#[test]
fn rust_doc_of_types() {
    assert_eq!(
        ParamType::String {
            min_len: None,
            max_len: Some(50)
        }
        .rust_doc(),
        "String(50)"
    );
    assert_eq!(ParamType::TEXT.rust_doc(), "String");
    assert_eq!(
        ParamType::Number {
            max_len: None,
            scale: None
        }
        .rust_doc(),
        "Number"
    );
    assert_eq!(
        ParamType::Number {
            max_len: Some(10),
            scale: None
        }
        .rust_doc(),
        "Number(10)"
    );
    assert_eq!(
        ParamType::Number {
            max_len: Some(9),
            scale: Some(2)
        }
        .rust_doc(),
        "Number(9,2)"
    );
    assert_eq!(
        ParamType::parse("Number(9,2)"),
        Some(ParamType::Number {
            max_len: Some(9),
            scale: Some(2)
        })
    );
    assert_eq!(ParamType::Date.rust_doc(), "Date");
    assert_eq!(
        ParamType::parse("string（32）"),
        Some(ParamType::String {
            min_len: None,
            max_len: Some(32)
        })
    );
}

//! Length ranges in type cells (`String(6-32)`, `String（1～64）`,
//! `String(1,64)`) and in a separate length column land in the model with
//! their minimum, in every layout; a range that cannot be read surely is an
//! error naming its line, parameter and cell.
mod common;

use alipay_mapi_codegen::{parse_document, Diagnostic, ParamType};
use common::*;

fn range(min: u32, max: u32) -> ParamType {
    ParamType::String {
        min_len: Some(min),
        max_len: Some(max),
    }
}

fn diags(text: &str) -> Vec<Diagnostic> {
    match parse_document(text) {
        Ok(doc) => panic!("expected diagnostics, got {doc:#?}"),
        Err(d) => d,
    }
}

#[test]
fn ranges_in_every_layout() {
    let tabs = "## 请求参数\n\n参数\t参数名称\t类型\t参数说明\t是否可为空\t样例\n\
                pwd\t密码\tString(6-32)\t密码\t不可空\tabcdef\n\
                token\t令牌\tString（1～64）\t令牌\t可空\tt\n\
                memo\t备注\tString(1,64)\t备注\t可空\tm\n";
    let markdown = "## 请求参数\n\n| 参数 | 参数名称 | 类型 | 参数说明 | 是否可为空 | 样例 |\n\
                    |---|---|---|---|---|---|\n\
                    | pwd | 密码 | String(6-32) | 密码 | 不可空 | abcdef |\n\
                    | token | 令牌 | String（1～64） | 令牌 | 可空 | t |\n\
                    | memo | 备注 | String(1,64) | 备注 | 可空 | m |\n";
    let html = "<h2>请求参数</h2><table>\
                <tr><th>参数</th><th>参数名称</th><th>类型</th><th>参数说明</th><th>是否可为空</th><th>样例</th></tr>\
                <tr><td>pwd</td><td>密码</td><td>String(6-32)</td><td>密码</td><td>不可空</td><td>abcdef</td></tr>\
                <tr><td>token</td><td>令牌</td><td>String（1～64）</td><td>令牌</td><td>可空</td><td>t</td></tr>\
                <tr><td>memo</td><td>备注</td><td>String(1,64)</td><td>备注</td><td>可空</td><td>m</td></tr>\
                </table>";
    let headerless = "## 请求参数\n\n\
                pwd\t密码\tString(6-32)\t密码\t不可空\tabcdef\n\
                token\t令牌\tString（1～64）\t令牌\t可空\tt\n\
                memo\t备注\tString(1,64)\t备注\t可空\tm\n";
    for (layout, text) in [
        ("tabs", tabs),
        ("markdown", markdown),
        ("html", html),
        ("headerless", headerless),
    ] {
        let doc = parse(text);
        let request = doc.request.as_ref().unwrap();
        assert_eq!(param(request, "pwd").ty, range(6, 32), "{layout}");
        assert_eq!(param(request, "token").ty, range(1, 64), "{layout}");
        assert_eq!(param(request, "memo").ty, range(1, 64), "{layout}");
    }
}

#[test]
fn a_separate_length_column_may_hold_a_range() {
    let text = "## 请求参数\n\n参数\t类型\t长度\t是否可为空\n\
                pwd\tString\t6-32\t不可空\n\
                memo\tString\t64\t可空\n\
                note\tString\t-\t可空\n";
    let doc = parse(text);
    let request = doc.request.as_ref().unwrap();
    assert_eq!(param(request, "pwd").ty, range(6, 32));
    assert_eq!(param(request, "memo").ty, s(64));
    assert_eq!(param(request, "note").ty, ParamType::TEXT);

    let d = diags(
        "## 请求参数\n\n参数\t类型\t长度\t是否可为空\n\
         pwd\tString\t32-6\t不可空\n",
    );
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].param.as_deref(), Some("pwd"));
    assert_eq!(d[0].cell.as_deref(), Some("32-6"));
    assert!(
        d[0].message.contains("minimum 32 above its maximum 6"),
        "{}",
        d[0]
    );
}

#[test]
fn a_bad_range_names_line_parameter_and_cell() {
    let d = diags(
        "## 请求参数\n\n参数\t参数名称\t类型\t参数说明\t是否可为空\n\
         pwd\t密码\tString(32-6)\t密码\t不可空\n\
         fee\t金额\tNumber(1-10)\t金额\t不可空\n\
         code\t代码\tString(6-8-9)\t代码\t不可空\n",
    );
    assert_eq!(d.len(), 3, "{d:#?}");
    assert_eq!(
        d[0].to_string(),
        "line 4: parameter `pwd`: type `String(32-6)`: the range `32-6` has its minimum 32 above its maximum 6; write it `String(6-32)` if that is what the document means"
    );
    assert_eq!(d[0].cell.as_deref(), Some("String(32-6)"));
    assert_eq!(d[1].param.as_deref(), Some("fee"));
    assert_eq!(d[1].cell.as_deref(), Some("Number(1-10)"));
    assert!(d[1].message.contains("cannot be told"), "{}", d[1]);
    assert_eq!(d[2].cell.as_deref(), Some("String(6-8-9)"));
    assert!(
        d[2].message.contains("not a range of two numbers"),
        "{}",
        d[2]
    );
}

#[test]
fn a_bad_range_in_a_row_without_header_is_an_error_too() {
    // Without a header the type column is found by content: a refused
    // type is no type, and the row fails rather than reading without it.
    let text = "## 请求参数\n\n\
                pwd\t密码\tString(32-6)\t密码\t不可空\tabcdef\n\
                memo\t备注\tString(64)\t备注\t可空\tm\n";
    assert!(parse_document(text).is_err());
}

#[test]
fn number_precision_and_scale_are_untouched() {
    let text = "## 请求参数\n\n参数\t类型\t是否可为空\n\
                fee\tNumber(10,2)\t不可空\n\
                fee2\tNumber（9，2）\t可空\n";
    let doc = parse(text);
    let request = doc.request.as_ref().unwrap();
    assert_eq!(
        param(request, "fee").ty,
        ParamType::Number {
            max_len: Some(10),
            scale: Some(2)
        }
    );
    assert_eq!(param(request, "fee2").ty.rust_doc(), "Number(9,2)");
}

/// A limit the remarks state for a `String` with no length lands in the
/// type, counted in characters; one that contradicts the type's is an error
/// at its row.
#[test]
fn a_limit_in_the_remarks_lands_in_the_model_or_is_an_error() {
    let doc = parse_document(
        "## 请求参数\n\n| 参数 | 参数名称 | 类型 | 参数说明 | 是否可为空 | 样例 |\n\
         |---|---|---|---|---|---|\n\
         | nick | 昵称 | String | 不超过6个字符 | 可空 | 小明 |\n\
         | memo | 备注 | String(400) | 最多200个字符 | 可空 | m |\n",
    )
    .unwrap();
    let request = doc.request.unwrap();
    let nick = &request.params[0];
    assert_eq!(
        nick.ty,
        ParamType::String {
            min_len: None,
            max_len: Some(6)
        }
    );
    assert_eq!(
        nick.length_rule,
        Some(alipay_mapi_codegen::LengthRule::Chars)
    );
    // Half the type's count: Chinese text at two bytes each, as before.
    assert_eq!(request.params[1].length_rule, None);
    let d = diags(
        "## 请求参数\n\n| 参数 | 参数名称 | 类型 | 参数说明 | 是否可为空 | 样例 |\n\
         |---|---|---|---|---|---|\n\
         | nick | 昵称 | String(8) | 不超过5个字符 | 可空 | 小明 |\n",
    );
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].line, Some(5));
    assert!(
        d[0].message
            .contains("the remarks say at most 5 characters"),
        "{}",
        d[0]
    );
}

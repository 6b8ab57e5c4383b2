//! Every kind of problem yields a located diagnostic, and all of them come
//! back together.
mod common;

use alipay_mapi_codegen::{
    check, parse_and_check, parse_document, parse_error_table, parse_table, Diagnostic, Options,
    TableKind,
};
use common::*;

fn diags(text: &str) -> Vec<Diagnostic> {
    match parse_document(text) {
        Ok(doc) => panic!("expected diagnostics, got {doc:#?}"),
        Err(d) => d,
    }
}

#[test]
fn all_bad_rows_reported_at_once() {
    let d = diags(&fixture("bad_rows.txt"));
    let lines: Vec<Option<usize>> = d.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(10), Some(11), Some(12), Some(13)], "{d:#?}");

    // Unknown type: line, param, cell.
    assert_eq!(d[0].param.as_deref(), Some("sns_user_id"));
    assert_eq!(d[0].cell.as_deref(), Some("Strin(50)"));
    assert_eq!(
        d[0].to_string(),
        "line 10: parameter `sns_user_id`: type `Strin(50)` is not one of String(n), String, URL(n), Number, Number(p), Number(p,s), Date"
    );
    // Bad nullability.
    assert_eq!(d[1].param.as_deref(), Some("key"));
    assert_eq!(d[1].cell.as_deref(), Some("maybe"));
    assert!(
        d[1].to_string()
            .starts_with("line 11: parameter `key`: nullability `maybe`"),
        "{}",
        d[1]
    );
    // Too few cells: says what is missing.
    assert_eq!(d[2].param.as_deref(), Some("return_url"));
    assert!(d[2].message.contains("only 3 cells"), "{}", d[2]);
    assert!(d[2].message.contains("nullability (`可空`)"), "{}", d[2]);
    // Duplicate: names both lines.
    assert_eq!(d[3].param.as_deref(), Some("sign"));
    assert!(
        d[3].to_string() == "line 13: parameter `sign`: duplicate parameter: already at line 7",
        "{}",
        d[3]
    );
}

#[test]
fn three_bad_rows_three_diagnostics() {
    let text = "## 请求参数\n参数名\t类型\t可空\n\
a\tStrng(5)\tN\nb\tString(5)\tperhaps\nc\tTxt(5)\tN\nd\tString\tN\n";
    let d = diags(text);
    assert_eq!(d.len(), 3, "{d:#?}");
    assert_eq!(
        d.iter()
            .map(|d| d.param.as_deref().unwrap())
            .collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
}

#[test]
fn missing_header() {
    // Rows whose columns cannot be told from their content (no
    // nullability word here) still need their header row.
    let text = "## 3、请求参数\n\nsign\tString(100)\tabc\nservice\tString(128)\tx\n";
    let d = diags(text);
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].to_string(),
        "line 3: table has no header row (expected columns such as 参数名/参数, 类型, 可空…)"
    );
    // A type-looking table without header is reported anywhere.
    let d = diags("intro\n\nfoo\tString(5)\tmaybe\n");
    assert_eq!(d[0].line, Some(3));
    // Inline form.
    let d = parse_table("sign\tString(100)\tabc\n", TableKind::Request).unwrap_err();
    assert!(
        d[0].to_string()
            .starts_with("line 1: request table has no header row"),
        "{}",
        d[0]
    );
    let d = parse_table("", TableKind::Response).unwrap_err();
    assert_eq!(d[0].line, Some(1));
}

#[test]
fn header_without_required_columns() {
    let d = diags("## 请求参数\n参数名\t类型\t说明\nsign\tString\tx\n");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].line, Some(2));
    assert!(d[0].message.contains("no nullability column"), "{}", d[0]);
}

#[test]
fn missing_request_table() {
    let text = "## 5.2 错误代码\n错误代码\t说明\nILLEGAL_SIGN\t签名错误\n";
    let doc = parse_document(text).unwrap();
    let d = check("sns.cae.sign.customer", doc, &Options::default()).unwrap_err();
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].message,
        "no request, return, notification or answer table (expected a section such as `请求参数` / `Request parameters` with a table of 参数名, 类型, 可空…); found only line 3: the error-code table (1 code)"
    );
}

#[test]
fn service_mismatch() {
    let mut text = fixture("seed_format.txt");
    // The `服务名` line and the `service` row's example both disagree.
    let d = check("sns.cae.sign.other", parse(&text), &Options::default()).unwrap_err();
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0].line, Some(5));
    assert_eq!(d[0].cell.as_deref(), Some("sns.cae.sign.customer"));
    assert!(d[0].message.contains("`sns.cae.sign.other`"));
    assert_eq!(d[1].line, Some(27));
    assert_eq!(d[1].param.as_deref(), Some("service"));
    assert_eq!(d[1].cell.as_deref(), Some("sns.cae.sign.customer"));
    assert!(d[1]
        .to_string()
        .starts_with("line 27: parameter `service`: the example `sns.cae.sign.customer`"));

    // Only the example disagrees.
    text = text.replace("**服务名:** sns.cae.sign.customer", "");
    text = text.replace("N\tsns.cae.sign.customer", "N\tsns.cae.sign.custom");
    let d = check("sns.cae.sign.customer", parse(&text), &Options::default()).unwrap_err();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].cell.as_deref(), Some("sns.cae.sign.custom"));
}

#[test]
fn bad_rows_in_html_and_markdown() {
    let html = "<h2>请求参数</h2><table><tr><th>参数</th><th>类型</th><th>可空</th></tr>\n\
<tr><td>a</td><td>Strin(5)</td><td>N</td></tr>\n<tr><td>b</td><td>String</td></tr>\n</table>";
    let d = diags(html);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!((d[0].line, d[1].line), (Some(2), Some(3)));
    let md = "## 请求参数\n| 参数 | 类型 | 可空 |\n|---|---|---|\n| a | String | X |\n| b | String | N |\n| b | String | N |\n";
    let d = diags(md);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0].cell.as_deref(), Some("X"));
    assert!(d[1].message.contains("duplicate"));
}

#[test]
fn non_ascii_name_means_wrong_column() {
    let d = diags("## 请求参数\n参数名\t类型\t可空\n签名 值\tString\tN\n");
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("is not a wire name"), "{}", d[0]);
}

#[test]
fn a_marker_or_two_names_in_the_name_cell_is_not_sent_as_the_name() {
    let d = diags("## 请求参数\n| 参数 | 类型 | 是否可为空 |\n|---|---|---|\n| *order_ref | String(8) | 不可空 |\n| a_ref/b_ref | String(8) | 可空 |\n");
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0].line, Some(4));
    assert!(
        d[0].message
            .contains("the `*` is a marker, not part of the wire name `order_ref`")
            && d[0].message.contains("`是否可为空`"),
        "{}",
        d[0]
    );
    assert!(
        d[1].message.contains("`a_ref/b_ref` is not a wire name"),
        "{}",
        d[1]
    );
}

#[test]
fn a_nullability_header_naming_both_ways_reads_words_not_y_or_n() {
    let d = diags("## Request parameters\n| Parameter | Type | Required/Optional |\n|---|---|---|\n| order_ref | String(8) | Y |\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("names both ways"), "{}", d[0]);
    let doc = parse(
        "## 请求参数\n参数\t类型\t必填/可选\norder_ref\tString(8)\t必填\nmemo\tString(8)\t可选\n",
    );
    let req = doc.request.as_ref().unwrap();
    assert!(!req.params[0].nullable && req.params[1].nullable);
    // One way only: Y reads as that way.
    let doc = parse("## 请求参数\n参数\t类型\t是否不可空\norder_ref\tString(8)\tY\n");
    assert!(!doc.request.as_ref().unwrap().params[0].nullable);
}

#[test]
fn error_table_problems() {
    let d = parse_error_table("错误代码\t说明\nA_B\tx\nA_B\ty\n").unwrap_err();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].line, Some(3));
    assert!(d[0].message.contains("line 2"));
    let d = parse_error_table("just prose").unwrap_err();
    assert!(d[0].message.contains("no header row"));
    // Codes that collide as variants.
    let doc = parse_document(
        "## 请求参数\n参数名\t类型\t可空\nx\tString\tN\n## 错误码\n错误码\t说明\nA_B\tx\nA.B\ty\n",
    )
    .unwrap();
    let d = check("a.b", doc, &Options::default()).unwrap_err();
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("`AB`"), "{}", d[0]);
}

#[test]
fn field_ident_collision() {
    let doc = parse_document(
        "## 请求参数\n参数名\t类型\t可空\nout-trade-no\tString\tN\nout_trade_no\tString\tN\n",
    )
    .unwrap();
    let d = check("x.y", doc, &Options::default()).unwrap_err();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].line, Some(4));
    assert!(d[0].message.contains("`out_trade_no`"));
}

#[test]
fn parse_and_check_reports_both_kinds() {
    let text = fixture("bad_rows.txt");
    let d = parse_and_check("sns.cae.sign.other", &text, &Options::default()).unwrap_err();
    // 4 row problems + the service line + the service example.
    assert_eq!(d.len(), 6, "{d:#?}");
    assert!(d.iter().any(|d| d.line == Some(1)));
    assert!(d
        .iter()
        .any(|d| d.line == Some(8) && d.param.as_deref() == Some("service")));
}

#[test]
fn display_without_line_or_param() {
    let d = Diagnostic::new("plain");
    assert_eq!(d.to_string(), "plain");
    assert_eq!(
        Diagnostic::new("m").param("p").to_string(),
        "parameter `p`: m"
    );
    assert_eq!(Diagnostic::new("m").at(3).to_string(), "line 3: m");
}

/// The errors of the layouts: one document shows them all, each naming
/// its line.
#[test]
fn layout_errors_name_the_line() {
    let d = diags(&fixture("layouts/bad_layouts.txt"));
    let shown: Vec<String> = d.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 6: parameter `a_b`: row has 6 cells, more than the 4 columns of the header at line 5; the extra cells are `多余`, `更多` (a cell with a stray separator, or a missing header cell?)",
            "line 11: the table at line 11 has no type column and no nullability column; found 参数, 参数说明, 样例",
            "line 16: the header at line 16 has no rows under it (expected one row per parameter)",
        ]
    );
    assert_eq!(d[0].cell.as_deref(), Some("多余 更多"));
}

#[test]
fn a_lost_separator_that_cannot_be_split_back() {
    // The type cell is bad too: splitting the nullability cell does not
    // make a row, and its second value must not vanish.
    let text = "## 请求参数\n参数名\t类型\t可空\t样例\nout_no\tStrin(8)\tN 2011\n";
    let d = diags(text);
    assert!(
        d.iter().any(|d| d.line == Some(3)
            && d.message.contains("holds two values")
            && d.cell.as_deref() == Some("N 2011")),
        "{d:#?}"
    );
}

#[test]
fn one_of_groups_from_the_remarks_and_the_declaration() {
    let text = "## 请求参数\n参数\t类型\t可空\t说明\n\
                a_no\tString(8)\tY\t与 b_no 二选一\n\
                b_no\tString(8)\tY\t见 a_no\n\
                c_no\tString(8)\tY\t和c_alt不能同时为空\n\
                c_alt\tString(8)\tY\t-\n\
                d_no\tString(8)\tN\t与 a_no 二选一（必填的不算）\n";
    let it = parse_and_check("x.y", text, &Options::default()).unwrap();
    assert_eq!(it.one_of, [vec!["a_no", "b_no"], vec!["c_no", "c_alt"]]);
    // Declared groups join them; a duplicate is dropped.
    let options = Options {
        one_of: vec![
            vec!["b_no".into(), "a_no".into()],
            vec!["c_alt".into(), "b_no".into()],
        ],
        ..Options::default()
    };
    let it = parse_and_check("x.y", text, &options).unwrap();
    assert_eq!(
        it.one_of,
        [
            vec!["a_no", "b_no"],
            vec!["c_no", "c_alt"],
            vec!["b_no", "c_alt"]
        ]
    );
    // A required or unknown name is an error.
    let options = Options {
        one_of: vec![vec!["d_no".into(), "zz".into()]],
        ..Options::default()
    };
    let d = parse_and_check("x.y", text, &options).unwrap_err();
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(d[0]
        .message
        .contains("`d_no`, which the request table marks required"));
    assert!(d[1]
        .message
        .contains("`zz`, which is not a business parameter"));
}

#[test]
fn either_groups_of_the_declaration() {
    let text = "## 请求参数\n参数\t类型\t可空\t说明\n\
                price\tNumber\tY\t单价\n\
                quantity\tNumber\tY\t数量\n\
                total_fee\tNumber\tY\t总额\n\
                subject\tString(8)\tN\t名称\n";
    let group = |alternatives: &[&[&str]]| -> Vec<Vec<String>> {
        alternatives
            .iter()
            .map(|a| a.iter().map(|n| (*n).to_owned()).collect())
            .collect()
    };
    let options = Options {
        either: vec![group(&[&["price", "quantity"], &["total_fee"]])],
        ..Options::default()
    };
    let it = parse_and_check("x.y", text, &options).unwrap();
    assert_eq!(
        it.either,
        [group(&[&["price", "quantity"], &["total_fee"]])]
    );
    // A required name, an unknown one and one named twice are errors.
    let options = Options {
        either: vec![group(&[&["price", "subject"], &["zz", "price"]])],
        ..Options::default()
    };
    let d = parse_and_check("x.y", text, &options).unwrap_err();
    let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[0].contains("`subject`, which the request table marks required"));
    assert!(messages[1].contains("`zz`, which is not a business parameter"));
    assert!(messages[2].contains("names `price` twice"));
}

#[test]
fn one_of_groups_listed_in_a_remark() {
    let text = "## 请求参数\n参数\t类型\t可空\t说明\n\
                seller_email\tString(100)\tY\t卖家账号\n\
                seller_id\tString(16)\tY\tseller_id、seller_email、seller_account_name三个参数至少必须传递一个。若都传，以seller_id为准\n\
                seller_account_name\tString(100)\tY\t见 seller_id\n\
                price\tNumber\tY\t单价，至少0.01元，与quantity相乘\n\
                quantity\tNumber\tY\t数量\n\
                buyer_id\tString(16)\tY\tOne of buyer_id, buyer_email must be given\n\
                buyer_email\tString(100)\tY\tEither buyer_id or buyer_email; this one is shown to the seller\n\
                notify_url\tString(190)\tY\tA price is required when quantity is given\n\
                subject\tString(256)\tN\tsubject、body 至少一个（必填的不算）\n\
                body\tString(400)\tY\t-\n";
    let it = parse_and_check("x.y", text, &Options::default()).unwrap();
    assert_eq!(
        it.one_of,
        [
            vec!["seller_email", "seller_id", "seller_account_name"],
            vec!["buyer_id", "buyer_email"],
        ]
    );
    // Both members marked required, the choice stated in the remarks (the
    // official PDFs' way): the remarks win, both are optional, one group.
    let text = "## 请求参数\n参数\t类型\t可空\t说明\n\
                seller_email\tString(100)\t不可空\t卖家Id已填时可为空\n\
                seller_user_id\tString(16)\t不可空\tseller_email和seller_user_id两者必填一个\n\
                batch_no\tString(32)\t不可空\t批次号\n";
    let it = parse_and_check("x.y", text, &Options::default()).unwrap();
    assert_eq!(it.one_of, [vec!["seller_email", "seller_user_id"]]);
    let nullable: Vec<(&str, bool)> = it
        .request
        .iter()
        .map(|f| (f.param.name.as_str(), f.param.nullable))
        .collect();
    assert_eq!(
        nullable,
        [
            ("seller_email", true),
            ("seller_user_id", true),
            ("batch_no", false)
        ]
    );
}

//! Whole documents in every format the gateway's docs come in.
mod common;

use alipay_mapi_codegen::{parse_document, ParamType};
use common::*;

#[test]
fn seed_format_every_field() {
    let doc = parse(&fixture("seed_format.txt"));
    assert_seed_facts(&doc);
    assert_eq!(doc.service, Some((5, "sns.cae.sign.customer".to_owned())));
    let req = doc.request.as_ref().unwrap();
    assert_eq!(req.header_line, 22);
    let sign = param(req, "sign");
    assert_eq!(sign.line, 24);
    assert_eq!(sign.description, "按网关签名规则生成");
    assert_eq!(
        sign.example.as_deref(),
        Some("_p_w_l_h_j0b_gd_aejia7n_ko4_m%2Fu_w_jd3_nx_s_k_mxus9_hoxg_y_r_lunli_pmma29_t_q==")
    );
    assert_eq!(param(req, "_input_charset").line, 25);
    assert_eq!(param(req, "return_url").line, 30);
    assert_eq!(param(req, "key").line, 32);
    assert_eq!(
        param(req, "key").example.as_deref(),
        Some("20110511EF39E0403F8F48EF8E02121C9824210F")
    );
    assert_eq!(param(req, "sign_type").description, "DSA、RSA或MD5");
    let resp = doc.response.as_ref().unwrap();
    assert_eq!(resp.header_line, 44);
    assert_eq!(param(resp, "is_success").line, 46);
    assert_eq!(
        param(resp, "is_success").description,
        "处理结果：T表示成功，F表示失败"
    );
    // The seed's wrapped sample sign keeps its inner spaces (collapsed).
    assert_eq!(
        param(resp, "sign").example.as_deref(),
        Some("MC4CFQCTPnn5A FV8S/cpP50WF6Or TKoqGAIVAKGyn G39xYzhPohCvaeC Z1/2I7MK")
    );
    let errors = doc.errors.as_ref().unwrap();
    assert_eq!(errors[0].line, 59);
    assert_eq!(errors[7].line, 66);
    assert_eq!(errors[2].meaning, "请求中的partner错误");
}

/// The seed itself, when the shared folder is beside the work tree.
#[test]
fn the_seed_when_present() {
    let path = format!(
        "{}/../../shared/seeds/000_877443a4242449e9.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("seed not found at {path}; skipped");
        return;
    };
    let doc = parse(&text);
    assert_seed_facts(&doc);
    let req = doc.request.as_ref().unwrap();
    assert_eq!(req.header_line, 26);
    assert_eq!(param(req, "sign").line, 28);
    let iface =
        alipay_mapi_codegen::check("sns.cae.sign.customer", doc, &Default::default()).unwrap();
    let fields: Vec<&str> = iface.request.iter().map(|f| f.ident.as_str()).collect();
    assert_eq!(fields, ["return_url", "sns_user_id", "key"]);
}

#[test]
fn html_page() {
    let doc = parse(&fixture("html_page.html"));
    assert_seed_facts(&doc);
    let req = doc.request.as_ref().unwrap();
    assert_eq!(req.header_line, 10);
    assert_eq!(param(req, "sign").line, 14);
    assert_eq!(param(req, "_input_charset").line, 22);
    assert_eq!(
        param(req, "_input_charset").description,
        "指定编码所用的字符集； 必须放在queryString中传递。"
    );
    assert_eq!(param(req, "sign_type").description, "DSA RSA MD5");
    assert_eq!(
        param(req, "return_url").description,
        "处理结果返回的URL，见说明"
    );
    assert_eq!(
        param(req, "sns_user_id").description,
        "用户帐号ID <唯一>：不可重复"
    );
    assert_eq!(
        param(req, "key").description,
        "支付宝分配给该SNS用户的key&其他说明 第二行"
    );
    let resp = doc.response.as_ref().unwrap();
    assert_eq!(
        param(resp, "sign").example.as_deref(),
        Some("MC4CFQCTPnn5AFV8S/cpP50WF6OrTKoqGAIVAKGynG39xYzhPohCvaeCZ1/2I7MK")
    );
    // The error table is on one line.
    assert!(doc.errors.unwrap().iter().all(|e| e.line == 53));
}

#[test]
fn markdown_pipe_tables() {
    let doc = parse(&fixture("markdown.md"));
    assert_eq!(
        doc.service.as_ref().map(|s| s.1.as_str()),
        Some("sns.cae.sign.customer")
    );
    let req = doc.request.as_ref().unwrap();
    assert_eq!(req.header_line, 7);
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
    // Backslash escapes, `\|` inside a cell, `-` example.
    assert_eq!(param(req, "sign").example.as_deref(), Some("_p_w_l_h_j0b"));
    assert_eq!(param(req, "sign_type").description, "DSA | RSA | MD5");
    assert_eq!(param(req, "key").example, None);
    assert_eq!(param(req, "sign").group.as_deref(), Some("基本参数"));
    assert_eq!(param(req, "sns_user_id").group.as_deref(), Some("业务参数"));
    assert_eq!(param(req, "sns_user_id").ty, s(50));
    // Pipe table without outer pipes, empty trailing cell.
    let resp = doc.response.as_ref().unwrap();
    assert_eq!(
        names(resp),
        ["is_success", "sign_type", "sign", "sns_user_id"]
    );
    assert_eq!(param(resp, "sign").example, None);
    assert_eq!(param(resp, "is_success").group, None);
    let codes: Vec<String> = doc.errors.unwrap().into_iter().map(|e| e.code).collect();
    assert_eq!(codes, SEED_ERRORS);
}

#[test]
fn alternative_header_order_crlf_spaces_fullwidth() {
    let text = fixture("alt_order_crlf.txt");
    assert!(text.contains("\r\n") && text.contains(" \t "));
    let doc = parse(&text);
    assert_eq!(
        doc.service,
        Some((3, "create_direct_pay_by_user".to_owned()))
    );
    let req = doc.request.as_ref().unwrap();
    assert_eq!(req.header_line, 7);
    assert_eq!(
        names(req),
        [
            "service",
            "partner",
            "_input_charset",
            "sign_type",
            "sign",
            "notify_url",
            "out_trade_no",
            "subject",
            "total_fee",
            "type",
            "gmt_create"
        ]
    );
    // `参数` is the wire name, `参数名称` the label, `参数说明` the description.
    let p = param(req, "partner");
    assert_eq!(p.label, "合作者身份ID");
    assert_eq!(p.description, "签约的支付宝账号对应的支付宝唯一用户号。");
    assert_eq!(p.ty, s(16));
    assert!(!p.nullable);
    assert_eq!(p.line, 10);
    assert_eq!(param(req, "service").ty, ParamType::TEXT);
    assert_eq!(param(req, "notify_url").ty, s(190));
    assert!(param(req, "notify_url").nullable);
    assert_eq!(param(req, "subject").ty, s(256));
    assert_eq!(
        param(req, "total_fee").ty,
        ParamType::Number {
            max_len: None,
            scale: None
        }
    );
    assert!(param(req, "total_fee").nullable);
    assert_eq!(param(req, "type").example, None);
    assert_eq!(param(req, "gmt_create").ty, ParamType::Date);
    assert!(param(req, "gmt_create").nullable);
    assert_eq!(param(req, "gmt_create").example, None);
    assert_eq!(
        param(req, "out_trade_no").group.as_deref(),
        Some("业务参数")
    );
    assert_eq!(param(req, "notify_url").group.as_deref(), Some("基本参数"));

    let resp = doc.response.as_ref().unwrap();
    assert_eq!(
        names(resp),
        [
            "is_success",
            "sign_type",
            "sign",
            "out_trade_no",
            "trade_status"
        ]
    );
    assert!(param(resp, "trade_status").nullable);
    assert!(!param(resp, "is_success").nullable);

    let errors = doc.errors.as_ref().unwrap();
    let codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["ILLEGAL_SIGN", "ILLEGAL_ARGUMENT", "UNKNOWN"]);
    assert_eq!(errors[0].meaning, "签名不正确");
    assert_eq!(errors[0].line, 47);
}

#[test]
fn async_notification_section() {
    let doc = parse(&fixture("alt_order_crlf.txt"));
    let notify = doc.notify.as_ref().expect("notify table");
    assert_eq!(notify.header_line, 35);
    assert_eq!(
        names(notify),
        [
            "notify_time",
            "notify_type",
            "notify_id",
            "sign_type",
            "sign",
            "out_trade_no",
            "total_fee"
        ]
    );
    let t = param(notify, "notify_time");
    assert_eq!(t.ty, ParamType::Date);
    assert_eq!(t.example.as_deref(), Some("2009-08-12 11:08:32"));
    assert_eq!(t.label, "通知时间");
    assert_eq!(
        param(notify, "total_fee").ty,
        ParamType::Number {
            max_len: Some(10),
            scale: Some(2)
        }
    );
    assert!(param(notify, "out_trade_no").nullable);
}

#[test]
fn english_headers_required_column_no_examples() {
    let doc = parse(&fixture("english.md"));
    assert_eq!(
        doc.service.as_ref().map(|s| s.1.as_str()),
        Some("single_trade_query")
    );
    let req = doc.request.as_ref().unwrap();
    assert_eq!(
        names(req),
        [
            "service",
            "partner",
            "_input_charset",
            "sign_type",
            "sign",
            "trade_no",
            "out_trade_no",
            "extra.param-x"
        ]
    );
    // Required: Yes = required.
    assert!(!param(req, "partner").nullable);
    assert!(param(req, "trade_no").nullable);
    assert!(param(req, "out_trade_no").nullable);
    assert!(param(req, "extra.param-x").nullable);
    assert_eq!(param(req, "extra.param-x").ty, s(8));
    assert_eq!(param(req, "partner").label, "Partner ID");
    assert_eq!(param(req, "partner").description, "Merchant id, 16 digits");
    assert!(req.params.iter().all(|p| p.example.is_none()));
    let resp = doc.response.as_ref().unwrap();
    // Optional: Yes = optional; no label column.
    assert!(!param(resp, "is_success").nullable);
    assert!(param(resp, "trade_status").nullable);
    assert_eq!(param(resp, "trade_status").label, "");
    assert_eq!(
        param(resp, "price").ty,
        ParamType::Number {
            max_len: Some(10),
            scale: Some(2)
        }
    );
    let errors = doc.errors.unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].code, "TRADE_NOT_EXIST");
    assert_eq!(errors[0].meaning, "The trade does not exist");
}

#[test]
fn section_rules() {
    // Sub-headings 3.1/3.2 without a direction keep the request section and
    // their tables merge; bold-line and English numbered headings work.
    let text = "\
## 3、请求参数\n\
### 3.1 基本参数\n\
参数名\t类型\t可空\n\
service\tString\tN\n\
partner\tString(16)\tN\n\
### 3.2 业务参数\n\
参数名\t类型\t可空\n\
out_trade_no\tString(64)\tN\n\
**页面跳转同步通知**\n\
参数名\t类型\t可空\n\
is_success\tString(1)\tN\n\
4. Asynchronous notification\n\
\n\
Some prose that explains the notification in a long sentence.\n\
\n\
参数名\t类型\t可空\n\
notify_id\tString\tN\n";
    let doc = parse(text);
    assert_eq!(
        names(doc.request.as_ref().unwrap()),
        ["service", "partner", "out_trade_no"]
    );
    assert_eq!(names(doc.response.as_ref().unwrap()), ["is_success"]);
    assert_eq!(names(doc.notify.as_ref().unwrap()), ["notify_id"]);
}

#[test]
fn tables_without_headings_go_request_then_response() {
    let text = "参数名\t类型\t可空\nservice\tString\tN\n\n\n参数名\t类型\t可空\nis_success\tString(1)\tN\n";
    let doc = parse(text);
    assert_eq!(names(doc.request.as_ref().unwrap()), ["service"]);
    assert_eq!(names(doc.response.as_ref().unwrap()), ["is_success"]);
}

#[test]
fn a_return_without_heading_is_the_return_though_it_carries_notify_id() {
    // The page-redirect return carries notify_id, notify_time and
    // notify_type too; a notification never carries is_success.
    let text = "<table><tbody>\
<tr><td>is_success</td><td>成功标识</td><td>String(1)</td><td>调用是否成功</td><td>不可空</td><td>T</td></tr>\
<tr><td>notify_id</td><td>通知校验ID</td><td>String</td><td>校验ID</td><td>可空</td><td>RqPnCoPT3K9</td></tr>\
<tr><td>out_trade_no</td><td>商户网站唯一订单号</td><td>String(64)</td><td>订单号</td><td>可空</td><td>6843192280647118</td></tr>\
</tbody></table>";
    let doc = parse(text);
    assert!(doc.notify.is_none(), "{:?}", doc.notify);
    assert_eq!(
        names(doc.response.as_ref().unwrap()),
        ["is_success", "notify_id", "out_trade_no"]
    );
    // Nothing says it is a page call: the declaration must say how the
    // interface is reached.
    let d = alipay_mapi_codegen::parse_and_check("x.y", text, &Default::default()).unwrap_err();
    assert!(
        d.iter()
            .any(|d| d.message.contains("would be the page-redirect return")
                && d.message.contains("access = \"page\"")
                && d.message.contains("--access server|app|page")),
        "{d:#?}"
    );
}

#[test]
fn two_tables_with_no_heading_between_that_repeat_names_are_one_error() {
    // The return and then the notification, both without their headings:
    // the second is no continuation of the first.
    let text = "参数名\t类型\t可空\nnotify_id\tString\tN\nnotify_time\tDate\tN\ntrade_no\tString(64)\tN\n\n\
                参数名\t类型\t可空\nnotify_id\tString\tN\nnotify_time\tDate\tN\nbuyer_id\tString(16)\tY\n";
    let d = one_diagnostic(text);
    assert_eq!(d.line, Some(6));
    assert!(
        d.message
            .contains("repeats parameters of the table at line 1 (`notify_id`, `notify_time`)"),
        "{}",
        d
    );
}

#[test]
fn caption_row_inside_html_table_names_the_section() {
    let text = "<table><tr><td colspan=3>服务器异步通知参数</td></tr>\
<tr><th>参数</th><th>类型</th><th>是否必填</th></tr>\
<tr><td>notify_id</td><td>String</td><td>是</td></tr>\
<tr><td>buyer_email</td><td>String(100)</td><td>否</td></tr></table>";
    let doc = parse(text);
    assert!(doc.request.is_none());
    let notify = doc.notify.unwrap();
    assert!(!param(&notify, "notify_id").nullable);
    assert!(param(&notify, "buyer_email").nullable);
}

#[test]
fn html_rowspan_group_column_and_uppercase_tags() {
    let text = "<H3>请求参数</H3>\n<TABLE BORDER=1>\n<TR><TH>分类</TH><TH>参数</TH><TH>类型</TH><TH>可空</TH></TR>\n\
<TR><TD ROWSPAN=\"2\">基本参数</TD><TD>service</TD><TD>String</TD><TD>N</TD></TR>\n\
<TR><TD>partner</TD><TD>String(16)</TD><TD>N</TD></TR>\n\
<TR><TD>业务参数</TD><TD>subject</TD><TD>String(256)</TD><TD>Y</TD></TR>\n</TABLE>";
    let doc = parse(text);
    let req = doc.request.unwrap();
    assert_eq!(names(&req), ["service", "partner", "subject"]);
    assert_eq!(param(&req, "partner").ty, s(16));
    assert_eq!(param(&req, "partner").line, 5);
    assert!(param(&req, "subject").nullable);
    // The group column names each row's group; a spanned cell keeps the
    // one above.
    let groups: Vec<Option<&str>> = req.params.iter().map(|p| p.group.as_deref()).collect();
    assert_eq!(
        groups,
        [Some("基本参数"), Some("基本参数"), Some("业务参数")]
    );
}

#[test]
fn a_length_column_is_read_as_the_types_parentheses_or_refused() {
    let table = |ty: &str, length: &str| {
        format!("## 请求参数\n参数\t类型\t长度\t可空\ngmt\t{ty}\t{length}\tN\n")
    };
    let ty = |ty: &str, length: &str| param(&parse(&table(ty, length)).request.unwrap(), "gmt").ty;
    assert_eq!(ty("String", "64"), s(64));
    assert_eq!(ty("String", "-"), ParamType::TEXT);
    assert_eq!(ty("Date", "19"), ParamType::Date);
    assert_eq!(
        ty("Number", "10,2"),
        ParamType::Number {
            max_len: Some(10),
            scale: Some(2)
        }
    );
    assert_eq!(ty("String(64)", "64"), s(64));
    // A unit in the cell, or a length the type cell contradicts: an error
    // at the row, never a length dropped.
    for (t, length, says) in [
        ("String", "64字节", "no length this reader knows"),
        ("String", "不超过64", "no length this reader knows"),
        ("String(64)", "32", "which one holds cannot be told"),
        ("Number(10,2)", "8", "which one holds cannot be told"),
    ] {
        let d = one_diagnostic(&table(t, length));
        assert_eq!((d.line, d.cell.as_deref()), (Some(3), Some(length)));
        assert!(d.message.contains(says), "{}", d);
    }
}

#[test]
fn a_date_with_a_length_is_the_date_time_or_text_of_that_length() {
    let req = parse("## 请求参数\n参数\t类型\t可空\na\tDate(19)\tN\nb\tDatetime(14)\tN\n")
        .request
        .unwrap();
    assert_eq!(param(&req, "a").ty, ParamType::Date);
    assert_eq!(param(&req, "b").ty, s(14));
}

#[test]
fn error_tables_read_every_cell_or_refuse() {
    let doc =
        |table: &str| format!("## 请求参数\n参数\t类型\t可空\na\tString\tN\n## 错误代码\n{table}");
    // A row-number column is no part of a meaning; an empty meaning is
    // the remarks alone.
    let d = parse(&doc(
        "序号\t错误代码\t含义\t解决方案\n1\tILLEGAL_SIGN\t签名错误\t\n2\tILLEGAL_KEY\t\t检查密钥\n",
    ));
    let errors = d.errors.unwrap();
    let read: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.code.as_str(), e.meaning.as_str()))
        .collect();
    assert_eq!(
        read,
        [("ILLEGAL_SIGN", "签名错误"), ("ILLEGAL_KEY", "检查密钥")]
    );
    // Codes side by side, and two codes in one cell: errors at their lines.
    let d = one_diagnostic(&doc(
        "错误代码\t含义\t错误代码\t含义\nILLEGAL_SIGN\t签名错误\tSYSTEM_ERROR\t系统错误\n",
    ));
    assert_eq!(d.line, Some(5));
    assert!(d.message.contains("second code column"), "{}", d);
    let d = one_diagnostic(&doc("错误代码\t含义\nILLEGAL_SIGN/ILLEGAL_KEY\t签名错误\n"));
    assert!(d.message.contains("two codes in one cell"), "{}", d);
}

#[test]
fn a_value_line_after_a_tab_tables_last_row_is_an_error() {
    let text = "## 请求参数\n参数\t参数名称\t类型\t参数说明\t是否可为空\t样例\n\
trade_status\t状态\tString(64)\t交易状态\t可空\tTRADE_SUCCESS\nTRADE_FINISHED\n";
    let d = one_diagnostic(text);
    assert_eq!(d.line, Some(4));
    assert!(
        d.message
            .contains("`TRADE_FINISHED`, right after the last row"),
        "{}",
        d
    );
    // Prose after the table stays prose.
    let doc = parse(&text.replace("TRADE_FINISHED\n", "注：金额单位为元。\n"));
    assert_eq!(
        param(&doc.request.unwrap(), "trade_status")
            .example
            .as_deref(),
        Some("TRADE_SUCCESS")
    );
}

#[test]
fn a_closing_tag_or_a_note_naming_response_ends_an_element() {
    let answer = |rows: &str| {
        let text = format!(
            "## 接口访问方式\n服务器调用\n## 请求参数\n参数\t类型\t可空\ntrade_no\tString(64)\tN\n\
## XML返回结果\n| 参数 | 类型 | 可空 |\n|---|---|---|\n{rows}"
        );
        let doc = parse(&text);
        let table = doc.answer.unwrap();
        table
            .params
            .iter()
            .map(|p| (p.name.clone(), p.path.join("/")))
            .collect::<Vec<_>>()
    };
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(n, p)| ((*n).to_owned(), (*p).to_owned()))
            .collect::<Vec<_>>()
    };
    let expected = pairs(&[("trade_no", "trade"), ("out_no", "")]);
    assert_eq!(
        answer("| &lt;trade&gt; |\n| trade_no | String(64) | N |\n| &lt;/trade&gt; |\n| out_no | String(64) | N |\n| &lt;/response&gt; |\n"),
        expected
    );
    assert_eq!(
        answer("| 以下参数在trade节点下 |\n| trade_no | String(64) | N |\n| 以下参数在response节点下 |\n| out_no | String(64) | N |\n"),
        expected
    );
    // A closing tag of another element than the one open is an error.
    let text = "## 接口访问方式\n服务器调用\n## 请求参数\n参数\t类型\t可空\ntrade_no\tString(64)\tN\n\
## XML返回结果\n| 参数 | 类型 | 可空 |\n|---|---|---|\n| &lt;trade&gt; |\n| trade_no | String(64) | N |\n| &lt;/buyer&gt; |\n| out_no | String(64) | N |\n";
    let d = alipay_mapi_codegen::parse_document(text).unwrap_err();
    assert!(
        d.iter().any(|d| d.message.contains("closes `buyer`")),
        "{d:#?}"
    );
}

#[test]
fn a_table_under_a_title_inside_a_section_that_names_no_parameter_is_an_error() {
    let table = "| 参数 | 参数名称 | 类型 | 可空 |\n|---|---|---|---|\n";
    let doc = |title: &str, second: &str| {
        format!(
            "## 3 请求参数\n\n{table}| details | 明细 | String | 不可空 |\n\n{title}\n\n{table}{second}\n"
        )
    };
    for title in ["以下为扩展参数：", "### 3.2 扩展参数"] {
        let d = one_diagnostic(&doc(title, "| subject | 标题 | String(64) | 不可空 |"));
        assert!(
            d.message.contains("(`subject`) comes under")
                && d.message.contains("names none of that table's parameters"),
            "{}",
            d
        );
    }
    // A title naming a parameter (by name or label) is that parameter's
    // format: set aside, as a heading of the section's own level is.
    for title in ["details 参数说明", "明细参数说明", "## 附加说明"] {
        let doc = parse(&doc(title, "| line_ref | 原交易号 | String(64) | 不可空 |"));
        assert_eq!(names(doc.request.as_ref().unwrap()), ["details"], "{title}");
        assert_eq!(doc.others.len(), 1, "{title}");
    }
}

#[test]
fn a_header_of_two_rows_is_one_header() {
    let html = "<h2>请求参数</h2><table><tr><th rowspan=\"2\">参数</th><th colspan=\"2\">类型</th>\
<th rowspan=\"2\">是否可为空</th></tr><tr><th>类型</th><th>长度</th></tr>\
<tr><td>out_trade_no</td><td>String</td><td>64</td><td>不可空</td></tr></table>";
    let markdown = "## 请求参数\n| 参数 | 类型 | | 是否可为空 |\n|---|---|---|---|\n\
| | 类型 | 长度 | |\n| out_trade_no | String | 64 | 不可空 |\n";
    for text in [html, markdown] {
        let req = parse(text).request.unwrap();
        assert_eq!(names(&req), ["out_trade_no"]);
        assert_eq!(param(&req, "out_trade_no").ty, s(64));
    }
}

#[test]
fn element_tags_on_lines_of_their_own_are_group_rows_of_a_tab_table() {
    let text =
        "## 接口访问方式\n服务器调用\n## 请求参数\n参数\t类型\t可空\ntrade_no\tString(64)\tN\n\
## XML返回结果\n参数\t类型\t可空\n<response>\n<trade>\ntrade_no\tString(64)\tN\n</trade>\n\
out_no\tString(64)\tN\n</response>\n";
    let answer = parse(text).answer.unwrap();
    let read: Vec<(&str, String)> = answer
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.path.join("/")))
        .collect();
    assert_eq!(
        read,
        [("trade_no", "trade".to_owned()), ("out_no", String::new())]
    );
}

#[test]
fn a_column_no_field_is_read_from_is_an_error() {
    // A misspelt remarks header: its rules (`二选一`) would be lost.
    let d = one_diagnostic("## 请求参数\n| 参数 | 参数名称 | 类型 | 备柱 | 是否可为空 | 样例 |\n|---|---|---|---|---|---|\n\
| trade_no | 交易号 | String(64) | 与 out_trade_no 二选一 | 不可空 | 1 |\n");
    assert_eq!(d.line, Some(2));
    assert_eq!(d.cell.as_deref(), Some("备柱"));
    assert!(
        d.message.contains("column 4")
            && d.message.contains("`备柱`")
            && d.message.contains("与 out_trade_no 二选一"),
        "{}",
        d
    );
    // A second description column.
    let d = one_diagnostic("## 请求参数\n参数\t类型\t描述\t备注\t可空\nsubject\tString(256)\t标题\t不超过 128 个汉字\tN\n");
    assert!(d.message.contains("a second description column"), "{}", d);
    // An unknown header over empty cells loses nothing, and a row-number
    // column is no loss either.
    let doc = parse("## 请求参数\n序号\t参数\t类型\t可空\t备柱\n1\tsubject\tString(256)\tN\t\n");
    assert_eq!(names(&doc.request.unwrap()), ["subject"]);
}

#[test]
fn tab_tables_with_lost_trailing_tabs_and_tab_runs() {
    // Group label without tabs (an editor stripped them) and a row whose
    // columns were aligned with double tabs.
    let text = "## 请求参数\n参数说明\t参数名\t类型(精度)\t备注\t可空\t样例\n基本参数\n\
签名\tsign\tString(100)\t签名\tN\tabc\n业务参数\n用户\t\tuser_id\t\tString(16)\t\tID\t\tY\t\t-\n";
    let doc = parse(text);
    let req = doc.request.unwrap();
    assert_eq!(names(&req), ["sign", "user_id"]);
    assert_eq!(param(&req, "user_id").group.as_deref(), Some("业务参数"));
    assert_eq!(param(&req, "user_id").ty, s(16));
    assert!(param(&req, "user_id").nullable);
}

#[test]
fn nullability_words_and_polarities() {
    let text = "## 请求参数\n参数名\t类型\t是否必填\n\
a\tString\t是\nb\tString\t否\nc\tString\t必填\nd\tString\t选填\ne\tString\tYes\nf\tString\tfalse\n";
    let req = parse(text).request.unwrap();
    let got: Vec<bool> = req.params.iter().map(|p| p.nullable).collect();
    assert_eq!(got, [false, true, false, true, false, true]);
    // An empty cell is a lost one (a merged cell a converter dropped), not
    // "optional".
    let d = one_diagnostic("## 请求参数\n参数名\t类型\t是否必填\ng\tString\t\n");
    assert!(
        d.message
            .contains("nullability cell (column `是否必填`) is empty"),
        "{}",
        d
    );
    let text = "## 请求参数\n参数名\t类型\t可空\na\tString\t是\nb\tString\t不可空\nc\tString\ttrue\nd\tString\t可选\n";
    let req = parse(text).request.unwrap();
    let got: Vec<bool> = req.params.iter().map(|p| p.nullable).collect();
    assert_eq!(got, [true, false, true, true]);
}

#[test]
fn error_tables_in_many_shapes() {
    let text = "## 错误码\n| 错误码 | 描述 | 解决方案 |\n|---|---|---|\n| TRADE_NOT_EXIST | 交易不存在 | 检查 |\n";
    let errs = parse(text).errors.unwrap();
    // The solution column is kept with the meaning, not dropped.
    assert_eq!(
        (errs[0].code.as_str(), errs[0].meaning.as_str()),
        ("TRADE_NOT_EXIST", "交易不存在; 检查")
    );
    // `含义` is the meaning, and the remarks beside it follow it.
    let text = "## 错误代码\n| 错误代码 | 含义 | 备注 |\n|---|---|---|\n| TRADE_NOT_EXIST | 交易不存在 | 多见于查询 |\n| ILLEGAL_SIGN | 签名不对 | |\n";
    let errs = parse(text).errors.unwrap();
    assert_eq!(
        (errs[0].meaning.as_str(), errs[1].meaning.as_str()),
        ("交易不存在; 多见于查询", "签名不对")
    );
    // No header under an error heading: accepted when every row is CODE<tab>meaning.
    let text = "## 5.2 错误代码\nILLEGAL_SIGN\t签名错误\nSYSTEM_ERROR\t系统错误\n";
    let errs = parse(text).errors.unwrap();
    assert_eq!(errs.len(), 2);
    // `code meaning` header with single spaces.
    let text = "Error codes\n\ncode meaning\nILLEGAL_SIGN bad sign\n";
    let errs = parse(text).errors.unwrap();
    assert_eq!(
        (errs[0].code.as_str(), errs[0].meaning.as_str()),
        ("ILLEGAL_SIGN", "bad sign")
    );
}

#[test]
fn space_separated_param_table() {
    let text = "Request parameters\n\nParameter    Type          Required   Description\nservice      String        Yes        The service\nsubject      String(256)   No         Goods title\n";
    let req = parse(text).request.unwrap();
    assert_eq!(names(&req), ["service", "subject"]);
    assert_eq!(param(&req, "subject").ty, s(256));
    assert!(param(&req, "subject").nullable);
    assert_eq!(param(&req, "subject").description, "Goods title");
}

#[test]
fn revision_and_other_tables_are_ignored() {
    let text = "## 修订历史\n版本号\t修订章节\t修订原因\t修订日期\n1.0\t1\t新增\t2011-10-07\n";
    let doc = parse(text);
    assert_eq!(doc, Default::default());
    assert!(parse_document("").is_ok());
}

#[test]
fn index_length_and_bilingual_columns() {
    let text = "## 请求参数 Request parameters\n\
序号\t参数名 Parameter\t中文名\t类型/Type\t长度\t是否必填\t描述\n\
1\tout_trade_no\t订单号\tString\t64\t是\t商户订单号\n\
2\ttotal_fee\t金额\tNumber(10,2)\t\t否\t\n";
    let req = parse(text).request.unwrap();
    assert_eq!(names(&req), ["out_trade_no", "total_fee"]);
    assert_eq!(param(&req, "out_trade_no").ty, s(64));
    assert_eq!(param(&req, "out_trade_no").label, "订单号");
    assert!(!param(&req, "out_trade_no").nullable);
    assert_eq!(
        param(&req, "total_fee").ty,
        ParamType::Number {
            max_len: Some(10),
            scale: Some(2)
        }
    );
    assert!(param(&req, "total_fee").nullable);
}

#[test]
fn minified_html_page_on_one_line() {
    let text = "<html><body><div><p class=\"title\">3、请求参数</p><table><tbody><tr><td><b>参数</b></td><td><b>参数名称</b></td><td><b>类型（长度范围）</b></td><td><b>参数说明</b></td><td><b>是否可为空</b></td><td><b>样例</b></td></tr><tr><td colspan=\"6\">基本参数</td></tr><tr><td>service</td><td>接口名称</td><td>String</td><td>接口名称。</td><td>不可空</td><td>x.y</td></tr></tbody></table><p class=\"title\">5.1 页面跳转同步通知参数</p><table><tr><td>参数</td><td>参数名称</td><td>类型</td><td>参数说明</td><td>是否可为空</td><td>样例</td></tr><tr><td>is_success</td><td>成功标识</td><td>String(1)</td><td>T/F</td><td>不可空</td><td>T</td></tr></table><p>5.2 服务器异步通知参数</p><table><tr><td>参数</td><td>参数名称</td><td>类型</td><td>参数说明</td><td>是否可为空</td><td>样例</td></tr><tr><td>notify_id</td><td>通知校验ID</td><td>String</td><td>&nbsp;</td><td>不可空</td><td>&nbsp;</td></tr></table></div></body></html>";
    let doc = parse(text);
    let req = doc.request.unwrap();
    assert_eq!(names(&req), ["service"]);
    assert_eq!(param(&req, "service").group.as_deref(), Some("基本参数"));
    assert_eq!(param(&req, "service").label, "接口名称");
    assert_eq!(names(&doc.response.unwrap()), ["is_success"]);
    let notify = doc.notify.unwrap();
    assert_eq!(names(&notify), ["notify_id"]);
    assert_eq!(param(&notify, "notify_id").example, None);
    assert_eq!(param(&notify, "notify_id").description, "");
}

#[test]
fn tab_row_split_by_a_line_break_in_a_cell() {
    let text = "## 请求参数\n参数说明\t参数名\t类型(精度)\t备注\t可空\t样例\n\
签名方式\tsign_type\tString(3)\tDSA、RSA或MD5\n必须大写。\tN\tDSA\n\
接口名称\tservice\tString(128)\t服务名\tN\t\n\
用户\tuser\tString(8)\t没有样例\tY\n";
    let req = parse(text).request.unwrap();
    assert_eq!(names(&req), ["sign_type", "service", "user"]);
    let p = param(&req, "sign_type");
    assert_eq!(p.description, "DSA、RSA或MD5 必须大写。");
    assert_eq!(p.example.as_deref(), Some("DSA"));
    assert_eq!(p.line, 3);
    assert!(param(&req, "user").nullable);
}

#[test]
fn layout_table_and_word_html() {
    let text = r#"<html><body><table class=layout width="100%"><tr><td>
<h2 class=MsoHeading2>3、请求参数</h2>
<p class=MsoNormal><b>注意：</b>返回参数见第5节。</p>
<table class=MsoTableGrid border=1>
<tr><td><p class=MsoNormal><b><span lang=ZH-CN>参数</span></b><o:p></o:p></p></td><td><p><b>类型</b></p></td><td><p><b>可空</b></p></td></tr>
<tr><td><p class=MsoNormal><span lang=EN-US>out_trade_no<o:p></o:p></span></p></td><td>String(64)</td><td>N</td></tr>
<!--[if gte mso 9]><xml>x</xml><![endif]-->
</table>
<h2>5、返回参数</h2>
<table><tr><th>参数</th><th>类型</th><th>可空</th></tr><tr><td>is_success</td><td>String(1)</td><td>N</td></tr></table>
</td></tr></table></body></html>"#;
    let doc = parse(text);
    assert_eq!(names(doc.request.as_ref().unwrap()), ["out_trade_no"]);
    assert_eq!(doc.request.as_ref().unwrap().params[0].line, 6);
    assert_eq!(names(doc.response.as_ref().unwrap()), ["is_success"]);
}

/// Shapes seen in real gateway pages converted to Markdown: a separator row
/// shorter than the header, a one-cell row naming the response wrapper (a
/// label, not a parameter), `不可空`/`可空`, camelCase names, a code table
/// with numeric codes.
#[test]
fn markdown_with_wrapper_rows_and_short_separators() {
    let text = "\
#### 3.1 请求参数

| 参数 | 参数名称 | 类型（长度范围） | 参数说明 | 是否可为空 | 样例 |
| ------------ | -------------|
| 协议参数 |
| displayName | 显示名 | String | 展示给用户的名字 | 不可空 | 张三 |
| bindAccountNo | 绑定账号 | String(64) | 商户侧的会员号 | 可空 | 6226 |

#### 3.2 返回参数

| 参数 | 参数名称 | 类型（长度范围） | 参数说明 | 是否可为空 | 样例 |
| ------------ | -------------|
| some_service_response |
| code | 结果码 | String | 200 表示成功 | 不可空 | 200 |
| agreement_id | 协议号 | String | 成功时返回 | 可空 | 1 |

### 4 业务返回码

| 返回码 | 含义 |
| ------------ | -------------|
| 200 | 成功 |
| 503 | 系统错误 |
";
    let doc = parse_document(text).unwrap();
    let request = doc.request.as_ref().unwrap();
    assert_eq!(names(request), ["displayName", "bindAccountNo"]);
    assert!(!param(request, "displayName").nullable);
    assert!(param(request, "bindAccountNo").nullable);
    assert_eq!(param(request, "bindAccountNo").ty, s(64));
    let response = doc.response.as_ref().unwrap();
    assert_eq!(names(response), ["code", "agreement_id"]);
    assert_eq!(
        param(response, "code").group.as_deref(),
        Some("some_service_response")
    );
    let codes = codes(&doc);
    assert_eq!(codes, ["200", "503"]);
}

#[test]
fn synchronous_and_asynchronous_notification_headings() {
    // The return is often headed as a "synchronous notification"; the
    // notification as an "asynchronous" one. Neither table may be lost.
    let doc = parse(
        "## Request parameters\n\n\
         | Parameter | Type | Required | Description |\n|---|---|---|---|\n\
         | order_ref | String(32) | Required | the shop's order |\n\n\
         ## Synchronous notification parameters (return_url)\n\n\
         | Parameter | Type | Required | Description |\n|---|---|---|---|\n\
         | is_success | String(1) | Required | T or F |\n\
         | trade_state | String | Required | the state |\n\n\
         ## Asynchronous notification parameters (notify_url)\n\n\
         | Parameter | Type | Required | Description |\n|---|---|---|---|\n\
         | notify_id | String | Required | for resends |\n\
         | trade_ref | String(64) | Required | the gateway's number |\n",
    );
    let names = |t: &alipay_mapi_codegen::Table| -> Vec<String> {
        t.params.iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(
        names(doc.response.as_ref().unwrap()),
        ["is_success", "trade_state"]
    );
    assert_eq!(
        names(doc.notify.as_ref().unwrap()),
        ["notify_id", "trade_ref"]
    );
    for (heading, response) in [
        ("页面跳转通知参数", true),
        ("前台通知参数", true),
        ("后台通知参数", false),
        ("Page redirect notification", true),
    ] {
        let doc = parse(&format!(
            "## 请求参数\n参数\t类型\t可空\nout_no\tString(8)\tN\n\n## {heading}\n参数\t类型\t可空\nstate\tString\tN\n"
        ));
        assert_eq!(doc.response.is_some(), response, "{heading}");
        assert_eq!(doc.notify.is_some(), !response, "{heading}");
    }
}

#[test]
fn a_second_table_headed_with_the_same_kind_joins_it() {
    // Two headings that both say "request": both tables are the request's,
    // never one of them set aside.
    let doc = parse(
        "### 公共请求参数说明\n\
         参数\t类型\t可空\nnotify_url\tString(200)\tY\n\n\
         ### 业务请求参数说明\n\
         参数\t类型\t可空\nout_no\tString(8)\tN\n\n\
         #### 3.1 out_no 参数说明\n\
         参数\t类型\t可空\nprefix\tString(2)\tN\n",
    );
    let request: Vec<&str> = doc
        .request
        .as_ref()
        .unwrap()
        .params
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(request, ["notify_url", "out_no"]);
    // The sub-parameter table under a heading naming no kind stays apart.
    assert_eq!(doc.others.len(), 1, "{:?}", doc.others);
}

#[test]
fn a_line_break_in_the_last_cell_of_a_tab_row_continues_it() {
    // A browser copy of a table whose last column holds a <br>: the text
    // after the break sits on a line of its own, before the next row.
    let doc = parse(
        "请求参数\n参数\t类型\t是否可为空\t描述\n\
         基本参数\n\
         ref_a\tString(64)\t可空\t第一个编号。\n与ref_b二选一。\n\
         ref_b\tString(64)\t可空\t第二个编号。\n\
         业务参数\n\
         list\tString\t不可空\t明细，如\n1^2.00#\n3^4.00\n\
         memo\tString(8)\t可空\t备注\n\
         注意：\n以上为示意。\n",
    );
    let req = doc.request.as_ref().unwrap();
    let names: Vec<&str> = req.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ref_a", "ref_b", "list", "memo"]);
    assert_eq!(
        param(req, "ref_a").description,
        "第一个编号。 与ref_b二选一。"
    );
    assert_eq!(param(req, "ref_b").description, "第二个编号。");
    assert_eq!(param(req, "list").description, "明细，如 1^2.00# 3^4.00");
    assert_eq!(param(req, "list").group.as_deref(), Some("业务参数"));
    // After the last row, text stays text.
    assert_eq!(param(req, "memo").description, "备注");
}

#[test]
fn tables_in_block_quotes_and_with_full_width_bars() {
    let doc = parse(
        "## 请求参数\n\n\
         ｜ 参数 ｜ 类型 ｜ 是否可为空 ｜ 说明 ｜\n｜---｜---｜---｜---｜\n\
         ｜ order_ref ｜ String(64) ｜ 不可空 ｜ 订单号 ｜\n\
         ｜ title ｜ String(256) ｜ 可空 ｜ 标题 ｜\n\n\
         ## 页面跳转同步通知参数\n\n\
         > | 参数 | 类型 | 是否可为空 | 说明 |\n> |---|---|---|---|\n\
         > | is_success | String(1) | 不可空 | T 或 F |\n\
         > | trade_ref | String(64) | 可空 | 交易号 |\n",
    );
    let req = doc.request.as_ref().unwrap();
    assert_eq!(req.params.len(), 2);
    assert_eq!(param(req, "title").description, "标题");
    assert!(!param(req, "order_ref").nullable);
    let resp = doc.response.as_ref().unwrap();
    assert_eq!(resp.params.len(), 2);
    assert_eq!(param(resp, "trade_ref").description, "交易号");
    assert_eq!(resp.header_line, 10);
}

#[test]
fn a_sub_table_under_a_plain_title_line_is_not_merged_into_the_request() {
    // Browser text: the sub-parameter table's title is a plain line, and
    // its header differs from the request's.
    let doc = parse(
        "请求参数\n参数\t参数名称\t类型\t参数说明\t是否可为空\t样例\n\
         batch_ref\t批次号\tString(32)\t批次号。\t不可空\t20110112\n\
         details\t明细\tString\t明细数据。\t不可空\t1^5.00^理由\n\
         明细参数说明\n参数\t参数名称\t类型\t说明\t是否可为空\n\
         line_ref\t原交易号\tString(64)\t原交易号\t不可空\n\
         amount\t金额\tNumber\t金额\t不可空\n",
    );
    let req = doc.request.as_ref().unwrap();
    let names: Vec<&str> = req.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["batch_ref", "details"]);
    assert_eq!(doc.others.len(), 1, "{:?}", doc.others);
    // The same header repeated after a page break, spelt a little
    // differently, still continues the table.
    let doc = parse(
        "请求参数\n参数\t类型(长度)\t是否可为空\n\
         a_ref\tString(8)\t不可空\n\
         参数\t类型（长度）\t是否可为空\n\
         b_ref\tString(8)\t可空\n",
    );
    let req = doc.request.as_ref().unwrap();
    let names: Vec<&str> = req.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["a_ref", "b_ref"]);
}

#[test]
fn an_html_caption_is_the_tables_heading() {
    let doc = parse(
        "<table><caption>请求参数</caption>\
         <tr><th>参数</th><th>类型</th><th>是否可为空</th></tr>\
         <tr><td>order_ref</td><td>String(64)</td><td>不可空</td></tr></table>\n\
         <table><caption>服务器异步通知参数</caption>\
         <tr><th>参数</th><th>类型</th><th>是否可为空</th></tr>\
         <tr><td>trade_ref</td><td>String(64)</td><td>不可空</td></tr></table>\n",
    );
    assert_eq!(doc.request.as_ref().unwrap().params[0].name, "order_ref");
    assert!(doc.response.is_none());
    assert_eq!(doc.notify.as_ref().unwrap().params[0].name, "trade_ref");
}

#[test]
fn a_table_inside_a_cell_is_the_cells_text() {
    let doc = parse(
        "<h3>请求参数</h3><table>\
         <tr><th>参数</th><th>类型</th><th>参数说明</th><th>是否可为空</th></tr>\
         <tr><td>order_ref</td><td>String(64)</td><td>订单号。</td><td>不可空</td></tr>\
         <tr><td>ship_kind</td><td>String</td><td>取值：<table><tr><td>POST</td><td>平邮</td></tr>\
         <tr><td>EXPRESS</td><td>快递</td></tr></table></td><td>可空</td></tr>\
         <tr><td>memo</td><td>String(8)</td><td>备注</td><td>可空</td></tr>\
         </table>",
    );
    let req = doc.request.as_ref().unwrap();
    let names: Vec<&str> = req.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["order_ref", "ship_kind", "memo"]);
    let kinds = &param(req, "ship_kind").description;
    assert!(kinds.contains("POST") && kinds.contains("快递"), "{kinds}");
    assert!(param(req, "ship_kind").nullable);
}

#[test]
fn a_table_after_text_under_the_same_heading_is_an_error_not_merged() {
    // A sub-table whose title line names no section: a continuation or
    // another table cannot be told, so the reader says so.
    let text = "请求参数说明\n\n| 参数 | 类型 | 是否可为空 |\n|---|---|---|\n| batch_ref | String(32) | 不可空 |\n\n\
                detail_data 每笔的格式：\n\n| 参数 | 类型 | 是否可为空 |\n|---|---|---|\n| serial | String(64) | 不可空 |\n";
    let d = one_diagnostic(text);
    assert_eq!(d.line, Some(9));
    assert!(d.message.contains("after the text at line 7"), "{}", d);
    // A group label between the parts still continues the table.
    let doc = parse(
        "请求参数说明\n\n| 参数 | 类型 | 是否可为空 |\n|---|---|---|\n| batch_ref | String(32) | 不可空 |\n\n\
         业务参数\n\n| 参数 | 类型 | 是否可为空 |\n|---|---|---|\n| serial | String(64) | 不可空 |\n",
    );
    assert_eq!(doc.request.as_ref().unwrap().params.len(), 2);
    // Under a title about parameters (`回调参数`), the table is another one:
    // its rows say it is the notification.
    let doc = parse(
        "请求参数\n\n| 参数 | 类型 | 是否可为空 |\n|---|---|---|\n| order_ref | String(64) | 不可空 |\n\n\
         回调参数\n\n| 参数 | 类型 | 是否可为空 |\n|---|---|---|\n| notify_id | String | 不可空 |\n| state | String | 不可空 |\n",
    );
    assert_eq!(doc.request.as_ref().unwrap().params.len(), 1);
    assert_eq!(doc.notify.as_ref().unwrap().params.len(), 2);
}

#[test]
fn error_codes_copied_as_text_are_read_not_lost() {
    let codes = |text: &str| -> Vec<(String, String)> {
        parse(text)
            .errors
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.code, e.meaning))
            .collect()
    };
    let pair = |c: &str, m: &str| (c.to_owned(), m.to_owned());
    // Copied with spaces from a PDF viewer.
    assert_eq!(
        codes("## 请求参数\n参数\t类型\t可空\na_no\tString\tN\n\n错误代码\n\nILLEGAL_SIGN 签名不对\nTRADE_NOT_EXIST 没有这笔交易\n"),
        [pair("ILLEGAL_SIGN", "签名不对"), pair("TRADE_NOT_EXIST", "没有这笔交易")]
    );
    // One cell per line, and a row whose meaning wrapped onto the next line.
    assert_eq!(
        codes("## 请求参数\n参数\t类型\t可空\na_no\tString\tN\n\n## 错误代码\n\n错误代码\n\n含义\n\nILLEGAL_SIGN\n\n签名不对\n"),
        [pair("ILLEGAL_SIGN", "签名不对")]
    );
    assert_eq!(
        codes("## 请求参数\n参数\t类型\t可空\na_no\tString\tN\n\n## 错误代码\n错误代码\t含义\nILLEGAL_SIGN\t签名不对\nTRADE_NOT_EXIST\n没有这笔交易\nSYSTEM_ERROR\t系统出错\n"),
        [
            pair("ILLEGAL_SIGN", "签名不对"),
            pair("TRADE_NOT_EXIST", "没有这笔交易"),
            pair("SYSTEM_ERROR", "系统出错")
        ]
    );
    // A meaning that wrapped onto a line of its own inside the tab table.
    assert_eq!(
        codes("## 请求参数\n参数\t类型\t可空\na_no\tString\tN\n\n## 错误代码\n错误代码\t含义\nILLEGAL_ARGUMENT\t参数不对\n请检查参数\nSYSTEM_ERROR\t系统出错\n"),
        [pair("ILLEGAL_ARGUMENT", "参数不对 请检查参数"), pair("SYSTEM_ERROR", "系统出错")]
    );
    // Rows that are not one code each: an error, not an empty table.
    let d = alipay_mapi_codegen::parse_document(
        "## 请求参数\n参数\t类型\t可空\na_no\tString\tN\n\n## 错误代码\nILLEGAL_SIGN、ILLEGAL_KEY\t签名不对\nSYSTEM_ERROR\t系统出错\n",
    )
    .unwrap_err();
    assert!(
        d.iter()
            .any(|d| d.message.contains("not `CODE ⇥ meaning` rows")),
        "{d:#?}"
    );
}

#[test]
fn a_row_split_over_a_page_break_is_joined_a_row_without_a_name_is_not() {
    // What the PDF reader gives for a row that broke across pages: the
    // rest of its cells in a row with no name.
    let doc = parse(
        "## 请求参数\n\n| 参数 | 参数名称 | 类型 | 参数说明 | 是否可为空 | 样例 |\n|---|---|---|---|---|---|\n\
         | shares | 分润 | String(1000) | 格式：账号^金额，多条之间 |  |  |\n\
         |  |  |  | 用竖线分隔。 | 可空 | a@b.example^0.01 |\n\
         | amount | 金额 | String(1 |  | 不可空 | 1.00 |\n\
         |  |  | 6) | 总金额 |  |  |\n\
         | memo | 备注 | String(8) | 备注 | 可空 | x |\n",
    );
    let req = doc.request.as_ref().unwrap();
    let names: Vec<&str> = req.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["shares", "amount", "memo"]);
    let shares = param(req, "shares");
    assert_eq!(shares.description, "格式：账号^金额，多条之间用竖线分隔。");
    assert!(shares.nullable);
    assert_eq!(shares.example.as_deref(), Some("a@b.example^0.01"));
    assert_eq!(
        param(req, "amount").ty,
        ParamType::String {
            min_len: None,
            max_len: Some(16)
        }
    );
    // A row whose name was lost (its own type and nullability) stays an
    // error, never joined to the row above.
    let d = alipay_mapi_codegen::parse_document(
        "## 请求参数\n\n| 参数 | 类型 | 是否可为空 |\n|---|---|---|\n| a_no | String(8) | 可空 |\n|  | String(16) | 不可空 |\n",
    )
    .unwrap_err();
    assert!(
        d.iter().any(|d| d.message.contains("no parameter name")),
        "{d:#?}"
    );
}

//! Tables as people paste them out of the gateway's web pages and into
//! their code: the layouts a trial with real pastes found read wrongly or
//! refused. The texts are written for these tests, in the pastes' shapes.
mod common;

use alipay_mapi_codegen::{check, parse_and_check, parse_document, Access, Options};
use common::*;

/// A tab-separated return table whose `trade_status` description holds
/// line breaks and ends with one, so that the nullability cell starts a
/// line of its own with no tab before it.
const RETURN_CELL_ENDS_WITH_BREAK: &str = "页面跳转同步通知参数\n\
参数\t参数名称\t类型（字节长度）\t参数说明\t是否可为空\t样例\n\
is_success\t成功标识\tString(1)\t请求是否成功。\t不可空\tT\n\
trade_status\t交易状态\tString\t交易的状态，取值：\n\
TRADE_FINISHED（交易完成）；\n\
TRADE_SUCCESS（支付成功）\n\
可空\tTRADE_SUCCESS\n\
total_fee\t交易金额\tNumber\t订单金额，单位元。\t可空\t1.00\n";

#[test]
fn a_cell_ending_in_a_line_break_ends_before_the_nullability_word() {
    let doc = parse(RETURN_CELL_ENDS_WITH_BREAK);
    let response = doc.response.as_ref().expect("return table");
    assert_eq!(names(response), ["is_success", "trade_status", "total_fee"]);
    let status = param(response, "trade_status");
    assert!(status.nullable);
    assert_eq!(status.example.as_deref(), Some("TRADE_SUCCESS"));
    assert!(
        status.description.contains("TRADE_FINISHED") && status.description.contains("支付成功"),
        "{:?}",
        status.description
    );
}

#[test]
fn a_type_cell_is_never_held_over_lines() {
    // The copy broke the row after its type cell: the description starts
    // a line of its own.
    let text = RETURN_CELL_ENDS_WITH_BREAK.replace("String\t交易的状态", "String\n交易的状态");
    let doc = parse(&text);
    let status = param(doc.response.as_ref().unwrap(), "trade_status");
    assert_eq!(status.label, "交易状态");
    assert!(status.description.starts_with("交易的状态"));
    assert!(status.nullable);
}

#[test]
fn a_row_that_cannot_be_completed_is_still_an_error() {
    // Two words too many for the row: no reading makes it six cells.
    let text = RETURN_CELL_ENDS_WITH_BREAK
        .replace("可空\tTRADE_SUCCESS", "可空\tTRADE_SUCCESS\t多余\t更多");
    let diags = parse_document(&text).unwrap_err();
    assert!(
        diags.iter().any(|d| d.to_string().contains("trade_status")),
        "{diags:?}"
    );
}

const NOTIFY_HEADER: &str = "参数\t参数名称\t类型\t参数说明\t是否可为空\t样例";

fn notify_rows() -> String {
    [
        "notify_time\t通知时间\tDate\t发送通知的时间。\t不可空\t2010-01-01 10:00:00",
        "notify_id\t通知校验ID\tString\t校验用的编号。\t不可空\tabc",
        "out_trade_no\t商户订单号\tString(64)\t商户的订单号。\t可空\t123",
    ]
    .join("\n")
}

#[test]
fn blank_lines_and_a_group_row_between_the_header_and_the_rows() {
    for between in ["\n\n基本参数\n\n", "\n\n", "\n基本参数\n\n"] {
        let text = format!(
            "服务器异步通知参数\n{NOTIFY_HEADER}{between}{}\n",
            notify_rows()
        );
        let doc = parse(&text);
        let notify = doc.notify.as_ref().expect("notification table");
        assert_eq!(
            names(notify),
            ["notify_time", "notify_id", "out_trade_no"],
            "{between:?}"
        );
    }
}

#[test]
fn copied_with_spaces_and_a_blank_line_after_the_header() {
    let spaced = |l: &str| l.replace('\t', "   ");
    let text = format!(
        "服务器异步通知参数\n{}\n\n基本参数\n\n{}\n",
        spaced(NOTIFY_HEADER),
        notify_rows()
            .lines()
            .map(spaced)
            .collect::<Vec<_>>()
            .join("\n")
    );
    let doc = parse(&text);
    let notify = doc.notify.as_ref().expect("notification table");
    assert_eq!(names(notify), ["notify_time", "notify_id", "out_trade_no"]);
    assert_eq!(param(notify, "notify_id").label, "通知校验ID");
}

/// Rows pasted into a Java comment with a tab after `//`, no header, one
/// cell over three lines.
const COMMENTED_ROWS: &str = "public class RefundNotify {\n\
//\tnotify_time\t通知时间\tDate\t发送通知的时间。\t不可空\t2010-01-01 10:00:00\n\
//\tbatch_no\t退款批次号\tString\t提交时的批次号。\t不可空\t20100101001\n\
//\tresult_details\t处理结果\tString\t每笔退款的结果，格式：\n\
//\t交易号^退款金额^结果\n\
//\t多笔用#分开。\t可空\t2010^1.00^SUCCESS\n\
\tprivate String batchNo;\n\
}\n";

#[test]
fn rows_in_comments_with_a_tab_after_the_marker_keep_their_labels() {
    let doc = parse(COMMENTED_ROWS);
    let table = doc
        .request
        .as_ref()
        .or(doc.notify.as_ref())
        .expect("a table");
    assert_eq!(names(table), ["notify_time", "batch_no", "result_details"]);
    assert_eq!(param(table, "batch_no").label, "退款批次号");
    let details = param(table, "result_details");
    assert_eq!(details.label, "处理结果");
    assert!(details.nullable);
    assert!(details.description.contains("多笔用#分开"), "{details:?}");
}

#[test]
fn a_column_without_header_that_lands_nowhere_is_an_error() {
    // Label before the name and a remark after the type: the remark
    // column is none of the inferred ones.
    let text = "a_b\t名称一\t说明甲\tString(8)\t不可空\n\
                c_d\t名称二\t说明乙\tString(8)\t可空\n\
                e_f\t名称三\t说明丙\tString(8)\t可空\n";
    let diags = parse_document(text).unwrap_err();
    let message = diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        message.contains("column 3") && message.contains("说明甲"),
        "{message}"
    );
}

/// A server call's document that states no access kind and heads its
/// answer the way page returns are also headed.
const UNSURE_RETURN: &str = "## 请求参数\n\n\
| 参数 | 类型 | 参数说明 | 是否可为空 |\n|---|---|---|---|\n\
| service | String | 接口名称 | 不可空 |\n\
| trade_no | String(64) | 交易号 | 可空 |\n\n\
## 同步返回\n\n\
| 参数 | 类型 | 参数说明 | 是否可为空 |\n|---|---|---|---|\n\
| is_success | String | 是否成功 | 不可空 |\n\
| buyer_email | String(100) | 买家账号 | 可空 |\n";

#[test]
fn a_return_only_its_heading_made_one_needs_the_access_kind() {
    let diags =
        parse_and_check("single_trade_query", UNSURE_RETURN, &Options::default()).unwrap_err();
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("access = \"server\"")),
        "{diags:?}"
    );
    // Stated by the declaration: the answer.
    let server = Options {
        access: Some(Access::Server),
        ..Options::default()
    };
    let interface = parse_and_check("single_trade_query", UNSURE_RETURN, &server).unwrap();
    assert!(interface.response.is_none());
    assert_eq!(interface.access, Access::Server);
    let answer: Vec<&str> = interface
        .answer
        .iter()
        .flatten()
        .map(|f| f.ident.as_str())
        .collect();
    assert_eq!(answer, ["buyer_email"]);
    // Or a page call after all.
    let page = Options {
        access: Some(Access::Page),
        ..Options::default()
    };
    let interface = parse_and_check("single_trade_query", UNSURE_RETURN, &page).unwrap();
    assert!(interface.response.is_some());
    // Stated by the document.
    let stated = format!("访问形式：服务器调用\n\n{UNSURE_RETURN}");
    let interface = parse_and_check("single_trade_query", &stated, &Options::default()).unwrap();
    assert!(interface.answer.is_some() && interface.response.is_none());
}

#[test]
fn a_named_page_return_or_a_return_url_needs_no_access_kind() {
    let named = UNSURE_RETURN.replace("## 同步返回", "## 页面跳转同步通知参数");
    assert!(parse_and_check("single_trade_query", &named, &Options::default()).is_ok());
    let with_return_url = UNSURE_RETURN.replace(
        "| trade_no | String(64) | 交易号 | 可空 |",
        "| trade_no | String(64) | 交易号 | 可空 |\n| return_url | String(200) | 返回地址 | 可空 |",
    );
    let doc = parse(&with_return_url);
    assert!(check("single_trade_query", doc, &Options::default()).is_ok());
}

#[test]
fn a_service_example_wrapped_mid_word_still_names_the_service() {
    // A PDF cell wrapped inside the name reads with a space at the wrap.
    let text = "## 请求参数\n参数\t类型\t可空\t样例\n\
                service\tString\t不可空\tdemo_refund_by_p latform_pwd\n\
                batch_no\tString(32)\t不可空\t2011\n";
    assert!(parse_and_check("demo_refund_by_platform_pwd", text, &Options::default()).is_ok());
    let diags = parse_and_check("demo_refund_by_platform", text, &Options::default()).unwrap_err();
    assert!(diags[0].message.contains("does not match"), "{diags:?}");
}

#[test]
fn a_code_listed_twice_is_one_code_with_both_meanings() {
    // The official documents list ILLEGAL_ARGUMENT among the business
    // codes and again among the system codes.
    let text = "## 请求参数\n参数\t类型\t可空\nbatch_no\tString(32)\tN\n\n\
                ## 错误代码\n错误代码\t含义\n\
                ILLEGAL_ARGUMENT\t参数不正确：批次号为空\n\
                TRADE_NOT_EXIST\t交易不存在\n\n\
                ## 系统错误码\n错误代码\t含义\n\
                ILLEGAL_ARGUMENT\t参数不正确\n\
                ILLEGAL_SIGN\t签名不正确\n\
                TRADE_NOT_EXIST\t没有这笔交易\n";
    let it = parse_and_check("x.y", text, &Options::default()).unwrap();
    let codes: Vec<(&str, &str)> = it
        .errors
        .iter()
        .map(|e| (e.code.as_str(), e.meaning.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("ILLEGAL_ARGUMENT", "参数不正确：批次号为空"),
            ("TRADE_NOT_EXIST", "交易不存在; 没有这笔交易"),
            ("ILLEGAL_SIGN", "签名不正确"),
        ]
    );
}

#[test]
fn an_error_notification_table_is_not_the_notification() {
    let text = "## 6 服务器异步通知参数说明\n参数\t类型\t可空\n\
                notify_id\tString\tN\nout_trade_no\tString(64)\tY\n\n\
                ## 7 请求出错时通知参数说明\n参数\t类型\t可空\n\
                error_code\tString(1024)\tN\nout_trade_no\tString(64)\tY\n";
    let doc = parse(text);
    assert_eq!(
        names(doc.notify.as_ref().unwrap()),
        ["notify_id", "out_trade_no"]
    );
    assert!(
        doc.others.iter().any(|(line, _)| *line == 7),
        "{:?}",
        doc.others
    );
}

#[test]
fn a_one_word_line_between_rows_is_the_rest_of_a_cell_not_a_group() {
    // The example cell held `…` / `或` / `…` over lines; `或` alone
    // between two rows is no group label. The row after it is itself
    // held over two lines.
    let text = "请求参数\n\n参数\t参数名称\t类型\t参数说明\t是否可为空\t样例\n\
                out_trade_no\t订单号\tString(64)\t订单号。\t不可空\t123\n\
                fee_items\t费用明细\tString(64)\t各项费用。\t可空\t1^票价|2^税费\n\
                或\n\
                rn_check\t是否校验\tString(1)\tT：校验；\n\
                F：不校验。\t可空\tT\n";
    let doc = parse(text);
    let request = doc.request.as_ref().unwrap();
    assert_eq!(names(request), ["out_trade_no", "fee_items", "rn_check"]);
    assert_eq!(
        param(request, "fee_items").example.as_deref(),
        Some("1^票价|2^税费 或")
    );
    assert!(param(request, "rn_check").description.contains("F：不校验"));
}

#[test]
fn a_requirement_cell_with_more_than_its_word_keeps_the_rest() {
    let text = "## Request parameters\n\n| Key | Requirement | Data Type | Description |\n\
                | --- | --- | --- | --- |\n| out_trade_no | required | String(64) | a |\n\
                | total_fee | required * | Number | b |\n\
                | mobile | optional (unique to this gem) | String | d |\n";
    let doc = parse(text);
    let request = doc.request.as_ref().unwrap();
    assert_eq!(param(request, "out_trade_no").description, "a");
    assert!(!param(request, "total_fee").nullable);
    assert_eq!(param(request, "total_fee").description, "b（required *）");
    assert!(param(request, "mobile").nullable);
    assert!(param(request, "mobile")
        .description
        .contains("unique to this gem"));
}

#[test]
fn an_elements_name_on_its_own_line_is_a_group_row() {
    // A tab copy whose group row lost its tabs: `refund_list` (or
    // `<refund_list>`) over the rows it holds, in an answer.
    for label in ["refund_list", "<refund_list>"] {
        let text = format!(
            "访问形式：服务器调用\n\n## 业务参数返回\n参数\t类型\t可空\n\
             trade_no\tString(64)\tN\n{label}\nrefund_no\tString(64)\tN\n"
        );
        let doc = parse(&text);
        let answer = doc.answer.as_ref().unwrap();
        assert_eq!(param(answer, "trade_no").example, None, "{label}");
        assert_eq!(param(answer, "refund_no").path, ["refund_list"], "{label}");
    }
}

#[test]
fn only_the_names_a_choice_is_about_make_its_group() {
    let names = |text: &str| {
        let it = parse_and_check("x.y", text, &Options::default()).unwrap();
        let required: Vec<String> = it
            .request
            .iter()
            .filter(|f| !f.param.nullable)
            .map(|f| f.param.name.clone())
            .collect();
        (it.one_of, required)
    };
    let head = "## 请求参数\n参数\t类型\t可空\t说明\n";
    // A name after the choice words plays another role.
    let (groups, required) = names(&format!(
        "{head}batch_num\tString\tN\t总笔数\ndetail_data\tString\tN\t明细，至少一个，笔数必须与batch_num一致\n"
    ));
    assert!(groups.is_empty());
    assert_eq!(required, ["batch_num", "detail_data"]);
    // A bound, not a choice.
    let (groups, required) = names(&format!(
        "{head}gmt_start\tDate\tN\t开始\ngmt_end\tDate\tN\t与gmt_start之间至少需要一个小时\nmin_amount\tNumber\tY\t下限\nmax_amount\tNumber\tY\t与min_amount至少相差0.01元\n"
    ));
    assert!(groups.is_empty());
    assert_eq!(required, ["gmt_start", "gmt_end"]);
    // Stated on a third row: the two it names, not the row.
    let (groups, required) = names(&format!(
        "{head}trade_no\tString\tY\t交易号\nout_trade_no\tString\tY\t订单号\nout_request_no\tString\tN\t（trade_no和out_trade_no不能同时为空）\n"
    ));
    assert_eq!(groups, [vec!["trade_no", "out_trade_no"]]);
    assert_eq!(required, ["out_request_no"]);
}

#[test]
fn a_notification_heading_that_mentions_error_notices_is_the_notification() {
    let text = "## 服务器异步通知参数（付款成功及出错通知）\n参数\t类型\t可空\n\
                notify_id\tString\tN\nbatch_no\tString(32)\tN\n";
    assert_eq!(
        names(parse(text).notify.as_ref().unwrap()),
        ["notify_id", "batch_no"]
    );
    // Under an error-notification heading, notification rows are an error.
    let text = "## 请求参数\n参数\t类型\t可空\nbatch_no\tString(32)\tN\n\n\
                ## 出错通知参数\n参数\t类型\t可空\nnotify_id\tString\tN\n";
    let diags = parse_document(text).unwrap_err();
    assert!(diags[0].message.contains("set aside"), "{diags:?}");
}

#[test]
fn english_page_text_value_lists_and_lost_headings() {
    let text =
        "Asynchronous notification\n\nParameterDescription\n\nnotify_id\n\nString Required\n\n\
                Notification ID.\n\nExample:n1\n\ntrade_status\n\nString(16) Required\n\n\
                The status. Possible values:\n\nWAIT_BUYER_PAY\n\nTRADE_FINISHED\n\n\
                Example:\n\nTRADE_FINISHED\n";
    let doc = parse(text);
    let notify = doc.notify.as_ref().unwrap();
    assert_eq!(names(notify), ["notify_id", "trade_status"]);
    let status = param(notify, "trade_status");
    assert!(status.description.contains("WAIT_BUYER_PAY"), "{status:?}");
    assert_eq!(status.example.as_deref(), Some("TRADE_FINISHED"));
    // A name alone after the last parameter, nothing parameter-like after
    // it: a parameter without its type line, or a heading that lost its
    // mark? An error either way, never a table silently cut short.
    for after in [
        "The notification goes to notify_url by POST.",
        "The URL for receiving the notification.",
    ] {
        let lost = format!("{text}\nnotify_url\n\n{after}\n");
        let diags = parse_document(&lost).unwrap_err();
        assert!(diags[0].message.contains("stands alone"), "{diags:?}");
    }
    // A parameter with no type line between two others: its row fails.
    let mid = text.replace(
        "trade_status\n\nString(16) Required\n\n",
        "buyer_note\n\nA note of the buyer.\n\ntrade_status\n\nString(16) Required\n\n",
    );
    let diags = parse_document(&mid).unwrap_err();
    assert!(
        diags
            .iter()
            .any(|d| d.param.as_deref() == Some("buyer_note")),
        "{diags:?}"
    );
}

#[test]
fn a_server_calls_envelope_table_declares_nothing() {
    // The official layout: `返回参数` lists the `<alipay>` envelope (some
    // copies with `request` / `response` rows typed `-`), `业务参数返回`
    // the answer.
    let text =
        "接口访问方式：服务器调用\n\n## 请求参数\n参数\t类型\t可空\ntrade_no\tString(64)\tN\n\n\
                ## 返回参数\n参数\t类型\t可空\nis_success\tString(1)\tN\nsign\tString\tY\n\
                error\tString\tY\nrequest\t-\tY\nresponse\t-\tY\n\n\
                ## 业务参数返回\n参数\t类型\t可空\ntrade.trade_no\tString(64)\tN\n";
    let it = parse_and_check("single_trade_query", text, &Options::default()).unwrap();
    assert!(it.response.is_none());
    assert_eq!(it.answer.as_ref().map(Vec::len), Some(1));
    // With business rows beside the answer: which is which cannot be told.
    let text = text.replace(
        "response\t-\tY\n",
        "response\t-\tY\nbuyer_email\tString\tY\n",
    );
    let diags = parse_and_check("single_trade_query", &text, &Options::default()).unwrap_err();
    assert!(diags[0].message.contains("server call"), "{diags:?}");
}

#[test]
fn choices_denied_supposed_or_after_a_bound() {
    let one_of = |remark: &str| {
        let text = format!(
            "## 请求参数\n参数\t类型\t可空\t说明\ntrade_no\tString(64)\tN\t{remark}\n\
             out_trade_no\tString(64)\tN\t订单号\n"
        );
        let it = parse_and_check("x.y", &text, &Options::default()).unwrap();
        let required = it.request.iter().filter(|f| !f.param.nullable).count();
        (it.one_of, required)
    };
    // Denied, compared, supposed: no choice, both stay required.
    for remark in [
        "trade_no与out_trade_no不是二选一，两者都必须传入",
        "与查询接口中trade_no和out_trade_no二选一不同，这里两者必填",
        "若trade_no与out_trade_no二选一时，以trade_no为准",
    ] {
        assert_eq!(one_of(remark), (vec![], 2), "{remark}");
    }
    // A bound before the choice, and other wordings of "one of them".
    for remark in [
        "交易号，至少需要16位，与out_trade_no二选一",
        "trade_no和out_trade_no两者必填其一",
        "trade_no与out_trade_no必须传其中一个",
        "与out_trade_no择一填写",
    ] {
        assert_eq!(
            one_of(remark),
            (
                vec![vec!["trade_no".to_owned(), "out_trade_no".to_owned()]],
                0
            ),
            "{remark}"
        );
    }
}

#[test]
fn an_answer_table_listing_the_envelope_keeps_only_the_answer() {
    let text = "访问形式：服务器调用\n\n## 请求参数\n参数\t类型\t可空\ntrade_no\tString(64)\tN\n\n\
                ## XML返回结果\n参数\t类型\t可空\nis_success\tString(1)\tN\nrequest\t-\tY\n\
                response\t-\tN\ntrade.trade_no\tString(64)\tN\n";
    let it = parse_and_check("single_trade_query", text, &Options::default()).unwrap();
    let answer: Vec<&str> = it
        .answer
        .iter()
        .flatten()
        .map(|f| f.param.name.as_str())
        .collect();
    assert_eq!(answer, ["trade_no"]);
}

/// The running footer of a PDF (`第 2 页 共 3 页`) between the parts of a
/// table continued over a page break, as a copy of the PDF's text keeps it,
/// or as a heading an older `alipay-mapi import` wrote: the table goes on,
/// and the rows after it are read as its rows (the first of them a
/// parameter row, not a header).
#[test]
fn page_footers_between_the_parts_of_a_table_are_no_headings() {
    let markdown = "# 演示接口\n\n服务名: demo.split\n\n## 4 请求参数说明\n\n\
        | 参数名 | 参数名称 | 类型 | 说明 | 可空 | 样例 |\n|---|---|---|---|---|---|\n\
        | out_trade_no | 订单号 | String(64) | 商户订单号 | N | 1 |\n\n\
        ## 第 2 页 共 3 页\n\n\
        | subject | 标题 | String(64) | 订单标题 | N | x |\n|---|---|---|---|---|---|\n\
        | body | 描述 | String(64) | 订单描述 | Y | x |\n\n\
        ## 第 3 页 共 3 页\n\n\
        | total_fee | 金额 | Number | 订单金额 | N | 1 |\n|---|---|---|---|---|---|\n\
        | show_url | 商品地址 | String(400) | 展示地址 | Y | x |\n";
    let doc = parse(markdown);
    let request = doc.request.as_ref().expect("request");
    assert_eq!(
        names(request),
        ["out_trade_no", "subject", "body", "total_fee", "show_url"]
    );
    assert_eq!(param(request, "total_fee").line, 19);
    assert!(doc.others.is_empty(), "{:?}", doc.others);
    // The footer as plain lines, in every form, and a page's repeated
    // header: one table.
    for footer in [
        "第 2 页 共 3 页",
        "- 2 -",
        "2 / 3",
        "Page 2 of 3",
        "第2页/共3页",
    ] {
        let text = markdown
            .replace("## 第 2 页 共 3 页", footer)
            .replace("## 第 3 页 共 3 页", &footer.replace('2', "3"));
        let doc = parse(&text);
        assert_eq!(names(doc.request.as_ref().unwrap()).len(), 5, "{footer}");
    }
    // Under a heading that names nothing (a note Word set as a heading),
    // where a second table would be taken for the return: the rows after
    // the footer still continue the table above, as wide as it.
    let unnamed = markdown.replace("## 4 请求参数说明", "## A．注意总额和笔数要和详细数据匹配");
    let doc = parse(&unnamed);
    assert_eq!(names(doc.request.as_ref().unwrap()).len(), 5);
    assert!(doc.response.is_none());
    // Tab-separated, as a PDF viewer's copy gives it: the footer between
    // two rows, after a blank line or not.
    let copied = "请求参数\n\n参数\t类型\t是否可为空\t说明\n\
        out_trade_no\tString(64)\t不可空\t商户订单号\n\
        第 1 页 共 2 页\n\
        subject\tString(256)\t不可空\t商品名称\n\n\
        - 2 -\n\n\
        body\tString(400)\t可空\t商品描述\n";
    let doc = parse(copied);
    let request = doc.request.as_ref().unwrap();
    assert_eq!(names(request), ["out_trade_no", "subject", "body"]);
    assert_eq!(param(request, "subject").description, "商品名称");
    assert_eq!(param(request, "out_trade_no").description, "商户订单号");
}

/// An error-code table continued on the next page, its group rows
/// (`会员接口错误代码`) among the codes, behind a footer: every code is read.
#[test]
fn error_codes_continued_after_a_page_footer_keep_their_group_rows() {
    let markdown = "服务名: demo.split\n\n## 请求参数\n\n\
        | 参数 | 类型 | 可空 | 说明 |\n|---|---|---|---|\n| out_trade_no | String(64) | 不可空 | 订单号 |\n\n\
        ### 7.1 错误代码列表\n\n\
        | 错误代码 | 说明 |\n|---|---|\n| USER_BLOCKED | 用户被冻结 |\n| 协议层错误代码 |\n| ILLEGAL_SIGN | 签名验证出错 |\n\n\
        ## 第 13 页 共 20 页\n\n\
        | ILLEGAL_ARGUMENT | 参数格式有问题 |\n|---|---|\n| 会员接口错误代码 |\n| USER_NOT_EXIST | 会员不存在 |\n\
        | 交易接口错误代码 |\n| TRADE_NOT_EXIST | 交易不存在 |\n\n\
        ## 第 14 页 共 20 页\n\n\
        | TOTAL_FEE_OUT_OF_RANGE | 交易总金额超出范围 |\n|---|---|\n| ILLEGAL_FEE_PARAM | 非法交易金额格式 |\n";
    let doc = parse(markdown);
    let codes = codes(&doc);
    assert_eq!(
        codes,
        [
            "USER_BLOCKED",
            "ILLEGAL_SIGN",
            "ILLEGAL_ARGUMENT",
            "USER_NOT_EXIST",
            "TRADE_NOT_EXIST",
            "TOTAL_FEE_OUT_OF_RANGE",
            "ILLEGAL_FEE_PARAM"
        ]
    );
}

/// Rows whose first is a parameter row (no header row of their own) under
/// a heading that names none of the interface's tables are never set
/// aside unsaid: the rest of a table continued over a page break behind a
/// heading, or a table without its header, they are an error at their
/// line.
#[test]
fn headerless_rows_under_a_heading_that_names_nothing_are_an_error() {
    let markdown = "服务名: demo.split\n\n## 4 请求参数说明\n\n\
        | 参数名 | 参数名称 | 类型 | 说明 | 可空 | 样例 |\n|---|---|---|---|---|---|\n\
        | out_trade_no | 订单号 | String(64) | 商户订单号 | N | 1 |\n\n\
        ## 附加说明\n\n\
        | subject | 标题 | String(64) | 订单标题 | N | x |\n|---|---|---|---|---|---|\n\
        | body | 描述 | String(64) | 订单描述 | Y | x |\n";
    let diags = parse_document(markdown).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let message = diags[0].to_string();
    assert!(
        message.starts_with("line 11: the rows at line 11 (`subject`, `body`) have no header row")
            && message.contains(
                "`附加说明`, which names none of the interface's tables, after the table at line 5"
            )
            && message.contains("remove the heading"),
        "{message}"
    );
    // With a header row of their own, they are a table of their own (a
    // sub-parameter table), set aside as before.
    let headed = markdown.replace(
        "## 附加说明\n\n",
        "## 附加说明\n\n| 参数名 | 参数名称 | 类型 | 说明 | 可空 | 样例 |\n|---|---|---|---|---|---|\n",
    );
    let doc = parse(&headed);
    assert_eq!(names(doc.request.as_ref().unwrap()), ["out_trade_no"]);
    assert_eq!(doc.others.len(), 1);
    // Error codes: rows that start with codes under such a heading, one of
    // them no `CODE ⇥ meaning` row, are an error too.
    let codes = "服务名: demo.split\n\n## 请求参数\n\n\
        | 参数 | 类型 | 可空 |\n|---|---|---|\n| out_trade_no | String(64) | 不可空 |\n\n\
        ## 附录\n\n\
        | ILLEGAL_ARGUMENT | 参数有误 |\n|---|---|\n| 参数格式 | 见上 |\n| ILLEGAL_SIGN | 签名错误 |\n";
    let diags = parse_document(codes).unwrap_err();
    let message = diags[0].to_string();
    assert!(
        message.starts_with("line 11: the rows at line 11 start with error codes (`ILLEGAL_ARGUMENT`, `ILLEGAL_SIGN`)")
            && message.contains("mend the row at line 13"),
        "{message}"
    );
    // All `CODE ⇥ meaning`: the error codes, as before.
    let doc = parse(&codes.replace("| 参数格式 | 见上 |\n", ""));
    assert_eq!(doc.errors.as_ref().unwrap().len(), 2);
}

/// The service named after a label as the Chinese name with the wire name
/// in brackets (`接口名称：批量付款到帐号（batch_trans_notify）`, full- or
/// half-width), or the other way round.
#[test]
fn a_service_name_in_brackets_after_its_chinese_name_names_the_service() {
    let table = "\n\n请求参数\n\n参数\t类型\t是否可为空\nbatch_no\tString(32)\t不可空\n";
    for (line, service) in [
        (
            "接口名称：批量付款到帐号（batch_trans_notify）",
            Some("batch_trans_notify"),
        ),
        (
            "接口名称: 批量付款到帐号 (batch_trans_notify)",
            Some("batch_trans_notify"),
        ),
        (
            "服务名：batch_trans_notify（批量付款到帐号）",
            Some("batch_trans_notify"),
        ),
        ("接口名称：批量付款到帐号（batch_trans_notify", None),
        ("接口名称：批量付款到帐号（见下文）", None),
        ("接口名称：（batch_trans_notify）", None),
        ("接口名称：batch（trans_notify）", None),
    ] {
        let text = format!("{line}{table}");
        let doc = parse(&text);
        assert_eq!(
            doc.service.as_ref().map(|(_, s)| s.as_str()),
            service,
            "{line}"
        );
        assert_eq!(
            alipay_mapi_codegen::find_service(&text).map(|(_, s)| s),
            service.map(str::to_owned),
            "{line}"
        );
        assert_eq!(
            alipay_mapi_codegen::import::service_of(&text).as_deref(),
            service,
            "{line}"
        );
    }
}

/// A code sample under a heading that names the request (`步骤3：配置请求信息`)
/// is no parameter table missed: its lines (`order.notifyURL =
/// @"http://www.xxx.com"; //回调URL`) name fields and say `URL`, but they
/// are code. A document with nothing else is refused as one without any
/// table, while rows of a table the reader missed are still an error.
#[test]
fn lines_of_a_code_sample_are_no_rows_of_a_table() {
    let text = "# 移动支付接口\n\n## 步骤3： 配置请求信息。\n\n\
        Order *order = [[Order alloc] init];\n\
        order.tradeNO = [self generateTradeNO]; //订单ID\n\
        order.notifyURL = @\"http://www.xxx.com\"; //回调URL\n\
        order.service = @\"mobile.securitypay.pay\";\n\
        //应用注册scheme,在AlixPayDemo-Info.plist定义URL types\n\
        NSString *appScheme = @\"alisdkdemo\";\n\
        notify.url = \"http://www.xxx.com/notify\"\n";
    let diags = parse_and_check("mobile.securitypay.pay", text, &Options::default()).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].message.ends_with("no parameter table at all"),
        "{}",
        diags[0]
    );
    // Rows of a table copied as text lines are still a table missed.
    let rows = "# 移动支付接口\n\n## 请求参数\n\n\
        notify_url 服务器异步通知页面路径 String(200) http://www.xxx.com/n\n\
        it_b_pay 未付款交易的超时时间 String 30m\n";
    let diags = parse_and_check("mobile.securitypay.pay", rows, &Options::default()).unwrap_err();
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("look like rows of a parameter table")),
        "{diags:?}"
    );
}

/// A table of one column whose header row holds every header word in one
/// cell (a PDF's table read under the band spanning it above its header):
/// an error that says the header's cells are merged, never a table dropped
/// for having no header.
#[test]
fn a_header_merged_into_one_cell_is_an_error_that_says_so() {
    let markdown = "服务名: batch_trans_notify\n\n## 4 请求参数说明\n\n\
        | 参数 | 类型 | 可空 |\n|---|---|---|\n| batch_no | String(32) | N |\n\n\
        ### 4.2 从支付宝获取到的参数列表\n\n\
        | 基本参数 |\n|---|\n\
        | 字段名 变量名 类型 说明 可空 样例 |\n\
        | 通知类型 notify_type String 通知类型名称 N trade_status_sync |\n\
        | 通知ID notify_id String 支付宝通知流水号 N 123584545 |\n";
    let diags = parse_document(markdown).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].to_string().starts_with(
            "line 13: the table at line 11 has its header's cells merged into one (`字段名 变量名 类型 说明 可空 样例` at line 13)"
        ),
        "{}",
        diags[0]
    );
    // A one-column table of notes is no such table.
    let notes = markdown.replace("| 字段名 变量名 类型 说明 可空 样例 |\n", "| 注意事项 |\n");
    let notes = notes.replace("| 通知类型 notify_type String 通知类型名称 N trade_status_sync |\n| 通知ID notify_id String 支付宝通知流水号 N 123584545 |\n", "| 金额以元为单位 |\n");
    assert_eq!(names(parse(&notes).request.as_ref().unwrap()), ["batch_no"]);
}

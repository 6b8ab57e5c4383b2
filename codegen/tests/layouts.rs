//! Every layout people copy the gateway's tables in, each read to the same
//! rows: fixtures in `tests/fixtures/layouts/`, made up for these tests.
mod common;

use alipay_mapi_codegen::{check, Access, LengthRule, Options, ParamType, TableKind};
use common::*;

fn layout(name: &str) -> alipay_mapi_codegen::Document {
    parse(&fixture(&format!("layouts/{name}")))
}

#[test]
fn rows_without_header_and_length_units() {
    let doc = layout("headerless.txt");
    assert_eq!(
        doc.service.as_ref().map(|s| s.1.as_str()),
        Some("demo.trade.refund")
    );
    assert_eq!(doc.access, Some((2, Access::Page)));
    let req = doc.request.as_ref().unwrap();
    assert_eq!(names(req), ["service", "partner", "batch_no", "batch_num"]);
    let partner = param(req, "partner");
    assert_eq!(
        (
            partner.line,
            partner.label.as_str(),
            partner.ty,
            partner.nullable
        ),
        (7, "合作者ID", s(16), false)
    );
    assert_eq!(partner.description, "签约方的16位号码");
    assert_eq!(partner.example.as_deref(), Some("2088101122136241"));
    assert!(param(req, "batch_num").nullable);
    assert_eq!(param(req, "batch_num").example, None);

    let resp = doc.response.as_ref().unwrap();
    assert_eq!(
        names(resp),
        [
            "is_success",
            "batch_no",
            "buyer_note",
            "seller_note",
            "memo"
        ]
    );
    // `类型（字节长度）`: bytes; remarks in characters win for their row.
    assert_eq!(
        param(resp, "batch_no").length_rule,
        Some(LengthRule::GbkWidth)
    );
    assert_eq!(
        param(resp, "buyer_note").length_rule,
        Some(LengthRule::Chars)
    );
    assert_eq!(
        param(resp, "seller_note").length_rule,
        Some(LengthRule::GbkWidth)
    );
    assert_eq!(param(resp, "memo").length_rule, Some(LengthRule::Chars));
    assert_eq!(param(resp, "memo").example, None);
}

#[test]
fn line_breaks_glued_rows_and_lost_tabs() {
    let doc = layout("repair.txt");
    let req = doc.request.as_ref().unwrap();
    assert_eq!(
        names(req),
        [
            "detail_data",
            "trade_kind",
            "out_no",
            "buyer_id",
            "seller_id"
        ]
    );
    // A lost tab: the nullability and the example are split back.
    let detail = param(req, "detail_data");
    assert!(!detail.nullable);
    assert_eq!(
        detail.example.as_deref(),
        Some("2011011201037066^5.00^退款")
    );
    // A cell with line breaks continues over the following lines.
    let kind = param(req, "trade_kind");
    assert_eq!(kind.line, 7);
    assert_eq!(kind.description, "区分交易类型。 1：实物； 0：虚拟。");
    assert!(kind.nullable);
    assert_eq!(kind.example.as_deref(), Some("1"));
    // Two rows glued on one line are two rows.
    let out_no = param(req, "out_no");
    assert_eq!((out_no.line, out_no.example.as_deref()), (10, Some("A001")));
    let buyer = param(req, "buyer_id");
    assert_eq!(
        (buyer.line, buyer.label.as_str(), buyer.ty),
        (10, "买家ID", s(16))
    );
    assert!(buyer.nullable);
    assert_eq!(param(req, "seller_id").line, 11);
}

#[test]
fn space_separated_copies() {
    let doc = layout("spaces.txt");
    let req = doc.request.as_ref().unwrap();
    assert_eq!(names(req), ["order_no", "subject", "price", "gmt_create"]);
    let order = param(req, "order_no");
    assert_eq!(order.label, "订单号");
    assert_eq!(order.description, "商户网站 唯一的 订单号。");
    assert!(!order.nullable);
    assert_eq!(order.example.as_deref(), Some("20150101"));
    assert_eq!(param(req, "subject").ty, s(128));
    assert_eq!(
        param(req, "price").ty,
        ParamType::Number {
            max_len: Some(10),
            scale: Some(2)
        }
    );
    let created = param(req, "gmt_create");
    assert_eq!(created.ty, ParamType::Date);
    assert_eq!(created.example.as_deref(), Some("2015-01-01 10:00:00"));
    // Without a header row, anchored the same way.
    let resp = doc.response.as_ref().unwrap();
    assert_eq!(names(resp), ["is_success", "order_no"]);
    assert_eq!(param(resp, "is_success").description, "接口是否调用成功");
    assert_eq!(param(resp, "order_no").example.as_deref(), Some("20150101"));
}

#[test]
fn one_cell_per_line() {
    let doc = layout("stacked.txt");
    assert_eq!(
        doc.service.as_ref().map(|s| s.1.as_str()),
        Some("demo.user.query")
    );
    let req = doc.request.as_ref().unwrap();
    assert_eq!(names(req), ["user_id", "nick"]);
    let user = param(req, "user_id");
    assert_eq!(
        (user.line, user.label.as_str(), user.ty),
        (15, "用户编号", s(32))
    );
    assert_eq!(user.example.as_deref(), Some("u0001"));
    let nick = param(req, "nick");
    assert_eq!(nick.group.as_deref(), Some("业务参数"));
    assert_eq!(nick.ty, ParamType::TEXT);
    assert!(nick.nullable);
    assert_eq!(doc.errors.as_ref().unwrap()[0].code, "USER_NOT_FOUND");
}

#[test]
fn tables_in_code_comments() {
    let doc = layout("comments.rs.txt");
    assert_eq!(
        doc.service.as_ref().map(|s| s.1.as_str()),
        Some("demo.code.comments")
    );
    let req = doc.request.as_ref().unwrap();
    assert_eq!(names(req), ["out_no", "amount"]);
    assert_eq!(param(req, "amount").line, 7);
    assert_eq!(
        names(doc.response.as_ref().unwrap()),
        ["is_success", "out_no"]
    );
    assert_eq!(
        names(doc.notify.as_ref().unwrap()),
        ["notify_time", "notify_id", "out_no"]
    );
    let codes = codes(&doc);
    assert_eq!(codes, ["OUT_NO_REPEAT", "AMOUNT_INVALID"]);
}

#[test]
fn html_fragment_without_table_or_heading() {
    let doc = layout("fragment.html");
    let req = doc.request.as_ref().unwrap();
    assert_eq!(names(req), ["service", "pay_mode", "remark"]);
    assert_eq!(param(req, "service").group.as_deref(), Some("基本参数"));
    let mode = param(req, "pay_mode");
    assert_eq!(mode.group.as_deref(), Some("业务参数"));
    assert_eq!(mode.description, "支付方式： CARD：银行卡 BALANCE：余额");
    assert!(mode.nullable);
    assert_eq!(param(req, "remark").description, "第一行 第二行");
}

#[test]
fn english_cross_border_layouts() {
    let doc = layout("english.html");
    assert_eq!(
        doc.service.as_ref().map(|s| s.1.as_str()),
        Some("demo.forex.pay")
    );
    let req = doc.request.as_ref().unwrap();
    assert_eq!(
        names(req),
        ["service", "notify_url", "out_trade_no", "rmb_fee"]
    );
    let url = param(req, "notify_url");
    assert_eq!((url.ty, url.nullable), (s(200), true));
    assert_eq!(url.description, "Where the gateway posts the notification.");
    assert_eq!(url.group.as_deref(), Some("Basic parameters"));
    let order = param(req, "out_trade_no");
    assert_eq!((order.ty, order.nullable), (s(64), false));
    assert_eq!(order.group.as_deref(), Some("Business parameters"));
    let notify = doc.notify.as_ref().unwrap();
    assert_eq!(names(notify), ["notify_id", "trade_status", "currency"]);
    let status = param(notify, "trade_status");
    assert_eq!(status.label, "Trade status");
    assert!(status.nullable);
    assert!(!param(notify, "notify_id").nullable);
    assert_eq!(param(notify, "currency").example.as_deref(), Some("USD"));
    assert_eq!(doc.errors.as_ref().unwrap()[0].code, "CURRENCY_NOT_SUPPORT");
}

#[test]
fn many_tables_taken_by_heading_never_merged() {
    let doc = layout("many_tables.md");
    let req = doc.request.as_ref().unwrap();
    assert_eq!(names(req), ["service", "batch_no", "detail_data"]);
    let notify = doc.notify.as_ref().unwrap();
    assert_eq!(
        names(notify),
        ["notify_time", "notify_id", "batch_no", "success_num"]
    );
    assert!(doc.response.is_none());
    let codes = codes(&doc);
    assert_eq!(codes, ["BATCH_NO_REPEAT"]);
    // The sub-parameter table and the error notification are kept apart.
    let others: Vec<usize> = doc.others.iter().map(|o| o.0).collect();
    assert_eq!(others, [19, 26], "{:?}", doc.others);
    assert!(
        doc.others[0].1.contains("2.1 detail_data 参数说明"),
        "{:?}",
        doc.others
    );
}

#[test]
fn tables_under_no_heading_by_content() {
    let doc = layout("unheaded.txt");
    assert_eq!(names(doc.request.as_ref().unwrap()), ["out_no", "amount"]);
    assert_eq!(
        names(doc.notify.as_ref().unwrap()),
        ["notify_id", "notify_time", "out_no"]
    );
    assert_eq!(
        names(doc.response.as_ref().unwrap()),
        ["is_success", "out_no"]
    );
    let codes = codes(&doc);
    assert_eq!(codes, ["OUT_NO_REPEAT", "AMOUNT_TOO_LARGE"]);
}

#[test]
fn server_call_answer_with_paths() {
    let doc = layout("server.md");
    assert_eq!(doc.access, Some((3, Access::Server)));
    let answer = doc.answer.as_ref().unwrap();
    let paths: Vec<(Vec<&str>, &str)> = answer
        .params
        .iter()
        .map(|p| (p.path.iter().map(String::as_str).collect(), p.name.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            (vec!["trade"], "trade_no"),
            (vec!["trade"], "total_fee"),
            (vec!["trade", "items[]"], "sku"),
            (vec![], "buyer_email"),
        ]
    );
    assert!(doc.response.is_none());
    let iface = check("demo.trade.query", doc, &Options::default()).unwrap();
    assert_eq!(iface.access, Access::Server);
    assert_eq!(iface.answer.as_ref().map(Vec::len), Some(4));

    // `Response parameters` of a server call are its answer.
    let doc = layout("server_english.md");
    assert_eq!(doc.access.map(|a| a.1), Some(Access::Server));
    assert_eq!(names(doc.answer.as_ref().unwrap()), ["trade_status"]);
    assert!(doc.response.is_none());
}

#[test]
fn english_pages_as_paragraphs() {
    let doc = layout("english_paragraphs.txt");
    let req = doc.request.as_ref().unwrap();
    assert_eq!(
        names(req),
        [
            "service",
            "partner",
            "notify_url",
            "out_return_no",
            "return_amount",
            "refund_notify_url"
        ]
    );
    // Some rows say `Required` and none `Optional`: the unmarked ones are
    // optional.
    assert!(!param(req, "partner").nullable);
    assert!(param(req, "notify_url").nullable);
    let no = param(req, "out_return_no");
    assert_eq!((no.ty, no.nullable), (s(64), false));
    assert_eq!(
        no.description,
        "The merchant's number for this refund. Keep it unique per refund."
    );
    assert_eq!(no.example.as_deref(), Some("R20240101"));
    assert_eq!(
        param(req, "return_amount").example.as_deref(),
        Some("10.50")
    );
    // A description that reads like a heading is still the description.
    assert_eq!(param(req, "refund_notify_url").description, "Notify URL");
    let notify = doc.notify.as_ref().unwrap();
    assert_eq!(names(notify), ["notify_id", "refund_status"]);
    assert_eq!(
        param(notify, "refund_status").example.as_deref(),
        Some("SUCCESS")
    );
    // A copy that lost every badge cannot tell required from optional.
    let text = fixture("layouts/english_paragraphs.txt").replace(" Required", "");
    let diags = alipay_mapi_codegen::parse_document(&text).unwrap_err();
    assert!(
        diags.iter().any(|d| d.to_string().contains("nullability")),
        "{diags:?}"
    );
}

#[test]
fn partial_documents() {
    // Only a notification table: declared alone, with no request.
    let text =
        "## 服务器异步通知参数\n参数\t类型\t可空\nnotify_id\tString\tN\nout_no\tString(8)\tN\n";
    let iface = alipay_mapi_codegen::parse_and_check("a.b", text, &Options::default()).unwrap();
    assert!(!iface.has_request);
    assert!(iface.request.is_empty());
    // notify_id is a typed field of `Notify`, next to out_no.
    assert_eq!(iface.notify.as_ref().map(Vec::len), Some(2));
    let full = parse(&fixture("seed_format.txt"));
    let iface = check("sns.cae.sign.customer", full, &Options::default()).unwrap();
    assert!(iface.has_request);
    let _ = TableKind::Request;
}

#[test]
fn service_name_from_the_document() {
    use alipay_mapi_codegen::find_service;
    let found = |t: &str| find_service(t).map(|s| s.1);
    assert_eq!(found("服务名：a.b.c\n"), Some("a.b.c".into()));
    assert_eq!(
        found("# trade.close.by.partner 接口说明\n\n正文。\n"),
        Some("trade.close.by.partner".into())
    );
    let row = "请求参数\n参数\t类型\t可空\t样例\nservice\tString\tN\tsingle_trade_query\n";
    assert_eq!(find_service(row), Some((3, "single_trade_query".into())));
    assert_eq!(found("# 接口说明\n\n见 readme.md 文件。\n"), None);
}

#[test]
fn stacked_rows_with_an_empty_cell_keep_their_places() {
    // One cell per line: a row whose example cell was empty left no
    // paragraph. The next rows are neither shifted nor lost.
    let cells = [
        "参数",
        "参数名称",
        "类型",
        "是否可空",
        "样例", //
        "ref_a",
        "第一个编号",
        "String(64)",
        "可空",
        "2013", //
        "ref_b",
        "第二个编号",
        "String(64)",
        "可空", //
        "payer",
        "付款人",
        "String(100)",
        "可空",
        "p@example.com", //
        "seller",
        "卖家",
        "String(16)",
        "不可空",
        "2088",
    ];
    let doc = parse(&format!("请求参数\n\n{}\n", cells.join("\n\n")));
    let req = doc.request.as_ref().unwrap();
    let names: Vec<&str> = req.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ref_a", "ref_b", "payer", "seller"]);
    assert_eq!(param(req, "ref_b").example, None);
    assert_eq!(
        param(req, "payer").example.as_deref(),
        Some("p@example.com")
    );
    assert!(!param(req, "seller").nullable);

    // A cell missing before the type: an error at that row, not a table
    // that silently ends there.
    let cells = [
        "参数",
        "参数名称",
        "类型",
        "是否可空",
        "样例", //
        "ref_a",
        "第一个编号",
        "String(64)",
        "可空",
        "2013", //
        "ref_b",
        "String(64)",
        "可空",
        "2014", //
        "payer",
        "付款人",
        "String(100)",
        "可空",
        "p@example.com",
    ];
    let text = format!("请求参数\n\n{}\n", cells.join("\n\n"));
    let d = alipay_mapi_codegen::parse_document(&text).unwrap_err();
    assert!(d.iter().any(|d| matches!(d.line, Some(13 | 23))), "{d:#?}");
}

#[test]
fn a_wrapped_cell_in_a_copy_with_spaces_is_an_error_not_a_group() {
    // A PDF viewer's copy: cells that wrapped sit on lines of their own.
    // Which cell they continue is lost; a group label still reads as one.
    let text = "请求参数\n参数 参数名称 类型 参数说明 是否可为空 样例\n\
                基本参数\n\
                batch_ref 批次号 String(32) 每次退款都需要 不可空 20110112\n\
                一个新的批次号。\n\
                details 明细 String 明细数据。 不可空 1^5.00\n\
                ^理由\n";
    let d = alipay_mapi_codegen::parse_document(text).unwrap_err();
    let lines: Vec<Option<usize>> = d.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(5), Some(7)], "{d:#?}");
    assert!(
        d[0].message
            .contains("`一个新的批次号。` does not make a row"),
        "{}",
        d[0]
    );
    let doc = parse(
        "请求参数\n参数 参数名称 类型 参数说明 是否可为空 样例\n\
         基本参数\n\
         batch_ref 批次号 String(32) 批次号 不可空 20110112\n",
    );
    assert_eq!(
        param(doc.request.as_ref().unwrap(), "batch_ref")
            .group
            .as_deref(),
        Some("基本参数")
    );
}

#[test]
fn english_packed_cells_copied_with_their_line_breaks() {
    // The two-column English page copied from a browser: the first cell's
    // `name<br>type<br>requirement` arrives as three lines, the last one
    // holding the tab and the description.
    let doc = parse(
        "Request parameters\nParameter\tDescription\n\
         order_ref\nString(64)\nRequired\tThe shop's order number.\n\
         notify_url\nURL(200)\nOptional\tWhere the notification goes.\n\
         currency\nString(10)\nRequired\tThe settlement currency, e.g. USD.\n",
    );
    let req = doc.request.as_ref().unwrap();
    let names: Vec<&str> = req.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["order_ref", "notify_url", "currency"]);
    assert_eq!(
        param(req, "order_ref").description,
        "The shop's order number."
    );
    assert!(param(req, "notify_url").nullable);
    assert!(!param(req, "currency").nullable);
}

#[test]
fn an_unnumbered_heading_ends_a_table_copied_with_spaces() {
    let doc = parse(
        "请求参数\n参数 参数名称 类型 参数说明 是否可为空 样例\n\
         trade_ref 交易号 String(64) 交易号 可空 2013\n\
         XML返回结果\n参数 参数名称 类型 参数说明 是否可为空 样例\n\
         trade.price 单价 Number(9,2) 单价 不可空 9.90\n",
    );
    assert_eq!(doc.request.as_ref().unwrap().params.len(), 1);
    let answer = doc.answer.as_ref().unwrap();
    assert_eq!(
        (
            answer.params[0].name.as_str(),
            answer.params[0].path.as_slice()
        ),
        ("price", ["trade".to_owned()].as_slice())
    );
}

#[test]
fn english_packed_copies_with_group_rows_wrapped_text_and_sentences() {
    let doc = parse(
        "Request parameters\nParameter\tDescription\n\
         Basic parameters\n\
         partner\nString(16)\nRequired\tThe partner, on\ntwo lines.\n\
         Business parameters\n\
         order_ref\nString(64)\nRequired\tOrder number.\n\
         title\nString(256)\nRequired\tName of the goods.\n",
    );
    let req = doc.request.as_ref().unwrap();
    let names: Vec<&str> = req.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["partner", "order_ref", "title"]);
    assert_eq!(
        param(req, "partner").description,
        "The partner, on two lines."
    );
    assert_eq!(
        param(req, "order_ref").group.as_deref(),
        Some("Business parameters")
    );
    // `Name of the goods.` is a description, not a header naming a column.
    assert_eq!(param(req, "title").description, "Name of the goods.");
}

/// The answer rows of `doc` as (path, name).
fn answer_paths(doc: &alipay_mapi_codegen::Document) -> Vec<(String, String)> {
    doc.answer
        .as_ref()
        .expect("answer table")
        .params
        .iter()
        .map(|p| (p.path.join("."), p.name.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(p, n)| (p.to_owned(), n.to_owned()))
        .collect()
}

const ANSWER_HEAD: &str = "<p>服务名：single_trade_query</p><p>接口访问方式：服务器调用</p>\
    <h2>XML返回结果</h2><table><tr><th>参数</th><th>类型</th><th>可空</th></tr>";

#[test]
fn answer_rows_indented_under_a_row_are_inside_its_element() {
    // A page that shows `<trade>`'s leaves indented under its row, two
    // levels deep, then back out to `<response>`.
    let html = format!(
        "{ANSWER_HEAD}\
         <tr><td>trade</td><td>String</td><td>不可空</td></tr>\
         <tr><td>&nbsp;&nbsp;trade_no</td><td>String(64)</td><td>不可空</td></tr>\
         <tr><td>&nbsp;&nbsp;item[]</td><td>String</td><td>可空</td></tr>\
         <tr><td><span>&nbsp;&nbsp;&nbsp;&nbsp;</span>sku</td><td>String(8)</td><td>可空</td></tr>\
         <tr><td>&#160;&#160;total_fee</td><td>Number(9,2)</td><td>不可空</td></tr>\
         <tr><td>buyer_email</td><td>String</td><td>可空</td></tr></table>"
    );
    let doc = parse(&html);
    assert_eq!(
        answer_paths(&doc),
        pairs(&[
            ("", "trade"),
            ("trade", "trade_no"),
            ("trade", "item[]"),
            ("trade.item[]", "sku"),
            ("trade", "total_fee"),
            ("", "buyer_email"),
        ])
    );
    // The rows that hold others are their elements' rows, not leaves.
    let iface = check("single_trade_query", doc, &Options::default()).unwrap();
    let tree = alipay_mapi_codegen::model::answer_tree(iface.answer.as_ref().unwrap()).unwrap();
    let elements: Vec<(&str, bool, bool)> = tree
        .descendants()
        .iter()
        .map(|e| (e.path.as_str(), e.repeated, e.row.is_some()))
        .collect();
    assert_eq!(
        elements,
        [("trade", false, true), ("trade.item[]", true, true)]
    );
    assert!(tree.required());

    // Rows indented alike are siblings, however deep; the same copied as
    // tab text (a browser keeps U+00A0) and as Markdown.
    let tab =
        "服务名：single_trade_query\n接口访问方式：服务器调用\nXML返回结果\n参数\t类型\t可空\n\
               trade\tString\t不可空\n\u{a0}\u{a0}trade_no\tString(64)\t不可空\n\
               \u{a0}\u{a0}total_fee\tNumber\t不可空\n";
    let md = "服务名：single_trade_query\n\n接口访问方式：服务器调用\n\n## XML返回结果\n\n\
              | 参数 | 类型 | 可空 |\n|---|---|---|\n| trade | String | 不可空 |\n\
              | &nbsp;&nbsp;trade_no | String(64) | 不可空 |\n| \u{3000}total_fee | Number | 不可空 |\n";
    for text in [tab, md] {
        assert_eq!(
            answer_paths(&parse(text)),
            pairs(&[("", "trade"), ("trade", "trade_no"), ("trade", "total_fee")]),
            "{text}"
        );
    }
    // The row of an element may give it no text type (`Object`, `-`);
    // a row without rows under it still must.
    for ty in ["Object", "-", ""] {
        let text = md.replace("| trade | String |", &format!("| trade | {ty} |"));
        assert_eq!(answer_paths(&parse(&text)).len(), 3, "{ty}");
        let leaf = text.replace("&nbsp;&nbsp;trade_no", "trade_no");
        let diags = alipay_mapi_codegen::parse_document(&leaf).unwrap_err();
        assert!(diags[0].message.contains("type"), "{diags:?}");
    }
    // Padding spaces are no indentation.
    let padded = md.replace("&nbsp;&nbsp;", "  ").replace('\u{3000}', "   ");
    assert!(answer_paths(&parse(&padded))
        .iter()
        .all(|(p, _)| p.is_empty()));
}

#[test]
fn a_group_row_naming_an_element_holds_the_rows_under_it() {
    let html = format!(
        "{ANSWER_HEAD}\
         <tr><td colspan=\"3\">trade（交易信息）</td></tr>\
         <tr><td>trade_no</td><td>String(64)</td><td>不可空</td></tr>\
         <tr><td>subject</td><td>String(256)</td><td>可空</td></tr>\
         <tr><td colspan=\"3\">trade.item[] 商品</td></tr>\
         <tr><td>sku</td><td>String(8)</td><td>可空</td></tr>\
         <tr><td colspan=\"3\">注：以上为商品</td></tr>\
         <tr><td>qty</td><td>String</td><td>可空</td></tr>\
         <tr><td colspan=\"3\">response（业务返回）</td></tr>\
         <tr><td>buyer_email</td><td>String</td><td>可空</td></tr>\
         <tr><td colspan=\"3\">业务参数</td></tr>\
         <tr><td>seller_email</td><td>String</td><td>可空</td></tr>\
         <tr><td colspan=\"3\">Trade details</td></tr>\
         <tr><td>price</td><td>Number</td><td>可空</td></tr></table>"
    );
    assert_eq!(
        answer_paths(&parse(&html)),
        pairs(&[
            ("trade", "trade_no"),
            ("trade", "subject"),
            ("trade.item[]", "sku"),
            // A note among an element's rows keeps them in it.
            ("trade.item[]", "qty"),
            ("", "buyer_email"),
            ("", "seller_email"),
            ("", "price"),
        ])
    );
    // A section label after an element's rows: in it or not?
    let html = answer_html(
        "<tr><td colspan=\"3\">trade</td></tr>\
         <tr><td>trade_no</td><td>String</td><td>可空</td></tr>\
         <tr><td colspan=\"3\">业务参数</td></tr>\
         <tr><td>price</td><td>String</td><td>可空</td></tr>",
    );
    let diags = alipay_mapi_codegen::parse_document(&html).unwrap_err();
    assert!(
        diags[0].message.contains("the label row `业务参数`"),
        "{diags:?}"
    );
}

#[test]
fn rows_indented_in_a_request_table_are_errors() {
    let text = "服务名：a.b\n\n## 请求参数\n\n| 参数 | 类型 | 可空 |\n|---|---|---|\n\
                | royalty | String | 可空 |\n| &nbsp;&nbsp;account | String(100) | 不可空 |\n\
                | &nbsp;&nbsp;amount | Number | 不可空 |\n| out_no | String | 不可空 |\n";
    let diags = alipay_mapi_codegen::parse_document(text).unwrap_err();
    let messages: Vec<(Option<usize>, &str)> =
        diags.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0].0, Some(8));
    assert!(messages[0]
        .1
        .contains("`account` is indented under `royalty`"));
    assert_eq!(messages[1].0, Some(9));
    // Rows indented alike (the whole table) are no nesting.
    let even = text
        .replace("| royalty", "| &nbsp;&nbsp;royalty")
        .replace("| out_no", "| &nbsp;&nbsp;out_no");
    assert_eq!(
        names(parse(&even).request.as_ref().unwrap()),
        ["royalty", "account", "amount", "out_no"]
    );
}

#[test]
fn one_name_in_two_elements_of_an_answer_is_no_duplicate() {
    let text = "服务名：a.b\n\n接口访问方式：服务器调用\n\n## XML返回结果\n\n\
                | 参数 | 类型 | 可空 |\n|---|---|---|\n| trade.price | Number | 可空 |\n\
                | item[].price | Number | 可空 |\n| price | Number | 可空 |\n";
    assert_eq!(answer_paths(&parse(text)).len(), 3);
    let twice = format!("{text}| trade.price | Number | 可空 |\n");
    let diags = alipay_mapi_codegen::parse_document(&twice).unwrap_err();
    assert!(
        diags[0].message.contains("duplicate parameter"),
        "{diags:?}"
    );
}

#[test]
fn english_space_copies_with_the_description_after_the_nullability() {
    // `Number(9,2) No`: one space after the type, so the row is read on its
    // type and nullability; the two cells after them are told apart by
    // their run of spaces.
    let text = "Service: demo.trade.query\n\n## Request parameters\n\n\
                Parameter         Type        Required     Description  Example\n\
                partner_trans_id  String(64)  No           Merchant transaction id  2013082215000003\n\
                trans_amount      Number(9,2) No           Amount  10.00\n\
                memo              String(9) No             Free text\n";
    let doc = parse(text);
    let req = doc.request.as_ref().unwrap();
    let amount = param(req, "trans_amount");
    assert_eq!(
        (amount.description.as_str(), amount.example.as_deref()),
        ("Amount", Some("10.00"))
    );
    // One piece: the description (the example left empty).
    let memo = param(req, "memo");
    assert_eq!(
        (memo.description.as_str(), memo.example.as_deref()),
        ("Free text", None)
    );
    // Three pieces cannot be split surely: an error at the row.
    let three = text.replace(
        "trans_amount      Number(9,2) No           Amount  10.00",
        "trans_amount Number(9,2) No Amount  in yuan  10.00",
    );
    let diags = alipay_mapi_codegen::parse_document(&three).unwrap_err();
    assert_eq!(diags[0].line, Some(7));
    assert!(
        diags[0].message.contains("which is which cannot be told"),
        "{diags:?}"
    );
}

/// An answer table of `rows` (HTML `<tr>`s) under the usual head.
fn answer_html(rows: &str) -> String {
    format!("{ANSWER_HEAD}{rows}</table>")
}

#[test]
fn indentation_as_pages_show_it() {
    let trade = "<tr><td>trade</td><td>String</td><td>不可空</td></tr>";
    let nested = pairs(&[
        ("", "trade"),
        ("trade", "trade_no"),
        ("trade", "out_trade_no"),
    ]);
    for (case, a, b) in [
        // A browser shows a space after `&nbsp;`: both rows are three in.
        ("spaces", "&nbsp; &nbsp;", "&nbsp;&nbsp;&nbsp;"),
        // Word: `mso-spacerun`, then a left margin in points.
        (
            "word",
            "<span style='mso-spacerun:yes'>&nbsp;&nbsp; </span>",
            "<p style='margin-left:18.0pt'>",
        ),
        // CSS padding on the cell itself is read from the `<td>` below.
        ("css", "", ""),
    ] {
        let cell = |indent: &str, name: &str| {
            if case == "css" {
                format!("<tr><td style=\"padding-left:24px\">{name}</td><td>String</td><td>可空</td></tr>")
            } else {
                format!("<tr><td>{indent}{name}</td><td>String</td><td>可空</td></tr>")
            }
        };
        let html = answer_html(&format!(
            "{trade}{}{}",
            cell(a, "trade_no"),
            cell(b, "out_trade_no")
        ));
        assert_eq!(answer_paths(&parse(&html)), nested, "{case}");
    }
    // The label column indented instead of the name.
    let head = "<p>服务名：a.b</p><p>接口访问方式：服务器调用</p><h2>XML返回结果</h2>\
        <table><tr><th>参数名称</th><th>参数</th><th>类型</th><th>可空</th></tr>";
    let html = format!(
        "{head}<tr><td>交易</td><td>trade</td><td>String</td><td>可空</td></tr>\
         <tr><td>&nbsp;&nbsp;交易号</td><td>trade_no</td><td>String</td><td>可空</td></tr>\
         <tr><td>买家</td><td>buyer_id</td><td>String</td><td>可空</td></tr></table>"
    );
    assert_eq!(
        answer_paths(&parse(&html)),
        pairs(&[("", "trade"), ("trade", "trade_no"), ("", "buyer_id")])
    );
    // Text copied with spaces keeps the non-breaking or ideographic
    // spaces that start a line; in a request table they are an error.
    for indent in ["\u{a0}\u{a0}", "\u{3000}"] {
        let text = format!(
            "Service: a.b\n\nAccess: server call\n\n## XML answer\n\n\
             Parameter  Type  Required  Description\n\
             trade  String  Required  Trade\n\
             {indent}trade_no  String(64)  Required  The trade number\n"
        );
        assert_eq!(
            answer_paths(&parse(&text)),
            pairs(&[("", "trade"), ("trade", "trade_no")])
        );
        let request = text.replace("## XML answer", "## Request parameters");
        let diags = alipay_mapi_codegen::parse_document(&request).unwrap_err();
        assert!(
            diags[0].message.contains("indented under `trade`"),
            "{diags:?}"
        );
    }
}

#[test]
fn group_rows_name_elements_in_the_forms_pages_write() {
    let rows = |label: &str| {
        answer_html(&format!(
            "<tr><td colspan=\"3\">{label}</td></tr>\
             <tr><td>buyer_id</td><td>String</td><td>可空</td></tr>"
        ))
    };
    for (label, path) in [
        ("&lt;trade&gt;", "trade"),
        ("trade - 交易信息", "trade"),
        ("交易信息（trade）", "trade"),
        ("trade/buyer", "trade.buyer"),
        ("trade.buyer", "trade.buyer"),
        ("trade", "trade"),
        ("Trade（交易信息）", ""),
        ("交易信息", ""),
    ] {
        assert_eq!(
            answer_paths(&parse(&rows(label))),
            pairs(&[(path, "buyer_id")]),
            "{label}"
        );
    }
    // A group row indented under another is inside its element; a row
    // named like the group's element is that element's row.
    let html = answer_html(
        "<tr><td colspan=\"3\">trade（交易）</td></tr>\
         <tr><td>trade</td><td>String</td><td>可空</td></tr>\
         <tr><td>&nbsp;&nbsp;trade_no</td><td>String</td><td>可空</td></tr>\
         <tr><td colspan=\"3\">&nbsp;&nbsp;buyer（买家）</td></tr>\
         <tr><td>buyer_id</td><td>String</td><td>可空</td></tr>",
    );
    assert_eq!(
        answer_paths(&parse(&html)),
        pairs(&[
            ("", "trade"),
            ("trade", "trade_no"),
            ("trade.buyer", "buyer_id")
        ])
    );
    // A dotted name under its own element counts the element once.
    let html = answer_html(
        "<tr><td>trade</td><td>String</td><td>可空</td></tr>\
         <tr><td>&nbsp;&nbsp;trade.trade_no</td><td>String</td><td>可空</td></tr>\
         <tr><td colspan=\"3\">trade</td></tr>\
         <tr><td>trade.out_trade_no</td><td>String</td><td>可空</td></tr>\
         <tr><td>item[].sku</td><td>String</td><td>可空</td></tr>",
    );
    assert_eq!(
        answer_paths(&parse(&html)),
        pairs(&[
            ("", "trade"),
            ("trade", "trade_no"),
            ("trade", "out_trade_no"),
            ("trade.item[]", "sku")
        ])
    );
}

#[test]
fn nesting_that_cannot_be_read_surely_is_an_error() {
    let errors = |rows: &str| {
        alipay_mapi_codegen::parse_document(&answer_html(rows))
            .unwrap_err()
            .into_iter()
            .map(|d| (d.line, d.message))
            .collect::<Vec<_>>()
    };
    // Back out of the group's indentation: inside `<trade>` or not?
    let found = errors(
        "<tr><td colspan=\"3\">trade（交易）</td></tr>\
         <tr><td>&nbsp;&nbsp;trade_no</td><td>String</td><td>可空</td></tr>\n\
         <tr><td>is_paid</td><td>String</td><td>可空</td></tr>",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Some(2));
    assert!(found[0].1.contains("less indented"), "{found:?}");
    // Rows under a value of a type.
    let found = errors(
        "<tr><td>trade_no</td><td>String(64)</td><td>可空</td></tr>\
         <tr><td>&nbsp;&nbsp;memo</td><td>String</td><td>可空</td></tr>",
    );
    assert!(found[0].1.contains("typed `String(64)`"), "{found:?}");
}

#[test]
fn english_space_copies_follow_the_header_order() {
    let text = "Service: demo.trade.query\n\n## Request parameters\n\n\
                Parameter  Type  Required  Example  Description\n\
                trade_no  String(64) Optional 2013  The trade number\n";
    let doc = parse(text);
    let p = param(doc.request.as_ref().unwrap(), "trade_no");
    assert_eq!(
        (p.description.as_str(), p.example.as_deref()),
        ("The trade number", Some("2013"))
    );
    // Two sentences are no description and example.
    let sentences = text
        .replace("Example  Description", "Description  Example")
        .replace(
            "2013  The trade number",
            "The trade number.  Unique in Alipay.",
        );
    let diags = alipay_mapi_codegen::parse_document(&sentences).unwrap_err();
    assert!(
        diags[0].message.contains("reads as a sentence"),
        "{diags:?}"
    );
    // `Number(10, 2)`: a space after the comma.
    let spaced = "Service: demo.trade.query\n\n## Request parameters\n\n\
                  Parameter  Type  Required  Description  Example\n\
                  total_fee  Number(10, 2) Required Total fee  10.00\n";
    let doc = parse(spaced);
    let p = param(doc.request.as_ref().unwrap(), "total_fee");
    assert_eq!(
        (p.description.as_str(), p.example.as_deref()),
        ("Total fee", Some("10.00"))
    );
}

#[test]
fn notes_among_nested_rows_and_names_written_from_their_element() {
    // A note row between indented rows keeps them nested.
    let html = answer_html(
        "<tr><td>trade</td><td>String</td><td>不可空</td></tr>\
         <tr><td>&nbsp;&nbsp;trade_no</td><td>String</td><td>不可空</td></tr>\
         <tr><td colspan=\"3\">注：金额单位为元</td></tr>\
         <tr><td>&nbsp;&nbsp;total_fee</td><td>Number</td><td>可空</td></tr>",
    );
    assert_eq!(
        answer_paths(&parse(&html)),
        pairs(&[("", "trade"), ("trade", "trade_no"), ("trade", "total_fee")])
    );
    // A note that names the element holds the rows after it.
    for note in ["（以下参数在trade节点下）", "Fields of the trade element"] {
        let html = answer_html(&format!(
            "<tr><td colspan=\"3\">{note}</td></tr>\
             <tr><td>trade_no</td><td>String</td><td>不可空</td></tr>"
        ));
        assert_eq!(
            answer_paths(&parse(&html)),
            pairs(&[("trade", "trade_no")]),
            "{note}"
        );
    }
    // `buyer.buyer_id` under `trade` then `buyer`: written from `trade`.
    let html = answer_html(
        "<tr><td colspan=\"3\">trade</td></tr>\
         <tr><td>buyer</td><td>String</td><td>可空</td></tr>\
         <tr><td>&nbsp;&nbsp;buyer.buyer_id</td><td>String</td><td>可空</td></tr>",
    );
    assert_eq!(
        answer_paths(&parse(&html)),
        pairs(&[("trade", "buyer"), ("trade.buyer", "buyer_id")])
    );
    // A name that leaves the element it sits in.
    let html = answer_html(
        "<tr><td colspan=\"3\">trade/buyer</td></tr>\
         <tr><td>trade.buyer_id</td><td>String</td><td>可空</td></tr>",
    );
    let diags = alipay_mapi_codegen::parse_document(&html).unwrap_err();
    assert!(
        diags[0].message.contains("which element holds it"),
        "{diags:?}"
    );
    // An element's row typed as a value, under a group row too.
    let html = answer_html(
        "<tr><td colspan=\"3\">trade</td></tr>\
         <tr><td>buyer</td><td>String(64)</td><td>可空</td></tr>\
         <tr><td>buyer.buyer_id</td><td>String</td><td>可空</td></tr>",
    );
    let diags = alipay_mapi_codegen::parse_document(&html).unwrap_err();
    assert!(diags[0].message.contains("typed `String(64)`"), "{diags:?}");
}

#[test]
fn request_tables_keep_flat_rows_and_refuse_sub_fields() {
    let head = "<p>服务名：a.b</p><h2>请求参数</h2><table>\
        <tr><th>参数</th><th>参数名称</th><th>类型</th><th>可空</th></tr>";
    // A stray `&nbsp;` in the label column (not the first) is no nesting;
    // a first-line indent (Word's 首行缩进) is typography.
    let html = format!(
        "{head}<tr><td>out_no</td><td>订单号</td><td>String</td><td>不可空</td></tr>\
         <tr><td><p style=\"text-indent:21pt;mso-char-indent-count:2\">subject</p></td>\
         <td>&nbsp;&nbsp;名称</td><td>String</td><td>不可空</td></tr></table>"
    );
    assert_eq!(
        names(parse(&html).request.as_ref().unwrap()),
        ["out_no", "subject"]
    );
    // Rows under a group row naming a parameter are its sub-fields.
    let html = format!(
        "{head}<tr><td>out_no</td><td>订单号</td><td>String</td><td>不可空</td></tr>\
         <tr><td colspan=\"4\">royalty_parameters（分润参数）</td></tr>\
         <tr><td>account</td><td>账号</td><td>String</td><td>不可空</td></tr></table>"
    );
    let diags = alipay_mapi_codegen::parse_document(&html).unwrap_err();
    assert!(
        diags[0]
            .message
            .contains("under a group row naming `royalty_parameters`"),
        "{diags:?}"
    );
    // A footnote mark is no part of a name.
    let md = "服务名：a.b\n\n## 请求参数\n\n| 参数 | 类型 | 可空 |\n|---|---|---|\n| subject[1] | String | 不可空 |\n";
    let diags = alipay_mapi_codegen::parse_document(md).unwrap_err();
    assert!(diags[0].message.contains("footnote"), "{diags:?}");
    // Copied with single spaces: a label word that reads as a type is not
    // the type; a value glued to the description is an error.
    let text = "Service: a.b\n\n## Request parameters\n\n\
                Parameter  Name  Type  Required  Description  Example\n\
                out_no  Order number  String(64) Required  Unique order number\n";
    let doc = parse(text);
    let p = param(doc.request.as_ref().unwrap(), "out_no");
    assert_eq!(
        (p.label.as_str(), p.ty.rust_doc(), p.description.as_str()),
        (
            "Order number",
            "String(64)".to_owned(),
            "Unique order number"
        )
    );
    let glued = text.replace(
        "String(64) Required  Unique order number",
        "String(64) Required Unique order number 6843192280647118",
    );
    let diags = alipay_mapi_codegen::parse_document(&glued).unwrap_err();
    assert!(diags[0].message.contains("may be the example"), "{diags:?}");
}

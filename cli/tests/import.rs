//! `alipay-mapi import`: documents in, the clean Markdown out.

mod common;

use common::*;

const TEXT_DOC: &str = "演示查询接口\n\n服务名：demo.trade.query\n\n请求参数\n\n\
参数\t参数名称\t类型\t是否可为空\t样例\n\
out_trade_no\t商户订单号\tString(64)\t不可空\t20150101|1\n";

#[test]
fn text_document_to_markdown() {
    let doc = temp_file("import_query.txt", TEXT_DOC.as_bytes());
    let out = run(&["import", doc.to_str().unwrap()]);
    out.assert_code(0);
    assert!(out.stdout.contains("服务名：demo.trade.query"), "{out:?}");
    assert!(
        out.stdout.contains(
            "| 参数 | 参数名称 | 类型 | 是否可为空 | 样例 |\n|---|---|---|---|---|\n\
             | out_trade_no | 商户订单号 | String(64) | 不可空 | 20150101\\|1 |\n"
        ),
        "{out:?}"
    );
    // -o writes the file; --json says where and which service.
    let target = temp_file("import_query.md", b"");
    let out = run(&[
        "--json",
        "import",
        doc.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    out.assert_code(0);
    let json = out.json();
    assert_eq!(json["service"], "demo.trade.query");
    assert_eq!(json["tables"], 1);
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("| out_trade_no |"), "{written}");
}

#[test]
fn service_is_asked_for_only_when_missing() {
    let bare = TEXT_DOC.replace("服务名：demo.trade.query\n\n", "");
    let doc = temp_file("import_bare.txt", bare.as_bytes());
    let out = run(&["import", doc.to_str().unwrap()]);
    out.assert_code(2);
    assert!(out.stderr.contains("--service"), "{out:?}");
    let out = run(&[
        "import",
        doc.to_str().unwrap(),
        "--service",
        "demo.trade.query",
    ]);
    out.assert_code(0);
    assert!(
        out.stdout.starts_with("服务名: demo.trade.query\n"),
        "{out:?}"
    );
    // A document naming another service is refused.
    let named = temp_file("import_named.txt", TEXT_DOC.as_bytes());
    run(&["import", named.to_str().unwrap(), "--service", "demo.other"]).assert_code(2);
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_to_markdown() {
    let pdf = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../codegen/tests/fixtures/pdf/embedded.pdf"
    );
    let out = run(&["import", pdf]);
    out.assert_code(0);
    assert!(
        out.stdout
            .starts_with("# 演示即时退款接口\n\n服务名: demo.trade.refund\n"),
        "{out:?}"
    );
    assert!(out.stdout.contains("| _input_charset | 参数编码字符集 | String | 商户网站使用的编码格式。 | 不可空 | utf-8 |\n"), "{out:?}");
}

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_needs_the_feature() {
    let doc = temp_file("import_x.pdf", b"%PDF-1.4\n");
    let out = run(&["import", doc.to_str().unwrap()]);
    out.assert_code(2);
    assert!(out.stderr.contains("--features pdf"), "{out:?}");
}

#[cfg(feature = "pdf")]
#[test]
fn damaged_pdf_is_a_usage_error() {
    let doc = temp_file("import_bad.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog");
    let out = run(&["import", doc.to_str().unwrap()]);
    out.assert_code(2);
    assert!(out.stderr.contains("import_bad.pdf"), "{out:?}");
}

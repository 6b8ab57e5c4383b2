//! `parse_document` never panics, whatever it is fed.
use alipay_mapi_codegen::{
    parse_and_check, parse_document, parse_error_table, parse_table, Options, TableKind,
};
use proptest::prelude::*;

fn all(text: &str) {
    let _ = parse_document(text);
    let _ = parse_table(text, TableKind::Request);
    let _ = parse_error_table(text);
    let _ = parse_and_check("a.b", text, &Options::default());
}

const FRAGMENTS: &[&str] = &[
    "\t",
    "|",
    "\\|",
    "\\",
    "\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "<",
    ">",
    "</",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "<td colspan=99999999>",
    "<td rowspan=\"4000\">",
    "</td>",
    "<th>",
    "<!--",
    "-->",
    "<b>",
    "&#99999999;",
    "&#x;",
    "&#xD800;",
    "&amp",
    "&",
    ";",
    "##",
    "# ",
    "**",
    "---",
    ":--:",
    "参数名",
    "参数",
    "参数名称",
    "类型",
    "类型（长度范围）",
    "可空",
    "是否必填",
    "样例",
    "错误代码",
    "说明",
    "String(",
    "String(50)",
    "Number(10,2)",
    "Date",
    "N",
    "Y",
    "是",
    "sign",
    "_input_charset",
    "service",
    "sns.cae.sign.customer",
    "ILLEGAL_SIGN",
    "基本参数",
    "3、请求参数",
    "5.1 页面跳转返回",
    "5.2 错误代码",
    "服务器异步通知",
    "服务名:",
    "é",
    "𝄞",
    "中",
    "\u{3000}",
    "\u{a0}",
    "（",
    "）",
    "`",
    "_",
    "1.",
    "一、",
];

fn garbled() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        all(&s);
    }

    #[test]
    fn garbled_documents(s in garbled()) {
        all(&s);
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, .. ProptestConfig::default() })]

    #[test]
    fn mutated_fixture(cut in 0usize..4000, insert in prop::sample::select(FRAGMENTS)) {
        let text = include_str!("fixtures/html_page.html");
        let mut s: String = text.chars().take(cut).collect();
        s.push_str(insert);
        s.extend(text.chars().skip(cut + 1));
        all(&s);
        let text = include_str!("fixtures/seed_format.txt");
        let mut s: String = text.chars().take(cut / 2).collect();
        s.push_str(insert);
        s.extend(text.chars().skip(cut / 2 + 3));
        all(&s);
    }
}

#[test]
fn hand_picked_nasties() {
    for s in [
        "",
        "<",
        "<<<<<<",
        "<table",
        "<table><tr><td>",
        "<tr",
        "&#99999999;",
        "&#",
        "&",
        "|",
        "||||",
        "|\n|---|",
        "\t\t\t",
        "参数名\t类型\t可空\n\t\t\n",
        "<td colspan=64000000>x",
        "# \n## \n### 3、",
        "中\t文\t|\t<\t&",
        "a\\",
        "\\|\\|",
        "<!--",
        "<a href='>",
        "参数名|类型|可空\n---|---|---\nx|String(99999999999)|N",
        "<table><tr><td rowspan=999999>a</td></tr><tr></tr><tr></tr></table>",
    ] {
        all(s);
    }
    // Big inputs stay fast (no quadratic blowup on unclosed tags).
    let big = "<a".repeat(20_000) + &"<!--".repeat(5_000) + &"\t|".repeat(20_000);
    all(&big);
    let big = "参数名\t类型\t可空\n".to_owned() + &"x\tString\tN\n".repeat(5_000);
    assert!(parse_document(&big).is_err()); // duplicates
}

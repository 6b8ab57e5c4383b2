//! An HTML example cell split into paragraphs: joined without a space only
//! where the split is surely inside one value (an unfinished percent
//! escape), and otherwise joined by a space that is shown, never hidden;
//! prose cells keep their spaces.
mod common;

use common::*;

fn page(example: &str, description: &str) -> String {
    format!(
        "<h2>请求参数</h2><table>\
         <tr><th>参数</th><th>参数名称</th><th>类型</th><th>参数说明</th><th>是否可为空</th><th>样例</th></tr>\
         <tr><td>sign</td><td>签名</td><td>String</td><td>{description}</td><td>不可空</td><td>{example}</td></tr>\
         </table>"
    )
}

#[test]
fn a_url_encoded_example_split_in_an_escape_is_one_value() {
    let doc = parse(&page(
        "<p>AqDeHSqY%2BwcYy0bT%3D%</p><p>3DnoFn%2B3biV</p>",
        "<p>见附录</p><p>签名与验签</p>",
    ));
    let p = param(doc.request.as_ref().unwrap(), "sign");
    assert_eq!(
        p.example.as_deref(),
        Some("AqDeHSqY%2BwcYy0bT%3D%3DnoFn%2B3biV")
    );
    assert!(p.example_paragraphs.is_empty());
    // The prose cell keeps its space.
    assert_eq!(p.description, "见附录 签名与验签");
}

#[test]
fn a_split_that_cannot_be_told_keeps_its_space_and_shows_it() {
    for (cell, joined, parts) in [
        // Split at an escape's boundary: one wrapped value, or two?
        (
            "<p>AqDe%2BwcY%3D</p><p>%3DnoFn</p>",
            "AqDe%2BwcY%3D %3DnoFn",
            &["AqDe%2BwcY%3D", "%3DnoFn"][..],
        ),
        ("T<br>F", "T F", &["T", "F"][..]),
        (
            "<p>2015-01-01</p><p>12:00:00</p>",
            "2015-01-01 12:00:00",
            &["2015-01-01", "12:00:00"][..],
        ),
    ] {
        let doc = parse(&page(cell, "签名"));
        let p = param(doc.request.as_ref().unwrap(), "sign");
        assert_eq!(p.example.as_deref(), Some(joined), "{cell}");
        assert_eq!(p.example_paragraphs, parts, "{cell}");
    }
}

#[test]
fn a_single_paragraph_example_has_nothing_to_show() {
    let doc = parse(&page("<p>abc%3D</p>", "签名"));
    let p = param(doc.request.as_ref().unwrap(), "sign");
    assert_eq!(p.example.as_deref(), Some("abc%3D"));
    assert!(p.example_paragraphs.is_empty());
}

#[test]
fn markdown_br_in_an_example_cell_reads_the_same() {
    let text = "## 请求参数\n\n| 参数 | 类型 | 是否可为空 | 样例 |\n|---|---|---|---|\n\
                | sign | String | 不可空 | a%2Fb%3D%<br>3Dc |\n";
    let doc = parse(text);
    let p = param(doc.request.as_ref().unwrap(), "sign");
    assert_eq!(p.example.as_deref(), Some("a%2Fb%3D%3Dc"));
}

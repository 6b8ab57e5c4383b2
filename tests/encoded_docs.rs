//! Documents saved in GBK (a page with `<meta charset="gbk">`) or UTF-16
//! (with a byte-order mark) are declared like UTF-8 ones: the macro decodes
//! them, and the build only watches their bytes for changes.

use alipay_mapi::alipay_service;

#[alipay_service("demo.gbk.page", doc = "tests/ui/docs/demo.gbk.page.html")]
pub mod gbk_page {}

#[alipay_service("demo.utf16.page", doc = "tests/ui/docs/demo.utf16.page.txt")]
pub mod utf16_page {}

#[test]
fn a_gbk_page_reads_as_its_text() {
    let memo = gbk_page::SPEC.request_field("memo").unwrap();
    assert_eq!((memo.label, memo.max_len), ("备注", Some(40)));
    assert_eq!(memo.description, "冻结原因，最多二十个汉字");
    let request = gbk_page::Request::new("6200001");
    assert_eq!(request.memo, None);
}

#[test]
fn a_utf16_document_reads_as_its_text() {
    let names: Vec<&str> = utf16_page::SPEC.request.iter().map(|f| f.name).collect();
    assert_eq!(names, ["card_no", "memo"]);
    assert_eq!(utf16_page::SPEC.request[0].label, "卡号");
}

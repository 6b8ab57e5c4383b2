//! The `pdf` reader on the PDFs made by `fixtures/pdf/make_pdfs.py`: each
//! fixture's Markdown must hold every heading and every table row exactly
//! as `NAME.tables.md` (written by the script from its own data) says.
#![cfg(feature = "pdf")]

use std::path::PathBuf;

use alipay_mapi_codegen::pdf::to_markdown;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(&format!("{name}.pdf"))).unwrap()
}

fn markdown(name: &str) -> String {
    to_markdown(&bytes(name)).unwrap()
}

/// Every heading of the expected file is a line of `md`, and every table
/// (header, separator, rows) appears as consecutive lines, after its
/// heading and in order.
fn assert_tables(name: &str, md: &str) {
    let expected = std::fs::read_to_string(fixture(&format!("{name}.tables.md"))).unwrap();
    let mut from = 0;
    for block in expected.trim().split("\n\n") {
        // A heading is a whole line; a table, whole consecutive lines.
        let needle = format!("\n{block}\n");
        let hay = format!("\n{md}");
        match hay.get(from..).and_then(|rest| rest.find(&needle)) {
            Some(at) => from += at + needle.len() - 1,
            None => {
                let missing: Vec<&str> = block
                    .lines()
                    .filter(|l| !md.lines().any(|m| m == *l))
                    .collect();
                panic!("{name}: block not found in order:\n{block}\nlines missing: {missing:#?}\n--- markdown:\n{md}");
            }
        }
    }
}

#[test]
fn stsong_predefined_cmap_stroked_grid() {
    let pdf = bytes("stsong");
    // The fixture is what it claims: reportlab's STSong-Light, predefined CMap.
    assert!(pdf.windows(12).any(|w| w == b"UniGB-UCS2-H"));
    let md = markdown("stsong");
    assert_tables("stsong", &md);
    assert!(
        md.starts_with("# 商户测试签约接口（test_merchant_sign）\n\n服务名: test_merchant_sign\n"),
        "{md}"
    );
    // Running header and footer appear nowhere.
    assert!(!md.contains("测试文档"), "{md}");
    assert!(!md.contains("仅供测试使用"), "{md}");
    assert!(!md.contains("第 2 页"), "{md}");
}

#[test]
fn embedded_identity_h_filled_blue_rulings() {
    let pdf = bytes("embedded");
    assert!(pdf.windows(10).any(|w| w == b"Identity-H"));
    assert!(pdf.windows(9).any(|w| w == b"ToUnicode"));
    assert!(pdf.windows(9).any(|w| w == b"FontFile2"));
    let md = markdown("embedded");
    assert_tables("embedded", &md);
    assert!(
        md.starts_with("# 演示即时退款接口\n\n服务名: demo.trade.refund\n"),
        "{md}"
    );
    assert!(!md.contains("测试文档"), "{md}");
    // The request table's header, repeated on the next page, is read once.
    assert_eq!(
        md.matches("| 参数 | 参数名称 | 类型（长度范围） |").count(),
        2,
        "{md}"
    );
}

#[test]
fn long_document_every_table() {
    let md = markdown("long");
    assert_tables("long", &md);
    assert!(md.contains("服务名: test.batch.upload\n"), "{md}");
}

#[test]
fn markdown_parses_into_the_documents_tables() {
    let md = markdown("embedded");
    let doc = alipay_mapi_codegen::parse_document(&md).unwrap();
    assert_eq!(
        doc.service.as_ref().map(|(_, s)| s.as_str()),
        Some("demo.trade.refund")
    );
    let request: Vec<_> = doc
        .request
        .unwrap()
        .params
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(request.len(), 29, "{request:?}");
    assert_eq!(request.get(2).map(String::as_str), Some("_input_charset"));
    assert_eq!(request.get(9).map(String::as_str), Some("detail_data"));
    assert_eq!(doc.notify.unwrap().params.len(), 6);
    assert_eq!(doc.errors.unwrap().len(), 40);
}

#[test]
fn damaged_pdfs_are_errors_not_panics() {
    let pdf = bytes("embedded");
    // Every truncation: an error (or, past the last object, the text).
    for len in (0..pdf.len()).step_by(5003) {
        let _ = to_markdown(pdf.get(..len).unwrap());
    }
    assert!(to_markdown(pdf.get(..pdf.len() / 2).unwrap()).is_err());
    // Flipped bytes anywhere.
    let mut state = 0x2545_f491_u32;
    for _ in 0..40 {
        let mut damaged = pdf.clone();
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = state as usize % damaged.len();
            if let Some(b) = damaged.get_mut(at) {
                *b ^= (state >> 24) as u8 | 1;
            }
        }
        let _ = to_markdown(&damaged);
    }
    let err = to_markdown(b"<html>not a pdf</html>").unwrap_err();
    assert!(err.to_string().contains("not a PDF"), "{err}");
}

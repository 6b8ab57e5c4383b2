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

/// The `embedded` fixture with a line of bullets drawn in a Type0 font
/// named `font`, Identity-H and no ToUnicode map (how Word embeds
/// Wingdings for list bullets), on its first page.
fn with_unmapped_font(font: &str) -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::load_mem(&bytes("embedded")).unwrap();
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(font.as_bytes().to_vec()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "DW" => 1000,
    });
    let type0 = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(font.as_bytes().to_vec()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(descendant)],
    });
    let (_, &page) = doc.get_pages().iter().next().unwrap();
    // Its own resources and a content stream of its own, after the page's.
    let bullets = Stream::new(
        dictionary! {},
        b"BT /FSym 10.5 Tf 1 0 0 1 72 60 Tm <00A700A7> Tj ET".to_vec(),
    );
    let bullets = doc.add_object(bullets);
    // The page's resources, copied onto the page (from the page, a
    // referenced dictionary or the page tree), with the font added.
    let mut resources = match doc.get_dictionary(page).unwrap().get(b"Resources") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).unwrap().clone(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => {
            let parent = doc
                .get_dictionary(page)
                .unwrap()
                .get(b"Parent")
                .unwrap()
                .as_reference()
                .unwrap();
            match doc
                .get_dictionary(parent)
                .unwrap()
                .get(b"Resources")
                .unwrap()
            {
                Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
                other => other.as_dict().unwrap().clone(),
            }
        }
    };
    let mut fonts = match resources.get(b"Font").unwrap() {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
        other => other.as_dict().unwrap().clone(),
    };
    fonts.set("FSym", Object::Reference(type0));
    resources.set("Font", Object::Dictionary(fonts));
    let page_dict = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
    page_dict.set("Resources", Object::Dictionary(resources));
    let mut list = match page_dict.get(b"Contents").unwrap().clone() {
        Object::Array(items) => items,
        one => vec![one],
    };
    list.push(Object::Reference(bullets));
    page_dict.set("Contents", Object::Array(list));
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_symbol_font_without_text_is_bullets_not_an_error() {
    // Wingdings without a ToUnicode map (the official PDFs' list bullets):
    // its glyphs carry no text and the document reads as without them.
    let md = to_markdown(&with_unmapped_font("ABCDEF+Wingdings-Regular")).unwrap();
    assert_eq!(md, markdown("embedded"));
    // Any other font without a map: its text cannot be read, an error.
    let err = to_markdown(&with_unmapped_font("ABCDEF+SimSun")).unwrap_err();
    assert!(err.to_string().contains("no ToUnicode map"), "{err}");
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

/// The fuzz target `pdf`'s corpus and regressions, replayed on stable with
/// the target's invariants.
#[test]
fn fuzz_corpus_replays() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut count = 0;
    for dir in ["corpus/pdf", "regressions/pdf"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            match to_markdown(&data) {
                Ok(md) => {
                    assert!(md.ends_with('\n'), "{}", path.display());
                    let lines: Vec<&str> = md.lines().collect();
                    for (i, line) in lines.iter().enumerate() {
                        if line.starts_with("|---") {
                            let header = i.checked_sub(1).and_then(|h| lines.get(h));
                            assert!(header.is_some_and(|h| h.starts_with('|')), "{md}");
                        }
                    }
                    let _ = alipay_mapi_codegen::parse_document(&md);
                }
                Err(e) => assert!(!e.to_string().is_empty()),
            }
            count += 1;
        }
    }
    assert!(count >= 2, "fuzz/corpus/pdf has {count} inputs");
}

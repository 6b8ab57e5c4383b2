//! Finding and reading an interface's document.
//!
//! `#[alipay_service("sns.cae.sign.customer")]` with no `doc` looks for
//! `docs/sns.cae.sign.customer.{md,txt,html,pdf}` next to the declaring
//! crate's `Cargo.toml` ([`discover`]); [`read`] turns any of them into the
//! text the table parser reads (a PDF through the `pdf` feature).

use std::path::{Path, PathBuf};

/// The extensions [`discover`] tries, in order.
pub const EXTENSIONS: &[&str] = &["md", "txt", "html", "htm", "pdf"];

/// The document of `service` under `manifest_dir`: the first of
/// `docs/<service>.md`, `.txt`, `.html`, `.htm`, `.pdf` that exists, as an
/// absolute path and as written relative to the manifest directory
/// (`docs/x.md`). When none exists, the error names every path tried.
pub fn discover(manifest_dir: &Path, service: &str) -> Result<(PathBuf, String), String> {
    let tried: Vec<String> = EXTENSIONS
        .iter()
        .map(|ext| format!("docs/{service}.{ext}"))
        .collect();
    for relative in &tried {
        let path = manifest_dir.join(relative);
        if path.is_file() {
            return Ok((path, relative.clone()));
        }
    }
    Err(format!(
        "no document for `{service}`: tried {} next to Cargo.toml; put the interface's document there, or give `doc = \"…\"` or `request = \"…\"`",
        tried.join(", ")
    ))
}

/// The text of a document: UTF-8 text as it is; a `.pdf` converted to
/// Markdown by the `pdf` feature (an error naming the feature without it).
/// `shown` is the path as the user wrote it, for messages.
pub fn read(path: &Path, shown: &str) -> Result<String, String> {
    let is_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        return read_pdf(path, shown);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    decode(&bytes).map_err(|reason| format!("cannot read `{shown}`: {reason}"))
}

/// A document's bytes as text: UTF-8; or the encoding its byte order mark
/// (UTF-16 from Notepad) or, for HTML, its `<meta charset>` declares (the
/// gateway's old pages were GBK). Undeclared non-UTF-8 bytes are an error
/// that says what they would be, never decoded by a guess.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(bytes.get(bom..).unwrap_or(&[]))
            .map(|text| text.into_owned())
            .ok_or_else(|| {
                format!(
                    "the byte order mark says {}, but the bytes are not valid {}",
                    encoding.name(),
                    encoding.name()
                )
            });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    if let Some(label) = meta_charset(bytes) {
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            format!("the page declares charset `{label}`, which is not an encoding")
        })?;
        return encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| text.into_owned())
            .ok_or_else(|| {
                format!(
                    "the page declares charset `{label}`, but its bytes are not valid {}",
                    encoding.name()
                )
            });
    }
    let gbk = encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some();
    Err(format!(
        "the document is not UTF-8 and declares no charset{}; save it as UTF-8",
        if gbk {
            " (its bytes read as GBK, as Chinese Windows saves text)"
        } else {
            ""
        }
    ))
}

/// The charset an HTML page declares in its first 4 KiB:
/// `<meta charset="gbk">` or `<meta http-equiv="Content-Type"
/// content="text/html; charset=gb2312">`.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(4096))?;
    let head: String = head
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(at) = head.get(from..)?.find("<meta") {
        let start = from + at;
        let end = head
            .get(start..)?
            .find('>')
            .map_or(head.len(), |e| start + e);
        let tag = head.get(start..end)?;
        if let Some(c) = tag.find("charset") {
            let value = tag
                .get(c + "charset".len()..)?
                .trim_start()
                .strip_prefix('=')?;
            let label: String = value
                .trim_start()
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                .collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
        from = end;
    }
    None
}

#[cfg(feature = "pdf")]
fn read_pdf(path: &Path, shown: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    crate::pdf::to_markdown(&bytes).map_err(|e| format!("cannot read the PDF `{shown}`: {e}"))
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(_path: &Path, shown: &str) -> Result<String, String> {
    Err(format!(
        "`{shown}` is a PDF: reading it needs the `pdf` feature (alipay-mapi = {{ features = [\"pdf\"] }}), or convert it with `alipay-mapi import {shown}` and point `doc` at the Markdown it writes"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_names_what_it_tried() {
        let dir = std::env::temp_dir().join(format!("alipay-mapi-source-{}", std::process::id()));
        let docs = dir.join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        let err = discover(&dir, "a.b").unwrap_err();
        assert!(
            err.contains(
                "tried docs/a.b.md, docs/a.b.txt, docs/a.b.html, docs/a.b.htm, docs/a.b.pdf"
            ),
            "{err}"
        );
        std::fs::write(docs.join("a.b.txt"), "x").unwrap();
        std::fs::write(docs.join("a.b.pdf"), "x").unwrap();
        let (path, shown) = discover(&dir, "a.b").unwrap();
        assert_eq!(shown, "docs/a.b.txt");
        assert_eq!(read(&path, &shown).unwrap(), "x");
        let pdf = read(&docs.join("a.b.pdf"), "docs/a.b.pdf");
        if cfg!(not(feature = "pdf")) {
            assert!(pdf.unwrap_err().contains("the `pdf` feature"));
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn declared_charsets_are_read_undeclared_ones_refused() {
        // 请求参数 in GBK (bytes from Python's "请求参数".encode("gbk")).
        let gbk: &[u8] = &[0xC7, 0xEB, 0xC7, 0xF3, 0xB2, 0xCE, 0xCA, 0xFD];
        let page = [
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\"></head><h3>".as_slice(),
            gbk,
            b"</h3></html>",
        ]
        .concat();
        assert!(decode(&page).unwrap().contains("<h3>请求参数</h3>"));
        let page = [b"<meta charset='gb2312'><p>".as_slice(), gbk].concat();
        assert!(decode(&page).unwrap().ends_with("请求参数"));
        // UTF-16 with its byte order mark (Notepad's "Unicode").
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("参数".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "参数");
        // Undeclared: an error that says what the bytes would be.
        let err = decode(gbk).unwrap_err();
        assert!(
            err.contains("not UTF-8 and declares no charset") && err.contains("GBK"),
            "{err}"
        );
        // Declared, but wrong.
        let page = [b"<meta charset=\"utf-8\">".as_slice(), gbk].concat();
        assert!(decode(&page).unwrap_err().contains("not valid UTF-8"));
        assert_eq!(decode("纯文本".as_bytes()).unwrap(), "纯文本");
    }
}

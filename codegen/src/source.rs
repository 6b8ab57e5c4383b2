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
    std::fs::read_to_string(path).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::InvalidData {
            " (save the document as UTF-8)"
        } else {
            ""
        };
        format!("cannot read `{shown}`: {e}{hint}")
    })
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
}

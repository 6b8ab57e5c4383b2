//! `alipay-mapi import`: any interface document (PDF, HTML, text) as the
//! clean Markdown document the parser reads — headings as `#` lines, every
//! table as a pipe table, and a `服务名: <service>` line — for review and
//! for committing next to the declaration.
//!
//! PDFs are read by [`crate::pdf`] (feature `pdf`); HTML and text go
//! through the parser's first pass (text lines and raw tables) and are
//! written back as Markdown. The Markdown is then read again and compared
//! with the source: every table must give the same parameters, or the
//! difference is reported in [`Imported::warnings`].

use std::fmt;
use std::path::Path;

use crate::syntax::{blocks, parse_document_parts, service_line, Block, Document};

/// The kind of a source document, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.pdf`: read with the `pdf` feature.
    Pdf,
    /// `.html` / `.htm`: the page (or a fragment of it).
    Html,
    /// `.txt`, `.md` or anything else: text as copied.
    Text,
}

impl Format {
    /// The format of a path by its extension (case-insensitive); text when
    /// the extension is none of `pdf`, `html`, `htm`.
    pub fn of_path(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("pdf") => Format::Pdf,
            Some("html" | "htm") => Format::Html,
            _ => Format::Text,
        }
    }
}

/// What [`import`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The Markdown document, ending in a newline.
    pub markdown: String,
    /// The service it names (its `服务名` line), if any.
    pub service: Option<String>,
    /// Tables whose parameters read differently from the source: review
    /// those before using the Markdown.
    pub warnings: Vec<String>,
}

/// Why a document could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

fn fail(message: impl Into<String>) -> ImportError {
    ImportError {
        message: message.into(),
    }
}

/// Reads a document of `format` and writes it as Markdown. `service`, when
/// given, is written as the `服务名` line if the document names none.
///
/// ```
/// use alipay_mapi_codegen::import::{import, Format};
/// let text = "服务名：demo.trade.query\n\n请求参数\n\n参数\t类型\t是否可为空\t样例\nout_trade_no\tString(64)\t不可空\t1\n";
/// let imported = import(text.as_bytes(), Format::Text, None).unwrap();
/// assert_eq!(imported.service.as_deref(), Some("demo.trade.query"));
/// assert!(imported.markdown.contains("| out_trade_no | String(64) | 不可空 | 1 |"));
/// ```
///
/// # Errors
///
/// When the PDF cannot be read (or the `pdf` feature is off), the text is
/// not UTF-8, or `service` differs from the service the document names.
pub fn import(
    bytes: &[u8],
    format: Format,
    service: Option<&str>,
) -> Result<Imported, ImportError> {
    let (mut markdown, source) = match format {
        Format::Pdf => (pdf_markdown(bytes)?, None),
        Format::Html | Format::Text => {
            let text = crate::source::decode(bytes).map_err(fail)?;
            (text_to_markdown(&text), Some(text))
        }
    };
    let named = service_of(&markdown);
    let service = match (named, service) {
        (Some(n), Some(s)) if n != s => {
            return Err(fail(format!(
                "the document names the service `{n}`, not `{s}`"
            )))
        }
        (Some(n), _) => Some(n),
        (None, Some(s)) => {
            markdown = with_service_line(&markdown, s);
            Some(s.to_owned())
        }
        (None, None) => None,
    };
    let mut warnings = Vec::new();
    if let Some(source) = source {
        let (before, _) = parse_document_parts(&source, None);
        let (after, _) = parse_document_parts(&markdown, None);
        compare(&before, &after, &mut warnings);
    }
    Ok(Imported {
        markdown,
        service,
        warnings,
    })
}

#[cfg(feature = "pdf")]
fn pdf_markdown(bytes: &[u8]) -> Result<String, ImportError> {
    crate::pdf::to_markdown(bytes).map_err(|e| fail(e.to_string()))
}

#[cfg(not(feature = "pdf"))]
fn pdf_markdown(_: &[u8]) -> Result<String, ImportError> {
    Err(fail(
        "reading PDFs needs the `pdf` feature (build alipay-mapi-cli with `--features pdf`)",
    ))
}

fn compare(before: &Document, after: &Document, warnings: &mut Vec<String>) {
    use crate::TableKind;
    for kind in [
        TableKind::Request,
        TableKind::Response,
        TableKind::Notify,
        TableKind::Answer,
    ] {
        let names = |d: &Document| {
            d.table(kind)
                .map(|t| t.params.iter().map(|p| p.name.clone()).collect::<Vec<_>>())
        };
        if names(before) != names(after) {
            warnings.push(format!(
                "the {} table reads differently in the Markdown than in the source: review it",
                kind.name()
            ));
        }
    }
    let codes = |d: &Document| {
        d.errors
            .as_ref()
            .map(|e| e.iter().map(|c| c.code.clone()).collect::<Vec<_>>())
    };
    if codes(before) != codes(after) {
        warnings.push(
            "the error-code table reads differently in the Markdown than in the source: review it"
                .to_owned(),
        );
    }
}

/// The line a PDF's Markdown holds where the `服务名` line goes when the
/// document names no service. [`import`] with a service replaces it, so
/// that the Markdown keeps its line numbers: a diagnostic about the PDF
/// (`#[alipay_service]`, `alipay-mapi gen`) names the line of the Markdown
/// `alipay-mapi import --service NAME` writes.
pub const NO_SERVICE_LINE: &str =
    "服务名: (not named in the document: `alipay-mapi import --service NAME` writes it here)";

/// Writes `服务名: s` in place of [`NO_SERVICE_LINE`]; without one, inserts
/// it after the title (a first `# ` line), else at the top.
pub(crate) fn with_service_line(markdown: &str, service: &str) -> String {
    let named = format!("服务名: {service}");
    if markdown.lines().any(|l| l == NO_SERVICE_LINE) {
        return markdown
            .split('\n')
            .map(|l| {
                if l == NO_SERVICE_LINE {
                    named.as_str()
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    let line = format!("{named}\n\n");
    match markdown.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => {
            format!("{first}\n\n{line}{}", rest.trim_start_matches('\n'))
        }
        _ => format!("{line}{markdown}"),
    }
}

/// The service a Markdown document names: its `服务名` / `接口名称` /
/// `Service` line, else the example of its `service` row, else a service
/// name in its title.
pub fn service_of(markdown: &str) -> Option<String> {
    if let Some(s) = markdown.lines().find_map(service_in_text) {
        return Some(s);
    }
    for line in markdown.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("| service |") {
            if let Some(s) = rest.split('|').find_map(|c| service_token(c.trim())) {
                return Some(s);
            }
        }
    }
    markdown
        .lines()
        .find(|l| l.starts_with("# "))
        .and_then(service_token)
}

/// The service of a `服务名: x` / `接口名称：x` / `Service: x` line.
pub(crate) fn service_in_text(text: &str) -> Option<String> {
    service_line(text.trim())
}

/// A service name in running text: lowercase words joined by `_` or `.`,
/// not a host or file name.
pub(crate) fn service_token(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map(|t| t.trim_matches('.'))
        .find(|t| {
            t.len() >= 3
                && t.contains(['_', '.'])
                && t.starts_with(|c: char| c.is_ascii_lowercase())
                && !t.contains("..")
                && !t.starts_with("www.")
                && ![
                    ".com", ".cn", ".net", ".org", ".php", ".htm", ".html", ".do", ".jsp", ".pdf",
                ]
                .iter()
                .any(|tld| t.ends_with(tld))
        })
        .map(str::to_owned)
}

/// A row of a rendered table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MdRow {
    /// One cell per header column.
    Cells(Vec<String>),
    /// A group label spanning the table (`基本参数`), written as a
    /// one-cell row.
    Group(String),
}

/// A cell for a pipe table: `|` escaped, line breaks as `<br>`.
pub(crate) fn escape_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a pipe table: header, `|---|` separator, rows.
pub(crate) fn render_table(out: &mut String, header: &[String], rows: &[MdRow]) {
    let row = |out: &mut String, cells: &[String]| {
        out.push('|');
        for c in cells {
            out.push(' ');
            out.push_str(&escape_cell(c));
            out.push_str(" |");
        }
        out.push('\n');
    };
    row(out, header);
    out.push('|');
    for _ in header {
        out.push_str("---|");
    }
    out.push('\n');
    for r in rows {
        match r {
            MdRow::Cells(cells) => row(out, cells),
            MdRow::Group(label) => row(out, std::slice::from_ref(label)),
        }
    }
}

/// Writes a text document (HTML or text as copied) as Markdown: its
/// headings as `#` lines, its other text lines as they are, every table
/// as a pipe table (its first row the header; a row of one cell a group
/// row).
pub fn text_to_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut last_was_text = false;
    for block in blocks(text) {
        match block {
            Block::Text(line) => {
                let t = line.text.trim();
                if t.is_empty() {
                    continue;
                }
                match line.heading {
                    Some(level) => {
                        if last_was_text {
                            out.push('\n');
                        }
                        let level = if level > 6 { 2 } else { level.max(1) };
                        out.push_str(&"#".repeat(usize::from(level)));
                        out.push(' ');
                        out.push_str(t.trim_start_matches('#').trim());
                        out.push_str("\n\n");
                        last_was_text = false;
                    }
                    None => {
                        out.push_str(&escape_text(t));
                        out.push('\n');
                        last_was_text = true;
                    }
                }
            }
            Block::Table(table) => {
                if last_was_text {
                    out.push('\n');
                }
                let mut rows = table.rows.iter();
                let Some(head) = rows.next() else { continue };
                let header: Vec<String> = head.cells.iter().map(|c| c.text.clone()).collect();
                let body: Vec<MdRow> = rows
                    .map(|r| {
                        // Indentation (a row nested under the one above)
                        // is kept as the `&nbsp;`s the reader counts.
                        let mut cells: Vec<String> = r
                            .cells
                            .iter()
                            .map(|c| "&nbsp;".repeat(usize::from(c.indent)) + &c.text)
                            .collect();
                        // A row the reader could not split surely stays an
                        // error in the Markdown: a cell past the header
                        // that says why, until it is mended by hand.
                        if let Some(note) = &r.note {
                            cells.resize(cells.len().max(header.len()), String::new());
                            cells.push(format!("REVIEW: {note}"));
                        }
                        if cells.len() == 1 && header.len() > 1 {
                            MdRow::Group(cells.into_iter().next().unwrap_or_default())
                        } else {
                            MdRow::Cells(cells)
                        }
                    })
                    .collect();
                render_table(&mut out, &header, &body);
                out.push('\n');
                last_was_text = false;
            }
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// A text line that Markdown would read as a table row or heading,
/// escaped.
fn escape_text(text: &str) -> String {
    let escaped = text.replace('|', "\\|");
    match escaped.strip_prefix('#') {
        Some(rest) => format!("\\#{rest}"),
        None => escaped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_tables_become_pipe_tables() {
        let text = "# 演示查询接口\n\n服务名：demo.trade.query\n\n## 请求参数\n\n参数\t参数名称\t类型\t是否可为空\t样例\n基本参数\nout_trade_no\t商户订单号\tString(64)\t不可空\tA|1\n";
        let imported = import(text.as_bytes(), Format::Text, None).unwrap();
        assert_eq!(imported.service.as_deref(), Some("demo.trade.query"));
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        let md = &imported.markdown;
        assert!(md.contains("| 参数 | 参数名称 | 类型 | 是否可为空 | 样例 |\n|---|---|---|---|---|\n| 基本参数 |\n| out_trade_no | 商户订单号 | String(64) | 不可空 | A\\|1 |\n"), "{md}");
        assert!(md.contains("## 请求参数"), "{md}");
    }

    #[test]
    fn indented_rows_stay_indented() {
        let html =
            "<p>服务名：demo.trade.query</p><p>接口访问方式：服务器调用</p><h2>XML返回结果</h2>\
            <table><tr><th>参数</th><th>类型</th><th>可空</th></tr>\
            <tr><td>trade</td><td>String</td><td>可空</td></tr>\
            <tr><td>&nbsp;&nbsp;trade_no</td><td>String(64)</td><td>不可空</td></tr></table>";
        let imported = import(html.as_bytes(), Format::Html, None).unwrap();
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        let md = &imported.markdown;
        assert!(
            md.contains("| &nbsp;&nbsp;trade_no | String(64) | 不可空 |"),
            "{md}"
        );
        let doc = crate::parse_document(md).unwrap();
        let trade_no = &doc.answer.unwrap().params[1];
        assert_eq!(
            (trade_no.path.as_slice(), trade_no.name.as_str()),
            (&["trade".to_owned()][..], "trade_no")
        );
    }

    #[test]
    fn rows_read_with_doubt_stay_errors() {
        let text = "Service: demo.trade.query\n\n## Request parameters\n\n\
                    Parameter  Type  Required  Description  Example\n\
                    buyer String(64) Optional Buyer  account  a@b.com\n";
        assert!(crate::parse_document(text).is_err());
        let imported = import(text.as_bytes(), Format::Text, None).unwrap();
        assert!(
            imported
                .markdown
                .contains("| REVIEW: after `Optional` come 3 pieces"),
            "{}",
            imported.markdown
        );
        let diags = crate::parse_document(&imported.markdown).unwrap_err();
        assert!(
            diags[0]
                .message
                .contains("REVIEW: after Optional come 3 pieces"),
            "{diags:?}"
        );
    }

    #[test]
    fn service_argument_fills_in_or_conflicts() {
        let text = "请求参数\n\n参数\t类型\t是否可为空\nout_trade_no\tString(64)\t不可空\n";
        let imported = import(text.as_bytes(), Format::Text, Some("demo.x")).unwrap();
        assert!(
            imported.markdown.starts_with("服务名: demo.x\n"),
            "{}",
            imported.markdown
        );
        let named = "服务名: demo.y\n\n".to_owned() + text;
        assert!(import(named.as_bytes(), Format::Text, Some("demo.x")).is_err());
    }

    #[test]
    fn service_from_row_or_title() {
        assert_eq!(
            service_of("# 标题\n\n| 参数 | 样例 |\n|---|---|\n| service | demo.pay |\n").as_deref(),
            Some("demo.pay")
        );
        assert_eq!(
            service_of("# 接口（demo_pay_by_user）\n").as_deref(),
            Some("demo_pay_by_user")
        );
        assert_eq!(service_of("# 接口\n\nhttp://www.example.com/a.php\n"), None);
    }
}

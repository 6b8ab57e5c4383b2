//! Reads the parameter tables of the gateway's interface PDFs into the
//! Markdown document the parser reads (feature `pdf`).
//!
//! The official documents are Word exports: ruled tables whose borders are
//! thin filled rectangles or stroked lines, Chinese text in embedded CID
//! fonts, cells whose text wraps inside narrow columns, tables continued
//! over page breaks. [`to_markdown`] rebuilds them from the drawing itself:
//!
//! 1. every glyph of every page with its position and width (fonts with
//!    `ToUnicode` CMaps, `Identity-H`, or predefined Unicode CMaps such as
//!    `UniGB-UCS2-H`), and every straight thin dark path as a ruling;
//! 2. touching rulings form a table; neighbouring horizontal rulings bound
//!    a row, vertical rulings crossing a row split it into cells, a row
//!    without inner rulings is a group row (`基本参数`);
//! 3. each glyph goes to the cell holding its centre; a cell's lines join
//!    without a space where the text wrapped (`String(1` + `6)`), with a
//!    line break where a line ended early;
//! 4. a page's first table continues the previous page's last one when
//!    the columns match (a repeated header row is dropped); running
//!    headers and footers (text repeated at the top or bottom of pages,
//!    page numbers) are left out;
//! 5. text outside tables becomes headings (larger type, numbered
//!    `4 请求参数说明`, or a short line right above a table) and lines.
//!
//! The Markdown holds a `服务名: <service>` line when the document names
//! its service (a `服务名` / `接口名称` line, the `service` row's example,
//! or the title), and [`NO_SERVICE_LINE`](crate::import::NO_SERVICE_LINE)
//! in its place when it does not (which `alipay-mapi import --service NAME`
//! replaces). Line numbers in diagnostics about a PDF document are those of
//! this Markdown: `alipay-mapi import x.pdf` writes it.

mod content;
mod fonts;
mod layout;

use std::fmt;

use lopdf::{Document, Object, ObjectId};

use crate::import::{escape_cell, render_table, service_in_text, service_token, MdRow};
use layout::{Item, Line, Table};

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError {
    message: String,
}

impl PdfError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        PdfError {
            message: message.into(),
        }
    }

    fn on_page(self, page: u32) -> Self {
        PdfError {
            message: format!("page {page}: {}", self.message),
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PdfError {}

/// Most pages read.
const MAX_PAGES: usize = 5000;

/// Reads an interface PDF into a Markdown document: section headings as
/// `#`/`##` lines, every ruled table as a pipe table (`|` escaped, line
/// breaks inside a cell as `<br>`, group rows as one-cell rows), and a
/// `服务名: <service>` line when the document names its service.
///
/// ```no_run
/// let bytes = std::fs::read("docs/create_direct_pay_by_user.pdf").unwrap();
/// let markdown = alipay_mapi_codegen::pdf::to_markdown(&bytes).unwrap();
/// assert!(markdown.contains("| 参数 |"));
/// ```
///
/// # Errors
///
/// A [`PdfError`] naming the page when the file is not a readable PDF
/// (damaged, encrypted, text in a font without a Unicode map, a scan
/// without text). Never panics.
pub fn to_markdown(bytes: &[u8]) -> Result<String, PdfError> {
    // lopdf is a third-party parser of untrusted input: whatever it does,
    // the caller (a proc macro) gets an error, not a crash.
    std::panic::catch_unwind(|| read(bytes)).unwrap_or_else(|_| {
        Err(PdfError::new(
            "the PDF parser failed on this file (please report it with the file)",
        ))
    })
}

fn read(bytes: &[u8]) -> Result<String, PdfError> {
    if !bytes.starts_with(b"%PDF")
        && !bytes
            .get(..1024)
            .is_some_and(|h| h.windows(4).any(|w| w == b"%PDF"))
    {
        return Err(PdfError::new("not a PDF file (no `%PDF` header)"));
    }
    let doc = Document::load_mem(bytes)
        .map_err(|e| PdfError::new(format!("cannot parse the PDF: {e}")))?;
    if doc.is_encrypted() {
        return Err(PdfError::new(
            "the PDF is encrypted: save an unprotected copy first",
        ));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::new("the PDF has no pages"));
    }
    if pages.len() > MAX_PAGES {
        return Err(PdfError::new(format!(
            "the PDF has {} pages; at most {MAX_PAGES} are read",
            pages.len()
        )));
    }
    let mut cache = content::FontCache::default();
    let mut read_pages = Vec::with_capacity(pages.len());
    let mut any_text = false;
    for (&number, &id) in &pages {
        let marks = content::page(&doc, id, &mut cache).map_err(|e| e.on_page(number))?;
        any_text |= !marks.glyphs.is_empty();
        let items = layout::page_items(&marks).map_err(|e| e.on_page(number))?;
        read_pages.push(PageItems {
            height: page_height(&doc, id),
            items,
        });
    }
    if !any_text {
        return Err(PdfError::new(
            "the PDF has no text (a scanned document?): nothing to read",
        ));
    }
    Ok(render(flow(read_pages)))
}

struct PageItems {
    height: f32,
    items: Vec<Item>,
}

fn page_height(doc: &Document, id: ObjectId) -> f32 {
    let mut current = Some(id);
    for _ in 0..32 {
        let Some(dict) = current.and_then(|id| doc.get_dictionary(id).ok()) else {
            break;
        };
        if let Ok(Object::Array(b)) = dict
            .get(b"MediaBox")
            .and_then(|o| doc.dereference(o).map(|(_, o)| o))
        {
            let v: Vec<f32> = b.iter().filter_map(|o| o.as_float().ok()).collect();
            if let [_, y0, _, y1] = v.as_slice() {
                return (y1 - y0).abs().max(1.0);
            }
        }
        current = dict.get(b"Parent").and_then(Object::as_reference).ok();
    }
    842.0
}

/// Text with digits masked: a running header or footer is the same on
/// every page but for its page number.
fn running_key(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || "第页共/-—of".contains(c)
                || c.eq_ignore_ascii_case(&'p')
                || "age".contains(c)
        })
}

/// The document's items in reading order, running headers and footers
/// dropped, tables continued over page breaks joined.
///
/// A line anywhere on a page that is only a page number in words or marks
/// (`第 6 页 共 20 页`, `- 6 -`, `6 / 20`, `Page 6 of 20`) and comes on two
/// pages or more (digits aside) is a running footer or header, however
/// high it is set. A line in the top or bottom band of a page is a running
/// header or footer when it is a page number, or
/// - its text comes back on another page's band (digits aside: `第 3 页`);
/// - or it repeats a line of the body, or ends with one (Word's STYLEREF
///   headers show the current chapter's heading: `接口名 5 页面跳转同步通知参数说明`);
/// - or another page has a band line at the same height and size that
///   starts with the same four characters (a header naming each page's
///   chapter).
///
/// A numbered line larger than the body or bold (`5.1 参数列表` at the top
/// of a page with narrow margins) is a heading, never a running header. A continuation label (`续表4-1`, `（续）`) just
/// before a page's first table is dropped, so the table continues.
fn flow(pages: Vec<PageItems>) -> Vec<Item> {
    use std::collections::HashMap;
    let band = |p: &PageItems, l: &Line| l.y > p.height * 0.9 || l.y < p.height * 0.08;
    let prefix = |t: &str| squeeze(t).chars().take(4).collect::<String>();
    // Every line once: its page, whether it is in the band.
    let lines: Vec<(usize, bool, &Line)> = pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| {
            p.items.iter().filter_map(move |item| match item {
                Item::Line(l) => Some((n, band(p, l), l)),
                Item::Table(_) => None,
            })
        })
        .collect();
    let body = body_size(lines.iter().map(|&(_, _, l)| l));
    // The band lines, with their first four characters.
    let band_lines: Vec<(usize, &Line, String)> = lines
        .iter()
        .filter(|&&(_, in_band, _)| in_band)
        .map(|&(n, _, l)| (n, l, prefix(&l.text)))
        .collect();
    // On how many pages each band text (digits aside) comes.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for (n, l, _) in &band_lines {
        let key = running_key(&l.text);
        if seen.insert((*n, key.clone())) {
            *counts.entry(key).or_default() += 1;
        }
    }
    let body_texts: Vec<String> = lines
        .iter()
        .filter(|&&(_, in_band, _)| !in_band)
        .map(|(_, _, l)| squeeze(&l.text))
        .filter(|t| t.chars().count() >= 6)
        .collect();
    let heading_like =
        |l: &Line| (l.size > body * 1.1 || l.bold) && numbering_depth(&l.text).is_some();
    let running = |n: usize, l: &Line| {
        let text = squeeze(&l.text);
        let start = prefix(&l.text);
        let repeated = counts.get(&running_key(&l.text)).copied().unwrap_or(0) >= 2;
        let echoes_body = body_texts.iter().any(|b| text.ends_with(b.as_str()));
        let same_place = band_lines.iter().any(|(m, o, p)| {
            *m != n
                && (o.y - l.y).abs() <= 1.5
                && (o.size - l.size).abs() <= 0.3
                && p.chars().count() == 4
                && *p == start
        });
        (echoes_body || repeated || same_place) && !heading_like(l)
    };
    // Page furniture (`第 6 页 共 20 页`, `- 6 -`, `Page 6 of 20`) anywhere
    // on the page, on how many pages its text (digits aside) comes: a
    // footer set higher than the band is still a footer.
    let mut furniture: HashMap<String, std::collections::HashSet<usize>> = HashMap::new();
    for &(n, _, l) in &lines {
        if crate::syntax::page_furniture(&l.text).is_some() {
            furniture.entry(running_key(&l.text)).or_default().insert(n);
        }
    }
    let is_furniture = |l: &Line| {
        crate::syntax::page_furniture(&l.text).is_some()
            && furniture
                .get(&running_key(&l.text))
                .is_some_and(|pages| pages.len() >= 2)
    };
    let mut out: Vec<Item> = Vec::new();
    for (n, p) in pages.iter().enumerate() {
        let mut first_on_page = true;
        let mut labels = 0;
        for item in &p.items {
            match item {
                Item::Line(l) => {
                    if (band(p, l) && (is_page_number(&l.text) || running(n, l))) || is_furniture(l)
                    {
                        continue;
                    }
                    if first_on_page && is_continuation_label(&l.text) {
                        labels += 1;
                    } else {
                        first_on_page = false;
                    }
                    out.push(item.clone());
                }
                Item::Table(t) => {
                    if first_on_page {
                        let before = out.len().saturating_sub(labels);
                        if let Some(Item::Table(prev)) =
                            before.checked_sub(1).and_then(|i| out.get(i))
                        {
                            if continues(prev, t) {
                                out.truncate(before);
                                if let Some(Item::Table(prev)) = out.last_mut() {
                                    let mut rows = t.rows.iter();
                                    let header = |r: &[layout::Cell]| {
                                        r.iter().map(|c| running_key(&c.text)).collect::<Vec<_>>()
                                    };
                                    let repeated = match (prev.rows.first(), t.rows.first()) {
                                        (Some(a), Some(b)) => header(a) == header(b),
                                        _ => false,
                                    };
                                    if repeated {
                                        rows.next();
                                    }
                                    prev.rows.extend(rows.cloned());
                                }
                                first_on_page = false;
                                continue;
                            }
                        }
                    }
                    first_on_page = false;
                    out.push(item.clone());
                }
            }
        }
    }
    out
}

/// A label Word documents put above the continued part of a table:
/// `续表4-1`, `续表`, `（续）`, `(续上表)`, `Table 4-1 (continued)`.
fn is_continuation_label(text: &str) -> bool {
    let t = squeeze(text);
    let lower = t.to_lowercase();
    t.chars().count() <= 24
        && (t.starts_with("续表")
            || t.starts_with("续上表")
            || [
                "（续）",
                "(续)",
                "（续上表）",
                "(续上表)",
                "（续表）",
                "(续表)",
            ]
            .iter()
            .any(|w| t.ends_with(w))
            || lower.ends_with("(continued)")
            || lower == "continued")
}

/// Whether `next` (first on its page) continues `prev` (last on the page
/// before): the same outer edges and column edges, within 3 pt.
fn continues(prev: &Table, next: &Table) -> bool {
    let (a, b) = (prev.edges(), next.edges());
    (prev.left - next.left).abs() <= 3.0
        && (prev.right - next.right).abs() <= 3.0
        && a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| (x - y).abs() <= 3.0)
}

/// The most common glyph size of the lines: body text.
fn body_size<'a>(lines: impl IntoIterator<Item = &'a Line>) -> f32 {
    let mut sizes: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for l in lines {
        *sizes.entry((l.size * 2.0).round() as i32).or_default() += l.text.chars().count();
    }
    sizes
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(10.0, |(s, _)| s as f32 / 2.0)
}

/// `4 请求参数说明` → Some(1); `4.1 xxx` → Some(2).
fn numbering_depth(text: &str) -> Option<usize> {
    let mut depth = 0;
    let mut chars = text.chars().peekable();
    loop {
        let mut digits = 0;
        while chars.peek().is_some_and(char::is_ascii_digit) {
            chars.next();
            digits += 1;
        }
        if digits == 0 || digits > 2 {
            return None;
        }
        depth += 1;
        match chars.peek() {
            Some('.' | '．') => {
                chars.next();
                if !chars.peek().is_some_and(char::is_ascii_digit) {
                    break;
                }
            }
            _ => break,
        }
    }
    let rest: String = chars.collect();
    let rest = rest.trim_start_matches(['、', ' ', '\t']);
    let first = rest.chars().next()?;
    (!first.is_ascii_digit() && !first.is_ascii_punctuation()).then_some(depth)
}

fn heading_level(line: &Line, body: f32, before_table: bool) -> Option<usize> {
    let chars = line.text.chars().count();
    // A table of contents line (`4 请求参数说明 ........ 5`) is not a heading.
    if ["....", "……", "···", "．．．"]
        .iter()
        .any(|leader| line.text.contains(leader))
    {
        return None;
    }
    let ends_sentence = line
        .text
        .chars()
        .last()
        .is_some_and(|c| "。；;，,：:".contains(c));
    if let Some(depth) = numbering_depth(&line.text) {
        if chars <= 40 && !ends_sentence {
            return Some(if depth >= 2 { 3 } else { 2 });
        }
    }
    if line.size >= body * 1.15 && chars <= 80 {
        return Some(2);
    }
    if before_table
        && chars <= 30
        && !ends_sentence
        && (line.bold || !line.text.contains(['：', ':']))
    {
        return Some(2);
    }
    None
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
}

/// Strips whitespace and line breaks.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Header (and label) text on one line: hard breaks become nothing between
/// Chinese characters, or a Chinese character and a Latin one, a space
/// between ASCII words.
fn flatten(s: &str) -> String {
    let mut out = String::new();
    let mut parts = s.split('\n').peekable();
    while let Some(p) = parts.next() {
        out.push_str(p);
        if let Some(next) = parts.peek() {
            let ascii = p.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                && next
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if ascii {
                out.push(' ');
            }
        }
    }
    out
}

/// A table as header + rows of the header's columns (cells placed by
/// x-overlap), name-like and type columns without whitespace.
fn table_rows(t: &Table) -> Option<(Vec<String>, Vec<MdRow>)> {
    let (head, body) = t.rows.split_first()?;
    let header: Vec<String> = head.iter().map(|c| flatten(&c.text)).collect();
    let ncols = head.len();
    let mut rows: Vec<MdRow> = Vec::new();
    for r in body {
        if ncols > 1 && r.len() == 1 {
            let text = r.first().map(|c| flatten(&c.text)).unwrap_or_default();
            if !text.is_empty() {
                rows.push(MdRow::Group(text));
            }
            continue;
        }
        let mut cells = vec![String::new(); ncols];
        for c in r {
            let best = head
                .iter()
                .enumerate()
                .map(|(j, h)| (j, (c.x1.min(h.x1) - c.x0.max(h.x0)).max(0.0)))
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map_or(0, |(j, _)| j);
            if let Some(slot) = cells.get_mut(best) {
                if !slot.is_empty() && !c.text.is_empty() {
                    slot.push(' ');
                }
                slot.push_str(&c.text);
            }
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push(MdRow::Cells(cells));
    }
    // A label (`通知校验` / `ID`) is a short name: a line break in it is the
    // narrow cell's wrap, joined as a header's is (a space only between two
    // Latin words), whether or not the line looked full.
    let data: Vec<Vec<String>> = rows
        .iter()
        .filter_map(|r| match r {
            MdRow::Cells(cells) => Some(cells.clone()),
            MdRow::Group(_) => None,
        })
        .collect();
    if let Some(label) = crate::syntax::label_column(&header, &data) {
        map_column(&mut rows, label, flatten);
    }
    // The name column (the first whose cells are mostly identifiers) and
    // the type column lose their whitespace: a wrap inside `_input_cha` /
    // `rset` may have left a space.
    let mut name_found = false;
    for (j, h) in header.iter().enumerate() {
        let lower = h.to_lowercase();
        let type_col = lower.contains("类型") || lower.contains("type");
        let (mut n, mut k) = (0, 0);
        for r in &rows {
            if let MdRow::Cells(cells) = r {
                if let Some(c) = cells.get(j).filter(|c| !c.is_empty()) {
                    n += 1;
                    k += usize::from(is_ident(&squeeze(c)));
                }
            }
        }
        let name_col = !name_found && k > 0 && k * 10 >= n * 6;
        name_found |= name_col;
        if type_col || name_col {
            map_column(&mut rows, j, squeeze);
        }
    }
    Some((header, rows))
}

/// Rewrites the cells of column `col` of every row with cells (not group
/// rows) by `f`.
fn map_column(rows: &mut [MdRow], col: usize, f: fn(&str) -> String) {
    for r in rows {
        if let MdRow::Cells(cells) = r {
            if let Some(c) = cells.get_mut(col) {
                *c = f(c);
            }
        }
    }
}

/// The service named by the `service` row's example.
fn service_in_rows(header: &[String], rows: &[MdRow]) -> Option<String> {
    let example = header.iter().position(|h| {
        let h = h.to_lowercase();
        ["样例", "示例", "举例", "example", "sample"]
            .iter()
            .any(|w| h.contains(w))
    });
    rows.iter().find_map(|r| match r {
        MdRow::Cells(cells) if cells.first().is_some_and(|c| c == "service") => {
            // A name wrapped mid-word reads with a space at the wrap
            // (`refund_fastpay_by_p latform_pwd`): an example cell of ASCII
            // words alone is one name.
            let whole = |c: &String| {
                let squeezed: String = c.split_whitespace().collect();
                (c.is_ascii() && squeezed.len() < c.len())
                    .then(|| service_token(&squeezed))
                    .flatten()
                    .filter(|t| *t == squeezed)
                    .or_else(|| service_token(c))
            };
            let from_example = example.and_then(|j| cells.get(j)).and_then(whole);
            from_example.or_else(|| cells.iter().skip(1).find_map(|c| service_token(c)))
        }
        _ => None,
    })
}

fn render(items: Vec<Item>) -> String {
    let body = body_size(items.iter().filter_map(|i| match i {
        Item::Line(l) => Some(l),
        Item::Table(_) => None,
    }));
    let title_size = items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l.size),
            Item::Table(_) => None,
        })
        .fold(0.0, f32::max);
    let mut out = String::new();
    let mut service_from_text = None;
    let mut service_from_rows = None;
    let mut service_from_title = None;
    let mut has_service_line = false;
    let mut title_done = false;
    let mut blocks: Vec<String> = Vec::new();
    let mut text_run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, blocks: &mut Vec<String>| {
        if !run.is_empty() {
            blocks.push(run.join("\n"));
            run.clear();
        }
    };
    // A label line whose value is on the next line (`服务名称：` above
    // `refund_fastpay_by_platform_pwd` on a cover page).
    let mut label_above: Option<&str> = None;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Line(l) => {
                let before_table = matches!(items.get(i + 1), Some(Item::Table(_)));
                let found = service_in_text(&l.text).or_else(|| {
                    label_above.and_then(|label| service_in_text(&format!("{label}{}", l.text)))
                });
                if let Some(s) = found {
                    has_service_line |= l.text.trim_start().starts_with("服务名");
                    service_from_text.get_or_insert(s);
                }
                label_above = l
                    .text
                    .trim()
                    .ends_with([':', '：'])
                    .then_some(l.text.trim());
                let is_title = !title_done && l.size >= title_size - 0.01 && l.size > body * 1.15;
                if is_title {
                    title_done = true;
                    flush(&mut text_run, &mut blocks);
                    blocks.push(format!("# {}", l.text));
                    service_from_title = service_token(&l.text);
                    continue;
                }
                match heading_level(l, body, before_table) {
                    Some(level) => {
                        flush(&mut text_run, &mut blocks);
                        blocks.push(format!("{} {}", "#".repeat(level), l.text));
                    }
                    None => text_run.push(escape_line(&l.text)),
                }
            }
            Item::Table(t) => {
                flush(&mut text_run, &mut blocks);
                if let Some((header, rows)) = table_rows(t) {
                    if service_from_rows.is_none() {
                        service_from_rows = service_in_rows(&header, &rows);
                    }
                    let mut s = String::new();
                    render_table(&mut s, &header, &rows);
                    blocks.push(s.trim_end().to_owned());
                }
            }
        }
    }
    flush(&mut text_run, &mut blocks);
    let service = service_from_text
        .or(service_from_rows)
        .or(service_from_title);
    let mut blocks = blocks.into_iter();
    let first = blocks.next();
    let title_first = first.as_deref().is_some_and(|b| b.starts_with("# "));
    if title_first {
        if let Some(b) = &first {
            out.push_str(b);
            out.push_str("\n\n");
        }
    }
    // The `服务名` line is always there, so that `import --service NAME`
    // fills in the one a document without a name holds instead of adding
    // lines: diagnostics give the same line numbers either way.
    match (&service, has_service_line) {
        (Some(s), false) => out.push_str(&format!("服务名: {s}\n\n")),
        (None, _) => {
            out.push_str(crate::import::NO_SERVICE_LINE);
            out.push_str("\n\n");
        }
        (Some(_), true) => {}
    }
    if !title_first {
        if let Some(b) = &first {
            out.push_str(b);
            out.push_str("\n\n");
        }
    }
    for b in blocks {
        out.push_str(&b);
        out.push_str("\n\n");
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// A text line that Markdown would read as something else (a table row, a
/// heading) is escaped.
fn escape_line(text: &str) -> String {
    if text.starts_with('#') || text.contains('|') {
        escape_cell(text)
            .strip_prefix('#')
            .map_or_else(|| escape_cell(text), |rest| format!("\\#{rest}"))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(numbering_depth("4 请求参数说明"), Some(1));
        assert_eq!(numbering_depth("4.1 基本参数"), Some(2));
        assert_eq!(numbering_depth("4请求参数"), Some(1));
        assert_eq!(numbering_depth("2088101122136241"), None);
        assert_eq!(numbering_depth("2015-01-01"), None);
    }

    #[test]
    fn service_tokens() {
        assert_eq!(
            service_token("商户测试签约接口（test_merchant_sign）").as_deref(),
            Some("test_merchant_sign")
        );
        assert_eq!(service_token("http://www.example.com/notify.php"), None);
    }

    fn line(text: &str, y: f32) -> Item {
        Item::Line(Line {
            text: text.to_owned(),
            y,
            size: 10.5,
            bold: false,
        })
    }

    fn table(top: f32, rows: &[&[&str]]) -> Item {
        Item::Table(Table {
            top,
            left: 50.0,
            right: 350.0,
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(k, t)| layout::Cell {
                            x0: 50.0 + 100.0 * k as f32,
                            x1: 150.0 + 100.0 * k as f32,
                            text: (*t).to_owned(),
                        })
                        .collect()
                })
                .collect(),
        })
    }

    /// Word 2007 set the footer `第 6 页 共 20 页` 79 pt above the bottom of
    /// an A4 page, above the band where running footers are looked for: it
    /// is still a footer (it comes on every page, digits aside), so the
    /// table continued on the next page stays one table.
    #[test]
    fn page_number_footers_above_the_band_are_left_out() {
        for footer in [
            "第 {} 页 共 3 页",
            "- {} -",
            "{} / 3",
            "Page {} of 3",
            "第{}页",
        ] {
            let foot = |n: usize| line(&footer.replace("{}", &n.to_string()), 79.0);
            let pages = vec![
                PageItems {
                    height: 842.0,
                    items: vec![
                        line("4 请求参数说明", 400.0),
                        table(380.0, &[&["参数", "类型", "可空"], &["a_b", "String", "N"]]),
                        foot(1),
                    ],
                },
                PageItems {
                    height: 842.0,
                    items: vec![table(780.0, &[&["c_d", "String", "Y"]]), foot(2)],
                },
                PageItems {
                    height: 842.0,
                    items: vec![line("5 错误代码", 700.0), foot(3)],
                },
            ];
            let items = flow(pages);
            let texts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Item::Line(l) => l.text.clone(),
                    Item::Table(t) => format!("table of {} rows", t.rows.len()),
                })
                .collect();
            assert_eq!(
                texts,
                ["4 请求参数说明", "table of 3 rows", "5 错误代码"],
                "{footer}"
            );
        }
        // Once only, such a line is the page's text.
        let pages = vec![PageItems {
            height: 842.0,
            items: vec![line("- 1 -", 400.0)],
        }];
        assert_eq!(flow(pages).len(), 1);
    }

    /// A document that names no service: its Markdown holds the line that
    /// `import --service NAME` fills in, so the Markdown `import` writes
    /// has the lines the reader gave `gen` and the macro, and a diagnostic
    /// names the same line in both.
    #[test]
    fn the_service_line_is_there_when_the_document_names_none() {
        let items = vec![
            Item::Line(Line {
                text: "批量付款接口".to_owned(),
                y: 800.0,
                size: 18.0,
                bold: true,
            }),
            line("4 请求参数说明", 700.0),
            table(
                680.0,
                &[
                    &["参数", "类型", "可空"],
                    &["batch_no", "String(32)", "N"],
                    &["detail_data", "Strin(64)", "N"],
                ],
            ),
        ];
        let md = render(items);
        assert!(
            md.starts_with(&format!(
                "# 批量付款接口\n\n{}\n\n## 4",
                crate::import::NO_SERVICE_LINE
            )),
            "{md}"
        );
        assert_eq!(crate::import::service_of(&md), None);
        let imported = crate::import::with_service_line(&md, "batch_trans_notify");
        assert!(imported.starts_with("# 批量付款接口\n\n服务名: batch_trans_notify\n\n## 4"));
        assert_eq!(imported.lines().count(), md.lines().count());
        let line_of = |text: &str| {
            crate::parse_document(text)
                .unwrap_err()
                .first()
                .and_then(|d| d.line)
        };
        assert_eq!(line_of(&md), Some(10));
        assert_eq!(line_of(&imported), Some(10));
        assert_eq!(
            imported.lines().nth(9),
            Some("| detail_data | Strin(64) | N |")
        );
    }

    /// A label cell that broke its line (`通知校验` / `ID`, set apart by
    /// the cell's width or a typed break) joins as another PDF's wrapped
    /// `通知校验ID` does, and as headers join: a space only between Latin
    /// words. The description keeps its line break.
    #[test]
    fn a_label_that_broke_its_line_joins_as_a_wrap() {
        let Item::Table(t) = table(
            700.0,
            &[
                &["参数", "参数名称", "类型", "参数说明", "是否可为空"],
                &[
                    "notify_id",
                    "通知校验\nID",
                    "String",
                    "通知校验ID。\n见下文。",
                    "不可空",
                ],
                &[
                    "out_trade_no",
                    "Merchant\norder number",
                    "String(64)",
                    "订单号",
                    "不可空",
                ],
            ],
        ) else {
            unreachable!()
        };
        let (_, rows) = table_rows(&t).unwrap();
        let cells: Vec<Vec<String>> = rows
            .into_iter()
            .filter_map(|r| match r {
                MdRow::Cells(c) => Some(c),
                MdRow::Group(_) => None,
            })
            .collect();
        assert_eq!(cells[0][1], "通知校验ID");
        assert_eq!(cells[0][3], "通知校验ID。\n见下文。");
        assert_eq!(cells[1][1], "Merchant order number");
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(to_markdown(b"").is_err());
        assert!(to_markdown(b"%PDF-1.4\n garbage").is_err());
        assert!(to_markdown(b"hello").is_err());
    }
}

//! First pass: cuts a document into text lines and raw tables.
//!
//! * HTML `<table>` elements (or, when a text has no `<table>` at all, a
//!   run of `<tr>` rows) are parsed as tables, with `colspan`/`rowspan`
//!   expanded so that columns line up.
//! * Markdown pipe tables: lines starting with `|`, or containing an
//!   unescaped `|` and followed by a `|---|` separator row.
//! * Tab-separated tables: runs of lines containing a tab (blank lines
//!   inside a run are skipped when the run goes on after them; a short
//!   label line without tab followed by a tab line is kept as a group row).
//! * Space-separated tables: a line made only of header words separated by
//!   runs of 2+ spaces (or single spaces) starts a table whose rows are
//!   split the same way.
//! * Everything else is text; HTML text is split at block tags.

use super::columns;
use super::section::{section_of, Section};
use super::text::{
    clean, css_indent, indent_of, is_block_tag, is_bold, paragraphs, tag_at, tag_at_bounded,
};

/// One cell of a raw row, cleaned.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub text: String,
    pub bold: bool,
    /// Non-breaking or wide spaces before the text ([`indent_of`]): a
    /// row nested under the one above, on a page that shows nesting so.
    pub indent: u16,
    /// The cell's paragraphs, when its source parted it into several with
    /// block tags (`<p>`, `<br>`, `<div>`…), each cleaned
    /// ([`super::text::paragraphs`]); [`Cell::text`] joins them with a
    /// space. Empty for a cell of one paragraph.
    pub paragraphs: Vec<String>,
}

/// One raw row.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
    /// For tab rows with runs of tabs: the cells with each run collapsed.
    pub alt: Option<Vec<Cell>>,
    /// A tab-separated row: a cell with a line break may have split it
    /// over two lines, to be joined again.
    pub tabbed: bool,
    /// What the reader could not tell about the row (a row copied with
    /// spaces holding two nullability words): an error at its line.
    pub note: Option<String>,
}

/// A table as found in the text.
#[derive(Debug, Clone)]
pub(crate) struct RawTable {
    pub line: usize,
    pub rows: Vec<Row>,
}

/// A line (or an HTML block) of text outside tables.
#[derive(Debug, Clone)]
pub(crate) struct TextLine {
    pub line: usize,
    pub text: String,
    /// Heading level when the line is marked as a heading (`#`, `<hN>`,
    /// numbering such as `5.1`, a wholly bold line → 9).
    pub heading: Option<u8>,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    Text(TextLine),
    Table(RawTable),
}

/// Most columns a row may have (guards against `colspan=99999999`).
const MAX_COLS: usize = 64;
/// Most rows a `rowspan` may cover.
const MAX_ROWSPAN: usize = 1000;

struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    fn new(s: &str) -> Self {
        LineIndex {
            newlines: s
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }
    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&p| p < offset) + 1
    }
}

/// Pipe tables typed with a Chinese keyboard (`｜ out_trade_no ｜ String(64) ｜`):
/// a line that starts with the full-width bar and holds two or more gets
/// ASCII bars. Other lines (a `｜` inside a description) are left alone.
fn fullwidth_pipes(text: &str) -> String {
    if !text.contains('｜') {
        return text.to_owned();
    }
    text.split('\n')
        .map(|line| {
            if line.trim_start().starts_with('｜') && line.matches('｜').count() >= 2 {
                line.replace('｜', "|")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Cuts `text` into blocks.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let norm = text.replace("\r\n", "\n").replace('\r', "\n");
    let norm = super::comments::uncomment(&norm);
    let norm = fullwidth_pipes(&norm);
    let lower = norm.to_ascii_lowercase();
    let index = LineIndex::new(&norm);
    let mut out = Vec::new();
    let has_table = find_tag(&lower, "<table", 0).is_some();
    let mut pos = 0;
    while pos < norm.len() {
        let start = if has_table {
            find_tag(&lower, "<table", pos)
        } else {
            find_tag(&lower, "<tr", pos)
        };
        let Some(start) = start else { break };
        if has_table && is_layout_table(&lower, start) && !has_own_header(&norm, start, &index) {
            // A table holding tables (page layout): its own tags are text,
            // the tables inside are parsed as tables.
            let open_end = lower
                .get(start..)
                .and_then(|s| s.find('>'))
                .map_or(norm.len(), |gt| start + gt + 1);
            text_blocks(
                norm.get(pos..open_end).unwrap_or(""),
                index.line(pos),
                &mut out,
            );
            pos = open_end;
            continue;
        }
        text_blocks(
            norm.get(pos..start).unwrap_or(""),
            index.line(pos),
            &mut out,
        );
        let (table, end) = html_table(&norm, start, !has_table, false, &index);
        if !table.rows.is_empty() {
            out.push(Block::Table(table));
        }
        pos = end.max(start + 1);
        // Keep `pos` on a char boundary.
        while pos < norm.len() && !norm.is_char_boundary(pos) {
            pos += 1;
        }
    }
    if pos < norm.len() {
        text_blocks(norm.get(pos..).unwrap_or(""), index.line(pos), &mut out);
    }
    out
}

/// Whether the table at `start`, its inner tables left out, has a header
/// row of its own: then an inner table is a cell's content (a list of
/// values in a description), not a page layout around the tables.
fn has_own_header(norm: &str, start: usize, index: &LineIndex) -> bool {
    // Cells holding tables are no header cells: they are left unread, so
    // that a page of many nested tables is not read once per level.
    let (table, _) = html_table(norm, start, false, true, index);
    table.rows.iter().any(|row| {
        let cells: Vec<String> = row.cells.iter().map(|c| c.text.clone()).collect();
        super::columns::classify(&cells, &[]).is_some()
    })
}

/// Whether the `<table` at `start` holds another table: the next table tag
/// after it opens rather than closes.
fn is_layout_table(lower: &str, start: usize) -> bool {
    let from = start + "<table".len();
    let open = find_tag(lower, "<table", from);
    let close = lower
        .get(from..)
        .and_then(|s| s.find("</table"))
        .map(|i| from + i);
    match (open, close) {
        (Some(o), Some(c)) => o < c,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Finds `<name` followed by whitespace, `>` or `/` at or after `from`.
fn find_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let mut pos = from;
    loop {
        let rest = lower.get(pos..)?;
        let found = rest.find(name)?;
        let at = pos + found;
        let next = lower.get(at + name.len()..).and_then(|s| s.chars().next());
        match next {
            Some(c) if c.is_whitespace() || c == '>' || c == '/' => return Some(at),
            _ => pos = at + name.len(),
        }
    }
}

struct PendingCell {
    start: usize,
    colspan: usize,
    rowspan: usize,
    /// Whether a table opened inside it.
    holds_table: bool,
    /// The indentation its tag's `style` gives ([`css_indent`]).
    indent: u16,
}

struct PendingRow {
    line: usize,
    cells: Vec<(Cell, usize, usize)>,
}

/// Parses the HTML table starting at `start`; returns it and the offset
/// just past its end. With `implicit`, there is no `<table>` tag: rows run
/// to the end of the text. With `probe`, a cell that holds a table is left
/// empty rather than read.
fn html_table(
    norm: &str,
    start: usize,
    implicit: bool,
    probe: bool,
    index: &LineIndex,
) -> (RawTable, usize) {
    let mut depth: usize = usize::from(implicit);
    let mut rows: Vec<Row> = Vec::new();
    let mut carry: Vec<Option<(usize, Cell)>> = Vec::new();
    let mut row: Option<PendingRow> = None;
    let mut cell: Option<PendingCell> = None;
    let mut pos = start;
    let mut end = norm.len();
    let last_gt = norm.rfind('>');

    while let Some(rest) = norm.get(pos..) {
        // Inside an inner table only its `<table>` tags count.
        let next = if depth > 1 {
            next_table_tag(rest)
        } else {
            rest.find('<')
        };
        let Some(lt) = next else { break };
        let at = pos + lt;
        if last_gt.is_none_or(|g| g < at) {
            break;
        }
        let Some(tag) = norm.get(at..).and_then(tag_at) else {
            pos = at + 1;
            continue;
        };
        let after = at + tag.len;
        let name = tag.name.as_str();
        if depth > 1 && name != "table" {
            pos = after;
            continue;
        }
        match (name, tag.closing) {
            ("table", false) => {
                if depth == 1 {
                    if let Some(c) = cell.as_mut() {
                        c.holds_table = true;
                    }
                }
                depth += 1;
            }
            ("table", true) => {
                if depth <= 1 {
                    close_cell(norm, &mut cell, &mut row, at, probe);
                    close_row(&mut row, &mut rows, &mut carry);
                    end = after;
                    break;
                }
                depth -= 1;
            }
            // A caption (`<caption>服务器异步通知参数</caption>`) reads as a
            // one-cell row above the header: the table's own heading.
            ("tr" | "caption", false) => {
                close_cell(norm, &mut cell, &mut row, at, probe);
                close_row(&mut row, &mut rows, &mut carry);
                row = Some(PendingRow {
                    line: index.line(at),
                    cells: Vec::new(),
                });
                if name == "caption" {
                    cell = Some(PendingCell {
                        start: after,
                        colspan: 1,
                        rowspan: 1,
                        holds_table: false,
                        indent: 0,
                    });
                }
            }
            ("tr" | "caption", true) => {
                close_cell(norm, &mut cell, &mut row, at, probe);
                close_row(&mut row, &mut rows, &mut carry);
            }
            ("td" | "th", false) => {
                close_cell(norm, &mut cell, &mut row, at, probe);
                if row.is_none() {
                    row = Some(PendingRow {
                        line: index.line(at),
                        cells: Vec::new(),
                    });
                }
                cell = Some(PendingCell {
                    start: after,
                    colspan: span_attr(tag.attrs, "colspan").clamp(1, MAX_COLS),
                    rowspan: span_attr(tag.attrs, "rowspan").clamp(1, MAX_ROWSPAN),
                    holds_table: false,
                    indent: css_indent(tag.attrs),
                });
            }
            ("td" | "th", true) => close_cell(norm, &mut cell, &mut row, at, probe),
            _ => {}
        }
        pos = after;
    }
    if end == norm.len() {
        close_cell(norm, &mut cell, &mut row, norm.len(), probe);
        close_row(&mut row, &mut rows, &mut carry);
    }
    let line = rows.first().map_or_else(|| index.line(start), |r| r.line);
    (RawTable { line, rows }, end)
}

/// Where the next `<table` or `</table` (any case) in `s` is.
fn next_table_tag(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(lt) = bytes.get(from..)?.iter().position(|&b| b == b'<') {
        let at = from + lt;
        let name = bytes.get(at + 1..).unwrap_or_default();
        let name = name.strip_prefix(b"/").unwrap_or(name);
        if name
            .get(..5)
            .is_some_and(|n| n.eq_ignore_ascii_case(b"table"))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Reads a numeric attribute such as `colspan="3"`; 1 when absent or bad.
fn span_attr(attrs: &str, name: &str) -> usize {
    let lower = attrs.to_ascii_lowercase();
    let Some(at) = lower.find(name) else { return 1 };
    let rest = lower.get(at + name.len()..).unwrap_or("");
    let rest = rest.trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return 1;
    };
    let rest = rest.trim_start().trim_start_matches(['"', '\'']);
    let digits: String = rest
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse().unwrap_or(1)
}

fn close_cell(
    norm: &str,
    cell: &mut Option<PendingCell>,
    row: &mut Option<PendingRow>,
    at: usize,
    probe: bool,
) {
    let Some(c) = cell.take() else { return };
    let raw = norm.get(c.start..at).unwrap_or("");
    if let Some(r) = row.as_mut() {
        r.cells.push((
            if probe && c.holds_table {
                Cell::default()
            } else {
                Cell {
                    text: clean(raw),
                    bold: is_bold(raw),
                    indent: c.indent.saturating_add(indent_of(raw)),
                    paragraphs: paragraphs(raw),
                }
            },
            c.colspan,
            c.rowspan,
        ));
    }
}

/// Takes the carried (rowspan) cell of column `col`, if any.
fn take_carry(carry: &mut [Option<(usize, Cell)>], col: usize) -> Option<Cell> {
    let slot = carry.get_mut(col)?;
    let (left, cell) = slot.as_mut()?;
    let out = cell.clone();
    *left = left.saturating_sub(1);
    if *left == 0 {
        *slot = None;
    }
    Some(out)
}

fn set_carry(carry: &mut Vec<Option<(usize, Cell)>>, col: usize, rows: usize, cell: Cell) {
    if col >= MAX_COLS {
        return;
    }
    if carry.len() <= col {
        carry.resize(col + 1, None);
    }
    if let Some(slot) = carry.get_mut(col) {
        *slot = Some((rows, cell));
    }
}

fn close_row(
    row: &mut Option<PendingRow>,
    rows: &mut Vec<Row>,
    carry: &mut Vec<Option<(usize, Cell)>>,
) {
    let Some(r) = row.take() else { return };
    // One cell spanning the row (`<td colspan="6">trade</td>`) is a label,
    // however it reads: kept as a row of one cell.
    if let [(cell, colspan, 1)] = r.cells.as_slice() {
        if *colspan > 1 && carry.iter().all(Option::is_none) {
            if !cell.text.is_empty() {
                rows.push(Row {
                    line: r.line,
                    cells: vec![cell.clone()],
                    alt: None,
                    tabbed: false,
                    note: None,
                });
            }
            return;
        }
    }
    let mut out: Vec<Cell> = Vec::new();
    let mut col = 0;
    for (cell, colspan, rowspan) in r.cells {
        while let Some(carried) = take_carry(carry, col) {
            out.push(carried);
            col += 1;
        }
        for k in 0..colspan {
            if out.len() >= MAX_COLS {
                break;
            }
            let c = if k == 0 {
                cell.clone()
            } else {
                Cell::default()
            };
            if rowspan > 1 {
                set_carry(carry, col, rowspan - 1, c.clone());
            }
            out.push(c);
            col += 1;
        }
    }
    while col < carry.len() && out.len() < MAX_COLS {
        out.push(take_carry(carry, col).unwrap_or_default());
        col += 1;
    }
    if out.iter().all(|c| c.text.is_empty()) && out.len() <= 1 {
        return;
    }
    rows.push(Row {
        line: r.line,
        cells: out,
        alt: None,
        tabbed: false,
        note: None,
    });
}

fn cells_of<'a>(parts: impl Iterator<Item = &'a str>) -> Vec<Cell> {
    parts
        .take(MAX_COLS)
        .map(|raw| Cell {
            text: clean(raw),
            bold: is_bold(raw),
            indent: indent_of(raw),
            paragraphs: paragraphs(raw),
        })
        .collect()
}

/// Whether `s` has a `|` not escaped by a backslash.
fn has_unescaped_pipe(s: &str) -> bool {
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            return true;
        }
    }
    false
}

/// Splits a pipe row on unescaped `|`, `\|` becoming `|`; drops the empty
/// cells made by leading and trailing pipes.
fn split_pipes(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'|') {
            chars.next();
            if let Some(last) = cells.last_mut() {
                last.push('|');
            }
        } else if c == '|' {
            cells.push(String::new());
        } else if let Some(last) = cells.last_mut() {
            last.push(c);
        }
    }
    let trimmed = line.trim();
    if trimmed.starts_with('|') && cells.len() > 1 {
        cells.remove(0);
    }
    if trimmed.ends_with('|') && !trimmed.ends_with("\\|") && cells.len() > 1 {
        cells.pop();
    }
    cells
}

/// Whether a pipe row is a `|---|:---:|` separator.
fn is_separator_row(line: &str) -> bool {
    if !has_unescaped_pipe(line) && !line.trim().starts_with('-') {
        return false;
    }
    let cells = split_pipes(line);
    cells.iter().any(|c| c.contains('-'))
        && cells.iter().all(|c| {
            let t = c.trim();
            t.is_empty() || t.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        })
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn is_pipe_start(lines: &[(usize, &str)], i: usize) -> bool {
    let Some(&(_, line)) = lines.get(i) else {
        return false;
    };
    if !has_unescaped_pipe(line) {
        return false;
    }
    if line.trim_start().starts_with('|') && split_pipes(line).len() >= 2 {
        return true;
    }
    lines
        .get(i + 1)
        .is_some_and(|&(_, next)| is_separator_row(next))
}

/// The header a tab line is, if it is one.
fn header_of(line: &str) -> Option<columns::Header> {
    let cells: Vec<String> = line.split('\t').map(clean).collect();
    columns::classify(&cells, &[])
}

/// Whether a tab line is a header row (it then starts a new table after a
/// blank line).
fn is_header_line(line: &str) -> bool {
    header_of(line).is_some()
}

/// Whether a text line is a short label such as `业务参数` (a group row
/// whose trailing tabs were lost).
fn is_group_label(raw: &str) -> bool {
    let text = clean(raw);
    // An element's tag (`<response>`, `<trade>`, `</trade>`) is a label,
    // whatever section its name also names.
    if super::text::element_tag(&text).is_some() {
        return true;
    }
    // One character, or a word that joins (`或`, `and`): the rest of a
    // cell that wrapped (`1^100^机票` / `或` / `800^票面价`), never a label.
    const JOINING: &[&str] = &["或", "或者", "及", "以及", "和", "与", "and", "or"];
    // A value (`TRADE_FINISHED`, `1^100^机票`, `a@b.com`, `2088…`), not a
    // label: the rest of a cell that held line breaks. (An element's name
    // — `refund_list`, `trade/buyer`, `<trade>` — is a label.)
    let value_like = super::text::upper_snake(&text)
        || text.chars().any(|c| "^|=@%&{}".contains(c))
        || !text.chars().any(char::is_alphabetic);
    text.chars().count() >= 2
        && !value_like
        && !JOINING.contains(&text.to_lowercase().as_str())
        && text.chars().count() <= 24
        && !raw.trim_start().starts_with('#')
        && !has_unescaped_pipe(raw)
        && numbered_level(&text).is_none()
        && !section_of(&text).is_some_and(|s| s.is_specific() || s == Section::Example)
        && !text.chars().any(|c| {
            matches!(
                c,
                '。' | '.' | ':' | '：' | ';' | '；' | '!' | '！' | '?' | '？' | '，' | ','
            )
        })
}

/// A short line that names a section (`XML返回结果`, `错误代码`,
/// `服务器异步通知参数说明`): a heading after a table, even unnumbered.
fn names_section(raw: &str) -> bool {
    let text = clean(raw);
    text.chars().count() <= 24
        && !text.contains('\t')
        && section_of(&text).is_some_and(|s| s.is_specific())
}

/// A line that reads as a group label inside a table copied with spaces
/// (`基本参数`, `Basic parameters`): short, no punctuation, symbols or
/// digits, which the rest of a wrapped cell usually has.
fn group_like(raw: &str) -> bool {
    is_group_label(raw)
        && !raw
            .chars()
            .any(|c| c.is_ascii_punctuation() || c.is_ascii_digit())
}

/// How a space-separated table splits its rows.
#[derive(Clone, Copy)]
enum SpaceMode {
    /// Cells separated by runs of two or more whitespace characters.
    Wide,
    /// Cells separated by single whitespace; the last of `n` cells takes
    /// the rest of the line.
    Narrow(usize),
}

pub(crate) fn split_wide(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut spaces = String::new();
    for c in line.trim().chars() {
        if c.is_whitespace() {
            spaces.push(c);
            continue;
        }
        if !spaces.is_empty() {
            if spaces.chars().count() >= 2 || spaces.contains('\u{3000}') {
                cells.push(std::mem::take(&mut cur));
            } else {
                cur.push_str(&spaces);
            }
            spaces.clear();
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        cells.push(cur);
    }
    cells
}

fn split_narrow(line: &str, n: usize) -> Vec<String> {
    let mut cells = Vec::new();
    let mut rest = line.trim();
    while cells.len() + 1 < n {
        match rest.find(char::is_whitespace) {
            Some(at) => {
                cells.push(rest.get(..at).unwrap_or("").to_owned());
                rest = rest.get(at..).unwrap_or("").trim_start();
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        cells.push(rest.to_owned());
    }
    cells
}

fn space_header(line: &str) -> Option<SpaceMode> {
    if line.contains('<') || line.trim_start().starts_with('#') {
        return None;
    }
    let wide: Vec<String> = split_wide(line).iter().map(|c| clean(c)).collect();
    if wide.len() >= 2 && columns::all_header_words(&wide) {
        return Some(SpaceMode::Wide);
    }
    let narrow: Vec<String> = line.split_whitespace().map(clean).collect();
    if narrow.len() >= 2 && columns::all_header_words(&narrow) {
        return Some(SpaceMode::Narrow(narrow.len()));
    }
    None
}

fn tab_row(line_no: usize, line: &str) -> Row {
    let cells = cells_of(line.split('\t'));
    let trimmed = line.trim_matches(|c: char| c == '\t' || c == ' ');
    let alt = if trimmed.contains("\t\t") {
        Some(cells_of(
            trimmed.split('\t').filter(|p| !p.trim().is_empty()),
        ))
    } else {
        None
    };
    Row {
        line: line_no,
        cells,
        alt,
        tabbed: true,
        note: None,
    }
}

/// Cuts a stretch of non-HTML-table text into blocks.
fn text_blocks(span: &str, first_line: usize, out: &mut Vec<Block>) {
    let lines: Vec<(usize, &str)> = span
        .split('\n')
        .enumerate()
        .map(|(k, l)| (first_line + k, l))
        .collect();
    let mut i = 0;
    while let Some(&(line_no, raw)) = lines.get(i) {
        if is_blank(raw) {
            i += 1;
            continue;
        }
        if is_pipe_start(&lines, i) {
            let mut rows = Vec::new();
            while let Some(&(ln, l)) = lines.get(i) {
                if is_blank(l) || !has_unescaped_pipe(l) {
                    break;
                }
                if !is_separator_row(l) {
                    rows.push(Row {
                        line: ln,
                        cells: cells_of(split_pipes(l).iter().map(String::as_str)),
                        alt: None,
                        tabbed: false,
                        note: None,
                    });
                }
                i += 1;
            }
            push_table(rows, line_no, out);
            continue;
        }
        if raw.contains('\t') {
            let mut rows: Vec<Row> = Vec::new();
            let mut width: Option<usize> = None;
            let mut codes = false;
            let mut cols: Option<columns::ParamColumns> = None;
            while let Some(&(ln, l)) = lines.get(i) {
                // A two-column packed header (`Parameter⇥Description`) names
                // no type and is no header: the first row's width then.
                let table_width = width.or_else(|| rows.first().map(|r| r.cells.len()));
                if l.contains('\t') {
                    if let Some(header) = header_of(l) {
                        width = Some(l.split('\t').count());
                        codes = matches!(header, columns::Header::Errors(_));
                        cols = match header {
                            columns::Header::Params(c) => Some(c),
                            columns::Header::Errors(_) => None,
                        };
                    }
                    rows.push(tab_row(ln, l));
                    i += 1;
                } else if let Some(next) = past_furniture(&lines, i) {
                    // A page's footer between rows copied from a PDF: the
                    // table goes on when a row follows it.
                    i = next;
                } else if let Some((next, starts)) =
                    continuation(&lines, i, rows.last(), table_width, cols.as_ref())
                {
                    if let Some(last) = rows.last_mut() {
                        let parts = lines.get(i..next).unwrap_or(&[]);
                        for (&(_, part), &new_cell) in parts.iter().zip(&starts) {
                            continue_row(last, part, new_cell);
                        }
                    }
                    i = next;
                } else if is_blank(l) {
                    let j = past_blank(&lines, i);
                    let j = past_furniture(&lines, j).unwrap_or(j);
                    // Rows go on after blank lines, unless what follows is
                    // a new header or rows of another shape (a table of two
                    // columns after one of six).
                    let shape = width.or(rows.last().map(|r| r.cells.len())).unwrap_or(0);
                    let is_row = |at: usize| {
                        lines.get(at).is_some_and(|&(_, n)| {
                            n.contains('\t')
                                && !is_header_line(n)
                                && n.split('\t').count() + 1 >= shape
                        })
                    };
                    // A browser may also set a group row between blank
                    // lines (`⏎基本参数⏎⏎notify_time⇥…`).
                    let label_at = lines
                        .get(j)
                        .filter(|&&(_, n)| !codes && !n.contains('\t') && is_group_label(n));
                    if is_row(j) {
                        i = j;
                    } else if let Some(&(label_line, label)) =
                        label_at.filter(|_| is_row(past_blank(&lines, j + 1)))
                    {
                        rows.push(label_row(label_line, label));
                        i = past_blank(&lines, j + 1);
                    } else {
                        break;
                    }
                } else if let Some((next, row)) = first_cell_lines(&lines, i, table_width) {
                    rows.push(row);
                    i = next;
                } else if !codes && is_group_label(l) && {
                    // The rows under it may come after blank lines, and
                    // after more group labels (`<response>`, then `<trade>`).
                    let mut next = past_blank(&lines, i + 1);
                    while lines
                        .get(next)
                        .is_some_and(|&(_, n)| !n.contains('\t') && is_group_label(n))
                    {
                        next = past_blank(&lines, next + 1);
                    }
                    lines.get(next).is_some_and(|&(_, n)| n.contains('\t'))
                        || first_cell_lines(&lines, next, table_width).is_some()
                } {
                    rows.push(label_row(ln, l));
                    i += 1;
                } else if let Some(next) =
                    last_cell_lines(&lines, i, rows.last(), table_width, codes)
                {
                    if let Some(last) = rows.last_mut() {
                        for &(_, part) in lines.get(i..next).unwrap_or(&[]) {
                            continue_row(last, part, false);
                        }
                    }
                    i = next;
                } else {
                    // A line right after the last row that reads as a
                    // value (`TRADE_FINISHED`, `1^100`), not as prose: the
                    // end of the last cell, wrapped onto a line of its own,
                    // or a note? Which cannot be told, so it is no silent
                    // note.
                    if !codes && rows.last().is_some_and(|r| r.tabbed) && value_line(l) {
                        rows.push(Row {
                            note: Some(format!(
                                "`{}`, right after the last row of the table at line {line_no}, reads as a value: the end of the row's last cell, wrapped onto a line of its own in the copy? Join it to its cell, or leave a blank line before it if it is a note",
                                clean(l)
                            )),
                            ..label_row(ln, l)
                        });
                        i += 1;
                    }
                    break;
                }
            }
            push_table(rows, line_no, out);
            continue;
        }
        if let Some((table, next)) = super::paragraphs::read(&lines, i) {
            out.push(Block::Table(table));
            i = next;
            continue;
        }
        if let Some((table, next)) = super::stacked::read(&lines, i) {
            out.push(Block::Table(table));
            i = next;
            continue;
        }
        if super::anchored::anchor(raw).is_some() && marked_level(raw, &clean(raw)).is_none() {
            let mut rows = Vec::new();
            while let Some(a) = lines.get(i).and_then(|&(_, l)| super::anchored::anchor(l)) {
                let Some(&(ln, l)) = lines.get(i) else { break };
                let note = a.note.clone();
                rows.push(Row {
                    line: ln,
                    cells: indented(
                        a.canonical()
                            .into_iter()
                            .map(|text| Cell {
                                text,
                                ..Cell::default()
                            })
                            .collect(),
                        l,
                    ),
                    alt: None,
                    tabbed: false,
                    note,
                });
                i += 1;
            }
            push_table(rows, line_no, out);
            continue;
        }
        if let Some(mode) = space_header(raw) {
            let header_cells: Vec<String> = match mode {
                SpaceMode::Wide => split_wide(raw).iter().map(|c| clean(c)).collect(),
                SpaceMode::Narrow(_) => raw.split_whitespace().map(clean).collect(),
            };
            let cols = match columns::classify(&header_cells, &[]) {
                Some(columns::Header::Params(cols)) => Some(cols),
                _ => None,
            };
            let mut rows = Vec::new();
            while let Some(&(ln, l)) = lines.get(i) {
                if is_blank(l) {
                    // Blank lines between rows, or a group label between
                    // blank lines (a browser's copy): the table goes on when
                    // a row follows them.
                    let j = past_blank(&lines, i);
                    let is_row = |at: usize| {
                        lines
                            .get(at)
                            .is_some_and(|&(_, n)| super::anchored::anchor(n).is_some())
                    };
                    if is_row(j) {
                        i = j;
                        continue;
                    }
                    let label = lines
                        .get(j)
                        .filter(|&&(_, n)| is_group_label(n) && is_row(past_blank(&lines, j + 1)));
                    if let Some(&(label_line, label)) = label {
                        rows.push(label_row(label_line, label));
                        i = past_blank(&lines, j + 1);
                        continue;
                    }
                    break;
                }
                if !rows.is_empty() && (marked_level(l, &clean(l)).is_some() || names_section(l)) {
                    break;
                }
                let mut note = None;
                let parts = if l.contains('\t') {
                    l.split('\t').map(str::to_owned).collect()
                } else {
                    let split = match mode {
                        SpaceMode::Wide => split_wide(l),
                        SpaceMode::Narrow(n) => split_narrow(l, n),
                    };
                    // Spaces inside cells: anchor the row on its type and
                    // nullability cells instead, unless the split is clean.
                    let clean_split =
                        matches!(mode, SpaceMode::Wide) && split.len() == header_cells.len();
                    match (&cols, super::anchored::anchor(l)) {
                        (Some(cols), Some(a)) if !clean_split && ln != line_no => {
                            note = a.note.clone().or_else(|| a.tail_note(cols));
                            a.under(cols)
                        }
                        // A line of a cell or two that is no group label
                        // (`供一个批次号，不可重复。`, `^协商退款`): the rest
                        // of a cell that wrapped in the copied page. Which
                        // cell cannot be told.
                        (Some(_), None) if ln != line_no && split.len() < 3 && !group_like(l) => {
                            note = Some(format!(
                                "`{}` does not make a row of the table at line {line_no}: the rest of a cell that wrapped onto a line of its own in the copy? Join it to its cell in the row above",
                                clean(l)
                            ));
                            split
                        }
                        _ => split,
                    }
                };
                rows.push(Row {
                    line: ln,
                    cells: indented(cells_of(parts.iter().map(String::as_str)), l),
                    alt: None,
                    tabbed: false,
                    note,
                });
                i += 1;
            }
            push_table(rows, line_no, out);
            continue;
        }
        push_text(line_no, raw, out);
        i += 1;
    }
}

/// Whether a line without tabs reads as a value rather than as prose: one
/// word in capitals and underscores (`TRADE_FINISHED`) or ASCII holding
/// `^` (`1^100`, the rows of a batch format).
fn value_line(line: &str) -> bool {
    let text = clean(line);
    !text.is_empty()
        && !text.contains(char::is_whitespace)
        && (super::text::upper_snake(&text) || (text.contains('^') && text.is_ascii()))
}

/// A group row (`基本参数`) of a text table: one cell.
fn label_row(line: usize, text: &str) -> Row {
    Row {
        line,
        cells: cells_of(std::iter::once(text)),
        alt: None,
        tabbed: false,
        note: None,
    }
}

/// When the line at `i` is page furniture (`第 6 页 共 20 页`, `- 6 -`)
/// and a tab row follows it (past blank lines and more furniture): the
/// index of that row.
fn past_furniture(lines: &[(usize, &str)], i: usize) -> Option<usize> {
    let furniture = |at: usize| {
        lines
            .get(at)
            .is_some_and(|&(_, l)| super::text::page_furniture(strip_hashes(l.trim()).1).is_some())
    };
    if !furniture(i) {
        return None;
    }
    let mut j = i;
    while furniture(j) {
        j = past_blank(lines, j + 1);
    }
    lines
        .get(j)
        .is_some_and(|&(_, l)| l.contains('\t'))
        .then_some(j)
}

/// The index of the first line from `i` that is not blank.
fn past_blank(lines: &[(usize, &str)], mut i: usize) -> usize {
    while lines.get(i).is_some_and(|&(_, b)| is_blank(b)) {
        i += 1;
    }
    i
}

/// The cells of a row split out of `line` (copied with spaces, which the
/// split trims), its first cell indented as the line is: the row's
/// nesting, when the line starts with non-breaking or wide spaces.
fn indented(mut cells: Vec<Cell>, line: &str) -> Vec<Cell> {
    if let Some(first) = cells.first_mut() {
        first.indent = first.indent.max(indent_of(line));
    }
    cells
}

/// Whether the text lines from `i` finish the short tab row `last` (a cell
/// holding line breaks, copied from a browser): the index of the line
/// after them when they bring it exactly to the header's `width` (or, in a
/// table without header, the first row's), and for each of those lines
/// whether it starts a cell of its own rather than going on with the last.
///
/// A line's first part goes on with the row's last cell, unless that cannot
/// be: a copied cell's text may also end with its own line break, so the
/// next cell starts a line without a tab before it. When joining every
/// line to the cell before it does not complete the row, a line starts a
/// new cell where the header says so: after a cell of the name, type,
/// length or nullability column (one word each, never held over lines), or
/// when it starts with a nullability word where the nullability cell is
/// due (`String⏎交易目前…⏎TRADE_SUCCESS…⏎可空⇥TRADE_FINISHED`). Either way
/// the row must come out exactly as wide as the header, or the lines are
/// not taken.
fn continuation(
    lines: &[(usize, &str)],
    i: usize,
    last: Option<&Row>,
    width: Option<usize>,
    cols: Option<&columns::ParamColumns>,
) -> Option<(usize, Vec<bool>)> {
    let (last, width) = (last?, width?);
    if !last.tabbed || last.cells.len() >= width || last.cells.len() < 2 {
        return None;
    }
    // One word per cell in these columns.
    let single = |col: usize| {
        cols.is_some_and(|c| {
            c.name == col
                || c.ty == Some(col)
                || c.length == Some(col)
                || c.nullable.is_some_and(|(n, _)| n == col)
        })
    };
    let due_nullable = |col: usize, first: &str| {
        cols.and_then(|c| c.nullable)
            .is_some_and(|(n, _)| n == col && super::cells::is_nullable_word(first))
    };
    for by_header in [false, true] {
        if by_header && cols.is_none() {
            break;
        }
        let mut count = last.cells.len();
        let mut starts = Vec::new();
        for (k, &(_, l)) in lines.iter().enumerate().skip(i).take(12) {
            if is_blank(l) || (k == i && l.contains('\t')) {
                return None;
            }
            if !l.contains('\t') && marked_level(l, &clean(l)).is_some() {
                return None;
            }
            let first = clean(l.split('\t').next().unwrap_or(""));
            let new_cell = by_header
                && !first.is_empty()
                && (single(count - 1) || due_nullable(count, &first));
            starts.push(new_cell);
            count += l.split('\t').count() - 1 + usize::from(new_cell);
            if count == width {
                return Some((k + 1, starts));
            }
            if count > width {
                break;
            }
        }
    }
    None
}

/// Whether the text lines from `i` are the rest of the complete tab row
/// `last`'s last cell (a browser copy of a cell holding line breaks, in
/// the last column): lines without tabs, neither headings nor group labels,
/// followed directly by another row of the same table. Gives the index of
/// that row. Text after a table's last row stays text: a note cannot be
/// told from a cell's end there.
fn last_cell_lines(
    lines: &[(usize, &str)],
    i: usize,
    last: Option<&Row>,
    width: Option<usize>,
    codes: bool,
) -> Option<usize> {
    let (last, width) = (last?, width?);
    if !last.tabbed || last.cells.len() != width {
        return None;
    }
    for (k, &(_, l)) in lines.iter().enumerate().skip(i).take(12) {
        // The next row's first cell, held over lines, starts here, or a
        // group label before one.
        let packed_at = |at: usize| first_cell_lines(lines, at, Some(width)).is_some();
        if k > i && (packed_at(k) || (!codes && is_group_label(l) && packed_at(k + 1))) {
            return Some(k);
        }
        if l.contains('\t') {
            // A row of the table: as wide, or short (a cell of its own
            // held over lines) and starting with a wire name.
            let wide = l.split('\t').count() + 1 >= width
                || super::text::looks_like_name(&clean(l.split('\t').next().unwrap_or("")));
            let same_table = k > i && !is_header_line(l) && wide && !starts_packed_row(l);
            return same_table.then_some(k);
        }
        // An error table has no group rows: a short line there is the
        // rest of a meaning.
        let starts_code = || {
            clean(l)
                .split_whitespace()
                .next()
                .is_some_and(super::text::upper_snake)
        };
        if is_blank(l)
            || (!codes && is_group_label(l))
            || (codes && starts_code())
            || marked_level(l, &clean(l)).is_some()
        {
            return None;
        }
    }
    None
}

/// Whether a tab line starts with a type or a nullability word
/// (`Required⇥Interface name.`): the end of a first cell that held line
/// breaks (`service<br>String<br>Required`), whose earlier lines came
/// before it.
fn starts_packed_row(line: &str) -> bool {
    let first = clean(line.split('\t').next().unwrap_or(""));
    super::cells::is_nullable_word(&first) || super::cells::parse_type(&first).is_some()
}

/// A row whose first cell held line breaks, copied from a browser: up to
/// three lines without tabs, the first starting with a wire name, then a
/// tab line that starts with a type or a nullability word and brings the
/// row to the header's `width`. Gives the index after it and the row.
fn first_cell_lines(
    lines: &[(usize, &str)],
    i: usize,
    width: Option<usize>,
) -> Option<(usize, Row)> {
    let width = width?;
    let &(line, first) = lines.get(i)?;
    // The name alone on its line (`out_trade_no`), not a group label
    // (`Basic parameters`) or the end of a description.
    let name = clean(first);
    if !super::text::looks_like_name(&name) {
        return None;
    }
    for (k, &(_, l)) in lines.iter().enumerate().skip(i + 1).take(3) {
        if l.contains('\t') {
            if !starts_packed_row(l) || l.split('\t').count() != width {
                return None;
            }
            let head: Vec<String> = lines.get(i..k)?.iter().map(|&(_, t)| clean(t)).collect();
            let mut row = tab_row(line, l);
            let first = row.cells.first_mut()?;
            first.text = format!("{} {}", head.join(" "), first.text);
            row.alt = None;
            return Some((k + 1, row));
        }
        if is_blank(l) || marked_level(l, &clean(l)).is_some() {
            return None;
        }
    }
    None
}

/// Appends a continuation line to a row: its first part to the last cell
/// (or, with `new_cell`, as a cell of its own), the rest as new cells.
fn continue_row(row: &mut Row, line: &str, new_cell: bool) {
    let mut parts = line.split('\t');
    if new_cell {
        row.cells.extend(cells_of(parts));
        row.alt = None;
        return;
    }
    if let (Some(first), Some(last)) = (parts.next(), row.cells.last_mut()) {
        let text = clean(first);
        if !text.is_empty() {
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(&text);
        }
    }
    row.cells.extend(cells_of(parts));
    row.alt = None;
}

fn push_table(rows: Vec<Row>, line: usize, out: &mut Vec<Block>) {
    if !rows.is_empty() {
        let line = rows.first().map_or(line, |r| r.line);
        out.push(Block::Table(RawTable { line, rows }));
    }
}

/// Pushes a text line, split at HTML block tags.
fn push_text(line: usize, raw: &str, out: &mut Vec<Block>) {
    let mut chunks: Vec<&str> = Vec::new();
    if raw.contains('<') {
        let mut start = 0;
        let mut pos = 0;
        let last_gt = raw.rfind('>');
        while let Some(rest) = raw.get(pos..) {
            let Some(lt) = rest.find('<') else { break };
            let at = pos + lt;
            match raw.get(at..).and_then(|s| tag_at_bounded(s, at, last_gt)) {
                Some(tag) => {
                    if is_block_tag(&tag.name) && at > start {
                        chunks.push(raw.get(start..at).unwrap_or(""));
                        start = at;
                    }
                    pos = at + tag.len;
                }
                None => pos = at + 1,
            }
        }
        chunks.push(raw.get(start..).unwrap_or(""));
    } else {
        chunks.push(raw);
    }
    for chunk in chunks {
        let trimmed = chunk.trim_start();
        let (hashes, body) = strip_hashes(trimmed);
        let text = clean(body);
        // Page furniture kept by a copy of a PDF's text, or written as a
        // heading by an older `import` (`## 第 6 页 共 20 页`): a running
        // footer between the parts of a table continued over a page break,
        // neither a heading nor text that ends the table.
        if text.is_empty() || super::text::page_furniture(&text).is_some() {
            continue;
        }
        let level = numbered_level(&text).or(if hashes > 0 {
            Some(hashes)
        } else {
            marked_level(chunk, &text)
        });
        out.push(Block::Text(TextLine {
            line,
            text,
            heading: level,
        }));
    }
}

/// Strips Markdown heading hashes: returns their count (0 when none).
fn strip_hashes(s: &str) -> (u8, &str) {
    let n = s.chars().take_while(|&c| c == '#').count();
    if n == 0 || n > 6 {
        return (0, s);
    }
    let rest = s.get(n..).unwrap_or("");
    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        (u8::try_from(n).unwrap_or(6), rest)
    } else {
        (0, s)
    }
}

/// Heading level of a raw line whose cleaned text is `text`: `<hN>`,
/// `#`, numbering, or a wholly bold line (level 9).
pub(crate) fn marked_level(raw: &str, text: &str) -> Option<u8> {
    if let Some(n) = numbered_level(text) {
        return Some(n);
    }
    let trimmed = raw.trim();
    let (hashes, _) = strip_hashes(trimmed);
    if hashes > 0 {
        return Some(hashes);
    }
    let lower = trimmed.to_ascii_lowercase();
    let mut rest = lower.as_str();
    // Skip leading block tags such as <p>, <div class=…>.
    while let Some(tag) = rest.starts_with('<').then(|| tag_at(rest)).flatten() {
        if let Some(level) = tag
            .name
            .strip_prefix('h')
            .and_then(|d| d.parse::<u8>().ok())
            .filter(|d| (1..=6).contains(d))
        {
            if !tag.closing {
                return Some(level);
            }
        }
        if (tag.name == "b" || tag.name == "strong") && wholly_bold(&lower) {
            return Some(9);
        }
        if !is_block_tag(&tag.name) && !tag.name.is_empty() {
            break;
        }
        rest = rest.get(tag.len..).unwrap_or("").trim_start();
    }
    if trimmed.len() > 4 && trimmed.starts_with("**") && trimmed.ends_with("**") {
        return Some(9);
    }
    None
}

/// Whether a lowercase HTML chunk ends with `</b>` or `</strong>` (before
/// closing block tags): its visible text is all bold.
fn wholly_bold(lower: &str) -> bool {
    let mut rest = lower.trim_end();
    loop {
        let before = rest;
        for close in [
            "</p>", "</div>", "</span>", "</font>", "</h1>", "</h2>", "</h3>", "</h4>",
        ] {
            rest = rest.strip_suffix(close).unwrap_or(rest).trim_end();
        }
        if rest == before {
            break;
        }
    }
    rest.ends_with("</b>") || rest.ends_with("</strong>")
}

/// `3、请求参数`, `5.1 页面跳转…`, `一、…` → the numbering depth.
pub(crate) fn numbered_level(text: &str) -> Option<u8> {
    if text.chars().count() > 40 || text.ends_with('。') {
        return None;
    }
    let mut depth = 0u8;
    let mut rest = text;
    let cn = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    if cn > 0 {
        let after: String = rest.chars().skip(cn).collect();
        let after = after.trim_start();
        return after.starts_with(['、', '.', '．']).then_some(1);
    }
    loop {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            break;
        }
        depth = depth.saturating_add(1);
        rest = rest.get(digits..).unwrap_or("");
        match rest.strip_prefix(['.', '．']) {
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
            Some(r) => {
                rest = r;
                break;
            }
            None => break,
        }
    }
    if depth == 0 {
        return None;
    }
    let rest = rest.trim_start_matches(['、', ')', '）', ' ', '\u{3000}']);
    let first = rest.chars().next()?;
    first.is_alphabetic().then_some(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered() {
        assert_eq!(numbered_level("3、请求参数说明"), Some(1));
        assert_eq!(numbered_level("5.1 页面跳转返回的参数列表"), Some(2));
        assert_eq!(numbered_level("5.2 错误代码"), Some(2));
        assert_eq!(numbered_level("一、请求参数"), Some(1));
        assert_eq!(numbered_level("2011-10-07"), None);
        assert_eq!(numbered_level("1.0"), None);
        assert_eq!(numbered_level("3. Request parameters"), Some(1));
    }

    #[test]
    fn pipes() {
        assert_eq!(split_pipes("| a | b\\|c |"), vec![" a ", " b|c "]);
        assert_eq!(split_pipes("a | b"), vec!["a ", " b"]);
        assert!(is_separator_row("|---|:--:|"));
        assert!(is_separator_row("---|---"));
        assert!(!is_separator_row("| a | - |"));
    }

    #[test]
    fn html_rowspan_colspan() {
        let t = "<table><tr><td rowspan=2>g</td><td>a</td></tr><tr><td>b</td></tr><tr><td colspan=3>x</td></tr></table>";
        let b = blocks(t);
        let Some(Block::Table(t)) = b.first() else {
            panic!("no table")
        };
        let texts: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            // A cell spanning its row alone is a row of one cell (a label).
            vec![vec!["g", "a"], vec!["g", "b"], vec!["x"]]
        );
    }
}

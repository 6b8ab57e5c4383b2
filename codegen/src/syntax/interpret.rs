//! Second pass: raw tables → parameter tables and error-code tables.

use super::blocks::{Cell, RawTable, Row};
use super::cells::{
    is_nullable_word, join_example, parse_example, parse_nullable, parse_type, type_fault, Polarity,
};
use super::columns::{classify, header_role, ErrorColumns, Header, ParamColumns, Role};
use super::headerless::infer_columns;
use super::packed;
use super::section::{section_of, Section};
use super::text::{is_code_like, is_ident_like, looks_like_name};
use super::{ErrorCodeSpec, Param, ParamType, Table};
use crate::Diagnostic;

/// What a raw table turned out to hold.
#[derive(Debug)]
pub(crate) enum Parsed {
    Params {
        caption: Option<Section>,
        table: Table,
        /// The rows came without a header row (their columns inferred):
        /// the first row of a table continued, or a table missing its
        /// header.
        headerless: bool,
        /// The number of columns.
        width: usize,
    },
    Errors {
        specs: Vec<ErrorCodeSpec>,
    },
    /// No header row was found.
    Headerless {
        line: usize,
        /// Some cell parses as a parameter type.
        looks_params: bool,
        /// Widest row.
        width: usize,
        /// A row that names a wire-name column but no type or nullability
        /// column: its line, its cells and what it lacks.
        near: Option<NearHeader>,
    },
}

/// A header row that lacks the type or the nullability column.
#[derive(Debug)]
pub(crate) struct NearHeader {
    pub line: usize,
    pub found: Vec<String>,
    pub missing: Vec<&'static str>,
}

impl NearHeader {
    /// `the table at line 27 has no type column; found 参数, 参数说明, 样例`.
    pub(crate) fn message(&self) -> String {
        let found: Vec<&str> = self
            .found
            .iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect();
        format!(
            "the table at line {} has no {}; found {}",
            self.line,
            self.missing.join(" and no "),
            found.join(", ")
        )
    }
}

/// The first row that reads as a header naming a wire-name column but no
/// type or no nullability column (`参数 | 参数说明 | 样例`).
fn near_header(rows: &[Row]) -> Option<(usize, NearHeader, usize)> {
    rows.iter().enumerate().find_map(|(i, row)| {
        let cells = texts(&row.cells);
        if cells.iter().any(|c| parse_type(c).is_some()) {
            return None;
        }
        let roles: Vec<Option<Role>> = cells.iter().map(|c| header_role(c)).collect();
        let name = roles
            .iter()
            .position(|r| matches!(r, Some(Role::Name | Role::NameOrLabel)))?;
        let known = roles.iter().flatten().count();
        let non_empty = cells.iter().filter(|c| !c.is_empty()).count();
        if known < 2 || known * 2 < non_empty {
            return None;
        }
        let mut missing = Vec::new();
        if !roles.contains(&Some(Role::Type)) {
            missing.push("type column");
        }
        if !roles.iter().any(|r| matches!(r, Some(Role::Nullable(_)))) {
            missing.push("nullability column");
        }
        Some((
            i,
            NearHeader {
                line: row.line,
                found: cells,
                missing,
            },
            name,
        ))
    })
}

fn texts(cells: &[Cell]) -> Vec<String> {
    cells.iter().map(|c| c.text.clone()).collect()
}

/// Number of cells up to the last non-empty one.
fn used_width(cells: &[Cell]) -> usize {
    cells
        .iter()
        .rposition(|c| !c.text.is_empty())
        .map_or(0, |i| i + 1)
}

/// A header found in a table: row index, header, whether collapsed tab
/// runs (`alt`) are used.
struct FoundHeader {
    row: usize,
    header: Header,
    alt: bool,
}

/// Headers of a table, and the rows that repeat the header above them.
fn find_headers(rows: &[Row]) -> (Vec<FoundHeader>, Vec<usize>) {
    let literal: Vec<Vec<String>> = rows.iter().map(|r| texts(&r.cells)).collect();
    let mut found: Vec<FoundHeader> = Vec::new();
    let mut repeated = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let below = literal.get(i + 1..).unwrap_or(&[]);
        let cells = literal.get(i).map_or(&[][..], Vec::as_slice);
        // A row packing a parameter (`service String Required | Interface
        // name`) is a row, whatever words it holds.
        if cells.iter().any(|c| packed::unpack_cell(c).is_some()) {
            continue;
        }
        // Nor is a row starting with a code or a wire name (`ILLEGAL_SIGN ⇥
        // the signature's name…`, `trade_no ⇥ …`), whatever words follow.
        if cells
            .first()
            .is_some_and(|c| super::text::upper_snake(c) || (c.contains('_') && looks_like_name(c)))
        {
            continue;
        }
        // A header of two rows (`类型` spanning `类型 | 长度` below it, the
        // other cells spanning both rows or left empty below): the lower
        // row, all header words, names the columns the upper one groups,
        // and the two are one header.
        if let Some(upper) = found
            .last_mut()
            .filter(|f| f.row + 1 == i && !f.alt && matches!(f.header, Header::Params(_)))
        {
            let upper_cells = literal.get(upper.row).map_or(&[][..], Vec::as_slice);
            let words = cells.iter().any(|c| !c.is_empty())
                && cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .all(|c| header_role(c).is_some());
            if words && upper_cells.len() == cells.len() {
                let merged: Vec<String> = upper_cells
                    .iter()
                    .zip(cells)
                    .map(|(up, low)| if low.is_empty() { up } else { low }.clone())
                    .collect();
                if let Some(header @ Header::Params(_)) = classify(&merged, below) {
                    upper.header = header;
                    repeated.push(i);
                    continue;
                }
            }
        }
        let (header, alt) = match classify(cells, below) {
            Some(h) => (h, false),
            None => match row.alt.as_ref().and_then(|a| classify(&texts(a), below)) {
                Some(h) => (h, true),
                None => continue,
            },
        };
        // A repeated header continues the same table (after a page break),
        // even spelt a little differently (`类型(长度)` / `类型（长度）`).
        if found
            .last()
            .is_some_and(|f| same_columns(&f.header, &header))
        {
            repeated.push(i);
            continue;
        }
        found.push(FoundHeader {
            row: i,
            header,
            alt,
        });
    }
    (found, repeated)
}

/// Whether two headers have the same columns in the same places, whatever
/// their words.
fn same_columns(a: &Header, b: &Header) -> bool {
    match (a, b) {
        (Header::Params(a), Header::Params(b)) => {
            (
                a.name, a.label, a.ty, a.desc, a.nullable, a.example, a.length, a.group,
            ) == (
                b.name, b.label, b.ty, b.desc, b.nullable, b.example, b.length, b.group,
            ) && a.headers.len() == b.headers.len()
        }
        (a, b) => a == b,
    }
}

/// The section named by caption rows (single-cell rows) just above a header.
fn caption_of(rows: &[Row]) -> Option<Section> {
    rows.iter()
        .rev()
        .take_while(|r| r.cells.iter().filter(|c| !c.text.is_empty()).count() == 1)
        .filter_map(|r| r.cells.iter().find(|c| !c.text.is_empty()))
        .find_map(|c| section_of(&c.text).filter(|s| s.is_specific()))
}

/// Interprets one raw table; diagnostics of bad rows go to `diags`.
pub(crate) fn interpret(raw: &RawTable, diags: &mut Vec<Diagnostic>) -> Vec<Parsed> {
    let (headers, repeated) = find_headers(&raw.rows);
    if headers.is_empty() {
        let near = near_header(&raw.rows);
        if let Some((at, near, name_col)) = &near {
            let below = raw.rows.get(at + 1..).unwrap_or(&[]);
            if let Some((cols, rows)) = packed::unpack(&near.found, *name_col, below) {
                let body: Vec<&Row> = rows.iter().collect();
                let params = param_rows(&cols, near.line, &body, false, diags);
                return vec![params_of(near.line, params, false, cols.headers.len())];
            }
            if let Some(cols) = infer_columns(below) {
                unplaced_cell(&cols, below, diags);
                let body: Vec<&Row> = below.iter().collect();
                let params = param_rows(&cols, near.line, &body, false, diags);
                return vec![params_of(near.line, params, false, cols.headers.len())];
            }
        } else if let Some(cols) = infer_columns(&raw.rows) {
            unplaced_cell(&cols, &raw.rows, diags);
            let body: Vec<&Row> = raw.rows.iter().collect();
            let params = param_rows(&cols, raw.line, &body, false, diags);
            return vec![params_of(raw.line, params, true, cols.headers.len())];
        }
        if let Some(d) = merged_header(raw) {
            diags.push(d);
            return Vec::new();
        }
        let looks_params = raw
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .any(|c| parse_type(&c.text).is_some());
        let width = raw
            .rows
            .iter()
            .map(|r| used_width(&r.cells))
            .max()
            .unwrap_or(0);
        return vec![Parsed::Headerless {
            line: raw.line,
            looks_params,
            width,
            near: near.map(|(_, n, _)| n),
        }];
    }
    let mut out = Vec::new();
    for (k, found) in headers.iter().enumerate() {
        let end = headers.get(k + 1).map_or(raw.rows.len(), |n| n.row);
        let before = raw.rows.get(..found.row).unwrap_or(&[]);
        // A second, different header in one run of rows starts another
        // table (a sub-parameter table under a plain title line such as
        // `单笔数据集参数说明`): unless its caption names a kind, it is none
        // of the section's, never merged into it.
        let caption = caption_of(before).or((k > 0).then_some(Section::Generic));
        let header_line = raw.rows.get(found.row).map_or(raw.line, |r| r.line);
        let body: Vec<&Row> = raw
            .rows
            .iter()
            .enumerate()
            .take(end)
            .skip(found.row + 1)
            .filter(|(i, _)| !repeated.contains(i))
            .map(|(_, r)| r)
            .collect();
        match &found.header {
            Header::Params(cols) => {
                let params = param_rows(cols, header_line, &body, found.alt, diags);
                out.push(Parsed::Params {
                    caption,
                    table: Table {
                        header_line,
                        params,
                    },
                    headerless: false,
                    width: cols.headers.len(),
                });
            }
            Header::Errors(cols) => out.push(Parsed::Errors {
                specs: error_rows(cols, header_line, &body, diags),
            }),
        }
    }
    out
}

/// A table of one column whose header row, split at its spaces, is a
/// parameter table's header (`参数 参数名称 类型 … 样例` in one cell): every
/// row's cells merged into one, so that no column can be told. A PDF whose
/// table has a row spanning it above the header (a caption `表4-1 …`, a
/// band `基本参数`) reads so.
fn merged_header(raw: &RawTable) -> Option<Diagnostic> {
    let one_cell = |r: &Row| r.cells.iter().filter(|c| !c.text.is_empty()).count() <= 1;
    if raw.rows.len() < 2 || !raw.rows.iter().all(one_cell) {
        return None;
    }
    let row = raw.rows.iter().find(|r| {
        let words: Vec<String> = r
            .cells
            .iter()
            .flat_map(|c| c.text.split_whitespace())
            .map(str::to_owned)
            .collect();
        words.len() >= 3 && matches!(classify(&words, &[]), Some(Header::Params(_)))
    })?;
    let text: String = row
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some(
        Diagnostic::new(format!(
            "the table at line {} has its header's cells merged into one (`{text}` at line {}), and every row of it is one cell: its columns cannot be told apart. Write the header and each row with a cell per column (`| 参数 | 类型 | 可空 | … |`); in the Markdown of a PDF, a row spanning the table above its header (a caption such as `表4-1 …`, a band such as `基本参数`) was taken for the header",
            raw.line, row.line
        ))
        .at(row.line)
        .cell(text),
    )
}

/// An error for a cell of a table without header that lands in no field
/// (a column the inferred columns do not account for).
fn unplaced_cell(cols: &ParamColumns, rows: &[Row], diags: &mut Vec<Diagnostic>) {
    if let Some((line, col, text)) = super::headerless::unplaced(cols, rows) {
        let shown: String = text.chars().take(30).collect();
        diags.push(
            Diagnostic::new(format!(
                "the table has no header, and column {} (`{shown}`) is none of the columns its rows were read by (wire name, label, type, description, nullability, example): add the header row (参数 ⇥ 参数名称 ⇥ 类型 ⇥ …) so that every cell has a place",
                col + 1
            ))
            .at(line)
            .cell(text.to_owned()),
        );
    }
}

fn params_of(header_line: usize, params: Vec<Param>, headerless: bool, width: usize) -> Parsed {
    Parsed::Params {
        caption: None,
        table: Table {
            header_line,
            params,
        },
        headerless,
        width,
    }
}

/// A column of a parameter table that none of its rows' fields is read
/// from (a header this reader does not know, such as a misspelt `备柱`, or
/// a second description column) while a row holds text in it: an error at
/// the first such cell, since that text would otherwise be lost. A row of
/// one cell (a group label) and a row-number column (`序号`) are no loss.
fn column_without_place(
    cols: &ParamColumns,
    header_line: usize,
    rows: &[Row],
    alt_mode: bool,
) -> Option<Diagnostic> {
    let width = cols.headers.len();
    let read = [
        Some(cols.name),
        cols.label,
        cols.ty,
        cols.desc,
        cols.nullable.map(|(col, _)| col),
        cols.example,
        cols.length,
        cols.group,
    ];
    let (line, col, text) = rows.iter().find_map(|row| {
        let cells = row_cells(row, width, alt_mode);
        if cells.iter().filter(|c| !c.text.is_empty()).count() < 2 {
            return None;
        }
        cells
            .iter()
            .enumerate()
            .take(width)
            .find_map(|(col, cell)| {
                let lost = !cell.text.is_empty()
                    && !read.contains(&Some(col))
                    && header_role(cols.header(col)) != Some(Role::Index);
                lost.then_some((row.line, col, cell.text.as_str()))
            })
    })?;
    let header = cols.header(col);
    let what = match header_role(header) {
        _ if header.is_empty() => "has no header".to_owned(),
        None => {
            format!("is headed `{header}`, which is none of the header words this reader knows")
        }
        Some(role) => format!("is headed `{header}`, a second {} column", role_name(role)),
    };
    let shown: String = text.chars().take(30).collect();
    Some(
        Diagnostic::new(format!(
            "column {} of the table at line {header_line} {what}: its cells (`{shown}` at line {line}) would be read into nothing. Head it with a word for what it holds (参数名称 for a label, 备注 or 说明 for remarks, 样例 for examples, 长度 for a length) or remove the column",
            col + 1
        ))
        .at(header_line)
        .cell(header.to_owned()),
    )
}

/// What a column of `role` holds, for messages.
fn role_name(role: Role) -> &'static str {
    match role {
        Role::Name => "wire-name",
        Role::NameOrLabel | Role::Label => "label",
        Role::LabelOrDesc | Role::Desc => "description",
        Role::Type => "type",
        Role::Nullable(_) => "nullability",
        Role::Example => "example",
        Role::ErrCode => "error-code",
        Role::ErrMeaning => "error-message",
        Role::Length => "length",
        Role::Index => "row-number",
        Role::Group => "group",
    }
}

/// Chooses the literal or collapsed cells of a row.
fn row_cells(row: &Row, width: usize, alt_mode: bool) -> &[Cell] {
    match &row.alt {
        Some(alt) if alt_mode || (used_width(&row.cells) > width && alt.len() <= width) => alt,
        _ => &row.cells,
    }
}

fn cell_text(cells: &[Cell], col: Option<usize>) -> &str {
    col.and_then(|c| cells.get(c))
        .map_or("", |c| c.text.as_str())
}

/// A group label from a group row (`基本参数`, `<b>业务参数</b>`).
fn group_name(text: &str) -> String {
    text.trim_end_matches([':', '：']).trim().to_owned()
}

fn param_rows(
    cols: &ParamColumns,
    header_line: usize,
    rows: &[&Row],
    alt_mode: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let width = cols.headers.len();
    let mut absent = Vec::new();
    if cols.ty.is_none() {
        absent.push("type column (类型/Type)");
    }
    if cols.nullable.is_none() {
        absent.push("nullability column (可空/是否可为空/必填/Nullable/Required)");
    }
    if !absent.is_empty() {
        let found: Vec<&str> = cols
            .headers
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty())
            .collect();
        diags.push(
            Diagnostic::new(format!(
                "the table at line {header_line} has no {}; found {}",
                absent.join(" and no "),
                found.join(", ")
            ))
            .at(header_line),
        );
        return Vec::new();
    }
    if rows
        .iter()
        .all(|r| r.cells.iter().all(|c| c.text.is_empty()))
    {
        diags.push(
            Diagnostic::new(format!(
                "the header at line {header_line} has no rows under it (expected one row per parameter)"
            ))
            .at(header_line),
        );
        return Vec::new();
    }
    let joined = join_page_split_rows(join_split_rows(rows, width), cols);
    if let Some(d) = column_without_place(cols, header_line, &joined, alt_mode) {
        diags.push(d);
        return Vec::new();
    }
    let mut group: Option<String> = None;
    // The element the group row above names (`trade（交易信息）`), the
    // group row's indentation, and that of the group's first row.
    let mut group_at: Option<(Vec<String>, u16, Option<u16>)> = None;
    let mut nesting = Nesting::default();
    let mut params = Vec::new();
    for (k, row) in joined.iter().enumerate() {
        let cells = row_cells(row, width, alt_mode);
        // A row the next one is indented under holds an element, whatever
        // its type cell says (`trade` typed `Object` or `-`).
        let parent = joined.get(k + 1).is_some_and(|next| {
            let next = row_cells(next, width, alt_mode);
            // A group row (one cell) is inside no row.
            next.iter().filter(|c| !c.text.is_empty()).count() > 1
                && row_indent(next, cols) > row_indent(cells, cols)
        });
        let non_empty: Vec<(usize, &Cell)> = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.text.is_empty())
            .collect();
        let Some(&(first_col, first)) = non_empty.first() else {
            continue;
        };
        if cells
            .iter()
            .all(|c| c.text.chars().all(|ch| matches!(ch, '-' | ':' | '=' | ' ')))
        {
            continue;
        }
        if let Some(note) = &row.note {
            let mut d = Diagnostic::new(note.clone()).at(row.line);
            let name = cell_text(cells, Some(cols.name));
            if !name.is_empty() && looks_like_name(name) {
                d = d.param(name);
            }
            diags.push(d);
            continue;
        }
        // A row of one cell is a label even when it looks like a name: real
        // documents wrap returned parameters in a row such as
        // `| alipay_..._response |`. A name followed by empty cells is a
        // parameter whose other cells are missing.
        if non_empty.len() == 1
            && (row.cells.len() == 1
                || first.bold
                || first_col != cols.name
                || !looks_like_name(&first.text))
        {
            let label = group_name(&first.text);
            let indent = row_indent(cells, cols);
            // A closing tag (`</trade>`) ends the element it names: the
            // rows below it are outside it.
            if let Some((closed, true)) = super::text::element_tag(&label) {
                match &mut group_at {
                    Some((element, _, _)) if element.last().map(String::as_str) == Some(closed) => {
                        element.pop();
                        if element.is_empty() {
                            group_at = None;
                            group = None;
                        } else {
                            group = Some(element.join("."));
                        }
                        nesting.clear();
                    }
                    _ if super::names_response(closed) => {}
                    _ => diags.push(
                        Diagnostic::new(format!(
                            "the row `{label}` closes `{closed}`, which is not the element the rows above it are in ({}): which element the rows below it are in cannot be told",
                            group_at.as_ref().map_or("none".to_owned(), |(e, _, _)| format!("`{}`", e.join(".")))
                        ))
                        .at(row.line),
                    ),
                }
                continue;
            }
            let mut element = super::group_element(&label);
            if element.is_empty() {
                if super::names_response(&label) {
                    // `response（业务返回）`: back to `<response>` itself.
                    group_at = None;
                    group = Some(label);
                    nesting.clear();
                    continue;
                }
                if let Some((element, _, _)) = &group_at {
                    // A note or a sub-heading among an element's rows
                    // (`注：金额单位为元`, `买家信息`) keeps them in it; a
                    // section label (`业务参数`) may end it or not.
                    if is_section_label(&label) {
                        diags.push(
                            Diagnostic::new(format!(
                                "the label row `{label}` comes after rows of the group naming `{}`: are the rows below it inside that element? Write a group row naming their element above them (`response` for none)",
                                element.join(".")
                            ))
                            .at(row.line),
                        );
                    }
                    continue;
                }
                // A section label (`基本参数`) starts the rows afresh; after
                // a note (`注：…`) they keep the nesting of the rows before.
                if is_section_label(&label) {
                    nesting.clear();
                }
                group = Some(label);
                continue;
            }
            let mut label = label;
            // A group row indented under one naming an element names an
            // element inside it (`trade`, then `&nbsp;&nbsp;buyer`).
            if let Some((outer, outer_indent, _)) = &group_at {
                if indent > *outer_indent {
                    element = [outer.clone(), element].concat();
                    label = format!("{}.{label}", outer.join("."));
                }
            }
            group_at = Some((element, indent, None));
            group = Some(label);
            nesting.clear();
            continue;
        }
        // Under a group row naming an element, a row less indented than
        // the group's first row may be outside the element.
        if let Some((element, _, base)) = &mut group_at {
            let indent = row_indent(cells, cols);
            match *base {
                None => *base = Some(indent),
                Some(base) if indent < base => {
                    let name = cell_text(cells, Some(cols.name));
                    diags.push(
                        Diagnostic::new(format!(
                            "`{name}` is less indented than the rows above it under the group row naming `{}`: inside that element or not? Give it a group row of its own, or indent it as the others",
                            element.join(".")
                        ))
                        .at(row.line)
                        .param(name),
                    );
                    continue;
                }
                Some(_) => {}
            }
        }
        // A group column's cell names the group of its row and of those
        // below it that leave the cell empty (an HTML `rowspan`).
        let named = cell_text(cells, cols.group);
        if !named.is_empty() {
            group = Some(group_name(named));
        }
        let used = used_width(cells);
        if used > width {
            match split_glued(cols, cells) {
                Some((first, second)) => {
                    for part in [first, second] {
                        if let Some(mut p) = param_row(
                            cols,
                            header_line,
                            row.line,
                            &part,
                            group.as_deref(),
                            false,
                            diags,
                        ) {
                            nesting.place(row_indent(&part, cols), &mut p);
                            params.push(p);
                        }
                    }
                }
                None => {
                    let extra: Vec<&str> = cells
                        .iter()
                        .skip(width)
                        .map(|c| c.text.as_str())
                        .filter(|t| !t.is_empty())
                        .collect();
                    let name = cell_text(cells, Some(cols.name));
                    let mut d = Diagnostic::new(format!(
                        "row has {used} cells, more than the {width} columns of the header at line {header_line}; the extra cells are `{}` (a cell with a stray separator, or a missing header cell?)",
                        extra.join("`, `")
                    ))
                    .at(row.line)
                    .cell(extra.join(" "));
                    if !name.is_empty() {
                        d = d.param(name);
                    }
                    diags.push(d);
                }
            }
            continue;
        }
        let split;
        let cells = if used < width {
            match split_lost_separator(cols, cells, used) {
                Some(fixed) => {
                    split = fixed;
                    split.as_slice()
                }
                None => cells,
            }
        } else {
            cells
        };
        if let Some(d) = two_values(cols, cells) {
            diags.push(d.at(row.line));
            continue;
        }
        if let Some(mut p) = param_row(
            cols,
            header_line,
            row.line,
            cells,
            group.as_deref(),
            parent,
            diags,
        ) {
            nesting.place(row_indent(cells, cols), &mut p);
            params.push(p);
        }
    }
    if params.is_empty()
        && !diags
            .iter()
            .any(|d| d.line.is_some_and(|l| l > header_line))
    {
        diags.push(
            Diagnostic::new(format!(
                "the header at line {header_line} has no rows under it (only group rows or empty rows)"
            ))
            .at(header_line),
        );
    }
    params
}

/// How far a row is indented (see [`Cell::indent`]): its name cell or its
/// first cell, whichever is more (a page may indent the first column, a
/// label before the name, instead of the name).
fn row_indent(cells: &[Cell], cols: &ParamColumns) -> u16 {
    [0, cols.name]
        .into_iter()
        .filter_map(|c| cells.get(c))
        .map(|c| c.indent)
        .max()
        .unwrap_or(0)
}

/// A short label that heads a section of parameters (`业务参数`,
/// `可选参数`, `Business parameters`), not a note about the rows
/// (`注：…`, `（以下参数在trade节点下）`).
fn is_section_label(label: &str) -> bool {
    let lower = label.to_lowercase();
    label.chars().count() <= 12
        && (label.contains("参数") || lower.contains("parameters") || lower.contains("params"))
        && !["注", "说明", "note", "（", "(", "以下", "*"]
            .iter()
            .any(|m| lower.starts_with(m))
}

/// Rows nested by the indentation of their name cells: a row indented
/// deeper than the row above is inside it (`&nbsp;&nbsp;trade_no` under
/// `trade`), and its [`Param::path`] names the rows it is inside. Rows
/// indented alike are siblings, whatever the depth; a group row naming an
/// element, or a section label (`业务参数`), starts afresh, and a note row
/// (`注：…`) leaves it as it is. Only an answer table nests; elsewhere a
/// nested row is an error (see `nested_rows`).
#[derive(Default)]
struct Nesting {
    /// The rows the next row may be inside: their indentation and name,
    /// shallowest first.
    open: Vec<(u16, String)>,
}

impl Nesting {
    fn clear(&mut self) {
        self.open.clear();
    }

    /// Gives `p`, whose name cell is indented by `indent`, the names of
    /// the rows above it that it is inside.
    fn place(&mut self, indent: u16, p: &mut Param) {
        while self.open.last().is_some_and(|&(at, _)| at >= indent) {
            self.open.pop();
        }
        p.path = self.open.iter().map(|(_, name)| name.clone()).collect();
        self.open.push((indent, p.name.clone()));
    }
}

/// A short row whose nullability cell still holds a second value (`不可空
/// 2011…` with no cell left for it) that could not be split back: the
/// value would vanish, so it is an error.
fn two_values(cols: &ParamColumns, cells: &[Cell]) -> Option<Diagnostic> {
    let (col, _) = cols.nullable?;
    let example = cols.example?;
    if example < used_width(cells) {
        return None;
    }
    let text = cells.get(col)?.text.as_str();
    let (head, tail) = text.split_once(char::is_whitespace)?;
    if !is_nullable_word(head) || tail.trim().is_empty() {
        return None;
    }
    let name = cell_text(cells, Some(cols.name));
    let mut d = Diagnostic::new(format!(
        "the `{}` cell `{text}` holds two values and the row has no `{}` cell: a separator was lost; put a tab (or a cell border) after `{head}`",
        cols.header(col),
        cols.header(example)
    ))
    .cell(text);
    if !name.is_empty() {
        d = d.param(name);
    }
    Some(d)
}

/// Whether the cells hold a whole row at `at`: a wire name under the
/// header's name column, a type under its type column and a nullability
/// under its nullability column.
fn row_at(cols: &ParamColumns, cells: &[Cell], at: usize) -> bool {
    let get = |c: Option<usize>| {
        c.and_then(|c| cells.get(at + c))
            .map_or("", |c| c.text.as_str())
    };
    let nullable = match cols.nullable {
        Some((col, polarity)) => {
            let cell = get(Some(col));
            !cell.is_empty() && parse_nullable(cell, polarity).is_ok()
        }
        None => true,
    };
    looks_like_name(get(Some(cols.name))) && parse_type(get(cols.ty)).is_some() && nullable
}

/// Two rows glued into one (a lost line break): the second half starts
/// with a wire name and has its own type and nullability.
fn split_glued(cols: &ParamColumns, cells: &[Cell]) -> Option<(Vec<Cell>, Vec<Cell>)> {
    let width = cols.headers.len();
    let used = used_width(cells);
    // The lost break became a separator (2 × width cells), or vanished,
    // joining the first row's last cell and the second's first.
    for at in [width, used.saturating_sub(width)] {
        if at == 0 || at > width || !row_at(cols, cells, 0) || !row_at(cols, cells, at) {
            continue;
        }
        let first = cells.get(..at)?.to_vec();
        let second = cells.get(at..used)?.to_vec();
        if used - at <= width {
            return Some((first, second));
        }
    }
    None
}

/// A row one cell short where one cell holds two values (a lost tab:
/// `不可空 2011011201037066^5.00^退款` under 可空 with the 样例 column
/// empty): the cell is split back in two when that puts a type under the
/// type column and a nullability word under the nullability column.
fn split_lost_separator(cols: &ParamColumns, cells: &[Cell], used: usize) -> Option<Vec<Cell>> {
    let width = cols.headers.len();
    let valid = |cells: &[Cell]| -> bool {
        let ty = cols
            .ty
            .and_then(|c| cells.get(c))
            .map_or("", |c| c.text.as_str());
        let nullable = cols
            .nullable
            .and_then(|(c, _)| cells.get(c))
            .map_or("", |c| c.text.as_str());
        parse_type(ty).is_some() && is_nullable_word(nullable)
    };
    let mut current: Vec<Cell> = cells.get(..used)?.to_vec();
    let mut changed = false;
    while used_width(&current) < width {
        let found = (0..current.len()).find_map(|k| {
            let text = current.get(k)?.text.clone();
            let (head, tail) = text.split_once(char::is_whitespace)?;
            let tail = tail.trim();
            let is_value = is_nullable_word(head) || parse_type(head).is_some();
            if !is_value || tail.is_empty() {
                return None;
            }
            let mut next = current.clone();
            if let Some(cell) = next.get_mut(k) {
                cell.text = head.to_owned();
            }
            next.insert(
                k + 1,
                Cell {
                    text: tail.to_owned(),
                    bold: false,
                    indent: 0,
                    paragraphs: Vec::new(),
                },
            );
            valid(&next).then_some(next)
        });
        match found {
            Some(next) => {
                current = next;
                changed = true;
            }
            None => break,
        }
    }
    changed.then_some(current)
}

/// Joins a row split over a page break (a PDF's table whose row may break
/// across pages, as word processors allow by default): a row with an empty
/// name cell under a row with a name is the rest of that row, each cell
/// appended to the one above (a type's pieces with nothing between, text
/// with a space between two ASCII characters). A row whose only text is in
/// the first or the label column is a group label instead.
fn join_page_split_rows(rows: Vec<Row>, cols: &ParamColumns) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for row in rows {
        let filled: Vec<usize> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.text.is_empty())
            .map(|(k, _)| k)
            .collect();
        let name_empty = row.cells.get(cols.name).is_none_or(|c| c.text.is_empty());
        let label_only = filled.len() == 1
            && filled
                .first()
                .is_some_and(|&k| k == 0 || Some(k) == cols.label);
        let above_is_param = out.last().is_some_and(|above| {
            above
                .cells
                .get(cols.name)
                .is_some_and(|c| looks_like_name(&c.text))
                && above.note.is_none()
        });
        // Both halves holding a whole type or a nullability word is a row
        // whose name was lost, not a split one: left to be reported.
        let clash = out.last().is_some_and(|above| {
            let both = |col: Option<usize>| {
                col.and_then(|k| Some((above.cells.get(k)?, row.cells.get(k)?)))
                    .filter(|(a, b)| !a.text.is_empty() && !b.text.is_empty())
            };
            let type_clash = both(cols.ty)
                .is_some_and(|(a, b)| parse_type(&format!("{}{}", a.text, b.text)).is_none());
            type_clash || both(cols.nullable.map(|(k, _)| k)).is_some()
        });
        let continues = row.cells.len() > 1
            && name_empty
            && !filled.is_empty()
            && !label_only
            && above_is_param
            && !clash
            && row.note.is_none();
        match out.last_mut() {
            Some(above) if continues => {
                for (k, cell) in row.cells.iter().enumerate() {
                    if cell.text.is_empty() {
                        continue;
                    }
                    while above.cells.len() <= k {
                        above.cells.push(Cell {
                            text: String::new(),
                            bold: false,
                            indent: 0,
                            paragraphs: Vec::new(),
                        });
                    }
                    let Some(slot) = above.cells.get_mut(k) else {
                        continue;
                    };
                    let ascii_pair = slot
                        .text
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                        && cell
                            .text
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric());
                    if !slot.text.is_empty()
                        && ascii_pair
                        && Some(k) != cols.ty
                        && Some(k) != cols.length
                    {
                        slot.text.push(' ');
                    }
                    slot.text.push_str(&cell.text);
                }
                above.alt = None;
            }
            _ => out.push(row),
        }
    }
    out
}

/// Joins tab rows split by a line break inside a cell: two consecutive
/// short rows whose cell counts add up to the header's width plus one
/// (`a\tb\tdescription first half` + `second half\tN\tDSA`).
fn join_split_rows(rows: &[&Row], width: usize) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut i = 0;
    while let Some(&row) = rows.get(i) {
        let next = rows.get(i + 1).copied();
        let filled = |r: &Row| r.cells.iter().filter(|c| !c.text.is_empty()).count();
        match next {
            Some(next)
                if row.tabbed
                    && next.tabbed
                    && row.cells.len() < width
                    && next.cells.len() < width
                    && row.cells.len() + next.cells.len() == width + 1
                    && filled(row) >= 2
                    && filled(next) >= 1 =>
            {
                let mut cells = row.cells.clone();
                let mut rest = next.cells.iter();
                if let (Some(last), Some(first)) = (cells.last_mut(), rest.next()) {
                    if !first.text.is_empty() {
                        if !last.text.is_empty() {
                            last.text.push(' ');
                        }
                        last.text.push_str(&first.text);
                    }
                }
                cells.extend(rest.cloned());
                out.push(Row {
                    line: row.line,
                    cells,
                    alt: None,
                    tabbed: true,
                    note: None,
                });
                i += 2;
            }
            _ => {
                out.push(row.clone());
                i += 1;
            }
        }
    }
    out
}

fn param_row(
    cols: &ParamColumns,
    header_line: usize,
    line: usize,
    cells: &[Cell],
    group: Option<&str>,
    parent: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Param> {
    let name = cell_text(cells, Some(cols.name)).to_owned();
    let mut required: Vec<(usize, &str)> = vec![(cols.name, "name")];
    required.extend(cols.ty.map(|c| (c, "type")));
    required.extend(cols.nullable.map(|(c, _)| (c, "nullability")));
    let missing: Vec<String> = required
        .iter()
        .filter(|&&(c, _)| c >= cells.len())
        .map(|&(c, what)| format!("{what} (`{}`)", cols.header(c)))
        .collect();
    if !missing.is_empty() {
        let mut d = Diagnostic::new(format!(
            "row has only {} cells; missing the {} cell{} (header at line {header_line} has {} columns)",
            cells.len(),
            missing.join(", "),
            if missing.len() > 1 { "s" } else { "" },
            cols.headers.len()
        ))
        .at(line);
        if !name.is_empty() && cols.name < cells.len() {
            d = d.param(name);
        }
        diags.push(d);
        return None;
    }
    let mut ok = true;
    if name.is_empty() {
        diags.push(
            Diagnostic::new(format!(
                "row has no parameter name (the `{}` cell is empty)",
                cols.header(cols.name)
            ))
            .at(line),
        );
        return None;
    }
    // Letters, digits, `_`, and in answer rows `.` and `[]`; a marker
    // (`*out_trade_no`) or two names in one cell (`trade_no/out_trade_no`)
    // would otherwise be sent as the name.
    // Brackets only as `[]`, the mark of a repeated answer element: a
    // footnote (`subject[1]`) is no part of the name.
    let footnote = name.replace("[]", "").contains(['[', ']']);
    if !is_ident_like(&name) || footnote {
        let marker = name.trim_matches('*');
        let message = if footnote {
            format!(
                "`{name}`: brackets around something are a footnote mark, not part of the wire name; remove them (only `[]`, an answer element that repeats, is read)"
            )
        } else if marker != name && is_ident_like(marker) {
            format!(
                "the `*` is a marker, not part of the wire name `{marker}`; remove it (the `{}` column says whether it is required)",
                cols.nullable.map_or("nullability", |(c, _)| cols.header(c))
            )
        } else {
            format!(
                "parameter name `{name}` is not a wire name (expected ASCII such as `sns_user_id`, in the `{}` column)",
                cols.header(cols.name)
            )
        };
        diags.push(
            Diagnostic::new(message)
                .at(line)
                .param(name.clone())
                .cell(name.clone()),
        );
        ok = false;
    }
    let ty = match cols.ty {
        Some(col) => {
            let cell = cell_text(cells, Some(col));
            match parse_type(cell) {
                Some(t) => match with_length(t, cell_text(cells, cols.length)) {
                    Ok(t) => Some(t),
                    Err(why) => {
                        let length = cell_text(cells, cols.length);
                        diags.push(
                            Diagnostic::new(format!("length `{length}`: {why}"))
                                .at(line)
                                .param(name.clone())
                                .cell(length),
                        );
                        None
                    }
                },
                // An element's row: its type cell names no text type.
                None if parent => Some(ParamType::TEXT),
                // The `<alipay>` envelope's own elements, listed in a
                // server call's return table without a text type (`-`):
                // set aside with the envelope by the check.
                None if matches!(name.as_str(), "request" | "response")
                    && matches!(cell.trim(), "" | "-" | "—" | "－" | "/") =>
                {
                    Some(ParamType::TEXT)
                }
                None => {
                    let message = if cell.is_empty() {
                        "type cell is empty (expected String(n), String, Number, Number(n) or Date)"
                            .to_owned()
                    } else if let Some(why) = type_fault(cell) {
                        format!("type `{cell}`: {why}")
                    } else {
                        format!(
                            "type `{cell}` is not one of String(n), String, URL(n), Number, Number(p), Number(p,s), Date"
                        )
                    };
                    diags.push(
                        Diagnostic::new(message)
                            .at(line)
                            .param(name.clone())
                            .cell(cell),
                    );
                    None
                }
            }
        }
        None => None,
    };
    let nullable = match cols.nullable {
        Some((col, polarity)) => {
            let cell = cell_text(cells, Some(col));
            match parse_nullable(cell, polarity) {
                Ok(_) if cell.trim().is_empty() => {
                    diags.push(
                        Diagnostic::new(format!(
                            "the nullability cell (column `{}`) is empty: a cell lost in the copy (a merged cell?); write 可空 or 不可空 (Optional or Required)",
                            cols.header(col)
                        ))
                        .at(line)
                        .param(name.clone()),
                    );
                    None
                }
                Ok(n) => Some(n),
                Err(()) => {
                    let message = if polarity == Polarity::Unknown {
                        format!(
                            "nullability `{cell}` cannot be read: the column `{}` names both ways, so `{cell}` could mean either; write the word (必填/可选, Required/Optional) in the cell, or name the column one way (`是否必填`, `Required`)",
                            cols.header(col)
                        )
                    } else {
                        format!(
                            "nullability `{cell}` (column `{}`) is not one of N/Y, 是/否, 可空/不可空, 必填/选填, Yes/No, true/false",
                            cols.header(col)
                        )
                    };
                    diags.push(
                        Diagnostic::new(message)
                            .at(line)
                            .param(name.clone())
                            .cell(cell),
                    );
                    None
                }
            }
        }
        None => None,
    };
    let (Some(ty), Some(nullable), true) = (ty, nullable, ok) else {
        return None;
    };
    let mut description = cell_text(cells, cols.desc).to_owned();
    // A nullability cell holding more than its word (`可空（退款时必填）`,
    // `required *`, `optional (unique to this gem)`): the rest is a note
    // of the row's, kept with its description.
    if let Some((col, _)) = cols.nullable {
        if let Some(cell) = super::cells::nullable_rest(cell_text(cells, Some(col))) {
            if !description.contains(cell) {
                description.push_str(&format!("（{cell}）"));
            }
        }
    }
    let label = cell_text(cells, cols.label).to_owned();
    let ty = super::units::with_stated_limit(ty, &[&description, &label]);
    if let Some((n, unit)) = super::units::conflicting_limit(&ty, &[&description, &label]) {
        let cell = cell_text(cells, cols.ty);
        diags.push(
            Diagnostic::new(format!(
                "the remarks say at most {n} {unit}, but the type `{cell}` allows another length: which limit the gateway checks cannot be told; make them agree (`String({n})` with the remark counting characters, or the remark's number the type's)"
            ))
            .at(line)
            .param(name.clone())
            .cell(cell),
        );
        return None;
    }
    let length_rule = super::units::row_rule(
        cols.ty.map_or("", |c| cols.header(c)),
        &ty,
        &[&description, &label],
    );
    let (example, example_paragraphs) = match cols.example.and_then(|c| cells.get(c)) {
        Some(cell) if !cell.paragraphs.is_empty() => {
            let (joined, spaced) = join_example(&cell.paragraphs);
            let shown = if spaced {
                cell.paragraphs.clone()
            } else {
                Vec::new()
            };
            (parse_example(&joined), shown)
        }
        _ => (parse_example(cell_text(cells, cols.example)), Vec::new()),
    };
    Some(Param {
        line,
        name,
        label,
        ty,
        nullable,
        description,
        example,
        example_paragraphs,
        group: group.map(str::to_owned),
        length_rule,
        path: Vec::new(),
    })
}

/// Applies a separate length column to the type cell's type: read as the
/// type's parentheses would be (`String` + `64` is `String(64)`, `String` +
/// `6-32` is `String(6-32)`, `Number` + `10,2` is `Number(10,2)`, `Date` +
/// `19` is `Date`). An empty cell or a dash gives none. A cell that is no
/// such length (`64字节`, `≤64`: the units are the document's, not a
/// cell's), or one that disagrees with a length the type cell already
/// gives, is an error, the reason returned: never a length dropped.
fn with_length(ty: ParamType, length: &str) -> Result<ParamType, String> {
    let length = length.trim();
    if length.is_empty() || matches!(length, "-" | "—" | "/" | "无" | "N/A" | "n/a") {
        return Ok(ty);
    }
    let base = match ty {
        ParamType::String { .. } => "String",
        ParamType::Number { .. } => "Number",
        ParamType::Date => "Date",
    };
    let written = format!("{base}({length})");
    let Some(read) = super::cells::parse_type(&written) else {
        let why = super::cells::type_fault(&written).unwrap_or_else(|| {
            "it is no length this reader knows: write the number alone (`64`), a range (`6-32`) or, for a Number, digits and decimals (`10,2`); the document's unit (bytes or characters) is read from its text, not from a cell".to_owned()
        });
        return Err(why);
    };
    let has_length = !matches!(
        ty,
        ParamType::String { max_len: None, .. }
            | ParamType::Number {
                max_len: None,
                scale: None
            }
            | ParamType::Date
    );
    if has_length && read != ty {
        return Err(format!(
            "the type cell says `{}` and the length column `{length}`: which one holds cannot be told",
            ty.rust_doc()
        ));
    }
    Ok(read)
}

/// Splits `ILLEGAL_SIGN 数字验签失败` (a row whose separator was a space).
fn split_code(text: &str) -> Option<(String, String)> {
    let (code, rest) = text.split_once(char::is_whitespace)?;
    is_code_like(code).then(|| (code.to_owned(), rest.trim().to_owned()))
}

/// An error code's meaning with the cells of the row's other columns
/// (`解决方案`, `备注`) after it, so that none is dropped.
fn meaning_with<'a>(meaning: &str, others: impl Iterator<Item = &'a Cell>) -> String {
    let mut text = meaning.to_owned();
    for cell in others.filter(|c| !c.text.is_empty()) {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str(&cell.text);
    }
    text
}

fn error_rows(
    cols: &ErrorColumns,
    header_line: usize,
    rows: &[&Row],
    diags: &mut Vec<Diagnostic>,
) -> Vec<ErrorCodeSpec> {
    let mut specs = Vec::new();
    if let Some(second) = cols.second_code {
        diags.push(
            Diagnostic::new(format!(
                "the error-code table at line {header_line} has a second code column (column {}): codes side by side cannot be read as rows; put each code on a row of its own (错误代码 | 含义)",
                second + 1
            ))
            .at(header_line),
        );
        return specs;
    }
    for row in rows {
        let cells = &row.cells;
        let non_empty: Vec<&Cell> = cells
            .iter()
            .enumerate()
            .filter(|(c, cell)| !cell.text.is_empty() && !cols.index.contains(c))
            .map(|(_, cell)| cell)
            .collect();
        let (code, meaning) = match non_empty.as_slice() {
            [] => continue,
            [only] => match split_code(&only.text) {
                Some(pair) => pair,
                None if is_code_like(&only.text)
                    && cells.iter().position(|c| !c.text.is_empty()) == Some(cols.code) =>
                {
                    (only.text.clone(), String::new())
                }
                None => continue, // a group row
            },
            _ => {
                let others = cells
                    .iter()
                    .enumerate()
                    .filter(|&(c, _)| {
                        c != cols.code && c != cols.meaning && !cols.index.contains(&c)
                    })
                    .map(|(_, cell)| cell);
                (
                    cell_text(cells, Some(cols.code)).to_owned(),
                    meaning_with(cell_text(cells, Some(cols.meaning)), others),
                )
            }
        };
        if code.is_empty() {
            diags.push(Diagnostic::new("error-code row has no code").at(row.line));
            continue;
        }
        if !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            let two = code.contains(['/', '、', ',', '，', '|']);
            diags.push(
                Diagnostic::new(format!(
                    "error code `{code}` is not a code (expected letters, digits and `_` such as `ILLEGAL_SIGN`){}",
                    if two { ": two codes in one cell? Give each its row" } else { "" }
                ))
                .at(row.line)
                .cell(code),
            );
            continue;
        }
        specs.push(ErrorCodeSpec {
            line: row.line,
            code,
            meaning,
        });
    }
    specs
}

/// Reads a table without header as an error-code table when every row is
/// `CODE <meaning>` (used under an error-code heading).
///
/// `under_errors`: the table sits under an error-code heading, where a
/// header row of other words (`枚举名称 | 枚举说明`) may head it.
pub(crate) fn headerless_errors(raw: &RawTable, under_errors: bool) -> Option<Vec<ErrorCodeSpec>> {
    let mut specs = Vec::new();
    for (k, row) in raw.rows.iter().enumerate() {
        let non_empty: Vec<&Cell> = row.cells.iter().filter(|c| !c.text.is_empty()).collect();
        // A header of words no reader knows for codes, over code rows
        // under an error-code heading: `枚举名称 | 枚举说明` (older official
        // documents list their codes as an enumeration).
        let header_like = |cells: &[&Cell]| match cells {
            [name, meaning] => {
                let m = meaning.text.to_lowercase();
                !is_code_like(&name.text)
                    && name.text.chars().count() <= 12
                    && ["说明", "含义", "描述", "meaning", "description"]
                        .iter()
                        .any(|w| m.contains(w))
            }
            _ => false,
        };
        if under_errors && k == 0 && header_like(&non_empty) {
            continue;
        }
        let (code, meaning) = match non_empty.as_slice() {
            [] => continue,
            // A group row between codes (`会员接口错误代码`), as in a
            // table with its header.
            [only] if split_code(&only.text).is_none() && !is_code_like(&only.text) && k > 0 => {
                continue
            }
            [only] => split_code(&only.text)?,
            [code, meaning, rest @ ..] => (
                code.text.clone(),
                meaning_with(&meaning.text, rest.iter().copied()),
            ),
        };
        if !is_code_like(&code) {
            return None;
        }
        specs.push(ErrorCodeSpec {
            line: row.line,
            code,
            meaning,
        });
    }
    (!specs.is_empty()).then_some(specs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_column_ranges() {
        let range = |length: &str| with_length(ParamType::TEXT, length);
        let string = |min_len, max_len| ParamType::String {
            min_len,
            max_len: Some(max_len),
        };
        assert_eq!(range("6-32"), Ok(string(Some(6), 32)));
        assert_eq!(range(" 6 ～ 32 "), Ok(string(Some(6), 32)));
        assert_eq!(range("0-32"), Ok(string(None, 32)));
        assert_eq!(range("32"), Ok(string(None, 32)));
        assert_eq!(range("-"), Ok(ParamType::TEXT));
        assert_eq!(range(""), Ok(ParamType::TEXT));
        assert!(range("32-6").is_err());
        assert!(range("6-x").is_err());
    }
}

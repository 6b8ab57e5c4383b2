//! Raw parsing of interface documents: sections, tables, rows.
//!
//! The parser is tolerant: it accepts tab-separated text (what copying the
//! gateway's HTML tables gives), Markdown pipe tables, the page's own HTML
//! `<table>` markup and space-separated columns, with Chinese or English
//! headers in any order. Columns are found by their header words, never by
//! position; see [`parse_document`] for the rules.
//!
//! Nothing here panics, whatever the input; every problem becomes a
//! [`Diagnostic`], and all of a document's diagnostics are returned
//! together.

mod blocks;
mod cells;
mod columns;
mod interpret;
mod section;
mod text;

use crate::Diagnostic;
pub(crate) use blocks::{blocks, Block, RawTable};
use interpret::{headerless_errors, interpret, Parsed};
use section::{section_of, Section};

pub use cells_public::*;

/// Which table of an interface document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    /// Request parameters (请求参数 / 输入参数 / Request parameters).
    Request,
    /// Parameters of the page-redirect return (页面跳转同步通知 / 页面跳转返回 /
    /// 返回参数 / 输出参数 / Return / Response).
    Response,
    /// Parameters of the server's asynchronous notification (服务器异步通知 /
    /// 异步通知 / Asynchronous notification).
    Notify,
    /// Error codes (错误代码 / 错误码 / Error codes).
    Errors,
    /// The business part of a server call's XML answer: the leaves (and
    /// nested elements) inside `<response>` (XML返回结果 / 业务返回参数 /
    /// Response parameters of a server call).
    Answer,
}

/// How an interface is reached: the document's `访问形式` / `接口访问方式` /
/// `调用方式` line, or the declaration's `access = "page" | "server"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// 页面跳转: the buyer's browser is sent to the gateway (signed URL or
    /// auto-submitting form); the answer is a page-redirect return.
    Page,
    /// 服务器调用 / 后台调用 / 系统调用: the merchant's server calls the
    /// gateway and reads an XML answer.
    Server,
}

impl TableKind {
    /// A short English name (`request`, `response`, `notify`, `errors`).
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Request => "request",
            TableKind::Response => "response",
            TableKind::Notify => "notify",
            TableKind::Errors => "errors",
            TableKind::Answer => "answer",
        }
    }
}

/// The type column of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamType {
    /// `String(n)` (at most `n`, counted per the interface's length rule) or
    /// `String` without a length.
    String {
        /// The documented maximum length.
        max_len: Option<u32>,
    },
    /// `Number`, `Number(n)`, `Number(p,s)` (keeps `p`, the digit count).
    /// Amounts and counts: kept exact, never a float.
    Number {
        /// The documented maximum number of digits.
        max_len: Option<u32>,
    },
    /// `Date`: `yyyy-MM-dd HH:mm:ss`.
    Date,
}

impl ParamType {
    /// The type as the documents write it: `String(50)`, `String`,
    /// `Number`, `Number(10)`, `Date`.
    pub fn rust_doc(&self) -> String {
        match self {
            ParamType::String { max_len: Some(n) } => format!("String({n})"),
            ParamType::String { max_len: None } => "String".to_owned(),
            ParamType::Number { max_len: Some(n) } => format!("Number({n})"),
            ParamType::Number { max_len: None } => "Number".to_owned(),
            ParamType::Date => "Date".to_owned(),
        }
    }

    /// Parses a type cell as the tables write it (see [`parse_document`]
    /// for the accepted spellings and aliases).
    pub fn parse(cell: &str) -> Option<ParamType> {
        cells::parse_type(cell)
    }
}

/// One row of a parameter table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// 1-based line of the row.
    pub line: usize,
    /// The wire name (`sns_user_id`, `_input_charset`).
    pub name: String,
    /// The short meaning (`参数说明` in the seed's order, `参数名称` in the
    /// `参数 / 参数名称 / …` order, `Name` next to `Parameter`); empty when
    /// the table has no such column.
    pub label: String,
    /// The type column.
    pub ty: ParamType,
    /// Whether the parameter may be absent (`可空` = `Y`, `必填` = `N`…).
    pub nullable: bool,
    /// The long description (`备注`, `描述`, `参数说明`…), tags stripped,
    /// entities decoded, whitespace collapsed; empty when absent.
    pub description: String,
    /// The example cell; `None` when empty or `-`.
    pub example: Option<String>,
    /// The group row above the parameter (`基本参数`, `业务参数`).
    pub group: Option<String>,
    /// How this row's `String(n)` counts, when the document says so: the
    /// header's unit (`类型（字节长度）` → bytes of GBK text) or the row's
    /// remarks (`最长为128个汉字`, `不超过N个字符` → characters). `None`:
    /// the interface's rule applies.
    pub length_rule: Option<crate::model::LengthRule>,
    /// In an [`TableKind::Answer`] table: the element names from inside
    /// `<response>` down to this leaf's parent (`["trade"]` for
    /// `<response><trade><trade_no>`); a name ending in `[]` is an element
    /// that repeats (a `Vec`). Empty in the other tables and for leaves
    /// directly under `<response>`.
    pub path: Vec<String>,
}

/// A parameter table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// 1-based line of the header row (of the first table, when several
    /// tables of the same kind were merged).
    pub header_line: usize,
    /// Rows, in document order; group rows are not parameters.
    pub params: Vec<Param>,
}

/// One row of an error-code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCodeSpec {
    /// 1-based line of the row.
    pub line: usize,
    /// The code (`ILLEGAL_SIGN`).
    pub code: String,
    /// Its meaning (`数字验签失败`); may be empty.
    pub meaning: String,
}

/// A parsed interface document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The service name and its line, from a `服务名: x` / `接口名称: x` /
    /// `Service: x` line (only when the value looks like a service name).
    pub service: Option<(usize, String)>,
    /// Request parameters.
    pub request: Option<Table>,
    /// Parameters of the page-redirect return.
    pub response: Option<Table>,
    /// Parameters of the asynchronous notification.
    pub notify: Option<Table>,
    /// Error codes.
    pub errors: Option<Vec<ErrorCodeSpec>>,
    /// The business part of a server call's XML answer (`<response>`).
    pub answer: Option<Table>,
    /// How the interface is reached, and the line that says so.
    pub access: Option<(usize, Access)>,
}

impl Document {
    /// The parameter table of a kind (`None` for [`TableKind::Errors`]).
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        match kind {
            TableKind::Request => self.request.as_ref(),
            TableKind::Response => self.response.as_ref(),
            TableKind::Notify => self.notify.as_ref(),
            TableKind::Answer => self.answer.as_ref(),
            TableKind::Errors => None,
        }
    }

    fn slot(&mut self, kind: TableKind) -> Option<&mut Option<Table>> {
        match kind {
            TableKind::Request => Some(&mut self.request),
            TableKind::Response => Some(&mut self.response),
            TableKind::Notify => Some(&mut self.notify),
            TableKind::Answer => Some(&mut self.answer),
            TableKind::Errors => None,
        }
    }
}

/// Re-exported helpers about cells.
mod cells_public {
    /// Type names accepted as `Number` besides `Number` itself
    /// (all kept exact, never `f64`).
    pub const NUMBER_TYPE_ALIASES: &[&str] = super::cells::NUMBER_ALIASES;
    /// Type names accepted as `String`.
    pub const STRING_TYPE_ALIASES: &[&str] = super::cells::STRING_ALIASES;
    /// Type names accepted as `Date`.
    pub const DATE_TYPE_ALIASES: &[&str] = super::cells::DATE_ALIASES;
}

const NO_HEADER: &str =
    "table has no header row (expected columns such as 参数名/参数, 类型, 可空…)";

/// Service-name labels: `服务名`, `服务名称`, `接口名`, `接口名称`, `Service`…
pub(crate) fn service_line(text: &str) -> Option<String> {
    let (label, value) = text.split_once([':', '：'])?;
    service_pair(label, value)
}

fn service_pair(label: &str, value: &str) -> Option<String> {
    let label: String = label
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    const LABELS: &[&str] = &[
        "服务名",
        "服务名称",
        "接口名",
        "接口名称",
        "接口服务名",
        "服务",
        "service",
        "servicename",
        "接口代码",
        "接口英文名",
    ];
    if !LABELS.iter().any(|l| label.ends_with(l)) {
        return None;
    }
    let value = value
        .split_whitespace()
        .next()?
        .trim_matches(|c: char| matches!(c, '`' | '"' | '\'' | '“' | '”' | '*'));
    let valid = value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
        && (value.contains('.') || value.contains('_'));
    valid.then(|| value.to_owned())
}

fn kind_of(section: Section) -> Option<TableKind> {
    match section {
        Section::Request => Some(TableKind::Request),
        Section::Response => Some(TableKind::Response),
        Section::Notify => Some(TableKind::Notify),
        Section::Errors => Some(TableKind::Errors),
        Section::Generic | Section::Example => None,
    }
}

/// Tracks the current section while walking a document.
struct Sections {
    current: Option<Section>,
    level: u8,
}

impl Sections {
    fn heading(&mut self, text: &str, level: Option<u8>) {
        let kind = section_of(text);
        match (kind, level) {
            (Some(Section::Example), Some(l)) => {
                self.current = Some(Section::Example);
                self.level = l;
            }
            (Some(s), Some(l)) if s.is_specific() => {
                self.current = Some(s);
                self.level = l;
            }
            (Some(Section::Generic), Some(l))
                if !self.current.is_some_and(Section::is_specific) =>
            {
                self.current = Some(Section::Generic);
                self.level = l;
            }
            (None, Some(l)) if l <= self.level => {
                self.current = None;
                self.level = l;
            }
            // Unmarked short lines: only keywords matter.
            (Some(s), None)
                if text.chars().count() <= 24
                    && !text.ends_with('。')
                    && (s.is_specific() || s == Section::Example) =>
            {
                self.current = Some(s);
                self.level = 9;
            }
            _ => {}
        }
    }
}

/// Parses a whole interface document.
///
/// * **Sections** are found by headings: Markdown `#`, wholly bold lines,
///   HTML `<h1>`…`<h6>`, numbered lines (`3、…`, `5.1 …`), and short lines
///   with a keyword. Keywords: request — 请求参数/输入参数/请求/入参/request/
///   input; response — 页面跳转/同步/返回/输出/出参/响应/response/return/output;
///   notification — 异步/服务器通知/通知 (without 同步)/notification/notify;
///   errors — 错误代码/错误码/error code(s); headings with 样例/示例/example
///   close a section. A sub-heading without keyword only closes sections of
///   its level or deeper, so `5、请求输出参数` → `5.1 …` keeps the response.
///   A table goes to the section above it (prose may come between). A
///   parameter table outside any section becomes the request, then the
///   response; an error-code header is recognised anywhere. Several tables
///   of one kind are merged.
/// * **Tables**: tab-separated rows (spaces around tabs, CRLF, empty and
///   missing trailing cells), Markdown pipe tables (`\|` escapes,
///   `|---|` rows), HTML `<table>` (colspan/rowspan, `<p>`, `<a>`, `<span>`,
///   `<br>`, entities, any case), and columns separated by 2+ spaces.
/// * **Headers** are recognised by words, in any order; the wire-name column
///   is told from the label column by header (`参数名`, `参数`, `字段`,
///   `Parameter` are wire names; `参数名称`, `Name` are decided by content:
///   the column whose cells look like `sns_user_id`). Required columns are
///   the name, the type and the nullability.
/// * **Group rows** (one non-empty cell, bold, or a colspan row) set
///   [`Param::group`] for the rows below.
/// * **Types**: see [`ParamType::parse`]: `String(n)`, `String`, `Number`,
///   `Number(n)`, `Number(p,s)`, `Date`, any case, full-width parentheses;
///   aliases [`STRING_TYPE_ALIASES`], [`NUMBER_TYPE_ALIASES`],
///   [`DATE_TYPE_ALIASES`].
/// * **Nullability**, read under the header's polarity: under `可空`,
///   `是否可为空`, `Nullable`, `Optional`, `Y`/`是`/`Yes`/`true` mean
///   optional; under `必填`, `是否必填`, `必选`, `Required`, they mean
///   required. `可空`/`选填`/`可选`/`Optional` and `不可空`/`必填`/`必选`/
///   `Required` mean what they say under any header. Text after the word
///   (`N（退款时必填）`) is ignored. **An empty cell means optional** (the
///   safe reading both for requests and for returns).
pub fn parse_document(text: &str) -> Result<Document, Vec<Diagnostic>> {
    let (doc, diags) = parse_document_parts(text);
    if diags.is_empty() {
        Ok(doc)
    } else {
        Err(diags)
    }
}

/// [`parse_document`]'s work: the document made of the rows that parsed,
/// and the diagnostics of the rest (sorted by line).
pub(crate) fn parse_document_parts(text: &str) -> (Document, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut doc = Document::default();
    let mut sections = Sections {
        current: None,
        level: u8::MAX,
    };
    for block in blocks::blocks(text) {
        match block {
            Block::Text(t) => {
                if doc.service.is_none() {
                    if let Some(s) = service_line(&t.text) {
                        doc.service = Some((t.line, s));
                    }
                }
                sections.heading(&t.text, t.heading);
            }
            Block::Table(raw) => {
                if doc.service.is_none() {
                    doc.service = table_service(&raw);
                }
                place_table(&raw, sections.current, &mut doc, &mut diags);
            }
        }
    }
    for kind in [TableKind::Request, TableKind::Response, TableKind::Notify] {
        if let Some(table) = doc.table(kind) {
            duplicate_params(&table.params, &mut diags);
        }
    }
    if let Some(errors) = &doc.errors {
        duplicate_codes(errors, &mut diags);
    }
    diags.sort_by_key(|d| d.line);
    (doc, diags)
}

fn table_service(raw: &RawTable) -> Option<(usize, String)> {
    raw.rows.iter().find_map(|row| {
        let cells: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        match cells.as_slice() {
            [label, value] => service_pair(label, value).map(|s| (row.line, s)),
            _ => None,
        }
    })
}

fn merge(slot: &mut Option<Table>, table: Table) {
    match slot {
        Some(existing) => existing.params.extend(table.params),
        None => *slot = Some(table),
    }
}

fn place_table(
    raw: &RawTable,
    section: Option<Section>,
    doc: &mut Document,
    diags: &mut Vec<Diagnostic>,
) {
    for parsed in interpret(raw, diags) {
        match parsed {
            Parsed::Params { caption, table } => {
                let kind = caption
                    .or(section)
                    .and_then(kind_of)
                    .filter(|k| *k != TableKind::Errors)
                    .unwrap_or(if doc.request.is_none() {
                        TableKind::Request
                    } else {
                        TableKind::Response
                    });
                if let Some(slot) = doc.slot(kind) {
                    merge(slot, table);
                }
            }
            Parsed::Errors { specs, .. } => doc.errors.get_or_insert_with(Vec::new).extend(specs),
            Parsed::Headerless {
                line,
                looks_params,
                width,
            } => {
                if section == Some(Section::Errors) {
                    if let Some(specs) = headerless_errors(raw) {
                        doc.errors.get_or_insert_with(Vec::new).extend(specs);
                        continue;
                    }
                }
                let param_section = matches!(
                    section,
                    Some(Section::Request | Section::Response | Section::Notify)
                );
                if looks_params || (param_section && width >= 3) {
                    diags.push(Diagnostic::new(NO_HEADER).at(line));
                }
            }
        }
    }
}

fn duplicate_params(params: &[Param], diags: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in params {
        match seen.get(p.name.as_str()) {
            Some(&first) => diags.push(
                Diagnostic::new(format!("duplicate parameter: already at line {first}"))
                    .at(p.line)
                    .param(p.name.clone())
                    .cell(p.name.clone()),
            ),
            None => {
                seen.insert(&p.name, p.line);
            }
        }
    }
}

fn duplicate_codes(specs: &[ErrorCodeSpec], diags: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for s in specs {
        match seen.get(s.code.as_str()) {
            Some(&first) => diags.push(
                Diagnostic::new(format!(
                    "duplicate error code `{}` (first at line {first}, again at line {})",
                    s.code, s.line
                ))
                .at(s.line)
                .cell(s.code.clone()),
            ),
            None => {
                seen.insert(&s.code, s.line);
            }
        }
    }
}

fn first_line(text: &str) -> usize {
    text.lines()
        .position(|l| !l.trim().is_empty())
        .map_or(1, |i| i + 1)
}

/// Parses one pasted parameter table (the inline `request = "…"` form).
/// `kind` names the table in messages; the row and column rules are those
/// of [`parse_document`]. Several tables in the text are merged; headings
/// and prose are ignored. [`TableKind::Errors`] is refused: use
/// [`parse_error_table`].
pub fn parse_table(text: &str, kind: TableKind) -> Result<Table, Vec<Diagnostic>> {
    if kind == TableKind::Errors {
        return Err(vec![Diagnostic::new(
            "an error-code table is parsed with parse_error_table, not parse_table",
        )]);
    }
    let mut diags = Vec::new();
    let mut table: Option<Table> = None;
    let mut first_raw: Option<usize> = None;
    for block in blocks::blocks(text) {
        let Block::Table(raw) = block else { continue };
        first_raw.get_or_insert(raw.line);
        for parsed in interpret(&raw, &mut diags) {
            if let Parsed::Params { table: t, .. } = parsed {
                merge(&mut table, t);
            }
        }
    }
    let Some(table) = table else {
        let line = first_raw.unwrap_or_else(|| first_line(text));
        diags.push(Diagnostic::new(format!("{} {NO_HEADER}", kind.name())).at(line));
        return Err(diags);
    };
    duplicate_params(&table.params, &mut diags);
    if diags.is_empty() {
        Ok(table)
    } else {
        diags.sort_by_key(|d| d.line);
        Err(diags)
    }
}

/// Parses one pasted error-code table (`错误代码 | 说明`, `Error code |
/// Description`…). A table without header is accepted when every row is
/// `CODE<tab>meaning`.
pub fn parse_error_table(text: &str) -> Result<Vec<ErrorCodeSpec>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut specs: Option<Vec<ErrorCodeSpec>> = None;
    let mut first_raw: Option<usize> = None;
    for block in blocks::blocks(text) {
        let Block::Table(raw) = block else { continue };
        first_raw.get_or_insert(raw.line);
        for parsed in interpret(&raw, &mut diags) {
            match parsed {
                Parsed::Errors { specs: s, .. } => specs.get_or_insert_with(Vec::new).extend(s),
                Parsed::Headerless { .. } => {
                    if let Some(s) = headerless_errors(&raw) {
                        specs.get_or_insert_with(Vec::new).extend(s);
                    }
                }
                Parsed::Params { .. } => {}
            }
        }
    }
    let Some(specs) = specs else {
        let line = first_raw.unwrap_or_else(|| first_line(text));
        diags.push(
            Diagnostic::new(
                "error-code table has no header row (expected columns such as 错误代码, 说明)",
            )
            .at(line),
        );
        return Err(diags);
    };
    duplicate_codes(&specs, &mut diags);
    if diags.is_empty() {
        Ok(specs)
    } else {
        diags.sort_by_key(|d| d.line);
        Err(diags)
    }
}

/// Builds a [`Document`] from the inline strings of the macro
/// (`request = "…", response = "…", notify = "…", errors = "…"`),
/// collecting the diagnostics of all of them. Lines are those of each
/// string.
pub fn parse_inline(
    request: Option<&str>,
    response: Option<&str>,
    notify: Option<&str>,
    errors: Option<&str>,
) -> Result<Document, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut doc = Document::default();
    let mut table = |text: Option<&str>, kind: TableKind| -> Option<Table> {
        match parse_table(text?, kind) {
            Ok(t) => Some(t),
            Err(d) => {
                diags.extend(d);
                None
            }
        }
    };
    doc.request = table(request, TableKind::Request);
    doc.response = table(response, TableKind::Response);
    doc.notify = table(notify, TableKind::Notify);
    if let Some(errors) = errors {
        match parse_error_table(errors) {
            Ok(e) => doc.errors = Some(e),
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        Ok(doc)
    } else {
        Err(diags)
    }
}

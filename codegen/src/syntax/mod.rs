//! Raw parsing of interface documents: sections, tables, rows.
//!
//! The parser is tolerant: it accepts tab-separated text (what copying the
//! gateway's HTML tables gives), Markdown pipe tables, the page's own HTML
//! `<table>` markup, space-separated columns, one cell per line, tables in
//! code comments and rows without header, with Chinese or English headers
//! in any order. Each layout is read by a module of its own (`blocks`,
//! `anchored`, `stacked`, `comments`, `headerless`, `packed`) into the same
//! raw rows; classification and checks never learn which layout a row came
//! from. Columns are found by their header words (or, without header, by
//! what the cells hold); see [`parse_document`] for the rules.
//!
//! Nothing here panics, whatever the input; every problem becomes a
//! [`Diagnostic`], and all of a document's diagnostics are returned
//! together.

mod anchored;
mod blocks;
mod cells;
mod columns;
mod comments;
mod headerless;
mod interpret;
mod packed;
mod paragraphs;
mod section;
mod stacked;
mod text;
mod units;

use crate::Diagnostic;
pub(crate) use blocks::{blocks, Block, RawTable};
use interpret::{headerless_errors, interpret, Parsed};
pub(crate) use section::names_page_return;
use section::{section_of, Section};
#[cfg(feature = "pdf")]
pub(crate) use text::page_furniture;
use text::upper_snake;

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
/// `调用方式` line (or section), or the declaration's
/// `access = "page" | "server" | "app"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// 页面跳转: the buyer's browser is sent to the gateway (signed URL or
    /// auto-submitting form); the answer is a page-redirect return.
    Page,
    /// 服务器调用 / 后台调用 / 系统调用: the merchant's server calls the
    /// gateway and reads an XML answer.
    Server,
    /// 客户端调用 / SDK调用 / 开发包: the merchant's server signs an order
    /// string and hands it to the app, whose SDK sends it; no page redirect,
    /// no server call; the result arrives by asynchronous notification (the
    /// SDK's own synchronous result stays in the app).
    App,
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
    /// `String(n)` (at most `n`, counted per the interface's length rule),
    /// `String(min-max)` (a range: at least `min` as well) or `String`
    /// without a length.
    String {
        /// The documented minimum length of a range (`6` of `String(6-32)`);
        /// `None` without a range, or for a range from 0. Never above
        /// `max_len`, and only with one.
        min_len: Option<u32>,
        /// The documented maximum length.
        max_len: Option<u32>,
    },
    /// `Number`, `Number(n)`, `Number(p,s)`. Amounts and counts: kept
    /// exact, never a float.
    Number {
        /// The documented maximum number of digits (`p`; the point and a
        /// sign not counted).
        max_len: Option<u32>,
        /// The documented digits after the point (`s` of `Number(p,s)`).
        scale: Option<u32>,
    },
    /// `Date`: `yyyy-MM-dd HH:mm:ss`.
    Date,
}

impl ParamType {
    /// `String` without a length.
    pub const TEXT: ParamType = ParamType::String {
        min_len: None,
        max_len: None,
    };

    /// The type as the documents write it: `String(50)`, `String(6-32)`,
    /// `String`, `Number`, `Number(10)`, `Number(9,2)`, `Date`.
    pub fn rust_doc(&self) -> String {
        match self {
            ParamType::String {
                min_len: Some(lo),
                max_len: Some(n),
            } => format!("String({lo}-{n})"),
            ParamType::String {
                max_len: Some(n), ..
            } => format!("String({n})"),
            ParamType::String { max_len: None, .. } => "String".to_owned(),
            ParamType::Number {
                max_len: Some(n),
                scale: Some(s),
            } => format!("Number({n},{s})"),
            ParamType::Number {
                max_len: Some(n), ..
            } => format!("Number({n})"),
            ParamType::Number { max_len: None, .. } => "Number".to_owned(),
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
    /// The example cell; `None` when empty or `-`. A cell of several
    /// paragraphs (`<p>`, `<br>`) reads as them joined by a space, except
    /// where the split is surely inside one value: a paragraph ending in an
    /// unfinished percent escape (`…%3D%`, `…%3`) that the next one
    /// finishes (`3D…`, `D…`) is joined without one (URL encoding never
    /// ends a value there).
    pub example: Option<String>,
    /// The example cell's paragraphs, when some of them were joined by a
    /// space in [`Param::example`]: whether that space is in the value or
    /// only in the page's layout (a long value wrapped into two
    /// paragraphs, or two values) cannot be told, so it is shown (in the
    /// generated docs and `gen --json`) rather than guessed. Empty
    /// otherwise.
    pub example_paragraphs: Vec<String>,
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
    /// The app SDK's result codes: the rows of a code table under a heading
    /// that names both the app's side (`客户端`, `SDK`, `开发包`,
    /// `resultStatus`, `client`) and a list of codes (`错误码`, `返回码`,
    /// `状态码`, `结果码`, `返回值`…): `客户端错误码`, `SDK 返回码`,
    /// `resultStatus 状态码`. Never the gateway's
    /// [`errors`](Document::errors). Only an app payment has them (see
    /// [`check`](crate::check())).
    pub sdk_codes: Option<Vec<ErrorCodeSpec>>,
    /// The heading the SDK's result codes stand under, for messages.
    pub sdk_codes_heading: Option<String>,
    /// The business part of a server call's XML answer (`<response>`).
    pub answer: Option<Table>,
    /// How the interface is reached, and the line that says so.
    pub access: Option<(usize, Access)>,
    /// The header line of the page-redirect return table when nothing but
    /// its place made it one: its heading names a return without naming
    /// the page redirect (`返回参数`, `同步返回`, `Response parameters`),
    /// or it has none. A server call's answer is headed the same way, so
    /// the check wants the access kind stated then (see
    /// [`check`](crate::check())).
    pub response_unsure: Option<usize>,
    /// The heading the return table stands under, when it was placed by its
    /// heading (`6 同步通知参数说明`): an app payment's synchronous SDK
    /// result is told from a page-redirect return by it (see
    /// [`check`](crate::check())).
    pub response_heading: Option<String>,
    /// The parameter tables that are none of the above (sub-parameter
    /// tables, a second table under another heading, error
    /// notifications…): the line of each and what it is, for messages.
    /// Never merged into the tables above.
    pub others: Vec<(usize, String)>,
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

/// The label column (`参数名称`, `Name`: the short meaning) of a parameter
/// table with this header over these rows, if it has one.
#[cfg(feature = "pdf")]
pub(crate) fn label_column(header: &[String], rows: &[Vec<String>]) -> Option<usize> {
    match columns::classify(header, rows)? {
        columns::Header::Params(cols) => cols.label,
        columns::Header::Errors(_) => None,
    }
}

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
    let bare = |v: &str| -> Option<String> {
        let v = v.trim_matches(|c: char| matches!(c, '`' | '"' | '\'' | '“' | '”' | '*'));
        let valid = v.starts_with(|c: char| c.is_ascii_lowercase())
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
            && (v.contains('.') || v.contains('_'));
        valid.then(|| v.to_owned())
    };
    if let Some(name) = bare(value.split_whitespace().next()?) {
        return Some(name);
    }
    // The Chinese name with the service in brackets, or the other way
    // round: `批量付款到帐号（batch_trans_notify）`,
    // `batch_trans_notify (批量付款到帐号)`.
    let value = value.trim();
    let inner_start = value.rfind(['（', '('])?;
    let outer = value.get(..inner_start)?.trim();
    let inner = value
        .get(inner_start..)?
        .trim_start_matches(['（', '('])
        .strip_suffix(['）', ')'])?
        .trim();
    if outer.is_empty() || inner.is_empty() {
        return None;
    }
    match (bare(outer), bare(inner)) {
        (Some(name), None) if !inner.is_ascii() => Some(name),
        (None, Some(name)) if !outer.is_ascii() => Some(name),
        _ => None,
    }
}

/// Reads an answer table's rows as elements of `<response>`: dotted
/// names split into paths, element rows checked.
fn answer_paths(answer: &mut Table, diags: &mut Vec<Diagnostic>) {
    for p in &mut answer.params {
        if let Err(d) = split_path(p) {
            diags.push(d);
        }
    }
    typed_elements(&answer.params, diags);
}

/// A server call has no page-redirect return: its `Response parameters`
/// (`返回参数`, `同步返回`) are the business part of the XML answer. Moves
/// the return table of `doc` to its answer when it has none, read as one;
/// gives the problems of that reading. Used when the document says it is a
/// server call, and when the declaration does (`access = "server"`).
pub(crate) fn answer_from_response(doc: &mut Document) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if doc.answer.is_none() {
        if let Some(mut table) = doc.response.take() {
            answer_paths(&mut table, &mut diags);
            doc.answer = Some(table);
            doc.response_unsure = None;
        }
    }
    diags
}

fn kind_of(section: Section) -> Option<TableKind> {
    match section {
        Section::Request => Some(TableKind::Request),
        Section::Response => Some(TableKind::Response),
        Section::Notify => Some(TableKind::Notify),
        Section::Errors => Some(TableKind::Errors),
        Section::Answer => Some(TableKind::Answer),
        Section::Generic | Section::Example | Section::Other | Section::SdkCodes => None,
    }
}

/// Headings that name a group of rows of the same table (`基本参数`,
/// `4.2 业务参数`, `Business parameters`): tables under them continue the
/// table above.
fn is_group_heading(text: &str) -> bool {
    let core: String = text
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || "．.、)）一二三四五六七八九十".contains(c)
        })
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：'))
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        core.as_str(),
        "基本参数"
            | "业务参数"
            | "公共参数"
            | "系统参数"
            | "协议参数"
            | "公共请求参数"
            | "basicparameters"
            | "businessparameters"
            | "commonparameters"
            | "publicparameters"
            | "systemparameters"
    )
}

/// Tracks the current section while walking a document.
/// Lines under a parameter section that read like rows of its table
/// (`subject 商品名称 String(256) …`), counted per heading: when no table of
/// that kind is read at all, they are a table the reader missed.
struct LooseRows {
    kind: TableKind,
    seq: usize,
    title: String,
    first: usize,
    example: String,
    count: usize,
}

impl LooseRows {
    fn note(all: &mut Vec<LooseRows>, sections: &Sections, line: usize, text: &str) {
        let Some(kind) = sections.current.and_then(kind_of) else {
            return;
        };
        if kind == TableKind::Errors || !looks_like_param_row(text) {
            return;
        }
        match all
            .iter_mut()
            .find(|r| r.seq == sections.seq && r.kind == kind)
        {
            Some(rows) => rows.count += 1,
            None => all.push(LooseRows {
                kind,
                seq: sections.seq,
                title: sections.title.clone().unwrap_or_default(),
                first: line,
                example: text.chars().take(60).collect(),
                count: 1,
            }),
        }
    }
}

/// A parameter name (an ASCII word with `_`, or a lower-case one) and a
/// type word (`String`, `Number`, `Date`, `URL`) on one line that is no
/// source code ([`looks_like_code`]).
fn looks_like_param_row(text: &str) -> bool {
    if looks_like_code(text) {
        return false;
    }
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let typed = words
        .iter()
        .any(|w| matches!(*w, "String" | "Number" | "Date" | "URL"));
    let named = words.iter().any(|w| {
        w.len() >= 2
            && w.starts_with(|c: char| c.is_ascii_alphabetic())
            && (w.contains('_') || w.chars().all(|c| c.is_ascii_lowercase()))
    });
    typed && named
}

/// A line of a code sample (`order.notifyURL = @"http://www.xxx.com";
/// //回调URL`, `NSString *appScheme = @"alisdkdemo";`, `//将商品信息拼接`):
/// a comment line, a `#import` / `#include`, or code ending in `;`, `{`,
/// `}` or `)` before a `//` comment, or an assignment (`a.b = …`).
fn looks_like_code(text: &str) -> bool {
    let t = text.trim();
    if ["//", "/*", "#import", "#include", "import ", "package "]
        .iter()
        .any(|p| t.starts_with(p))
    {
        return true;
    }
    // The code before a `//` comment (not the `//` of `http://`).
    let comment = t.match_indices("//").map(|(at, _)| at).find(|&at| {
        !t.get(..at)
            .is_some_and(|before| before.ends_with(':') || before.ends_with('/'))
    });
    let code = comment.and_then(|at| t.get(..at)).unwrap_or(t).trim_end();
    if code.ends_with(';') || (comment.is_some() && code.ends_with(['{', '}', ')'])) {
        return true;
    }
    // `name.field = value`, `Type *name = value`.
    let mut words = code.split_whitespace();
    let first = words.next().unwrap_or_default();
    let assigned = |w: &str| {
        !w.is_empty()
            && w.trim_start_matches('*')
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
    };
    match (words.next(), words.next()) {
        (Some("="), Some(_)) => assigned(first) && first.contains('.'),
        (Some(name), Some("=")) => assigned(first) && assigned(name) && name.starts_with('*'),
        _ => false,
    }
}

struct Sections {
    current: Option<Section>,
    level: u8,
    /// Counts headings: tables under different headings are different
    /// tables, never merged.
    seq: usize,
    /// The last heading's text, for messages.
    title: Option<String>,
    /// Whether that heading sits inside the current section: a text line
    /// (`以下为扩展参数：`) or a numbered subsection (`### 3.2 扩展参数`).
    title_inside: bool,
    /// Whether text other than a heading or group label came after the
    /// last table of the current heading: a table after it is not that
    /// table's continuation.
    text_since_table: Option<usize>,
}

impl Sections {
    /// Reads a text line as a heading; gives whether a new table starts.
    fn heading(&mut self, text: &str, level: Option<u8>) -> bool {
        let kind = section_of(text);
        let before = (self.current, self.level);
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
        // An unmarked title about parameters inside a section
        // (`detail_data 参数说明`, `回调参数`): the table under it is another
        // one, never the section's continued.
        let sub_title = level.is_none()
            && kind == Some(Section::Generic)
            && text.chars().count() <= 40
            && self.current.is_some_and(Section::is_specific)
            && !is_group_heading(text);
        let new_table = (level.is_some() && !is_group_heading(text))
            || sub_title
            || (self.current, self.level) != before;
        if new_table {
            self.seq += 1;
            self.title = Some(text.to_owned());
            // A text line, or a numbered subsection (`3.2 扩展参数`): the
            // levels of marked headings and of numbering do not compare.
            self.title_inside = level.is_none() || subsection_number(text);
            self.text_since_table = None;
        }
        new_table
    }

    /// Notes a text line that is no heading: a table after it, under the
    /// same heading, is not the one before it continued.
    fn text(&mut self, text: &str, line: usize) {
        if !is_group_heading(text) && self.text_since_table.is_none() {
            self.text_since_table = Some(line);
        }
    }
}

/// The labels of an access line (`访问形式：…`) or section (`4 接口调用方式`).
const ACCESS_LABELS: &[&str] = &[
    "访问形式",
    "访问方式",
    "接口访问方式",
    "调用方式",
    "接口调用方式",
    "接口类型",
    "access",
    "accessmode",
    "calltype",
];

/// A label without spaces and marks (`**`, `_`, `#`), lower-cased.
fn access_label(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '#'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words of a server call in an access value.
const SERVER_WORDS: &[&str] = &["服务器", "后台", "系统调用", "server", "服务端"];

/// Whether an access value (or a line of an access section) names the app's
/// side: `客户端调用`, `无线客户端`, `SDK调用`, `开发包` (the SDK of the
/// official documents), `app` as a word (`the app's SDK`, `in-app`).
fn names_app(value: &str) -> bool {
    let value = value.to_lowercase();
    ["客户端", "sdk", "开发包"]
        .iter()
        .any(|w| value.contains(w))
        || value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "app")
}

/// `访问形式：页面跳转` / `接口访问方式 | 服务器调用` / `调用方式：后台调用` /
/// `访问形式：客户端调用`.
///
/// The value is read as before for a page (`页面…`, `…页面跳转…`,
/// `page…`) and a server call (`服务器`, `后台`, `系统调用`, `server`,
/// `服务端`); it is an app call ([`Access::App`]) when it names the app's
/// side ([`names_app`]: `客户端调用`, `SDK调用`, `无线客户端`, `开发包`,
/// `app SDK`) and no server call. A value naming both the app and a server
/// call reads as neither: which one it means cannot be told.
fn access_pair(label: &str, value: &str) -> Option<Access> {
    let label = access_label(label);
    if !ACCESS_LABELS.iter().any(|l| label.ends_with(l)) {
        return None;
    }
    let value = value.trim().to_lowercase();
    let server = SERVER_WORDS.iter().any(|w| value.contains(w));
    if value.starts_with("页面") || value.contains("页面跳转") || value.starts_with("page") {
        Some(Access::Page)
    } else if names_app(&value) {
        (!server).then_some(Access::App)
    } else if server {
        Some(Access::Server)
    } else {
        None
    }
}

/// Whether a heading is an access label alone (`4 接口调用方式`,
/// `2、访问方式`, `Access`), its numbering left out.
fn access_heading(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '、' | '．' | ')' | '）')
    });
    let label = access_label(text);
    ACCESS_LABELS.contains(&label.as_str())
}

/// A line of prose in a section headed by an access label that says how the
/// interface is reached: `Some(Access::App)` when it names the app's side
/// ([`names_app`]: the 2015 app-payment document's `iOS平台上的开发包接口如下
/// 表所示`) and neither a page (`页面跳转`, `page call`, `redirect`) nor a
/// server call ([`SERVER_WORDS`]); `Some(None)` when it names one of those
/// (the section then says nothing this reader trusts); `None` when it names
/// no way of access (read on).
fn access_prose(text: &str) -> Option<Option<Access>> {
    let lower = text.to_lowercase();
    let page = ["页面跳转", "page call", "page redirect", "redirect"]
        .iter()
        .any(|w| lower.contains(w));
    let server = SERVER_WORDS.iter().any(|w| lower.contains(w));
    let app = names_app(&lower);
    match (page || server, app) {
        (true, _) => Some(None),
        (false, true) => Some(Some(Access::App)),
        (false, false) => None,
    }
}

fn access_line(text: &str) -> Option<Access> {
    let (label, value) = text.split_once([':', '：'])?;
    access_pair(label, value)
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
///   answer — `XML返回结果`/`业务参数返回`/`返回结果参数`; other tables —
///   错误通知/触发条件/术语/枚举/修订 (never one of the interface's).
///   A table goes to the section above it (prose may come between).
/// * **One table per kind.** A later table of a kind already taken joins it
///   only when no heading came between (a table continued after a page
///   break, or under a group heading such as `业务参数`); under another
///   heading (a sub-parameter table such as `2.1 detail_data 参数说明`) it
///   is kept apart in [`Document::others`], never merged.
/// * **Tables under no heading** (or a heading that names no kind) are
///   classified by their rows: `notify_id`/`notify_time`/`notify_type` →
///   the notification, `is_success` → the page-redirect return, otherwise
///   the request (then, outside any section, the return); headerless
///   `CODE ⇥ meaning` rows with UPPER_SNAKE codes → the error codes. A
///   return or notification table never becomes the request.
/// * **Access and answers**: a `访问形式`/`接口访问方式`/`调用方式` line (or
///   two-cell row) sets [`Document::access`]; in a server call's document
///   the `Response parameters` table is the [`Document::answer`]. Answer
///   rows named `trade.trade_no` / `item[].x` get [`Param::path`].
/// * **Layouts** (each a reader of its own, all giving the same rows):
///   tab-separated rows (spaces around tabs, CRLF, empty and missing
///   trailing cells; a cell with line breaks continued over the following
///   lines until the row is complete), Markdown pipe tables (`\|` escapes,
///   `|---|` rows), HTML `<table>` or bare `<tr>`/`<tbody>` fragments
///   (colspan/rowspan, `<p>`, `<a>`, `<span>`, `<br>`, `<ul>`, entities, any
///   case), columns separated by 2+ spaces, rows copied with single spaces
///   (anchored on their type and nullability cells), one cell per line
///   (blank lines between cells, under a header of one word a line), tables
///   in code comments (`//`, `///`, `#`, `--`, ` * `, `<!-- -->`), rows
///   without header (columns inferred: wire name, type, nullability word,
///   the rest by position), and the English two-column layout whose first
///   cell packs `notify_url URL(200) Optional`.
/// * **Rows** never lose a cell silently: a row longer than its header is
///   two glued rows (split) or an error; a short row whose cell holds two
///   values (`不可空 2011011201037066^5.00^退款`) is split back or an error;
///   a header with no rows under it is an error; a header without type or
///   nullability column says so and lists the columns it found.
/// * **Length units**: a type header naming bytes (`类型（字节长度）`) or a
///   remark counting characters (`不超过32个字符`) sets
///   [`Param::length_rule`].
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
    let (doc, diags) = parse_document_parts(text, None);
    if diags.is_empty() {
        Ok(doc)
    } else {
        Err(diags)
    }
}

/// [`parse_document`]'s work: the document made of the rows that parsed,
/// and the diagnostics of the rest (sorted by line).
///
/// `access` is the declaration's, when it states one: like the document's
/// access line, `Access::Server` makes the return table the answer's.
pub(crate) fn parse_document_parts(
    text: &str,
    access: Option<Access>,
) -> (Document, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut doc = Document::default();
    let mut sections = Sections {
        current: None,
        level: u8::MAX,
        seq: 0,
        title: None,
        text_since_table: None,
        title_inside: false,
    };
    let mut placed: Vec<(TableKind, usize)> = Vec::new();
    // An error code alone on its line, waiting for its meaning on the next.
    let mut pending_code: Option<(usize, String)> = None;
    let mut loose: Vec<LooseRows> = Vec::new();
    // The parameter table read last, when the block before is that table
    // (nothing, or only page furniture, between them).
    let mut last: Option<LastTable> = None;
    // The level of the heading of an access section (`4 接口调用方式`) while
    // in it, and what its prose said (see `access_prose`).
    let mut access_section: Option<u8> = None;
    let mut prose_access: Option<Option<(usize, Access)>> = None;
    for block in blocks::blocks(text) {
        match block {
            Block::Text(t) => {
                last = None;
                if doc.service.is_none() {
                    if let Some(s) = service_line(&t.text) {
                        doc.service = Some((t.line, s));
                    }
                }
                if doc.access.is_none() {
                    if let Some(a) = access_line(&t.text) {
                        doc.access = Some((t.line, a));
                    }
                }
                // A section headed by an access label alone (`4 接口调用方式`)
                // runs to the next heading of its level or above; its first
                // line of prose naming a way of access is read by
                // `access_prose`.
                match (t.heading, access_section) {
                    (Some(level), _) if access_heading(&t.text) => {
                        access_section = Some(level);
                    }
                    (Some(level), Some(open))
                        if level <= open
                            || section_of(&t.text).is_some_and(Section::is_specific) =>
                    {
                        access_section = None;
                    }
                    (None, Some(_)) if prose_access.is_none() => {
                        if let Some(read) = access_prose(&t.text) {
                            prose_access = Some(read.map(|a| (t.line, a)));
                        }
                    }
                    _ => {}
                }
                if !sections.heading(&t.text, t.heading) && t.heading.is_none() {
                    LooseRows::note(&mut loose, &sections, t.line, &t.text);
                    sections.text(&t.text, t.line);
                    if sections.current == Some(Section::Errors) {
                        error_line(&t.text, t.line, &mut pending_code, &mut doc);
                    }
                } else {
                    pending_code = None;
                }
            }
            Block::Table(raw) => {
                if doc.service.is_none() {
                    doc.service = table_service(&raw);
                }
                if doc.access.is_none() {
                    doc.access = table_access(&raw);
                }
                let reported = diags.len();
                place_table(
                    &raw,
                    &sections,
                    &mut placed,
                    &mut last,
                    &mut doc,
                    &mut diags,
                );
                // A table the section's slot did not take, with nothing said
                // of it (a caption row read as its header, one column): its
                // rows count as loose.
                if let (Some(kind), true) =
                    (sections.current.and_then(kind_of), diags.len() == reported)
                {
                    if doc.table(kind).is_none() {
                        for row in &raw.rows {
                            let text: Vec<&str> =
                                row.cells.iter().map(|c| c.text.as_str()).collect();
                            LooseRows::note(&mut loose, &sections, row.line, &text.join(" "));
                        }
                    }
                }
                sections.text_since_table = None;
                if let Some((line, code)) = pending_code.take() {
                    add_error(&mut doc, line, code, String::new());
                }
            }
        }
    }
    if let Some((line, code)) = pending_code.take() {
        add_error(&mut doc, line, code, String::new());
    }
    // An access line wins over an access section's prose.
    if doc.access.is_none() {
        doc.access = prose_access.flatten();
    }
    // A server call has no page-redirect return: its `Response parameters`
    // are the business part of the XML answer.
    if access.or(doc.access.map(|(_, a)| a)) == Some(Access::Server) && doc.answer.is_none() {
        doc.answer = doc.response.take();
        doc.response_unsure = None;
    }
    for rows in loose.iter().filter(|r| r.count >= 2) {
        let read = match rows.kind {
            TableKind::Response => doc.response.is_some() || doc.answer.is_some(),
            kind => doc.table(kind).is_some(),
        };
        if !read {
            diags.push(
                Diagnostic::new(format!(
                    "under `{}`, {} lines look like rows of a parameter table (`{}`), but no table was read there: \
                     its rows were taken for text (in a PDF, the table's borders may be too light, broken or missing; \
                     in text, the columns may not line up); make it a table (`alipay-mapi import` writes one to mend)",
                    rows.title, rows.count, rows.example
                ))
                .at(rows.first),
            );
        }
    }
    for kind in [TableKind::Request, TableKind::Response, TableKind::Notify] {
        if let Some(Some(table)) = doc.slot(kind) {
            nested_rows(&mut table.params, &mut diags);
        }
    }
    if let Some(answer) = doc.answer.as_mut() {
        answer_paths(answer, &mut diags);
    }
    for kind in [
        TableKind::Request,
        TableKind::Response,
        TableKind::Notify,
        TableKind::Answer,
    ] {
        if let Some(table) = doc.table(kind) {
            duplicate_params(&table.params, &mut diags);
        }
    }
    if let Some(errors) = doc.errors.as_mut() {
        merge_duplicate_codes(errors);
    }
    if let Some(codes) = doc.sdk_codes.as_mut() {
        merge_duplicate_codes(codes);
    }
    diags.sort_by_key(|d| d.line);
    (doc, diags)
}

/// The path of an answer row: the element its group row names, if any
/// (`trade` or `trade（交易信息）` above the rows of `<trade>`), then the
/// rows it is indented under (already in [`Param::path`]), then the
/// elements its name is dotted with: `trade.trade_no` → path `["trade"]`,
/// name `trade_no`; `item[].x` → `["item[]"]`, `x`.
///
/// Where they say the same twice it counts once: a row named like the
/// group's element is that element's own row (group `trade`, then a row
/// `trade` with rows indented under it); a dotted name that starts with
/// the whole path above it is the whole path (`trade.trade_no` indented
/// under `trade`), and one that starts with the element it sits in
/// continues from it (`buyer.buyer_id` under `trade`, `buyer`). A dotted
/// name that leaves the element above it (`trade.buyer_id` under
/// `trade/buyer`) is an error.
fn split_path(p: &mut Param) -> Result<(), Diagnostic> {
    let mut path = p.group.as_deref().map(group_element).unwrap_or_default();
    let same = |a: &str, b: &str| answer_step(a) == answer_step(b);
    match (path.last(), p.path.first()) {
        (Some(group), Some(first)) if same(group, first) => {
            p.path.remove(0);
        }
        (Some(group), None) if same(group, &p.name) && !p.name.contains('.') => {
            path.pop();
        }
        _ => {}
    }
    path.append(&mut p.path);
    if p.name.contains('.') {
        let mut parts: Vec<String> = p.name.split('.').map(str::to_owned).collect();
        if !parts.iter().any(String::is_empty) {
            if let Some(leaf) = parts.pop() {
                let dotted = parts.join(".");
                p.name = leaf;
                if parts.starts_with(&path) {
                    path.clear();
                } else if let Some(k) = (1..=parts.len().min(path.len()))
                    .rev()
                    .find(|&k| path.get(path.len() - k..) == parts.get(..k))
                {
                    // `buyer.buyer_id` under `trade` → `buyer`.
                    parts.drain(..k);
                } else if path.starts_with(&parts) {
                    p.path = path;
                    return Err(Diagnostic::new(format!(
                        "`{dotted}.{}` sits under `{}` but names `{dotted}`: which element holds it? Write its name from `{}`, or move it",
                        p.name,
                        p.path.join("."),
                        p.path.join(".")
                    ))
                    .at(p.line)
                    .param(p.name.clone()));
                }
                path.append(&mut parts);
            }
        }
    }
    p.path = path;
    Ok(())
}

/// Answer rows typed as values of a length or kind (`String(64)`,
/// `Number`, `Date`) that other rows are inside: an element holds rows,
/// not such a value.
fn typed_elements(params: &[Param], diags: &mut Vec<Diagnostic>) {
    for p in params {
        if p.ty == ParamType::TEXT {
            continue;
        }
        let inside = params.iter().any(|other| {
            other.path.len() > p.path.len()
                && other.path.get(..p.path.len()) == Some(p.path.as_slice())
                && other
                    .path
                    .get(p.path.len())
                    .is_some_and(|step| answer_step(step) == answer_step(&p.name))
        });
        if inside {
            diags.push(
                Diagnostic::new(format!(
                    "rows are inside `{}`, typed `{}`: an element holds rows, not a value of a type; give its row no type (or `String`), or take the rows out of it",
                    p.name,
                    p.ty.rust_doc()
                ))
                .at(p.line)
                .param(p.name.clone()),
            );
        }
    }
}

/// Whether a label names `<response>` itself (`response（业务返回）`,
/// `alipay_…_response`): the rows after it are directly in the answer.
pub(crate) fn names_response(label: &str) -> bool {
    let first = label
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | '（' | ':' | '：'))
        .next()
        .unwrap_or_default();
    let first = element_note(label).unwrap_or(first);
    first == "response" || first.ends_with("_response")
}

/// The one element name a note names beside 节点 / 元素 / node / element
/// (`（以下参数在trade节点下）`, `Fields of the trade element`).
fn element_note(label: &str) -> Option<&str> {
    let lower = label.to_lowercase();
    if !["节点", "元素", " node", " element"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    let names: Vec<&str> = label
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '[' | ']')))
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    w.to_lowercase().as_str(),
                    "node"
                        | "element"
                        | "the"
                        | "of"
                        | "in"
                        | "under"
                        | "fields"
                        | "are"
                        | "following"
                        | "below"
                )
        })
        .collect();
    match names.as_slice() {
        [name] => Some(name),
        _ => None,
    }
}

/// An answer path step without its `[]`.
fn answer_step(step: &str) -> &str {
    step.strip_suffix("[]").unwrap_or(step)
}

/// The element a group row of an answer table names: a lowercase XML name
/// or path (dotted or with `/`), alone, in angle brackets, or with its
/// meaning after it in brackets, after a dash or in Chinese (`trade`,
/// `<trade>`, `trade（交易信息）`, `trade - 交易信息`, `trade 交易信息`,
/// `trade/buyer`, `item[]`), or in brackets after its Chinese meaning
/// (`交易信息（trade）`). Labels such as `业务参数` or `Business parameters`
/// name no element; nor does `response` (or `alipay_…_response`), which
/// the answer's fields are already inside.
pub(crate) fn group_element(label: &str) -> Vec<String> {
    let label = label.trim();
    let element_name = |step: &str| {
        let bare = answer_step(step);
        bare.starts_with(|c: char| c.is_ascii_lowercase())
            && bare
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let path_of = |name: &str| -> Vec<String> {
        let name = name
            .strip_prefix('<')
            .and_then(|n| n.strip_suffix('>'))
            .unwrap_or(name);
        let steps: Vec<&str> = name.split(['.', '/']).collect();
        if name == "response"
            || name.ends_with("_response")
            || !steps.iter().all(|s| element_name(s))
        {
            return Vec::new();
        }
        steps.into_iter().map(str::to_owned).collect()
    };
    if let Some(name) = element_note(label) {
        return path_of(name);
    }
    // `交易信息（trade）`: the meaning first, the name in brackets.
    if let Some(inner) = label
        .strip_suffix(['）', ')'])
        .and_then(|l| l.rfind(['（', '(']).map(|at| (l, at)))
        .and_then(|(l, at)| {
            let before = l.get(..at)?.trim();
            let inner = l.get(at..)?.trim_start_matches(['（', '(']).trim();
            (!before.is_empty() && !before.is_ascii()).then_some(inner)
        })
    {
        return path_of(inner);
    }
    let end = label
        .find(|c: char| c.is_whitespace() || matches!(c, '(' | '（' | ':' | '：'))
        .unwrap_or(label.len());
    let (name, rest) = label.split_at(end);
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：'));
    let explained = rest.is_empty()
        || rest.starts_with(['(', '（', '-', '—', '–'])
        || rest.chars().next().is_some_and(|c| !c.is_ascii());
    if !explained {
        return Vec::new();
    }
    path_of(name)
}

/// Rows of a request, return or notification table indented under
/// another row (see `Nesting` in the table reader), or under a group row
/// naming an element (`royalty_parameters（分润参数）`): parts of that
/// row's value, not parameters of their own. Each is an error, so that no
/// sub-field is sent or read as a parameter.
fn nested_rows(params: &mut [Param], diags: &mut Vec<Diagnostic>) {
    for p in params {
        let grouped = p.group.as_deref().map(group_element).unwrap_or_default();
        if !grouped.is_empty() && p.path.is_empty() {
            diags.push(
                Diagnostic::new(format!(
                    "`{}` is under a group row naming `{}`: a part of its value, not a parameter of its own; put such rows in a table of their own under a title, or label the group in words (`业务参数`)",
                    p.name,
                    grouped.join(".")
                ))
                .at(p.line)
                .param(p.name.clone())
                .cell(p.name.clone()),
            );
            continue;
        }
        let Some(parent) = p.path.last() else {
            continue;
        };
        diags.push(
            Diagnostic::new(format!(
                "`{}` is indented under `{parent}`: a part of `{parent}`'s value, not a parameter of its own; put such rows in a table of their own under a title, or remove the indentation if they are parameters",
                p.name
            ))
            .at(p.line)
            .param(p.name.clone())
            .cell(p.name.clone()),
        );
        p.path.clear();
    }
}

/// The service a document is about, and the line that says so: its
/// `服务名` / `Service` line, else the example of its request table's
/// `service` row, else a service name in its title (the first heading, or
/// its first line: `# sns.cae.sign.customer 接口说明`). `None` when the
/// document names none.
pub fn find_service(text: &str) -> Option<(usize, String)> {
    let (doc, _) = parse_document_parts(text, None);
    if let Some(found) = doc.service {
        return Some(found);
    }
    let from_row = doc.request.as_ref().and_then(|t| {
        t.params.iter().find(|p| p.name == "service").and_then(|p| {
            let example = p.example.as_deref()?;
            service_pair("service", example).map(|s| (p.line, s))
        })
    });
    if from_row.is_some() {
        return from_row;
    }
    let title = blocks::blocks(text).into_iter().find_map(|b| match b {
        Block::Text(t) => Some(t),
        Block::Table(_) => None,
    })?;
    title
        .text
        .split(|c: char| c.is_whitespace() || "：:，,（）()《》「」`*\"'".contains(c))
        .find_map(|word| service_pair("service", word))
        .filter(|s| s.contains('.') && !s.ends_with(".md") && !s.ends_with(".html"))
        .map(|s| (title.line, s))
}

fn table_service(raw: &RawTable) -> Option<(usize, String)> {
    two_cell_rows(raw)
        .find_map(|(line, label, value)| service_pair(label, value).map(|s| (line, s)))
}

fn table_access(raw: &RawTable) -> Option<(usize, Access)> {
    two_cell_rows(raw).find_map(|(line, label, value)| access_pair(label, value).map(|a| (line, a)))
}

fn two_cell_rows(raw: &RawTable) -> impl Iterator<Item = (usize, &str, &str)> {
    raw.rows.iter().filter_map(|row| {
        let cells: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        match cells.as_slice() {
            [label, value] => Some((row.line, *label, *value)),
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

/// What a parameter table's rows say it is, when it stands under no
/// heading that says so: `is_success` → the page-redirect return (which
/// carries `notify_id`, `notify_time` and `notify_type` too, while a
/// notification never carries `is_success`); else `notify_id` /
/// `notify_time` / `notify_type` → the notification.
fn kind_by_content(table: &Table) -> Option<TableKind> {
    let has = |names: &[&str]| {
        table
            .params
            .iter()
            .any(|p| names.contains(&p.name.as_str()))
    };
    if has(&["is_success"]) {
        Some(TableKind::Response)
    } else if has(&["notify_id", "notify_time", "notify_type"]) {
        Some(TableKind::Notify)
    } else {
        None
    }
}

/// A text line under an error-code heading: `ILLEGAL_SIGN 签名错误` (a
/// table copied with spaces), or a code alone whose meaning is the next
/// line (a cell wrapped, or one cell per line). Other lines are prose.
fn error_line(text: &str, line: usize, pending: &mut Option<(usize, String)>, doc: &mut Document) {
    let text = text.trim();
    let (first, rest) = text
        .split_once(char::is_whitespace)
        .map_or((text, ""), |(f, r)| (f, r.trim()));
    if upper_snake(first) {
        if let Some((l, code)) = pending.take() {
            add_error(doc, l, code, String::new());
        }
        if rest.is_empty() {
            *pending = Some((line, first.to_owned()));
        } else {
            add_error(doc, line, first.to_owned(), rest.to_owned());
        }
    } else if let Some((l, code)) = pending.take() {
        add_error(doc, l, code, text.to_owned());
    }
}

/// Adds an error code read from text, unless a table already gave it.
fn add_error(doc: &mut Document, line: usize, code: String, meaning: String) {
    let errors = doc.errors.get_or_insert_with(Vec::new);
    if !errors.iter().any(|e| e.code == code) {
        errors.push(ErrorCodeSpec {
            line,
            code,
            meaning,
        });
    }
}

/// The SDK result codes read so far, noting the heading of the first.
fn sdk_codes<'d>(doc: &'d mut Document, sections: &Sections) -> &'d mut Vec<ErrorCodeSpec> {
    if doc.sdk_codes.is_none() {
        doc.sdk_codes_heading.clone_from(&sections.title);
    }
    doc.sdk_codes.get_or_insert_with(Vec::new)
}

/// The parameter table read last: where it went (`None`: set aside) and
/// how many columns it has.
#[derive(Clone, Copy)]
struct LastTable {
    kind: Option<TableKind>,
    width: usize,
}

fn place_table(
    raw: &RawTable,
    sections: &Sections,
    placed: &mut Vec<(TableKind, usize)>,
    last: &mut Option<LastTable>,
    doc: &mut Document,
    diags: &mut Vec<Diagnostic>,
) {
    let section = sections.current;
    for parsed in interpret(raw, diags) {
        let before = last.take();
        match parsed {
            Parsed::Params {
                caption,
                table,
                headerless,
                width,
            } => {
                // Rows without a header row right after a table of as many
                // columns (nothing but page furniture between them): that
                // table continued over a page break, wherever it went.
                if let (true, Some(prev)) = (headerless, before.filter(|b| b.width == width)) {
                    match prev.kind.and_then(|k| doc.slot(k)) {
                        Some(slot) => merge(slot, table),
                        None => doc.others.push(other(&table, sections)),
                    }
                    *last = Some(prev);
                    continue;
                }
                let heading = caption.or(section);
                let kind = match heading.and_then(kind_of) {
                    Some(TableKind::Errors) | None => match heading {
                        Some(Section::Other | Section::Errors | Section::SdkCodes) => None,
                        _ => kind_by_content(&table).or_else(|| {
                            if doc.request.is_none() {
                                Some(TableKind::Request)
                            } else if heading.is_none() && doc.response.is_none() {
                                Some(TableKind::Response)
                            } else {
                                None
                            }
                        }),
                    },
                    Some(kind) => Some(kind),
                };
                let Some(kind) = kind else {
                    // Set aside under a heading that names no kind of ours
                    // (an error notification), though its rows are a
                    // notification's and no notification was read: which
                    // one it is cannot be told.
                    if heading == Some(Section::Other)
                        && doc.notify.is_none()
                        && kind_by_content(&table) == Some(TableKind::Notify)
                    {
                        diags.push(
                            Diagnostic::new(format!(
                                "the table at line {} is set aside (its heading `{}` names another table, such as an error notification), but its rows (`notify_id`, `notify_time`, `notify_type`) are a notification's and no notification table was read: if it is the asynchronous notification, head it `服务器异步通知参数`",
                                table.header_line,
                                sections.title.as_deref().unwrap_or("")
                            ))
                            .at(table.header_line),
                        );
                    }
                    set_aside(table, headerless, heading, sections, doc, diags);
                    *last = Some(LastTable { kind: None, width });
                    continue;
                };
                // One table per kind: a later table of the same kind joins
                // it when no heading came between (a table continued after
                // a page break or a group label), or when its own heading
                // (or caption) names that kind again (`公共请求参数` then
                // `业务请求参数`); under a heading that names no kind (a
                // sub-parameter table: `2.1 detail_data 参数说明`) it is
                // kept apart.
                let named_again = caption
                    .or_else(|| sections.title.as_deref().and_then(section_of))
                    .and_then(kind_of)
                    == Some(kind);
                // Where the table of this kind was placed, if one was.
                let placed_seq = placed.iter().find(|(k, _)| *k == kind).map(|&(_, seq)| seq);
                let same_place = placed_seq.map(|seq| seq == sections.seq || named_again);
                // Under the same heading, but after text that is no
                // group label: a continuation or another table cannot be
                // told.
                if let (Some(true), Some(text_line)) = (
                    placed_seq.map(|seq| seq == sections.seq),
                    sections.text_since_table,
                ) {
                    let first = doc.table(kind).map_or(0, |t| t.header_line);
                    diags.push(
                        Diagnostic::new(format!(
                            "a second table under the heading of the table at line {first}, after the text at line {text_line}: if it continues that table, remove the text between; if it is another one (a sub-parameter table), give it a heading of its own"
                        ))
                        .at(table.header_line),
                    );
                    continue;
                }
                // Set aside under a heading of its own, unless its rows say
                // it is a return or notification nothing else gave.
                if same_place == Some(false) {
                    match kind_by_content(&table).filter(|k| *k != kind) {
                        Some(by_rows) if doc.table(by_rows).is_none() => {
                            if by_rows == TableKind::Response {
                                doc.response_unsure = Some(table.header_line);
                            }
                            if let Some(slot) = doc.slot(by_rows) {
                                *slot = Some(table);
                                placed.push((by_rows, sections.seq));
                            }
                            *last = Some(LastTable {
                                kind: Some(by_rows),
                                width,
                            });
                            continue;
                        }
                        _ => {}
                    }
                }
                match (same_place, doc.slot(kind)) {
                    (Some(false), _) | (_, None) => {
                        // Still in the section of that kind, under a title
                        // inside it (a new heading of the section's level
                        // leaves it, and its tables are set aside).
                        let inside =
                            heading.and_then(kind_of) == Some(kind) && sections.title_inside;
                        if same_place == Some(false) && !headerless && inside {
                            if let Some(d) = unexplained_sub_table(&table, kind, sections, doc) {
                                diags.push(d);
                            }
                        }
                        set_aside(table, headerless, heading, sections, doc, diags);
                        *last = Some(LastTable { kind: None, width });
                    }
                    (_, Some(slot)) => {
                        let first = same_place.is_none();
                        let line = table.header_line;
                        // A continuation brings rows of its own: one that
                        // repeats the table's names is another table
                        // (two tables with no heading between them).
                        if let Some(existing) = slot.as_ref().filter(|_| !first) {
                            let repeated: Vec<&str> = table
                                .params
                                .iter()
                                .filter(|p| existing.params.iter().any(|e| e.name == p.name))
                                .map(|p| p.name.as_str())
                                .take(3)
                                .collect();
                            if !repeated.is_empty() {
                                diags.push(
                                    Diagnostic::new(format!(
                                        "the table at line {line} repeats parameters of the table at line {} (`{}`), with no heading between them: if it is another table (the notification after the return, say), give each table its heading (`页面跳转同步通知参数`, `服务器异步通知参数`, …)",
                                        existing.header_line,
                                        repeated.join("`, `")
                                    ))
                                    .at(line),
                                );
                                continue;
                            }
                        }
                        merge(slot, table);
                        *last = Some(LastTable {
                            kind: Some(kind),
                            width,
                        });
                        if first {
                            placed.push((kind, sections.seq));
                            let named = sections.title.as_deref().is_some_and(names_page_return);
                            if kind == TableKind::Response && !named {
                                doc.response_unsure = Some(line);
                            }
                            if kind == TableKind::Response {
                                doc.response_heading.clone_from(&sections.title);
                            }
                        }
                    }
                }
            }
            Parsed::Errors { specs, .. } if section == Some(Section::SdkCodes) => {
                sdk_codes(doc, sections).extend(specs);
            }
            Parsed::Errors { specs, .. } => doc.errors.get_or_insert_with(Vec::new).extend(specs),
            Parsed::Headerless {
                line,
                looks_params,
                width,
                near,
            } => {
                if section == Some(Section::SdkCodes) {
                    if let Some(specs) = headerless_errors(raw, true) {
                        sdk_codes(doc, sections).extend(specs);
                        continue;
                    }
                    // Rows without a header whose codes are not read as
                    // codes (a bare `9000` is not told from a number):
                    // never dropped unsaid.
                    if !looks_params {
                        diags.push(
                            Diagnostic::new(
                                "the rows under the SDK result-code heading have no header row, and their codes cannot be told from other text (a bare `9000` is a number too): give the table its header row (错误代码 | 含义)",
                            )
                            .at(line),
                        );
                        continue;
                    }
                }
                if section == Some(Section::Errors) {
                    if let Some(specs) = headerless_errors(raw, true) {
                        doc.errors.get_or_insert_with(Vec::new).extend(specs);
                        continue;
                    }
                    if !looks_params {
                        diags.push(
                            Diagnostic::new(
                                "the rows under the error-code heading are not `CODE ⇥ meaning` rows (one code per row, such as `ILLEGAL_SIGN ⇥ 签名错误`)",
                            )
                            .at(line),
                        );
                        continue;
                    }
                }
                if matches!(section, None | Some(Section::Generic | Section::Example)) {
                    if let Some(specs) = headerless_errors(raw, false)
                        .filter(|s| s.iter().all(|e| upper_snake(&e.code)))
                    {
                        doc.errors.get_or_insert_with(Vec::new).extend(specs);
                        continue;
                    }
                    // Rows that start with codes, under a heading that
                    // names nothing, but not all of them `CODE ⇥ meaning`:
                    // an error-code table continued, or one without its
                    // header, that cannot be read surely.
                    if !looks_params && section != Some(Section::Example) {
                        if let Some((first, codes)) = code_rows(raw) {
                            diags.push(
                                Diagnostic::new(format!(
                                    "the rows at line {line} start with error codes (`{}`), but they have no header row, stand under {}, and not every row is `CODE ⇥ meaning`: if they continue the error-code table over a page break, remove the heading (or text) between the two parts and mend the row at line {first}; if they are an error-code table of their own, give them their header row (错误代码 | 说明) under an error-code heading",
                                    codes.join("`, `"),
                                    sections
                                        .title
                                        .as_deref()
                                        .map_or("no heading".to_owned(), |t| format!("`{t}`, which names none of the interface's tables"))
                                ))
                                .at(line),
                            );
                            continue;
                        }
                    }
                }
                let param_section = matches!(
                    section,
                    Some(Section::Request | Section::Response | Section::Notify | Section::Answer)
                );
                let slot_empty = section
                    .and_then(kind_of)
                    .and_then(|k| doc.table(k))
                    .is_none();
                match near {
                    Some(near) if looks_params || (param_section && slot_empty) => {
                        diags.push(Diagnostic::new(near.message()).at(near.line));
                    }
                    _ if looks_params || (param_section && slot_empty && width >= 3) => {
                        diags.push(Diagnostic::new(NO_HEADER).at(line));
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Whether a table's first row, and most of its rows of two or more
/// cells, start with an UPPER_SNAKE code (two rows at least): the line of
/// the first row that is no `CODE ⇥ meaning` row, and the first codes.
fn code_rows(raw: &RawTable) -> Option<(usize, Vec<&str>)> {
    let rows: Vec<(usize, &str)> = raw
        .rows
        .iter()
        .filter(|r| r.cells.iter().filter(|c| !c.text.is_empty()).count() >= 2)
        .filter_map(|r| {
            let first = r.cells.iter().find(|c| !c.text.is_empty())?;
            Some((r.line, first.text.as_str()))
        })
        .collect();
    let codes: Vec<&str> = rows
        .iter()
        .map(|&(_, c)| c)
        .filter(|c| upper_snake(c))
        .collect();
    let odd = rows
        .iter()
        .find(|&&(_, c)| !upper_snake(c))
        .map(|&(l, _)| l);
    let odd = odd.or_else(|| {
        raw.rows
            .iter()
            .find(|r| r.cells.iter().filter(|c| !c.text.is_empty()).count() < 2)
            .map(|r| r.line)
    })?;
    // The first row a code row: a table whose header is a code row, not one
    // under a header of other words (`枚举名称 | 枚举说明`).
    let first_is_code = raw
        .rows
        .first()
        .and_then(|r| r.cells.iter().find(|c| !c.text.is_empty()))
        .is_some_and(|c| upper_snake(&c.text));
    (first_is_code && codes.len() >= 2 && codes.len() * 2 > rows.len())
        .then(|| (odd, codes.into_iter().take(2).collect()))
}

/// Keeps a table that is none of the interface's in [`Document::others`].
/// Rows that came without a header row, under a heading that names none of
/// the interface's tables (`第 2 页` made a heading, `附加说明`), are an
/// error instead: the rest of a table continued over a page break, or a
/// table that lost its header, never set aside unsaid.
fn set_aside(
    table: Table,
    headerless: bool,
    heading: Option<Section>,
    sections: &Sections,
    doc: &mut Document,
    diags: &mut Vec<Diagnostic>,
) {
    if !headerless || matches!(heading, Some(Section::Other | Section::Example)) {
        doc.others.push(other(&table, sections));
        return;
    }
    let under = match &sections.title {
        Some(t) => format!("stand under `{t}`, which names none of the interface's tables"),
        None => "stand under no heading".to_owned(),
    };
    let before = [&doc.request, &doc.response, &doc.notify, &doc.answer]
        .into_iter()
        .flatten()
        .map(|t| t.header_line)
        .filter(|&l| l < table.header_line)
        .max();
    let after = before.map_or(String::new(), |l| format!(", after the table at line {l}"));
    diags.push(
        Diagnostic::new(format!(
            "the rows at line {} ({}) have no header row and {under}{after}: if they continue a table over a page break, remove the heading (or text) between the two parts; if they are a table of their own, give them their header row (参数 | 类型 | 可空 …) and a heading that says which table they are",
            table.header_line,
            first_names(&table),
        ))
        .at(table.header_line),
    );
}

/// Whether a heading's text starts with a subsection's number (`3.2`,
/// `4.1.1`).
fn subsection_number(text: &str) -> bool {
    let number: String = text
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let parts: Vec<&str> = number.trim_end_matches('.').split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| !p.is_empty())
}

/// A second table in the section of the `kind` table, under a title line
/// of its own, is set aside as a sub-parameter table (the format of one
/// parameter's value: `detail_data 参数说明`) when its title names a
/// parameter of that table, by wire name or label. A title that names none
/// (`以下为扩展参数：`, `3.2 扩展参数`) cannot say whether its rows are the
/// table's own continued or another table's: an error, never rows lost.
fn unexplained_sub_table(
    table: &Table,
    kind: TableKind,
    sections: &Sections,
    doc: &Document,
) -> Option<Diagnostic> {
    let title = sections.title.as_deref()?;
    let placed = doc.table(kind)?;
    let names_a_param = placed.params.iter().any(|p| {
        (!p.name.is_empty() && title.contains(p.name.as_str()))
            || (p.label.chars().count() >= 2 && title.contains(p.label.as_str()))
    });
    if names_a_param || table.params.is_empty() {
        return None;
    }
    Some(
        Diagnostic::new(format!(
            "the table at line {} ({}) comes under `{title}`, inside the section of the table at line {}, and its title names none of that table's parameters: if its rows are that table's, remove the title (or make it a group row); if they give the format of one parameter's value, name the parameter in the title (`detail_data 参数说明`); if it is another table, give it a heading that says which",
            table.header_line,
            first_names(table),
            placed.header_line
        ))
        .at(table.header_line),
    )
}

/// A table's first two parameter names, for messages: `` `a`, `b`, … ``.
fn first_names(table: &Table) -> String {
    let names: Vec<String> = table
        .params
        .iter()
        .take(2)
        .map(|p| format!("`{}`", p.name))
        .collect();
    let more = if table.params.len() > 2 { ", …" } else { "" };
    format!("{}{more}", names.join(", "))
}

/// A table that is none of the interface's, as the error about missing
/// tables lists it.
fn other(table: &Table, sections: &Sections) -> (usize, String) {
    let under = match &sections.title {
        Some(t) => format!("under `{t}`"),
        None => "under no heading".to_owned(),
    };
    let names: Vec<&str> = table
        .params
        .iter()
        .take(3)
        .map(|p| p.name.as_str())
        .collect();
    (
        table.header_line,
        format!(
            "a table {under} ({} row{}: {}{})",
            table.params.len(),
            if table.params.len() == 1 { "" } else { "s" },
            names.join(", "),
            if table.params.len() > 3 { ", …" } else { "" }
        ),
    )
}

/// A name twice in one table (in one element, for an answer table's rows).
fn duplicate_params(params: &[Param], diags: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<(&[String], &str), usize> =
        std::collections::HashMap::new();
    for p in params {
        match seen.get(&(p.path.as_slice(), p.name.as_str())) {
            Some(&first) => diags.push(
                Diagnostic::new(format!("duplicate parameter: already at line {first}"))
                    .at(p.line)
                    .param(p.name.clone())
                    .cell(p.name.clone()),
            ),
            None => {
                seen.insert((&p.path, &p.name), p.line);
            }
        }
    }
}

/// A code listed twice in a document (the gateway's documents list
/// `ILLEGAL_ARGUMENT` among their business codes and again among the
/// system codes) is one code: the rows become one, at the first row's
/// line, its meaning both meanings (the longer alone when it holds the
/// other). Nothing of either row is lost.
fn merge_duplicate_codes(specs: &mut Vec<ErrorCodeSpec>) {
    let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut merged: Vec<ErrorCodeSpec> = Vec::with_capacity(specs.len());
    for spec in specs.drain(..) {
        match first.get(&spec.code).and_then(|&at| merged.get_mut(at)) {
            Some(kept) => {
                let (a, b) = (kept.meaning.trim(), spec.meaning.trim());
                kept.meaning = if a.contains(b) {
                    a.to_owned()
                } else if b.contains(a) {
                    b.to_owned()
                } else {
                    format!("{a}; {b}")
                };
            }
            None => {
                first.insert(spec.code.clone(), merged.len());
                merged.push(spec);
            }
        }
    }
    *specs = merged;
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
                    if let Some(s) = headerless_errors(&raw, true) {
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

#[cfg(test)]
mod access_tests {
    use super::*;

    #[test]
    fn page_and_server_wordings_read_as_before() {
        for (line, access) in [
            ("访问形式：页面跳转", Access::Page),
            ("接口访问方式: 页面跳转（GET 或 POST）", Access::Page),
            ("Access: page call", Access::Page),
            ("访问形式：服务器调用", Access::Server),
            ("调用方式：后台调用", Access::Server),
            ("接口调用方式：系统调用", Access::Server),
            ("Access: server call", Access::Server),
            ("访问方式：服务端调用", Access::Server),
        ] {
            assert_eq!(access_line(line), Some(access), "{line}");
        }
    }

    #[test]
    fn client_and_sdk_wordings_are_app() {
        for line in [
            "访问形式：客户端调用",
            "访问形式：客户端调用（app SDK）",
            "调用方式：SDK调用",
            "接口调用方式：无线客户端",
            "访问方式：开发包调用",
            "Access: app SDK",
            "Access: in-app, through the SDK",
            "Call type: client SDK",
        ] {
            assert_eq!(access_line(line), Some(Access::App), "{line}");
        }
    }

    #[test]
    fn app_wording_beside_a_server_call_or_elsewhere_is_not_read() {
        // Naming both cannot be told apart: neither.
        assert_eq!(access_line("访问形式：服务器调用或客户端调用"), None);
        assert_eq!(
            access_line("Access: neither a page call nor a server call: the app's SDK"),
            None
        );
        // The label must be an access label; `app` must be a word.
        assert_eq!(access_line("备注：客户端调用"), None);
        assert_eq!(access_line("Access: application form"), None);
        // A page wording still wins, as before.
        assert_eq!(
            access_line("访问形式：页面跳转（手机客户端浏览器）"),
            Some(Access::Page)
        );
    }

    #[test]
    fn access_headings() {
        for heading in [
            "4 接口调用方式",
            "2、访问方式",
            "Access",
            "3.2 接口访问方式",
            "访问形式",
        ] {
            assert!(access_heading(heading), "{heading}");
        }
        for heading in [
            "4 接口调用方式说明",
            "5 请求参数说明",
            "Access token",
            "访问方式：页面跳转",
        ] {
            assert!(!access_heading(heading), "{heading}");
        }
    }

    #[test]
    fn access_section_prose() {
        assert_eq!(
            access_prose("iOS平台上的开发包接口如下表所示："),
            Some(Some(Access::App))
        );
        assert_eq!(
            access_prose("商户通过SDK调用本接口"),
            Some(Some(Access::App))
        );
        assert_eq!(
            access_prose("本接口由无线客户端调用"),
            Some(Some(Access::App))
        );
        // A line naming a page or a server call ends the reading.
        assert_eq!(
            access_prose("页面跳转，在手机客户端的浏览器中打开"),
            Some(None)
        );
        assert_eq!(access_prose("商户服务器调用本接口"), Some(None));
        assert_eq!(
            access_prose("Neither a page call nor a server call: the app's SDK."),
            Some(None)
        );
        // A line naming no way of access is read past.
        assert_eq!(access_prose("接口所提供的方法，如下表所示："), None);
    }
}

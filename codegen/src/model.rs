//! The checked model of one service: what `#[alipay_service]` emits from.

use crate::syntax::{Access, Param};
use crate::Diagnostic;

/// Base parameters of every request: owned by the runtime, not part of a
/// declaration's `Request`.
pub const REQUEST_BASE_PARAMS: &[&str] =
    &["service", "partner", "_input_charset", "sign_type", "sign"];
/// Request parameters to whose URL the gateway adds its signed parameters:
/// generated `validate()` refuses a `?` in them (the runtime's
/// `validate::CALLBACK_URLS` and `Rule::QueryInCallbackUrl`; a test of the
/// facade checks the two lists agree).
pub const CALLBACK_URLS: &[&str] = &["return_url", "notify_url"];
/// Base parameters of a page-redirect return (`error` comes with
/// `is_success=F`), which are also the `<alipay>` envelope's: `request` and
/// `response` are the envelope's elements, when a server call's return
/// table lists them (it is then set aside: see `check`).
pub const RESPONSE_BASE_PARAMS: &[&str] = &[
    "is_success",
    "sign_type",
    "sign",
    "error",
    "request",
    "response",
];
/// Base parameters of an asynchronous notification: only the signature's.
///
/// `notify_id`, `notify_time` and `notify_type` come with every notification
/// but are business fields of `Notify` (as they are of `Response` when a
/// return table lists them): a handler keys on `notify_id` to apply a
/// resent notification once, and orders by `notify_time`.
pub const NOTIFY_BASE_PARAMS: &[&str] = &["sign_type", "sign"];
/// Base elements of a server call's XML answer that an answer table may
/// list at the top level (outside `<response>` on the wire, or `response`
/// heading the rows it holds in a flattened copy): the envelope's, the same
/// names as [`RESPONSE_BASE_PARAMS`].
pub const ANSWER_BASE_PARAMS: &[&str] = RESPONSE_BASE_PARAMS;

/// How `String(n)` lengths are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LengthRule {
    /// Bytes of GBK text: ASCII counts 1, a Chinese character 2, whatever
    /// the request charset (the gateway's own rule; the default).
    #[default]
    GbkWidth,
    /// Unicode scalar values.
    Chars,
    /// Bytes of UTF-8.
    Utf8Bytes,
}

/// Options of [`check`](crate::check()).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Options {
    /// How `String(n)` lengths are counted.
    pub length_rule: LengthRule,
    /// The declaration's `access = "page" | "server" | "app"`, which overrides the
    /// document's.
    pub access: Option<Access>,
    /// The declaration's `one_of` groups (wire names), added to those the
    /// document states.
    pub one_of: Vec<Vec<String>>,
    /// The declaration's `either` groups: alternatives of wire names given
    /// together, exactly one alternative to be given.
    pub either: Vec<Vec<Vec<String>>>,
}

/// A business parameter with its Rust identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The documented parameter.
    pub param: Param,
    /// snake_case Rust identifier (see [`field_ident`]); unique in its table.
    pub ident: String,
}

/// An error code with its Rust variant name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// The code as sent by the gateway (`ILLEGAL_SIGN`).
    pub code: String,
    /// UpperCamelCase variant name (see [`error_variant_ident`]); unique,
    /// never `Unknown` (reserved for codes the table does not list).
    pub ident: String,
    /// Its meaning in the table.
    pub meaning: String,
    /// 1-based line of the row.
    pub line: usize,
}

/// The checked interface of one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    /// The service name (`sns.cae.sign.customer`).
    pub service: String,
    /// Business parameters of the request (base parameters removed).
    pub request: Vec<Field>,
    /// Whether a request table was given (in the document or inline). A
    /// document with only a notification or a return table declares just
    /// those types; `request` is then empty.
    pub has_request: bool,
    /// Base parameters seen in the request table ([`REQUEST_BASE_PARAMS`]).
    pub request_base: Vec<Param>,
    /// Business parameters of the page-redirect return, when documented.
    pub response: Option<Vec<Field>>,
    /// Base parameters seen in the return table ([`RESPONSE_BASE_PARAMS`]).
    pub response_base: Vec<Param>,
    /// Business parameters of the asynchronous notification, when documented.
    pub notify: Option<Vec<Field>>,
    /// Base parameters seen in the notification table ([`NOTIFY_BASE_PARAMS`]).
    pub notify_base: Vec<Param>,
    /// Error codes of the table, in order.
    pub errors: Vec<ErrorVariant>,
    /// An app payment's SDK result codes, in order: the values of the
    /// synchronous result's `resultStatus` (`9000`, `6001`…) from the
    /// document's client result-code table (`客户端错误码`, `SDK 返回码`,
    /// `resultStatus 状态码`), never among [`errors`](Interface::errors).
    /// Empty in any other interface (such a table there is an error).
    pub sdk_codes: Vec<ErrorVariant>,
    /// How `String(n)` lengths are counted.
    pub length_rule: LengthRule,
    /// Business leaves (and nested elements, see [`Param::path`]) of a
    /// server call's XML answer, when documented.
    pub answer: Option<Vec<Field>>,
    /// Fields of an app payment's synchronous SDK result (the document's
    /// `同步通知参数` / `同步返回` table in an [`Access::App`] document:
    /// `resultStatus`, `result`, `memo`), when documented. What the app's
    /// SDK reports inside the app, not a gateway return: no page redirect
    /// brings it to the merchant's server and nothing here verifies it.
    pub sdk_result: Option<Vec<Field>>,
    /// How the interface is reached: the declaration's `access`, else the
    /// document's access line (or access section: see [`Access::App`]),
    /// else [`Access::Server`] when the document has an answer table, else
    /// [`Access::Page`].
    pub access: Access,
    /// Groups of optional request parameters of which at least one must be
    /// given: stated in the document (a row whose remarks say
    /// `与out_trade_no不能同时为空` / `与X二选一`) or by the declaration's
    /// `one_of`; wire names, each group in table order.
    pub one_of: Vec<Vec<String>>,
    /// Groups of alternatives of which exactly one must be given, each
    /// alternative whole (`price` with `quantity`, or `total_fee`): the
    /// declaration's `either`; wire names, as declared.
    pub either: Vec<Vec<Vec<String>>>,
}

/// Names the generated module already uses: an answer element's struct
/// never takes one of them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Request",
    "Response",
    "Notify",
    "Answer",
    "SdkResult",
    "SdkResultStatus",
    "ErrorCode",
];

/// An element of a server call's XML answer, as the answer table's paths
/// describe it: `<response>` itself (the generated `Answer`) or a nested
/// element (`<trade>`, a struct named after it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerElement {
    /// The element's XML name (`trade`, `item`); empty for `<response>`.
    pub name: String,
    /// Its path from inside `<response>` as the tables write it
    /// (`trade.item[]`); empty for `<response>`.
    pub path: String,
    /// Whether it repeats (`item[]`): a `Vec` in its parent.
    pub repeated: bool,
    /// The field of the parent struct that holds it (see [`field_ident`]).
    pub ident: String,
    /// The struct generated for it: UpperCamelCase of its name (`Trade`),
    /// or of its whole path (`TradeItem`) when another element or a
    /// generated item (`Request`, `Answer`…) has that name.
    pub type_name: String,
    /// The table's own row for the element (`trade`, with its meaning),
    /// when it has one: it gives the element's documentation and
    /// nullability instead of being a leaf.
    pub row: Option<Param>,
    /// Its leaves and child elements, in the table's order.
    pub members: Vec<AnswerMember>,
}

/// A member of an [`AnswerElement`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerMember {
    /// A leaf with text. Its wire name is [`answer_leaf_name`] of the row's
    /// name; a name ending in `[]` repeats (a `Vec`).
    Leaf(Field),
    /// A nested element.
    Element(AnswerElement),
}

impl AnswerElement {
    /// `<response>` with no members: the `Answer` of a table without rows.
    pub fn root() -> Self {
        AnswerElement {
            name: String::new(),
            path: String::new(),
            repeated: false,
            ident: String::new(),
            type_name: "Answer".to_owned(),
            row: None,
            members: Vec::new(),
        }
    }

    /// Whether the element must be present: its own row says `可空 N`, or
    /// (without a row) one of its leaves or elements is required. Repeated
    /// elements are never required (zero or more).
    pub fn required(&self) -> bool {
        if self.repeated {
            return false;
        }
        if let Some(row) = &self.row {
            return !row.nullable;
        }
        self.members.iter().any(|m| match m {
            AnswerMember::Leaf(f) => !f.param.nullable && !f.param.name.ends_with("[]"),
            AnswerMember::Element(e) => e.required(),
        })
    }

    /// Every element below this one, depth first, in the table's order.
    pub fn descendants(&self) -> Vec<&AnswerElement> {
        let mut out = Vec::new();
        for m in &self.members {
            if let AnswerMember::Element(e) = m {
                out.push(e);
                out.extend(e.descendants());
            }
        }
        out
    }
}

/// The XML name of an answer leaf: its row's name without a trailing `[]`.
pub fn answer_leaf_name(name: &str) -> &str {
    name.strip_suffix("[]").unwrap_or(name)
}

/// Builds the element tree of an answer table from its fields' paths
/// ([`Param::path`]), checking that it is one tree:
///
/// * every path step is a name (`trade`, `item[]`), never empty;
/// * an element is repeated (`item[]`) in every row or in none;
/// * a row named like a sibling element (`trade` next to `trade.trade_no`)
///   is that element's own row, not a leaf;
/// * field identifiers are unique in each element, struct names in the
///   module.
///
/// All problems are returned together, each at its row's line.
pub fn answer_tree(fields: &[Field]) -> Result<AnswerElement, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut root = AnswerElement::root();
    for f in fields {
        let p = &f.param;
        let mut at: Vec<usize> = Vec::new();
        let mut ok = true;
        for step in &p.path {
            let Some(node) = node_at(&mut root, &at) else {
                break;
            };
            let (name, repeated) = match step.strip_suffix("[]") {
                Some(name) => (name, true),
                None => (step.as_str(), false),
            };
            if name.is_empty() || name.contains(['.', '[', ']']) {
                diags.push(
                    Diagnostic::new(format!(
                        "`{step}` in `{}` is not an element name (expected e.g. `trade` or `item[]`)",
                        display_path(p)
                    ))
                    .at(p.line)
                    .param(p.name.clone())
                    .cell(p.name.clone()),
                );
                ok = false;
                break;
            }
            let parent_path = node.path.clone();
            let position = node
                .members
                .iter()
                .position(|m| matches!(m, AnswerMember::Element(e) if e.name == name));
            let index = match position {
                Some(i) => i,
                None => {
                    let path = if parent_path.is_empty() {
                        step.clone()
                    } else {
                        format!("{parent_path}.{step}")
                    };
                    node.members.push(AnswerMember::Element(AnswerElement {
                        name: name.to_owned(),
                        path,
                        repeated,
                        ident: field_ident(name),
                        type_name: String::new(),
                        row: None,
                        members: Vec::new(),
                    }));
                    node.members.len() - 1
                }
            };
            let Some(AnswerMember::Element(child)) = node.members.get(index) else {
                break;
            };
            if child.repeated != repeated {
                diags.push(
                    Diagnostic::new(format!(
                        "element `{name}` repeats (`{name}[]`) in one row and not in another; write it the same way in every row"
                    ))
                    .at(p.line)
                    .param(p.name.clone())
                    .cell(p.name.clone()),
                );
                ok = false;
                break;
            }
            at.push(index);
        }
        if let (true, Some(node)) = (ok, node_at(&mut root, &at)) {
            node.members.push(AnswerMember::Leaf(f.clone()));
        }
    }
    adopt_rows(&mut root);
    check_idents(&root, &mut diags);
    name_types(&mut root, &mut diags);
    if diags.is_empty() {
        Ok(root)
    } else {
        diags.sort_by_key(|d| d.line);
        Err(diags)
    }
}

/// The element reached from `root` by member indices (each an element).
fn node_at<'a>(root: &'a mut AnswerElement, at: &[usize]) -> Option<&'a mut AnswerElement> {
    match at.split_first() {
        None => Some(root),
        Some((&i, rest)) => match root.members.get_mut(i) {
            Some(AnswerMember::Element(child)) => node_at(child, rest),
            _ => None,
        },
    }
}

fn display_path(p: &Param) -> String {
    let mut s = p.path.join(".");
    if !s.is_empty() {
        s.push('.');
    }
    s.push_str(&p.name);
    s
}

/// A leaf row named like a sibling element becomes that element's row.
fn adopt_rows(node: &mut AnswerElement) {
    let mut rows: Vec<(usize, Param)> = Vec::new();
    for (i, m) in node.members.iter().enumerate() {
        if let AnswerMember::Leaf(f) = m {
            let owner = node.members.iter().any(|other| {
                matches!(other, AnswerMember::Element(e)
                    if e.name == answer_leaf_name(&f.param.name))
            });
            if owner {
                rows.push((i, f.param.clone()));
            }
        }
    }
    for (i, _) in rows.iter().rev() {
        node.members.remove(*i);
    }
    for (_, row) in rows {
        let name = answer_leaf_name(&row.name).to_owned();
        for m in &mut node.members {
            if let AnswerMember::Element(e) = m {
                if e.name == name && e.row.is_none() {
                    e.row = Some(row.clone());
                }
            }
        }
    }
    for m in &mut node.members {
        if let AnswerMember::Element(e) = m {
            adopt_rows(e);
        }
    }
}

fn check_idents(node: &AnswerElement, diags: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&str, String)> = Vec::new();
    for m in &node.members {
        let (ident, what, line) = match m {
            AnswerMember::Leaf(f) => (f.ident.as_str(), display_path(&f.param), f.param.line),
            AnswerMember::Element(e) => (
                e.ident.as_str(),
                e.path.clone(),
                first_line(e).unwrap_or_default(),
            ),
        };
        if let Some((_, other)) = seen.iter().find(|(i, _)| *i == ident) {
            let mut d = Diagnostic::new(format!(
                "`{what}` and `{other}` both map to the Rust field `{ident}`"
            ))
            .param(what.clone())
            .cell(what.clone());
            if line > 0 {
                d = d.at(line);
            }
            diags.push(d);
            continue;
        }
        seen.push((ident, what));
        if let AnswerMember::Element(e) = m {
            check_idents(e, diags);
        }
    }
}

fn first_line(e: &AnswerElement) -> Option<usize> {
    if let Some(row) = &e.row {
        return Some(row.line);
    }
    e.members.iter().find_map(|m| match m {
        AnswerMember::Leaf(f) => Some(f.param.line),
        AnswerMember::Element(e) => first_line(e),
    })
}

/// UpperCamelCase of an element name (`trade_item` → `TradeItem`,
/// `tradeBase` → `TradeBase`).
fn type_name_of(name: &str) -> String {
    // Through the snake_case identifier, so that the words of a camelCase
    // name keep their capitals.
    let mut out = error_variant_ident(&field_ident(name));
    // `error_variant_ident` escapes `Unknown`, which is a fine struct name.
    if out == "Unknown_" {
        out.pop();
    }
    out
}

fn name_types(root: &mut AnswerElement, diags: &mut Vec<Diagnostic>) {
    // Short names first; the whole path for names that clash.
    let mut short: Vec<String> = Vec::new();
    collect_short(root, &mut short);
    let clashes = |name: &String| {
        RESERVED_TYPE_NAMES.contains(&name.as_str())
            || short.iter().filter(|n| *n == name).count() > 1
    };
    let names: Vec<String> = short
        .iter()
        .map(|n| if clashes(n) { String::new() } else { n.clone() })
        .collect();
    let mut i = 0;
    assign_types(root, &names, &mut i, &mut Vec::new());
    let mut seen: Vec<&str> = Vec::new();
    for e in root.descendants() {
        if RESERVED_TYPE_NAMES.contains(&e.type_name.as_str())
            || seen.contains(&e.type_name.as_str())
        {
            let mut d = Diagnostic::new(format!(
                "element `{}` would be the struct `{}`, which another element or a generated item already is",
                e.path, e.type_name
            ))
            .cell(e.path.clone());
            if let Some(line) = first_line(e) {
                d = d.at(line);
            }
            diags.push(d);
        }
        seen.push(&e.type_name);
    }
}

fn collect_short(node: &AnswerElement, out: &mut Vec<String>) {
    for m in &node.members {
        if let AnswerMember::Element(e) = m {
            out.push(type_name_of(&e.name));
            collect_short(e, out);
        }
    }
}

fn assign_types(
    node: &mut AnswerElement,
    names: &[String],
    i: &mut usize,
    ancestors: &mut Vec<String>,
) {
    for m in &mut node.members {
        if let AnswerMember::Element(e) = m {
            let short = type_name_of(&e.name);
            let assigned = names.get(*i).cloned().unwrap_or_default();
            *i += 1;
            e.type_name = if assigned.is_empty() && ancestors.is_empty() {
                format!("{short}Element")
            } else if assigned.is_empty() {
                let mut full: String = ancestors.concat();
                full.push_str(&short);
                full
            } else {
                assigned
            };
            ancestors.push(short);
            assign_types(e, names, i, ancestors);
            ancestors.pop();
        }
    }
}

/// Rust keywords (strict, reserved and edition-specific).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Whether `s` is a Rust keyword (strict or reserved).
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The snake_case field identifier of a wire name.
///
/// * camelCase is split (`notifyId` → `notify_id`), everything lowercased;
/// * characters other than ASCII letters, digits and `_` become `_`
///   (`a.b-c` → `a_b_c`), runs of `_` collapse to one, leading `_` are
///   dropped (`_input_charset` → `input_charset`);
/// * a leading digit gets the prefix `p_` (`3ds` → `p_3ds`), an empty
///   result becomes `p_`;
/// * keywords get a trailing `_` (`type` → `type_`, `ref` → `ref_`).
pub fn field_ident(name: &str) -> String {
    let mut raw = String::with_capacity(name.len() + 2);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                raw.push('_');
            }
            raw.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            raw.push(c);
            prev_lower = true;
        } else {
            raw.push('_');
            prev_lower = false;
        }
    }
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    while out.len() > 1 && out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() || out == "_" {
        return "p_".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "p_");
    }
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// The UpperCamelCase variant name of an error code.
///
/// `ILLEGAL_SIGN` → `IllegalSign`; parts are split at any character other
/// than an ASCII letter or digit; a leading digit gets the prefix `E`; a code
/// that would be `Unknown` (reserved for codes the table does not list)
/// becomes `Unknown_`; `Self` becomes `Self_`.
pub fn error_variant_ident(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for part in code.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        return "E".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'E');
    }
    if out == "Unknown" || out == "Self" {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ParamType;

    fn leaf(path: &[&str], name: &str, nullable: bool, line: usize) -> Field {
        Field {
            param: Param {
                line,
                name: name.to_owned(),
                label: String::new(),
                ty: ParamType::TEXT,
                nullable,
                description: String::new(),
                example: None,
                example_paragraphs: Vec::new(),
                group: None,
                length_rule: None,
                path: path.iter().map(|s| (*s).to_owned()).collect(),
            },
            ident: field_ident(name),
        }
    }

    fn types(root: &AnswerElement) -> Vec<(String, String, bool)> {
        root.descendants()
            .into_iter()
            .map(|e| (e.path.clone(), e.type_name.clone(), e.required()))
            .collect()
    }

    #[test]
    fn answer_tree_names_elements_and_their_clashes() {
        let fields = [
            leaf(&["trade"], "trade_no", false, 1),
            leaf(&["trade", "item[]"], "price", false, 2),
            leaf(&["refund", "item[]"], "price", true, 3),
            leaf(&["response"], "x", true, 4),
            leaf(&["trade", "buyer"], "email", true, 5),
        ];
        let root = answer_tree(&fields).unwrap();
        assert_eq!(
            types(&root),
            [
                ("trade".into(), "Trade".into(), true),
                ("trade.item[]".into(), "TradeItem".into(), false),
                ("trade.buyer".into(), "Buyer".into(), false),
                ("refund".into(), "Refund".into(), false),
                ("refund.item[]".into(), "RefundItem".into(), false),
                // `Response` is a generated item already.
                ("response".into(), "ResponseElement".into(), false),
            ]
        );
    }

    #[test]
    fn a_row_named_like_an_element_describes_it() {
        let mut row = leaf(&[], "trade", true, 1);
        row.param.label = "交易".into();
        let fields = [row, leaf(&["trade"], "trade_no", false, 2)];
        let root = answer_tree(&fields).unwrap();
        assert_eq!(root.members.len(), 1);
        let AnswerMember::Element(trade) = &root.members[0] else {
            panic!("{root:?}")
        };
        assert_eq!(trade.row.as_ref().unwrap().label, "交易");
        // Its row says it may be absent, whatever its leaves say.
        assert!(!trade.required());
    }

    #[test]
    fn answer_tree_problems_come_together_with_lines() {
        let fields = [
            leaf(&["trade", "item[]"], "price", false, 3),
            leaf(&["trade", "item"], "name", false, 4),
            leaf(&["trade", ""], "x", false, 5),
            leaf(&["trade"], "trade-no", false, 6),
            leaf(&["trade"], "trade_no", false, 7),
        ];
        let diags = answer_tree(&fields).unwrap_err();
        let lines: Vec<Option<usize>> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(4), Some(5), Some(7)], "{diags:?}");
        assert!(diags[0].message.contains("`item[]`"), "{}", diags[0]);
        assert!(diags[2].message.contains("`trade_no`"), "{}", diags[2]);
    }

    #[test]
    fn field_idents() {
        assert_eq!(field_ident("sns_user_id"), "sns_user_id");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("ref"), "ref_");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("_input_charset"), "input_charset");
        assert_eq!(field_ident("a.b-c"), "a_b_c");
        assert_eq!(field_ident("3ds"), "p_3ds");
        assert_eq!(field_ident("notifyId"), "notify_id");
        assert_eq!(field_ident("WIDsubject"), "widsubject");
        assert_eq!(field_ident("royalty_parameters[0]"), "royalty_parameters_0");
        assert_eq!(field_ident("--"), "p_");
        assert_eq!(field_ident(""), "p_");
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name_of("trade"), "Trade");
        assert_eq!(type_name_of("trade_item"), "TradeItem");
        assert_eq!(type_name_of("tradeBase"), "TradeBase");
        assert_eq!(type_name_of("TRADE"), "Trade");
        assert_eq!(type_name_of("unknown"), "Unknown");
    }

    #[test]
    fn variant_idents() {
        assert_eq!(error_variant_ident("ILLEGAL_SIGN"), "IllegalSign");
        assert_eq!(error_variant_ident("HAS_NO_PRIVILEGE"), "HasNoPrivilege");
        assert_eq!(error_variant_ident("UNKNOWN"), "Unknown_");
        assert_eq!(error_variant_ident("unknown"), "Unknown_");
        assert_eq!(
            error_variant_ident("aop.ACQ.SYSTEM_ERROR"),
            "AopAcqSystemError"
        );
        assert_eq!(error_variant_ident("404_NOT_FOUND"), "E404NotFound");
        assert_eq!(error_variant_ident("SELF"), "Self_");
    }
}

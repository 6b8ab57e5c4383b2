//! How `call` shows an answer's `<response>`: which elements are arrays
//! (JSON) or indexed (text), the typed and the raw JSON, the leaves with
//! their paths, and the declared required fields an answer lacks.
//!
//! One rule decides what repeats, everywhere: the children of an element
//! named `name` are an array (JSON) and get an index in their path (text,
//! `undeclared`, `missing`) when
//!
//! 1. the answer table declares them repeated (`name[]`), whatever their
//!    number, none and one included; or
//! 2. there are more than one of them; or
//! 3. the table does not declare them and their parent's name ends in
//!    `_list` (the gateway's list wrappers: `<account_log_list>` holds
//!    `<AccountQueryAccountLogVO>` records), whatever their number.
//!
//! Elsewhere an undeclared element that occurs once is an object (JSON) and
//! has no index: only a declaration makes the shape of an element that may
//! repeat independent of its count.

use alipay_mapi::answer::XmlElementRef;
use alipay_mapi::FieldSpec;
use serde_json::{Map, Value};

/// The rows of an answer table seen from one element of the answer: each
/// row with its path relative to that element.
#[derive(Clone, Debug, Default)]
pub struct Table<'f> {
    rows: Vec<(&'f [&'f str], &'f FieldSpec)>,
}

/// A path step without its repetition mark: `goods[]` → `goods`.
fn bare(step: &str) -> &str {
    step.strip_suffix("[]").unwrap_or(step)
}

impl<'f> Table<'f> {
    /// The whole table, seen from `<response>`.
    pub fn new(fields: &'f [FieldSpec]) -> Self {
        Table {
            rows: fields.iter().map(|f| (f.path, f)).collect(),
        }
    }

    /// The table seen from the child element `name`.
    fn under(&self, name: &str) -> Table<'f> {
        Table {
            rows: self
                .rows
                .iter()
                .filter_map(|(path, f)| match path.split_first() {
                    Some((first, rest)) if bare(first) == name => Some((rest, *f)),
                    _ => None,
                })
                .collect(),
        }
    }

    /// The child elements the table declares here, in its order, as the
    /// table writes them (`trade`, `goods[]`).
    fn elements(&self) -> Vec<&'f str> {
        let mut out: Vec<&'f str> = Vec::new();
        for (path, _) in &self.rows {
            if let Some(first) = path.first() {
                if !out.contains(first) {
                    out.push(first);
                }
            }
        }
        out
    }

    /// The leaves the table declares here (an element's own row is not
    /// one).
    fn leaves(&self) -> impl Iterator<Item = &'f FieldSpec> + '_ {
        let elements = self.elements();
        self.rows
            .iter()
            .filter(move |(path, f)| {
                path.is_empty() && !elements.iter().any(|e| bare(e) == bare(f.name))
            })
            .map(|(_, f)| *f)
    }

    /// Whether the table declares a leaf or an element `name` here.
    fn declares(&self, name: &str) -> bool {
        self.rows.iter().any(|(path, f)| match path.first() {
            None => bare(f.name) == name,
            Some(first) => bare(first) == name,
        })
    }

    /// Whether the table declares `name` here as repeated (`name[]`).
    fn declares_repeated(&self, name: &str) -> bool {
        self.rows.iter().any(|(path, f)| {
            let step = path.first().copied().unwrap_or(f.name);
            step.strip_suffix("[]") == Some(name)
        })
    }
}

/// Whether the children of `parent` named `name` are an array / indexed
/// (see the module docs).
fn repeats(parent: XmlElementRef<'_>, name: &str, table: Option<&Table<'_>>) -> bool {
    let declared = table.is_some_and(|t| t.declares(name));
    table.is_some_and(|t| t.declares_repeated(name))
        || parent.children_named(name).nth(1).is_some()
        || (!declared && parent.name().ends_with("_list"))
}

/// `parent.name` or `parent.name[i]`; the top level has no `parent.`.
fn step(parent: &str, name: &str, index: Option<usize>) -> String {
    let mut path = String::with_capacity(parent.len() + name.len() + 4);
    if !parent.is_empty() {
        path.push_str(parent);
        path.push('.');
    }
    path.push_str(name);
    if let Some(i) = index {
        path.push_str(&format!("[{i}]"));
    }
    path
}

/// The children of `element` with each one's path: its index among its
/// namesakes when they repeat.
fn children_with_paths<'a>(
    element: XmlElementRef<'a>,
    parent: &str,
    table: Option<&Table<'_>>,
) -> Vec<(XmlElementRef<'a>, String)> {
    let mut names = Names::default();
    element
        .children()
        .map(|child| {
            let (repeated, index) = names.next(element, child.name(), table);
            (child, step(parent, child.name(), repeated.then_some(index)))
        })
        .collect()
}

/// The names met among an element's children: whether each repeats, and
/// how many of it came so far (each name's rule is decided once, not once
/// per child: a page of 5000 records stays linear).
#[derive(Default)]
struct Names<'a> {
    seen: Vec<(&'a str, bool, usize)>,
}

impl<'a> Names<'a> {
    /// Whether `name` repeats among the children of `parent`, and the
    /// index of this child among its namesakes.
    fn next(
        &mut self,
        parent: XmlElementRef<'_>,
        name: &'a str,
        table: Option<&Table<'_>>,
    ) -> (bool, usize) {
        match self.seen.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, repeated, count)) => {
                *count += 1;
                (*repeated, *count)
            }
            None => {
                let repeated = repeats(parent, name, table);
                self.seen.push((name, repeated, 0));
                (repeated, 0)
            }
        }
    }
}

/// A leaf of the answer: its path (`trade.trade_no`,
/// `account_log_list.AccountQueryAccountLogVO[0].balance`), its text, and
/// whether the answer table declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf<'a> {
    pub path: String,
    pub text: &'a str,
    pub declared: bool,
}

/// Every leaf under `response`, in document order. Without a table, none
/// is declared.
pub fn leaves<'a>(response: XmlElementRef<'a>, table: Option<&Table<'_>>) -> Vec<Leaf<'a>> {
    let mut out = Vec::new();
    walk_leaves(response, "", table, &mut out);
    out
}

fn walk_leaves<'a>(
    element: XmlElementRef<'a>,
    path: &str,
    table: Option<&Table<'_>>,
    out: &mut Vec<Leaf<'a>>,
) {
    for (child, child_path) in children_with_paths(element, path, table) {
        let name = child.name();
        if child.is_leaf() {
            out.push(Leaf {
                path: child_path,
                text: child.text(),
                declared: table.is_some_and(|t| t.declares(name)),
            });
        } else {
            let inner = table.filter(|t| t.declares(name)).map(|t| t.under(name));
            walk_leaves(child, &child_path, inner.as_ref(), out);
        }
    }
}

/// The answer as its table declares it: an object per element, `null` for
/// what is absent (and for an empty leaf), an array for what repeats (see
/// the module docs). Values stay text (a `Number` is exact text). A
/// declared single element or leaf found more than once is an array too,
/// with a note in `notes`.
pub fn typed_json(
    table: &Table<'_>,
    element: XmlElementRef<'_>,
    path: &str,
    notes: &mut Vec<String>,
) -> Value {
    let mut map = Map::new();
    let text = |e: XmlElementRef<'_>| match e.text() {
        "" => Value::Null,
        t => Value::String(t.to_owned()),
    };
    for f in table.leaves() {
        let name = bare(f.name);
        let found: Vec<XmlElementRef<'_>> = element.children_named(name).collect();
        let value = if f.name.ends_with("[]") {
            // Every value of a repeated leaf, an empty one included.
            Value::Array(
                found
                    .iter()
                    .map(|e| Value::String(e.text().to_owned()))
                    .collect(),
            )
        } else if found.len() > 1 {
            notes.push(more_than_once(&step(path, name, None), found.len()));
            Value::Array(found.into_iter().map(text).collect())
        } else {
            found.into_iter().next().map_or(Value::Null, text)
        };
        map.insert(name.to_owned(), value);
    }
    for segment in table.elements() {
        let name = bare(segment);
        let inner = table.under(name);
        let found: Vec<XmlElementRef<'_>> = element.children_named(name).collect();
        let value = if segment.ends_with("[]") || found.len() > 1 {
            if !segment.ends_with("[]") {
                notes.push(more_than_once(&step(path, name, None), found.len()));
            }
            Value::Array(
                found
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| typed_json(&inner, e, &step(path, name, Some(i)), notes))
                    .collect(),
            )
        } else {
            found.into_iter().next().map_or(Value::Null, |e| {
                typed_json(&inner, e, &step(path, name, None), notes)
            })
        };
        map.insert(name.to_owned(), value);
    }
    Value::Object(map)
}

fn more_than_once(path: &str, count: usize) -> String {
    format!(
        "`{path}` occurs {count} times, but the answer table declares one: shown as an array of them all"
    )
}

/// An answer without a table as JSON: a leaf is its text, an element an
/// object of its children, what repeats an array (see the module docs).
pub fn raw_json(element: XmlElementRef<'_>) -> Value {
    if element.is_leaf() {
        return Value::String(element.text().to_owned());
    }
    let mut map = Map::new();
    let mut names = Names::default();
    for child in element.children() {
        let value = raw_json(child);
        if names.next(element, child.name(), None).0 {
            match map
                .entry(child.name())
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                Value::Array(items) => items.push(value),
                other => *other = Value::Array(vec![value]),
            }
        } else {
            map.insert(child.name().to_owned(), value);
        }
    }
    Value::Object(map)
}

/// A declared field the answer lacks: a non-nullable leaf absent or empty,
/// or a required element absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// Its path in the answer (`trade.trade_no`, `goods[1].goods_id`).
    pub path: String,
    /// `leaf` or `element`.
    pub kind: &'static str,
    /// The table's meaning of the row, when it has one.
    pub label: &'static str,
}

/// The declared required fields `response` lacks (`None`: a bare success,
/// which lacks them all), by the generated reader's rule, as the runtime
/// lists them ([`alipay_mapi::call::missing_required`]): a non-nullable leaf
/// must be present and not empty in every element of its parent that is
/// present; a required element must be present.
pub fn missing_required(fields: &[FieldSpec], response: Option<XmlElementRef<'_>>) -> Vec<Missing> {
    alipay_mapi::call::missing_required(response, fields)
        .into_iter()
        .map(|m| Missing {
            path: m.path,
            kind: if m.element { "element" } else { "leaf" },
            label: m.row.map_or("", |f| f.label),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alipay_mapi::answer::{XmlElement, XmlTree};
    use serde_json::json;

    const fn field(name: &'static str, path: &'static [&'static str]) -> FieldSpec {
        FieldSpec::optional_string(name, path)
    }

    const fn required(name: &'static str, path: &'static [&'static str]) -> FieldSpec {
        FieldSpec {
            nullable: false,
            ..FieldSpec::optional_string(name, path)
        }
    }

    fn el(name: &str, children: Vec<XmlElement>) -> XmlElement {
        XmlElement::parent(name, children)
    }

    fn leaf(name: &str, text: &str) -> XmlElement {
        XmlElement::leaf(name, text)
    }

    fn goods(ids: &[&str]) -> XmlElement {
        let mut trade = vec![leaf("trade_no", "1")];
        trade.extend(ids.iter().map(|id| el("goods", vec![leaf("goods_id", id)])));
        trade.push(leaf("extra", "x"));
        el("response", vec![el("trade", trade)])
    }

    const FIELDS: [FieldSpec; 4] = [
        field("trade_no", &["trade"]),
        field("goods_id", &["trade", "goods[]"]),
        field("tag[]", &["trade"]),
        field("missing", &[]),
    ];

    fn typed(fields: &[FieldSpec], response: &XmlElement) -> (Value, Vec<String>) {
        let mut notes = Vec::new();
        let tree = XmlTree::from_element(response);
        let value = typed_json(&Table::new(fields), tree.root(), "", &mut notes);
        (value, notes)
    }

    /// The paths of the leaves under `root`, read without a table.
    fn paths(root: XmlElementRef<'_>) -> Vec<String> {
        leaves(root, None).into_iter().map(|l| l.path).collect()
    }

    #[test]
    fn a_declared_repeated_element_is_an_array_whatever_its_count() {
        for (ids, want) in [
            (&[][..], json!([])),
            (&["a"][..], json!([{ "goods_id": "a" }])),
            (
                &["a", "b"][..],
                json!([{ "goods_id": "a" }, { "goods_id": "b" }]),
            ),
        ] {
            let (value, notes) = typed(&FIELDS, &goods(ids));
            assert_eq!(
                value,
                json!({
                    "missing": null,
                    "trade": { "trade_no": "1", "tag": [], "goods": want }
                })
            );
            assert!(notes.is_empty(), "{notes:?}");
        }
    }

    #[test]
    fn a_repeated_leaf_is_an_array_of_its_values() {
        let response = el(
            "response",
            vec![el("trade", vec![leaf("tag", "a"), leaf("tag", "")])],
        );
        let (value, _) = typed(&FIELDS, &response);
        assert_eq!(value["trade"]["tag"], json!(["a", ""]));
        let response = el("response", vec![el("trade", vec![leaf("tag", "a")])]);
        assert_eq!(typed(&FIELDS, &response).0["trade"]["tag"], json!(["a"]));
    }

    #[test]
    fn a_declared_single_element_found_twice_is_an_array_with_a_note() {
        let response = el(
            "response",
            vec![
                el("trade", vec![leaf("trade_no", "1")]),
                el("trade", vec![leaf("trade_no", "2")]),
            ],
        );
        let (value, notes) = typed(&FIELDS[..1], &response);
        assert_eq!(
            value,
            json!({ "trade": [{ "trade_no": "1" }, { "trade_no": "2" }] })
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("`trade` occurs 2 times"), "{notes:?}");
    }

    #[test]
    fn leaves_are_indexed_where_they_repeat() {
        let tree = XmlTree::from_element(&goods(&["a"]));
        let table = Table::new(&FIELDS);
        let got: Vec<(String, &str, bool)> = leaves(tree.root(), Some(&table))
            .into_iter()
            .map(|l| (l.path, l.text, l.declared))
            .collect();
        assert_eq!(
            got,
            [
                ("trade.trade_no".to_owned(), "1", true),
                ("trade.goods[0].goods_id".to_owned(), "a", true),
                ("trade.extra".to_owned(), "x", false),
            ]
        );
        // Without a table, one `<goods>` is not indexed; two are.
        let tree = XmlTree::from_element(&goods(&["a", "b"]));
        let paths = paths(tree.root());
        assert_eq!(
            paths,
            [
                "trade.trade_no",
                "trade.goods[0].goods_id",
                "trade.goods[1].goods_id",
                "trade.extra"
            ]
        );
    }

    #[test]
    fn the_records_of_a_list_wrapper_are_an_array_from_one_on() {
        let response = el(
            "response",
            vec![el(
                "result",
                vec![
                    el(
                        "account_log_list",
                        vec![el("LogVO", vec![leaf("balance", "1.00")])],
                    ),
                    leaf("page_no", "1"),
                ],
            )],
        );
        let tree = XmlTree::from_element(&response);
        assert_eq!(
            raw_json(tree.root()),
            json!({ "result": {
                "account_log_list": { "LogVO": [{ "balance": "1.00" }] },
                "page_no": "1"
            }})
        );
        let paths = paths(tree.root());
        assert_eq!(
            paths,
            ["result.account_log_list.LogVO[0].balance", "result.page_no"]
        );
    }

    #[test]
    fn missing_required_fields_are_listed_with_their_paths() {
        let fields = [
            required("trade_no", &["trade"]),
            field("body", &["trade"]),
            required("goods_id", &["trade", "goods[]"]),
            required("total", &[]),
        ];
        let response = el(
            "response",
            vec![el(
                "trade",
                vec![
                    leaf("trade_no", ""),
                    el("goods", vec![leaf("goods_id", "a")]),
                    el("goods", vec![leaf("other", "b")]),
                ],
            )],
        );
        let missing = |response: &XmlElement| -> Vec<(String, &str)> {
            let tree = XmlTree::from_element(response);
            missing_required(&fields, Some(tree.root()))
                .into_iter()
                .map(|m| (m.path, m.kind))
                .collect()
        };
        assert_eq!(
            missing(&response),
            [
                ("total".to_owned(), "leaf"),
                ("trade.trade_no".to_owned(), "leaf"),
                ("trade.goods[1].goods_id".to_owned(), "leaf"),
            ]
        );
        // A required element that is absent is named itself; an empty
        // `<response>` (a bare success) lacks everything required.
        let empty = el("response", vec![]);
        assert_eq!(
            missing(&empty),
            [
                ("total".to_owned(), "leaf"),
                ("trade".to_owned(), "element")
            ]
        );
        // Nothing required, nothing missing.
        let tree = XmlTree::from_element(&empty);
        assert!(missing_required(&FIELDS, Some(tree.root())).is_empty());
    }

    #[test]
    fn an_elements_own_row_is_not_a_leaf_and_says_whether_it_is_required() {
        let fields = [field("trade", &[]), required("trade_no", &["trade"])];
        let tree = XmlTree::from_element(&el("response", vec![]));
        // `trade` is nullable by its own row: its absence is no problem.
        assert!(missing_required(&fields, Some(tree.root())).is_empty());
        let response = el("response", vec![el("trade", vec![leaf("trade_no", "1")])]);
        let (value, _) = typed(&fields, &response);
        assert_eq!(value, json!({ "trade": { "trade_no": "1" } }));
    }
}

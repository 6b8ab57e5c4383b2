//! Server calls and their XML answers: the types a declared server
//! interface plugs into.
//!
//! A server call (`single_trade_query`, `close_trade`, …) is sent by the
//! merchant's server and answered with XML:
//!
//! ```xml
//! <alipay><is_success>T</is_success>
//!   <request><param name="trade_no">…</param>…</request>
//!   <response><trade><trade_no>…</trade_no>…</trade></response>
//!   <sign>…</sign><sign_type>MD5</sign_type></alipay>
//! ```
//!
//! or `<alipay><is_success>F</is_success><error>CODE</error></alipay>`.
//! [`XmlElement`] is the decoded tree of `<response>`; a declaration's
//! generated `Answer` type implements [`ServiceAnswer`] and reads itself out
//! of it.

use std::str::FromStr;

use crate::service::{FieldError, FieldSpec, GatewayErrorCode, ServiceRequest, ServiceSpec};
use crate::types::ParseValueError;

/// One element of a decoded XML answer: its name, its text (leaves) and its
/// child elements, in document order.
///
/// Text is the element's own character data with entities decoded; it is
/// empty for an element that only has children.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XmlElement {
    /// The element's name (`trade_no`).
    pub name: String,
    /// Its text, for a leaf.
    pub text: String,
    /// Its child elements, in document order.
    pub children: Vec<XmlElement>,
}

impl XmlElement {
    /// A leaf with text.
    pub fn leaf(name: impl Into<String>, text: impl Into<String>) -> Self {
        XmlElement {
            name: name.into(),
            text: text.into(),
            children: Vec::new(),
        }
    }

    /// Whether it has no child elements.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child element named `name` (a repeated element).
    pub fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a XmlElement> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child named `name`, when there is one.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// A declared server interface's `Answer`: the typed content of `<response>`.
pub trait ServiceAnswer: Sized {
    /// The interface's error codes.
    type ErrorCode: GatewayErrorCode;
    /// The interface's tables.
    const SPEC: &'static ServiceSpec;
    /// The answer table this type was generated from.
    const FIELDS: &'static [FieldSpec];
    /// Reads the declared fields out of `<response>` (the element itself,
    /// whose children are the answer's top-level elements).
    fn from_response(response: &XmlElement) -> Result<Self, FieldError>;
}

/// A request of a page-call interface (页面跳转): it can be turned into a
/// signed URL or form for the buyer's browser.
pub trait PageRequest: ServiceRequest {}

/// A request of a server-call interface (服务器调用): it is sent by the
/// merchant's server and answered with XML read into [`Self::Answer`].
pub trait ServerRequest: ServiceRequest {
    /// The typed answer.
    type Answer: ServiceAnswer;
}

/// The deepest nesting of elements an answer may have: the gateway's
/// answers are a few levels deep; deeper input is refused rather than
/// walked.
pub const MAX_DEPTH: usize = 64;

/// A server call's XML answer, decoded and parsed, its `<sign>` not yet
/// checked (see [`Client::read_answer`](crate::Client::read_answer)).
///
/// The children of `<alipay>` are read in any order; each of them may appear
/// once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XmlAnswer {
    is_success: bool,
    error: Option<String>,
    request: Vec<(String, String)>,
    response: Option<XmlElement>,
    sign: Option<String>,
    sign_type: Option<String>,
    others: Vec<XmlElement>,
    encoding: &'static str,
}

impl XmlAnswer {
    /// Whether `<is_success>` is `T`.
    pub fn is_success(&self) -> bool {
        self.is_success
    }
    /// The `<error>` code, when the answer has one.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
    /// The request's parameters as the gateway echoes them in
    /// `<request><param name="…">…</param></request>`, in order.
    pub fn request_params(&self) -> &[(String, String)] {
        &self.request
    }
    /// The `<response>` element, when the answer has one.
    pub fn response(&self) -> Option<&XmlElement> {
        self.response.as_ref()
    }
    /// The `<sign>` text.
    pub fn sign(&self) -> Option<&str> {
        self.sign.as_deref()
    }
    /// The `<sign_type>` text.
    pub fn sign_type(&self) -> Option<&str> {
        self.sign_type.as_deref()
    }
    /// Children of `<alipay>` other than the known ones, kept as received.
    pub fn others(&self) -> &[XmlElement] {
        &self.others
    }
    /// The encoding the bytes were decoded from (`UTF-8`, `GBK`, …, as
    /// `encoding_rs` names it).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// Parses an answer body.
    ///
    /// The bytes are decoded in the encoding the XML declaration names
    /// (`<?xml version="1.0" encoding="GBK"?>`: GBK answers exist), or in
    /// `fallback` when there is no declaration — the gateway answers in the
    /// request's `_input_charset`. Bytes invalid in that encoding are an
    /// [`AnswerError::Charset`], never replaced; anything that is not
    /// well-formed XML of the answer's shape is an [`AnswerError::Xml`] that
    /// says where.
    ///
    /// ```
    /// use alipay_mapi_runtime::{answer::XmlAnswer, Charset};
    /// let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success>\
    ///     <response><trade><trade_no>2011</trade_no></trade></response></alipay>";
    /// let answer = XmlAnswer::parse(body.as_bytes(), Charset::Utf8).unwrap();
    /// let trade = answer.response().unwrap().child("trade").unwrap();
    /// assert_eq!(trade.child_text("trade_no"), Some("2011"));
    /// ```
    pub fn parse(bytes: &[u8], fallback: crate::Charset) -> Result<Self, AnswerError> {
        if bytes.len() > crate::transport::MAX_ANSWER_LEN {
            return Err(AnswerError::Xml {
                reason: format!(
                    "the answer has {} bytes, more than the {} accepted",
                    bytes.len(),
                    crate::transport::MAX_ANSWER_LEN
                ),
            });
        }
        let (encoding, label) = match declared_encoding(bytes) {
            Some(label) => {
                let encoding =
                    encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                        AnswerError::Charset {
                            encoding: label.clone(),
                            reason: "the XML declaration names an unknown encoding".into(),
                        }
                    })?;
                (encoding, label)
            }
            None => {
                let encoding = match fallback {
                    crate::Charset::Utf8 => encoding_rs::UTF_8,
                    crate::Charset::Gbk | crate::Charset::Gb2312 => encoding_rs::GBK,
                };
                (encoding, fallback.as_str().to_owned())
            }
        };
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| AnswerError::Charset {
                encoding: label,
                reason: invalid_bytes_reason(bytes, encoding),
            })?;
        let mut answer = parse_text(&text)?;
        answer.encoding = encoding.name();
        Ok(answer)
    }

    /// The charset of the answer's bytes, when it is one of the gateway's
    /// (`UTF-8` or `GBK`): the signing string of `<sign>` is made of those
    /// bytes.
    pub fn charset(&self) -> Option<crate::Charset> {
        match self.encoding {
            "UTF-8" => Some(crate::Charset::Utf8),
            "GBK" | "gb18030" => Some(crate::Charset::Gbk),
            _ => None,
        }
    }

    /// The leaves of `<response>` as parameters, in document order: what the
    /// answer's `<sign>` covers (see [`crate::call`]).
    pub fn signed_params(&self) -> Vec<(&str, &str)> {
        let mut params = Vec::new();
        if let Some(response) = &self.response {
            for child in &response.children {
                collect_leaves(child, &mut params);
            }
        }
        params
    }
}

fn collect_leaves<'a>(element: &'a XmlElement, out: &mut Vec<(&'a str, &'a str)>) {
    if element.is_leaf() {
        out.push((element.name.as_str(), element.text.as_str()));
    } else {
        for child in &element.children {
            collect_leaves(child, out);
        }
    }
}

fn invalid_bytes_reason(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> String {
    let other = if encoding == encoding_rs::UTF_8 {
        encoding_rs::GBK
    } else {
        encoding_rs::UTF_8
    };
    let mut reason = format!("the bytes are not valid {}", encoding.name());
    if other
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some()
    {
        reason.push_str(&format!(
            " but are valid {}: the declaration (or the request's _input_charset) does not match the body",
            other.name()
        ));
    }
    reason
}

/// The `encoding` of an XML declaration at the start of `bytes`, read as
/// ASCII (every encoding the gateway uses agrees with ASCII there).
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let rest = bytes.strip_prefix(b"<?xml")?;
    let end = rest.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(rest.get(..end)?).ok()?;
    let at = decl.find("encoding")?;
    let after = decl.get(at + "encoding".len()..)?.trim_start();
    let after = after.strip_prefix('=')?.trim_start();
    let quote = after.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = after.get(1..)?;
    let close = value.find(quote)?;
    Some(value.get(..close)?.to_owned())
}

/// Why an answer body could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// The bytes are not valid in the encoding the answer declares (or, with
    /// no declaration, in the request charset), or the encoding is unknown.
    Charset {
        /// The encoding label that was used.
        encoding: String,
        /// What is wrong.
        reason: String,
    },
    /// Not well-formed XML, or not of the answer's shape.
    Xml {
        /// What is wrong and where.
        reason: String,
    },
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::Charset { encoding, reason } => {
                write!(f, "cannot decode the answer as {encoding}: {reason}")
            }
            AnswerError::Xml { reason } => write!(f, "cannot read the XML answer: {reason}"),
        }
    }
}

impl std::error::Error for AnswerError {}

fn shape(reason: impl Into<String>) -> AnswerError {
    AnswerError::Xml {
        reason: reason.into(),
    }
}

fn parse_text(text: &str) -> Result<XmlAnswer, AnswerError> {
    let document = roxmltree::Document::parse(text).map_err(|e| shape(e.to_string()))?;
    let root = document.root_element();
    if root.tag_name().name() != "alipay" {
        return Err(shape(format!(
            "the root element is <{}>, not <alipay>",
            root.tag_name().name()
        )));
    }
    let mut answer = XmlAnswer::default();
    let mut is_success = None;
    let mut seen: Vec<&str> = Vec::new();
    for node in root.children().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let known = [
            "is_success",
            "error",
            "request",
            "response",
            "sign",
            "sign_type",
        ];
        if known.contains(&name) {
            if seen.contains(&name) {
                return Err(shape(format!(
                    "<{name}> appears twice in <alipay> (line {})",
                    document.text_pos_at(node.range().start).row
                )));
            }
            seen.push(name);
        }
        match name {
            "is_success" => is_success = Some(leaf_text(&document, node, name)?),
            "error" => answer.error = Some(leaf_text(&document, node, name)?),
            "sign" => answer.sign = Some(leaf_text(&document, node, name)?),
            "sign_type" => answer.sign_type = Some(leaf_text(&document, node, name)?),
            "request" => {
                for param in node.children().filter(|n| n.is_element()) {
                    let pos = document.text_pos_at(param.range().start);
                    if param.tag_name().name() != "param" {
                        return Err(shape(format!(
                            "<request> holds <{}> at line {}, column {}; only <param name=\"…\">",
                            param.tag_name().name(),
                            pos.row,
                            pos.col
                        )));
                    }
                    let Some(pname) = param.attribute("name") else {
                        return Err(shape(format!(
                            "<param> without a name at line {}, column {}",
                            pos.row, pos.col
                        )));
                    };
                    let value = leaf_text(&document, param, "param")?;
                    answer.request.push((pname.to_owned(), value));
                }
            }
            "response" => answer.response = Some(element(&document, node, 1)?),
            _ => answer.others.push(element(&document, node, 1)?),
        }
    }
    answer.is_success = match is_success.as_deref() {
        Some("T") => true,
        Some("F") => false,
        Some(other) => return Err(shape(format!("<is_success> is `{other}`, neither T nor F"))),
        None => return Err(shape("<alipay> has no <is_success>")),
    };
    Ok(answer)
}

fn leaf_text(
    document: &roxmltree::Document<'_>,
    node: roxmltree::Node<'_, '_>,
    name: &str,
) -> Result<String, AnswerError> {
    if let Some(child) = node.children().find(|n| n.is_element()) {
        let pos = document.text_pos_at(child.range().start);
        return Err(shape(format!(
            "<{name}> holds an element <{}> at line {}, column {}; it must hold text",
            child.tag_name().name(),
            pos.row,
            pos.col
        )));
    }
    Ok(own_text(node))
}

fn own_text(node: roxmltree::Node<'_, '_>) -> String {
    let mut text = String::new();
    for child in node.children().filter(|n| n.is_text()) {
        text.push_str(child.text().unwrap_or_default());
    }
    text
}

fn element(
    document: &roxmltree::Document<'_>,
    node: roxmltree::Node<'_, '_>,
    depth: usize,
) -> Result<XmlElement, AnswerError> {
    if depth > MAX_DEPTH {
        let pos = document.text_pos_at(node.range().start);
        return Err(shape(format!(
            "elements nest deeper than {MAX_DEPTH} levels at line {}, column {}",
            pos.row, pos.col
        )));
    }
    let mut children = Vec::new();
    for child in node.children().filter(|n| n.is_element()) {
        children.push(element(document, child, depth + 1)?);
    }
    let mut text = own_text(node);
    if !children.is_empty() && text.trim().is_empty() {
        text.clear();
    }
    Ok(XmlElement {
        name: node.tag_name().name().to_owned(),
        text,
        children,
    })
}
/// An element of a server call's answer that a declaration types: the
/// generated `Answer` (for `<response>` itself) and one struct per nested
/// element of the answer table (`<trade>`, each `<item>`).
///
/// Implemented by `#[alipay_service]`; generic code can use it to read one
/// element of a tree on its own.
pub trait FromXmlElement: Sized {
    /// Reads the declared children of `element`; children the table does
    /// not declare are left alone.
    ///
    /// # Errors
    ///
    /// [`FieldError::Missing`] when a required leaf or element is absent
    /// (or a required leaf is empty), [`FieldError::Invalid`] when a leaf
    /// does not hold a value of its type, appears more than once though the
    /// table does not say it repeats, or has child elements instead of text.
    /// `field` is the dotted path from inside `<response>` (`trade.trade_no`,
    /// `trade.item[].price`).
    fn from_element(element: &XmlElement) -> Result<Self, FieldError>;
}

/// The only child named `name`, if any; two or more is an error (the table
/// does not say it repeats, so picking one would be a guess).
fn single<'a>(
    parent: &'a XmlElement,
    name: &str,
    field: &'static str,
) -> Result<Option<&'a XmlElement>, FieldError> {
    let mut found = parent.children.iter().filter(|c| c.name == name);
    let first = found.next();
    let more = found.count();
    if more > 0 {
        return Err(FieldError::Invalid {
            field,
            error: ParseValueError {
                expected: "single element",
                value: format!("{} elements", more + 1),
            },
        });
    }
    Ok(first)
}

/// The text of a leaf, refusing an element with children.
fn element_text<'a>(element: &'a XmlElement, field: &'static str) -> Result<&'a str, FieldError> {
    if element.is_leaf() {
        Ok(&element.text)
    } else {
        Err(FieldError::Invalid {
            field,
            error: ParseValueError {
                expected: "text",
                value: format!("<{}> with child elements", element.name),
            },
        })
    }
}

fn parse_leaf<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    text: &str,
    field: &'static str,
) -> Result<T, FieldError> {
    text.parse().map_err(|e: E| FieldError::Invalid {
        field,
        error: e.into(),
    })
}

/// Reads an optional leaf child `name` of `parent`; absent or empty is
/// `None`. Used by generated `from_element`.
#[doc(hidden)]
pub fn leaf_optional<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    parent: &XmlElement,
    name: &str,
    field: &'static str,
) -> Result<Option<T>, FieldError> {
    match single(parent, name, field)? {
        None => Ok(None),
        Some(element) => match element_text(element, field)? {
            "" => Ok(None),
            text => parse_leaf(text, field).map(Some),
        },
    }
}

/// Reads a required leaf child `name` of `parent`; absent or empty is
/// [`FieldError::Missing`]. Used by generated `from_element`.
#[doc(hidden)]
pub fn leaf_required<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    parent: &XmlElement,
    name: &str,
    field: &'static str,
) -> Result<T, FieldError> {
    leaf_optional(parent, name, field)?.ok_or(FieldError::Missing { field })
}

/// Reads every leaf child `name` of `parent` (a repeated leaf, `tag[]`), in
/// document order; each one must parse, empty text included. Used by
/// generated `from_element`.
#[doc(hidden)]
pub fn leaf_repeated<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    parent: &XmlElement,
    name: &str,
    field: &'static str,
) -> Result<Vec<T>, FieldError> {
    parent
        .children_named(name)
        .map(|element| parse_leaf(element_text(element, field)?, field))
        .collect()
}

/// Reads an optional child element `name` of `parent` into its struct.
/// Used by generated `from_element`.
#[doc(hidden)]
pub fn element_optional<T: FromXmlElement>(
    parent: &XmlElement,
    name: &str,
    field: &'static str,
) -> Result<Option<T>, FieldError> {
    single(parent, name, field)?
        .map(T::from_element)
        .transpose()
}

/// Reads a required child element `name` of `parent` into its struct.
/// Used by generated `from_element`.
#[doc(hidden)]
pub fn element_required<T: FromXmlElement>(
    parent: &XmlElement,
    name: &str,
    field: &'static str,
) -> Result<T, FieldError> {
    element_optional(parent, name, field)?.ok_or(FieldError::Missing { field })
}

/// Reads every child element `name` of `parent` (a repeated element,
/// `item[]`), in document order. Used by generated `from_element`.
#[doc(hidden)]
pub fn element_repeated<T: FromXmlElement>(
    parent: &XmlElement,
    name: &str,
) -> Result<Vec<T>, FieldError> {
    parent.children_named(name).map(T::from_element).collect()
}

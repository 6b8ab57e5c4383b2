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
fn leaf_text<'a>(element: &'a XmlElement, field: &'static str) -> Result<&'a str, FieldError> {
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

fn parse_text<T: FromStr<Err = E>, E: Into<ParseValueError>>(
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
        Some(element) => match leaf_text(element, field)? {
            "" => Ok(None),
            text => parse_text(text, field).map(Some),
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
        .map(|element| parse_text(leaf_text(element, field)?, field))
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

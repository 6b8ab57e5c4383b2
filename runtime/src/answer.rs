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

use crate::service::{FieldError, FieldSpec, GatewayErrorCode, ServiceRequest, ServiceSpec};

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

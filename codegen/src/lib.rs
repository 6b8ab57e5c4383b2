//! Parser and checked model for the parameter tables of Alipay's legacy
//! partner gateway (`mapi.alipay.com/gateway.do`).
//!
//! The gateway documents every interface the same way: a table of request
//! parameters, a table of returned parameters (page-redirect return and/or
//! asynchronous notification) and a table of error codes. Users paste those
//! documents (tab-separated text copied from the HTML page, Markdown pipe
//! tables, or the page's own HTML) and this crate turns them into a checked
//! [`Interface`] from which `#[alipay_service]` emits code.
//!
//! * [`syntax`]: tolerant raw parsing of text into sections, tables and rows
//!   ([`parse_document`], [`parse_table`], [`parse_error_table`]).
//! * [`check`](mod@check): semantic checks, producing the [`Interface`]
//!   ([`check()`]).
//! * [`model`]: the checked model ([`Interface`], [`Field`],
//!   [`ErrorVariant`]) and the identifier mapping rules.
//!
//! Every function here returns [`Diagnostic`]s instead of panicking, and
//! collects all problems of a document before returning.
#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod check;
mod expand;
pub mod import;
pub mod model;
pub mod source;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod syntax;

use std::fmt;

pub use check::{check, parse_and_check};
pub use expand::expand;
pub use model::{
    error_variant_ident, field_ident, ErrorVariant, Field, Interface, LengthRule, Options,
    NOTIFY_BASE_PARAMS, REQUEST_BASE_PARAMS, RESPONSE_BASE_PARAMS,
};
pub use syntax::{
    find_service, parse_document, parse_error_table, parse_inline, parse_table, Access, Document,
    ErrorCodeSpec, Param, ParamType, Table, TableKind,
};

/// One problem in a document, located by 1-based line.
///
/// `Display` renders it as `line 14: parameter `sns_user_id`: <message>`:
/// the `line N: ` prefix when the line is known, `parameter `x`: ` when the
/// parameter is known, then the message (which quotes the offending cell in
/// backticks when there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line of the document (or of the inline string) at fault.
    pub line: Option<usize>,
    /// Wire name of the parameter concerned, when known.
    pub param: Option<String>,
    /// Text of the offending cell, when there is one.
    pub cell: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic with only a message.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            line: None,
            param: None,
            cell: None,
            message: message.into(),
        }
    }

    /// Sets the line.
    #[must_use]
    pub fn at(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the parameter name.
    #[must_use]
    pub fn param(mut self, param: impl Into<String>) -> Self {
        self.param = Some(param.into());
        self
    }

    /// Sets the offending cell text.
    #[must_use]
    pub fn cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if let Some(param) = &self.param {
            write!(f, "parameter `{param}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

//! Server calls: a signed request sent by the merchant's server, an XML
//! answer read, its `<sign>` checked, its `<response>` typed.
//!
//! # How a call is sent
//!
//! As the gateway's PHP demo does: `POST {gateway}?_input_charset={charset}`
//! with every parameter (base, business, `sign_type`, `sign`) in an
//! `application/x-www-form-urlencoded` body percent-encoded from the bytes of
//! the request charset. The charset sits in the query because the gateway
//! reads it from there before it decodes the body. (The Java demo posts a
//! form too; the Ruby library sends a GET: the gateway accepts both. POST
//! keeps long parameters out of URL length limits and access logs.)
//!
//! # What the answer's `<sign>` covers
//!
//! The gateway's document for `account.page.query`, quoted alike by three
//! independent implementations, states it for that answer: the signed
//! parameters are the children of the element inside `<response>`
//! (`<account_page_query_result>`) — `has_next_page`, `page_no`,
//! `page_size` by their text, and `account_log_list` by its whole XML
//! fragment, the element's own tags included, with empty elements expanded
//! (`<memo/>` as `<memo></memo>`). The cross-border gateway's documents say
//! to treat the answer's XML nodes as parameters and verify them as a
//! return's, and two independent simulators of this gateway sign the
//! leaves under `<response>`'s element: both agree with that rule for flat
//! answers. The runtime applies it to every answer:
//!
//! - the signed element is `<response>`'s only child element when that
//!   child has child elements (`<trade>`, `<account_page_query_result>`),
//!   else `<response>` itself;
//! - each of its child elements is a parameter named by its tag: a leaf by
//!   its text (entities decoded), an element with child elements by its XML
//!   fragment as received in the decoded body (entities, CDATA and the
//!   whitespace between elements kept as they came; only empty-element tags
//!   are expanded);
//! - the usual rule ([`signing_string`](crate::signing_string): no empty
//!   values, sorted by name, `&`-joined, encoded in the answer's charset)
//!   makes the string the sign is checked over
//!   ([`XmlAnswer::signed_params`] lists the parameters).
//!
//! `<request>`, `<is_success>`, `<error>`, `<sign>` and `<sign_type>` are
//! not covered. A failure's `<sign>` (seldom sent) covers nothing
//! documented, since a failure has no `<response>`: it is not checked, and
//! the failure is reported as the gateway's code
//! ([`CallError::Gateway`]).
//!
//! What a flat answer's sign does not cover is the order of repeated
//! leaves: they are sorted by name and value like any parameters. A
//! fragment keeps the order and nesting inside it.
//!
//! Because that rule is inferred, [`SignPolicy`] decides what to do with it:
//! [`IfPresent`](SignPolicy::IfPresent) (the default) checks a `<sign>` when
//! the answer has one — failures (`<is_success>F</is_success>`) and bare
//! successes never carry one (an answer with data whose `<sign>` was
//! stripped then passes too, unsigned);
//! [`RequireWithResponse`](SignPolicy::RequireWithResponse) refuses a
//! success that has a `<response>` but no `<sign>` (the evidence shows such
//! answers signed); [`Require`](SignPolicy::Require) refuses any
//! success without (a bare one included), and [`Skip`](SignPolicy::Skip)
//! reads answers unchecked
//! (for a gateway found to sign differently; the answer comes over TLS from
//! the gateway either way).
//!
//! # Example
//!
//! ```
//! use alipay_mapi_runtime::call::CallError;
//! use alipay_mapi_runtime::transport::BlockingTransport;
//! use alipay_mapi_runtime::{Client, GatewayErrorCode, ServerRequest};
//!
//! fn query<R: ServerRequest>(client: &Client, transport: &impl BlockingTransport, request: &R)
//! where
//!     R::Answer: std::fmt::Debug,
//! {
//!     match client.call_blocking(transport, request) {
//!         Ok(answered) => {
//!             println!("{:?}", answered.value());
//!             for (path, text) in answered.undeclared() {
//!                 println!("{path} = {text}");
//!             }
//!         }
//!         Err(CallError::Gateway { code, .. }) => println!("{code}: {:?}", code.meaning()),
//!         Err(e) => println!("{e}"),
//!     }
//! }
//! ```

use std::fmt;
use std::sync::OnceLock;

use crate::answer::{
    AnswerError, Flat, ParsedAnswer, Scan, ServerRequest, ServiceAnswer, XmlAnswer, XmlElement,
    XmlElementRef, XmlErrorKind, XmlTree,
};
use crate::charset::Charset;
use crate::request::{Client, RequestError, SignedRequest};
use crate::service::{FieldError, FieldSpec, GatewayErrorCode};
use crate::sign::Verifier;
use crate::signing::{is_signed, signing_order, signing_string_in_place, SigningString};
use crate::transport::{
    AsyncTransport, BlockingTransport, HttpRequest, HttpResponse, TransportError,
};
use crate::verify::{check_sign_type, ReturnError};

/// An answer read without a declared type, and the signing string its
/// `<sign>` was verified over (`None` when no sign was checked).
pub type UntypedAnswer = (XmlAnswer, Option<SigningString>);

/// What to do with an answer's `<sign>` (see the [module docs](self) for
/// the rule and its evidence).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SignPolicy {
    /// A successful answer must carry a `<sign>`, and it must verify. A
    /// bare success (`close_trade`'s `<is_success>T</is_success>`, which
    /// carries none) is then refused too.
    Require,
    /// A successful answer with a `<response>` must carry a `<sign>`, and
    /// every `<sign>` must verify: what the evidence shows the gateway
    /// doing (answers with data signed; failures and bare successes not).
    /// An answer with data whose sign was stripped is refused.
    RequireWithResponse,
    /// A `<sign>`, when present, must verify.
    #[default]
    IfPresent,
    /// `<sign>` is not checked.
    Skip,
}

/// Why a server call did not give a typed answer. Each stage has its own
/// variant: the request, the network, the HTTP status, the body's charset,
/// the XML, the signature, the gateway's own failure, the typed fields.
///
/// `Debug` shows a status error's body by its start and length, and an
/// answer by its outcome and parameter names, leaving received values out
/// as `Display` does (the fields have them).
#[non_exhaustive]
pub enum CallError<E> {
    /// The request could not be built or signed (nothing was sent).
    Request(RequestError),
    /// No HTTP answer: connection, timeout ([`TransportError::is_timeout`]),
    /// broken transfer.
    Network(TransportError),
    /// The gateway answered with an HTTP status other than 200. A redirect
    /// (`3xx`) is one too: it is never followed (see
    /// [transport](crate::transport#redirects)), and the message names its
    /// `Location`.
    Status {
        /// The status.
        status: u16,
        /// The body, as received.
        body: Vec<u8>,
        /// The `Location` header, as text, when the answer has one (a
        /// redirect's target).
        location: Option<String>,
    },
    /// The body's bytes are not valid in the encoding its XML declaration
    /// names (with no declaration: the `Content-Type`'s charset, else the
    /// client's, which the request was sent in), that encoding is unknown,
    /// the declaration and the `Content-Type` disagree, or, with nothing
    /// naming one, a GBK client's XML is valid UTF-8 too (see
    /// [`XmlAnswer::parse_answer_to`]).
    Charset {
        /// The encoding label that was used.
        encoding: String,
        /// What is wrong.
        reason: String,
    },
    /// The body is not well-formed XML of the answer's shape (a truncated
    /// body ends here), or not XML at all (an HTML page served with status
    /// 200): `kind` says which.
    Xml {
        /// What is wrong and where.
        reason: String,
        /// What kind of problem it is.
        kind: XmlErrorKind,
    },
    /// The answer's `<sign>` is missing (under [`SignPolicy::Require`]), of
    /// another sign type, or does not verify; [`ReturnError::signing_string`]
    /// gives the string that was checked.
    Signature(ReturnError),
    /// The gateway answered `<is_success>F</is_success><error>CODE</error>`.
    ///
    /// A failure answer that names no code (no `<error>`, or an empty one)
    /// comes here too, its `code` parsed from the empty string
    /// (`as_str() == ""`, `answer.error()` is `None` or `Some("")`); the
    /// message says that no code was given.
    Gateway {
        /// The code, typed by the interface's error table (or `Unknown`).
        code: E,
        /// The whole answer.
        answer: Box<XmlAnswer>,
    },
    /// The answer checked out but a declared field is missing or malformed.
    Field {
        /// What is wrong.
        error: FieldError,
        /// The whole answer.
        answer: Box<XmlAnswer>,
    },
}

impl<E: fmt::Debug> fmt::Debug for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Request(e) => f.debug_tuple("Request").field(e).finish(),
            CallError::Network(e) => f.debug_tuple("Network").field(e).finish(),
            CallError::Status {
                status,
                body,
                location,
            } => crate::transport::debug_status(f, *status, body, location.as_deref()),
            CallError::Charset { encoding, reason } => f
                .debug_struct("Charset")
                .field("encoding", encoding)
                .field("reason", reason)
                .finish(),
            CallError::Xml { reason, kind } => f
                .debug_struct("Xml")
                .field("reason", reason)
                .field("kind", kind)
                .finish(),
            CallError::Signature(e) => f.debug_tuple("Signature").field(e).finish(),
            CallError::Gateway { code, answer } => f
                .debug_struct("Gateway")
                .field("code", code)
                .field("answer", &AnswerShape(answer))
                .finish(),
            CallError::Field { error, answer } => f
                .debug_struct("Field")
                .field("error", error)
                .field("answer", &AnswerShape(answer))
                .finish(),
        }
    }
}

impl<E> From<AnswerError> for CallError<E> {
    fn from(e: AnswerError) -> Self {
        match e {
            AnswerError::Charset { encoding, reason } => CallError::Charset { encoding, reason },
            AnswerError::Xml { reason, kind } => CallError::Xml { reason, kind },
        }
    }
}

impl<E> From<RequestError> for CallError<E> {
    fn from(e: RequestError) -> Self {
        CallError::Request(e)
    }
}

/// An answer in a `Debug` output: its outcome and its signed parameters as
/// (name, length in bytes), the values left out (the `answer` field has
/// them).
struct AnswerShape<'a>(&'a XmlAnswer);

impl fmt::Debug for AnswerShape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("XmlAnswer")
            .field("is_success", &self.0.is_success())
            .field("error", &self.0.error())
            .field(
                "params",
                &crate::verify::names_and_lengths(self.0.signed_params()),
            )
            .finish_non_exhaustive()
    }
}

/// What a call's error adds when the request may have reached the gateway
/// ([`CallError::gateway_may_have_acted`]): a trade may have changed all
/// the same.
const MAY_HAVE_TAKEN_EFFECT: &str = "; the gateway may have acted on the request, so a call \
    that changes a trade may have taken effect: query it before sending it again";

impl<E: GatewayErrorCode> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Request(e) => write!(f, "cannot build the request: {e}"),
            CallError::Network(e) => e.fmt(f),
            CallError::Status {
                status,
                body,
                location,
            } => {
                crate::transport::write_status(f, "the gateway", *status, location.as_deref(), body)
            }
            CallError::Charset { encoding, reason } => {
                write!(f, "cannot decode the answer as {encoding}: {reason}")
            }
            // Only a 200 gets this far.
            CallError::Xml { reason, kind } => {
                crate::answer::write_xml_error(f, reason, kind, Some(200))
            }
            CallError::Signature(ReturnError::MissingSign) => {
                f.write_str("the answer has no <sign>, which the sign policy requires of it")
            }
            CallError::Signature(e) => write!(f, "the answer's <sign> is refused: {e}"),
            CallError::Gateway { code, .. } if code.as_str().is_empty() => f.write_str(
                "the gateway reports failure (<is_success>F</is_success>) without an error code",
            ),
            CallError::Gateway { code, .. } => {
                write!(f, "the gateway reports failure {}", code.as_str())?;
                if let Some(meaning) = code.meaning() {
                    write!(f, " ({meaning})")?;
                }
                Ok(())
            }
            CallError::Field { error, .. } => write!(
                f,
                "the answer's <response>: {error} (the call itself succeeded: the gateway acted \
                 on it)"
            ),
        }?;
        if self.gateway_may_have_acted() {
            f.write_str(MAY_HAVE_TAKEN_EFFECT)?;
        }
        Ok(())
    }
}

impl<E> CallError<E> {
    /// Whether the request may have reached the gateway, and a trade
    /// changed, although the call failed: a broken exchange or a timeout
    /// (not a refused connection), a server error status (a proxy's 502,
    /// 504), an answer cut short (the unknown outcome's message says so
    /// itself; an HTML page is most likely a proxy's, which the gateway
    /// never saw), in a charset it does not declare, or whose sign is
    /// refused or missing.
    fn gateway_may_have_acted(&self) -> bool {
        match self {
            CallError::Network(e) => e.kind() != crate::transport::TransportErrorKind::Connect,
            CallError::Status { status, .. } => *status >= 500,
            CallError::Xml { kind, .. } => *kind == XmlErrorKind::Malformed,
            CallError::Charset { .. } | CallError::Signature(_) => true,
            CallError::Request(_) | CallError::Gateway { .. } | CallError::Field { .. } => false,
        }
    }
}

impl<E> CallError<E> {
    /// The signing string of the answer's `<sign>` when that sign was
    /// refused ([`CallError::Signature`]); for debugging, like
    /// [`ReturnError::signing_string`] (`Display` shows parameter names
    /// only).
    pub fn signing_string(&self) -> Option<&str> {
        match self {
            CallError::Signature(e) => e.signing_string(),
            _ => None,
        }
    }
}

impl<E: GatewayErrorCode> std::error::Error for CallError<E> {
    /// Every error of this crate writes the error it wraps into its own
    /// message, so its `source` is what *that* error wraps: a chain walker
    /// (`anyhow`'s `{:#}`, `tracing`'s error fields) prints each message
    /// once, and the message alone (`{e}`) says all.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallError::Request(e) => e.source(),
            CallError::Network(e) => e.source(),
            CallError::Signature(e) => e.source(),
            CallError::Field { error, .. } => error.source(),
            _ => None,
        }
    }
}

/// A checked answer: the typed value of `<response>` and the whole decoded
/// answer, undeclared leaves included.
///
/// For the usual answer (a success whose signed element holds leaves only),
/// [`Client::read_answer`] checks and types it straight from the parsed
/// document and keeps that document: the [`XmlAnswer`] behind
/// [`answer`](Self::answer), [`response`](Self::response) and
/// [`undeclared`](Self::undeclared), and the text of
/// [`signing_string`](Self::signing_string), are made the first time one
/// of them is asked for (without parsing again), then kept. A caller that
/// only reads [`value`](Self::value) never pays for them.
pub struct Answered<T> {
    value: T,
    answer: Whole,
    signing_string: Signed,
    declared: &'static [FieldSpec],
}

/// The whole answer of an [`Answered`]: read in full, or (the usual answer)
/// typed straight from roxmltree's document, which is kept to build the
/// [`XmlAnswer`] from when it is first asked for.
struct Whole {
    parsed: Option<ParsedAnswer>,
    answer: OnceLock<XmlAnswer>,
}

impl Whole {
    fn built(answer: XmlAnswer) -> Self {
        Whole {
            parsed: None,
            answer: OnceLock::from(answer),
        }
    }

    fn get(&self) -> &XmlAnswer {
        self.answer.get_or_init(|| {
            // Only a document `ParsedAnswer::scan` accepted is kept, and it
            // accepts none that the full reading refuses (the tests read
            // every shape both ways: `tests/typed_reads.rs`).
            let built = self.parsed.as_ref().map(ParsedAnswer::build);
            debug_assert!(
                !matches!(built, Some(Err(_))),
                "an answer scanned as usual was refused when built: {built:?}"
            );
            built.and_then(Result::ok).unwrap_or_default()
        })
    }
}

/// The signing string of an [`Answered`]'s `<sign>`.
enum Signed {
    /// Made when the sign was checked; `None` when no sign was.
    Made(Option<SigningString>),
    /// A sign was checked over the UTF-8 bytes of the answer's
    /// [`signed_params`](XmlAnswer::signed_params), fed to the hash as they
    /// came: their string is made when it is first asked for.
    Utf8(OnceLock<Option<SigningString>>),
}

impl<T> Answered<T> {
    fn signing(&self) -> Option<&SigningString> {
        match &self.signing_string {
            Signed::Made(made) => made.as_ref(),
            Signed::Utf8(later) => later
                .get_or_init(|| {
                    // UTF-8 encodes every text: never an error.
                    signing_string_in_place(self.answer().signed_params(), Charset::Utf8).ok()
                })
                .as_ref(),
        }
    }
}

impl<T: Clone> Clone for Answered<T> {
    fn clone(&self) -> Self {
        Answered {
            value: self.value.clone(),
            answer: Whole::built(self.answer().clone()),
            signing_string: Signed::Made(self.signing().cloned()),
            declared: self.declared,
        }
    }
}

impl<T: PartialEq> PartialEq for Answered<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
            && self.answer() == other.answer()
            && self.signing() == other.signing()
            && self.declared == other.declared
    }
}

impl<T: Eq> Eq for Answered<T> {}

impl<T: fmt::Debug> fmt::Debug for Answered<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answered")
            .field("value", &self.value)
            .field("answer", self.answer())
            .field("signing_string", &self.signing())
            .field("declared", &self.declared)
            .finish()
    }
}

impl<T> Answered<T> {
    /// The typed value.
    pub fn value(&self) -> &T {
        &self.value
    }
    /// The typed value, leaving the rest.
    pub fn into_value(self) -> T {
        self.value
    }
    /// The whole decoded answer.
    pub fn answer(&self) -> &XmlAnswer {
        self.answer.get()
    }
    /// The `<response>` tree, when the answer has one.
    pub fn response(&self) -> Option<XmlElementRef<'_>> {
        self.answer().response()
    }
    /// The signing string `<sign>` was verified over; `None` when no sign
    /// was checked.
    pub fn signing_string(&self) -> Option<&SigningString> {
        self.signing()
    }
    /// Leaves of `<response>` the answer table does not declare, as
    /// (`trade.buyer_id`-style dotted path, text): the gateway adds elements
    /// over time.
    pub fn undeclared(&self) -> Vec<(String, &str)> {
        match self.answer().response() {
            Some(response) => undeclared_leaves(response, self.declared),
            None => Vec::new(),
        }
    }
}

impl<T> std::ops::Deref for Answered<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Leaves of `response` (the `<response>` element) that `declared` (an
/// answer table) does not list, as (dotted path, text).
pub fn undeclared_leaves<'a>(
    response: XmlElementRef<'a>,
    declared: &[FieldSpec],
) -> Vec<(String, &'a str)> {
    let mut out = Vec::new();
    for child in response.children() {
        undeclared_walk(child, &mut Vec::new(), declared, &mut out);
    }
    out
}

fn undeclared_walk<'a>(
    element: XmlElementRef<'a>,
    path: &mut Vec<&'a str>,
    declared: &[FieldSpec],
    out: &mut Vec<(String, &'a str)>,
) {
    if element.is_leaf() {
        let is_declared = declared.iter().any(|f| {
            // A repeated leaf's row is named `tag[]`.
            f.name.strip_suffix("[]").unwrap_or(f.name) == element.name()
                && f.path.len() == path.len()
                && f.path
                    .iter()
                    .zip(path.iter())
                    .all(|(p, q)| p.strip_suffix("[]").unwrap_or(p) == *q)
        });
        if !is_declared {
            let mut dotted = path.join(".");
            if !dotted.is_empty() {
                dotted.push('.');
            }
            dotted.push_str(element.name());
            out.push((dotted, element.text()));
        }
        return;
    }
    path.push(element.name());
    for child in element.children() {
        undeclared_walk(child, path, declared, out);
    }
    path.pop();
}

/// The required parts of an answer table that an answer lacks, as dotted
/// paths from inside `<response>`: what the typed reading
/// ([`ServiceAnswer::from_response`], generated) refuses with
/// [`FieldError::Missing`], for code that reads answers without their type
/// (the command line's `call`).
///
/// `response` is the answer's `<response>` (`None`: the answer has none,
/// as a bare success). By the generated reading's rules:
///
/// - a leaf the table marks not nullable (`可空 N`) is missing when absent
///   or empty (`trade.trade_no`); a repeated leaf (`tag[]`) never is;
/// - an element is required when its own row says not nullable, or (with
///   no row) when one of its leaves or elements is required; a missing
///   required element is named itself (`trade`), and the leaves of a
///   missing optional element are not looked for;
/// - a repeated element (`item[]`) is never required; each occurrence is
///   checked, named with its index from 0 (`trade.item[1].price`).
///
/// A leaf given twice or holding elements is not "missing" (the typed
/// reading refuses it as invalid), and only the first of an element given
/// twice is looked into.
///
/// ```
/// use alipay_mapi_runtime::{answer::XmlAnswer, call::missing_required, Charset, FieldSpec};
/// const fn required(name: &'static str, path: &'static [&'static str]) -> FieldSpec {
///     FieldSpec { nullable: false, ..FieldSpec::optional_string(name, path) }
/// }
/// let table = [required("trade_no", &["trade"]), required("price", &["trade", "item[]"])];
/// let body = "<alipay><is_success>T</is_success><response><trade>\
///     <item><price>1.00</price></item><item><price></price></item></trade></response></alipay>";
/// let answer = XmlAnswer::parse(body.as_bytes(), Charset::Utf8).unwrap();
/// let missing = missing_required(answer.response(), &table);
/// let paths: Vec<&str> = missing.iter().map(|m| m.path.as_str()).collect();
/// assert_eq!(paths, ["trade.trade_no", "trade.item[1].price"]);
/// assert_eq!(missing[1].row, Some(&table[1]));
/// ```
pub fn missing_required<'a>(
    response: Option<XmlElementRef<'_>>,
    declared: &'a [FieldSpec],
) -> Vec<Missing<'a>> {
    let mut missing = Vec::new();
    let mut scope = Vec::new();
    check_required(response, declared, &mut scope, "", &mut missing);
    missing
}

/// A required part of an answer table that an answer lacks (see
/// [`missing_required`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing<'a> {
    /// Its dotted path from inside `<response>` (`trade.trade_no`,
    /// `trade.item[1].price`, `trade` for an element).
    pub path: String,
    /// Whether it is an element (else a leaf).
    pub element: bool,
    /// Its row of the table: the leaf's, or the element's own row when the
    /// table gives it one (its meaning is the row's `label`).
    pub row: Option<&'a FieldSpec>,
}

/// Whether two path steps (or a step and a row's name) name the same
/// element, `[]` aside.
fn same_step(a: &str, b: &str) -> bool {
    a.strip_suffix("[]").unwrap_or(a) == b.strip_suffix("[]").unwrap_or(b)
}

/// Whether `path` starts with `scope`, step by step.
fn within(path: &[&str], scope: &[&str]) -> bool {
    path.len() >= scope.len() && path.iter().zip(scope).all(|(a, b)| same_step(a, b))
}

/// Whether the element at `scope` (its steps) must be present: its own row
/// says not nullable, or, with no row, one of its members is required.
fn element_required(declared: &[FieldSpec], scope: &[&str]) -> bool {
    let Some(last) = scope.last() else {
        return true;
    };
    if last.ends_with("[]") {
        return false;
    }
    if let Some(row) = own_row(declared, scope) {
        return !row.nullable;
    }
    let (leaves, children) = members(declared, scope);
    if !leaves.is_empty() {
        return true;
    }
    children.into_iter().any(|child| {
        let mut deeper = scope.to_vec();
        deeper.push(child);
        element_required(declared, &deeper)
    })
}

/// The members of the element at `scope` (its steps) that the table
/// declares: its required leaves (not nullable, not repeated, not an
/// element's own row), and the steps of its child elements, each once.
fn members<'a>(declared: &'a [FieldSpec], scope: &[&str]) -> (Vec<&'a FieldSpec>, Vec<&'a str>) {
    let (mut leaves, mut children): (Vec<&FieldSpec>, Vec<&str>) = (Vec::new(), Vec::new());
    for f in declared.iter().filter(|f| within(f.path, scope)) {
        match f.path.get(scope.len()) {
            None if !f.nullable && !f.name.ends_with("[]") && !is_element_row(declared, f) => {
                leaves.push(f);
            }
            None => {}
            Some(step) if !children.iter().any(|c| same_step(c, step)) => children.push(step),
            Some(_) => {}
        }
    }
    (leaves, children)
}

/// The own row of the element at `scope` (its steps), when the table gives
/// it one.
fn own_row<'a>(declared: &'a [FieldSpec], scope: &[&str]) -> Option<&'a FieldSpec> {
    let (last, parent) = scope.split_last()?;
    declared
        .iter()
        .find(|f| f.path.len() == parent.len() && within(f.path, parent) && same_step(f.name, last))
}

/// Whether `f` is an element's own row (a row named like an element that
/// other rows sit in), not a leaf.
fn is_element_row(declared: &[FieldSpec], f: &FieldSpec) -> bool {
    declared.iter().any(|g| {
        g.path.len() > f.path.len()
            && within(g.path, f.path)
            && g.path
                .get(f.path.len())
                .is_some_and(|step| same_step(step, f.name))
    })
}

fn check_required<'a>(
    element: Option<XmlElementRef<'_>>,
    declared: &'a [FieldSpec],
    scope: &mut Vec<&'a str>,
    at: &str,
    missing: &mut Vec<Missing<'a>>,
) {
    let join = |name: &str| {
        if at.is_empty() {
            name.to_owned()
        } else {
            format!("{at}.{name}")
        }
    };
    let (leaves, children) = members(declared, scope);
    for f in leaves {
        let absent = match element.and_then(|e| e.child(f.name)) {
            None => true,
            Some(leaf) => leaf.leaf_text() == Some(""),
        };
        if absent {
            missing.push(Missing {
                path: join(f.name),
                element: false,
                row: Some(f),
            });
        }
    }
    for step in children {
        let name = step.strip_suffix("[]").unwrap_or(step);
        scope.push(step);
        if step.ends_with("[]") {
            for (i, item) in element
                .into_iter()
                .flat_map(|e| e.children_named(name))
                .enumerate()
            {
                check_required(
                    Some(item),
                    declared,
                    scope,
                    &join(&format!("{name}[{i}]")),
                    missing,
                );
            }
        } else {
            match element.and_then(|e| e.child(name)) {
                Some(child) => check_required(Some(child), declared, scope, &join(name), missing),
                None if element_required(declared, scope) => missing.push(Missing {
                    path: join(name),
                    element: true,
                    row: own_row(declared, scope),
                }),
                None => {}
            }
        }
        scope.pop();
    }
}

/// Checks an answer's `<sign>` under `policy`, over its
/// [`signed_params`](XmlAnswer::signed_params) encoded in `charset` (see
/// the [module docs](self) for the rule). `Ok(Some(string))` when a sign was
/// verified over `string`; `Ok(None)` when none was checked.
pub fn verify_answer(
    answer: &XmlAnswer,
    verifier: Option<&Verifier>,
    policy: SignPolicy,
    charset: Charset,
) -> Result<Option<SigningString>, ReturnError> {
    // A failure's `<sign>` covers nothing documented (it has no
    // `<response>`): the failure is reported as the gateway's code.
    if !answer.is_success() {
        return Ok(None);
    }
    let has_response = answer.response().is_some();
    let Some((verifier, sign)) = sign_to_check(
        answer.sign(),
        answer.sign_type(),
        has_response,
        verifier,
        policy,
    )?
    else {
        return Ok(None);
    };
    let mut params = answer.signed_params();
    sort_signed(&mut params)?;
    let signing_string = signing_string_in_place(params, charset).map_err(ReturnError::Charset)?;
    if let Err(error) = verifier.verify(&signing_string, sign) {
        return Err(refused(
            verifier,
            &signing_string,
            answer.signed_params(),
            error,
        ));
    }
    Ok(Some(signing_string))
}

/// Puts an answer's signed parameters in the signing order, refusing one
/// received more than once with a copy empty ([`empty_twin`]).
#[inline]
fn sort_signed(params: &mut [(&str, &str)]) -> Result<(), ReturnError> {
    params.sort_unstable_by(|a, b| signing_order(*a, *b));
    match empty_twin(params) {
        Some(name) => Err(ReturnError::DuplicateParameter { name: name.into() }),
        None => Ok(()),
    }
}

/// Of parameters sorted by name, one received more than once with a copy
/// empty (`<total_fee/>` beside `<total_fee>10.00</total_fee>`, `<tag/>`
/// among `<tag>`s): the signing rule leaves empty values out, so the sign
/// cannot say such a copy was the gateway's, and a reader could take it
/// for the signed one. Refused as a parameter received twice.
#[inline]
fn empty_twin<'a>(sorted: &[(&'a str, &str)]) -> Option<&'a str> {
    // Mostly no value is empty: nothing to compare.
    if sorted.iter().all(|(_, value)| !value.is_empty()) {
        return None;
    }
    empty_twin_among(sorted)
}

/// [`empty_twin`] of parameters some of which are empty.
#[cold]
fn empty_twin_among<'a>(sorted: &[(&'a str, &str)]) -> Option<&'a str> {
    sorted
        .windows(2)
        .find(|pair| match pair {
            [(a, x), (b, y)] => a == b && (x.is_empty() || y.is_empty()),
            _ => false,
        })
        .and_then(|pair| pair.first())
        .map(|&(name, _)| name)
}

/// What a success's `<sign>` is checked with under `policy`: the verifier
/// and the sign (trimmed), its `<sign_type>` checked to be the verifier's;
/// `None` when no sign is to be checked, and [`ReturnError::MissingSign`]
/// when the policy requires one that is missing or empty.
fn sign_to_check<'v, 's>(
    sign: Option<&'s str>,
    sign_type: Option<&str>,
    has_response: bool,
    verifier: Option<&'v Verifier>,
    policy: SignPolicy,
) -> Result<Option<(&'v Verifier, &'s str)>, ReturnError> {
    let required = match policy {
        SignPolicy::Skip => return Ok(None),
        SignPolicy::Require => true,
        SignPolicy::RequireWithResponse => has_response,
        SignPolicy::IfPresent => false,
    };
    let sign = match sign {
        Some(sign) if !sign.is_empty() => sign,
        _ if required => return Err(ReturnError::MissingSign),
        _ => return Ok(None),
    };
    let verifier = verifier.ok_or(ReturnError::NoVerifier)?;
    check_sign_type(sign_type.filter(|t| !t.is_empty()), verifier.sign_type())?;
    Ok(Some((verifier, sign.trim())))
}

/// The refusal of a sign over `signing_string`, made of `params`: the
/// string, and the parameters' names and lengths.
fn refused<'p>(
    verifier: &Verifier,
    signing_string: &SigningString,
    params: impl IntoIterator<Item = (&'p str, &'p str)>,
    error: crate::sign::SignatureError,
) -> ReturnError {
    ReturnError::BadSignature {
        sign_type: verifier.sign_type(),
        signing_string: signing_string.as_str().to_owned(),
        params: crate::verify::signed_lengths(params),
        error,
    }
}

/// [`verify_answer`] of a success of the usual shape, read in roxmltree's
/// document ([`ParsedAnswer::scan`]): the same checks, the same errors. In
/// UTF-8 the sorted parameters are fed to the hash as they are, and their
/// signing string is only made to report a mismatch.
fn verify_scanned(
    scan: Scan<'_>,
    verifier: Option<&Verifier>,
    policy: SignPolicy,
    charset: Charset,
) -> Result<Signed, ReturnError> {
    // A success with a `<response>`.
    let Some((verifier, sign)) = sign_to_check(scan.sign, scan.sign_type, true, verifier, policy)?
    else {
        return Ok(Signed::Made(None));
    };
    // Neither the order of the pairs nor those left out change the string
    // or the lengths a refusal reports: both filter and sort.
    let source = scan.source;
    let Flat { mut nodes, leaves } = scan.response;
    let params = nodes.get_mut(leaves as usize..).unwrap_or_default();
    // In UTF-8 the sorted pairs are fed to the hash as they lie, and their
    // string is made only to report a mismatch; in another charset it is
    // made to be hashed.
    sort_signed(params)?;
    let made = if charset == Charset::Utf8 {
        None
    } else {
        Some(signing_string_in_place(params.to_vec(), charset).map_err(ReturnError::Charset)?)
    };
    let checked = match &made {
        Some(made) => verifier.verify(made, sign),
        None => verifier.verify_pieces(
            &Utf8Pairs {
                pairs: params,
                source,
            },
            sign,
        ),
    };
    if let Err(error) = checked {
        let made = match made {
            Some(made) => made,
            None => {
                signing_string_in_place(params.to_vec(), charset).map_err(ReturnError::Charset)?
            }
        };
        return Err(refused(verifier, &made, params.iter().copied(), error));
    }
    Ok(match made {
        Some(made) => Signed::Made(Some(made)),
        None => Signed::Utf8(OnceLock::new()),
    })
}

/// The UTF-8 bytes of the signing string of sorted pairs, those it holds
/// ([`is_signed`]), as pieces; each name and value is given with the text
/// after it in the answer when it is a slice of it (see
/// [`Pieces::each_run`](crate::sign::Pieces::each_run)).
struct Utf8Pairs<'a> {
    pairs: &'a [(&'a str, &'a str)],
    source: &'a str,
}

impl Utf8Pairs<'_> {
    /// `s` with what follows it in the answer's text, and its length.
    #[inline]
    fn run<'s>(&'s self, s: &'s str) -> (&'s [u8], usize) {
        let from = crate::answer::offset_in(self.source, s)
            .and_then(|start| self.source.as_bytes().get(start..));
        (from.unwrap_or(s.as_bytes()), s.len())
    }
}

impl crate::sign::Pieces for Utf8Pairs<'_> {
    fn each(&self, mut feed: impl FnMut(&[u8])) {
        self.each_run(|run, len| feed(run.get(..len).unwrap_or_default()));
    }

    fn each_run(&self, mut feed: impl FnMut(&[u8], usize)) {
        let mut first = true;
        for (name, value) in self.pairs {
            if !is_signed(name, value) {
                continue;
            }
            if !first {
                feed(b"&", 1);
            }
            first = false;
            let (run, len) = self.run(name);
            feed(run, len);
            feed(b"=", 1);
            let (run, len) = self.run(value);
            feed(run, len);
        }
    }
}

impl SignedRequest {
    /// The request as a server call sends it: `POST
    /// {gateway}?_input_charset={charset}` with every parameter in a form
    /// body percent-encoded from the bytes of the request charset (see the
    /// [`call`](crate::call) module docs).
    pub fn http_request(&self) -> HttpRequest {
        let charset = self.charset();
        let mut uri = self.gateway().to_owned();
        uri.push(if uri.contains('?') { '&' } else { '?' });
        uri.push_str("_input_charset=");
        uri.push_str(charset.as_str());
        let mut request = http::Request::new(self.form_body().into_bytes());
        *request.method_mut() = http::Method::POST;
        // The gateway address was checked to be an absolute URL when the
        // client was configured; `url` writes it in the ASCII form `http`
        // reads (a URI it still refused would stay the request's default `/`
        // and fail in the transport as a relative URL).
        let uri = url::Url::parse(&uri).map(String::from).unwrap_or(uri);
        if let Ok(uri) = uri.parse() {
            *request.uri_mut() = uri;
        }
        if let Ok(value) = http::HeaderValue::from_str(&format!(
            "application/x-www-form-urlencoded; charset={}",
            charset.as_str()
        )) {
            request
                .headers_mut()
                .insert(http::header::CONTENT_TYPE, value);
        }
        request
    }
}

impl Client {
    /// Signs a declared server interface's request and builds the HTTP
    /// request that sends it (no I/O).
    pub fn server_request<R: ServerRequest>(
        &self,
        request: &R,
    ) -> Result<HttpRequest, RequestError> {
        Ok(self.sign_request(request)?.http_request())
    }

    /// Reads a server call's HTTP answer into the interface's typed
    /// `Answer` (no I/O): the status must be 200, the body decoded in its
    /// declared encoding (else the `Content-Type`'s charset, else the
    /// client's charset, which the request was sent in:
    /// [`XmlAnswer::parse_answer_to`]), parsed, its `<sign>` checked under the client's
    /// [`SignPolicy`], a failure turned into the interface's error code.
    pub fn read_answer<A: ServiceAnswer>(
        &self,
        response: &HttpResponse,
    ) -> Result<Answered<A>, CallError<A::ErrorCode>> {
        let parsed = self.parse_answer(response)?;
        // The usual answer is checked and typed in the document; its own
        // tree is built when asked for.
        if let Some(scan) = parsed.scan() {
            let charset = parsed.charset().unwrap_or(self.charset());
            // Typed first, from the leaves in document order, which the
            // check then sorts; a refused sign is still reported first.
            let value = A::from_response(scan.response.response());
            let signing_string = verify_scanned(scan, self.verifier(), self.sign_policy(), charset)
                .map_err(CallError::Signature)?;
            let answer = Whole {
                parsed: Some(parsed),
                answer: OnceLock::new(),
            };
            return match value {
                Ok(value) => Ok(Answered {
                    value,
                    answer,
                    signing_string,
                    declared: A::FIELDS,
                }),
                Err(error) => Err(CallError::Field {
                    error,
                    answer: Box::new(answer.get().clone()),
                }),
            };
        }
        let answer = parsed.build()?;
        let signing_string = self.verify(&answer)?;
        if !answer.is_success() {
            let code = answer.error().unwrap_or_default();
            let code = match code.parse() {
                Ok(code) => code,
                Err(never) => match never {},
            };
            return Err(CallError::Gateway {
                code,
                answer: Box::new(answer),
            });
        }
        // A bare success reads as an empty `<response>`.
        let empty;
        let response = match answer.response() {
            Some(response) => response,
            None => {
                empty = XmlTree::from_element(&XmlElement {
                    name: "response".into(),
                    ..XmlElement::default()
                });
                empty.root()
            }
        };
        let value = match A::from_response(response) {
            Ok(value) => value,
            Err(error) => {
                return Err(CallError::Field {
                    error,
                    answer: Box::new(answer),
                })
            }
        };
        Ok(Answered {
            value,
            answer: Whole::built(answer),
            signing_string: Signed::Made(signing_string),
            declared: A::FIELDS,
        })
    }

    /// Reads a server call's HTTP answer without a declared type: status,
    /// charset, XML and `<sign>` are checked as by
    /// [`read_answer`](Self::read_answer); a failure's code comes as text.
    pub fn read_answer_untyped(
        &self,
        response: &HttpResponse,
    ) -> Result<UntypedAnswer, CallError<String>> {
        let (answer, signing_string) = self.check_answer(response)?;
        if !answer.is_success() {
            return Err(CallError::Gateway {
                code: answer.error().unwrap_or_default().to_owned(),
                answer: Box::new(answer),
            });
        }
        Ok((answer, signing_string))
    }

    fn check_answer<E>(
        &self,
        response: &HttpResponse,
    ) -> Result<(XmlAnswer, Option<SigningString>), CallError<E>> {
        let answer = XmlAnswer::parse_answer_to(
            response.body(),
            content_type(response)?.as_deref(),
            self.charset(),
        )?;
        let signing_string = self.verify(&answer)?;
        Ok((answer, signing_string))
    }

    /// The body of a server call's answer decoded and parsed, the status
    /// checked first: what [`check_answer`](Self::check_answer) reads
    /// before the shape of the XML.
    fn parse_answer<E>(&self, response: &HttpResponse) -> Result<ParsedAnswer, CallError<E>> {
        let content_type = content_type(response)?;
        Ok(ParsedAnswer::parse(
            response.body(),
            content_type.as_deref(),
            self.charset(),
        )?)
    }

    /// [`verify_answer`] under the client's verifier and sign policy, in
    /// the answer's charset (else the client's).
    fn verify<E>(&self, answer: &XmlAnswer) -> Result<Option<SigningString>, CallError<E>> {
        let charset = answer.charset().unwrap_or(self.charset());
        verify_answer(answer, self.verifier(), self.sign_policy(), charset)
            .map_err(CallError::Signature)
    }

    /// Calls a declared server interface: signs `request`, sends it with
    /// `transport`, reads the answer ([`read_answer`](Self::read_answer)).
    ///
    /// ```no_run
    /// # async fn f<R: alipay_mapi_runtime::ServerRequest>(client: alipay_mapi_runtime::Client, request: R) {
    /// # #[cfg(feature = "reqwest")] {
    /// use alipay_mapi_runtime::transport::reqwest::Transport;
    /// let transport = Transport::new(std::time::Duration::from_secs(10)).unwrap();
    /// match client.call(&transport, &request).await {
    ///     Ok(answered) => { /* answered.value(), answered.undeclared() */ }
    ///     Err(e) => eprintln!("{e}"),
    /// }
    /// # }
    /// # }
    /// ```
    pub async fn call<R: ServerRequest, T: AsyncTransport>(
        &self,
        transport: &T,
        request: &R,
    ) -> Result<Answered<R::Answer>, CallError<<R::Answer as ServiceAnswer>::ErrorCode>> {
        let http = self.server_request(request)?;
        let response = transport.send(http).await.map_err(CallError::Network)?;
        self.read_answer(&response)
    }

    /// The blocking twin of [`call`](Self::call).
    pub fn call_blocking<R: ServerRequest, T: BlockingTransport>(
        &self,
        transport: &T,
        request: &R,
    ) -> Result<Answered<R::Answer>, CallError<<R::Answer as ServiceAnswer>::ErrorCode>> {
        let http = self.server_request(request)?;
        let response = transport.send(http).map_err(CallError::Network)?;
        self.read_answer(&response)
    }

    /// Calls `service` with business parameters given as pairs, blocking,
    /// and reads the answer untyped (for tools such as the command line's
    /// `call`). Returns the signed request too, for its signing string.
    pub fn call_params_blocking<N: AsRef<str>, V: AsRef<str>, T: BlockingTransport>(
        &self,
        transport: &T,
        service: &str,
        business: &[(N, V)],
    ) -> (
        Option<SignedRequest>,
        Result<UntypedAnswer, CallError<String>>,
    ) {
        let signed = match self.sign_params(service, business) {
            Ok(signed) => signed,
            Err(e) => return (None, Err(CallError::Request(e))),
        };
        let result = transport
            .send(signed.http_request())
            .map_err(CallError::Network)
            .and_then(|response| self.read_answer_untyped(&response));
        (Some(signed), result)
    }
}

/// The `Content-Type` of a server call's answer, once its status is checked
/// to be 200.
fn content_type<E>(
    response: &HttpResponse,
) -> Result<Option<std::borrow::Cow<'_, str>>, CallError<E>> {
    if response.status() != http::StatusCode::OK {
        return Err(CallError::Status {
            status: response.status().as_u16(),
            body: response.body().clone(),
            location: crate::transport::location(response),
        });
    }
    let headers = response.headers();
    Ok((!headers.is_empty())
        .then(|| headers.get(http::header::CONTENT_TYPE))
        .flatten()
        .map(|value| String::from_utf8_lossy(value.as_bytes())))
}

/// Codes as text, for answers read without a declared interface.
impl GatewayErrorCode for String {
    fn as_str(&self) -> &str {
        self
    }
    fn meaning(&self) -> Option<&'static str> {
        None
    }
}

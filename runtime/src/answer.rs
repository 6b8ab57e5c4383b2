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
//! [`XmlAnswer`] is the decoded answer; [`XmlElementRef`] a view of one of
//! its elements, `<response>` and its descendants. A declaration's generated
//! `Answer` type implements [`ServiceAnswer`] and reads itself out of
//! `<response>`. [`XmlElement`] is the owned tree for writing answers
//! ([`gateway_side::xml_answer`](crate::gateway_side::xml_answer)) and for
//! tests, read through the same view with [`XmlTree`].

use std::fmt;
use std::str::FromStr;

use roxmltree::NodeType;

use crate::service::{FieldError, FieldSpec, GatewayErrorCode, ServiceRequest, ServiceSpec};
use crate::types::ParseValueError;

mod tree;

pub(crate) use tree::{offset_in, Flat};
use tree::{Arena, List, Span, TooLarge, NONE};
pub use tree::{XmlChildren, XmlElement, XmlElementRef, XmlTree};

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
    fn from_response(response: XmlElementRef<'_>) -> Result<Self, FieldError>;
}

/// A request of a page-call interface (页面跳转): it can be turned into a
/// signed URL or form for the buyer's browser.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a page call's request: no signed URL or form is made of it",
    label = "not a page call (页面跳转)",
    note = "a server call's request is sent with `Client::call` / `call_blocking`; an app \
            payment's is signed into an order string with \
            `alipay_mapi::variants::mobile::order_string_for`; the interface's access kind \
            is its `SPEC.access`"
)]
pub trait PageRequest: ServiceRequest {}

/// A request of a server-call interface (服务器调用): it is sent by the
/// merchant's server and answered with XML read into [`Self::Answer`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a server call's request: the merchant's server does not send it",
    label = "not a server call (服务器调用)",
    note = "a page call's request becomes a signed URL or form with `Client::page_url` / \
            `page_form`; an app payment's is signed into an order string with \
            `alipay_mapi::variants::mobile::order_string_for`; the interface's access kind \
            is its `SPEC.access`"
)]
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
/// once. Every name and text of the answer is kept in one string and its
/// elements in one vector, which [`XmlElementRef`]s view: parsing allocates
/// a fixed number of times, however many elements the answer has.
///
/// Two answers are equal when they hold the same: success, error, request
/// parameters, `<response>`, sign, sign type, other elements and encoding.
#[derive(Clone)]
pub struct XmlAnswer {
    is_success: bool,
    encoding: &'static str,
    arena: Arena,
    error: Option<Span>,
    sign: Option<Span>,
    sign_type: Option<Span>,
    /// The first `<param>` of `<request>` (its name and text), the others
    /// its next siblings; `NONE` for none.
    request: u32,
    /// The node of `<response>`.
    response: Option<u32>,
    /// The node whose children the `<sign>` covers (see
    /// [`signed_params`](Self::signed_params)); `NONE` with no `<response>`.
    signed: u32,
    /// The end of its descendants, which follow it in document order.
    signed_end: u32,
    /// The XML fragments of the children of `signed` that have child
    /// elements; `None` in a flat answer (the usual one: the answer stays
    /// small to move).
    fragments: Option<Box<Fragments>>,
    /// The first other child of `<alipay>`, the others its next siblings;
    /// `NONE` for none.
    others: u32,
}

impl Default for XmlAnswer {
    /// An answer with nothing: not a success, no elements, no encoding.
    fn default() -> Self {
        XmlAnswer {
            is_success: false,
            encoding: "",
            arena: Arena::default(),
            error: None,
            sign: None,
            sign_type: None,
            request: NONE,
            response: None,
            signed: NONE,
            signed_end: NONE,
            fragments: None,
            others: NONE,
        }
    }
}

impl XmlAnswer {
    /// Whether `<is_success>` is `T` (else it is `F`: any other value is
    /// refused when parsing, [`XmlErrorKind::UnknownOutcome`]).
    pub fn is_success(&self) -> bool {
        self.is_success
    }
    /// The `<error>` code, when the answer has one, without whitespace
    /// around it. Kept whatever `<is_success>` says: a success may carry
    /// one too (`<is_success>T</is_success><error>SUCCESS</error>`, recorded
    /// from `batch_trans_notify_no_pwd`). A failure without `<error>` gives
    /// `None`.
    pub fn error(&self) -> Option<&str> {
        self.error.map(|span| self.arena.str(span))
    }
    /// The request's parameters as the gateway echoes them in
    /// `<request><param name="…">…</param></request>`, as (name, value), in
    /// order.
    pub fn request_params(&self) -> impl Iterator<Item = (&str, &str)> + Clone + '_ {
        self.arena
            .list(self.request)
            .map(|param| (param.name(), param.text()))
    }
    /// The `<response>` element, when the answer has one.
    pub fn response(&self) -> Option<XmlElementRef<'_>> {
        self.response.map(|index| self.arena.element(index))
    }
    /// The `<sign>` text.
    pub fn sign(&self) -> Option<&str> {
        self.sign.map(|span| self.arena.str(span))
    }
    /// The `<sign_type>` text.
    pub fn sign_type(&self) -> Option<&str> {
        self.sign_type.map(|span| self.arena.str(span))
    }
    /// Children of `<alipay>` other than the known ones, kept as received,
    /// in document order.
    pub fn others(&self) -> XmlChildren<'_> {
        self.arena.list(self.others)
    }
    /// The encoding the bytes were decoded from (`UTF-8`, `GBK`, …, as
    /// `encoding_rs` names it).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// Parses an answer body whose charset no HTTP header gives: the XML
    /// declaration's encoding, else `fallback`.
    ///
    /// Otherwise as [`parse_with_content_type`](Self::parse_with_content_type);
    /// a [`Client`](crate::Client) reads answers with
    /// [`parse_answer_to`](Self::parse_answer_to).
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
        Self::parse_as(bytes, Undeclared::Fallback(fallback))
    }

    /// Parses an answer body that came with the `Content-Type` header
    /// `content_type` (`None`: no such header).
    ///
    /// ASCII whitespace and a UTF-8 byte order mark before the XML
    /// declaration (or before `<alipay>`) are skipped: they carry no data.
    /// Anything else there is an [`AnswerError::Xml`]. A body that is an
    /// HTML page is an [`AnswerError::Xml`] of kind
    /// [`XmlErrorKind::HtmlPage`], before any charset is looked at.
    ///
    /// The bytes are decoded in the encoding the XML declaration names
    /// (`<?xml version="1.0" encoding="GBK"?>`: GBK answers exist); with no
    /// declaration, in the `Content-Type`'s `charset=`; with neither, as
    /// UTF-8, XML's default. When the declaration and the `Content-Type`
    /// name different charsets (GBK or GB18030 against UTF-8; `gb2312` reads
    /// as GBK) and the body is not pure ASCII, that is an
    /// [`AnswerError::Charset`] naming both: the bytes cannot be trusted to
    /// be either. A `Content-Type` charset unknown to `encoding_rs` is
    /// ignored beside a declaration, and an error without one. Nothing is
    /// guessed beyond that: bytes valid in both charsets are read as the one
    /// charset named (UTF-8 bytes declared GBK, with no `Content-Type`
    /// charset, read as GBK text). Bytes invalid in the encoding are an
    /// [`AnswerError::Charset`] that says which source named it, never
    /// replaced; anything that is not well-formed XML of the answer's shape
    /// is an [`AnswerError::Xml`] that says where.
    ///
    /// ```
    /// use alipay_mapi_runtime::answer::XmlAnswer;
    /// let body = "<alipay><is_success>T</is_success><response><s>图书</s></response></alipay>";
    /// let gbk = encoding_rs::GBK.encode(body).0;
    /// let answer = XmlAnswer::parse_with_content_type(&gbk, Some("text/xml; charset=GBK")).unwrap();
    /// assert_eq!(answer.response().unwrap().child_text("s"), Some("图书"));
    /// // No declaration, no charset: UTF-8, which these bytes are not.
    /// assert!(XmlAnswer::parse_with_content_type(&gbk, Some("text/xml")).is_err());
    /// ```
    pub fn parse_with_content_type(
        bytes: &[u8],
        content_type: Option<&str>,
    ) -> Result<Self, AnswerError> {
        let label = content_type.and_then(crate::verify::charset_param);
        Self::parse_as(bytes, Undeclared::ContentType(label, None))
    }

    /// [`parse_with_content_type`](Self::parse_with_content_type) of the
    /// answer to a request sent in `request` (its `_input_charset`): with
    /// neither an XML declaration nor a `Content-Type` charset, the bytes
    /// are read in `request`, since the gateway answers in the request's
    /// charset (XML's own default, UTF-8, is only right for UTF-8
    /// requests). This is what [`Client::read_answer`](crate::Client::read_answer)
    /// reads with.
    ///
    /// ```
    /// use alipay_mapi_runtime::{answer::XmlAnswer, Charset};
    /// let body = "<alipay><is_success>T</is_success><response><s>图书</s></response></alipay>";
    /// let gbk = encoding_rs::GBK.encode(body).0;
    /// let answer = XmlAnswer::parse_answer_to(&gbk, Some("text/xml"), Charset::Gbk).unwrap();
    /// assert_eq!(answer.response().unwrap().child_text("s"), Some("图书"));
    /// ```
    pub fn parse_answer_to(
        bytes: &[u8],
        content_type: Option<&str>,
        request: crate::Charset,
    ) -> Result<Self, AnswerError> {
        let label = content_type.and_then(crate::verify::charset_param);
        Self::parse_as(bytes, Undeclared::ContentType(label, Some(request)))
    }

    fn parse_as(bytes: &[u8], undeclared: Undeclared<'_>) -> Result<Self, AnswerError> {
        let (text, encoding) = decode(bytes, undeclared)?;
        let mut answer = parse_text(&text)?;
        answer.encoding = encoding.name();
        Ok(answer)
    }
}

/// The text of an answer body and the encoding it was decoded from, as
/// [`XmlAnswer::parse_with_content_type`] says.
fn decode<'b>(
    bytes: &'b [u8],
    undeclared: Undeclared<'_>,
) -> Result<(std::borrow::Cow<'b, str>, &'static encoding_rs::Encoding), AnswerError> {
    if bytes.len() > crate::transport::MAX_ANSWER_LEN {
        return Err(shape(format!(
            "the answer has {} bytes, more than the {} accepted",
            bytes.len(),
            crate::transport::MAX_ANSWER_LEN
        )));
    }
    // A byte order mark and whitespace before `<?xml` or `<alipay>` carry
    // no data (the sign covers what is inside `<response>`, not the
    // body's bytes): roxmltree refuses a declaration after whitespace, so
    // they go.
    let (bytes, bom) = skip_leading(bytes);
    // Before the charset: an HTML page in another charset is still an
    // HTML page, not a charset problem.
    if let Some(page) = html_page_at(bytes) {
        return Err(AnswerError::Xml {
            reason: match &page.title {
                Some(title) => format!("an HTML page titled \"{title}\""),
                None => "an HTML page".to_owned(),
            },
            kind: XmlErrorKind::HtmlPage { title: page.title },
        });
    }
    let unknown = |label: &str, source: &str| AnswerError::Charset {
        encoding: label.to_owned(),
        reason: format!("{source} names an unknown encoding"),
    };
    let (encoding, label, source) = match (declared_encoding(bytes), undeclared) {
        (Some(declared), undeclared) => {
            let encoding =
                encoding_of(declared).ok_or_else(|| unknown(declared, "the XML declaration"))?;
            if let Undeclared::ContentType(Some(header), _) = undeclared {
                // An unknown header label cannot be compared: the
                // declaration decides.
                let disagree =
                    encoding_of(header).is_some_and(|other| family(other) != family(encoding));
                if disagree && !bytes.is_ascii() {
                    return Err(AnswerError::Charset {
                        encoding: declared.to_owned(),
                        reason: format!(
                            "the XML declaration says {declared} but the Content-Type says \
                             {header}: the bytes cannot be trusted to be either"
                        ),
                    });
                }
            }
            (encoding, declared, "the XML declaration")
        }
        (None, Undeclared::ContentType(Some(header), _)) => {
            let encoding =
                encoding_of(header).ok_or_else(|| unknown(header, "the Content-Type"))?;
            (
                encoding,
                header,
                "the Content-Type (with no XML declaration)",
            )
        }
        // A byte order mark says UTF-8 (before it, nothing names a
        // charset).
        (None, Undeclared::ContentType(None, Some(_))) if bom => (
            encoding_rs::UTF_8,
            "UTF-8",
            "the byte order mark (no XML declaration, no Content-Type charset)",
        ),
        (None, Undeclared::ContentType(None, Some(request))) => {
            // The gateway answers in the request's charset. GBK bytes are
            // seldom valid UTF-8, but UTF-8 text mostly is valid GBK (as
            // other text): XML valid in both, with nothing to say which, is
            // refused rather than read as garbled GBK. (A body that is not
            // XML at all is left to the XML error.)
            if request != crate::Charset::Utf8
                && bytes.first() == Some(&b'<')
                && !bytes.is_ascii()
                && std::str::from_utf8(bytes).is_ok()
            {
                return Err(AnswerError::Charset {
                    encoding: request.as_str().to_owned(),
                    reason: format!(
                        "the answer has no XML declaration and no Content-Type charset, and its \
                         bytes are valid both in {request}, the request's _input_charset, and in \
                         UTF-8: which one the gateway wrote cannot be told"
                    ),
                });
            }
            (
                request.encoding(),
                request.as_str(),
                "the request's _input_charset (no XML declaration, no Content-Type charset)",
            )
        }
        (None, Undeclared::ContentType(None, None)) => (
            encoding_rs::UTF_8,
            "UTF-8",
            "XML's default (no XML declaration, no Content-Type charset)",
        ),
        (None, Undeclared::Fallback(charset)) => (
            charset.encoding(),
            charset.as_str(),
            "the charset given for an answer without an XML declaration",
        ),
    };
    if bom && encoding != encoding_rs::UTF_8 && !bytes.is_ascii() {
        return Err(AnswerError::Charset {
            encoding: label.to_owned(),
            reason: format!(
                "the body starts with a UTF-8 byte order mark but {source} says {label}: \
                 it cannot be trusted to be either"
            ),
        });
    }
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| AnswerError::Charset {
            encoding: label.to_owned(),
            reason: invalid_bytes_reason(bytes, encoding, source),
        })?;
    Ok((text, encoding))
}

impl XmlAnswer {
    /// The charset of the answer's bytes, when it is one of the gateway's
    /// (`UTF-8` or `GBK`): the signing string of `<sign>` is made of those
    /// bytes.
    pub fn charset(&self) -> Option<crate::Charset> {
        charset_of(self.encoding)
    }

    /// The parameters the answer's `<sign>` covers, as (name, value), in
    /// document order (see [`crate::call`] for the rule and its sources).
    ///
    /// The signed element is `<response>`'s only child element when that
    /// child has child elements itself (`<trade>` of `single_trade_query`,
    /// `<account_page_query_result>` of `account.page.query`), else
    /// `<response>`. Each child element of it is a parameter named by its
    /// tag: a leaf by its text (entities decoded), an element with child
    /// elements by its XML fragment as received — its own tags included,
    /// entities, CDATA sections and whitespace between elements as in the
    /// decoded body, empty elements expanded (`<memo/>` as
    /// `<memo></memo>`).
    ///
    /// ```
    /// use alipay_mapi_runtime::{answer::XmlAnswer, Charset};
    /// let body = "<alipay><is_success>T</is_success><response><account_page_query_result>\
    ///     <account_log_list><AccountQueryAccountLogVO><memo/><total_fee>1.00</total_fee>\
    ///     </AccountQueryAccountLogVO></account_log_list><has_next_page>F</has_next_page>\
    ///     </account_page_query_result></response></alipay>";
    /// let answer = XmlAnswer::parse(body.as_bytes(), Charset::Utf8).unwrap();
    /// assert_eq!(
    ///     answer.signed_params(),
    ///     [
    ///         (
    ///             "account_log_list",
    ///             "<account_log_list><AccountQueryAccountLogVO><memo></memo><total_fee>1.00</total_fee>\
    ///              </AccountQueryAccountLogVO></account_log_list>"
    ///         ),
    ///         ("has_next_page", "F"),
    ///     ]
    /// );
    /// ```
    pub fn signed_params(&self) -> Vec<(&str, &str)> {
        let Some(fragments) = &self.fragments else {
            // Flat: its descendants, which follow it, are its children.
            return self
                .arena
                .texts(self.signed.saturating_add(1)..self.signed_end);
        };
        let signed = self.arena.element(self.signed);
        // Sized once, however many children: one allocation.
        let mut params = Vec::with_capacity(signed.children().count());
        for child in signed.children() {
            let value = match child.leaf_text() {
                Some(text) => text,
                None => fragments.get(child.index()),
            };
            params.push((child.name(), value));
        }
        params
    }
}

impl PartialEq for XmlAnswer {
    fn eq(&self, other: &Self) -> bool {
        self.is_success == other.is_success
            && self.encoding == other.encoding
            && self.error() == other.error()
            && self.request_params().eq(other.request_params())
            && self.response() == other.response()
            && self.sign() == other.sign()
            && self.sign_type() == other.sign_type()
            && self.others().eq(other.others())
    }
}

impl Eq for XmlAnswer {}

impl fmt::Debug for XmlAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Params<'a>(&'a XmlAnswer);
        impl fmt::Debug for Params<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.0.request_params()).finish()
            }
        }
        f.debug_struct("XmlAnswer")
            .field("is_success", &self.is_success)
            .field("error", &self.error())
            .field("request", &Params(self))
            .field("response", &self.response())
            .field("sign", &self.sign())
            .field("sign_type", &self.sign_type())
            .field("others", &self.others())
            .field("encoding", &self.encoding)
            .finish()
    }
}

/// The gateway's charset of the encoding `encoding_rs` names `name`.
fn charset_of(name: &str) -> Option<crate::Charset> {
    match name {
        "UTF-8" => Some(crate::Charset::Utf8),
        "GBK" | "gb18030" => Some(crate::Charset::Gbk),
        _ => None,
    }
}

fn invalid_bytes_reason(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    source: &str,
) -> String {
    let other = if encoding == encoding_rs::UTF_8 {
        encoding_rs::GBK
    } else {
        encoding_rs::UTF_8
    };
    let mut reason = format!(
        "the bytes are not valid {}, which {source} names",
        encoding.name()
    );
    if other
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some()
    {
        reason.push_str(&format!(
            ", but are valid {}: what names the charset does not match the body",
            other.name()
        ));
    }
    reason
}

/// Where the charset of an answer without an XML declaration comes from.
#[derive(Clone, Copy)]
enum Undeclared<'a> {
    /// [`XmlAnswer::parse`]'s `fallback`, never compared with a declaration.
    Fallback(crate::Charset),
    /// The `Content-Type`'s `charset=` label, if any; without one, the
    /// request's `_input_charset` when known (the gateway answers in it),
    /// else UTF-8, XML's default.
    ContentType(Option<&'a str>, Option<crate::Charset>),
}

/// The encoding a label names: the gateway's own labels ([`Charset`](crate::Charset)'s)
/// without a search of them all, others by the WHATWG list.
fn encoding_of(label: &str) -> Option<&'static encoding_rs::Encoding> {
    match label.parse::<crate::Charset>() {
        Ok(charset) => Some(charset.encoding()),
        Err(_) => encoding_rs::Encoding::for_label(label.trim().as_bytes()),
    }
}

/// GB18030 is GBK extended: a declaration of one and a header of the other
/// do not disagree.
fn family(encoding: &'static encoding_rs::Encoding) -> &'static encoding_rs::Encoding {
    if encoding == encoding_rs::GB18030 {
        encoding_rs::GBK
    } else {
        encoding
    }
}

/// An HTML page where the gateway's XML was expected (a web server's or a
/// proxy's error or redirect page, a login page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HtmlPage {
    /// Its `<title>` text, whitespace collapsed, at most 100 characters.
    pub(crate) title: Option<String>,
}

/// When `body` is an HTML page — its first bytes after a UTF-8 byte order
/// mark and ASCII whitespace are `<!DOCTYPE html` or `<html`, in any case —
/// the page with its title. The title is decoded leniently, for a message
/// only: UTF-8 when it is valid UTF-8, else GBK (the other charset of the
/// gateway's pages), bytes invalid in it replaced.
pub(crate) fn html_page(body: &[u8]) -> Option<HtmlPage> {
    html_page_at(skip_leading(body).0)
}

/// [`html_page`] of a body whose byte order mark and leading whitespace
/// are skipped already.
fn html_page_at(start: &[u8]) -> Option<HtmlPage> {
    // `<?xml` and `<alipay>` are told apart by their second byte.
    if !matches!(start.get(1), Some(b'!' | b'h' | b'H')) {
        return None;
    }
    let starts = |prefix: &[u8]| {
        start
            .get(..prefix.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(prefix))
    };
    if !starts(b"<!doctype html") && !starts(b"<html") {
        return None;
    }
    let title = find_ignoring_case(start, b"<title").and_then(|at| {
        let rest = start.get(at..)?;
        let open = rest.iter().position(|&b| b == b'>')?;
        let text = rest.get(open + 1..)?;
        let close = find_ignoring_case(text, b"</title").unwrap_or(text.len());
        let text = text.get(..close)?;
        let text = match std::str::from_utf8(text) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => encoding_rs::GBK.decode_without_bom_handling(text).0,
        };
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut title: String = words.join(" ");
        if let Some((cut, _)) = title.char_indices().nth(100) {
            title.truncate(cut);
            title.push('…');
        }
        (!title.is_empty()).then_some(title)
    });
    Some(HtmlPage { title })
}

/// Where `needle` (ASCII) starts in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// `body` without a leading UTF-8 byte order mark and ASCII whitespace
/// (which carry no data before `<?xml` or `<alipay>`), and whether there was
/// a byte order mark.
pub(crate) fn skip_leading(body: &[u8]) -> (&[u8], bool) {
    let (body, bom) = match body.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (body, false),
    };
    (body.trim_ascii_start(), bom)
}

/// The `encoding` of an XML declaration at the start of `bytes` (a byte
/// order mark and whitespace already skipped), read as ASCII (every encoding
/// the gateway uses agrees with ASCII there).
fn declared_encoding(bytes: &[u8]) -> Option<&str> {
    let rest = bytes.strip_prefix(b"<?xml")?;
    let end = rest.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(rest.get(..end)?).ok()?;
    // (A plain scan: the declaration is a few dozen bytes.)
    let at = decl.as_bytes().windows(8).position(|w| w == b"encoding")?;
    let after = decl.get(at + "encoding".len()..)?.trim_start();
    let after = after.strip_prefix('=')?.trim_start();
    let quote = after.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = after.get(1..)?;
    let close = value.find(quote)?;
    value.get(..close)
}

/// What kind of problem an [`AnswerError::Xml`] (and a
/// [`CallError::Xml`](crate::CallError::Xml)) is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlErrorKind {
    /// Not well-formed XML, or not of the answer's shape (a truncated body
    /// ends here).
    Malformed,
    /// An HTML page, not the gateway's XML: a web server's or a proxy's
    /// error or redirect page, a login page (the gateway URL may be wrong,
    /// or something between refused the call). Its first bytes after ASCII
    /// whitespace (and a UTF-8 byte order mark) are `<!DOCTYPE html` or
    /// `<html`, in any case.
    HtmlPage {
        /// Its `<title>`, whitespace collapsed, decoded for the message only
        /// (UTF-8 when valid, else GBK, invalid bytes replaced).
        title: Option<String>,
    },
    /// Well-formed XML whose `<is_success>` is neither `T` nor `F` (after
    /// whitespace around it): the call's outcome is unknown.
    ///
    /// `P` has been seen checked for: one public implementation of
    /// `refund_fastpay_by_platform_nopwd` reads `<is_success>P</is_success>`
    /// as "processing", as it reads `T` (the refund itself is notified
    /// later). No document of the gateway and no recorded answer defines
    /// `P`, so it is not read as any outcome: query the trade or batch
    /// before sending the call again.
    UnknownOutcome {
        /// The `<is_success>` text.
        is_success: String,
    },
}

/// Why an answer body could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerError {
    /// The bytes are not valid in the encoding the answer's XML declaration
    /// names (with no declaration: the `Content-Type`'s charset, else the
    /// request's charset when known, else UTF-8),
    /// the encoding is unknown, or the declaration and the `Content-Type`
    /// disagree.
    Charset {
        /// The encoding label that was used.
        encoding: String,
        /// What is wrong.
        reason: String,
    },
    /// Not well-formed XML, not of the answer's shape, or not XML at all
    /// (an HTML page): `kind` says which.
    Xml {
        /// What is wrong and where.
        reason: String,
        /// What kind of problem it is.
        kind: XmlErrorKind,
    },
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::Charset { encoding, reason } => {
                write!(f, "cannot decode the answer as {encoding}: {reason}")
            }
            AnswerError::Xml { reason, kind } => write_xml_error(f, reason, kind, None),
        }
    }
}

impl std::error::Error for AnswerError {}

/// The message of an XML error; `status` is the HTTP status the body came
/// with, when known.
pub(crate) fn write_xml_error(
    f: &mut fmt::Formatter<'_>,
    reason: &str,
    kind: &XmlErrorKind,
    status: Option<u16>,
) -> fmt::Result {
    match kind {
        XmlErrorKind::UnknownOutcome { is_success } => write!(
            f,
            "the answer's <is_success> is `{is_success}`, neither T nor F: the call's outcome is \
             unknown (no document of the gateway defines it); query before sending the call again"
        ),
        XmlErrorKind::HtmlPage { .. } => {
            f.write_str("the answer is ")?;
            f.write_str(reason)?;
            if let Some(status) = status {
                write!(f, " (HTTP {status})")?;
            }
            f.write_str(
                ", not the gateway's XML: a web server's or proxy's page \
                 (is the gateway URL right?)",
            )
        }
        _ => write!(f, "cannot read the XML answer: {reason}"),
    }
}

fn shape(reason: impl Into<String>) -> AnswerError {
    AnswerError::Xml {
        reason: reason.into(),
        kind: XmlErrorKind::Malformed,
    }
}

/// Never seen: answers are at most `MAX_ANSWER_LEN` bytes, far below what
/// the tree's `u32` indexes reach.
fn too_large(_: TooLarge) -> AnswerError {
    shape("the answer is too large to be read")
}

/// The children of `<alipay>` the answer knows; each may appear once.
#[derive(Clone, Copy)]
enum Known {
    IsSuccess,
    Error,
    Request,
    Response,
    Sign,
    SignType,
}

impl Known {
    fn of(name: &str) -> Option<Known> {
        Some(match name {
            "is_success" => Known::IsSuccess,
            "error" => Known::Error,
            "request" => Known::Request,
            "response" => Known::Response,
            "sign" => Known::Sign,
            "sign_type" => Known::SignType,
            _ => return None,
        })
    }
}

fn parse_text(text: &str) -> Result<XmlAnswer, AnswerError> {
    parse_document(&document(text)?, text)
}

/// roxmltree's document of an answer's text; XML that is not well formed is
/// a shape error with roxmltree's message.
fn document(text: &str) -> Result<roxmltree::Document<'_>, AnswerError> {
    roxmltree::Document::parse(text).map_err(|e| shape(e.to_string()))
}

/// The answer of roxmltree's `document` of `text`, every check made (its
/// encoding left for the caller to set).
fn parse_document(
    document: &roxmltree::Document<'_>,
    text: &str,
) -> Result<XmlAnswer, AnswerError> {
    let root = document.root_element();
    if root.tag_name().name() != "alipay" {
        return Err(shape(format!(
            "the root element is <{}>, not <alipay>",
            root.tag_name().name()
        )));
    }
    // Names and texts (entities decoded, `<param>` names included) are never
    // longer than the markup they come from, and the tree holds a node per
    // element at most: room for all, one allocation each.
    let mut answer = XmlAnswer {
        arena: Arena::over(text, root.descendants().len()),
        ..XmlAnswer::default()
    };
    let arena = &mut answer.arena;
    let mut is_success = None;
    let mut seen = 0;
    let mut request = List::EMPTY;
    let mut others = List::EMPTY;
    for node in root.children().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let known = Known::of(name);
        if let Some(known) = known {
            // A set of the known children seen, one bit each.
            let bit = 1u8 << known as u8;
            if seen & bit != 0 {
                return Err(shape(format!(
                    "<{name}> appears twice in <alipay> (line {})",
                    document.text_pos_at(node.range().start).row
                )));
            }
            seen |= bit;
        }
        match known {
            // Whitespace around a code carries nothing (`<error> TRADE_NOT_EXIST\n</error>`).
            Some(Known::IsSuccess) => {
                let span = leaf_text(document, node, name, arena, text)?;
                is_success = Some(arena.trim(span));
            }
            Some(Known::Error) => {
                let span = leaf_text(document, node, name, arena, text)?;
                answer.error = Some(arena.trim(span));
            }
            Some(Known::Sign) => answer.sign = Some(leaf_text(document, node, name, arena, text)?),
            Some(Known::SignType) => {
                answer.sign_type = Some(leaf_text(document, node, name, arena, text)?);
            }
            Some(Known::Request) => {
                for param in node.children().filter(|n| n.is_element()) {
                    // Only for errors: it counts lines from the start.
                    let pos = || document.text_pos_at(param.range().start);
                    if param.tag_name().name() != "param" {
                        let pos = pos();
                        return Err(shape(format!(
                            "<request> holds <{}> at line {}, column {}; only <param name=\"…\">",
                            param.tag_name().name(),
                            pos.row,
                            pos.col
                        )));
                    }
                    let Some(pname) = param.attribute("name") else {
                        let pos = pos();
                        return Err(shape(format!(
                            "<param> without a name at line {}, column {}",
                            pos.row, pos.col
                        )));
                    };
                    let pname = arena.span_in(text, pname).map_err(too_large)?;
                    let value = leaf_text(document, param, "param", arena, text)?;
                    let index = arena.push_node(pname, value).map_err(too_large)?;
                    arena.append(&mut request, index);
                }
            }
            Some(Known::Response) => {
                let mut deepest_parent = 0;
                let index = element(document, node, arena, text, &mut deepest_parent)?;
                answer.response = Some(index);
                // Its descendants follow it.
                answer.signed_end = arena.end().map_err(too_large)?;
                let response = arena.element(index);
                let mut children = response.children();
                let (signed, depth) = match (children.next(), children.next()) {
                    (Some(only), None) if !only.is_leaf() => (only, 2),
                    _ => (response, 1),
                };
                answer.signed = signed.index();
                // A flat answer (the usual one) has no fragment to cut.
                if deepest_parent > depth {
                    let source = if depth == 1 {
                        node
                    } else {
                        node.children().find(|n| n.is_element()).unwrap_or(node)
                    };
                    answer.fragments = Some(Box::new(Fragments::cut(text, signed, source)?));
                }
            }
            None => {
                let index = element(document, node, arena, text, &mut 0)?;
                arena.append(&mut others, index);
            }
        }
    }
    answer.request = request.first;
    answer.others = others.first;
    answer.is_success = match is_success.map(|span| answer.arena.str(span)) {
        Some("T") => true,
        Some("F") => false,
        Some(other) => {
            return Err(AnswerError::Xml {
                reason: format!("<is_success> is `{other}`, neither T nor F"),
                kind: XmlErrorKind::UnknownOutcome {
                    is_success: other.to_owned(),
                },
            })
        }
        None => return Err(shape("<alipay> has no <is_success>")),
    };
    Ok(answer)
}

/// An answer body's text and roxmltree's document of it, kept side by side
/// (`self_cell`: the document borrows the text).
mod parsed {
    pub(super) type Document<'a> = roxmltree::Document<'a>;

    self_cell::self_cell!(
        pub(crate) struct Parsed {
            owner: String,
            #[covariant]
            dependent: Document,
        }
    );
}

/// An answer body decoded and parsed by roxmltree, its own tree not built:
/// what [`Client::read_answer`](crate::Client::read_answer) types an answer
/// from when [`scan`](Self::scan) finds it of the usual shape, building the
/// [`XmlAnswer`] ([`build`](Self::build)) only when it is asked for.
pub(crate) struct ParsedAnswer {
    parsed: parsed::Parsed,
    encoding: &'static encoding_rs::Encoding,
}

impl ParsedAnswer {
    /// Decodes and parses a body that came with the `Content-Type`
    /// `content_type`: the errors of
    /// [`XmlAnswer::parse_with_content_type`] up to the XML's own
    /// well-formedness (the shape is checked by [`build`](Self::build)).
    ///
    /// With neither a declaration nor a `Content-Type` charset, the bytes
    /// are read in `request`, the charset the request was sent in (its
    /// `_input_charset`), which the gateway answers in.
    pub(crate) fn parse(
        bytes: &[u8],
        content_type: Option<&str>,
        request: crate::Charset,
    ) -> Result<Self, AnswerError> {
        let label = content_type.and_then(crate::verify::charset_param);
        let (text, encoding) = decode(bytes, Undeclared::ContentType(label, Some(request)))?;
        let parsed = parsed::Parsed::try_new(text.into_owned(), |text| document(text))?;
        Ok(ParsedAnswer { parsed, encoding })
    }

    /// The answer, every check of [`XmlAnswer::parse_with_content_type`]
    /// made: what it gives for the same body.
    pub(crate) fn build(&self) -> Result<XmlAnswer, AnswerError> {
        let mut answer =
            parse_document(self.parsed.borrow_dependent(), self.parsed.borrow_owner())?;
        answer.encoding = self.encoding.name();
        Ok(answer)
    }

    /// [`XmlAnswer::charset`] of the answer.
    pub(crate) fn charset(&self) -> Option<crate::Charset> {
        charset_of(self.encoding.name())
    }

    /// The parts of a success whose `<response>` is flat — its signed
    /// element ([`XmlAnswer::signed_params`]) has only leaves —, and whose
    /// every element has one piece of text at most (none but whitespace
    /// beside child elements), with no child of `<alipay>` but the known
    /// ones: the usual answer, which needs no tree of its own to be checked
    /// and typed. `None` for any other answer, and for one that
    /// [`build`](Self::build) refuses: the full reading decides.
    pub(crate) fn scan(&self) -> Option<Scan<'_>> {
        scan(self.parsed.borrow_dependent())
    }
}

/// A success of the usual shape, in roxmltree's document (see
/// [`ParsedAnswer::scan`]).
pub(crate) struct Scan<'a> {
    /// `<response>`, whose leaves from [`Flat::leaves`] on are
    /// [`XmlAnswer::signed_params`].
    pub(crate) response: Flat<'a>,
    /// The `<sign>` text.
    pub(crate) sign: Option<&'a str>,
    /// The `<sign_type>` text.
    pub(crate) sign_type: Option<&'a str>,
    /// The answer's text, which the names and most texts are slices of.
    pub(crate) source: &'a str,
}

/// The text of an element that holds one piece of text at most (`""` for
/// none); `None` when it holds child elements or more pieces (text around a
/// comment).
#[inline(always)]
fn one_piece<'a>(node: roxmltree::Node<'a, 'a>) -> Option<&'a str> {
    // Mostly no child, or one: found from the last child alone (the first
    // child is the node after the element).
    match node.last_child() {
        None => Some(""),
        Some(only) if only.id().get() == node.id().get() + 1 => match only.node_type() {
            NodeType::Text => only.text(),
            NodeType::Element => None,
            _ => Some(""),
        },
        Some(_) => one_of_pieces(node),
    }
}

/// [`one_piece`] of an element with more than one child.
#[inline(never)]
fn one_of_pieces<'a>(node: roxmltree::Node<'a, 'a>) -> Option<&'a str> {
    let mut text = None;
    let mut child = node.first_child();
    while let Some(piece) = child {
        match piece.node_type() {
            NodeType::Text if text.is_none() => text = piece.text(),
            NodeType::Element | NodeType::Text => return None,
            _ => {}
        }
        child = piece.next_sibling();
    }
    Some(text.unwrap_or_default())
}

/// Whether a text piece beside child elements is whitespace only (as the
/// text around an element's children, [`Joined::span`], drops it).
fn blank_piece(piece: roxmltree::Node<'_, '_>) -> bool {
    !piece.is_text() || piece.text().unwrap_or_default().trim().is_empty()
}

/// Whether `node`'s text pieces are whitespace only.
fn blank(node: roxmltree::Node<'_, '_>) -> bool {
    node.children().all(blank_piece)
}

/// [`ParsedAnswer::scan`].
fn scan<'a>(document: &'a roxmltree::Document<'a>) -> Option<Scan<'a>> {
    let root = document.root_element();
    if root.tag_name().name() != "alipay" {
        return None;
    }
    let mut seen = 0u8;
    let (mut is_success, mut sign, mut sign_type, mut response) = (None, None, None, None);
    for node in root.children().filter(|n| n.is_element()) {
        // Another child, kept as received: the full reading.
        let known = Known::of(node.tag_name().name())?;
        let bit = 1u8 << known as u8;
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        match known {
            Known::IsSuccess => is_success = Some(one_piece(node)?),
            Known::Error => _ = one_piece(node)?,
            Known::Sign => sign = Some(one_piece(node)?),
            Known::SignType => sign_type = Some(one_piece(node)?),
            Known::Request => {
                for param in node.children().filter(|n| n.is_element()) {
                    let named = param.tag_name().name() == "param" && param.has_attribute("name");
                    if !named || param.children().any(|n| n.is_element()) {
                        return None;
                    }
                }
            }
            Known::Response => response = Some(node),
        }
    }
    // As `Arena::trim`: XML whitespace around it.
    let is_success = is_success?.trim_matches([' ', '\t', '\r', '\n']);
    if is_success != "T" {
        return None;
    }
    // A bare success (no `<response>`): the full reading.
    let response = response?;
    let mut elements = response.children().filter(|n| n.is_element());
    let (signed, leaves) = match (elements.next(), elements.next()) {
        // No child: a leaf, whose text is its one piece.
        (None, _) => {
            let text = one_piece(response)?;
            return Some(Scan {
                response: Flat {
                    nodes: vec![("response", text)],
                    leaves: 1,
                },
                sign,
                sign_type,
                source: document.input_text(),
            });
        }
        (Some(only), None) if only.children().any(|n| n.is_element()) => {
            if !blank(response) {
                return None;
            }
            (only, 2)
        }
        _ if blank(response) => (response, 1),
        _ => return None,
    };
    // Its children are in the document's nodes between it and its last
    // child, a leaf's text after it: room for a leaf each two nodes, one
    // allocation unless leaves are empty (small enough, for the usual
    // answer, to come from the allocator's per-thread cache).
    let between = match signed.last_child() {
        Some(last) => last.id().get().saturating_sub(signed.id().get()),
        None => 0,
    };
    let mut nodes = Vec::with_capacity(leaves + (between as usize).div_ceil(2) + 1);
    nodes.push(("response", ""));
    if leaves == 2 {
        nodes.push((signed.tag_name().name(), ""));
    }
    // The children and their own children, in document order, by id: a
    // leaf's pieces of text (none, or one, mostly) follow it, and nothing
    // follows them but the next child (an element among them is no leaf,
    // and the reading stops there).
    let last = signed.last_child().map_or(0, |last| last.id().get());
    let mut id = signed.id().get() + 1;
    while id <= last {
        let node = document.get_node(roxmltree::NodeId::new(id))?;
        if node.is_element() {
            nodes.push((node.tag_name().name(), one_piece(node)?));
            id = node.last_child().map_or(id, |child| child.id().get()) + 1;
        } else if blank_piece(node) {
            id += 1;
        } else {
            return None;
        }
    }
    Some(Scan {
        response: Flat {
            nodes,
            leaves: leaves as u32,
        },
        sign,
        sign_type,
        source: document.input_text(),
    })
}

/// The XML fragments of the children with children of a signed element,
/// as received, empty elements expanded.
#[derive(Clone, Debug)]
struct Fragments {
    /// Each child's node, and the span of its fragment in `text`.
    spans: Vec<(u32, Span)>,
    text: String,
}

impl Fragments {
    /// Cuts the fragments of the children of `signed` (in the tree) that
    /// have children from `source` (the same element in the document), into
    /// one string sized before it is allocated.
    fn cut(
        text: &str,
        signed: XmlElementRef<'_>,
        source: roxmltree::Node<'_, '_>,
    ) -> Result<Self, AnswerError> {
        // The tree's children and the document's elements, side by side.
        let nested = || {
            signed
                .children()
                .zip(source.children().filter(|n| n.is_element()))
                .filter(|(child, _)| !child.is_leaf())
        };
        let (mut len, mut count) = (0, 0);
        for (_, element) in nested() {
            fragment(text, element, |piece| len += piece.len());
            count += 1;
        }
        let mut out = Fragments {
            spans: Vec::with_capacity(count),
            text: String::with_capacity(len),
        };
        for (child, element) in nested() {
            let start = out.text.len();
            fragment(text, element, |piece| out.text.push_str(piece));
            let span = Span::new(start, out.text.len()).map_err(too_large)?;
            out.spans.push((child.index(), span));
        }
        Ok(out)
    }

    /// The fragment of node `index`.
    fn get(&self, index: u32) -> &str {
        self.spans
            .iter()
            .find(|(i, _)| *i == index)
            .and_then(|(_, span)| self.text.get(span.range()))
            .unwrap_or_default()
    }
}

/// Hands `sink` the XML fragment of `node` as `text` holds it, in pieces:
/// its markup from its start tag to its end tag, with every empty-element
/// tag expanded (`<memo/>` and `<memo />` as `<memo></memo>`, attributes
/// kept), as the gateway's document for `account.page.query` says the
/// signed fragment is written.
fn fragment(text: &str, node: roxmltree::Node<'_, '_>, mut sink: impl FnMut(&str)) {
    let range = node.range();
    let mut at = range.start;
    for empty in node
        .descendants()
        .filter(|d| d.is_element() && !d.has_children())
    {
        let tag = empty.range();
        // `<memo></memo>` is empty too, and already expanded.
        let Some(open) = text.get(tag.clone()).and_then(|t| t.strip_suffix("/>")) else {
            continue;
        };
        let open = open.trim_end();
        let name = open
            .get(1..)
            .and_then(|rest| rest.split(|c: char| c.is_ascii_whitespace()).next())
            .unwrap_or_default();
        sink(text.get(at..tag.start).unwrap_or_default());
        sink(open);
        sink("></");
        sink(name);
        sink(">");
        at = tag.end;
    }
    sink(text.get(at..range.end).unwrap_or_default());
}

/// The text of an element from its text children, a piece at a time: a
/// single piece (the usual case) stays a span of the answer's text; two or
/// more (text around a comment or a CDATA section) are joined at the end of
/// the arena.
#[derive(Default)]
struct Joined<'s> {
    first: Option<&'s str>,
    /// Where the joined pieces start, once there are two.
    mark: Option<usize>,
}

impl<'s> Joined<'s> {
    fn add(&mut self, arena: &mut Arena, piece: &'s str) {
        match (self.first, self.mark) {
            (None, _) => self.first = Some(piece),
            (Some(first), None) => {
                self.mark = Some(arena.mark());
                arena.push_text(first);
                arena.push_text(piece);
            }
            (Some(_), Some(_)) => arena.push_text(piece),
        }
    }

    /// The span of the text; `None` for whitespace only when `drop_blank`
    /// (the text around an element's children).
    fn span(self, arena: &mut Arena, source: &str, drop_blank: bool) -> Result<Span, TooLarge> {
        let span = match (self.first, self.mark) {
            (_, Some(mark)) => arena.span_from(mark)?,
            (Some(first), None) => arena.span_in(source, first)?,
            (None, _) => return Ok(Span::default()),
        };
        if drop_blank && arena.str(span).trim().is_empty() {
            if let Some(mark) = self.mark {
                arena.truncate(mark);
            }
            return Ok(Span::default());
        }
        Ok(span)
    }
}

/// The text of `node` (named `name` in errors) as a span of `arena`,
/// refusing child elements.
fn leaf_text(
    document: &roxmltree::Document<'_>,
    node: roxmltree::Node<'_, '_>,
    name: &str,
    arena: &mut Arena,
    source: &str,
) -> Result<Span, AnswerError> {
    let mut text = Joined::default();
    for child in node.children() {
        match child.node_type() {
            NodeType::Text => text.add(arena, child.text().unwrap_or_default()),
            NodeType::Element => {
                let pos = document.text_pos_at(child.range().start);
                return Err(shape(format!(
                    "<{name}> holds an element <{}> at line {}, column {}; it must hold text",
                    child.tag_name().name(),
                    pos.row,
                    pos.col
                )));
            }
            _ => {}
        }
    }
    text.span(arena, source, false).map_err(too_large)
}

/// Why [`element`] stopped: an element nested deeper than [`MAX_DEPTH`], or
/// a tree too large for the arena.
enum Refusal<'a, 'input> {
    TooDeep(roxmltree::Node<'a, 'input>),
    TooLarge,
}

impl From<TooLarge> for Refusal<'_, '_> {
    fn from(_: TooLarge) -> Self {
        Refusal::TooLarge
    }
}

/// Writes `node` (a child of `<alipay>`, depth 1) and its descendants into
/// `arena`; gives the index of its node. `deepest_parent` is raised to the
/// depth of the deepest element with children.
fn element<'a, 'input>(
    document: &'a roxmltree::Document<'input>,
    node: roxmltree::Node<'a, 'input>,
    arena: &mut Arena,
    source: &str,
    deepest_parent: &mut usize,
) -> Result<u32, AnswerError> {
    subtree(node, 1, arena, source, deepest_parent).map_err(|refusal| match refusal {
        Refusal::TooDeep(node) => {
            let pos = document.text_pos_at(node.range().start);
            shape(format!(
                "elements nest deeper than {MAX_DEPTH} levels at line {}, column {}",
                pos.row, pos.col
            ))
        }
        Refusal::TooLarge => too_large(TooLarge),
    })
}

/// `deepest_parent` is raised to the depth of every element with children.
fn subtree<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    depth: usize,
    arena: &mut Arena,
    source: &str,
    deepest_parent: &mut usize,
) -> Result<u32, Refusal<'a, 'input>> {
    if depth > MAX_DEPTH {
        return Err(Refusal::TooDeep(node));
    }
    let name = arena.span_in(source, node.tag_name().name())?;
    // Before its children: they follow it in document order.
    let index = arena.push_node(name, Span::default())?;
    // Its own text: the text pieces between its children, joined; only
    // whitespace around children is no text. Joined before any child is
    // written: pieces joined at the end of the arena must not have a
    // child's text (one decoded or joined too) pushed between them.
    let mut text = Joined::default();
    let mut has_children = false;
    for child in node.children() {
        match child.node_type() {
            NodeType::Text => text.add(arena, child.text().unwrap_or_default()),
            NodeType::Element => has_children = true,
            _ => {}
        }
    }
    let text = text.span(arena, source, has_children)?;
    arena.set_text(index, text);
    if has_children {
        let mut children = List::EMPTY;
        for child in node.children().filter(|n| n.is_element()) {
            let child = subtree(child, depth + 1, arena, source, deepest_parent)?;
            arena.append(&mut children, child);
        }
        *deepest_parent = (*deepest_parent).max(depth);
        arena.set_first_child(index, children.first);
    }
    Ok(index)
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
    fn from_element(element: XmlElementRef<'_>) -> Result<Self, FieldError>;
}

/// The children of an element that a generated `from_element` reads as
/// single leaves or elements, each found once in one pass over the children:
/// for each declared name, the first child so named and how many there are.
///
/// Generated code gets an array of them from [`find_children`] and hands
/// each to [`leaf_optional`], [`leaf_required`], [`element_optional`] or
/// [`element_required`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Found<'a> {
    first: Option<XmlElementRef<'a>>,
    count: u32,
}

impl Found<'_> {
    /// No child.
    pub const NONE: Found<'static> = Found {
        first: None,
        count: 0,
    };
}

/// Finds, in one pass over the children of `parent`, those `slot` gives an
/// index below `N` (the declared single leaves and elements; generated code
/// passes a `match` on the name's length, then its bytes, so a child costs
/// one comparison or two however many names are declared). Used by
/// generated `from_element`.
#[doc(hidden)]
#[inline]
pub fn find_children<'a, const N: usize>(
    parent: XmlElementRef<'a>,
    slot: impl Fn(&[u8]) -> Option<usize>,
) -> [Found<'a>; N] {
    let mut found = [Found::NONE; N];
    for child in parent.children() {
        if let Some(found) = slot(child.name().as_bytes()).and_then(|i| found.get_mut(i)) {
            if found.count == 0 {
                found.first = Some(child);
            }
            found.count = found.count.saturating_add(1);
        }
    }
    found
}

/// The only child `found`, if any; two or more is an error (the table
/// does not say it repeats, so picking one would be a guess).
#[inline]
fn single<'a>(
    found: Found<'a>,
    field: &'static str,
) -> Result<Option<XmlElementRef<'a>>, FieldError> {
    if found.count > 1 {
        return Err(repeated(found.count, field));
    }
    Ok(found.first)
}

/// [`single`]'s error.
#[cold]
#[inline(never)]
fn repeated(count: u32, field: &'static str) -> FieldError {
    FieldError::Invalid {
        field,
        error: ParseValueError {
            expected: "single element: the table does not say it repeats (`name[]`)",
            value: format!("{count} elements"),
        },
    }
}

/// The text of a leaf, refusing an element with children.
#[inline]
fn element_text<'a>(
    element: XmlElementRef<'a>,
    field: &'static str,
) -> Result<&'a str, FieldError> {
    element
        .leaf_text()
        .ok_or_else(|| not_a_leaf(element, field))
}

/// [`element_text`]'s error.
#[cold]
#[inline(never)]
fn not_a_leaf(element: XmlElementRef<'_>, field: &'static str) -> FieldError {
    FieldError::Invalid {
        field,
        error: ParseValueError {
            expected: "text",
            value: format!("<{}> with child elements", element.name()),
        },
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

/// Reads an optional leaf (found by [`find_children`]); absent or empty is
/// `None`. Used by generated `from_element`.
#[doc(hidden)]
pub fn leaf_optional<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    found: Found<'_>,
    field: &'static str,
) -> Result<Option<T>, FieldError> {
    match single(found, field)? {
        None => Ok(None),
        Some(element) => match element_text(element, field)? {
            "" => Ok(None),
            text => parse_leaf(text, field).map(Some),
        },
    }
}

/// Reads a required leaf (found by [`find_children`]); absent or empty is
/// [`FieldError::Missing`]. Used by generated `from_element`.
#[doc(hidden)]
pub fn leaf_required<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    found: Found<'_>,
    field: &'static str,
) -> Result<T, FieldError> {
    leaf_optional(found, field)?.ok_or(FieldError::Missing { field })
}

/// Reads every leaf child `name` of `parent` (a repeated leaf, `tag[]`), in
/// document order; each one must parse, empty text included. Used by
/// generated `from_element`.
#[doc(hidden)]
pub fn leaf_repeated<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    parent: XmlElementRef<'_>,
    name: &str,
    field: &'static str,
) -> Result<Vec<T>, FieldError> {
    parent
        .children_named(name)
        .map(|element| parse_leaf(element_text(element, field)?, field))
        .collect()
}

/// Reads an optional child element (found by [`find_children`]) into its
/// struct. Used by generated `from_element`.
#[doc(hidden)]
pub fn element_optional<T: FromXmlElement>(
    found: Found<'_>,
    field: &'static str,
) -> Result<Option<T>, FieldError> {
    single(found, field)?.map(T::from_element).transpose()
}

/// Reads a required child element (found by [`find_children`]) into its
/// struct. Used by generated `from_element`.
#[doc(hidden)]
pub fn element_required<T: FromXmlElement>(
    found: Found<'_>,
    field: &'static str,
) -> Result<T, FieldError> {
    element_optional(found, field)?.ok_or(FieldError::Missing { field })
}

/// Reads every child element `name` of `parent` (a repeated element,
/// `item[]`), in document order. Used by generated `from_element`.
#[doc(hidden)]
pub fn element_repeated<T: FromXmlElement>(
    parent: XmlElementRef<'_>,
    name: &str,
) -> Result<Vec<T>, FieldError> {
    parent.children_named(name).map(T::from_element).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> XmlAnswer {
        XmlAnswer::parse(body.as_bytes(), crate::Charset::Utf8).unwrap()
    }

    fn xml_err(body: &str) -> String {
        match XmlAnswer::parse(body.as_bytes(), crate::Charset::Utf8) {
            Err(AnswerError::Xml { reason, .. }) => reason,
            other => panic!("{other:?}"),
        }
    }

    fn answer_with(response: &str) -> String {
        format!("<alipay><is_success>T</is_success><response>{response}</response></alipay>")
    }

    #[test]
    fn texts_decode_entities_and_cdata_and_join_their_pieces() {
        let answer = parse(&answer_with(
            "<a>x &amp; &lt;y&gt; &#x4E2D;&#25991;</a>\
             <b><![CDATA[<i>&amp;</i>]]></b>\
             <c>one<![CDATA[ two ]]>three</c>\
             <d>before<e>1</e>after</d>\
             <f>\n  <g>2</g>\n</f>\
             <h/><i></i>",
        ));
        let response = answer.response().unwrap();
        assert_eq!(response.text(), "");
        assert_eq!(response.child_text("a"), Some("x & <y> 中文"));
        assert_eq!(response.child_text("b"), Some("<i>&amp;</i>"));
        assert_eq!(response.child_text("c"), Some("one two three"));
        // Text beside children is kept, whitespace alone is not.
        let d = response.child("d").unwrap();
        assert_eq!((d.text(), d.child_text("e")), ("beforeafter", Some("1")));
        let f = response.child("f").unwrap();
        assert_eq!((f.text(), f.child_text("g")), ("", Some("2")));
        assert_eq!(response.child_text("h"), Some(""));
        assert!(response.child("h").unwrap().is_leaf());
        assert_eq!(response.child_text("i"), Some(""));
        // Leaves by their text; elements with children by their markup.
        let params = answer.signed_params();
        assert_eq!(
            params,
            [
                ("a", "x & <y> 中文"),
                ("b", "<i>&amp;</i>"),
                ("c", "one two three"),
                ("d", "<d>before<e>1</e>after</d>"),
                ("f", "<f>\n  <g>2</g>\n</f>"),
                ("h", ""),
                ("i", "")
            ]
        );
    }

    #[test]
    fn text_beside_children_is_joined_apart_from_the_childrens_texts() {
        // Children whose text is decoded or joined (so written at the end
        // of the tree's text) between the pieces of their parent's text.
        let answer = parse(&answer_with(
            "<t>one<a>x &amp; y</a>two<b>&lt;</b>three<c><![CDATA[<i>]]> more</c></t>\
             <u>\n  <a>x &amp; y</a>\n  <b><![CDATA[<i>]]> more</b>\n</u>",
        ));
        let response = answer.response().unwrap();
        let t = response.child("t").unwrap();
        assert_eq!(t.text(), "onetwothree");
        assert_eq!(t.child_text("a"), Some("x & y"));
        assert_eq!(t.child_text("b"), Some("<"));
        assert_eq!(t.child_text("c"), Some("<i> more"));
        let u = response.child("u").unwrap();
        assert_eq!(u.text(), "");
        assert_eq!(u.child_text("a"), Some("x & y"));
        assert_eq!(u.child_text("b"), Some("<i> more"));
    }

    #[test]
    fn every_part_of_the_answer_is_in_one_tree_allocated_once() {
        let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<alipay>\
            <x>1</x><is_success>T</is_success>\
            <request><param name=\"a&amp;b\">1 &lt; 2</param><param name=\"c\"/></request>\
            <response><trade><no>7</no><item><id>a</id></item><item><id>b</id></item></trade></response>\
            <y><z>2</z></y><sign>s</sign><sign_type>MD5</sign_type></alipay>";
        let answer = parse(body);
        assert!(answer.is_success());
        assert_eq!(answer.error(), None);
        assert_eq!(answer.sign(), Some("s"));
        assert_eq!(answer.sign_type(), Some("MD5"));
        assert_eq!(answer.encoding(), "UTF-8");
        let params: Vec<_> = answer.request_params().collect();
        assert_eq!(params, [("a&b", "1 < 2"), ("c", "")]);
        let others: Vec<XmlElement> = answer.others().map(XmlElementRef::to_element).collect();
        let z = XmlElement {
            name: "y".into(),
            children: vec![XmlElement::leaf("z", "2")],
            ..XmlElement::default()
        };
        assert_eq!(others, [XmlElement::leaf("x", "1"), z]);
        let trade = answer.response().unwrap().child("trade").unwrap();
        let ids: Vec<_> = trade
            .children_named("item")
            .filter_map(|i| i.child_text("id"))
            .collect();
        assert_eq!(ids, ["a", "b"]);
        // The room reserved: the text's length, as much again once a text
        // had to be decoded (`a&amp;b`), and a node for each of the 26 nodes
        // (elements and texts) of `<alipay>`; the signed fragments have their
        // own, exactly.
        assert_eq!(
            answer.signed_params(),
            [
                ("no", "7"),
                ("item", "<item><id>a</id></item>"),
                ("item", "<item><id>b</id></item>")
            ]
        );
        assert_eq!(answer.arena.capacities(), (2 * body.len(), 26));
        // Without an entity, every name and text is a span of the copy.
        let plain = body.replace("a&amp;b", "ab").replace("1 &lt; 2", "1");
        assert_eq!(parse(&plain).arena.capacities(), (plain.len(), 26));
        let fragments = answer.fragments.as_ref().unwrap();
        assert_eq!(fragments.text.capacity(), 2 * 23);
        assert_eq!(fragments.spans.capacity(), 2);
        // Equal answers, however their parts are ordered.
        let reordered = parse(
            "<alipay><sign_type>MD5</sign_type><sign>s</sign><x>1</x>\
             <response><trade><no>7</no><item><id>a</id></item><item><id>b</id></item></trade></response>\
             <request><param name=\"a&amp;b\">1 &lt; 2</param><param name=\"c\"></param></request>\
             <is_success>T</is_success><y><z>2</z></y></alipay>",
        );
        assert_eq!(reordered, answer);
        assert_ne!(
            parse(&answer_with("<a>1</a>")),
            parse(&answer_with("<a>2</a>"))
        );
        assert_eq!(
            format!(
                "{:?}",
                parse("<alipay><is_success>F</is_success><error>E</error></alipay>")
            ),
            "XmlAnswer { is_success: false, error: Some(\"E\"), request: [], response: None, \
             sign: None, sign_type: None, others: [], encoding: \"UTF-8\" }"
        );
    }

    #[test]
    fn the_signed_element_is_the_only_child_of_response_with_children() {
        let signed = |response: &str| {
            let answer = parse(&answer_with(response));
            answer
                .signed_params()
                .into_iter()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect::<Vec<_>>()
        };
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        // Flat: the leaves of the only child.
        assert_eq!(
            signed("<trade><a>1</a><b>2</b></trade>"),
            pairs(&[("a", "1"), ("b", "2")])
        );
        // A leaf alone, or several children: `<response>`'s own.
        assert_eq!(signed("<a>1</a>"), pairs(&[("a", "1")]));
        assert_eq!(
            signed("<a>1</a><t><b>2</b></t>"),
            pairs(&[("a", "1"), ("t", "<t><b>2</b></t>")])
        );
        assert_eq!(signed(""), pairs(&[]));
        // Empty elements expanded, whatever their form; entities, CDATA,
        // comments, attributes and line ends kept as received.
        assert_eq!(
            signed(
                "<r><l>\r\n <m/><m /><n\ta='1' />\
                 <o>&amp;&#x4E2D;<![CDATA[<&>]]></o><!-- c --><p:q xmlns:p='u'/><s></s></l>\
                 <z>9</z></r>"
            ),
            pairs(&[
                (
                    "l",
                    "<l>\r\n <m></m><m></m><n\ta='1'></n>\
                     <o>&amp;&#x4E2D;<![CDATA[<&>]]></o><!-- c --><p:q xmlns:p='u'></p:q><s></s></l>"
                ),
                ("z", "9")
            ])
        );
    }

    #[test]
    fn nesting_up_to_max_depth_is_read_deeper_is_refused_where_it_starts() {
        // `<response>` is level 1.
        let nested = |levels: usize| {
            answer_with(&format!(
                "{}x{}",
                "<a>".repeat(levels - 1),
                "</a>".repeat(levels - 1)
            ))
        };
        let answer = parse(&nested(MAX_DEPTH));
        let mut element = answer.response().unwrap();
        for _ in 1..MAX_DEPTH {
            element = element.child("a").unwrap();
        }
        assert_eq!((element.text(), element.is_leaf()), ("x", true));
        // `<response>`'s only child holds the one signed parameter: the
        // rest of the nest, as markup.
        let inner = format!(
            "{}x{}",
            "<a>".repeat(MAX_DEPTH - 2),
            "</a>".repeat(MAX_DEPTH - 2)
        );
        assert_eq!(answer.signed_params(), [("a", inner.as_str())]);
        let column = "<alipay><is_success>T</is_success><response>".len() + 3 * (MAX_DEPTH - 1) + 1;
        assert_eq!(
            xml_err(&nested(MAX_DEPTH + 1)),
            format!("elements nest deeper than {MAX_DEPTH} levels at line 1, column {column}")
        );
    }

    #[test]
    fn nesting_far_deeper_is_an_error_not_a_stack_overflow() {
        // roxmltree before 0.21.2 recursed once per level while parsing: a
        // 400 KB answer of nested elements aborted the process. The parse
        // runs on a thread with a small stack, as a runtime's worker might.
        let levels = 100_000;
        let body = answer_with(&format!(
            "{}{}",
            "<a>".repeat(levels),
            "</a>".repeat(levels)
        ));
        let error = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || xml_err(&body))
            .unwrap()
            .join()
            .unwrap();
        assert!(
            error.starts_with(&format!("elements nest deeper than {MAX_DEPTH} levels")),
            "{error}"
        );
    }

    #[test]
    fn request_refusals_say_where() {
        assert_eq!(
            xml_err("<alipay><is_success>T</is_success>\n <request><x/></request></alipay>"),
            "<request> holds <x> at line 2, column 11; only <param name=\"…\">"
        );
        assert_eq!(
            xml_err(
                "<alipay><is_success>T</is_success><request>\n<param>1</param></request></alipay>"
            ),
            "<param> without a name at line 2, column 1"
        );
        assert_eq!(
            xml_err("<alipay><is_success>T</is_success><request><param name=\"a\"><b/></param></request></alipay>"),
            "<param> holds an element <b> at line 1, column 60; it must hold text"
        );
        assert_eq!(
            xml_err("<alipay><is_success>T</is_success><response/>\n<response/></alipay>"),
            "<response> appears twice in <alipay> (line 2)"
        );
        assert_eq!(
            xml_err("<alipay><is_success><t/></is_success></alipay>"),
            "<is_success> holds an element <t> at line 1, column 21; it must hold text"
        );
    }

    #[test]
    fn a_repeated_leaf_the_table_does_not_repeat_is_refused() {
        let answer = parse(&answer_with("<a>1</a><b>2</b><a>3</a><bb>4</bb>"));
        let response = answer.response().unwrap();
        // Names of one length are told apart by their bytes; a name not
        // declared (`bb`) lands in no slot.
        let found: [Found<'_>; 3] = find_children(response, |name| match name {
            b"a" => Some(0),
            b"b" => Some(1),
            b"c" => Some(2),
            _ => None,
        });
        assert_eq!(single(found[1], "b").unwrap().map(|b| b.text()), Some("2"));
        assert_eq!(single(found[2], "c").unwrap(), None);
        let err = single(found[0], "a").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter `a`: `2 elements` is not a single element: the table does not say it repeats (`name[]`)"
        );
        let err = leaf_optional::<String, _>(found[0], "a").unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter `a`: `2 elements` is not a single element: the table does not say it repeats (`name[]`)"
        );
        assert_eq!(leaf_required::<String, _>(found[1], "b").unwrap(), "2");
        assert_eq!(
            leaf_required::<String, _>(found[2], "c").unwrap_err(),
            FieldError::Missing { field: "c" }
        );
        // A slot past the array is no slot.
        let none: [Found<'_>; 1] = find_children(response, |_| Some(5));
        assert_eq!(none[0].count, 0);
        let values: Vec<String> = leaf_repeated(response, "a", "a[]").unwrap();
        assert_eq!(values, ["1", "3"]);
    }
}

//! Server calls, `notify_verify` and notifications over real HTTP, against
//! servers this test starts on 127.0.0.1 (std `TcpListener`), answering
//! XML of the recorded shapes. Every sign the "gateway" sends is computed
//! here with the `md-5` crate over a hand-written signing string, not with
//! the runtime's signer.
#![cfg(all(feature = "md5", feature = "ureq"))]

use std::convert::Infallible;
use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::str::FromStr;
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use alipay_mapi_runtime::answer::{ServerRequest, ServiceAnswer, XmlElementRef};
use alipay_mapi_runtime::call::{CallError, SignPolicy};
use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::notify::{NotifyVerification, NotifyVerifyError, SUCCESS};
use alipay_mapi_runtime::service::BaseParams;
use alipay_mapi_runtime::transport::{ureq::Transport, HttpRequest, HttpResponse, TransportError};
use alipay_mapi_runtime::types::Number;
use alipay_mapi_runtime::validate::{LengthRule, Violations};
use alipay_mapi_runtime::{
    Access, Charset, Client, ErrorCodeSpec, FieldError, FieldSpec, GatewayErrorCode, ReturnError,
    ServiceRequest, ServiceSpec, Signer, Verifier,
};
use md5::{Digest, Md5};

const KEY: &str = "10000000000000000000000000000000";
const PARTNER: &str = "2088002464631181";

fn md5_hex(signing_string: &[u8]) -> String {
    let mut hasher = Md5::new();
    hasher.update(signing_string);
    hasher.update(KEY.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn client(charset: Charset, gateway: &str) -> Client {
    let key = Md5Key::new(KEY).unwrap();
    Client::new(PARTNER, Signer::md5(key.clone()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(key))
        .with_gateway(gateway)
        .unwrap()
}

// ---------------------------------------------------------------------------
// A hand-written declaration of single_trade_query (what generated code does).

const ERRORS: &[ErrorCodeSpec] = &[
    ErrorCodeSpec {
        code: "ILLEGAL_PARTNER",
        meaning: "partner not valid",
    },
    ErrorCodeSpec {
        code: "TRADE_NOT_EXIST",
        meaning: "no such trade",
    },
];

const fn field(name: &'static str, path: &'static [&'static str], nullable: bool) -> FieldSpec {
    FieldSpec {
        nullable,
        ..FieldSpec::optional_string(name, path)
    }
}

const ANSWER: &[FieldSpec] = &[
    field("trade_no", &["trade"], false),
    field("trade_status", &["trade"], false),
    field("subject", &["trade"], false),
    field("total_fee", &["trade"], false),
    field("goods_id", &["trade", "goods[]"], false),
];

static SPEC: ServiceSpec = ServiceSpec {
    service: "single_trade_query",
    request: &[field("trade_no", &[], false)],
    response: None,
    notify: None,
    errors: ERRORS,
    length_rule: LengthRule::GbkWidth,
    answer: Some(ANSWER),
    access: Access::Server,
    one_of: &[],
    either: &[],
};

#[derive(Clone, Debug, PartialEq)]
enum ErrorCode {
    IllegalPartner,
    TradeNotExist,
    Unknown(String),
}

impl FromStr for ErrorCode {
    type Err = Infallible;
    fn from_str(s: &str) -> Result<Self, Infallible> {
        Ok(match s {
            "ILLEGAL_PARTNER" => ErrorCode::IllegalPartner,
            "TRADE_NOT_EXIST" => ErrorCode::TradeNotExist,
            other => ErrorCode::Unknown(other.to_owned()),
        })
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl GatewayErrorCode for ErrorCode {
    fn as_str(&self) -> &str {
        match self {
            ErrorCode::IllegalPartner => "ILLEGAL_PARTNER",
            ErrorCode::TradeNotExist => "TRADE_NOT_EXIST",
            ErrorCode::Unknown(s) => s,
        }
    }
    fn meaning(&self) -> Option<&'static str> {
        SPEC.error_meaning(self.as_str())
    }
}

struct Request {
    trade_no: String,
}

impl ServiceRequest for Request {
    const SPEC: &'static ServiceSpec = &SPEC;
    fn validate(&self) -> Result<(), Violations> {
        SPEC.validate_params(&[("trade_no", &self.trade_no)])
    }
    fn for_each_param<E>(
        &self,
        base: &BaseParams<'_>,
        mut f: impl FnMut(&'static str, &str) -> Result<(), E>,
    ) -> Result<(), E> {
        f("_input_charset", base.charset.as_str())?;
        f("partner", base.partner)?;
        f("service", SPEC.service)?;
        f("trade_no", &self.trade_no)
    }
}

impl ServerRequest for Request {
    type Answer = Answer;
}

#[derive(Clone, Debug, PartialEq)]
struct Answer {
    trade_no: String,
    trade_status: String,
    subject: String,
    total_fee: Number,
    goods: Vec<String>,
}

impl ServiceAnswer for Answer {
    type ErrorCode = ErrorCode;
    const SPEC: &'static ServiceSpec = &SPEC;
    const FIELDS: &'static [FieldSpec] = ANSWER;
    fn from_response(response: XmlElementRef<'_>) -> Result<Self, FieldError> {
        let trade = response
            .child("trade")
            .ok_or(FieldError::Missing { field: "trade_no" })?;
        let text = |name: &'static str| {
            trade
                .child_text(name)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .ok_or(FieldError::Missing { field: name })
        };
        Ok(Answer {
            trade_no: text("trade_no")?,
            trade_status: text("trade_status")?,
            subject: text("subject")?,
            total_fee: text("total_fee")?
                .parse()
                .map_err(|error| FieldError::Invalid {
                    field: "total_fee",
                    error,
                })?,
            goods: trade
                .children_named("goods")
                .filter_map(|g| g.child_text("goods_id"))
                .map(str::to_owned)
                .collect(),
        })
    }
}

// ---------------------------------------------------------------------------
// A one-shot HTTP server.

#[derive(Debug)]
struct Received {
    head: String,
    body: Vec<u8>,
}

impl Received {
    fn target(&self) -> &str {
        self.head.split(' ').nth(1).unwrap_or_default()
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Computes a reply (status, body) from the request.
type Handler = Box<dyn FnOnce(&Received) -> (u16, Vec<u8>) + Send>;

enum Reply {
    /// Status and body, with a correct Content-Length.
    Full(u16, Vec<u8>),
    /// Status, more header lines (`Name: value`), body.
    Headed(u16, Vec<String>, Vec<u8>),
    /// Announces more bytes than it sends, then closes.
    Truncated(Vec<u8>),
    /// Sends nothing for this long.
    Silent(Duration),
    /// A 200 of this many bytes in chunked encoding (no length announced);
    /// the flag is set when all were written (the client read them all).
    Chunked(usize, std::sync::Arc<std::sync::atomic::AtomicBool>),
    /// A 200 announcing this many bytes, and none sent.
    Announcing(usize),
    /// Computes the answer from the request.
    With(Handler),
}

fn read_request(stream: &mut TcpStream) -> Received {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let mut received = Received {
        head,
        body: Vec::new(),
    };
    let len: usize = received
        .header("content-length")
        .map(|v| v.parse().unwrap())
        .unwrap_or(0);
    received.body = vec![0; len];
    reader.read_exact(&mut received.body).unwrap();
    received
}

fn write_reply(stream: &mut TcpStream, status: u16, body: &[u8], announced: usize) {
    write_headed(stream, status, &[], body, announced);
}

fn write_headed(
    stream: &mut TcpStream,
    status: u16,
    headers: &[String],
    body: &[u8],
    announced: usize,
) {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: text/xml\r\nContent-Length: {announced}\r\nConnection: close\r\n"
    );
    for line in headers {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

/// A 200 answer of `len` bytes in chunks of 64 KiB, announcing no length;
/// stops when the client closes. Whether all of it was written.
fn write_chunked(stream: &mut TcpStream, len: usize) -> bool {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return false;
    }
    let piece = vec![b'x'; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = left.min(piece.len());
        let chunk = [format!("{n:x}\r\n").as_bytes(), &piece[..n], b"\r\n"].concat();
        if stream.write_all(&chunk).is_err() {
            return false;
        }
        left -= n;
    }
    stream.write_all(b"0\r\n\r\n").is_ok() && stream.flush().is_ok()
}

/// Serves one request with `reply`; the handle gives back what was received.
fn serve(reply: Reply) -> (String, JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/gateway.do", listener.local_addr().unwrap());
    let handle = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let received = read_request(&mut stream);
        match reply {
            Reply::Full(status, body) => write_reply(&mut stream, status, &body, body.len()),
            Reply::Headed(status, headers, body) => {
                write_headed(&mut stream, status, &headers, &body, body.len())
            }
            Reply::Truncated(body) => write_reply(&mut stream, 200, &body, body.len() + 40),
            Reply::Silent(time) => thread::sleep(time),
            Reply::Chunked(len, written) => {
                let all = write_chunked(&mut stream, len);
                written.store(all, std::sync::atomic::Ordering::SeqCst);
            }
            Reply::Announcing(len) => write_reply(&mut stream, 200, b"", len),
            Reply::With(f) => {
                let (status, body) = f(&received);
                write_reply(&mut stream, status, &body, body.len());
            }
        }
        received
    });
    (url, handle)
}

fn transport() -> Transport {
    Transport::new(Duration::from_secs(5))
}

/// The recorded shape of single_trade_query's answer, with the sign of
/// `signing_string` (written out by hand), computed here with md-5.
fn trade_answer(encoding: &str, subject: &str, signing_string: &str, sign: Option<&str>) -> String {
    let sign = sign.map(str::to_owned).unwrap_or_else(|| {
        let bytes = match encoding {
            "GBK" => encoding_rs::GBK.encode(signing_string).0.into_owned(),
            _ => signing_string.as_bytes().to_vec(),
        };
        md5_hex(&bytes)
    });
    format!(
        "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<alipay>\n  <is_success>T</is_success>\n  \
<request><param name=\"_input_charset\">utf-8</param><param name=\"service\">single_trade_query</param>\
<param name=\"partner\">{PARTNER}</param><param name=\"trade_no\">2010073000030344</param></request>\n  \
<sign_type>MD5</sign_type>\n  \
<response>\n    <trade>\n      <buyer_email>buyer@example.com</buyer_email>\n      \
<goods><goods_id>g1</goods_id></goods>\n      <goods><goods_id>g2</goods_id></goods>\n      \
<subject>{subject}</subject>\n      <total_fee>1.00</total_fee>\n      \
<trade_no>2010073000030344</trade_no>\n      <trade_status>TRADE_FINISHED</trade_status>\n    \
</trade>\n  </response>\n  <sign>{sign}</sign>\n</alipay>\n"
    )
}

/// The children of `<trade>` (`<response>`'s only element): leaves by their
/// text, each `<goods>` by its markup as it stands in the answer.
const TRADE_STRING: &str = "buyer_email=buyer@example.com\
&goods=<goods><goods_id>g1</goods_id></goods>&goods=<goods><goods_id>g2</goods_id></goods>\
&subject=book&total_fee=1.00&trade_no=2010073000030344&trade_status=TRADE_FINISHED";

fn request() -> Request {
    Request {
        trade_no: "2010073000030344".into(),
    }
}

#[test]
fn success_with_nested_and_repeated_elements() {
    let (url, server) = serve(Reply::Full(
        200,
        trade_answer("UTF-8", "book", TRADE_STRING, None).into_bytes(),
    ));
    let client = client(Charset::Utf8, &url);
    let answered = client.call_blocking(&transport(), &request()).unwrap();
    assert_eq!(
        answered.value(),
        &Answer {
            trade_no: "2010073000030344".into(),
            trade_status: "TRADE_FINISHED".into(),
            subject: "book".into(),
            total_fee: "1".parse().unwrap(),
            goods: vec!["g1".into(), "g2".into()],
        }
    );
    assert_eq!(
        answered.signing_string().map(|s| s.as_str()),
        Some(TRADE_STRING)
    );
    assert_eq!(
        answered.undeclared(),
        vec![("trade.buyer_email".to_owned(), "buyer@example.com")]
    );
    assert_eq!(answered.answer().request_params().count(), 4);
    assert_eq!(answered.answer().sign_type(), Some("MD5"));

    // What the gateway received: a POST form to gateway.do?_input_charset=utf-8,
    // signed as the rule says (checked here with md-5).
    let received = server.join().unwrap();
    assert!(received.head.starts_with("POST "), "{}", received.head);
    assert_eq!(received.target(), "/gateway.do?_input_charset=utf-8");
    assert_eq!(
        received.header("content-type"),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    let body = String::from_utf8(received.body).unwrap();
    let expected = format!(
        "_input_charset=utf-8&partner={PARTNER}&service=single_trade_query&trade_no=2010073000030344"
    );
    assert_eq!(
        body,
        format!(
            "{expected}&sign_type=MD5&sign={}",
            md5_hex(expected.as_bytes())
        )
    );
}

#[test]
fn failure_is_the_interfaces_error_code() {
    let failure = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><alipay><is_success>F</is_success><error>ILLEGAL_PARTNER</error></alipay>";
    let (url, _server) = serve(Reply::Full(200, failure.to_vec()));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    match &err {
        CallError::Gateway { code, answer } => {
            assert_eq!(code, &ErrorCode::IllegalPartner);
            assert_eq!(answer.error(), Some("ILLEGAL_PARTNER"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "the gateway reports failure ILLEGAL_PARTNER (partner not valid)"
    );
    // A code the table does not list is kept.
    let (url, _server) = serve(Reply::Full(
        200,
        b"<alipay><error>NEW_CODE</error><is_success>F</is_success></alipay>".to_vec(),
    ));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    assert!(
        matches!(&err, CallError::Gateway { code: ErrorCode::Unknown(c), .. } if c == "NEW_CODE"),
        "{err:?}"
    );
    // Whitespace around the code is not part of it.
    let (url, _server) = serve(Reply::Full(
        200,
        b"<alipay>\n  <is_success>F</is_success>\n  <error> TRADE_NOT_EXIST\n</error>\n</alipay>"
            .to_vec(),
    ));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    assert!(
        matches!(
            &err,
            CallError::Gateway {
                code: ErrorCode::TradeNotExist,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn gbk_answer_is_decoded_and_its_sign_checked_over_gbk_bytes() {
    let signing_string = TRADE_STRING.replace("subject=book", "subject=图书");
    let text = trade_answer("GBK", "图书", &signing_string, None);
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let (url, _server) = serve(Reply::Full(200, bytes.into_owned()));
    let answered = client(Charset::Gbk, &url)
        .call_blocking(&transport(), &request())
        .unwrap();
    assert_eq!(answered.subject, "图书");
    assert_eq!(answered.answer().encoding(), "GBK");

    // The same bytes declared as UTF-8 are a charset error, not mojibake.
    let wrong = text.replace("encoding=\"GBK\"", "encoding=\"UTF-8\"");
    let (url, _server) = serve(Reply::Full(
        200,
        encoding_rs::GBK.encode(&wrong).0.into_owned(),
    ));
    let err = client(Charset::Gbk, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    match err {
        CallError::Charset { encoding, reason } => {
            assert_eq!(encoding, "UTF-8");
            assert!(reason.contains("valid GBK"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_sign_is_a_signature_error_with_the_signing_string() {
    let body = trade_answer(
        "UTF-8",
        "book",
        TRADE_STRING,
        Some("0123456789abcdef0123456789abcdef"),
    );
    let (url, _server) = serve(Reply::Full(200, body.clone().into_bytes()));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    match &err {
        CallError::Signature(e @ ReturnError::BadSignature { .. }) => {
            assert_eq!(e.signing_string(), Some(TRADE_STRING));
            assert!(!e.to_string().contains("buyer@example.com"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    // Skipped on request.
    let (url, _server) = serve(Reply::Full(200, body.into_bytes()));
    let answered = client(Charset::Utf8, &url)
        .with_sign_policy(SignPolicy::Skip)
        .call_blocking(&transport(), &request())
        .unwrap();
    assert!(answered.signing_string().is_none());
}

#[test]
fn require_with_response_refuses_a_stripped_sign_but_not_a_bare_success() {
    let client = client(Charset::Utf8, "https://gw.example/gateway.do")
        .with_sign_policy(SignPolicy::RequireWithResponse);
    let read =
        |body: &str| client.read_answer_untyped(&http::Response::new(body.as_bytes().to_vec()));
    // A bare success and a failure carry no sign: accepted as they are.
    assert!(read("<alipay><is_success>T</is_success></alipay>").is_ok());
    assert!(matches!(
        read("<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>"),
        Err(CallError::Gateway { .. })
    ));
    // Data without its sign: refused.
    let stripped = "<alipay><is_success>T</is_success><response><trade><trade_no>1</trade_no></trade></response></alipay>";
    assert!(matches!(
        read(stripped),
        Err(CallError::Signature(ReturnError::MissingSign))
    ));
    // The same signed: verified.
    let signed = trade_answer("UTF-8", "book", TRADE_STRING, None);
    let (_, string) = read(&signed).unwrap();
    assert!(string.is_some());
    // IfPresent, the default, lets the stripped one through, unsigned.
    let (_, string) = client
        .clone()
        .with_sign_policy(SignPolicy::IfPresent)
        .read_answer_untyped(&http::Response::new(stripped.as_bytes().to_vec()))
        .unwrap();
    assert!(string.is_none());
}

#[test]
fn require_refuses_an_unsigned_success() {
    let body = b"<alipay><is_success>T</is_success></alipay>".to_vec();
    let (url, _server) = serve(Reply::Full(200, body.clone()));
    let err = client(Charset::Utf8, &url)
        .with_sign_policy(SignPolicy::Require)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    assert!(
        matches!(err, CallError::Signature(ReturnError::MissingSign)),
        "{err:?}"
    );
    // The default accepts it (a bare success carries no sign), and the
    // answer then misses the declared fields.
    let (url, _server) = serve(Reply::Full(200, body));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    assert!(matches!(err, CallError::Field { .. }), "{err:?}");
}

#[test]
fn truncated_body_is_an_xml_error() {
    let body = trade_answer("UTF-8", "book", TRADE_STRING, None);
    let cut = body.as_bytes()[..body.len() / 2].to_vec();
    let (url, _server) = serve(Reply::Truncated(cut.clone()));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    // A body cut short of its Content-Length: the transfer broke.
    assert!(err.to_string().contains(TAKEN_EFFECT), "{err}");
    match err {
        CallError::Network(e) => assert!(!e.is_timeout(), "{e:?}"),
        other => panic!("{other:?}"),
    }
    // Half a document, delivered whole: the XML is not well-formed.
    let (url, _server) = serve(Reply::Full(200, cut));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    assert!(err.to_string().contains(TAKEN_EFFECT), "{err}");
    match err {
        CallError::Xml { reason, .. } => assert!(reason.contains("never closed"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn status_502_is_a_status_error() {
    let (url, _server) = serve(Reply::Full(502, b"<html>Bad Gateway</html>".to_vec()));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the gateway answered HTTP 502, an HTML page (24 bytes); the gateway may have acted on \
         the request, so a call that changes a trade may have taken effect: query it before \
         sending it again"
    );
    match err {
        CallError::Status {
            status,
            body,
            location,
        } => {
            assert_eq!(status, 502);
            assert_eq!(body, b"<html>Bad Gateway</html>");
            assert_eq!(location, None);
        }
        other => panic!("{other:?}"),
    }
}

/// A listener nothing should connect to: where a redirect points.
fn elsewhere() -> (String, TcpListener) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/elsewhere", listener.local_addr().unwrap());
    (url, listener)
}

fn assert_never_reached(listener: &TcpListener) {
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the redirect was followed: {other:?}"),
    }
}

/// The gateway's own answer to a request that lost its parameters (what a
/// followed redirect used to print as the call's result).
const EMPTY_REQUEST_FAILURE: &[u8] =
    b"<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>";

#[test]
fn a_redirect_is_a_status_error_naming_its_location_and_is_never_followed() {
    for status in [301, 302, 303, 307, 308] {
        let (target, listener) = elsewhere();
        let page = b"<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head><title>301 Moved Permanently</title></head></html>";
        let (url, server) = serve(Reply::Headed(
            status,
            vec![format!("Location: {target}")],
            page.to_vec(),
        ));
        let err = client(Charset::Utf8, &url)
            .call_blocking(&transport(), &request())
            .unwrap_err();
        server.join().unwrap();
        assert_never_reached(&listener);
        let message = err.to_string();
        assert_eq!(
            message,
            format!(
                "the gateway answered HTTP {status}, a redirect to {target}, not followed: a call goes \
                 to the configured gateway only; the gateway URL may be wrong (http:// for https://, \
                 another host or path)"
            )
        );
        match err {
            CallError::Status {
                status: got,
                location,
                ..
            } => {
                assert_eq!(got, status);
                assert_eq!(location.as_deref(), Some(target.as_str()));
            }
            other => panic!("{other:?}"),
        }
    }
    // No Location: still the status, not a network failure.
    let (url, _server) = serve(Reply::Full(301, Vec::new()));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    assert!(
        matches!(
            &err,
            CallError::Status {
                status: 301,
                location: None,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with(
            "the gateway answered HTTP 301, a redirect without a Location, not followed"
        ),
        "{err}"
    );
}

#[test]
fn an_agent_of_your_own_that_follows_redirects_is_refused() {
    // ureq's default agent follows redirects: the second server would answer
    // the parameterless GET with the gateway's failure.
    let (target, second) = serve(Reply::Full(200, EMPTY_REQUEST_FAILURE.to_vec()));
    let (url, first) = serve(Reply::Headed(
        302,
        vec![format!("Location: {target}")],
        Vec::new(),
    ));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let err = client(Charset::Utf8, &url)
        .call_blocking(&Transport::from_agent(agent), &request())
        .unwrap_err();
    first.join().unwrap();
    assert!(second.join().unwrap().head.starts_with("GET /gateway.do"));
    assert_followed(&err, &url, &target, ".max_redirects(0)");
}

/// A transport error saying a user's client followed a redirect from `url`
/// to `target`, with the setting that stops it (`hint`).
fn assert_followed(err: &CallError<impl std::fmt::Debug>, url: &str, target: &str, hint: &str) {
    match err {
        CallError::Network(e) => {
            let message = e.to_string();
            assert!(
                message.contains(&format!(
                    "followed a redirect from {url}?_input_charset=utf-8 to {target}"
                )),
                "{message}"
            );
            assert!(message.contains(hint), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn notify_verify_does_not_follow_a_redirect_either() {
    let (target, listener) = elsewhere();
    let (url, _server) = serve(Reply::Headed(
        301,
        vec![format!("Location: {target}")],
        Vec::new(),
    ));
    let err = client(Charset::Utf8, &url)
        .notify_verify_blocking(&transport(), "1d583bc9")
        .unwrap_err();
    assert_never_reached(&listener);
    match &err {
        NotifyVerifyError::Status {
            status: 301,
            location: Some(location),
            ..
        } => assert_eq!(location, &target),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string().starts_with(&format!(
            "notify_verify answered HTTP 301, a redirect to {target}, not followed"
        )),
        "{err}"
    );
}

#[cfg(feature = "reqwest")]
mod over_reqwest {
    use super::*;
    use alipay_mapi_runtime::transport::reqwest;

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn a_redirect_is_a_status_error_and_is_never_followed() {
        for status in [301, 302, 307] {
            let (target, listener) = elsewhere();
            let (url, server) = serve(Reply::Headed(
                status,
                vec![format!("Location: {target}")],
                Vec::new(),
            ));
            let transport = reqwest::Transport::new(Duration::from_secs(5)).unwrap();
            let err =
                block_on(client(Charset::Utf8, &url).call(&transport, &request())).unwrap_err();
            server.join().unwrap();
            assert_never_reached(&listener);
            match &err {
                CallError::Status {
                    status: got,
                    location,
                    ..
                } => {
                    assert_eq!(*got, status);
                    assert_eq!(location.as_deref(), Some(target.as_str()));
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn an_answer_past_the_limit_is_not_read_to_its_end() {
        let (replies, written) = too_large();
        for reply in replies {
            let (url, server) = serve(reply);
            let transport = reqwest::Transport::new(Duration::from_secs(5)).unwrap();
            let err =
                block_on(client(Charset::Utf8, &url).call(&transport, &request())).unwrap_err();
            server.join().unwrap();
            assert_too_large(err);
        }
        assert!(!written.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn a_client_of_your_own_that_follows_redirects_is_refused() {
        let (target, second) = serve(Reply::Full(200, EMPTY_REQUEST_FAILURE.to_vec()));
        let (url, first) = serve(Reply::Headed(
            301,
            vec![format!("Location: {target}")],
            Vec::new(),
        ));
        // reqwest's default client follows up to 10 redirects.
        let transport = reqwest::Transport::from_client(::reqwest::Client::new());
        let err = block_on(client(Charset::Utf8, &url).call(&transport, &request())).unwrap_err();
        first.join().unwrap();
        assert!(second.join().unwrap().head.starts_with("GET /gateway.do"));
        assert_followed(&err, &url, &target, "Policy::none()");
        // The answer itself, through the same client, with no redirect.
        let (url, _server) = serve(Reply::Full(
            200,
            trade_answer("UTF-8", "book", TRADE_STRING, None).into_bytes(),
        ));
        let answered = block_on(client(Charset::Utf8, &url).call(&transport, &request())).unwrap();
        assert_eq!(answered.trade_no, "2010073000030344");
    }
}

#[test]
fn timeout_is_a_network_error_that_says_so() {
    let (url, _server) = serve(Reply::Silent(Duration::from_secs(3)));
    let err = client(Charset::Utf8, &url)
        .call_blocking(&Transport::new(Duration::from_millis(300)), &request())
        .unwrap_err();
    assert!(err.to_string().contains(TAKEN_EFFECT), "{err}");
    match err {
        CallError::Network(e) => assert!(e.is_timeout(), "{e:?}"),
        other => panic!("{other:?}"),
    }
}

/// What a call's error says when the gateway may have acted on the request.
const TAKEN_EFFECT: &str = "a call that changes a trade may have taken effect: query it";

/// An answer past [`MAX_ANSWER_LEN`](alipay_mapi_runtime::transport::MAX_ANSWER_LEN),
/// announced or not, is a network error naming the limit: it is not read to
/// its end.
fn assert_too_large(err: CallError<impl fmt::Debug>) {
    match &err {
        CallError::Network(e) => assert!(e.to_string().contains("8388608"), "{e}"),
        other => panic!("{other:?}"),
    }
}

/// The answers past the limit: chunked (no length; four times the limit,
/// to tell reading stopped from reading all and then refusing) and
/// announced; and the flag the chunked one sets if it was read whole.
fn too_large() -> ([Reply; 2], std::sync::Arc<std::sync::atomic::AtomicBool>) {
    let limit = alipay_mapi_runtime::transport::MAX_ANSWER_LEN;
    let written = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    (
        [
            Reply::Chunked(4 * limit, written.clone()),
            Reply::Announcing(limit + 1),
        ],
        written,
    )
}

#[test]
fn an_answer_past_the_limit_is_not_read_to_its_end() {
    let (replies, written) = too_large();
    for reply in replies {
        let (url, server) = serve(reply);
        let err = client(Charset::Utf8, &url)
            .call_blocking(&transport(), &request())
            .unwrap_err();
        server.join().unwrap();
        assert_too_large(err);
    }
    assert!(!written.load(std::sync::atomic::Ordering::SeqCst));
}

#[test]
fn a_refused_connection_is_a_connect_error() {
    // A port that was just free: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/gateway.do");
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    match err {
        CallError::Network(e) => {
            assert_eq!(
                e.kind(),
                alipay_mapi_runtime::transport::TransportErrorKind::Connect,
                "{e:?}"
            );
            assert!(
                e.to_string().starts_with("cannot connect to the gateway"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Nothing reached the gateway: nothing to query.
    let err = client(Charset::Utf8, &url)
        .call_blocking(&transport(), &request())
        .unwrap_err();
    assert!(!err.to_string().contains("may have"), "{err}");
}

#[test]
fn async_call_through_a_closure() {
    let (url, _server) = serve(Reply::Full(
        200,
        trade_answer("UTF-8", "book", TRADE_STRING, None).into_bytes(),
    ));
    let blocking = transport();
    let transport = |request: HttpRequest| {
        let result = alipay_mapi_runtime::transport::BlockingTransport::send(&blocking, request);
        async move { result }
    };
    let client = client(Charset::Utf8, &url);
    let answered = pollster::block_on(client.call(&transport, &request())).unwrap();
    assert_eq!(answered.goods, ["g1", "g2"]);
}

// ---------------------------------------------------------------------------
// notify_verify

fn notify_verify_with(
    answer: &'static [u8],
) -> (Result<NotifyVerification, NotifyVerifyError>, Received) {
    let (url, server) = serve(Reply::Full(200, answer.to_vec()));
    let result = client(Charset::Utf8, &url).notify_verify_blocking(&transport(), "1d583bc9");
    (result, server.join().unwrap())
}

#[test]
fn notify_verify_answers() {
    let (result, received) = notify_verify_with(b"true");
    assert_eq!(result.unwrap(), NotifyVerification::Valid);
    assert!(received.head.starts_with("GET "));
    assert_eq!(
        received.target(),
        format!("/gateway.do?service=notify_verify&partner={PARTNER}&notify_id=1d583bc9")
    );
    assert_eq!(
        notify_verify_with(b"false").0.unwrap(),
        NotifyVerification::Expired
    );
    assert_eq!(
        notify_verify_with(b"invalid").0.unwrap(),
        NotifyVerification::Invalid
    );
    // The words in lowercase, with at most ASCII whitespace around them (a
    // proxy's newline): nothing looser.
    for answer in [
        &b"true\n"[..],
        b"true\r\n",
        b" true ",
        b"\ttrue",
        b"\xEF\xBB\xBFtrue",
        b"\xEF\xBB\xBFtrue\r\n",
        b"\n\xEF\xBB\xBF true",
    ] {
        assert_eq!(
            notify_verify_with(answer).0.unwrap(),
            NotifyVerification::Valid,
            "{answer:?}"
        );
    }
    assert_eq!(
        notify_verify_with(b"false\r\n").0.unwrap(),
        NotifyVerification::Expired
    );
    for answer in [
        &b"TRUE"[..],
        b"True",
        b"untrue",
        b"true.",
        b"t rue",
        b"<html>true</html>",
        b"",
        b"\xEF\xBB\xBF",
        b"\xEF\xBBtrue",
        b"\xEF\xBB\xBF\xEF\xBB\xBFtrue",
        b"x true",
    ] {
        match notify_verify_with(answer).0 {
            Err(NotifyVerifyError::Unrecognized { body }) => assert_eq!(body, answer),
            other => panic!("{answer:?}: {other:?}"),
        }
    }
}

#[test]
fn notify_id_is_encoded_exactly_once() {
    // A return URL carries `notify_id=RqPnCoPT3K9%252Fvwbh`: decoded once, the
    // value is `RqPnCoPT3K9%2Fvwbh`, and that is sent encoded once.
    let raw_return = format!(
        "is_success=T&notify_id=RqPnCoPT3K9%252Fvwbh&sign_type=MD5&sign={}",
        md5_hex(b"is_success=T&notify_id=RqPnCoPT3K9%2Fvwbh")
    );
    let (url, server) = serve(Reply::Full(200, b"true".to_vec()));
    let client = client(Charset::Utf8, &url);
    let verified = client.verify_return_params(&raw_return).unwrap();
    let notify_id = verified.get("notify_id").unwrap();
    assert_eq!(notify_id, "RqPnCoPT3K9%2Fvwbh");
    assert_eq!(
        client
            .notify_verify_blocking(&transport(), notify_id)
            .unwrap(),
        NotifyVerification::Valid
    );
    let received = server.join().unwrap();
    assert!(
        received
            .target()
            .ends_with("&notify_id=RqPnCoPT3K9%252Fvwbh"),
        "{}",
        received.target()
    );
}

#[test]
fn empty_notify_id_is_not_sent() {
    let never = |_: HttpRequest| -> Result<HttpResponse, TransportError> {
        panic!("notify_verify was sent with an empty notify_id")
    };
    let err = client(Charset::Utf8, "http://127.0.0.1:9/gateway.do")
        .notify_verify_blocking(&never, "")
        .unwrap_err();
    assert!(matches!(err, NotifyVerifyError::EmptyNotifyId));
}

// ---------------------------------------------------------------------------
// Notifications received over HTTP: raw bytes and the Content-Type.

/// A GBK notification body, percent-encoded from GBK bytes, with its sign
/// computed here over the GBK bytes of the hand-sorted signing string.
fn gbk_notification() -> Vec<u8> {
    let signing_string = "body=买一本书&notify_id=70fec0c2730b27528665af4517c27b95&notify_time=2009-08-12 11:08:32&notify_type=trade_status_sync&out_trade_no=3618810634349901&subject=护腕&total_fee=1.00&trade_status=TRADE_SUCCESS";
    let sign = md5_hex(&encoding_rs::GBK.encode(signing_string).0);
    let mut body = String::from(
        "notify_time=2009-08-12+11%3A08%3A32&notify_type=trade_status_sync&notify_id=70fec0c2730b27528665af4517c27b95\
&out_trade_no=3618810634349901&total_fee=1.00&trade_status=TRADE_SUCCESS\
&subject=%BB%A4%CD%F3&body=%C2%F2%D2%BB%B1%BE%CA%E9&sign_type=MD5&sign=",
    );
    body.push_str(&sign);
    body.into_bytes()
}

/// A server that verifies one notification with `client` and answers
/// `success` or `fail`; the outcome comes back through the channel.
fn notification_handler(client: Client) -> (String, mpsc::Receiver<Result<String, ReturnError>>) {
    let (tx, rx) = mpsc::channel();
    let (url, _server) = serve(Reply::With(Box::new(move |received: &Received| {
        let outcome = client
            .verify_notification_params(&received.body, received.header("content-type"))
            .map(|v| v.get("subject").unwrap_or_default().to_owned());
        let answer = if outcome.is_ok() { SUCCESS } else { "fail" };
        tx.send(outcome).unwrap();
        (200, answer.as_bytes().to_vec())
    })));
    (url, rx)
}

fn post(url: &str, content_type: &str, body: Vec<u8>) -> Vec<u8> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    agent
        .post(url)
        .header("Content-Type", content_type)
        .send(&body[..])
        .unwrap()
        .body_mut()
        .read_to_vec()
        .unwrap()
}

#[test]
fn gbk_notification_to_a_utf8_client_uses_the_content_type_charset() {
    let (url, outcome) =
        notification_handler(client(Charset::Utf8, "https://gw.example/gateway.do"));
    let answer = post(
        &url,
        "application/x-www-form-urlencoded; charset=GBK",
        gbk_notification(),
    );
    assert_eq!(answer, b"success");
    assert_eq!(outcome.recv().unwrap().unwrap(), "护腕");
}

#[test]
fn gbk_notification_to_a_gbk_client_without_charset_header() {
    let (url, outcome) =
        notification_handler(client(Charset::Gbk, "https://gw.example/gateway.do"));
    let answer = post(
        &url,
        "application/x-www-form-urlencoded",
        gbk_notification(),
    );
    assert_eq!(answer, b"success");
    assert_eq!(outcome.recv().unwrap().unwrap(), "护腕");
}

#[test]
fn gbk_notification_to_a_utf8_client_without_any_charset_says_gbk() {
    let (url, outcome) =
        notification_handler(client(Charset::Utf8, "https://gw.example/gateway.do"));
    let answer = post(
        &url,
        "application/x-www-form-urlencoded",
        gbk_notification(),
    );
    assert_eq!(answer, b"fail");
    let err = outcome.recv().unwrap().unwrap_err();
    assert_eq!(
        err,
        ReturnError::CharsetMismatch {
            configured: Charset::Utf8,
            valid_in: Charset::Gbk
        }
    );
    assert!(err.to_string().contains("these bytes are GBK"), "{err}");
}

#[test]
fn gbk_notification_labelled_utf8_by_its_content_type_says_so() {
    let client = client(Charset::Gbk, "https://gw.example/gateway.do");
    let err = client
        .verify_notification_params(
            &gbk_notification(),
            Some("application/x-www-form-urlencoded; charset=UTF-8"),
        )
        .unwrap_err();
    assert_eq!(
        err,
        ReturnError::DeclaredCharsetMismatch {
            declared: Charset::Utf8,
            declared_by: "Content-Type",
            valid_in: Charset::Gbk,
        }
    );
    assert!(
        err.to_string().contains("which Content-Type declares"),
        "{err}"
    );
    // Declared by the body itself.
    let mut body = gbk_notification();
    body.extend_from_slice(b"&_input_charset=utf-8");
    let err = client.verify_notification_params(&body, None).unwrap_err();
    assert_eq!(
        err,
        ReturnError::DeclaredCharsetMismatch {
            declared: Charset::Utf8,
            declared_by: "_input_charset",
            valid_in: Charset::Gbk,
        }
    );
    // Bytes valid in neither charset keep the error that names the value.
    let mut body = gbk_notification();
    body.extend_from_slice(b"&x=%FF");
    let err = client
        .verify_notification_params(&body, Some("text/plain; charset=utf-8"))
        .unwrap_err();
    assert!(matches!(err, ReturnError::Decode(_)), "{err:?}");
}

#[test]
fn a_body_a_framework_decoded_lossily_is_named_as_such() {
    // What a form extractor does to a GBK body: decode it as UTF-8 with
    // replacement characters, then encode that text again.
    let body = gbk_notification();
    let mut relayed = Vec::new();
    for pair in body.split(|&b| b == b'&') {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let value: Vec<u8> = url::form_urlencoded::parse(&[b"v=", value].concat())
            .next()
            .map(|(_, v)| v.into_owned().into_bytes())
            .unwrap();
        if !relayed.is_empty() {
            relayed.push(b'&');
        }
        relayed.extend_from_slice(name);
        relayed.push(b'=');
        relayed.extend(url::form_urlencoded::byte_serialize(&value).flat_map(str::bytes));
    }
    let err = client(Charset::Utf8, "https://gw.example/gateway.do")
        .verify_notification_params(&relayed, None)
        .unwrap_err();
    assert!(matches!(err, ReturnError::BadSignature { .. }), "{err:?}");
    assert!(err.to_string().contains("decoded lossily"), "{err}");
    // A plain mismatch does not say so.
    let mut tampered = gbk_notification();
    let at = tampered.windows(4).position(|w| w == b"1.00").unwrap();
    tampered[at] = b'2';
    let err = client(Charset::Gbk, "https://gw.example/gateway.do")
        .verify_notification_params(&tampered, None)
        .unwrap_err();
    assert!(matches!(err, ReturnError::BadSignature { .. }), "{err:?}");
    assert!(!err.to_string().contains("lossily"), "{err}");
}

#[test]
fn nothing_received_is_not_a_missing_sign() {
    let client = client(Charset::Utf8, "https://gw.example/gateway.do");
    // What a server gets of a return to a hash-routed page.
    let err = client
        .verify_return_params("https://shop.example/")
        .unwrap_err();
    assert_eq!(err, ReturnError::NoParameters);
    assert!(err.to_string().contains("hash-routed"), "{err}");
    assert_eq!(
        client.verify_notification_params(b"", None).unwrap_err(),
        ReturnError::NoParameters
    );
    assert_eq!(
        client.verify_return_params("?a=1").unwrap_err(),
        ReturnError::MissingSign
    );
}

#[test]
fn notification_with_input_charset_in_the_body() {
    // `_input_charset=gbk` in the body wins over a wrong Content-Type.
    let signing_string = "_input_charset=gbk&notify_id=1&subject=护腕";
    let body = format!(
        "notify_id=1&subject=%BB%A4%CD%F3&_input_charset=gbk&sign_type=MD5&sign={}",
        md5_hex(&encoding_rs::GBK.encode(signing_string).0)
    );
    let (url, outcome) =
        notification_handler(client(Charset::Utf8, "https://gw.example/gateway.do"));
    let answer = post(
        &url,
        "application/x-www-form-urlencoded; charset=utf-8",
        body.into_bytes(),
    );
    assert_eq!(answer, b"success");
    assert_eq!(outcome.recv().unwrap().unwrap(), "护腕");
}

#[test]
fn tampered_gbk_notification_is_refused() {
    let mut body = gbk_notification();
    let at = body.windows(4).position(|w| w == b"1.00").unwrap();
    body[at] = b'9';
    let (url, outcome) =
        notification_handler(client(Charset::Gbk, "https://gw.example/gateway.do"));
    assert_eq!(
        post(&url, "application/x-www-form-urlencoded", body),
        b"fail"
    );
    let err = outcome.recv().unwrap().unwrap_err();
    assert!(matches!(err, ReturnError::BadSignature { .. }), "{err:?}");
}

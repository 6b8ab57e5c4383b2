//! A typed read (`Client::read_answer`) checks and types the usual answer
//! without building its tree first: whatever the shape, the sign policy,
//! the charset or the fault, it must give what the untyped read
//! (`read_answer_untyped`, which always builds the tree) gives — the same
//! answer, the same signing string, the same error.
#![cfg(feature = "md5")]

use alipay_mapi_runtime::answer::{ServiceAnswer, XmlAnswer, XmlElement, XmlElementRef, XmlTree};
use alipay_mapi_runtime::call::{CallError, SignPolicy};
use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::transport::http;
use alipay_mapi_runtime::validate::LengthRule;
use alipay_mapi_runtime::{
    signing_string, Access, Charset, Client, FieldError, FieldSpec, ServiceSpec, Signer, Verifier,
};
use md5::{Digest, Md5};

const KEY: &str = "10000000000000000000000000000000";

static SPEC: ServiceSpec = ServiceSpec {
    service: "single_trade_query",
    request: &[],
    response: None,
    notify: None,
    errors: &[],
    length_rule: LengthRule::GbkWidth,
    answer: Some(&[]),
    access: Access::Server,
    one_of: &[],
    either: &[],
};

/// `<response>` as it was viewed while typing, every name, text and child;
/// refused, as a field error, when it holds `<refuse>`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen(XmlElement);

impl ServiceAnswer for Seen {
    type ErrorCode = String;
    const SPEC: &'static ServiceSpec = &SPEC;
    const FIELDS: &'static [FieldSpec] = &[];
    fn from_response(response: XmlElementRef<'_>) -> Result<Self, FieldError> {
        // Each child found by name as well as in order.
        for child in response.children() {
            assert_eq!(
                response.child(child.name()).map(|c| c.name()),
                Some(child.name())
            );
        }
        if response.child("refuse").is_some() {
            return Err(FieldError::Missing { field: "refuse" });
        }
        Ok(Seen(response.to_element()))
    }
}

fn client(policy: SignPolicy, charset: Charset) -> Client {
    Client::new("2088002464631181", Signer::md5(Md5Key::new(KEY).unwrap()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(Md5Key::new(KEY).unwrap()))
        .with_sign_policy(policy)
}

/// `body` with the `<sign>` of its signed parameters before `</alipay>`.
fn signed(body: &str, charset: Charset) -> String {
    let answer = XmlAnswer::parse(body.as_bytes(), charset).unwrap();
    let string = signing_string(&answer.signed_params(), charset).unwrap();
    let mut h = Md5::new();
    h.update(string.as_bytes());
    h.update(KEY.as_bytes());
    let sign: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    body.replace(
        "</alipay>",
        &format!("<sign>{sign}</sign><sign_type>MD5</sign_type></alipay>"),
    )
}

fn wrap(inside: &str) -> String {
    format!("<alipay><is_success>T</is_success>{inside}</alipay>")
}

/// Reads `body` both ways under every policy and checks they agree.
fn agree(body: &[u8], content_type: Option<&str>) {
    for policy in [
        SignPolicy::Require,
        SignPolicy::RequireWithResponse,
        SignPolicy::IfPresent,
        SignPolicy::Skip,
    ] {
        for charset in [Charset::Utf8, Charset::Gbk] {
            let client = client(policy, charset);
            let mut response = http::Response::new(body.to_vec());
            if let Some(content_type) = content_type {
                response.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_str(content_type).unwrap(),
                );
            }
            let typed = client.read_answer::<Seen>(&response);
            let untyped = client.read_answer_untyped(&response);
            let context = format!("{policy:?} {charset:?} {}", String::from_utf8_lossy(body));
            match (typed, untyped) {
                (Ok(typed), Ok((answer, string))) => {
                    assert_eq!(typed.answer(), &answer, "{context}");
                    assert_eq!(typed.signing_string(), string.as_ref(), "{context}");
                    let bare = XmlTree::from_element(&XmlElement::leaf("response", ""));
                    let response = answer.response().unwrap_or(bare.root());
                    assert_eq!(typed.value().0, response.to_element(), "{context}");
                    assert_eq!(typed.response(), answer.response(), "{context}");
                    let copy = typed.clone();
                    assert_eq!(copy, typed, "{context}");
                    assert_eq!(format!("{copy:?}"), format!("{typed:?}"), "{context}");
                }
                (Err(CallError::Field { error, answer }), Ok((whole, _))) => {
                    assert_eq!(error, FieldError::Missing { field: "refuse" }, "{context}");
                    assert_eq!(*answer, whole, "{context}");
                }
                (Err(typed), Err(untyped)) => {
                    assert_eq!(typed.to_string(), untyped.to_string(), "{context}");
                    assert_eq!(format!("{typed:?}"), format!("{untyped:?}"), "{context}");
                    assert_eq!(
                        typed.signing_string(),
                        untyped.signing_string(),
                        "{context}"
                    );
                }
                (typed, untyped) => panic!("{context}: {typed:?} against {untyped:?}"),
            }
        }
    }
}

const RESPONSES: &[&str] = &[
    // Flat under one element, the usual answer.
    "<response><trade><trade_no>2011</trade_no><subject>护腕</subject><total_fee>1.00</total_fee>\
     <memo></memo><note/></trade></response>",
    // Leaves straight under `<response>`, or one leaf, or none.
    "<response><a>1</a><b>2</b></response>",
    "<response><a>1</a></response>",
    "<response></response>",
    "<response>text</response>",
    "<response/>",
    // Whitespace between elements, entities, CDATA, text around a comment.
    "<response>\n  <trade>\n    <a>x &amp; &lt;y&gt; &#x4E2D;</a>\n    <b><![CDATA[<i>]]> and more</b>\n  \
     </trade>\n</response>",
    "<response><trade><a>one<!-- c -->two</a><b>2</b></trade></response>",
    "<response><trade><a><!-- c -->one</a><?pi x?><b>2</b></trade></response>",
    "<response><trade>stray<a>1</a></trade></response>",
    "<response>stray<trade><a>1</a></trade></response>",
    "<response><a>1</a>stray<b>2</b></response>",
    // Repeated leaves, sorted by name and value.
    "<response><trade><a>2</a><a>1</a><b>0</b></trade></response>",
    // A leaf repeated with a copy empty, which the sign cannot cover:
    // refused when a sign is checked.
    "<response><trade><trade_no>2010</trade_no><total_fee/><total_fee>10.00</total_fee></trade></response>",
    "<response><trade><tag>gift</tag><tag/><tag></tag></trade></response>",
    // The signed names left out (`sign`, `sign_type`, empty values).
    "<response><trade><sign>x</sign><sign_type>y</sign_type><a></a><b>1</b></trade></response>",
    // Nested: signed by fragments, read in full.
    "<response><trade><a>1</a><item><id>a</id></item><item><id>b</id></item></trade></response>",
    "<response><a>1</a><t><b>2</b></t></response>",
    // Typed refusal.
    "<response><trade><a>1</a></trade><refuse/></response>",
    "<response><refuse>1</refuse></response>",
];

#[test]
fn the_usual_answer_reads_as_the_full_reading_reads_it() {
    for response in RESPONSES {
        let body = wrap(response);
        agree(signed(&body, Charset::Utf8).as_bytes(), None);
        // Unsigned.
        agree(body.as_bytes(), None);
        // With a request echoed, `<error>` and the parts in another order.
        let echoed = format!(
            "<alipay><request><param name=\"trade_no\">2011</param><param name=\"a&amp;b\"/></request>\
             {response}<error> SUCCESS\n</error><is_success> T </is_success></alipay>"
        );
        agree(signed(&echoed, Charset::Utf8).as_bytes(), None);
    }
}

#[test]
fn a_gbk_answer_reads_as_the_full_reading_reads_it() {
    for response in RESPONSES {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"GBK\"?>{}",
            signed(&wrap(response), Charset::Gbk)
        );
        let bytes = encoding_rs::GBK.encode(&body).0;
        agree(&bytes, None);
        agree(&bytes, Some("text/xml; charset=GBK"));
    }
}

#[test]
fn refused_signs_read_as_the_full_reading_refuses_them() {
    let body = signed(&wrap(RESPONSES[0]), Charset::Utf8);
    let sign_at = body.find("<sign>").unwrap() + "<sign>".len();
    let mut tampered = body.clone();
    tampered.replace_range(sign_at..sign_at + 1, "0");
    if tampered == body {
        tampered.replace_range(sign_at..sign_at + 1, "1");
    }
    for body in [
        tampered,
        body.replace("2011", "2012"),
        body.replace("<sign_type>MD5</sign_type>", "<sign_type>RSA</sign_type>"),
        body.replace("<sign_type>MD5</sign_type>", "<sign_type></sign_type>"),
        body.replace("<sign_type>MD5</sign_type>", ""),
        body.replace(&body[sign_at..sign_at + 32], "short"),
        body.replace(
            &body[sign_at..sign_at + 32],
            &format!(" {} ", &body[sign_at..sign_at + 32]),
        ),
        body.replace(&body[sign_at..sign_at + 32], ""),
    ] {
        agree(body.as_bytes(), None);
    }
    // No verifier.
    let client = Client::new("2088002464631181", Signer::md5(Md5Key::new(KEY).unwrap())).unwrap();
    let response = http::Response::new(body.into_bytes());
    let typed = client.read_answer::<Seen>(&response).unwrap_err();
    let untyped = client.read_answer_untyped(&response).unwrap_err();
    assert_eq!(format!("{typed:?}"), format!("{untyped:?}"));
}

#[test]
fn an_empty_copy_of_a_signed_leaf_is_refused_both_ways() {
    for response in [
        "<response><trade><trade_no>2010</trade_no><total_fee/><total_fee>10.00</total_fee></trade></response>",
        "<response><trade><tag>gift</tag><tag/><tag></tag></trade></response>",
        "<response><trade><tag>gift</tag><tag/><item><id>a</id></item></trade></response>",
    ] {
        let body = signed(&wrap(response), Charset::Utf8);
        let response = http::Response::new(body.clone().into_bytes());
        let checking = client(SignPolicy::Require, Charset::Utf8);
        let typed = checking.read_answer::<Seen>(&response).unwrap_err();
        let untyped = checking.read_answer_untyped(&response).unwrap_err();
        for error in [typed.to_string(), untyped.to_string()] {
            assert!(error.contains("received more than once"), "{body}: {error}");
        }
        // Unchecked, it reads as it is.
        let skipping = client(SignPolicy::Skip, Charset::Utf8);
        assert!(skipping.read_answer::<Seen>(&response).is_ok(), "{body}");
    }
    // Repeated leaves that all hold a value, and a lone empty leaf, are
    // signed and read.
    let body = signed(
        &wrap("<response><trade><tag>a</tag><tag>b</tag><memo/></trade></response>"),
        Charset::Utf8,
    );
    let response = http::Response::new(body.into_bytes());
    assert!(client(SignPolicy::Require, Charset::Utf8)
        .read_answer::<Seen>(&response)
        .is_ok());
}

#[test]
fn other_shapes_and_faults_read_as_the_full_reading_reads_them() {
    for body in [
        "<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>".to_owned(),
        "<alipay><is_success>T</is_success></alipay>".to_owned(),
        "<alipay><is_success>P</is_success><response><a>1</a></response></alipay>".to_owned(),
        "<alipay><response><a>1</a></response></alipay>".to_owned(),
        "<other><is_success>T</is_success></other>".to_owned(),
        wrap("<response><a>1</a></response><response><a>1</a></response>"),
        wrap("<response><a>1</a></response><extra><b>2</b></extra>"),
        wrap("<request><x/></request><response><a>1</a></response>"),
        wrap("<request><param>1</param></request><response><a>1</a></response>"),
        wrap("<request><param name=\"a\"><b/></param></request><response><a>1</a></response>"),
        wrap("<response><a>1</a></response><sign><x/></sign>"),
        wrap("<response><a>1</a></response><sign>a<!-- -->b</sign>"),
        "<alipay><is_success>T<!-- -->\n</is_success><response><a>1</a></response></alipay>"
            .to_owned(),
        "<alipay><is_success><t/></is_success></alipay>".to_owned(),
        wrap("<response><a>1</a>"),
        "<html><title>Bad gateway</title></html>".to_owned(),
        wrap(&format!(
            "<response>{}x{}</response>",
            "<a>".repeat(70),
            "</a>".repeat(70)
        )),
    ] {
        agree(body.as_bytes(), None);
        agree(signed_or_not(&body).as_bytes(), None);
    }
}

/// `body` signed when it parses, else as it is.
fn signed_or_not(body: &str) -> String {
    match XmlAnswer::parse(body.as_bytes(), Charset::Utf8) {
        Ok(_) => signed(body, Charset::Utf8),
        Err(_) => body.to_owned(),
    }
}

#[test]
fn an_answered_value_moves_and_is_shared_across_threads_as_before() {
    fn auto<
        T: Send + Sync + Unpin + std::panic::UnwindSafe + std::panic::RefUnwindSafe + 'static,
    >() {
    }
    auto::<alipay_mapi_runtime::Answered<Seen>>();
    let body = signed(&wrap(RESPONSES[0]), Charset::Utf8);
    let client = client(SignPolicy::Require, Charset::Utf8);
    let answered = client
        .read_answer::<Seen>(&http::Response::new(body.into_bytes()))
        .unwrap();
    // Its tree and signing string are built once, by whichever thread asks
    // first.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| answered.answer().clone());
        let b = s.spawn(|| answered.signing_string().cloned());
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(&a, answered.answer());
    assert_eq!(b.as_ref(), answered.signing_string());
    assert_eq!(
        b.unwrap().as_str(),
        "subject=护腕&total_fee=1.00&trade_no=2011"
    );
}

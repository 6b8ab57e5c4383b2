//! Reading XML answers without a network: shapes, encodings, refusals, and
//! the gateway side's answers, returns and notifications read back.
#![cfg(feature = "md5")]

use alipay_mapi_runtime::answer::{AnswerError, XmlAnswer, XmlElement, XmlErrorKind, MAX_DEPTH};
use alipay_mapi_runtime::call::{CallError, SignPolicy};
use alipay_mapi_runtime::gateway_side::{self, GatewaySideError};
use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::transport::http;
use alipay_mapi_runtime::{Charset, Client, ReturnError, Signer, Verifier};
use md5::{Digest, Md5};

const KEY: &str = "10000000000000000000000000000000";

fn signer() -> Signer {
    Signer::md5(Md5Key::new(KEY).unwrap())
}

fn client(charset: Charset) -> Client {
    Client::new("2088002464631181", signer())
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(Md5Key::new(KEY).unwrap()))
}

fn md5_hex(bytes: &[u8]) -> String {
    let mut h = Md5::new();
    h.update(bytes);
    h.update(KEY.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn xml_err(body: &str) -> String {
    match XmlAnswer::parse(body.as_bytes(), Charset::Utf8) {
        Err(AnswerError::Xml { reason, .. }) => reason,
        other => panic!("{other:?}"),
    }
}

#[test]
fn elements_in_any_order_and_unknown_ones_kept() {
    let body = "<alipay><sign>s</sign><response><a>1</a></response><extra>x</extra>\
        <sign_type>MD5</sign_type><is_success>T</is_success></alipay>";
    let answer = XmlAnswer::parse(body.as_bytes(), Charset::Utf8).unwrap();
    assert!(answer.is_success());
    assert_eq!(answer.sign(), Some("s"));
    assert_eq!(answer.sign_type(), Some("MD5"));
    let others: Vec<XmlElement> = answer.others().map(|e| e.to_element()).collect();
    assert_eq!(others, [XmlElement::leaf("extra", "x")]);
    assert_eq!(answer.signed_params(), [("a", "1")]);
}

#[test]
fn shape_errors_say_what_and_where() {
    assert!(xml_err("<trade/>").contains("not <alipay>"));
    assert_eq!(xml_err("<html/>"), "an HTML page");
    assert!(xml_err("<alipay/>").contains("no <is_success>"));
    assert!(xml_err("<alipay><is_success>Y</is_success></alipay>").contains("neither T nor F"));
    assert!(
        xml_err("<alipay><is_success>T</is_success>\n<sign>a</sign><sign>b</sign></alipay>")
            .contains("<sign> appears twice in <alipay> (line 2)")
    );
    assert!(
        xml_err("<alipay><is_success>T</is_success><request><x/></request></alipay>")
            .contains("only <param")
    );
    let deep = format!(
        "<alipay><is_success>T</is_success><response>{}x{}</response></alipay>",
        "<a>".repeat(MAX_DEPTH + 1),
        "</a>".repeat(MAX_DEPTH + 1)
    );
    assert!(xml_err(&deep).contains("deeper than"));
    // No DTD, so no entity expansion.
    assert!(!xml_err(
        "<!DOCTYPE alipay [<!ENTITY e \"x\">]><alipay><is_success>T</is_success></alipay>"
    )
    .is_empty());
}

#[test]
fn encoding_comes_from_the_declaration_else_the_request_charset() {
    let text = "<alipay><is_success>T</is_success><response><s>图书</s></response></alipay>";
    let gbk = encoding_rs::GBK.encode(text).0.into_owned();
    // No declaration: the request charset.
    let answer = XmlAnswer::parse(&gbk, Charset::Gbk).unwrap();
    assert_eq!(answer.response().unwrap().child_text("s"), Some("图书"));
    assert!(matches!(
        XmlAnswer::parse(&gbk, Charset::Utf8),
        Err(AnswerError::Charset { .. })
    ));
    // A declaration wins; gb2312 is read as GBK.
    let declared = [b"<?xml version='1.0' encoding='gb2312'?>".as_slice(), &gbk].concat();
    let answer = XmlAnswer::parse(&declared, Charset::Utf8).unwrap();
    assert_eq!(answer.charset(), Some(Charset::Gbk));
    let unknown = b"<?xml version=\"1.0\" encoding=\"x-nonsense\"?><alipay/>";
    assert!(matches!(
        XmlAnswer::parse(unknown, Charset::Utf8),
        Err(AnswerError::Charset { encoding, .. }) if encoding == "x-nonsense"
    ));
}

#[test]
fn gateway_side_answer_reads_back_and_its_sign_is_md5_of_the_leaves() {
    let response = XmlElement {
        name: "response".into(),
        text: String::new(),
        children: vec![XmlElement {
            name: "trade".into(),
            text: String::new(),
            children: vec![
                XmlElement::leaf("trade_no", "1"),
                XmlElement::leaf("subject", "护腕 & <b>"),
                XmlElement::leaf("empty", ""),
            ],
        }],
    };
    for charset in [Charset::Utf8, Charset::Gbk] {
        let body =
            gateway_side::xml_answer(Some(&signer()), charset, &[("trade_no", "1")], &response)
                .unwrap();
        let answer = XmlAnswer::parse(&body, Charset::Utf8).unwrap();
        assert_eq!(
            answer.response().map(|r| r.to_element()),
            Some(response.clone())
        );
        let expected = charset
            .encode("", "subject=护腕 & <b>&trade_no=1")
            .unwrap()
            .into_owned();
        assert_eq!(answer.sign(), Some(md5_hex(&expected).as_str()));
        let (_, string) = client(Charset::Utf8)
            .with_sign_policy(SignPolicy::Require)
            .read_answer_untyped(&http::Response::new(body))
            .unwrap();
        assert_eq!(string.unwrap().as_str(), "subject=护腕 & <b>&trade_no=1");
    }
    let failure = gateway_side::xml_failure(Charset::Utf8, "TRADE_NOT_EXIST").unwrap();
    match client(Charset::Utf8).read_answer_untyped(&http::Response::new(failure)) {
        Err(CallError::Gateway { code, .. }) => assert_eq!(code, "TRADE_NOT_EXIST"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn gateway_side_returns_and_notifications_verify() {
    let pairs = [
        ("is_success", "T"),
        ("subject", "中文 +&="),
        ("notify_id", "a%2Fb"),
    ];
    for charset in [Charset::Utf8, Charset::Gbk] {
        let url =
            gateway_side::return_url(&signer(), charset, "https://shop.example/return", &pairs)
                .unwrap();
        let verified = client(charset).verify_return_params(&url).unwrap();
        assert_eq!(verified.get("subject"), Some("中文 +&="));
        assert_eq!(verified.get("notify_id"), Some("a%2Fb"));
        let body = gateway_side::notification_body(&signer(), charset, &pairs).unwrap();
        let ct = format!("application/x-www-form-urlencoded; charset={charset}");
        let verified = client(Charset::Utf8)
            .verify_notification_params(&body, Some(&ct))
            .unwrap();
        assert_eq!(verified.get("subject"), Some("中文 +&="));
    }
    // The sign is md5 of the sorted pairs, computed here.
    let signed =
        gateway_side::sign_pairs(&signer(), Charset::Utf8, &[("b", "2"), ("a", "1")]).unwrap();
    assert_eq!(signed[3].1, md5_hex(b"a=1&b=2"));
    assert_eq!(
        gateway_side::sign_pairs(&signer(), Charset::Utf8, &[("sign", "x")]),
        Err(GatewaySideError::Reserved {
            name: "sign".into()
        })
    );
    assert_eq!(
        gateway_side::percent_encode(Charset::Gbk, "中 +").unwrap(),
        "%D6%D0%20%2B"
    );
}

#[test]
fn unknown_content_type_charset_is_refused() {
    let err = client(Charset::Utf8)
        .verify_notification_params(b"a=1&sign=x", Some("text/plain; charset=latin1"))
        .unwrap_err();
    assert!(matches!(err, ReturnError::Charset(_)), "{err:?}");
}

#[test]
fn a_utf8_byte_order_mark_is_not_text() {
    let body = b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?><alipay><is_success>T</is_success></alipay>";
    assert!(XmlAnswer::parse(body, Charset::Utf8).unwrap().is_success());
}

/// Whitespace and a byte order mark before the declaration or `<alipay>`
/// carry no data (recorded answers are indented heredocs and files saved
/// with a BOM); the sign, over what is inside `<response>`, still verifies.
#[test]
fn whitespace_and_a_byte_order_mark_before_the_answer_are_skipped() {
    let text = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<alipay><is_success>T</is_success>\
        <response><trade><subject>护腕</subject><trade_no>1</trade_no></trade></response>\
        <sign>SIGN</sign><sign_type>MD5</sign_type></alipay>";
    // md5 of the GBK bytes of "subject=护腕&trade_no=1" + the key, computed
    // here with the md-5 crate.
    let sign = md5_hex(&encoding_rs::GBK.encode("subject=护腕&trade_no=1").0);
    let text = text.replace("SIGN", &sign);
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    for lead in [&b""[..], b"\n", b"      ", b" \r\n\t", b"\xEF\xBB\xBF\n"] {
        let body = [lead, gbk.as_slice()].concat();
        if lead.starts_with(b"\xEF\xBB\xBF") {
            // A UTF-8 mark on GBK bytes: which is it?
            let err = XmlAnswer::parse(&body, Charset::Utf8).unwrap_err();
            assert!(
                matches!(&err, AnswerError::Charset { reason, .. } if reason.contains("byte order mark")),
                "{err:?}"
            );
            continue;
        }
        let (answer, string) = client(Charset::Utf8)
            .with_sign_policy(SignPolicy::Require)
            .read_answer_untyped(&http::Response::new(body))
            .unwrap();
        assert_eq!(answer.charset(), Some(Charset::Gbk));
        assert_eq!(string.unwrap().as_str(), "subject=护腕&trade_no=1");
    }
    for lead in ["\n", "\u{FEFF}", "\u{FEFF}  \n", "\t\r\n "] {
        for rest in [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success></alipay>",
            "<alipay><is_success>T</is_success></alipay>",
        ] {
            let body = format!("{lead}{rest}");
            assert!(
                XmlAnswer::parse(body.as_bytes(), Charset::Utf8)
                    .unwrap()
                    .is_success(),
                "{body:?}"
            );
        }
    }
    // Anything else before the declaration stays an XML error.
    for junk in ["x", "\u{A0}", "\0", "<!-- c -->", "\u{3000}"] {
        let body = format!(
            "{junk}<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success></alipay>"
        );
        assert!(
            matches!(
                XmlAnswer::parse(body.as_bytes(), Charset::Utf8),
                Err(AnswerError::Xml { .. })
            ),
            "{body:?}"
        );
    }
}

/// Tengine's pages as the gateway's front served them (one recorded in an
/// issue of a payment library, one a 502 page), and a GBK page: HTML, not
/// XML, said before any charset or XML parsing.
#[test]
fn an_html_page_is_named_with_its_title() {
    let moved = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html>\n\
        <head><title>301 Moved Permanently</title></head>\n<body bgcolor=\"white\">\n\
        <h1>301 Moved Permanently</h1>\n<hr/>Powered by Tengine/2.1.0</body>\n</html>\n";
    let bad_gateway = "\r\n  <html>\n<head><title>502\n  Bad Gateway</title></head>\n\
        <body bgcolor=\"white\">\n<center><h1>502 Bad Gateway</h1></center>\n\
        <hr><center>Tengine</center>\n</body>\n</html>\n";
    // 支付宝 - 网上支付 安全快速！ in GBK, in a page that says so.
    let mut gbk = b"<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>".to_vec();
    gbk.extend_from_slice(
        b"\xd6\xa7\xb8\xb6\xb1\xa6 - \xcd\xf8\xc9\xcf\xd6\xa7\xb8\xb6 \xb0\xb2\xc8\xab\xbf\xec\xcb\xd9\xa3\xa1",
    );
    gbk.extend_from_slice(b"</title></head><body>\xcf\xb5\xcd\xb3</body></html>");
    let untitled = b"\xEF\xBB\xBF<HTML><body>Access denied</body></HTML>".to_vec();
    for (body, title) in [
        (moved.as_bytes().to_vec(), Some("301 Moved Permanently")),
        (bad_gateway.as_bytes().to_vec(), Some("502 Bad Gateway")),
        (gbk, Some("支付宝 - 网上支付 安全快速！")),
        (untitled, None),
    ] {
        // Whatever the charset the client would read the XML in.
        for charset in [Charset::Utf8, Charset::Gbk] {
            let err = XmlAnswer::parse(&body, charset).unwrap_err();
            assert_eq!(
                err,
                AnswerError::Xml {
                    reason: match title {
                        Some(t) => format!("an HTML page titled \"{t}\""),
                        None => "an HTML page".to_owned(),
                    },
                    kind: XmlErrorKind::HtmlPage {
                        title: title.map(str::to_owned)
                    },
                }
            );
            let message = client(charset)
                .read_answer_untyped(&http::Response::new(body.clone()))
                .unwrap_err()
                .to_string();
            let expected = match title {
                Some(t) => format!("the answer is an HTML page titled \"{t}\" (HTTP 200), not the gateway's XML: a web server's or proxy's page (is the gateway URL right?)"),
                None => "the answer is an HTML page (HTTP 200), not the gateway's XML: a web server's or proxy's page (is the gateway URL right?)".to_owned(),
            };
            assert_eq!(message, expected);
        }
    }
    // XML that merely mentions html is XML.
    assert!(xml_err("<htm/>").contains("not <alipay>"));
    assert!(xml_err("<!-- <html> --><alipay/>").contains("no <is_success>"));
}

fn read(body: &str) -> Result<alipay_mapi_runtime::call::UntypedAnswer, CallError<String>> {
    client(Charset::Utf8).read_answer_untyped(&http::Response::new(body.as_bytes().to_vec()))
}

#[test]
fn is_success_and_error_are_read_without_surrounding_whitespace() {
    match read(
        "<alipay>\n  <is_success> F\n</is_success>\n  <error> TRADE_NOT_EXIST\n</error>\n</alipay>",
    ) {
        Err(CallError::Gateway { code, answer }) => {
            assert_eq!(code, "TRADE_NOT_EXIST");
            assert_eq!(answer.error(), Some("TRADE_NOT_EXIST"));
        }
        other => panic!("{other:?}"),
    }
    let (answer, _) = read("<alipay><is_success>\n  T\n</is_success></alipay>").unwrap();
    assert!(answer.is_success());
}

#[test]
fn a_failure_without_a_code_says_so() {
    for body in [
        "<alipay><is_success>F</is_success></alipay>",
        "<alipay><is_success>F</is_success><error></error></alipay>",
        "<alipay><is_success>F</is_success><error> \n</error></alipay>",
    ] {
        let err = read(body).unwrap_err();
        assert!(
            matches!(&err, CallError::Gateway { code, .. } if code.is_empty()),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "the gateway reports failure (<is_success>F</is_success>) without an error code"
        );
    }
    let err = read("<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the gateway reports failure TRADE_NOT_EXIST"
    );
}

#[test]
fn a_success_keeps_its_error_element() {
    // Recorded from batch_trans_notify_no_pwd.
    let (answer, _) =
        read("<alipay><is_success>T</is_success><error>SUCCESS</error></alipay>").unwrap();
    assert!(answer.is_success());
    assert_eq!(answer.error(), Some("SUCCESS"));
}

#[test]
fn is_success_neither_t_nor_f_is_an_unknown_outcome() {
    for (value, body) in [
        // refund_fastpay_by_platform_nopwd code in the wild checks for it.
        ("P", "<alipay><is_success>P</is_success></alipay>"),
        (
            "t",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>t</is_success></alipay>",
        ),
        ("", "<alipay><is_success/><error>X</error></alipay>"),
    ] {
        let kind = XmlErrorKind::UnknownOutcome {
            is_success: value.to_owned(),
        };
        assert_eq!(
            XmlAnswer::parse(body.as_bytes(), Charset::Utf8).unwrap_err(),
            AnswerError::Xml {
                reason: format!("<is_success> is `{value}`, neither T nor F"),
                kind: kind.clone(),
            }
        );
        let err = read(body).unwrap_err();
        assert!(
            matches!(&err, CallError::Xml { kind: k, .. } if *k == kind),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "the answer's <is_success> is `{value}`, neither T nor F: the call's outcome is \
                 unknown (no document of the gateway defines it); query before sending the call again"
            )
        );
    }
}

fn read_with(
    body: &[u8],
    content_type: Option<&str>,
    charset: Charset,
) -> Result<XmlAnswer, CallError<String>> {
    let mut response = http::Response::new(body.to_vec());
    if let Some(ct) = content_type {
        response
            .headers_mut()
            .insert(http::header::CONTENT_TYPE, ct.parse().unwrap());
    }
    client(charset)
        .with_sign_policy(SignPolicy::Skip)
        .read_answer_untyped(&response)
        .map(|(answer, _)| answer)
}

fn charset_err(result: Result<XmlAnswer, CallError<String>>) -> (String, String) {
    match result {
        Err(CallError::Charset { encoding, reason }) => (encoding, reason),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_charset_is_the_declarations_else_the_content_types_else_the_requests() {
    let text = "<alipay><is_success>T</is_success><response><s>图书</s></response></alipay>";
    let gbk = encoding_rs::GBK.encode(text).0.into_owned();
    let subject = |answer: XmlAnswer| {
        answer
            .response()
            .unwrap()
            .child_text("s")
            .unwrap()
            .to_owned()
    };
    // No declaration: the Content-Type's charset, whatever the client's.
    for charset in [Charset::Utf8, Charset::Gbk] {
        for ct in [
            "text/xml; charset=GBK",
            "text/xml;charset=\"gb2312\"",
            "text/xml; charset=GB18030",
        ] {
            assert_eq!(
                subject(read_with(&gbk, Some(ct), charset).unwrap()),
                "图书",
                "{ct}"
            );
        }
        assert_eq!(
            subject(read_with(text.as_bytes(), Some("text/xml; charset=utf-8"), charset).unwrap()),
            "图书"
        );
        // Neither: the request's charset, which the gateway answers in.
        for ct in [None, Some("text/xml"), Some("application/json")] {
            match charset {
                Charset::Utf8 => {
                    let (encoding, reason) = charset_err(read_with(&gbk, ct, charset));
                    assert_eq!(encoding, "utf-8");
                    assert_eq!(
                        reason,
                        "the bytes are not valid UTF-8, which the request's _input_charset (no XML \
                         declaration, no Content-Type charset) names, but are valid GBK: what names \
                         the charset does not match the body"
                    );
                    assert_eq!(
                        subject(read_with(text.as_bytes(), ct, charset).unwrap()),
                        "图书"
                    );
                }
                _ => {
                    assert_eq!(subject(read_with(&gbk, ct, charset).unwrap()), "图书");
                    // UTF-8 text is valid GBK too (garbled): with nothing to
                    // say which, refused, never read as garbled text.
                    let (encoding, reason) = charset_err(read_with(text.as_bytes(), ct, charset));
                    assert_eq!(encoding, "gbk");
                    assert!(reason.contains("valid both in gbk"), "{reason}");
                    // A byte order mark says which.
                    let marked = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
                    assert_eq!(subject(read_with(&marked, ct, charset).unwrap()), "图书");
                    // A body that is no XML at all gets the XML error.
                    let busy = "系统繁忙，请稍后再试".as_bytes();
                    assert!(
                        matches!(read_with(busy, ct, charset), Err(CallError::Xml { .. })),
                        "{:?}",
                        read_with(busy, ct, charset)
                    );
                }
            }
        }
        let (encoding, reason) =
            charset_err(read_with(&gbk, Some("text/xml; charset=latin-9x"), charset));
        assert_eq!(
            (encoding.as_str(), reason.as_str()),
            ("latin-9x", "the Content-Type names an unknown encoding")
        );
    }

    // A declaration and a Content-Type that disagree: neither is trusted...
    let declared_gbk = [b"<?xml version=\"1.0\" encoding=\"GBK\"?>".as_slice(), &gbk].concat();
    let utf8_declared_gbk = format!("<?xml version=\"1.0\" encoding=\"GBK\"?>{text}");
    for body in [&declared_gbk[..], utf8_declared_gbk.as_bytes()] {
        let (encoding, reason) = charset_err(read_with(
            body,
            Some("text/xml; charset=utf-8"),
            Charset::Utf8,
        ));
        assert_eq!(encoding, "GBK");
        assert_eq!(
            reason,
            "the XML declaration says GBK but the Content-Type says utf-8: the bytes cannot be \
             trusted to be either"
        );
    }
    // ...unless the bytes are ASCII, the same in both.
    let ascii =
        "<?xml version=\"1.0\" encoding=\"GBK\"?><alipay><is_success>T</is_success></alipay>";
    assert!(read_with(
        ascii.as_bytes(),
        Some("text/xml; charset=utf-8"),
        Charset::Utf8
    )
    .is_ok());
    // Names of one charset agree: gb2312 and GB18030 are read as GBK's family.
    for ct in [
        "text/xml; charset=gbk",
        "text/xml; charset=GB2312",
        "text/xml; charset=gb18030",
    ] {
        let answer = read_with(&declared_gbk, Some(ct), Charset::Utf8).unwrap();
        assert_eq!(
            (answer.charset(), subject(answer)),
            (Some(Charset::Gbk), "图书".to_owned())
        );
    }
    // A header charset unknown to the decoder is ignored beside a
    // declaration.
    assert!(read_with(
        &declared_gbk,
        Some("text/xml; charset=x-unknown"),
        Charset::Utf8
    )
    .is_ok());
    // No guess beyond the rule: UTF-8 bytes declared GBK, with no
    // Content-Type charset, are read as GBK (the text is then not what was
    // meant: documented).
    let garbled = read_with(utf8_declared_gbk.as_bytes(), None, Charset::Utf8).unwrap();
    assert_eq!(garbled.charset(), Some(Charset::Gbk));
    assert_ne!(subject(garbled), "图书");
}

/// `account.page.query`'s shape (as the gateway's document and the answers
/// quoted by three implementations show it): the sign covers the children
/// of `<account_page_query_result>`, `account_log_list` by its XML fragment
/// as received (its own tags, the indentation, `&amp;` as written) with
/// empty elements expanded, the others by their text.
#[test]
fn account_page_query_is_signed_over_its_log_list_fragment() {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>
<alipay>
  <is_success>T</is_success>
  <request><param name=\"_input_charset\">utf-8</param><param name=\"service\">account.page.query</param><param name=\"page_no\">1</param></request>
  <response>
    <account_page_query_result>
      <account_log_list>
        <AccountQueryAccountLogVO>
          <balance>21640857.99</balance>
          <goods_title>商品&amp;赠品</goods_title>
          <memo/>
          <trade_no>2012050726014177</trade_no>
        </AccountQueryAccountLogVO>
        <AccountQueryAccountLogVO>
          <balance>21640358.99</balance>
          <memo />
          <trade_no>2012050726014178</trade_no>
        </AccountQueryAccountLogVO>
      </account_log_list>
      <has_next_page>F</has_next_page>
      <page_no>1</page_no>
      <page_size>5000</page_size>
    </account_page_query_result>
  </response>
  <sign>SIGN</sign>
  <sign_type>MD5</sign_type>
</alipay>
";
    // Written out by hand from the body above.
    let signing_string = "account_log_list=<account_log_list>
        <AccountQueryAccountLogVO>
          <balance>21640857.99</balance>
          <goods_title>商品&amp;赠品</goods_title>
          <memo></memo>
          <trade_no>2012050726014177</trade_no>
        </AccountQueryAccountLogVO>
        <AccountQueryAccountLogVO>
          <balance>21640358.99</balance>
          <memo></memo>
          <trade_no>2012050726014178</trade_no>
        </AccountQueryAccountLogVO>
      </account_log_list>&has_next_page=F&page_no=1&page_size=5000";
    // python3: hashlib.md5((signing_string + "1000…0000").encode("utf-8")).hexdigest()
    // with the same string typed in Python (`<memo></memo>` literally).
    let sign = "9fe5c63e26b47c344378f83234104438";
    assert_eq!(md5_hex(signing_string.as_bytes()), sign);
    let body = body.replace("SIGN", sign);
    let (answer, string) = client(Charset::Utf8)
        .with_sign_policy(SignPolicy::Require)
        .read_answer_untyped(&http::Response::new(body.clone().into_bytes()))
        .unwrap();
    assert_eq!(string.unwrap().as_str(), signing_string);
    // The typed view still reads the tree, entities decoded.
    let list = answer
        .response()
        .unwrap()
        .child("account_page_query_result")
        .unwrap()
        .child("account_log_list")
        .unwrap();
    let titles: Vec<_> = list
        .children_named("AccountQueryAccountLogVO")
        .map(|r| r.child_text("goods_title"))
        .collect();
    assert_eq!(titles, [Some("商品&赠品"), None]);
    // What the flattened leaves would sign (md5 by Python likewise) is no
    // longer accepted, and a record swapped into another order breaks it.
    let flat = body.replace(sign, "04d684c7d70ff7e9f2c206fe9c797ccf");
    let swapped = body
        .replace("21640857.99", "X")
        .replace("21640358.99", "21640857.99")
        .replace("X", "21640358.99");
    for changed in [flat, swapped] {
        let err = client(Charset::Utf8)
            .read_answer_untyped(&http::Response::new(changed.into_bytes()))
            .unwrap_err();
        assert!(
            matches!(err, CallError::Signature(ReturnError::BadSignature { .. })),
            "{err:?}"
        );
    }
}

/// The gateway side writes nested answers signed by the same rule.
#[test]
fn gateway_side_signs_a_nested_answer_as_it_is_read() {
    let record = |no: &str| {
        XmlElement::parent(
            "AccountQueryAccountLogVO",
            vec![
                XmlElement::leaf("memo", ""),
                XmlElement::leaf("trade_no", no),
                XmlElement::leaf("goods_title", "a&b"),
            ],
        )
    };
    let response = XmlElement::parent(
        "response",
        vec![XmlElement::parent(
            "account_page_query_result",
            vec![
                XmlElement::parent("account_log_list", vec![record("1"), record("2")]),
                XmlElement::leaf("has_next_page", "F"),
            ],
        )],
    );
    let expected = "account_log_list=<account_log_list>\
        <AccountQueryAccountLogVO><memo></memo><trade_no>1</trade_no><goods_title>a&amp;b</goods_title></AccountQueryAccountLogVO>\
        <AccountQueryAccountLogVO><memo></memo><trade_no>2</trade_no><goods_title>a&amp;b</goods_title></AccountQueryAccountLogVO>\
        </account_log_list>&has_next_page=F";
    for charset in [Charset::Utf8, Charset::Gbk] {
        let body =
            gateway_side::xml_answer(Some(&signer()), charset, &[("page_no", "1")], &response)
                .unwrap();
        let answer = XmlAnswer::parse(&body, Charset::Utf8).unwrap();
        assert_eq!(answer.sign(), Some(md5_hex(expected.as_bytes()).as_str()));
        let (_, string) = client(Charset::Utf8)
            .with_sign_policy(SignPolicy::Require)
            .read_answer_untyped(&http::Response::new(body))
            .unwrap();
        assert_eq!(string.unwrap().as_str(), expected);
    }
}

/// A recorded alipay.acquire.precreate answer (values are URLs holding `&`
/// and `=`), with a sign that does not match: the message lists the signed
/// parameters as they are, not the signing string cut at `&` and `=`.
#[test]
fn a_refused_sign_lists_the_parameters_themselves() {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success>\
        <response><alipay>\
        <big_pic_url>https://mobilecodec.alipay.com/show.htm?code=pmxla8fifxd8dnna03&amp;d&amp;picSize=L</big_pic_url>\
        <out_trade_no>8247173979129320</out_trade_no>\
        <pic_url>https://mobilecodec.alipay.com/show.htm?code=pmxla8fifxd8dnna03&amp;d&amp;picSize=M</pic_url>\
        <qr_code>https://qr.alipay.com/pmxla8fifxd8dnna03</qr_code><result_code>SUCCESS</result_code>\
        <small_pic_url>https://mobilecodec.alipay.com/show.htm?code=pmxla8fifxd8dnna03&amp;d&amp;picSize=S</small_pic_url>\
        <voucher_type>qrcode</voucher_type></alipay></response>\
        <sign>3240f3ebc629ea2e4e67ed3cbe626319</sign><sign_type>MD5</sign_type></alipay>";
    let err = read(body).unwrap_err();
    let CallError::Signature(e @ ReturnError::BadSignature { params, .. }) = &err else {
        panic!("{err:?}");
    };
    let expected = [
        ("big_pic_url", 75),
        ("out_trade_no", 16),
        ("pic_url", 75),
        ("qr_code", 40),
        ("result_code", 7),
        ("small_pic_url", 75),
        ("voucher_type", 6),
    ];
    let listed: Vec<(&str, usize)> = params.iter().map(|(n, l)| (n.as_str(), *l)).collect();
    assert_eq!(listed, expected);
    assert_eq!(
        err.to_string(),
        "the answer's <sign> is refused: signature does not match the MD5 key you configured \
         (sign_type MD5, signed parameters: big_pic_url (75 bytes), out_trade_no (16 bytes), \
         pic_url (75 bytes), qr_code (40 bytes), result_code (7 bytes), small_pic_url (75 bytes), \
         voucher_type (6 bytes)); see the signing string (`signing_string()`; the CLI's --explain); \
         the gateway may have acted on the request, so a call that changes a trade may have taken \
         effect: query it before sending it again"
    );
    assert!(e
        .signing_string()
        .unwrap()
        .starts_with("big_pic_url=https://mobilecodec.alipay.com/show.htm?code=pmxla8fifxd8dnna03&d&picSize=L&out_trade_no="));
}

/// A failure that carries a `<sign>`: the sign of a failure covers nothing
/// documented, so the failure is what is reported, under every policy that
/// checks signs.
#[test]
fn a_signed_failure_reports_the_gateways_code() {
    let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>F</is_success>\
        <error>TRADE_NOT_EXIST</error><sign>0123456789abcdef0123456789abcdef</sign>\
        <sign_type>MD5</sign_type></alipay>";
    for policy in [
        SignPolicy::Require,
        SignPolicy::RequireWithResponse,
        SignPolicy::IfPresent,
    ] {
        let err = client(Charset::Utf8)
            .with_sign_policy(policy)
            .read_answer_untyped(&http::Response::new(body.as_bytes().to_vec()))
            .unwrap_err();
        assert!(
            matches!(&err, CallError::Gateway { code, .. } if code == "TRADE_NOT_EXIST"),
            "{policy:?}: {err:?}"
        );
    }
}

#[test]
fn a_missing_sign_says_the_policy_wants_one() {
    let err = client(Charset::Utf8)
        .with_sign_policy(SignPolicy::Require)
        .read_answer_untyped(&http::Response::new(
            b"<alipay><is_success>T</is_success></alipay>".to_vec(),
        ))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the answer has no <sign>, which the sign policy requires of it; the gateway may have \
         acted on the request, so a call that changes a trade may have taken effect: query it \
         before sending it again"
    );
}

/// The required parts an answer lacks, by the generated reading's rules,
/// for code that prints answers without their type.
#[test]
fn missing_required_parts_are_listed_against_the_table() {
    use alipay_mapi_runtime::call::missing_required;
    use alipay_mapi_runtime::FieldSpec;
    const fn leaf(name: &'static str, path: &'static [&'static str], nullable: bool) -> FieldSpec {
        FieldSpec {
            nullable,
            ..FieldSpec::optional_string(name, path)
        }
    }
    const TABLE: &[FieldSpec] = &[
        leaf("trade_no", &["trade"], false),
        leaf("subject", &["trade"], true),
        leaf("tag[]", &["trade"], false),
        leaf("price", &["trade", "item[]"], false),
        leaf("memo", &["trade", "item[]"], true),
        // An optional element (its own row says so) with a required leaf.
        leaf("buyer", &["trade"], true),
        leaf("buyer_id", &["trade", "buyer"], false),
        // An element with no row and only optional leaves: optional.
        leaf("note", &["trade", "extra"], true),
        leaf("is_total_fee_adjust", &[], false),
    ];
    let missing = |response: &str| {
        let body = format!("<alipay><is_success>T</is_success>{response}</alipay>");
        let answer = XmlAnswer::parse(body.as_bytes(), Charset::Utf8).unwrap();
        missing_required(answer.response(), TABLE)
            .into_iter()
            .map(|m| m.path)
            .collect::<Vec<_>>()
    };
    // Everything there (a repeated leaf and element may be absent).
    assert!(missing(
        "<response><is_total_fee_adjust>F</is_total_fee_adjust><trade><trade_no>1</trade_no></trade></response>"
    )
    .is_empty());
    // A required leaf absent or empty; an element's occurrences each.
    assert_eq!(
        missing(
            "<response><is_total_fee_adjust/><trade><subject>s</subject>\
             <item><price>1</price></item><item><memo>m</memo></item><item><price> </price></item>\
             <buyer><name>x</name></buyer></trade></response>"
        ),
        [
            "is_total_fee_adjust",
            "trade.trade_no",
            "trade.item[1].price",
            "trade.buyer.buyer_id"
        ]
    );
    // A required element absent is named itself; no <response> at all.
    assert_eq!(
        missing("<response><is_total_fee_adjust>F</is_total_fee_adjust></response>"),
        ["trade"]
    );
    assert_eq!(missing(""), ["is_total_fee_adjust", "trade"]);
    // Each part says what it is and gives its row, when the table has one.
    let body = "<alipay><is_success>T</is_success><response><trade><trade_no>1</trade_no>\
        <buyer/></trade></response></alipay>";
    let answer = XmlAnswer::parse(body.as_bytes(), Charset::Utf8).unwrap();
    let parts = missing_required(answer.response(), TABLE);
    assert_eq!(parts.len(), 2);
    assert_eq!(
        (parts[0].path.as_str(), parts[0].element),
        ("is_total_fee_adjust", false)
    );
    assert_eq!(parts[0].row, Some(&TABLE[8]));
    assert_eq!(
        (parts[1].path.as_str(), parts[1].element),
        ("trade.buyer.buyer_id", false)
    );
    let answer = XmlAnswer::parse(
        b"<alipay><is_success>T</is_success></alipay>",
        Charset::Utf8,
    )
    .unwrap();
    let parts = missing_required(answer.response(), TABLE);
    assert_eq!(
        (parts[1].path.as_str(), parts[1].element, parts[1].row),
        ("trade", true, None)
    );
    // Given twice, or holding elements: invalid for the typed reading, not
    // missing.
    assert!(missing(
        "<response><is_total_fee_adjust>F</is_total_fee_adjust><trade><trade_no>1</trade_no>\
         <trade_no>2</trade_no></trade></response>"
    )
    .is_empty());
}

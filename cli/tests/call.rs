//! `alipay-mapi call` against a gateway this test starts on 127.0.0.1,
//! whose answers are signed here with the md-5 crate.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::thread::{self, JoinHandle};

use common::{md5_sign, run, KEY, PARTNER};

/// Serves one request with `status` and `body`; gives back the request's
/// target and body.
fn serve(status: u16, body: Vec<u8>) -> (String, JoinHandle<(String, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/gateway.do", listener.local_addr().unwrap());
    let handle = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let len: usize = head
            .lines()
            .find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().unwrap())
            })
            .unwrap_or(0);
        let mut request_body = vec![0; len];
        reader.read_exact(&mut request_body).unwrap();
        let reply = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(reply.as_bytes()).unwrap();
        stream.write_all(&body).unwrap();
        let target = head.split(' ').nth(1).unwrap_or_default().to_owned();
        (target, String::from_utf8(request_body).unwrap())
    });
    (url, handle)
}

/// What the answer's sign covers: the children of `<page>` (`<response>`'s
/// only element), each `<item>` by its markup.
const LEAVES: &str = "amount=1.00&item=<item><item_id>a</item_id></item>\
&item=<item><item_id>b</item_id></item>&trade_no=2010";

fn answer(sign: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success>\
<request><param name=\"service\">demo.undeclared.query</param></request>\
<response><page><trade_no>2010</trade_no><amount>1.00</amount>\
<item><item_id>a</item_id></item><item><item_id>b</item_id></item></page></response>\
<sign>{sign}</sign><sign_type>MD5</sign_type></alipay>"
    )
    .into_bytes()
}

fn call(url: &str, extra: &[&str]) -> common::Run {
    call_service("demo.undeclared.query", url, extra)
}

/// `call SERVICE` against `url`, MD5-signed for the test partner.
fn call_service(service: &str, url: &str, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "call",
        service,
        "--gateway",
        url,
        "--partner",
        PARTNER,
        "--sign-type",
        "MD5",
        "--key",
        KEY,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn prints_the_raw_tree_of_an_undeclared_service() {
    let (url, server) = serve(200, answer(&md5_sign(LEAVES.as_bytes())));
    let out = call(&url, &["--json", "page_no=1"]);
    out.assert_code(0);
    let json = out.json();
    assert_eq!(json["ok"], true);
    assert_eq!(json["declared"], false);
    assert_eq!(json["typed"], false);
    assert_eq!(json["signed"], true);
    assert_eq!(json["answer"]["page"]["trade_no"], "2010");
    assert_eq!(json["answer"]["page"]["item"][1]["item_id"], "b");
    let (target, body) = server.join().unwrap();
    assert_eq!(target, "/gateway.do?_input_charset=utf-8");
    let string =
        format!("_input_charset=utf-8&page_no=1&partner={PARTNER}&service=demo.undeclared.query");
    let sent =
        format!("_input_charset=utf-8&partner={PARTNER}&service=demo.undeclared.query&page_no=1");
    assert_eq!(
        body,
        format!("{sent}&sign_type=MD5&sign={}", md5_sign(string.as_bytes()))
    );
}

#[test]
fn explain_prints_both_signing_strings() {
    let (url, _server) = serve(200, answer(&md5_sign(LEAVES.as_bytes())));
    let out = call(&url, &["--explain", "page_no=1"]);
    out.assert_code(0);
    assert!(out.stdout.contains(&format!(
        "request signing string: _input_charset=utf-8&page_no=1&partner={PARTNER}&service=demo.undeclared.query\n"
    )), "{}", out.stdout);
    assert!(out
        .stdout
        .contains(&format!("answer signing string: {LEAVES}\n")));
    assert!(
        out.stdout.contains("page.item[1].item_id = b\n"),
        "{}",
        out.stdout
    );
}

/// An unsigned success answer of `<response>` made of `inner`.
fn unsigned(inner: &str) -> Vec<u8> {
    format!("<alipay><is_success>T</is_success><response>{inner}</response></alipay>").into_bytes()
}

#[test]
fn records_that_may_repeat_are_arrays_and_indexed_from_one_on() {
    // One record in a `…_list` wrapper: an array of one, `[0]` in its path.
    let body =
        "<result><account_log_list><LogVO><balance>1.00</balance></LogVO></account_log_list>\
<page_no>1</page_no></result>";
    let (url, _server) = serve(200, unsigned(body));
    let out = call(&url, &["--json"]);
    out.assert_code(0);
    let json = out.json();
    assert_eq!(
        json["answer"]["result"]["account_log_list"]["LogVO"],
        serde_json::json!([{ "balance": "1.00" }])
    );
    assert_eq!(json["answer"]["result"]["page_no"], "1");
    let (url, _server) = serve(200, unsigned(body));
    let out = call(&url, &[]);
    out.assert_code(0);
    assert_eq!(
        out.stdout,
        "OK (answer not signed)\nresult.account_log_list.LogVO[0].balance = 1.00\nresult.page_no = 1\n"
    );
    // A declared single element found twice is an array, with a note; its
    // undeclared leaves keep one key each.
    let trades = "<trade><trade_no>1</trade_no><trade_status>A</trade_status><x>p</x></trade>\
<trade><trade_no>2</trade_no><trade_status>B</trade_status><x>q</x><x>r</x></trade>";
    let (url, _server) = serve(200, unsigned(trades));
    let out = call_service("single_trade_query", &url, &["trade_no=1", "--json"]);
    out.assert_code(0);
    let json = out.json();
    assert_eq!(json["answer"]["trade"][1]["trade_no"], "2");
    assert!(
        out.stderr.contains("`trade` occurs 2 times"),
        "{}",
        out.stderr
    );
    assert_eq!(
        json["undeclared"],
        serde_json::json!({ "trade[0].x": "p", "trade[1].x[0]": "q", "trade[1].x[1]": "r" })
    );
    let (url, _server) = serve(200, unsigned(trades));
    let out = call_service("single_trade_query", &url, &["trade_no=1"]);
    out.assert_code(0);
    assert!(
        out.stdout.contains("trade[1].trade_no = 2\n")
            && out.stdout.contains("trade[1].x[1] = r  (undeclared)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn values_that_could_forge_a_line_are_quoted() {
    let body = "<trade><trade_no>1</trade_no>\
<body>book\ntrade.refund_status = REFUND_SUCCESS</body><memo> </memo><subject>汽车票 二张</subject>\
<seller_email></seller_email><note>say \"hi\"</note></trade>";
    let (url, _server) = serve(200, unsigned(body));
    let out = call(&url, &[]);
    out.assert_code(0);
    assert_eq!(
        out.stdout,
        "OK (answer not signed)\n\
trade.trade_no = 1\n\
trade.body = \"book\\ntrade.refund_status = REFUND_SUCCESS\"\n\
trade.memo = \" \"\n\
trade.subject = 汽车票 二张\n\
trade.seller_email = \"\"\n\
trade.note = \"say \\\"hi\\\"\"\n"
    );
    // JSON has the values as received.
    let (url, _server) = serve(200, unsigned(body));
    let json = call(&url, &["--json"]).json();
    assert_eq!(
        json["answer"]["trade"]["body"],
        "book\ntrade.refund_status = REFUND_SUCCESS"
    );
    assert_eq!(json["answer"]["trade"]["memo"], " ");
}

#[test]
fn the_sign_is_said_verified_unchecked_or_absent() {
    let signed = || answer(&md5_sign(LEAVES.as_bytes()));
    let (url, _server) = serve(200, signed());
    let json = call(&url, &["--json"]).json();
    assert_eq!(
        (&json["sign"], &json["signed"]),
        (&"verified".into(), &true.into())
    );
    // Under --sign-policy skip a <sign> is present, not checked: even a
    // wrong one.
    for body in [signed(), answer("0123456789abcdef0123456789abcdef")] {
        let (url, _server) = serve(200, body.clone());
        let out = call(&url, &["--sign-policy", "skip"]);
        out.assert_code(0);
        assert!(
            out.stdout
                .starts_with("OK (answer signed, sign not checked (--sign-policy skip))\n"),
            "{}",
            out.stdout
        );
        let (url, _server) = serve(200, body);
        let json = call(&url, &["--sign-policy", "skip", "--json"]).json();
        assert_eq!(
            (&json["sign"], &json["signed"]),
            (&"present-unchecked".into(), &false.into())
        );
    }
    let (url, _server) = serve(200, unsigned("<a>1</a>"));
    let json = call(&url, &["--json"]).json();
    assert_eq!(
        (&json["sign"], &json["signed"]),
        (&"absent".into(), &false.into())
    );
}

#[test]
fn a_bad_sign_points_to_explain_and_skip() {
    let bad = || answer("0123456789abcdef0123456789abcdef");
    let (url, _server) = serve(200, bad());
    let out = call(&url, &["page_no=1"]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("does not match the MD5 key given with --key")
            && out.stderr.contains("re-run with --explain")
            && out.stderr.contains("--sign-policy skip"),
        "{}",
        out.stderr
    );
    // No advice for Rust code, and not the values.
    assert!(
        !out.stderr.contains("signing_string()") && !out.stderr.contains("item_id=a"),
        "{}",
        out.stderr
    );
    let (url, _server) = serve(200, bad());
    let out = call(&url, &["page_no=1", "--json"]);
    out.assert_code(1);
    let json = out.json();
    assert_eq!(json["error"], "signature");
    assert_eq!(json["signing_string"], LEAVES);
}

#[test]
fn a_missing_required_answer_field_is_a_failure_naming_it() {
    // single_trade_query's table: trade.trade_no and trade.trade_status are
    // not nullable.
    let body =
        "<trade><trade_no>2010</trade_no><trade_status></trade_status><body>b</body></trade>";
    let (url, _server) = serve(200, unsigned(body));
    let out = call_service("single_trade_query", &url, &["trade_no=2010"]);
    out.assert_code(1);
    assert!(
        out.stdout
            .starts_with("INCOMPLETE (answer not signed): 1 required field missing\n")
            && out.stdout.contains("trade.body = b\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(
            "lacks 1 required field of single_trade_query's answer table: trade.trade_status"
        ),
        "{}",
        out.stderr
    );
    let (url, _server) = serve(200, unsigned(body));
    let out = call_service("single_trade_query", &url, &["trade_no=2010", "--json"]);
    out.assert_code(1);
    let json = out.json();
    assert_eq!(
        (&json["ok"], &json["error"]),
        (&false.into(), &"field".into())
    );
    assert_eq!(json["missing"][0]["path"], "trade.trade_status");
    assert_eq!(json["missing"][0]["kind"], "leaf");
    assert_eq!(json["answer"]["trade"]["trade_no"], "2010");
    // A bare success lacks the required <trade> itself.
    let (url, _server) = serve(200, b"<alipay><is_success>T</is_success></alipay>".to_vec());
    let out = call_service("single_trade_query", &url, &["trade_no=2010", "--json"]);
    out.assert_code(1);
    let json = out.json();
    assert_eq!(json["missing"][0]["path"], "trade");
    assert_eq!(json["missing"][0]["kind"], "element");
}

#[test]
fn an_error_code_outside_the_services_table_says_so() {
    let failure = |code: &str| {
        format!("<alipay><is_success>F</is_success><error>{code}</error></alipay>").into_bytes()
    };
    let trade = "trade_no=2010";
    let (url, _server) = serve(200, failure("SOME_NEW_CODE"));
    let out = call_service("single_trade_query", &url, &[trade]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("failure SOME_NEW_CODE (not in this service's error table)"),
        "{}",
        out.stderr
    );
    let (url, _server) = serve(200, failure("SOME_NEW_CODE"));
    let json = call_service("single_trade_query", &url, &[trade, "--json"]).json();
    assert_eq!(
        (&json["code"], &json["meaning"], &json["known"]),
        (
            &"SOME_NEW_CODE".into(),
            &serde_json::Value::Null,
            &false.into()
        )
    );
    let (url, _server) = serve(200, failure("TRADE_NOT_EXIST"));
    let json = call_service("single_trade_query", &url, &[trade, "--json"]).json();
    assert_eq!(json["known"], true);
}

#[test]
fn a_failure_without_a_code_says_none_was_given() {
    for body in [
        "<alipay><is_success>F</is_success></alipay>",
        "<alipay><is_success>F</is_success><error></error></alipay>",
    ] {
        let (url, _server) = serve(200, body.as_bytes().to_vec());
        let out = call(&url, &[]);
        out.assert_code(1);
        assert!(out.stderr.contains("no error code given"), "{}", out.stderr);
        let (url, _server) = serve(200, body.as_bytes().to_vec());
        let json = call(&url, &["--json"]).json();
        assert_eq!(
            (&json["error"], &json["code"]),
            (&"gateway".into(), &serde_json::Value::Null)
        );
    }
}

#[test]
fn a_bad_answer_sign_exits_1_with_the_signing_string_on_explain() {
    let (url, _server) = serve(200, answer("0123456789abcdef0123456789abcdef"));
    let out = call(&url, &["--explain", "page_no=1"]);
    out.assert_code(1);
    assert!(out.stderr.contains("does not match"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("answer signing string: {LEAVES}")),
        "{}",
        out.stderr
    );
}

#[test]
fn a_gateway_failure_exits_1_with_its_code() {
    let (url, _server) = serve(
        200,
        b"<alipay><is_success>F</is_success><error>ILLEGAL_PARTNER</error></alipay>".to_vec(),
    );
    let out = call(&url, &["--json"]);
    out.assert_code(1);
    let json = out.json();
    assert_eq!(json["error"], "gateway");
    assert_eq!(json["code"], "ILLEGAL_PARTNER");
}

#[test]
fn a_declared_services_failure_comes_with_its_meaning() {
    let (url, _server) = serve(
        200,
        b"<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>".to_vec(),
    );
    let trade = "trade_no=2010073000030344";
    let out = call_service("single_trade_query", &url, &[trade]);
    out.assert_code(1);
    // The meaning is the one single_trade_query's error table gives.
    assert!(
        out.stderr.contains("TRADE_NOT_EXIST (交易不存在)"),
        "{}",
        out.stderr
    );
    let (url, _server) = serve(
        200,
        b"<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>".to_vec(),
    );
    let out = call_service("single_trade_query", &url, &[trade, "--json"]);
    out.assert_code(1);
    assert_eq!(out.json()["meaning"], "交易不存在");
}

#[test]
fn a_declared_service_with_a_bare_answer_is_declared_not_typed() {
    let (url, _server) = serve(200, b"<alipay><is_success>T</is_success></alipay>".to_vec());
    let out = call_service("close_trade", &url, &["trade_no=2010", "--json"]);
    out.assert_code(0);
    let json = out.json();
    assert_eq!(
        (&json["declared"], &json["typed"]),
        (&true.into(), &false.into())
    );
}

#[test]
fn an_http_error_exits_2() {
    let (url, _server) = serve(502, b"bad gateway".to_vec());
    let out = call(&url, &[]);
    out.assert_code(2);
    assert!(out.stderr.contains("HTTP 502"), "{}", out.stderr);
}

#[test]
fn notify_verify_is_an_unsigned_get_answered_in_text() {
    for (body, code, word) in [
        ("true", 0, "true"),
        ("false", 1, "false"),
        ("invalid", 1, "invalid"),
    ] {
        let (url, server) = serve(200, body.as_bytes().to_vec());
        let out = call_service("notify_verify", &url, &["--json", "notify_id=RqPn/a%b"]);
        out.assert_code(code);
        let json = out.json();
        assert_eq!(json["answer"], word);
        assert_eq!(json["ok"], code == 0);
        let (target, sent) = server.join().unwrap();
        // The decoded notify_id is encoded exactly once; nothing is signed.
        assert_eq!(
            target,
            format!("/gateway.do?service=notify_verify&partner={PARTNER}&notify_id=RqPn%2Fa%25b")
        );
        assert_eq!(sent, "");
    }
    // Any other answer is not read loosely.
    let (url, server) = serve(200, b"<alipay/>".to_vec());
    call_service("notify_verify", &url, &["notify_id=x"]).assert_code(2);
    server.join().unwrap();
    // notify_verify takes notify_id alone (its table says so); nothing is
    // sent otherwise.
    let out = call_service(
        "notify_verify",
        "http://127.0.0.1:9/gateway.do",
        &["trade_no=1"],
    );
    out.assert_code(1);
    assert!(
        out.stderr.contains("`notify_id` is required"),
        "{}",
        out.stderr
    );
    // Nothing is signed: no --sign-type or --key is needed.
    let (url, server) = serve(200, b"true".to_vec());
    let out = run(&[
        "call",
        "notify_verify",
        "--gateway",
        &url,
        "--partner",
        PARTNER,
        "notify_id=x",
    ]);
    out.assert_code(0);
    server.join().unwrap();
    // A signed call still needs them, and says so.
    let out = run(&[
        "call",
        "single_trade_query",
        "--partner",
        PARTNER,
        "trade_no=1",
    ]);
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("`single_trade_query` is a signed request: give --sign-type and --key"),
        "{}",
        out.stderr
    );
}

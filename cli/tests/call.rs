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
        out.stdout.contains("page.item.item_id = b\n"),
        "{}",
        out.stdout
    );
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
}

//! `alipay-mapi mock`: the local gateway started from the command line
//! answers on the port it prints (only with the `mock` feature).
#![cfg(feature = "mock")]

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};

/// A child process killed when dropped.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A bare HTTP/1.1 GET, answered body as text.
fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    text.split_once("\r\n\r\n").unwrap().1.to_owned()
}

#[test]
fn mock_serves_on_the_printed_port() {
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_alipay-mapi"))
            .args(["--json", "mock", "--port", "0", "--fault", "*=http502*1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let info: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(info["partner"], "2088002464631181");
    assert_eq!(info["sign_type"], "MD5");
    let gateway = info["gateway"].as_str().unwrap();
    let addr = gateway
        .strip_prefix("http://")
        .unwrap()
        .strip_suffix("/gateway.do")
        .unwrap()
        .to_owned();
    // The --fault rule answers the first call with a 502, once.
    let first = get(
        &addr,
        "/gateway.do?service=notify_verify&partner=2088002464631181&notify_id=x",
    );
    assert!(first.contains("502 Bad Gateway"), "{first}");
    let verify = get(
        &addr,
        "/gateway.do?service=notify_verify&partner=2088002464631181&notify_id=x",
    );
    assert_eq!(verify, "false");
    let verify = get(
        &addr,
        "/gateway.do?service=notify_verify&partner=2088000000000009&notify_id=x",
    );
    assert_eq!(verify, "invalid");
    let xml = get(
        &addr,
        "/gateway.do?service=nope&partner=2088002464631181&_input_charset=utf-8",
    );
    assert!(xml.contains("<error>ILLEGAL_SERVICE</error>"), "{xml}");
}

#[test]
fn bad_fault_rule_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_alipay-mapi"))
        .args(["mock", "--port", "0", "--fault", "close_trade=explode"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown fault `explode`"));
}

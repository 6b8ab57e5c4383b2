//! The `alipay-mapi` binary: every command's success and failure paths, exit
//! codes, JSON output, GBK input and key files in every format.

mod common;

use common::*;

#[test]
fn helpers_are_right() {
    assert_eq!(base64(b"Man"), "TWFu");
    assert_eq!(base64(b"Ma"), "TWE=");
    assert_eq!(base64(b"M"), "TQ==");
    assert_eq!(unbase64("TWFu"), b"Man");
    assert_eq!(unbase64("TWE="), b"Ma");
    assert_eq!(pct("中 a+".as_bytes()), "%E4%B8%AD%20a%2B");
    assert_eq!(
        md5_sign(b"partner=123&service=test"),
        "bbd13b52823b576291595f472ebcfbc2"
    );
}

// ---------------------------------------------------------------- usage

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    run(&["frobnicate"]).assert_code(2);
    run(&[]).assert_code(2);
    run(&["sign", "--key", KEY, "a=1"]).assert_code(2); // no --sign-type
    run(&["sign", "--sign-type", "SHA1", "--key", KEY, "a=1"]).assert_code(2);
    run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "--charset",
        "latin1",
        "a=1",
    ])
    .assert_code(2);
    run(&["verify", "partner=1"]).assert_code(2); // no --key
    let help = run(&["--help"]);
    help.assert_code(0);
    for command in [
        "sign", "verify", "explain", "url", "form", "gen", "services",
    ] {
        assert!(help.stdout.contains(command), "{command} in --help");
        run(&[command, "--help"]).assert_code(0);
    }
    run(&["--version"]).assert_code(0);
}

// ---------------------------------------------------------------- sign

#[test]
fn sign_md5_known_vector() {
    let r = run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "partner=123",
        "service=test",
    ]);
    r.assert_code(0);
    assert_eq!(r.stdout, "bbd13b52823b576291595f472ebcfbc2\n");
    // Any case of the sign type; order of the parameters does not matter.
    let r = run(&[
        "sign",
        "--sign-type",
        "md5",
        "--key",
        KEY,
        "service=test",
        "partner=123",
    ]);
    assert_eq!(r.last_line(), "bbd13b52823b576291595f472ebcfbc2");
}

#[test]
fn sign_leaves_out_sign_sign_type_and_empty_values() {
    let r = run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "partner=123",
        "service=test",
        "memo=",
        "sign_type=MD5",
        "sign=whatever",
    ]);
    r.assert_code(0);
    assert_eq!(r.last_line(), "bbd13b52823b576291595f472ebcfbc2");
}

#[test]
fn sign_explain_prints_the_string_first_and_the_sign_last() {
    let r = run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "--explain",
        "partner=123",
        "service=test",
    ]);
    r.assert_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "signing string: partner=123&service=test");
    assert_eq!(r.last_line(), "bbd13b52823b576291595f472ebcfbc2");
}

#[test]
fn sign_json() {
    let r = run(&[
        "sign",
        "--json",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "partner=123",
        "service=test",
    ]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["sign_type"], "MD5");
    assert_eq!(v["charset"], "utf-8");
    assert_eq!(v["signing_string"], "partner=123&service=test");
    assert_eq!(v["sign"], "bbd13b52823b576291595f472ebcfbc2");
    // --json is global: before the command too.
    let r = run(&[
        "--json",
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "partner=123",
        "service=test",
    ]);
    assert_eq!(r.json()["sign"], "bbd13b52823b576291595f472ebcfbc2");
}

#[test]
fn sign_values_are_raw_and_split_at_the_first_equals() {
    // `%41` stays `%41`; the value keeps its own `=`.
    let r = run(&[
        "sign",
        "--json",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "a=x%41=y",
        "b=c+d",
    ]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["signing_string"], "a=x%41=y&b=c+d");
    assert_eq!(v["sign"], md5_sign(b"a=x%41=y&b=c+d"));
}

#[test]
fn sign_query_is_percent_decoded_in_the_charset() {
    let r = run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "--query",
        "partner=123&service=test",
    ]);
    r.assert_code(0);
    assert_eq!(r.last_line(), "bbd13b52823b576291595f472ebcfbc2");
    // GBK bytes in the query, under --charset gbk: the sign is over GBK bytes.
    let r = run(&[
        "sign",
        "--json",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "--charset",
        "gbk",
        "--query",
        "partner=123&subject=%D6%D0%CE%C4",
    ]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["signing_string"], "partner=123&subject=中文");
    assert_eq!(v["charset"], "gbk");
    assert_eq!(v["sign"], md5_sign(b"partner=123&subject=\xD6\xD0\xCE\xC4"));
}

#[test]
fn sign_gbk_values() {
    let r = run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "--charset",
        "gbk",
        "--explain",
        "partner=123",
        "subject=中文",
    ]);
    r.assert_code(0);
    assert_eq!(
        r.last_line(),
        md5_sign(b"partner=123&subject=\xD6\xD0\xCE\xC4")
    );
    assert!(r.stdout.contains("D6 D0 CE C4"), "{}", r.stdout);
    // gb2312 means GBK bytes too.
    let r = run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "--charset",
        "GB2312",
        "partner=123",
        "subject=中文",
    ]);
    assert_eq!(
        r.last_line(),
        md5_sign(b"partner=123&subject=\xD6\xD0\xCE\xC4")
    );
    // The same text under utf-8 signs other bytes.
    let r = run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "partner=123",
        "subject=中文",
    ]);
    assert_eq!(
        r.last_line(),
        md5_sign("partner=123&subject=中文".as_bytes())
    );
}

#[test]
fn sign_failures() {
    let sign = |args: &[&str]| {
        let mut all = vec!["sign", "--sign-type", "MD5", "--key", KEY];
        all.extend_from_slice(args);
        run(&all)
    };
    // A value GBK cannot encode is bad input, naming the parameter.
    let r = sign(&["--charset", "gbk", "subject=ok😀"]);
    r.assert_code(2);
    assert!(r.stderr.contains("`subject`"), "{}", r.stderr);
    // Not NAME=VALUE.
    sign(&["partner"]).assert_code(2);
    sign(&["=1"]).assert_code(2);
    // Nothing to sign.
    sign(&[]).assert_code(2);
    // Both ways at once.
    sign(&["--query", "a=1", "b=2"]).assert_code(2);
    // A name twice, either way.
    sign(&["a=1", "a=2"]).assert_code(2);
    let r = sign(&["--query", "a=1&a=2"]);
    r.assert_code(2);
    assert!(r.stderr.contains("more than once"), "{}", r.stderr);
    // A query that is not well formed, or not valid in the charset.
    sign(&["--query", "a=%G1"]).assert_code(2);
    sign(&["--query", "a=%FF"]).assert_code(2);
}

#[test]
fn sign_notes_a_charset_the_parameters_contradict() {
    let r = run(&[
        "sign",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "_input_charset=gbk",
        "a=1",
    ]);
    r.assert_code(0);
    assert!(r.stderr.contains("_input_charset=gbk"), "{}", r.stderr);
}

/// The parameters of `msg.utf8.txt` / `msg.gbk.txt`, which OpenSSL signed.
fn fixture_params(charset: &str) -> Vec<String> {
    vec![
        format!("_input_charset={charset}"),
        format!("partner={PARTNER}"),
        format!("service={SERVICE}"),
        "sns_user_id=用户1".to_owned(),
    ]
}

fn sign_with(sign_type: &str, key: &str, charset: &str) -> Run {
    let mut args = vec![
        "sign".to_owned(),
        "--sign-type".to_owned(),
        sign_type.to_owned(),
        "--key".to_owned(),
        key.to_owned(),
        "--charset".to_owned(),
        charset.to_owned(),
    ];
    args.extend(fixture_params(charset));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

#[test]
fn sign_rsa_with_every_private_key_format_matches_openssl() {
    let formats = [
        "rsa1024.pkcs1.pem",
        "rsa1024.pkcs8.pem",
        "rsa1024.pkcs8.der",
        "rsa1024.pkcs1.der",
        "rsa1024.pkcs8.b64",
        "rsa1024.pkcs1.b64",
    ];
    for file in formats {
        for (sign_type, charset, want) in [
            ("RSA", "utf-8", "rsa1024.utf8.rsa.sig.b64"),
            ("RSA2", "utf-8", "rsa1024.utf8.rsa2.sig.b64"),
            ("RSA", "gbk", "rsa1024.gbk.rsa.sig.b64"),
            ("RSA2", "gbk", "rsa1024.gbk.rsa2.sig.b64"),
        ] {
            let r = sign_with(sign_type, &key_file(file), charset);
            r.assert_code(0);
            assert_eq!(
                r.last_line(),
                fixture_text(want),
                "{file} {sign_type} {charset}"
            );
        }
    }
    // The key text itself: bare base64 (console style) and a whole PEM.
    for text in [
        fixture_text("rsa1024.pkcs8.b64"),
        fixture_text("rsa1024.pkcs1.pem"),
    ] {
        let r = sign_with("RSA", &text, "utf-8");
        r.assert_code(0);
        assert_eq!(r.last_line(), fixture_text("rsa1024.utf8.rsa.sig.b64"));
    }
}

#[test]
fn sign_dsa_with_every_private_key_format_verifies() {
    let formats = [
        "dsa1024.traditional.pem",
        "dsa1024.pkcs8.pem",
        "dsa1024.pkcs8.der",
        "dsa1024.traditional.der",
        "dsa1024.pkcs8.b64",
        "dsa1024.traditional.b64",
    ];
    let message = std::fs::read(fixture("msg.utf8.txt")).expect("fixture");
    let openssl = openssl_available();
    for file in formats {
        let r = sign_with("DSA", &key_file(file), "utf-8");
        r.assert_code(0);
        let sign = r.last_line().to_owned();
        // Our verify, with the public key in each format.
        let query = format!(
            "{}&sign_type=DSA&sign={}",
            fixture_params("utf-8")
                .iter()
                .map(|p| {
                    let (n, v) = p.split_once('=').unwrap();
                    format!("{n}={}", pct(v.as_bytes()))
                })
                .collect::<Vec<_>>()
                .join("&"),
            pct(sign.as_bytes())
        );
        for public in ["dsa1024.pub.pem", "dsa1024.pub.der", "dsa1024.pub.b64"] {
            run(&["verify", "--key", &key_file(public), &query]).assert_code(0);
        }
        // And OpenSSL's.
        if openssl {
            assert!(
                openssl_verifies("sha1", "dsa1024.pub.pem", &message, &sign, "dsa-sign"),
                "openssl verifies the DSA sign made with {file}"
            );
        }
    }
}

/// `sign --sign-type MD5 --key @path PARAMS…`.
fn sign_md5_with_file(path: &std::path::Path, params: &[&str]) -> Run {
    let key = format!("@{}", path.display());
    let mut args = vec!["sign", "--sign-type", "MD5", "--key", &key];
    args.extend_from_slice(params);
    run(&args)
}

/// A key file, as written by an editor and as saved by Windows Notepad
/// (UTF-8 with a byte order mark, CRLF): the newline and the BOM are no part
/// of the key. `bbd13b52…` is the public vector (GATEWAY.md; Python's
/// `hashlib.md5(b"partner=123&service=test" + b"1" + b"0" * 31)`).
#[test]
fn md5_key_from_a_file() {
    for (name, text) in [
        ("md5.key", format!("{KEY}\n")),
        ("md5-bom.key", format!("\u{feff}{KEY}\r\n")),
    ] {
        let path = temp_file(name, text.as_bytes());
        let r = sign_md5_with_file(&path, &["partner=123", "service=test"]);
        r.assert_code(0);
        assert_eq!(r.last_line(), "bbd13b52823b576291595f472ebcfbc2", "{name}");
    }
}

#[test]
fn md5_key_file_with_a_byte_order_mark() {
    let path = temp_file("md5-bom.key", format!("\u{feff}{KEY}\r\n").as_bytes());
    let key = format!("@{}", path.display());
    // Verifying with it: the same key.
    let query = "partner=123&service=test&sign_type=MD5&sign=bbd13b52823b576291595f472ebcfbc2";
    run(&["verify", "--key", &key, query]).assert_code(0);
    run(&["explain", "--key", &key, query]).assert_code(0);
    // Another invisible character inside is refused, by name.
    let path = temp_file(
        "md5-zwsp.key",
        format!("{}\u{200b}{}\n", &KEY[..16], &KEY[16..]).as_bytes(),
    );
    let r = sign_md5_with_file(&path, &["partner=123"]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("U+200B (ZERO WIDTH SPACE)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("md5-zwsp.key"), "{}", r.stderr);
}

#[test]
fn unreadable_keys_exit_2() {
    // Missing file.
    let r = sign_with("RSA", "@/nonexistent/key.pem", "utf-8");
    r.assert_code(2);
    // A public key where a private key is needed.
    let r = sign_with("RSA", &key_file("rsa1024.pub.pem"), "utf-8");
    r.assert_code(2);
    assert!(r.stderr.contains("--key"), "{}", r.stderr);
    // A DSA key for RSA.
    sign_with("RSA", &key_file("dsa1024.pkcs8.pem"), "utf-8").assert_code(2);
    // Garbage.
    sign_with("DSA", "not a key", "utf-8").assert_code(2);
    // A path without `@` gets a hint.
    let r = sign_with("RSA", &fixture("rsa1024.pkcs1.pem"), "utf-8");
    r.assert_code(2);
    assert!(r.stderr.contains("--key @"), "{}", r.stderr);
    // An MD5 secret with inner spaces.
    sign_with("MD5", "two words", "utf-8").assert_code(2);
}

// ---------------------------------------------------------------- verify

/// A return signed with MD5 by an independent computation.
fn md5_return(extra: &str) -> String {
    let string = format!("is_success=T{extra}&sns_user_id=id20110923456789");
    format!(
        "is_success=T{extra}&sns_user_id=id20110923456789&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes())
    )
}

#[test]
fn verify_ok_prints_ok_and_the_parameters() {
    let r = run(&["verify", "--key", KEY, &md5_return("")]);
    r.assert_code(0);
    assert_eq!(r.stdout.lines().next(), Some("OK"));
    assert!(r.stdout.contains("sns_user_id=id20110923456789"));
    // A full return URL.
    let url = format!("https://merchant.example/return?{}", md5_return(""));
    run(&["verify", "--key", KEY, &url]).assert_code(0);
}

#[test]
fn verify_json() {
    let r = run(&["verify", "--json", "--key", KEY, &md5_return("")]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["sign_type"], "MD5");
    assert_eq!(v["charset"], "utf-8");
    assert_eq!(
        v["signing_string"],
        "is_success=T&sns_user_id=id20110923456789"
    );
    assert_eq!(v["params"]["sns_user_id"], "id20110923456789");
    assert_eq!(v["params"]["sign_type"], "MD5");
    assert!(v.get("reason").is_none());

    let tampered = md5_return("").replace("id2011", "id2012");
    let r = run(&["verify", "--json", "--key", KEY, &tampered]);
    r.assert_code(1);
    let v = r.json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["sign_type"], "MD5");
    assert_eq!(
        v["signing_string"],
        "is_success=T&sns_user_id=id20120923456789"
    );
    assert!(
        v["reason"].as_str().unwrap().contains("does not match"),
        "{v}"
    );
}

#[test]
fn verify_failures_exit_1() {
    let tampered = md5_return("").replace("id2011", "id2012");
    let r = run(&["verify", "--key", KEY, &tampered]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("does not match the MD5 key"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("explain"), "{}", r.stderr);
    // No sign.
    run(&[
        "verify",
        "--key",
        KEY,
        "--sign-type",
        "MD5",
        "is_success=T&a=1",
    ])
    .assert_code(1);
    // A malformed MD5 sign.
    run(&["verify", "--key", KEY, "a=1&sign_type=MD5&sign=xyz"]).assert_code(1);
    // The gateway's own failure, unsigned.
    let r = run(&[
        "verify",
        "--key",
        KEY,
        "--sign-type",
        "MD5",
        "is_success=F&error=ILLEGAL_SIGN",
    ]);
    r.assert_code(1);
    assert!(r.stderr.contains("ILLEGAL_SIGN"), "{}", r.stderr);
    // Signed with another key.
    let r = run(&[
        "verify",
        "--key",
        "20000000000000000000000000000000",
        &md5_return(""),
    ]);
    r.assert_code(1);
}

#[test]
fn gen_json_gives_each_fields_group() {
    let text = "服务名：demo.q\n\n## 请求参数\n\n参数\t类型\t可空\n订单参数\n\
                out_trade_no\tString(64)\tN\n业务参数\nsubject\tString(256)\tY\n";
    let path = temp_file("groups.md", text.as_bytes());
    let r = run(&["gen", "--json", &path.display().to_string()]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["request"][0]["group"], "订单参数", "{v}");
    assert_eq!(v["request"][1]["group"], "业务参数", "{v}");
}

#[test]
fn a_hash_routed_return_url_is_named_as_such() {
    // The signed parameters after `#`: the page's fragment, not its query.
    let url = format!("https://shop.example/#/pay/return?{}", md5_return(""));
    for command in ["verify", "explain"] {
        let r = run(&[command, "--key", KEY, &url]);
        assert_ne!(r.code, 0, "{command}");
        assert!(
            r.stderr.contains("sit after `#`") && r.stderr.contains("fragment's `?`"),
            "{command}: {}",
            r.stderr
        );
    }
    // Verifying the text after the fragment's `?`, as the message says.
    let (_, query) = url.split_once("#/pay/return?").unwrap();
    run(&["verify", "--key", KEY, query]).assert_code(0);
}

#[test]
fn verify_sign_type_is_case_insensitive_and_hex_case_is_ignored() {
    let lower_type = md5_return("").replace("sign_type=MD5", "sign_type=md5");
    run(&["verify", "--key", KEY, &lower_type]).assert_code(0);
    let string = "is_success=T&sns_user_id=id20110923456789";
    let upper = format!(
        "{string}&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes()).to_uppercase()
    );
    run(&["verify", "--key", KEY, &upper]).assert_code(0);
}

#[test]
fn verify_needs_a_sign_type() {
    let string = "is_success=T&sns_user_id=x";
    let unsigned_type = format!("{string}&sign={}", md5_sign(string.as_bytes()));
    let r = run(&["verify", "--key", KEY, &unsigned_type]);
    r.assert_code(2);
    assert!(r.stderr.contains("--sign-type"), "{}", r.stderr);
    run(&["verify", "--key", KEY, "--sign-type", "MD5", &unsigned_type]).assert_code(0);
    // An unknown received sign_type is unusable without --sign-type.
    let unknown = format!("{unsigned_type}&sign_type=SM2");
    run(&["verify", "--key", KEY, &unknown]).assert_code(2);
    run(&["verify", "--key", KEY, "--sign-type", "md5", &unknown]).assert_code(0);
}

#[test]
fn verify_sign_type_override_ignores_the_received_one() {
    let string = "is_success=T&sns_user_id=x";
    let query = format!(
        "{string}&sign_type=RSA&sign={}",
        md5_sign(string.as_bytes())
    );
    // As received (RSA) the MD5 secret is not an RSA public key.
    run(&["verify", "--key", KEY, &query]).assert_code(2);
    let r = run(&[
        "verify",
        "--json",
        "--key",
        KEY,
        "--sign-type",
        "MD5",
        &query,
    ]);
    r.assert_code(0);
    assert!(r.stderr.contains("sign_type=RSA"), "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["sign_type"], "MD5");
    assert_eq!(v["params"]["sign_type"], "RSA");
}

#[test]
fn verify_gateway_returns_with_every_public_key_format() {
    for (sign_type, sig, keys) in [
        (
            "RSA",
            "return.rsa.sig.b64",
            &[
                "rsa2048.pub.pem",
                "rsa2048.pub.der",
                "rsa2048.pub.b64",
                "rsa2048.pub.pkcs1.pem",
            ][..],
        ),
        (
            "RSA2",
            "return.rsa2.sig.b64",
            &["rsa2048.pub.pem", "rsa2048.pub.der", "rsa2048.pub.b64"][..],
        ),
        (
            "DSA",
            "return.dsa.sig.b64",
            &["dsa1024.pub.pem", "dsa1024.pub.der", "dsa1024.pub.b64"][..],
        ),
    ] {
        let sign = fixture_text(sig);
        let query = format!(
            "is_success=T&sns_user_id=id20110923456789&sign_type={sign_type}&sign={}",
            pct(sign.as_bytes())
        );
        for key in keys {
            let r = run(&["verify", "--key", &key_file(key), &query]);
            r.assert_code(0);
            assert!(r.stdout.starts_with("OK\n"), "{sign_type} {key}: {r:?}");
        }
        // The key text itself.
        let text = fixture_text(keys[0]);
        run(&["verify", "--key", &text, &query]).assert_code(0);
    }
}

#[test]
fn verify_with_the_wrong_public_key_says_so() {
    let sign = fixture_text("return.rsa.sig.b64");
    let query = format!(
        "is_success=T&sns_user_id=id20110923456789&sign_type=RSA&sign={}",
        pct(sign.as_bytes())
    );
    let r = run(&["verify", "--key", &key_file("rsa-wrong.pub.pem"), &query]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("gateway public key you configured"),
        "{}",
        r.stderr
    );
    // A private key where the gateway's public key belongs.
    run(&["verify", "--key", &key_file("rsa2048.pkcs8.pem"), &query]).assert_code(2);
}

#[test]
fn verify_restores_plus_in_a_base64_sign() {
    let sign = fixture_text("return.rsa.sig.b64");
    assert!(sign.contains('+'));
    // Sent unencoded: each `+` reads as a space.
    let query = format!("is_success=T&sns_user_id=id20110923456789&sign_type=RSA&sign={sign}");
    run(&["verify", "--key", &key_file("rsa2048.pub.pem"), &query]).assert_code(0);
}

#[test]
fn verify_gbk() {
    let string = b"is_success=T&subject=\xD6\xD0\xCE\xC4";
    let query = format!(
        "is_success=T&subject=%D6%D0%CE%C4&sign_type=MD5&sign={}",
        md5_sign(string)
    );
    let r = run(&["verify", "--json", "--key", KEY, "--charset", "gbk", &query]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["params"]["subject"], "中文");
    assert_eq!(v["charset"], "gbk");
    // Read as UTF-8, the GBK bytes are unreadable: exit 2 with a hint.
    let r = run(&["verify", "--key", KEY, &query]);
    r.assert_code(2);
    assert!(r.stderr.contains("--charset gbk"), "{}", r.stderr);
}

#[test]
fn verify_reads_in_the_received_input_charset_unless_told_otherwise() {
    let string = b"_input_charset=gbk&is_success=T&subject=\xD6\xD0\xCE\xC4";
    let query = format!(
        "_input_charset=gbk&is_success=T&subject=%D6%D0%CE%C4&sign_type=MD5&sign={}",
        md5_sign(string)
    );
    // As the library does: the received _input_charset wins over the default.
    let r = run(&["verify", "--json", "--key", KEY, &query]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(
        (v["charset"].as_str(), v["params"]["subject"].as_str()),
        (Some("gbk"), Some("中文"))
    );
    let r = run(&["explain", "--key", KEY, &query]);
    r.assert_code(0);
    // A --charset given is obeyed, with a note.
    let r = run(&["verify", "--key", KEY, "--charset", "utf-8", &query]);
    r.assert_code(2);
    assert!(r.stderr.contains("try --charset gbk"), "{}", r.stderr);
    // An unknown declared charset is an error, not a guess.
    run(&[
        "verify",
        "--key",
        KEY,
        "_input_charset=latin1&a=1&sign_type=MD5&sign=x",
    ])
    .assert_code(2);
}

#[test]
fn verify_a_notification_body_from_a_file_and_stdin() {
    let string = b"notify_id=1&subject=\xD6\xD0\xCE\xC4";
    let body = format!(
        "notify_id=1&subject=%D6%D0%CE%C4&sign_type=MD5&sign={}\n",
        md5_sign(string)
    );
    let path = temp_file("notify.body", body.as_bytes());
    let file = format!("@{}", path.display());
    let r = run(&["verify", "--key", KEY, "--charset", "gbk", &file]);
    r.assert_code(0);
    // The line break the file ends with is left out, and the user is told:
    // code given the same bytes would refuse them.
    assert!(r.stderr.contains("left out the line break"), "{}", r.stderr);
    let exact = temp_file("notify.exact", body.trim_end().as_bytes());
    let r = run(&[
        "verify",
        "--key",
        KEY,
        "--charset",
        "gbk",
        &format!("@{}", exact.display()),
    ]);
    r.assert_code(0);
    assert!(!r.stderr.contains("line break"), "{}", r.stderr);
    let r = run_with_stdin(
        &["verify", "--key", KEY, "--charset", "gbk", "-"],
        Some(body.as_bytes()),
    );
    r.assert_code(0);
    run(&["verify", "--key", KEY, "@/nonexistent/body"]).assert_code(2);
}

#[test]
fn verify_of_nothing_says_nothing_was_received() {
    for args in [
        &["verify", "--key", KEY, "-"][..],
        &["verify", "--key", KEY, "--sign-type", "MD5", "-"][..],
    ] {
        let r = run_with_stdin(args, Some(b""));
        r.assert_code(1);
        assert!(r.stderr.contains("nothing was received"), "{}", r.stderr);
    }
}

#[test]
fn verify_unreadable_input_exits_2() {
    run(&["verify", "--key", KEY, "a=1&a=2&sign=x"]).assert_code(2);
    run(&["verify", "--key", KEY, "a=%G1&sign=x"]).assert_code(2);
    let huge = format!("a={}", "x".repeat(70 * 1024));
    run(&["verify", "--key", KEY, "--sign-type", "MD5", &huge]).assert_code(2);
}

// ---------------------------------------------------------------- url / form

fn url_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    url_args_for(SERVICE, extra)
}

/// `url SERVICE`, MD5-signed for the test partner, with `extra`.
fn url_args_for<'a>(service: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "url",
        service,
        "--partner",
        PARTNER,
        "--sign-type",
        "MD5",
        "--key",
        KEY,
    ];
    args.extend_from_slice(extra);
    args
}

const RETURN_URL: &str = "return_url=https://merchant.example/return";
const USER: &str = "sns_user_id=id2011103454654656";
const USER_KEY: &str = "key=20110511EF39E0403F8F48EF8E02121C9824210F";

#[test]
fn url_signs_a_declared_interface() {
    let r = run(&url_args(&[RETURN_URL, USER, USER_KEY]));
    r.assert_code(0);
    let url = r.stdout.trim();
    let string = format!(
        "_input_charset=utf-8&key=20110511EF39E0403F8F48EF8E02121C9824210F&partner={PARTNER}&return_url=https://merchant.example/return&service={SERVICE}&sns_user_id=id2011103454654656"
    );
    assert!(
        url.starts_with("https://mapi.alipay.com/gateway.do?_input_charset=utf-8&"),
        "{url}"
    );
    assert!(
        url.contains("&return_url=https%3A%2F%2Fmerchant.example%2Freturn&"),
        "{url}"
    );
    assert!(url.contains("&sign_type=MD5&"), "{url}");
    assert!(
        url.ends_with(&format!("&sign={}", md5_sign(string.as_bytes()))),
        "{url}"
    );
    // The URL verifies as a set of received parameters.
    run(&["verify", "--key", KEY, url]).assert_code(0);
}

#[test]
fn url_json_and_gateway() {
    let r = run(&url_args(&[
        "--json",
        "--gateway",
        "https://sandbox.example/gateway.do",
        RETURN_URL,
        USER,
        USER_KEY,
    ]));
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["service"], SERVICE);
    assert_eq!(v["sign_type"], "MD5");
    assert_eq!(v["charset"], "utf-8");
    assert!(v["signing_string"]
        .as_str()
        .unwrap()
        .starts_with("_input_charset=utf-8&key="));
    assert!(v["url"]
        .as_str()
        .unwrap()
        .starts_with("https://sandbox.example/gateway.do?"));
    assert_eq!(v["sign"].as_str().unwrap().len(), 32);
    run(&url_args(&[
        "--gateway",
        "ftp://x/y",
        RETURN_URL,
        USER,
        USER_KEY,
    ]))
    .assert_code(2);
}

#[test]
fn url_goes_to_the_services_documented_host_and_only_for_page_calls() {
    // A cross-border service goes to the international host unless
    // --gateway says otherwise.
    let forex = [
        "subject=x",
        "out_trade_no=1",
        "currency=USD",
        "total_fee=1000000.00",
    ];
    let r = run(&url_args_for("create_forex_trade", &forex));
    r.assert_code(0);
    assert!(
        r.stdout
            .starts_with("https://intlmapi.alipay.com/gateway.do?"),
        "{}",
        r.stdout
    );
    let mut local = url_args_for("create_forex_trade", &forex);
    local.extend(["--gateway", "http://127.0.0.1:9/gateway.do"]);
    let r = run(&local);
    r.assert_code(0);
    assert!(
        r.stdout.starts_with("http://127.0.0.1:9/gateway.do?"),
        "{}",
        r.stdout
    );
    // A server call is not a URL for a browser; a page call is not `call`ed.
    let r = run(&url_args_for("single_trade_query", &["trade_no=1"]));
    r.assert_code(2);
    assert!(
        r.stderr.contains("is a server call")
            && r.stderr.contains("alipay-mapi call single_trade_query"),
        "{}",
        r.stderr
    );
    let r = run(&[
        "call",
        "create_direct_pay_by_user",
        "--partner",
        PARTNER,
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "--gateway",
        "http://127.0.0.1:9/gateway.do",
        "out_trade_no=1",
    ]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("is a page call")
            && r.stderr
                .contains("alipay-mapi url create_direct_pay_by_user"),
        "{}",
        r.stderr
    );
    // An app payment is neither: its order string goes to the app's SDK.
    let r = run(&url_args_for("mobile.securitypay.pay", &["out_trade_no=1"]));
    r.assert_code(2);
    assert!(
        r.stderr.contains("is an app payment") && r.stderr.contains("order_string_for"),
        "{}",
        r.stderr
    );
    let r = run(&[
        "call",
        "mobile.securitypay.pay",
        "--partner",
        PARTNER,
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "--gateway",
        "http://127.0.0.1:9/gateway.do",
        "out_trade_no=1",
    ]);
    r.assert_code(2);
    assert!(r.stderr.contains("is an app payment"), "{}", r.stderr);
}

#[test]
fn gen_reads_an_app_payment() {
    // An access section describing the SDK, a synchronous result: the SDK's
    // result, not a page return.
    let text = "服务名：mobile.securitypay.pay\n\n## 4 接口调用方式\n\n\
                商户App通过开发包调用本接口。\n\n## 5 请求参数\n\n\
                | 参数 | 类型 | 参数说明 | 是否可为空 |\n|---|---|---|---|\n\
                | out_trade_no | String(64) | 订单号 | 不可空 |\n\n## 6 同步通知参数说明\n\n\
                | 参数 | 类型 | 参数说明 | 是否可为空 |\n|---|---|---|---|\n\
                | resultStatus | String | 状态代码 | 不可空 |\n";
    let path = temp_file("app.md", text.as_bytes());
    let shown = path.display().to_string();
    let r = run(&["gen", "--json", &shown]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["access"], "app");
    assert!(v["response"].is_null(), "{v}");
    assert_eq!(v["sdk_result"][0]["name"], "resultStatus");

    let declaration = v["declaration"].as_str().unwrap();
    assert!(declaration.contains("(`SdkResult`"), "{declaration}");
    assert!(declaration.contains("An app payment"), "{declaration}");
    // Without the section, and told `--access app`, the same.
    let r = run(&[
        "gen",
        "--json",
        "--access",
        "app",
        &temp_file("app2.md", text.replace("接口调用方式", "说明").as_bytes())
            .display()
            .to_string(),
    ]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["access"], "app");
    assert_eq!(v["sdk_result"][0]["name"], "resultStatus");
    assert!(
        v["declaration"]
            .as_str()
            .unwrap()
            .contains(", access = \"app\")]"),
        "{v}"
    );
}

#[test]
fn url_gbk_and_rsa_key_file() {
    let r = run(&[
        "url",
        SERVICE,
        "--partner",
        PARTNER,
        "--sign-type",
        "RSA",
        "--key",
        &key_file("rsa1024.pkcs8.der"),
        "--charset",
        "gbk",
        RETURN_URL,
        "sns_user_id=用户1",
        USER_KEY,
    ]);
    r.assert_code(0);
    let url = r.stdout.trim();
    assert!(url.contains("&sns_user_id=%D3%C3%BB%A71&"), "{url}");
    assert!(url.contains("_input_charset=gbk"), "{url}");
    run(&[
        "verify",
        "--key",
        &key_file("rsa1024.pub.pem"),
        "--charset",
        "gbk",
        url,
    ])
    .assert_code(0);
}

#[test]
fn url_validation_failures_name_each_parameter() {
    let long_user = format!("sns_user_id={}", "x".repeat(51));
    let r = run(&url_args(&[RETURN_URL, &long_user, "extra=1"]));
    r.assert_code(1);
    for name in ["`sns_user_id`", "`extra`", "`key`"] {
        assert!(r.stderr.contains(name), "{name}: {}", r.stderr);
    }
    assert!(r.stdout.is_empty());
    let r = run(&url_args(&["--json", RETURN_URL, &long_user, "extra=1"]));
    r.assert_code(1);
    let v = r.json();
    assert_eq!(v["ok"], false);
    let fields: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields.len(), 3, "{v}");
    assert!(
        fields.contains(&"extra") && fields.contains(&"sns_user_id") && fields.contains(&"key")
    );
    // GBK width: 26 Chinese characters are 52 > 50.
    let wide = format!("sns_user_id={}", "中".repeat(26));
    run(&url_args(&[RETURN_URL, &wide, USER_KEY])).assert_code(1);
}

#[test]
fn url_usage_failures() {
    let r = run(&[
        "url",
        "no.such.service",
        "--partner",
        PARTNER,
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        "a=1",
    ]);
    r.assert_code(2);
    assert!(
        r.stderr.contains(SERVICE),
        "lists the known services: {}",
        r.stderr
    );
    // Bad partner.
    run(&[
        "url",
        SERVICE,
        "--partner",
        "123",
        "--sign-type",
        "MD5",
        "--key",
        KEY,
        RETURN_URL,
        USER,
        USER_KEY,
    ])
    .assert_code(2);
    // A base parameter among the business ones.
    let r = run(&url_args(&[
        RETURN_URL,
        USER,
        USER_KEY,
        "partner=2088002464631181",
    ]));
    r.assert_code(2);
    assert!(r.stderr.contains("--partner"), "{}", r.stderr);
    // Unencodable in the charset.
    run(&url_args(&[
        "--charset",
        "gbk",
        RETURN_URL,
        "sns_user_id=😀",
        USER_KEY,
    ]))
    .assert_code(2);
    // A duplicate.
    run(&url_args(&[RETURN_URL, USER, USER, USER_KEY])).assert_code(2);
}

#[test]
fn form_get_and_post() {
    let args = |method: &str| {
        vec![
            "form".to_owned(),
            SERVICE.to_owned(),
            "--partner".to_owned(),
            PARTNER.to_owned(),
            "--sign-type".to_owned(),
            "DSA".to_owned(),
            "--key".to_owned(),
            key_file("dsa1024.traditional.pem"),
            "--charset".to_owned(),
            "gbk".to_owned(),
            "--method".to_owned(),
            method.to_owned(),
            RETURN_URL.to_owned(),
            "sns_user_id=用户1".to_owned(),
            USER_KEY.to_owned(),
        ]
    };
    for method in ["get", "post"] {
        let owned = args(method);
        let r = run(&owned.iter().map(String::as_str).collect::<Vec<_>>());
        r.assert_code(0);
        assert!(
            r.stdout.contains(&format!("method=\"{method}\"")),
            "{}",
            r.stdout
        );
        assert!(r
            .stdout
            .contains("action=\"https://mapi.alipay.com/gateway.do?_input_charset=gbk\""));
        assert!(r.stdout.contains("accept-charset=\"gbk\""));
        assert!(r
            .stdout
            .contains("<input type=\"hidden\" name=\"sns_user_id\" value=\"用户1\"/>"));
        assert!(r.stdout.contains("name=\"sign_type\" value=\"DSA\""));
        assert!(r.stdout.contains("document.forms['alipaysubmit'].submit()"));
    }
    // POST is the default; --json.
    let mut owned = args("post");
    owned.truncate(10);
    owned.extend([
        "--json".to_owned(),
        RETURN_URL.to_owned(),
        USER.to_owned(),
        USER_KEY.to_owned(),
    ]);
    let r = run(&owned.iter().map(String::as_str).collect::<Vec<_>>());
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["method"], "post");
    assert!(v["form"].as_str().unwrap().contains("<form"));
    assert_eq!(v["sign_type"], "DSA");
    // A bad method, a validation failure.
    let mut bad = args("put");
    let r = run(&bad.iter().map(String::as_str).collect::<Vec<_>>());
    r.assert_code(2);
    bad[11] = "get".to_owned();
    bad.push("extra=1".to_owned());
    run(&bad.iter().map(String::as_str).collect::<Vec<_>>()).assert_code(1);
}

// ---------------------------------------------------------------- gen

fn doc_path() -> String {
    format!(
        "{}/../interfaces/docs/sns.cae.sign.customer.md",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn gen_prints_the_declaration() {
    let r = run(&["gen", &doc_path()]);
    r.assert_code(0);
    assert!(r.stdout.contains(
        "#[alipay_mapi::alipay_service(\"sns.cae.sign.customer\", doc = \"docs/sns.cae.sign.customer.md\")]\npub mod sns_cae_sign_customer {}"
    ), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("`return_url`: `String`, String(200), required"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("`ILLEGAL_SIGN`"));
    // An absolute path is turned into one the macro accepts, with a note.
    assert!(r.stderr.contains("relative"), "{}", r.stderr);
}

#[test]
fn gen_shows_a_server_calls_answer_table() {
    let doc = format!(
        "{}/../interfaces/docs/single_trade_query.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let r = run(&["gen", &doc]);
    r.assert_code(0);
    assert!(
        r.stdout.contains("XML answer of the server call (`Answer`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("- `trade.trade_no`: `String`, String(64), required"),
        "{}",
        r.stdout
    );
    let r = run(&["--json", "gen", &doc]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["access"], "server");
    let answer = v["answer"].as_array().unwrap();
    assert!(answer
        .iter()
        .any(|f| f["name"] == "trade_no" && f["path"][0] == "trade"));

    // A row that holds others (indented under it) is its element's row.
    let page = temp_file(
        "indented.html",
        "<p>服务名：single_trade_query</p><p>接口访问方式：服务器调用</p><h2>XML返回结果</h2>\
         <table><tr><th>参数</th><th>类型</th><th>可空</th><th>参数名称</th></tr>\
         <tr><td>trade</td><td>String</td><td>不可空</td><td>交易</td></tr>\
         <tr><td>&nbsp;&nbsp;trade_no</td><td>String(64)</td><td>不可空</td><td></td></tr></table>"
            .as_bytes(),
    );
    let r = run(&["gen", page.to_str().unwrap()]);
    r.assert_code(0);
    assert!(
        r.stdout
            .contains("- `trade`: `Trade`, element, required — 交易\n/// - `trade.trade_no`: `String`, String(64), required"),
        "{}",
        r.stdout
    );
}

#[test]
fn gen_shows_a_length_range() {
    let doc = temp_file(
        "range.md",
        "服务名：x.range\n\n## 请求参数\n\n\
         | 参数 | 参数名称 | 类型 | 参数说明 | 是否可为空 |\n|---|---|---|---|---|\n\
         | pay_password | 支付密码 | String（6～32） | 6到32位 | 不可空 |\n"
            .as_bytes(),
    );
    let r = run(&["gen", doc.to_str().unwrap()]);
    r.assert_code(0);
    assert!(
        r.stdout
            .contains("- `pay_password`: `String`, String(6-32), required"),
        "{}",
        r.stdout
    );
    let r = run(&["--json", "gen", doc.to_str().unwrap()]);
    r.assert_code(0);
    assert_eq!(r.json()["request"][0]["type"], "String(6-32)");

    let bad = temp_file(
        "bad_range.md",
        "服务名：x.range\n\n## 请求参数\n\n\
         | 参数 | 参数名称 | 类型 | 参数说明 | 是否可为空 |\n|---|---|---|---|---|\n\
         | pay_password | 支付密码 | String(32-6) | 6到32位 | 不可空 |\n"
            .as_bytes(),
    );
    let r = run(&["--json", "gen", bad.to_str().unwrap()]);
    r.assert_code(1);
    let v = r.json();
    assert_eq!(v["diagnostics"][0]["cell"], "String(32-6)");
    assert_eq!(v["diagnostics"][0]["param"], "pay_password");
}

#[test]
fn gen_relative_path_length_and_json() {
    let dir = temp_file("placeholder", b"");
    let dir = dir.parent().unwrap().join("gen");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(doc_path(), dir.join("svc.md")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_alipay-mapi"))
        .current_dir(&dir)
        .args(["gen", "--json", "--length", "chars", "./svc.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["service"], SERVICE);
    assert_eq!(v["module"], "sns_cae_sign_customer");
    assert_eq!(v["doc"], "svc.md");
    assert!(v["declaration"]
        .as_str()
        .unwrap()
        .contains("doc = \"svc.md\", length = \"chars\")]"));
    assert_eq!(v["request"][0]["name"], "return_url");
    assert_eq!(v["request"][0]["type"], "String(200)");
    assert_eq!(v["request"][0]["nullable"], false);
    assert_eq!(v["errors"].as_array().unwrap().len(), 8);
}

#[test]
fn gen_access_says_how_an_unsure_interface_is_reached() {
    // A return heading that a server call's answer also has, no access
    // line, no return_url: gen asks, --access answers.
    let text = "服务名：single_trade_query\n\n## 请求参数\n\n\
                | 参数 | 类型 | 参数说明 | 是否可为空 |\n|---|---|---|---|\n\
                | trade_no | String(64) | 交易号 | 可空 |\n\n## 同步返回\n\n\
                | 参数 | 类型 | 参数说明 | 是否可为空 |\n|---|---|---|---|\n\
                | buyer_email | String(100) | 买家账号 | 可空 |\n";
    let path = temp_file("unsure.md", text.as_bytes());
    let shown = path.display().to_string();
    let r = run(&["gen", &shown]);
    r.assert_code(1);
    assert!(r.stderr.contains("access = \"server\""), "{}", r.stderr);
    let r = run(&["gen", "--json", "--access", "server", &shown]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["access"], "server");
    assert!(v["response"].is_null(), "{v}");
    assert_eq!(v["answer"][0]["name"], "buyer_email");
    assert!(
        v["declaration"]
            .as_str()
            .unwrap()
            .contains(", access = \"server\")]"),
        "{v}"
    );
    let r = run(&["gen", "--json", "--access", "page", &shown]);
    r.assert_code(0);
    assert_eq!(r.json()["response"][0]["name"], "buyer_email");
}

#[test]
fn gen_reports_the_macros_diagnostics() {
    let text = std::fs::read_to_string(doc_path()).unwrap().replace(
        "sns_user_id\tString(50)\tThe user's account",
        "sns_user_id\tStrin(50)\tThe user's account",
    );
    let path = temp_file("bad.md", text.as_bytes());
    let shown = path.display().to_string();
    let r = run(&["gen", &shown]);
    r.assert_code(1);
    assert!(
        r.stderr.contains(&format!("{shown}: line ")) && r.stderr.contains("Strin(50)"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    let r = run(&["gen", "--json", &shown]);
    r.assert_code(1);
    let v = r.json();
    assert_eq!(v["ok"], false);
    assert!(v["diagnostics"][0]["line"].is_number(), "{v}");
    // A --service that contradicts the document's own.
    let r = run(&["gen", "--service", "other.service", &doc_path()]);
    r.assert_code(1);
    assert!(r.stderr.contains("other.service"), "{}", r.stderr);
}

#[test]
fn gen_needs_a_service_name() {
    let text = std::fs::read_to_string(doc_path())
        .unwrap()
        .replace("**服务名:** sns.cae.sign.customer", "")
        .replace("sns.cae.sign.customer", "");
    let path = temp_file("noservice.md", text.as_bytes());
    let shown = path.display().to_string();
    let r = run(&["gen", &shown]);
    r.assert_code(2);
    assert!(r.stderr.contains("--service"), "{}", r.stderr);
    let r = run(&["gen", "--service", "x.y.z", &shown]);
    r.assert_code(0);
    assert!(r.stdout.contains("pub mod x_y_z {}"), "{}", r.stdout);
}

#[test]
fn gen_finds_the_service_in_the_title() {
    let text = std::fs::read_to_string(doc_path())
        .unwrap()
        .replace("**服务名:** sns.cae.sign.customer", "")
        .replace(
            "**SNS CAE customer signing interface**",
            "# sns.cae.sign.customer 接口",
        );
    let path = temp_file("titled.md", text.as_bytes());
    let r = run(&["gen", &path.display().to_string()]);
    r.assert_code(0);
    assert!(
        r.stdout.contains("pub mod sns_cae_sign_customer {}"),
        "{}",
        r.stdout
    );
}

#[test]
fn gen_unreadable_document_exits_2() {
    run(&["gen", "/nonexistent/doc.md"]).assert_code(2);
    let path = temp_file("gbk.md", b"\xD6\xD0\xCE\xC4");
    let r = run(&["gen", &path.display().to_string()]);
    r.assert_code(2);
    assert!(r.stderr.contains("UTF-8"), "{}", r.stderr);
}

// ---------------------------------------------------------------- services

#[test]
fn services_lists_and_describes() {
    let r = run(&["services"]);
    r.assert_code(0);
    assert!(r.stdout.starts_with(SERVICE));
    let r = run(&["services", SERVICE]);
    r.assert_code(0);
    for want in [
        "return_url",
        "String(200)",
        "sns_user_id",
        "String(50)",
        "ILLEGAL_SIGN",
        "数字验签失败",
        "nullable",
    ] {
        assert!(r.stdout.contains(want), "{want}: {}", r.stdout);
    }
    let r = run(&["services", "--json"]);
    assert_eq!(r.json()["services"][0]["service"], SERVICE);
    let r = run(&["services", "--json", SERVICE]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["service"], SERVICE);
    assert_eq!(v["request"][0]["name"], "return_url");
    assert_eq!(v["request"][0]["type"], "String");
    assert_eq!(v["request"][0]["max_len"], 200);
    assert_eq!(v["request"][0]["nullable"], false);
    assert_eq!(v["response"][0]["name"], "sns_user_id");
    assert!(v["notify"].is_null());
    assert_eq!(v["errors"][6]["code"], "ILLEGAL_SIGN");
    let r = run(&["services", "nope"]);
    r.assert_code(2);
    assert!(r.stderr.contains(SERVICE));
}

#[cfg(not(feature = "mock"))]
#[test]
fn mock_without_its_feature_says_how_to_get_it() {
    let r = run(&["mock", "--port", "1"]);
    r.assert_code(2);
    assert!(r.stderr.contains("--features mock"), "{}", r.stderr);
}

/// A return "signed" with MD5 under the gateway's public key as the secret
/// (the key is public: anyone can) is refused when that key is given in
/// the console's one-line base64 and the received `sign_type` says MD5.
#[test]
fn verify_never_takes_a_public_key_as_an_md5_secret() {
    use md5::{Digest, Md5};
    let public: String = fixture_text("rsa1024.pub.b64").split_whitespace().collect();
    let signed = "is_success=T&out_trade_no=6402757654153618&total_fee=99999.00\
                  &trade_status=TRADE_SUCCESS";
    let mut h = Md5::new();
    h.update(signed.as_bytes());
    h.update(public.as_bytes());
    let forged: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let url = format!("https://shop.example/alipay/return?{signed}&sign_type=MD5&sign={forged}");
    let key = temp_file("gateway.pub.b64", public.as_bytes());
    let key = format!("@{}", key.display());
    let r = run(&["verify", "--key", &key, &url]);
    assert_ne!(r.code, 0, "a forged return was accepted: {}", r.stdout);
    assert!(r.stderr.contains("not the MD5 secret"), "{}", r.stderr);
    // Nor when the sign type is given.
    let r = run(&["verify", "--sign-type", "MD5", "--key", &key, &url]);
    assert_ne!(r.code, 0, "{}", r.stdout);
}

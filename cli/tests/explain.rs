//! `alipay-mapi explain` names the mistake behind a sign. Each mistaken sign
//! is made here on purpose, by an independent computation over the mistaken
//! string: the md-5 crate for MD5, `openssl dgst -sign` for RSA, RSA2 and DSA
//! (skipped when openssl is missing).

mod common;

use common::*;

/// Runs `explain --json` and returns (exit code, JSON, text output).
fn explain(key: &str, charset: &str, query: &str) -> (i32, serde_json::Value, Run) {
    let json = run(&[
        "explain",
        "--json",
        "--key",
        key,
        "--charset",
        charset,
        query,
    ]);
    let text = run(&["explain", "--key", key, "--charset", charset, query]);
    assert_eq!(json.code, text.code, "{json:?} {text:?}");
    (json.code, json.json(), text)
}

/// Asserts that explain finds the sign made with `mistake`, naming only it
/// (or it first), in JSON and in text.
#[track_caller]
fn assert_cause(key: &str, charset: &str, query: &str, mistake: &str) {
    let (code, v, text) = explain(key, charset, query);
    assert_eq!(code, 1, "the sign does not match the correct string: {v}");
    assert_eq!(v["matches"], false, "{v}");
    assert_eq!(v["cause"], mistake, "{v}");
    let tried = v["tried"].as_array().unwrap();
    let matched: Vec<&str> = tried
        .iter()
        .filter(|t| t["matched"] == true)
        .map(|t| t["mistake"].as_str().unwrap())
        .collect();
    assert_eq!(matched.first().copied(), Some(mistake), "{v}");
    assert!(tried.iter().all(|t| t["description"].is_string()));
    // The text names it too, and says what was tried.
    assert!(text.stdout.contains("tried"), "{}", text.stdout);
    assert!(
        text.stdout
            .lines()
            .any(|l| l.contains("YES") && l.contains(mistake)),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("cause:"), "{}", text.stdout);
    assert!(
        text.stderr.contains("it was made this way"),
        "{}",
        text.stderr
    );
}

#[test]
fn matching_sign_exits_0() {
    let query = "partner=123&service=test&sign_type=MD5&sign=bbd13b52823b576291595f472ebcfbc2";
    let (code, v, text) = explain(KEY, "utf-8", query);
    assert_eq!(code, 0);
    assert_eq!(v["matches"], true);
    assert_eq!(v["signing_string"], "partner=123&service=test");
    assert_eq!(v["sign_type"], "MD5");
    assert!(v["algorithm"].as_str().unwrap().contains("MD5"));
    assert_eq!(v["received_sign"], "bbd13b52823b576291595f472ebcfbc2");
    assert_eq!(v["expected_sign"], "bbd13b52823b576291595f472ebcfbc2");
    assert_eq!(v["received_sign_type"], "MD5");
    assert!(v["cause"].is_null());
    assert!(v["error"].is_null());
    assert_eq!(v["params"]["partner"], "123");
    assert!(text
        .stdout
        .contains("signing string: partner=123&service=test"));
    assert!(
        text.stdout.contains("matches:        yes"),
        "{}",
        text.stdout
    );
}

#[test]
fn other_charset_utf8_bytes_for_a_gbk_request() {
    // _input_charset=gbk, but the UTF-8 bytes were hashed.
    let string = "_input_charset=gbk&partner=123&subject=中文";
    let query = format!(
        "_input_charset=gbk&partner=123&subject=%D6%D0%CE%C4&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes())
    );
    assert_cause(KEY, "gbk", &query, "other_charset");
    let (_, v, text) = explain(KEY, "gbk", &query);
    // The bytes of the non-ASCII run, in the charset (and the other one).
    assert_eq!(v["non_ascii"][0]["text"], "中文");
    assert_eq!(v["non_ascii"][0]["hex"], "d6d0cec4");
    assert!(text.stdout.contains("D6 D0 CE C4"), "{}", text.stdout);
    assert!(text.stdout.contains("E4 B8 AD E6 96 87"), "{}", text.stdout);
    assert_eq!(
        v["expected_sign"],
        md5_sign(b"_input_charset=gbk&partner=123&subject=\xD6\xD0\xCE\xC4")
    );
}

#[test]
fn other_charset_gbk_bytes_for_a_utf8_request() {
    let string = b"partner=123&subject=\xD6\xD0\xCE\xC4";
    let query = format!(
        "partner=123&subject={}&sign_type=MD5&sign={}",
        pct("中文".as_bytes()),
        md5_sign(string)
    );
    assert_cause(KEY, "utf-8", &query, "other_charset");
}

#[test]
fn sign_type_included() {
    let string = "partner=123&service=test&sign_type=MD5";
    let query = format!(
        "partner=123&service=test&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes())
    );
    assert_cause(KEY, "utf-8", &query, "sign_type_included");
}

#[test]
fn empty_values_included() {
    let string = "body=&partner=123&service=test";
    let query = format!(
        "partner=123&body=&service=test&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes())
    );
    assert_cause(KEY, "utf-8", &query, "empty_values_included");
}

#[test]
fn plus_turned_into_a_space_in_a_value() {
    // The signer signed `a+b/c` and put it in the URL unencoded.
    let string = "partner=123&subject=a+b/c";
    let query = format!(
        "partner=123&subject=a+b/c&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes())
    );
    assert_cause(KEY, "utf-8", &query, "plus_as_space_in_values");
}

#[test]
fn plus_turned_into_a_space_in_the_sign() {
    // OpenSSL's RSA sign of the return, sent with its `+` unencoded.
    let sign = fixture_text("return.rsa.sig.b64");
    assert!(sign.contains('+'));
    let query = format!("is_success=T&sns_user_id=id20110923456789&sign_type=RSA&sign={sign}");
    let (code, v, text) = explain(&key_file("rsa2048.pub.pem"), "utf-8", &query);
    assert_eq!(code, 0, "the runtime reads the spaces back as `+`");
    assert_eq!(v["matches"], true);
    assert_eq!(v["cause"], "plus_as_space_in_sign");
    assert!(v["received_sign"].as_str().unwrap().contains(' '));
    assert!(
        text.stdout.contains("plus_as_space_in_sign"),
        "{}",
        text.stdout
    );
}

#[test]
fn values_url_encoded_before_signing() {
    let string = "partner=123&return_url=https%3A%2F%2Fm.example%2Fr%3Fa%3D1";
    let query = format!(
        "partner=123&return_url={}&sign_type=MD5&sign={}",
        pct(b"https://m.example/r?a=1"),
        md5_sign(string.as_bytes())
    );
    assert_cause(KEY, "utf-8", &query, "url_encoded_values");
    // GBK: percent-encoded from GBK bytes.
    let string = "partner=123&subject=%D6%D0%CE%C4";
    let query = format!(
        "partner=123&subject=%D6%D0%CE%C4&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes())
    );
    assert_cause(KEY, "gbk", &query, "url_encoded_values");
}

#[test]
fn values_form_encoded_before_signing() {
    let string = "partner=123&subject=a+b%2Fc";
    let query = format!(
        "partner=123&subject=a%20b%2Fc&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes())
    );
    assert_cause(KEY, "utf-8", &query, "form_encoded_values");
}

#[test]
fn pairs_sorted_as_strings() {
    // As strings "key1=a" < "key=b"; by name "key" < "key1".
    let string = "key1=a&key=b&partner=123";
    let query = format!(
        "key=b&key1=a&partner=123&sign_type=MD5&sign={}",
        md5_sign(string.as_bytes())
    );
    assert_cause(KEY, "utf-8", &query, "sorted_as_pairs");
}

#[test]
fn wrong_key_is_no_mistake_of_the_list() {
    let query = "partner=123&subject=a+b&memo=&sign_type=MD5&sign=00000000000000000000000000000000";
    let (code, v, text) = explain(KEY, "utf-8", query);
    assert_eq!(code, 1);
    assert!(v["cause"].is_null());
    assert!(v["tried"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["matched"] == false));
    assert!(!v["tried"].as_array().unwrap().is_empty());
    assert!(
        text.stdout.contains("none of the common mistakes"),
        "{}",
        text.stdout
    );
    assert!(text.stderr.contains("no common mistake"), "{}", text.stderr);
}

#[test]
fn malformed_and_missing_signs() {
    let (code, v, _) = explain(KEY, "utf-8", "partner=123&sign_type=MD5&sign=xyz");
    assert_eq!(code, 1);
    assert!(v["error"].as_str().unwrap().contains("malformed"), "{v}");
    let (code, v, _) = explain(KEY, "utf-8", "partner=123&sign_type=MD5");
    assert_eq!(code, 1);
    assert!(v["received_sign"].is_null());
}

#[test]
fn explain_usage_failures() {
    // No sign type anywhere.
    run(&["explain", "--key", KEY, "partner=123&sign=x"]).assert_code(2);
    // Unreadable.
    run(&["explain", "--key", KEY, "--sign-type", "MD5", "a=%ZZ"]).assert_code(2);
    // A bad key.
    run(&[
        "explain",
        "--key",
        "@/nonexistent",
        "--sign-type",
        "RSA",
        "a=1",
    ])
    .assert_code(2);
}

#[test]
fn received_sign_type_other_than_the_checked_one_is_reported() {
    let query = "partner=123&service=test&sign_type=RSA&sign=bbd13b52823b576291595f472ebcfbc2";
    let r = run(&[
        "explain",
        "--json",
        "--key",
        KEY,
        "--sign-type",
        "MD5",
        query,
    ]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["sign_type"], "MD5");
    assert_eq!(v["received_sign_type"], "RSA");
}

// ---------------------------------------------------------- RSA, RSA2, DSA

/// A return whose sign OpenSSL made over `mistaken` with a fixture key.
fn openssl_return(params: &str, digest: &str, private: &str, mistaken: &[u8], tag: &str) -> String {
    let sign = openssl_sign(digest, private, mistaken, tag);
    format!("{params}&sign={}", pct(sign.as_bytes()))
}

#[test]
fn rsa_sign_type_included() {
    if !openssl_available() {
        return;
    }
    let query = openssl_return(
        "is_success=T&sns_user_id=u1&sign_type=RSA",
        "sha1",
        "rsa1024.pkcs1.pem",
        b"is_success=T&sign_type=RSA&sns_user_id=u1",
        "rsa-sign-type",
    );
    assert_cause(
        &key_file("rsa1024.pub.pem"),
        "utf-8",
        &query,
        "sign_type_included",
    );
    // The correct string verifies.
    let query = openssl_return(
        "is_success=T&sns_user_id=u1&sign_type=RSA",
        "sha1",
        "rsa1024.pkcs1.pem",
        b"is_success=T&sns_user_id=u1",
        "rsa-ok",
    );
    run(&["explain", "--key", &key_file("rsa1024.pub.der"), &query]).assert_code(0);
    run(&["verify", "--key", &key_file("rsa1024.pub.b64"), &query]).assert_code(0);
}

#[test]
fn rsa2_empty_values_included() {
    if !openssl_available() {
        return;
    }
    let query = openssl_return(
        "is_success=T&memo=&sns_user_id=u1&sign_type=RSA2",
        "sha256",
        "rsa2048.pkcs8.pem",
        b"is_success=T&memo=&sns_user_id=u1",
        "rsa2-empty",
    );
    assert_cause(
        &key_file("rsa2048.pub.pem"),
        "utf-8",
        &query,
        "empty_values_included",
    );
}

#[test]
fn dsa_other_charset() {
    if !openssl_available() {
        return;
    }
    let query = openssl_return(
        "_input_charset=gbk&is_success=T&sns_user_id=%D3%C3%BB%A71&sign_type=DSA",
        "sha1",
        "dsa1024.pkcs8.pem",
        "_input_charset=gbk&is_success=T&sns_user_id=用户1".as_bytes(),
        "dsa-charset",
    );
    assert_cause(&key_file("dsa1024.pub.pem"), "gbk", &query, "other_charset");
}

#[test]
fn dsa_url_encoded_values_and_wrong_key() {
    if !openssl_available() {
        return;
    }
    let query = openssl_return(
        "is_success=T&return_url=https%3A%2F%2Fm.example%2Fr&sign_type=DSA",
        "sha1",
        "dsa1024.traditional.pem",
        b"is_success=T&return_url=https%3A%2F%2Fm.example%2Fr",
        "dsa-url",
    );
    assert_cause(
        &key_file("dsa1024.pub.der"),
        "utf-8",
        &query,
        "url_encoded_values",
    );
    // The same sign checked with another key: no mistake explains it.
    let (code, v, text) = explain(&key_file("dsa-wrong.pub.pem"), "utf-8", &query);
    assert_eq!(code, 1);
    assert!(v["cause"].is_null(), "{v}");
    assert!(
        text.stdout.contains("gateway's public key"),
        "{}",
        text.stdout
    );
}

/// The merchant's own `?order=6` on its return_url, kept in the return by
/// the gateway but not signed: explain names it instead of blaming the key.
/// The sign is made by the md-5 crate over the string without `order`.
#[test]
fn md5_unsigned_parameter_is_named() {
    let signed = b"buyer_email=mailer@163.com&exterface=create_direct_pay_by_user&is_success=T&notify_id=RqPnCoPT3K9%2Fvwbhxyz&out_trade_no=6&trade_status=TRADE_SUCCESS";
    let url = format!(
        "https://shop.example/orders/return?order=6&is_success=T&buyer_email=mailer%40163.com\
         &exterface=create_direct_pay_by_user&notify_id=RqPnCoPT3K9%252Fvwbhxyz&out_trade_no=6\
         &trade_status=TRADE_SUCCESS&sign_type=MD5&sign={}",
        md5_sign(signed)
    );
    let (code, v, text) = explain(KEY, "utf-8", &url);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["cause"], "unsigned_parameter", "{v}");
    assert_eq!(v["unsigned_parameter"], "order", "{v}");
    assert!(
        text.stdout
            .lines()
            .any(|l| l.contains("YES") && l.contains("unsigned_parameter")),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("cause:          parameter `order` was not signed by the gateway"),
        "{}",
        text.stdout
    );
    assert!(
        text.stderr
            .contains("parameter `order` was not signed by the gateway")
            && text.stderr.contains("return_url"),
        "{}",
        text.stderr
    );
    assert!(!text.stderr.contains("another MD5 key"), "{}", text.stderr);
    // `verify` stays strict.
    run(&["verify", "--key", KEY, &url]).assert_code(1);
}

/// The same with RSA and DSA signs made by `openssl dgst -sign`, checked
/// with the public keys.
#[test]
fn rsa_and_dsa_unsigned_parameter_is_named() {
    if !openssl_available() {
        return;
    }
    for (sign_type, digest, private, public) in [
        ("RSA", "sha1", "rsa1024.pkcs1.pem", "rsa1024.pub.pem"),
        ("RSA2", "sha256", "rsa2048.pkcs8.pem", "rsa2048.pub.pem"),
        ("DSA", "sha1", "dsa1024.pkcs8.pem", "dsa1024.pub.pem"),
    ] {
        let query = openssl_return(
            &format!("order=6&is_success=T&out_trade_no=6&sns_user_id=u1&sign_type={sign_type}"),
            digest,
            private,
            b"is_success=T&out_trade_no=6&sns_user_id=u1",
            &format!("{sign_type}-unsigned"),
        );
        let (code, v, _) = explain(&key_file(public), "utf-8", &query);
        assert_eq!(code, 1, "{v}");
        assert_eq!(v["cause"], "unsigned_parameter", "{sign_type}: {v}");
        assert_eq!(v["unsigned_parameter"], "order", "{sign_type}: {v}");
    }
}

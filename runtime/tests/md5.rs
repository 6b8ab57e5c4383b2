//! MD5 signing and return verification against vectors computed by other
//! implementations: the public vectors of GATEWAY.md, and Python's `hashlib`
//! (`hashlib.md5(s.encode(charset) + key).hexdigest()`) for the rest.
#![cfg(feature = "md5")]

use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::{
    signing_string, Charset, Client, Method, ReturnError, SignType, SignatureError, Signer,
    Verifier, MAX_INPUT_LEN,
};

const KEY: &str = "10000000000000000000000000000000";

fn key() -> Md5Key {
    Md5Key::new(KEY).unwrap()
}

fn client(charset: Charset) -> Client {
    Client::new("2088002464631181", Signer::md5(key()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(key()))
}

#[test]
fn public_vector_short() {
    let s = signing_string(&[("service", "test"), ("partner", "123")], Charset::Utf8).unwrap();
    assert_eq!(s.as_str(), "partner=123&service=test");
    assert_eq!(
        Signer::md5(key()).sign(&s).unwrap(),
        "bbd13b52823b576291595f472ebcfbc2"
    );
}

#[test]
fn public_vector_create_direct_pay_by_user() {
    let client = Client::new("1000000000000000", Signer::md5(key())).unwrap();
    let request = client
        .sign_params(
            "create_direct_pay_by_user",
            &[
                ("subject", "test"),
                ("seller_id", "1000000000000000"),
                ("quantity", "1"),
                ("price", "0.01"),
                ("payment_type", "1"),
                ("out_trade_no", "1"),
                ("body", ""),
            ],
        )
        .unwrap();
    assert_eq!(
        request.signing_string().as_str(),
        "_input_charset=utf-8&out_trade_no=1&partner=1000000000000000&payment_type=1&price=0.01&quantity=1&seller_id=1000000000000000&service=create_direct_pay_by_user&subject=test"
    );
    assert_eq!(request.sign(), "682ad02280fca7d4c0fd22678fdddeef");
    assert_eq!(request.param("sign_type"), Some("MD5"));
    // The empty `body` is not sent at all.
    assert_eq!(request.param("body"), None);
}

#[test]
fn gbk_request_signs_gbk_bytes_and_encodes_them_in_the_url() {
    let request = client(Charset::Gbk)
        .sign_params(
            "sns.cae.sign.customer",
            &[
                (
                    "return_url",
                    "http://www.test.com/notify/alipay/interface.htm",
                ),
                ("sns_user_id", "用户id2011103454654656"),
                ("key", "20110511EF39E0403F8F48EF8E02121C9824210F"),
            ],
        )
        .unwrap();
    assert_eq!(request.sign(), "c6c1d173f80bf0255eb33f6e4a4fe82a");
    let url = request.url();
    assert!(url.starts_with("https://mapi.alipay.com/gateway.do?_input_charset=gbk&"));
    assert!(url.contains("&sns_user_id=%D3%C3%BB%A7id2011103454654656&"));
    assert!(
        url.contains("&return_url=http%3A%2F%2Fwww.test.com%2Fnotify%2Falipay%2Finterface.htm&")
    );
    assert!(url.ends_with("&sign_type=MD5&sign=c6c1d173f80bf0255eb33f6e4a4fe82a"));
}

#[test]
fn business_parameters_may_not_shadow_base_ones() {
    let err = client(Charset::Utf8)
        .sign_params("x", &[("partner", "2088000000000000")])
        .unwrap_err();
    assert!(err.to_string().contains("`partner` is a base parameter"));
    let err = client(Charset::Utf8)
        .sign_params("x", &[("a", "1"), ("a", "2")])
        .unwrap_err();
    assert!(err.to_string().contains("`a` is given more than once"));
}

#[test]
fn emoji_under_gbk_is_an_error_naming_the_parameter() {
    let err = client(Charset::Gbk)
        .sign_params("x", &[("subject", "礼物🎁")])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "parameter `subject`: character '🎁' (U+1F381) cannot be encoded in gbk"
    );
}

#[test]
fn form_posts_every_parameter_escaped_with_charset_in_action() {
    let request = client(Charset::Gbk)
        .sign_params("x", &[("memo", "<b>\"a&b\"</b>")])
        .unwrap();
    let form = request.form(Method::Post);
    assert!(form.contains(
        "action=\"https://mapi.alipay.com/gateway.do?_input_charset=gbk\" method=\"post\" accept-charset=\"gbk\""
    ));
    assert!(form.contains(
        "<input type=\"hidden\" name=\"memo\" value=\"&lt;b&gt;&quot;a&amp;b&quot;&lt;/b&gt;\"/>"
    ));
    for (name, _) in request.params() {
        assert!(form.contains(&format!("name=\"{name}\"")), "{name} missing");
    }
    assert!(form.contains("document.forms['alipaysubmit'].submit()"));
    assert!(request.form(Method::Get).contains("method=\"get\""));
}

#[test]
fn custom_gateway_keeps_its_query() {
    let client = client(Charset::Utf8)
        .with_gateway("https://sandbox.example/gateway.do?env=test")
        .unwrap();
    let url = client.sign_params("x", &[("a", "1")]).unwrap().url();
    assert!(url.starts_with("https://sandbox.example/gateway.do?env=test&_input_charset=utf-8&"));
    assert!(client.clone().with_gateway("ftp://x/").is_err());
    assert!(client.with_gateway("not a url").is_err());
    assert!(Client::new("2088", Signer::md5(key())).is_err());
}

// Return verification. `is_success=T&sns_user_id=用户20110923` signed with KEY:
const RETURN_SIGN_UTF8: &str = "068be38676f609c75f4511a09a532d20";
const RETURN_SIGN_GBK: &str = "0265be427758d66ed005789eedd963ab";
const UTF8_USER: &str = "%E7%94%A8%E6%88%B720110923";
const GBK_USER: &str = "%D3%C3%BB%A720110923";

fn return_url(user: &str, sign: &str) -> String {
    format!(
        "https://merchant.example/return?is_success=T&sign_type=MD5&sign={sign}&sns_user_id={user}"
    )
}

#[test]
fn verifies_a_return_url_query_or_form_body() {
    let c = client(Charset::Utf8);
    let ok = c
        .verify_return_params(&return_url(UTF8_USER, RETURN_SIGN_UTF8))
        .unwrap();
    assert_eq!(ok.get("sns_user_id"), Some("用户20110923"));
    assert_eq!(ok.sign_type(), SignType::Md5);
    assert_eq!(
        ok.signing_string().as_str(),
        "is_success=T&sns_user_id=用户20110923"
    );
    let query = format!("is_success=T&sign={RETURN_SIGN_UTF8}&sns_user_id={UTF8_USER}");
    assert!(c.verify_return_params(&query).is_ok());
    assert!(c.verify_return_params(&format!("?{query}")).is_ok());
    assert!(c.verify_notification_params(query.as_bytes(), None).is_ok());
    // Upper-case hex is the same sign.
    assert!(c
        .verify_return_params(&return_url(UTF8_USER, &RETURN_SIGN_UTF8.to_uppercase()))
        .is_ok());
    // A fragment is not a parameter.
    assert!(c
        .verify_return_params(&format!("{}#top", return_url(UTF8_USER, RETURN_SIGN_UTF8)))
        .is_ok());
}

#[test]
fn gbk_return_is_decoded_and_signed_as_gbk() {
    assert!(client(Charset::Gbk)
        .verify_return_params(&return_url(GBK_USER, RETURN_SIGN_GBK))
        .is_ok());
    // The same characters signed over UTF-8 bytes do not pass a GBK client.
    let err = client(Charset::Gbk)
        .verify_return_params(&return_url(GBK_USER, RETURN_SIGN_UTF8))
        .unwrap_err();
    assert!(matches!(
        err,
        ReturnError::BadSignature {
            error: SignatureError::Mismatch,
            ..
        }
    ));
    // GBK bytes read by a UTF-8 client are not valid UTF-8.
    let err = client(Charset::Utf8)
        .verify_return_params(&return_url(GBK_USER, RETURN_SIGN_GBK))
        .unwrap_err();
    assert_eq!(
        err,
        ReturnError::CharsetMismatch {
            configured: Charset::Utf8,
            valid_in: Charset::Gbk
        }
    );
    assert!(err
        .to_string()
        .contains("these bytes are GBK: the request was signed with gbk?"));
    // A received `_input_charset` is used whatever the client's charset.
    let with_charset = format!(
        "{}&_input_charset=gbk",
        return_url(GBK_USER, RETURN_SIGN_GBK)
    );
    let err = client(Charset::Utf8)
        .verify_return_params(&with_charset)
        .unwrap_err();
    // `_input_charset` is signed too, so this sign no longer matches; but the
    // bytes were read as GBK, not refused as invalid UTF-8.
    assert!(matches!(err, ReturnError::BadSignature { .. }), "{err:?}");
}

fn mismatch(input: &str) -> String {
    match client(Charset::Utf8)
        .verify_return_params(input)
        .unwrap_err()
    {
        ReturnError::BadSignature {
            sign_type: SignType::Md5,
            signing_string,
            error: SignatureError::Mismatch,
            ..
        } => signing_string,
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

#[test]
fn tampering_is_a_mismatch_that_shows_the_signing_string() {
    let tampered_value = return_url("%E7%94%A8%E6%88%B720110924", RETURN_SIGN_UTF8);
    assert_eq!(
        mismatch(&tampered_value),
        "is_success=T&sns_user_id=用户20110924"
    );
    let tampered_name = format!("is_success=T&sign={RETURN_SIGN_UTF8}&sns_user_ld={UTF8_USER}");
    assert_eq!(
        mismatch(&tampered_name),
        "is_success=T&sns_user_ld=用户20110923"
    );
    let added = format!("{}&extra=1", return_url(UTF8_USER, RETURN_SIGN_UTF8));
    assert_eq!(
        mismatch(&added),
        "extra=1&is_success=T&sns_user_id=用户20110923"
    );

    let err = client(Charset::Utf8)
        .verify_return_params(&tampered_value)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "signature does not match the MD5 key you configured (sign_type MD5, signed parameters: is_success (1 byte), sns_user_id (14 bytes)); see the signing string (`signing_string()`; the CLI's --explain)"
    );
    assert_eq!(
        err.signing_string(),
        Some("is_success=T&sns_user_id=用户20110924")
    );
    assert!(!err.to_string().contains(KEY));
    // The alternate form, for a debugging tool, shows the string itself.
    assert_eq!(
        format!("{err:#}"),
        "signature does not match the MD5 key you configured (sign_type MD5, signing string: `is_success=T&sns_user_id=用户20110924`)"
    );
    assert!(!format!("{err:#}").contains(KEY));
}

#[test]
fn wrong_key_is_a_mismatch() {
    let other = Md5Key::new("20000000000000000000000000000000").unwrap();
    let c = Client::new("2088002464631181", Signer::md5(other.clone()))
        .unwrap()
        .with_verifier(Verifier::md5(other));
    assert!(matches!(
        c.verify_return_params(&return_url(UTF8_USER, RETURN_SIGN_UTF8)),
        Err(ReturnError::BadSignature {
            error: SignatureError::Mismatch,
            ..
        })
    ));
}

#[test]
fn refusals_before_any_signature_check() {
    let c = client(Charset::Utf8);
    let dup = format!("{}&sns_user_id=x", return_url(UTF8_USER, RETURN_SIGN_UTF8));
    assert_eq!(
        c.verify_return_params(&dup),
        Err(ReturnError::DuplicateParameter {
            name: "sns_user_id".into()
        })
    );
    assert_eq!(
        c.verify_return_params("is_success=T&sns_user_id=1"),
        Err(ReturnError::MissingSign)
    );
    let unknown = format!("is_success=T&sign_type=SHA1&sign={RETURN_SIGN_UTF8}");
    assert!(matches!(
        c.verify_return_params(&unknown),
        Err(ReturnError::UnknownSignType(_))
    ));
    // A verifier configured for MD5 does not accept a return that says RSA,
    // nor the other way around (see the RSA tests): no downgrade.
    let other_type = format!("is_success=T&sign_type=RSA&sign={RETURN_SIGN_UTF8}");
    assert_eq!(
        c.verify_return_params(&other_type),
        Err(ReturnError::UnexpectedSignType {
            received: SignType::Rsa,
            configured: SignType::Md5
        })
    );
    // A lower-case sign_type is the same sign type.
    let lower =
        format!("is_success=T&sign_type=md5&sign={RETURN_SIGN_UTF8}&sns_user_id={UTF8_USER}");
    assert!(c.verify_return_params(&lower).is_ok());
    let malformed = return_url(UTF8_USER, "not-hex");
    assert!(matches!(
        c.verify_return_params(&malformed),
        Err(ReturnError::BadSignature {
            error: SignatureError::Malformed { .. },
            ..
        })
    ));
    assert!(matches!(
        c.verify_return_params("a=%zz&sign=1"),
        Err(ReturnError::Decode(_))
    ));
    let huge = "a".repeat(MAX_INPUT_LEN + 1);
    assert!(matches!(
        c.verify_return_params(&huge),
        Err(ReturnError::TooLarge { .. })
    ));
    let no_verifier = Client::new("2088002464631181", Signer::md5(key())).unwrap();
    assert_eq!(
        no_verifier.verify_return_params(&return_url(UTF8_USER, RETURN_SIGN_UTF8)),
        Err(ReturnError::NoVerifier)
    );
}

#[test]
fn gateway_failure_is_not_a_bad_signature() {
    let c = client(Charset::Utf8);
    // Signed: `error=ILLEGAL_SIGN&is_success=F`.
    let signed =
        "is_success=F&error=ILLEGAL_SIGN&sign_type=MD5&sign=e5ed76650d640f065f1fb3bf8870770b";
    match c.verify_return_params(signed).unwrap_err() {
        ReturnError::Gateway {
            code,
            signed,
            params,
        } => {
            assert_eq!(code, "ILLEGAL_SIGN");
            assert!(signed);
            assert_eq!(params.get("error"), Some("ILLEGAL_SIGN"));
        }
        other => panic!("{other:?}"),
    }
    // Unsigned, as the gateway's error pages send it.
    assert!(matches!(
        c.verify_return_params("is_success=F&error=ILLEGAL_PARTNER"),
        Err(ReturnError::Gateway { ref code, signed: false, .. }) if code == "ILLEGAL_PARTNER"
    ));
    // A failure with a sign that does not verify is a bad signature.
    assert!(matches!(
        c.verify_return_params(
            "is_success=F&error=SYSTEM_ERROR&sign=e5ed76650d640f065f1fb3bf8870770b"
        ),
        Err(ReturnError::BadSignature { .. })
    ));
}

/// A GBK body that went through a UTF-8 form extractor (decoded lossily,
/// encoded again) reaching a GBK client: the bytes EF BF BD read as GBK
/// (`锟斤拷`), and the mismatch says the body was decoded lossily rather than
/// only blaming the key. The signs are Python's
/// `hashlib.md5(original + b"1" + b"0" * 31).hexdigest()` over the bytes the
/// gateway signed: `subject=中文` in GBK (`\xd6\xd0\xce\xc4`), and
/// `subject=涓a` in GBK (`\xe4\xb8a`, one replacement character once
/// relayed); the relayed bodies are Python's
/// `original.decode("utf-8", "replace").encode("utf-8")`.
#[test]
fn a_lossily_relayed_body_is_named_as_such_whatever_the_charset() {
    const SIGN_CHINESE: &str = "112b662d74c2593c7ca3470a3d4e530e";
    const SIGN_ONE: &str = "9070b5ecf0893bf76a455b94b033b997";
    let body = |subject: &str, sign: &str| {
        format!(
            "notify_id=1d583bc9&out_trade_no=6402757654153618&subject={subject}\
             &total_fee=1.00&trade_status=TRADE_SUCCESS&sign_type=MD5&sign={sign}"
        )
    };
    // As sent, the GBK client verifies them.
    client(Charset::Gbk)
        .verify_notification_params(body("%D6%D0%CE%C4", SIGN_CHINESE).as_bytes(), None)
        .unwrap();
    client(Charset::Gbk)
        .verify_notification_params(body("%E4%B8a", SIGN_ONE).as_bytes(), None)
        .unwrap();
    for (relayed, read_as_gbk) in [
        (
            body("%EF%BF%BD%EF%BF%BD%EF%BF%BD%EF%BF%BD", SIGN_CHINESE),
            "锟斤拷锟斤拷",
        ),
        (body("%EF%BF%BDa", SIGN_ONE), "锟絘"),
    ] {
        for charset in [Charset::Gbk, Charset::Utf8] {
            let err = client(charset)
                .verify_notification_params(relayed.as_bytes(), None)
                .unwrap_err();
            let ReturnError::BadSignature {
                signing_string,
                error: SignatureError::Mismatch,
                ..
            } = &err
            else {
                panic!("{err:?}");
            };
            if charset == Charset::Gbk {
                assert!(signing_string.contains(read_as_gbk), "{signing_string}");
            }
            let message = err.to_string();
            assert!(message.contains("decoded lossily"), "{charset}: {message}");
            assert!(message.contains("raw body"), "{charset}: {message}");
        }
    }
    // A plain mismatch in GBK does not say so.
    let err = client(Charset::Gbk)
        .verify_notification_params(body("%D6%D0%CE%C5", SIGN_CHINESE).as_bytes(), None)
        .unwrap_err();
    assert!(matches!(err, ReturnError::BadSignature { .. }), "{err:?}");
    assert!(!err.to_string().contains("lossily"), "{err}");
}

/// An MD5 sign received with CR/LF at its end (`…%0D%0A`, or a line read with
/// its newline) verifies: CR and LF are trimmed at the ends only, then the
/// 32-hex-digit check. The sign is Python's
/// `hashlib.md5(b"notify_id=1d583bc9&out_trade_no=6402757654153618&subject=crlf&total_fee=1.00&trade_status=TRADE_SUCCESS" + b"1" + b"0" * 31).hexdigest()`.
#[test]
fn an_md5_sign_with_a_line_break_at_its_end_verifies() {
    const SIGN: &str = "0c6d11f1d8ce8b0883b0752b62809b1a";
    let body = |sign: &str| {
        format!(
            "notify_id=1d583bc9&out_trade_no=6402757654153618&subject=crlf\
             &total_fee=1.00&trade_status=TRADE_SUCCESS&sign_type=MD5&sign={sign}"
        )
    };
    for sign in [
        format!("{SIGN}%0D%0A"),
        format!("{SIGN}%0A"),
        format!("%0D%0A{SIGN}"),
        SIGN.to_uppercase() + "%0D",
    ] {
        client(Charset::Utf8)
            .verify_notification_params(body(&sign).as_bytes(), None)
            .unwrap_or_else(|e| panic!("{sign}: {e}"));
    }
    // Inside, or anything but CR/LF, is still malformed.
    for sign in [
        format!("{}%0D%0A{}", &SIGN[..16], &SIGN[16..]),
        format!("{SIGN}+"),
        format!("{SIGN}%09"),
    ] {
        assert!(
            matches!(
                client(Charset::Utf8).verify_notification_params(body(&sign).as_bytes(), None),
                Err(ReturnError::BadSignature {
                    error: SignatureError::Malformed { .. },
                    ..
                })
            ),
            "{sign}"
        );
    }
}

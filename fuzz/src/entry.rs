//! The fuzz targets' entry points, one plain function per target.
//!
//! Shared by the cargo-fuzz binaries (`fuzz/fuzz_targets/*.rs`, nightly) and
//! by the root package's stable test `tests/fuzz_replay.rs`, which includes
//! this file with `#[path]` and replays `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/` through it. It may only use `alipay_mapi`,
//! `alipay_mapi_codegen`, `alipay_mapi_interfaces` and `proc_macro2`, which
//! both of them depend on.
//!
//! Each entry point asserts invariants: a panic is a finding, whether it comes
//! from the code under test or from an `assert!` here.

use std::sync::OnceLock;

use alipay_mapi::explain::explain;
use alipay_mapi::keys::{DsaPrivateKey, DsaPublicKey, Md5Key, RsaPrivateKey, RsaPublicKey};
use alipay_mapi::{
    verify_params, Charset, Client, Method, ReceivedParams, RequestError, ReturnError,
    ServiceError, SignType, SignatureError, Signer, SigningString, SigningStringBuilder, Verifier,
    MAX_INPUT_LEN,
};
use alipay_mapi_codegen::{
    check, parse_and_check, parse_document, parse_error_table, parse_inline, parse_table,
    Diagnostic, Options, TableKind,
};
use alipay_mapi_interfaces::sns_cae_sign_customer::Response;
use proc_macro2::{Delimiter, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// The MD5 secret of the project's tests.
const MD5_SECRET: &str = "10000000000000000000000000000000";
const PARTNER: &str = "2088002464631181";
/// The fixture keys playing the gateway (see runtime/tests/fixtures/README.md).
const DSA_PUBLIC: &str = include_str!("../../runtime/tests/fixtures/dsa1024.pub.pem");
const DSA_PRIVATE: &str = include_str!("../../runtime/tests/fixtures/dsa1024.pkcs8.pem");
const RSA_PUBLIC: &str = include_str!("../../runtime/tests/fixtures/rsa2048.pub.b64");
const RSA_PRIVATE: &str = include_str!("../../runtime/tests/fixtures/rsa2048.pkcs1.pem");
/// The message key_loading signs with every key that loads.
const MESSAGE: &[u8] = b"_input_charset=utf-8&partner=2088002464631181&service=fuzz";

const SIGN_TYPES: [SignType; 4] = [SignType::Md5, SignType::Dsa, SignType::Rsa, SignType::Rsa2];

fn charset_of(selector: u8) -> Charset {
    match selector & 3 {
        1 => Charset::Gbk,
        2 => Charset::Gb2312,
        _ => Charset::Utf8,
    }
}

fn md5_key() -> Md5Key {
    Md5Key::new(MD5_SECRET).expect("the test MD5 secret is a key")
}

/// The gateway's signer and verifier of one sign type, made once.
fn gateway(sign_type: SignType) -> &'static (Signer, Verifier) {
    static KEYS: OnceLock<Vec<(Signer, Verifier)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let dsa = DsaPrivateKey::load(DSA_PRIVATE).expect("fixture DSA private key");
        let dsa_public = DsaPublicKey::load(DSA_PUBLIC).expect("fixture DSA public key");
        assert_eq!(dsa.public_key().bits(), dsa_public.bits());
        let rsa = RsaPrivateKey::load(RSA_PRIVATE).expect("fixture RSA private key");
        let rsa_public = RsaPublicKey::load(RSA_PUBLIC).expect("fixture RSA public key");
        vec![
            (Signer::md5(md5_key()), Verifier::md5(md5_key())),
            (Signer::dsa(dsa), Verifier::dsa(dsa_public)),
            (Signer::rsa(rsa.clone()), Verifier::rsa(rsa_public.clone())),
            (Signer::rsa2(rsa), Verifier::rsa2(rsa_public)),
        ]
    });
    let index = SIGN_TYPES
        .iter()
        .position(|t| *t == sign_type)
        .unwrap_or_default();
    &keys[index]
}

/// A client of the test partner, signing MD5, verifying with `verifier`.
fn client(charset: Charset, verifier: &Verifier) -> Client {
    Client::new(PARTNER, Signer::md5(md5_key()))
        .expect("the test partner is a partner id")
        .with_charset(charset)
        .with_verifier(verifier.clone())
}

/// Percent-encodes `bytes` as a query component (unreserved bytes kept).
fn push_percent_encoded(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// return_verification
// ---------------------------------------------------------------------------

/// A return URL, query string or form body, as the gateway (or an attacker)
/// sends it.
///
/// The first byte picks: bits 0–1 the charset (utf-8, gbk, gb2312, utf-8),
/// bits 2–3 the verifier (MD5 with the test secret, DSA, RSA or RSA2 with the
/// fixture public keys), bit 4 "re-sign": the parameters that parsed are
/// signed with the matching private key and sent again, so the fuzzer gets
/// past the signature to the typed `Response`. The rest is the input.
///
/// Invariants: nothing panics; parsing refuses more than `MAX_INPUT_LEN`
/// bytes and names received twice; `Client::verify_return::<Response>` (or
/// `verify_notification` when the input is not UTF-8) agrees with
/// `ReceivedParams::parse` + `verify_params`; an `Ok` verifies again, was
/// checked over `signing_string` of every parameter, with the configured sign
/// type, and `explain` says it matches; each error is the one the parameters
/// call for; a re-signed return verifies (or is the gateway's signed failure,
/// or a refused `sign_type`).
pub fn return_verification(data: &[u8]) {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let charset = charset_of(selector);
    let sign_type = SIGN_TYPES[usize::from((selector >> 2) & 3)];
    let (signer, verifier) = gateway(sign_type);
    if selector & 0x10 == 0 {
        check_return(input, charset, verifier, false);
        return;
    }
    // Re-sign what parsed, drop `sign`, and send it again.
    let Ok(params) = ReceivedParams::parse(input, charset) else {
        return;
    };
    let mut pairs: Vec<(String, String)> = params
        .into_vec()
        .into_iter()
        .filter(|(name, _)| name != "sign")
        .collect();
    let Ok(signing_string) = alipay_mapi::signing_string(&pairs, charset) else {
        return;
    };
    let sign = signer
        .sign(&signing_string)
        .expect("the fixture keys sign any signing string");
    assert!(verifier.verify(&signing_string, &sign).is_ok());
    pairs.push(("sign".to_owned(), sign));
    let mut body = Vec::new();
    for (name, value) in &pairs {
        let (Ok(name), Ok(value)) = (charset.encode(name, name), charset.encode(name, value))
        else {
            return;
        };
        if !body.is_empty() {
            body.push(b'&');
        }
        push_percent_encoded(&mut body, &name);
        body.push(b'=');
        push_percent_encoded(&mut body, &value);
    }
    if body.len() <= MAX_INPUT_LEN {
        check_return(&body, charset, verifier, true);
    }
}

fn check_return(input: &[u8], charset: Charset, verifier: &Verifier, resigned: bool) {
    let configured = verifier.sign_type();
    let client = client(charset, verifier);
    // A received `_input_charset` (or `charset`) overrides the client's.
    let declared = alipay_mapi::verify::received_charset(input);
    let charset = match &declared {
        Ok(Some(received)) if resigned && *received != charset => return,
        Ok(Some(received)) => *received,
        Ok(None) => charset,
        Err(e) => {
            let typed = match std::str::from_utf8(input) {
                Ok(text) => client.verify_return::<Response>(text),
                Err(_) => client.verify_notification::<Response>(input, None),
            };
            match typed.err() {
                // Refused for its `#` before anything is read (see below).
                Some(ServiceError::Return(ReturnError::ParamsAfterFragment { fragment })) => {
                    assert!(std::str::from_utf8(input)
                        .is_ok_and(|text| text.contains(fragment.as_str())));
                }
                other => assert_eq!(other, Some(ServiceError::Return(e.clone()))),
            }
            return;
        }
    };
    // The typed path (compared with the untyped result below): a return URL
    // is text, a notification body bytes; both verify the same way.
    let typed = match std::str::from_utf8(input) {
        Ok(text) => client.verify_return::<Response>(text),
        Err(_) => client.verify_notification::<Response>(input, None),
    };
    let _ = typed.as_ref().map_err(ToString::to_string);

    let params = match ReceivedParams::parse(input, charset) {
        Ok(params) => params,
        Err(e) => {
            assert!(!resigned, "a re-signed return does not parse: {e}");
            if input.len() > MAX_INPUT_LEN {
                assert!(matches!(e, ReturnError::TooLarge { .. }), "{e:?}");
            }
            assert!(!matches!(e, ReturnError::TooLarge { .. }) || input.len() > MAX_INPUT_LEN);
            match typed.err() {
                // Bytes not valid in the client's charset but valid in the
                // other, with no charset received: the error says so.
                Some(ServiceError::Return(ReturnError::CharsetMismatch { valid_in, .. })) => {
                    assert!(matches!(declared, Ok(None)));
                    assert!(ReceivedParams::parse(input, valid_in).is_ok());
                }
                // The same, with a charset received: the error names it.
                Some(ServiceError::Return(ReturnError::DeclaredCharsetMismatch {
                    declared: d,
                    valid_in,
                    ..
                })) => {
                    assert_eq!(declared, Ok(Some(d)));
                    assert!(ReceivedParams::parse(input, valid_in).is_ok());
                }
                Some(ServiceError::Return(ReturnError::ParamsAfterFragment { fragment })) => {
                    assert!(std::str::from_utf8(input)
                        .is_ok_and(|text| text.contains(fragment.as_str())));
                }
                other => assert_eq!(other, Some(ServiceError::Return(e))),
            }
            return;
        }
    };
    assert!(input.len() <= MAX_INPUT_LEN);
    for (i, (name, value)) in params.iter().enumerate() {
        assert!(!name.is_empty());
        assert!(
            params.iter().take(i).all(|(other, _)| other != name),
            "`{name}` received twice"
        );
        assert_eq!(params.get(name), Some(value));
    }

    let expected = params.signing_string(charset);
    // Built from the received bytes, it has the text that encoding the
    // decoded text again gives, whenever that text can be encoded; its
    // bytes read as that text too (they may differ: GBK's 0xA3A0 and 0xA1A1
    // both read U+3000, and the gateway signed the ones it sent).
    let pairs: Vec<(&str, &str)> = params.iter().collect();
    if let Ok(reencoded) = alipay_mapi::signing_string(&pairs, charset) {
        let expected = expected
            .as_ref()
            .expect("the received bytes need no encoding");
        assert_eq!(expected.as_str(), reencoded.as_str());
        assert_eq!(
            charset.decode(expected.as_bytes()).ok().as_deref(),
            Some(reencoded.as_str())
        );
    }
    let sign = params.get("sign");
    let failed = params.get("is_success") == Some("F");
    let received_type = params.get("sign_type").map(str::parse::<SignType>);
    let verified = verify_params(params.clone(), verifier, charset);
    let explained = explain(&params, verifier, charset);
    match (&explained, &expected) {
        (Ok(e), Ok(s)) => {
            assert_eq!(&e.signing_string, s);
            assert_eq!(e.sign_type, configured);
            assert_eq!(e.received_sign.as_deref(), sign);
            assert_eq!(e.matches, e.error.is_none() && sign.is_some());
            for run in e.non_ascii_runs() {
                assert!(!run.text.is_empty() && !run.text.is_ascii());
                assert_eq!(
                    s.as_str().get(run.offset..run.offset + run.text.len()),
                    Some(&*run.text)
                );
            }
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("explain {a:?} but signing_string {b:?}"),
    }

    match &verified {
        Ok(v) => {
            assert!(!failed && sign.is_some());
            assert_eq!(v.sign_type(), configured);
            assert_eq!(Ok(v.signing_string()), expected.as_ref());
            assert_eq!(v.params(), &params);
            assert!(received_type.is_none() || received_type == Some(Ok(configured)));
            assert!(explained.as_ref().is_ok_and(|e| e.matches));
            // Verifying the same parameters again gives the same answer.
            assert_eq!(
                verify_params(v.params().clone(), verifier, charset).as_ref(),
                Ok(v)
            );
        }
        Err(e) => {
            let _ = e.to_string();
            match e {
                ReturnError::TooLarge { .. }
                | ReturnError::Decode(_)
                | ReturnError::DuplicateParameter { .. }
                | ReturnError::CharsetMismatch { .. }
                | ReturnError::DeclaredCharsetMismatch { .. }
                | ReturnError::ParamsAfterFragment { .. }
                | ReturnError::NoVerifier => panic!("{e:?} after the input parsed"),
                ReturnError::NoParameters => assert!(params.is_empty()),
                ReturnError::MissingSign => {
                    assert!(sign.is_none() && !failed && !params.is_empty())
                }
                ReturnError::UnknownSignType(_) => {
                    assert!(matches!(received_type, Some(Err(_))))
                }
                ReturnError::UnexpectedSignType {
                    received,
                    configured: c,
                } => {
                    assert_eq!(*c, configured);
                    assert_ne!(*received, configured);
                    assert_eq!(received_type, Some(Ok(*received)));
                }
                ReturnError::Charset(c) => assert_eq!(expected.as_ref().err(), Some(c)),
                ReturnError::BadSignature {
                    sign_type,
                    signing_string,
                    error,
                    ..
                } => {
                    assert!(!resigned, "a re-signed return does not verify: {e}");
                    assert_eq!(*sign_type, configured);
                    assert_eq!(
                        expected.as_ref().map(SigningString::as_str),
                        Ok(signing_string.as_str())
                    );
                    let explained = explained.as_ref().expect("the signing string was made");
                    assert!(!explained.matches);
                    assert_eq!(explained.error.as_ref(), Some(error));
                    if matches!(error, SignatureError::Malformed { .. }) {
                        assert!(explained.tried.is_empty());
                    }
                }
                ReturnError::Gateway {
                    code,
                    signed,
                    params: p,
                } => {
                    assert!(failed);
                    assert_eq!(**p, params);
                    assert_eq!(code, params.get("error").unwrap_or_default());
                    assert_eq!(*signed, sign.is_some());
                    if *signed {
                        assert!(explained.as_ref().is_ok_and(|e| e.matches));
                    }
                }
                // (ReturnError is non_exhaustive: a variant added later
                // needs its own oracle here.)
                _ => panic!("{e:?}: a refusal this oracle does not know"),
            }
        }
    }

    if resigned && expected.is_ok() {
        // Signed over exactly these parameters with the matching key: only a
        // sign_type the verifier refuses, or the gateway's own failure, stops it.
        match received_type {
            Some(Err(_)) => assert!(matches!(verified, Err(ReturnError::UnknownSignType(_)))),
            Some(Ok(t)) if t != configured => {
                assert!(matches!(
                    verified,
                    Err(ReturnError::UnexpectedSignType { .. })
                ))
            }
            _ if failed => assert!(matches!(
                verified,
                Err(ReturnError::Gateway { signed: true, .. })
            )),
            _ => assert!(verified.is_ok(), "re-signed return refused: {verified:?}"),
        }
    }

    // The typed return agrees with the untyped one.
    match (&verified, typed) {
        (Ok(raw), Ok(value)) => assert_eq!(value.raw(), raw),
        (Ok(_), Err(ServiceError::Field(e))) => {
            let _ = e.to_string();
        }
        (
            Err(ReturnError::Gateway {
                signed, params: p, ..
            }),
            Err(ServiceError::Gateway {
                code,
                signed: s,
                params: q,
            }),
        ) => {
            assert_eq!((signed, p), (&s, &q));
            let _ = code.to_string();
        }
        (Err(e), Err(ServiceError::Return(t)))
            if !matches!(t, ReturnError::ParamsAfterFragment { .. }) =>
        {
            assert_eq!(e, &t)
        }
        // A return URL whose signed parameters follow its `#` is refused as
        // such by the typed path (a URL's text), whatever its query says;
        // the untyped path here reads the parameters as they are.
        (_, Err(ServiceError::Return(ReturnError::ParamsAfterFragment { fragment }))) => {
            assert!(std::str::from_utf8(input).is_ok_and(|text| text.contains(fragment.as_str())));
        }
        (raw, typed) => panic!("untyped {raw:?} but typed {typed:?}"),
    }
}

// ---------------------------------------------------------------------------
// key_loading
// ---------------------------------------------------------------------------

/// Key text or DER, as a user pastes or points at it.
///
/// Every loader runs: `load` of all four key types (and `Md5Key::new`) on the
/// text when it is UTF-8, `from_der` of all four on the bytes. Invariants:
/// nothing panics; a private key that loads signs a fixed message, and its
/// `public_key()` verifies that sign (and refuses it over another message);
/// a public key that loads refuses a well-formed signature it did not make;
/// key sizes are in the documented ranges; whatever `from_der` reads, `load`
/// reads too from its bare base64 (the console's one-line form) — the same
/// key, by the signs it verifies.
pub fn key_loading(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(key) = Md5Key::new(text) {
            round_trip(&Signer::md5(key.clone()), &Verifier::md5(key));
        }
        load_all(text);
    }
    let from_der = (
        RsaPrivateKey::from_der(data),
        RsaPublicKey::from_der(data),
        DsaPrivateKey::from_der(data),
        DsaPublicKey::from_der(data),
    );
    let loaded = [
        from_der.0.is_ok(),
        from_der.1.is_ok(),
        from_der.2.is_ok(),
        from_der.3.is_ok(),
    ];
    assert!(loaded.iter().filter(|ok| **ok).count() <= 1, "{loaded:?}");
    if let Ok(key) = from_der.0 {
        check_rsa_private(&key);
        let again = RsaPrivateKey::load(&base64(data)).expect("the base64 of the DER loads");
        // The same key: it verifies what the DER's key signs.
        let sign = Signer::rsa2(key).sign_message(MESSAGE).expect("signs");
        assert_eq!(
            Verifier::rsa2(again.public_key()).verify_message(MESSAGE, &sign),
            Ok(())
        );
    }
    if let Ok(key) = from_der.1 {
        check_rsa_public(&key);
        let again = RsaPublicKey::load(&base64(data)).expect("the base64 of the DER loads");
        assert_eq!(again.bits(), key.bits());
    }
    if let Ok(key) = from_der.2 {
        check_dsa_private(&key);
        let again = DsaPrivateKey::load(&base64(data)).expect("the base64 of the DER loads");
        let sign = Signer::dsa(again).sign_message(MESSAGE).expect("signs");
        assert_eq!(
            Verifier::dsa(key.public_key()).verify_message(MESSAGE, &sign),
            Ok(())
        );
    }
    if let Ok(key) = from_der.3 {
        check_dsa_public(&key);
        let again = DsaPublicKey::load(&base64(data)).expect("the base64 of the DER loads");
        assert_eq!(again.bits(), key.bits());
    }
}

fn load_all(text: &str) {
    match RsaPrivateKey::load(text) {
        Ok(key) => check_rsa_private(&key),
        Err(e) => check_key_error(&e, text),
    }
    match RsaPublicKey::load(text) {
        Ok(key) => check_rsa_public(&key),
        Err(e) => check_key_error(&e, text),
    }
    match DsaPrivateKey::load(text) {
        Ok(key) => check_dsa_private(&key),
        Err(e) => check_key_error(&e, text),
    }
    match DsaPublicKey::load(text) {
        Ok(key) => check_dsa_public(&key),
        Err(e) => check_key_error(&e, text),
    }
}

/// An error names the kind of key wanted, and never echoes a long run of
/// the input (which could be key material).
fn check_key_error(e: &alipay_mapi::keys::KeyError, text: &str) {
    let message = e.to_string();
    assert!(!e.kind().is_empty());
    assert!(message.contains(e.kind()));
    let _ = format!("{e:?}");
    // Runs of 24 characters or more of the input, save upper-case words
    // (a PEM label is one, and is quoted).
    let words = text.split(|c: char| c.is_whitespace() || c == '-');
    let label = |w: &str| {
        w.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    for word in words.filter(|w| w.len() >= 24 && !label(w)) {
        assert!(!message.contains(word), "the error echoes input: {message}");
    }
}

fn round_trip(signer: &Signer, verifier: &Verifier) {
    let sign = signer
        .sign_message(MESSAGE)
        .unwrap_or_else(|e| panic!("a key that loads signs: {e}"));
    assert_eq!(verifier.verify_message(MESSAGE, &sign), Ok(()));
    assert!(verifier.verify_message(b"another message", &sign).is_err());
    let _ = format!("{signer:?} {verifier:?}");
}

fn check_rsa_private(key: &RsaPrivateKey) {
    assert!((1024..=8192).contains(&key.bits()), "{}", key.bits());
    let public = key.public_key();
    assert_eq!(public.bits(), key.bits());
    round_trip(&Signer::rsa(key.clone()), &Verifier::rsa(public.clone()));
    round_trip(&Signer::rsa2(key.clone()), &Verifier::rsa2(public));
    let _ = format!("{key:?}");
}

fn check_rsa_public(key: &RsaPublicKey) {
    assert!((1024..=8192).contains(&key.bits()), "{}", key.bits());
    let len = key.bits().div_ceil(8);
    // A signature of the modulus' length that this key did not make: the
    // RSA operation runs, and the answer is a mismatch.
    let sign = base64(&vec![0x5a; len]);
    for verifier in [Verifier::rsa(key.clone()), Verifier::rsa2(key.clone())] {
        assert_eq!(
            verifier.verify_message(MESSAGE, &sign),
            Err(SignatureError::Mismatch)
        );
        assert!(matches!(
            verifier.verify_message(MESSAGE, &base64(&vec![1; len + 1])),
            Err(SignatureError::Malformed { .. })
        ));
    }
    let _ = format!("{key:?}");
}

fn check_dsa_private(key: &DsaPrivateKey) {
    let public = key.public_key();
    assert_eq!(public.bits(), key.bits());
    check_dsa_public(&public);
    round_trip(&Signer::dsa(key.clone()), &Verifier::dsa(public));
    let _ = format!("{key:?}");
}

fn check_dsa_public(key: &DsaPublicKey) {
    let sizes = [(1024, 160), (2048, 224), (2048, 256), (3072, 256)];
    assert!(sizes.contains(&key.bits()), "{:?}", key.bits());
    // SEQUENCE { INTEGER 1, INTEGER 1 }: well-formed, in range, not a sign.
    let verifier = Verifier::dsa(key.clone());
    assert_eq!(
        verifier.verify_message(MESSAGE, "MAYCAQECAQE="),
        Err(SignatureError::Mismatch)
    );
    let _ = format!("{key:?}");
}

// ---------------------------------------------------------------------------
// table_parser
// ---------------------------------------------------------------------------

/// A document of an interface, or the tables of one (UTF-8, else decoded
/// lossily), through every parser and the macro.
///
/// `parse_document`, `parse_and_check("x.y", …)`, `parse_table` of each
/// kind, `parse_error_table`; then `expand` of `#[alipay_service("x.y",
/// request = "…")]` with the text as the literal — split on NUL into
/// `request`, `response`, `notify`, `errors` when it has NULs.
///
/// Invariants: nothing panics; every `Err` has a diagnostic, each with a line
/// of the text (when it has one) and a `Display`; `parse_and_check` fails when
/// `parse_document` does; `parse_table(Errors)` is refused; `expand` returns
/// the module, with a `compile_error!` in front exactly when `parse_inline` +
/// `check` of the same strings fail.
pub fn table_parser(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let lines = line_count(text);
    let options = Options::default();

    let document = parse_document(text);
    check_diagnostics(document.as_ref().err(), lines);
    let checked = parse_and_check("x.y", text, &options);
    check_diagnostics(checked.as_ref().err(), lines);
    if document.is_err() {
        assert!(checked.is_err());
    }
    if let Ok(interface) = &checked {
        assert_eq!(interface.service, "x.y");
    }
    for kind in [TableKind::Request, TableKind::Response, TableKind::Notify] {
        check_diagnostics(parse_table(text, kind).as_ref().err(), lines);
    }
    assert!(parse_table(text, TableKind::Errors).is_err());
    check_diagnostics(parse_error_table(text).as_ref().err(), lines);

    // The macro, with the text as inline tables.
    let mut pieces = text.splitn(4, '\0');
    let tables: [Option<&str>; 4] = [pieces.next(), pieces.next(), pieces.next(), pieces.next()];
    let mut attr = vec![TokenTree::Literal(Literal::string("x.y"))];
    for (name, table) in ["request", "response", "notify", "errors"]
        .into_iter()
        .zip(tables)
    {
        let Some(table) = table else { continue };
        attr.push(TokenTree::Punct(Punct::new(',', Spacing::Alone)));
        attr.push(TokenTree::Ident(Ident::new(name, Span::call_site())));
        attr.push(TokenTree::Punct(Punct::new('=', Spacing::Alone)));
        attr.push(TokenTree::Literal(Literal::string(table)));
    }
    let item: TokenStream = "pub mod m {}".parse().expect("a module parses");
    let expanded = alipay_mapi_codegen::expand(attr.into_iter().collect(), item, None);
    let [request, response, notify, errors] = tables;
    let expected = parse_inline(request, response, notify, errors)
        .and_then(|document| check("x.y", document, &options));
    let top: Vec<TokenTree> = expanded.into_iter().collect();
    let has_error = top
        .iter()
        .any(|t| matches!(t, TokenTree::Ident(i) if i == "compile_error"));
    assert_eq!(
        has_error,
        expected.is_err(),
        "expand and parse_inline + check disagree: {expected:?}"
    );
    // The module itself is always there: `pub mod m { … }`.
    let module = top.windows(3).any(|w| match w {
        [TokenTree::Ident(kw), TokenTree::Ident(name), TokenTree::Group(g)] => {
            kw == "mod" && name == "m" && g.delimiter() == Delimiter::Brace
        }
        _ => false,
    });
    assert!(module, "expand did not return the module");
}

/// How many lines the parser may name: `\n`, `\r\n` and a lone `\r` end one.
fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut lines = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines += 1;
        }
    }
    lines
}

fn check_diagnostics(diags: Option<&Vec<Diagnostic>>, lines: usize) {
    let Some(diags) = diags else { return };
    assert!(!diags.is_empty(), "an error without a diagnostic");
    for d in diags {
        assert!(!d.message.is_empty());
        if let Some(line) = d.line {
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {d}");
        }
        let _ = d.to_string();
    }
}

// ---------------------------------------------------------------------------
// signing_string
// ---------------------------------------------------------------------------

/// A parameter list: the first byte picks the charset (as for
/// return_verification), the rest (UTF-8, else decoded lossily) is split on
/// NUL into pairs, each split at its first `=` into name and value.
///
/// Invariants: the signing string does not depend on the order of the list;
/// it is the list without `sign`, `sign_type` and empty values, sorted by
/// name, joined with `&` and `=`; its bytes are its text in the charset;
/// `SigningStringBuilder` fed the sorted list gives the same; `sign_params`
/// refuses empty names, base-parameter names and names given twice (whatever
/// the values), and what it signs parses back from its URL, as the same
/// parameters, and verifies with the MD5 key.
pub fn signing_string(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let charset = charset_of(selector);
    let text = String::from_utf8_lossy(rest);
    let params: Vec<(&str, &str)> = text
        .split('\0')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect();
    let reversed: Vec<(&str, &str)> = params.iter().rev().copied().collect();

    let made = alipay_mapi::signing_string(&params, charset);
    assert_eq!(made, alipay_mapi::signing_string(&reversed, charset));

    // The rule, written out.
    let mut signed: Vec<(&str, &str)> = params
        .iter()
        .copied()
        .filter(|(name, value)| !value.is_empty() && *name != "sign" && *name != "sign_type")
        .collect();
    signed.sort();
    let joined = signed
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&");

    let mut sorted = params.clone();
    sorted.sort();
    let mut builder = SigningStringBuilder::with_capacity(charset, 0);
    let built = sorted
        .iter()
        .try_for_each(|(name, value)| builder.push(name, value))
        .map(|()| builder.finish());

    match &made {
        Ok(s) => {
            assert_eq!(s.as_str(), joined);
            assert_eq!(s.charset(), charset);
            assert_eq!(built.as_ref(), Ok(s));
            let bytes = charset
                .encode("signing string", s.as_str())
                .expect("a signing string that was made encodes");
            assert_eq!(s.as_bytes(), &*bytes);
            // The bytes read back to text with the same bytes. (Not always
            // the same text: GBK encodes some private-use characters, U+E795
            // say, to bytes that decode to their standard twins, U+FE18.)
            let text = charset.decode(s.as_bytes()).expect("the bytes decode");
            assert_eq!(charset.encode("", &text).as_deref(), Ok(s.as_bytes()));
            let plain = signed
                .iter()
                .all(|(n, v)| !n.contains('&') && !v.contains('&'));
            if plain && !s.as_str().is_empty() {
                for pair in s.as_str().split('&') {
                    let (name, value) = pair.split_once('=').expect("a pair has its `=`");
                    assert!(name != "sign" && name != "sign_type", "{pair}");
                    assert!(!value.is_empty(), "{pair}");
                }
            }
        }
        Err(e) => {
            assert!(built.is_err());
            assert!(
                signed
                    .iter()
                    .any(|(name, value)| charset.encode(name, name).is_err()
                        || charset.encode(name, value).is_err()),
                "{e}"
            );
        }
    }

    // Signed by a client: refused, or parsed back and verified.
    let verifier = Verifier::md5(md5_key());
    let client = client(charset, &verifier);
    let request = client.sign_params("x.y", &params);
    let base = ["service", "partner", "_input_charset", "sign_type", "sign"];
    let mut refusal = None;
    for (i, (name, _)) in params.iter().enumerate() {
        if name.is_empty() {
            refusal = Some(RequestError::EmptyName);
            break;
        }
        if base.contains(name) {
            refusal = Some(RequestError::ReservedParameter {
                name: (*name).to_owned(),
            });
            break;
        }
        if params.iter().take(i).any(|(other, _)| other == name) {
            refusal = Some(RequestError::DuplicateParameter {
                name: (*name).to_owned(),
            });
            break;
        }
    }
    let request = match (request, refusal) {
        (Err(e), Some(expected)) => {
            assert_eq!(e, expected);
            return;
        }
        (Err(RequestError::Charset(_)), None) => {
            assert!(made.is_err());
            return;
        }
        (Ok(request), None) => request,
        (got, expected) => panic!("sign_params gave {got:?}, expected {expected:?}"),
    };
    let mut all: Vec<(&str, &str)> = vec![
        ("_input_charset", charset.as_str()),
        ("partner", PARTNER),
        ("service", "x.y"),
    ];
    all.extend(params.iter().copied());
    assert_eq!(
        Ok(request.signing_string()),
        alipay_mapi::signing_string(&all, charset).as_ref()
    );
    let _ = request.form(Method::Post);
    let url = request.url();
    if url.len() > MAX_INPUT_LEN {
        return;
    }
    let received = ReceivedParams::parse(url.as_bytes(), charset)
        .unwrap_or_else(|e| panic!("the signed URL does not parse: {e}\n{url}"));
    // The same parameters came back (as bytes in the charset, see above).
    let encoded = |pairs: &[(String, String)]| -> Vec<(Vec<u8>, Vec<u8>)> {
        pairs
            .iter()
            .map(|(n, v)| {
                let bytes = |s: &str| charset.encode(n, s).map(|b| b.into_owned());
                (bytes(n).expect("encodes"), bytes(v).expect("encodes"))
            })
            .collect()
    };
    assert_eq!(
        encoded(&received.clone().into_vec()),
        encoded(request.params())
    );
    match verify_params(received, &verifier, charset) {
        Ok(verified) => assert_eq!(
            verified.signing_string().as_bytes(),
            request.signing_string().as_bytes()
        ),
        Err(ReturnError::Gateway { signed: true, .. })
            if request.param("is_success") == Some("F") => {}
        Err(e) => panic!("the signed URL does not verify: {e}\n{url}"),
    }
}

/// A server call's XML answer body, as the gateway (or anything between)
/// sends it.
///
/// The first byte picks: bits 0–1 the client's charset (the signing
/// string's when the answer's encoding is none of the gateway's), bits 2–3
/// the verifier (as for `return_verification`), bit 4 the sign policy
/// `Require` (else `IfPresent`). The rest is the body, read as one that
/// came without headers (no declaration: UTF-8).
///
/// Invariants: nothing panics; `XmlAnswer::parse_with_content_type` and
/// `Client::read_answer_untyped` agree (a charset error stays a charset
/// error, an XML error an XML error); the typed `Client::read_answer`
/// agrees with the untyped read (the same answer, signing string and
/// `<response>`, or the same error); a signed answer checks out over the
/// signing string of exactly its `signed_params`; an answer that
/// parsed, written again by `gateway_side::xml_answer` and signed with the
/// matching key, parses to the same tree and verifies under `Require`.
pub fn xml_answer(data: &[u8]) {
    use alipay_mapi::answer::{AnswerError, XmlAnswer};
    use alipay_mapi::call::{CallError, SignPolicy};
    use alipay_mapi::gateway_side;

    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let charset = charset_of(selector);
    let sign_type = SIGN_TYPES[usize::from((selector >> 2) & 3)];
    let (signer, verifier) = gateway(sign_type);
    let policy = if selector & 0x10 != 0 {
        SignPolicy::Require
    } else {
        SignPolicy::IfPresent
    };
    let client = client(charset, verifier).with_sign_policy(policy);
    // As the client reads a body that came without headers.
    let parsed = XmlAnswer::parse_with_content_type(body, None);
    let read =
        client.read_answer_untyped(&alipay_mapi::transport::http::Response::new(body.to_vec()));
    if let Err(e) = &read {
        let _ = e.to_string();
    }
    typed_agrees(&client, body, &read);
    let answer = match parsed {
        Err(e) => {
            let _ = e.to_string();
            match (&e, &read) {
                (AnswerError::Charset { .. }, Err(CallError::Charset { .. }))
                | (AnswerError::Xml { .. }, Err(CallError::Xml { .. })) => {}
                _ => panic!("parse says {e:?}, the client {read:?}"),
            }
            return;
        }
        Ok(answer) => answer,
    };
    // Every leaf the sign covers is a leaf of <response>.
    let signed = answer.signed_params();
    if let Some(response) = answer.response() {
        assert_eq!(response.name(), "response");
    } else {
        assert!(signed.is_empty());
    }
    match &read {
        Ok((checked, string)) => {
            assert_eq!(checked, &answer);
            assert!(answer.is_success());
            match string {
                Some(s) => {
                    let cs = answer.charset().unwrap_or(charset);
                    let expected = alipay_mapi::signing_string(&signed, cs)
                        .expect("a verified signing string was made");
                    assert_eq!(s, &expected);
                    assert!(answer.sign().is_some_and(|s| !s.is_empty()));
                }
                None => {
                    assert!(answer.sign().is_none_or(str::is_empty));
                    assert_ne!(policy, SignPolicy::Require);
                }
            }
        }
        Err(CallError::Gateway { code, answer: a }) => {
            assert!(!answer.is_success());
            assert_eq!(code, answer.error().unwrap_or_default());
            assert_eq!(**a, answer);
        }
        Err(CallError::Signature(_)) => {}
        Err(other) => panic!("{other:?} after the answer parsed"),
    }

    // Written again by the gateway side, signed with the matching key.
    let Some(view) = answer.response() else {
        return;
    };
    // The owned copy, and the same tree made again from it, are the view's.
    let response = view.to_element();
    assert_eq!(view, response);
    assert_eq!(alipay_mapi::XmlTree::from_element(&response).root(), view);
    let has_cr = |e: &alipay_mapi::XmlElement| {
        fn walk(e: &alipay_mapi::XmlElement) -> bool {
            e.text.contains('\r') || e.children.iter().any(walk)
        }
        walk(e)
    };
    if has_cr(&response) {
        return; // XML turns \r\n into \n: no round trip to compare.
    }
    let request: Vec<(&str, &str)> = answer.request_params().collect();
    let Ok(rebuilt) = gateway_side::xml_answer(Some(signer), charset, &request, &response) else {
        return; // a value GBK cannot encode
    };
    let again = XmlAnswer::parse(&rebuilt, charset).expect("a written answer parses");
    assert_eq!(again.response().map(|r| r.to_element()), Some(response));
    let plain = |t: &str| !t.contains(['\r', '\n', '\t']);
    if request.iter().all(|(n, v)| plain(n) && !v.contains('\r')) {
        // (Attribute values have their whitespace normalised by XML.)
        assert_eq!(again.request_params().collect::<Vec<_>>(), request);
    }
    let strict = client.clone().with_sign_policy(SignPolicy::Require);
    let checked = strict.read_answer_untyped(&alipay_mapi::transport::http::Response::new(rebuilt));
    assert!(
        checked.is_ok(),
        "a re-signed answer is refused: {checked:?}"
    );
}

/// `<response>` as a typed read viewed it: every name, text and child.
#[derive(Debug)]
struct Everything(alipay_mapi::XmlElement);

static EVERYTHING: alipay_mapi::ServiceSpec = alipay_mapi::ServiceSpec {
    service: "single_trade_query",
    request: &[],
    response: None,
    notify: None,
    errors: &[],
    length_rule: alipay_mapi::validate::LengthRule::GbkWidth,
    answer: Some(&[]),
    access: alipay_mapi::Access::Server,
    one_of: &[],
    either: &[],
};

impl alipay_mapi::ServiceAnswer for Everything {
    type ErrorCode = String;
    const SPEC: &'static alipay_mapi::ServiceSpec = &EVERYTHING;
    const FIELDS: &'static [alipay_mapi::FieldSpec] = &[];
    fn from_response(
        response: alipay_mapi::XmlElementRef<'_>,
    ) -> Result<Self, alipay_mapi::FieldError> {
        Ok(Everything(response.to_element()))
    }
}

/// The typed read (`read_answer`), which checks and types the usual answer
/// without the tree the untyped one builds, says what the untyped read
/// (`read`) said: the same answer, signing string and `<response>`, or the
/// same error.
fn typed_agrees(
    client: &Client,
    body: &[u8],
    read: &Result<(alipay_mapi::XmlAnswer, Option<SigningString>), alipay_mapi::CallError<String>>,
) {
    let response = alipay_mapi::transport::http::Response::new(body.to_vec());
    let typed = client.read_answer::<Everything>(&response);
    match (&typed, read) {
        (Ok(typed), Ok((answer, string))) => {
            assert_eq!(typed.answer(), answer);
            assert_eq!(typed.signing_string(), string.as_ref());
            if let Some(response) = answer.response() {
                assert_eq!(typed.value().0, response.to_element());
                assert_eq!(typed.response(), Some(response));
            }
        }
        (Err(typed), Err(untyped)) => assert_eq!(typed.to_string(), untyped.to_string()),
        (typed, untyped) => panic!("typed {typed:?}, untyped {untyped:?}"),
    }
}

/// A notification's raw form body and its Content-Type, as a web server
/// hands them over.
///
/// The first byte picks: bits 0–1 the client's charset, bits 2–3 the
/// Content-Type (none, `charset=utf-8`, `charset=GBK`, `charset=latin1`),
/// bit 4 "re-sign" (the parameters that parsed, signed again by
/// `gateway_side::notification_body` with the MD5 key). The rest is the body.
///
/// Invariants: nothing panics; the charset is the body's `_input_charset` /
/// `charset`, then the Content-Type's, then the client's, and the result is
/// `verify_params` of the body parsed in it; `CharsetMismatch` only when
/// nothing declared a charset and the bytes do parse in the other one,
/// `DeclaredCharsetMismatch` the same when something did; the typed
/// `verify_notification` agrees; a re-signed body verifies (or is the
/// gateway's signed failure).
pub fn notification_body(data: &[u8]) {
    use alipay_mapi::gateway_side;
    use alipay_mapi::verify::{content_type_charset, received_charset};

    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let charset = charset_of(selector);
    let content_type = match (selector >> 2) & 3 {
        0 => None,
        1 => Some("application/x-www-form-urlencoded; charset=utf-8"),
        2 => Some("application/x-www-form-urlencoded; charset=GBK"),
        _ => Some("application/x-www-form-urlencoded; charset=latin1"),
    };
    let (signer, verifier) = gateway(SignType::Md5);
    let client = client(charset, verifier);
    let result = client.verify_notification_params(body, content_type);
    if let Err(e) = &result {
        let _ = e.to_string();
    }
    let typed = client.verify_notification::<Response>(body, content_type);
    match (&result, &typed) {
        (Ok(raw), Ok(value)) => assert_eq!(value.raw(), raw),
        (Ok(_), Err(ServiceError::Field(_))) => {}
        (Err(ReturnError::Gateway { .. }), Err(ServiceError::Gateway { .. })) => {}
        (Err(e), Err(ServiceError::Return(t))) => assert_eq!(e, t),
        (a, b) => panic!("untyped {a:?}, typed {b:?}"),
    }

    // The charset rule, written out.
    let declared = match received_charset(body) {
        Ok(Some(c)) => Some(c),
        Ok(None) => match content_type.map(content_type_charset) {
            None | Some(Ok(None)) => None,
            Some(Ok(Some(c))) => Some(c),
            Some(Err(e)) => {
                assert_eq!(result.as_ref().err(), Some(&e));
                return;
            }
        },
        Err(e) => {
            assert_eq!(result.as_ref().err(), Some(&e));
            return;
        }
    };
    let used = declared.unwrap_or(charset);
    let params = match ReceivedParams::parse(body, used) {
        Ok(params) => params,
        Err(e) => {
            match &result {
                Err(ReturnError::CharsetMismatch { valid_in, .. }) => {
                    assert!(declared.is_none());
                    assert!(ReceivedParams::parse(body, *valid_in).is_ok());
                }
                Err(ReturnError::DeclaredCharsetMismatch {
                    declared: d,
                    valid_in,
                    ..
                }) => {
                    assert_eq!(declared, Some(*d));
                    assert!(ReceivedParams::parse(body, *valid_in).is_ok());
                }
                other => assert_eq!(other.as_ref().err(), Some(&e)),
            }
            return;
        }
    };
    assert_eq!(result, verify_params(params.clone(), verifier, used));

    if selector & 0x10 == 0 {
        return;
    }
    let pairs: Vec<(String, String)> = params
        .into_vec()
        .into_iter()
        .filter(|(n, _)| n != "sign" && n != "sign_type")
        .collect();
    let Ok(resigned) = gateway_side::notification_body(signer, used, &pairs) else {
        return;
    };
    if resigned.len() > MAX_INPUT_LEN {
        return;
    }
    let again = client.verify_notification_params(&resigned, content_type);
    let failed = pairs.iter().any(|(n, v)| n == "is_success" && v == "F");
    match again {
        Ok(v) => assert!(!failed && v.params().len() == pairs.len() + 2),
        Err(ReturnError::Gateway { signed: true, .. }) => assert!(failed),
        Err(e) => panic!("a re-signed notification is refused: {e:?}"),
    }
}

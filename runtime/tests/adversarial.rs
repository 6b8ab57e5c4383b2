//! What arrives from the network is hostile until verified. Each case here
//! fails if the protection it pins is removed. MD5 signs are from Python's
//! hashlib; DSA signatures from OpenSSL (fixtures/README.md).
#![cfg(all(feature = "md5", feature = "dsa"))]

use alipay_mapi_runtime::keys::{DsaPublicKey, Md5Key};
use alipay_mapi_runtime::{
    Charset, Client, DecodeError, ReceivedParams, ReturnError, SignType, SignatureError, Signer,
    Verifier, MAX_INPUT_LEN,
};
use base64::Engine as _;

const KEY: &str = "10000000000000000000000000000000";
/// hashlib.md5(b"a=1&b=2" + KEY)
const SIGN_A1_B2: &str = "be93a5d07878a44c4cd1372c6303a68d";

fn md5_client(charset: Charset) -> Client {
    let key = Md5Key::new(KEY).unwrap();
    Client::new("2088002464631181", Signer::md5(key.clone()))
        .unwrap()
        .with_charset(charset)
        .with_verifier(Verifier::md5(key))
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_ten_megabyte_query_is_refused_by_size_before_it_is_parsed() {
    // Invalid percent-encoding everywhere: a parser would report that first.
    let huge = "a=%zz&".repeat(10 * 1024 * 1024 / 6);
    assert_eq!(
        md5_client(Charset::Utf8).verify_return_params(&huge),
        Err(ReturnError::TooLarge {
            len: huge.len(),
            limit: MAX_INPUT_LEN
        })
    );
    let err =
        ReceivedParams::parse_query_and_body(b"a=1", huge.as_bytes(), Charset::Utf8).unwrap_err();
    assert!(matches!(err, ReturnError::TooLarge { .. }));
    // Just under the limit is parsed (and here refused for what it is).
    let under = format!("{}&", "b=1&".repeat((MAX_INPUT_LEN - 1) / 4));
    assert!(matches!(
        md5_client(Charset::Utf8).verify_return_params(&under),
        Err(ReturnError::DuplicateParameter { .. })
    ));
}

#[test]
fn many_parameters_are_fine_but_one_name_twice_is_not() {
    let many: String = (0..5000).map(|i| format!("p{i}=v&")).collect();
    let parsed = ReceivedParams::parse(many.as_bytes(), Charset::Utf8).unwrap();
    assert_eq!(parsed.len(), 5000);
    let twice = format!("{many}p4999=w");
    assert_eq!(
        ReceivedParams::parse(twice.as_bytes(), Charset::Utf8),
        Err(ReturnError::DuplicateParameter {
            name: "p4999".into()
        })
    );
}

#[test]
fn a_name_in_both_the_query_and_the_body_is_refused() {
    let client = md5_client(Charset::Utf8);
    let signed_body = format!("b=2&sign_type=MD5&sign={SIGN_A1_B2}");
    // Split across query and body, the set verifies as one.
    assert!(client
        .verify_query_and_body_params(
            "https://merchant.example/notify?a=1",
            signed_body.as_bytes()
        )
        .is_ok());
    // The same name in both: refused before any signature check.
    assert_eq!(
        client.verify_query_and_body_params(
            "https://merchant.example/notify?a=1&b=3",
            signed_body.as_bytes()
        ),
        Err(ReturnError::DuplicateParameter { name: "b".into() })
    );
    // A parameter added in the query is covered by the signature like the rest.
    assert!(matches!(
        client.verify_query_and_body_params(
            "https://merchant.example/notify?a=1&refund=1",
            signed_body.as_bytes()
        ),
        Err(ReturnError::BadSignature {
            error: SignatureError::Mismatch,
            ..
        })
    ));
}

#[test]
fn invalid_percent_encoding_and_invalid_bytes() {
    for (input, charset) in [
        ("a=%", Charset::Utf8),
        ("a=%2", Charset::Utf8),
        ("a=%GG", Charset::Utf8),
        ("%zz=1", Charset::Gbk),
    ] {
        assert!(
            matches!(
                ReceivedParams::parse(input.as_bytes(), charset),
                Err(ReturnError::Decode(
                    DecodeError::InvalidPercentEncoding { .. }
                ))
            ),
            "{input}"
        );
    }
    // Not UTF-8; a lone GBK lead byte; raw (unencoded) invalid bytes.
    for (input, charset) in [
        (&b"a=%FF%FE"[..], Charset::Utf8),
        (b"a=%C3", Charset::Utf8),
        (b"a=%81", Charset::Gbk),
        (b"a=\xff", Charset::Utf8),
    ] {
        assert!(
            matches!(
                ReceivedParams::parse(input, charset),
                Err(ReturnError::Decode(DecodeError::Charset(_)))
            ),
            "{input:?}"
        );
    }
}

fn dsa_client() -> Client {
    let gateway = DsaPublicKey::load(&fixture("dsa1024.pub.pem")).unwrap();
    md5_client(Charset::Utf8).with_verifier(Verifier::dsa(gateway))
}

fn dsa_return(sign_der: &[u8]) -> String {
    let sign = base64::engine::general_purpose::STANDARD.encode(sign_der);
    let sign = sign
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    format!("is_success=T&sns_user_id=id20110923456789&sign_type=DSA&sign={sign}")
}

#[test]
fn dsa_signatures_must_be_strict_der_with_r_and_s_in_range() {
    let der = base64::engine::general_purpose::STANDARD
        .decode(fixture("return.dsa.sig.b64").trim())
        .unwrap();
    assert!(dsa_client().verify_return_params(&dsa_return(&der)).is_ok());

    // The fixture is SEQUENCE(45) { INTEGER(21) r, INTEGER(20) s }.
    assert_eq!((der[0], der[1], der[2], der[3]), (0x30, 45, 0x02, 21));
    let r = &der[4..25];
    let s = &der[27..];
    let encode = |r: &[u8], s: &[u8]| {
        let mut body = vec![0x02, r.len() as u8];
        body.extend_from_slice(r);
        body.extend_from_slice(&[0x02, s.len() as u8]);
        body.extend_from_slice(s);
        let mut out = vec![0x30, body.len() as u8];
        out.extend(body);
        out
    };
    assert_eq!(encode(r, s), der);

    let malformed = |sig: Vec<u8>| match dsa_client().verify_return_params(&dsa_return(&sig)) {
        Err(ReturnError::BadSignature {
            error: SignatureError::Malformed { .. },
            ..
        }) => {}
        other => panic!("{sig:02x?}: {other:?}"),
    };
    // A superfluous leading zero on s (non-minimal INTEGER).
    let mut padded_s = vec![0];
    padded_s.extend_from_slice(s);
    malformed(encode(r, &padded_s));
    // A long-form length where the short form fits (non-minimal length).
    let mut long_len = vec![0x30, 0x81, 45];
    long_len.extend_from_slice(&der[2..]);
    malformed(long_len);
    // Trailing bytes after the SEQUENCE.
    let mut trailing = der.clone();
    trailing.push(0);
    malformed(trailing);
    // r negative (its leading zero dropped), and r = 0.
    malformed(encode(&r[1..], s));
    malformed(encode(&[0], s));
    // r above q: the shape of another key's signature, refused as a mismatch.
    let mut big = vec![0];
    big.extend_from_slice(&[0xff; 20]);
    assert!(matches!(
        dsa_client().verify_return_params(&dsa_return(&encode(&big, s))),
        Err(ReturnError::BadSignature {
            sign_type: SignType::Dsa,
            error: SignatureError::Mismatch,
            ..
        })
    ));
}

#[test]
fn a_sign_type_the_verifier_was_not_configured_for_is_refused() {
    // The sign is a real MD5 sign with the merchant's MD5 key, but the client
    // checks the gateway's DSA signatures: no downgrade to MD5.
    let md5_signed = format!("a=1&b=2&sign_type=MD5&sign={SIGN_A1_B2}");
    assert!(md5_client(Charset::Utf8)
        .verify_return_params(&md5_signed)
        .is_ok());
    assert_eq!(
        dsa_client().verify_return_params(&md5_signed),
        Err(ReturnError::UnexpectedSignType {
            received: SignType::Md5,
            configured: SignType::Dsa
        })
    );
    // Without a sign_type the configured one is assumed: the MD5 hex is not a
    // DSA signature.
    let untyped = format!("a=1&b=2&sign={SIGN_A1_B2}");
    assert!(matches!(
        dsa_client().verify_return_params(&untyped),
        Err(ReturnError::BadSignature {
            sign_type: SignType::Dsa,
            error: SignatureError::Malformed { .. },
            ..
        })
    ));
}

#[test]
fn the_space_for_plus_repair_touches_the_sign_only_and_not_md5() {
    // hashlib.md5(b"a=1&b=2" + KEY) is hex: a space in it is not repaired.
    let spaced = format!("a=1&b=2&sign={}+", &SIGN_A1_B2[..31]);
    assert!(matches!(
        md5_client(Charset::Utf8).verify_return_params(&spaced),
        Err(ReturnError::BadSignature {
            error: SignatureError::Malformed { .. },
            ..
        })
    ));
    // In a value, `+` stays a space and is signed as one: a sign over "1+2"
    // does not verify "1 2".
    let plus_in_value = format!("a=1+2&b=2&sign={SIGN_A1_B2}");
    let err = md5_client(Charset::Utf8)
        .verify_return_params(&plus_in_value)
        .unwrap_err();
    assert!(
        matches!(&err, ReturnError::BadSignature { signing_string, .. } if signing_string == "a=1 2&b=2"),
        "{err:?}"
    );
}

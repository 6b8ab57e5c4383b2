//! End to end through the declared `sns.cae.sign.customer`: build a request,
//! validate, sign (MD5 and DSA), build the URL and the form; verify returns
//! into the typed `Response` and failures into `ErrorCode`.
//!
//! Signs of the "gateway" come from other implementations: OpenSSL for DSA
//! (runtime/tests/fixtures/README.md), Python's hashlib for MD5.
#![cfg(all(feature = "md5", feature = "dsa"))]

use alipay_mapi::keys::{DsaPrivateKey, DsaPublicKey, Md5Key};
use alipay_mapi::validate::Rule;
use alipay_mapi::{
    signing_string, Charset, Client, Method, RequestError, ServiceError, ServiceRequest, Signer,
    Verifier,
};
use alipay_mapi_interfaces::sns_cae_sign_customer::{self as sns, ErrorCode, Request, Response};

const MD5_KEY: &str = "10000000000000000000000000000000";

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/runtime/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn request() -> Request {
    Request {
        return_url: "http://www.test.com/notify/alipay/interface.htm".into(),
        sns_user_id: "id2011103454654656".into(),
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    }
}

fn md5_client() -> Client {
    let key = Md5Key::new(MD5_KEY).unwrap();
    Client::new("2088002464631181", Signer::md5(key.clone()))
        .unwrap()
        .with_verifier(Verifier::md5(key))
}

fn dsa_client() -> Client {
    // The merchant signs with its DSA key; the "gateway" key checks returns.
    let merchant = DsaPrivateKey::load(&fixture("dsa-wrong.pkcs8.pem")).unwrap();
    let gateway = DsaPublicKey::load(&fixture("dsa1024.pub.b64")).unwrap();
    Client::new("2088002464631181", Signer::dsa(merchant))
        .unwrap()
        .with_verifier(Verifier::dsa(gateway))
}

#[test]
fn md5_request_url_and_form() {
    let request = request();
    request.validate().unwrap();
    let signed = md5_client().sign_request(&request).unwrap();
    assert_eq!(
        signed.signing_string().as_str(),
        "_input_charset=utf-8&key=20110511EF39E0403F8F48EF8E02121C9824210F&partner=2088002464631181\
         &return_url=http://www.test.com/notify/alipay/interface.htm&service=sns.cae.sign.customer\
         &sns_user_id=id2011103454654656"
    );
    // hashlib.md5(signing_string + key)
    assert_eq!(signed.sign(), "696e58e2f42208b87cb5fc013fd236a9");
    let url = md5_client().page_url(&request).unwrap();
    assert_eq!(url, signed.url());
    assert!(url.starts_with("https://mapi.alipay.com/gateway.do?_input_charset=utf-8&key=2011"));
    assert!(
        url.contains("&return_url=http%3A%2F%2Fwww.test.com%2Fnotify%2Falipay%2Finterface.htm&")
    );
    assert!(url.ends_with("&sign_type=MD5&sign=696e58e2f42208b87cb5fc013fd236a9"));
    let form = md5_client().page_form(&request, Method::Post).unwrap();
    assert!(
        form.contains("<input type=\"hidden\" name=\"sns_user_id\" value=\"id2011103454654656\"/>")
    );
    assert!(form.contains("?_input_charset=utf-8\" method=\"post\""));
}

#[test]
fn dsa_request_verifies_with_the_merchant_public_key() {
    let signed = dsa_client().sign_request(&request()).unwrap();
    assert_eq!(signed.param("sign_type"), Some("DSA"));
    let public = DsaPublicKey::load(&fixture("dsa-wrong.pub.pem")).unwrap();
    Verifier::dsa(public)
        .verify(signed.signing_string(), signed.sign())
        .unwrap();
    let url = signed.url();
    // The one-buffer URL carries the same parameters and a sign that
    // verifies (DSA signs may be randomized, so not the same sign).
    let page_url = dsa_client().page_url(&request()).unwrap();
    let (prefix, _) = url.split_once("&sign=").unwrap();
    assert!(page_url.starts_with(&format!("{prefix}&sign=")));
    let received = alipay_mapi::ReceivedParams::parse(page_url.as_bytes(), Charset::Utf8).unwrap();
    let public = DsaPublicKey::load(&fixture("dsa-wrong.pub.pem")).unwrap();
    alipay_mapi::verify_params(received, &Verifier::dsa(public), Charset::Utf8).unwrap();
    assert!(url.contains("&sign_type=DSA&sign=MC"));
    // base64's `+`, `/`, `=` are percent-encoded in the URL.
    let sign_in_url = url.rsplit("&sign=").next().unwrap();
    assert!(!sign_in_url.contains(['+', '/', '=']));
}

#[test]
fn an_over_long_user_id_is_refused_before_signing() {
    let mut request = request();
    request.sns_user_id = "x".repeat(51);
    request.return_url = String::new();
    let violations = request.validate().unwrap_err();
    assert_eq!(violations.len(), 2, "every violation at once: {violations}");
    assert_eq!(
        violations.field("sns_user_id").map(|v| &v.rule),
        Some(&Rule::TooLong {
            max: 50,
            actual: 51,
            rule: alipay_mapi::validate::LengthRule::GbkWidth
        })
    );
    assert_eq!(
        violations.field("return_url").map(|v| &v.rule),
        Some(&Rule::Required)
    );
    match md5_client().page_url(&request) {
        Err(RequestError::Invalid(v)) => assert_eq!(v, violations),
        other => panic!("{other:?}"),
    }
    // 25 Chinese characters are 50 wide: allowed. 26 are not.
    request.return_url = "https://merchant.example/r".into();
    request.sns_user_id = "用".repeat(25);
    assert!(request.validate().is_ok());
    request.sns_user_id = "用".repeat(26);
    assert!(request.validate().is_err());
}

#[test]
fn a_gateway_return_signed_with_dsa_becomes_a_typed_response() {
    let sign = fixture("return.dsa.sig.b64");
    let sign = sign
        .trim()
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    let url = format!(
        "http://www.test.com/notify/alipay/interface.htm?is_success=T&sign_type=DSA&sign={sign}&sns_user_id=id20110923456789"
    );
    let verified = dsa_client().verify_return::<Response>(&url).unwrap();
    assert_eq!(
        verified.value(),
        &Response {
            sns_user_id: "id20110923456789".into()
        }
    );
    assert_eq!(verified.sns_user_id, "id20110923456789");
    assert_eq!(verified.undeclared().count(), 0);
    // The seed's own sample sign is not the test gateway's: a mismatch.
    let sample = "http://www.alipay.com/api/apireceive/returnDisplay.php?is_success=T&sign_type=DSA&sign=MC4CFQCTPnn5AFV8S%2FcpP50WF6OrTKoqGAIVAKGynG39xYzhPohCvaeCZ1%2F2I7MK&sns_user_id=id20110923456789";
    let err = dsa_client().verify_return::<Response>(sample).unwrap_err();
    assert!(err.to_string().starts_with(
        "signature does not match the gateway public key you configured (it must be the gateway's, not your own key's public half) (sign_type DSA"
    ));
}

#[test]
fn undeclared_returned_parameters_are_kept_beside_the_value() {
    // hashlib.md5(b"is_success=T&memo=extra&sns_user_id=id20110923456789" + key)
    let url = "is_success=T&memo=extra&sns_user_id=id20110923456789&sign_type=MD5&sign=cdbb01b301fcd0935c13c9e20496b760";
    let verified = md5_client().verify_return::<Response>(url).unwrap();
    assert_eq!(
        verified.undeclared().collect::<Vec<_>>(),
        vec![("memo", "extra")]
    );
}

#[test]
fn failures_become_error_codes() {
    // Unsigned, as the gateway's error page sends it.
    match md5_client().verify_return::<Response>("is_success=F&error=ILLEGAL_SIGN") {
        Err(ServiceError::Gateway { code, signed, .. }) => {
            assert_eq!(code, ErrorCode::IllegalSign);
            assert_eq!(code.meaning(), Some("数字验签失败"));
            assert!(!signed);
        }
        other => panic!("{other:?}"),
    }
    // Signed: hashlib.md5(b"error=ILLEGAL_SIGN&is_success=F" + key).
    let signed =
        "is_success=F&error=ILLEGAL_SIGN&sign_type=MD5&sign=e5ed76650d640f065f1fb3bf8870770b";
    let err = md5_client().verify_return::<Response>(signed).unwrap_err();
    assert!(matches!(
        err,
        ServiceError::Gateway {
            code: ErrorCode::IllegalSign,
            signed: true,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "the gateway reports failure ILLEGAL_SIGN (数字验签失败)"
    );
    // A code the table does not list keeps its text.
    match md5_client().verify_return::<Response>("is_success=F&error=NEW_CODE_2026") {
        Err(ServiceError::Gateway { code, .. }) => {
            assert_eq!(code, ErrorCode::Unknown("NEW_CODE_2026".into()));
            assert_eq!(code.as_str(), "NEW_CODE_2026");
            assert_eq!(code.meaning(), None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_verified_return_missing_a_declared_field_is_a_field_error() {
    // hashlib.md5(b"is_success=T" + key): the signature holds, the field is absent.
    let err = md5_client()
        .verify_return::<Response>("is_success=T&sign=7f05fe098ec2a45a538deddffbca38b5")
        .unwrap_err();
    assert_eq!(
        err,
        ServiceError::Field(alipay_mapi::FieldError::Missing {
            field: "sns_user_id"
        })
    );
    assert_eq!(
        err.to_string(),
        "required parameter `sns_user_id` was not received, or was empty"
    );
}

#[test]
fn every_interface_exposes_its_tables() {
    let spec = alipay_mapi_interfaces::service("sns.cae.sign.customer").unwrap();
    assert_eq!(spec, &sns::SPEC);
    assert_eq!(sns::SERVICE, "sns.cae.sign.customer");
    let names: Vec<_> = spec
        .request
        .iter()
        .map(|f| (f.name, f.max_len, f.nullable))
        .collect();
    assert_eq!(
        names,
        vec![
            ("return_url", Some(200), false),
            ("sns_user_id", Some(50), false),
            ("key", Some(40), false)
        ]
    );
    assert_eq!(spec.response.unwrap().len(), 1);
    assert_eq!(spec.errors.len(), 8);
    assert_eq!(
        spec.error_meaning("ILLEGAL_PARTNER"),
        Some("请求中的partner错误")
    );
    assert_eq!(
        <Request as ServiceRequest>::SPEC.service,
        "sns.cae.sign.customer"
    );
}

mod generated_builder {
    use super::*;
    use alipay_mapi::service::BaseParams;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                proptest::char::range(' ', '~'),
                proptest::char::range('\u{4E00}', '\u{9FA5}'),
            ],
            0..20,
        )
        .prop_map(|c| c.into_iter().collect())
    }

    proptest! {
        /// The compile-time-sorted builder writes the same string, and the
        /// same bytes, as the runtime's generic sort-and-join.
        #[test]
        fn equals_the_generic_signing_string(
            return_url in text(),
            sns_user_id in text(),
            key in text(),
            gbk in any::<bool>(),
        ) {
            let charset = if gbk { Charset::Gbk } else { Charset::Utf8 };
            let request = Request { return_url, sns_user_id, key };
            let base = BaseParams { partner: "2088002464631181", charset };
            let generated = request.signing_string(&base).unwrap();
            let params = request.params(&base);
            let generic = signing_string(&params, charset).unwrap();
            prop_assert_eq!(generated.as_str(), generic.as_str());
            prop_assert_eq!(generated.as_bytes(), generic.as_bytes());
            // params() is in signing order already and drops empty values.
            let mut sorted = params.clone();
            sorted.sort();
            prop_assert_eq!(&sorted, &params);
            prop_assert!(params.iter().all(|(_, v)| !v.is_empty()));
        }
    }
}

#[test]
fn a_genuine_return_of_another_interface_is_not_this_interfaces_response() {
    // Really signed by the gateway's key (hashlib, MD5) — for a payment's
    // return, not for this interface. It verifies, but is not a Response.
    let other = "is_success=T&out_trade_no=6843192280647118&trade_status=TRADE_SUCCESS\
                 &sign_type=MD5&sign=d320a66adda5d6bc9bf0fa8ee298252c";
    assert!(md5_client().verify_return_params(other).is_ok());
    assert_eq!(
        md5_client().verify_return::<Response>(other).unwrap_err(),
        ServiceError::Field(alipay_mapi::FieldError::Missing {
            field: "sns_user_id"
        })
    );
}

//! Every declared service of the catalogue, end to end:
//!
//! - its request, built from the typed `Request` (deserialized from the
//!   example values of its document's request table), validated and signed,
//!   gives the signing string and sign that `vectors/make_vectors.py`
//!   computed independently (Python's hashlib; `openssl` for the RSA order
//!   string of `mobile.securitypay.pay`);
//! - its return and notification, made of the document's example values and
//!   signed by the same script, verify and read into `Response` / `Notify`
//!   with every example value in its typed field;
//! - its error codes round-trip through `ErrorCode`, and an unlisted code
//!   becomes `Unknown`.
//!
//! The vectors' inputs are the documents' examples: each test also checks that
//! every value it signs is the example its table gives, so a document and its
//! vectors cannot drift apart.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use alipay_mapi::call::CallError;
use alipay_mapi::keys::{Md5Key, RsaPrivateKey};
use alipay_mapi::transport::{http, HttpRequest, HttpResponse, TransportError};
use alipay_mapi::variants::{mobile, wap};
use alipay_mapi::{Access, RequestError, ServerRequest, ServiceAnswer};
use alipay_mapi::{
    Charset, Client, FieldSpec, GatewayErrorCode, ServiceRequest, ServiceReturn, ServiceSpec,
    Signer, Verifier,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const VECTORS: &str = include_str!("vectors/vectors.json");

fn vectors() -> &'static Value {
    static V: OnceLock<Value> = OnceLock::new();
    V.get_or_init(|| serde_json::from_str(VECTORS).expect("vectors.json is JSON"))
}

fn vector(service: &str) -> &'static Value {
    vectors()["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .find(|v| v["service"] == service)
        .unwrap_or_else(|| panic!("no vector for {service}: run make_vectors.py"))
}

fn charset(v: &Value) -> Charset {
    v["charset"].as_str().unwrap().parse().unwrap()
}

fn md5_client(v: &Value) -> Client {
    let key = vectors()["md5_key"].as_str().unwrap();
    Client::new(
        vectors()["partner"].as_str().unwrap(),
        Signer::md5(Md5Key::new(key).unwrap()),
    )
    .unwrap()
    .with_charset(charset(v))
    .with_verifier(Verifier::md5(Md5Key::new(key).unwrap()))
}

fn object(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .expect("an object")
        .iter()
        .map(|(k, x)| (k.clone(), x.as_str().expect("a string").to_owned()))
        .collect()
}

/// Every value the vector gives for a table is that row's example, and every
/// row with an example has its value in the vector.
fn same_as_examples(table: &str, fields: &[FieldSpec], values: &BTreeMap<String, String>) {
    for name in values.keys() {
        assert!(
            fields.iter().any(|f| f.name == name),
            "{table}: `{name}` is not a row of the document's table"
        );
    }
    if fields.iter().all(|f| f.example.is_none()) {
        // A layout without an example column (the English two-column one):
        // the vector's values are the project's, checked by the table's
        // types and lengths when the request is validated.
        return;
    }
    for f in fields {
        match (f.example, values.get(f.name)) {
            (Some(example), Some(value)) => assert_eq!(example, value, "{table} `{}`", f.name),
            (Some(example), None) => panic!(
                "{table} `{}`: example {example:?} not in the vector",
                f.name
            ),
            (None, Some(value)) => panic!(
                "{table} `{}`: {value:?} has no example in the document",
                f.name
            ),
            (None, None) => {}
        }
    }
}

/// The typed request from the vector's values, validated and signed: the
/// signing string and MD5 sign are the script's.
fn request<R: ServiceRequest + DeserializeOwned>(service: &str) -> R {
    let v = vector(service);
    let values = object(&v["request"]);
    same_as_examples("request", R::SPEC.request, &values);
    let request: R = serde_json::from_value(v["request"].clone())
        .unwrap_or_else(|e| panic!("{service}: the typed Request refuses the examples: {e}"));
    request
        .validate()
        .unwrap_or_else(|e| panic!("{service}: {e}"));
    let client = md5_client(v);
    if v["variant"] == "mobile" {
        // An order string, not a gateway request: the main rule refuses it.
        assert!(matches!(
            client.sign_request(&request),
            Err(RequestError::Variant { .. })
        ));
        return request;
    }
    if v["variant"] == "unsigned" {
        // notify_verify: an unsigned GET made by Client::notify_verify; the
        // main rule refuses to sign it, and points there.
        let refused = client.sign_request(&request).unwrap_err();
        assert!(
            refused.to_string().contains("Client::notify_verify"),
            "{refused}"
        );
        let notify_id = values["notify_id"].as_str();
        let http = client.notify_verify_request(notify_id).unwrap();
        assert_eq!(http.uri().query(), v["query"].as_str(), "{service}");
        return request;
    }
    if v["variant"] == "wap" {
        // WAP 2.0: the sorted string (sec_id in it), no sign_type sent, to
        // the WAP gateway; the main rule refuses the service.
        let refused = client.sign_request(&request).unwrap_err();
        assert!(
            matches!(refused, RequestError::Variant { .. }),
            "{refused:?}"
        );
        assert!(refused.to_string().contains("variants::wap::sign_request"));
        let wap = wap::sign_request(&client, &request).unwrap();
        assert_eq!(
            wap.signing_string().as_str(),
            v["signing_string"],
            "{service}"
        );
        assert_eq!(wap.sign(), v["sign"], "{service}");
        assert!(wap
            .params()
            .iter()
            .any(|(n, value)| n == "service" && value == service));
        assert!(wap.params().iter().all(|(n, _)| n != "sign_type"));
        assert!(wap.url().starts_with(wap::GATEWAY));
        return request;
    }
    let signed = client.sign_request(&request).unwrap();
    assert_eq!(
        signed.signing_string().as_str(),
        v["signing_string"],
        "{service}"
    );
    assert_eq!(signed.sign(), v["sign"], "{service}");
    assert_eq!(signed.param("service"), Some(service));
    request
}

/// Each example value, in the typed field it was read into.
fn typed_values<T: Serialize>(table: &str, value: &T, fields: &[FieldSpec]) {
    let json = serde_json::to_value(value).unwrap();
    for f in fields {
        if let Some(example) = f.example {
            assert_eq!(json[f.name], example, "{table} `{}`", f.name);
        }
    }
}

/// The signed return of the vector, verified and read into `Response`.
fn response<T: ServiceReturn + Serialize>(service: &str) {
    let v = vector(service);
    let query = v["return_query"].as_str().expect("a return_query");
    let fields = T::FIELDS;
    let verified = md5_client(v)
        .verify_return::<T>(query)
        .unwrap_or_else(|e| panic!("{service} return: {e}"));
    typed_values("return", verified.value(), fields);
    // A changed value no longer verifies.
    let forged = query.replacen("is_success=T", "is_success=T&x=1", 1);
    assert!(md5_client(v).verify_return::<T>(&forged).is_err());
}

/// The signed notification of the vector, verified and read into `Notify`.
fn notify<T: ServiceReturn + Serialize>(service: &str) {
    let v = vector(service);
    let body = v["notify_body"].as_str().expect("a notify_body");
    let verified = md5_client(v)
        .verify_notification::<T>(body.as_bytes(), None)
        .unwrap_or_else(|e| panic!("{service} notification: {e}"));
    typed_values("notification", verified.value(), T::FIELDS);
}

/// The typed server call, end to end through `Client::call_blocking` and a
/// transport closure standing in for the gateway: the POSTed body carries the
/// script's sign; the answer (the script's signed XML made of the answer
/// table's examples, or a bare `is_success=T`) reads into `Answer` with every
/// example in its field; a failure answer gives the typed error code.
fn server_call<R>(service: &str)
where
    R: ServerRequest + DeserializeOwned,
    R::Answer: Serialize + std::fmt::Debug,
{
    let v = vector(service);
    let request: R = serde_json::from_value(v["request"].clone()).unwrap();
    let client = md5_client(v);
    let sign = v["sign"].as_str().unwrap().to_owned();
    let body_of = |answer: String| {
        let sign = sign.clone();
        move |req: HttpRequest| -> Result<HttpResponse, TransportError> {
            let body = String::from_utf8(req.body().clone()).unwrap();
            assert!(
                body.split('&').any(|p| p == format!("sign={sign}")),
                "the POSTed body carries the script's sign: {body}"
            );
            Ok(http::Response::builder()
                .status(200)
                .header("content-type", "text/xml")
                .body(answer.clone().into_bytes())
                .unwrap())
        }
    };
    let ok = v["answer_xml"].as_str().map_or_else(
        || {
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success></alipay>"
                .to_owned()
        },
        str::to_owned,
    );
    let answered = client
        .call_blocking(&body_of(ok), &request)
        .unwrap_or_else(|e| panic!("{service} call: {e}"));
    let json = serde_json::to_value(answered.value()).unwrap();
    for f in <R::Answer as ServiceAnswer>::FIELDS {
        if let Some(example) = f.example {
            let mut at = &json;
            for element in f.path {
                at = &at[element.trim_end_matches("[]")];
                // A repeated element: the script renders one.
                if element.ends_with("[]") {
                    at = &at[0];
                }
            }
            assert_eq!(
                at[f.name],
                example,
                "answer `{}.{}`",
                f.path.join("."),
                f.name
            );
        }
    }
    if let Some(want) = v["answer_signing_string"].as_str() {
        assert_eq!(answered.signing_string().map(|s| s.as_str()), Some(want));
    }
    let code = R::SPEC.errors.last().map_or("SYSTEM_ERROR", |e| e.code);
    let failure = format!("<alipay><is_success>F</is_success><error>{code}</error></alipay>");
    match client.call_blocking(&body_of(failure), &request) {
        Err(CallError::Gateway { code: got, .. }) => assert_eq!(got.as_str(), code),
        other => panic!("{service}: a failure answer gave {other:?}"),
    }
}

/// Every code of the table round-trips; an unlisted one is kept as received.
fn errors<E: GatewayErrorCode>(spec: &ServiceSpec) {
    for row in spec.errors {
        let code: E = row.code.parse().unwrap();
        assert_eq!(code.as_str(), row.code);
        assert_eq!(code.meaning(), Some(row.meaning), "{}", row.code);
        assert_eq!(code.to_string(), row.code);
    }
    let unknown: E = "NOT_IN_THE_TABLE".parse().unwrap();
    assert_eq!(unknown.as_str(), "NOT_IN_THE_TABLE");
    assert_eq!(unknown.meaning(), None);
}

#[test]
fn every_declared_service_has_a_vector_and_a_test() {
    let services = alipay_mapi_interfaces::SERVICES;
    assert!(services.len() >= 30, "{} services", services.len());
    for spec in services {
        if spec.service == "sns.cae.sign.customer" || spec.service == "create_direct_pay_by_user" {
            continue; // tested by their own suites (tests/ at the root)
        }
        vector(spec.service);
        assert!(
            TESTED.contains(&spec.service),
            "{} has no test here",
            spec.service
        );
        assert_eq!(alipay_mapi_interfaces::service(spec.service), Some(*spec));
    }
}

#[test]
fn the_wap_notification_is_signed_in_a_fixed_order() {
    use alipay_mapi_interfaces::mobile::alipay_wap_auth_and_execute::Notify;
    let v = vector("alipay.wap.auth.authAndExecute");
    let body = v["notify_body"].as_str().unwrap();
    let verifier = Verifier::md5(Md5Key::new(vectors()["md5_key"].as_str().unwrap()).unwrap());
    let n = wap::verify_notification(body.as_bytes(), &verifier, Charset::Utf8).unwrap();
    assert_eq!(n.signing_string().as_str(), v["notify_signing_string"]);
    let typed: Notify = n.typed().unwrap();
    typed_values("notification", &typed, <Notify as ServiceReturn>::FIELDS);
    assert_eq!(n.notify_data(), typed.notify_data);
    // The main rule (sorted) does not verify it: the order matters. Its
    // refusal says which rule does.
    let refused = md5_client(v)
        .verify_notification_params(body.as_bytes(), None)
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("verify it with variants::wap::verify_notification"),
        "{refused}"
    );
    // A parameter the signature does not cover is refused, not passed on.
    let extra = format!("{body}&notify_id=2");
    assert!(matches!(
        wap::verify_notification(extra.as_bytes(), &verifier, Charset::Utf8),
        Err(wap::WapError::Unsigned(name)) if name == "notify_id"
    ));
    // Another value under the same sign fails.
    let forged = body.replace("%3E1%3C", "%3E2%3C");
    assert!(matches!(
        wap::verify_notification(forged.as_bytes(), &verifier, Charset::Utf8),
        Err(wap::WapError::BadSignature { .. })
    ));
    // sec_id must name the verifier's sign type.
    let rsa = body.replace("sec_id=MD5", "sec_id=0001");
    assert!(matches!(
        wap::verify_notification(rsa.as_bytes(), &verifier, Charset::Utf8),
        Err(wap::WapError::UnexpectedSignType { .. })
    ));
}

#[test]
fn wap_services_are_not_signed_or_sent_by_the_main_rule() {
    use alipay_mapi_interfaces::mobile::{
        alipay_wap_auth_and_execute, alipay_wap_trade_create_direct,
    };
    let page: alipay_wap_auth_and_execute::Request = request("alipay.wap.auth.authAndExecute");
    let v = vector("alipay.wap.auth.authAndExecute");
    let client = md5_client(v);
    assert!(matches!(
        client.page_url(&page),
        Err(RequestError::Variant { .. })
    ));
    assert!(matches!(
        client.page_form(&page, alipay_mapi::Method::Get),
        Err(RequestError::Variant { .. })
    ));
    let server: alipay_wap_trade_create_direct::Request = request("alipay.wap.trade.create.direct");
    assert!(matches!(
        client.server_request(&server),
        Err(RequestError::Variant { .. })
    ));
    // Nothing is sent: the transport is never called.
    let never = |_: HttpRequest| -> Result<HttpResponse, TransportError> {
        panic!("a WAP 2.0 request reached the transport")
    };
    assert!(matches!(
        client.call_blocking(&never, &server),
        Err(CallError::Request(RequestError::Variant { .. }))
    ));
    // Untyped, too.
    assert!(matches!(
        client.sign_params("alipay.wap.trade.create.direct", &[("req_data", "x")]),
        Err(RequestError::Variant { .. })
    ));
    assert!(matches!(
        client.sign_params("mobile.securitypay.pay", &[("subject", "x")]),
        Err(RequestError::Variant { .. })
    ));
}

#[test]
fn a_wap_request_whose_sec_id_disagrees_with_the_signer_is_refused() {
    use alipay_mapi_interfaces::mobile::alipay_wap_trade_create_direct::Request;
    let v = vector("alipay.wap.trade.create.direct");
    let mut request: Request = serde_json::from_value(v["request"].clone()).unwrap();
    request.sec_id = "0001".into();
    assert!(matches!(
        wap::sign_request(&md5_client(v), &request),
        Err(wap::WapError::SecIdMismatch { .. })
    ));
}

#[test]
fn the_app_order_string_matches_openssl() {
    use alipay_mapi_interfaces::mobile::mobile_securitypay_pay::Request;
    let v = vector("mobile.securitypay.pay");
    let request: Request = request("mobile.securitypay.pay");
    let pem = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(vectors()["rsa_key"].as_str().unwrap()),
    )
    .unwrap();
    let client = Client::new(
        vectors()["partner"].as_str().unwrap(),
        Signer::rsa(RsaPrivateKey::load(&pem).unwrap()),
    )
    .unwrap();
    let order = mobile::order_string_for(&client, &request).unwrap();
    assert_eq!(order, v["order_string"]);
    // MD5 is refused for an order string.
    assert!(matches!(
        mobile::order_string_for(&md5_client(v), &request),
        Err(mobile::MobileError::SignType(_))
    ));
}

#[test]
fn create_partner_trade_by_buyer() {
    use alipay_mapi_interfaces::trade::create_partner_trade_by_buyer as m;
    let _: m::Request = request("create_partner_trade_by_buyer");
    response::<m::Response>("create_partner_trade_by_buyer");
    notify::<m::Notify>("create_partner_trade_by_buyer");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn trade_create_by_buyer() {
    use alipay_mapi_interfaces::trade::trade_create_by_buyer as m;
    let _: m::Request = request("trade_create_by_buyer");
    response::<m::Response>("trade_create_by_buyer");
    notify::<m::Notify>("trade_create_by_buyer");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn send_goods_confirm_by_platform() {
    use alipay_mapi_interfaces::trade::send_goods_confirm_by_platform as m;
    let _: m::Request = request("send_goods_confirm_by_platform");
    server_call::<m::Request>("send_goods_confirm_by_platform");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn single_trade_query() {
    use alipay_mapi_interfaces::trade::single_trade_query as m;
    let _: m::Request = request("single_trade_query");
    // The document: trade_no 与 out_trade_no 二选一. Neither, or only
    // empty ones, is a violation; either one is enough.
    assert_eq!(m::SPEC.one_of, [["trade_no", "out_trade_no"]]);
    let neither = m::Request {
        trade_no: Some(String::new()),
        out_trade_no: None,
    };
    let err = neither.validate().unwrap_err();
    assert_eq!(
        err.field("trade_no|out_trade_no").map(|v| v.to_string()),
        Some("one of `trade_no`, `out_trade_no` is required, and none is given".to_owned())
    );
    let by_out = m::Request {
        trade_no: None,
        out_trade_no: Some("6402757654153618".into()),
    };
    by_out.validate().unwrap();
    assert!(m::SPEC.validate_params(&[("trade_no", "")]).is_err());
    assert!(m::SPEC.validate_params(&[("out_trade_no", "1")]).is_ok());
    server_call::<m::Request>("single_trade_query");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn close_trade() {
    use alipay_mapi_interfaces::trade::close_trade as m;
    let _: m::Request = request("close_trade");
    server_call::<m::Request>("close_trade");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn account_page_query() {
    use alipay_mapi_interfaces::trade::account_page_query as m;
    let _: m::Request = request("account.page.query");
    server_call::<m::Request>("account.page.query");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn query_timestamp() {
    use alipay_mapi_interfaces::trade::query_timestamp as m;
    let _: m::Request = request("query_timestamp");
    server_call::<m::Request>("query_timestamp");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn notify_verify() {
    use alipay_mapi_interfaces::trade::notify_verify as m;
    let _: m::Request = request("notify_verify");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_auth_authorize() {
    use alipay_mapi_interfaces::login::alipay_auth_authorize as m;
    let _: m::Request = request("alipay.auth.authorize");
    response::<m::Response>("alipay.auth.authorize");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn user_logistics_address_query() {
    use alipay_mapi_interfaces::login::user_logistics_address_query as m;
    let _: m::Request = request("user.logistics.address.query");
    response::<m::Response>("user.logistics.address.query");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn refund_fastpay_by_platform_pwd() {
    use alipay_mapi_interfaces::refund::refund_fastpay_by_platform_pwd as m;
    let _: m::Request = request("refund_fastpay_by_platform_pwd");
    notify::<m::Notify>("refund_fastpay_by_platform_pwd");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn refund_fastpay_by_platform_nopwd() {
    use alipay_mapi_interfaces::refund::refund_fastpay_by_platform_nopwd as m;
    let _: m::Request = request("refund_fastpay_by_platform_nopwd");
    notify::<m::Notify>("refund_fastpay_by_platform_nopwd");
    server_call::<m::Request>("refund_fastpay_by_platform_nopwd");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn batch_trans_notify() {
    use alipay_mapi_interfaces::batch::batch_trans_notify as m;
    let _: m::Request = request("batch_trans_notify");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_wap_trade_create_direct() {
    use alipay_mapi_interfaces::mobile::alipay_wap_trade_create_direct as m;
    let _: m::Request = request("alipay.wap.trade.create.direct");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_wap_auth_and_execute() {
    use alipay_mapi_interfaces::mobile::alipay_wap_auth_and_execute as m;
    let _: m::Request = request("alipay.wap.auth.authAndExecute");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_wap_create_direct_pay_by_user() {
    use alipay_mapi_interfaces::mobile::alipay_wap_create_direct_pay_by_user as m;
    let _: m::Request = request("alipay.wap.create.direct.pay.by.user");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn mobile_securitypay_pay() {
    use alipay_mapi_interfaces::mobile::mobile_securitypay_pay as m;
    let _: m::Request = request("mobile.securitypay.pay");
    // `访问形式：客户端调用（app SDK）`: an app payment, whose request makes an
    // order string (no page URL or form, no server call: tests/ui/fail).
    assert_eq!(m::SPEC.access, Access::App, "the document's access line");
    fn app_request<R: alipay_mapi::AppRequest>() {}
    app_request::<m::Request>();
    assert_eq!(m::SPEC.response, None, "an app payment has no page return");
    assert_eq!(m::SPEC.answer, None, "an app payment has no XML answer");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_security_risk_detect() {
    use alipay_mapi_interfaces::mobile::alipay_security_risk_detect as m;
    let _: m::Request = request("alipay.security.risk.detect");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn create_forex_trade() {
    use alipay_mapi_interfaces::cross_border::create_forex_trade as m;
    let mut r: m::Request = request("create_forex_trade");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
    // Number(9,2) counts digits, not characters: the documented maximum
    // 1000000.00 passes (10 characters); a third decimal does not.
    r.total_fee = Some("1000000.00".parse().unwrap());
    r.validate().unwrap();
    assert!(m::SPEC
        .validate_params(&[
            ("subject", "x"),
            ("out_trade_no", "1"),
            ("currency", "USD"),
            ("total_fee", "1000000.00")
        ])
        .is_ok());
    r.total_fee = Some("0.001".parse().unwrap());
    let err = r.validate().unwrap_err();
    assert_eq!(
        err.field("total_fee").map(|v| &v.rule),
        Some(&alipay_mapi::validate::Rule::TooManyDecimals { max: 2, actual: 3 })
    );
    // Sent to the international host, where its documentation sends it,
    // unless the client names a gateway.
    r.total_fee = Some("1.00".parse().unwrap());
    let client = Client::new(
        "2088101122136241",
        Signer::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap()),
    )
    .unwrap();
    let url = client.page_url(&r).unwrap();
    assert!(
        url.starts_with("https://intlmapi.alipay.com/gateway.do?"),
        "{url}"
    );
    let signed = client.sign_request(&r).unwrap();
    assert_eq!(signed.gateway(), "https://intlmapi.alipay.com/gateway.do");
    let local = client
        .with_gateway("http://127.0.0.1:9/gateway.do")
        .unwrap();
    assert!(local
        .page_url(&r)
        .unwrap()
        .starts_with("http://127.0.0.1:9/gateway.do?"));
    r.total_fee = Some("10000000.00".parse().unwrap());
    assert_eq!(
        r.validate().unwrap_err().to_string(),
        "invalid parameters: `total_fee` has 10 digits, more than the 9 its Number type allows"
    );
}

#[test]
fn create_forex_trade_wap() {
    use alipay_mapi_interfaces::cross_border::create_forex_trade_wap as m;
    let _: m::Request = request("create_forex_trade_wap");
    assert_eq!(m::SPEC.access, Access::Page, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn forex_refund() {
    use alipay_mapi_interfaces::cross_border::forex_refund as m;
    let r: m::Request = request("forex_refund");
    // Declared with one_of: the English document says it in words.
    let neither = m::Request {
        return_amount: None,
        return_rmb_amount: None,
        ..r
    };
    assert!(matches!(
        neither
            .validate()
            .unwrap_err()
            .iter()
            .next()
            .map(|v| &v.rule),
        Some(alipay_mapi::validate::Rule::OneOf {
            fields: ["return_amount", "return_rmb_amount"]
        })
    ));
    notify::<m::Notify>("forex_refund");
    server_call::<m::Request>("forex_refund");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_acquire_overseas_query() {
    use alipay_mapi_interfaces::cross_border::alipay_acquire_overseas_query as m;
    let _: m::Request = request("alipay.acquire.overseas.query");
    server_call::<m::Request>("alipay.acquire.overseas.query");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_acquire_overseas_spot_refund() {
    use alipay_mapi_interfaces::cross_border::alipay_acquire_overseas_spot_refund as m;
    let _: m::Request = request("alipay.acquire.overseas.spot.refund");
    server_call::<m::Request>("alipay.acquire.overseas.spot.refund");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_acquire_overseas_spot_pay() {
    use alipay_mapi_interfaces::cross_border::alipay_acquire_overseas_spot_pay as m;
    let _: m::Request = request("alipay.acquire.overseas.spot.pay");
    server_call::<m::Request>("alipay.acquire.overseas.spot.pay");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_acquire_precreate() {
    use alipay_mapi_interfaces::cross_border::alipay_acquire_precreate as m;
    let _: m::Request = request("alipay.acquire.precreate");
    server_call::<m::Request>("alipay.acquire.precreate");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_commerce_qrcode_create() {
    use alipay_mapi_interfaces::cross_border::alipay_commerce_qrcode_create as m;
    let _: m::Request = request("alipay.commerce.qrcode.create");
    server_call::<m::Request>("alipay.commerce.qrcode.create");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_commerce_qrcode_modify() {
    use alipay_mapi_interfaces::cross_border::alipay_commerce_qrcode_modify as m;
    let _: m::Request = request("alipay.commerce.qrcode.modify");
    server_call::<m::Request>("alipay.commerce.qrcode.modify");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

#[test]
fn alipay_mobile_qrcode_manage() {
    use alipay_mapi_interfaces::mobile::alipay_mobile_qrcode_manage as m;
    let _: m::Request = request("alipay.mobile.qrcode.manage");
    server_call::<m::Request>("alipay.mobile.qrcode.manage");
    assert_eq!(m::SPEC.access, Access::Server, "the document's access line");
    errors::<m::ErrorCode>(&m::SPEC);
}

/// The services tested above.
const TESTED: &[&str] = &[
    "create_partner_trade_by_buyer",
    "trade_create_by_buyer",
    "send_goods_confirm_by_platform",
    "single_trade_query",
    "close_trade",
    "account.page.query",
    "query_timestamp",
    "notify_verify",
    "alipay.auth.authorize",
    "user.logistics.address.query",
    "refund_fastpay_by_platform_pwd",
    "refund_fastpay_by_platform_nopwd",
    "batch_trans_notify",
    "alipay.wap.trade.create.direct",
    "alipay.wap.auth.authAndExecute",
    "alipay.wap.create.direct.pay.by.user",
    "mobile.securitypay.pay",
    "alipay.security.risk.detect",
    "create_forex_trade",
    "create_forex_trade_wap",
    "forex_refund",
    "alipay.acquire.overseas.query",
    "alipay.acquire.overseas.spot.refund",
    "alipay.acquire.overseas.spot.pay",
    "alipay.acquire.precreate",
    "alipay.commerce.qrcode.create",
    "alipay.commerce.qrcode.modify",
    "alipay.mobile.qrcode.manage",
];

/// A `return_url` or `notify_url` with a query of its own never verifies
/// (the gateway adds its signed parameters to it): a declared request
/// refuses one, typed or as pairs, and a fragment is no query.
#[test]
fn callback_urls_take_no_query() {
    use alipay_mapi::validate::Rule;
    use alipay_mapi_interfaces::create_direct_pay_by_user as m;
    let client = Client::new(
        "2088101122136241",
        Signer::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap()),
    )
    .unwrap();
    let mut r = m::Request::new("1", "s", "1");
    r.total_fee = Some("1.00".parse().unwrap());
    r.seller_id = Some("2088101122136241".into());
    // A hash-routed page: the return follows the fragment, where its script
    // reads it.
    r.return_url = Some("https://shop.example/#/pay/return".into());
    r.notify_url = Some("https://shop.example/alipay/notify/7".into());
    client.page_url(&r).unwrap();
    r.return_url = Some("https://shop.example/return?id=123".into());
    r.notify_url = Some("https://shop.example/notify?".into());
    let err = r.validate().unwrap_err();
    for field in ["return_url", "notify_url"] {
        assert_eq!(
            err.field(field).map(|v| &v.rule),
            Some(&Rule::QueryInCallbackUrl),
            "{err}"
        );
    }
    assert!(err.to_string().contains("put them in the path"), "{err}");
    assert!(matches!(client.page_url(&r), Err(RequestError::Invalid(_))));
    // A `?` in the fragment would be joined to the return with `&`.
    r.return_url = Some("https://shop.example/#/pay/return?route=1".into());
    assert_eq!(
        r.validate()
            .unwrap_err()
            .field("return_url")
            .map(|v| &v.rule),
        Some(&Rule::QueryInCallbackUrl)
    );
    assert!(matches!(
        client.sign_request(&r),
        Err(RequestError::Invalid(_))
    ));
    // As pairs, for any service.
    match client.sign_params("any.service", &[("notify_url", "http://a/?b=c")]) {
        Err(RequestError::Invalid(v)) => {
            assert_eq!(
                v.field("notify_url").unwrap().rule,
                Rule::QueryInCallbackUrl
            )
        }
        other => panic!("{other:?}"),
    }
}

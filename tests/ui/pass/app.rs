//! App payments (`access = "app"`, or a document whose access section
//! describes the SDK): the request makes an order string, the synchronous
//! SDK result is `SdkResult` (plain data), the notification `Notify`.
#![deny(warnings)]

use alipay_mapi::keys::Md5Key;
use alipay_mapi::variants::mobile::{order_string_for, MobileError};
use alipay_mapi::{alipay_service, Access, AppRequest, Client, ServiceReturn, Signer};

// The document's `4 接口调用方式` section describes the SDK.
#[alipay_service("mobile.securitypay.pay", doc = "docs/app_sdk.md")]
pub mod from_doc {}

// The declaration says so, over inline tables.
#[alipay_service(
    "mobile.securitypay.pay",
    access = "app",
    request = "
参数名\t类型\t可空\t备注
out_trade_no\tString(64)\tN\t商户订单号
",
    response = "
参数名\t类型\t可空\t备注
resultStatus\tString\tN\t状态代码
"
)]
pub mod declared {}

fn app_request<R: AppRequest>(_: &R) {}
fn service_return<T: ServiceReturn>() {}

fn main() {
    assert_eq!(from_doc::SPEC.access, Access::App);
    assert_eq!(declared::SPEC.access, Access::App);
    // No page return and no XML answer in the tables' data.
    assert!(from_doc::SPEC.response.is_none());
    assert!(from_doc::SPEC.answer.is_none());
    let names: Vec<&str> = from_doc::SdkResult::FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(names, ["resultStatus", "result", "memo"]);
    let result = from_doc::SdkResult {
        result_status: "9000".into(),
        result: "success=\"true\"".into(),
        memo: None,
    };
    assert_eq!(result.result_status, "9000");
    // The client result-code table: the SDK's `resultStatus` values, apart
    // from the gateway's `ErrorCode`.
    assert_eq!(result.result_status(), from_doc::SdkResultStatus::E9000);
    assert_eq!(result.result_status().meaning(), Some("付款成功"));
    assert_eq!(result.result_status().to_string(), "9000");
    let cancelled: from_doc::SdkResultStatus = "6001".parse().unwrap();
    assert_eq!(cancelled.code(), "6001");
    assert_eq!(
        from_doc::SdkResultStatus::from_code("6004"),
        from_doc::SdkResultStatus::Unknown("6004".into())
    );
    assert_eq!(from_doc::ErrorCode::IllegalSign.as_str(), "ILLEGAL_SIGN");
    let codes: Vec<&str> = from_doc::SPEC.errors.iter().map(|e| e.code).collect();
    assert_eq!(codes, ["ILLEGAL_SIGN"]);
    let _ = declared::SdkResult {
        result_status: "6001".into(),
    };
    service_return::<from_doc::Notify>();

    let request = from_doc::Request::new(
        "http://example.com/notify",
        "0819145412-6177",
        "0.01".parse().unwrap(),
    );
    app_request(&request);
    // The order string is RSA only: an MD5 client is refused at run time.
    let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    let client = Client::new("2088101568358171", Signer::md5(key)).unwrap();
    assert!(matches!(
        order_string_for(&client, &request),
        Err(MobileError::SignType(_))
    ));
    app_request(&declared::Request::new("1"));
}

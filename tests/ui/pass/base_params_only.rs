//! A request table with only base parameters: `Request` has no fields, and
//! still validates and signs.
#![deny(warnings)]
use alipay_mapi::service::BaseParams;
use alipay_mapi::{alipay_service, Charset, ServiceRequest};

#[alipay_service(
    "alipay.example.ping",
    request = "
参数名\t类型\t可空
service\tString\tN
partner\tString(16)\tN
_input_charset\tString\tN
sign_type\tString\tN
sign\tString\tN
"
)]
pub mod ping {}

fn main() {
    let request = ping::Request {};
    request.validate().unwrap();
    assert!(ping::SPEC.request.is_empty());
    assert!(ping::SPEC.errors.is_empty());
    let base = BaseParams {
        partner: "2088002464631181",
        charset: Charset::Gbk,
    };
    assert_eq!(
        request.signing_string(&base).unwrap().as_str(),
        "_input_charset=gbk&partner=2088002464631181&service=alipay.example.ping"
    );
    assert_eq!(request.params(&base).len(), 3);
    // No error table: only codes it does not list.
    assert_eq!(
        "SYSTEM_ERROR".parse::<ping::ErrorCode>().unwrap(),
        ping::ErrorCode::Unknown("SYSTEM_ERROR".into())
    );
}

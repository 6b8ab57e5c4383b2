//! Wire names that are not Rust identifiers: `type` becomes `type_`, and
//! the wire name is kept for signing and serde.
#![deny(warnings)]
use alipay_mapi::service::BaseParams;
use alipay_mapi::{alipay_service, Charset, ServiceRequest};

#[alipay_service(
    "alipay.example.query",
    request = "
参数名\t类型\t可空\t备注
type\tString(1)\tN\t一个名叫type的参数
ref\tString(8)\tY\t另一个关键字
notifyId\tString(32)\tY\tcamelCase
"
)]
pub mod query {}

fn main() {
    let request = query::Request {
        type_: "1".into(),
        ref_: None,
        notify_id: Some("n1".into()),
    };
    request.validate().unwrap();
    let idents: Vec<(&str, &str)> = query::SPEC
        .request
        .iter()
        .map(|f| (f.name, f.ident))
        .collect();
    assert_eq!(
        idents,
        [
            ("type", "type_"),
            ("ref", "ref_"),
            ("notifyId", "notify_id")
        ]
    );
    let base = BaseParams {
        partner: "2088002464631181",
        charset: Charset::Utf8,
    };
    assert_eq!(
        request.signing_string(&base).unwrap().as_str(),
        "_input_charset=utf-8&notifyId=n1&partner=2088002464631181\
         &service=alipay.example.query&type=1"
    );
}

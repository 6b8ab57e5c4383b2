//! `crate = "path"`: the generated code reaches the runtime through the given
//! path instead of `::alipay_mapi`, e.g. when the crate is re-exported or
//! renamed.
#![deny(warnings)]
use alipay_mapi::alipay_service;

// A path from the crate root…
use ::alipay_mapi as renamed;

#[alipay_service(
    "sns.cae.sign.customer",
    crate = "crate::renamed",
    request = "
参数名\t类型\t可空
sns_user_id\tString(50)\tN
",
    response = "
参数名\t类型\t可空
sns_user_id\tString(50)\tN
"
)]
pub mod from_root {}

// …or a name in scope inside the module (user items are kept).
#[alipay_service(
    "sns.cae.sign.customer",
    crate = "runtime",
    request = "
参数名\t类型\t可空
sns_user_id\tString(50)\tN
"
)]
pub mod from_module {
    use alipay_mapi as runtime;
}

fn main() {
    let a = from_root::Request {
        sns_user_id: "id1".into(),
    };
    a.validate().unwrap();
    let b = from_module::Request {
        sns_user_id: "id1".into(),
    };
    b.validate().unwrap();
    assert_eq!(from_root::SPEC.request, from_module::SPEC.request);
    let _: &renamed::ServiceSpec = &from_module::SPEC;
    let _ = from_root::Response {
        sns_user_id: String::new(),
    };
}

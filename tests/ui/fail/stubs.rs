//! A bad table must not drown the user's code in follow-on errors: the
//! module still defines what code names (`SERVICE`, `SPEC`, `Request`,
//! `Response`, `Notify`, `ErrorCode` with the variants of the error table),
//! so only the table's error shows.
use alipay_mapi::service::BaseParams;
use alipay_mapi::{alipay_service, Charset, GatewayErrorCode, ServiceRequest, ServiceReturn};

#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
返回URL\treturn_url\tString(200)\t处理完成后跳转的页面\tN\thttp://www.test.com/return
合作网站用户帐号ID\tsns_user_id\tStrin(50)\t合作网站的用户ID\tN\tid2011103454654656
",
    errors = "
错误代码\t说明
ILLEGAL_SIGN\t数字验签失败
"
)]
pub mod sns {
    pub fn helper() -> &'static str {
        SERVICE
    }
}

fn describe(code: &sns::ErrorCode) -> String {
    match code {
        sns::ErrorCode::IllegalSign => "bad signature".to_owned(),
        sns::ErrorCode::Unknown(other) => format!("unknown {other}"),
    }
}

fn sign<R: ServiceRequest>(request: &R) -> String {
    let base = BaseParams {
        partner: "2088002464631181",
        charset: Charset::Utf8,
    };
    request.signing_string(&base).unwrap().as_str().to_owned()
}

fn fields<T: ServiceReturn>() -> usize {
    T::FIELDS.len()
}

fn send(request: &sns::Request) -> String {
    request.validate().unwrap();
    sign(request)
}

fn main() {
    let _ = send;
    let code: sns::ErrorCode = "ILLEGAL_SIGN".parse().unwrap();
    println!("{} {} {}", sns::SERVICE, sns::helper(), describe(&code));
    println!(
        "{:?} {} {:?}",
        sns::SPEC.errors,
        code.as_str(),
        code.meaning()
    );
    println!(
        "{}",
        GatewayErrorCode::as_str(&sns::ErrorCode::Unknown("X".into()))
    );
    println!("{}", fields::<sns::Response>() + fields::<sns::Notify>());
}

//! An app payment's request is an order string for the app's SDK: no page
//! URL or form (`PageRequest`), no server call (`ServerRequest`), and its
//! SDK result is no signed return (`ServiceReturn`).
use alipay_mapi::transport::{HttpRequest, HttpResponse, TransportError};
use alipay_mapi::{alipay_service, keys::Md5Key, Client, Method, Signer};

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
pub mod app {}

fn main() {
    let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    let client = Client::new("2088002464631181", Signer::md5(key)).unwrap();
    let request = app::Request::new("6843192280647118");
    let _ = client.page_url(&request);
    let _ = client.page_form(&request, Method::Post);
    let transport = |_: HttpRequest| -> Result<HttpResponse, TransportError> { unimplemented!() };
    let _ = client.call_blocking(&transport, &request);
    let _ = client.verify_return::<app::SdkResult>("resultStatus=9000");
}

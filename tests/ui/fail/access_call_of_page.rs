//! A page interface is not a server call: `Client::call` (and
//! `call_blocking`) need a `ServerRequest`.
use alipay_mapi::transport::{HttpRequest, HttpResponse, TransportError};
use alipay_mapi::{alipay_service, keys::Md5Key, Client, Signer};

#[alipay_service(
    "create_direct_pay_by_user",
    access = "page",
    request = "
参数名\t类型\t可空\t备注
out_trade_no\tString(64)\tN\t商户订单号
"
)]
pub mod pay {}

fn main() {
    let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    let client = Client::new("2088002464631181", Signer::md5(key)).unwrap();
    let transport = |_: HttpRequest| -> Result<HttpResponse, TransportError> { unimplemented!() };
    let async_transport = |_: HttpRequest| async {
        Err::<HttpResponse, _>(TransportError::other("never sent"))
    };
    let request = pay::Request::new("6843192280647118");
    let _ = client.call_blocking(&transport, &request);
    let _ = client.call(&async_transport, &request);
}

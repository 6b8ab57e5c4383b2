//! A page interface is not a server call: it has no `Answer`, and what
//! takes a `ServerRequest` (such as `Client::call`) refuses it.
use alipay_mapi::{alipay_service, ServerRequest};

#[alipay_service(
    "create_direct_pay_by_user",
    access = "page",
    request = "
参数名\t类型\t可空\t备注
out_trade_no\tString(64)\tN\t商户订单号
"
)]
pub mod pay {}

fn call<R: ServerRequest>(_request: &R) {}

fn main() {
    let request = pay::Request::new("6843192280647118");
    call(&request);
}

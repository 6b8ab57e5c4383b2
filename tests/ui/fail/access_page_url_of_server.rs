//! A server interface has no page URL: `page_url` needs a `PageRequest`.
use alipay_mapi::{alipay_service, keys::Md5Key, Client, Signer};

#[alipay_service(
    "single_trade_query",
    access = "server",
    request = "
参数名\t类型\t可空\t备注
out_trade_no\tString(64)\tN\t商户订单号
"
)]
pub mod query {}

fn main() {
    let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    let client = Client::new("2088002464631181", Signer::md5(key)).unwrap();
    let request = query::Request::new("6843192280647118");
    let _ = client.page_url(&request);
}

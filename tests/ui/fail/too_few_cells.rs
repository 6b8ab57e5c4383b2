use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
返回URL\treturn_url\tString(200)
"
)]
pub mod sns {}

fn main() {}

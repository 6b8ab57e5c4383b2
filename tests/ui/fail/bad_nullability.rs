use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
用户key\tkey\tString(40)\t支付宝分配的key\tmaybe\t20110511EF39E0403F8F48EF8E02121C9824210F
"
)]
pub mod sns {}

fn main() {}

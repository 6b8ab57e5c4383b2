use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
合作网站用户帐号ID\tsns_user_id\tStrin(50)\t合作网站的用户ID\tN\tid2011103454654656
"
)]
pub mod sns {}

fn main() {}

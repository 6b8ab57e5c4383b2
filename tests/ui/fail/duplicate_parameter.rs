use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
返回URL\treturn_url\tString(200)\t处理完成后跳转的页面\tN\thttp://www.test.com/return
合作网站用户帐号ID\tsns_user_id\tString(50)\t合作网站的用户ID\tN\tid2011103454654656
返回URL\treturn_url\tString(200)\t又一次\tN\thttp://www.test.com/return
"
)]
pub mod sns {}

fn main() {}

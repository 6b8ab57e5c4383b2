use alipay_mapi::alipay_service;

// The header row (参数名, 类型, 可空…) was left out of the paste.
#[alipay_service(
    "sns.cae.sign.customer",
    request = "
返回URL\treturn_url\tString(200)\t处理完成后跳转的页面\tN\thttp://www.test.com/return
合作网站用户帐号ID\tsns_user_id\tString(50)\t合作网站的用户ID\tN\tid2011103454654656
"
)]
pub mod sns {}

fn main() {}

use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    doc = "tests/ui/docs/seed_format.md",
    errors = "
错误代码\t说明
ILLEGAL_SIGN\t数字验签失败
"
)]
pub mod sns {}

fn main() {}

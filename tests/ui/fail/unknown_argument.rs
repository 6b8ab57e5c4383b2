use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    doc = "tests/ui/docs/seed_format.md",
    charset = "gbk"
)]
pub mod sns {}

fn main() {}

use alipay_mapi::alipay_service;

#[alipay_service("sns.cae.sign.customer", doc = "tests/ui/docs/does_not_exist.md")]
pub mod sns {}

fn main() {}

use alipay_mapi::alipay_service;

#[alipay_service("sns.cae.sign.customer", doc = "docs/seed_format.md")]
pub mod sns;

fn main() {}

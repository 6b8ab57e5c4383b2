use alipay_mapi::alipay_service;

#[alipay_service("sns.cae.sign.customer", doc = "/nonexistent/sns.cae.sign.customer.md")]
pub mod sns {}

fn main() {}

use alipay_mapi::alipay_service;

#[alipay_service]
pub mod nothing {}

#[alipay_service(doc = "tests/ui/docs/seed_format.md")]
pub mod only_doc {}

fn main() {}

use alipay_mapi::alipay_service;

// The document has a return table and error codes, but no request table.
#[alipay_service("sns.cae.sign.customer", doc = "tests/ui/docs/no_request_table.md")]
pub mod sns {}

fn main() {}

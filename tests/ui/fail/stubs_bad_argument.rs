//! A bad argument: the service name and `crate` are still used for the
//! stubs, so only the argument is reported.
use alipay_mapi::alipay_service;

mod deps {
    pub use alipay_mapi as runtime;
}

#[alipay_service(
    "sns.cae.sign.customer",
    crate = "crate::deps::runtime",
    doc = "docs/seed_format.md",
    chrset = "gbk"
)]
pub mod sns {}

fn main() {
    assert_eq!(sns::SERVICE, "sns.cae.sign.customer");
    let _: Option<sns::Request> = None;
    let _: &crate::deps::runtime::ServiceSpec = &sns::SPEC;
}

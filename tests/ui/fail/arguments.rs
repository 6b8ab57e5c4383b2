//! Bad arguments of `#[alipay_service]`: each is reported at the argument.
use alipay_mapi::alipay_service;

// ---- absolute_doc_path
#[alipay_service("sns.cae.sign.customer", doc = "/nonexistent/sns.cae.sign.customer.md")]
pub mod absolute_doc_path_sns {}

// ---- bad_length
#[alipay_service(
    "sns.cae.sign.customer",
    doc = "docs/seed_format.md",
    length = "bytes"
)]
pub mod bad_length_sns {}

// ---- doc_and_inline
#[alipay_service(
    "sns.cae.sign.customer",
    doc = "docs/seed_format.md",
    errors = "
错误代码\t说明
ILLEGAL_SIGN\t数字验签失败
"
)]
pub mod doc_and_inline_sns {}

// ---- missing_doc
#[alipay_service("sns.cae.sign.customer", doc = "docs/does_not_exist.md")]
pub mod missing_doc_sns {}

// ---- unknown_argument
#[alipay_service(
    "sns.cae.sign.customer",
    doc = "docs/seed_format.md",
    charset = "gbk"
)]
pub mod unknown_argument_sns {}

// ---- one_of_and_either_name_a_parameter_the_table_lacks (at the argument)
#[alipay_service(
    "demo.q",
    request = "
参数\t类型\t可空
trade_no\tString(64)\tY
out_trade_no\tString(64)\tY
",
    one_of = "trade_no | nonesuch",
    either = "out_trade_no | missing"
)]
pub mod one_of_unknown_q {}

// ---- missing_service_name
#[alipay_service]
pub mod missing_service_name_nothing {}

#[alipay_service(doc = "docs/seed_format.md")]
pub mod missing_service_name_only_doc {}

// ---- not_a_module
#[alipay_service("sns.cae.sign.customer", doc = "docs/seed_format.md")]
pub struct NotAModule;

fn main() {}

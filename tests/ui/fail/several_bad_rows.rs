use alipay_mapi::alipay_service;

// Four bad rows in one document: an unknown type, a bad nullability, a row
// cut short and a duplicate; all are reported by the same build.
#[alipay_service("sns.cae.sign.customer", doc = "tests/ui/docs/bad_rows.md")]
pub mod sns {}

// And in an inline table.
#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数名\t类型\t可空
a\tStrng(5)\tN
b\tString(5)\tperhaps
c\tString(5)\tN
d\tTxt(5)\tN
"
)]
pub mod inline {}

fn main() {}

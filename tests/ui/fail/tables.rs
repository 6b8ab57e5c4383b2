//! Bad rows of tables, inline and in documents: every one is reported, with
//! its line, parameter and cell, by the same build.
use alipay_mapi::alipay_service;

// ---- bad_nullability
#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
用户key\tkey\tString(40)\t支付宝分配的key\tmaybe\t20110511EF39E0403F8F48EF8E02121C9824210F
"
)]
pub mod bad_nullability_sns {}

// ---- duplicate_parameter
#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
返回URL\treturn_url\tString(200)\t处理完成后跳转的页面\tN\thttp://www.test.com/return
合作网站用户帐号ID\tsns_user_id\tString(50)\t合作网站的用户ID\tN\tid2011103454654656
返回URL\treturn_url\tString(200)\t又一次\tN\thttp://www.test.com/return
"
)]
pub mod duplicate_parameter_sns {}

// ---- service_mismatch
// The table's `service` row says another service than the attribute.
#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
接口名称\tservice\tString(128)\t服务名\tN\tsns.cae.sign.custom
合作网站用户帐号ID\tsns_user_id\tString(50)\t合作网站的用户ID\tN\tid2011103454654656
"
)]
pub mod service_mismatch_sns {}

// ---- too_few_cells
#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
返回URL\treturn_url\tString(200)
"
)]
pub mod too_few_cells_sns {}

// ---- unknown_type
#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
合作网站用户帐号ID\tsns_user_id\tStrin(50)\t合作网站的用户ID\tN\tid2011103454654656
"
)]
pub mod unknown_type_sns {}

// ---- several_bad_rows
// Four bad rows in one document: an unknown type, a bad nullability, a row
// cut short and a duplicate; all are reported by the same build.
#[alipay_service("sns.cae.sign.customer", doc = "docs/bad_rows.md")]
pub mod several_bad_rows_sns {}

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
pub mod several_bad_rows_inline {}

fn main() {}

//! `crate = "…"` is a path from inside the module: a `use` at the crate root
//! is not in scope there (write `crate::renamed`, or put the `use` in the
//! module). The error points at the `crate` literal.
#[allow(unused_imports)]
use alipay_mapi as renamed;
use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    crate = "renamed",
    request = "
参数名\t类型\t可空
sns_user_id\tString(50)\tN
"
)]
pub mod sns {}

fn main() {}

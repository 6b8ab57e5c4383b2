//! alipay-mapi: declare, sign, call and verify the interfaces of Alipay's
//! legacy partner gateway.
#![forbid(unsafe_code)]

pub use alipay_mapi_runtime as runtime;
pub use alipay_mapi_runtime::*;

//! Batch refunds of instant payments.

pub mod refund_fastpay_by_platform_nopwd;
pub mod refund_fastpay_by_platform_pwd;

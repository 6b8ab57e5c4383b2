//! Batch payments to Alipay accounts.

pub mod batch_trans_notify;

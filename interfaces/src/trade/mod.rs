//! Payments and trades on the mainland gateway: escrow and dual trades, shipping, queries, closing, the account statement, the anti-phishing timestamp and notify_verify.

pub mod account_page_query;
pub mod close_trade;
pub mod create_partner_trade_by_buyer;
pub mod notify_verify;
pub mod query_timestamp;
pub mod send_goods_confirm_by_platform;
pub mod single_trade_query;
pub mod trade_create_by_buyer;

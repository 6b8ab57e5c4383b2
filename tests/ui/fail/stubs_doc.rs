//! A bad row in a document: the stub `ErrorCode` still has the variants of
//! the document's error table, and `Notify` and `SPEC` exist, so code
//! written against the interface reports only the row.
use alipay_mapi::{alipay_service, ServiceReturn};

#[alipay_service("create_direct_pay_by_user", doc = "docs/bad_notify_row.md")]
pub mod pay {}

fn outcome(code: pay::ErrorCode) -> &'static str {
    match code {
        pay::ErrorCode::IllegalSign | pay::ErrorCode::IllegalArgument => "fix the request",
        pay::ErrorCode::TradeNotExist => "no such trade",
        pay::ErrorCode::Unknown(_) => "ask the gateway",
    }
}

fn main() {
    assert_eq!(pay::SERVICE, "create_direct_pay_by_user");
    assert_eq!(pay::SPEC.service, pay::SERVICE);
    println!("{}", outcome("TRADE_NOT_EXIST".parse().unwrap()));
    let read = <pay::Notify as ServiceReturn>::from_params;
    let _ = read;
}

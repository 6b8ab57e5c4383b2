//! English headers: `Parameter | Name | Type | Description | Required`, where
//! `Yes` means required (and `Optional` in the return table, where `Yes`
//! means optional).
#![deny(warnings)]
use alipay_mapi::{alipay_service, types::Number};

#[alipay_service("single_trade_query", doc = "tests/ui/docs/english.md")]
pub mod single_trade_query {}

fn main() {
    use single_trade_query as query;

    let spec = &query::SPEC;
    let fields: Vec<(&str, &str, bool)> = spec
        .request
        .iter()
        .map(|f| (f.name, f.ident, f.nullable))
        .collect();
    assert_eq!(
        fields,
        [
            ("trade_no", "trade_no", true),
            ("out_trade_no", "out_trade_no", true),
            ("buyer_id", "buyer_id", false),
            ("extra.param-x", "extra_param_x", true),
        ]
    );
    assert_eq!(
        spec.request_field("trade_no").unwrap().label,
        "Alipay trade number"
    );

    // `Required: No` → `Option`, `Required: Yes` → the value itself.
    let request = query::Request {
        trade_no: None,
        out_trade_no: Some("6843192280647118".into()),
        buyer_id: "2088002464631181".into(),
        extra_param_x: Some("x".into()),
    };
    request.validate().unwrap();
    let missing = query::Request {
        buyer_id: String::new(),
        ..request
    };
    assert!(missing.validate().unwrap_err().field("buyer_id").is_some());

    // `Optional: Yes` → `Option`; `Number(10,2)` → `Number`.
    let response = query::Response {
        trade_status: Some("TRADE_SUCCESS".into()),
        price: Some("9.90".parse::<Number>().unwrap()),
    };
    assert_eq!(response.price.as_ref().map(Number::as_str), Some("9.90"));

    assert_eq!(
        "TRADE_NOT_EXIST".parse::<query::ErrorCode>().unwrap(),
        query::ErrorCode::TradeNotExist
    );
}

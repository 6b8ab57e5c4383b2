//! Rules the documents state in words, declared with `one_of` / `either`:
//! enforced by the typed request's `validate()` (so by every signing) and by
//! `ServiceSpec::validate_params` (the untyped path of the command line)
//! alike.

use alipay_mapi::types::Number;
use alipay_mapi::validate::{EitherFault, Rule, Violations};
use alipay_mapi_interfaces::create_direct_pay_by_user::{Request, SPEC};
use alipay_mapi_interfaces::cross_border::alipay_acquire_overseas_query as overseas_query;

fn number(text: &str) -> Option<Number> {
    Some(text.parse().unwrap())
}

/// A request naming its seller and giving `total_fee`: valid.
fn order() -> Request {
    let mut request = Request::new("6402757654153618", "护腕", "1");
    request.seller_id = Some("2088002007018916".into());
    request.total_fee = number("1.00");
    request
}

fn pairs(request: &Request) -> Vec<(String, String)> {
    let value = serde_json::to_value(request).unwrap();
    value
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
        .collect()
}

/// The typed and the untyped checks agree, and give these rules.
fn rules(request: &Request) -> Vec<Rule> {
    let typed = request.validate().err();
    let untyped = SPEC.validate_params(&pairs(request)).err();
    assert_eq!(typed, untyped);
    typed.as_ref().map_or_else(Vec::new, |v: &Violations| {
        v.iter().map(|v| v.rule.clone()).collect()
    })
}

fn amount_fault(request: &Request) -> Option<EitherFault> {
    rules(request).into_iter().find_map(|rule| match rule {
        Rule::Either { fault, .. } => Some(fault),
        _ => None,
    })
}

#[test]
fn the_seller_is_named_by_one_of_three_parameters() {
    assert_eq!(rules(&order()), []);
    let mut request = order();
    request.seller_id = None;
    let found = request.validate().unwrap_err();
    // The group in the table's order.
    let violation = found
        .field("seller_email|seller_id|seller_account_name")
        .unwrap();
    assert!(matches!(violation.rule, Rule::OneOf { .. }));
    request.seller_email = Some("seller@example.com".into());
    assert_eq!(rules(&request), []);
}

#[test]
fn the_amount_is_price_with_quantity_or_total_fee() {
    let mut request = order();
    request.total_fee = None;
    assert_eq!(amount_fault(&request), Some(EitherFault::NoneGiven));
    request.price = number("0.50");
    assert_eq!(
        amount_fault(&request),
        Some(EitherFault::Incomplete {
            given: "price",
            missing: "quantity"
        })
    );
    request.quantity = number("2");
    assert_eq!(rules(&request), []);
    request.total_fee = number("1.00");
    assert_eq!(amount_fault(&request), Some(EitherFault::Several));
    let message = request.validate().unwrap_err().to_string();
    assert!(
        message.contains("give `price` with `quantity`, or `total_fee`, not more than one"),
        "{message}"
    );
    // Nothing is signed while the rule is broken.
    let client = alipay_mapi::Client::new(
        "2088002007018916",
        alipay_mapi::Signer::md5(
            alipay_mapi::keys::Md5Key::new("t3stsecret0000000000000000000042").unwrap(),
        ),
    )
    .unwrap();
    assert!(client.page_url(&request).is_err());
    request.total_fee = None;
    assert!(client.page_url(&request).is_ok());
}

#[test]
fn an_overseas_query_names_its_trade_one_way_or_the_other() {
    let none = overseas_query::Request {
        partner_trans_id: None,
        alipay_trans_id: None,
    };
    let found = none.validate().unwrap_err();
    assert!(found.field("partner_trans_id|alipay_trans_id").is_some());
    let by_alipay = overseas_query::Request {
        alipay_trans_id: Some("2013082244524842".into()),
        ..none
    };
    assert!(by_alipay.validate().is_ok());
}

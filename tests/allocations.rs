//! Allocations per request. Building an MD5 request's URL costs one buffer,
//! the URL itself: the signing string is hashed as it is produced, never
//! stored, and charsets encode through a buffer on the stack. Counting
//! allocations is deterministic, unlike timing, so it is pinned here.
#![cfg(feature = "md5")]

use alipay_mapi::keys::Md5Key;
use alipay_mapi::{Charset, Client, ServiceRequest, Signer};
use alipay_mapi_interfaces::sns_cae_sign_customer::Request;

fn request() -> Request {
    Request {
        return_url: "http://www.test.com/notify/alipay/interface.htm".into(),
        sns_user_id: "id2011103454654656".into(),
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    }
}

fn client(charset: Charset) -> Client {
    let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    Client::new("2088002464631181", Signer::md5(key))
        .unwrap()
        .with_charset(charset)
}

#[test]
fn an_md5_page_url_costs_one_allocation() {
    let client = client(Charset::Utf8);
    let request = request();
    let mut url = String::new();
    let info = allocation_counter::measure(|| {
        url = client.page_url(&request).unwrap();
    });
    assert!(
        url.ends_with("&sign=696e58e2f42208b87cb5fc013fd236a9"),
        "{url}"
    );
    // The URL; nothing per parameter, nothing for the signing string or the
    // sign, and a buffer sized right the first time (no reallocation).
    assert_eq!(info.count_total, 1, "{info:?}");
    assert!(info.bytes_total < 2 * url.len() as u64, "{info:?}");
}

#[test]
fn validation_and_the_generated_signing_string_cost_one() {
    let request = request();
    let base = alipay_mapi::service::BaseParams {
        partner: "2088002464631181",
        charset: Charset::Utf8,
    };
    let info = allocation_counter::measure(|| {
        request.validate().unwrap();
        let s = request.signing_string(&base).unwrap();
        assert!(s.as_str().starts_with("_input_charset=utf-8&key="));
    });
    assert_eq!(info.count_total, 1, "{info:?}");
}

#[test]
fn a_gbk_page_url_costs_one_allocation_too() {
    let client = client(Charset::Gbk);
    let mut request = request();
    request.sns_user_id = "用户id2011103454654656".into();
    let mut url = String::new();
    let info = allocation_counter::measure(|| {
        url = client.page_url(&request).unwrap();
    });
    assert!(url.contains("&sns_user_id=%D3%C3%BB%A7id"), "{url}");
    assert_eq!(url, client.sign_request(&request).unwrap().url());
    // Values are encoded into GBK once, through a buffer on the stack, for
    // the hash and the URL both.
    assert_eq!(info.count_total, 1, "{info:?}");
}

/// A signed `single_trade_query`-like answer with `items` repeated
/// elements of three leaves each.
fn xml_answer(items: usize) -> Vec<u8> {
    use alipay_mapi::{gateway_side, XmlElement};
    let item = |i: usize| XmlElement {
        name: "item".into(),
        children: vec![
            XmlElement::leaf("goods_id", format!("G{i}")),
            XmlElement::leaf("price", "2.50"),
            // (No entity: the parser allocates the text it decodes.)
            XmlElement::leaf("subject", "护腕"),
        ],
        ..XmlElement::default()
    };
    let mut trade = vec![XmlElement::leaf("trade_no", "2010073000030344")];
    trade.extend((0..items).map(item));
    let response = XmlElement {
        name: "response".into(),
        children: vec![XmlElement {
            name: "trade".into(),
            children: trade,
            ..XmlElement::default()
        }],
        ..XmlElement::default()
    };
    let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    let request = [("trade_no", "2010073000030344"), ("partner", "2088")];
    gateway_side::xml_answer(Some(&Signer::md5(key)), Charset::Utf8, &request, &response).unwrap()
}

#[test]
fn reading_an_xml_answer_costs_the_same_allocations_whatever_its_size() {
    let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    let client = client(Charset::Utf8)
        .with_verifier(alipay_mapi::Verifier::md5(key))
        .with_sign_policy(alipay_mapi::SignPolicy::Require);
    let count = |items: usize| {
        let response = alipay_mapi::transport::http::Response::new(xml_answer(items));
        let info = allocation_counter::measure(|| {
            let (answer, string) = client.read_answer_untyped(&response).unwrap();
            assert!(string.is_some());
            // `trade_no` and each `<item>`, by its markup.
            assert_eq!(answer.signed_params().len(), 1 + items);
        });
        info.count_total
    };
    // The tree of names and texts (with the signed fragments), its nodes,
    // the list of fragments, the parameters the sign covers and the signing
    // string are one allocation each, however many elements.
    assert_eq!(count(2), count(200));
}

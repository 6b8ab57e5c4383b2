//! Properties of the signing rule over random parameter sets and charsets.
#![cfg(feature = "md5")]

use std::collections::BTreeMap;

use alipay_mapi_runtime::keys::Md5Key;
use alipay_mapi_runtime::{
    signing_string, verify_params, Charset, Client, ReceivedParams, Signer, Verifier,
};
use proptest::prelude::*;

fn charset() -> impl Strategy<Value = Charset> {
    prop_oneof![
        Just(Charset::Utf8),
        Just(Charset::Gbk),
        Just(Charset::Gb2312)
    ]
}

/// Values every charset can carry: ASCII (URL-special characters included)
/// and Chinese.
fn value() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::char::range(' ', '~'),
            proptest::char::range('\u{4E00}', '\u{4FFF}'),
            Just('+'),
            Just('&'),
            Just('='),
            Just('%'),
        ],
        0..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn business_params() -> impl Strategy<Value = BTreeMap<String, String>> {
    proptest::collection::btree_map("[a-z_][a-z0-9_]{0,8}", value(), 0..8).prop_map(|mut m| {
        for base in ["service", "partner", "_input_charset", "sign_type", "sign"] {
            m.remove(base);
        }
        m
    })
}

proptest! {
    #[test]
    fn signing_string_ignores_input_order(
        params in business_params(),
        charset in charset(),
        seed in any::<u64>(),
    ) {
        let forward: Vec<(String, String)> = params.clone().into_iter().collect();
        let mut shuffled = forward.clone();
        // A deterministic shuffle driven by the seed.
        let len = shuffled.len();
        let mut state = seed;
        for i in (1..len).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let a = signing_string(&forward, charset).unwrap();
        let b = signing_string(&shuffled, charset).unwrap();
        prop_assert_eq!(a.as_str(), b.as_str());
        prop_assert_eq!(a.as_bytes(), b.as_bytes());
    }

    #[test]
    fn signing_string_matches_the_rule_written_naively(
        params in business_params(),
        charset in charset(),
    ) {
        let expected: Vec<String> = params
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        let ours = signing_string(&params.iter().collect::<Vec<_>>(), charset).unwrap();
        prop_assert_eq!(ours.as_str(), expected.join("&"));
    }

    #[test]
    fn a_signed_url_verifies_after_the_round_trip(
        params in business_params(),
        charset in charset(),
    ) {
        let key = Md5Key::new("10000000000000000000000000000000").unwrap();
        let client = Client::new("2088002464631181", Signer::md5(key.clone()))
            .unwrap()
            .with_charset(charset)
            .with_verifier(Verifier::md5(key.clone()));
        let business: Vec<(String, String)> = params.into_iter().collect();
        let request = client.sign_params("sns.cae.sign.customer", &business).unwrap();
        let received = ReceivedParams::parse(request.url().as_bytes(), charset).unwrap();
        let verified = verify_params(received, &Verifier::md5(key), charset).unwrap();
        prop_assert_eq!(verified.signing_string(), request.signing_string());
        for (name, value) in &business {
            if !value.is_empty() {
                prop_assert_eq!(verified.get(name), Some(value.as_str()));
            }
        }
    }
}

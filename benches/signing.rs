//! Benchmarks of the generic signing path: the signing string, MD5 sign and
//! verify, and a whole MD5 request from a parameter list.
//!
//! Run with `cargo bench --bench signing`. RSA and DSA are in
//! `benches/crypto.rs`, beside OpenSSL; generated requests in
//! `benches/request.rs`.
//!
//! Each group holds its baseline beside what it measures:
//! - `signing_string`: ours vs a naive `BTreeMap` + `join` (+ `encoding_rs`
//!   for GBK);
//! - `sign` / `verify`: MD5 of the signing string;
//! - `request`: `Client::sign_params` + `url()` vs the bare MD5 sign of the
//!   same, prebuilt, signing string (the floor).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use alipay_mapi::keys::Md5Key;
use alipay_mapi::{signing_string, Charset, Client, Signer, SigningString, Verifier};
use criterion::{criterion_group, criterion_main, Criterion};

const PARTNER: &str = "2088002464631181";
const SERVICE: &str = "sns.cae.sign.customer";
const RETURN_URL: &str = "http://www.test.com/notify/alipay/interface.htm";
const SNS_USER_ID: &str = "id2011103454654656";
const SNS_USER_ID_ZH: &str = "用户id2011103454654656";
const SNS_KEY: &str = "20110511EF39E0403F8F48EF8E02121C9824210F";
const MD5_SECRET: &str = "10000000000000000000000000000000";

/// Every parameter of a `sns.cae.sign.customer` call, unsorted, with a `sign`
/// and `sign_type` that the signing string must drop.
fn params(charset: &'static str, sns_user_id: &'static str) -> [(&'static str, &'static str); 8] {
    [
        ("service", SERVICE),
        ("partner", PARTNER),
        ("_input_charset", charset),
        ("sign_type", "MD5"),
        ("return_url", RETURN_URL),
        ("sns_user_id", sns_user_id),
        ("sign", "0123456789abcdef0123456789abcdef"),
        ("key", SNS_KEY),
    ]
}

/// The business parameters that `Client::sign_params` takes (it adds
/// `_input_charset`, `partner` and `service` itself).
const BUSINESS: [(&str, &str); 3] = [
    ("return_url", RETURN_URL),
    ("sns_user_id", SNS_USER_ID),
    ("key", SNS_KEY),
];

/// The naive signing string: owned map, filter, `format!`, `join`.
fn baseline_text(params: &[(&str, &str)]) -> String {
    let map: BTreeMap<String, String> = params
        .iter()
        .filter(|(n, v)| !v.is_empty() && *n != "sign" && *n != "sign_type")
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    map.iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The naive GBK signing string: the text, then `encoding_rs::GBK`.
fn baseline_gbk(params: &[(&str, &str)]) -> Vec<u8> {
    let text = baseline_text(params);
    let (bytes, _, had_errors) = encoding_rs::GBK.encode(&text);
    assert!(!had_errors);
    bytes.into_owned()
}

fn bench_signing_string(c: &mut Criterion) {
    let utf8 = params("utf-8", SNS_USER_ID);
    let gbk = params("gbk", SNS_USER_ID_ZH);

    // Both sides compute the same bytes.
    let ours = signing_string(&utf8, Charset::Utf8).expect("utf-8 signing string");
    assert_eq!(ours.as_str(), baseline_text(&utf8));
    assert_eq!(
        ours.as_str(),
        "_input_charset=utf-8&key=20110511EF39E0403F8F48EF8E02121C9824210F\
         &partner=2088002464631181&return_url=http://www.test.com/notify/alipay/interface.htm\
         &service=sns.cae.sign.customer&sns_user_id=id2011103454654656"
    );
    let ours = signing_string(&gbk, Charset::Gbk).expect("gbk signing string");
    assert_eq!(ours.as_bytes(), baseline_gbk(&gbk).as_slice());

    let mut group = c.benchmark_group("signing_string");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("utf8/ours", |b| {
        b.iter(|| signing_string(black_box(&utf8), Charset::Utf8))
    });
    group.bench_function("utf8/btreemap_join", |b| {
        b.iter(|| baseline_text(black_box(&utf8)))
    });
    group.bench_function("gbk/ours", |b| {
        b.iter(|| signing_string(black_box(&gbk), Charset::Gbk))
    });
    group.bench_function("gbk/btreemap_join_encoding_rs", |b| {
        b.iter(|| baseline_gbk(black_box(&gbk)))
    });
    group.finish();
}

/// The MD5 signer and verifier.
fn keys() -> Vec<(&'static str, Signer, Verifier)> {
    let md5 = Md5Key::new(MD5_SECRET).expect("md5 key");
    vec![("md5", Signer::md5(md5.clone()), Verifier::md5(md5))]
}

fn bench_sign(c: &mut Criterion) {
    let params = params("utf-8", SNS_USER_ID);
    let mut group = c.benchmark_group("sign");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (name, signer, _) in keys() {
        group.bench_function(name, |b| {
            b.iter(|| {
                let s = signing_string(black_box(&params), Charset::Utf8).expect("signing string");
                signer.sign(&s).expect("sign")
            })
        });
    }
    group.finish();
}

fn bench_verify(c: &mut Criterion) {
    let params = params("utf-8", SNS_USER_ID);
    let s = signing_string(&params, Charset::Utf8).expect("signing string");
    let mut group = c.benchmark_group("verify");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (name, signer, verifier) in keys() {
        let sign = signer.sign(&s).expect("sign");
        verifier.verify(&s, &sign).expect("own signature verifies");
        group.bench_function(name, |b| {
            b.iter(|| verifier.verify(black_box(&s), black_box(&sign)))
        });
    }
    group.finish();
}

fn bench_request(c: &mut Criterion) {
    let key = Md5Key::new(MD5_SECRET).expect("md5 key");
    let client = Client::new(PARTNER, Signer::md5(key.clone()))
        .expect("client")
        .with_charset(Charset::Utf8);
    let signer = Signer::md5(key);
    let request = client.sign_params(SERVICE, &BUSINESS).expect("request");
    let floor: SigningString = request.signing_string().clone();
    assert_eq!(
        floor,
        signing_string(&params("utf-8", SNS_USER_ID), Charset::Utf8).expect("signing string")
    );
    assert_eq!(signer.sign(&floor).expect("sign"), request.sign());

    let mut group = c.benchmark_group("request");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("md5/sign_params_url", |b| {
        b.iter(|| {
            client
                .sign_params(black_box(SERVICE), black_box(&BUSINESS))
                .expect("request")
                .url()
        })
    });
    group.bench_function("md5/bare_sign_prebuilt", |b| {
        b.iter(|| signer.sign(black_box(&floor)))
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_signing_string,
    bench_sign,
    bench_verify,
    bench_request
);
criterion_main!(benches);

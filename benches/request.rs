//! The generated request path against its floors, for `sns.cae.sign.customer`
//! with MD5:
//!
//! - `signing_string/*`: the generated, compile-time-ordered builder vs the
//!   runtime's generic sort-and-join over the same values (target: ≥ 3×);
//! - `page_url/*`: validate + signing string + sign + URL vs a bare MD5 of the
//!   same signing string bytes and key, the physical floor (target: ≤ 2×).
//!
//! Run with `cargo bench --bench request`.

use std::hint::black_box;
use std::time::Duration;

use alipay_mapi::keys::Md5Key;
use alipay_mapi::service::BaseParams;
use alipay_mapi::{signing_string, Charset, Client, ServiceRequest, Signer};
use alipay_mapi_interfaces::sns_cae_sign_customer::Request;
use criterion::{criterion_group, criterion_main, Criterion};
use md5::{Digest, Md5};

const KEY: &str = "10000000000000000000000000000000";
const PARTNER: &str = "2088002464631181";

fn request(user: &str) -> Request {
    Request {
        return_url: "http://www.test.com/notify/alipay/interface.htm".into(),
        sns_user_id: user.into(),
        key: "20110511EF39E0403F8F48EF8E02121C9824210F".into(),
    }
}

fn benches(c: &mut Criterion) {
    for (label, charset, user) in [
        ("utf8", Charset::Utf8, "id2011103454654656"),
        ("gbk", Charset::Gbk, "用户id2011103454654656"),
    ] {
        let request = request(user);
        let base = BaseParams {
            partner: PARTNER,
            charset,
        };
        let params = request.params(&base);
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let generated = request.signing_string(&base).unwrap();
        assert_eq!(generated, signing_string(&pairs, charset).unwrap());

        let mut g = c.benchmark_group(format!("signing_string/{label}"));
        g.measurement_time(Duration::from_secs(3));
        g.bench_function("generated", |b| {
            b.iter(|| {
                black_box(&request)
                    .signing_string(black_box(&base))
                    .unwrap()
            })
        });
        g.bench_function("generic_sort_and_join", |b| {
            b.iter(|| signing_string(black_box(&pairs), charset).unwrap())
        });
        g.finish();

        let client = Client::new(PARTNER, Signer::md5(Md5Key::new(KEY).unwrap()))
            .unwrap()
            .with_charset(charset);
        let url = client.page_url(&request).unwrap();
        let floor_hex = {
            let mut h = Md5::new();
            h.update(generated.as_bytes());
            h.update(KEY.as_bytes());
            h.finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        assert!(url.ends_with(&floor_hex), "the floor hashes the same bytes");

        let mut g = c.benchmark_group(format!("page_url/{label}"));
        g.measurement_time(Duration::from_secs(3));
        g.bench_function("page_url", |b| {
            b.iter(|| client.page_url(black_box(&request)).unwrap())
        });
        g.bench_function("sign_request_then_url", |b| {
            b.iter(|| client.sign_request(black_box(&request)).unwrap().url())
        });
        g.bench_function("bare_md5_floor", |b| {
            b.iter(|| {
                let mut h = Md5::new();
                h.update(black_box(generated.as_bytes()));
                h.update(KEY.as_bytes());
                h.finalize()
            })
        });
        g.finish();
    }
}

criterion_group!(request_benches, benches);
criterion_main!(request_benches);

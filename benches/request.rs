//! The generated request path against its baselines, for
//! `sns.cae.sign.customer` with MD5 in UTF-8 and GBK, and for a synthetic
//! interface of 20 business parameters (`codegen/benches/synthetic_20.md`):
//!
//! - `signing_string/*`: the generated, compile-time-ordered builder
//!   (`generated`) vs the runtime's generic sort-and-join over the same
//!   values (`generic_sort_and_join`), and the floor under both:
//!   `copy_floor`, the same `name=value&…` pieces copied in order into a
//!   fresh `String`, with no rule, no check and no encoding;
//! - `page_url/*`: validate + signing string + sign + URL in one call vs
//!   `sign_request(..).url()` and a bare MD5 of the same signing string
//!   bytes and key (`bare_md5_floor`).
//!
//! Run with `cargo bench --bench request`; the README's Performance section
//! has the figures.

use std::hint::black_box;
use std::time::Duration;

use alipay_mapi::keys::Md5Key;
use alipay_mapi::service::BaseParams;
use alipay_mapi::{alipay_service, signing_string, Charset, Client, ServiceRequest, Signer};
use alipay_mapi_interfaces::sns_cae_sign_customer::Request;
use criterion::{criterion_group, criterion_main, Criterion};
use md5::{Digest, Md5};

const KEY: &str = "10000000000000000000000000000000";
const PARTNER: &str = "2088002464631181";

#[alipay_service("bench.trade.create.n000", doc = "codegen/benches/synthetic_20.md")]
mod synthetic {}

/// A request of the synthetic interface with every parameter set, from the
/// examples of its table.
fn synthetic_request() -> synthetic::Request {
    serde_json::from_value(serde_json::json!({
        "pay_count": "73381.49", "coupon_email": "user717@example.com",
        "trade_phone": "504765347808", "order_price": "89851.18",
        "user_email": "user361@example.com", "item_amount": "87473.87",
        "refund_phone": "1", "refund_mode": "4", "pay_no": "244384611071",
        "seller_name": "999833830281", "goods_mode": "192065361287",
        "goods_url": "http://www.example.com/goods_url/25",
        "discount_no": "687502869204",
        "account_url": "http://www.example.com/account_url/10",
        "out_amount": "31320.97", "product_date": "2011-07-02 17:47:56",
        "biz_type": "198950", "operator_amount": "773.70",
        "biz_email": "user532@example.com", "trade_limit": "39427.87",
    }))
    .expect("the synthetic request's values are valid")
}

/// The three `signing_string` baselines for `request`.
fn signing_string_group<R: ServiceRequest>(
    c: &mut Criterion,
    label: &str,
    request: &R,
    charset: Charset,
) {
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
    let floor = |pairs: &[(&str, &str)]| {
        let mut s = String::with_capacity(generated.as_str().len());
        for (i, (name, value)) in pairs.iter().enumerate() {
            if i > 0 {
                s.push('&');
            }
            s.push_str(name);
            s.push('=');
            s.push_str(value);
        }
        s
    };
    assert_eq!(
        floor(&pairs),
        generated.as_str(),
        "the floor copies the same bytes"
    );

    let mut g = c.benchmark_group(format!("signing_string/{label}"));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("generated", |b| {
        b.iter(|| black_box(request).signing_string(black_box(&base)).unwrap())
    });
    g.bench_function("generic_sort_and_join", |b| {
        b.iter(|| signing_string(black_box(&pairs), charset).unwrap())
    });
    g.bench_function("copy_floor", |b| b.iter(|| floor(black_box(&pairs))));
    g.finish();
}

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
        signing_string_group(c, label, &request, charset);
        let base = BaseParams {
            partner: PARTNER,
            charset,
        };
        let generated = request.signing_string(&base).unwrap();

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

fn synthetic(c: &mut Criterion) {
    signing_string_group(c, "synthetic20", &synthetic_request(), Charset::Utf8);
}

criterion_group!(request_benches, benches, synthetic);
criterion_main!(request_benches);

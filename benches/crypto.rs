//! Public-key crypto: sign and verify with RSA-1024 (SHA1), RSA-2048 (SHA1),
//! RSA2-2048 (SHA256) and DSA-1024 (SHA1), through the public API
//! ([`Signer::sign_message`], [`Verifier::verify_message`], base64 included),
//! with OpenSSL's own speed as the baseline in the same group.
//!
//! The back-end is chosen at compile time, so run it twice:
//!
//! ```text
//! cargo bench --bench crypto --features rsa,dsa            # ids …/pure-rust
//! cargo bench --bench crypto --features rsa,dsa,openssl    # ids …/openssl and …/raw_openssl
//! openssl speed -seconds 3 rsa1024 rsa2048 dsa1024         # the CLI's figures
//! ```
//!
//! Groups are `<key>/<operation>` (`rsa1024_sha1/sign`, …); in each, the
//! function id is the back-end that [`keys::backend`] reports (`pure-rust` or
//! `openssl`), and with the `openssl` feature also `raw_openssl`: the
//! `openssl` crate's own `Signer` / `Verifier` over the same bytes with the
//! same key, loaded once — no base64, no checks of ours. The ratio of
//! `openssl` to `raw_openssl` is what this crate adds on top of OpenSSL.
//!
//! DSA signing is the same Rust code in both builds (OpenSSL 3.0 only signs
//! DSA with a random k; ours is RFC 6979's), so `dsa1024_sha1/sign/openssl`
//! measures that code too; its `raw_openssl` is OpenSSL's own (randomized)
//! DSA signing, the speed OpenSSL gives.

use std::hint::black_box;
use std::time::Duration;

use alipay_mapi::keys::{self, DsaPrivateKey, DsaPublicKey, RsaPrivateKey, RsaPublicKey};
use alipay_mapi::{signing_string, Charset, SignType, Signer, Verifier};
use criterion::{criterion_group, criterion_main, Criterion};

const RSA1024_PRIVATE: &str = include_str!("../runtime/tests/fixtures/rsa1024.pkcs8.pem");
const RSA1024_PUBLIC: &str = include_str!("../runtime/tests/fixtures/rsa1024.pub.pem");
const RSA2048_PRIVATE: &str = include_str!("../runtime/tests/fixtures/rsa2048.pkcs8.pem");
const RSA2048_PUBLIC: &str = include_str!("../runtime/tests/fixtures/rsa2048.pub.pem");
const DSA1024_PRIVATE: &str = include_str!("../runtime/tests/fixtures/dsa1024.pkcs8.pem");
const DSA1024_PUBLIC: &str = include_str!("../runtime/tests/fixtures/dsa1024.pub.pem");

/// One key and sign type under test.
struct Case {
    name: &'static str,
    sign_type: SignType,
    private_pem: &'static str,
    public_pem: &'static str,
}

const CASES: [Case; 4] = [
    Case {
        name: "rsa1024_sha1",
        sign_type: SignType::Rsa,
        private_pem: RSA1024_PRIVATE,
        public_pem: RSA1024_PUBLIC,
    },
    Case {
        name: "rsa2048_sha1",
        sign_type: SignType::Rsa,
        private_pem: RSA2048_PRIVATE,
        public_pem: RSA2048_PUBLIC,
    },
    Case {
        name: "rsa2_2048_sha256",
        sign_type: SignType::Rsa2,
        private_pem: RSA2048_PRIVATE,
        public_pem: RSA2048_PUBLIC,
    },
    Case {
        name: "dsa1024_sha1",
        sign_type: SignType::Dsa,
        private_pem: DSA1024_PRIVATE,
        public_pem: DSA1024_PUBLIC,
    },
];

impl Case {
    fn signer(&self) -> Signer {
        match self.sign_type {
            SignType::Rsa => Signer::rsa(RsaPrivateKey::load(self.private_pem).expect("key")),
            SignType::Rsa2 => Signer::rsa2(RsaPrivateKey::load(self.private_pem).expect("key")),
            SignType::Dsa => Signer::dsa(DsaPrivateKey::load(self.private_pem).expect("key")),
            SignType::Md5 => unreachable!("no MD5 case"),
        }
    }

    fn verifier(&self) -> Verifier {
        match self.sign_type {
            SignType::Rsa => Verifier::rsa(RsaPublicKey::load(self.public_pem).expect("key")),
            SignType::Rsa2 => Verifier::rsa2(RsaPublicKey::load(self.public_pem).expect("key")),
            SignType::Dsa => Verifier::dsa(DsaPublicKey::load(self.public_pem).expect("key")),
            SignType::Md5 => unreachable!("no MD5 case"),
        }
    }
}

/// The bytes signed: the signing string of a `sns.cae.sign.customer` call.
fn message() -> Vec<u8> {
    signing_string(
        &[
            ("service", "sns.cae.sign.customer"),
            ("partner", "2088002464631181"),
            ("_input_charset", "utf-8"),
            (
                "return_url",
                "http://www.test.com/notify/alipay/interface.htm",
            ),
            ("sns_user_id", "id2011103454654656"),
            ("key", "20110511EF39E0403F8F48EF8E02121C9824210F"),
        ],
        Charset::Utf8,
    )
    .expect("signing string")
    .as_bytes()
    .to_vec()
}

/// The `openssl` crate used directly: keys loaded once, `Signer` and
/// `Verifier` made per operation as an application would.
#[cfg(feature = "openssl")]
mod raw {
    use openssl::hash::MessageDigest;
    use openssl::pkey::{PKey, Private, Public};
    use openssl::sign::{Signer, Verifier};

    use super::*;

    pub fn b64(bytes: &[u8]) -> String {
        openssl::base64::encode_block(bytes)
    }

    pub fn unb64(text: &str) -> Vec<u8> {
        openssl::base64::decode_block(text).expect("base64")
    }

    pub struct Raw {
        digest: MessageDigest,
        private: PKey<Private>,
        public: PKey<Public>,
    }

    impl Raw {
        pub fn new(case: &Case) -> Self {
            Raw {
                digest: match case.sign_type {
                    SignType::Rsa2 => MessageDigest::sha256(),
                    _ => MessageDigest::sha1(),
                },
                private: PKey::private_key_from_pem(case.private_pem.as_bytes()).expect("key"),
                public: PKey::public_key_from_pem(case.public_pem.as_bytes()).expect("key"),
            }
        }

        pub fn sign(&self, message: &[u8]) -> Vec<u8> {
            Signer::new(self.digest, &self.private)
                .and_then(|mut s| s.sign_oneshot_to_vec(message))
                .expect("raw openssl sign")
        }

        pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
            Verifier::new(self.digest, &self.public)
                .and_then(|mut v| v.verify_oneshot(signature, message))
                .expect("raw openssl verify")
        }
    }
}

fn bench_crypto(c: &mut Criterion) {
    let message = message();
    let backend = keys::backend();
    for case in &CASES {
        let signer = case.signer();
        let verifier = case.verifier();
        let sign = signer.sign_message(&message).expect("sign");
        verifier
            .verify_message(&message, &sign)
            .expect("own signature verifies");
        #[cfg(feature = "openssl")]
        let raw = {
            use raw::{b64, unb64};
            let raw = raw::Raw::new(case);
            // Both sides agree: OpenSSL verifies ours and we verify OpenSSL's,
            // and RSA signatures are byte-identical.
            assert!(raw.verify(&message, &unb64(&sign)));
            let theirs = raw.sign(&message);
            verifier
                .verify_message(&message, &b64(&theirs))
                .expect("OpenSSL's signature verifies");
            if case.sign_type != SignType::Dsa {
                assert_eq!(b64(&theirs), sign);
            }
            raw
        };

        let mut group = c.benchmark_group(format!("{}/sign", case.name));
        group
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .sample_size(40);
        group.bench_function(backend, |b| {
            b.iter(|| signer.sign_message(black_box(&message)).expect("sign"))
        });
        #[cfg(feature = "openssl")]
        group.bench_function("raw_openssl", |b| b.iter(|| raw.sign(black_box(&message))));
        group.finish();

        let mut group = c.benchmark_group(format!("{}/verify", case.name));
        group
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .sample_size(40);
        group.bench_function(backend, |b| {
            b.iter(|| {
                verifier
                    .verify_message(black_box(&message), black_box(&sign))
                    .expect("verify")
            })
        });
        #[cfg(feature = "openssl")]
        {
            let signature = raw::unb64(&sign);
            group.bench_function("raw_openssl", |b| {
                b.iter(|| assert!(raw.verify(black_box(&message), black_box(&signature))))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench_crypto);
criterion_main!(benches);

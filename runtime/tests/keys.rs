//! Key loading: every format from a string and from a file, the pairs agree,
//! errors name the formats tried and say what was found instead, `Debug`
//! shows no key material, and no input panics.
//!
//! Fixtures are in `tests/fixtures/` (see its README.md).
#![cfg(any(feature = "rsa", feature = "dsa"))]

use std::path::PathBuf;

use base64::Engine as _;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// The ways a key's text gets mangled on its way to a config file. Each must
/// still load.
fn variants(text: &str) -> Vec<String> {
    let trimmed = text.trim();
    let mut out = vec![
        text.to_owned(),
        trimmed.to_owned(),
        format!("\n\n  {trimmed}  \n\t\n"),
        trimmed.replace('\n', "\r\n"),
        // Newlines turned into spaces (pasted into a one-line field).
        trimmed.replace('\n', " "),
        // Newlines lost altogether.
        trimmed.replace('\n', ""),
        // Newlines written as literal `\n` (a JSON or .properties value).
        trimmed.replace('\n', "\\n"),
        format!("\u{feff}{trimmed}"),
    ];
    if !trimmed.contains("-----") {
        // Bare base64: wrapped at 64 and at 76 columns.
        for width in [64, 76] {
            let chunks: Vec<String> = trimmed
                .as_bytes()
                .chunks(width)
                .map(|c| String::from_utf8(c.to_vec()).unwrap())
                .collect();
            out.push(chunks.join("\n"));
            out.push(chunks.join("\r\n"));
        }
        // Padding lost.
        out.push(trimmed.trim_end_matches('=').to_owned());
    }
    out
}

/// Every 16-character window of the base64 and the hex of a key's DER; none
/// may appear in `Debug` output.
fn material_windows(der: &[u8]) -> Vec<String> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
    let upper = hex.to_uppercase();
    let mut out = Vec::new();
    for s in [&b64, &hex, &upper] {
        let chars: Vec<char> = s.chars().collect();
        // Skip the structure's first bytes (the same for every key of a kind).
        for w in chars.windows(16).skip(24) {
            out.push(w.iter().collect());
        }
    }
    out
}

fn assert_no_material(debug: &str, der: &[u8]) {
    for window in material_windows(der) {
        assert!(
            !debug.contains(&window),
            "Debug output {debug:?} contains key material"
        );
    }
    // Nor any long run of hex digits or decimal digits (a printed big integer).
    let longest_hex_run = debug
        .split(|c: char| !c.is_ascii_hexdigit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    assert!(longest_hex_run < 16, "{debug:?}");
}

/// Inputs that must give an error (or, at most, a key) and never panic.
fn hostile_inputs() -> Vec<String> {
    let mut out: Vec<String> = [
        "",
        " ",
        "\n\r\t",
        "-----BEGIN",
        "-----BEGIN-----",
        "-----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY----------END RSA PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\n!!!!\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nMA==\n-----END PRIVATE KEY-----",
        "-----END RSA PRIVATE KEY-----",
        "-----BEGIN X-----\nMAA=\n-----END Y-----",
        "MA==",
        "MAA=",
        "MIIBIjAN",
        "AAAA",
        "====",
        "=",
        "\\n",
        "Proc-Type: 4,ENCRYPTED",
        "10000000000000000000000000000000",
        "用户",
        "\u{0}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Pseudo-random base64 of pseudo-random bytes, some starting like DER.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..200 {
        let len = (next() % 300) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if i % 2 == 0 && bytes.len() > 2 {
            bytes[0] = 0x30;
            bytes[1] = (bytes.len() - 2).min(0x7f) as u8;
        }
        out.push(base64::engine::general_purpose::STANDARD.encode(&bytes));
        out.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    out
}

/// Truncations and single-byte changes of a valid DER key: every prefix,
/// and every byte of the first 64 flipped.
fn mutations(der: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for len in 0..der.len() {
        out.push(der[..len].to_vec());
    }
    for i in 0..der.len().min(64) {
        for flip in [0x01, 0x80, 0xff] {
            let mut m = der.to_vec();
            m[i] ^= flip;
            out.push(m);
        }
    }
    let mut longer = der.to_vec();
    longer.push(0);
    out.push(longer);
    out
}

#[cfg(feature = "rsa")]
mod rsa {
    use super::*;
    use alipay_mapi_runtime::keys::{KeyError, RsaPrivateKey, RsaPublicKey};
    use alipay_mapi_runtime::{signing_string, Charset, Signer, Verifier};

    const PRIVATE_FILES: [&str; 6] = [
        "pkcs1.pem",
        "pkcs8.pem",
        "pkcs1.der",
        "pkcs8.der",
        "pkcs1.b64",
        "pkcs8.b64",
    ];
    const PUBLIC_FILES: [&str; 4] = ["pub.pem", "pub.pkcs1.pem", "pub.der", "pub.b64"];

    fn is_text(file: &str) -> bool {
        !file.ends_with(".der")
    }

    /// The key signs, and the public key from the fixture verifies it.
    fn assert_pair(private: &RsaPrivateKey, public: &RsaPublicKey) {
        let s = signing_string(
            &[("partner", "2088002464631181"), ("x", "用户")],
            Charset::Gbk,
        )
        .unwrap();
        let sign = Signer::rsa2(private.clone()).sign(&s).unwrap();
        Verifier::rsa2(public.clone()).verify(&s, &sign).unwrap();
        assert_eq!(&private.public_key(), public);
        Verifier::rsa2(private.public_key())
            .verify(&s, &sign)
            .unwrap();
    }

    #[test]
    fn every_private_format_loads_from_string_and_file() {
        for bits in [1024, 2048] {
            let public = RsaPublicKey::load_file(fixture(&format!("rsa{bits}.pub.pem"))).unwrap();
            for file in PRIVATE_FILES {
                let name = format!("rsa{bits}.{file}");
                let from_file = RsaPrivateKey::load_file(fixture(&name))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(from_file.bits(), bits);
                assert_pair(&from_file, &public);
                if is_text(file) {
                    for variant in variants(&text(&name)) {
                        let key = RsaPrivateKey::load(&variant)
                            .unwrap_or_else(|e| panic!("{name} as {variant:?}: {e}"));
                        assert_eq!(key.public_key(), public);
                    }
                } else {
                    let key = RsaPrivateKey::from_der(&bytes(&name)).unwrap();
                    assert_pair(&key, &public);
                }
            }
        }
    }

    #[test]
    fn every_public_format_loads_from_string_and_file() {
        for bits in [1024, 2048] {
            let private =
                RsaPrivateKey::load_file(fixture(&format!("rsa{bits}.pkcs8.pem"))).unwrap();
            for file in PUBLIC_FILES {
                let name = format!("rsa{bits}.{file}");
                let from_file = RsaPublicKey::load_file(fixture(&name))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(from_file.bits(), bits);
                assert_pair(&private, &from_file);
                if is_text(file) {
                    for variant in variants(&text(&name)) {
                        let key = RsaPublicKey::load(&variant)
                            .unwrap_or_else(|e| panic!("{name} as {variant:?}: {e}"));
                        assert_eq!(key, from_file);
                    }
                } else {
                    assert_eq!(RsaPublicKey::from_der(&bytes(&name)).unwrap(), from_file);
                }
            }
        }
    }

    #[test]
    fn different_keys_are_not_equal() {
        let a = RsaPublicKey::load(&text("rsa2048.pub.pem")).unwrap();
        let b = RsaPublicKey::load(&text("rsa-wrong.pub.pem")).unwrap();
        assert_ne!(a, b);
    }

    const PRIVATE_TRIED: [&str; 5] = [
        "PEM PKCS#1 (BEGIN RSA PRIVATE KEY)",
        "PEM PKCS#8 (BEGIN PRIVATE KEY)",
        "DER PKCS#1 (RSAPrivateKey)",
        "DER PKCS#8 (PrivateKeyInfo)",
        "base64 DER (PKCS#1 or PKCS#8, one line or wrapped)",
    ];

    fn private_err(text: &str) -> KeyError {
        let err = RsaPrivateKey::load(text).unwrap_err();
        assert_eq!(err.kind(), "RSA private key");
        assert_eq!(err.tried(), PRIVATE_TRIED);
        err
    }

    fn public_err(text: &str) -> KeyError {
        let err = RsaPublicKey::load(text).unwrap_err();
        assert_eq!(err.kind(), "RSA public key");
        assert!(err.tried().iter().any(|t| t.contains("BEGIN PUBLIC KEY")));
        assert!(err
            .tried()
            .iter()
            .any(|t| t.contains("BEGIN RSA PUBLIC KEY")));
        err
    }

    fn assert_says(err: &KeyError, parts: &[&str]) {
        let message = err.to_string();
        for part in parts {
            assert!(message.contains(part), "{message:?} lacks {part:?}");
        }
    }

    #[test]
    fn errors_name_the_formats_tried() {
        let err = private_err("this is not a key");
        assert_says(
            &err,
            &[
                "could not read the RSA private key",
                "tried: PEM PKCS#1 (BEGIN RSA PRIVATE KEY), PEM PKCS#8 (BEGIN PRIVATE KEY), \
                 DER PKCS#1 (RSAPrivateKey), DER PKCS#8 (PrivateKeyInfo), base64 DER",
                "not base64",
            ],
        );
        assert_says(&private_err(""), &["empty"]);
        assert_says(&private_err("  \n "), &["empty"]);
        assert_says(&public_err("MAA="), &["not any key format"]);
        let err = RsaPrivateKey::from_der(b"\x30\x03\x02\x01\x00").unwrap_err();
        assert_eq!(err.tried(), PRIVATE_TRIED);
    }

    #[test]
    fn a_key_cut_short_says_so() {
        // A PEM block with its last base64 lines lost (the END line kept),
        // and the DER of a public key cut in half.
        let pem = text("rsa2048.pub.pem");
        let lines: Vec<&str> = pem.lines().collect();
        let mut cut: Vec<&str> = lines[..lines.len() - 4].to_vec();
        cut.push(lines[lines.len() - 1]);
        let err = public_err(&cut.join("\n"));
        assert_says(&err, &["cut short"]);
        let whole = std::fs::read(fixture("rsa2048.pub.der")).unwrap();
        let err = RsaPublicKey::from_der(&whole[..whole.len() / 2]).unwrap_err();
        assert!(err.to_string().contains("cut short"), "{err}");
    }

    #[test]
    fn public_key_given_for_private_says_so() {
        for file in [
            "rsa2048.pub.pem",
            "rsa2048.pub.pkcs1.pem",
            "rsa2048.pub.b64",
        ] {
            let err = private_err(&text(file));
            assert_says(
                &err,
                &[
                    "found an RSA public key",
                    "needs the merchant's own private key",
                    "only verifies",
                ],
            );
        }
        let err = RsaPrivateKey::from_der(&bytes("rsa1024.pub.der")).unwrap_err();
        assert_says(&err, &["found an RSA public key (SPKI)", "only verifies"]);
    }

    #[test]
    fn private_key_given_for_public_says_so() {
        for file in [
            "rsa2048.pkcs1.pem",
            "rsa2048.pkcs8.pem",
            "rsa2048.pkcs8.b64",
        ] {
            let err = public_err(&text(file));
            assert_says(
                &err,
                &[
                    "found an RSA private key",
                    "verifying needs the gateway's public key",
                ],
            );
        }
    }

    #[test]
    fn dsa_key_given_to_rsa_says_so() {
        let err = private_err(&text("dsa1024.traditional.pem"));
        assert_says(&err, &["found a DSA private key", "sign_type DSA"]);
        let err = private_err(&text("dsa1024.pkcs8.pem"));
        assert_says(&err, &["found a DSA private key (PKCS#8)", "sign_type DSA"]);
        let err = public_err(&text("dsa1024.pub.pem"));
        assert_says(&err, &["found a DSA public key (SPKI)", "sign_type DSA"]);
    }

    #[test]
    fn encrypted_keys_are_refused_with_a_hint() {
        for file in ["rsa2048.encrypted.pkcs8.pem", "rsa2048.encrypted.pkcs1.pem"] {
            let err = private_err(&text(file));
            assert_says(&err, &["encrypted", "not supported", "openssl pkcs8"]);
            let err = RsaPrivateKey::load_file(fixture(file)).unwrap_err();
            assert_says(&err, &["encrypted", "openssl pkcs8", file]);
        }
    }

    #[test]
    fn certificate_given_for_public_key_says_how_to_extract_it() {
        let err = public_err(&text("rsa2048.cert.pem"));
        assert_says(&err, &["X.509 certificate", "openssl x509", "-pubkey"]);
    }

    #[test]
    fn small_rsa_key_is_refused() {
        let err = private_err(&text("rsa512.pkcs1.pem"));
        assert_says(&err, &["512 bits is not supported"]);
    }

    #[test]
    fn md5_key_given_to_rsa_says_so() {
        let err = private_err("10000000000000000000000000000000");
        assert_says(&err, &["MD5 key"]);
    }

    #[test]
    fn pem_key_given_as_md5_key_says_so() {
        let err = alipay_mapi_runtime::keys::Md5Key::new(text("rsa1024.pkcs8.pem"))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("key in PEM, not the MD5 secret"), "{err}");
        assert!(!err.contains("MII"), "no key material: {err}");
        let err = alipay_mapi_runtime::keys::Md5Key::new(text("dsa1024.pkcs8.pem"))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("key in PEM"), "{err}");
        let err = alipay_mapi_runtime::keys::Md5Key::new("two words")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("one word of printable characters"), "{err}");
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = RsaPrivateKey::load_file("/nonexistent/merchant_key.pem").unwrap_err();
        assert_says(&err, &["/nonexistent/merchant_key.pem"]);
        let err = RsaPublicKey::load_file(fixture("msg.gbk.txt")).unwrap_err();
        assert_says(&err, &["msg.gbk.txt"]);
    }

    #[test]
    fn debug_shows_no_key_material() {
        let der = bytes("rsa2048.pkcs1.der");
        let private = RsaPrivateKey::from_der(&der).unwrap();
        let public = private.public_key();
        assert_eq!(format!("{private:?}"), "RsaPrivateKey { bits: 2048 }");
        assert_eq!(format!("{public:?}"), "RsaPublicKey { bits: 2048 }");
        for debug in [
            format!("{private:?}"),
            format!("{private:#?}"),
            format!("{public:?}"),
            format!("{:?}", Signer::rsa(private.clone())),
            format!("{:#?}", Signer::rsa2(private.clone())),
            format!("{:?}", Verifier::rsa(public.clone())),
            format!("{:?}", Verifier::rsa2(public.clone())),
        ] {
            assert_no_material(&debug, &der);
        }
        // Errors show none either.
        let err = RsaPublicKey::load(&text("rsa2048.pkcs1.pem")).unwrap_err();
        assert_no_material(&format!("{err:?} {err}"), &der);
    }

    #[test]
    fn hostile_input_never_panics() {
        for input in hostile_inputs() {
            let _ = RsaPrivateKey::load(&input);
            let _ = RsaPublicKey::load(&input);
            let _ = RsaPrivateKey::from_der(input.as_bytes());
            let _ = RsaPublicKey::from_der(input.as_bytes());
        }
        for name in ["rsa1024.pkcs1.der", "rsa1024.pkcs8.der", "rsa1024.pub.der"] {
            for m in mutations(&bytes(name)) {
                let _ = RsaPrivateKey::from_der(&m);
                let _ = RsaPublicKey::from_der(&m);
            }
        }
    }
}

#[cfg(feature = "dsa")]
mod dsa {
    use super::*;
    use alipay_mapi_runtime::keys::{DsaPrivateKey, DsaPublicKey, KeyError};
    use alipay_mapi_runtime::{signing_string, Charset, Signer, Verifier};

    const PRIVATE_FILES: [&str; 6] = [
        "traditional.pem",
        "pkcs8.pem",
        "traditional.der",
        "pkcs8.der",
        "traditional.b64",
        "pkcs8.b64",
    ];
    const PUBLIC_FILES: [&str; 3] = ["pub.pem", "pub.der", "pub.b64"];

    fn assert_pair(private: &DsaPrivateKey, public: &DsaPublicKey) {
        let s = signing_string(
            &[("partner", "2088002464631181"), ("x", "用户")],
            Charset::Gbk,
        )
        .unwrap();
        let sign = Signer::dsa(private.clone()).sign(&s).unwrap();
        Verifier::dsa(public.clone()).verify(&s, &sign).unwrap();
        assert!(private.public_key() == *public);
        Verifier::dsa(private.public_key())
            .verify(&s, &sign)
            .unwrap();
    }

    #[test]
    fn every_private_format_loads_from_string_and_file() {
        let public = DsaPublicKey::load_file(fixture("dsa1024.pub.pem")).unwrap();
        for file in PRIVATE_FILES {
            let name = format!("dsa1024.{file}");
            let from_file =
                DsaPrivateKey::load_file(fixture(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(from_file.bits(), (1024, 160));
            assert_pair(&from_file, &public);
            if file.ends_with(".der") {
                assert_pair(&DsaPrivateKey::from_der(&bytes(&name)).unwrap(), &public);
            } else {
                for variant in variants(&text(&name)) {
                    let key = DsaPrivateKey::load(&variant)
                        .unwrap_or_else(|e| panic!("{name} as {variant:?}: {e}"));
                    assert!(key.public_key() == public);
                }
            }
        }
    }

    #[test]
    fn every_public_format_loads_from_string_and_file() {
        let private = DsaPrivateKey::load_file(fixture("dsa1024.traditional.pem")).unwrap();
        for file in PUBLIC_FILES {
            let name = format!("dsa1024.{file}");
            let from_file =
                DsaPublicKey::load_file(fixture(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(from_file.bits(), (1024, 160));
            assert_pair(&private, &from_file);
            if file.ends_with(".der") {
                assert!(DsaPublicKey::from_der(&bytes(&name)).unwrap() == from_file);
            } else {
                for variant in variants(&text(&name)) {
                    let key = DsaPublicKey::load(&variant)
                        .unwrap_or_else(|e| panic!("{name} as {variant:?}: {e}"));
                    assert!(key == from_file);
                }
            }
        }
    }

    #[test]
    fn parameters_before_the_key_are_skipped() {
        let text = format!(
            "{}{}",
            text("dsa1024.params.pem"),
            text("dsa1024.traditional.pem")
        );
        let key = DsaPrivateKey::load(&text).unwrap();
        assert_pair(
            &key,
            &DsaPublicKey::load(&super::text("dsa1024.pub.pem")).unwrap(),
        );
        let err = DsaPrivateKey::load(&super::text("dsa1024.params.pem")).unwrap_err();
        assert_says(
            &err,
            &[
                "DSA parameters (p, q, g) without a key",
                "openssl genpkey -paramfile",
            ],
        );
    }

    #[test]
    fn traditional_key_with_a_wrong_y_is_refused() {
        // Swap in the y of another key with the same parameters.
        let main = bytes("dsa1024.traditional.der");
        let other_pem = text("dsa-wrong.pkcs8.pem");
        let other = DsaPrivateKey::load(&other_pem).unwrap();
        assert!(other.public_key() != DsaPublicKey::load(&text("dsa1024.pub.pem")).unwrap());
        // Find y (the fifth INTEGER) in the traditional DER and flip its last byte.
        let mut damaged = main.clone();
        let mut pos = 4; // SEQUENCE header (0x30 0x82 len len)
        for _ in 0..4 {
            assert_eq!(damaged[pos], 0x02);
            let (len, header) = der_len(&damaged[pos + 1..]);
            pos += 1 + header + len;
        }
        let (y_len, header) = der_len(&damaged[pos + 1..]);
        damaged[pos + header + y_len] ^= 1;
        let err = DsaPrivateKey::from_der(&damaged).unwrap_err();
        assert!(err.to_string().contains("y does not belong"), "{err}");
    }

    fn der_len(b: &[u8]) -> (usize, usize) {
        match b[0] {
            n if n < 0x80 => (n as usize, 1),
            0x81 => (b[1] as usize, 2),
            0x82 => (((b[1] as usize) << 8) | b[2] as usize, 3),
            _ => panic!("unexpected length"),
        }
    }

    fn private_err(text: &str) -> KeyError {
        let err = DsaPrivateKey::load(text).unwrap_err();
        assert_eq!(err.kind(), "DSA private key");
        assert_eq!(
            err.tried(),
            [
                "PEM traditional (BEGIN DSA PRIVATE KEY)",
                "PEM PKCS#8 (BEGIN PRIVATE KEY)",
                "DER traditional (SEQUENCE { 0, p, q, g, y, x })",
                "DER PKCS#8 (PrivateKeyInfo)",
                "base64 DER (traditional or PKCS#8, one line or wrapped)",
            ]
        );
        err
    }

    fn public_err(text: &str) -> KeyError {
        let err = DsaPublicKey::load(text).unwrap_err();
        assert_eq!(err.kind(), "DSA public key");
        assert!(err.tried().iter().any(|t| t.contains("BEGIN PUBLIC KEY")));
        err
    }

    fn assert_says(err: &KeyError, parts: &[&str]) {
        let message = err.to_string();
        for part in parts {
            assert!(message.contains(part), "{message:?} lacks {part:?}");
        }
    }

    #[test]
    fn errors_name_the_formats_tried() {
        assert_says(
            &private_err("garbage"),
            &["tried: PEM traditional (BEGIN DSA PRIVATE KEY), PEM PKCS#8 (BEGIN PRIVATE KEY)"],
        );
        assert_says(
            &public_err("garbage"),
            &["tried: PEM SPKI (BEGIN PUBLIC KEY)"],
        );
    }

    #[test]
    fn wrong_kinds_say_so() {
        assert_says(
            &private_err(&text("dsa1024.pub.pem")),
            &[
                "found a DSA public key",
                "needs the merchant's own private key",
            ],
        );
        assert_says(
            &public_err(&text("dsa1024.traditional.pem")),
            &[
                "found a DSA private key",
                "verifying needs the gateway's public key",
            ],
        );
        #[cfg(feature = "rsa")]
        {
            assert_says(
                &private_err(&text("rsa2048.pkcs1.pem")),
                &["found an RSA private key (PKCS#1)", "sign_type RSA or RSA2"],
            );
            assert_says(
                &public_err(&text("rsa2048.pub.b64")),
                &["found an RSA public key (SPKI)", "sign_type RSA or RSA2"],
            );
            assert_says(
                &private_err(&text("rsa2048.encrypted.pkcs8.pem")),
                &["encrypted", "openssl pkcs8"],
            );
        }
    }

    #[test]
    fn q_of_224_bits_is_refused() {
        for file in ["dsa1024-224.pkcs8.pem", "dsa1024-224.traditional.pem"] {
            assert_says(
                &private_err(&text(file)),
                &["1024/224", "q of 224 bits is not supported", "1024/160"],
            );
        }
        assert_says(
            &public_err(&text("dsa1024-224.pub.pem")),
            &["q of 224 bits is not supported"],
        );
    }

    #[test]
    fn debug_shows_no_key_material() {
        let der = bytes("dsa1024.traditional.der");
        let private = DsaPrivateKey::from_der(&der).unwrap();
        let public = private.public_key();
        assert_eq!(
            format!("{private:?}"),
            "DsaPrivateKey { p_bits: 1024, q_bits: 160 }"
        );
        assert_eq!(
            format!("{public:?}"),
            "DsaPublicKey { p_bits: 1024, q_bits: 160 }"
        );
        for debug in [
            format!("{private:?}"),
            format!("{private:#?}"),
            format!("{public:#?}"),
            format!("{:?}", Signer::dsa(private.clone())),
            format!("{:?}", Verifier::dsa(public.clone())),
        ] {
            assert_no_material(&debug, &der);
        }
    }

    #[test]
    fn hostile_input_never_panics() {
        for input in hostile_inputs() {
            let _ = DsaPrivateKey::load(&input);
            let _ = DsaPublicKey::load(&input);
            let _ = DsaPrivateKey::from_der(input.as_bytes());
            let _ = DsaPublicKey::from_der(input.as_bytes());
        }
        for name in [
            "dsa1024.traditional.der",
            "dsa1024.pkcs8.der",
            "dsa1024.pub.der",
        ] {
            for m in mutations(&bytes(name)) {
                let _ = DsaPrivateKey::from_der(&m);
                let _ = DsaPublicKey::from_der(&m);
            }
        }
    }

    #[test]
    fn hostile_signatures_never_panic() {
        let verifier = Verifier::dsa(DsaPublicKey::load(&text("dsa1024.pub.pem")).unwrap());
        let s = signing_string(&[("a", "1")], Charset::Utf8).unwrap();
        let good = Signer::dsa(DsaPrivateKey::load(&text("dsa1024.pkcs8.pem")).unwrap())
            .sign(&s)
            .unwrap();
        let good = base64::engine::general_purpose::STANDARD
            .decode(good)
            .unwrap();
        for m in mutations(&good) {
            let sign = base64::engine::general_purpose::STANDARD.encode(&m);
            assert!(verifier.verify(&s, &sign).is_err());
        }
    }
}

/// An RSA or DSA key in base64 on one line (as the merchant console shows
/// keys; these files are OpenSSL's) is refused as an MD5 secret, whichever
/// way it arrives. A public key taken as one would let anyone sign: the
/// gateway's public key is public.
#[cfg(feature = "md5")]
#[test]
fn a_base64_rsa_or_dsa_key_is_no_md5_secret() {
    use alipay_mapi_runtime::keys::Md5Key;
    use alipay_mapi_runtime::{SignType, Signer, Verifier};
    for file in [
        "rsa512.pub.b64",
        "rsa1024.pub.b64",
        "rsa2048.pub.b64",
        "rsa1024.pkcs1.b64",
        "rsa1024.pkcs8.b64",
        "rsa2048.pkcs1.b64",
        "rsa2048.pkcs8.b64",
        "dsa1024.pub.b64",
        "dsa1024.pkcs8.b64",
        "dsa1024.traditional.b64",
    ] {
        let one_line: String = text(file).split_whitespace().collect();
        let unpadded = one_line.trim_end_matches('=').to_owned();
        for key in [one_line.as_str(), unpadded.as_str()] {
            let err = Md5Key::new(key).err().unwrap_or_else(|| panic!("{file}"));
            let err = err.to_string();
            assert!(
                err.contains("RSA or DSA key (DER) in base64"),
                "{file}: {err}"
            );
            assert!(!err.contains(&key[..20]), "no key material: {err}");
            assert!(Signer::from_key_text(SignType::Md5, key).is_err(), "{file}");
            assert!(
                Verifier::from_key_text(SignType::Md5, key).is_err(),
                "{file}"
            );
        }
    }
    // A signature in base64 is no DER key: it stays a (strange) secret.
    Md5Key::new(text("return.rsa.sig.b64").trim()).unwrap();
    // The console's MD5 keys are 32 characters.
    Md5Key::new("0123456789abcdefghijklmnopqrstuv").unwrap();
}

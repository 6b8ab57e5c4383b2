//! Project Wycheproof vectors through our verifiers (and, for the
//! signature-generation files, our signer).
//!
//! The vectors are in `tests/data/wycheproof/`: byte-for-byte copies whose
//! origin (repository, commit, path, git blob) is in `SOURCES.md` there, and
//! whose use here is explained in `README.md` there. Every case of the
//! algorithms the gateway uses is run; every case that is not is skipped *by
//! group*, and the skipped groups are asserted, so a changed file is noticed.
//!
//! | file | run through | skipped |
//! |---|---|---|
//! | `dsa_test.json` | [`Verifier::dsa`]: the SHA-1, 1024/160 groups | SHA-224/SHA-256 groups (2048/224 keys) |
//! | `rsa_signature_2048_sha256_test.json` | [`Verifier::rsa2`]: all | none |
//! | `rsa_pkcs1_{1024,2048}_sig_gen_test.json` | [`Verifier::rsa`] (SHA-1), [`Verifier::rsa2`] (SHA-256), [`Signer`] | SHA-224/384/512 groups |
//!
//! # Decisions on `acceptable` cases
//!
//! Wycheproof's `acceptable` means "may be accepted or rejected". Ours:
//!
//! - **DSA, tcId 1 (`NoLeadingZero`, a BER/negative INTEGER `r`): rejected**,
//!   as [`SignatureError::Malformed`]. We read DSA signatures as strict DER
//!   (minimal lengths, minimal non-negative INTEGERs, nothing trailing), as
//!   OpenSSL does.
//! - **RSA2, tcId 8 (`MissingNull`, a DigestInfo without the NULL
//!   parameters): rejected**, as [`SignatureError::Mismatch`]. The encoded
//!   message is compared byte for byte with the one EMSA-PKCS1-v1_5 builds
//!   (with the NULL), as OpenSSL does.
//! - **Sig-gen signatures flagged only `WeakHash` (SHA-1), `SmallModulus`
//!   (1024 bits) or `SmallPublicKey` (e = 3): accepted**. They are correct
//!   signatures, and SHA-1 with 1024-bit keys is exactly what the gateway's
//!   sign type `RSA` uses. The two `valid` e = 3 cases of the verify file
//!   (tcId 258–259) are accepted as well.
//!
//! # Known limitation
//!
//! [`RsaPrivateKey`] refuses valid private keys whose primes are unbalanced,
//! which the e = 3 sig-gen groups (tcId 153, 154, 158) use. Those signatures
//! are verified but not reproduced by the signer; see
//! `UNBALANCED_PRIVATE_KEYS_LOAD`.
//!
//! # Error kinds
//!
//! Where the kind is clear-cut it is asserted: a DSA signature that is not
//! strict DER of two non-negative INTEGERs is `Malformed`; a well-formed DSA
//! signature with `0 < r, s < q` that fails the math is `Mismatch`; an RSA
//! signature whose length is not the modulus length is `Malformed`; one of the
//! right length below the modulus that does not verify (wrong hash, bad
//! padding, `MissingNull`) is `Mismatch`. Values out of range (DSA `r`/`s` of
//! 0 or ≥ q, RSA `s ≥ n`) may be either kind.
#![cfg(all(feature = "rsa", feature = "dsa"))]

use std::cmp::Ordering;
use std::fmt::Write as _;
use std::path::PathBuf;

use alipay_mapi_runtime::keys::{DsaPublicKey, RsaPrivateKey, RsaPublicKey};
use alipay_mapi_runtime::{SignatureError, Signer, Verifier};
use base64::Engine as _;
use der::Decode as _;
use serde::de::DeserializeOwned;
use serde::Deserialize;

// ---------------------------------------------------------------------------
// Files and schemas
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VectorFile<G> {
    algorithm: String,
    number_of_tests: usize,
    test_groups: Vec<G>,
}

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Expected {
    Valid,
    Invalid,
    Acceptable,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    tc_id: u32,
    comment: String,
    msg: String,
    sig: String,
    result: Expected,
    flags: Vec<String>,
}

impl Case {
    fn msg(&self) -> Vec<u8> {
        unhex(&self.msg)
    }

    fn sig(&self) -> Vec<u8> {
        unhex(&self.sig)
    }

    /// How a case is named in failure messages.
    fn label(&self) -> String {
        format!(
            "tcId {} ({:?}, comment {:?}, flags {:?})",
            self.tc_id, self.result, self.comment, self.flags
        )
    }
}

/// A group of `dsa_test.json` (legacy `dsa_verify_schema.json`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DsaGroup {
    sha: String,
    key: DsaKeyNumbers,
    key_der: String,
    key_pem: String,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DsaKeyNumbers {
    key_size: usize,
    p: String,
    q: String,
}

/// A group of `rsa_signature_*_test.json` (`rsassa_pkcs1_verify_schema_v1`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RsaVerifyGroup {
    sha: String,
    key_size: usize,
    public_key: RsaNumbers,
    public_key_der: String,
    public_key_asn: String,
    public_key_pem: String,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RsaNumbers {
    modulus: String,
}

/// A group of `rsa_pkcs1_*_sig_gen_test.json` (`rsassa_pkcs1_generate_schema_v1`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RsaGenGroup {
    sha: String,
    key_size: usize,
    key_der: String,
    key_asn: String,
    key_pem: String,
    private_key_pem: String,
    private_key_pkcs8: String,
    tests: Vec<Case>,
}

fn load<G: DeserializeOwned>(name: &str) -> VectorFile<G> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/wycheproof")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd-length hex {s:?}");
    s.as_bytes()
        .chunks(2)
        .map(|pair| {
            let pair = std::str::from_utf8(pair).unwrap();
            u8::from_str_radix(pair, 16).unwrap_or_else(|e| panic!("bad hex {pair:?}: {e}"))
        })
        .collect()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn strip_zeros(be: &[u8]) -> &[u8] {
    let zeros = be.iter().take_while(|b| **b == 0).count();
    &be[zeros..]
}

/// Compares two unsigned big-endian numbers.
fn cmp_be(a: &[u8], b: &[u8]) -> Ordering {
    let (a, b) = (strip_zeros(a), strip_zeros(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn bit_length(be: &[u8]) -> usize {
    let be = strip_zeros(be);
    be.first().map_or(0, |top| {
        (be.len() - 1) * 8 + (8 - top.leading_zeros() as usize)
    })
}

/// What the run of one group is summed up as, to compare with the expected
/// lists of checked and skipped groups.
#[derive(Clone, Debug, PartialEq, Eq)]
struct GroupSummary {
    index: usize,
    sha: String,
    /// Key size: p bits and q bits (DSA), modulus bits and 0 (RSA).
    bits: (usize, usize),
    first_tc: u32,
    last_tc: u32,
    cases: usize,
}

impl GroupSummary {
    fn new(index: usize, sha: &str, bits: (usize, usize), tests: &[Case]) -> Self {
        GroupSummary {
            index,
            sha: sha.to_owned(),
            bits,
            first_tc: tests.iter().map(|t| t.tc_id).min().unwrap_or(0),
            last_tc: tests.iter().map(|t| t.tc_id).max().unwrap_or(0),
            cases: tests.len(),
        }
    }
}

fn summary(
    index: usize,
    sha: &str,
    bits: (usize, usize),
    (first_tc, last_tc): (u32, u32),
    cases: usize,
) -> GroupSummary {
    GroupSummary {
        index,
        sha: sha.to_owned(),
        bits,
        first_tc,
        last_tc,
        cases,
    }
}

#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
struct Tally {
    valid: usize,
    invalid: usize,
    acceptable: usize,
}

impl Tally {
    fn add(&mut self, expected: Expected) {
        match expected {
            Expected::Valid => self.valid += 1,
            Expected::Invalid => self.invalid += 1,
            Expected::Acceptable => self.acceptable += 1,
        }
    }

    fn add_all(&mut self, tests: &[Case]) {
        for t in tests {
            self.add(t.result);
        }
    }

    fn total(self) -> usize {
        self.valid + self.invalid + self.acceptable
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} valid / {} invalid / {} acceptable",
            self.valid, self.invalid, self.acceptable
        )
    }
}

/// Collects every failure of a file, to be asserted at the end.
#[derive(Default)]
struct Failures(Vec<String>);

impl Failures {
    fn push(&mut self, case: &Case, what: impl std::fmt::Display) {
        self.0.push(format!("{}: {what}", case.label()));
    }

    fn push_group(&mut self, group: &GroupSummary, what: impl std::fmt::Display) {
        self.0.push(format!(
            "group {} ({}, tcId {}–{}): {what}",
            group.index, group.sha, group.first_tc, group.last_tc
        ));
    }

    fn assert_none(self, file: &str) {
        if self.0.is_empty() {
            return;
        }
        let mut report = format!("{} failure(s) in {file}:\n", self.0.len());
        for failure in &self.0 {
            let _ = writeln!(report, "  - {failure}");
        }
        panic!("{report}");
    }
}

/// The kind of a verification error, for comparisons and messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Ok,
    Mismatch,
    Malformed,
}

fn outcome(result: &Result<(), SignatureError>) -> Outcome {
    match result {
        Ok(()) => Outcome::Ok,
        Err(SignatureError::Mismatch) => Outcome::Mismatch,
        Err(SignatureError::Malformed { .. }) => Outcome::Malformed,
    }
}

fn describe(result: &Result<(), SignatureError>) -> String {
    match result {
        Ok(()) => "Ok".into(),
        Err(e) => format!("Err({e})"),
    }
}

/// Checks `result` against what is wanted, recording a failure if it differs.
/// `allowed` lists every acceptable outcome.
fn expect(
    failures: &mut Failures,
    case: &Case,
    context: &str,
    result: &Result<(), SignatureError>,
    allowed: &[Outcome],
) {
    if !allowed.contains(&outcome(result)) {
        failures.push(
            case,
            format!("{context}: wanted {allowed:?}, got {}", describe(result)),
        );
    }
}

// ---------------------------------------------------------------------------
// DSA
// ---------------------------------------------------------------------------

/// A test-side, independent reading of a DSA signature: how it should be
/// judged before any arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DsaShape {
    /// Not strict DER `SEQUENCE { INTEGER r, INTEGER s }` with non-negative,
    /// minimally encoded INTEGERs and nothing trailing.
    NotDer,
    /// Strict DER, but r or s is 0 or not below q.
    OutOfRange,
    /// Strict DER with 0 < r, s < q: only the math can reject it.
    InRange,
}

/// One strict-DER TLV: definite, minimal length.
fn der_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None; // indefinite, or absurd
        }
        let (len_bytes, rest) = rest.split_at_checked(n)?;
        if len_bytes[0] == 0 {
            return None; // non-minimal
        }
        let len = len_bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        if len < 0x80 {
            return None; // would fit the short form
        }
        (len, rest)
    };
    let (body, rest) = rest.split_at_checked(len)?;
    Some((tag, body, rest))
}

/// A strict-DER non-negative INTEGER; returns its magnitude.
fn der_uint(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (tag, body, rest) = der_tlv(input)?;
    if tag != 0x02 {
        return None;
    }
    match body {
        [] => None,
        [0, next, ..] if *next < 0x80 => None,
        [0xff, next, ..] if *next >= 0x80 => None,
        [first, ..] if *first >= 0x80 => None, // negative
        _ => Some((strip_zeros(body), rest)),
    }
}

fn dsa_shape(sig: &[u8], q: &[u8]) -> DsaShape {
    let parsed = der_tlv(sig).and_then(|(tag, body, rest)| {
        if tag != 0x30 || !rest.is_empty() {
            return None;
        }
        let (r, body) = der_uint(body)?;
        let (s, body) = der_uint(body)?;
        body.is_empty().then_some((r, s))
    });
    match parsed {
        None => DsaShape::NotDer,
        Some((r, s)) => {
            if [r, s]
                .iter()
                .any(|v| v.is_empty() || cmp_be(v, q) != Ordering::Less)
            {
                DsaShape::OutOfRange
            } else {
                DsaShape::InRange
            }
        }
    }
}

/// The DSA groups run (SHA-1, 1024/160): the gateway's `DSA` sign type.
fn dsa_expected_checked() -> Vec<GroupSummary> {
    vec![
        summary(0, "SHA-1", (1024, 160), (1, 297), 297),
        summary(1, "SHA-1", (1024, 160), (298, 301), 4),
        summary(2, "SHA-1", (1024, 160), (302, 302), 1),
    ]
}

/// The DSA groups skipped: other hashes and 2048-bit keys, which the
/// gateway's `DSA` (SHA1withDSA, 1024/160) never uses.
fn dsa_expected_skipped() -> Vec<GroupSummary> {
    vec![
        summary(3, "SHA-224", (2048, 224), (303, 599), 297),
        summary(4, "SHA-224", (2048, 224), (600, 603), 4),
        summary(5, "SHA-224", (2048, 224), (604, 604), 1),
        summary(6, "SHA-256", (2048, 224), (605, 901), 297),
        summary(7, "SHA-256", (2048, 224), (902, 905), 4),
        summary(8, "SHA-256", (2048, 224), (906, 906), 1),
    ]
}

#[test]
fn dsa_sha1_1024_160() {
    const FILE: &str = "dsa_test.json";
    let file: VectorFile<DsaGroup> = load(FILE);
    assert_eq!(file.algorithm, "DSA");
    let total: usize = file.test_groups.iter().map(|g| g.tests.len()).sum();
    assert_eq!(total, file.number_of_tests, "numberOfTests of {FILE}");

    let mut failures = Failures::default();
    let (mut checked, mut skipped) = (Tally::default(), Tally::default());
    let (mut checked_groups, mut skipped_groups) = (vec![], vec![]);
    // How many cases fall in each test-side shape class, and how the
    // runtime judged the out-of-range ones.
    let (mut not_der, mut out_of_range, mut in_range) = (0, 0, 0);
    let (mut range_mismatch, mut range_malformed) = (0, 0);

    for (index, group) in file.test_groups.iter().enumerate() {
        let q = unhex(&group.key.q);
        let bits = (bit_length(&unhex(&group.key.p)), bit_length(&q));
        assert_eq!(bits.0, group.key.key_size, "group {index}: keySize vs p");
        let summary = GroupSummary::new(index, &group.sha, bits, &group.tests);
        let key = DsaPublicKey::from_der(&unhex(&group.key_der));

        if group.sha != "SHA-1" || bits != (1024, 160) {
            // Documented: `DsaPublicKey` reads 1024/160, 2048/224, 2048/256
            // and 3072/256 keys; it only ever verifies with SHA-1, so these
            // groups' SHA-224/SHA-256 signatures are not run.
            match &key {
                Ok(key) if key.bits() == bits => {}
                Ok(key) => failures.push_group(
                    &summary,
                    format!("DsaPublicKey::from_der reports {:?} bits", key.bits()),
                ),
                Err(e) => failures.push_group(
                    &summary,
                    format!("DsaPublicKey::from_der refuses a documented size: {e}"),
                ),
            }
            skipped.add_all(&group.tests);
            skipped_groups.push(summary);
            continue;
        }

        checked.add_all(&group.tests);
        let key = match key {
            Ok(key) => key,
            Err(e) => {
                failures.push_group(&summary, format!("DsaPublicKey::from_der: {e}"));
                checked_groups.push(summary);
                continue;
            }
        };
        assert_eq!(key.bits(), (1024, 160), "group {index}");
        match DsaPublicKey::load(&group.key_pem) {
            Ok(from_pem) if from_pem == key => {}
            Ok(_) => failures.push_group(&summary, "keyPem loads a different key than keyDer"),
            Err(e) => failures.push_group(&summary, format!("DsaPublicKey::load(keyPem): {e}")),
        }
        let verifier = Verifier::dsa(key);

        for case in &group.tests {
            let sig = case.sig();
            let result = verifier.verify_message(&case.msg(), &b64(&sig));
            let shape = dsa_shape(&sig, &q);
            match shape {
                DsaShape::NotDer => not_der += 1,
                DsaShape::OutOfRange => out_of_range += 1,
                DsaShape::InRange => in_range += 1,
            }
            match (case.result, shape) {
                (Expected::Valid, DsaShape::InRange) => {
                    expect(&mut failures, case, "valid", &result, &[Outcome::Ok]);
                }
                (Expected::Valid, _) => failures.push(
                    case,
                    format!("the test's own DER reading calls a valid signature {shape:?}"),
                ),
                // Decision: strict DER; the BER `NoLeadingZero` case is rejected.
                (Expected::Acceptable, _) => {
                    if shape != DsaShape::NotDer || !case.flags.iter().any(|f| f == "NoLeadingZero")
                    {
                        failures.push(
                            case,
                            format!("unexpected acceptable case (shape {shape:?})"),
                        );
                    }
                    expect(
                        &mut failures,
                        case,
                        "acceptable BER signature (decision: strict DER, reject)",
                        &result,
                        &[Outcome::Malformed],
                    );
                }
                (Expected::Invalid, DsaShape::NotDer) => expect(
                    &mut failures,
                    case,
                    "invalid, not strict DER",
                    &result,
                    &[Outcome::Malformed],
                ),
                (Expected::Invalid, DsaShape::OutOfRange) => {
                    match outcome(&result) {
                        Outcome::Mismatch => range_mismatch += 1,
                        Outcome::Malformed => range_malformed += 1,
                        Outcome::Ok => {}
                    }
                    expect(
                        &mut failures,
                        case,
                        "invalid, r or s is 0 or >= q",
                        &result,
                        &[Outcome::Malformed, Outcome::Mismatch],
                    );
                }
                (Expected::Invalid, DsaShape::InRange) => expect(
                    &mut failures,
                    case,
                    "invalid, well-formed with 0 < r, s < q",
                    &result,
                    &[Outcome::Mismatch],
                ),
            }
        }
        checked_groups.push(summary);
    }

    eprintln!(
        "{FILE}: checked {} ({checked}); skipped {} ({skipped}) in {} groups (SHA-224/SHA-256, 2048/224 keys)",
        checked.total(),
        skipped.total(),
        skipped_groups.len(),
    );
    eprintln!(
        "{FILE}: of the checked: {not_der} not strict DER, {out_of_range} r/s out of range \
         ({range_malformed} judged Malformed, {range_mismatch} Mismatch), {in_range} in range"
    );

    assert_eq!(
        checked_groups,
        dsa_expected_checked(),
        "checked groups of {FILE}"
    );
    assert_eq!(
        skipped_groups,
        dsa_expected_skipped(),
        "skipped groups of {FILE}"
    );
    assert_eq!(
        checked,
        Tally {
            valid: 11,
            invalid: 290,
            acceptable: 1
        },
        "SOURCES.md: SHA-1 1024/160 is 11 / 290 / 1"
    );
    assert_eq!(
        skipped,
        Tally {
            valid: 22,
            invalid: 580,
            acceptable: 2
        }
    );
    // SOURCES.md's cross-check: 189 fail DER (188 invalid + tcId 1), 76 fail
    // the range check, 26 + the 11 valid reach the math.
    assert_eq!(
        (not_der, out_of_range, in_range),
        (189, 76, 26 + 11),
        "shape classes of the SHA-1 cases (SOURCES.md's cross-check)"
    );
    failures.assert_none(FILE);
}

// ---------------------------------------------------------------------------
// RSA: rsa_signature_2048_sha256_test.json
// ---------------------------------------------------------------------------

#[test]
fn rsa2_signature_2048_sha256() {
    const FILE: &str = "rsa_signature_2048_sha256_test.json";
    let file: VectorFile<RsaVerifyGroup> = load(FILE);
    assert_eq!(file.algorithm, "RSASSA-PKCS1-v1_5");
    let total: usize = file.test_groups.iter().map(|g| g.tests.len()).sum();
    assert_eq!(total, file.number_of_tests, "numberOfTests of {FILE}");

    let mut failures = Failures::default();
    let mut checked = Tally::default();
    let mut groups = vec![];
    let (mut wrong_length, mut not_reduced) = (0, 0);
    let (mut big_mismatch, mut big_malformed) = (0, 0);

    for (index, group) in file.test_groups.iter().enumerate() {
        let modulus = unhex(&group.public_key.modulus);
        let bits = (bit_length(&modulus), 0);
        assert_eq!(bits.0, group.key_size, "group {index}: keySize vs modulus");
        let summary = GroupSummary::new(index, &group.sha, bits, &group.tests);
        assert_eq!(
            group.sha, "SHA-256",
            "group {index}: this file is SHA-256 only"
        );
        checked.add_all(&group.tests);

        let key = match RsaPublicKey::from_der(&unhex(&group.public_key_der)) {
            Ok(key) => key,
            Err(e) => {
                failures.push_group(&summary, format!("RsaPublicKey::from_der(SPKI): {e}"));
                groups.push(summary);
                continue;
            }
        };
        assert_eq!(key.bits(), group.key_size);
        for (form, loaded) in [
            (
                "publicKeyAsn (PKCS#1 DER)",
                RsaPublicKey::from_der(&unhex(&group.public_key_asn)),
            ),
            ("publicKeyPem", RsaPublicKey::load(&group.public_key_pem)),
        ] {
            match loaded {
                Ok(other) if other == key => {}
                Ok(_) => failures.push_group(&summary, format!("{form} is a different key")),
                Err(e) => failures.push_group(&summary, format!("{form}: {e}")),
            }
        }
        let verifier = Verifier::rsa2(key);
        let k = modulus.len() - usize::from(modulus.first() == Some(&0));

        for case in &group.tests {
            let sig = case.sig();
            let result = verifier.verify_message(&case.msg(), &b64(&sig));
            let length_ok = sig.len() == k;
            let reduced = cmp_be(&sig, &modulus) == Ordering::Less;
            wrong_length += usize::from(!length_ok);
            not_reduced += usize::from(length_ok && !reduced);
            match case.result {
                Expected::Valid => expect(&mut failures, case, "valid", &result, &[Outcome::Ok]),
                // Decision: the only acceptable case, MissingNull, is rejected
                // (strict EMSA-PKCS1-v1_5 comparison, as OpenSSL).
                Expected::Acceptable => {
                    if case.flags != ["MissingNull"] {
                        failures.push(case, "unexpected acceptable case");
                    }
                    expect(
                        &mut failures,
                        case,
                        "acceptable MissingNull (decision: reject)",
                        &result,
                        &[Outcome::Mismatch],
                    );
                }
                Expected::Invalid if !length_ok => expect(
                    &mut failures,
                    case,
                    &format!("invalid, {} bytes for a {k}-byte modulus", sig.len()),
                    &result,
                    &[Outcome::Malformed],
                ),
                Expected::Invalid if !reduced => {
                    match outcome(&result) {
                        Outcome::Mismatch => big_mismatch += 1,
                        Outcome::Malformed => big_malformed += 1,
                        Outcome::Ok => {}
                    }
                    expect(
                        &mut failures,
                        case,
                        "invalid, s >= n",
                        &result,
                        &[Outcome::Malformed, Outcome::Mismatch],
                    );
                }
                Expected::Invalid => expect(
                    &mut failures,
                    case,
                    "invalid, k bytes and s < n",
                    &result,
                    &[Outcome::Mismatch],
                ),
            }
        }
        groups.push(summary);
    }

    eprintln!(
        "{FILE}: checked {} ({checked}) through Verifier::rsa2; skipped 0 \
         ({wrong_length} of wrong length, {not_reduced} with s >= n: {big_malformed} judged \
         Malformed, {big_mismatch} Mismatch)",
        checked.total()
    );
    assert_eq!(
        groups,
        vec![
            summary(0, "SHA-256", (2048, 0), (1, 257), 257),
            summary(1, "SHA-256", (2048, 0), (258, 258), 1),
            summary(2, "SHA-256", (2048, 0), (259, 259), 1),
        ],
        "groups of {FILE}"
    );
    assert_eq!(
        checked,
        Tally {
            valid: 9,
            invalid: 249,
            acceptable: 1
        },
        "SOURCES.md: 9 / 249 / 1"
    );
    assert_eq!(
        (wrong_length, not_reduced),
        (2, 5),
        "SOURCES.md's cross-check"
    );
    failures.assert_none(FILE);
}

// ---------------------------------------------------------------------------
// RSA: rsa_pkcs1_{1024,2048}_sig_gen_test.json
// ---------------------------------------------------------------------------

/// Our two RSA sign types, by Wycheproof hash name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RsaType {
    /// `RSA`: SHA1withRSA.
    Rsa,
    /// `RSA2`: SHA256withRSA.
    Rsa2,
}

impl RsaType {
    fn of(sha: &str) -> Option<Self> {
        match sha {
            "SHA-1" => Some(RsaType::Rsa),
            "SHA-256" => Some(RsaType::Rsa2),
            _ => None,
        }
    }

    fn verifier(self, key: RsaPublicKey) -> Verifier {
        match self {
            RsaType::Rsa => Verifier::rsa(key),
            RsaType::Rsa2 => Verifier::rsa2(key),
        }
    }

    fn signer(self, key: RsaPrivateKey) -> Signer {
        match self {
            RsaType::Rsa => Signer::rsa(key),
            RsaType::Rsa2 => Signer::rsa2(key),
        }
    }

    fn other(self) -> Self {
        match self {
            RsaType::Rsa => RsaType::Rsa2,
            RsaType::Rsa2 => RsaType::Rsa,
        }
    }
}

/// Whether [`RsaPrivateKey`] loads a valid private key whose primes are
/// unbalanced (one longer than half the modulus). It does not: the `rsa`
/// crate (0.10) imports encoded keys with half-modulus-width primes and
/// refuses others ("PKCS#1 cryptographic key data malformed"), and its
/// documentation forbids retrying with the wide-prime constructor based on the
/// primes' sizes. Wycheproof's e = 3 keys (tcId 153, 154, 158; p of 681 bits
/// for n of 1024, 1364 for 2048) are such keys. This is a known limitation,
/// reported rather than hidden: the test asserts exactly these keys are
/// refused, and fails if the runtime starts loading them (then set this to
/// `true`, and their signatures are reproduced like the others). Their
/// signatures are verified in any case.
const UNBALANCED_PRIVATE_KEYS_LOAD: bool = false;

/// True if a PKCS#8 RSA private key has a prime longer than half the
/// modulus, as read by the test itself.
fn unbalanced_primes(pkcs8_der: &[u8]) -> bool {
    let info = pkcs8::PrivateKeyInfoRef::from_der(pkcs8_der).expect("privateKeyPkcs8 parses");
    let key = pkcs1::RsaPrivateKeyRef::from_der(info.private_key.as_bytes())
        .expect("privateKeyPkcs8 holds a PKCS#1 RSAPrivateKey");
    let half = bit_length(key.modulus.as_bytes()).div_ceil(2);
    [key.prime1, key.prime2]
        .iter()
        .any(|p| bit_length(p.as_bytes()) > half)
}

/// Runs a sig-gen file: SHA-1 groups through `RSA`, SHA-256 groups through
/// `RSA2`, every other group skipped (and the skipped groups asserted).
///
/// Every signature in these files is correct, so each must verify —
/// including those `acceptable` only for `WeakHash`, `SmallModulus` or
/// `SmallPublicKey` (decision: accepted; the gateway's `RSA` is SHA-1, often
/// with 1024-bit keys). PKCS#1 v1.5 is deterministic, so our signer, given the
/// file's private key (PEM PKCS#1 and DER PKCS#8 both), must reproduce each
/// signature byte for byte.
///
/// Wycheproof has no negative SHA-1 PKCS#1 cases, so two are derived from
/// each positive one: the signature checked under the other hash, and over
/// the message with one byte appended — both must be `Mismatch`.
fn rsa_sig_gen(
    file_name: &str,
    expected_checked: &[GroupSummary],
    expected_skipped: &[GroupSummary],
    expected_tally: (Tally, Tally),
    expected_unbalanced: &[u32],
) {
    let file: VectorFile<RsaGenGroup> = load(file_name);
    assert_eq!(file.algorithm, "RSASSA-PKCS1-v1_5");
    let total: usize = file.test_groups.iter().map(|g| g.tests.len()).sum();
    assert_eq!(total, file.number_of_tests, "numberOfTests of {file_name}");

    let mut failures = Failures::default();
    let (mut checked, mut skipped) = (Tally::default(), Tally::default());
    let (mut checked_groups, mut skipped_groups) = (vec![], vec![]);
    let (mut by_rsa, mut by_rsa2, mut signed) = (0, 0, 0);
    let mut unbalanced_refused = vec![];

    for (index, group) in file.test_groups.iter().enumerate() {
        let summary = GroupSummary::new(index, &group.sha, (group.key_size, 0), &group.tests);
        let Some(sign_type) = RsaType::of(&group.sha) else {
            skipped.add_all(&group.tests);
            skipped_groups.push(summary);
            continue;
        };
        checked.add_all(&group.tests);

        let public = match RsaPublicKey::from_der(&unhex(&group.key_der)) {
            Ok(key) => key,
            Err(e) => {
                failures.push_group(&summary, format!("RsaPublicKey::from_der(keyDer): {e}"));
                checked_groups.push(summary);
                continue;
            }
        };
        if public.bits() != group.key_size {
            failures.push_group(&summary, format!("public key of {} bits", public.bits()));
        }
        for (form, loaded) in [
            (
                "keyAsn (PKCS#1 DER)",
                RsaPublicKey::from_der(&unhex(&group.key_asn)),
            ),
            ("keyPem", RsaPublicKey::load(&group.key_pem)),
        ] {
            match loaded {
                Ok(other) if other == public => {}
                Ok(_) => failures.push_group(&summary, format!("{form} is a different key")),
                Err(e) => failures.push_group(&summary, format!("{form}: {e}")),
            }
        }

        let pkcs8 = unhex(&group.private_key_pkcs8);
        let unbalanced = unbalanced_primes(&pkcs8);
        let mut signers = vec![];
        for (form, loaded) in [
            (
                "privateKeyPem (PEM PKCS#1)",
                RsaPrivateKey::load(&group.private_key_pem),
            ),
            (
                "privateKeyPkcs8 (DER PKCS#8)",
                RsaPrivateKey::from_der(&pkcs8),
            ),
        ] {
            match loaded {
                // Known limitation, see `UNBALANCED_PRIVATE_KEYS_LOAD`.
                Err(_) if unbalanced && !UNBALANCED_PRIVATE_KEYS_LOAD => {
                    unbalanced_refused.push((summary.first_tc, form));
                }
                Ok(_) if unbalanced && !UNBALANCED_PRIVATE_KEYS_LOAD => failures.push_group(
                    &summary,
                    format!(
                        "{form}: the runtime now loads a private key with unbalanced primes; \
                         set UNBALANCED_PRIVATE_KEYS_LOAD to true"
                    ),
                ),
                Ok(private) if private.public_key() == public => {
                    signers.push((form, sign_type.signer(private)));
                }
                Ok(_) => {
                    failures.push_group(&summary, format!("{form}: its public half is not keyDer"))
                }
                Err(e) => failures.push_group(&summary, format!("{form}: {e}")),
            }
        }

        let verifier = sign_type.verifier(public.clone());
        let other_verifier = sign_type.other().verifier(public);
        for case in &group.tests {
            let (msg, sig) = (case.msg(), case.sig());
            let sign = b64(&sig);
            let result = verifier.verify_message(&msg, &sign);
            expect(
                &mut failures,
                case,
                &format!(
                    "correct {:?} signature (decision: accept WeakHash/SmallModulus/SmallPublicKey)",
                    sign_type
                ),
                &result,
                &[Outcome::Ok],
            );
            match sign_type {
                RsaType::Rsa => by_rsa += 1,
                RsaType::Rsa2 => by_rsa2 += 1,
            }

            let other = other_verifier.verify_message(&msg, &sign);
            expect(
                &mut failures,
                case,
                &format!("derived: checked as {:?}", sign_type.other()),
                &other,
                &[Outcome::Mismatch],
            );
            let mut longer = msg.clone();
            longer.push(0);
            let tampered = verifier.verify_message(&longer, &sign);
            expect(
                &mut failures,
                case,
                "derived: message with a byte appended",
                &tampered,
                &[Outcome::Mismatch],
            );

            for (form, signer) in &signers {
                match signer.sign_message(&msg) {
                    Ok(ours) if ours == sign => signed += 1,
                    Ok(ours) => failures.push(
                        case,
                        format!("Signer ({form}) gives {ours}, Wycheproof has {sign}"),
                    ),
                    Err(e) => failures.push(case, format!("Signer ({form}): {e}")),
                }
            }
        }
        checked_groups.push(summary);
    }

    eprintln!(
        "{file_name}: checked {} ({checked}): {by_rsa} through Verifier::rsa, {by_rsa2} through \
         Verifier::rsa2, {signed} signatures reproduced by Signer; skipped {} ({skipped}) in {} \
         groups (SHA-224/384/512)",
        checked.total(),
        skipped.total(),
        skipped_groups.len(),
    );
    for (tc, form) in &unbalanced_refused {
        eprintln!(
            "{file_name}: KNOWN LIMITATION: tcId {tc}: RsaPrivateKey refuses {form}, a valid key \
             with unbalanced primes (e = 3); its signature is verified but not reproduced"
        );
    }
    assert_eq!(
        checked_groups, expected_checked,
        "checked groups of {file_name}"
    );
    assert_eq!(
        unbalanced_refused
            .iter()
            .map(|(tc, _)| *tc)
            .collect::<Vec<_>>(),
        expected_unbalanced
            .iter()
            .flat_map(|tc| [*tc, *tc])
            .collect::<Vec<_>>(),
        "private keys of {file_name} refused for unbalanced primes (both forms each)"
    );
    assert_eq!(
        skipped_groups, expected_skipped,
        "skipped groups of {file_name}"
    );
    assert_eq!((checked, skipped), expected_tally, "tallies of {file_name}");
    failures.assert_none(file_name);
}

#[test]
fn rsa_pkcs1_1024_sig_gen() {
    let acceptable = |n| Tally {
        acceptable: n,
        ..Tally::default()
    };
    rsa_sig_gen(
        "rsa_pkcs1_1024_sig_gen_test.json",
        &[
            summary(0, "SHA-1", (1024, 0), (1, 8), 8),
            summary(2, "SHA-256", (1024, 0), (17, 24), 8),
            summary(4, "SHA-256", (1024, 0), (153, 153), 1),
        ],
        &[
            summary(1, "SHA-224", (1024, 0), (9, 16), 8),
            summary(3, "SHA-384", (1024, 0), (25, 32), 8),
        ],
        (acceptable(17), acceptable(16)),
        &[153],
    );
}

#[test]
fn rsa_pkcs1_2048_sig_gen() {
    rsa_sig_gen(
        "rsa_pkcs1_2048_sig_gen_test.json",
        &[
            summary(0, "SHA-1", (2048, 0), (65, 72), 8),
            summary(2, "SHA-256", (2048, 0), (81, 88), 8),
            summary(5, "SHA-256", (2048, 0), (154, 154), 1),
            summary(7, "SHA-256", (2048, 0), (158, 158), 1),
        ],
        &[
            summary(1, "SHA-224", (2048, 0), (73, 80), 8),
            summary(3, "SHA-384", (2048, 0), (89, 96), 8),
            summary(4, "SHA-512", (2048, 0), (97, 104), 8),
            summary(6, "SHA-512", (2048, 0), (155, 155), 1),
        ],
        (
            Tally {
                valid: 8,
                invalid: 0,
                acceptable: 10,
            },
            Tally {
                valid: 24,
                invalid: 0,
                acceptable: 1,
            },
        ),
        &[154, 158],
    );
}

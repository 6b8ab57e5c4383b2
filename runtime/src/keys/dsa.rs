//! DSA keys for sign type `DSA` (SHA1withDSA, 1024-bit p and 160-bit q on
//! the gateway).

use std::cmp::Ordering;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::CtSelect as _;
use crypto_bigint::{BoxedUint, ConcatenatingMul as _, NonZero, Odd, Resize as _};
use der::asn1::{AnyRef, OctetStringRef, UintRef};
use der::{Decode as _, Encode as _, Reader as _};
use sha1::{Digest as _, Sha1};
use zeroize::Zeroizing;

use super::format::{self, Found, KeyReader, Wanted};
use super::KeyError;
use crate::sign::{SignError, SignType, SignatureError};

static PRIVATE: KeyReader<DsaPrivateKey> = KeyReader {
    kind: "DSA private key",
    wanted: Wanted::DsaPrivate,
    decode: decode_private,
    tried: &[
        "PEM traditional (BEGIN DSA PRIVATE KEY)",
        "PEM PKCS#8 (BEGIN PRIVATE KEY)",
        "DER traditional (SEQUENCE { 0, p, q, g, y, x })",
        "DER PKCS#8 (PrivateKeyInfo)",
        "base64 DER (traditional or PKCS#8, one line or wrapped)",
    ],
};

static PUBLIC: KeyReader<DsaPublicKey> = KeyReader {
    kind: "DSA public key",
    wanted: Wanted::DsaPublic,
    decode: decode_public,
    tried: &[
        "PEM SPKI (BEGIN PUBLIC KEY)",
        "DER SPKI (SubjectPublicKeyInfo)",
        "base64 DER (SPKI, one line or wrapped)",
    ],
};

/// (p bits, q bits) the `dsa` crate supports. The gateway uses 1024/160.
const SIZES: [(usize, usize); 4] = [(1024, 160), (2048, 224), (2048, 256), (3072, 256)];

/// The merchant's DSA private key, which signs `DSA` requests.
///
/// Reads OpenSSL's traditional PEM (`BEGIN DSA PRIVATE KEY`), PEM PKCS#8
/// (`BEGIN PRIVATE KEY`), DER of either, and bare base64 of either DER.
/// Parameter sizes (p/q bits): 1024/160 — what the gateway uses — and
/// 2048/224, 2048/256, 3072/256.
///
/// The private value is held by the `dsa` crate's key, which zeroizes it when
/// dropped; the buffers it is read from, and the per-signature secrets (k and
/// its inverse), are zeroized too. `Debug` shows the parameter sizes only.
///
/// Signatures are deterministic (RFC 6979 with SHA-1, the `dsa` crate's k),
/// and computed in Rust with either [`backend`](super::backend): OpenSSL 3.0
/// only makes randomized DSA signatures. Everything a signature needs that
/// does not depend on the message is computed once: the Montgomery form of
/// p and g and the public half at load, and on the first signature a table
/// of powers of g (about 90 KiB for a 1024/160 key) that turns g<sup>k</sup> mod
/// p into 40 constant-time multiplications — faster than OpenSSL's own DSA
/// signing.
#[derive(Clone)]
pub struct DsaPrivateKey {
    inner: ::dsa::SigningKey,
    public: DsaPublicKey,
}

/// A DSA public key — normally the gateway's, which verifies what it sends.
///
/// Reads PEM SPKI (`BEGIN PUBLIC KEY`), its DER, and bare base64 of the DER.
/// `Debug` shows the parameter sizes only. The Montgomery forms of p, g and
/// y are made once, at load, and tables of powers of g and y on the first
/// verification (about 90 KiB each for a 1024/160 key); with the `openssl` feature,
/// OpenSSL's copy of the key is made at load and verifies instead.
#[derive(Clone)]
pub struct DsaPublicKey {
    inner: ::dsa::VerifyingKey,
    /// q, big-endian without leading zero bytes, for range checks of r and s.
    q: Vec<u8>,
    p_bits: usize,
    q_bits: usize,
    /// Shared by clones (a `Signer` or `Verifier` clone is cheap).
    group: Arc<Group>,
    #[cfg(feature = "openssl")]
    openssl: Arc<super::openssl::Key<openssl::pkey::Public>>,
}

impl PartialEq for DsaPublicKey {
    fn eq(&self, other: &Self) -> bool {
        // Everything else is computed from `inner`.
        self.inner == other.inner
    }
}

/// The numbers of a DSA key in the forms its arithmetic uses, computed at
/// load: p's Montgomery parameters, g and y in Montgomery form, q at p's
/// precision; and, on first use, tables of powers of g (for signing and
/// verifying) and of y (for verifying). All public.
struct Group {
    g: BoxedMontyForm,
    y: BoxedMontyForm,
    g_powers: OnceLock<FixedBase>,
    y_powers: OnceLock<FixedBase>,
    /// q at the precision of p.
    q_wide: NonZero<BoxedUint>,
    /// q as an odd modulus at the precision of p, for inversions.
    q_odd: Odd<BoxedUint>,
    q_bits: u32,
    p_precision: u32,
}

impl Group {
    fn new(key: &::dsa::VerifyingKey) -> Result<Self, String> {
        let components = key.components();
        let p = components.p();
        let p_precision = p.bits_precision();
        let params = BoxedMontyParams::new_vartime(p.clone());
        let q_wide = components.q().resize(p_precision);
        let q_odd = Odd::new(q_wide.as_ref().clone())
            .into_option()
            .ok_or_else(|| "the DSA parameter q is even, so not a prime".to_owned())?;
        Ok(Group {
            g: BoxedMontyForm::new(components.g().resize(p_precision).get(), &params),
            y: BoxedMontyForm::new(key.y().resize(p_precision).get(), &params),
            g_powers: OnceLock::new(),
            y_powers: OnceLock::new(),
            q_bits: components.q().bit_width(),
            q_wide,
            q_odd,
            p_precision,
        })
    }

    fn g_powers(&self) -> &FixedBase {
        self.g_powers
            .get_or_init(|| FixedBase::new(&self.g, self.q_bits))
    }

    /// g<sup>k</sup> mod p for a secret `k < q`, constant-time in k.
    fn pow_g(&self, k: &BoxedUint) -> BoxedUint {
        self.g_powers().pow(k).retrieve()
    }

    /// The leftmost min(bits of q, bits of the hash) bits of the hash as
    /// an integer (FIPS 186-4 §4.6), at the precision of p.
    fn z(&self, hash: &[u8]) -> BoxedUint {
        let z_len = hash.len().min((self.q_bits / 8) as usize);
        BoxedUint::from_be_slice_vartime(hash.get(..z_len).unwrap_or(hash)).resize(self.p_precision)
    }

    /// The DSA verification equation for `0 < r, s < q` (checked by the
    /// caller): v = (g<sup>u1</sup> y<sup>u2</sup> mod p) mod q = r. Every
    /// input is public, so nothing here needs to be constant-time.
    #[cfg_attr(feature = "openssl", allow(dead_code))]
    fn verify(&self, hash: &[u8], r: &[u8], s: &[u8]) -> bool {
        let r = BoxedUint::from_be_slice_vartime(r).resize(self.p_precision);
        let s = BoxedUint::from_be_slice_vartime(s).resize(self.p_precision);
        let Some(w) = s.invert_odd_mod_vartime(&self.q_odd).into_option() else {
            return false;
        };
        let u1 = self.z(hash).mul_mod(&w, &self.q_wide);
        let u2 = r.mul_mod(&w, &self.q_wide);
        let y_powers = self
            .y_powers
            .get_or_init(|| FixedBase::new(&self.y, self.q_bits));
        let v1 = self.g_powers().pow_vartime(&u1);
        let v2 = y_powers.pow_vartime(&u2);
        let v = (&v1 * &v2).retrieve() % &self.q_wide;
        v == r
    }
}

/// Bits of the exponent per table row.
const WINDOW: u32 = 4;
/// Entries per table row: every value of a window.
const ROW: usize = 1 << WINDOW;

/// Powers of a fixed base b for exponents of up to `bits` bits (fixed-base
/// windowing): row i holds b<sup>j·16<sup>i</sup></sup> for j = 0…15, in
/// Montgomery form. A power is then one multiplication per 4 bits of the
/// exponent and no squaring — about 5× fewer operations than square-and-
/// multiply — for 16 values per 4 bits of q stored (about 90 KiB for a
/// 1024/160 key). Made on first use, since a key that only signs needs no table of y.
struct FixedBase {
    one: BoxedMontyForm,
    /// Row-major, `ROW` entries per row.
    table: Vec<BoxedUint>,
}

impl FixedBase {
    fn new(base: &BoxedMontyForm, bits: u32) -> Self {
        let rows = bits.div_ceil(WINDOW) as usize;
        let one = BoxedMontyForm::one(base.params());
        let mut table = Vec::with_capacity(rows * ROW);
        let mut row_base = base.clone();
        for _ in 0..rows {
            let mut power = one.clone();
            for _ in 0..ROW {
                table.push(power.as_montgomery().clone());
                power = power.mul(&row_base);
            }
            // After ROW multiplications, `power` is row_base^16: the next row's base.
            row_base = power;
        }
        FixedBase { one, table }
    }

    /// The window of `exponent` that row `row` takes.
    fn digit(exponent: &BoxedUint, row: usize) -> usize {
        let bit = row * WINDOW as usize;
        let word_bits = crypto_bigint::Word::BITS as usize;
        exponent
            .as_words()
            .get(bit / word_bits)
            .map_or(0, |word| ((word >> (bit % word_bits)) as usize) & (ROW - 1))
    }

    /// b<sup>e</sup> for a secret e of at most the table's bits, in constant
    /// time: every row is read whole (a constant-time select of the entry)
    /// and multiplied in, whatever the digit.
    fn pow(&self, exponent: &BoxedUint) -> BoxedMontyForm {
        let params = self.one.params();
        let mut acc = Zeroizing::new(self.one.clone());
        let mut entry = Zeroizing::new(self.one.as_montgomery().clone());
        for (row, entries) in self.table.chunks(ROW).enumerate() {
            let digit = Self::digit(exponent, row) as u32;
            for (j, candidate) in entries.iter().enumerate() {
                let hit = crypto_bigint::Choice::from_u32_eq(j as u32, digit);
                *entry = entry.ct_select(candidate, hit);
            }
            let factor = Zeroizing::new(BoxedMontyForm::from_montgomery((*entry).clone(), params));
            *acc = acc.mul(&factor);
        }
        (*acc).clone()
    }

    /// b<sup>e</sup> for a public e: zero digits are skipped, entries read
    /// directly.
    #[cfg_attr(feature = "openssl", allow(dead_code))]
    fn pow_vartime(&self, exponent: &BoxedUint) -> BoxedMontyForm {
        let params = self.one.params();
        let mut acc = self.one.clone();
        for (row, entries) in self.table.chunks(ROW).enumerate() {
            let digit = Self::digit(exponent, row);
            if let (true, Some(entry)) = (digit != 0, entries.get(digit)) {
                acc = acc.mul(&BoxedMontyForm::from_montgomery(entry.clone(), params));
            }
        }
        acc
    }
}

impl fmt::Debug for DsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DsaPrivateKey")
            .field("p_bits", &self.public.p_bits)
            .field("q_bits", &self.public.q_bits)
            .finish()
    }
}

impl fmt::Debug for DsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DsaPublicKey")
            .field("p_bits", &self.p_bits)
            .field("q_bits", &self.q_bits)
            .finish()
    }
}

impl DsaPrivateKey {
    /// Reads a private key from text: PEM (traditional or PKCS#8), or bare
    /// base64 of the DER, on one line or wrapped.
    ///
    /// Surrounding whitespace, CRLF line ends, a PEM pasted with its line
    /// breaks turned into spaces, and a `DSA PARAMETERS` block before the key
    /// are fine. The error names every format tried and says what the text
    /// holds instead when it is some other key.
    pub fn load(text: &str) -> Result<Self, KeyError> {
        PRIVATE.load(text)
    }

    /// Reads a private key from DER: traditional `SEQUENCE { 0, p, q, g, y, x }`
    /// or PKCS#8 `PrivateKeyInfo`.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        PRIVATE.der(der)
    }

    /// Reads a private key file: key text as [`load`](Self::load) takes it, or
    /// raw DER. Errors name the file.
    pub fn load_file(path: impl AsRef<Path>) -> Result<Self, KeyError> {
        PRIVATE.load_file(path.as_ref())
    }

    /// The public half of this key.
    pub fn public_key(&self) -> DsaPublicKey {
        self.public.clone()
    }

    /// The sizes of p and q in bits (1024 and 160 for the gateway).
    pub fn bits(&self) -> (usize, usize) {
        self.public.bits()
    }

    /// The SHA1withDSA signature of `message`, as DER `SEQUENCE { r, s }`.
    /// Deterministic (RFC 6979 with SHA-1), and the same with either back-end.
    ///
    /// The arithmetic of the `dsa` crate's `sign_prehashed` (same RFC 6979
    /// k, same r and s), with the key's numbers prepared once and
    /// g<sup>k</sup> taken from the table of powers of g instead of a
    /// square-and-multiply over the full width of p.
    pub(crate) fn sign_sha1(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let fail = |reason: String| SignError {
            sign_type: SignType::Dsa,
            reason,
        };
        let hash = Sha1::digest(message);
        let group = &self.public.group;
        let components = self.inner.verifying_key().components();
        let q = components.q();
        let (k, k_inv) = secret_number_rfc6979(self.inner.x(), &hash, q);
        let precision = group.p_precision;
        let r = group.pow_g(&k) % &group.q_wide;
        let x = Zeroizing::new(self.inner.x().resize(precision).get());
        let k_inv = Zeroizing::new((&*k_inv).resize(precision));
        let xr_plus_z = Zeroizing::new(group.z(&hash).concatenating_add(x.concatenating_mul(&r)));
        let s = k_inv
            .mul_mod(&xr_plus_z, &group.q_wide)
            .resize(q.bits_precision());
        let r = r.resize(q.bits_precision());
        if r >= **q || s >= **q {
            return Err(fail(
                "the DSA private-key operation failed (r or s not below q)".into(),
            ));
        }
        ::dsa::Signature::from_components(r, s)
            .ok_or_else(|| fail("the DSA private-key operation gave r or s = 0".into()))?
            .to_der()
            .map_err(|e| fail(format!("the DSA signature could not be DER-encoded: {e}")))
    }
}

impl DsaPublicKey {
    /// Reads a public key from text: PEM SPKI (`BEGIN PUBLIC KEY`), or bare
    /// base64 of its DER, on one line or wrapped.
    ///
    /// The error names every format tried and says what the text holds
    /// instead when it is some other key (a private key, an RSA key, a
    /// certificate).
    pub fn load(text: &str) -> Result<Self, KeyError> {
        PUBLIC.load(text)
    }

    /// Reads a public key from DER `SubjectPublicKeyInfo`.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        PUBLIC.der(der)
    }

    /// Reads a public key file: key text as [`load`](Self::load) takes it, or
    /// raw DER. Errors name the file.
    pub fn load_file(path: impl AsRef<Path>) -> Result<Self, KeyError> {
        PUBLIC.load_file(path.as_ref())
    }

    /// The sizes of p and q in bits (1024 and 160 for the gateway).
    pub fn bits(&self) -> (usize, usize) {
        (self.p_bits, self.q_bits)
    }

    /// Checks a SHA1withDSA signature given as DER `SEQUENCE { r, s }`.
    ///
    /// The DER must be strict: minimal lengths and integers, no trailing
    /// bytes, `r` and `s` positive; anything else is
    /// [`SignatureError::Malformed`]. A well-formed signature that does not
    /// verify is [`SignatureError::Mismatch`] — including one whose `r` or `s`
    /// is not below this key's `q`: that is what a signature made with another
    /// DSA key (the merchant's own, say) looks like about a quarter of the
    /// time, and it must read as "does not match the key you configured", not
    /// as a damaged sign.
    pub(crate) fn verify_sha1(&self, message: &[u8], der_sig: &[u8]) -> Result<(), SignatureError> {
        let malformed = |reason: String| SignatureError::Malformed { reason };
        let (r, s) = parse_signature(der_sig).map_err(malformed)?;
        if [r, s]
            .iter()
            .any(|value| format::cmp_minimal(value, &self.q) != Ordering::Less)
        {
            return Err(SignatureError::Mismatch);
        }
        // `parse_signature` refuses zeros; this keeps the invariant local.
        if r.is_empty() || s.is_empty() {
            return Err(malformed("DSA signature value r or s is zero".into()));
        }
        #[cfg(feature = "openssl")]
        let ok = self.openssl.verify(
            super::openssl::Digest::Sha1,
            &Sha1::digest(message),
            der_sig,
        );
        #[cfg(not(feature = "openssl"))]
        let ok = self.group.verify(&Sha1::digest(message), r, s);
        if ok {
            Ok(())
        } else {
            Err(SignatureError::Mismatch)
        }
    }

    fn new(inner: ::dsa::VerifyingKey) -> Result<Self, String> {
        let components = inner.components();
        let p = components.p().to_be_bytes();
        let q = strip_zeros(&components.q().to_be_bytes()).to_vec();
        let p_bits = format::bit_length(&p);
        let q_bits = format::bit_length(&q);
        let group = Arc::new(Group::new(&inner)?);
        #[cfg(feature = "openssl")]
        let openssl = super::openssl::dsa_public_key(
            strip_zeros(&p),
            &q,
            strip_zeros(&components.g().to_be_bytes()),
            strip_zeros(&inner.y().to_be_bytes()),
        )?;
        Ok(DsaPublicKey {
            inner,
            q,
            p_bits,
            q_bits,
            group,
            #[cfg(feature = "openssl")]
            openssl,
        })
    }
}

/// The RFC 6979 k for `hash` and its inverse mod q, as the `dsa` crate's
/// `secret_number_rfc6979` makes them (so that signatures do not change
/// with the back-end or with this crate's version).
fn secret_number_rfc6979(
    x: &NonZero<BoxedUint>,
    hash: &[u8],
    q: &NonZero<BoxedUint>,
) -> (Zeroizing<BoxedUint>, Zeroizing<BoxedUint>) {
    let size = q.bit_width().div_ceil(8) as usize;
    let tail = |bytes: &[u8]| bytes.len().saturating_sub(size);
    let z = BoxedUint::from_be_slice_truncated(
        hash.get(..size.min(hash.len())).unwrap_or(hash),
        q.bits_precision(),
    );
    let z = (z % q).to_be_bytes();
    let x = Zeroizing::new(x.to_be_bytes());
    let mut kgen = rfc6979::KGenerator::<Sha1, BoxedUint>::new(
        x.get(tail(&x)..).unwrap_or(&x),
        z.get(tail(&z)..).unwrap_or(&z),
        &[],
        q,
    );
    let mut buffer = Zeroizing::new(vec![0u8; size]);
    loop {
        kgen.fill_next_k(&mut buffer);
        let k = Zeroizing::new(BoxedUint::from_be_slice_truncated(
            &buffer,
            q.bits_precision(),
        ));
        if let Some(k_inv) = k.invert_mod(q).into_option() {
            if k.is_nonzero().to_bool() && *k < **q {
                return (k, Zeroizing::new(k_inv));
            }
        }
    }
}

fn strip_zeros(be: &[u8]) -> &[u8] {
    let zeros = be.iter().take_while(|b| **b == 0).count();
    be.get(zeros..).unwrap_or_default()
}

/// Decodes a private key of a shape DSA private keys come in; `None` for any
/// other shape.
fn decode_private(der: &[u8], found: Found) -> Option<Result<DsaPrivateKey, String>> {
    match found {
        Found::DsaTraditionalPrivate => Some(private_from_traditional(der)),
        Found::Pkcs8Private(format::Algorithm::Dsa) => Some(private_from_pkcs8(der)),
        _ => None,
    }
}

/// Decodes a public key of a shape DSA public keys come in; `None` for any
/// other shape.
fn decode_public(der: &[u8], found: Found) -> Option<Result<DsaPublicKey, String>> {
    match found {
        Found::Spki(format::Algorithm::Dsa) => Some(public_from_spki(der)),
        _ => None,
    }
}

/// p, q, g as minimal big-endian bytes.
struct Params<'a> {
    p: &'a [u8],
    q: &'a [u8],
    g: &'a [u8],
}

impl Params<'_> {
    /// Rejects sizes the `dsa` crate does not support, with a message that
    /// says which.
    fn check_sizes(&self) -> Result<(), String> {
        let p_bits = format::bit_length(self.p);
        let q_bits = format::bit_length(self.q);
        if SIZES.contains(&(p_bits, q_bits)) {
            return Ok(());
        }
        let why = if SIZES.iter().any(|(p, _)| *p == p_bits) {
            format!("q of {q_bits} bits is not supported with a {p_bits}-bit p")
        } else {
            format!("p of {p_bits} bits is not supported")
        };
        Err(format!(
            "DSA parameters of {p_bits}/{q_bits} bits (p/q): {why}; supported sizes are \
             1024/160 (what the gateway uses), 2048/224, 2048/256 and 3072/256"
        ))
    }

    fn components(&self) -> Result<::dsa::Components, String> {
        self.check_sizes()?;
        ::dsa::Components::from_components(
            ::dsa::BoxedUint::from_be_slice_vartime(self.p),
            ::dsa::BoxedUint::from_be_slice_vartime(self.q),
            ::dsa::BoxedUint::from_be_slice_vartime(self.g),
        )
        .map_err(|_| "the DSA parameters are invalid (p must be odd, 1 < g < p)".to_owned())
    }
}

/// Reads `Dss-Parms ::= SEQUENCE { p, q, g }`.
fn params_of(any: AnyRef<'_>) -> Result<Params<'_>, String> {
    any.sequence(|r| {
        Ok::<_, der::Error>(Params {
            p: UintRef::decode(r)?.as_bytes(),
            q: UintRef::decode(r)?.as_bytes(),
            g: UintRef::decode(r)?.as_bytes(),
        })
    })
    .map_err(|e| format!("malformed DSA parameters ({e})"))
}

/// OpenSSL's traditional `DSAPrivateKey ::= SEQUENCE { version 0, p, q, g, y, x }`,
/// which the `dsa` crate does not read. It is re-wrapped as PKCS#8 (in
/// zeroized buffers) so that the crate derives y from x; the y of the file
/// must then match.
fn private_from_traditional(der: &[u8]) -> Result<DsaPrivateKey, String> {
    let mut reader = der::SliceReader::new(der).map_err(|e| format!("malformed DER ({e})"))?;
    let (params, y, x) = reader
        .sequence(|r| {
            let version = UintRef::decode(r)?;
            let params = Params {
                p: UintRef::decode(r)?.as_bytes(),
                q: UintRef::decode(r)?.as_bytes(),
                g: UintRef::decode(r)?.as_bytes(),
            };
            let y = UintRef::decode(r)?.as_bytes();
            let x = UintRef::decode(r)?.as_bytes();
            Ok::<_, der::Error>((version, params, y, x))
        })
        .and_then(|(version, params, y, x)| {
            reader.finish()?;
            Ok((version, params, y, x))
        })
        .map_err(|e| format!("malformed traditional DSA private key ({e})"))
        .and_then(|(version, params, y, x)| {
            if format::bit_length(version.as_bytes()) == 0 {
                Ok((params, y, x))
            } else {
                Err("traditional DSA private key with a version other than 0".to_owned())
            }
        })?;
    let components = params.components()?;
    check_x(x, params.q)?;
    let params_der = components
        .to_der()
        .map_err(|e| format!("cannot re-encode the DSA parameters ({e})"))?;
    let x_der = Zeroizing::new(
        UintRef::new(x)
            .and_then(|x| x.to_der())
            .map_err(|e| format!("cannot re-encode the DSA private value ({e})"))?,
    );
    let info = AnyRef::from_der(&params_der)
        .and_then(|parameters| {
            Ok(pkcs8::PrivateKeyInfoRef::new(
                spki::AlgorithmIdentifierRef {
                    oid: format::OID_DSA,
                    parameters: Some(parameters),
                },
                OctetStringRef::new(&x_der)?,
            ))
        })
        .map_err(|e| format!("cannot re-encode the DSA private key ({e})"))?;
    let inner = ::dsa::SigningKey::try_from(info)
        .map_err(|e| format!("the DSA private key's numbers are not a valid key ({e})"))?;
    if strip_zeros(&inner.verifying_key().y().to_be_bytes()) != y {
        return Err(
            "the key's public value y does not belong to its private value x \
                    (the key file is damaged)"
                .into(),
        );
    }
    Ok(DsaPrivateKey {
        public: DsaPublicKey::new(inner.verifying_key().clone())?,
        inner,
    })
}

fn private_from_pkcs8(der: &[u8]) -> Result<DsaPrivateKey, String> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der)
        .map_err(|e| format!("malformed PKCS#8 PrivateKeyInfo ({e})"))?;
    let params = info
        .algorithm
        .parameters_any()
        .map_err(|_| "the PKCS#8 DSA key has no parameters (p, q, g)".to_owned())
        .and_then(params_of)?;
    params.check_sizes()?;
    let x = UintRef::from_der(info.private_key.as_bytes())
        .map_err(|e| format!("malformed DSA private value ({e})"))?;
    check_x(x.as_bytes(), params.q)?;
    let inner = ::dsa::SigningKey::try_from(info)
        .map_err(|e| format!("the DSA private key's numbers are not a valid key ({e})"))?;
    Ok(DsaPrivateKey {
        public: DsaPublicKey::new(inner.verifying_key().clone())?,
        inner,
    })
}

/// `0 < x < q`, checked before the `dsa` crate sees x (so that no copy of a
/// rejected x is dropped unzeroized inside it).
fn check_x(x: &[u8], q: &[u8]) -> Result<(), String> {
    if format::bit_length(x) == 0 || format::cmp_minimal(x, q) != Ordering::Less {
        return Err("the DSA private value x is not between 0 and q".into());
    }
    Ok(())
}

fn public_from_spki(der: &[u8]) -> Result<DsaPublicKey, String> {
    let info = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| format!("malformed SubjectPublicKeyInfo ({e})"))?;
    let params = info
        .algorithm
        .parameters_any()
        .map_err(|_| "the DSA public key has no parameters (p, q, g)".to_owned())
        .and_then(params_of)?;
    params.check_sizes()?;
    let inner = ::dsa::VerifyingKey::try_from(info).map_err(|e| {
        format!("the DSA public key's numbers are not a valid key (y is not in the group) ({e})")
    })?;
    DsaPublicKey::new(inner)
}

/// Parses a DSA signature `SEQUENCE { INTEGER r, INTEGER s }` in strict DER,
/// returning r and s as big-endian magnitudes without leading zeros.
fn parse_signature(der: &[u8]) -> Result<(&[u8], &[u8]), String> {
    let (tag, body, rest) = tlv(der, "the signature")?;
    if tag != 0x30 {
        return Err(format!(
            "a DSA signature is a DER SEQUENCE (0x30), this starts with 0x{tag:02x}"
        ));
    }
    if !rest.is_empty() {
        return Err(format!(
            "{} trailing bytes after the DER signature",
            rest.len()
        ));
    }
    let (r, body) = integer(body, "r")?;
    let (s, body) = integer(body, "s")?;
    if !body.is_empty() {
        return Err("the DER SEQUENCE holds more than r and s".into());
    }
    Ok((r, s))
}

/// One DER tag-length-value with a definite, minimally encoded length.
fn tlv<'a>(input: &'a [u8], what: &str) -> Result<(u8, &'a [u8], &'a [u8]), String> {
    let truncated = || format!("{what} is truncated");
    let (&tag, rest) = input.split_first().ok_or_else(truncated)?;
    let (&first, rest) = rest.split_first().ok_or_else(truncated)?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else if first == 0x80 {
        return Err(format!(
            "{what} has an indefinite length, which DER forbids"
        ));
    } else {
        let n = usize::from(first & 0x7f);
        if n > 2 {
            return Err(format!("{what} claims an impossible length"));
        }
        let (len_bytes, rest) = rest.split_at_checked(n).ok_or_else(truncated)?;
        let len = len_bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        if len_bytes.first() == Some(&0) || len < 0x80 {
            return Err(format!("{what} has a non-minimal DER length"));
        }
        (len, rest)
    };
    let (body, rest) = rest.split_at_checked(len).ok_or_else(truncated)?;
    Ok((tag, body, rest))
}

/// A positive DER INTEGER, minimally encoded; returns its magnitude.
fn integer<'a>(input: &'a [u8], name: &str) -> Result<(&'a [u8], &'a [u8]), String> {
    let what = format!("DSA signature value {name}");
    let (tag, body, rest) = tlv(input, &what)?;
    if tag != 0x02 {
        return Err(format!("{what} is not a DER INTEGER (tag 0x{tag:02x})"));
    }
    let magnitude = match body {
        [] => return Err(format!("{what} is an empty INTEGER")),
        [0] => return Err(format!("{what} is zero")),
        [0, next, ..] if *next < 0x80 => {
            return Err(format!(
                "{what} is not minimally encoded (superfluous leading zero byte)"
            ))
        }
        [0xff, next, ..] if *next >= 0x80 => {
            return Err(format!(
                "{what} is not minimally encoded (superfluous leading 0xff byte)"
            ))
        }
        [first, ..] if *first >= 0x80 => return Err(format!("{what} is negative")),
        [0, magnitude @ ..] => magnitude,
        _ => body,
    };
    Ok((magnitude, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRIVATE: &[&str] = &[
        include_str!("../../tests/fixtures/dsa1024.traditional.pem"),
        include_str!("../../tests/fixtures/dsa-wrong.pkcs8.pem"),
        include_str!("../../tests/fixtures/dsa-smallq.pkcs8.pem"),
        DSA_2048_256,
    ];

    /// A 2048/256 key (`openssl genpkey`, `dsa_paramgen_q_bits:256`), for a
    /// q that is not 160 bits and a hash shorter than q. Made for this test
    /// only.
    const DSA_2048_256: &str = "-----BEGIN PRIVATE KEY-----\n\
MIICZQIBADCCAjoGByqGSM44BAEwggItAoIBAQDES53qvT1NIZvAQzHhXVZT0DFV\n\
jbNPr7iF5guxN5sWMNB+YQXuwkRRq932T5mUyCQJbMAQag60UjrzZa5yjKMRpW99\n\
rqZYEFOwb5biGJ8d8AhJcFjVuwf7lelTMhZkWo4JEeT5vRsQsebAiBYE2Lkbfs7U\n\
gcCguQBD07XbwEvwvHic17uq1BRHoOdyDzWO33tAkzNwbW+OOvgtpHgqfj2DL+8D\n\
iW8nRpn8vPIGudYseIiINAu6xrgJ/tsjr0675fMeD5mjyps413TaW4tzgHXD+Z4Y\n\
Jog4jxkKXQM6FabCFhqcqEU4ncdlKsnWPQiqY6gJcn9Eep9vNaTNzd9rcMMjAiEA\n\
3Hn3T93X5pH4XqVuC16DjT9qJwfKPuhC5LYd4/QHew8CggEBAL0/EuU12YwTrEx2\n\
6OZkrmNUUeXyI9FxM5qhLIE2tT9nBal4mr0lKHRyhe4jnURlCkjVS1JA7GJ5gWff\n\
0mbJdRB7in65yHRxsn8Ry2gcEnRY4mZeJ4+V9LXA33JTCCQJ6tLhPW4CziulGFuG\n\
4A1qs/kjChVbQNsB+3h0zRX9D4Tbew4hJhlYVwmok9ht5C5JVipAiqY2h5iVx0gD\n\
WAjCrWlhzlq9t0v61qrHsHX1wLkfrqTtpxzcobQJA6mBV1YyjlWDxAbYi/hwOX78\n\
uApcsh6vs0t3hQ3ptkaR/cB2gqR2BGk5LO88L1TKpoLXYucQqQu8wa+yXLuo89XC\n\
kZbTU9AEIgIgEFqhwoviQL1/LYS3V/UX8f2487D2L9rZeNsME5/M4fY=\n\
-----END PRIVATE KEY-----";

    fn messages() -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = vec![vec![], b"a".to_vec(), "用户1".as_bytes().to_vec()];
        out.extend((0..10u8).map(|i| vec![i; usize::from(i) * 29]));
        out
    }

    /// The `dsa` crate's own signature, which ours must equal byte for byte.
    fn reference_signature(key: &DsaPrivateKey, message: &[u8]) -> Vec<u8> {
        use signature::DigestSigner as _;
        let signature: ::dsa::Signature = key
            .inner
            .try_sign_digest(|digest: &mut Sha1| {
                sha1::digest::Update::update(digest, message);
                Ok(())
            })
            .unwrap();
        signature.to_der().unwrap()
    }

    fn reference_verify(key: &DsaPublicKey, message: &[u8], der: &[u8]) -> bool {
        use signature::DigestVerifier as _;
        let signature = ::dsa::Signature::from_der(der).unwrap();
        key.inner
            .verify_digest(
                |digest: &mut Sha1| {
                    sha1::digest::Update::update(digest, message);
                    Ok(())
                },
                &signature,
            )
            .is_ok()
    }

    /// Our signing gives the `dsa` crate's signatures byte for byte; our
    /// pure-Rust verification (and, with the `openssl` feature, OpenSSL's)
    /// agrees with the `dsa` crate's.
    #[test]
    fn same_signatures_as_the_dsa_crate() {
        for pem in PRIVATE {
            let key = DsaPrivateKey::load(pem).unwrap();
            let public = key.public_key();
            for message in messages() {
                let ours = key.sign_sha1(&message).unwrap();
                assert_eq!(
                    ours,
                    reference_signature(&key, &message),
                    "{:?}",
                    key.bits()
                );
                public.verify_sha1(&message, &ours).unwrap();

                let (r, s) = parse_signature(&ours).unwrap();
                let hash = Sha1::digest(&message);
                assert!(public.group.verify(&hash, r, s));
                let mut tampered = message.clone();
                tampered.push(0);
                let other = Sha1::digest(&tampered);
                assert!(!public.group.verify(&other, r, s));
                assert!(!reference_verify(&public, &tampered, &ours));
                assert!(!public.group.verify(&hash, s, r) || r == s);
                assert_eq!(
                    public.verify_sha1(&tampered, &ours),
                    Err(SignatureError::Mismatch)
                );
            }
        }
    }

    /// The tables give the powers square-and-multiply gives.
    #[test]
    fn fixed_base_powers() {
        for pem in [PRIVATE[0], DSA_2048_256] {
            let key = DsaPrivateKey::load(pem).unwrap();
            let group = &key.public.group;
            let bits = group.q_bits;
            let precision = group.p_precision;
            let all_ones = BoxedUint::one_with_precision(precision)
                .shl(bits)
                .wrapping_sub(BoxedUint::one());
            let mut exponents = vec![
                BoxedUint::zero_with_precision(precision),
                BoxedUint::one_with_precision(precision),
                all_ones.clone(),
                group.q_wide.as_ref().wrapping_sub(BoxedUint::one()),
                BoxedUint::from(0x8000_0000_0000_0000u64).resize(precision),
            ];
            for i in 1..12u8 {
                let bytes: Vec<u8> = (0..bits / 8)
                    .map(|j| (j as u8).wrapping_mul(i) ^ 0x5a)
                    .collect();
                exponents.push(BoxedUint::from_be_slice_vartime(&bytes).resize(precision));
            }
            for base in [&group.g, &group.y] {
                let table = FixedBase::new(base, bits);
                for e in &exponents {
                    let expected = base.pow_bounded_exp(e, bits).retrieve();
                    assert_eq!(table.pow(e).retrieve(), expected);
                    assert_eq!(table.pow_vartime(e).retrieve(), expected);
                }
            }
        }
    }

    #[test]
    fn strict_der() {
        let ok = [0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03];
        assert_eq!(parse_signature(&ok), Ok((&[5u8][..], &[3u8][..])));
        let cases: &[(&[u8], &str)] = &[
            (&[], "truncated"),
            (&[0x31, 0x00], "SEQUENCE"),
            (
                &[0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0x00],
                "trailing",
            ),
            (
                &[0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02, 0x01, 0x03],
                "leading zero",
            ),
            (
                &[0x30, 0x06, 0x02, 0x01, 0x85, 0x02, 0x01, 0x03],
                "negative",
            ),
            (&[0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x03], "zero"),
            (
                &[0x30, 0x81, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03],
                "non-minimal DER length",
            ),
            (
                &[0x30, 0x80, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0, 0],
                "indefinite",
            ),
            (
                &[
                    0x30, 0x09, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03, 0x02, 0x01, 0x01,
                ],
                "more than",
            ),
            (
                &[0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0x03],
                "not a DER INTEGER",
            ),
            (
                &[0x30, 0x08, 0x02, 0x01, 0x05, 0x02, 0x01, 0x03],
                "truncated",
            ),
            (
                &[0x30, 0x07, 0x02, 0x02, 0xff, 0x85, 0x02, 0x01, 0x03],
                "0xff",
            ),
        ];
        for (der, want) in cases {
            let err = parse_signature(der).unwrap_err();
            assert!(err.contains(want), "{der:02x?}: {err}");
        }
    }
}

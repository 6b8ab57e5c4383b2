//! The `openssl` back-end: RSA and DSA operations through the system's
//! OpenSSL (the `openssl` crate), behind the same key types.
//!
//! Keys are still read, validated and explained by the pure-Rust loaders;
//! OpenSSL gets the numbers they accepted, once, at load, as an `EVP_PKEY`:
//! the RSA private key from the PKCS#1 DER that was read, public keys from
//! their numbers. OpenSSL frees and cleanses its copies of secret numbers
//! itself (`RSA_free` clears the private parts when the last clone of the
//! key is dropped).
//!
//! Each operation runs on an `EVP_PKEY_CTX` set up once (sign or verify,
//! PKCS#1 v1.5 padding for RSA, the digest) and reused: setting one up costs
//! OpenSSL 3 a few microseconds of algorithm and digest fetching — as much
//! as half an RSA-1024 verification. A key keeps the contexts that are not
//! in use in a small pool, so that threads sharing a key each take their
//! own. The message is hashed in Rust (the `sha1` and `sha2` crates); the
//! context signs or verifies the digest in a `DigestInfo`, exactly what
//! `EVP_DigestSign` / `EVP_DigestVerify` (and `openssl dgst`) do.
//!
//! DSA signing is not here: OpenSSL 3.0 draws DSA's k at random, and this
//! crate's DSA signatures are deterministic (RFC 6979) — and computed faster
//! in Rust, from precomputed powers of g, than OpenSSL computes its own.
//!
//! Errors from OpenSSL (the `openssl` crate drains OpenSSL's error queue
//! into them) become the text of a [`KeyError`](super::KeyError) or a
//! [`SignError`](crate::SignError); a verification that OpenSSL cannot
//! complete is a mismatch.

use std::sync::{Arc, Mutex};

use openssl::bn::BigNum;
use openssl::error::ErrorStack;
use openssl::md::{Md, MdRef};
use openssl::pkey::{Id, PKey, Public};
use openssl::pkey_ctx::PkeyCtx;

/// Says what OpenSSL refused, without key material (OpenSSL's messages
/// name functions and reasons, never numbers).
fn refused(what: &str, e: &ErrorStack) -> String {
    format!("OpenSSL could not {what} ({e})")
}

/// The digest a signature is made over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Digest {
    Sha1,
    #[cfg_attr(not(feature = "rsa"), allow(dead_code))]
    Sha256,
}

impl Digest {
    fn md(self) -> &'static MdRef {
        match self {
            Digest::Sha1 => Md::sha1(),
            Digest::Sha256 => Md::sha256(),
        }
    }

    fn index(self) -> usize {
        match self {
            Digest::Sha1 => 0,
            Digest::Sha256 => 1,
        }
    }
}

/// At most this many idle contexts are kept per key and digest; more
/// threads than that at once on one key make and drop their own.
const MAX_IDLE: usize = 16;

/// A key as OpenSSL holds it, with its pools of ready contexts (one per
/// digest). Shared by the clones of a key.
pub(crate) struct Key<T> {
    key: PKey<T>,
    idle: [Mutex<Vec<PkeyCtx<T>>>; 2],
}

impl<T> Key<T> {
    fn new(key: PKey<T>) -> Arc<Self> {
        Arc::new(Key {
            key,
            idle: [Mutex::new(Vec::new()), Mutex::new(Vec::new())],
        })
    }

    /// Runs `op` on a context for `digest`: an idle one, or a new one set up
    /// by `init` (`sign_init` or `verify_init`) with PKCS#1 v1.5 padding
    /// (RSA) and the digest. The context goes back to the pool unless `op`
    /// failed.
    fn with_context<R>(
        &self,
        digest: Digest,
        init: fn(&mut PkeyCtx<T>) -> Result<(), ErrorStack>,
        op: impl FnOnce(&mut PkeyCtx<T>) -> Result<R, ErrorStack>,
    ) -> Result<R, ErrorStack> {
        let pool = self.idle.get(digest.index());
        let idle = pool.and_then(|pool| pool.lock().ok()?.pop());
        let mut ctx = match idle {
            Some(ctx) => ctx,
            None => {
                let mut ctx = PkeyCtx::new(&self.key)?;
                init(&mut ctx)?;
                if self.key.id() == Id::RSA {
                    ctx.set_rsa_padding(openssl::rsa::Padding::PKCS1)?;
                }
                ctx.set_signature_md(digest.md())?;
                ctx
            }
        };
        let result = op(&mut ctx)?;
        if let Some(mut idle) = pool.and_then(|pool| pool.lock().ok()) {
            if idle.len() < MAX_IDLE {
                idle.push(ctx);
            }
        }
        Ok(result)
    }
}

#[cfg(feature = "rsa")]
impl Key<openssl::pkey::Private> {
    /// The PKCS#1 v1.5 signature of a `digest` hash.
    pub(crate) fn sign(&self, digest: Digest, hash: &[u8]) -> Result<Vec<u8>, String> {
        let mut signature = vec![0; self.key.size()];
        self.with_context(
            digest,
            |ctx| ctx.sign_init(),
            |ctx| ctx.sign(hash, Some(&mut signature)),
        )
        .map(|len| {
            signature.truncate(len);
            signature
        })
        .map_err(|e| refused("sign", &e))
    }
}

#[cfg(feature = "rsa")]
impl Key<openssl::pkey::Private> {
    /// RSAES-PKCS1-v1_5 decryption of one block (as long as the modulus).
    /// OpenSSL 3.2 and later answer a block whose padding does not check
    /// with a pseudo-random plaintext (implicit rejection); earlier versions
    /// fail, which is `Err(())` (the reason is left out: it is the padding,
    /// and only the caller's authentication of the result decides).
    pub(crate) fn decrypt_pkcs1(&self, block: &[u8]) -> Result<Vec<u8>, ()> {
        let mut ctx = PkeyCtx::new(&self.key).map_err(|_| ())?;
        ctx.decrypt_init().map_err(|_| ())?;
        ctx.set_rsa_padding(openssl::rsa::Padding::PKCS1)
            .map_err(|_| ())?;
        let mut plaintext = Vec::new();
        ctx.decrypt_to_vec(block, &mut plaintext).map_err(|_| ())?;
        Ok(plaintext)
    }
}

impl Key<Public> {
    /// Whether `signature` is this key's over a `digest` hash. An error
    /// inside OpenSSL (a signature it cannot even decode) is `false`.
    pub(crate) fn verify(&self, digest: Digest, hash: &[u8], signature: &[u8]) -> bool {
        self.with_context(
            digest,
            |ctx| ctx.verify_init(),
            |ctx| ctx.verify(hash, signature),
        )
        .unwrap_or(false)
    }
}

/// An RSA private key from the DER of a PKCS#1 `RSAPrivateKey` the
/// pure-Rust loader has accepted.
#[cfg(feature = "rsa")]
pub(crate) fn rsa_private_key(
    pkcs1_der: &[u8],
) -> Result<Arc<Key<openssl::pkey::Private>>, String> {
    openssl::rsa::Rsa::private_key_from_der(pkcs1_der)
        .and_then(PKey::from_rsa)
        .map(Key::new)
        .map_err(|e| refused("read the RSA private key", &e))
}

/// An RSA public key from its modulus and exponent (big-endian).
#[cfg(feature = "rsa")]
pub(crate) fn rsa_public_key(n: &[u8], e: &[u8]) -> Result<Arc<Key<Public>>, String> {
    BigNum::from_slice(n)
        .and_then(|n| Ok((n, BigNum::from_slice(e)?)))
        .and_then(|(n, e)| openssl::rsa::Rsa::from_public_components(n, e))
        .and_then(PKey::from_rsa)
        .map(Key::new)
        .map_err(|e| refused("read the RSA public key", &e))
}

/// A DSA public key from p, q, g and y (big-endian), which the pure-Rust
/// loader has checked.
#[cfg(feature = "dsa")]
pub(crate) fn dsa_public_key(
    p: &[u8],
    q: &[u8],
    g: &[u8],
    y: &[u8],
) -> Result<Arc<Key<Public>>, String> {
    let fail = |e: ErrorStack| refused("read the DSA public key", &e);
    openssl::dsa::Dsa::from_public_components(
        BigNum::from_slice(p).map_err(fail)?,
        BigNum::from_slice(q).map_err(fail)?,
        BigNum::from_slice(g).map_err(fail)?,
        BigNum::from_slice(y).map_err(fail)?,
    )
    .and_then(PKey::from_dsa)
    .map(Key::new)
    .map_err(fail)
}

#[cfg(all(test, feature = "rsa"))]
mod tests {
    use crate::keys::{RsaPrivateKey, RsaPublicKey};
    use crate::{SignType, SignatureError, Signer, Verifier};

    /// Threads sharing one key each get a context of their own from the
    /// pool (or a new one), and every result is right.
    #[test]
    fn contexts_are_shared_safely_between_threads() {
        let private =
            RsaPrivateKey::load(include_str!("../../tests/fixtures/rsa1024.pkcs1.pem")).unwrap();
        let public =
            RsaPublicKey::load(include_str!("../../tests/fixtures/rsa1024.pub.pem")).unwrap();
        let signer = Signer::rsa2(private);
        let verifier = Verifier::rsa2(public);
        std::thread::scope(|scope| {
            for thread in 0..8u8 {
                let (signer, verifier) = (&signer, &verifier);
                scope.spawn(move || {
                    for i in 0..40u8 {
                        let message = [thread, i];
                        let sign = signer.sign_message(&message).unwrap();
                        verifier.verify_message(&message, &sign).unwrap();
                        assert_eq!(
                            verifier.verify_message(&[thread, i, 0], &sign),
                            Err(SignatureError::Mismatch)
                        );
                    }
                });
            }
        });
        assert_eq!(signer.sign_type(), SignType::Rsa2);
    }
}

//! `MD5`: md5(signing string bytes ++ key bytes), lowercase hex.

use md5::{Digest, Md5};
use subtle::ConstantTimeEq;

use super::SignatureError;
use crate::keys::Md5Key;
use crate::wire::hex_digit as hex_digit_value;

/// An MD5 sign being computed from a message fed piece by piece.
pub(crate) struct Stream<'a> {
    key: &'a Md5Key,
    hasher: Md5,
}

impl<'a> Stream<'a> {
    pub(super) fn new(key: &'a Md5Key) -> Self {
        Stream {
            key,
            hasher: Md5::new(),
        }
    }

    #[inline]
    pub(super) fn update(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
    }

    /// Appends the lowercase hex sign of the message fed so far to `out`.
    pub(super) fn append_sign(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&finish_hex(self.hasher, self.key));
    }
}

fn digest_hex(key: &Md5Key, message: &[u8]) -> [u8; 32] {
    let mut hasher = Md5::new();
    hasher.update(message);
    finish_hex(hasher, key)
}

/// md5(message ++ key), from a hasher fed the message: the rule, in one
/// place for signing and verifying.
fn finish(mut hasher: Md5, key: &Md5Key) -> [u8; 16] {
    hasher.update(key.expose().as_bytes());
    hasher.finalize().into()
}

/// [`finish`] in lowercase hex.
fn finish_hex(hasher: Md5, key: &Md5Key) -> [u8; 32] {
    let digest = finish(hasher, key);
    let mut hex = [0u8; 32];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(digest.iter()) {
        if let [high, low] = pair {
            *high = hex_digit(byte >> 4);
            *low = hex_digit(byte & 0xF);
        }
    }
    hex
}

fn hex_digit(nibble: u8) -> u8 {
    if nibble < 10 {
        b'0' + nibble
    } else {
        b'a' + nibble - 10
    }
}

/// Appends the lowercase hex sign to `out`.
pub(super) fn append_sign(key: &Md5Key, message: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&digest_hex(key, message));
}

pub(super) fn verify(key: &Md5Key, message: &[u8], sign: &str) -> Result<(), SignatureError> {
    verify_pieces(key, message, sign)
}

/// [`verify`] of a message given as pieces, each hashed as it comes.
pub(super) fn verify_pieces(
    key: &Md5Key,
    pieces: &(impl super::Pieces + ?Sized),
    sign: &str,
) -> Result<(), SignatureError> {
    // A sign read as a line, or received as `…%0D%0A`: CR and LF at its
    // ends carry nothing (see `SignType::received_sign`).
    let sign = super::trim_line_ends(sign);
    // The received hex read into the 16 bytes it stands for (either case),
    // compared with the digest's bytes.
    let malformed = || SignatureError::Malformed {
        reason: format!(
            "an MD5 sign is 32 hexadecimal characters, got {} characters",
            sign.chars().count()
        ),
    };
    let received = sign.as_bytes();
    if received.len() != 32 {
        return Err(malformed());
    }
    let mut expected = [0u8; 16];
    let mut invalid = 0u8;
    for (byte, pair) in expected.iter_mut().zip(received.chunks_exact(2)) {
        let (high, low) = match *pair {
            [high, low] => (hex_digit_value(high), hex_digit_value(low)),
            _ => (0xFF, 0xFF),
        };
        invalid |= (high | low) & 0xF0;
        *byte = high << 4 | low;
    }
    if invalid != 0 {
        return Err(malformed());
    }
    let mut hasher = Md5::new();
    pieces.each(|piece| hasher.update(piece));
    let digest = finish(hasher, key);
    // Compared in constant time (`subtle`: every byte, no early exit).
    if bool::from(digest[..].ct_eq(&expected[..])) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

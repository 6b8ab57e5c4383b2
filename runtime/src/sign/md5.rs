//! `MD5`: md5(signing string bytes ++ key bytes), lowercase hex.

use md5::block_api::Md5Core;
use md5::digest::array::Array;
use md5::digest::block_api::{Buffer, FixedOutputCore, UpdateCore};
use md5::digest::Output;
use subtle::ConstantTimeEq;

use super::SignatureError;
use crate::keys::Md5Key;
use crate::wire::hex_digit as hex_digit_value;

/// MD5 of a message fed in many short pieces, gathered into whole blocks
/// here: a piece of up to [`SHORT`] bytes with that many bytes to read where
/// it lies is copied in one fixed-size move (the bytes past it are written
/// over by the next piece), where the hasher's own buffer would copy each
/// piece by a call. Padding and the rounds are the `md-5` crate's
/// (`Md5Core`).
struct Blocks {
    core: Md5Core,
    /// The bytes of the block being filled, `len` of them (fewer than a
    /// block between pieces), and room for a move's overshoot.
    buf: [u8; BLOCK + SHORT],
    len: usize,
}

/// MD5's block, in bytes.
const BLOCK: usize = 64;
/// The longest piece copied in one move.
const SHORT: usize = 32;

impl Blocks {
    fn new() -> Self {
        Blocks {
            core: Md5Core::default(),
            buf: [0; BLOCK + SHORT],
            len: 0,
        }
    }

    /// Appends the piece `run[..len]`.
    #[inline(always)]
    fn push(&mut self, run: &[u8], len: usize) {
        if len <= SHORT {
            let to = self.buf.get_mut(self.len..self.len + SHORT);
            if let Some(to) = to {
                match run.get(..SHORT) {
                    Some(from) => to.copy_from_slice(from),
                    None => copy_short(to, run.get(..len).unwrap_or_default()),
                }
                self.len += len;
                if self.len >= BLOCK {
                    self.compress_first();
                }
                return;
            }
        }
        self.push_slow(run.get(..len).unwrap_or_default());
    }

    /// Hashes the first block of `buf` and moves what follows it (less than
    /// [`SHORT`] bytes) to the front.
    #[inline(always)]
    fn compress_first(&mut self) {
        let (block, rest) = self.buf.split_at_mut(BLOCK);
        if let Some(block) = block.first_chunk::<BLOCK>() {
            self.core
                .update_blocks(Array::cast_slice_from_core(std::slice::from_ref(block)));
        }
        if let (Some(front), Some(next)) = (
            block.first_chunk_mut::<SHORT>(),
            rest.first_chunk::<SHORT>(),
        ) {
            *front = *next;
        }
        self.len -= BLOCK;
    }

    /// Appends a piece of any length: whole blocks of it are hashed where
    /// they lie, the rest copied into the block being filled.
    #[inline(never)]
    fn push_slow(&mut self, mut piece: &[u8]) {
        while !piece.is_empty() {
            if self.len == 0 {
                let (whole, rest) = piece.as_chunks::<BLOCK>();
                if !whole.is_empty() {
                    self.core.update_blocks(Array::cast_slice_from_core(whole));
                }
                piece = rest;
                if piece.is_empty() {
                    break;
                }
            }
            let room = BLOCK - self.len;
            let (now, later) = piece.split_at(room.min(piece.len()));
            if let Some(to) = self.buf.get_mut(self.len..self.len + now.len()) {
                to.copy_from_slice(now);
            }
            self.len += now.len();
            piece = later;
            if self.len == BLOCK {
                let (block, _) = self.buf.split_at(BLOCK);
                if let Some(block) = block.first_chunk::<BLOCK>() {
                    self.core
                        .update_blocks(Array::cast_slice_from_core(std::slice::from_ref(block)));
                }
                self.len = 0;
            }
        }
    }

    /// md5(message ++ key), the message being what was pushed: the rule,
    /// in one place for signing and verifying.
    fn finish(mut self, key: &Md5Key) -> [u8; 16] {
        let key = key.expose().as_bytes();
        self.push(key, key.len());
        let mut buffer = Buffer::<Md5Core>::new(self.buf.get(..self.len).unwrap_or_default());
        let mut out = Output::<Md5Core>::default();
        self.core.finalize_fixed_core(&mut buffer, &mut out);
        out.into()
    }
}

/// Copies `from` (at most [`SHORT`] bytes) to the start of `to` (at least
/// that long) in two moves of a fixed size that overlap in the middle, the
/// size the power of two at or below its length: no call to copy a length
/// known only when running.
#[inline(always)]
fn copy_short(to: &mut [u8], from: &[u8]) {
    fn two<const N: usize>(to: &mut [u8], from: &[u8]) {
        let len = from.len();
        if let (Some(head), Some(to)) = (from.first_chunk::<N>(), to.first_chunk_mut::<N>()) {
            *to = *head;
        }
        let tail = from.last_chunk::<N>();
        if let (Some(tail), Some(to)) = (tail, to.get_mut(len - N..len)) {
            to.copy_from_slice(tail);
        }
    }
    match from.len() {
        16.. => two::<16>(to, from),
        8.. => two::<8>(to, from),
        4.. => two::<4>(to, from),
        2.. => two::<2>(to, from),
        1 => two::<1>(to, from),
        0 => {}
    }
}

/// An MD5 sign being computed from a message fed piece by piece.
pub(crate) struct Stream<'a> {
    key: &'a Md5Key,
    blocks: Blocks,
}

impl<'a> Stream<'a> {
    pub(super) fn new(key: &'a Md5Key) -> Self {
        Stream {
            key,
            blocks: Blocks::new(),
        }
    }

    #[inline]
    pub(super) fn update(&mut self, bytes: &[u8]) {
        self.blocks.push(bytes, bytes.len());
    }

    /// Appends the lowercase hex sign of the message fed so far to `out`.
    pub(super) fn append_sign(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&hex(self.blocks.finish(self.key)));
    }
}

/// A digest in lowercase hex.
fn hex(digest: [u8; 16]) -> [u8; 32] {
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
    let mut blocks = Blocks::new();
    blocks.push(message, message.len());
    out.extend_from_slice(&hex(blocks.finish(key)));
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
    let mut blocks = Blocks::new();
    pieces.each_run(|run, len| blocks.push(run, len));
    let digest = blocks.finish(key);
    // Compared in constant time (`subtle`: every byte, no early exit).
    if bool::from(digest[..].ct_eq(&expected[..])) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use md5::{Digest, Md5};
    use proptest::prelude::*;

    /// md5(message ++ key) by the `md-5` crate in one go, the reference.
    fn reference(message: &[u8], key: &Md5Key) -> [u8; 16] {
        let mut hasher = Md5::new();
        hasher.update(message);
        hasher.update(key.expose().as_bytes());
        hasher.finalize().into()
    }

    /// [`Blocks`] fed `message` cut at `cuts`, each piece given with the
    /// rest of the message after it or, when `bare` says so, alone.
    fn blocks(message: &[u8], cuts: &[usize], bare: &[bool], key: &Md5Key) -> [u8; 16] {
        let mut ends: Vec<usize> = cuts.iter().map(|c| c % (message.len() + 1)).collect();
        ends.push(message.len());
        ends.sort_unstable();
        let mut blocks = Blocks::new();
        let mut start = 0;
        for (i, end) in ends.into_iter().enumerate() {
            let len = end - start;
            if bare.get(i).copied().unwrap_or(false) {
                blocks.push(&message[start..end], len);
            } else {
                blocks.push(&message[start..], len);
            }
            start = end;
        }
        blocks.finish(key)
    }

    #[test]
    fn known_vector() {
        // md5("a=1&b=2" ++ "key"), as `printf 'a=1&b=2key' | md5sum` gives it.
        let key = Md5Key::new("key").unwrap();
        let mut blocks = Blocks::new();
        blocks.push(b"a=1&b=2", 3);
        blocks.push(b"&b=2", 4);
        let hex: String = blocks
            .finish(&key)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex, "1c123a5dc12e90deeaa1cd94681f0d88");
    }

    #[test]
    fn short_copies_are_exact() {
        for len in 0..=SHORT {
            let from: Vec<u8> = (1..=len as u8).collect();
            let mut to = [0xEE; SHORT + 1];
            copy_short(&mut to, &from);
            assert_eq!(&to[..len], &from[..], "length {len}");
            assert!(to[len..].iter().all(|&b| b == 0xEE), "length {len}");
        }
    }

    #[test]
    fn every_length_around_the_blocks() {
        let key = Md5Key::new("10000000000000000000000000000000").unwrap();
        let message: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in 0..message.len() {
            let message = &message[..len];
            for piece in [1, 5, 31, 32, 33, 63, 64, 65, 200] {
                let cuts: Vec<usize> = (piece..len).step_by(piece).collect();
                assert_eq!(
                    blocks(message, &cuts, &[], &key),
                    reference(message, &key),
                    "length {len}, pieces of {piece}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn same_as_the_crate_in_one_go(
            message in proptest::collection::vec(any::<u8>(), 0..700),
            cuts in proptest::collection::vec(any::<usize>(), 0..40),
            bare in proptest::collection::vec(any::<bool>(), 0..41),
        ) {
            let key = Md5Key::new("10000000000000000000000000000000").unwrap();
            prop_assert_eq!(blocks(&message, &cuts, &bare, &key), reference(&message, &key));
        }
    }
}

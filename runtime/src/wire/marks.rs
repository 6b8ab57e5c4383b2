//! The bytes of a form body that mean more than themselves (`%`, `&`, `=`,
//! `+`), found a block of [`WIDTH`] bytes at a time for
//! [`super::RawPairs::push_form`].
//!
//! On x86_64 the block is looked at with SSE2 (every x86_64 processor has
//! it) through `safe_arch`'s safe wrappers of the intrinsics: 32 bytes in two
//! loads, four compares and a mask each. Elsewhere, [`portable`] does the
//! same eight bytes at a time in plain integers; the tests check that both
//! give the same marks for every byte.

/// How many bytes [`copy_and_mark`] looks at together.
pub(super) const WIDTH: usize = 32;

/// The special bytes of a block: bit `k` of each mask is set when byte `k`
/// is that byte.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Marks {
    pub(super) percent: u32,
    pub(super) amp: u32,
    pub(super) equals: u32,
}

/// Copies `block` into `to` with each `+` made a space (the form's
/// encoding of a space), and marks its `%`, `&` and `=`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(super) fn copy_and_mark(block: &[u8; WIDTH], to: &mut [u8; WIDTH]) -> Marks {
    use safe_arch::{
        bitand_m128i, bitxor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, m128i,
        move_mask_i8_m128i, set_splat_i8_m128i, store_unaligned_m128i,
    };
    /// Each byte of `v` equal to `c`, as a 16-bit mask.
    #[inline(always)]
    fn equal(v: m128i, c: u8) -> (m128i, u32) {
        let eq = cmp_eq_mask_i8_m128i(v, set_splat_i8_m128i(i8::from_ne_bytes([c])));
        (eq, u32::from_ne_bytes(move_mask_i8_m128i(eq).to_ne_bytes()))
    }
    let mut marks = Marks::default();
    let (halves, _) = block.as_chunks::<16>();
    let (outs, _) = to.as_chunks_mut::<16>();
    for (k, (half, out)) in halves.iter().zip(outs).enumerate() {
        let shift = 16 * k as u32;
        let v = load_unaligned_m128i(half);
        // `+` and a space differ in these bits only.
        let (plus, _) = equal(v, b'+');
        let flip = bitand_m128i(plus, set_splat_i8_m128i(i8::from_ne_bytes([b'+' ^ b' '])));
        store_unaligned_m128i(out, bitxor_m128i(v, flip));
        marks.percent |= equal(v, b'%').1 << shift;
        marks.amp |= equal(v, b'&').1 << shift;
        marks.equals |= equal(v, b'=').1 << shift;
    }
    marks
}

#[cfg(not(target_arch = "x86_64"))]
pub(super) use portable::copy_and_mark;

/// [`copy_and_mark`] in plain 64-bit integers, eight bytes at a time.
#[cfg(any(test, not(target_arch = "x86_64")))]
pub(super) mod portable {
    use super::{Marks, WIDTH};

    const ONES: u64 = 0x0101_0101_0101_0101;

    /// The high bit of each byte of `x` equal to `c`, and no other bit.
    #[inline(always)]
    fn bytes_equal(x: u64, c: u8) -> u64 {
        const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        let y = x ^ (ONES * u64::from(c));
        // Per byte, `(y & 0x7F) + 0x7F` sets the high bit unless the low
        // seven bits are zero, and never carries into the next byte.
        !(((y & LOW7) + LOW7) | y | LOW7)
    }

    /// The high bits of a word's bytes (as [`bytes_equal`] gives them) as
    /// eight bits, byte `k` at bit `k`.
    #[inline(always)]
    fn gather(high_bits: u64) -> u32 {
        // Each high bit moved to the top byte at its own bit place: the
        // products of distinct bits never collide.
        const MAGIC: u64 = 0x0102_0408_1020_4080;
        u32::from(((high_bits >> 7).wrapping_mul(MAGIC) >> 56) as u8)
    }

    /// See [`super::copy_and_mark`].
    #[inline(always)]
    pub(in crate::wire) fn copy_and_mark(block: &[u8; WIDTH], to: &mut [u8; WIDTH]) -> Marks {
        let mut marks = Marks::default();
        let (words, _) = block.as_chunks::<8>();
        let (outs, _) = to.as_chunks_mut::<8>();
        for (k, (word, out)) in words.iter().zip(outs).enumerate() {
            let x = u64::from_le_bytes(*word);
            let plus = bytes_equal(x, b'+') >> 7;
            *out = (x ^ (plus * u64::from(b'+' ^ b' '))).to_le_bytes();
            let shift = 8 * k as u32;
            marks.percent |= gather(bytes_equal(x, b'%')) << shift;
            marks.amp |= gather(bytes_equal(x, b'&')) << shift;
            marks.equals |= gather(bytes_equal(x, b'=')) << shift;
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the marks and copy are, byte by byte.
    fn plain(block: &[u8; WIDTH]) -> (Marks, [u8; WIDTH]) {
        let mut marks = Marks::default();
        let mut to = *block;
        for (k, (b, t)) in block.iter().zip(to.iter_mut()).enumerate() {
            let bit = 1u32 << k;
            match b {
                b'%' => marks.percent |= bit,
                b'&' => marks.amp |= bit,
                b'=' => marks.equals |= bit,
                b'+' => *t = b' ',
                _ => {}
            }
        }
        (marks, to)
    }

    fn check(block: [u8; WIDTH]) {
        let expected = plain(&block);
        let mut to = [0xAA; WIDTH];
        assert_eq!((copy_and_mark(&block, &mut to), to), expected, "{block:?}");
        let mut to = [0x55; WIDTH];
        assert_eq!(
            (portable::copy_and_mark(&block, &mut to), to),
            expected,
            "{block:?}"
        );
    }

    #[test]
    fn every_byte_in_every_place() {
        for b in 0..=u8::MAX {
            for at in 0..WIDTH {
                let mut block = [b'a'; WIDTH];
                block[at] = b;
                check(block);
                // And beside the special bytes and high bytes.
                let mut block = *b"%&=+\x80\xFF%25a=b&c+d%%==&&++\x00\x7F%Ax+yz";
                block[at] = b;
                check(block);
            }
        }
    }

    proptest! {
        #[test]
        fn same_as_byte_by_byte(
            block in proptest::array::uniform32(
                prop_oneof![Just(b'%'), Just(b'&'), Just(b'='), Just(b'+'), any::<u8>()]
            )
        ) {
            check(block);
        }
    }
}

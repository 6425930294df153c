//! Byte classes eight at a time: a value read as 64-bit words, and for each word the bytes
//! of a class marked by their high bit. The per-value checks (`email.rs`, `cross.rs`) ask
//! "is every byte one of these?" of nearly every cell; a byte-by-byte loop with an early
//! exit costs a branch a byte, these a few arithmetic steps a word.
//!
//! The class tests expect bytes below 0x80 ([`ascii`] clears the high bits and says where
//! they were): their sums and differences then never carry into the next byte, so each
//! answer is exact, not a hint.

/// 0x01 in every byte.
pub(super) const ONES: u64 = u64::from_le_bytes([1; 8]);
/// 0x80 in every byte.
pub(super) const HIGH: u64 = ONES * 0x80;

/// Calls `each` with the index and value of each word of `bytes`, little-endian, the last
/// one padded with `pad` bytes.
#[inline]
pub(super) fn each_word(bytes: &[u8], pad: u8, mut each: impl FnMut(usize, u64)) {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder().len();
    let full = bytes.len() / 8;
    for (i, chunk) in chunks.enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        each(i, u64::from_le_bytes(word));
    }
    if rest == 0 {
        return;
    }
    let padding = (ONES * u64::from(pad)) << (8 * rest);
    let last = if let Some(tail) = bytes.len().checked_sub(8).map(|at| &bytes[at..]) {
        // The last eight bytes, shifted past those the full words had: no copy of a
        // length known only at run time.
        let mut word = [0u8; 8];
        word.copy_from_slice(tail);
        u64::from_le_bytes(word) >> (8 * (8 - rest))
    } else {
        let mut word = [0u8; 8];
        word[..rest].copy_from_slice(bytes);
        u64::from_le_bytes(word)
    };
    each(full, last | padding);
}

/// The word with the high bit of each byte cleared, and where those bits were set.
pub(super) fn ascii(word: u64) -> (u64, u64) {
    (word & !HIGH, word & HIGH)
}

/// The high bit of each byte of `word` (ASCII) that is `byte` (ASCII).
pub(super) fn equal(word: u64, byte: u8) -> u64 {
    // A byte of `diff` is below 0x80; plus 0x7F it reaches 0x80 unless it is zero, and
    // stays below 0x100.
    let diff = word ^ (ONES * u64::from(byte));
    !(diff + (ONES * 0x7F)) & HIGH
}

/// The high bit of each byte of `word` (ASCII) from `low` to `high` (both below 0x80).
pub(super) fn within(word: u64, low: u8, high: u8) -> u64 {
    // Each byte of `word | HIGH` is at least 0x80 and each of `high | 0x80` minus an ASCII
    // byte is at least 1, so neither subtraction borrows from the next byte.
    let at_least = (word | HIGH) - ONES * u64::from(low);
    let at_most = ((ONES * u64::from(high)) | HIGH) - word;
    at_least & at_most & HIGH
}

/// The high bits of `marks` (nothing but high bits) as eight bits, byte 0 lowest.
pub(super) fn bits(marks: u64) -> u64 {
    // Byte i's bit 8i+7 times bit 7(7-i) of the factor lands on 56+i; no two products
    // share a bit, so nothing carries.
    marks.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value in every position of a word, against the byte-by-byte answer.
    #[test]
    fn classes_agree_with_each_byte() {
        let fill = [0u8, 0x7F, b'A', b'.', 0x80, 0xFF, b'@', b'z'];
        for position in 0..8 {
            for byte in 0..=255u8 {
                for &other in &fill {
                    let mut bytes = [other; 8];
                    bytes[position] = byte;
                    let (word, high) = ascii(u64::from_le_bytes(bytes));
                    let expect = |f: &dyn Fn(u8) -> bool| {
                        bytes
                            .iter()
                            .enumerate()
                            .fold(0u64, |m, (i, &b)| m | (u64::from(f(b)) << i))
                    };
                    assert_eq!(bits(high), expect(&|b| b >= 0x80), "{bytes:?}");
                    for (low, up) in [(b'0', b'9'), (b'A', b'Z'), (0, 0x7F), (b'a', b'a')] {
                        assert_eq!(
                            bits(within(word, low, up)),
                            expect(&|b| (low..=up).contains(&(b & 0x7F))),
                            "{bytes:?} {low}..={up}"
                        );
                    }
                    for target in [0u8, b'.', b'@', 0x7F, 1, b'A'] {
                        assert_eq!(
                            bits(equal(word, target)),
                            expect(&|b| b & 0x7F == target),
                            "{bytes:?} {target}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn words_cover_every_byte_once() {
        let bytes: Vec<u8> = (1..=20).collect();
        for len in 0..=bytes.len() {
            let mut read = Vec::new();
            each_word(&bytes[..len], 7, |i, word| {
                assert_eq!(i, read.len() / 8);
                read.extend(word.to_le_bytes());
            });
            assert_eq!(read.len(), len.div_ceil(8) * 8);
            assert_eq!(&read[..len], &bytes[..len]);
            assert!(read[len..].iter().all(|&b| b == 7), "{len} {read:?}");
        }
    }
}

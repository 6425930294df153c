//! Byte tests over eight bytes at once, for the fast paths of `trim` and `case`.
//!
//! Cells are short (ten to thirty bytes): a loop over single bytes costs several
//! instructions a byte and is too short for the compiler's vector code, so the checks
//! read the text as little-endian `u64` words and test all eight bytes with a few
//! arithmetic steps. Every mask below is exact per byte (no carry crosses a byte), so
//! the answers are the same as a byte loop's; the tests beside the callers compare them.

/// 0x01 in every byte.
pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every byte.
pub(super) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Text of at most 15 bytes as two little-endian words that together hold every byte
/// and every pair of neighbouring bytes: the first and the last eight bytes (they
/// overlap), or for text shorter than eight bytes the text padded with `pad`, twice.
/// `None` for longer text. Most cells are this short, and two loads beat any loop.
#[inline]
pub(super) fn short(bytes: &[u8], pad: u8) -> Option<[u64; 2]> {
    if let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        return (bytes.len() < 16).then(|| [u64::from_le_bytes(*first), u64::from_le_bytes(*last)]);
    }
    // Shifting each byte in from the top keeps the pad bytes above the text.
    let word = bytes
        .iter()
        .rev()
        .fold(ONES * u64::from(pad), |word, &b| (word << 8) | u64::from(b));
    Some([word, word])
}

/// The text as little-endian words: every whole eight bytes, then for a length that is
/// no multiple of eight one more word, the last eight bytes (overlapping the word before)
/// or, for text shorter than eight bytes, the text padded with `pad`.
#[inline]
pub(super) fn words(bytes: &[u8], pad: u8) -> (impl Iterator<Item = u64> + '_, Option<u64>) {
    let (whole, tail) = bytes.as_chunks::<8>();
    let last = match bytes.last_chunk::<8>() {
        _ if tail.is_empty() => None,
        Some(last) => Some(u64::from_le_bytes(*last)),
        None => short(bytes, pad).map(|[word, _]| word),
    };
    (whole.iter().map(|w| u64::from_le_bytes(*w)), last)
}

/// The high bit of each byte that is zero.
#[inline]
pub(super) fn zero_bytes(word: u64) -> u64 {
    let low7 = !HIGHS;
    // (b & 0x7f) + 0x7f sets the high bit for any non-zero low part and never carries out.
    !(((word & low7) + low7) | word) & HIGHS
}

/// The high bit of each byte that is `byte`.
#[inline]
pub(super) fn bytes_equal(word: u64, byte: u8) -> u64 {
    zero_bytes(word ^ (ONES * u64::from(byte)))
}

/// The high bit of each byte below 0x20 (control characters) or at least 0x80
/// (non-ASCII): both leave the ASCII fast paths.
#[inline]
pub(super) fn control_or_high(word: u64) -> u64 {
    let low7 = word & !HIGHS;
    // For b < 0x80: b + 0x60 reaches 0x80 exactly when b >= 0x20, without carrying out.
    (!(low7 + ONES * 0x60) | word) & HIGHS
}

/// The high bit of each byte that is an ASCII capital letter or non-ASCII.
#[inline]
pub(super) fn upper_or_high(word: u64) -> u64 {
    let low7 = word & !HIGHS;
    // For b < 0x80: b + 0x3f reaches 0x80 when b >= 'A', b + 0x25 when b > 'Z'.
    let at_least_a = low7 + ONES * 0x3f;
    let above_z = low7 + ONES * 0x25;
    ((at_least_a & !above_z) | word) & HIGHS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spread(mask: u64) -> [bool; 8] {
        mask.to_le_bytes().map(|b| b & 0x80 != 0)
    }

    /// Each mask, byte by byte, against the plain byte test, for every byte value in
    /// every position next to every other byte value.
    #[test]
    fn masks_match_the_byte_tests() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let mut bytes = [a, b, a, b, b, a, 0xff, 0];
                bytes.rotate_left(usize::from(a % 8));
                let word = u64::from_le_bytes(bytes);
                assert_eq!(spread(zero_bytes(word)), bytes.map(|x| x == 0));
                assert_eq!(spread(bytes_equal(word, b' ')), bytes.map(|x| x == b' '));
                assert_eq!(
                    spread(control_or_high(word)),
                    bytes.map(|x| !(0x20..0x80).contains(&x))
                );
                assert_eq!(
                    spread(upper_or_high(word)),
                    bytes.map(|x| x.is_ascii_uppercase() || !x.is_ascii())
                );
            }
        }
    }

    /// The two words of short text hold every byte and every neighbouring pair.
    #[test]
    fn short_text_is_two_words() {
        let text: Vec<u8> = (1..=20).collect();
        for len in 0..=text.len() {
            let bytes = &text[..len];
            let Some([first, last]) = short(bytes, 0xee) else {
                assert!(len >= 16);
                continue;
            };
            let (first, last) = (first.to_le_bytes(), last.to_le_bytes());
            if len < 8 {
                let mut padded = bytes.to_vec();
                padded.resize(8, 0xee);
                assert_eq!((first.to_vec(), last.to_vec()), (padded.clone(), padded));
                continue;
            }
            assert_eq!((&first[..], &last[..]), (&bytes[..8], &bytes[len - 8..]));
            for pair in bytes.windows(2) {
                let held = |w: &[u8; 8]| w.windows(2).any(|p| p == pair);
                assert!(held(&first) || held(&last), "{len} {pair:?}");
            }
        }
    }

    /// The words hold every byte in place, with the pad above short text.
    #[test]
    fn words_cover_every_byte() {
        let text: Vec<u8> = (1..=40).collect();
        for len in 0..=text.len() {
            let bytes = &text[..len];
            let (whole, last) = words(bytes, 0xee);
            let mut seen: Vec<u8> = whole.flat_map(u64::to_le_bytes).collect();
            assert_eq!(seen.len(), len / 8 * 8);
            match last {
                None => assert_eq!(len % 8, 0),
                Some(word) if len < 8 => {
                    let mut padded = bytes.to_vec();
                    padded.resize(8, 0xee);
                    assert_eq!(word.to_le_bytes().to_vec(), padded);
                }
                Some(word) => {
                    assert_eq!(word.to_le_bytes(), bytes[len - 8..]);
                    seen.extend_from_slice(&word.to_le_bytes()[8 - len % 8..]);
                }
            }
            if len >= 8 {
                assert_eq!(seen, bytes);
            }
        }
    }
}

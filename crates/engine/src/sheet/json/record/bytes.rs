//! Byte-level scanning for the cursor: JSON space, and the searches that look at eight bytes
//! at a time because they run over every byte of every string.

pub(super) fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t')
}

/// The first `"`, `\` or control character at or after `from`, or the end of `b`.
pub(super) fn find_special(b: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = b.get(from..).unwrap_or_default();
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in chunks.by_ref() {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let v = u64::from_le_bytes(bytes);
        let quote = v ^ (ONES * u64::from(b'"'));
        let slash = v ^ (ONES * u64::from(b'\\'));
        // A byte is zero (quote, slash) or below 0x20: the lowest flagged byte is a real one.
        let found = ((quote.wrapping_sub(ONES) & !quote)
            | (slash.wrapping_sub(ONES) & !slash)
            | (v.wrapping_sub(ONES * 0x20) & !v))
            & HIGH;
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    for &c in chunks.remainder() {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return at;
        }
        at += 1;
    }
    at
}

/// Whether `text` starts with `key` (which it is at least as long as, or not).
#[inline]
pub(super) fn same(text: &[u8], key: &[u8]) -> bool {
    let Some(text) = text.get(..key.len()) else {
        return false;
    };
    let mut a = text.chunks_exact(8);
    let mut b = key.chunks_exact(8);
    for (x, y) in a.by_ref().zip(b.by_ref()) {
        if <[u8; 8]>::try_from(x).ok() != <[u8; 8]>::try_from(y).ok() {
            return false;
        }
    }
    a.remainder().iter().zip(b.remainder()).all(|(x, y)| x == y)
}

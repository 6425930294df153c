//! Byte tests eight bytes at a time: text read as 64-bit words, and for each word the bytes
//! of a class marked by their high bit (0x80). One home for the hot paths that ask a
//! question of every byte of a cell: the email and case-folding checks in `validate`, the
//! tidy and lower-case tests in `mapping::transform`. (A CSV line is searched 64 bytes at
//! a time, with vector compares: `sheet::text::marks`.)
//!
//! Why: cells are ten to thirty bytes, too short for `memchr`'s set-up or the compiler's
//! vector code to pay off; a byte loop costs a branch and several instructions a byte,
//! these a few arithmetic steps a word.
//!
//! Words are little-endian: byte `i` of the text is bits `8i..8i + 8` of its word. The
//! class tests take ASCII words, every byte below 0x80 ([`ascii`] splits a word into that
//! and its high bits): their sums and differences then never carry into the next byte, so
//! every mark is exact, the same answer as a byte loop's ([`equal`] and
//! [`upper_or_high`] take any word). The tests below check each against the byte-by-byte
//! answer for every byte value in every position; the tests beside the callers compare
//! each caller's fast path with its general one.

/// 0x01 in every byte.
pub(crate) const ONES: u64 = u64::from_le_bytes([1; 8]);
/// 0x80 in every byte.
pub(crate) const HIGH: u64 = ONES * 0x80;

/// Every byte of a word set to `byte`.
#[inline]
pub(crate) const fn splat(byte: u8) -> u64 {
    ONES * byte as u64
}

/// Text shorter than eight bytes as one word, `pad` in the bytes above it. Shifting each
/// byte in from the top costs less than a copy of a length known only at run time.
#[inline]
fn padded(bytes: &[u8], pad: u8) -> u64 {
    bytes
        .iter()
        .rev()
        .fold(splat(pad), |word, &b| (word << 8) | u64::from(b))
}

/// Calls `each` with the index and value of each word of `bytes`, none overlapping, so
/// that byte `8i + j` of the text is byte `j` of word `i` (for callers that turn the marks
/// into one bit a byte with [`bits`]); the last word is padded with `pad` bytes.
#[inline]
pub(crate) fn each_word(bytes: &[u8], pad: u8, mut each: impl FnMut(usize, u64)) {
    let (whole, tail) = bytes.as_chunks::<8>();
    for (i, word) in whole.iter().enumerate() {
        each(i, u64::from_le_bytes(*word));
    }
    let rest = tail.len();
    if rest == 0 {
        return;
    }
    let last = match bytes.last_chunk::<8>() {
        // The last eight bytes, shifted past those the whole words had: no copy of a
        // length known only at run time.
        Some(last) => (u64::from_le_bytes(*last) >> (8 * (8 - rest))) | (splat(pad) << (8 * rest)),
        None => padded(bytes, pad),
    };
    each(whole.len(), last);
}

/// Text of at most 15 bytes as two words that together hold every byte and every pair of
/// neighbouring bytes: the first and the last eight bytes (they overlap), or for text
/// shorter than eight bytes the text padded with `pad`, twice. `None` for longer text.
/// Most cells are this short, and two loads beat any loop.
#[inline]
pub(crate) fn short(bytes: &[u8], pad: u8) -> Option<[u64; 2]> {
    if let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        return (bytes.len() < 16).then(|| [u64::from_le_bytes(*first), u64::from_le_bytes(*last)]);
    }
    let word = padded(bytes, pad);
    Some([word, word])
}

/// The text as words: every whole eight bytes, then for a length that is no multiple of
/// eight one more word, the last eight bytes (overlapping the word before, so it holds the
/// pair across the two) or, for text shorter than eight bytes, the text padded with `pad`.
#[inline]
pub(crate) fn words(bytes: &[u8], pad: u8) -> (impl Iterator<Item = u64> + '_, Option<u64>) {
    let (whole, tail) = bytes.as_chunks::<8>();
    let last = match bytes.last_chunk::<8>() {
        _ if tail.is_empty() => None,
        Some(last) => Some(u64::from_le_bytes(*last)),
        None => Some(padded(bytes, pad)),
    };
    (whole.iter().map(|w| u64::from_le_bytes(*w)), last)
}

/// Whether `class` marks any byte of `bytes`; `pad` must be outside the class. Words may
/// overlap ([`short`], [`words`]): a byte marked twice is still marked.
#[inline]
pub(crate) fn any(bytes: &[u8], pad: u8, class: impl Fn(u64) -> u64) -> bool {
    let found = if let Some([first, last]) = short(bytes, pad) {
        class(first) | class(last)
    } else {
        let (whole, last) = words(bytes, pad);
        whole.fold(0, |found, word| found | class(word)) | last.map_or(0, &class)
    };
    found != 0
}

/// The word with the high bit of each byte cleared (an ASCII word, for the class tests),
/// and where those bits were set: the bytes past ASCII.
#[inline]
pub(crate) fn ascii(word: u64) -> (u64, u64) {
    (word & !HIGH, word & HIGH)
}

/// The high bit of each byte of `word` (any bytes) that is `byte`.
#[inline]
pub(crate) fn equal(word: u64, byte: u8) -> u64 {
    // A byte of `diff` is zero where they are equal. Its low seven bits plus 0x7F reach
    // 0x80 unless they are zero, and stay below 0x100; its own high bit covers the rest.
    // On an ASCII word the first mask and the `| diff` cost nothing: the compiler knows
    // those high bits are clear.
    let diff = word ^ splat(byte);
    !(((diff & !HIGH) + splat(0x7F)) | diff) & HIGH
}

/// The high bit of each byte of `word` (ASCII) below `limit` (at most 0x80).
#[inline]
pub(crate) fn below(word: u64, limit: u8) -> u64 {
    // An ASCII byte plus 0x80 - limit reaches 0x80 exactly when it is at least `limit`,
    // and stays below 0x100.
    !(word + splat(0x80 - limit)) & HIGH
}

/// The high bit of each byte of `word` (ASCII) from `low` to `high` (both below 0x80).
#[inline]
pub(crate) fn within(word: u64, low: u8, high: u8) -> u64 {
    // As in [`below`]: the first sum reaches 0x80 from `low` on, the second past `high`.
    let at_least = word + splat(0x80 - low);
    let past = word + splat(0x7F - high);
    at_least & !past & HIGH
}

/// The high bit of each byte of `word` (any bytes) that is an ASCII capital letter or
/// past ASCII: the bytes that lower-casing may change.
#[inline]
pub(crate) fn upper_or_high(word: u64) -> u64 {
    let (low, high) = ascii(word);
    within(low, b'A', b'Z') | high
}

/// The high bits of `marks` (nothing but high bits) as eight bits, byte 0 lowest.
#[inline]
pub(crate) fn bits(marks: u64) -> u64 {
    // Byte i's bit 8i+7 times bit 7(7-i) of the factor lands on 56+i; no two products
    // share a bit, so nothing carries.
    marks.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

#[cfg(test)]
mod tests;

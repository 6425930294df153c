//! `trim`: strip both ends and collapse inner whitespace runs to one ASCII space.
//!
//! Spreadsheets carry non-breaking spaces, tabs and line breaks pasted from web pages and
//! e-mails; identity systems compare names and addresses byte by byte, so they must go.
//! "Whitespace" is Unicode's White_Space property (`char::is_whitespace`): it covers
//! U+00A0, U+202F, U+2007, tabs, CR and LF. Zero-width characters are not whitespace and
//! are kept.

use std::borrow::Cow;

use crate::eight_bytes::{self, HIGH, ascii, below, equal};

/// Trims and collapses whitespace; borrows when the value is already tidy, which is the
/// common case, so millions of clean cells cost no allocation.
pub fn collapse(value: Cow<'_, str>) -> Cow<'_, str> {
    if is_tidy(&value) {
        return value;
    }
    let mut out = String::with_capacity(value.len());
    push_words(&value, &mut out);
    Cow::Owned(out)
}

/// [`collapse`] appended to `out`, for callers that keep a buffer: no allocation once
/// the buffer is long enough.
pub fn collapse_into(value: &str, out: &mut String) {
    if is_tidy(value) {
        out.push_str(value);
    } else {
        push_words(value, out);
    }
}

fn push_words(value: &str, out: &mut String) {
    let mut words = value.split_whitespace();
    if let Some(first) = words.next() {
        out.push_str(first);
    }
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
}

/// Borrowing variant for callers that hold a `&str` slice of a larger value.
pub fn collapse_str(value: &str) -> Cow<'_, str> {
    collapse(Cow::Borrowed(value))
}

/// True when there is nothing to do: no whitespace at either end, and every inner
/// whitespace is a single ASCII space.
#[inline]
fn is_tidy(value: &str) -> bool {
    plain_is_tidy(value.as_bytes()).unwrap_or_else(|| is_tidy_bytes(value))
}

/// [`is_tidy`] for the common cell, ASCII without control characters, eight bytes at a
/// time: there the only whitespace is the space, so tidy means no space at either end
/// and no two spaces in a row. `None` for other text.
fn plain_is_tidy(bytes: &[u8]) -> Option<bool> {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return Some(true);
    };
    // Control-or-high bytes keep their high bits, double spaces go to the low bits.
    let within = |word: u64| {
        let (low, high) = ascii(word);
        let spaces = equal(word, b' ');
        high | below(low, b' ') | ((spaces & (spaces >> 8)) >> 7)
    };
    let found = match eight_bytes::short(bytes, b'a') {
        Some([first_word, last_word]) => within(first_word) | within(last_word),
        None => long_flags(bytes, within),
    };
    if found & HIGH != 0 {
        return None;
    }
    Some(found == 0 && first != b' ' && last != b' ')
}

/// [`plain_is_tidy`]'s flags for text of 16 bytes or more: a pair across two whole
/// words is the last byte of one and the first of the next, and the overlapping last
/// word holds the pair before it.
fn long_flags(bytes: &[u8], within: impl Fn(u64) -> u64) -> u64 {
    let (whole, tail) = eight_bytes::words(bytes, b'a');
    let mut found = tail.map_or(0, &within);
    let mut previous = 0;
    for word in whole {
        let spaces = equal(word, b' ');
        found |= within(word) | (((previous >> 56) & spaces) >> 7);
        previous = spaces;
    }
    found
}

/// [`is_tidy`] byte by byte, for text with control characters or non-ASCII.
#[cold]
fn is_tidy_bytes(value: &str) -> bool {
    let mut previous_space = true; // a leading space counts as "after a space"
    for &b in value.as_bytes() {
        if b > b' ' && b < 0x80 {
            previous_space = false;
        } else if b >= 0x80 {
            return is_tidy_unicode(value);
        } else if b == b' ' || (0x09..=0x0d).contains(&b) {
            // Unicode's ASCII whitespace: Rust's `is_ascii_whitespace` leaves out vertical tab.
            if previous_space || b != b' ' {
                return false;
            }
            previous_space = true;
        } else {
            // Other control characters are not whitespace.
            previous_space = false;
        }
    }
    // A trailing space leaves `previous_space` set; an empty value is tidy.
    !previous_space || value.is_empty()
}

/// [`is_tidy`] for text with non-ASCII characters, by Unicode's White_Space.
fn is_tidy_unicode(value: &str) -> bool {
    let mut previous_space = true;
    for c in value.chars() {
        if c.is_whitespace() {
            if previous_space || c != ' ' {
                return false;
            }
            previous_space = true;
        } else {
            previous_space = false;
        }
    }
    !previous_space || value.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Cow<'_, str> {
        collapse(Cow::Borrowed(s))
    }

    #[test]
    fn tidy_values_are_borrowed() {
        for s in ["", "Anna", "Anna Maria Schmidt", "a b"] {
            assert!(matches!(run(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(run(s), s);
        }
    }

    #[test]
    fn trims_ends() {
        assert_eq!(run("  Anna  "), "Anna");
        assert_eq!(run("Anna "), "Anna");
        assert_eq!(run(" Anna"), "Anna");
    }

    #[test]
    fn collapses_nbsp_tabs_and_line_breaks() {
        assert_eq!(run("Anna\u{a0}Maria"), "Anna Maria");
        assert_eq!(run("\u{a0}Anna\t\tMaria\r\n"), "Anna Maria");
        assert_eq!(run("Anna  \u{202f} Maria"), "Anna Maria");
        assert_eq!(run("Haupt-\nstraße   1"), "Haupt- straße 1");
    }

    #[test]
    fn whitespace_only_becomes_empty() {
        assert_eq!(run(" \t\u{a0} "), "");
    }

    #[test]
    fn owned_input_stays_owned_when_tidy() {
        let out = collapse(Cow::Owned("tidy value".to_owned()));
        assert!(matches!(out, Cow::Owned(_)));
        assert_eq!(out, "tidy value");
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_the_general_rule() {
        let alphabet = [
            'a', ' ', '\t', '\u{b}', '\n', '\u{c}', '\r', '\u{1}', '\u{1f}',
        ];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        for word in &words {
            let general = {
                let tidy = word.split_whitespace().collect::<Vec<_>>().join(" ");
                tidy == *word
            };
            assert_eq!(is_tidy(word), general, "{word:?}");
            assert_eq!(is_tidy_unicode(word), general, "{word:?}");
        }
    }

    /// The eight-byte check agrees with the byte loop on every string of up to four
    /// characters from a tricky alphabet, alone and inside longer text at every offset
    /// (so that each character meets the windows' edges).
    #[test]
    fn the_word_check_agrees_with_the_byte_loop() {
        let alphabet = [
            "a", "Z", " ", "\t", "\n", "\r", "\u{b}", "\u{1}", "\u{7f}", "\u{a0}", "é", "\u{2007}",
            ".",
        ];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.chars().count() == words.last().map_or(0, |l| l.chars().count()))
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        for word in &words {
            for before in ["", "x", "abcdefg", "ab cd ef gh ij", "abcdefghijklmno"] {
                for after in ["", "y", "abcdefgh"] {
                    let text = format!("{before}{word}{after}");
                    let general = is_tidy_bytes(&text);
                    assert_eq!(is_tidy(&text), general, "{text:?}");
                    if let Some(fast) = plain_is_tidy(text.as_bytes()) {
                        assert_eq!(fast, general, "{text:?}");
                    }
                    let mut out = String::from("kept ");
                    collapse_into(&text, &mut out);
                    assert_eq!(out, format!("kept {}", run(&text)), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn zero_width_space_is_kept() {
        assert_eq!(run("a\u{200b}b"), "a\u{200b}b");
    }
}

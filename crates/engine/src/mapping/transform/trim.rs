//! `trim`: strip both ends and collapse inner whitespace runs to one ASCII space.
//!
//! Spreadsheets carry non-breaking spaces, tabs and line breaks pasted from web pages and
//! e-mails; identity systems compare names and addresses byte by byte, so they must go.
//! "Whitespace" is Unicode's White_Space property (`char::is_whitespace`): it covers
//! U+00A0, U+202F, U+2007, tabs, CR and LF. Zero-width characters are not whitespace and
//! are kept.

use std::borrow::Cow;

/// Trims and collapses whitespace; borrows when the value is already tidy, which is the
/// common case, so millions of clean cells cost no allocation.
pub fn collapse(value: Cow<'_, str>) -> Cow<'_, str> {
    if is_tidy(&value) {
        return value;
    }
    let mut out = String::with_capacity(value.len());
    for word in value.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Borrowing variant for callers that hold a `&str` slice of a larger value.
pub fn collapse_str(value: &str) -> Cow<'_, str> {
    collapse(Cow::Borrowed(value))
}

/// True when there is nothing to do: no whitespace at either end, and every inner
/// whitespace is a single ASCII space.
fn is_tidy(value: &str) -> bool {
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

    #[test]
    fn zero_width_space_is_kept() {
        assert_eq!(run("a\u{200b}b"), "a\u{200b}b");
    }
}

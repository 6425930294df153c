//! `case`: lower, upper and title case, Unicode-aware.
//!
//! Title case rules (names are the main use):
//! - a word is a run of letters and digits (combining marks continue it); its first letter
//!   is upper case, the rest lower case: "ÉLODIE" → "Élodie", "anne-marie" → "Anne-Marie";
//! - after an apostrophe the next letter is upper case only when one letter stands before
//!   it, the Irish/French/Italian prefix: "o'neil" → "O'Neil", "d'angelo" → "D'Angelo", but
//!   "john's" → "John's";
//! - "Mc" gets its third letter upper case: "mcdonald" → "McDonald". "Mac" does not
//!   (Mack, Macy, Machado would break), and name particles are capitalised like any other
//!   word ("van" → "Van"); a `map` transform can fix the rare exception;
//! - Greek capital sigma at a word's end lowers to final sigma ("ς").

use std::borrow::Cow;

use crate::eight_bytes;

/// Lower case; borrows when nothing changes.
pub fn lower(value: Cow<'_, str>) -> Cow<'_, str> {
    if is_plain_lower(&value) {
        return value;
    }
    if value.is_ascii() {
        let mut owned = value.into_owned();
        owned.make_ascii_lowercase();
        return Cow::Owned(owned);
    }
    if value.chars().all(|c| single(c.to_lowercase()) == Some(c)) {
        return value;
    }
    // `str::to_lowercase` knows the final-sigma rule that per-char mapping lacks.
    Cow::Owned(value.to_lowercase())
}

/// [`lower`] appended to `out`, for callers that keep a buffer: no allocation once the
/// buffer is long enough.
pub fn lower_into(value: &str, out: &mut String) {
    if is_plain_lower(value) {
        out.push_str(value);
    } else if value.is_ascii() {
        let start = out.len();
        out.push_str(value);
        // Only the appended part changes; `start` is a char boundary of ASCII text.
        if let Some(appended) = out.get_mut(start..) {
            appended.make_ascii_lowercase();
        }
    } else {
        out.push_str(&lower(Cow::Borrowed(value)));
    }
}

/// The common case in one pass, eight bytes at a time: ASCII with nothing to lower.
fn is_plain_lower(value: &str) -> bool {
    !eight_bytes::any(value.as_bytes(), b'a', eight_bytes::upper_or_high)
}

/// Upper case; borrows when nothing changes. "ß" becomes "SS", as Unicode says.
pub fn upper(value: Cow<'_, str>) -> Cow<'_, str> {
    if value.is_ascii() {
        if !value.bytes().any(|b| b.is_ascii_lowercase()) {
            return value;
        }
        let mut owned = value.into_owned();
        owned.make_ascii_uppercase();
        return Cow::Owned(owned);
    }
    if value.chars().all(|c| single(c.to_uppercase()) == Some(c)) {
        return value;
    }
    Cow::Owned(value.to_uppercase())
}

/// Title case by the rules in the module docs; borrows when nothing changes.
pub fn title(value: Cow<'_, str>) -> Cow<'_, str> {
    let s: &str = &value;
    let mut out: Option<String> = None;
    let mut letters = 0usize; // letters and digits of the current word so far
    let mut starts_mc = false; // the current word's first letter is "m"
    let mut is_mc = false; // the current word began with "mc"
    let mut after_apostrophe: Option<usize> = None; // letters before a directly preceding apostrophe
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_mark(c) {
            emit(&mut out, s, i, c, [c, '\0', '\0']);
            continue;
        }
        if !c.is_alphanumeric() {
            after_apostrophe = (is_apostrophe(c) && letters > 0).then_some(letters);
            letters = 0;
            emit(&mut out, s, i, c, [c, '\0', '\0']);
            continue;
        }
        let make_upper = match letters {
            0 => after_apostrophe.is_none_or(|before| before == 1),
            2 => is_mc,
            _ => false,
        };
        match letters {
            0 => starts_mc = matches!(c, 'm' | 'M'),
            1 => is_mc = starts_mc && matches!(c, 'c' | 'C'),
            _ => {}
        }
        letters += 1;
        let mapped = if make_upper {
            three(c.to_uppercase())
        } else if c == 'Σ' && letters > 1 && !chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            ['ς', '\0', '\0']
        } else {
            three(c.to_lowercase())
        };
        emit(&mut out, s, i, c, mapped);
    }
    match out {
        Some(changed) => Cow::Owned(changed),
        None => value,
    }
}

/// Writes `mapped` (up to three chars, '\0'-padded) for the char `c` at byte `i`; starts
/// the owned copy only at the first char that changes.
fn emit(out: &mut Option<String>, s: &str, i: usize, c: char, mapped: [char; 3]) {
    let unchanged = mapped[0] == c && mapped[1] == '\0';
    match out {
        None if unchanged => {}
        None => {
            let mut copy = String::with_capacity(s.len() + 4);
            copy.push_str(&s[..i]);
            push_mapped(&mut copy, mapped);
            *out = Some(copy);
        }
        Some(copy) => push_mapped(copy, mapped),
    }
}

fn push_mapped(out: &mut String, mapped: [char; 3]) {
    for m in mapped.into_iter().take_while(|&m| m != '\0') {
        out.push(m);
    }
}

/// Case mappings give at most three chars (Unicode guarantees it).
fn three(mapping: impl Iterator<Item = char>) -> [char; 3] {
    let mut out = ['\0'; 3];
    for (slot, m) in out.iter_mut().zip(mapping) {
        *slot = m;
    }
    out
}

fn single(mut mapping: impl Iterator<Item = char>) -> Option<char> {
    let first = mapping.next();
    if mapping.next().is_some() {
        None
    } else {
        first
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// Combining marks of decomposed text ("e\u{301}") belong to the letter before them.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> String {
        title(Cow::Borrowed(s)).into_owned()
    }

    #[test]
    fn lower_and_upper_ascii() {
        assert_eq!(
            lower(Cow::Borrowed("Anna.Schmidt@Example.COM")),
            "anna.schmidt@example.com"
        );
        assert_eq!(upper(Cow::Borrowed("de-by")), "DE-BY");
        assert!(matches!(lower(Cow::Borrowed("already")), Cow::Borrowed(_)));
        assert!(matches!(
            upper(Cow::Borrowed("ALREADY 1")),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn lower_and_upper_unicode() {
        assert_eq!(lower(Cow::Borrowed("ÉLODIE ÇA")), "élodie ça");
        assert_eq!(upper(Cow::Borrowed("straße")), "STRASSE");
        assert_eq!(upper(Cow::Borrowed("élodie")), "ÉLODIE");
        assert_eq!(lower(Cow::Borrowed("ΟΔΥΣΣΕΥΣ")), "οδυσσευς");
        assert!(matches!(lower(Cow::Borrowed("müller")), Cow::Borrowed(_)));
        assert!(matches!(upper(Cow::Borrowed("MÜLLER")), Cow::Borrowed(_)));
    }

    /// The eight-byte check and `lower_into` agree with Unicode's lower case on every
    /// string of up to four characters from a tricky alphabet, alone and inside longer
    /// text at every offset that meets the windows' edges.
    #[test]
    fn the_fast_paths_agree_with_unicode_lower_case() {
        let alphabet = [
            "a", "z", "A", "Z", "@", "[", "`", " ", "\u{1}", "\u{7f}", "É", "é", "Σ", "İ",
        ];
        let mut words = vec![String::new()];
        let mut newest = words.clone();
        for _ in 0..4 {
            newest = newest
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(newest.iter().cloned());
        }
        for word in &words {
            for before in ["", "x", "abcdefg", "ABCDEFGHIJKLMNO"] {
                for after in ["", "Y", "abcdefgh"] {
                    let text = format!("{before}{word}{after}");
                    let expected = text.to_lowercase();
                    let plain = text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase());
                    assert_eq!(is_plain_lower(&text), plain, "{text:?}");
                    let lowered = lower(Cow::Borrowed(&text));
                    assert_eq!(lowered, expected, "{text:?}");
                    assert_eq!(
                        matches!(lowered, Cow::Borrowed(_)),
                        expected == text,
                        "{text:?}"
                    );
                    let mut out = String::from("Kept ");
                    lower_into(&text, &mut out);
                    assert_eq!(out, format!("Kept {expected}"), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn owned_ascii_is_changed_in_place() {
        let out = lower(Cow::Owned("ABC".to_owned()));
        assert_eq!(out, "abc");
    }

    #[test]
    fn title_basic_and_unicode() {
        assert_eq!(t("ÉLODIE"), "Élodie");
        assert_eq!(t("élodie dupont"), "Élodie Dupont");
        assert_eq!(t("JÜRGEN MÜLLER"), "Jürgen Müller");
        assert_eq!(t("łukasz żółć"), "Łukasz Żółć");
        assert_eq!(t("ΟΔΥΣΣΕΥΣ"), "Οδυσσευς");
    }

    #[test]
    fn title_hyphens_apostrophes_and_mc() {
        assert_eq!(t("anne-marie"), "Anne-Marie");
        assert_eq!(t("o'neil"), "O'Neil");
        assert_eq!(t("O’NEIL"), "O’Neil");
        assert_eq!(t("d'angelo"), "D'Angelo");
        assert_eq!(t("john's"), "John's");
        assert_eq!(t("mcdonald"), "McDonald");
        assert_eq!(t("MCDONALD"), "McDonald");
        assert_eq!(t("mack"), "Mack");
        assert_eq!(t("ludwig van beethoven"), "Ludwig Van Beethoven");
    }

    #[test]
    fn title_other_word_shapes() {
        assert_eq!(t("j.r.r. tolkien"), "J.R.R. Tolkien");
        assert_eq!(t("3RD FLOOR"), "3rd Floor");
        assert_eq!(t("(berlin)"), "(Berlin)");
        // Decomposed "É": the combining accent must not start a new word.
        assert_eq!(t("E\u{301}LODIE"), "E\u{301}lodie");
    }

    #[test]
    fn title_borrows_when_unchanged() {
        assert!(matches!(
            title(Cow::Borrowed("Anne-Marie O'Neil")),
            Cow::Borrowed(_)
        ));
        assert!(matches!(title(Cow::Borrowed("")), Cow::Borrowed(_)));
    }
}

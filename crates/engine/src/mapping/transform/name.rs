//! `split_name`: one part (first, middle, last) of a full name in one cell.
//!
//! Rules:
//! - "Last, First Middle" (a comma) and "First Middle Last" are both read. In the comma
//!   form everything before the comma is the last name ("García Márquez, Gabriel");
//!   trailing particles of the given names move to it ("Beethoven, Ludwig van" → last
//!   "van Beethoven").
//! - Without a comma the first word is the first name, the last name starts at the first
//!   particle after it (see `name_words`) or is the last word, and what lies between is
//!   the middle name. "Gabriel García Márquez" thus gives last "Márquez": write such names
//!   in the comma form.
//! - A single word is the last name: LDAP's `person` requires `sn` but not `givenName`,
//!   and ICAO passports put mononyms in the surname field.
//! - Generational suffixes (", Jr.", " III") are dropped.
//! - Inner whitespace is collapsed; a missing part is an empty value, not an error. A
//!   cell with no letters or digits at all ("-", ",") is the error `name_empty`.
//! - Parts are slices of the cell, so they cost no allocation when the cell is borrowed.

use std::borrow::Cow;

use super::NamePart;
use super::error::{TransformError, quote};
use super::name_words::{is_particle, is_suffix, words};
use super::trim::collapse_str;

/// A part of the name: a byte range of the cell, or text joined from two places.
#[derive(Debug, PartialEq)]
enum Piece {
    Range(usize, usize),
    Joined(String),
}

const NONE: Piece = Piece::Range(0, 0);

/// Takes `part` from the full name in `value`.
pub fn split(value: Cow<'_, str>, part: NamePart) -> Result<Cow<'_, str>, TransformError> {
    if !value.chars().any(char::is_alphanumeric) {
        return Err(TransformError::new(
            TransformError::NAME_EMPTY,
            format!(
                "{} holds no name; fill in the full name or leave the cell empty",
                quote(&value)
            ),
        ));
    }
    let [first, middle, last] = parts(&value);
    let piece = match part {
        NamePart::First => first,
        NamePart::Middle => middle,
        NamePart::Last => last,
    };
    Ok(match (piece, value) {
        (Piece::Joined(text), _) => Cow::Owned(text),
        (Piece::Range(a, b), Cow::Borrowed(s)) => collapse_str(&s[a..b]),
        (Piece::Range(a, b), Cow::Owned(s)) => Cow::Owned(collapse_str(&s[a..b]).into_owned()),
    })
}

/// First, middle and last name of `s`.
fn parts(s: &str) -> [Piece; 3] {
    let main = &s[..without_suffix(s)];
    match main.find(',') {
        Some(comma) => comma_form(s, comma, main.len()),
        None => natural_form(s, main.len()),
    }
}

/// Length of `s` without a trailing generational suffix (", Jr." or " Jr.").
fn without_suffix(s: &str) -> usize {
    let trimmed = s.trim_end().trim_end_matches(',').trim_end();
    let Some((start, end)) = words(trimmed).last() else {
        return s.len();
    };
    let head = trimmed[..start].trim_end().trim_end_matches(',');
    if is_suffix(&trimmed[start..end]) && head.chars().any(char::is_alphanumeric) {
        head.len()
    } else {
        s.len()
    }
}

/// "Last, First Middle" with the given names in `s[comma + 1..end]`.
fn comma_form(s: &str, comma: usize, end: usize) -> [Piece; 3] {
    let given_end = s[comma + 1..end].find(',').map_or(end, |i| comma + 1 + i);
    let given = &s[comma + 1..given_end];
    let at = |(a, b): (usize, usize)| (comma + 1 + a, comma + 1 + b);
    let count = words(given).count();
    let last = Piece::Range(0, comma);
    let Some(first) = words(given).next().map(at) else {
        return [NONE, NONE, last];
    };
    // Given names ending in particles ("Ludwig van"): the particles open the last name.
    let particles_from = (1..count)
        .find(|&i| words(given).skip(i).all(|(a, b)| is_particle(&given[a..b])))
        .unwrap_or(count);
    let middle = span(words(given).map(at), 1, particles_from);
    let last = if particles_from < count {
        let moved = span(words(given).map(at), particles_from, count);
        match moved {
            Piece::Range(a, b) => Piece::Joined(format!(
                "{} {}",
                collapse_str(&s[a..b]),
                collapse_str(&s[..comma])
            )),
            joined => joined,
        }
    } else {
        last
    };
    [Piece::Range(first.0, first.1), middle, last]
}

/// "First Middle Last" in `s[..end]`.
fn natural_form(s: &str, end: usize) -> [Piece; 3] {
    let main = &s[..end];
    let count = words(main).count();
    let mut all = words(main);
    let Some(first) = all.next() else {
        return [NONE, NONE, NONE];
    };
    if count == 1 {
        return [NONE, NONE, Piece::Range(first.0, first.1)];
    }
    let last_from = (1..count - 1)
        .find(|&i| {
            words(main)
                .nth(i)
                .is_some_and(|(a, b)| is_particle(&main[a..b]))
        })
        .unwrap_or(count - 1);
    [
        Piece::Range(first.0, first.1),
        span(words(main), 1, last_from),
        span(words(main), last_from, count),
    ]
}

/// The text from word `from` up to (excluding) word `to`, as one range.
fn span(mut words: impl Iterator<Item = (usize, usize)>, from: usize, to: usize) -> Piece {
    if from >= to {
        return NONE;
    }
    let Some((start, mut end)) = words.nth(from) else {
        return NONE;
    };
    if let Some((_, e)) = words.take(to - from - 1).last() {
        end = e;
    }
    Piece::Range(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(name: &str) -> [String; 3] {
        [NamePart::First, NamePart::Middle, NamePart::Last].map(|p| {
            match split(Cow::Borrowed(name), p) {
                Ok(v) => v.into_owned(),
                Err(e) => format!("ERR {}", e.code),
            }
        })
    }

    fn check(name: &str, first: &str, middle: &str, last: &str) {
        assert_eq!(all(name), [first, middle, last], "{name:?}");
    }

    #[test]
    fn natural_order() {
        check("Anna Schmidt", "Anna", "", "Schmidt");
        check("John Fitzgerald Kennedy", "John", "Fitzgerald", "Kennedy");
        check("Gabriel García Márquez", "Gabriel", "García", "Márquez");
        check(
            "Anne-Marie Dubois-Martin",
            "Anne-Marie",
            "",
            "Dubois-Martin",
        );
        check("Siobhán Ní Bhriain", "Siobhán", "", "Ní Bhriain");
        check(
            "Hans Peter Wilhelm Müller",
            "Hans",
            "Peter Wilhelm",
            "Müller",
        );
    }

    #[test]
    fn particles_stay_with_the_last_name() {
        check("Ludwig van Beethoven", "Ludwig", "", "van Beethoven");
        check("Ursula von der Leyen", "Ursula", "", "von der Leyen");
        check("Juan Carlos de la Fuente", "Juan", "Carlos", "de la Fuente");
        check("Leonardo DA VINCI", "Leonardo", "", "DA VINCI");
        check(
            "Mohammed bin Salman Al Saud",
            "Mohammed",
            "",
            "bin Salman Al Saud",
        );
        check("Anna Maria dos Santos", "Anna", "Maria", "dos Santos");
        check("Vincent van Gogh", "Vincent", "", "van Gogh");
        // A particle-like first word is a first name; a trailing one is a last name.
        check("Van Morrison", "Van", "", "Morrison");
        check("Peter De", "Peter", "", "De");
    }

    #[test]
    fn comma_form() {
        check("García Márquez, Gabriel", "Gabriel", "", "García Márquez");
        check("Schmidt, Anna Maria", "Anna", "Maria", "Schmidt");
        check("van Beethoven, Ludwig", "Ludwig", "", "van Beethoven");
        check("Beethoven, Ludwig van", "Ludwig", "", "van Beethoven");
        check("Leyen, Ursula von der", "Ursula", "", "von der Leyen");
        check("Nguyen,Thi Minh", "Thi", "Minh", "Nguyen");
        check("Smith,", "", "", "Smith");
    }

    #[test]
    fn single_word_is_the_last_name() {
        check("Sukarno", "", "", "Sukarno");
        check("  Madonna  ", "", "", "Madonna");
    }

    #[test]
    fn suffixes_are_dropped() {
        check("Martin Luther King, Jr.", "Martin", "Luther", "King");
        check("King, Martin Luther, Jr.", "Martin", "Luther", "King");
        check("John Smith III", "John", "", "Smith");
        check("Jr.", "", "", "Jr.");
    }

    #[test]
    fn extra_spaces_are_collapsed() {
        check("  Anna \u{a0} Maria   Schmidt ", "Anna", "Maria", "Schmidt");
        check("Ursula  von\tder   Leyen", "Ursula", "", "von der Leyen");
        check(
            "García  Márquez ,  Gabriel  José ",
            "Gabriel",
            "José",
            "García Márquez",
        );
    }

    #[test]
    fn no_letters_is_name_empty() {
        for s in [",", "-", " . "] {
            let err = split(Cow::Borrowed(s), NamePart::First).err();
            assert_eq!(err.map(|e| e.code), Some("name_empty"), "{s:?}");
        }
        let err = split(Cow::Borrowed(","), NamePart::Last).err();
        assert!(err.is_some_and(|e| e.message.contains("\",\" holds no name")));
    }

    #[test]
    fn borrows_slices_of_borrowed_cells() {
        let out = split(Cow::Borrowed("Ludwig van Beethoven"), NamePart::Last);
        assert!(matches!(out, Ok(Cow::Borrowed("van Beethoven"))));
        let owned = split(Cow::Owned("Anna Schmidt".into()), NamePart::First);
        assert_eq!(owned.ok().as_deref(), Some("Anna"));
    }
}

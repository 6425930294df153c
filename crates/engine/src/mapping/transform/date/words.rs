//! Dates with a month name: "15 Jan 2020", "15. Januar 2020", "15-Jan-2020",
//! "January 15, 2020", "Wednesday, 15th January 2020", "15 de enero de 2020",
//! "2020-Jan-15".
//!
//! The text is cut into numbers and words; spaces and `, . - /` only separate. Weekdays
//! and fillers are skipped (see `names`), any other word makes it no date. What remains
//! must be a day, one month name and a year in one of the orders D M Y, M D Y or Y M D.

use chrono::NaiveDate;

use super::calendar::{full_year, to_date};
use super::names::{Word, classify};
use crate::mapping::transform::error::TransformError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A number's value and digit count.
    Number(u32, usize),
    Month(u32),
}

/// `None` when `text` is not a date with a month name; else the date or why not.
pub fn with_names(text: &str) -> Option<Result<NaiveDate, TransformError>> {
    let tokens = tokens(text)?;
    let (year, month, day) = match tokens {
        [Token::Number(d, dd), Token::Month(m), Token::Number(y, yd)] if dd <= 2 && is_year(yd) => {
            (full_year(y, yd), m, d)
        }
        [Token::Month(m), Token::Number(d, dd), Token::Number(y, yd)] if dd <= 2 && is_year(yd) => {
            (full_year(y, yd), m, d)
        }
        [Token::Number(y, 4), Token::Month(m), Token::Number(d, dd)] if dd <= 2 => {
            (full_year(y, 4), m, d)
        }
        _ => return None,
    };
    Some(to_date(year, month, day, text))
}

fn is_year(digits: usize) -> bool {
    digits == 2 || digits == 4
}

/// Exactly three tokens, or `None`. Allocation-free: dates are short.
fn tokens(text: &str) -> Option<[Token; 3]> {
    let mut out = [Token::Month(0); 3];
    let mut count = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let token = if c.is_ascii_digit() {
            let len = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let (digits, tail) = rest.split_at(len);
            rest = tail;
            if len > 4 {
                return None;
            }
            Token::Number(digits.parse().ok()?, len)
        } else if c.is_alphabetic() {
            let len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let (word, tail) = rest.split_at(len);
            rest = tail;
            match classify(word) {
                Word::Month(m) => Token::Month(m),
                Word::Skip => continue,
                Word::Unknown => return None,
            }
        } else if c.is_whitespace() || matches!(c, ',' | '.' | '-' | '/') {
            rest = &rest[c.len_utf8()..];
            continue;
        } else {
            return None;
        };
        *out.get_mut(count)? = token;
        count += 1;
    }
    let months = out.iter().filter(|t| matches!(t, Token::Month(_))).count();
    (count == 3 && months == 1).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> String {
        match with_names(text) {
            None => "none".to_owned(),
            Some(Ok(d)) => d.to_string(),
            Some(Err(e)) => e.code.to_owned(),
        }
    }

    #[test]
    fn english() {
        assert_eq!(iso("15 Jan 2020"), "2020-01-15");
        assert_eq!(iso("15-Jan-2020"), "2020-01-15");
        assert_eq!(iso("15-JAN-20"), "2020-01-15");
        assert_eq!(iso("January 15, 2020"), "2020-01-15");
        assert_eq!(iso("Jan. 15 2020"), "2020-01-15");
        assert_eq!(iso("Wednesday, January 15, 2020"), "2020-01-15");
        assert_eq!(iso("15th of January 2020"), "2020-01-15");
        assert_eq!(iso("2020-Jan-15"), "2020-01-15");
    }

    #[test]
    fn german() {
        assert_eq!(iso("15. Januar 2020"), "2020-01-15");
        assert_eq!(iso("1. März 2020"), "2020-03-01");
        assert_eq!(iso("1. Mär. 2020"), "2020-03-01");
        assert_eq!(iso("Mittwoch, 15. Januar 2020"), "2020-01-15");
        assert_eq!(iso("24. Dez 1999"), "1999-12-24");
    }

    #[test]
    fn french() {
        assert_eq!(iso("15 janv. 2020"), "2020-01-15");
        assert_eq!(iso("3 févr. 2021"), "2021-02-03");
        assert_eq!(iso("1er août 2020"), "2020-08-01");
        assert_eq!(iso("le 15 décembre 2020"), "2020-12-15");
    }

    #[test]
    fn spanish() {
        assert_eq!(iso("15 ene 2020"), "2020-01-15");
        assert_eq!(iso("15 de enero de 2020"), "2020-01-15");
        assert_eq!(iso("31 dic 2020"), "2020-12-31");
        assert_eq!(iso("7 de septiembre de 2020"), "2020-09-07");
    }

    #[test]
    fn impossible_and_foreign_shapes() {
        assert_eq!(iso("31 Feb 2020"), "date_unparseable");
        assert_eq!(iso("Jan 2020"), "none");
        assert_eq!(iso("15 Jan Feb 2020"), "none");
        assert_eq!(iso("15 Jan 2020 extra"), "none");
        assert_eq!(iso("15 Jan 202"), "none");
        assert_eq!(iso("hello world"), "none");
        assert_eq!(iso("15 Jan 2020!"), "none");
    }
}

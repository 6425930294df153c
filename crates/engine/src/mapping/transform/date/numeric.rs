//! Dates written in digits only: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, and
//! day/month/year in either order: DD.MM.YYYY, D.M.YYYY, DD.MM.YY, DD/MM/YYYY,
//! MM/DD/YYYY, DD-MM-YYYY.
//!
//! A four-digit first number is always the year, followed by month and day (nobody writes
//! year/day/month). Otherwise the year comes last and the order of day and month follows
//! `calendar::day_month`; with dots, Europe's separator, day-first is assumed unless
//! `day_first = false` says otherwise. Slashes and dashes get no such assumption: US
//! files use both for month-first dates.

use chrono::NaiveDate;

use super::calendar::{day_month, full_year, to_date};
use crate::mapping::transform::error::TransformError;

/// `None` when `text` is not an all-digit date shape; else the date or why not.
pub fn numeric(text: &str, day_first: Option<bool>) -> Option<Result<NaiveDate, TransformError>> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (
            number(&text[..4])?,
            number(&text[4..6])?,
            number(&text[6..])?,
        );
        return Some(to_date(full_year(y, 4), m, d, text));
    }
    let sep = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '-' | '/' | '.' | ' ') {
        return None;
    }
    // "15.01.2020." is how some German exports end a date.
    let body = if sep == '.' {
        text.strip_suffix('.').unwrap_or(text)
    } else {
        text
    };
    let mut parts = body.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (na, nb, nc) = (number(a)?, number(b)?, number(c)?);
    if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        return Some(to_date(full_year(na, 4), nb, nc, text));
    }
    if a.len() <= 2 && b.len() <= 2 && (c.len() == 2 || c.len() == 4) {
        let year = full_year(nc, c.len());
        let day_first = day_first.or((sep == '.').then_some(true));
        return Some(
            day_month(na, nb, day_first, text, year).and_then(|(d, m)| to_date(year, m, d, text)),
        );
    }
    None
}

/// An ASCII number of one to four digits.
fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str, day_first: Option<bool>) -> String {
        match numeric(text, day_first) {
            None => "none".to_owned(),
            Some(Ok(d)) => d.to_string(),
            Some(Err(e)) => e.code.to_owned(),
        }
    }

    #[test]
    fn year_first() {
        assert_eq!(iso("2020-01-15", None), "2020-01-15");
        assert_eq!(iso("2020/01/15", None), "2020-01-15");
        assert_eq!(iso("2020.1.5", None), "2020-01-05");
        assert_eq!(iso("20200115", None), "2020-01-15");
    }

    #[test]
    fn day_first_with_dots() {
        assert_eq!(iso("15.01.2020", None), "2020-01-15");
        assert_eq!(iso("5.1.2020", None), "2020-01-05");
        assert_eq!(iso("03.04.2020", None), "2020-04-03");
        assert_eq!(iso("03.04.2020", Some(false)), "2020-03-04");
        assert_eq!(iso("15.01.2020.", None), "2020-01-15");
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(iso("15.01.85", None), "1985-01-15");
        assert_eq!(iso("15.01.05", None), "2005-01-15");
    }

    #[test]
    fn slashes_and_dashes() {
        assert_eq!(iso("15/01/2020", None), "2020-01-15");
        assert_eq!(iso("01/15/2020", None), "2020-01-15");
        assert_eq!(iso("15-01-2020", None), "2020-01-15");
        assert_eq!(iso("05/05/2020", None), "2020-05-05");
        assert_eq!(iso("03/04/2020", None), "date_ambiguous");
        assert_eq!(iso("03-04-2020", None), "date_ambiguous");
        assert_eq!(iso("03/04/2020", Some(true)), "2020-04-03");
        assert_eq!(iso("03/04/2020", Some(false)), "2020-03-04");
    }

    #[test]
    fn impossible_dates() {
        assert_eq!(iso("31.02.2020", None), "date_unparseable");
        assert_eq!(iso("2020-13-01", None), "date_unparseable");
        assert_eq!(iso("20201301", None), "date_unparseable");
        assert_eq!(iso("13/13/2020", None), "date_unparseable");
    }

    #[test]
    fn other_shapes_are_not_numeric_dates() {
        for text in [
            "2020",
            "1.2",
            "1.2.3.4",
            "15.01.202",
            "123.1.2020",
            "15_01_2020",
            "a.b.c",
        ] {
            assert_eq!(iso(text, None), "none", "{text}");
        }
    }
}

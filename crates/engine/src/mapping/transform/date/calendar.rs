//! Shared date arithmetic of the date parsers: two-digit years, day-versus-month order,
//! and turning year/month/day into a real date with messages people understand.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Datelike, NaiveDate};

use crate::mapping::transform::error::{TransformError, quote};

/// How far into the future a two-digit year may point. HR files hold birth dates (past)
/// and contract ends (a few years ahead): with 10, in 2026 "36" is 2036 and "37" is 1937.
const FUTURE_YEARS: i32 = 10;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A year as written: its value and how many digits it had.
pub fn full_year(value: u32, digits: usize) -> i32 {
    let value = i32::try_from(value).unwrap_or(i32::MAX);
    if digits <= 2 {
        pivot(value, this_year())
    } else {
        value
    }
}

/// Sliding window: the two-digit year lands within 100 years ending `FUTURE_YEARS`
/// after `this_year`.
pub fn pivot(two_digits: i32, this_year: i32) -> i32 {
    let candidate = this_year - this_year.rem_euclid(100) + two_digits;
    if candidate > this_year + FUTURE_YEARS {
        candidate - 100
    } else if candidate <= this_year + FUTURE_YEARS - 100 {
        candidate + 100
    } else {
        candidate
    }
}

/// The current year, read once from the system clock (2025 if the clock is before 1970).
fn this_year() -> i32 {
    static YEAR: OnceLock<i32> = OnceLock::new();
    *YEAR.get_or_init(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .ok()
            .and_then(|d| DateTime::from_timestamp(i64::try_from(d.as_secs()).ok()?, 0))
            .map_or(2025, |now| now.year())
    })
}

/// Orders two numbers of a D/M or M/D date into (day, month). A number above 12 decides;
/// equal numbers read the same both ways; otherwise `day_first` decides or the date is
/// ambiguous.
pub fn day_month(
    a: u32,
    b: u32,
    day_first: Option<bool>,
    text: &str,
    year: i32,
) -> Result<(u32, u32), TransformError> {
    match (a > 12, b > 12) {
        (true, false) => Ok((a, b)),
        (false, true) => Ok((b, a)),
        // Neither order is a real date; report it in the day-first reading.
        (true, true) => Ok((a, b)),
        (false, false) if a == b => Ok((a, b)),
        (false, false) => match day_first {
            Some(true) => Ok((a, b)),
            Some(false) => Ok((b, a)),
            None => Err(TransformError::new(
                TransformError::DATE_AMBIGUOUS,
                format!(
                    "{} could be {} {} or {} {} {}; set day_first = true (day before month) \
                     or false (month before day) on this transform",
                    quote(text),
                    a,
                    month_name(b),
                    b,
                    month_name(a),
                    year
                ),
            )),
        },
    }
}

/// The date, or `date_unparseable` saying which day does not exist.
pub fn to_date(year: i32, month: u32, day: u32, text: &str) -> Result<NaiveDate, TransformError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let why = if (1..=12).contains(&month) {
            format!("{} {year} has no day {day}", month_name(month))
        } else {
            format!("there is no month {month}")
        };
        TransformError::new(
            TransformError::DATE_UNPARSEABLE,
            format!(
                "{} is not a real date ({why}); check the day and the month",
                quote(text)
            ),
        )
    })
}

/// The error for text that is no date at all.
pub fn unparseable(text: &str) -> TransformError {
    TransformError::new(
        TransformError::DATE_UNPARSEABLE,
        format!(
            "{} is not a date Muster can read; write it as YYYY-MM-DD (2020-01-15) or \
             DD.MM.YYYY (15.01.2020), or add its format to this transform's `from` list",
            quote(text)
        ),
    )
}

fn month_name(month: u32) -> &'static str {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pivot_window() {
        assert_eq!(pivot(85, 2026), 1985);
        assert_eq!(pivot(5, 2026), 2005);
        assert_eq!(pivot(26, 2026), 2026);
        assert_eq!(pivot(36, 2026), 2036);
        assert_eq!(pivot(37, 2026), 1937);
        assert_eq!(pivot(0, 2095), 2100);
        assert_eq!(full_year(1985, 4), 1985);
        assert_eq!(full_year(85, 2), 1985);
    }

    #[test]
    fn day_month_order() {
        assert_eq!(day_month(15, 1, None, "", 2020), Ok((15, 1)));
        assert_eq!(day_month(1, 15, None, "", 2020), Ok((15, 1)));
        assert_eq!(day_month(5, 5, None, "", 2020), Ok((5, 5)));
        assert_eq!(day_month(3, 4, Some(true), "", 2020), Ok((3, 4)));
        assert_eq!(day_month(3, 4, Some(false), "", 2020), Ok((4, 3)));
        let err = day_month(3, 4, None, "03/04/2020", 2020).err();
        assert_eq!(
            err.map(|e| (e.code, e.message)),
            Some((
                "date_ambiguous",
                "\"03/04/2020\" could be 3 April or 4 March 2020; set day_first = true (day \
                 before month) or false (month before day) on this transform"
                    .to_owned()
            ))
        );
    }

    #[test]
    fn impossible_dates_say_why() {
        let err = to_date(2020, 2, 31, "31.02.2020").err();
        assert_eq!(
            err.map(|e| (e.code, e.message)),
            Some((
                "date_unparseable",
                "\"31.02.2020\" is not a real date (February 2020 has no day 31); check the day \
                 and the month"
                    .to_owned()
            ))
        );
        let err = to_date(2020, 13, 13, "13/13/2020").err();
        assert!(err.is_some_and(|e| e.message.contains("there is no month 13")));
        assert!(to_date(2020, 2, 29, "").is_ok());
    }
}

//! A tiny calendar date type for hire and birth dates.
//!
//! The generator only needs "a day between two days" and three ways of
//! printing it (ISO, the German `DD.MM.YYYY`, and an Excel/ODS date cell), so
//! a day count plus the proleptic Gregorian conversion is all we carry instead
//! of a date library.

use std::fmt::Write as _;

/// A calendar day, stored as days since 1970-01-01 so ranges are plain integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    days: i32,
}

impl Date {
    /// The date for `year-month-day` (no validation beyond what the tables need).
    pub const fn from_ymd(year: i32, month: u32, day: u32) -> Date {
        // Shift the year so it starts in March: the leap day is then the last
        // day of the "year" and month lengths follow a fixed 5-month pattern.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let m = month as i32;
        let shifted_month = if m > 2 { m - 3 } else { m + 9 };
        let day_of_year = (153 * shifted_month + 2) / 5 + day as i32 - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Date {
            days: era * 146_097 + day_of_era - 719_468,
        }
    }

    /// The date `days` days after 1970-01-01.
    pub const fn from_days(days: i32) -> Date {
        Date { days }
    }

    /// Days since 1970-01-01.
    pub const fn days(self) -> i32 {
        self.days
    }

    /// `(year, month, day)`, the inverse of [`Date::from_ymd`].
    pub const fn ymd(self) -> (i32, u32, u32) {
        let z = self.days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
        (year, month as u32, day as u32)
    }

    /// Appends `YYYY-MM-DD`.
    pub fn push_iso(self, out: &mut String) {
        let (y, m, d) = self.ymd();
        // Writing to a String cannot fail.
        let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    }

    /// Appends `DD.MM.YYYY`, the German style used by the date-format defect.
    pub fn push_dotted(self, out: &mut String) {
        let (y, m, d) = self.ymd();
        let _ = write!(out, "{d:02}.{m:02}.{y:04}");
    }

    /// `YYYY-MM-DD` as a new string.
    #[cfg(test)]
    pub fn iso(self) -> String {
        let mut s = String::with_capacity(10);
        self.push_iso(&mut s);
        s
    }

    /// `DD.MM.YYYY` as a new string.
    #[cfg(test)]
    pub fn dotted(self) -> String {
        let mut s = String::with_capacity(10);
        self.push_dotted(&mut s);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(Date::from_ymd(1970, 1, 1).days(), 0);
        assert_eq!(Date::from_ymd(2000, 3, 1).days(), 11_017);
        assert_eq!(Date::from_ymd(1969, 12, 31).days(), -1);
        assert_eq!(Date::from_ymd(2026, 11, 1).iso(), "2026-11-01");
    }

    #[test]
    fn round_trips_every_day_for_two_centuries() {
        let start = Date::from_ymd(1900, 1, 1).days();
        let end = Date::from_ymd(2100, 12, 31).days();
        let mut previous: Option<(i32, u32, u32)> = None;
        for days in start..=end {
            let (y, m, d) = Date::from_days(days).ymd();
            assert_eq!(Date::from_ymd(y, m, d).days(), days);
            if let Some(p) = previous {
                assert!((y, m, d) > p, "dates must increase");
            }
            previous = Some((y, m, d));
        }
    }

    #[test]
    fn formats() {
        let d = Date::from_ymd(2020, 2, 29);
        assert_eq!(d.iso(), "2020-02-29");
        assert_eq!(d.dotted(), "29.02.2020");
    }
}

//! The time of day after a date: "2020-01-15T10:30:00Z", "2020-01-15 10:30",
//! "15.01.2020 10:30:15", "January 15, 2020 10:30 AM", "2020-01-15T10:30:00.5+01:00".
//!
//! The time starts at the digits before the first colon and must follow the date after a
//! "T" or a space. It is HH:MM or HH:MM:SS with optional fraction (chrono parses it), then
//! an optional AM/PM, then an optional offset: "Z", "UTC", "GMT" or ±HH:MM / ±HHMM.

use chrono::{FixedOffset, NaiveTime, Timelike};

/// A time of day and, when written, its offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub time: NaiveTime,
    pub offset: Option<FixedOffset>,
}

/// Splits `text` into its date part and time. No colon: all of it is the date and there is
/// no time. `None`: there is a time but it cannot be read.
pub fn split_time(text: &str) -> Option<(&str, Option<Clock>)> {
    let Some(colon) = text.find(':') else {
        return Some((text, None));
    };
    let before = text[..colon].trim_end_matches(|c: char| c.is_ascii_digit());
    let date = before
        .strip_suffix(['T', 't'])
        .or_else(|| before.strip_suffix(char::is_whitespace))?
        .trim_end()
        .trim_end_matches(',')
        .trim_end();
    if date.is_empty() {
        return None;
    }
    let clock = parse_clock(text[before.len()..].trim())?;
    Some((date, Some(clock)))
}

fn parse_clock(text: &str) -> Option<Clock> {
    let (text, offset) = split_offset(text)?;
    let (text, meridiem) = split_meridiem(text.trim_end());
    let text = text.trim_end();
    let time = NaiveTime::parse_from_str(text, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .ok()?;
    let time = match meridiem {
        None => time,
        Some(pm) => {
            if !(1..=12).contains(&time.hour()) {
                return None;
            }
            time.with_hour(time.hour() % 12 + if pm { 12 } else { 0 })?
        }
    };
    Some(Clock { time, offset })
}

/// Cuts a trailing offset; `None` when one is there but unreadable.
fn split_offset(text: &str) -> Option<(&str, Option<FixedOffset>)> {
    let utc = FixedOffset::east_opt(0);
    if let Some(rest) = text.strip_suffix(['Z', 'z']) {
        return Some((rest, utc));
    }
    for zone in ["UTC", "GMT"] {
        let cut = text.len().checked_sub(zone.len());
        if let Some(rest) = cut
            .and_then(|at| text.get(at..))
            .filter(|z| z.eq_ignore_ascii_case(zone))
        {
            return Some((&text[..text.len() - rest.len()], utc));
        }
    }
    match text.rfind(['+', '-']) {
        Some(at) => Some((&text[..at], Some(text[at..].trim().parse().ok()?))),
        None => Some((text, None)),
    }
}

/// Cuts a trailing AM/PM (any case, dots allowed); `Some(true)` for PM.
fn split_meridiem(text: &str) -> (&str, Option<bool>) {
    for (suffix, pm) in [("am", false), ("pm", true), ("a.m.", false), ("p.m.", true)] {
        let cut = text.len().checked_sub(suffix.len());
        if let Some(at) = cut.filter(|&at| {
            text.get(at..)
                .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
        }) {
            return (&text[..at], Some(pm));
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Option<(String, String)> {
        let (date, clock) = split_time(text)?;
        let time = clock.map_or("-".to_owned(), |c| match c.offset {
            Some(o) => format!("{} {o}", c.time),
            None => c.time.to_string(),
        });
        Some((date.to_owned(), time))
    }

    fn pair(date: &str, time: &str) -> Option<(String, String)> {
        Some((date.to_owned(), time.to_owned()))
    }

    #[test]
    fn no_time() {
        assert_eq!(split("2020-01-15"), pair("2020-01-15", "-"));
    }

    #[test]
    fn iso_date_times() {
        assert_eq!(
            split("2020-01-15T10:30:00Z"),
            pair("2020-01-15", "10:30:00 +00:00")
        );
        assert_eq!(split("2020-01-15 10:30"), pair("2020-01-15", "10:30:00"));
        assert_eq!(
            split("2020-01-15T10:30:00.5+01:00"),
            pair("2020-01-15", "10:30:00.500 +01:00")
        );
        assert_eq!(
            split("2020-01-15T10:30:00-0500"),
            pair("2020-01-15", "10:30:00 -05:00")
        );
        assert_eq!(
            split("2020-01-15 10:30 UTC"),
            pair("2020-01-15", "10:30:00 +00:00")
        );
    }

    #[test]
    fn other_dates_with_times() {
        assert_eq!(split("15.01.2020 10:30:15"), pair("15.01.2020", "10:30:15"));
        assert_eq!(
            split("January 15, 2020 10:30 PM"),
            pair("January 15, 2020", "22:30:00")
        );
        assert_eq!(split("01/15/2020 12:05 am"), pair("01/15/2020", "00:05:00"));
        assert_eq!(
            split("01/15/2020, 12:05 p.m."),
            pair("01/15/2020", "12:05:00")
        );
    }

    #[test]
    fn unreadable_times() {
        for text in [
            "10:30",
            "2020-01-15T25:00",
            "2020-01-15 10:30 +1",
            "2020-01-15X10:30",
            "2020-01-15 13:00 PM",
            "2020-01-15 1:2:3:4",
        ] {
            assert_eq!(split(text), None, "{text}");
        }
    }
}

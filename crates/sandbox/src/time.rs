//! Wall-clock formatting for the timestamps the emulators put in their answers.
//!
//! Auth0 writes `created_at` as an ISO 8601 instant in UTC with milliseconds
//! (`2024-05-01T12:00:00.000Z`); the crate has no date library, so the civil
//! date is computed from the day count here.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Time since the Unix epoch; zero for instants before it.
pub(crate) fn since_epoch(at: SystemTime) -> Duration {
    at.duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// `at` as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub(crate) fn iso8601(at: SystemTime) -> String {
    let elapsed = since_epoch(at);
    let secs = elapsed.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(i64::MAX / 2);
    let (year, month, day) = civil_from_days(days);
    let of_day = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
        elapsed.subsec_millis()
    )
}

/// Now in whole seconds since the Unix epoch.
pub(crate) fn unix_now() -> i64 {
    i64::try_from(since_epoch(SystemTime::now()).as_secs()).unwrap_or(i64::MAX / 2)
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (second precision, the HRIS and people
/// emulators' timestamps).
pub(crate) fn iso_seconds(secs: i64) -> String {
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// The calendar date of unix seconds `secs`, as `YYYY-MM-DD`.
pub(crate) fn date(secs: i64) -> String {
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// An ISO 8601 instant as milliseconds since the epoch: `YYYY-MM-DD`, optionally
/// `THH:MM[:SS[.fff]]` and `Z`, `±HH:MM`, `±HHMM` or nothing (read as UTC). A space
/// stands for `T`, and for the `+` of an offset, since a `+` left unescaped in a query
/// string arrives as a space. `None` for anything else.
pub(crate) fn parse_iso8601_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date_part, rest) = match text.find(['T', 't', ' ']) {
        Some(10) => (&text[..10], &text[11..]),
        None if text.len() == 10 => (text, ""),
        _ => return None,
    };
    let mut fields = date_part.split('-');
    let year: i64 = digits(fields.next()?, 4)?;
    let month: i64 = digits(fields.next()?, 2)?;
    let day: i64 = digits(fields.next()?, 2)?;
    if fields.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (clock, offset_secs) = split_offset(rest)?;
    let mut millis = 0;
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    if !clock.is_empty() {
        let (whole, fraction) = clock.split_once('.').unwrap_or((clock, ""));
        let mut parts = whole.split(':');
        hour = digits(parts.next()?, 2)?;
        minute = digits(parts.next()?, 2)?;
        second = parts.next().map_or(Some(0), |s| digits(s, 2))?;
        if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        if !fraction.is_empty() {
            if !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let padded = format!("{:0<3}", &fraction[..fraction.len().min(3)]);
            millis = padded.parse::<i64>().ok()?;
        }
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    Some(secs * 1000 + millis)
}

/// A field of exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<i64> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// The time of day and its UTC offset in seconds (`Z`, none, `±HH:MM`, `±HHMM`).
fn split_offset(rest: &str) -> Option<(&str, i64)> {
    if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        return Some((clock, 0));
    }
    let Some(at) = rest.rfind(['+', '-', ' ']) else {
        return Some((rest, 0));
    };
    let (clock, offset) = rest.split_at(at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let offset = offset[1..].replace(':', "");
    let hours: i64 = digits(offset.get(..2)?, 2)?;
    let minutes: i64 = digits(offset.get(2..)?, 2)?;
    Some((clock, sign * (hours * 3600 + minutes * 60)))
}

/// Days from 1970-01-01 to the proleptic Gregorian date (the inverse of
/// [`civil_from_days`]).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_index = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Proleptic Gregorian (year, month, day) of the day `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of a year.
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both are small and positive by construction.
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64, millis: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_millis(millis)
    }

    #[test]
    fn known_instants() {
        assert_eq!(iso8601(at(0, 0)), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(at(951_782_400, 5)), "2000-02-29T00:00:00.005Z");
        assert_eq!(iso8601(at(1_709_251_199, 999)), "2024-02-29T23:59:59.999Z");
        assert_eq!(iso8601(at(4_102_444_800, 0)), "2100-01-01T00:00:00.000Z");
    }

    #[test]
    fn second_precision_and_parsing_agree() {
        assert_eq!(iso_seconds(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(date(1_709_251_199), "2024-02-29");
        for secs in [0, 951_782_400, 1_709_251_199, 1_764_547_200, 4_102_444_800] {
            assert_eq!(parse_iso8601_ms(&iso_seconds(secs)), Some(secs * 1000));
        }
        assert_eq!(parse_iso8601_ms("2025-12-01"), Some(1_764_547_200_000));
        assert_eq!(
            parse_iso8601_ms("2025-12-01T01:00:00.5+01:00"),
            Some(1_764_547_200_500)
        );
        assert_eq!(
            parse_iso8601_ms("2025-12-01T01:00:00 0100"),
            Some(1_764_547_200_000)
        );
        assert_eq!(
            parse_iso8601_ms("2025-11-30T23:00-0100"),
            Some(1_764_547_200_000)
        );
        for bad in [
            "",
            "yesterday",
            "2025-13-01",
            "2025-12-01T25:00:00Z",
            "2025-1-01",
        ] {
            assert_eq!(parse_iso8601_ms(bad), None, "{bad}");
        }
    }
}

//! Excel serial dates (1900 date system), as CSV exports and formula cells leave them.
//!
//! Serial 1 is 1900-01-01. Excel counts a 29 February 1900 that never was (serial 60, a
//! Lotus 1-2-3 bug kept for compatibility), so from serial 61 (1900-03-01) on the day
//! count is off by one. Serial 60 is refused rather than guessed. The fraction is the
//! time of day, rounded to the second. Any integer or decimal from 1 to 2958465
//! (9999-12-31) counts, so "2020" alone reads as a serial (1905-07-12), not a year.

use chrono::{NaiveDate, NaiveTime, TimeDelta};

use super::Moment;
use crate::mapping::transform::error::{TransformError, quote};

const MAX_SERIAL: u32 = 2_958_465;

/// `None` when `text` is not a serial number at all; otherwise the moment or why not.
pub fn serial(text: &str) -> Option<Result<Moment, TransformError>> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) || whole.len() > 7 {
        return None;
    }
    let days: u32 = whole.parse().ok()?;
    if !(1..=MAX_SERIAL).contains(&days) {
        return None;
    }
    Some(moment(days, fraction, text))
}

fn moment(days: u32, fraction: Option<&str>, text: &str) -> Result<Moment, TransformError> {
    let base = match days {
        60 => {
            return Err(TransformError::new(
                TransformError::DATE_UNPARSEABLE,
                format!(
                    "{} is Excel's serial for 29 February 1900, a day that did not exist; \
                     enter the real date",
                    quote(text)
                ),
            ));
        }
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31),
        _ => NaiveDate::from_ymd_opt(1899, 12, 30),
    };
    let unparseable = || super::calendar::unparseable(text);
    let mut date = base
        .and_then(|b| b.checked_add_signed(TimeDelta::days(i64::from(days))))
        .ok_or_else(unparseable)?;
    let time = match fraction {
        None => None,
        Some(digits) => {
            // At most 9 digits matter for seconds; more would only overflow the parse.
            let digits = &digits[..digits.len().min(9)];
            let scale = 10f64.powi(i32::try_from(digits.len()).unwrap_or(9));
            let part = digits.parse::<f64>().map_err(|_| unparseable())? / scale;
            // `part` < 1, so the product is below 86 401 and fits u32.
            let mut seconds = (part * 86_400.0).round() as u32;
            if seconds >= 86_400 {
                seconds = 0;
                date = date.succ_opt().ok_or_else(unparseable)?;
            }
            NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0)
        }
    };
    Ok(Moment {
        date,
        time,
        offset: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        match serial(text)? {
            Ok(m) => Some(match m.time {
                Some(t) => format!("{} {}", m.date, t),
                None => m.date.to_string(),
            }),
            Err(e) => Some(format!("ERR {}", e.code)),
        }
    }

    #[test]
    fn known_serials() {
        assert_eq!(date("1").as_deref(), Some("1900-01-01"));
        assert_eq!(date("59").as_deref(), Some("1900-02-28"));
        assert_eq!(date("61").as_deref(), Some("1900-03-01"));
        assert_eq!(date("43845").as_deref(), Some("2020-01-15"));
        assert_eq!(date("2958465").as_deref(), Some("9999-12-31"));
    }

    #[test]
    fn fractions_are_times() {
        assert_eq!(date("43845.75").as_deref(), Some("2020-01-15 18:00:00"));
        assert_eq!(date("43845.5").as_deref(), Some("2020-01-15 12:00:00"));
        assert_eq!(date("43845.0").as_deref(), Some("2020-01-15 00:00:00"));
        assert_eq!(
            date("43845.999999999").as_deref(),
            Some("2020-01-16 00:00:00")
        );
    }

    #[test]
    fn serial_sixty_is_refused() {
        assert_eq!(date("60").as_deref(), Some("ERR date_unparseable"));
        let Some(Err(err)) = serial("60") else {
            panic!("60 must be an error");
        };
        assert!(err.message.contains("29 February 1900"));
    }

    #[test]
    fn not_serials() {
        for text in [
            "0", "2958466", "20200115", "-5", "1.2.3", "12a", "", ".5", "43845.", "1e5",
        ] {
            assert_eq!(date(text), None, "{text:?}");
        }
    }
}

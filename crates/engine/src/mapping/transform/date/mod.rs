//! `date`: read a date written in any common way and write it in the target's format.
//!
//! Reading tries, in order: the profile's own `from` patterns (chrono strftime), Excel
//! serial numbers (`excel`), digit-only dates (`numeric`), dates with month names
//! (`words`); a time of day after the date is split off first (`time`). Writing:
//! - `iso`: YYYY-MM-DD; `day_month_year`: DD.MM.YYYY — the date as written, any time or
//!   offset ignored (a birth date at 23:30-05:00 is still that day);
//! - `date_time`: RFC 3339 in UTC, YYYY-MM-DDTHH:MM:SSZ. A written offset is converted
//!   to UTC; a time without offset is taken as UTC; a plain date is midnight UTC.
//!   Fractions of seconds are dropped.

mod calendar;
mod excel;
mod fast;
mod names;
mod numeric;
mod time;
mod words;

use std::borrow::Cow;

use chrono::format::StrftimeItems;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::DateOutput;
use super::error::{TransformError, quote};

/// A parsed date with the time and offset when the text had them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Moment {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub offset: Option<FixedOffset>,
}

/// Reads a date written in any format listed in the module docs. `day_first` settles
/// dates like 03/04/2020; `extra_patterns` (chrono strftime) are tried first.
pub fn parse_date(
    text: &str,
    day_first: Option<bool>,
    extra_patterns: &[String],
) -> Result<NaiveDate, TransformError> {
    parse_moment(text, day_first, extra_patterns).map(|m| m.date)
}

pub(crate) fn parse_moment(
    text: &str,
    day_first: Option<bool>,
    extra_patterns: &[String],
) -> Result<Moment, TransformError> {
    let text = text.trim();
    if let Some(moment) = extra_patterns.iter().find_map(|p| with_pattern(text, p)) {
        return Ok(moment);
    }
    if let Some(date) = fast::common(text, day_first).and_then(|c| {
        NaiveDate::from_ymd_opt(i32::try_from(c.date.year).ok()?, c.date.month, c.date.day)
    }) {
        return Ok(Moment {
            date,
            time: None,
            offset: None,
        });
    }
    if let Some(result) = excel::serial(text) {
        return result;
    }
    let (date_text, clock) = time::split_time(text).ok_or_else(|| calendar::unparseable(text))?;
    let date = numeric::numeric(date_text, day_first)
        .or_else(|| words::with_names(date_text))
        .ok_or_else(|| calendar::unparseable(text))?
        // The date part's errors quote the whole cell, not just the part.
        .map_err(|e| {
            TransformError::new(
                e.code,
                e.message.replacen(&quote(date_text), &quote(text), 1),
            )
        })?;
    Ok(Moment {
        date,
        time: clock.map(|c| c.time),
        offset: clock.and_then(|c| c.offset),
    })
}

/// Tries one chrono pattern as a date-time with offset, a date-time, then a date: the
/// richest first, since chrono's plain-date parse accepts and drops a time.
fn with_pattern(text: &str, pattern: &str) -> Option<Moment> {
    if let Ok(dt) = DateTime::parse_from_str(text, pattern) {
        let offset = Some(*dt.offset());
        return Some(Moment {
            date: dt.date_naive(),
            time: Some(dt.time()),
            offset,
        });
    }
    if let Ok(dt) = NaiveDateTime::parse_from_str(text, pattern) {
        return Some(Moment {
            date: dt.date(),
            time: Some(dt.time()),
            offset: None,
        });
    }
    let date = NaiveDate::parse_from_str(text, pattern).ok()?;
    Some(Moment {
        date,
        time: None,
        offset: None,
    })
}

/// The `date` transform: parse, then write in `to`; borrows when the text already is
/// in the target format.
pub(crate) fn apply<'a>(
    value: Cow<'a, str>,
    to: DateOutput,
    day_first: Option<bool>,
    from: &[String],
) -> Result<Cow<'a, str>, TransformError> {
    if let Some(common) = quick(&value, day_first, from) {
        if common.unchanged(to) {
            return Ok(value);
        }
        let mut out = String::with_capacity(fast::LONGEST);
        common.push(to, &mut out);
        return Ok(Cow::Owned(out));
    }
    let moment = parse_moment(&value, day_first, from)?;
    let mut buf = [0u8; fast::LONGEST];
    Ok(match render(&moment, to, &mut buf) {
        Some(written) if written == value.as_bytes() => value,
        Some(written) => {
            let mut out = String::with_capacity(written.len());
            fast::push_ascii(&mut out, written);
            Cow::Owned(out)
        }
        None => Cow::Owned(render_string(&moment, to)),
    })
}

/// [`apply`] appended to `out`, for callers that keep a buffer: no allocation once the
/// buffer is long enough. `out` is unchanged on an error.
pub(crate) fn apply_into(
    value: &str,
    to: DateOutput,
    day_first: Option<bool>,
    from: &[String],
    out: &mut String,
) -> Result<(), TransformError> {
    if let Some(common) = quick(value, day_first, from) {
        common.push(to, out);
        return Ok(());
    }
    let moment = parse_moment(value, day_first, from)?;
    let mut buf = [0u8; fast::LONGEST];
    match render(&moment, to, &mut buf) {
        Some(written) => fast::push_ascii(out, written),
        None => out.push_str(&render_string(&moment, to)),
    }
    Ok(())
}

/// Whether `text` names a real day in one of the two fixed forms targets ask for:
/// `Some(true)` written YYYY-MM-DD, `Some(false)` written DD.MM.YYYY, `None` otherwise.
/// The checks of a date field use it, so they and this transform share one calendar.
pub(crate) fn fixed_form(text: &str) -> Option<bool> {
    fast::common(text, None).map(|common| common.year_first())
}

/// The common shapes, read without chrono (see `fast`); `from` patterns come first in
/// `parse_moment`, so they rule this out.
fn quick<'t>(value: &'t str, day_first: Option<bool>, from: &[String]) -> Option<fast::Common<'t>> {
    if from.is_empty() {
        fast::common(value, day_first)
    } else {
        None
    }
}

/// Writes the output into a stack buffer with digits placed by hand (the formatting
/// machinery was a tenth of mapping a date); `None` outside years 0 to 9999.
fn render<'b>(
    moment: &Moment,
    to: DateOutput,
    buf: &'b mut [u8; fast::LONGEST],
) -> Option<&'b [u8]> {
    let (date, time) = match to {
        DateOutput::DateTime => {
            let utc = utc(moment)?;
            (utc.date(), (utc.hour(), utc.minute(), utc.second()))
        }
        DateOutput::Iso | DateOutput::DayMonthYear => (moment.date, (0, 0, 0)),
    };
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let ymd = fast::Ymd {
        year,
        month: date.month(),
        day: date.day(),
    };
    Some(fast::render(ymd, time, to, buf))
}

/// Fallback for years before 0 or after 9999, which the stack buffer does not take.
fn render_string(moment: &Moment, to: DateOutput) -> String {
    match to {
        DateOutput::Iso => moment.date.format("%Y-%m-%d").to_string(),
        DateOutput::DayMonthYear => moment.date.format("%d.%m.%Y").to_string(),
        DateOutput::DateTime => utc(moment)
            .unwrap_or_else(|| moment.date.and_time(NaiveTime::MIN))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
    }
}

/// The moment in UTC; `None` only when converting leaves chrono's range.
fn utc(moment: &Moment) -> Option<NaiveDateTime> {
    let local = moment.date.and_time(moment.time.unwrap_or(NaiveTime::MIN));
    match moment.offset {
        None => Some(local),
        Some(offset) => local
            .and_local_timezone(offset)
            .single()
            .map(|dt| dt.naive_utc()),
    }
}

/// Checks the `from` patterns once: chrono must accept each one.
pub(crate) fn check(from: &[String]) -> Result<(), TransformError> {
    for pattern in from {
        if pattern.trim().is_empty() || StrftimeItems::new(pattern).parse().is_err() {
            return Err(TransformError::bad_setting(format!(
                "the date pattern {} in `from` is not a valid chrono strftime pattern \
                 (like \"%d.%m.%Y\"); fix or remove it",
                quote(pattern)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

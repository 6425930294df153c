//! The two shapes nearly every HR export writes, YYYY-MM-DD and DD.MM.YYYY, read and
//! written without chrono: a third of mapping a date went to building a `NaiveDate` (its
//! calendar check) and turning the digits back into text.
//!
//! The calendar is chrono's: the proleptic Gregorian one, where year 0 is a leap year.
//! Every four-digit year lies within chrono's range, so a day this module accepts is
//! one `NaiveDate::from_ymd_opt` accepts; the tests check the two agree.

use crate::mapping::transform::DateOutput;

/// A day of a four-digit year, known to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

/// A YYYY-MM-DD or DD.MM.YYYY text naming a real day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Common<'t> {
    pub date: Ymd,
    text: &'t str,
    year_first: bool,
}

/// What `numeric::numeric` reads from a YYYY-MM-DD or DD.MM.YYYY text naming a real
/// day (dots day-first unless `day_first = false`); `None` sends anything else,
/// impossible days included, to the general path, which also explains what is wrong.
pub fn common(text: &str, day_first: Option<bool>) -> Option<Common<'_>> {
    let b: &[u8; 10] = text.as_bytes().try_into().ok()?;
    let year_first = b[4] == b'-' && b[7] == b'-';
    let date = if year_first {
        Ymd {
            year: four(b[0], b[1], b[2], b[3])?,
            month: two(b[5], b[6])?,
            day: two(b[8], b[9])?,
        }
    } else if b[2] == b'.' && b[5] == b'.' && day_first != Some(false) {
        Ymd {
            year: four(b[6], b[7], b[8], b[9])?,
            month: two(b[3], b[4])?,
            day: two(b[0], b[1])?,
        }
    } else {
        return None;
    };
    (date.day >= 1 && date.day <= days_in_month(date.year, date.month)).then_some(Common {
        date,
        text,
        year_first,
    })
}

impl Common<'_> {
    /// Whether the text was written YYYY-MM-DD (else DD.MM.YYYY).
    pub fn year_first(&self) -> bool {
        self.year_first
    }

    /// Whether `to` writes the text exactly as it is.
    pub fn unchanged(&self, to: DateOutput) -> bool {
        match to {
            DateOutput::Iso => self.year_first,
            DateOutput::DayMonthYear => !self.year_first,
            DateOutput::DateTime => false,
        }
    }

    /// Appends the day in `to` (a plain date's `date_time` is midnight UTC), copying the
    /// digits as written: a slice of fixed length is a move or two, where rendering the
    /// numbers and checking them as UTF-8 again cost several times that.
    pub fn push(&self, to: DateOutput, out: &mut String) {
        if self.unchanged(to) {
            out.push_str(self.text);
            return;
        }
        let t = self.text;
        let parts = if self.year_first {
            (t.get(0..4), t.get(5..7), t.get(8..10))
        } else {
            (t.get(6..10), t.get(3..5), t.get(0..2))
        };
        let (Some(year), Some(month), Some(day)) = parts else {
            // Not reached: `common` took ten ASCII bytes. Writing the digits anew is as right.
            let mut buf = [0; LONGEST];
            push_ascii(out, render(self.date, (0, 0, 0), to, &mut buf));
            return;
        };
        out.reserve(LONGEST);
        if to == DateOutput::DayMonthYear {
            out.push_str(day);
            out.push('.');
            out.push_str(month);
            out.push('.');
            out.push_str(year);
            return;
        }
        out.push_str(year);
        out.push('-');
        out.push_str(month);
        out.push('-');
        out.push_str(day);
        if to == DateOutput::DateTime {
            out.push_str("T00:00:00Z");
        }
    }
}

fn digit(b: u8) -> Option<u32> {
    let d = b.wrapping_sub(b'0');
    (d < 10).then_some(u32::from(d))
}

fn two(a: u8, b: u8) -> Option<u32> {
    Some(digit(a)? * 10 + digit(b)?)
}

fn four(a: u8, b: u8, c: u8, d: u8) -> Option<u32> {
    Some(two(a, b)? * 100 + two(c, d)?)
}

/// Days of `month` in `year`; 0 for a month that does not exist.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// The longest text [`render`] writes: YYYY-MM-DDTHH:MM:SSZ.
pub const LONGEST: usize = 20;

/// Writes the day and time in `to` into `buf` (only `date_time` writes the time); gives
/// the bytes written, all ASCII. For dates the general path read.
pub fn render(
    date: Ymd,
    (hour, minute, second): (u32, u32, u32),
    to: DateOutput,
    buf: &mut [u8; LONGEST],
) -> &[u8] {
    let len = match to {
        DateOutput::Iso => {
            iso_date(date, buf);
            10
        }
        DateOutput::DayMonthYear => {
            digits(&mut buf[0..2], date.day);
            buf[2] = b'.';
            digits(&mut buf[3..5], date.month);
            buf[5] = b'.';
            digits(&mut buf[6..10], date.year);
            10
        }
        DateOutput::DateTime => {
            iso_date(date, buf);
            buf[10] = b'T';
            digits(&mut buf[11..13], hour);
            buf[13] = b':';
            digits(&mut buf[14..16], minute);
            buf[16] = b':';
            digits(&mut buf[17..19], second);
            buf[19] = b'Z';
            20
        }
    };
    &buf[..len]
}

fn iso_date(date: Ymd, buf: &mut [u8; LONGEST]) {
    digits(&mut buf[0..4], date.year);
    buf[4] = b'-';
    digits(&mut buf[5..7], date.month);
    buf[7] = b'-';
    digits(&mut buf[8..10], date.day);
}

/// Writes `n` in decimal with leading zeros into all of `out`.
fn digits(out: &mut [u8], mut n: u32) {
    for slot in out.iter_mut().rev() {
        // n % 10 < 10, so the cast cannot truncate.
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Appends ASCII bytes to `out` as text, without checking them as UTF-8 again.
pub fn push_ascii(out: &mut String, ascii: &[u8]) {
    out.extend(ascii.iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate};

    use super::super::numeric::numeric;
    use super::*;

    const OUTPUTS: [(DateOutput, &str); 3] = [
        (DateOutput::Iso, "%Y-%m-%d"),
        (DateOutput::DayMonthYear, "%d.%m.%Y"),
        (DateOutput::DateTime, "%Y-%m-%dT00:00:00Z"),
    ];

    /// The hand-made calendar check against chrono's for every four-digit year and
    /// month numbers 0 to 15 and 99 (the day numbers around months' ends).
    #[test]
    fn the_calendar_is_chronos() {
        for year in 0..=9999u32 {
            for month in (0..16u32).chain([99]) {
                let days = days_in_month(year, month);
                for day in [0, 1, 28, 29, 30, 31, 32, 99] {
                    let ours = day >= 1 && day <= days;
                    let year = i32::try_from(year).unwrap_or(i32::MAX);
                    let chronos = NaiveDate::from_ymd_opt(year, month, day).is_some();
                    assert_eq!(ours, chronos, "{year}-{month}-{day}");
                }
            }
        }
    }

    /// The fast reading gives the general path's date for every text it accepts, and
    /// writes it as chrono formats it; texts from an alphabet of digits, separators and
    /// other bytes in the shapes' positions.
    #[test]
    fn reads_and_writes_what_the_general_path_does() {
        let mut texts = Vec::new();
        for year in [
            "0000", "0004", "1900", "2000", "2020", "2021", "9999", "20a0", " 202",
        ] {
            for month in ["00", "01", "02", "04", "12", "13", "1 ", "+1", "99"] {
                for day in ["00", "01", "28", "29", "30", "31", "32", "3x", "-1"] {
                    for (a, b) in [('-', '-'), ('.', '.'), ('/', '/'), ('-', '.')] {
                        texts.push(format!("{year}{a}{month}{b}{day}"));
                        texts.push(format!("{day}{a}{month}{b}{year}"));
                    }
                }
            }
        }
        texts.extend(
            [
                "2020-02-29",
                "2021-02-29",
                "01.13.2020",
                "13.13.2020",
                "29.02.2021",
                "2020.01.15",
                "15-01-2020",
                "2020-1-15x",
                "15.01.20",
                "+020-01-15",
                "15.01.2020.",
            ]
            .map(String::from),
        );
        for text in &texts {
            for day_first in [None, Some(true), Some(false)] {
                let Some(fast) = common(text, day_first) else {
                    continue;
                };
                let general = numeric(text, day_first).and_then(Result::ok);
                let Ymd { year, month, day } = fast.date;
                let as_date = NaiveDate::from_ymd_opt(i32::try_from(year).unwrap(), month, day);
                assert_eq!(as_date, general, "{text} {day_first:?}");
                for (to, pattern) in OUTPUTS {
                    let mut out = String::from("x");
                    fast.push(to, &mut out);
                    let expected = general.map(|d| format!("x{}", d.format(pattern)));
                    assert_eq!(Some(out.as_str()), expected.as_deref(), "{text} {to:?}");
                    assert_eq!(fast.unchanged(to), out[1..] == **text, "{text} {to:?}");
                }
            }
        }
    }

    #[test]
    fn the_shapes_it_takes() {
        let day = |text, day_first| common(text, day_first).map(|c| c.date);
        let ymd = |year, month, day| Some(Ymd { year, month, day });
        assert_eq!(day("2020-01-15", None), ymd(2020, 1, 15));
        assert_eq!(day("15.01.2020", None), ymd(2020, 1, 15));
        assert_eq!(day("15.01.2020", Some(true)), ymd(2020, 1, 15));
        assert_eq!(day("15.01.2020", Some(false)), None);
        assert_eq!(day("2021-02-29", None), None);
        assert_eq!(day("2020/01/15", None), None);
        assert_eq!(day("2020-01-é", None), None);
    }

    /// Rendering by hand writes what chrono's formatting writes, and every real day
    /// written in either shape reads back fast.
    #[test]
    fn renders_as_chrono_formats() {
        let mut day = NaiveDate::from_ymd_opt(0, 1, 1);
        while let Some(date) = day.filter(|d| d.year() <= 9999) {
            let ymd = Ymd {
                year: date.year().unsigned_abs(),
                month: date.month(),
                day: date.day(),
            };
            let mut buf = [0; LONGEST];
            for (to, pattern) in OUTPUTS {
                let mut text = String::new();
                push_ascii(&mut text, render(ymd, (0, 0, 0), to, &mut buf));
                assert_eq!(text, date.format(pattern).to_string());
            }
            let iso = date.format("%Y-%m-%d").to_string();
            assert_eq!(common(&iso, Some(false)).map(|c| c.date), Some(ymd));
            let dotted = date.format("%d.%m.%Y").to_string();
            assert_eq!(common(&dotted, None).map(|c| c.date), Some(ymd));
            assert_eq!(common(&dotted, Some(false)), None);
            day = date.checked_add_days(chrono::Days::new(97));
        }
    }
}

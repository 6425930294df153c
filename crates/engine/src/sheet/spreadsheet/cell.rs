//! A workbook cell as the person sees it in Excel: integers without `.0`, at most 15
//! significant digits, dates as ISO 8601, text (identifiers like `00123`) untouched.

use std::fmt::Write;

use calamine::{Data, DataRef, ExcelDateTime};
use chrono::{Datelike, Timelike};

/// Appends the cell's text to `out`. Returns the error code (`#N/A`, …) of an error cell,
/// which is written as empty.
pub(crate) fn write_cell(cell: &Data, out: &mut String) -> Option<String> {
    match cell {
        Data::Empty => {}
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            out.push_str(text)
        }
        Data::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Data::Float(f) => write_number(*f, out),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(date) => write_date(date, out),
        Data::Error(code) => return Some(code.to_string()),
    }
    None
}

/// The same for a cell streamed from an xlsx worksheet (shared strings are borrowed).
pub(crate) fn write_cell_ref(cell: &DataRef<'_>, out: &mut String) -> Option<String> {
    match cell {
        DataRef::Empty => {}
        DataRef::SharedString(text) => out.push_str(text),
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            out.push_str(text)
        }
        DataRef::Int(n) => {
            let _ = write!(out, "{n}");
        }
        DataRef::Float(f) => write_number(*f, out),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(date) => write_date(date, out),
        DataRef::Error(code) => return Some(code.to_string()),
    }
    None
}

/// Numbers as Excel's General format shows them: whole numbers without decimals, others
/// rounded to 15 significant digits so binary noise (`0.30000000000000004`) disappears.
fn write_number(f: f64, out: &mut String) {
    let magnitude = f.abs();
    if f.fract() == 0.0 && magnitude < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else if !(1e-9..1e15).contains(&magnitude) {
        let _ = write!(out, "{f}");
    } else {
        let integer_digits = magnitude.log10().floor() as i32 + 1;
        let decimals = (15 - integer_digits).clamp(0, 17) as usize;
        let start = out.len();
        let _ = write!(out, "{f:.decimals$}");
        if out[start..].contains('.') {
            let trimmed = out.trim_end_matches('0').trim_end_matches('.').len();
            out.truncate(trimmed);
        }
    }
}

/// The serial numbers Excel shows as dates: from 0 (its day before 1900-01-01) to the end
/// of 9999-12-31. Past them Excel shows `#####`.
const DATE_SERIALS: std::ops::Range<f64> = 0.0..2_958_466.0;

/// Dates as `YYYY-MM-DD`, date-times as `YYYY-MM-DDTHH:MM:SS`, times as `HH:MM:SS`; a
/// serial Excel cannot show as a date is written as the number it is.
fn write_date(date: &ExcelDateTime, out: &mut String) {
    if date.is_duration() {
        let seconds = (date.as_f64() * 86_400.0).round() as i64;
        let _ = write!(
            out,
            "{}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        );
        return;
    }
    let serial = date.as_f64();
    // calamine's conversion panics far past the range (fuzzing found a .xls date cell
    // whose serial had more than 25 digits), so it never sees such a serial.
    let in_range = DATE_SERIALS.contains(&serial);
    let Some(when) = in_range.then(|| date.as_datetime()).flatten() else {
        write_number(serial, out);
        return;
    };
    let (day, time) = (when.date(), when.time());
    // Written field by field: chrono's strftime parses its pattern on every call, and this
    // runs for every date cell of a workbook.
    if serial.abs() >= 1.0 {
        let _ = write!(out, "{:04}-{:02}-{:02}", day.year(), day.month(), day.day());
    }
    let has_time = serial.fract().abs() > 1e-9;
    if has_time || serial.abs() < 1.0 {
        if serial.abs() >= 1.0 {
            out.push('T');
        }
        let _ = write!(
            out,
            "{:02}:{:02}:{:02}",
            time.hour(),
            time.minute(),
            time.second()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn shown(cell: Data) -> String {
        let mut out = String::new();
        write_cell(&cell, &mut out);
        out
    }

    #[test]
    fn numbers_look_as_in_excel() {
        assert_eq!(shown(Data::Float(123.0)), "123");
        assert_eq!(shown(Data::Float(-4.0)), "-4");
        assert_eq!(shown(Data::Float(0.1 + 0.2)), "0.3");
        assert_eq!(shown(Data::Float(1234.5)), "1234.5");
        assert_eq!(shown(Data::Float(2.0 / 3.0)), "0.666666666666667");
        assert_eq!(shown(Data::Int(42)), "42");
        assert_eq!(shown(Data::Float(1e20)), "100000000000000000000");
    }

    #[test]
    fn text_identifiers_stay_as_typed() {
        assert_eq!(shown(Data::String("00123".into())), "00123");
    }

    /// A date cell holding `serial`, days since Excel's epoch.
    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn dates_become_iso_8601() {
        assert_eq!(shown(date(43845.0)), "2020-01-15");
        assert_eq!(shown(date(43845.5)), "2020-01-15T12:00:00");
        assert_eq!(shown(date(0.75)), "18:00:00");
        let duration = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(shown(duration), "36:00:00");
        assert_eq!(shown(Data::DateTimeIso("2020-01-15".into())), "2020-01-15");
    }

    #[test]
    fn a_serial_excel_cannot_show_as_a_date_is_written_as_its_number() {
        assert_eq!(shown(date(2_958_465.0)), "9999-12-31");
        assert_eq!(shown(date(2_958_466.0)), "2958466");
        assert_eq!(shown(date(-1.0)), "-1");
        // calamine's own conversion panics on the far ones.
        for serial in [1e300, -1e300, 1e20, f64::NAN, f64::INFINITY] {
            assert_eq!(shown(date(serial)), shown(Data::Float(serial)), "{serial}");
        }
        let streamed =
            DataRef::DateTime(ExcelDateTime::new(1e20, ExcelDateTimeType::DateTime, false));
        let mut out = String::new();
        write_cell_ref(&streamed, &mut out);
        assert_eq!(out, "100000000000000000000");
    }

    #[test]
    fn streamed_cells_show_the_same() {
        let mut out = String::new();
        write_cell_ref(&DataRef::SharedString("00123"), &mut out);
        write_cell_ref(&DataRef::Float(7.0), &mut out);
        assert_eq!(out, "001237");
    }

    #[test]
    fn booleans_and_errors() {
        assert_eq!(shown(Data::Bool(true)), "TRUE");
        let mut out = String::new();
        assert_eq!(
            write_cell(&Data::Error(CellErrorType::NA), &mut out),
            Some("#N/A".into())
        );
        assert_eq!(out, "");
    }
}

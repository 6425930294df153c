//! The names a definition uses for date formats and boolean encodings, read (with a date
//! format's pattern as another name) and written.

use super::CatalogError;
use crate::target::catalog::{BoolEncoding, DateFormat};

pub(super) fn parse_date_format(field: &str, text: &str) -> Result<DateFormat, CatalogError> {
    let wanted = text.trim();
    [
        DateFormat::Iso,
        DateFormat::DayMonthYear,
        DateFormat::DateTime,
    ]
    .into_iter()
    .find(|f| {
        date_format_name(*f).eq_ignore_ascii_case(wanted)
            || f.pattern().eq_ignore_ascii_case(wanted)
    })
    .ok_or_else(|| CatalogError::UnknownDateFormat {
        field: field.to_owned(),
        format: text.to_owned(),
    })
}

pub(super) fn date_format_name(format: DateFormat) -> &'static str {
    match format {
        DateFormat::Iso => "iso",
        DateFormat::DayMonthYear => "day_month_year",
        DateFormat::DateTime => "date_time",
    }
}

pub(super) fn bool_encoding_name(encoding: BoolEncoding) -> &'static str {
    match encoding {
        BoolEncoding::Json => "json",
        BoolEncoding::ZeroOne => "zero_one",
    }
}

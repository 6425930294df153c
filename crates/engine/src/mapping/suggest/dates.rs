//! Whether a date field needs a `date` transform, and with which `day_first`.
//!
//! No transform when every sampled date is already written in a format the target accepts
//! (its own or one of its `also` formats: LMS takes `15.03.1985` as it is). Otherwise, when
//! most values read as dates, a transform to the target's format. `day_first` is set only
//! when the sample settles it: a first number above 12 means day first, a second number
//! above 12 month first; both or neither leave it open.

use chrono::NaiveDate;

use crate::mapping::transform::{DateOutput, Transform, parse_date};
use crate::target::catalog::{DateFormat, FieldKind};

/// Share of sampled values that must read as dates before a transform is suggested; below
/// it the column is something else and validation should say so.
const READABLE_SHARE: f32 = 0.8;

/// The `date` transform a field of `kind` needs for `values`, if any.
pub(crate) fn date_transform(kind: &FieldKind, values: &[&str]) -> Option<Transform> {
    let FieldKind::Date { format, also } = kind else {
        return None;
    };
    let values: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return None;
    }
    let accepted = |v: &str| {
        std::iter::once(format)
            .chain(also)
            .any(|f| written_as(v, *f))
    };
    if values.iter().all(|v| accepted(v)) {
        return None;
    }
    let readable = values
        .iter()
        .filter(|v| {
            parse_date(v, Some(true), &[]).is_ok() || parse_date(v, Some(false), &[]).is_ok()
        })
        .count();
    if (readable as f32) < READABLE_SHARE * values.len() as f32 {
        return None;
    }
    Some(Transform::Date {
        to: output(*format),
        day_first: day_first(&values),
        from: Vec::new(),
    })
}

/// Whether `value` is already written as `format`.
fn written_as(value: &str, format: DateFormat) -> bool {
    match format {
        DateFormat::Iso => {
            value.len() == 10 && NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok()
        }
        DateFormat::DayMonthYear => {
            value.len() == 10 && NaiveDate::parse_from_str(value, "%d.%m.%Y").is_ok()
        }
        DateFormat::DateTime => chrono::DateTime::parse_from_rfc3339(value).is_ok(),
    }
}

fn output(format: DateFormat) -> DateOutput {
    match format {
        DateFormat::Iso => DateOutput::Iso,
        DateFormat::DayMonthYear => DateOutput::DayMonthYear,
        DateFormat::DateTime => DateOutput::DateTime,
    }
}

/// Day first, month first, or open, from the numeric dates whose year comes last.
pub(crate) fn day_first(values: &[&str]) -> Option<bool> {
    let (mut day_seen, mut month_seen) = (false, false);
    for value in values {
        let date = value.split([' ', 'T']).next().unwrap_or(value);
        let Some(separator) = date.chars().find(|c| matches!(c, '.' | '/' | '-')) else {
            continue;
        };
        let parts: Vec<&str> = date.trim_end_matches('.').split(separator).collect();
        let [a, b, _] = parts.as_slice() else {
            continue;
        };
        let (Ok(a_num), Ok(b_num)) = (a.parse::<u32>(), b.parse::<u32>()) else {
            continue;
        };
        if a.len() > 2 || b.len() > 2 {
            continue;
        }
        day_seen |= a_num > 12;
        month_seen |= b_num > 12;
    }
    match (day_seen, month_seen) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso_only() -> FieldKind {
        FieldKind::date(DateFormat::Iso, &[])
    }

    #[test]
    fn dates_in_an_accepted_format_need_nothing() {
        let lms = FieldKind::date(DateFormat::Iso, &[DateFormat::DayMonthYear]);
        assert_eq!(
            date_transform(&lms, &["15.03.1985", "1990-01-02", ""]),
            None
        );
        assert_eq!(date_transform(&iso_only(), &["1985-03-15"]), None);
        assert_eq!(date_transform(&iso_only(), &[]), None);
    }

    #[test]
    fn other_formats_get_a_transform_with_day_first_when_settled() {
        let german = date_transform(&iso_only(), &["15.03.1985", "01.02.1990"]);
        assert_eq!(
            german,
            Some(Transform::Date {
                to: DateOutput::Iso,
                day_first: Some(true),
                from: vec![]
            })
        );
        let us = date_transform(&iso_only(), &["03/15/1985", "04/01/1990"]);
        assert!(matches!(
            us,
            Some(Transform::Date {
                day_first: Some(false),
                ..
            })
        ));
        let open = date_transform(&iso_only(), &["03/04/1985", "05/06/1990"]);
        assert!(matches!(
            open,
            Some(Transform::Date {
                day_first: None,
                ..
            })
        ));
        let dmy = FieldKind::date(DateFormat::DayMonthYear, &[]);
        assert!(matches!(
            date_transform(&dmy, &["1985-03-15"]),
            Some(Transform::Date {
                to: DateOutput::DayMonthYear,
                ..
            })
        ));
    }

    #[test]
    fn values_that_are_not_dates_are_left_to_validation() {
        assert_eq!(
            date_transform(&iso_only(), &["unbekannt", "n/a", "15.03.1985"]),
            None
        );
        assert_eq!(date_transform(&FieldKind::Text, &["15.03.1985"]), None);
    }

    #[test]
    fn conflicting_evidence_leaves_day_first_open() {
        assert_eq!(day_first(&["13/01/2020", "01/13/2020"]), None);
        assert_eq!(day_first(&["2020-01-13"]), None);
        assert_eq!(day_first(&["13.01.2020 08:00"]), Some(true));
    }
}

//! One value against its field's kind: is it an email, a date in the target's format, one of
//! the allowed values, short enough? Each finding is a stable code and a sentence that says
//! what the target expects.

use crate::mapping::transform::fixed_form;
use crate::target::catalog::{BoolEncoding, DateFormat, Field, FieldKind};

/// What is wrong with a value: a stable code and what the target expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub code: &'static str,
    pub expected: String,
}

/// Checks a non-empty value against the field's kind and length.
pub(crate) fn check(field: &Field, value: &str) -> Option<Finding> {
    if let Some(max) = field.max_length {
        let length = value.chars().count();
        if length > max {
            return Some(Finding {
                code: "too_long",
                expected: format!("at most {max} characters (this value has {length})"),
            });
        }
    }
    let finding = |code: &'static str, expected: String| Some(Finding { code, expected });
    match &field.kind {
        FieldKind::Text | FieldKind::List { .. } => None,
        FieldKind::Email if !super::email::is_email(value) => {
            finding("email_invalid", "an email address such as anna.schmidt@example.com".into())
        }
        FieldKind::Phone if !is_e164(value) => finding(
            "phone_invalid",
            "a phone number in international format such as +4930123456 (add a phone transform with the country to convert local numbers)".into(),
        ),
        FieldKind::Url if !is_url(value) => {
            finding("url_invalid", "a web address starting with https://".into())
        }
        FieldKind::Date { format, also } => {
            let fits = std::iter::once(format).chain(also).any(|f| is_date(value, *f));
            if fits {
                None
            } else {
                let patterns: Vec<&str> = std::iter::once(format).chain(also).map(|f| f.pattern()).collect();
                finding(
                    "date_invalid",
                    format!("a date written {} (add a date transform to convert other formats)", patterns.join(" or ")),
                )
            }
        }
        FieldKind::Boolean { encoding } => {
            let (ok, words) = match encoding {
                BoolEncoding::Json => (matches!(value, "true" | "false"), "true or false"),
                BoolEncoding::ZeroOne => (matches!(value, "0" | "1"), "1 or 0"),
            };
            if ok {
                None
            } else {
                finding("boolean_invalid", format!("{words} (a value map can turn yes/no into these)"))
            }
        }
        FieldKind::Integer { min, max } => match value.parse::<i64>() {
            Err(_) => finding("integer_invalid", "a whole number".into()),
            Ok(n) if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) => finding(
                "integer_out_of_range",
                format!(
                    "a whole number from {} to {}",
                    min.map_or("any".into(), |m| m.to_string()),
                    max.map_or("any".into(), |m| m.to_string())
                ),
            ),
            Ok(_) => None,
        },
        FieldKind::Enum { values } if !values.iter().any(|v| v == value) => {
            finding("value_not_allowed", format!("one of: {}", values.join(", ")))
        }
        FieldKind::Object if !is_json_object(value) => {
            finding("object_invalid", "a JSON object such as {\"team\": \"blue\"}".into())
        }
        _ => None,
    }
}

/// E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
fn is_e164(value: &str) -> bool {
    let Some(digits) = value.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

fn is_url(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

fn is_date(value: &str, format: DateFormat) -> bool {
    match format {
        DateFormat::Iso => fixed_form(value) == Some(true),
        DateFormat::DayMonthYear => fixed_form(value) == Some(false),
        DateFormat::DateTime => chrono::DateTime::parse_from_rfc3339(value).is_ok(),
    }
}

/// Whether `value` is a date written `YYYY-MM-DD` (when `iso`) or `DD.MM.YYYY` (when
/// `day_month_year`): [`is_date`] for each allowed form, read once. Read by hand, as the
/// date transform reads them (`fixed_form`): chrono's `parse_from_str` parses its pattern
/// again for every cell, a third of the validation time on a file of dates.
pub(super) fn is_fixed_date(value: &str, iso: bool, day_month_year: bool) -> bool {
    match fixed_form(value) {
        Some(true) => iso,
        Some(false) => day_month_year,
        None => false,
    }
}

fn is_json_object(value: &str) -> bool {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind) -> Field {
        Field {
            name: "f".into(),
            kind,
            required: false,
            max_length: Some(40),
            identifier: false,
            references: None,
            also_references: Vec::new(),
            notes: String::new(),
        }
    }

    fn code(kind: FieldKind, value: &str) -> Option<&'static str> {
        check(&field(kind), value).map(|f| f.code)
    }

    #[test]
    fn emails() {
        assert_eq!(code(FieldKind::Email, "anna.schmidt@example.com"), None);
        for bad in [
            "anna.schmidt@@example",
            "no-at-sign.example.com",
            "a b@example.com",
            "x@localhost",
            "x@.com",
        ] {
            assert_eq!(code(FieldKind::Email, bad), Some("email_invalid"), "{bad}");
        }
    }

    #[test]
    fn phones_must_be_e164() {
        assert_eq!(code(FieldKind::Phone, "+4930123456"), None);
        assert_eq!(code(FieldKind::Phone, "030 123456"), Some("phone_invalid"));
        assert_eq!(
            code(FieldKind::Phone, "+49 30 123456"),
            Some("phone_invalid")
        );
    }

    #[test]
    fn dates_in_the_targets_formats() {
        let lms = FieldKind::Date {
            format: DateFormat::DayMonthYear,
            also: vec![DateFormat::Iso],
        };
        assert_eq!(code(lms.clone(), "15.01.2020"), None);
        assert_eq!(code(lms.clone(), "2020-01-15"), None);
        assert_eq!(code(lms.clone(), "31.02.2020"), Some("date_invalid"));
        assert_eq!(code(lms.clone(), "1/15/2020"), Some("date_invalid"));
        for bad in [
            "29.02.2023",
            "2023-02-29",
            "15.1.2020",
            "15-01-2020",
            "2020.01.15",
            "2020-1-15 ",
            "15.01.20201",
            "1a.01.2020",
            "15.13.2020",
            "00.01.2020",
            "+020-01-15",
            "١٥.٠١.٢٠٢٠",
        ] {
            assert_eq!(code(lms.clone(), bad), Some("date_invalid"), "{bad}");
        }
        assert_eq!(code(lms.clone(), "29.02.2024"), None);
        assert_eq!(code(lms.clone(), "0001-01-01"), None);
        let finding = check(&field(lms), "x").unwrap();
        assert!(
            finding.expected.contains("DD.MM.YYYY or YYYY-MM-DD"),
            "{}",
            finding.expected
        );
        let rfc = FieldKind::Date {
            format: DateFormat::DateTime,
            also: vec![],
        };
        assert_eq!(code(rfc, "2020-01-15T00:00:00Z"), None);
    }

    /// The date check as it was, with chrono deciding which days exist.
    fn by_chrono(value: &str, [year, month, day]: [usize; 3], separator: u8) -> bool {
        let bytes = value.as_bytes();
        let number = |at: usize, len: usize| -> Option<u32> {
            let digits = bytes.get(at..at + len)?;
            digits.iter().try_fold(0u32, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let (first, second) = if year == 0 { (4, 7) } else { (2, 5) };
        bytes.len() == 10
            && bytes[first] == separator
            && bytes[second] == separator
            && match (number(year, 4), number(month, 2), number(day, 2)) {
                (Some(y), Some(m), Some(d)) => i32::try_from(y)
                    .is_ok_and(|y| chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()),
                _ => false,
            }
    }

    /// The hand-written calendar agrees with chrono on every year, the months around 1 to
    /// 12 and the days around each month's end, and on every string of up to 10 bytes
    /// drawn from digits, separators and other bytes.
    #[test]
    fn dates_agree_with_chrono() {
        let forms = [
            (DateFormat::Iso, [0, 5, 8], b'-'),
            (DateFormat::DayMonthYear, [6, 3, 0], b'.'),
        ];
        for y in 0..=9999 {
            for m in [0, 1, 2, 3, 4, 9, 11, 12, 13, 20, 99] {
                for d in [0, 1, 9, 28, 29, 30, 31, 32, 40, 99] {
                    for (format, at, separator) in forms {
                        let value = if format == DateFormat::Iso {
                            format!("{y:04}-{m:02}-{d:02}")
                        } else {
                            format!("{d:02}.{m:02}.{y:04}")
                        };
                        assert_eq!(
                            is_date(&value, format),
                            by_chrono(&value, at, separator),
                            "{value}"
                        );
                    }
                }
            }
        }
        let digits = ["0", "1", "2", "3", "9"];
        let others = ["0", ".", "-", "/", "a", ":", "٠", " "];
        let mut next = crate::validate::tests::random::below(0x2545_F491_4F6C_DD1D);
        // Mostly ten digits with separators where one of the forms has them, and now and
        // then any other character.
        for _ in 0..300_000 {
            let len = [9, 10, 10, 10, 11][next(5)];
            let value: String = (0..len)
                .map(|i| match next(8) {
                    0 => others[next(others.len())],
                    1..=3 if [2, 4, 5, 7].contains(&i) => [".", "-"][next(2)],
                    _ => digits[next(digits.len())],
                })
                .collect();
            for (format, at, separator) in forms {
                assert_eq!(
                    is_date(&value, format),
                    by_chrono(&value, at, separator),
                    "{value:?}"
                );
            }
            for (iso, day_month_year) in [(true, true), (true, false), (false, true)] {
                assert_eq!(
                    is_fixed_date(&value, iso, day_month_year),
                    (iso && is_date(&value, DateFormat::Iso))
                        || (day_month_year && is_date(&value, DateFormat::DayMonthYear)),
                    "{value:?}"
                );
            }
        }
    }

    #[test]
    fn booleans_integers_enums_urls_objects_and_lengths() {
        assert_eq!(
            code(
                FieldKind::Boolean {
                    encoding: BoolEncoding::ZeroOne
                },
                "1"
            ),
            None
        );
        assert_eq!(
            code(
                FieldKind::Boolean {
                    encoding: BoolEncoding::ZeroOne
                },
                "yes"
            ),
            Some("boolean_invalid")
        );
        assert_eq!(
            code(
                FieldKind::Boolean {
                    encoding: BoolEncoding::Json
                },
                "true"
            ),
            None
        );
        assert_eq!(
            code(
                FieldKind::Integer {
                    min: Some(0),
                    max: Some(1)
                },
                "2"
            ),
            Some("integer_out_of_range")
        );
        assert_eq!(
            code(
                FieldKind::Integer {
                    min: None,
                    max: None
                },
                "x"
            ),
            Some("integer_invalid")
        );
        let status = FieldKind::Enum {
            values: vec!["full_time".into(), "part_time".into()],
        };
        assert_eq!(code(status.clone(), "full_time"), None);
        assert_eq!(code(status, "Full-Time"), Some("value_not_allowed"));
        assert_eq!(code(FieldKind::Url, "https://x.io/a.png"), None);
        assert_eq!(code(FieldKind::Url, "x.io"), Some("url_invalid"));
        assert_eq!(code(FieldKind::Object, "{\"a\":1}"), None);
        assert_eq!(code(FieldKind::Object, "[1]"), Some("object_invalid"));
        assert_eq!(
            code(
                FieldKind::Text,
                "a very long value that exceeds forty characters"
            ),
            Some("too_long")
        );
    }
}

use super::Plan;
use crate::target::catalog::{BoolEncoding, DateFormat, Field, FieldKind};
use crate::validate::kind;

fn field(kind: FieldKind, max_length: Option<usize>, required: bool) -> Field {
    Field {
        name: "f".into(),
        kind,
        required,
        max_length,
        identifier: false,
        references: None,
        also_references: Vec::new(),
        notes: String::new(),
    }
}

fn kinds() -> Vec<FieldKind> {
    let date = |format, also: &[DateFormat]| FieldKind::Date {
        format,
        also: also.to_vec(),
    };
    vec![
        FieldKind::Text,
        FieldKind::list(","),
        FieldKind::Email,
        FieldKind::Phone,
        FieldKind::Url,
        date(DateFormat::Iso, &[DateFormat::DayMonthYear]),
        date(DateFormat::DayMonthYear, &[]),
        date(DateFormat::Iso, &[]),
        date(DateFormat::Iso, &[DateFormat::DateTime]),
        FieldKind::boolean(BoolEncoding::ZeroOne),
        FieldKind::boolean(BoolEncoding::Json),
        FieldKind::Integer {
            min: Some(0),
            max: Some(9),
        },
        FieldKind::one_of(&["0", "1"]),
        FieldKind::Object,
    ]
}

/// Values: every string of up to four characters from an alphabet of edges, and ones each
/// kind accepts or nearly does.
fn values() -> Vec<String> {
    let alphabet = ["a", "Z", "0", "1", ".", "-", "@", "é", " ", "+"];
    let mut values = vec![String::new()];
    let mut last = values.clone();
    for _ in 0..4 {
        last = last
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        values.extend(last.iter().cloned());
    }
    for sample in [
        "15.01.2020",
        "2020-01-15",
        "29.02.2023",
        "29.02.2024",
        "2024-02-30",
        "15.01.2020 ",
        "2020-01-15T00:00:00Z",
        "anna.schmidt@example.com",
        "a@b.io",
        "Anna.Schmidt@Example.com",
        "o'neil@example.com",
        "x@localhost",
        "zoë@example.com",
        "true",
        "false",
        "True",
        "+4930123456",
        "https://x.io",
        "{\"a\":1}",
        "Full-Time",
        "a value of a good many characters",
    ] {
        values.push(sample.to_string());
    }
    values
}

/// A plan's yes is always `kind::check`'s: for every kind, with and without a length
/// limit, on every value. And a field the plan skips has nothing to report.
#[test]
fn a_fast_yes_is_the_kind_checks_yes() {
    let values = values();
    for kind in kinds() {
        for max_length in [None, Some(3), Some(10)] {
            for required in [false, true] {
                let field = field(kind.clone(), max_length, required);
                let plan = Plan::new(0, &field, false);
                assert_eq!(plan.must_fill, required);
                let mut passed = 0;
                for value in values.iter().filter(|v| !v.trim().is_empty()) {
                    let none = kind::check(&field, value).is_none();
                    if plan.passes(value) {
                        passed += 1;
                        assert!(none, "{kind:?} {max_length:?} {value:?}");
                    }
                    assert!(!plan.skips() || none, "{kind:?} {value:?}");
                }
                // The kinds the plan answers for say yes to some of the values.
                let answers = matches!(
                    kind,
                    FieldKind::Text
                        | FieldKind::List { .. }
                        | FieldKind::Email
                        | FieldKind::Boolean { .. }
                ) || matches!(&kind, FieldKind::Date { also, .. } if !also.contains(&DateFormat::DateTime));
                // Three bytes leave room for few values of those kinds.
                if max_length != Some(3) {
                    assert_eq!(passed > 0, answers, "{kind:?} {max_length:?}");
                }
            }
        }
    }
}

/// Fields are skipped exactly when nothing can be wrong with them, and the fast yes says
/// yes to what most files hold.
#[test]
fn text_is_skipped_and_common_values_pass() {
    let text = field(FieldKind::Text, None, false);
    assert!(Plan::new(0, &text, false).skips());
    assert!(!Plan::new(0, &text, true).skips());
    assert!(!Plan::new(0, &field(FieldKind::Text, Some(5), false), false).skips());
    assert!(!Plan::new(0, &field(FieldKind::Text, None, true), false).skips());
    let lms_date = field(kinds()[5].clone(), None, false);
    for value in ["15.01.2020", "2020-01-15", "29.02.2024"] {
        assert!(Plan::new(0, &lms_date, false).passes(value), "{value}");
    }
    let email = Plan::new(0, &field(FieldKind::Email, None, true), false);
    assert!(email.passes("anna.schmidt@example.com"));
    let zero_one = Plan::new(0, &field(kinds()[9].clone(), None, false), false);
    assert!(zero_one.passes("1") && zero_one.passes("0") && !zero_one.passes("yes"));
}

//! The TOML shapes of transforms in mapping profiles: reading them, writing them back,
//! and refusing unknown ops and fields.

use std::collections::BTreeMap;

use super::*;

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Profile {
    field: Vec<Field>,
}

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Field {
    target: String,
    column: String,
    #[serde(default)]
    transforms: Vec<Transform>,
}

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct List {
    transforms: Vec<Transform>,
}

const PROFILE: &str = r#"
[[field]]
target = "email"
column = "E-Mail"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "given_name"
column = "Name"
transforms = [{ op = "split_name", part = "first" }, { op = "case", to = "title" }]

[[field]]
target = "hired"
column = "Eintritt"
transforms = [
  { op = "date", to = "iso" },
  { op = "date", to = "day_month_year", day_first = true },
  { op = "date", to = "date_time", from = ["%d|%m|%Y"] },
]

[[field]]
target = "kind"
column = "Art"
transforms = [
  { op = "map", values = { "Full-Time" = "full_time", ja = "1" } },
  { op = "map", values = { a = "b" }, ignore_case = false, otherwise = "error" },
  { op = "map", values = { a = "b" }, otherwise = "empty" },
]

[[field]]
target = "phone"
column = "Telefon"
transforms = [{ op = "phone", country = "DE" }, { op = "default", value = "none" }]
"#;

fn expected() -> Vec<Vec<Transform>> {
    let ab = || BTreeMap::from([("a".to_owned(), "b".to_owned())]);
    vec![
        vec![
            Transform::Trim,
            Transform::Case {
                to: CaseStyle::Lower,
            },
        ],
        vec![
            Transform::SplitName {
                part: NamePart::First,
            },
            Transform::Case {
                to: CaseStyle::Title,
            },
        ],
        vec![
            Transform::Date {
                to: DateOutput::Iso,
                day_first: None,
                from: vec![],
            },
            Transform::Date {
                to: DateOutput::DayMonthYear,
                day_first: Some(true),
                from: vec![],
            },
            Transform::Date {
                to: DateOutput::DateTime,
                day_first: None,
                from: vec!["%d|%m|%Y".into()],
            },
        ],
        vec![
            Transform::Map {
                values: BTreeMap::from([
                    ("Full-Time".to_owned(), "full_time".to_owned()),
                    ("ja".to_owned(), "1".to_owned()),
                ]),
                ignore_case: true,
                otherwise: Otherwise::Keep,
            },
            Transform::Map {
                values: ab(),
                ignore_case: false,
                otherwise: Otherwise::Error,
            },
            Transform::Map {
                values: ab(),
                ignore_case: true,
                otherwise: Otherwise::Empty,
            },
        ],
        vec![
            Transform::Phone {
                country: "DE".into(),
            },
            Transform::Default {
                value: "none".into(),
            },
        ],
    ]
}

#[test]
fn profile_shapes_deserialize() {
    let profile: Result<Profile, _> = toml::from_str(PROFILE);
    let got: Option<Vec<Vec<Transform>>> = profile
        .ok()
        .map(|p| p.field.into_iter().map(|f| f.transforms).collect());
    assert_eq!(got, Some(expected()));
}

#[test]
fn transform_list_round_trips() {
    let list = List {
        transforms: expected().into_iter().flatten().collect(),
    };
    let text = toml::to_string(&list).map_err(|e| e.to_string());
    let back: Result<List, String> = text
        .as_deref()
        .map_err(Clone::clone)
        .and_then(|t| toml::from_str(t).map_err(|e| e.to_string()));
    assert_eq!(back, Ok(list), "written as {text:?}");
}

#[test]
fn every_parsed_transform_passes_check() {
    for t in expected().into_iter().flatten() {
        assert_eq!(t.check(), Ok(()), "{t:?}");
    }
}

#[test]
fn unit_ops_ignore_extra_fields() {
    // serde's internally tagged unit variants do not apply `deny_unknown_fields`.
    let list: Result<List, _> = toml::from_str(r#"transforms = [{ op = "trim", extra = 1 }]"#);
    assert_eq!(list.ok().map(|l| l.transforms), Some(vec![Transform::Trim]));
}

#[test]
fn unknown_ops_fields_and_values_are_refused() {
    for bad in [
        r#"transforms = [{ op = "reverse" }]"#,
        r#"transforms = [{ op = "case", to = "camel" }]"#,
        r#"transforms = [{ op = "case" }]"#,
        r#"transforms = [{ op = "date", to = "iso", dayfirst = true }]"#,
        r#"transforms = [{ op = "map", values = { a = "b" }, otherwise = "drop" }]"#,
        r#"transforms = [{ op = "split_name", part = "given" }]"#,
        r#"transforms = [{ to = "lower" }]"#,
    ] {
        assert!(toml::from_str::<List>(bad).is_err(), "{bad}");
    }
}

#[test]
fn settings_left_unset_are_not_written() {
    // JSON for the desktop app, TOML for saved profiles: `{op: "date", to: "iso"}`, no
    // `day_first: null` or `from: []` beside it.
    let plain = Transform::Date {
        to: DateOutput::Iso,
        day_first: None,
        from: vec![],
    };
    assert_eq!(
        serde_json::to_value(&plain).ok(),
        Some(serde_json::json!({ "op": "date", "to": "iso" }))
    );
    let case = Transform::Case {
        to: CaseStyle::Lower,
    };
    assert_eq!(
        serde_json::to_value(&case).ok(),
        Some(serde_json::json!({ "op": "case", "to": "lower" }))
    );
    let list = List {
        transforms: vec![plain],
    };
    let text = toml::to_string(&list).map_err(|e| e.to_string());
    assert_eq!(
        text.as_deref(),
        Ok("[[transforms]]\nop = \"date\"\nto = \"iso\"\n")
    );
}

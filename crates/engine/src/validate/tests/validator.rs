//! Every validation code on a small HR file, with the rows, columns and counts a person
//! relies on.

use crate::mapping::{Mapped, Mapper, Profile, Record};
use crate::sheet::Row;
use crate::target::catalog::{Catalog, DateFormat, Field, FieldKind, TargetKind};
use crate::validate::{Counts, Issue, Severity, Validator};

fn field(name: &str, kind: FieldKind, required: bool) -> Field {
    Field {
        name: name.into(),
        kind,
        required,
        max_length: Some(40),
        identifier: name == "uid",
        references: (name == "manager_uid").then(|| "uid".to_string()),
        also_references: Vec::new(),
        notes: String::new(),
    }
}

fn catalog() -> Catalog {
    Catalog {
        target: TargetKind::Lms,
        fields: vec![
            field("uid", FieldKind::Text, true),
            field("email", FieldKind::Email, true),
            field(
                "birth_date",
                FieldKind::Date {
                    format: DateFormat::DayMonthYear,
                    also: vec![DateFormat::Iso],
                },
                false,
            ),
            field(
                "gender",
                FieldKind::Enum {
                    values: vec!["0".into(), "1".into()],
                },
                false,
            ),
            field("manager_uid", FieldKind::Text, false),
        ],
    }
}

const PROFILE: &str = r#"
version = 1
target = "lms"
identifier = "uid"

[[skip]]
column = "Status"
is = ["inactive"]

[[field]]
target = "uid"
column = "ID"

[[field]]
target = "email"
column = "E-Mail"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "birth_date"
column = "Geburtstag"
transforms = [{ op = "date", to = "day_month_year" }]

[[field]]
target = "gender"
column = "Geschlecht"

[[field]]
target = "manager_uid"
column = "Chef"
"#;

fn run(rows: &[[&str; 6]]) -> (Vec<Issue>, Counts) {
    let catalog = catalog();
    let columns: Vec<String> = ["ID", "E-Mail", "Geburtstag", "Geschlecht", "Chef", "Status"]
        .map(String::from)
        .to_vec();
    let profile = Profile::from_toml(PROFILE).unwrap();
    let mapper = Mapper::new(&profile, &catalog, &columns).unwrap();
    let mut validator = Validator::new(&catalog, &mapper);
    let mut issues = Vec::new();
    let mut record = Record::default();
    for (i, cells) in rows.iter().enumerate() {
        let row = Row::from_cells(i as u64 + 2, cells.iter());
        match mapper.map(&row, &mut record) {
            Mapped::Record => {
                validator.check(&record, &mut |issue| issues.push(issue));
            }
            Mapped::Skipped(_) => validator.skipped(),
        }
    }
    let counts = validator.finish(&mut |issue| issues.push(issue));
    (issues, counts)
}

fn summary(issues: &[Issue]) -> Vec<(u64, &str, &str, Severity)> {
    issues
        .iter()
        .map(|i| (i.row, i.field.as_str(), i.code, i.severity))
        .collect()
}

#[test]
fn a_clean_file_has_no_issues() {
    let (issues, counts) = run(&[
        ["E1", "Ann@Firma.de ", "1980-05-17", "1", "", "active"],
        ["E2", "bo@firma.de", "17.05.1981", "0", "E1", "active"],
    ]);
    assert_eq!(issues, vec![]);
    assert_eq!(
        counts,
        Counts {
            records: 2,
            valid: 2,
            invalid: 0,
            skipped: 0
        }
    );
}

#[test]
fn every_problem_is_found_with_its_row_column_and_field() {
    let (issues, counts) = run(&[
        ["E1", "ann@firma.de", "17.05.1980", "1", "", "active"],
        ["E2", "", "1981-02-30", "1", "E1", "active"],
        ["E3", "anna.schmidt@@example", "", "2", "E9", "active"],
        ["E1", "ANN@firma.de", "", "0", "E3", "active"],
        ["E5", "e5@firma.de", "", "", "E5", "active"],
        ["", "x@firma.de", "", "", "", "active"],
        ["E7", "e7@firma.de", "", "", "", "inactive"],
    ]);
    assert_eq!(
        summary(&issues),
        vec![
            (3, "birth_date", "date_unparseable", Severity::Error),
            (3, "email", "required_missing", Severity::Error),
            (4, "email", "email_invalid", Severity::Error),
            (4, "gender", "value_not_allowed", Severity::Error),
            (5, "uid", "duplicate_identifier", Severity::Error),
            (5, "email", "duplicate_email", Severity::Error),
            (6, "manager_uid", "manager_self", Severity::Warning),
            (7, "uid", "required_missing", Severity::Error),
            (4, "manager_uid", "manager_unknown", Severity::Warning),
        ]
    );
    assert_eq!(
        counts,
        Counts {
            records: 6,
            valid: 2,
            invalid: 4,
            skipped: 1
        }
    );
    let duplicate = &issues[4];
    assert_eq!(duplicate.column, "ID");
    assert_eq!(duplicate.value, "E1");
    assert!(
        duplicate.message.contains("already the uid of row 2"),
        "{}",
        duplicate.message
    );
    let missing = &issues[1];
    assert_eq!(
        missing.message,
        "column \"E-Mail\" is empty, but lms requires \"email\". Fill it in, or map another column."
    );
    let invalid = &issues[2];
    assert_eq!(invalid.value, "anna.schmidt@@example");
    assert!(
        invalid.message.starts_with(
            "\"anna.schmidt@@example\" in column \"E-Mail\" is not valid for \"email\""
        ),
        "{}",
        invalid.message
    );
    assert!(
        issues[8]
            .message
            .contains("\"E9\" is not the uid of any record"),
        "{}",
        issues[8].message
    );
}

#[test]
fn a_profile_that_leaves_a_required_field_unmapped_is_refused() {
    let without_email = PROFILE.replace("target = \"email\"", "target = \"gender\"");
    let profile = Profile::from_toml(&without_email).unwrap();
    let err = profile.check(&catalog()).unwrap_err();
    // `gender` is now mapped twice, which is reported first.
    assert!(err.to_string().contains("twice"), "{err}");
    let mut profile = Profile::from_toml(PROFILE).unwrap();
    profile.fields.retain(|f| f.target != "email");
    let err = profile.check(&catalog()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "lms requires email, but the profile does not map it. Add a [[field]] for each, from a column, a constant or a template."
    );
}

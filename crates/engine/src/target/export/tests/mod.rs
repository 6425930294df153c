//! The export end to end on generated files: Auth0 splitting, Authgear bodies, rejected rows
//! and formula neutralisation in every file a spreadsheet opens.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use super::issues::{IssueFiles, Rejected};
use super::{ExportSummary, export};
use crate::mapping::{Mapper, Profile};
use crate::sheet::{self, ReadOptions, Row};
use crate::target::catalog::auth0;
use crate::validate::{Issue, Severity};

/// Writes `rows` (header first) as a comma-separated UTF-8 file.
fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut out = csv::Writer::from_path(path).unwrap();
    for row in rows {
        out.write_record(row).unwrap();
    }
    out.flush().unwrap();
}

fn run(source: &Path, profile_toml: &str, out: &Path) -> ExportSummary {
    let profile = Profile::from_toml(profile_toml).unwrap();
    let catalog = profile.catalog(Path::new(".")).unwrap();
    let mut sheet = sheet::open(source, &ReadOptions::default()).unwrap();
    let mapper = Mapper::new(&profile, &catalog, sheet.columns()).unwrap();
    export(&mut sheet, &profile, &catalog, &mapper, out).unwrap()
}

fn read_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn files_named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    files.sort();
    files
}

const AUTH0_PROFILE: &str = r#"
version = 1
target = "auth0"
identifier = "user_id"

[[field]]
target = "user_id"
column = "id"

[[field]]
target = "email"
column = "mail"

[[field]]
target = "user_metadata"
column = "meta"
"#;

#[test]
fn auth0_files_are_split_under_the_limit_without_loss_or_doubling() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("people.csv");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let padding = "x".repeat(1000);
    let mut rows = vec![vec!["id".to_owned(), "mail".to_owned(), "meta".to_owned()]];
    let mut expected = BTreeSet::new();
    for i in 0..1500 {
        let id = format!("u{i:05}");
        rows.push(vec![
            id.clone(),
            format!("person{i}@example.com"),
            format!(r#"{{"bio": "{padding}", "n": {i}}}"#),
        ]);
        expected.insert(id);
        if i == 700 {
            rows.push(vec![
                "bad-mail".to_owned(),
                "not an address".to_owned(),
                String::new(),
            ]);
            rows.push(vec![
                "huge".to_owned(),
                "huge@example.com".to_owned(),
                format!(r#"{{"bio": "{}"}}"#, "y".repeat(auth0::MAX_FILE_BYTES)),
            ]);
        }
    }
    write_csv(&source, &rows);

    let summary = run(&source, AUTH0_PROFILE, &out);
    assert_eq!(summary.records, 1502);
    assert_eq!(summary.valid, 1500);
    assert_eq!(summary.invalid, 2);

    let files = files_named(&out, "auth0-users-");
    assert!(files.len() >= 3, "{files:?}");
    assert_eq!(summary.files[..files.len()], files[..]);
    let mut seen = Vec::new();
    for (file, count) in files.iter().zip(&summary.file_records) {
        let bytes = std::fs::read(file).unwrap();
        assert!(bytes.len() < auth0::MAX_FILE_BYTES, "{}", file.display());
        let Value::Array(users) = serde_json::from_slice::<Value>(&bytes).unwrap() else {
            panic!("{} is not a JSON array", file.display());
        };
        assert_eq!(users.len() as u64, *count);
        for user in users {
            seen.push(user["user_id"].as_str().unwrap().to_owned());
            assert!(user["user_metadata"].is_object());
        }
    }
    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "a record was written twice");
    assert_eq!(unique, expected);

    let rejected = read_rows(&out.join("rejected.csv"));
    assert_eq!(rejected[0], ["id", "mail", "meta"]);
    let ids: Vec<&str> = rejected[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["bad-mail", "huge"]);
    assert_eq!(rejected[2][2].len(), rows[703][2].len());

    let issues = read_rows(&out.join("issues.csv"));
    assert_eq!(
        issues[0],
        [
            "row", "column", "field", "severity", "code", "message", "value"
        ]
    );
    let codes: Vec<&str> = issues[1..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(codes, ["email_invalid", "record_too_large"]);
    assert_eq!(summary.issues, 2);
}

#[test]
fn authgear_bodies_name_the_identifier() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("people.csv");
    write_csv(
        &source,
        &[
            vec!["mail".into(), "first".into()],
            vec!["anna@example.com".into(), "Anna".into()],
            vec!["ben@example.com".into(), "Ben".into()],
        ],
    );
    let profile = r#"
version = 1
target = "authgear"
identifier = "email"

[[field]]
target = "email"
column = "mail"

[[field]]
target = "given_name"
column = "first"
"#;
    let summary = run(&source, profile, dir.path());
    assert_eq!(summary.valid, 2);
    let body: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("authgear-import-001.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "identifier": "email",
            "records": [
                {"email": "anna@example.com", "given_name": "Anna"},
                {"email": "ben@example.com", "given_name": "Ben"}
            ]
        })
    );
}

const DANGEROUS: [&str; 6] = [
    "=SUM(A1)",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1",
    "+HYPERLINK(\"http://x.example\")",
];

#[test]
fn issues_and_rejected_files_neutralise_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = IssueFiles::create(dir.path()).unwrap();
    for value in DANGEROUS {
        files
            .write(&Issue {
                row: 2,
                column: value.to_owned(),
                field: "email".to_owned(),
                severity: Severity::Error,
                code: "email_invalid",
                message: value.to_owned(),
                value: value.to_owned(),
            })
            .unwrap();
    }
    assert_eq!(files.finish().unwrap(), 6);
    let columns: Vec<String> = vec!["=name".into(), "cell".into()];
    let mut rejected = Rejected::create(dir.path(), &columns).unwrap();
    for value in DANGEROUS {
        rejected.write(&Row::from_cells(3, ["ok", value])).unwrap();
    }
    assert_eq!(rejected.finish().unwrap(), 6);

    let expected: Vec<String> = DANGEROUS.iter().map(|v| format!("'{v}")).collect();
    let issues = read_rows(&dir.path().join("issues.csv"));
    for (row, want) in issues[1..].iter().zip(&expected) {
        assert_eq!(row[0], "2");
        assert_eq!([&row[1], &row[5], &row[6]], [want, want, want]);
    }
    let rejected = read_rows(&dir.path().join("rejected.csv"));
    assert_eq!(rejected[0], ["'=name", "cell"]);
    let cells: Vec<&String> = rejected[1..].iter().map(|r| &r[1]).collect();
    assert_eq!(cells, expected.iter().collect::<Vec<_>>());

    let mut workbook: Xlsx<_> = open_workbook(dir.path().join("issues.xlsx")).unwrap();
    let range = workbook.worksheet_range("Issues").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 7);
    for cell in rows.iter().flat_map(|r| r.iter()) {
        assert!(matches!(cell, Data::String(_)), "{cell:?} is not a string");
    }
    assert_eq!(rows[0][0], Data::String("row".into()));
    for (row, want) in rows[1..].iter().zip(&expected) {
        for index in [1, 5, 6] {
            assert_eq!(row[index], Data::String(want.clone()));
        }
    }
    let formulas = workbook.worksheet_formula("Issues").unwrap();
    assert!(formulas.cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn a_smaller_export_removes_the_numbered_files_of_an_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    for stale in ["auth0-users-002.json", "auth0-users-017.json"] {
        std::fs::write(dir.path().join(stale), "[]").unwrap();
    }
    std::fs::write(dir.path().join("auth0-users-notes.json"), "{}").unwrap();
    let source = dir.path().join("people.csv");
    write_csv(
        &source,
        &[
            vec!["id".into(), "mail".into(), "meta".into()],
            vec!["u1".into(), "anna@example.com".into(), String::new()],
        ],
    );
    let summary = run(&source, AUTH0_PROFILE, dir.path());
    assert_eq!(summary.valid, 1);
    let files = files_named(dir.path(), "auth0-users-");
    let names: Vec<&str> = files
        .iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()))
        .collect();
    assert_eq!(names, ["auth0-users-001.json", "auth0-users-notes.json"]);
}

#[test]
fn exporting_rejected_csv_into_its_own_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("rejected.csv");
    write_csv(
        &source,
        &[
            vec!["id".into(), "mail".into(), "meta".into()],
            vec!["u1".into(), "anna@example.com".into(), String::new()],
        ],
    );
    let before = std::fs::read(&source).unwrap();
    let profile = Profile::from_toml(AUTH0_PROFILE).unwrap();
    let catalog = profile.catalog(Path::new(".")).unwrap();
    let mut sheet = sheet::open(&source, &ReadOptions::default()).unwrap();
    let mapper = Mapper::new(&profile, &catalog, sheet.columns()).unwrap();
    let error = export(&mut sheet, &profile, &catalog, &mapper, dir.path()).unwrap_err();
    assert!(error.to_string().contains("would overwrite it"), "{error}");
    assert_eq!(std::fs::read(&source).unwrap(), before);
}

//! `muster validate` and `muster map suggest` as a person and a script use them.

mod common;

use common::{muster, repo, text};

use serde_json::Value;
use tempfile::TempDir;

/// `muster validate` of the German sample with the LMS profile, `--json` and `extra`; it
/// must exit 3 (some records invalid). Its report.
fn validate_sample(extra: &[&str]) -> Value {
    let file = repo("samples/mitarbeiter-excel-de.csv");
    let profile = repo("samples/lms-profile.toml");
    let mut args = vec![
        "validate",
        text(&file),
        "--profile",
        text(&profile),
        "--json",
    ];
    args.extend(extra);
    let out = muster(&args);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_sample_file_has_two_invalid_records_and_says_which() {
    let file = repo("samples/mitarbeiter-excel-de.csv");
    let profile = repo("samples/lms-profile.toml");
    let report = validate_sample(&[]);
    assert_eq!(report["records"], 39);
    assert_eq!(report["valid"], 37);
    assert_eq!(report["invalid"], 2);
    assert_eq!(report["skipped"], 1);
    assert_eq!(report["counts"]["email_invalid"], 1);
    assert_eq!(report["counts"]["duplicate_identifier"], 1);
    let first = &report["issues"][0];
    assert_eq!(first["row"], 37);
    assert_eq!(first["column"], "Email");
    assert_eq!(first["field"], "email");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["value"], "anna ferreira@example.com");

    let limited = muster(&[
        "validate",
        text(&file),
        "--profile",
        text(&profile),
        "--json",
        "--limit",
        "1",
    ]);
    let report: Value = serde_json::from_slice(&limited.stdout).unwrap();
    assert_eq!(report["issues"].as_array().map(Vec::len), Some(1));
    assert_eq!(report["errors"], 2);

    let readable = muster(&["validate", text(&file), "--profile", text(&profile)]);
    let summary = String::from_utf8(readable.stdout).unwrap();
    assert!(
        summary.contains("Records    39: 37 valid, 2 invalid, 1 skipped"),
        "{summary}"
    );
    assert!(summary.contains("row 41, column \"Employee ID\" → uid (error): \"E0000011\" is already the uid of row 15"), "{summary}");
}

#[test]
fn every_issue_goes_to_the_issues_file_whatever_the_limit() {
    let dir = TempDir::new().unwrap();
    let issues = dir.path().join("issues.csv");
    let report = validate_sample(&["--limit", "1", "--issues", text(&issues)]);
    let mut reader = csv::Reader::from_path(&issues).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "row", "column", "field", "severity", "code", "message", "value"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let total = report["errors"].as_u64().unwrap() + report["warnings"].as_u64().unwrap();
    assert_eq!(rows.len() as u64, total);
    assert!(rows.len() > 1, "the limit of 1 left issues out of the file");
    assert_eq!(&rows[0][0], "37");
    assert_eq!(&rows[0][1], "Email");
    assert_eq!(&rows[0][4], "email_invalid");
    assert_eq!(&rows[0][6], "anna ferreira@example.com");
    assert!(
        rows.iter()
            .any(|r| &r[0] == "41" && &r[4] == "duplicate_identifier")
    );
}

#[test]
fn a_suggested_profile_for_german_headers_validates_a_clean_file() {
    let dir = TempDir::new().unwrap();
    let csv = dir.path().join("personal.csv");
    std::fs::write(
        &csv,
        "Personalnummer;Vorname;Nachname;E-Mail;Benutzername;Abteilung;Geburtsdatum;Telefon;Aktiv\n\
         00123;Jürgen;Groß;j.gross@firma.de;jgross;Vertrieb;15.01.1980;030 1234567;ja\n\
         00124;Zoë;Müller;z.mueller@firma.de;zmueller;Personal;01.03.1985;+49 89 7654321;nein\n",
    )
    .unwrap();
    let out = muster(&[
        "map",
        "suggest",
        text(&csv),
        "--target",
        "lms",
        "--country",
        "DE",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let toml = String::from_utf8(out.stdout).unwrap();
    assert!(toml.contains("column = \"Personalnummer\""), "{toml}");
    assert!(toml.contains("column = \"Benutzername\""), "{toml}");
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, &toml).unwrap();
    let out = muster(&[
        "validate",
        text(&csv),
        "--profile",
        text(&profile),
        "--json",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["records"], 2, "{report}");
    assert_eq!(report["invalid"], 0, "{report}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_broken_profile_gets_one_sentence() {
    let dir = TempDir::new().unwrap();
    let profile = dir.path().join("bad.toml");
    std::fs::write(&profile, "version = 1\ntarget = \"lms\"\nidentifier = \"uid\"\n\n[[field]]\ntarget = \"uid\"\ncolumn = \"Nope\"\n").unwrap();
    let file = repo("samples/mitarbeiter-excel-de.csv");
    let out = muster(&["validate", text(&file), "--profile", text(&profile)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("lms requires secondname, firstname, login, email"),
        "{err}"
    );
}

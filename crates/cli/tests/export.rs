//! `muster export` on the sample file, and the round trip a person makes: fix the rows in
//! rejected.csv, validate them again.

mod common;

use common::{muster, repo, text};

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

/// The fields of one CSV line: commas, quotes and doubled quotes (enough for these files).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            other => fields.last_mut().unwrap().push(other),
        }
    }
    fields
}

/// The sample's lines, decoded (it is Windows-1252, as Excel writes it).
fn sample_lines() -> Vec<String> {
    let bytes = std::fs::read(repo("samples/mitarbeiter-excel-de.csv")).unwrap();
    let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    decoded.lines().map(str::to_owned).collect()
}

fn export_sample(out: &Path) -> Output {
    let file = repo("samples/mitarbeiter-excel-de.csv");
    let profile = repo("samples/lms-profile.toml");
    muster(&[
        "export",
        text(&file),
        "--profile",
        text(&profile),
        "--out",
        text(out),
    ])
}

#[test]
fn export_writes_payload_issues_and_rejected_rows() {
    let dir = TempDir::new().unwrap();
    let out_dir = dir.path().join("handover");
    let out = export_sample(&out_dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("lms-users.ndjson"), "{stdout}");
    assert!(stdout.contains("37 records"), "{stdout}");
    assert!(
        stdout.contains("39: 37 exported, 2 rejected, 1 skipped"),
        "{stdout}"
    );
    for name in [
        "lms-users.ndjson",
        "issues.csv",
        "issues.xlsx",
        "rejected.csv",
    ] {
        assert!(out_dir.join(name).is_file(), "{name} is missing");
    }

    let users = std::fs::read_to_string(out_dir.join("lms-users.ndjson")).unwrap();
    let lines: Vec<&str> = users.lines().collect();
    assert_eq!(lines.len(), 37);
    for line in &lines {
        let user: Value = serde_json::from_str(line).unwrap();
        assert!(user["uid"].is_string());
        assert!(user["is_active"].is_number());
    }

    let source = sample_lines();
    let rejected = std::fs::read_to_string(out_dir.join("rejected.csv")).unwrap();
    let rejected: Vec<Vec<String>> = rejected.lines().map(csv_fields).collect();
    let header: Vec<String> = source[3].split(';').map(str::to_owned).collect();
    assert_eq!(rejected[0], header);
    assert_eq!(rejected.len(), 3);
    // Rows 37 (a bad email) and 41 (a second E0000011), cell for cell: phone numbers such
    // as +49 89 … cannot run as formulas and stay as typed.
    for (got, number) in rejected[1..].iter().zip([37, 41]) {
        let want: Vec<String> = source[number - 1].split(';').map(str::to_owned).collect();
        assert_eq!(*got, want);
    }

    let issues = std::fs::read_to_string(out_dir.join("issues.csv")).unwrap();
    let issues: Vec<Vec<String>> = issues.lines().map(csv_fields).collect();
    assert_eq!(
        issues[0],
        [
            "row", "column", "field", "severity", "code", "message", "value"
        ]
    );
    let errors: Vec<(&str, &str, &str)> = issues[1..]
        .iter()
        .filter(|r| r[3] == "error")
        .map(|r| (r[0].as_str(), r[4].as_str(), r[6].as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("37", "email_invalid", "anna ferreira@example.com"),
            ("41", "duplicate_identifier", "E0000011"),
        ]
    );
}

#[test]
fn fixed_rejected_rows_validate_cleanly() {
    let dir = TempDir::new().unwrap();
    let out = export_sample(dir.path());
    assert_eq!(out.status.code(), Some(0));

    // What the person does: correct the email and give the second E0000011 its own id.
    let rejected = std::fs::read_to_string(dir.path().join("rejected.csv")).unwrap();
    let fixed: Vec<String> = rejected
        .lines()
        .map(|line| {
            csv_fields(line)
                .into_iter()
                .enumerate()
                .map(|(column, cell)| {
                    let cell = match (column, cell.as_str()) {
                        (0, "E0000011") => "E0000099".to_owned(),
                        (3, "anna ferreira@example.com") => "anna.ferreira@example.com".to_owned(),
                        _ => cell,
                    };
                    if cell.contains([',', '"']) {
                        format!("\"{}\"", cell.replace('"', "\"\""))
                    } else {
                        cell
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    let fixed_path = dir.path().join("rejected-fixed.csv");
    std::fs::write(&fixed_path, fixed.join("\n") + "\n").unwrap();

    let profile = repo("samples/lms-profile.toml");
    let out = muster(&[
        "validate",
        text(&fixed_path),
        "--profile",
        text(&profile),
        "--json",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert_eq!(report["records"], 2);
    assert_eq!(report["valid"], 2);
    assert_eq!(report["invalid"], 0);
}

//! Generated staff files, a small mapping profile for each target kind, and what the store
//! says about a job.
//!
//! The profiles map only what every generated row has (identifier, email, names), so each
//! record is valid and the tests count outcomes exactly. Managers are left out: they would
//! tie a record's fate to the order of the file, which these tests are not about.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{muster, stderr, text};

/// Writes a generated CSV of `rows` people without defects into `dir`.
pub fn generate(dir: &Path, rows: u32, seed: u32) -> PathBuf {
    let file = dir.join(format!("staff-{rows}-{seed}.csv"));
    let out = muster(&[
        "generate",
        "--rows",
        &rows.to_string(),
        "--format",
        "csv",
        "--defects",
        "0",
        "--seed",
        &seed.to_string(),
        "--out",
        text(&file),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    file
}

/// The emails of a generated file, in row order, as the profiles send them (lower case).
pub fn emails(file: &Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(file).expect("the generated file reads");
    let headers = reader.headers().expect("it has a header").clone();
    let column = headers
        .iter()
        .position(|h| h == "Email")
        .expect("it has an Email column");
    reader
        .records()
        .map(|row| row.expect("a row reads")[column].trim().to_lowercase())
        .collect()
}

/// Writes a profile for `kind` (`lms`, `scim`, `rest`, `auth0`, `authgear`) into `dir`;
/// REST's also gets its field definitions next to it.
pub fn profile(dir: &Path, kind: &str) -> PathBuf {
    let email = r#"
[[field]]
target = "email"
column = "Email"

[[field.transforms]]
op = "trim"

[[field.transforms]]
op = "case"
to = "lower"
"#;
    let names = |given: &str, family: &str| {
        format!(
            "\n[[field]]\ntarget = \"{given}\"\ncolumn = \"First Name\"\n\n[[field]]\ntarget = \"{family}\"\ncolumn = \"Last Name\"\n"
        )
    };
    let text = match kind {
        "auth0" | "authgear" => format!(
            "version = 1\ntarget = \"{kind}\"\nidentifier = \"email\"\n{email}{}",
            names("given_name", "family_name")
        ),
        "rest" => {
            std::fs::write(dir.join("fields.toml"), REST_FIELDS).expect("the fields are written");
            format!(
                "version = 1\ntarget = \"rest\"\nidentifier = \"email\"\ncatalog = \"fields.toml\"\n{email}{}",
                names("first_name", "last_name")
            )
        }
        "scim" => format!(
            "version = 1\ntarget = \"scim\"\nidentifier = \"userName\"\n{}{}",
            email.replace("target = \"email\"", "target = \"userName\""),
            names("name.givenName", "name.familyName")
        ),
        "lms" => {
            return super::repo("samples/lms-profile.toml");
        }
        other => panic!("no profile for {other}"),
    };
    let path = dir.join(format!("{kind}-profile.toml"));
    std::fs::write(&path, text).expect("the profile is written");
    path
}

/// The generic REST emulator's users, as a custom REST target definition.
const REST_FIELDS: &str = r#"
[[field]]
name = "email"
type = "email"
required = true
identifier = true

[[field]]
name = "first_name"
type = "text"

[[field]]
name = "last_name"
type = "text"
"#;

/// `muster jobs show ID --json`.
pub fn job(store: &Path, id: i64) -> Value {
    let out = muster(&[
        "jobs",
        "show",
        &id.to_string(),
        "--json",
        "--store",
        text(store),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("jobs show --json prints JSON")
}

//! LMS Collaborator's rules, with the request example of `003_df7e08e57c20cf84.txt` as the
//! valid input.

use super::{counts, profile, run, summary};
use crate::mapping::Profile;
use crate::target::catalog::lms;
use crate::validate::Severity;

fn lms_profile(position: bool) -> Profile {
    let mut fields = vec![
        ("uid", "ID"),
        ("secondname", "Nachname"),
        ("firstname", "Vorname"),
        ("login", "Login"),
        ("email", "E-Mail"),
        ("customInfo", "Info"),
    ];
    if position {
        fields.push(("position", "Position"));
    }
    profile("lms", "uid", &fields)
}

#[test]
fn lms_position_and_custom_info() {
    // Base64 of the document's customInfo example, {"projects":["mtr-1", "mto-232"], …}.
    let info = "eyJwcm9qZWN0cyI6WyJtdHItMSIsICJtdG8tMjMyIl0sICJ2YWNhdGlvbl9kYXlzIjoyMSwgInNpY2tfbGVhdmVfZGF5cyI6OX0=";
    let rows: [&[&str]; 4] = [
        // The request example of 003_df7e08e57c20cf84.txt.
        &[
            "cl123456",
            "Smith",
            "John",
            "john.smith",
            "john.smith@example.com",
            info,
            "CEO",
        ],
        &[
            "cl123457",
            "Doe",
            "Jane",
            "jane.doe",
            "jane.doe@example.com",
            "",
            "",
        ],
        &[
            "cl123458",
            "Roe",
            "Rick",
            "rick.roe",
            "rick.roe@example.com",
            r#"{"vacation_days":21}"#,
            "CTO",
        ],
        &[
            "cl123459",
            "Poe",
            "Pia",
            "pia.poe",
            "pia.poe@example.com",
            "aGVsbG8=",
            "CFO",
        ],
    ];
    let (issues, found) = run(&lms::catalog(), &lms_profile(true), &rows);
    assert_eq!(
        summary(&issues),
        vec![
            (3, "position", "lms_position_missing", Severity::Warning),
            (
                4,
                "customInfo",
                "lms_custom_info_invalid",
                Severity::Warning
            ),
            (
                5,
                "customInfo",
                "lms_custom_info_invalid",
                Severity::Warning
            ),
        ]
    );
    assert_eq!(issues[0].column, "Position");
    assert!(issues[0].message.starts_with("position is empty in column \"Position\". LMS Collaborator's own sample error (\"Required fields: uid, login, email, firstname, secondname, position\")"), "{}", issues[0].message);
    assert!(
        issues[1]
            .message
            .starts_with("customInfo in column \"Info\" is not Base64-encoded JSON"),
        "{}",
        issues[1].message
    );
    assert_eq!(issues[2].value, "aGVsbG8=");
    assert_eq!(found, counts(4, 0));
    // A profile that does not map position made that choice once; records do not repeat it.
    let (issues, found) = run(
        &lms::catalog(),
        &lms_profile(false),
        &[&["cl1", "Smith", "John", "js", "js@example.com", ""]],
    );
    assert_eq!(issues, vec![]);
    assert_eq!(found, counts(1, 0));
}

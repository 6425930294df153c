use muster_engine::mapping::Profile;

use super::sample_file;
use crate::commands::mapping::suggest_for;
use crate::commands::sheet::open;
use crate::sheets::Sheets;
use crate::wire::MappingSuggestion;

fn lms_for_sample() -> MappingSuggestion {
    let sheets = Sheets::default();
    let id = open(&sheets, &sample_file(), None).expect("open").sheet_id;
    suggest_for(&sheets, id, "lms").expect("suggestion")
}

#[test]
fn the_sample_maps_onto_the_lms_by_the_right_columns() {
    let suggestion = lms_for_sample();
    assert_eq!(suggestion.target, "lms");
    let column = |field: &str| {
        suggestion
            .fields
            .iter()
            .find(|f| f.field == field)
            .unwrap_or_else(|| panic!("no field {field}"))
            .column
            .clone()
    };
    assert_eq!(column("uid").as_deref(), Some("Employee ID"));
    assert_eq!(column("firstname").as_deref(), Some("First Name"));
    assert_eq!(column("secondname").as_deref(), Some("Last Name"));
    assert_eq!(column("email").as_deref(), Some("Email"));
    assert_eq!(column("department").as_deref(), Some("Department"));
    assert_eq!(column("position").as_deref(), Some("Job Title"));
    assert_eq!(column("phone").as_deref(), Some("Phone"));
    assert_eq!(column("password"), None);

    let identifiers: Vec<&str> = suggestion
        .fields
        .iter()
        .filter(|f| f.identifier)
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(identifiers, ["uid"], "exactly one identifier");
    let uid = &suggestion.fields[0];
    assert!(
        uid.required && uid.confidence >= 0.5 && !uid.reason.is_empty(),
        "{uid:?}"
    );
}

#[test]
fn samples_show_values_before_and_after_the_transforms() {
    let suggestion = lms_for_sample();
    let field = |name: &str| {
        suggestion
            .fields
            .iter()
            .find(|f| f.field == name)
            .unwrap_or_else(|| panic!("no field {name}"))
    };
    let phone = field("phone");
    assert_eq!(phone.samples_before.len(), 5);
    assert_eq!(phone.samples_before[0], "+49 30 7068320");
    assert_eq!(
        phone.samples_after[0], "+49307068320",
        "E.164, as the LMS wants"
    );
    let active = field("is_active");
    assert_eq!(
        (
            active.samples_before[0].as_str(),
            active.samples_after[0].as_str()
        ),
        ("yes", "1")
    );
    // LMS takes both ISO and German dates as they are: no transform, the same values.
    let hired = field("date_of_employment");
    assert_eq!(hired.samples_before, hired.samples_after);
    let unmapped = suggestion
        .fields
        .iter()
        .find(|f| f.field == "password")
        .expect("password");
    assert!(unmapped.samples_before.is_empty() && unmapped.samples_after.is_empty());
}

#[test]
fn the_profile_toml_reads_back_as_the_suggested_profile() {
    let suggestion = lms_for_sample();
    assert!(
        suggestion
            .profile_toml
            .starts_with("# Suggested by Muster for ")
    );
    let profile = Profile::from_toml(&suggestion.profile_toml).expect("valid profile");
    assert_eq!(profile.identifier, "uid");
    let mapped: Vec<&str> = suggestion
        .fields
        .iter()
        .filter(|f| f.column.is_some())
        .map(|f| f.field.as_str())
        .collect();
    let in_profile: Vec<&str> = profile.fields.iter().map(|f| f.target.as_str()).collect();
    assert_eq!(mapped, in_profile, "the screen and the TOML agree");
}

#[test]
fn targets_the_app_cannot_suggest_for_say_what_to_do() {
    let sheets = Sheets::default();
    let id = open(&sheets, &sample_file(), None).expect("open").sheet_id;
    let unknown = suggest_for(&sheets, id, "ldap").expect_err("unknown");
    assert!(
        unknown
            .message
            .starts_with("\"ldap\" is not a target Muster knows"),
        "{}",
        unknown.message
    );
    let rest = suggest_for(&sheets, id, "rest").expect_err("rest needs a catalog");
    assert!(rest.message.contains("--catalog"), "{}", rest.message);
    let closed = suggest_for(&sheets, id + 1, "lms").expect_err("not open");
    assert!(
        closed.message.contains("no longer open"),
        "{}",
        closed.message
    );
}

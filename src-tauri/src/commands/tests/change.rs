use muster_engine::mapping::Profile;
use muster_engine::mapping::transform::{CaseStyle, Transform};

use super::sample_file;
use crate::commands::mapping::{change_for, suggest_for};
use crate::commands::sheet::open;
use crate::sheets::Sheets;
use crate::wire::review::FieldChange;
use crate::wire::{FieldSuggestion, MappingSuggestion};

fn sample_onto(target: &str) -> (Sheets, u64, MappingSuggestion) {
    let sheets = Sheets::default();
    let id = open(&sheets, &sample_file(), None).expect("open").sheet_id;
    let suggestion = suggest_for(&sheets, id, target).expect("suggestion");
    (sheets, id, suggestion)
}

fn field<'a>(suggestion: &'a MappingSuggestion, name: &str) -> &'a FieldSuggestion {
    suggestion
        .fields
        .iter()
        .find(|f| f.field == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn change(field: &str) -> FieldChange {
    FieldChange {
        field: field.to_owned(),
        ..FieldChange::default()
    }
}

#[test]
fn suggestions_carry_transforms_notes_and_what_is_missing() {
    let (_, _, suggestion) = sample_onto("lms");
    assert!(suggestion.missing.is_empty(), "{:?}", suggestion.missing);
    let email = field(&suggestion, "email");
    assert_eq!(
        email.transforms,
        [
            Transform::Trim,
            Transform::Case {
                to: CaseStyle::Lower
            }
        ]
    );
    assert!(
        email
            .notes
            .starts_with("An email address. Required for every record."),
        "{}",
        email.notes
    );
    let hired = field(&suggestion, "date_of_employment");
    assert!(
        hired
            .notes
            .starts_with("A date, written YYYY-MM-DD (DD.MM.YYYY also accepted)."),
        "{}",
        hired.notes
    );
    let json = serde_json::to_value(email).expect("json");
    assert_eq!(
        json["transforms"],
        serde_json::json!([{ "op": "trim" }, { "op": "case", "to": "lower" }])
    );
    let whole = serde_json::to_value(&suggestion).expect("json");
    assert_eq!(whole["missing"], serde_json::json!([]));
}

#[test]
fn a_column_chosen_by_the_person_is_certain_and_the_others_keep_their_reasons() {
    let (sheets, id, before) = sample_onto("lms");
    let mut position = change("position");
    position.column = Some(Some("Department".to_owned()));
    let after = change_for(&sheets, id, &before.profile_toml, &position).expect("changed");
    let chosen = field(&after, "position");
    assert_eq!(chosen.column.as_deref(), Some("Department"));
    assert_eq!(
        (chosen.confidence, chosen.reason.as_str()),
        (1.0, "chosen by you")
    );
    assert_eq!(chosen.samples_before[0], "Executive");
    for name in ["uid", "email", "phone", "department"] {
        assert_eq!(
            field(&after, name),
            field(&before, name),
            "{name} unchanged"
        );
    }
    let profile = Profile::from_toml(&after.profile_toml).expect("profile");
    let mapped = profile
        .fields
        .iter()
        .find(|m| m.target == "position")
        .expect("position mapped");
    assert_eq!(mapped.column.as_deref(), Some("Department"));
    assert!(after.profile_toml.starts_with("# Mapping for "));

    // Sent back unchanged, a chosen column stays chosen.
    let mut trim = change("position");
    trim.transforms = Some(vec![Transform::Case {
        to: CaseStyle::Upper,
    }]);
    let again = change_for(&sheets, id, &after.profile_toml, &trim).expect("changed");
    let upper = field(&again, "position");
    assert_eq!(
        (upper.confidence, upper.reason.as_str()),
        (1.0, "chosen by you")
    );
    assert_eq!(upper.samples_after[0], "EXECUTIVE");
    assert_eq!(upper.transforms, trim.transforms.unwrap_or_default());
}

#[test]
fn a_cleared_column_leaves_the_field_out_and_required_ones_missing() {
    let (sheets, id, before) = sample_onto("lms");
    let mut clear = change("email");
    clear.column = Some(None);
    let after = change_for(&sheets, id, &before.profile_toml, &clear).expect("changed");
    let email = field(&after, "email");
    assert_eq!(email.column, None);
    assert_eq!(
        (email.confidence, email.reason.as_str()),
        (0.0, "no column: cleared by you")
    );
    assert!(email.samples_before.is_empty() && email.transforms.is_empty());
    assert_eq!(after.missing, ["email"]);
    assert!(after.profile_toml.contains("# Still needed: email"));
    let profile = Profile::from_toml(&after.profile_toml).expect("profile");
    assert!(profile.fields.iter().all(|m| m.target != "email"));

    // Chosen again, it gets the transforms Muster suggests for its values.
    let mut choose = change("email");
    choose.column = Some(Some("email".to_owned()));
    let back = change_for(&sheets, id, &after.profile_toml, &choose).expect("changed");
    let email = field(&back, "email");
    assert_eq!(
        email.column.as_deref(),
        Some("Email"),
        "the sheet's spelling"
    );
    assert_eq!(email.transforms, field(&before, "email").transforms);
    assert!(back.missing.is_empty());
}

#[test]
fn the_identifier_moves_only_to_a_mapped_field_that_can_identify() {
    let (sheets, id, before) = sample_onto("scim");
    let identifiers = |s: &MappingSuggestion| -> Vec<String> {
        s.fields
            .iter()
            .filter(|f| f.identifier)
            .map(|f| f.field.clone())
            .collect()
    };
    assert_eq!(identifiers(&before), ["userName"]);
    let mut external = change("externalId");
    external.column = Some(Some("Employee ID".to_owned()));
    external.identifier = Some(true);
    let after = change_for(&sheets, id, &before.profile_toml, &external).expect("moved");
    assert_eq!(identifiers(&after), ["externalId"]);
    assert_eq!(
        Profile::from_toml(&after.profile_toml)
            .expect("profile")
            .identifier,
        "externalId"
    );

    let mut email = change("emails[work].value");
    email.identifier = Some(true);
    let refused = change_for(&sheets, id, &after.profile_toml, &email).expect_err("no key");
    assert!(
        refused
            .message
            .contains("cannot identify a scim record. Choose one of: userName, externalId"),
        "{}",
        refused.message
    );
    let mut unset = change("externalId");
    unset.identifier = Some(false);
    let alone = change_for(&sheets, id, &after.profile_toml, &unset).expect_err("exactly one");
    assert!(
        alone.message.contains("exactly one identifier"),
        "{}",
        alone.message
    );
    let mut clear = change("externalId");
    clear.column = Some(None);
    let needed = change_for(&sheets, id, &after.profile_toml, &clear).expect_err("needs a column");
    assert!(
        needed
            .message
            .contains("first make another field the identifier (userName)"),
        "{}",
        needed.message
    );
}

#[test]
fn changes_that_cannot_apply_say_why() {
    let (sheets, id, before) = sample_onto("lms");
    let toml = &before.profile_toml;
    let mut column = change("email");
    column.column = Some(Some("E-Mail-Adresse".to_owned()));
    let unknown = change_for(&sheets, id, toml, &column).expect_err("no such column");
    assert_eq!(unknown.column.as_deref(), Some("E-Mail-Adresse"));
    assert!(
        unknown.message.contains("Choose one of: Employee ID,"),
        "{}",
        unknown.message
    );
    let nothing = change_for(&sheets, id, toml, &change("mail")).expect_err("no such field");
    assert!(
        nothing
            .message
            .starts_with("\"mail\" is not a field of lms."),
        "{}",
        nothing.message
    );
    let mut bad = change("phone");
    bad.transforms = Some(vec![Transform::Phone {
        country: "Germany".to_owned(),
    }]);
    let refused = change_for(&sheets, id, toml, &bad).expect_err("bad country");
    assert!(
        refused.message.starts_with("The transforms of \"phone\""),
        "{}",
        refused.message
    );
    let mut unmapped = change("password");
    unmapped.transforms = Some(vec![Transform::Trim]);
    let first = change_for(&sheets, id, toml, &unmapped).expect_err("no column");
    assert!(
        first.message.contains("has no column yet"),
        "{}",
        first.message
    );
    let mut only = change("uid");
    only.column = Some(None);
    let kept = change_for(&sheets, id, toml, &only).expect_err("the only key");
    assert!(
        kept.message
            .contains("choose another column for it instead"),
        "{}",
        kept.message
    );
    let broken = change_for(&sheets, id, "target = ", &change("uid")).expect_err("bad TOML");
    assert!(
        broken.message.contains("not valid TOML"),
        "{}",
        broken.message
    );
}

#[test]
fn a_change_arrives_as_the_ui_sends_it() {
    let absent: FieldChange =
        serde_json::from_value(serde_json::json!({ "field": "email" })).expect("field only");
    assert_eq!(absent.column, None);
    let cleared: FieldChange =
        serde_json::from_value(serde_json::json!({ "field": "email", "column": null }))
            .expect("null column");
    assert_eq!(cleared.column, Some(None));
    let full: FieldChange = serde_json::from_value(serde_json::json!({
        "field": "email",
        "column": "Email",
        "transforms": [{ "op": "trim" }, { "op": "date", "to": "iso", "day_first": true }],
        "identifier": true
    }))
    .expect("everything");
    assert_eq!(full.column, Some(Some("Email".to_owned())));
    assert_eq!(full.identifier, Some(true));
    assert_eq!(full.transforms.map(|t| t.len()), Some(2));
}

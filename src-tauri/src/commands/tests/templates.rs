use muster_engine::mapping::Profile;
use muster_engine::store::Store;

use super::staff::{PROFILE, STAFF, opened};
use crate::commands::templates::{
    load_profile_at, load_template_at, save_template_at, templates_at,
};
use crate::wire::MappingSuggestion;

fn field<'a>(suggestion: &'a MappingSuggestion, name: &str) -> &'a crate::wire::FieldSuggestion {
    suggestion
        .fields
        .iter()
        .find(|f| f.field == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn a_saved_template_lists_and_loads_back_onto_the_sheet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store_path = dir.path().join("muster.db");
    assert!(templates_at(&store_path).expect("list").is_empty());
    let saved = save_template_at(&store_path, "  HR to LMS ", PROFILE).expect("saved");
    assert_eq!(
        (saved.name.as_str(), saved.target.as_str()),
        ("HR to LMS", "lms")
    );
    // The CLI's store holds it as a saved profile, text as given.
    let store = Store::open(&store_path).expect("store");
    assert_eq!(
        store.profile("HR to LMS").expect("read").as_deref(),
        Some(PROFILE)
    );
    let listed = templates_at(&store_path).expect("list");
    assert_eq!(listed, [saved]);

    let (sheets, id, _file) = opened(STAFF);
    let loaded = load_template_at(&store_path, &sheets, id, "HR to LMS").expect("loaded");
    assert!(loaded.missing.is_empty(), "{:?}", loaded.missing);
    let email = field(&loaded, "email");
    assert_eq!(email.column.as_deref(), Some("E-Mail"));
    assert_eq!(email.samples_before[..2], ["ann@firma.de", "bo@firma.de"]);
    assert!(field(&loaded, "uid").identifier);
    let profile = Profile::from_toml(&loaded.profile_toml).expect("profile");
    assert_eq!(profile, Profile::from_toml(PROFILE).expect("template"));
}

#[test]
fn columns_the_sheet_lacks_are_named_and_their_fields_left_to_choose() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store_path = dir.path().join("muster.db");
    save_template_at(&store_path, "HR", PROFILE).expect("saved");
    let renamed = STAFF.replacen("E-Mail", "Mail", 1).replacen("ID", "id", 1);
    let (sheets, id, _file) = opened(&renamed);
    let loaded = load_template_at(&store_path, &sheets, id, "HR").expect("loaded");
    assert_eq!(loaded.missing, ["login", "email"]);
    let email = field(&loaded, "email");
    assert_eq!(email.column, None);
    assert_eq!(email.confidence, 0.0);
    assert_eq!(
        email.reason,
        "the template \"HR\" reads the column \"E-Mail\", which this sheet does not have: choose a column"
    );
    // A column spelled otherwise is the same column, shown as the sheet spells it.
    let uid = field(&loaded, "uid");
    assert_eq!(uid.column.as_deref(), Some("id"));
    assert!(loaded.profile_toml.contains("# Still needed: login, email"));

    let (other, other_id, _other_file) = opened("Name;Ort\nAnn;Berlin\n");
    let foreign = load_template_at(&store_path, &other, other_id, "HR").expect_err("no column");
    assert!(
        foreign
            .message
            .contains("this sheet has none of them (its columns are: Name, Ort)"),
        "{}",
        foreign.message
    );
}

#[test]
fn templates_that_cannot_be_saved_or_found_say_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store_path = dir.path().join("muster.db");
    let nameless = save_template_at(&store_path, " ", PROFILE).expect_err("no name");
    assert!(nameless.message.starts_with("Give the template a name"));
    let broken = save_template_at(&store_path, "x", "target = ").expect_err("bad TOML");
    assert!(
        broken.message.contains("not valid TOML"),
        "{}",
        broken.message
    );
    let (sheets, id, _file) = opened(STAFF);
    let missing = load_template_at(&store_path, &sheets, id, "Payroll").expect_err("none");
    assert!(
        missing
            .message
            .starts_with("There is no template named \"Payroll\""),
        "{}",
        missing.message
    );
    let skipping = format!("{PROFILE}\n[[skip]]\ncolumn = \"Status\"\nis = [\"inactive\"]\n");
    save_template_at(&store_path, "skips", &skipping).expect("saved");
    let refused = load_template_at(&store_path, &sheets, id, "skips").expect_err("skip column");
    assert!(
        refused
            .message
            .contains("leaves out rows by the column \"Status\""),
        "{}",
        refused.message
    );
}

#[test]
fn the_samples_profile_file_maps_the_sample_as_the_cli_does() {
    let sheets = crate::sheets::Sheets::default();
    let id = crate::commands::sheet::open(&sheets, &super::sample_file(), None)
        .expect("the sample opens")
        .sheet_id;
    let profile = crate::samples::repository_samples().join(crate::samples::PROFILE);
    let loaded = load_profile_at(&sheets, id, &profile).expect("the sample's profile loads");
    assert_eq!(loaded.target, "lms");
    assert!(loaded.missing.is_empty(), "{:?}", loaded.missing);
    let email = field(&loaded, "email");
    assert_eq!(email.column.as_deref(), Some("Email"));
    let birth = field(&loaded, "birth_date");
    assert_eq!(
        birth.samples_before.first().map(String::as_str),
        Some("1954-08-28")
    );
    assert_eq!(
        birth.samples_after.first().map(String::as_str),
        Some("28.08.1954")
    );
    assert!(loaded.profile_toml.contains("lms-profile.toml"));

    let missing = std::path::Path::new("/nowhere/profile.toml");
    let error = load_profile_at(&sheets, id, missing).expect_err("no such file");
    assert!(
        error
            .message
            .starts_with("Muster cannot read the mapping profile /nowhere/profile.toml"),
        "{}",
        error.message
    );
    assert_eq!(error.file.as_deref(), Some("/nowhere/profile.toml"));
}

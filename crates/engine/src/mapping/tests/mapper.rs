//! Mapping rows through profiles: columns, constants, templates, transforms, skip rules.

use crate::mapping::{Mapped, Mapper, Profile, ProfileError, Record};
use crate::sheet::Row;
use crate::target::catalog::{Catalog, Field, FieldKind, TargetKind};

fn catalog() -> Catalog {
    let field = |name: &str, identifier: bool| Field {
        name: name.to_string(),
        kind: FieldKind::Text,
        required: false,
        max_length: None,
        identifier,
        references: None,
        also_references: Vec::new(),
        notes: String::new(),
    };
    Catalog {
        target: TargetKind::Rest,
        fields: vec![
            field("uid", true),
            field("email", true),
            field("name", false),
            field("active", false),
        ],
    }
}

fn columns() -> Vec<String> {
    ["Personalnummer", "Vorname", "Nachname", "Aktiv"]
        .map(String::from)
        .to_vec()
}

const PROFILE: &str = r#"
version = 1
target = "rest"
identifier = "uid"

[[skip]]
column = "aktiv"
is = ["nein", "NO"]

[[field]]
target = "uid"
column = "Personalnummer"
transforms = [{ op = "trim" }]

[[field]]
target = "email"
template = "{Vorname}.{Nachname}@firma.de"
transforms = [{ op = "case", to = "lower" }]

[[field]]
target = "active"
constant = "1"
"#;

#[test]
fn columns_templates_constants_and_transforms_fill_a_record() {
    let profile = Profile::from_toml(PROFILE).unwrap();
    let mapper = Mapper::new(&profile, &catalog(), &columns()).unwrap();
    let mut record = Record::default();
    let row = Row::from_cells(5, [" 00123 ", "Jürgen", "Groß", "ja"]);
    assert_eq!(mapper.map(&row, &mut record), Mapped::Record);
    assert_eq!(record.row, 5);
    assert_eq!(record.values, vec!["00123", "jürgen.groß@firma.de", "1"]);
    assert!(record.failures.is_empty());
    assert_eq!(
        mapper.fields()[1].column.as_deref(),
        Some("Vorname + Nachname")
    );
    assert_eq!(mapper.identifier(), 0);
}

#[test]
fn skip_rules_leave_records_out_whatever_the_case() {
    let profile = Profile::from_toml(PROFILE).unwrap();
    let mapper = Mapper::new(&profile, &catalog(), &columns()).unwrap();
    let mut record = Record::default();
    for value in ["nein", " Nein ", "no"] {
        let row = Row::from_cells(6, ["1", "A", "B", value]);
        assert_eq!(mapper.map(&row, &mut record), Mapped::Skipped(0), "{value}");
    }
}

#[test]
fn a_profile_round_trips_through_toml() {
    let profile = Profile::from_toml(PROFILE).unwrap();
    let again = Profile::from_toml(&profile.to_toml()).unwrap();
    assert_eq!(again, profile);
}

#[test]
fn mistakes_in_a_profile_are_named() {
    let missing = PROFILE.replace("column = \"Personalnummer\"", "column = \"Employee ID\"");
    let profile = Profile::from_toml(&missing).unwrap();
    let err = Mapper::new(&profile, &catalog(), &columns()).unwrap_err();
    assert!(
        err.to_string()
            .contains("the file has no column \"Employee ID\""),
        "{err}"
    );

    let unknown = PROFILE.replace("target = \"active\"", "target = \"enabled\"");
    let err = Profile::from_toml(&unknown)
        .unwrap()
        .check(&catalog())
        .unwrap_err();
    assert!(matches!(err, ProfileError::UnknownField { .. }), "{err}");

    let twice = PROFILE.replace("target = \"active\"", "target = \"uid\"");
    let err = Profile::from_toml(&twice)
        .unwrap()
        .check(&catalog())
        .unwrap_err();
    assert!(matches!(err, ProfileError::MappedTwice(_)), "{err}");

    let not_id = PROFILE.replace("identifier = \"uid\"", "identifier = \"name\"");
    let err = Profile::from_toml(&not_id)
        .unwrap()
        .check(&catalog())
        .unwrap_err();
    assert!(
        err.to_string().contains("Choose one of: uid, email"),
        "{err}"
    );

    let newer = PROFILE.replace("version = 1", "version = 7\nfuture = true");
    let err = Profile::from_toml(&newer).unwrap_err();
    assert!(matches!(err, ProfileError::TooNew { found: 7 }), "{err}");

    let unclosed = PROFILE.replace("{Nachname}@", "{Nachname@");
    let err = Mapper::new(
        &Profile::from_toml(&unclosed).unwrap(),
        &catalog(),
        &columns(),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("opens a brace it does not close"),
        "{err}"
    );
}

#[test]
fn a_template_fills_from_a_row_as_the_mapper_does() {
    let row = Row::from_cells(2, ["E1", " Ada ", "Lovelace", "ja"]);
    assert_eq!(
        crate::mapping::fill_template("{Vorname}.{nachname}@firma.de {{x}}", &columns(), &row).ok(),
        Some("Ada.Lovelace@firma.de {x}".to_owned())
    );
    let unknown = crate::mapping::fill_template("{Email}", &columns(), &row)
        .expect_err("no such column")
        .to_string();
    assert!(unknown.contains("no column \"Email\""), "{unknown}");
}

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

/// Two fields from one column with the same transforms share the work: the second copies
/// the first's value and failure, and the record is what mapping each on its own gives.
#[test]
fn fields_alike_copy_each_other_with_their_failures() {
    let profile = Profile::from_toml(
        r#"
version = 1
target = "rest"
identifier = "uid"

[[field]]
target = "uid"
column = "Personalnummer"
transforms = [{ op = "date", to = "iso" }]

[[field]]
target = "email"
column = "Vorname"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "name"
column = "Vorname"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "active"
column = "Personalnummer"
transforms = [{ op = "date", to = "iso" }]
"#,
    )
    .unwrap();
    let mapper = Mapper::new(&profile, &catalog(), &columns()).unwrap();
    let mut record = Record::default();
    let row = Row::from_cells(3, ["31.02.2020", "  Ada  LOVELACE ", "", ""]);
    assert_eq!(mapper.map(&row, &mut record), Mapped::Record);
    assert_eq!(
        record.values,
        ["31.02.2020", "ada lovelace", "ada lovelace", "31.02.2020"]
    );
    let failed: Vec<(usize, &str)> = record.failures.iter().map(|(i, e)| (*i, e.code)).collect();
    assert_eq!(failed, [(0, "date_unparseable"), (3, "date_unparseable")]);
    assert_eq!(record.failures[0].1, record.failures[1].1);

    let row = Row::from_cells(4, ["15.01.2020", "Bo", "", ""]);
    assert_eq!(mapper.map(&row, &mut record), Mapped::Record);
    assert_eq!(record.values, ["2020-01-15", "bo", "bo", "2020-01-15"]);
    assert!(record.failures.is_empty());
}

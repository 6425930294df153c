//! Definitions read, written and read back, and every refusal's sentence.

use super::{MAX_FIELDS, from_toml, to_toml};
use crate::target::catalog::{
    BoolEncoding, Catalog, DateFormat, Field, FieldKind, TargetKind, builtin,
};

fn error(text: &str) -> String {
    match from_toml(text) {
        Ok(catalog) => panic!("accepted: {catalog:?}"),
        Err(e) => e.to_string(),
    }
}

const KEYED: &str = "[[field]]\nname = \"id\"\ntype = \"text\"\nidentifier = true\n";

#[test]
fn reads_the_documented_example() {
    let text = r#"
[[field]]
name = "employee_id"
type = "text"
required = true
identifier = true

[[field]]
name = "start"
type = "date"
format = "iso"
"#;
    let catalog = from_toml(text).expect("valid definition");
    assert_eq!(catalog.target, TargetKind::Rest);
    assert_eq!(
        catalog.fields,
        vec![
            Field::new("employee_id", FieldKind::Text).require().key(),
            Field::new("start", FieldKind::date(DateFormat::Iso, &[])),
        ]
    );
}

#[test]
fn defaults_and_patterns() {
    let text = format!(
        "{KEYED}
[[field]]
name = \"born\"
type = \"Date\"
format = \"DD.MM.YYYY\"
also = [\"YYYY-MM-DD\"]

[[field]]
name = \"active\"
type = \"boolean\"

[[field]]
name = \"tags\"
type = \"list\"
"
    );
    let catalog = from_toml(&text).expect("valid definition");
    let kind = |name: &str| catalog.field(name).map(|f| f.kind.clone());
    assert_eq!(
        kind("born"),
        Some(FieldKind::date(
            DateFormat::DayMonthYear,
            &[DateFormat::Iso]
        ))
    );
    assert_eq!(kind("active"), Some(FieldKind::boolean(BoolEncoding::Json)));
    assert_eq!(kind("tags"), Some(FieldKind::list(",")));
}

fn every_kind() -> Catalog {
    Catalog {
        target: TargetKind::Rest,
        fields: vec![
            Field::new("employee_id", FieldKind::Text)
                .require()
                .key()
                .limit(32)
                .note("HR id, \"quoted\",\nsecond line"),
            Field::new("mail", FieldKind::Email).key(),
            Field::new("mobile", FieldKind::Phone),
            Field::new("homepage", FieldKind::Url),
            Field::new(
                "start",
                FieldKind::date(
                    DateFormat::DateTime,
                    &[DateFormat::Iso, DateFormat::DayMonthYear],
                ),
            ),
            Field::new("end", FieldKind::date(DateFormat::Iso, &[])),
            Field::new("active", FieldKind::boolean(BoolEncoding::ZeroOne)),
            Field::new("vip", FieldKind::boolean(BoolEncoding::Json)),
            Field::new(
                "grade",
                FieldKind::Integer {
                    min: Some(-3),
                    max: Some(12),
                },
            ),
            Field::new(
                "floor",
                FieldKind::Integer {
                    min: None,
                    max: None,
                },
            ),
            Field::new("gender", FieldKind::one_of(&["m", "f", "d", "x \"y\""])),
            Field::new("skills", FieldKind::list("; ")),
            Field::new("extra", FieldKind::Object),
            Field::new("manager", FieldKind::Text).refers_to("employee_id"),
            Field::new("name with spaces.and[dots]", FieldKind::Text),
        ],
    }
}

#[test]
fn round_trip_of_every_kind() {
    let catalog = every_kind();
    let text = to_toml(&catalog);
    assert_eq!(from_toml(&text), Ok(catalog), "{text}");
}

#[test]
fn round_trip_of_builtin_catalogs() {
    for kind in TargetKind::ALL {
        let Some(mut catalog) = builtin(kind) else {
            assert_eq!(kind, TargetKind::Rest);
            continue;
        };
        let text = to_toml(&catalog);
        catalog.target = TargetKind::Rest;
        assert_eq!(from_toml(&text), Ok(catalog), "{kind}");
    }
}

#[test]
fn written_form_is_flat() {
    let text = to_toml(&Catalog {
        target: TargetKind::Rest,
        fields: vec![
            Field::new("employee_id", FieldKind::Text).require().key(),
            Field::new("start", FieldKind::date(DateFormat::Iso, &[])),
        ],
    });
    assert_eq!(
        text,
        "[[field]]\nname = \"employee_id\"\ntype = \"text\"\nrequired = true\n\
         identifier = true\n\n[[field]]\nname = \"start\"\ntype = \"date\"\n\
         format = \"iso\"\n"
    );
}

#[test]
fn not_toml() {
    let message = error("[[field]\nname = ");
    assert!(
        message.starts_with("the catalog definition is not valid TOML: "),
        "{message}"
    );
}

#[test]
fn misspelt_key() {
    let message = error("[[field]]\nname = \"id\"\ntype = \"text\"\nrequird = true\n");
    assert!(message.contains("unknown field `requird`"), "{message}");
}

#[test]
fn no_fields() {
    let expected = "the catalog defines no fields: add at least one [[field]] table with \
                    a name and a type";
    assert_eq!(error(""), expected);
    assert_eq!(error("# nothing yet\n"), expected);
}

#[test]
fn too_many_fields() {
    let mut text = String::new();
    for i in 0..=MAX_FIELDS {
        text.push_str(&format!("[[field]]\nname = \"f{i}\"\ntype = \"text\"\n"));
    }
    assert_eq!(
        error(&text),
        "the catalog defines 1001 fields; at most 1000 are allowed"
    );
}

#[test]
fn missing_and_blank_names() {
    assert_eq!(
        error(&format!("{KEYED}[[field]]\ntype = \"text\"\n")),
        "field number 2 has no name: add name = \"…\""
    );
    assert_eq!(
        error("[[field]]\nname = \"  \"\ntype = \"text\"\n"),
        "field number 1 has no name: add name = \"…\""
    );
    assert_eq!(
        error("[[field]]\nname = \"id \"\ntype = \"text\"\n"),
        "field name \"id \" starts or ends with spaces: remove them"
    );
}

#[test]
fn duplicate_name() {
    assert_eq!(
        error(&format!("{KEYED}{KEYED}")),
        "field `id` is defined more than once: each name may appear only once"
    );
}

#[test]
fn missing_and_unknown_type() {
    assert_eq!(
        error("[[field]]\nname = \"id\"\n"),
        "field `id` has no type: add type = \"…\" with one of text, email, phone, url, \
         date, boolean, integer, enum, list, object"
    );
    assert_eq!(
        error("[[field]]\nname = \"id\"\ntype = \"string\"\n"),
        "field `id` has unknown type `string`: use one of text, email, phone, url, date, \
         boolean, integer, enum, list, object"
    );
}

#[test]
fn bad_type_settings() {
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"d\"\ntype = \"date\"\nformat = \"us\"\n"
        )),
        "field `d` has unknown date format `us`: use iso (YYYY-MM-DD), day_month_year \
         (DD.MM.YYYY) or date_time (YYYY-MM-DDTHH:MM:SSZ)"
    );
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"b\"\ntype = \"boolean\"\nencoding = \"yes_no\"\n"
        )),
        "field `b` has unknown boolean encoding `yes_no`: use json (true/false) or \
         zero_one (1/0)"
    );
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"e\"\ntype = \"enum\"\n"
        )),
        "field `e` is an enum without values: add values = [\"…\", \"…\"]"
    );
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"e\"\ntype = \"enum\"\nvalues = [\"a\", \"b\", \"a\"]\n"
        )),
        "field `e` lists the value \"a\" more than once"
    );
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"l\"\ntype = \"list\"\nseparator = \"\"\n"
        )),
        "field `l` has an empty separator: give the text between list items, e.g. \",\""
    );
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"n\"\ntype = \"integer\"\nmin = 5\nmax = 1\n"
        )),
        "field `n` has min = 5 above max = 1"
    );
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"t\"\ntype = \"text\"\nformat = \"iso\"\n"
        )),
        "field `t` sets `format`, which only date fields take"
    );
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"t\"\ntype = \"text\"\nmax_length = 0\n"
        )),
        "field `t` has max_length = 0: leave it out for no limit"
    );
}

#[test]
fn bad_references() {
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"boss\"\ntype = \"text\"\nreferences = \"uid\"\n"
        )),
        "field `boss` references `uid`, but no field has that name"
    );
    assert_eq!(
        error(&format!(
            "{KEYED}[[field]]\nname = \"boss\"\ntype = \"text\"\nreferences = \"boss\"\n"
        )),
        "field `boss` references itself: name the field of the other record it points to"
    );
}

#[test]
fn identifier_rules() {
    assert_eq!(
        error("[[field]]\nname = \"id\"\ntype = \"text\"\n"),
        "no field is marked identifier = true: mark the field that identifies a person \
         uniquely, such as an employee id"
    );
    assert_eq!(
        error("[[field]]\nname = \"ids\"\ntype = \"list\"\nidentifier = true\n"),
        "field `ids` is marked identifier but is of type list: an identifier must be text, \
         email, phone, url or integer"
    );
}

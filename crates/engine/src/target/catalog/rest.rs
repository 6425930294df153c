//! Catalogs for custom REST APIs, which a person defines in TOML because no vendor document
//! describes them. The idea follows `000_0f58da2e97e1b62a.txt` (MangoApps "Import via API"):
//! the person lists the API's field names, and one field is the user identifier.
//!
//! A definition is a list of `[[field]]` tables:
//!
//! ```toml
//! [[field]]
//! name = "employee_id"
//! type = "text"
//! required = true
//! identifier = true
//!
//! [[field]]
//! name = "start"
//! type = "date"
//! format = "iso"
//! ```
//!
//! Keys of a field table: `name` and `type` (one of `text`, `email`, `phone`, `url`, `date`,
//! `boolean`, `integer`, `enum`, `list`, `object`), then optionally `required`, `identifier`,
//! `max_length`, `references` (another field's name, for managers) and `notes`, plus the
//! settings of the type: `format` and `also` for dates (`iso`, `day_month_year`, `date_time`,
//! or the patterns `YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY-MM-DDTHH:MM:SSZ`; default `iso`),
//! `encoding` for booleans (`json` or `zero_one`; default `json`), `min`/`max` for integers,
//! `values` for enums (required) and `separator` for lists (default `,`).
//!
//! This flat table is not [`Field`]'s own serde form, which nests the kind
//! (`kind = { type = "date", format = "iso" }`); a private mirror reads the flat form and the
//! checks below turn mistakes into sentences a person can act on. Muster's own rules on top of
//! TOML: at least one field, at most [`MAX_FIELDS`], unique names, at least one identifier,
//! identifiers of a single-value kind, references that name another field.

use std::collections::HashSet;

use serde::Deserialize;
use thiserror::Error;

use super::field::{BoolEncoding, Catalog, DateFormat, Field, FieldKind, TargetKind};

/// The most fields one definition may hold: far above any real API, low enough to catch a
/// generated or pasted file gone wrong.
pub const MAX_FIELDS: usize = 1000;

/// The type names a definition may use, in the order messages list them.
pub const TYPE_NAMES: [&str; 10] = [
    "text", "email", "phone", "url", "date", "boolean", "integer", "enum", "list", "object",
];

/// Why a REST catalog definition was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogError {
    #[error("the catalog definition is not valid TOML: {0}")]
    Toml(String),
    #[error(
        "the catalog defines no fields: add at least one [[field]] table with a name and a type"
    )]
    NoFields,
    #[error("the catalog defines {count} fields; at most {max} are allowed", max = MAX_FIELDS)]
    TooManyFields { count: usize },
    #[error("field number {position} has no name: add name = \"…\"")]
    MissingName { position: usize },
    #[error("field name \"{name}\" starts or ends with spaces: remove them")]
    NameSpaces { name: String },
    #[error("field `{name}` is defined more than once: each name may appear only once")]
    DuplicateName { name: String },
    #[error("field `{field}` has no type: add type = \"…\" with one of {}", TYPE_NAMES.join(", "))]
    MissingType { field: String },
    #[error("field `{field}` has unknown type `{type_name}`: use one of {}", TYPE_NAMES.join(", "))]
    UnknownType { field: String, type_name: String },
    #[error(
        "field `{field}` has unknown date format `{format}`: use iso (YYYY-MM-DD), \
         day_month_year (DD.MM.YYYY) or date_time (YYYY-MM-DDTHH:MM:SSZ)"
    )]
    UnknownDateFormat { field: String, format: String },
    #[error(
        "field `{field}` has unknown boolean encoding `{encoding}`: use json (true/false) or \
         zero_one (1/0)"
    )]
    UnknownBoolEncoding { field: String, encoding: String },
    #[error("field `{field}` is an enum without values: add values = [\"…\", \"…\"]")]
    NoEnumValues { field: String },
    #[error("field `{field}` lists the value \"{value}\" more than once")]
    DuplicateEnumValue { field: String, value: String },
    #[error("field `{field}` has an empty separator: give the text between list items, e.g. \",\"")]
    EmptySeparator { field: String },
    #[error("field `{field}` has min = {min} above max = {max}")]
    IntegerRange { field: String, min: i64, max: i64 },
    #[error("field `{field}` sets `{option}`, which only {applies_to} fields take")]
    MisplacedOption {
        field: String,
        option: &'static str,
        applies_to: &'static str,
    },
    #[error("field `{field}` has max_length = 0: leave it out for no limit")]
    ZeroMaxLength { field: String },
    #[error("field `{field}` references `{references}`, but no field has that name")]
    UnknownReference { field: String, references: String },
    #[error("field `{field}` references itself: name the field of the other record it points to")]
    SelfReference { field: String },
    #[error(
        "field `{field}` is marked identifier but is of type {type_name}: an identifier must be \
         text, email, phone, url or integer"
    )]
    IdentifierKind {
        field: String,
        type_name: &'static str,
    },
    #[error(
        "no field is marked identifier = true: mark the field that identifies a person \
         uniquely, such as an employee id"
    )]
    NoIdentifier,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Definition {
    #[serde(default)]
    field: Vec<FieldDefinition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldDefinition {
    name: Option<String>,
    #[serde(rename = "type")]
    type_name: Option<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    identifier: bool,
    max_length: Option<usize>,
    references: Option<String>,
    #[serde(default)]
    notes: String,
    format: Option<String>,
    also: Option<Vec<String>>,
    encoding: Option<String>,
    min: Option<i64>,
    max: Option<i64>,
    values: Option<Vec<String>>,
    separator: Option<String>,
}

/// Reads a REST catalog definition; the catalog's target is [`TargetKind::Rest`].
pub fn from_toml(text: &str) -> Result<Catalog, CatalogError> {
    let definition: Definition =
        toml::from_str(text).map_err(|e| CatalogError::Toml(e.to_string().trim().to_owned()))?;
    if definition.field.is_empty() {
        return Err(CatalogError::NoFields);
    }
    if definition.field.len() > MAX_FIELDS {
        return Err(CatalogError::TooManyFields {
            count: definition.field.len(),
        });
    }
    let mut fields = Vec::with_capacity(definition.field.len());
    let mut seen = HashSet::new();
    for (index, def) in definition.field.into_iter().enumerate() {
        let field = build_field(index + 1, def)?;
        if !seen.insert(field.name.clone()) {
            return Err(CatalogError::DuplicateName { name: field.name });
        }
        fields.push(field);
    }
    check_references(&fields)?;
    check_identifiers(&fields)?;
    Ok(Catalog {
        target: TargetKind::Rest,
        fields,
    })
}

fn build_field(position: usize, def: FieldDefinition) -> Result<Field, CatalogError> {
    let name = match def.name {
        Some(name) if !name.trim().is_empty() => name,
        _ => return Err(CatalogError::MissingName { position }),
    };
    if name.trim() != name {
        return Err(CatalogError::NameSpaces { name });
    }
    let Some(type_name) = def.type_name else {
        return Err(CatalogError::MissingType { field: name });
    };
    let type_name = type_name.trim().to_ascii_lowercase();
    let misplaced =
        |option: &'static str, applies_to: &'static str| CatalogError::MisplacedOption {
            field: name.clone(),
            option,
            applies_to,
        };
    // Settings that belong to one type only, checked before the type is built.
    let settings: [(&'static str, bool, &'static str); 7] = [
        ("format", def.format.is_some(), "date"),
        ("also", def.also.is_some(), "date"),
        ("encoding", def.encoding.is_some(), "boolean"),
        ("min", def.min.is_some(), "integer"),
        ("max", def.max.is_some(), "integer"),
        ("values", def.values.is_some(), "enum"),
        ("separator", def.separator.is_some(), "list"),
    ];
    if TYPE_NAMES.contains(&type_name.as_str())
        && let Some(&(option, _, applies_to)) = settings
            .iter()
            .find(|(_, given, applies_to)| *given && *applies_to != type_name)
    {
        return Err(misplaced(option, applies_to));
    }
    let kind = match type_name.as_str() {
        "text" => FieldKind::Text,
        "email" => FieldKind::Email,
        "phone" => FieldKind::Phone,
        "url" => FieldKind::Url,
        "object" => FieldKind::Object,
        "date" => {
            let format = match def.format {
                Some(text) => parse_date_format(&name, &text)?,
                None => DateFormat::Iso,
            };
            let also = def
                .also
                .unwrap_or_default()
                .iter()
                .map(|text| parse_date_format(&name, text))
                .collect::<Result<Vec<_>, _>>()?;
            FieldKind::Date { format, also }
        }
        "boolean" => {
            let encoding = match def
                .encoding
                .as_deref()
                .map(|e| e.trim().to_ascii_lowercase())
            {
                None => BoolEncoding::Json,
                Some(e) if e == "json" => BoolEncoding::Json,
                Some(e) if e == "zero_one" => BoolEncoding::ZeroOne,
                Some(_) => {
                    return Err(CatalogError::UnknownBoolEncoding {
                        field: name,
                        encoding: def.encoding.unwrap_or_default(),
                    });
                }
            };
            FieldKind::Boolean { encoding }
        }
        "integer" => {
            if let (Some(min), Some(max)) = (def.min, def.max)
                && min > max
            {
                return Err(CatalogError::IntegerRange {
                    field: name,
                    min,
                    max,
                });
            }
            FieldKind::Integer {
                min: def.min,
                max: def.max,
            }
        }
        "enum" => {
            let values = def.values.unwrap_or_default();
            if values.is_empty() {
                return Err(CatalogError::NoEnumValues { field: name });
            }
            let mut seen = HashSet::new();
            if let Some(value) = values.iter().find(|v| !seen.insert(v.as_str())) {
                return Err(CatalogError::DuplicateEnumValue {
                    field: name,
                    value: value.clone(),
                });
            }
            FieldKind::Enum { values }
        }
        "list" => {
            let separator = def.separator.unwrap_or_else(|| ",".to_owned());
            if separator.is_empty() {
                return Err(CatalogError::EmptySeparator { field: name });
            }
            FieldKind::List { separator }
        }
        _ => {
            return Err(CatalogError::UnknownType {
                field: name,
                type_name,
            });
        }
    };
    if def.max_length == Some(0) {
        return Err(CatalogError::ZeroMaxLength { field: name });
    }
    Ok(Field {
        name,
        kind,
        required: def.required,
        max_length: def.max_length,
        identifier: def.identifier,
        references: def.references,
        notes: def.notes,
    })
}

fn parse_date_format(field: &str, text: &str) -> Result<DateFormat, CatalogError> {
    let wanted = text.trim();
    [
        DateFormat::Iso,
        DateFormat::DayMonthYear,
        DateFormat::DateTime,
    ]
    .into_iter()
    .find(|f| {
        date_format_name(*f).eq_ignore_ascii_case(wanted)
            || f.pattern().eq_ignore_ascii_case(wanted)
    })
    .ok_or_else(|| CatalogError::UnknownDateFormat {
        field: field.to_owned(),
        format: text.to_owned(),
    })
}

fn date_format_name(format: DateFormat) -> &'static str {
    match format {
        DateFormat::Iso => "iso",
        DateFormat::DayMonthYear => "day_month_year",
        DateFormat::DateTime => "date_time",
    }
}

fn bool_encoding_name(encoding: BoolEncoding) -> &'static str {
    match encoding {
        BoolEncoding::Json => "json",
        BoolEncoding::ZeroOne => "zero_one",
    }
}

fn check_references(fields: &[Field]) -> Result<(), CatalogError> {
    for field in fields {
        let Some(target) = &field.references else {
            continue;
        };
        if *target == field.name {
            return Err(CatalogError::SelfReference {
                field: field.name.clone(),
            });
        }
        if !fields.iter().any(|f| f.name == *target) {
            return Err(CatalogError::UnknownReference {
                field: field.name.clone(),
                references: target.clone(),
            });
        }
    }
    Ok(())
}

fn check_identifiers(fields: &[Field]) -> Result<(), CatalogError> {
    let mut any = false;
    for field in fields.iter().filter(|f| f.identifier) {
        any = true;
        let single = matches!(
            field.kind,
            FieldKind::Text
                | FieldKind::Email
                | FieldKind::Phone
                | FieldKind::Url
                | FieldKind::Integer { .. }
        );
        if !single {
            return Err(CatalogError::IdentifierKind {
                field: field.name.clone(),
                type_name: field.kind.type_name(),
            });
        }
    }
    if any {
        Ok(())
    } else {
        Err(CatalogError::NoIdentifier)
    }
}

/// Writes `catalog` as a definition [`from_toml`] reads back to the same fields. Works for any
/// catalog, so a built-in one can be the start of a custom definition.
pub fn to_toml(catalog: &Catalog) -> String {
    let mut out = String::new();
    for (index, field) in catalog.fields.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str("[[field]]\n");
        put(&mut out, "name", &quote(&field.name));
        put(&mut out, "type", &quote(field.kind.type_name()));
        match &field.kind {
            FieldKind::Date { format, also } => {
                put(&mut out, "format", &quote(date_format_name(*format)));
                if !also.is_empty() {
                    let items: Vec<String> =
                        also.iter().map(|f| quote(date_format_name(*f))).collect();
                    put(&mut out, "also", &format!("[{}]", items.join(", ")));
                }
            }
            FieldKind::Boolean { encoding } => {
                put(&mut out, "encoding", &quote(bool_encoding_name(*encoding)));
            }
            FieldKind::Integer { min, max } => {
                if let Some(min) = min {
                    put(&mut out, "min", &min.to_string());
                }
                if let Some(max) = max {
                    put(&mut out, "max", &max.to_string());
                }
            }
            FieldKind::Enum { values } => {
                let items: Vec<String> = values.iter().map(|v| quote(v)).collect();
                put(&mut out, "values", &format!("[{}]", items.join(", ")));
            }
            FieldKind::List { separator } => put(&mut out, "separator", &quote(separator)),
            FieldKind::Text
            | FieldKind::Email
            | FieldKind::Phone
            | FieldKind::Url
            | FieldKind::Object => {}
        }
        if field.required {
            put(&mut out, "required", "true");
        }
        if field.identifier {
            put(&mut out, "identifier", "true");
        }
        if let Some(max_length) = field.max_length {
            put(&mut out, "max_length", &max_length.to_string());
        }
        if let Some(references) = &field.references {
            put(&mut out, "references", &quote(references));
        }
        if !field.notes.is_empty() {
            put(&mut out, "notes", &quote(&field.notes));
        }
    }
    out
}

fn put(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(value);
    out.push('\n');
}

/// A TOML string literal for `text`, escaped by the toml crate.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::catalog::builtin;

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
}

//! Why a definition was refused: one variant per mistake, each message a sentence that says
//! what to change.

use thiserror::Error;

use super::{MAX_FIELDS, TYPE_NAMES};

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

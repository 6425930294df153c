//! Transforms: small steps a mapping profile chains to tidy one value on its way from a
//! column to a target field, e.g. `transforms = [{ op = "trim" }, { op = "case", to = "lower" }]`.
//!
//! Each transform takes and returns a `Cow<str>`: an unchanged value stays borrowed, so a
//! chain over millions of clean cells allocates nothing. A blank value (empty or only
//! whitespace) passes every transform unchanged, except `trim`, which empties it, and
//! `default`, which replaces it: whether a field may be empty is validation's business.
//! `check` runs once when a profile loads and catches bad settings before any row.
//!
//! One file per transform: `trim`, `case`, `name` (split_name), `date`, `map`, `phone`.
//! The mapper runs them through `prepared`, which writes a chain's result straight into
//! the record and answers small `map` tables from `map_table`; the fast paths test eight
//! bytes at a time with `crate::eight_bytes`.

mod case;
mod date;
mod error;
mod map;
mod map_table;
mod name;
mod name_words;
mod phone;
mod prepared;
mod trim;

#[cfg(test)]
mod prepared_tests;
#[cfg(test)]
mod serde_tests;

use std::borrow::Cow;
use std::collections::BTreeMap;

pub(crate) use date::fixed_form;
pub use date::parse_date;
pub use error::TransformError;
pub use phone::to_e164;
pub(crate) use prepared::{Prepared, apply_all};

/// One step of a field's `transforms` list; `op` names the variant in TOML.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Transform {
    /// Trim both ends and collapse runs of whitespace (incl. non-breaking spaces, tabs,
    /// line breaks) to one space.
    Trim,
    /// Change case; see `case` for the title-case rules ("o'neil" → "O'Neil").
    Case { to: CaseStyle },
    /// Take one part of a full name ("Last, First Middle" or "First Middle Last"; name
    /// particles stay with the last name; a single word is the last name).
    SplitName { part: NamePart },
    /// Re-format a date written in any common way (see `date`) into `to`.
    Date {
        to: DateOutput,
        /// Settles dates like 03/04/2020 that read both ways.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        day_first: Option<bool>,
        /// chrono strftime patterns tried before the built-in formats.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        from: Vec<String>,
    },
    /// Replace whole values through a table; see `map`.
    Map {
        values: BTreeMap<String, String>,
        #[serde(default = "default_true")]
        ignore_case: bool,
        #[serde(default)]
        otherwise: Otherwise,
    },
    /// Normalise a phone number to E.164, reading numbers without a country code as
    /// numbers of `country` (ISO 3166 alpha-2, e.g. "DE").
    Phone { country: String },
    /// Use `value` when the cell is blank (after earlier transforms).
    Default { value: String },
}

/// Target case of `Transform::Case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStyle {
    Lower,
    Upper,
    Title,
}

/// Which part of a full name `Transform::SplitName` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NamePart {
    First,
    Middle,
    Last,
}

/// Output format of `Transform::Date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOutput {
    /// YYYY-MM-DD.
    Iso,
    /// DD.MM.YYYY.
    DayMonthYear,
    /// RFC 3339 in UTC: YYYY-MM-DDTHH:MM:SSZ (midnight for a plain date).
    DateTime,
}

/// What `Transform::Map` does with a value missing from its table.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Otherwise {
    /// Pass the value on unchanged.
    #[default]
    Keep,
    /// Replace it with an empty value.
    Empty,
    /// Fail with `value_unmapped`.
    Error,
}

fn default_true() -> bool {
    true
}

impl Transform {
    /// Applies the transform to one value. Blank input stays as it is for all transforms
    /// except `trim` (which empties it) and `default` (which replaces it); no error for
    /// blank dates or phones: emptiness is validation's business.
    pub fn apply<'a>(&self, value: Cow<'a, str>) -> Result<Cow<'a, str>, TransformError> {
        let blank = is_blank(&value);
        match self {
            Transform::Trim => Ok(trim::collapse(value)),
            Transform::Default { value: fallback } => Ok(if blank {
                Cow::Owned(fallback.clone())
            } else {
                value
            }),
            _ if blank => Ok(value),
            Transform::Case { to } => Ok(match to {
                CaseStyle::Lower => case::lower(value),
                CaseStyle::Upper => case::upper(value),
                CaseStyle::Title => case::title(value),
            }),
            Transform::SplitName { part } => name::split(value, *part),
            Transform::Date {
                to,
                day_first,
                from,
            } => date::apply(value, *to, *day_first, from),
            Transform::Map {
                values,
                ignore_case,
                otherwise,
            } => map::apply(value, values, *ignore_case, *otherwise),
            Transform::Phone { country } => phone::apply(value, country),
        }
    }

    /// Checks the transform's own settings once when a profile is loaded: an unknown
    /// phone country, a `from` pattern chrono rejects, an empty or clashing map, an empty
    /// default.
    pub fn check(&self) -> Result<(), TransformError> {
        match self {
            Transform::Trim | Transform::Case { .. } | Transform::SplitName { .. } => Ok(()),
            Transform::Date { from, .. } => date::check(from),
            Transform::Map {
                values,
                ignore_case,
                ..
            } => map::check(values, *ignore_case),
            Transform::Phone { country } => phone::check(country),
            Transform::Default { value } if value.trim().is_empty() => {
                Err(TransformError::bad_setting(
                    "a `default` transform needs a non-blank value, like { op = \"default\", value = \"unknown\" }",
                ))
            }
            Transform::Default { .. } => Ok(()),
        }
    }
}

/// Whether `value` is empty or only whitespace. A first byte that is visible ASCII, as in
/// nearly every cell, settles it without trimming.
pub(crate) fn is_blank(value: &str) -> bool {
    match value.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_graphic() => false,
        Some(_) => value.trim().is_empty(),
    }
}

/// `str::trim`, with the common cell (visible ASCII at both ends) settled by two bytes:
/// `str::trim` decodes characters at both ends to find Unicode spaces, and mapping and the
/// checks trim nearly every value. A visible ASCII byte is a whole character and never a
/// space.
#[inline]
pub(crate) fn trimmed(value: &str) -> &str {
    let bytes = value.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_graphic)
        && bytes.last().is_some_and(u8::is_ascii_graphic)
    {
        value
    } else {
        trim_characters(value)
    }
}

/// Kept out of line, so that [`trimmed`]'s test inlines where it is called.
#[inline(never)]
fn trim_characters(value: &str) -> &str {
    value.trim()
}

#[cfg(test)]
mod tests;

//! Reading a definition: the TOML parsed, each field table built into a [`Field`] with its
//! type's settings checked, then the rules across fields.

use std::collections::HashSet;

use super::definition::{Definition, FieldDefinition};
use super::names::parse_date_format;
use super::rules::{check_identifiers, check_references};
use super::{CatalogError, MAX_FIELDS, TYPE_NAMES};
use crate::target::catalog::{BoolEncoding, Catalog, DateFormat, Field, FieldKind, TargetKind};

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
        also_references: def.also_references,
        notes: def.notes,
    })
}

//! One change the person made on the Map screen, applied to the mapping: a field's column
//! chosen or cleared, its transforms replaced, or the identifier moved to it. Refused with
//! words saying why and what to do when the result could not work.
//!
//! A column newly chosen gets the transforms Muster suggests for its values (trimmed and
//! lower-cased emails, dates reformatted, yes/no mapped …) unless the change brings its own:
//! the transforms of the column before may not suit the new one (splitting a full name,
//! say, applied to a column of first names).

use muster_engine::mapping::suggest::{Suggestion, profile_from};
use muster_engine::mapping::transform::Transform;
use muster_engine::mapping::{FieldMapping, Profile};
use muster_engine::sheet::Row;
use muster_engine::target::catalog::{Catalog, Field};

use super::{COUNTRY, Reasons, column_index};
use crate::error::{UiError, sentence};
use crate::wire::review::FieldChange;

/// Applies `change` to `profile`; `reasons` learns what the person chose.
pub fn apply(
    profile: &mut Profile,
    catalog: &Catalog,
    columns: &[String],
    sample: &[Row],
    change: &FieldChange,
    reasons: &mut Reasons,
) -> Result<(), UiError> {
    let field = catalog.field(&change.field).ok_or_else(|| {
        UiError::new(format!(
            "\"{}\" is not a field of {}. Its fields are: {}.",
            change.field,
            catalog.target,
            names(catalog.fields.iter())
        ))
    })?;
    if let Some(transforms) = &change.transforms {
        check_transforms(field, transforms)?;
    }
    match &change.column {
        Some(Some(name)) => {
            let index = column_index(columns, name).ok_or_else(|| UiError {
                column: Some(name.clone()),
                ..UiError::new(format!(
                    "This sheet has no column \"{name}\". Choose one of: {}.",
                    columns.join(", ")
                ))
            })?;
            let column = &columns[index];
            let transforms = match &change.transforms {
                Some(transforms) => transforms.clone(),
                None => suggested_transforms(catalog, field, column, columns, sample),
            };
            set_mapping(
                profile,
                catalog,
                FieldMapping {
                    target: field.name.clone(),
                    column: Some(column.clone()),
                    constant: None,
                    template: None,
                    transforms,
                },
            );
            reasons.set(&field.name, 1.0, reasons.chosen.clone());
        }
        Some(None) => {
            if profile.identifier == field.name {
                return Err(identifier_needs_a_source(catalog, field));
            }
            profile.fields.retain(|m| m.target != field.name);
            reasons.set(&field.name, 0.0, "no column: cleared by you");
        }
        None => {
            if let Some(transforms) = &change.transforms {
                let mapping = profile
                    .fields
                    .iter_mut()
                    .find(|m| m.target == field.name)
                    .ok_or_else(|| {
                        UiError::new(format!(
                            "\"{}\" has no column yet: choose its column, then its transforms.",
                            field.name
                        ))
                    })?;
                mapping.transforms = transforms.clone();
            }
        }
    }
    match change.identifier {
        Some(true) => make_identifier(profile, catalog, field),
        Some(false) if profile.identifier == field.name => Err(UiError::new(format!(
            "A mapping needs exactly one identifier, and \"{}\" is it. Make another field the identifier instead.",
            field.name
        ))),
        _ => Ok(()),
    }
}

/// `field` becomes the one identifier, when it can identify a record and is mapped.
fn make_identifier(profile: &mut Profile, catalog: &Catalog, field: &Field) -> Result<(), UiError> {
    if !field.identifier {
        return Err(UiError::new(format!(
            "\"{}\" cannot identify a {} record. Choose one of: {}.",
            field.name,
            catalog.target,
            names(catalog.identifiers())
        )));
    }
    if !profile.fields.iter().any(|m| m.target == field.name) {
        return Err(UiError::new(format!(
            "\"{}\" has no column yet: choose its column, then make it the identifier.",
            field.name
        )));
    }
    profile.identifier = field.name.clone();
    Ok(())
}

/// Why the identifier's column cannot be cleared, and what to do instead.
fn identifier_needs_a_source(catalog: &Catalog, field: &Field) -> UiError {
    let others: Vec<&Field> = catalog
        .identifiers()
        .filter(|f| f.name != field.name)
        .collect();
    let what = if others.is_empty() {
        "choose another column for it instead".to_owned()
    } else {
        format!(
            "to clear it, first make another field the identifier ({})",
            names(others.into_iter())
        )
    };
    UiError::new(format!(
        "\"{}\" identifies each record, so it needs a column: {what}.",
        field.name
    ))
}

fn check_transforms(field: &Field, transforms: &[Transform]) -> Result<(), UiError> {
    for transform in transforms {
        transform.check().map_err(|e| {
            UiError::new(format!(
                "The transforms of \"{}\": {}",
                field.name,
                sentence(&e.message)
            ))
        })?;
    }
    Ok(())
}

/// The transforms Muster would suggest for `field` fed by `column`, from the sample.
fn suggested_transforms(
    catalog: &Catalog,
    field: &Field,
    column: &str,
    columns: &[String],
    sample: &[Row],
) -> Vec<Transform> {
    let chosen = Suggestion {
        field: field.name.clone(),
        column: Some(column.to_owned()),
        confidence: 1.0,
        reason: String::new(),
    };
    profile_from(catalog, &[chosen], sample, columns, COUNTRY)
        .fields
        .into_iter()
        .find(|m| m.target == field.name)
        .map(|m| m.transforms)
        .unwrap_or_default()
}

/// Replaces the field's mapping, keeping its place; a new one goes in catalog order.
fn set_mapping(profile: &mut Profile, catalog: &Catalog, mapping: FieldMapping) {
    if let Some(kept) = profile
        .fields
        .iter_mut()
        .find(|m| m.target == mapping.target)
    {
        *kept = mapping;
        return;
    }
    let rank = |name: &str| catalog.fields.iter().position(|f| f.name == name);
    let own = rank(&mapping.target);
    let at = profile
        .fields
        .iter()
        .position(|m| rank(&m.target) > own)
        .unwrap_or(profile.fields.len());
    profile.fields.insert(at, mapping);
}

fn names<'a>(fields: impl Iterator<Item = &'a Field>) -> String {
    fields
        .map(|f| f.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

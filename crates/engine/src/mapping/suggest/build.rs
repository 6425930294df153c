//! Building a [`Profile`] from suggestions: the confident ones become `[[field]]` mappings
//! with their starting transforms (`transforms`), and one mapped field becomes the
//! identifier. A login fed by the email column (`login`) gets the email field's transforms.
//!
//! The identifier is the catalog's natural key when it got a column (the required key: LMS
//! `uid`, SCIM `userName`, Auth0 and Authgear `email`), else the best-scoring key field that
//! got one (SCIM `externalId` for a file with neither logins nor email addresses). When no
//! key field got a column the natural key is still named, so `check` and
//! [`unmapped_required`] tell the person what to add.

use super::Suggestion;
use super::concept::Concept;
use super::context::read_columns;
use super::fields::wants;
use super::login::fed_by_email;
use super::transforms::transforms_for;
use crate::mapping::{FieldMapping, Profile};
use crate::sheet::Row;
use crate::target::catalog::{Catalog, Field};

/// Suggestions at or above this confidence are mapped by [`profile_from`].
pub const MAP_THRESHOLD: f32 = 0.5;

/// A profile mapping every field whose suggestion reaches [`MAP_THRESHOLD`]; see the module
/// docs for the identifier and `transforms` for the transforms. `country` (ISO 3166 alpha-2)
/// reads phone numbers written without a country code.
pub fn profile_from(
    catalog: &Catalog,
    suggestions: &[Suggestion],
    sample: &[Row],
    columns: &[String],
    country: &str,
) -> Profile {
    let readings = read_columns(columns);
    let mut mappings = Vec::new();
    let mut mapped: Vec<(&Field, f32)> = Vec::new();
    for field in &catalog.fields {
        let Some(suggestion) = suggestions
            .iter()
            .find(|s| s.field == field.name && s.confidence >= MAP_THRESHOLD)
        else {
            continue;
        };
        let Some(column) = &suggestion.column else {
            continue;
        };
        let index = columns.iter().position(|c| c == column);
        let values: Vec<&str> = index
            .map(|i| sample.iter().map(|row| row.cell(i)).collect())
            .unwrap_or_default();
        let concept = wants(field).first().map(|w| w.0);
        let holds_full_name = index
            .and_then(|i| readings.get(i))
            .and_then(|r| r.first())
            .is_some_and(|r| r.concept == Concept::FullName);
        let split = concept
            .and_then(Concept::name_part)
            .filter(|_| holds_full_name);
        let transforms = match fed_by_email(catalog, suggestions, field, column) {
            // The login holds the same addresses: cleaned the same way, so the two agree.
            Some(email) => transforms_for(email, Some(Concept::Email), None, &values, country),
            None => transforms_for(field, concept, split, &values, country),
        };
        mappings.push(FieldMapping {
            target: field.name.clone(),
            column: Some(column.clone()),
            constant: None,
            template: None,
            transforms,
        });
        mapped.push((field, suggestion.confidence));
    }
    let mut profile = Profile::new(catalog.target, &identifier(catalog, &mapped));
    profile.fields = mappings;
    profile
}

/// The identifier: natural key if mapped, else the best mapped key field, else the natural
/// key anyway; a catalog without key fields gets its best mapped field.
fn identifier(catalog: &Catalog, mapped: &[(&Field, f32)]) -> String {
    let natural = catalog
        .identifiers()
        .find(|f| f.required)
        .or_else(|| catalog.identifiers().next());
    if let Some(natural) = natural
        && mapped.iter().any(|(f, _)| f.name == natural.name)
    {
        return natural.name.clone();
    }
    let best = |keys_only: bool| {
        mapped
            .iter()
            .filter(|(f, _)| f.identifier || !keys_only)
            // `max_by` keeps the last of equals; reversing keeps catalog order on ties.
            .rev()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(f, _)| f.name.clone())
    };
    best(true)
        .or_else(|| natural.map(|f| f.name.clone()))
        .or_else(|| best(false))
        .or_else(|| catalog.fields.first().map(|f| f.name.clone()))
        .unwrap_or_default()
}

/// The catalog's required fields that `profile` does not map, in catalog order: what the
/// person must still add (a column, a constant or a template) before the profile passes
/// `check`.
pub fn unmapped_required(catalog: &Catalog, profile: &Profile) -> Vec<String> {
    catalog
        .required()
        .filter(|f| !profile.fields.iter().any(|m| m.target == f.name))
        .map(|f| f.name.clone())
        .collect()
}

//! `suggest_mapping`: for an open sheet and a target, each target field beside the column
//! the engine proposes, with its confidence, reason and sample values before and after the
//! transforms the suggested profile applies, and that profile as TOML.

use std::borrow::Cow;

use muster_engine::mapping::suggest::{MAP_THRESHOLD, profile_from, suggest, unmapped_required};
use muster_engine::mapping::{FieldMapping, Profile};
use muster_engine::sheet::Row;
use muster_engine::target::catalog::{self, Catalog, TargetKind};

use super::blocking;
use crate::error::UiError;
use crate::sheets::{OpenSheet, Sheets};
use crate::wire::{FieldSuggestion, MappingSuggestion};

/// Rows sampled for value shapes and transforms, as `muster map suggest` does by default.
pub const SAMPLE_ROWS: usize = 200;
/// Sample values shown per field.
pub const SHOWN_VALUES: usize = 5;
/// The country for phone numbers written without a country code: the CLI's default until
/// the person can choose it on the Map screen.
pub const COUNTRY: &str = "US";

/// The suggestion for sheet `id` onto the target named `target`.
pub fn suggest_for(sheets: &Sheets, id: u64, target: &str) -> Result<MappingSuggestion, UiError> {
    let kind = TargetKind::from_name(target).ok_or_else(|| {
        UiError::new(format!(
            "\"{target}\" is not a target Muster knows. Choose LMS, Auth0, Authgear, SCIM or a REST API."
        ))
    })?;
    let catalog = catalog::builtin(kind).ok_or_else(|| {
        UiError::new(
            "A custom REST API needs its field definitions, which the app cannot take yet. Suggest its mapping with `muster map suggest FILE --target rest --catalog fields.toml`.",
        )
    })?;
    let sheet = sheets.get(id)?;
    Ok(suggestion(&sheet, &catalog))
}

fn suggestion(sheet: &OpenSheet, catalog: &Catalog) -> MappingSuggestion {
    let sample = sheet.table.sample(SAMPLE_ROWS);
    let suggestions = suggest(catalog, &sheet.columns, &sample);
    let profile = profile_from(catalog, &suggestions, &sample, &sheet.columns, COUNTRY);
    let fields = catalog
        .fields
        .iter()
        .map(|field| {
            let proposed = suggestions.iter().find(|s| s.field == field.name);
            // The column shown is the one the profile maps, so the screen and the TOML
            // agree; a weaker proposal keeps its confidence and reason without it.
            let mapping = profile
                .fields
                .iter()
                .find(|m| m.target == field.name && m.column.is_some());
            let (before, after) = mapping
                .map(|m| samples(m, &sheet.columns, &sample))
                .unwrap_or_default();
            FieldSuggestion {
                field: field.name.clone(),
                required: field.required,
                identifier: field.name == profile.identifier,
                column: mapping.and_then(|m| m.column.clone()),
                confidence: proposed.map_or(0.0, |s| s.confidence),
                reason: proposed.map(|s| s.reason.clone()).unwrap_or_default(),
                samples_before: before,
                samples_after: after,
            }
        })
        .collect();
    MappingSuggestion {
        target: catalog.target.name().to_owned(),
        fields,
        profile_toml: toml(&sheet.layout.path.display().to_string(), catalog, &profile),
    }
}

/// The first few filled values of the mapped column, and each after the mapping's
/// transforms. A value a transform cannot handle is shown as it is, as the mapper keeps it
/// (validation reports it later).
fn samples(
    mapping: &FieldMapping,
    columns: &[String],
    sample: &[Row],
) -> (Vec<String>, Vec<String>) {
    let Some(index) = mapping
        .column
        .as_ref()
        .and_then(|name| columns.iter().position(|c| c == name))
    else {
        return (Vec::new(), Vec::new());
    };
    sample
        .iter()
        .map(|row| row.cell(index))
        .filter(|value| !value.trim().is_empty())
        .take(SHOWN_VALUES)
        .map(|value| {
            let mut after = Cow::Borrowed(value);
            for transform in &mapping.transforms {
                match transform.apply(after) {
                    Ok(next) => after = next,
                    Err(_) => {
                        after = Cow::Borrowed(value);
                        break;
                    }
                }
            }
            (value.to_owned(), after.into_owned())
        })
        .unzip()
}

/// The profile with a heading saying where it came from and what it still lacks.
fn toml(file: &str, catalog: &Catalog, profile: &Profile) -> String {
    let mut text = format!(
        "# Suggested by Muster for {file} → {}.\n# Matches below {MAP_THRESHOLD} are left out: check each field before importing.\n",
        catalog.target
    );
    let missing = unmapped_required(catalog, profile);
    if !missing.is_empty() {
        text.push_str(&format!(
            "# Still needed: {} (no column fits; add a column, a constant or a template).\n",
            missing.join(", ")
        ));
    }
    text.push('\n');
    text.push_str(&profile.to_toml());
    text
}

#[tauri::command]
pub async fn suggest_mapping(
    state: tauri::State<'_, Sheets>,
    sheet_id: u64,
    target: String,
) -> Result<MappingSuggestion, UiError> {
    let sheets = Sheets::clone(&state);
    blocking(move || suggest_for(&sheets, sheet_id, &target)).await
}

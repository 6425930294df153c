//! `suggest_mapping` and `change_mapping`: for an open sheet and a mapping, each target
//! field beside the column it is mapped from, with a confidence, a reason, sample values
//! before and after its transforms, the transforms themselves and what the field holds,
//! and the mapping as TOML.
//!
//! Both (and `load_template`) answer through [`suggestion`], which builds the screen from
//! the sheet, the catalog and a profile. Confidence and reason come from the engine's
//! suggestions, computed again each time: a field mapped from the column the engine
//! proposes keeps its confidence and reason; a field mapped from another column was
//! chosen by the person (or a template), which is certain (1.0).

mod change;
mod notes;

use std::borrow::Cow;
use std::path::Path;

use muster_engine::mapping::suggest::{
    MAP_THRESHOLD, Suggestion, profile_from, suggest, unmapped_required,
};
use muster_engine::mapping::{FieldMapping, Profile, fill_template};
use muster_engine::sheet::Row;
use muster_engine::target::catalog::{self, Catalog, TargetKind};

use super::blocking;
use crate::error::{UiError, sentence};
use crate::sheets::{OpenSheet, Sheets};
use crate::wire::review::FieldChange;
use crate::wire::{FieldSuggestion, MappingSuggestion};

/// Rows sampled for value shapes and transforms, as `muster map suggest` does by default.
pub const SAMPLE_ROWS: usize = 200;
/// Sample values shown per field.
pub const SHOWN_VALUES: usize = 5;
/// The country for phone numbers written without a country code: the CLI's default until
/// the person can choose it on the Map screen.
pub const COUNTRY: &str = "US";
/// The reason given for a column the person chose on the Map screen.
pub const CHOSEN: &str = "chosen by you";

/// The suggestion for sheet `id` onto the target named `target`.
pub fn suggest_for(sheets: &Sheets, id: u64, target: &str) -> Result<MappingSuggestion, UiError> {
    let kind = TargetKind::from_name(target).ok_or_else(|| {
        UiError::new(format!(
            "\"{target}\" is not a target Muster knows. Choose LMS, Auth0, Authgear, SCIM or a REST API."
        ))
    })?;
    let catalog = catalog::builtin(kind).ok_or_else(no_rest)?;
    let sheet = sheets.get(id)?;
    let sample = sheet.table.sample(SAMPLE_ROWS);
    let suggestions = suggest(&catalog, &sheet.columns, &sample);
    let profile = profile_from(&catalog, &suggestions, &sample, &sheet.columns, COUNTRY);
    let heading = format!(
        "Suggested by Muster for {} → {}.\nMatches below {MAP_THRESHOLD} are left out: check each field before importing.",
        sheet.layout.path.display(),
        catalog.target
    );
    Ok(suggestion(
        &sheet,
        &catalog,
        &profile,
        &Reasons::new(CHOSEN),
        &heading,
    ))
}

/// The mapping `profile_toml` with `change` applied to sheet `id`, samples recomputed.
pub fn change_for(
    sheets: &Sheets,
    id: u64,
    profile_toml: &str,
    change: &FieldChange,
) -> Result<MappingSuggestion, UiError> {
    let sheet = sheets.get(id)?;
    let mut profile = parse_profile(profile_toml)?;
    let catalog = catalog_for(&profile)?;
    let sample = sheet.table.sample(SAMPLE_ROWS);
    let mut reasons = Reasons::new(CHOSEN);
    change::apply(
        &mut profile,
        &catalog,
        &sheet.columns,
        &sample,
        change,
        &mut reasons,
    )?;
    // Authgear's fields depend on the identifier: the catalog of the changed profile.
    let catalog = catalog_for(&profile)?;
    Ok(suggestion(
        &sheet,
        &catalog,
        &profile,
        &reasons,
        &made_in_muster(&sheet, &catalog),
    ))
}

/// The mapping text as a profile, or why it is not one.
pub fn parse_profile(text: &str) -> Result<Profile, UiError> {
    Profile::from_toml(text).map_err(|e| {
        UiError::new(format!(
            "{} Start again from a suggested mapping, or fix the mapping's text.",
            sentence(&e.to_string())
        ))
    })
}

/// The catalog a profile maps onto. A custom REST target needs a definition file, which
/// the app cannot take yet.
pub fn catalog_for(profile: &Profile) -> Result<Catalog, UiError> {
    if profile.target == TargetKind::Rest {
        return Err(no_rest());
    }
    profile
        .catalog(Path::new(""))
        .map_err(|e| UiError::new(e.to_string()))
}

fn no_rest() -> UiError {
    UiError::new(
        "A custom REST API needs its field definitions, which the app cannot take yet. Suggest its mapping with `muster map suggest FILE --target rest --catalog fields.toml`.",
    )
}

/// The heading of a mapping changed on the Map screen.
pub fn made_in_muster(sheet: &OpenSheet, catalog: &Catalog) -> String {
    format!(
        "Mapping for {} → {}, made in Muster.",
        sheet.layout.path.display(),
        catalog.target
    )
}

/// Confidence and reason for fields whose column does not come from the engine's
/// suggestions: the words for a column chosen by someone, and per field what a change or
/// a template did to it.
#[derive(Debug, Clone)]
pub struct Reasons {
    chosen: String,
    fields: Vec<(String, f32, String)>,
}

impl Reasons {
    pub fn new(chosen: impl Into<String>) -> Reasons {
        Reasons {
            chosen: chosen.into(),
            fields: Vec::new(),
        }
    }

    /// `field` gets this confidence and reason, whatever the suggestions say.
    pub fn set(&mut self, field: &str, confidence: f32, reason: impl Into<String>) {
        self.fields.retain(|(name, ..)| name != field);
        self.fields
            .push((field.to_owned(), confidence, reason.into()));
    }

    fn of(&self, field: &str) -> Option<(f32, String)> {
        self.fields
            .iter()
            .find(|(name, ..)| name == field)
            .map(|(_, confidence, reason)| (*confidence, reason.clone()))
    }
}

/// The Map screen for `profile` over `sheet`: each catalog field, in catalog order, with
/// its source, confidence, reason, samples, transforms and notes, and the profile as TOML
/// under `heading`.
pub fn suggestion(
    sheet: &OpenSheet,
    catalog: &Catalog,
    profile: &Profile,
    reasons: &Reasons,
    heading: &str,
) -> MappingSuggestion {
    let sample = sheet.table.sample(SAMPLE_ROWS);
    let suggestions = suggest(catalog, &sheet.columns, &sample);
    let fields = catalog
        .fields
        .iter()
        .map(|field| {
            let proposed = suggestions.iter().find(|s| s.field == field.name);
            let mapping = profile.fields.iter().find(|m| m.target == field.name);
            let (confidence, reason) = reasons
                .of(&field.name)
                .unwrap_or_else(|| confidence(mapping, proposed, &reasons.chosen));
            let (before, after) = mapping
                .map(|m| samples(m, &sheet.columns, &sample))
                .unwrap_or_default();
            FieldSuggestion {
                field: field.name.clone(),
                required: field.required,
                identifier: field.name == profile.identifier,
                column: mapping.and_then(|m| m.column.clone()),
                confidence,
                reason,
                samples_before: before,
                samples_after: after,
                transforms: mapping.map(|m| m.transforms.clone()).unwrap_or_default(),
                notes: notes::describe(field),
            }
        })
        .collect();
    let missing = missing(catalog, profile);
    MappingSuggestion {
        target: catalog.target.name().to_owned(),
        fields,
        profile_toml: toml(heading, &missing, profile),
        missing,
    }
}

/// A field's confidence and reason from its mapping and the engine's proposal.
fn confidence(
    mapping: Option<&FieldMapping>,
    proposed: Option<&Suggestion>,
    chosen: &str,
) -> (f32, String) {
    let proposal = || proposed.map_or((0.0, String::new()), |s| (s.confidence, s.reason.clone()));
    let Some(mapping) = mapping else {
        // A weaker proposal keeps its confidence and reason without its column.
        return proposal();
    };
    match (&mapping.column, &mapping.constant, &mapping.template) {
        (Some(column), ..) if proposed.and_then(|s| s.column.as_ref()) == Some(column) => {
            proposal()
        }
        (Some(_), ..) => (1.0, chosen.to_owned()),
        (None, Some(constant), _) => (1.0, format!("always \"{constant}\"")),
        (None, None, Some(template)) => (1.0, format!("made from the template \"{template}\"")),
        (None, None, None) => proposal(),
    }
}

/// Required fields that nothing fills, and the identifier when it is not mapped: what the
/// person must still add before the mapping can be used.
pub fn missing(catalog: &Catalog, profile: &Profile) -> Vec<String> {
    let mut missing = unmapped_required(catalog, profile);
    let identifier = &profile.identifier;
    if !identifier.is_empty()
        && !profile.fields.iter().any(|m| &m.target == identifier)
        && !missing.contains(identifier)
    {
        missing.push(identifier.clone());
    }
    missing
}

/// The first few filled values the mapping reads, and each after the mapping's
/// transforms. A value a transform cannot handle is shown as it is, as the mapper keeps it
/// (validation reports it later).
fn samples(
    mapping: &FieldMapping,
    columns: &[String],
    sample: &[Row],
) -> (Vec<String>, Vec<String>) {
    let values: Vec<String> = match (&mapping.column, &mapping.constant, &mapping.template) {
        (Some(name), ..) => {
            let Some(index) = column_index(columns, name) else {
                return (Vec::new(), Vec::new());
            };
            sample
                .iter()
                .map(|row| row.cell(index))
                .filter(|value| !value.trim().is_empty())
                .take(SHOWN_VALUES)
                .map(str::to_owned)
                .collect()
        }
        (None, Some(constant), _) => vec![constant.clone()],
        (None, None, Some(template)) => sample
            .iter()
            .filter_map(|row| fill_template(template, columns, row).ok())
            .filter(|value| !value.trim().is_empty())
            .take(SHOWN_VALUES)
            .collect(),
        (None, None, None) => Vec::new(),
    };
    let after = values
        .iter()
        .map(|value| transformed(mapping, value))
        .collect();
    (values, after)
}

fn transformed(mapping: &FieldMapping, value: &str) -> String {
    let mut after = Cow::Borrowed(value);
    for transform in &mapping.transforms {
        match transform.apply(after) {
            Ok(next) => after = next,
            Err(_) => return value.to_owned(),
        }
    }
    after.into_owned()
}

/// A column of the sheet by its name: exactly, else ignoring case and surrounding spaces,
/// as the engine's mapper finds it.
pub fn column_index(columns: &[String], name: &str) -> Option<usize> {
    columns.iter().position(|c| c == name).or_else(|| {
        let wanted = name.trim().to_lowercase();
        columns
            .iter()
            .position(|c| c.trim().to_lowercase() == wanted)
    })
}

/// The profile under a heading saying where it came from and what it still lacks.
fn toml(heading: &str, missing: &[String], profile: &Profile) -> String {
    let mut text = String::new();
    for line in heading.lines() {
        text.push_str("# ");
        text.push_str(line);
        text.push('\n');
    }
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

#[tauri::command]
pub async fn change_mapping(
    state: tauri::State<'_, Sheets>,
    sheet_id: u64,
    profile_toml: String,
    change: FieldChange,
) -> Result<MappingSuggestion, UiError> {
    let sheets = Sheets::clone(&state);
    blocking(move || change_for(&sheets, sheet_id, &profile_toml, &change)).await
}

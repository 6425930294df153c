//! `templates_list`, `save_template`, `load_template`: mappings kept by name in the store
//! the app shares with the CLI (its saved profiles), to reuse on next month's export; and
//! `load_profile`, the same for a profile file (the bundled sample's, on first run).
//!
//! Loading a template onto a sheet whose columns differ: the fields whose columns the
//! sheet lacks are left unmapped, each with a reason naming the column it wanted, and the
//! required ones among them are listed in `missing`, so the person fixes the few changed
//! columns on the Map screen instead of starting over. Two cases are refused instead: a
//! template none of whose columns the sheet has (it was made for another file), and a skip
//! rule on a column the sheet lacks (dropping it would import rows the template leaves
//! out).

use std::path::Path;

use muster_engine::mapping::Profile;

use super::blocking;
use super::mapping::{Reasons, catalog_for, column_index, parse_profile, suggestion};
use crate::error::UiError;
use crate::sheets::{OpenSheet, Sheets};
use crate::store;
use crate::wire::MappingSuggestion;
use crate::wire::review::MappingTemplate;

/// Every template in the store, by name. A saved profile this Muster cannot read (written
/// by hand, or by a newer Muster) is left out: it could not be loaded either.
pub fn templates_at(store_path: &Path) -> Result<Vec<MappingTemplate>, UiError> {
    let store = store::open(store_path)?;
    let mut templates = Vec::new();
    for name in store.profile_names()? {
        let Some(text) = store.profile(&name)? else {
            continue;
        };
        if let Ok(profile) = Profile::from_toml(&text) {
            templates.push(MappingTemplate {
                name,
                target: profile.target.name().to_owned(),
            });
        }
    }
    Ok(templates)
}

/// Keeps `profile_toml` under `name`, replacing a template of that name.
pub fn save_template_at(
    store_path: &Path,
    name: &str,
    profile_toml: &str,
) -> Result<MappingTemplate, UiError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(UiError::new(
            "Give the template a name, e.g. \"HR export to LMS\".",
        ));
    }
    let profile = parse_profile(profile_toml)?;
    store::open(store_path)?.save_profile(name, profile_toml)?;
    Ok(MappingTemplate {
        name: name.to_owned(),
        target: profile.target.name().to_owned(),
    })
}

/// The template `name` applied to sheet `id` (see the module docs for differing columns).
pub fn load_template_at(
    store_path: &Path,
    sheets: &Sheets,
    id: u64,
    name: &str,
) -> Result<MappingSuggestion, UiError> {
    let sheet = sheets.get(id)?;
    let text = store::open(store_path)?.profile(name)?.ok_or_else(|| {
        UiError::new(format!(
            "There is no template named \"{name}\". Choose one from the list, or save the mapping as a template first."
        ))
    })?;
    applied(&sheet, &text, &format!("template \"{name}\""))
}

/// The profile file at `path` applied to sheet `id`, as a template is.
pub fn load_profile_at(
    sheets: &Sheets,
    id: u64,
    path: &Path,
) -> Result<MappingSuggestion, UiError> {
    let sheet = sheets.get(id)?;
    let text = std::fs::read_to_string(path).map_err(|error| {
        UiError::new(format!(
            "Muster cannot read the mapping profile {}: {error}. Choose the target on this step instead, or load a saved template.",
            path.display()
        ))
        .in_file(path)
    })?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    applied(&sheet, &text, &format!("profile \"{name}\""))
}

/// The profile `text` on `sheet`; `what` names where it came from in messages
/// (`template "HR export"`, `profile "lms-profile.toml"`).
fn applied(sheet: &OpenSheet, text: &str, what: &str) -> Result<MappingSuggestion, UiError> {
    let mut profile = parse_profile(text)?;
    let columns = &sheet.columns;
    let wanted = profile.columns();
    let lacking: Vec<&String> = wanted
        .iter()
        .filter(|c| column_index(columns, c).is_none())
        .collect();
    if !wanted.is_empty() && lacking.len() == wanted.len() {
        return Err(UiError::new(format!(
            "The {what} reads {}, and this sheet has none of them (its columns are: {}). It was made for another file: choose another, or map this sheet from a suggestion.",
            quoted(&lacking),
            columns.join(", ")
        )));
    }
    let skips: Vec<&String> = profile
        .skips
        .iter()
        .map(|rule| &rule.column)
        .filter(|c| column_index(columns, c).is_none())
        .collect();
    if !skips.is_empty() {
        return Err(UiError::new(format!(
            "The {what} leaves out rows by {}, which this sheet does not have. Add the column to the file, or map this sheet from a suggestion.",
            quoted(&skips)
        )));
    }
    let mut reasons = Reasons::new(format!("from the {what}"));
    // Fields reading a column the sheet lacks are left unmapped, saying which it was.
    let target = profile.target;
    profile.fields.retain(|mapping| {
        let mut alone = Profile::new(target, &mapping.target);
        alone.fields.push(mapping.clone());
        let needs = alone.columns();
        let gone: Vec<&String> = needs
            .iter()
            .filter(|c| column_index(columns, c).is_none())
            .collect();
        if !gone.is_empty() {
            reasons.set(
                &mapping.target,
                0.0,
                format!(
                    "the {what} reads {}, which this sheet does not have: choose a column",
                    quoted(&gone)
                ),
            );
        }
        gone.is_empty()
    });
    // The sheet's own spelling, so the screen's column lists show them as chosen.
    for mapping in &mut profile.fields {
        if let Some(column) = &mut mapping.column
            && let Some(index) = column_index(columns, column)
        {
            *column = columns[index].clone();
        }
    }
    let catalog = catalog_for(&profile)?;
    let heading = format!(
        "Mapping for {} → {}, from the {what}.",
        sheet.layout.path.display(),
        catalog.target
    );
    Ok(suggestion(sheet, &catalog, &profile, &reasons, &heading))
}

fn quoted(columns: &[&String]) -> String {
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.as_slice() {
        [one] => format!("the column {one}"),
        _ => format!("the columns {}", quoted.join(", ")),
    }
}

#[tauri::command]
pub async fn templates_list() -> Result<Vec<MappingTemplate>, UiError> {
    blocking(|| templates_at(&store::path()?)).await
}

#[tauri::command]
pub async fn save_template(name: String, profile_toml: String) -> Result<MappingTemplate, UiError> {
    blocking(move || save_template_at(&store::path()?, &name, &profile_toml)).await
}

#[tauri::command]
pub async fn load_template(
    state: tauri::State<'_, Sheets>,
    sheet_id: u64,
    name: String,
) -> Result<MappingSuggestion, UiError> {
    let sheets = Sheets::clone(&state);
    blocking(move || load_template_at(&store::path()?, &sheets, sheet_id, &name)).await
}

#[tauri::command]
pub async fn load_profile(
    state: tauri::State<'_, Sheets>,
    sheet_id: u64,
    path: String,
) -> Result<MappingSuggestion, UiError> {
    let sheets = Sheets::clone(&state);
    blocking(move || load_profile_at(&sheets, sheet_id, Path::new(&path))).await
}

//! `create_job`: the open sheet, with the person's edits, mapped, validated and journaled
//! as a new job in the store the app shares with the CLI, as `muster run` does before it
//! sends anything. Valid records wait to be sent; invalid ones are held back with why.
//!
//! The connection is a saved one whose kind matches the mapping's target, or `sandbox`:
//! the app's built-in emulators, started by the sandbox commands.

use std::path::Path;

use muster_engine::job::{self, CreateError, JobSpec, Policy};
use muster_engine::mapping::Mapper;
use muster_engine::store::{Store, StoreError};
use muster_engine::target::catalog::TargetKind;

use super::blocking;
use super::mapping::{catalog_for, parse_profile};
use crate::error::{UiError, sentence};
use crate::sandbox_state::SANDBOX;
use crate::sheets::Sheets;
use crate::store;
use crate::wire::review::CreatedJob;

/// Journals sheet `id` with its edits through `profile_toml` as a job for `connection`.
pub fn create_job_at(
    store_path: &Path,
    sheets: &Sheets,
    id: u64,
    profile_toml: &str,
    connection: &str,
    policy: Policy,
) -> Result<CreatedJob, UiError> {
    let opened = sheets.opened(id)?;
    let profile = parse_profile(profile_toml)?;
    let catalog = catalog_for(&profile)?;
    let mapper = Mapper::new(&profile, &catalog, &opened.sheet.columns).map_err(|e| {
        UiError::new(format!(
            "The mapping cannot be used on this sheet: {} Fix it on the Map screen.",
            sentence(&e.to_string())
        ))
    })?;
    let connection = connection.trim();
    if connection.is_empty() {
        return Err(UiError::new(
            "Choose where the records go: a saved connection, or the sandbox to try it out.",
        ));
    }
    let mut store = store::open(store_path)?;
    if connection != SANDBOX {
        check_connection(&store, connection, catalog.target)?;
    }
    // The edits as they are now; the lock is not held while the job is written.
    let mut sheet = opened.work().edited(&opened.sheet);
    let path = opened.sheet.layout.path.clone();
    let source = path.display().to_string();
    let created = job::create_job(
        &mut store,
        &mut sheet,
        &mapper,
        &catalog,
        &JobSpec {
            source: &source,
            profile: profile_toml,
            connection,
            policy,
        },
        |_| {},
    )
    .map_err(|e| match e {
        CreateError::Sheet(e) => UiError::sheet(e, &path),
        CreateError::Store(e) => UiError::from(e),
        other => UiError::new(other.to_string()).in_file(&path),
    })?;
    Ok(CreatedJob {
        job: created.job,
        to_send: created.counts.valid,
        held_back: created.counts.invalid,
    })
}

/// Refuses a saved connection of another kind than the mapping's target, in the CLI's
/// words (`connection_target` of `muster run`).
fn check_connection(store: &Store, name: &str, expected: TargetKind) -> Result<(), UiError> {
    let saved = store.connection(name).map_err(|e| match e {
        StoreError::NoConnection(_) => UiError::new(format!(
            "There is no saved connection named \"{name}\". Add it on the Target screen, or choose the sandbox to try the import out."
        )),
        other => UiError::from(other),
    })?;
    if !saved.kind.eq_ignore_ascii_case(expected.name()) {
        return Err(UiError::new(format!(
            "the connection \"{name}\" is a {} connection, but the profile maps onto {}; pick a {} connection",
            saved.kind,
            expected,
            expected.name()
        )));
    }
    Ok(())
}

#[tauri::command]
pub async fn create_job(
    state: tauri::State<'_, Sheets>,
    sheet_id: u64,
    profile_toml: String,
    connection: String,
    policy: Policy,
) -> Result<CreatedJob, UiError> {
    let sheets = Sheets::clone(&state);
    blocking(move || {
        create_job_at(
            &store::path()?,
            &sheets,
            sheet_id,
            &profile_toml,
            &connection,
            policy,
        )
    })
    .await
}

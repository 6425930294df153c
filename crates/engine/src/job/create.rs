//! A job from a sheet: every row mapped and validated, the valid records journaled with
//! the JSON the target will receive, the invalid ones journaled as held back (never sent)
//! with their first error, and every issue reported. Nothing is sent here; `run` does that.

use super::Policy;
use super::managers::ManagerKeys;
use crate::mapping::Mapper;
use crate::sheet::{Sheet, SheetError};
use crate::store::{NewJob, NewRecord, Store, StoreError};
use crate::target::catalog::Catalog;
use crate::target::payload::record_json;
use crate::validate::{Checked, Counts, Issue, Severity, check_sheet, manager_field};

/// Where a new job comes from and goes to.
pub struct JobSpec<'a> {
    /// The file (or source) as the person named it.
    pub source: &'a str,
    /// The profile's TOML, kept with the job so a resume maps as the job began.
    pub profile: &'a str,
    pub connection: &'a str,
    pub policy: Policy,
}

/// A journaled job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    pub job: i64,
    /// The validation counts: `valid` records were journaled to send, `invalid` ones
    /// journaled as held back.
    pub counts: Counts,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the record of row {row} cannot be written as JSON: {message}")]
    Payload { row: u64, message: String },
}

/// Maps and validates every row of `sheet` and journals the valid records as a new job;
/// each issue goes to `issue`.
pub fn create_job(
    store: &mut Store,
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
    spec: &JobSpec<'_>,
    mut issue: impl FnMut(&Issue),
) -> Result<Created, CreateError> {
    let new = NewJob {
        source: spec.source,
        profile: spec.profile,
        target_kind: catalog.target.name(),
        connection: spec.connection,
        policy: spec.policy,
    };
    let mut counts = Counts::default();
    let manager = manager_field(catalog, mapper);
    let mut other_keys = ManagerKeys::new(catalog, mapper, manager);
    let job = store.create_job_with(&new, |sink| {
        counts = check_sheet(sheet, mapper, catalog, |checked| {
            match checked {
                Checked::Record {
                    record,
                    issues,
                    valid,
                    ..
                } => {
                    issues.iter().for_each(&mut issue);
                    // An invalid record keeps the JSON as far as mapping got, so the person
                    // sees what would have gone; the runner never takes a held record.
                    let payload =
                        serde_json::Value::Object(record_json(catalog, mapper.fields(), record));
                    let new = NewRecord {
                        source_row: record.row,
                        identifier: record.values[mapper.identifier()].trim().to_string(),
                        payload: payload.to_string(),
                        manager: manager
                            .map(|i| record.values[i].trim())
                            .filter(|m| !m.is_empty())
                            .map(str::to_owned),
                    };
                    if let Some(keys) = &mut other_keys {
                        keys.note(record, &new.identifier, new.manager.as_deref());
                    }
                    if valid {
                        sink.add(&new)?;
                    } else {
                        let (code, message) = held_reason(issues);
                        sink.hold(&new, code, &message)?;
                    }
                }
                Checked::Late(late) => issue(&late),
                Checked::Skipped { .. } => {}
            }
            Ok::<(), CreateError>(())
        })?;
        Ok::<(), CreateError>(())
    })?;
    if let Some(keys) = other_keys {
        store.set_managers(job, &keys.translated())?;
    }
    Ok(Created { job, counts })
}

/// The code and message a held row is journaled with: its first error, the message naming
/// the column so it can be read without the issue list.
pub(crate) fn held_reason(issues: &[Issue]) -> (&'static str, String) {
    match issues.iter().find(|i| i.severity == Severity::Error) {
        Some(first) => (first.code, message_with_column(first)),
        None => (
            "invalid",
            "the record did not pass validation; `muster validate` lists why".to_owned(),
        ),
    }
}

/// `issue`'s message, led by its column (or field) unless the message names it already.
pub(crate) fn message_with_column(issue: &Issue) -> String {
    let place = if issue.column.is_empty() {
        &issue.field
    } else {
        &issue.column
    };
    if place.is_empty() || issue.message.contains(&format!("\"{place}\"")) {
        issue.message.clone()
    } else {
        format!("column \"{place}\": {}", issue.message)
    }
}

//! `jobs retry ID --file FIXED`: every row of a fixed file mapped and validated with the
//! job's saved profile, then matched back to the job's record: by its `Muster row` when the
//! file has that column (the failed-rows file of `jobs export`), else by its identifier.
//!
//! - A record that failed at the target, was held back or was never sent takes the row's
//!   values when the row is now valid, and goes (back) to pending. An invalid row is
//!   reported with its issues and changes nothing.
//! - A record that is settled (created, updated, skipped, unchanged) is left alone: the row
//!   is "already done".
//! - A row that matches no record is reported and never sent: only the job's own records go.
//!
//! Nothing is sent twice: records in flight make the whole retry refuse (resume settles them
//! first), each record takes at most one row, every change is one transaction guarded by
//! the record's state, and the job is claimed meanwhile so no runner sends from under it.

use std::collections::HashMap;

use serde::Serialize;

use super::{MUSTER_ROW, RetryError, column_index};
use crate::job::create::message_with_column;
use crate::mapping::{Mapper, Record};
use crate::sheet::Sheet;
use crate::store::retry::{Entry, Replacement, Standing};
use crate::store::{Store, StoreError, this_process};
use crate::target::catalog::Catalog;
use crate::target::payload::record_json;
use crate::validate::{Checked, Issue, Severity, check_sheet, manager_field};

/// What a retry from a fixed file did, row by row (rows are the fixed file's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FixReport {
    pub job: i64,
    /// Rows whose record took the row's values and is pending now.
    pub queued: Vec<Matched>,
    /// Rows that match a record to fix but are not valid yet.
    pub still_invalid: Vec<StillInvalid>,
    /// Rows whose record is settled already; left alone.
    pub already_done: Vec<Matched>,
    /// Rows that match no record of the job (or several); never sent.
    pub not_in_job: Vec<NotInJob>,
    /// Rows the profile's skip rules leave out.
    pub skipped: Vec<u64>,
}

/// A row of the fixed file and the record it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    pub file_row: u64,
    /// The record's row in the job's source file.
    pub source_row: u64,
    pub identifier: String,
    /// Where the record stood before the retry.
    pub was: Standing,
}

/// A row that would fix a record, but still has errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StillInvalid {
    pub file_row: u64,
    pub source_row: u64,
    pub identifier: String,
    /// The errors, each naming the fixed file's row and column.
    pub issues: Vec<Issue>,
}

/// A row that stands for no record of the job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotInJob {
    pub file_row: u64,
    pub identifier: String,
    /// Why it matched nothing, in a sentence.
    pub reason: String,
}

/// Matches every row of `sheet` (the fixed file, opened for the job's profile and bound to
/// `mapper`) to job `job`'s records and puts the fixed ones back to pending. Sends nothing:
/// the caller runs the job afterwards, as resume does.
pub fn fix_from_sheet(
    store: &mut Store,
    job: i64,
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
) -> Result<FixReport, RetryError> {
    let in_flight = store.counts(job)?.in_flight;
    // `counts` of a job that does not exist is all zeros; this says "no job" instead.
    store.job(job)?;
    if in_flight > 0 {
        return Err(RetryError::InFlight {
            job,
            count: in_flight,
        });
    }
    let owner = this_process();
    store.claim(job, &owner)?;
    let result = match_and_requeue(store, job, sheet, mapper, catalog);
    // The retry's own error matters more than a failure to let go of the claim.
    let released = store.release(job, &owner);
    let report = result?;
    released?;
    Ok(report)
}

fn match_and_requeue(
    store: &mut Store,
    job: i64,
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
) -> Result<FixReport, RetryError> {
    let mut matcher = Matcher {
        store,
        job,
        mapper,
        catalog,
        muster_row: column_index(sheet.columns(), MUSTER_ROW),
        manager: manager_field(catalog, mapper),
        taken: HashMap::new(),
        replacements: Vec::new(),
        report: FixReport {
            job,
            ..FixReport::default()
        },
    };
    check_sheet(sheet, mapper, catalog, |checked| {
        match checked {
            Checked::Record {
                row,
                record,
                issues,
                valid,
            } => {
                let cell = matcher.muster_row.map(|i| row.cell(i).trim().to_owned());
                matcher.row(
                    record,
                    cell.as_deref().filter(|c| !c.is_empty()),
                    issues,
                    valid,
                )?;
            }
            Checked::Skipped { row, .. } => matcher.report.skipped.push(row.number),
            // Cross-record warnings of the fixed file alone (a manager in the original file
            // but not in the fixed one) say nothing about the job.
            Checked::Late(_) => {}
        }
        Ok::<(), RetryError>(())
    })?;
    let Matcher {
        replacements,
        mut report,
        ..
    } = matcher;
    let took = store.requeue(job, &replacements)?;
    let queued = std::mem::take(&mut report.queued);
    for (matched, took) in queued.into_iter().zip(took) {
        if took {
            report.queued.push(matched);
        } else {
            report.not_in_job.push(NotInJob {
                file_row: matched.file_row,
                identifier: matched.identifier,
                reason: format!(
                    "row {} of job {job} changed while the file was read; run the retry again",
                    matched.source_row
                ),
            });
        }
    }
    Ok(report)
}

/// The state of one matching pass over a fixed file.
struct Matcher<'a> {
    store: &'a Store,
    job: i64,
    mapper: &'a Mapper,
    catalog: &'a Catalog,
    /// The `Muster row` column of the fixed file, when it has one.
    muster_row: Option<usize>,
    manager: Option<usize>,
    /// Records matched so far, and by which row: each record takes one row at most.
    taken: HashMap<i64, u64>,
    replacements: Vec<Replacement>,
    report: FixReport,
}

impl Matcher<'_> {
    fn row(
        &mut self,
        record: &Record,
        muster_row: Option<&str>,
        issues: &[Issue],
        valid: bool,
    ) -> Result<(), RetryError> {
        let job = self.job;
        let file_row = record.row;
        let identifier = record.values[self.mapper.identifier()].trim().to_owned();
        let entry = match self.find(muster_row, &identifier)? {
            Ok(entry) => entry,
            Err(reason) => {
                self.report.not_in_job.push(NotInJob {
                    file_row,
                    identifier,
                    reason,
                });
                return Ok(());
            }
        };
        let matched = Matched {
            file_row,
            source_row: entry.source_row,
            identifier: identifier.clone(),
            was: entry.standing,
        };
        match entry.standing {
            // Counted as none before the claim; another process sent it meanwhile.
            Standing::InFlight => return Err(RetryError::InFlight { job, count: 1 }),
            standing if !standing.can_be_fixed() => {
                self.report.already_done.push(matched);
                return Ok(());
            }
            _ => {}
        }
        let mut errors: Vec<Issue> = issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .cloned()
            .collect();
        if let Some(&earlier) = self.taken.get(&entry.id) {
            // Said first: it explains the duplicate identifier the validator may report too.
            errors.insert(0, self.identifier_issue(
                file_row,
                &identifier,
                "duplicate_row",
                format!(
                    "row {file_row} stands for row {} of job {job}, as row {earlier} does; keep one of the two",
                    entry.source_row
                ),
            ));
        } else if valid
            && !identifier.is_empty()
            && let Some(other) = self.store.identifier_taken(job, &identifier, entry.id)?
        {
            let field = &self.mapper.fields()[self.mapper.identifier()].target;
            errors.push(self.identifier_issue(
                file_row,
                &identifier,
                "duplicate_identifier",
                format!(
                    "\"{identifier}\" is already the {field} of row {other} of job {job}; every record needs its own."
                ),
            ));
        }
        self.taken.entry(entry.id).or_insert(file_row);
        if !valid || !errors.is_empty() {
            self.report.still_invalid.push(StillInvalid {
                file_row,
                source_row: entry.source_row,
                identifier,
                issues: errors,
            });
            return Ok(());
        }
        let payload =
            serde_json::Value::Object(record_json(self.catalog, self.mapper.fields(), record));
        self.replacements.push(Replacement {
            record: entry.id,
            identifier,
            payload: payload.to_string(),
            manager: self
                .manager
                .map(|i| record.values[i].trim())
                .filter(|m| !m.is_empty())
                .map(str::to_owned),
        });
        self.report.queued.push(matched);
        Ok(())
    }

    /// The record a row stands for, or why there is none.
    fn find(
        &self,
        muster_row: Option<&str>,
        identifier: &str,
    ) -> Result<Result<Entry, String>, StoreError> {
        let job = self.job;
        if let Some(cell) = muster_row {
            let Ok(number) = cell.parse::<u64>() else {
                return Ok(Err(format!(
                    "its {MUSTER_ROW} \"{cell}\" is not a row number"
                )));
            };
            return Ok(self
                .store
                .entry_at(job, number)?
                .ok_or_else(|| format!("job {job} has no record from row {number}")));
        }
        if identifier.is_empty() {
            return Ok(Err(format!(
                "it has no identifier and no {MUSTER_ROW} to find its record by"
            )));
        }
        let entries = self.store.entries_with_identifier(job, identifier)?;
        let fixable: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.standing.can_be_fixed())
            .collect();
        Ok(match (fixable.as_slice(), entries.first()) {
            ([one], _) => Ok((*one).clone()),
            ([], Some(first)) => Ok(first.clone()),
            ([], None) => Err(format!(
                "no record of job {job} has the identifier \"{identifier}\""
            )),
            (several, _) => Err(format!(
                "the identifier \"{identifier}\" stands for rows {} of job {job}; add a \"{MUSTER_ROW}\" column saying which (the failed-rows file of `muster jobs export {job}` has one)",
                several
                    .iter()
                    .map(|e| e.source_row.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        })
    }

    fn identifier_issue(
        &self,
        file_row: u64,
        identifier: &str,
        code: &'static str,
        message: String,
    ) -> Issue {
        let field = &self.mapper.fields()[self.mapper.identifier()];
        Issue {
            row: file_row,
            column: field.column.clone().unwrap_or_default(),
            field: field.target.clone(),
            severity: Severity::Error,
            code,
            message,
            value: identifier.to_owned(),
        }
    }
}

/// `issue`'s message as a person reads it in a retry report: naming its column.
pub fn issue_message(issue: &Issue) -> String {
    message_with_column(issue)
}

//! The journal as `jobs export` and `jobs retry --file` see it: every record of a job with
//! where it stands (held rows included), looked up by source row or identifier, and the one
//! change a fixed row may make: a record that failed at the target or was held back gets a
//! new payload and goes back to pending.
//!
//! Nothing here touches a record that is in flight (`sending`): its request may have
//! arrived, and only resume may find out.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError};
use crate::job::Outcome;

/// Where a journaled record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Never sent, or back from a batch that surely did not arrive.
    Pending,
    /// In a batch whose fate only resume can find out.
    InFlight,
    /// Settled with this outcome.
    Settled(Outcome),
    /// Held back by validation; never sent.
    Held,
}

impl Standing {
    /// The word a person reads in `results.csv`.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Pending => "pending",
            Standing::InFlight => "in flight",
            Standing::Settled(outcome) => outcome.as_str(),
            Standing::Held => "held back",
        }
    }

    /// Whether a fixed row may replace the record: it failed at the target, was held back,
    /// or was never sent.
    pub fn can_be_fixed(self) -> bool {
        matches!(
            self,
            Standing::Pending | Standing::Held | Standing::Settled(Outcome::Failed)
        )
    }

    /// Whether the record needs a person: it failed at the target or was held back.
    pub fn needs_fixing(self) -> bool {
        matches!(self, Standing::Held | Standing::Settled(Outcome::Failed))
    }
}

/// One journaled record without its payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub source_row: u64,
    pub identifier: String,
    pub standing: Standing,
    pub target_id: Option<String>,
    /// The target's code, or for a held row the code of its first validation error.
    pub code: Option<String>,
    /// The target's message, or for a held row its first validation error.
    pub message: Option<String>,
}

/// A fixed row's replacement for a record (see [`Store::requeue`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub record: i64,
    pub identifier: String,
    pub payload: String,
    pub manager: Option<String>,
}

pub(super) const ENTRY_COLUMNS: &str =
    "id, source_row, identifier, state, outcome, target_id, error_code, error_message";

/// An entry row; the outer error is SQLite's, the inner one a state this Muster cannot read.
pub(super) fn read_entry(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Entry, StoreError>> {
    let state: String = row.get(3)?;
    let outcome: Option<String> = row.get(4)?;
    let standing = match (state.as_str(), outcome.as_deref().map(Outcome::parse)) {
        ("pending", _) => Standing::Pending,
        ("sending", _) => Standing::InFlight,
        ("held", _) => Standing::Held,
        (_, Some(Some(outcome))) => Standing::Settled(outcome),
        (state, outcome) => {
            return Ok(Err(StoreError::Corrupt(format!(
                "record state \"{state}\" with outcome {outcome:?}"
            ))));
        }
    };
    Ok(Ok(Entry {
        id: row.get(0)?,
        source_row: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
        identifier: row.get(2)?,
        standing,
        target_id: row.get(5)?,
        code: row.get(6)?,
        message: row.get(7)?,
    }))
}

impl Store {
    /// Hands every record of `job`, held rows included, to `each` in source order, without
    /// holding the journal in memory.
    pub fn for_each_entry<E: From<StoreError>>(
        &self,
        job: i64,
        mut each: impl FnMut(Entry) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut query = self
            .db
            .prepare(&format!(
                "SELECT {ENTRY_COLUMNS} FROM records WHERE job_id = ?1 ORDER BY source_row"
            ))
            .map_err(StoreError::from)?;
        let rows = query
            .query_map([job], read_entry)
            .map_err(StoreError::from)?;
        for row in rows {
            each(row.map_err(StoreError::from)??)?;
        }
        Ok(())
    }

    /// The record of `job` from source row `source_row`, if any.
    pub fn entry_at(&self, job: i64, source_row: u64) -> Result<Option<Entry>, StoreError> {
        let row = i64::try_from(source_row).unwrap_or(i64::MAX);
        self.db
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM records WHERE job_id = ?1 AND source_row = ?2"
            ))?
            .query_row(params![job, row], read_entry)
            .optional()?
            .transpose()
    }

    /// The records of `job` with `identifier`, in source order (a file may hold an
    /// identifier twice: the second row is then held back as a duplicate).
    pub fn entries_with_identifier(
        &self,
        job: i64,
        identifier: &str,
    ) -> Result<Vec<Entry>, StoreError> {
        let mut query = self.db.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM records WHERE job_id = ?1 AND identifier = ?2
             ORDER BY source_row"
        ))?;
        let rows = query.query_map(params![job, identifier], read_entry)?;
        rows.map(|row| row?).collect()
    }

    /// The source row of a record of `job` other than `except` that will reach (or reached)
    /// the target with `identifier`: a fixed row must not take an identifier another record
    /// has. Held rows do not count, since they are never sent as they stand.
    pub fn identifier_taken(
        &self,
        job: i64,
        identifier: &str,
        except: i64,
    ) -> Result<Option<u64>, StoreError> {
        let row: Option<i64> = self
            .db
            .prepare_cached(
                "SELECT source_row FROM records WHERE job_id = ?1 AND identifier = ?2 AND id != ?3
                 AND state != 'held' ORDER BY source_row LIMIT 1",
            )?
            .query_row(params![job, identifier, except], |row| row.get(0))
            .optional()?;
        Ok(row.map(|r| u64::try_from(r).unwrap_or(0)))
    }

    /// Gives each record its replacement and sets it pending, outcome cleared, in one
    /// transaction. Only records that failed at the target, were held back or are still
    /// pending change; one in flight or settled otherwise is left exactly as it is. Returns,
    /// for each replacement in order, whether it took.
    pub fn requeue(
        &mut self,
        job: i64,
        replacements: &[Replacement],
    ) -> Result<Vec<bool>, StoreError> {
        let tx = self
            .db
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut took = Vec::with_capacity(replacements.len());
        {
            // The plan made before sending was for the old payload: it is made again.
            let mut update = tx.prepare(
                "UPDATE records SET state = 'pending', batch_id = NULL, outcome = NULL,
                     target_id = NULL, error_code = NULL, error_message = NULL,
                     planned = NULL, planned_target_id = NULL,
                     identifier = ?3, payload = ?4, manager = ?5
                 WHERE id = ?1 AND job_id = ?2
                     AND (state IN ('pending', 'held') OR (state = 'done' AND outcome = 'failed'))",
            )?;
            for fix in replacements {
                took.push(
                    update.execute(params![
                        fix.record,
                        job,
                        fix.identifier,
                        fix.payload,
                        fix.manager
                    ])? == 1,
                );
            }
        }
        tx.execute(
            "UPDATE jobs SET updated_at = ?2 WHERE id = ?1",
            params![job, super::now()],
        )?;
        tx.commit()?;
        Ok(took)
    }
}

//! The journal: intent before a batch leaves, outcome after it settles. Each step is one
//! transaction, committed to disk before the next network call, so a crash at any moment
//! leaves every record either pending (surely not sent), in a batch whose fate resume
//! must find out (`in_flight`), or settled with its outcome.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, now};
use crate::job::{Outcome, RecordOutcome};

pub type BatchId = i64;

/// A journaled record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredRecord {
    pub id: i64,
    pub source_row: u64,
    pub identifier: String,
    pub payload: String,
    pub attempts: u32,
    pub outcome: Option<RecordOutcome>,
}

/// A batch whose fate is not known yet: it was about to leave, or left and was accepted
/// under `remote_id` but not settled.
#[derive(Debug, Clone)]
pub struct InFlight {
    pub batch: BatchId,
    pub remote_id: Option<String>,
    pub records: Vec<StoredRecord>,
}

pub(super) const RECORD_COLUMNS: &str =
    "id, source_row, identifier, payload, attempts, outcome, target_id, error_code, error_message";

pub(super) fn read_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRecord> {
    let outcome: Option<String> = row.get(5)?;
    Ok(StoredRecord {
        id: row.get(0)?,
        source_row: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
        identifier: row.get(2)?,
        payload: row.get(3)?,
        attempts: u32::try_from(row.get::<_, i64>(4)?).unwrap_or(u32::MAX),
        outcome: outcome
            .as_deref()
            .and_then(Outcome::parse)
            .map(|outcome| -> rusqlite::Result<RecordOutcome> {
                Ok(RecordOutcome {
                    outcome,
                    target_id: row.get(6)?,
                    code: row.get(7)?,
                    message: row.get(8)?,
                })
            })
            .transpose()?,
    })
}

/// The first `?2` pending records of job `?1` whose manager is not a pending or in-flight
/// record of the job, in source order.
///
/// The scan walks `records_pending` (job, state, source row), so it starts at the first
/// pending record without sorting, and looks each candidate's manager up in
/// `records_by_identifier`. The `+` in `+m.state` keeps SQLite from choosing
/// `records_pending` for the manager too, which would read every pending record for each
/// candidate (a store unit test checks the plan).
pub(super) fn ready_query() -> String {
    format!(
        "SELECT {RECORD_COLUMNS} FROM records r
         WHERE r.job_id = ?1 AND r.state = 'pending'
           AND (r.manager IS NULL OR NOT EXISTS (
               SELECT 1 FROM records m
               WHERE m.job_id = ?1 AND m.identifier = r.manager
                 AND +m.state IN ('pending', 'sending') AND m.id <> r.id))
         ORDER BY r.source_row LIMIT ?2"
    )
}

/// The first `?2` pending records of job `?1` in source order, managers or not.
pub(super) fn in_order_query() -> String {
    format!(
        "SELECT {RECORD_COLUMNS} FROM records WHERE job_id = ?1 AND state = 'pending'
         ORDER BY source_row LIMIT ?2"
    )
}

impl Store {
    /// The next records that were never sent (or came back from a batch that surely did
    /// not arrive), in source order, managers before the people who report to them: a
    /// record whose `manager` names another record of the job that is still pending or in
    /// flight waits, so that SCIM can resolve `manager.value` when the report arrives. When
    /// every pending record waits on another (a cycle: A manages B manages A), plain source
    /// order, so that the job never stalls (see [`ready_query`] for what it costs).
    pub fn pending(&self, job: i64, limit: usize) -> Result<Vec<StoredRecord>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut ready = self.db.prepare_cached(&ready_query())?;
        let records: Vec<StoredRecord> = ready
            .query_map(params![job, limit], read_record)?
            .collect::<Result<_, _>>()?;
        if !records.is_empty() {
            return Ok(records);
        }
        let mut any = self.db.prepare_cached(&in_order_query())?;
        let records = any
            .query_map(params![job, limit], read_record)?
            .collect::<Result<_, _>>()?;
        Ok(records)
    }

    /// Records the intent to send `records` as one batch; call before the request leaves.
    pub fn begin_batch(&mut self, job: i64, records: &[i64]) -> Result<BatchId, StoreError> {
        let tx = self.db.transaction()?;
        tx.prepare_cached(
            "INSERT INTO batches (job_id, state, created_at) VALUES (?1, 'sending', ?2)",
        )?
        .execute(params![job, now()])?;
        let batch = tx.last_insert_rowid();
        {
            let mut mark = tx.prepare_cached(
                "UPDATE records SET state = 'sending', batch_id = ?2, attempts = attempts + 1
                 WHERE id = ?1 AND job_id = ?3 AND state = 'pending'",
            )?;
            for id in records {
                mark.execute(params![id, batch, job])?;
            }
        }
        tx.prepare_cached("UPDATE jobs SET status = 'running', updated_at = ?2 WHERE id = ?1")?
            .execute(params![job, now()])?;
        tx.commit()?;
        Ok(batch)
    }

    /// The target accepted the batch and will work on it under `remote_id` (Auth0's job id,
    /// Authgear's task id): resume polls it instead of sending again.
    pub fn batch_submitted(&self, batch: BatchId, remote_id: &str) -> Result<(), StoreError> {
        self.db.execute(
            "UPDATE batches SET state = 'submitted', remote_id = ?2 WHERE id = ?1",
            params![batch, remote_id],
        )?;
        Ok(())
    }

    /// Settles a batch: each record gets its outcome (records of the batch missing from
    /// `outcomes` go back to pending, to be sent again).
    pub fn finish_batch(
        &mut self,
        batch: BatchId,
        outcomes: &[(i64, RecordOutcome)],
    ) -> Result<(), StoreError> {
        self.settle(batch, outcomes, false)
    }

    /// Journals the outcomes of some records of a batch and leaves the others in flight
    /// with it: one of their requests may have arrived, so the next run asks the target
    /// about them (`in_flight`, then `Target::reconcile`) before sending any again.
    pub fn settle_part(
        &mut self,
        batch: BatchId,
        outcomes: &[(i64, RecordOutcome)],
    ) -> Result<(), StoreError> {
        self.settle(batch, outcomes, true)
    }

    fn settle(
        &mut self,
        batch: BatchId,
        outcomes: &[(i64, RecordOutcome)],
        keep_open: bool,
    ) -> Result<(), StoreError> {
        let tx = self.db.transaction()?;
        {
            let mut settle = tx.prepare_cached(
                "UPDATE records SET state = 'done', outcome = ?2, target_id = ?3, error_code = ?4, error_message = ?5
                 WHERE id = ?1 AND batch_id = ?6",
            )?;
            for (id, outcome) in outcomes {
                settle.execute(params![
                    id,
                    outcome.outcome.as_str(),
                    outcome.target_id,
                    outcome.code,
                    outcome.message,
                    batch
                ])?;
            }
        }
        if !keep_open {
            tx.prepare_cached(
                "UPDATE records SET state = 'pending', batch_id = NULL WHERE batch_id = ?1 AND state = 'sending'",
            )?
            .execute([batch])?;
        }
        // The batch is done once none of its records is left in flight.
        tx.prepare_cached(
            "UPDATE batches SET state = 'done', finished_at = ?2 WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM records WHERE batch_id = ?1 AND state = 'sending')",
        )?
        .execute(params![batch, now()])?;
        tx.commit()?;
        Ok(())
    }

    /// Puts a batch's records back to pending: the request surely did not arrive (refused
    /// before sending, 429, connection never made).
    pub fn release_batch(&mut self, batch: BatchId) -> Result<(), StoreError> {
        self.finish_batch(batch, &[])
    }

    /// Batches of the job whose fate is unknown, oldest first, with their records.
    pub fn in_flight(&self, job: i64) -> Result<Vec<InFlight>, StoreError> {
        let mut batches = self.db.prepare(
            "SELECT id, remote_id FROM batches WHERE job_id = ?1 AND state IN ('sending', 'submitted') ORDER BY id",
        )?;
        let found: Vec<(BatchId, Option<String>)> = batches
            .query_map([job], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut records = self.db.prepare(&format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE batch_id = ?1 AND state = 'sending' ORDER BY source_row"
        ))?;
        found
            .into_iter()
            .map(|(batch, remote_id)| {
                let records = records
                    .query_map([batch], read_record)?
                    .collect::<Result<_, _>>()?;
                Ok(InFlight {
                    batch,
                    remote_id,
                    records,
                })
            })
            .collect()
    }

    /// Sends failed records again on the next run: back to pending, outcome cleared.
    /// Returns how many.
    pub fn retry_failed(&self, job: i64) -> Result<usize, StoreError> {
        // A run elsewhere would send them behind the person's back.
        self.refuse_if_at_work_elsewhere(job)?;
        Ok(self.db.execute(
            "UPDATE records SET state = 'pending', batch_id = NULL, outcome = NULL, target_id = NULL,
                 error_code = NULL, error_message = NULL
             WHERE job_id = ?1 AND state = 'done' AND outcome = 'failed'",
            [job],
        )?)
    }

    /// Replaces the payload of a pending record (a corrected row from a fixed file).
    pub fn replace_payload(
        &self,
        job: i64,
        source_row: u64,
        payload: &str,
    ) -> Result<bool, StoreError> {
        let row = i64::try_from(source_row).unwrap_or(i64::MAX);
        Ok(self.db.execute(
            "UPDATE records SET payload = ?3 WHERE job_id = ?1 AND source_row = ?2 AND state = 'pending'",
            params![job, row, payload],
        )? == 1)
    }

    /// Every record of the job to send with its outcome, in source order; only those with
    /// `outcome` when given. Rows held back by validation are not among them
    /// (`Store::for_each_entry` lists those too).
    pub fn records(
        &self,
        job: i64,
        outcome: Option<Outcome>,
    ) -> Result<Vec<StoredRecord>, StoreError> {
        let mut query = self.db.prepare(&format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE job_id = ?1 AND (?2 IS NULL OR outcome = ?2)
             AND state != 'held' ORDER BY source_row"
        ))?;
        let records = query
            .query_map(params![job, outcome.map(Outcome::as_str)], read_record)?
            .collect::<Result<_, _>>()?;
        Ok(records)
    }

    /// The record of `job` on `source_row`, if any.
    pub fn record_at(&self, job: i64, source_row: u64) -> Result<Option<StoredRecord>, StoreError> {
        let row = i64::try_from(source_row).unwrap_or(i64::MAX);
        Ok(self
            .db
            .query_row(
                &format!(
                    "SELECT {RECORD_COLUMNS} FROM records WHERE job_id = ?1 AND source_row = ?2"
                ),
                params![job, row],
                read_record,
            )
            .optional()?)
    }
}

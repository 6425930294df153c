//! Jobs: what is pushed where, with which profile and policy, and how far it got.

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::lease::claim_holds;
use super::{Store, StoreError, now};
use crate::job::{Outcome, Policy};

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    /// Records journaled, nothing sent yet.
    Planned,
    /// A process is sending it now. A job whose status says running but whose claim no
    /// live process holds (the app or the CLI was killed mid-push) reads as
    /// [`JobStatus::Interrupted`]: resume goes on with it.
    Running,
    /// Stopped between batches by the person; `resume` goes on.
    Cancelled,
    /// Stopped by an error (network, credentials) or with its process; `resume` goes on.
    Interrupted,
    /// Every record has its outcome.
    Finished,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Planned => "planned",
            JobStatus::Running => "running",
            JobStatus::Cancelled => "cancelled",
            JobStatus::Interrupted => "interrupted",
            JobStatus::Finished => "finished",
        }
    }

    fn parse(text: &str) -> Result<JobStatus, StoreError> {
        Ok(match text {
            "planned" => JobStatus::Planned,
            "running" => JobStatus::Running,
            "cancelled" => JobStatus::Cancelled,
            "interrupted" => JobStatus::Interrupted,
            "finished" => JobStatus::Finished,
            other => return Err(StoreError::Corrupt(format!("job status \"{other}\""))),
        })
    }
}

/// A job to create.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub source: &'a str,
    pub profile: &'a str,
    pub target_kind: &'a str,
    pub connection: &'a str,
    pub policy: Policy,
}

/// A record to journal: its source row, its identifier and the JSON the target receives.
#[derive(Debug, Clone)]
pub struct NewRecord {
    pub source_row: u64,
    pub identifier: String,
    pub payload: String,
    /// The identifier of the record's manager as the file names it, when it has one.
    pub manager: Option<String>,
}

/// How many records of a job stand where. `total` counts the records to send (pending, in
/// flight or settled); rows held back by validation are journaled too but counted apart,
/// in `held_back`, since nothing sends them until a fixed file replaces them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct JobCounts {
    pub total: u64,
    pub pending: u64,
    pub in_flight: u64,
    pub created: u64,
    pub updated: u64,
    pub skipped: u64,
    pub unchanged: u64,
    pub failed: u64,
    /// Rows that failed validation, journaled with their first error and never sent.
    pub held_back: u64,
}

impl JobCounts {
    /// Records with an outcome.
    pub fn done(&self) -> u64 {
        self.created + self.updated + self.skipped + self.unchanged + self.failed
    }
}

/// Where a new job's records go, one at a time (see [`Store::create_job_with`]).
pub struct RecordSink<'t> {
    job: i64,
    insert: rusqlite::Statement<'t>,
    hold: rusqlite::Statement<'t>,
}

impl RecordSink<'_> {
    /// Journals a record to send.
    pub fn add(&mut self, record: &NewRecord) -> Result<(), StoreError> {
        let row = i64::try_from(record.source_row).unwrap_or(i64::MAX);
        self.insert.execute(params![
            self.job,
            row,
            record.identifier,
            record.payload,
            record.manager
        ])?;
        Ok(())
    }

    /// Journals a record that validation held back (state `held`: the runner never takes
    /// it), with the code and message of its first error, so that `jobs show`, `jobs export`
    /// and `jobs retry --file` know it without the source file.
    pub fn hold(
        &mut self,
        record: &NewRecord,
        code: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        let row = i64::try_from(record.source_row).unwrap_or(i64::MAX);
        self.hold.execute(params![
            self.job,
            row,
            record.identifier,
            record.payload,
            record.manager,
            code,
            message
        ])?;
        Ok(())
    }
}

/// A job as the store holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub id: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub source: String,
    pub profile: String,
    pub target_kind: String,
    pub connection: String,
    pub policy: Policy,
    pub status: JobStatus,
    pub owner: Option<String>,
    pub counts: JobCounts,
}

impl Store {
    /// Sets the manager of records by source row to the manager's identifier (managers
    /// named by another key, see `job::create_job`), in one transaction.
    pub fn set_managers(&mut self, job: i64, managers: &[(u64, String)]) -> Result<(), StoreError> {
        let tx = self.db.transaction()?;
        {
            let mut update = tx.prepare_cached(
                "UPDATE records SET manager = ?3 WHERE job_id = ?1 AND source_row = ?2",
            )?;
            for (row, manager) in managers {
                let row = i64::try_from(*row).unwrap_or(i64::MAX);
                update.execute(params![job, row, manager])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Creates a job with all its records, in one transaction: either the whole plan is in
    /// the journal or none of it.
    pub fn create_job(
        &mut self,
        job: &NewJob<'_>,
        records: impl IntoIterator<Item = NewRecord>,
    ) -> Result<i64, StoreError> {
        self.create_job_with(job, |sink| {
            records.into_iter().try_for_each(|record| sink.add(&record))
        })
    }

    /// Creates a job whose records `fill` hands to the sink one at a time (a file of a
    /// million rows is journaled without holding it in memory), in one transaction: if
    /// `fill` fails, no job is created.
    pub fn create_job_with<E: From<StoreError>>(
        &mut self,
        job: &NewJob<'_>,
        fill: impl FnOnce(&mut RecordSink<'_>) -> Result<(), E>,
    ) -> Result<i64, E> {
        let tx = self.db.transaction().map_err(StoreError::from)?;
        let at = now();
        tx.execute(
            "INSERT INTO jobs (created_at, updated_at, source, profile, target_kind, connection, policy, status)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, 'planned')",
            params![
                at,
                job.source,
                job.profile,
                job.target_kind,
                job.connection,
                job.policy.as_str()
            ],
        )
        .map_err(StoreError::from)?;
        let id = tx.last_insert_rowid();
        {
            let insert = tx
                .prepare(
                    "INSERT INTO records (job_id, source_row, identifier, payload, manager, state)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'pending')",
                )
                .map_err(StoreError::from)?;
            let hold = tx
                .prepare(
                    "INSERT INTO records (job_id, source_row, identifier, payload, manager, state, error_code, error_message)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'held', ?6, ?7)",
                )
                .map_err(StoreError::from)?;
            let mut sink = RecordSink {
                job: id,
                insert,
                hold,
            };
            fill(&mut sink)?;
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(id)
    }

    /// One job with its counts.
    pub fn job(&self, id: i64) -> Result<Job, StoreError> {
        let job = self
            .db
            .query_row(
                "SELECT id, created_at, updated_at, source, profile, target_kind, connection, policy, status, owner, owner_seen_at
                 FROM jobs WHERE id = ?1",
                [id],
                read_job,
            )
            .optional()?
            .ok_or(StoreError::NoJob(id))?;
        self.with_counts(job?)
    }

    /// Every job, newest first, with counts.
    pub fn jobs(&self) -> Result<Vec<Job>, StoreError> {
        let mut query = self.db.prepare(
            "SELECT id, created_at, updated_at, source, profile, target_kind, connection, policy, status, owner, owner_seen_at
             FROM jobs ORDER BY id DESC",
        )?;
        let jobs = query
            .query_map([], read_job)?
            .collect::<Result<Vec<_>, _>>()?;
        jobs.into_iter().map(|job| self.with_counts(job?)).collect()
    }

    pub fn set_status(&self, id: i64, status: JobStatus) -> Result<(), StoreError> {
        let changed = self.db.execute(
            "UPDATE jobs SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), now()],
        )?;
        if changed == 0 {
            return Err(StoreError::NoJob(id));
        }
        Ok(())
    }

    /// How many records of the job stand where.
    pub fn counts(&self, id: i64) -> Result<JobCounts, StoreError> {
        let mut query = self.db.prepare(
            "SELECT state, outcome, COUNT(*) FROM records WHERE job_id = ?1 GROUP BY state, outcome",
        )?;
        let mut counts = JobCounts::default();
        let rows = query.query_map([id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (state, outcome, n) = row?;
            let n = u64::try_from(n).unwrap_or(0);
            if state == "held" {
                counts.held_back += n;
                continue;
            }
            counts.total += n;
            match (state.as_str(), outcome.as_deref().and_then(Outcome::parse)) {
                ("pending", _) => counts.pending += n,
                ("sending", _) => counts.in_flight += n,
                (_, Some(Outcome::Created)) => counts.created += n,
                (_, Some(Outcome::Updated)) => counts.updated += n,
                (_, Some(Outcome::Skipped)) => counts.skipped += n,
                (_, Some(Outcome::Unchanged)) => counts.unchanged += n,
                (_, Some(Outcome::Failed)) => counts.failed += n,
                (state, outcome) => {
                    return Err(StoreError::Corrupt(format!(
                        "record state \"{state}\" with outcome {outcome:?}"
                    )));
                }
            }
        }
        Ok(counts)
    }

    fn with_counts(&self, mut job: Job) -> Result<Job, StoreError> {
        job.counts = self.counts(job.id)?;
        Ok(job)
    }
}

/// A job row; the outer error is SQLite's, the inner one a value this Muster cannot read.
/// A job left running by a process that is gone reads as interrupted.
fn read_job(row: &Row<'_>) -> rusqlite::Result<Result<Job, StoreError>> {
    let policy: String = row.get(7)?;
    let status: String = row.get(8)?;
    let owner: Option<String> = row.get(9)?;
    let seen: Option<i64> = row.get(10)?;
    let job = (|| {
        let status = match JobStatus::parse(&status)? {
            JobStatus::Running if !claim_holds(owner.as_deref(), seen) => JobStatus::Interrupted,
            status => status,
        };
        Ok(Job {
            id: row.get(0)?,
            created_at: row.get(1)?,
            updated_at: row.get(2)?,
            source: row.get(3)?,
            profile: row.get(4)?,
            target_kind: row.get(5)?,
            connection: row.get(6)?,
            policy: Policy::parse(&policy)
                .ok_or_else(|| StoreError::Corrupt(format!("policy \"{policy}\"")))?,
            status,
            owner: owner.clone(),
            counts: JobCounts::default(),
        })
    })();
    Ok(job)
}

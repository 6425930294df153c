//! The plan in the journal: what each pending record is expected to become, found by
//! looking it up at the target before anything is sent (`job::plan`). Kept per record so
//! the app's Plan screen and `muster jobs show` can list samples of each kind.

use rusqlite::params;
use serde::Serialize;

use super::journal::{RECORD_COLUMNS, read_record};
use super::{Store, StoreError, StoredRecord};
use crate::job::{Expected, Planned};

/// How many records of a job the plan expects to end each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PlanCounts {
    pub create: u64,
    pub update: u64,
    pub skip: u64,
    pub unchanged: u64,
    pub decided: u64,
}

impl PlanCounts {
    pub fn of(&self, expected: Expected) -> u64 {
        match expected {
            Expected::Create => self.create,
            Expected::Update => self.update,
            Expected::Skip => self.skip,
            Expected::Unchanged => self.unchanged,
            Expected::Decided => self.decided,
        }
    }

    fn slot(&mut self, expected: Expected) -> &mut u64 {
        match expected {
            Expected::Create => &mut self.create,
            Expected::Update => &mut self.update,
            Expected::Skip => &mut self.skip,
            Expected::Unchanged => &mut self.unchanged,
            Expected::Decided => &mut self.decided,
        }
    }

    pub fn total(&self) -> u64 {
        Expected::ALL.into_iter().map(|e| self.of(e)).sum()
    }
}

/// One record shown as an example of its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSample {
    pub expected: Expected,
    pub source_row: u64,
    pub identifier: String,
    pub target_id: Option<String>,
}

impl Store {
    /// The next `limit` pending records after record id `after`, in journal order: the
    /// pages the plan looks up.
    pub fn pending_after(
        &self,
        job: i64,
        after: i64,
        limit: usize,
    ) -> Result<Vec<StoredRecord>, StoreError> {
        let mut query = self.db.prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM records
             WHERE job_id = ?1 AND state = 'pending' AND id > ?2 ORDER BY id LIMIT ?3"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let records = query
            .query_map(params![job, after, limit], read_record)?
            .collect::<Result<_, _>>()?;
        Ok(records)
    }

    /// Journals the plan of some records, in one transaction.
    pub fn set_planned(&mut self, planned: &[(i64, Planned)]) -> Result<(), StoreError> {
        let tx = self.db.transaction()?;
        {
            let mut update = tx.prepare_cached(
                "UPDATE records SET planned = ?2, planned_target_id = ?3 WHERE id = ?1",
            )?;
            for (id, plan) in planned {
                update.execute(params![id, plan.expected.as_str(), plan.target_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets the plan of a job's pending records, before planning again.
    pub fn clear_plan(&mut self, job: i64) -> Result<(), StoreError> {
        self.db.execute(
            "UPDATE records SET planned = NULL, planned_target_id = NULL
             WHERE job_id = ?1 AND state = 'pending'",
            [job],
        )?;
        Ok(())
    }

    /// The job's plan: counts of each kind.
    pub fn plan_counts(&self, job: i64) -> Result<PlanCounts, StoreError> {
        let mut query = self.db.prepare_cached(
            "SELECT planned, COUNT(*) FROM records
             WHERE job_id = ?1 AND planned IS NOT NULL GROUP BY planned",
        )?;
        let mut counts = PlanCounts::default();
        let rows = query.query_map([job], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (planned, count) = row?;
            if let Some(expected) = Expected::parse(&planned) {
                *counts.slot(expected) += u64::try_from(count).unwrap_or(0);
            }
        }
        Ok(counts)
    }

    /// Up to `each` records of every kind of the job's plan, in source-row order.
    pub fn plan_samples(&self, job: i64, each: usize) -> Result<Vec<PlanSample>, StoreError> {
        let mut query = self.db.prepare_cached(
            "SELECT source_row, identifier, planned_target_id FROM records
             WHERE job_id = ?1 AND planned = ?2 ORDER BY source_row LIMIT ?3",
        )?;
        let each = i64::try_from(each).unwrap_or(i64::MAX);
        let mut samples = Vec::new();
        for expected in Expected::ALL {
            let rows = query.query_map(params![job, expected.as_str(), each], |row| {
                Ok(PlanSample {
                    expected,
                    source_row: u64::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
                    identifier: row.get(1)?,
                    target_id: row.get(2)?,
                })
            })?;
            for sample in rows {
                samples.push(sample?);
            }
        }
        Ok(samples)
    }
}

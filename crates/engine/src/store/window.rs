//! A window of a job's records for a screen: `count` records from position `start` in
//! source order, all of them or only those standing one way, with how many there are in
//! all. The desktop app's Results screen pages through a job of a million records this
//! way without reading it whole.

use rusqlite::params;

use super::retry::{ENTRY_COLUMNS, Entry, read_entry};
use super::{Store, StoreError};
use crate::job::Outcome;

/// Which records a window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    All,
    /// Not sent yet: pending, or in a batch whose outcome is not known yet.
    Unsent,
    /// Held back by validation.
    Held,
    /// Settled with this outcome.
    Settled(Outcome),
}

impl Shown {
    /// The condition on a record's `state`; its outcome, when one is asked for, is `?2`.
    fn state(self) -> &'static str {
        match self {
            Shown::All => "1",
            Shown::Unsent => "state IN ('pending', 'sending')",
            Shown::Held => "state = 'held'",
            Shown::Settled(_) => "state = 'done'",
        }
    }

    fn outcome(self) -> Option<&'static str> {
        match self {
            Shown::Settled(outcome) => Some(outcome.as_str()),
            _ => None,
        }
    }
}

/// One record of a window: where it stands, the JSON it carries, and how often it was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub entry: Entry,
    pub payload: String,
    pub attempts: u32,
}

/// A window of records and how many the view holds in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordWindow {
    pub records: Vec<Listed>,
    pub total: u64,
}

impl Store {
    /// Up to `count` records of `job` that `shown` selects, from position `start` (0-based,
    /// in source order), and how many it selects in all.
    pub fn record_window(
        &self,
        job: i64,
        shown: Shown,
        start: u64,
        count: u64,
    ) -> Result<RecordWindow, StoreError> {
        let condition = format!("{} AND (?2 IS NULL OR outcome = ?2)", shown.state());
        let outcome = shown.outcome();
        let total: i64 = self
            .db
            .prepare_cached(&format!(
                "SELECT COUNT(*) FROM records WHERE job_id = ?1 AND {condition}"
            ))?
            .query_row(params![job, outcome], |row| row.get(0))?;
        let mut query = self.db.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS}, payload, attempts FROM records
             WHERE job_id = ?1 AND {condition}
             ORDER BY source_row LIMIT ?3 OFFSET ?4"
        ))?;
        let limit = i64::try_from(count).unwrap_or(i64::MAX);
        let offset = i64::try_from(start).unwrap_or(i64::MAX);
        let rows = query.query_map(params![job, outcome, limit, offset], |row| {
            let entry = read_entry(row)?;
            let payload: String = row.get(8)?;
            let attempts = u32::try_from(row.get::<_, i64>(9)?).unwrap_or(u32::MAX);
            Ok(entry.map(|entry| Listed {
                entry,
                payload,
                attempts,
            }))
        })?;
        let records = rows
            .map(|row| row?)
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(RecordWindow {
            records,
            total: u64::try_from(total).unwrap_or(0),
        })
    }
}

#[cfg(test)]
#[path = "tests/window.rs"]
mod tests;

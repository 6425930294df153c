//! Webhook events as the listener received them (table `webhook_events`, schema V5),
//! journaled before it answers 200: a crash after the answer loses nothing, and a body
//! delivered again (the source's retry after a lost answer, or a replay) is kept once, by
//! the SHA-256 of the raw body per connection.
//!
//! An event is `received` until the applier hands it to a job (`applied`, with the job's
//! id), finds a newer change to the same user already applied (`stale`), or cannot use it
//! (`failed`).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, now};
use crate::source::webhook::Event;

/// What journaling a delivery did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// A new event, under this id.
    New(i64),
    /// The same body was received before: nothing was added.
    Duplicate,
}

/// Where an event stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventState {
    Received,
    Applied,
    Stale,
    Failed,
}

impl EventState {
    pub fn as_str(self) -> &'static str {
        match self {
            EventState::Received => "received",
            EventState::Applied => "applied",
            EventState::Stale => "stale",
            EventState::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Result<EventState, StoreError> {
        Ok(match text {
            "received" => EventState::Received,
            "applied" => EventState::Applied,
            "stale" => EventState::Stale,
            "failed" => EventState::Failed,
            other => {
                return Err(StoreError::Corrupt(format!(
                    "webhook event state \"{other}\""
                )));
            }
        })
    }
}

/// A journaled event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredEvent {
    pub id: i64,
    /// The event's name, e.g. `user.updated`.
    pub event: String,
    pub uid: String,
    /// As [`Event::occurred_at`]: fixed-width UTC, so text order is time order.
    pub occurred_at: String,
    /// The raw body as received.
    pub body: String,
    pub state: EventState,
    pub job_id: Option<i64>,
}

/// How many events of a connection stand where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EventCounts {
    pub received: u64,
    pub applied: u64,
    pub stale: u64,
    pub failed: u64,
}

const EVENT_COLUMNS: &str = "id, event, uid, occurred_at, body, state, job_id";

fn read_event(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredEvent, StoreError>> {
    let state: String = row.get(5)?;
    let state = match EventState::parse(&state) {
        Ok(state) => state,
        Err(error) => return Ok(Err(error)),
    };
    Ok(Ok(StoredEvent {
        id: row.get(0)?,
        event: row.get(1)?,
        uid: row.get(2)?,
        occurred_at: row.get(3)?,
        body: row.get(4)?,
        state,
        job_id: row.get(6)?,
    }))
}

impl Store {
    /// Journals a verified delivery of `connection` whose raw body is `body` and whose
    /// SHA-256 is `digest` (`source::webhook::digest`), unless that body was received before.
    pub fn record_event(
        &self,
        connection: &str,
        digest: &str,
        event: &Event,
        body: &[u8],
    ) -> Result<Recorded, StoreError> {
        let body = String::from_utf8_lossy(body);
        let added = self.db.execute(
            "INSERT INTO webhook_events (connection, digest, event, uid, occurred_at, body, state, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'received', ?7)
             ON CONFLICT (connection, digest) DO NOTHING",
            params![
                connection,
                digest,
                event.kind.name(),
                event.uid,
                event.occurred_at,
                body,
                now()
            ],
        )?;
        Ok(if added == 1 {
            Recorded::New(self.db.last_insert_rowid())
        } else {
            Recorded::Duplicate
        })
    }

    /// The first `limit` events of `connection` not yet applied, in the order received.
    pub fn pending_events(
        &self,
        connection: &str,
        limit: usize,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut query = self.db.prepare(&format!(
            "SELECT {EVENT_COLUMNS} FROM webhook_events
             WHERE connection = ?1 AND state = 'received' ORDER BY id LIMIT ?2"
        ))?;
        let rows = query
            .query_map(params![connection, limit], read_event)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    /// Every event of `connection`, in the order received (reports and tests).
    pub fn events(&self, connection: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let mut query = self.db.prepare(&format!(
            "SELECT {EVENT_COLUMNS} FROM webhook_events WHERE connection = ?1 ORDER BY id"
        ))?;
        let rows = query
            .query_map([connection], read_event)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    /// Sets the state (and the job that applied them, if any) of events, in one transaction.
    pub fn mark_events(
        &mut self,
        ids: &[i64],
        state: EventState,
        job_id: Option<i64>,
    ) -> Result<(), StoreError> {
        let tx = self.db.transaction()?;
        {
            let mut update = tx.prepare_cached(
                "UPDATE webhook_events SET state = ?2, job_id = ?3 WHERE id = ?1",
            )?;
            for id in ids {
                update.execute(params![id, state.as_str(), job_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The jobs that applied events of `connection`, oldest first.
    pub fn event_jobs(&self, connection: &str) -> Result<Vec<i64>, StoreError> {
        let mut query = self.db.prepare(
            "SELECT DISTINCT job_id FROM webhook_events
             WHERE connection = ?1 AND job_id IS NOT NULL ORDER BY job_id",
        )?;
        let jobs = query
            .query_map([connection], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(jobs)
    }

    /// When the newest change to `uid` that was applied happened, if one was.
    pub fn latest_applied(
        &self,
        connection: &str,
        uid: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .db
            .query_row(
                "SELECT MAX(occurred_at) FROM webhook_events
                 WHERE connection = ?1 AND uid = ?2 AND state = 'applied'",
                params![connection, uid],
                |row| row.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
    }

    /// How many events of `connection` stand in each state.
    pub fn event_counts(&self, connection: &str) -> Result<EventCounts, StoreError> {
        let mut query = self.db.prepare(
            "SELECT state, COUNT(*) FROM webhook_events WHERE connection = ?1 GROUP BY state",
        )?;
        let rows = query
            .query_map([connection], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut counts = EventCounts::default();
        for (state, n) in rows {
            let n = u64::try_from(n).unwrap_or(0);
            match EventState::parse(&state)? {
                EventState::Received => counts.received = n,
                EventState::Applied => counts.applied = n,
                EventState::Stale => counts.stale = n,
                EventState::Failed => counts.failed = n,
            }
        }
        Ok(counts)
    }
}

#[cfg(test)]
#[path = "tests/events.rs"]
mod tests;

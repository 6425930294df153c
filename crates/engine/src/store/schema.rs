//! The store's tables, one migration per version (rusqlite_migration keeps the version in
//! SQLite's `user_version`). Add migrations at the end; never edit a released one.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::StoreError;

const V1: &str = "
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    -- where the records came from: a file path or a source connection
    source TEXT NOT NULL,
    -- the mapping profile as it was used (TOML), so a resumed job maps as it began
    profile TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    connection TEXT NOT NULL,
    policy TEXT NOT NULL,
    status TEXT NOT NULL,
    -- who works on the job now (\"pid@host\") and when it last said so
    owner TEXT,
    owner_seen_at INTEGER
);

CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    -- sending: intent recorded, the request may or may not have left
    -- submitted: the target accepted it and gave remote_id to poll
    -- done: every record of it has its outcome
    state TEXT NOT NULL,
    remote_id TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
);

CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    source_row INTEGER NOT NULL,
    identifier TEXT NOT NULL,
    payload TEXT NOT NULL,
    -- pending, sending (in a batch not yet settled), done
    state TEXT NOT NULL,
    batch_id INTEGER REFERENCES batches(id),
    attempts INTEGER NOT NULL DEFAULT 0,
    outcome TEXT,
    target_id TEXT,
    error_code TEXT,
    error_message TEXT,
    UNIQUE (job_id, source_row)
);
CREATE INDEX records_by_state ON records (job_id, state);
CREATE INDEX records_by_batch ON records (batch_id);

CREATE TABLE connections (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    url TEXT NOT NULL,
    -- tenant, client id, audience, connection id...: JSON, never secrets
    settings TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE profiles (
    name TEXT PRIMARY KEY,
    toml TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE watermarks (
    connection TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
";

/// Version 2: a job can be asked to stop from another process (`muster jobs cancel`).
const V2: &str = "ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;";

/// Version 3: the plan made before sending (`create`, `update`, `skip`, `unchanged`, or
/// `decided` by a target that cannot look records up), and the identifier of each record's
/// manager, so that managers are sent before the people who report to them.
const V3: &str = "
ALTER TABLE records ADD COLUMN planned TEXT;
ALTER TABLE records ADD COLUMN planned_target_id TEXT;
ALTER TABLE records ADD COLUMN manager TEXT;
CREATE INDEX records_by_identifier ON records (job_id, identifier);
";

/// Version 4: the runner's next records come from one walk of an index in source order.
/// With `records_by_state` alone, SQLite walked the job's records by source row from the
/// first one, settled ones included, for every batch: quadratic over a long job.
/// `records_pending` serves every query `records_by_state` did.
const V4: &str = "
CREATE INDEX records_pending ON records (job_id, state, source_row);
DROP INDEX records_by_state;
";

/// Version 5: sources (issue 5). A pull spools its pages here before any job exists, so a
/// pull of 100,000 users runs in flat memory and a crash resumes from the last page; the
/// requests a source was sent, so its hourly limits hold across restarts; and the webhook
/// events a listener received, journaled before it answers 200.
const V5: &str = "
CREATE TABLE pulls (
    id INTEGER PRIMARY KEY,
    connection TEXT NOT NULL,
    -- what was asked (mode, filters, the watermark it started from), JSON
    query TEXT NOT NULL,
    -- pulling: pages still to come, from next_page; pulled: every page is in;
    -- journaled: its records became job_id; abandoned: replaced by a newer pull
    state TEXT NOT NULL,
    -- where the next page starts (JSON: a page number, an offset, a cursor or a URL)
    next_page TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    records INTEGER NOT NULL DEFAULT 0,
    -- the newest updated_at (or the source's cursor) seen, the next watermark
    newest TEXT,
    job_id INTEGER REFERENCES jobs(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX pulls_by_connection ON pulls (connection, state);

-- one row per user: a user met again on a later page (the source changed under the
-- pull) replaces the earlier copy and keeps its place
CREATE TABLE pulled (
    pull_id INTEGER NOT NULL REFERENCES pulls(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (pull_id, key)
) WITHOUT ROWID;
CREATE INDEX pulled_in_order ON pulled (pull_id, seq);

CREATE TABLE source_requests (
    connection TEXT NOT NULL,
    -- which of the source's limits the request counts against (list, lookup)
    bucket TEXT NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE INDEX source_requests_by_time ON source_requests (connection, bucket, at_ms);

CREATE TABLE webhook_events (
    id INTEGER PRIMARY KEY,
    -- the source connection the listener verifies signatures for
    connection TEXT NOT NULL,
    -- SHA-256 of the raw body: a redelivery or a replay is the same body
    digest TEXT NOT NULL,
    event TEXT NOT NULL,
    uid TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    body TEXT NOT NULL,
    -- received, applied, stale (an older event than one already applied), failed
    state TEXT NOT NULL,
    job_id INTEGER REFERENCES jobs(id),
    received_at INTEGER NOT NULL,
    UNIQUE (connection, digest)
);
CREATE INDEX webhook_events_by_state ON webhook_events (connection, state, id);
";

/// Version 6: when the job's owner claimed it, so a second process is told since when
/// the job has been at work elsewhere (`owner_seen_at` is renewed after every batch).
const V6: &str = "ALTER TABLE jobs ADD COLUMN owner_since INTEGER;";

/// Every version's SQL, oldest first.
const STEPS: &[&str] = &[V1, V2, V3, V4, V5, V6];

fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

/// Brings the tables up to the newest version; refuses a store from a newer Muster.
pub(crate) fn migrate(db: &mut Connection) -> Result<(), StoreError> {
    let known = i64::try_from(STEPS.len()).unwrap_or(i64::MAX);
    let found: i64 = db.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > known {
        return Err(StoreError::Newer {
            path: db.path().unwrap_or("(memory)").to_string(),
            found,
            known,
        });
    }
    match migrations().to_latest(db) {
        Ok(()) => Ok(()),
        // Two openers of a new store (the app's first commands run side by side, or the
        // app beside the CLI) both read version 0; the second one's migration fails once
        // the first has committed. The store is then up to date, which is all we wanted.
        Err(error) => {
            let now: i64 = db.pragma_query_value(None, "user_version", |row| row.get(0))?;
            if now == known {
                Ok(())
            } else {
                Err(error.into())
            }
        }
    }
}

#[cfg(test)]
#[path = "tests/schema.rs"]
mod tests;

//! Pulls spooled page by page: each page's records and where the next page starts are
//! written in one transaction, so a pull killed at any moment resumes from the page after
//! the last one kept and never holds more than a page in memory. A user met again on a
//! later page (the source changed under the pull) replaces the earlier copy in place.
//! Also the times of the requests each source was sent, for limits per hour that must
//! hold across restarts.

use std::io::Write;

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now};

/// A pull as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPull {
    pub id: i64,
    pub connection: String,
    /// What was asked, as the caller wrote it (JSON).
    pub query: String,
    pub state: PullState,
    /// Where the next page starts (JSON), `None` once every page is in.
    pub next_page: Option<String>,
    pub pages: u64,
    pub records: u64,
    /// The newest change seen so far (the next watermark).
    pub newest: Option<String>,
    pub job: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullState {
    /// Pages still to come.
    Pulling,
    /// Every page is in; no job yet.
    Pulled,
    /// Its records became a job.
    Journaled,
    /// Replaced by a newer pull before it became a job.
    Abandoned,
}

impl PullState {
    fn name(self) -> &'static str {
        match self {
            PullState::Pulling => "pulling",
            PullState::Pulled => "pulled",
            PullState::Journaled => "journaled",
            PullState::Abandoned => "abandoned",
        }
    }

    fn parse(text: &str) -> Option<PullState> {
        Some(match text {
            "pulling" => PullState::Pulling,
            "pulled" => PullState::Pulled,
            "journaled" => PullState::Journaled,
            "abandoned" => PullState::Abandoned,
            _ => return None,
        })
    }
}

/// One page as it goes into the spool.
pub struct SpooledPage<'a> {
    /// Each record's key (its identifier) and its JSON text.
    pub records: &'a [(String, String)],
    /// Where the page after it starts; `None` when it was the last.
    pub next_page: Option<&'a str>,
    /// The newest change seen after this page.
    pub newest: Option<&'a str>,
}

const PULL_COLUMNS: &str =
    "id, connection, query, state, next_page, pages, records, newest, job_id";

impl Store {
    /// Starts a pull of `connection`; any earlier pull of it that never became a job is
    /// abandoned (its spooled records are dropped).
    pub fn start_pull(&mut self, connection: &str, query: &str) -> Result<i64, StoreError> {
        let tx = self.db.transaction()?;
        tx.execute(
            "DELETE FROM pulled WHERE pull_id IN
               (SELECT id FROM pulls WHERE connection = ?1 AND state IN ('pulling', 'pulled'))",
            [connection],
        )?;
        tx.execute(
            "UPDATE pulls SET state = 'abandoned', updated_at = ?2
             WHERE connection = ?1 AND state IN ('pulling', 'pulled')",
            params![connection, now()],
        )?;
        tx.execute(
            "INSERT INTO pulls (connection, query, state, created_at, updated_at)
             VALUES (?1, ?2, 'pulling', ?3, ?3)",
            params![connection, query, now()],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// The pull of `connection` that has not become a job yet, if any.
    pub fn unfinished_pull(&self, connection: &str) -> Result<Option<StoredPull>, StoreError> {
        self.db
            .query_row(
                &format!(
                    "SELECT {PULL_COLUMNS} FROM pulls
                     WHERE connection = ?1 AND state IN ('pulling', 'pulled')
                     ORDER BY id DESC LIMIT 1"
                ),
                [connection],
                read_pull,
            )
            .optional()?
            .transpose()
    }

    pub fn pull(&self, id: i64) -> Result<StoredPull, StoreError> {
        self.db
            .query_row(
                &format!("SELECT {PULL_COLUMNS} FROM pulls WHERE id = ?1"),
                [id],
                read_pull,
            )
            .optional()?
            .ok_or_else(|| StoreError::Corrupt(format!("pull {id} is missing")))?
    }

    /// Keeps one page: its records (a key seen before keeps its place and takes the new
    /// copy), and where the next page starts. Returns how many keys were new.
    pub fn spool_page(&mut self, pull: i64, page: &SpooledPage<'_>) -> Result<u64, StoreError> {
        let tx = self.db.transaction()?;
        let mut fresh = 0;
        {
            let mut seq: i64 = tx.query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM pulled WHERE pull_id = ?1",
                [pull],
                |row| row.get(0),
            )?;
            // One statement for a new user, the common case; a second only for a user
            // met again, who keeps the place first given.
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO pulled (pull_id, key, seq, record) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut replace =
                tx.prepare_cached("UPDATE pulled SET record = ?3 WHERE pull_id = ?1 AND key = ?2")?;
            for (key, record) in page.records {
                if insert.execute(params![pull, key, seq + 1, record])? == 1 {
                    seq += 1;
                    fresh += 1;
                } else {
                    replace.execute(params![pull, key, record])?;
                }
            }
        }
        let state = if page.next_page.is_some() {
            PullState::Pulling
        } else {
            PullState::Pulled
        };
        tx.execute(
            "UPDATE pulls SET next_page = ?2, state = ?3, pages = pages + 1,
                    records = records + ?4, newest = COALESCE(?5, newest), updated_at = ?6
             WHERE id = ?1",
            params![
                pull,
                page.next_page,
                state.name(),
                fresh,
                page.newest,
                now()
            ],
        )?;
        tx.commit()?;
        Ok(fresh)
    }

    /// Starts the pages of `pull` again from `first` (the source changed under it), keeping
    /// the records already spooled.
    pub fn restart_pull(&mut self, pull: i64, first: &str) -> Result<(), StoreError> {
        self.db.execute(
            "UPDATE pulls SET next_page = ?2, state = 'pulling', updated_at = ?3 WHERE id = ?1",
            params![pull, first, now()],
        )?;
        Ok(())
    }

    /// Writes the spooled records of `pull` in the order they were first met, one JSON
    /// object per line; returns how many.
    pub fn write_pulled(&self, pull: i64, out: &mut impl Write) -> Result<u64, StoreError> {
        let mut query = self
            .db
            .prepare("SELECT record FROM pulled WHERE pull_id = ?1 ORDER BY seq")?;
        let mut rows = query.query([pull])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let record: String = row.get(0)?;
            writeln!(out, "{record}").map_err(|e| StoreError::Spool(e.to_string()))?;
            count += 1;
        }
        Ok(count)
    }

    /// The spooled records' keys, in order (for tests and previews of small pulls).
    pub fn pulled_keys(&self, pull: i64) -> Result<Vec<String>, StoreError> {
        let mut query = self
            .db
            .prepare("SELECT key FROM pulled WHERE pull_id = ?1 ORDER BY seq")?;
        let keys = query
            .query_map([pull], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(keys)
    }

    /// Marks `pull` as made into `job` and drops its spool (the job's records hold it now).
    pub fn pull_journaled(&mut self, pull: i64, job: i64) -> Result<(), StoreError> {
        let tx = self.db.transaction()?;
        tx.execute("DELETE FROM pulled WHERE pull_id = ?1", [pull])?;
        tx.execute(
            "UPDATE pulls SET state = 'journaled', job_id = ?2, updated_at = ?3 WHERE id = ?1",
            params![pull, job, now()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The request times (ms since 1970) of `connection`'s `bucket` since `since_ms`,
    /// oldest first; older ones are forgotten.
    pub fn source_requests(
        &self,
        connection: &str,
        bucket: &str,
        since_ms: i64,
    ) -> Result<Vec<i64>, StoreError> {
        self.db.execute(
            "DELETE FROM source_requests WHERE connection = ?1 AND bucket = ?2 AND at_ms <= ?3",
            params![connection, bucket, since_ms],
        )?;
        let mut query = self.db.prepare_cached(
            "SELECT at_ms FROM source_requests WHERE connection = ?1 AND bucket = ?2 ORDER BY at_ms",
        )?;
        let times = query
            .query_map(params![connection, bucket], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(times)
    }

    /// Notes a request about to be sent.
    pub fn note_source_request(
        &self,
        connection: &str,
        bucket: &str,
        at_ms: i64,
    ) -> Result<(), StoreError> {
        self.db
            .prepare_cached(
                "INSERT INTO source_requests (connection, bucket, at_ms) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![connection, bucket, at_ms])?;
        Ok(())
    }
}

fn read_pull(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredPull, StoreError>> {
    let state: String = row.get(3)?;
    let pages: i64 = row.get(5)?;
    let records: i64 = row.get(6)?;
    let Some(state) = PullState::parse(&state) else {
        return Ok(Err(StoreError::Corrupt(format!("pull state \"{state}\""))));
    };
    Ok(Ok(StoredPull {
        id: row.get(0)?,
        connection: row.get(1)?,
        query: row.get(2)?,
        state,
        next_page: row.get(4)?,
        pages: u64::try_from(pages).unwrap_or(0),
        records: u64::try_from(records).unwrap_or(0),
        newest: row.get(7)?,
        job: row.get(8)?,
    }))
}

#[cfg(test)]
#[path = "tests/pulls.rs"]
mod tests;

//! What the push tests share: journaling users as a job and running it without waiting.
#![allow(dead_code)] // each test binary uses its own share of these

pub mod pulled;
pub mod targets;

use std::time::Duration;

use muster_engine::connect::RetryPolicy;
use muster_engine::job::{Policy, RunOptions};
use muster_engine::store::{NewJob, NewRecord, Store};
use serde_json::Value;

/// Journals `users` as a job to `kind` from source rows 2, 3, …; each record's identifier
/// is the user's `key` attribute (`nobody` when missing).
pub fn journal(store: &mut Store, kind: &str, key: &str, policy: Policy, users: &[Value]) -> i64 {
    let records = users.iter().enumerate().map(|(row, user)| NewRecord {
        source_row: row as u64 + 2,
        identifier: user[key].as_str().unwrap_or("nobody").to_owned(),
        payload: user.to_string(),
        manager: None,
    });
    let connection = format!("{kind}-sandbox");
    store
        .create_job(
            &NewJob {
                source: "staff.csv",
                profile: "",
                target_kind: kind,
                connection: &connection,
                policy,
            },
            records,
        )
        .unwrap()
}

/// Run options that poll accepted batches every `every`.
pub fn polling_every(every: Duration) -> RunOptions<'static> {
    RunOptions {
        poll_every: every,
        ..RunOptions::default()
    }
}

/// The default retries with waits of milliseconds instead of seconds.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    }
}

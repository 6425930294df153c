//! A big push tells the window where it stands a few times a second, not once per batch:
//! thousands of records to the sandbox's LMS (batches of 16), with every message counted.
//! The 100,000-record figure for docs/performance.md ("The desktop app under load") is an
//! ignored test: `cargo test --release -p muster-desktop -- --ignored hundred_thousand --nocapture`.

use std::time::{Duration, Instant};

use super::jobs_support::{Bench, Heard};
use crate::progress::EVERY;
use crate::sandbox_state::SandboxState;
use crate::wire::JobSummary;
use crate::wire::jobs::JobProgress;

/// Pushes a new sandbox job of `records` valid people; answers the summary, every
/// progress message and how long the push took.
async fn push(records: usize) -> (JobSummary, Vec<JobProgress>, Duration) {
    let bench = Bench::new(records);
    let job = bench.sandbox_job();
    let sandbox = SandboxState::default();
    let heard = Heard::default();
    let started = Instant::now();
    let pushed = bench.push(&sandbox, job, heard.sink(|_| {})).await;
    let took = started.elapsed();
    sandbox.stop().await.expect("stop");
    (pushed, heard.all(), took)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_of_thousands_sends_a_few_messages_a_second_and_the_last_has_the_final_counts() {
    const RECORDS: u64 = 3_000;
    let (pushed, heard, took) = push(RECORDS as usize).await;
    assert_eq!(pushed.status, "finished");
    assert_eq!(pushed.counts.created, RECORDS);

    // One message per batch would be 188 (LMS batches of 16). Messages go at least EVERY
    // apart, except the last, which goes at the end whatever the time.
    let bound = (took.as_millis() / EVERY.as_millis()) as usize + 2;
    assert!(
        heard.len() <= bound,
        "{} messages in {took:?} (at most {bound})",
        heard.len()
    );
    assert!(heard.len() < (RECORDS / 16) as usize);
    let last = heard.last().expect("progress");
    assert_eq!((last.done, last.total), (RECORDS, RECORDS));
    assert_eq!(last.counts.created, pushed.counts.created);
    assert_eq!(last.counts.pending, 0);
    assert!(heard.windows(2).all(|w| w[0].done <= w[1].done));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "pushes 100,000 records; run on purpose, in a release build, for the figure"]
async fn hundred_thousand_records_pushed_from_the_shell() {
    const RECORDS: u64 = 100_000;
    let (pushed, heard, took) = push(RECORDS as usize).await;
    assert_eq!(pushed.counts.created, RECORDS);
    assert_eq!(heard.last().map(|p| p.done), Some(RECORDS));
    eprintln!(
        "{RECORDS} records pushed to the sandbox LMS in {:.1} s ({:.0} records/s): {} progress messages ({} batches of 16)",
        took.as_secs_f64(),
        RECORDS as f64 / took.as_secs_f64(),
        heard.len(),
        RECORDS.div_ceil(16),
    );
}

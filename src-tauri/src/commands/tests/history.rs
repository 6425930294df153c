//! A job left running by a process that was killed mid-push: listed as interrupted, so the
//! History screen offers Resume, and resumed by push_job without sending anything twice.

use muster_engine::store::{Store, this_process};

use super::jobs_support::Bench;
use crate::commands::app::jobs_at;
use crate::sandbox_state::SandboxState;

/// Journals a batch of job `job` as sent by a process of this computer that no longer
/// exists, as a push killed after its request left leaves it.
fn killed_mid_push(store_path: &std::path::Path, job: i64, records: usize) {
    let mut store = Store::open(store_path).expect("store");
    let me = this_process();
    let host = me.split_once('@').expect("pid@host").1;
    let dead = format!("{}@{host}", u32::MAX - 1);
    store.claim(job, &dead).expect("claim");
    let ids: Vec<i64> = store
        .pending(job, records)
        .expect("pending")
        .iter()
        .map(|r| r.id)
        .collect();
    store.begin_batch(job, &ids).expect("batch");
}

#[test]
fn a_job_a_killed_process_left_running_is_listed_as_interrupted() {
    let bench = Bench::new(3);
    let job = bench.sandbox_job();
    killed_mid_push(&bench.store, job, 2);
    let listed = jobs_at(&bench.store).expect("jobs");
    assert_eq!(listed[0].id, job);
    assert_eq!(listed[0].status, "interrupted");
    // The batch in flight counts as pending: not settled yet.
    assert_eq!((listed[0].counts.pending, listed[0].counts.total), (3, 3));
    // While a live process holds it, it is running.
    let mut store = Store::open(&bench.store).expect("store");
    store
        .claim(job, &this_process())
        .expect("claim a stale job");
    assert_eq!(jobs_at(&bench.store).expect("jobs")[0].status, "running");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_job_resumes_a_job_a_killed_process_left_running() {
    let bench = Bench::new(3);
    let job = bench.sandbox_job();
    killed_mid_push(&bench.store, job, 2);
    let sandbox = SandboxState::default();
    let resumed = bench.push(&sandbox, job, |_| {}).await;
    assert_eq!(resumed.status, "finished");
    assert_eq!(resumed.counts.created, 3);
    let posts: Vec<u32> = sandbox
        .inspect(|s| s.lms().emulator().users().iter().map(|u| u.posts).collect())
        .await
        .expect("runs");
    // The killed process's request never reached this sandbox: each is sent once now.
    assert_eq!(posts, [1, 1, 1]);
    sandbox.stop().await.expect("stop");
}

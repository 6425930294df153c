//! A whole job against the app's own sandbox: journaled from a CSV with one invalid row,
//! planned, pushed with progress, listed in windows, cancelled mid-push and pushed again
//! without sending anything twice.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use muster_engine::secrets::Keychain;

use super::jobs_support::{Bench, Heard};
use crate::commands::app::jobs_at;
use crate::commands::jobs::{cancel, job_at};
use crate::commands::plan::plan_job_at;
use crate::commands::push::push_job_at;
use crate::commands::records::records_at;
use crate::running::Running;
use crate::sandbox_state::SandboxState;

/// Uids the LMS emulator holds, each with how many requests it accepted for it.
async fn lms_posts(sandbox: &SandboxState) -> Vec<(String, u32)> {
    let mut users: Vec<(String, u32)> = sandbox
        .inspect(|s| {
            s.lms()
                .emulator()
                .users()
                .into_iter()
                .map(|u| (u.uid, u.posts))
                .collect()
        })
        .await
        .expect("the sandbox runs");
    users.sort();
    users
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_is_planned_pushed_and_listed_and_the_emulator_holds_its_users() {
    let bench = Bench::new(5);
    let job = bench.sandbox_job();
    let sandbox = SandboxState::default();
    let running = Running::default();

    // Planning starts the sandbox; LMS has no lookup, so the target decides each record.
    let heard = Heard::default();
    let plan = plan_job_at(
        &bench.store,
        &sandbox,
        &running,
        &Keychain,
        job,
        heard.sink(|_| {}),
    )
    .await
    .expect("plan");
    assert!(plan.complete);
    assert_eq!(plan.counts["decided"], 5);
    assert_eq!(plan.counts["create"], 0);
    assert_eq!(
        plan.counts.len(),
        5,
        "every kind is counted: {:?}",
        plan.counts
    );
    assert_eq!(plan.samples.len(), 5);
    assert_eq!(plan.samples[0].source_row, 2);
    assert_eq!(plan.samples[0].identifier, "E1");
    let planned = heard.all();
    assert_eq!(planned.last().map(|p| (p.done, p.total)), Some((5, 5)));
    assert!(planned.iter().all(|p| p.rate == 0.0 && p.job == job));
    assert!(sandbox.status().await.running);
    assert_eq!(
        sandbox.inspect(|s| s.user_count("lms")).await,
        Some(Some(0))
    );

    let heard = Heard::default();
    let pushed = push_job_at(
        &bench.store,
        &sandbox,
        &running,
        &Keychain,
        job,
        heard.sink(|_| {}),
    )
    .await
    .expect("push");
    assert_eq!(pushed.status, "finished");
    assert_eq!(
        (
            pushed.counts.created,
            pushed.counts.held_back,
            pushed.counts.pending
        ),
        (5, 1, 0)
    );
    let progress = heard.all();
    assert!(!progress.is_empty());
    let last = progress.last().expect("progress");
    assert_eq!((last.done, last.total, last.counts.created), (5, 5, 5));
    assert!(progress.windows(2).all(|w| w[0].done <= w[1].done));
    // The emulator holds every valid person, each sent once; the held row never went.
    let posts = lms_posts(&sandbox).await;
    assert_eq!(posts.len(), 5);
    assert!(posts.iter().all(|(_, n)| *n == 1), "{posts:?}");
    assert!(!posts.iter().any(|(uid, _)| uid == "E900"));
    let status = sandbox.status().await;
    let lms = status
        .emulators
        .iter()
        .find(|e| e.kind == "lms")
        .expect("lms emulator");
    assert_eq!(lms.users, 5);

    // The records, a window at a time, all or of one outcome.
    let first = records_at(&bench.store, job, None, 0, 4).expect("window");
    assert_eq!((first.start, first.total, first.records.len()), (0, 6, 4));
    assert_eq!(first.records[0].outcome, "created");
    assert_eq!(first.records[0].attempts, 1);
    assert_eq!(first.records[0].fields["uid"], "E1");
    assert_eq!(first.records[0].fields["email"], "person1@example.com");
    let rest = records_at(&bench.store, job, None, 4, 4).expect("window");
    assert_eq!(
        rest.records
            .iter()
            .map(|r| r.source_row)
            .collect::<Vec<_>>(),
        [6, 7]
    );
    let held = records_at(&bench.store, job, Some("held"), 0, 10).expect("held");
    assert_eq!(held.total, 1);
    let broken = &held.records[0];
    assert_eq!((broken.source_row, broken.outcome.as_str()), (7, "held"));
    assert_eq!(broken.attempts, 0);
    assert!(
        broken
            .message
            .as_deref()
            .is_some_and(|m| m.contains("Email")),
        "{broken:?}"
    );
    let created = records_at(&bench.store, job, Some("created"), 2, 10).expect("created");
    assert_eq!((created.total, created.records.len()), (5, 3));
    assert_eq!(
        records_at(&bench.store, job, Some("pending"), 0, 10)
            .expect("pending")
            .total,
        0
    );
    let wrong = records_at(&bench.store, job, Some("sent"), 0, 10).expect_err("no such outcome");
    assert!(wrong.message.contains("\"sent\""), "{}", wrong.message);
    assert!(records_at(&bench.store, job + 1, None, 0, 10).is_err());
    let json = serde_json::to_value(&first).expect("json");
    assert_eq!(json["records"][0]["sourceRow"], 2);
    assert!(json["records"][0].get("targetId").is_none());

    assert_eq!(job_at(&bench.store, job).expect("job").status, "finished");
    sandbox.stop().await.expect("stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_push_is_resumed_and_sends_nothing_twice() {
    // 40 records: LMS batches of 16, so the push is cancelled after the first batch.
    let bench = Bench::new(40);
    let job = bench.sandbox_job();
    let sandbox = SandboxState::default();
    let running = Running::default();
    let store = bench.store.clone();
    let asked = Arc::new(AtomicBool::new(false));
    let (by, flag) = (running.clone(), Arc::clone(&asked));
    let heard = Heard::default();
    let sink = heard.sink(move |_| {
        // Cancel as the window's button does, while the push runs.
        if !flag.swap(true, Ordering::SeqCst) {
            cancel(&store, &by, job).expect("cancel");
        }
    });
    let first = push_job_at(&bench.store, &sandbox, &running, &Keychain, job, sink)
        .await
        .expect("first push");
    assert!(asked.load(Ordering::SeqCst));
    assert_eq!(first.status, "cancelled");
    assert_eq!((first.counts.created, first.counts.pending), (16, 24));
    assert_eq!(lms_posts(&sandbox).await.len(), 16);
    assert!(!running.is_running(job), "the push let go of the job");
    let listed = jobs_at(&bench.store).expect("jobs");
    assert_eq!(listed[0].status, "cancelled");

    let heard = Heard::default();
    let second = push_job_at(
        &bench.store,
        &sandbox,
        &running,
        &Keychain,
        job,
        heard.sink(|_| {}),
    )
    .await
    .expect("second push");
    assert_eq!(second.status, "finished");
    assert_eq!((second.counts.created, second.counts.pending), (40, 0));
    let progress = heard.all();
    // The resumed push counts from where the first stopped.
    assert!(progress.iter().all(|p| p.done >= 16 && p.total == 40));
    assert_eq!(progress.last().map(|p| p.done), Some(40));
    let posts = lms_posts(&sandbox).await;
    assert_eq!(posts.len(), 40);
    assert!(posts.iter().all(|(_, n)| *n == 1), "sent twice: {posts:?}");
    sandbox.stop().await.expect("stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_is_pushed_once_at_a_time_and_cancel_reaches_a_job_sent_elsewhere() {
    let bench = Bench::new(2);
    let job = bench.sandbox_job();
    let running = Running::default();
    let at_work = running.begin(job).expect("begin");
    let sandbox = SandboxState::default();
    let twice = push_job_at(&bench.store, &sandbox, &running, &Keychain, job, |_| {})
        .await
        .expect_err("already at work");
    assert!(twice.message.contains("already"), "{}", twice.message);
    assert!(
        !sandbox.status().await.running,
        "refused before the sandbox started"
    );
    drop(at_work);
    // Not at work in the app: the request goes through the store, for the CLI to read.
    cancel(&bench.store, &running, job).expect("cancel");
    let store = muster_engine::store::Store::open(&bench.store).expect("store");
    assert!(store.cancel_requested(job).expect("flag"));
    assert!(cancel(&bench.store, &running, job + 7).is_err());
}

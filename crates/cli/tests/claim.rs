//! Two Musters opening the same job at once: two `muster jobs resume` processes started
//! together, and the desktop app's push (the engine's `job::run` in this process, on the
//! job's saved connection with its secret from the keychain, as `push_job` does) beside a
//! `muster jobs resume`. One of them sends the job; the other is refused at once and says
//! which process on which computer has it, since when, and what to do. The REST emulator
//! then holds every user once, created by one request each.
//!
//! Run with a keychain: `dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon
//! --daemonize --unlock --components=secrets; cargo test -p muster-cli --test claim'`.

mod common;

#[path = "kill/rehearsal.rs"]
mod rehearsal;

use std::process::{Output, Stdio};
use std::time::Duration;

use axum::http::StatusCode;
use common::{stderr, stdout};
use muster_engine::job::{Ended, JobError, RunOptions};
use muster_engine::secrets::Keychain;
use muster_engine::store::StoreError;
use muster_engine::target::connector::open_target;
use muster_sandbox::Fault;
use rehearsal::Rehearsal;

const ROWS: u64 = 60;
const CREATE: &str = "/api/users";

/// A REST rehearsal whose job 1 is journaled (`muster run --dry-run`: nothing sent), with
/// the first create held three seconds before the emulator handles it, so whoever sends
/// the job is still at it when the other asks.
fn journaled(label: &str) -> Rehearsal {
    let rehearsal = Rehearsal::start(&format!("[{label}]"), label, "rest", ROWS);
    let out = rehearsal
        .run_command(&["--dry-run"])
        .output()
        .expect("muster run starts");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    rehearsal
        .faults()
        .push(Fault::delay(Duration::from_secs(3)).on("POST", CREATE));
    rehearsal
}

/// What a refused process said names the holder, since when, and what to do.
fn assert_says_who_has_it(refused: &str, holder_pid: u32) {
    for words in [
        format!("job 1 is being sent by another Muster (process {holder_pid} on "),
        " since 20".to_owned(),
        "last heard from".to_owned(),
        "`muster jobs cancel 1`".to_owned(),
        "`muster jobs resume 1`".to_owned(),
    ] {
        assert!(refused.contains(&words), "\"{words}\" not in: {refused}");
    }
}

/// The job finished once: every user created by one request, the journal agreeing.
fn assert_sent_once(rehearsal: &Rehearsal) {
    assert_eq!(rehearsal.assert_each_arrived_once(ROWS, None), 0);
    assert_eq!(rehearsal.creates_handled(CREATE), ROWS as usize);
    assert!(
        rehearsal.faults().pending().is_empty(),
        "the hold was never met"
    );
}

#[test]
fn two_resumes_started_at_once_one_sends_the_job_the_other_says_who_has_it() {
    let rehearsal = journaled("two-resumes");
    let start = || {
        rehearsal
            .command(&["jobs", "resume", "1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("muster jobs resume starts")
    };
    let (first, second) = (start(), start());
    let pids = (first.id(), second.id());
    let outs: [Output; 2] = [first, second].map(|c| c.wait_with_output().expect("it ends"));
    let sent: Vec<usize> = (0..2).filter(|&i| outs[i].status.success()).collect();
    assert_eq!(
        sent.len(),
        1,
        "exactly one sends the job: {}{} / {}{}",
        stdout(&outs[0]),
        stderr(&outs[0]),
        stdout(&outs[1]),
        stderr(&outs[1])
    );
    let (winner, loser) = if sent[0] == 0 { (0, 1) } else { (1, 0) };
    let winner_pid = if winner == 0 { pids.0 } else { pids.1 };
    assert!(
        stdout(&outs[winner]).contains("job 1 finished: 60 created"),
        "{}",
        stdout(&outs[winner])
    );
    assert_says_who_has_it(&stderr(&outs[loser]), winner_pid);
    println!(
        "[two resumes] the other said: {}",
        stderr(&outs[loser]).trim()
    );
    assert_sent_once(&rehearsal);

    // The one refused, run again later, finds nothing left to send.
    let again = rehearsal.resume();
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stdout(&again).contains("job 1 finished: 60 created"));
    assert_eq!(rehearsal.creates_handled(CREATE), ROWS as usize);
}

/// The desktop app's push: the job's saved connection opened with its secret from the
/// keychain, and the engine's runner on it, in this process.
fn app_push(rehearsal: &Rehearsal) -> Result<Ended, JobError> {
    let mut store = rehearsal.store();
    let connection = store
        .connection(&rehearsal.connection)
        .expect("the connection is saved");
    let target = open_target(&connection, &Keychain).expect("the target opens");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime starts");
    let options = RunOptions {
        poll_every: Duration::from_millis(100),
        ..RunOptions::default()
    };
    runtime
        .block_on(muster_engine::job::run(&mut store, 1, &target, options))
        .map(|(ended, _)| ended)
}

#[test]
fn a_resume_while_the_app_sends_the_job_is_refused_and_names_the_app() {
    let rehearsal = journaled("app-first");
    std::thread::scope(|scope| {
        let app = scope.spawn(|| app_push(&rehearsal));
        rehearsal.wait_until("the app's first create held", || {
            rehearsal.faults().pending().is_empty()
        });
        let refused = rehearsal.resume();
        assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
        assert_says_who_has_it(&stderr(&refused), std::process::id());
        let ended = app.join().expect("the app's push ends");
        assert!(matches!(ended, Ok(Ended::Finished)), "{ended:?}");
    });
    assert_sent_once(&rehearsal);
}

#[test]
fn the_app_opening_a_job_a_resume_sends_is_told_who_has_it() {
    let rehearsal = journaled("cli-first");
    let cli = rehearsal
        .command(&["jobs", "resume", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("muster jobs resume starts");
    let cli_pid = cli.id();
    rehearsal.wait_until("the resume's first create held", || {
        rehearsal.faults().pending().is_empty()
    });
    match app_push(&rehearsal) {
        Err(JobError::Store(error @ StoreError::Busy { .. })) => {
            assert_says_who_has_it(&error.to_string(), cli_pid);
        }
        other => panic!("the app was not refused: {other:?}"),
    }
    let out = cli.wait_with_output().expect("the resume ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_sent_once(&rehearsal);
}

/// Found by this test: `muster jobs retry` put the failed records back to pending before
/// its push found the job at work elsewhere, so the app's run sent them behind the
/// person's back while the retry said another Muster had the job. The retry now claims
/// the job before it changes anything.
#[test]
fn a_retry_while_the_app_sends_the_job_changes_nothing_and_says_who_has_it() {
    let rehearsal = Rehearsal::start("[retry]", "retry", "rest", ROWS);
    let out = rehearsal
        .run_command(&["--dry-run"])
        .output()
        .expect("muster run starts");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // One user of the first batch is refused; the second batch waits at the emulator.
    let faults = rehearsal.faults();
    faults.push(
        Fault::status(StatusCode::UNPROCESSABLE_ENTITY, r#"{"error":"refused"}"#)
            .on("POST", CREATE),
    );
    faults.push(
        Fault::delay(Duration::from_secs(3))
            .on("POST", CREATE)
            .after(20),
    );
    std::thread::scope(|scope| {
        let app = scope.spawn(|| app_push(&rehearsal));
        rehearsal.wait_until("the app's second batch held", || {
            rehearsal.faults().pending().is_empty()
        });
        assert_eq!(
            rehearsal.counts().failed,
            1,
            "the refused user is journaled failed"
        );
        let refused = rehearsal.output(&["jobs", "retry", "1"]);
        assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
        assert!(
            !stdout(&refused).contains("sent again"),
            "{}",
            stdout(&refused)
        );
        assert_says_who_has_it(&stderr(&refused), std::process::id());
        let ended = app.join().expect("the app's push ends");
        assert!(matches!(ended, Ok(Ended::Finished)), "{ended:?}");
    });
    // The failed record stayed failed: the app did not send it again.
    let c = rehearsal.counts();
    assert_eq!((c.created, c.failed), (ROWS - 1, 1), "(created, failed)");
    assert_eq!(
        rehearsal.sandbox.users_held("rest"),
        Some(ROWS as usize - 1)
    );

    // The person's retry, once the app is done, sends it: every user created once.
    let retried = rehearsal.output(&["jobs", "retry", "1"]);
    assert_eq!(retried.status.code(), Some(0), "{}", stderr(&retried));
    assert_eq!(rehearsal.assert_each_arrived_once(ROWS, None), 0);
}

//! What every cell of the fault matrix asserts once its job finished: the emulator served
//! every injected fault, holds every user once, counts each record's arrival once (twice
//! only where a second arrival is harmless by design), and the journal agrees with it
//! record by record.

use std::fmt;

use muster_engine::job::Outcome;
use muster_engine::store::{JobStatus, Store};
use muster_sandbox::Sandbox;

use super::connector::{Connector, Resend, USERS};
use super::drive::Cell;
use super::scenario::Scenario;

/// How the job's records ended, for the cell's summary line.
#[derive(Debug, Default)]
pub struct Tally {
    /// Arrived once, journaled `created`.
    pub created: u64,
    /// Arrived twice by design (sent again after an answer that never came), journaled
    /// with the target's answer to the second arrival.
    pub again: u64,
    /// Arrived once, created by this job, journaled `skipped` (must stay 0).
    pub created_journaled_skipped: u64,
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} users once; {} created, {} arrived twice by design, {} created but journaled skipped",
            USERS, self.created, self.again, self.created_journaled_skipped
        )
    }
}

/// Every fault rule was used, and the log shows the faults the emulator can log.
pub fn faults_served(cell: Cell, sandbox: &Sandbox) {
    let pending = cell.connector.faults(sandbox).pending();
    assert!(
        pending.is_empty(),
        "{cell}: faults never served: {pending:?}"
    );
    let log = cell.connector.log(sandbox);
    if let Some((label, expected)) = cell.scenario.logged_faults(cell.connector) {
        let logged = log
            .entries()
            .iter()
            .filter(|e| {
                e.fault
                    .as_deref()
                    .is_some_and(|f| f.split('+').any(|l| l == label))
            })
            .count();
        assert_eq!(
            logged, expected,
            "{cell}: the emulator's log shows {logged} \"{label}\" faults"
        );
    }
    if cell.scenario == Scenario::TokenExpiry && cell.connector == Connector::Auth0 {
        let tokens = log.count("POST", "/oauth/token");
        let refused = log
            .entries()
            .iter()
            .filter(|e| e.status == Some(401))
            .count();
        assert_eq!(
            (tokens, refused),
            (3, 2),
            "{cell}: (tokens fetched, requests answered 401)"
        );
    }
}

/// The emulator's record and the journal, user by user.
pub fn each_arrived_once(cell: Cell, sandbox: &Sandbox, store: &Store, job: i64) -> Tally {
    let connector = cell.connector;
    let stored = store.job(job).expect("the job is in the store");
    assert_eq!(stored.status, JobStatus::Finished, "{cell}: job status");
    let c = stored.counts;
    assert_eq!(
        (c.total, c.pending, c.in_flight, c.failed),
        (USERS as u64, 0, 0, 0),
        "{cell}: (records, pending, in flight, failed) in the journal"
    );
    assert_eq!(
        connector.users_at_target(sandbox),
        USERS,
        "{cell}: users at the emulator"
    );

    let mut tally = Tally::default();
    let records = store
        .records(job, None)
        .expect("the job's records read back");
    for record in &records {
        let what = format!("{cell}: row {} ({})", record.source_row, record.identifier);
        let outcome = record
            .outcome
            .as_ref()
            .unwrap_or_else(|| panic!("{what} has no outcome in the journal"));
        let arrived = connector.arrivals(sandbox, &record.identifier);
        assert!(arrived >= 1, "{what} never arrived at the emulator");
        match connector.resend() {
            Resend::LooksUpFirst => {
                assert_eq!(arrived, 1, "{what} arrived {arrived} times");
                match outcome.outcome {
                    Outcome::Created => tally.created += 1,
                    Outcome::Skipped => tally.created_journaled_skipped += 1,
                    other => panic!("{what} arrived once but is journaled {other:?}"),
                }
            }
            // The emulator holds the user once (LMS keys users by uid, Authgear by login
            // ID, as the real targets do): a second arrival wrote the same values to the
            // same user, and the journal must say what the target answered to it.
            Resend::SameUserAgain(second) => {
                let expected = if arrived == 1 {
                    tally.created += 1;
                    Outcome::Created
                } else {
                    tally.again += 1;
                    second
                };
                assert_eq!(
                    outcome.outcome, expected,
                    "{what} arrived {arrived} times; the journal says"
                );
            }
        }
        if let Some(id) = connector.id_at_target(sandbox, &record.identifier) {
            assert_eq!(
                outcome.target_id.as_deref(),
                Some(id.as_str()),
                "{what}: the journaled id is not the emulator's"
            );
        }
    }
    // An uncertain batch's unsettled records stay in flight and are reconciled, so a
    // record this job created is never journaled as found existing.
    assert_eq!(
        tally.created_journaled_skipped, 0,
        "{cell}: records this job created are journaled skipped"
    );
    tally
}

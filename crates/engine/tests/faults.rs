//! The fault matrix: every connector (LMS, SCIM, REST, Auth0, Authgear) pushes a job of
//! thirty users through the real runner while its sandbox emulator misbehaves, one way per
//! scenario: 429 storms, 500s, dropped connections, answers slower than the client waits,
//! creates answered too late, tokens expiring mid-job, and the run killed mid-batch or
//! between a create and its answer. A run that stops is run again, as `muster jobs resume`
//! would, until the job finishes; then the emulator's own record must show every user
//! arrived exactly once (twice only where the target matches a second arrival to the same
//! user), and the journal must agree with it record by record.
//!
//! One line per scenario below; each cell is its own test named `scenario::connector`
//! (`cargo test -p muster-engine --test faults late_answers`), and every assertion names
//! its cell as `[scenario × connector]`. docs/reliability.md lists what each cell asserts.

mod common;

#[path = "faults/check.rs"]
mod check;
#[path = "faults/connector.rs"]
mod connector;
#[path = "faults/drive.rs"]
mod drive;
#[path = "faults/scenario.rs"]
mod scenario;

/// `scenario => connector, …;` makes one test per connector in a module per scenario.
macro_rules! matrix {
    ($($scenario:ident => $($connector:ident),+;)+) => {$(
        mod $scenario {$(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $connector() {
                crate::drive::cell(stringify!($scenario), stringify!($connector)).await;
            }
        )+}
    )+};
}

matrix! {
    rate_limit_storm     => lms, scim, rest, auth0, authgear;
    server_errors        => lms, scim, rest, auth0, authgear;
    dropped_connections  => lms, scim, rest, auth0, authgear;
    slow_responses       => lms, scim, rest, auth0, authgear;
    late_answers         => lms, scim, rest, auth0, authgear;
    // LMS, SCIM and REST connections hold a static bearer token that does not expire.
    token_expiry         => auth0, authgear;
    crash_mid_batch      => lms, scim, rest, auth0, authgear;
    crash_before_outcome => lms, scim, rest, auth0, authgear;
}

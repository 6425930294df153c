//! SIGKILL of the real `muster` process at many points of a job, then `muster jobs
//! resume`: a matrix of kill points × connectors. Each cell runs a sandbox in this test
//! process (so the emulators can be asked how often each user arrived), saves a
//! connection to one emulator with `muster connect add` (its secret into the keychain),
//! starts `muster run` on a generated file of 60 people, times the kill with a sandbox
//! fault and the emulator's request log, kills the process with SIGKILL, and resumes the
//! job until it finishes. Then the emulator must have received every record exactly
//! once (twice only where a second arrival is harmless by design, and then the journal
//! says what the target answered), and the journal must say `finished` with the counts
//! the emulator agrees with.
//!
//! Kill points (`kill/point.rs`): before the first batch is sent (its requests held
//! before the emulator handles them), after it was carried out and before its answer,
//! while an accepted batch is polled (Auth0, Authgear), and mid-job once two batches have
//! settled (LMS, SCIM, REST; one Auth0 file or Authgear task holds all 60).
//!
//! Run with a keychain: `dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon
//! --daemonize --unlock --components=secrets; cargo test -p muster-cli --test kill --
//! --nocapture'` (one summary line per cell).

mod common;

#[path = "kill/cell.rs"]
mod cell;
#[path = "kill/point.rs"]
mod point;
#[path = "kill/rehearsal.rs"]
mod rehearsal;

/// `point => connector, …;` makes one test per connector in a module per kill point.
macro_rules! matrix {
    ($($point:ident => $($connector:ident),+;)+) => {$(
        mod $point {$(
            #[test]
            fn $connector() {
                crate::cell::run(stringify!($point), stringify!($connector));
            }
        )+}
    )+};
}

matrix! {
    before_send => lms, scim, rest, auth0, authgear;
    after_send  => lms, scim, rest, auth0, authgear;
    polling     => auth0, authgear;
    mid_job     => lms, scim, rest;
}

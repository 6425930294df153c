//! The real OS keychain: a secret stored, read back, overwritten and deleted.
//!
//! On Linux this needs a Secret Service on the session D-Bus. `scripts/test` provides one
//! (a private `dbus-run-session` with gnome-keyring unlocked by a throwaway password). When
//! none answers, the test fails with the keychain's message and how to start one.

use std::time::{SystemTime, UNIX_EPOCH};

use muster_engine::secrets::{Keychain, Secret, SecretError, SecretStore};

const HOW_TO_RUN: &str = "This test uses the real OS keychain. On Linux it needs a Secret Service: run ./scripts/test, or run the test inside \
     `dbus-run-session -- sh -c 'printf %s throwaway | gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null; cargo test -p muster-engine --test keychain'` \
     (Debian/Ubuntu packages: dbus, gnome-keyring).";

/// A connection name no other run uses, so parallel runs and leftovers never collide.
fn unique_connection(label: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("muster-test-{label}-{}-{nanos}", std::process::id())
}

fn or_explain<T>(result: Result<T, SecretError>, step: &str) -> T {
    match result {
        Ok(value) => value,
        Err(err) => panic!("{step} failed: {err}\n\n{HOW_TO_RUN}"),
    }
}

#[test]
fn stores_reads_overwrites_and_deletes_a_secret_in_the_os_keychain() {
    let keychain = Keychain;
    let connection = unique_connection("roundtrip");

    or_explain(
        keychain.set(
            &connection,
            "client_secret",
            &Secret::new("first value: ünïcödé"),
        ),
        "storing a secret",
    );
    let read = or_explain(
        keychain.get(&connection, "client_secret"),
        "reading it back",
    );
    assert_eq!(
        read.as_ref().map(Secret::expose),
        Some("first value: ünïcödé")
    );

    or_explain(
        keychain.set(&connection, "client_secret", &Secret::new("second value")),
        "overwriting it",
    );
    let read = or_explain(
        keychain.require(&connection, "client_secret"),
        "reading the new value",
    );
    assert_eq!(read.expose(), "second value");

    // Another secret name of the same connection is a separate entry.
    assert_eq!(
        or_explain(
            keychain.get(&connection, "token"),
            "reading an absent secret"
        ),
        None
    );

    assert!(or_explain(
        keychain.delete(&connection, "client_secret"),
        "deleting it"
    ));
    assert_eq!(
        or_explain(
            keychain.get(&connection, "client_secret"),
            "reading after delete"
        ),
        None
    );
    assert!(!or_explain(
        keychain.delete(&connection, "client_secret"),
        "deleting twice"
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_when_called_from_async_code() {
    // keyring's Linux backend runs its own tokio runtime; Keychain must not clash with ours.
    let connection = unique_connection("async");
    or_explain(
        Keychain.set(&connection, "token", &Secret::new("from async")),
        "storing from async code",
    );
    let read = or_explain(
        Keychain.require(&connection, "token"),
        "reading from async code",
    );
    assert_eq!(read.expose(), "from async");
    assert!(or_explain(
        Keychain.delete(&connection, "token"),
        "deleting from async code"
    ));
}

/// Runs this same test in a child process whose session bus address points nowhere; the
/// child (told apart by `MUSTER_KEYCHAIN_PROBE`) tries to store a secret and prints the
/// error, which the parent checks as the person would read it.
#[cfg(target_os = "linux")]
#[test]
fn an_unreachable_secret_service_is_reported_with_how_to_start_one() {
    const NAME: &str = "an_unreachable_secret_service_is_reported_with_how_to_start_one";
    if std::env::var_os("MUSTER_KEYCHAIN_PROBE").is_some() {
        let err = Keychain
            .set(
                &unique_connection("probe"),
                "token",
                &Secret::new("never-shown-value"),
            )
            .expect_err("the keychain answered although the session bus address points nowhere");
        println!("PROBE ERROR: {err}");
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let output = std::process::Command::new(exe)
        .args(["--exact", NAME, "--nocapture", "--test-threads=1"])
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/muster-test-bus",
        )
        .env("MUSTER_KEYCHAIN_PROBE", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "probe failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|line| line.split_once("PROBE ERROR: ").map(|(_, error)| error))
        .unwrap_or_else(|| panic!("the probe printed no error:\n{stdout}"));
    assert!(
        line.starts_with("the keychain refused to store the secret \"token\""),
        "{line}"
    );
    assert!(line.contains("gnome-keyring"), "{line}");
    assert!(line.contains("dbus-run-session"), "{line}");
    assert!(!line.contains("never-shown-value"), "{line}");
}

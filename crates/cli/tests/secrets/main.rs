//! No secret is left behind, and none is sent in an address.
//!
//! One whole session through the real `muster` binary against a `muster sandbox` process,
//! with every connection saved by `muster connect add` into the OS keychain: the five
//! targets and the three ways a REST source signs in (a bearer token, the OAuth password
//! grant, client credentials), a connection refused for a wrong token, addresses refused
//! (plain http to another computer, a token in the query), a file job to the LMS with rows
//! held back, stopped by a 500 and resumed, a record the LMS refuses, and a retry from the
//! fixed failed rows, every export (`muster export`'s issues and rejected rows, the job's results
//! and failed rows as CSV and XLSX), a job to every other target kind, a planned job resumed,
//! a push to Auth0 killed with SIGKILL and resumed, and pulls from both sources.
//!
//! Then every file written under the test's folder (the store, and copies of the store,
//! its WAL and shared-memory files taken right after the kill; every export, workbooks
//! unpacked; the pulled pages; the killed run's output), the standard output and error of
//! every process, and every request address the emulators received are searched for each
//! secret: as given, base64 at any alignment, percent-, form- and JSON-encoded; and for any
//! token a target issued (JWTs, `oat_…`). The sandbox's own banner is not searched: it is the
//! issuer and prints the secrets to be saved. The keychain is not searched: it is where they
//! belong. Nothing in the CLI panics on demand, so no panic output is covered beyond
//! `RUST_BACKTRACE=1` being set for every process (a panic would be in its standard error).
//!
//! Needs a Secret Service: `dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon
//! --daemonize --unlock --components=secrets; cargo test -p muster-cli --test secrets'`.

#[path = "../common/mod.rs"]
mod common;
mod scan;
mod session;
mod steps;

use common::sandbox::SandboxProcess;
use scan::{Marker, Place, files_under, findings};
use session::Session;
use steps::{
    auth0_job_killed_and_resumed, jobs_to_every_other_target, lms_job_with_a_failure_and_a_retry,
    pulls, refused_connections, save_connections,
};
use tempfile::TempDir;

/// A wrong token, given to a connection the LMS refuses: it must not be echoed either.
const WRONG_TOKEN: &str = "MUSTER-CANARY-wrong-token-5f1c9e2ab7d04";
/// A token typed into an address: refused, and not shown in the refusal.
const TOKEN_IN_ADDRESS: &str = "MUSTERCANARYaddr0token93b1e7c2";

/// Every secret the session gives Muster, each a marker of its own.
fn markers(sandbox: &SandboxProcess) -> Vec<Marker> {
    let mut markers = vec![
        Marker::new("wrong LMS token", WRONG_TOKEN),
        Marker::new("token typed into an address", TOKEN_IN_ADDRESS),
    ];
    for name in ["auth0", "scim", "rest", "lms", "hris", "people"] {
        let emulator = sandbox.emulator(name);
        markers.push(Marker::new(&format!("{name} secret"), &emulator.secret));
    }
    // The Authgear private key: every line of its PEM body.
    let pem = &sandbox.emulator("authgear").secret;
    for (n, line) in pem.split_whitespace().filter(|l| l.len() >= 40).enumerate() {
        markers.push(Marker::new(
            &format!("authgear private key, line {}", n + 1),
            line,
        ));
    }
    let people = sandbox.emulator("people");
    markers.push(Marker::new(
        "people password",
        people.credential("password"),
    ));
    markers.push(Marker::new(
        "people client secret",
        people.credential("client_secret"),
    ));
    markers
}

#[test]
fn no_secret_is_left_in_any_file_output_or_address() {
    let dir = TempDir::new().expect("a test folder");
    let sandbox = SandboxProcess::start(&["--auth0-job-ms", "300", "--hris-employees", "40"]);
    let markers = markers(&sandbox);
    let mut session = Session::new(dir.path());

    save_connections(&mut session, &sandbox);
    refused_connections(&mut session, sandbox.emulator("lms"));
    lms_job_with_a_failure_and_a_retry(&mut session, sandbox.emulator("lms"));
    jobs_to_every_other_target(&mut session);
    let copies = auth0_job_killed_and_resumed(&mut session, sandbox.emulator("auth0"));
    pulls(&mut session);

    // The kill left a write-ahead log behind, so the scan reads one.
    assert!(
        copies
            .iter()
            .any(|c| c.display().to_string().ends_with("-wal")
                && std::fs::metadata(c).is_ok_and(|m| m.len() > 0)),
        "no WAL was copied after the kill: {copies:?}"
    );

    let files = files_under(dir.path());
    let mut places: Vec<Place> = files;
    let file_count = places.len();
    let bytes: usize = places.iter().map(|p| p.bytes.len()).sum();
    let output_count = session.outputs.len();
    places.append(&mut session.outputs);
    let mut found = findings(&markers, &places);

    // Every request address each emulator received, with its query.
    let (requests, in_addresses) = address_findings(&sandbox, &markers);
    found.extend(in_addresses);
    let forms: usize = markers.iter().map(Marker::form_count).sum();
    eprintln!(
        "secrets scan: {file_count} files and workbook entries ({bytes} bytes), \
         {output_count} process outputs, {} markers in {forms} forms, {requests} request addresses",
        markers.len()
    );
    assert!(found.is_empty(), "secrets found:\n{}", found.join("\n"));
}

/// Query parameters that would carry a credential.
const CREDENTIAL_PARAMETERS: [&str; 6] = [
    "access_token",
    "token",
    "api_key",
    "apikey",
    "client_secret",
    "password",
];

/// How many request addresses the emulators logged, and every secret, issued token or
/// credential parameter found in them (path and query). Every emulator must have been sent
/// something, so every connector's requests are covered.
fn address_findings(sandbox: &SandboxProcess, markers: &[Marker]) -> (usize, Vec<String>) {
    let mut requests = 0;
    let mut found = Vec::new();
    for name in ["auth0", "authgear", "scim", "rest", "lms", "hris", "people"] {
        let log = sandbox.emulator(name).requests();
        assert!(!log.is_empty(), "the {name} emulator received no request");
        requests += log.len();
        for entry in log {
            let query = entry["query"].as_str().unwrap_or_default();
            let path = entry["path"].as_str().unwrap_or_default();
            let address = if query.is_empty() {
                path.to_owned()
            } else {
                format!("{path}?{query}")
            };
            let place = [Place {
                what: format!("the address {} {address} sent to {name}", entry["method"]),
                bytes: address.clone().into_bytes(),
            }];
            found.extend(findings(markers, &place));
            let names = query
                .split('&')
                .map(|pair| pair.split('=').next().unwrap_or_default());
            if names
                .map(str::to_ascii_lowercase)
                .any(|n| CREDENTIAL_PARAMETERS.contains(&n.as_str()))
            {
                found.push(format!(
                    "a credential parameter in {address} sent to {name}"
                ));
            }
        }
    }
    (requests, found)
}

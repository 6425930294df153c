//! The app's sandbox: started, described with real loopback addresses, stopped.

use std::net::TcpStream;

use crate::sandbox_state::{PORTS_VARIABLE, SandboxState, ports};

fn address(url: &str) -> &str {
    url.trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_starts_once_answers_on_loopback_and_stops() {
    let sandbox = SandboxState::default();
    let before = sandbox.status().await;
    assert!(!before.running && before.emulators.is_empty());

    let started = sandbox.start().await.expect("start");
    assert!(started.running);
    let kinds: Vec<&str> = started.emulators.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "auth0",
            "authgear",
            "scim",
            "rest",
            "lms",
            "hris",
            "rest-source"
        ]
    );
    for emulator in &started.emulators {
        assert!(
            emulator.url.starts_with("http://127.0.0.1:"),
            "{}",
            emulator.url
        );
        assert!(!emulator.label.is_empty());
        TcpStream::connect(address(&emulator.url)).expect("the emulator listens");
    }
    let lms = &started.emulators[4];
    assert_eq!((lms.label.as_str(), lms.users), ("LMS Collaborator", 0));
    // The HRIS source's emulator comes with its directory of employees.
    assert!(started.emulators[5].users > 0);

    // Starting again keeps the same emulators.
    let again = sandbox.start().await.expect("start again");
    assert_eq!(again, started);
    assert_eq!(sandbox.status().await, started);
    let json = serde_json::to_value(&started).expect("json");
    assert_eq!(json["emulators"][4]["kind"], "lms");
    assert!(json["emulators"][4]["url"].is_string());

    let stopped = sandbox.stop().await.expect("stop");
    assert!(!stopped.running && stopped.emulators.is_empty());
    assert!(!sandbox.status().await.running);
    assert!(
        TcpStream::connect(address(&lms.url)).is_err(),
        "nothing listens after stop"
    );
    // Stopping a stopped sandbox is no error.
    assert!(!sandbox.stop().await.expect("stop again").running);
}

#[test]
fn the_ports_variable_fixes_seven_ports_in_a_row_or_says_what_it_needs() {
    assert_eq!(ports(None).expect("free ports").lms, 0);
    assert_eq!(ports(Some(" ")).expect("free ports").lms, 0);
    let fixed = ports(Some("47100")).expect("fixed");
    assert_eq!(
        (fixed.auth0, fixed.lms, fixed.people),
        (47100, 47104, 47106)
    );
    for wrong in ["0", "abc", "65533"] {
        let error = ports(Some(wrong)).expect_err(wrong);
        assert!(error.message.contains(PORTS_VARIABLE), "{}", error.message);
        assert!(error.message.contains(wrong), "{}", error.message);
    }
}

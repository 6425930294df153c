//! Fault injection, the request log, the control endpoints and the
//! sandbox's lifecycle.

mod common;

use std::net::{Ipv4Addr, TcpListener};
use std::time::{Duration, Instant};

use common::{start, start_with};
use muster_sandbox::{Fault, SandboxOptions};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

fn lms_user(uid: &str) -> Value {
    json!({"uid": uid, "secondname": "Lee", "firstname": "Ann", "login": uid, "email": format!("{uid}@example.com")})
}

async fn post_lms(
    client: &Client,
    url: &str,
    token: &str,
    uid: &str,
) -> Result<reqwest::Response, reqwest::Error> {
    client
        .post(format!("{url}/api/v2/users-import/single"))
        .bearer_auth(token)
        .json(&lms_user(uid))
        .send()
        .await
}

#[tokio::test]
async fn n_errors_then_normal_and_the_log_counts_them() {
    let sandbox = start().await;
    let lms = sandbox.lms();
    let client = Client::new();
    lms.faults()
        .push(Fault::status(StatusCode::INTERNAL_SERVER_ERROR, r#"{"error":"boom"}"#).times(2));

    let mut statuses = Vec::new();
    for _ in 0..3 {
        let response = post_lms(&client, lms.url(), lms.emulator().token(), "u1")
            .await
            .unwrap();
        statuses.push(response.status());
        if response.status() == StatusCode::INTERNAL_SERVER_ERROR {
            assert_eq!(
                response.json::<Value>().await.unwrap(),
                json!({"error": "boom"})
            );
        }
    }
    assert_eq!(
        statuses,
        [
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::OK
        ]
    );
    assert_eq!(lms.log().count("POST", "/api/v2/users-import/single"), 3);
    let logged: Vec<Option<u16>> = lms
        .log()
        .entries()
        .iter()
        .map(|entry| entry.status)
        .collect();
    assert_eq!(logged, [Some(500), Some(500), Some(200)]);
    assert_eq!(
        lms.emulator().post_count("u1"),
        1,
        "faulted requests never reached the emulator"
    );
    assert!(lms.faults().pending().is_empty());
}

#[tokio::test]
async fn dropped_connection_is_a_client_error() {
    let sandbox = start().await;
    let lms = sandbox.lms();
    let client = Client::new();
    lms.faults().push(Fault::drop_connection());

    let dropped = post_lms(&client, lms.url(), lms.emulator().token(), "u1").await;
    assert!(
        dropped.is_err(),
        "expected a transport error, got {dropped:?}"
    );
    let after = post_lms(&client, lms.url(), lms.emulator().token(), "u1")
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::OK);

    let entries = lms.log().entries();
    assert_eq!(entries.len(), 2);
    assert_eq!(
        (entries[0].status, entries[0].fault.as_deref()),
        (None, Some("drop"))
    );
    assert_eq!(entries[1].status, Some(200));
    assert_eq!(lms.emulator().post_count("u1"), 1);
}

#[tokio::test]
async fn delay_holds_the_answer() {
    let sandbox = start().await;
    let lms = sandbox.lms();
    let client = Client::new();
    lms.faults().push(Fault::delay(Duration::from_millis(300)));

    let clock = Instant::now();
    let response = post_lms(&client, lms.url(), lms.emulator().token(), "u1")
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        clock.elapsed() >= Duration::from_millis(300),
        "{:?}",
        clock.elapsed()
    );
    let entry = &lms.log().entries()[0];
    assert_eq!(entry.fault.as_deref(), Some("delay"));
    assert!(entry.duration_ms >= 300, "{entry:?}");
}

/// A client that gives up on a delayed request leaves nothing done; one that gives up on
/// a late answer leaves the work done and logged.
#[tokio::test]
async fn a_client_timeout_cancels_a_delay_but_not_a_late_answer() {
    let sandbox = start().await;
    let lms = sandbox.lms();
    let impatient = Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    lms.faults().push(Fault::delay(Duration::from_millis(1000)));
    let delayed = post_lms(&impatient, lms.url(), lms.emulator().token(), "u1").await;
    assert!(delayed.unwrap_err().is_timeout());
    // Pushed only now: a delay and an answer rule would both apply to one request.
    lms.faults()
        .push(Fault::late_answer(Duration::from_millis(1000)));
    let late = post_lms(&impatient, lms.url(), lms.emulator().token(), "u2").await;
    assert!(late.unwrap_err().is_timeout());

    // The late answer was logged when the work was done, before its hold.
    let entries = lms.log().entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(
        (entries[0].status, entries[0].fault.as_deref()),
        (Some(200), Some("late_answer"))
    );
    assert_eq!(lms.emulator().post_count("u2"), 1);
    // Past the delay's end: the request the client left was dropped, never handled.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(lms.emulator().post_count("u1"), 0);
    assert_eq!(lms.log().len(), 1);
    assert!(lms.faults().pending().is_empty());
}

#[tokio::test]
async fn too_many_requests_carries_retry_after() {
    let sandbox = start().await;
    let lms = sandbox.lms();
    let client = Client::new();
    lms.faults()
        .push(Fault::too_many_requests(Duration::from_secs(2)));

    let limited = post_lms(&client, lms.url(), lms.emulator().token(), "u1")
        .await
        .unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers()["retry-after"], "2");
    let next = post_lms(&client, lms.url(), lms.emulator().token(), "u1")
        .await
        .unwrap();
    assert_eq!(next.status(), StatusCode::OK);
}

#[tokio::test]
async fn faults_can_target_a_method_and_path() {
    let sandbox = start().await;
    let auth0 = sandbox.auth0();
    let client = Client::new();
    auth0.faults().push(
        Fault::status(StatusCode::SERVICE_UNAVAILABLE, "")
            .on("POST", "/api/v2/jobs")
            .always(),
    );

    // The token endpoint is untouched; the import endpoint is not.
    let token = common::auth0_token(&client, &sandbox).await;
    let form = common::import_form(&sandbox, br#"[{"email":"a@b.co"}]"#, None);
    let (status, _) = common::post_import(&client, &sandbox, &token, form).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        auth0.faults().pending().len(),
        1,
        "`always` stays until cleared"
    );
    auth0.faults().clear();
    let form = common::import_form(&sandbox, br#"[{"email":"a@b.co"}]"#, None);
    let (status, _) = common::post_import(&client, &sandbox, &token, form).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(auth0.log().count("POST", "/api/v2/jobs/users-imports"), 2);
    assert_eq!(auth0.log().count("POST", "/oauth/token"), 1);
}

#[tokio::test]
async fn control_endpoint_sets_faults_and_reads_the_log() {
    let sandbox = start().await;
    let lms = sandbox.lms();
    let client = Client::new();
    let control = format!("{}/_sandbox/faults", lms.url());

    let added = client
        .post(&control)
        .json(&json!({"kind": "status", "status": 503, "times": 1, "path": "/api/v2/users-import"}))
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::CREATED);
    let pending: Value = client
        .get(&control)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pending[0]["status"], 503);

    let refused = client
        .post(&control)
        .json(&json!({"kind": "status", "status": 42}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let nonsense = client.post(&control).body("not json").send().await.unwrap();
    assert_eq!(nonsense.status(), StatusCode::BAD_REQUEST);

    let faulted = post_lms(&client, lms.url(), lms.emulator().token(), "u1")
        .await
        .unwrap();
    assert_eq!(faulted.status(), StatusCode::SERVICE_UNAVAILABLE);
    let log: Value = client
        .get(format!("{}/_sandbox/requests", lms.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        log.as_array().unwrap().len(),
        1,
        "control requests are not logged: {log}"
    );
    assert_eq!(log[0]["status"], 503);
    assert_eq!(log[0]["method"], "POST");

    client
        .post(&control)
        .json(&json!({"kind": "drop", "times": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        client.delete(&control).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let ok = post_lms(&client, lms.url(), lms.emulator().token(), "u1")
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let cleared = client
        .delete(format!("{}/_sandbox/requests", lms.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), StatusCode::NO_CONTENT);
    assert!(lms.log().is_empty());
}

#[tokio::test]
async fn every_emulator_is_wrapped_and_on_loopback() {
    let sandbox = start().await;
    let client = Client::new();
    for (name, url) in sandbox.urls() {
        assert!(url.starts_with("http://127.0.0.1:"), "{name}: {url}");
    }
    let served = [
        (
            sandbox.auth0().faults(),
            sandbox.auth0().log(),
            sandbox.auth0().url(),
        ),
        (
            sandbox.authgear().faults(),
            sandbox.authgear().log(),
            sandbox.authgear().url(),
        ),
        (
            sandbox.scim().faults(),
            sandbox.scim().log(),
            sandbox.scim().url(),
        ),
        (
            sandbox.rest().faults(),
            sandbox.rest().log(),
            sandbox.rest().url(),
        ),
        (
            sandbox.lms().faults(),
            sandbox.lms().log(),
            sandbox.lms().url(),
        ),
    ];
    for (faults, log, url) in served {
        faults.push(Fault::status(StatusCode::BAD_GATEWAY, ""));
        let response = client
            .get(format!("{url}/sandbox-probe"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_GATEWAY, "{url}");
        assert_eq!(log.count("GET", "/sandbox-probe"), 1, "{url}");
    }
}

#[tokio::test]
async fn fixed_ports_and_shutdown() {
    let free = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let mut options = SandboxOptions::default();
    options.ports.lms = port;
    let sandbox = start_with(options).await;
    assert_eq!(sandbox.lms().url(), format!("http://127.0.0.1:{port}"));

    let client = Client::new();
    let url = sandbox.lms().url().to_owned();
    let token = sandbox.lms().emulator().token().to_owned();
    assert_eq!(
        post_lms(&client, &url, &token, "u1")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    sandbox.shutdown().await.unwrap();
    let fresh = Client::new();
    assert!(
        post_lms(&fresh, &url, &token, "u1").await.is_err(),
        "nothing listens after shutdown"
    );
}

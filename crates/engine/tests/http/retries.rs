//! Retries by class: waits the server asks for, 5xx for idempotent requests, and
//! creates that must not be sent twice.

use std::time::Duration;

use muster_engine::connect::{Auth, ErrorKind, RetryClass, WaitReason};

use super::{client_with, config, reply, scripted};

#[tokio::test]
async fn a_429_with_retry_after_is_waited_for_then_retried_once() {
    let (base, log) = scripted(vec![
        reply(429).header("retry-after", "1"),
        reply(200).body("[]"),
    ])
    .await;
    let (client, waits) = client_with(config(Auth::None, 4));

    let response = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/api/v1/users"))
        })
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "[]");
    let seen = log.all();
    assert_eq!(seen.len(), 2, "one request and one retry");
    let gap = seen[1].at - seen[0].at;
    assert!(
        gap >= Duration::from_secs(1),
        "retried after {gap:?}, before Retry-After: 1"
    );
    let waits = waits.lock().unwrap().clone();
    assert_eq!(waits.len(), 1);
    assert_eq!(waits[0].delay, Duration::from_secs(1));
    assert_eq!(waits[0].reason, WaitReason::RateLimited);
    assert!(waits[0].from_server);
    assert_eq!(waits[0].to_string(), "waiting 1 s (rate limit)");
}

#[tokio::test]
async fn auth0_style_x_ratelimit_reset_is_honoured() {
    let reset = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 2;
    let (base, log) = scripted(vec![
        reply(429)
            .header("x-ratelimit-limit", "10")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", reset.to_string()),
        reply(200),
    ])
    .await;
    let (client, waits) = client_with(config(Auth::None, 3));

    client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/api/v2/jobs/job_1"))
        })
        .await
        .unwrap();

    assert_eq!(log.count(), 2);
    let waits = waits.lock().unwrap().clone();
    assert_eq!(waits.len(), 1);
    // The reset is 1 to 2 s away depending on where in the second the request went out.
    assert!(
        waits[0].delay > Duration::from_millis(900) && waits[0].delay <= Duration::from_secs(2),
        "{:?}",
        waits[0].delay
    );
    assert!(waits[0].from_server);
}

#[tokio::test]
async fn an_idempotent_request_is_retried_through_two_503s() {
    let (base, log) = scripted(vec![reply(503), reply(503), reply(200).body("done")]).await;
    let (client, waits) = client_with(config(Auth::None, 5));

    let response = client
        .send(RetryClass::Idempotent, |http| {
            http.put(format!("{base}/users/7")).body("{}")
        })
        .await
        .unwrap();

    assert_eq!(response.text().await.unwrap(), "done");
    assert_eq!(log.count(), 3);
    let reasons: Vec<_> = waits
        .lock()
        .unwrap()
        .iter()
        .map(|w| (w.attempt, w.reason))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (1, WaitReason::ServerBusy(503)),
            (2, WaitReason::ServerBusy(503))
        ]
    );
}

#[tokio::test]
async fn a_create_answered_500_is_not_retried_and_is_uncertain() {
    let (base, log) = scripted(vec![reply(500), reply(201)]).await;
    let (client, waits) = client_with(config(Auth::None, 5));

    let err = client
        .send(RetryClass::CreateOnce, |http| {
            http.post(format!("{base}/users")).body("{}")
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::Uncertain);
    assert_eq!(
        log.count(),
        1,
        "a create that may have been processed is sent once"
    );
    assert!(waits.lock().unwrap().is_empty());
    let text = err.to_string();
    assert!(text.contains(&format!("POST {base}/users")), "{text}");
    assert!(text.contains("HTTP 500"), "{text}");
    assert!(text.contains("Look the record up"), "{text}");
}

#[tokio::test]
async fn a_create_answered_429_is_retried_because_nothing_was_processed() {
    let (base, log) = scripted(vec![reply(429).header("retry-after", "0"), reply(201)]).await;
    let (client, _) = client_with(config(Auth::None, 3));

    let response = client
        .send(RetryClass::CreateOnce, |http| {
            http.post(format!("{base}/users")).body("{}")
        })
        .await
        .unwrap();

    assert_eq!(response.status(), 201);
    assert_eq!(log.count(), 2);
}

#[tokio::test]
async fn server_errors_beyond_the_budget_are_reported_with_the_attempts() {
    let (base, log) = scripted(vec![reply(503)]).await;
    let (client, waits) = client_with(config(Auth::None, 3));

    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/status"))
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(503));
    assert_eq!(log.count(), 3);
    assert_eq!(waits.lock().unwrap().len(), 2);
    assert!(
        err.to_string().contains("HTTP 503 after 3 attempt(s)"),
        "{err}"
    );
}

#[tokio::test]
async fn rate_limits_beyond_the_budget_are_reported_as_rate_limited() {
    let (base, log) = scripted(vec![reply(429)]).await;
    let (client, _) = client_with(config(Auth::None, 2));

    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/users"))
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(log.count(), 2);
    assert!(err.to_string().contains("after 2 attempt(s)"), "{err}");
}

#[tokio::test]
async fn a_server_asking_for_a_longer_wait_than_the_cap_is_not_waited_for() {
    let (base, log) = scripted(vec![reply(429).header("retry-after", "3600")]).await;
    let (client, waits) = client_with(config(Auth::None, 5));

    let started = std::time::Instant::now();
    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/api/v1/users"))
        })
        .await
        .unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(log.count(), 1);
    assert!(waits.lock().unwrap().is_empty());
    assert!(err.to_string().contains("asks to wait 60 min"), "{err}");
}

#[tokio::test]
async fn client_errors_come_back_with_the_servers_message() {
    let (base, log) = scripted(vec![
        reply(400).body(r#"{"error":"Field \"email\" is required"}"#),
        reply(404),
        reply(403),
    ])
    .await;
    let (client, _) = client_with(config(Auth::None, 5));
    let post = |http: &reqwest::Client| http.post(format!("{base}/api/users?token_hint=x"));

    let err = client.send(RetryClass::CreateOnce, post).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Rejected);
    assert_eq!(err.status(), Some(400));
    let text = err.to_string();
    assert!(text.contains(r#"Field \"email\" is required"#), "{text}");
    assert!(
        !text.contains("token_hint"),
        "the query string stays out of messages: {text}"
    );

    let err = client.send(RetryClass::Idempotent, post).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);

    let err = client.send(RetryClass::Idempotent, post).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CredentialsRefused);
    assert!(
        err.to_string().contains("lack the permission or scope"),
        "{err}"
    );
    assert_eq!(log.count(), 3, "none of these is retried");
}

#[tokio::test]
async fn every_request_carries_the_muster_user_agent() {
    let (base, log) = scripted(vec![reply(204)]).await;
    let (client, _) = client_with(config(Auth::None, 1));
    client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/ping"))
        })
        .await
        .unwrap();
    let expected = format!("muster/{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(log.all()[0].header("user-agent"), Some(expected.as_str()));
}

//! Failures below HTTP: dropped and refused connections, timeouts, TLS, and addresses
//! Muster does not send to.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use muster_engine::connect::{
    Auth, ClientConfig, ErrorKind, HttpSettings, RetryClass, WaitReason, check_url,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{client_with, config, quick_retries, reply, scripted, scripted_router, serve};

/// A raw server: the first `drops` connections have their request read and are then closed
/// without an answer; later ones get `200 ok`. Counts the requests it read.
async fn dropping_server(drops: usize) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let index = counter.fetch_add(1, Ordering::SeqCst);
            if index >= drops {
                let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok";
                let _ = socket.write_all(answer).await;
            }
            drop(socket);
        }
    });
    (format!("http://{address}"), seen)
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_an_idempotent_request() {
    let (base, seen) = dropping_server(1).await;
    let (client, waits) = client_with(config(Auth::None, 3));

    let response = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/users"))
        })
        .await
        .unwrap();

    assert_eq!(response.text().await.unwrap(), "ok");
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    assert_eq!(waits.lock().unwrap()[0].reason, WaitReason::Network);
}

#[tokio::test]
async fn a_create_whose_connection_drops_after_sending_is_uncertain() {
    let (base, seen) = dropping_server(1).await;
    let (client, _) = client_with(config(Auth::None, 3));

    let err = client
        .send(RetryClass::CreateOnce, |http| {
            http.post(format!("{base}/users")).body("{}")
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::Uncertain);
    assert_eq!(
        seen.load(Ordering::SeqCst),
        1,
        "the create is not sent again"
    );
    assert!(
        err.to_string()
            .contains("the connection broke before the answer"),
        "{err}"
    );
}

#[tokio::test]
async fn a_create_is_retried_when_the_connection_was_refused() {
    // A port with nothing listening; the server starts there during the first wait.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address: SocketAddr = free.local_addr().unwrap();
    drop(free);
    let (router, log) = scripted_router(vec![reply(201)]);
    let pending: Mutex<Option<Router>> = Mutex::new(Some(router));
    let config = config(Auth::None, 3);
    let client = muster_engine::connect::Client::new(config)
        .unwrap()
        .on_wait(move |wait| {
            assert_eq!(wait.reason, WaitReason::Network);
            if let Some(router) = pending.lock().unwrap().take() {
                let listener = std::net::TcpListener::bind(address).unwrap();
                listener.set_nonblocking(true).unwrap();
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
            }
        });

    let response = client
        .send(RetryClass::CreateOnce, |http| {
            http.post(format!("http://{address}/users")).body("{}")
        })
        .await
        .unwrap();

    assert_eq!(response.status(), 201);
    assert_eq!(log.count(), 1, "created exactly once");
}

#[tokio::test]
async fn nothing_listening_is_a_network_error_after_the_attempts() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = free.local_addr().unwrap();
    drop(free);
    let (client, waits) = client_with(config(Auth::None, 3));

    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("http://{address}/users"))
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::Network);
    assert_eq!(waits.lock().unwrap().len(), 2);
    let text = err.to_string();
    assert!(text.contains("after 3 attempt(s)"), "{text}");
    assert!(text.contains("test-connection"), "{text}");
}

async fn slow_server(delay: Duration) -> (String, Arc<AtomicUsize>) {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let router = Router::new().fallback(move || {
        let counter = counter.clone();
        async move {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(delay).await;
            "late"
        }
    });
    (serve(router).await, seen)
}

fn impatient(attempts: u32) -> ClientConfig {
    ClientConfig {
        http: HttpSettings {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_millis(300),
        },
        retry: quick_retries(attempts),
        ..ClientConfig::new("slow-hr", Auth::None)
    }
}

#[tokio::test]
async fn a_create_that_times_out_is_uncertain_and_sent_once() {
    let (base, seen) = slow_server(Duration::from_secs(3)).await;
    let (client, _) = client_with(impatient(3));

    let err = client
        .send(RetryClass::CreateOnce, |http| {
            http.post(format!("{base}/users")).body("{}")
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::Uncertain);
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    assert!(
        err.to_string().contains("no answer came within 0.3 s"),
        "{err}"
    );
}

#[tokio::test]
async fn an_idempotent_request_that_keeps_timing_out_reports_a_timeout() {
    let (base, seen) = slow_server(Duration::from_secs(3)).await;
    let (client, waits) = client_with(impatient(2));

    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/users"))
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    assert_eq!(waits.lock().unwrap()[0].reason, WaitReason::Timeout);
    assert!(
        err.to_string()
            .contains("did not answer within 0.3 s, 2 attempt(s)"),
        "{err}"
    );
}

#[tokio::test]
async fn https_to_a_server_that_does_not_speak_tls_is_a_tls_error() {
    let (base, log) = scripted(vec![reply(200)]).await;
    let https = base.replace("http://", "https://");
    let (client, waits) = client_with(config(Auth::None, 3));

    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{https}/users"))
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::Tls, "{err}");
    assert!(
        waits.lock().unwrap().is_empty(),
        "a TLS failure is not retried"
    );
    assert_eq!(log.count(), 0);
}

#[tokio::test]
async fn plain_http_to_another_computer_is_refused_before_sending() {
    assert!(check_url("http://127.0.0.1:8080").is_ok());
    let err = check_url("http://example.com").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadUrl);

    let (client, _) = client_with(config(Auth::Bearer("tok-secret".into()), 3));
    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get("http://example.com/users")
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadUrl);
    let text = err.to_string();
    assert!(text.contains("http://example.com/users"), "{text}");
    assert!(text.contains("only over https://"), "{text}");
}

//! Webhook deliveries: signatures, payloads, retries, deactivation, duplicates.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use super::eventually;
use crate::hris::{Churn, Hris, HrisConfig};

/// What a receiver got, and how many of its first answers are 500.
#[derive(Default)]
struct Received {
    fail_first: usize,
    calls: Vec<(Instant, HeaderMap, Bytes)>,
}

type Shared = Arc<Mutex<Received>>;

async fn receive(State(seen): State<Shared>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let mut seen = seen.lock().unwrap();
    seen.calls.push((Instant::now(), headers, body));
    if seen.calls.len() <= seen.fail_first {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

/// A receiver answering 500 to its first `fail_first` requests, then 200.
async fn receiver(fail_first: usize) -> (String, Shared) {
    let seen: Shared = Arc::new(Mutex::new(Received {
        fail_first,
        calls: Vec::new(),
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(Arc::clone(&seen));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

fn hris(scale: f64) -> Hris {
    Hris::with_config(HrisConfig {
        employees: 300,
        seed: 11,
        webhook_time_scale: scale,
        ..HrisConfig::default()
    })
}

#[tokio::test]
async fn each_change_is_one_signed_event_in_order() {
    let hris = hris(0.0001);
    let (url, seen) = receiver(0).await;
    hris.subscribe(url).unwrap();
    let report = hris.churn(&Churn {
        created: 1,
        updated: 1,
        deactivated: 1,
        reactivated: 1,
        deleted: 1,
    });
    eventually(10, || seen.lock().unwrap().calls.len() == 5).await;

    let calls = seen.lock().unwrap().calls.clone();
    let mut events = Vec::new();
    for (_, headers, body) in &calls {
        assert_eq!(headers["content-type"], "application/json");
        let mut mac = Hmac::<Sha256>::new_from_slice(hris.webhook_secret().as_bytes()).unwrap();
        mac.update(body);
        let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
        assert_eq!(headers["x-mangoapps-signature"].to_str().unwrap(), expected);
        events.push(serde_json::from_slice::<Value>(body).unwrap());
    }
    let names: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "user.created",
            "user.updated",
            "user.deactivated",
            "user.activated",
            "user.deleted"
        ]
    );
    let event_uids: Vec<&str> = events
        .iter()
        .map(|e| e["data"]["uid"].as_str().unwrap())
        .collect();
    assert_eq!(
        event_uids,
        [
            &report.created[0],
            &report.updated[0],
            &report.deactivated[0],
            &report.reactivated[0],
            &report.deleted[0]
        ]
    );
    let created = &events[0];
    let user_keys: Vec<&str> = created["data"]["user"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        user_keys,
        [
            "uid",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "active",
            "job_title",
            "employment_status",
            "employee_type"
        ]
    );
    let stamp = hris.user(&report.created[0]).unwrap()["updated_at"].clone();
    assert_eq!(created["timestamp"], stamp);
    assert!(!events[1]["data"]["changes"].as_array().unwrap().is_empty());
    assert_eq!(events[2]["data"]["user"]["active"], false);
    assert_eq!(events[3]["data"]["user"]["active"], true);
    let deleted = &events[4]["data"];
    assert_eq!(deleted["deleted_at"], stamp);
    assert_eq!(deleted["deleted_by"], "admin@example.com");
    assert!(deleted["user"].get("active").is_none());
    assert!(
        hris.deliveries()
            .iter()
            .all(|d| d.attempt == 1 && d.status == Some(200))
    );

    let again = hris.redeliver_last().await.unwrap();
    assert!(again.duplicate);
    let calls = seen.lock().unwrap().calls.clone();
    assert_eq!(calls.len(), 6);
    assert_eq!(calls[5].2, calls[4].2, "the same body");
    assert_eq!(
        calls[5].1["x-mangoapps-signature"],
        calls[4].1["x-mangoapps-signature"]
    );
}

#[tokio::test]
async fn a_failing_receiver_is_retried_on_the_scaled_schedule() {
    let hris = hris(0.0001);
    let (url, seen) = receiver(2).await;
    hris.subscribe(url).unwrap();
    let report = hris.churn(&Churn {
        updated: 1,
        ..Churn::default()
    });
    eventually(10, || seen.lock().unwrap().calls.len() == 3).await;
    eventually(10, || hris.deliveries().len() == 3).await;

    let deliveries = hris.deliveries();
    let attempts: Vec<(u32, Option<u16>)> =
        deliveries.iter().map(|d| (d.attempt, d.status)).collect();
    assert_eq!(attempts, [(1, Some(500)), (2, Some(500)), (3, Some(200))]);
    assert!(
        deliveries
            .iter()
            .all(|d| d.uid == report.updated[0] && d.event == "user.updated")
    );
    let calls = seen.lock().unwrap().calls.clone();
    // 1 min and 5 min, scaled by 0.0001: 6 ms and 30 ms.
    assert!(calls[1].0 - calls[0].0 >= std::time::Duration::from_millis(6));
    assert!(calls[2].0 - calls[1].0 >= std::time::Duration::from_millis(30));
    assert_eq!(calls[0].2, calls[2].2, "a retry sends the same body");
    assert_eq!(hris.subscriptions()[0].consecutive_failures, 0);
}

#[tokio::test]
async fn five_failed_deliveries_deactivate_the_subscription() {
    let hris = hris(0.00001);
    let (url, seen) = receiver(usize::MAX).await;
    hris.subscribe(url.clone()).unwrap();
    hris.churn(&Churn {
        updated: 7,
        ..Churn::default()
    });
    eventually(20, || !hris.subscriptions()[0].active).await;

    let subscription = &hris.subscriptions()[0];
    assert_eq!(subscription.consecutive_failures, 5);
    let deliveries = hris.deliveries();
    assert_eq!(
        deliveries.len(),
        5 * 6,
        "six attempts for each of five events"
    );
    assert_eq!(deliveries.iter().filter(|d| d.attempt == 6).count(), 5);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    hris.churn(&Churn {
        updated: 1,
        ..Churn::default()
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(seen.lock().unwrap().calls.len(), 30, "nothing more is sent");
    assert!(
        hris.redeliver_last().await.is_none(),
        "nothing was delivered"
    );

    // The control route subscribes again.
    let response = reqwest::Client::new()
        .post(format!(
            "{}/_sandbox/hris/webhooks",
            serve_control(&hris).await
        ))
        .json(&serde_json::json!({"url": url}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(hris.subscriptions().len(), 2);
    assert!(hris.subscriptions()[1].active);
    assert!(hris.subscribe("ftp://nowhere").is_err());
    // Deliveries stay on this computer.
    let refused = hris
        .subscribe("http://hooks.example.com/webhook")
        .unwrap_err();
    assert!(
        refused.to_string().contains("to this computer only"),
        "{refused}"
    );
    assert_eq!(hris.subscriptions().len(), 2);
}

async fn serve_control(hris: &Hris) -> String {
    super::serve(hris).await.base
}

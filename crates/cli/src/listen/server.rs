//! The webhook endpoint: `POST /webhook`, answered only once the event is journaled.
//!
//! Status codes (001, "Webhook Security": "return proper HTTP status codes"): 401 for a
//! signature that does not verify, 400 for a body that is not a user event, 413 for a body
//! over 1 MiB, 500 when the journal cannot be written (the source retries), 200 otherwise:
//! `accepted`, `duplicate` for a body received before, `ignored` for an event that is not
//! about a user. The secret and the signatures are never printed.

use std::sync::{Arc, Mutex, PoisonError};

use anyhow::Result;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use muster_engine::secrets::Secret;
use muster_engine::source::webhook::{SIGNATURE_HEADER, digest, parse, verify};
use muster_engine::store::{Recorded, Store};
use serde_json::json;
use tokio::sync::Notify;

/// The largest body accepted: a user event is a few kilobytes.
const BODY_LIMIT: usize = 1024 * 1024;

/// What the endpoint needs: whose webhooks, the secret they are signed with, the store
/// connection it journals through, and the applier to wake.
pub struct Receiver {
    pub connection: String,
    pub secret: Secret,
    pub store: Mutex<Store>,
    pub wake: Arc<Notify>,
}

/// Serves until `stop` is notified, then lets the answers under way finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    receiver: Arc<Receiver>,
    stop: Arc<Notify>,
) -> Result<()> {
    let app = Router::new()
        .route("/webhook", post(receive))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(receiver);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { stop.notified().await })
        .await?;
    Ok(())
}

async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // A header that is not text cannot be `sha256=<hex>`: refused as malformed.
    let signature = headers
        .get(SIGNATURE_HEADER)
        .map(|value| value.to_str().unwrap_or_default());
    if let Err(error) = verify(&receiver.secret, signature, &body) {
        eprintln!("refused a delivery: {error}");
        return answer(StatusCode::UNAUTHORIZED, "error", &error.to_string());
    }
    let event = match parse(&body) {
        Ok(event) => event,
        Err(error) if error.is_ignored() => {
            eprintln!("ignored a delivery: {error}");
            return answer(StatusCode::OK, "status", "ignored");
        }
        Err(error) => {
            eprintln!("refused a delivery: {error}");
            return answer(StatusCode::BAD_REQUEST, "error", &error.to_string());
        }
    };
    let journal = Arc::clone(&receiver);
    let (kind, uid) = (event.kind, event.uid.clone());
    // SQLite blocks (a sync to disk, or the applier's write lock): off the async threads.
    let recorded = tokio::task::spawn_blocking(move || {
        let store = journal.store.lock().unwrap_or_else(PoisonError::into_inner);
        store.record_event(&journal.connection, &digest(&body), &event, &body)
    })
    .await;
    match recorded {
        Ok(Ok(Recorded::New(id))) => {
            eprintln!("event {id}: {kind} for {uid} received");
            receiver.wake.notify_one();
            answer(StatusCode::OK, "status", "accepted")
        }
        Ok(Ok(Recorded::Duplicate)) => {
            eprintln!("a {kind} for {uid} was received before; kept once");
            answer(StatusCode::OK, "status", "duplicate")
        }
        Ok(Err(error)) => {
            eprintln!("could not journal a {kind} for {uid}: {error}");
            answer(
                StatusCode::INTERNAL_SERVER_ERROR,
                "error",
                "the event could not be journaled; send it again later",
            )
        }
        Err(error) => {
            eprintln!("could not journal a {kind} for {uid}: {error}");
            answer(
                StatusCode::INTERNAL_SERVER_ERROR,
                "error",
                "the event could not be journaled; send it again later",
            )
        }
    }
}

fn answer(status: StatusCode, key: &str, text: &str) -> Response {
    (status, axum::Json(json!({ key: text }))).into_response()
}

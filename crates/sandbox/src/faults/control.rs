//! The sandbox's control endpoints, served on every emulator's port:
//!
//! | request | effect |
//! |---|---|
//! | `POST /_sandbox/faults` with a [`Fault`] as JSON | adds the rule; 201 with the waiting rules |
//! | `GET /_sandbox/faults` | the waiting rules |
//! | `DELETE /_sandbox/faults` | removes every rule; 204 |
//! | `GET /_sandbox/requests` | the request log |
//! | `DELETE /_sandbox/requests` | empties the log; 204 |
//!
//! Example body: `{"kind":"status","status":503,"times":2,"method":"POST","path":"/api/v2/jobs"}`;
//! `"after": N` lets N matching requests through before the rule applies. Other kinds:
//! `{"kind":"drop"}`, `{"kind":"delay","ms":500}`, `{"kind":"late_answer","ms":500}`,
//! `{"kind":"too_many_requests","retry_after":2}`.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use super::{Fault, FaultKind, FaultState};

/// The control routes for one emulator's faults and log.
pub(crate) fn router(state: FaultState) -> Router {
    Router::new()
        .route("/_sandbox/faults", get(list).post(add).delete(clear))
        .route("/_sandbox/requests", get(requests).delete(forget))
        .with_state(state)
}

async fn list(State(state): State<FaultState>) -> Json<Vec<Fault>> {
    Json(state.faults.pending())
}

async fn add(State(state): State<FaultState>, body: Bytes) -> Response {
    let fault: Fault = match serde_json::from_slice(&body) {
        Ok(fault) => fault,
        Err(error) => return refuse(&format!("not a fault: {error}")),
    };
    if let FaultKind::Status { status, .. } = &fault.kind
        && StatusCode::from_u16(*status).is_err()
    {
        return refuse(&format!("{status} is not an HTTP status"));
    }
    state.faults.push(fault);
    (StatusCode::CREATED, Json(state.faults.pending())).into_response()
}

async fn clear(State(state): State<FaultState>) -> StatusCode {
    state.faults.clear();
    StatusCode::NO_CONTENT
}

async fn requests(State(state): State<FaultState>) -> Response {
    Json(state.log.entries()).into_response()
}

async fn forget(State(state): State<FaultState>) -> StatusCode {
    state.log.clear();
    StatusCode::NO_CONTENT
}

fn refuse(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

//! The middleware that applies faults and writes the request log.

use std::time::{Instant, SystemTime};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{Chosen, FaultKind, Faults, LoggedRequest, RequestLog};
use crate::serve::ConnHandle;

/// What the middleware needs: the rules to apply and the log to write.
#[derive(Clone, Debug)]
pub(crate) struct FaultState {
    pub faults: Faults,
    pub log: RequestLog,
}

/// Applies the chosen faults to one request and logs its outcome.
pub(crate) async fn inject(
    State(state): State<FaultState>,
    request: Request,
    next: Next,
) -> Response {
    let arrived = SystemTime::now();
    let clock = Instant::now();
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let mut entry = LoggedRequest::new(&method, request.uri(), arrived);
    let Chosen { delay, action } = state.faults.choose(&method, &path);
    let mut labels = Vec::new();
    let mut hold = None;

    if let Some(delay) = delay {
        labels.push("delay");
        tokio::time::sleep(delay).await;
    }
    let response = match action {
        None => next.run(request).await,
        Some(FaultKind::Status {
            status,
            body,
            content_type,
        }) => {
            labels.push("status");
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = (status, body).into_response();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                response.headers_mut().insert(header::CONTENT_TYPE, value);
            }
            response
        }
        Some(FaultKind::TooManyRequests { retry_after, body }) => {
            labels.push("too_many_requests");
            let mut response = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Some(FaultKind::Drop) => {
            labels.push("drop");
            match request.extensions().get::<ConnectInfo<ConnHandle>>() {
                Some(ConnectInfo(connection)) => {
                    connection.kill();
                    Response::new(Body::empty())
                }
                // Served without the sandbox's listener there is no socket to
                // close; say so rather than pretend.
                None => (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "drop fault needs the sandbox listener",
                )
                    .into_response(),
            }
        }
        Some(FaultKind::LateAnswer { ms }) => {
            labels.push("late_answer");
            hold = Some(std::time::Duration::from_millis(ms));
            next.run(request).await
        }
        Some(FaultKind::Delay { .. }) => next.run(request).await,
    };

    if labels.last() != Some(&"drop") {
        entry.status = Some(response.status().as_u16());
    }
    if !labels.is_empty() {
        entry.fault = Some(labels.join("+"));
    }
    entry.duration_ms = u64::try_from(clock.elapsed().as_millis()).unwrap_or(u64::MAX);
    state.log.record(entry);
    // Logged before the hold: a client that stops waiting closes the connection and
    // the server drops this future, but the work it asked for is done.
    if let Some(hold) = hold {
        tokio::time::sleep(hold).await;
    }
    response
}

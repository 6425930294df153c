//! `GET /_sandbox/lms/users`: every user the emulated LMS holds, as JSON, so a rehearsal
//! (or a test driving the desktop app, whose sandbox runs inside the app) can see what
//! arrived. The real LMS has no such listing (reference 003 documents only the import);
//! like the other `/_sandbox` routes it is the emulator's own, on loopback only.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;

use super::{LmsUser, Shared};
use crate::sync::lock;

pub(super) async fn users(State(shared): State<Arc<Shared>>) -> Json<Vec<LmsUser>> {
    Json(lock(&shared.users).values().cloned().collect())
}

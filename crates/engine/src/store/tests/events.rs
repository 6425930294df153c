//! The webhook journal: one row per distinct body, states, counts and the newest applied.

use serde_json::json;

use super::*;
use crate::source::webhook::{digest, parse};

fn delivery(uid: &str, at: &str) -> Vec<u8> {
    json!({"event": "user.updated", "timestamp": at, "data": {"uid": uid, "user": {"uid": uid}}})
        .to_string()
        .into_bytes()
}

fn record(store: &Store, connection: &str, body: &[u8]) -> Recorded {
    let event = parse(body).unwrap();
    store
        .record_event(connection, &digest(body), &event, body)
        .unwrap()
}

#[test]
fn the_same_body_is_kept_once_per_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muster.db");
    let body = delivery("E1", "2025-11-18T15:30:00Z");
    let first = {
        let store = Store::open(&path).unwrap();
        record(&store, "hris", &body)
    };
    assert!(matches!(first, Recorded::New(_)));
    // After a restart too: the journal is on disk.
    let store = Store::open(&path).unwrap();
    assert_eq!(record(&store, "hris", &body), Recorded::Duplicate);
    assert!(matches!(record(&store, "other", &body), Recorded::New(_)));
    let events = store.events("hris").unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].uid, "E1");
    assert_eq!(events[0].event, "user.updated");
    assert_eq!(events[0].occurred_at, "2025-11-18T15:30:00.000000Z");
    assert_eq!(events[0].body.as_bytes(), body.as_slice());
    assert_eq!(events[0].state, EventState::Received);
}

#[test]
fn states_move_and_are_counted() {
    let mut store = Store::in_memory().unwrap();
    let ids: Vec<i64> = (0..4)
        .map(|i| {
            let body = delivery(&format!("E{i}"), &format!("2025-11-18T1{i}:00:00Z"));
            match record(&store, "hris", &body) {
                Recorded::New(id) => id,
                Recorded::Duplicate => panic!("four bodies, four events"),
            }
        })
        .collect();
    assert_eq!(
        store
            .pending_events("hris", 3)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        ids[..3]
    );
    let job = store
        .create_job(
            &crate::store::NewJob {
                source: "webhooks from hris",
                profile: "version = 1",
                target_kind: "lms",
                connection: "lms",
                policy: crate::job::Policy::Update,
            },
            [],
        )
        .unwrap();
    store
        .mark_events(&ids[..2], EventState::Applied, Some(job))
        .unwrap();
    store
        .mark_events(&ids[2..3], EventState::Stale, None)
        .unwrap();
    assert_eq!(
        store.event_counts("hris").unwrap(),
        EventCounts {
            received: 1,
            applied: 2,
            stale: 1,
            failed: 0
        }
    );
    assert_eq!(store.pending_events("hris", 10).unwrap()[0].id, ids[3]);
    assert_eq!(store.events("hris").unwrap()[0].job_id, Some(job));
    assert_eq!(store.event_jobs("hris").unwrap(), [job]);
    assert!(store.event_jobs("nobody").unwrap().is_empty());
    assert_eq!(
        store.latest_applied("hris", "E1").unwrap().as_deref(),
        Some("2025-11-18T11:00:00.000000Z")
    );
    // Stale and received events are not changes that were applied.
    assert_eq!(store.latest_applied("hris", "E2").unwrap(), None);
    assert_eq!(store.latest_applied("hris", "E3").unwrap(), None);
    assert_eq!(
        store.event_counts("nobody").unwrap(),
        EventCounts::default()
    );
}

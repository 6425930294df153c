//! Choosing what to send: the newest change per user, stale events never sent, and the
//! journal's states once a job holds the records.

use serde_json::json;

use super::*;
use crate::secrets::Secret;
use crate::source::webhook::{digest, parse, sign};
use crate::store::{EventState, Recorded, Store};

const SOURCE: &str = "acme-hris";

fn body(event: &str, uid: &str, at: &str, title: &str) -> Vec<u8> {
    json!({"event": event, "timestamp": at,
           "data": {"uid": uid, "user": {"uid": uid, "active": true, "job_title": title}}})
    .to_string()
    .into_bytes()
}

/// Journals a delivery as the listener does; its id.
fn receive(store: &Store, body: &[u8]) -> i64 {
    // The listener verifies first; the signature plays no part in the journal.
    let _ = sign(&Secret::new("s"), body);
    let event = parse(body).unwrap();
    match store
        .record_event(SOURCE, &digest(body), &event, body)
        .unwrap()
    {
        Recorded::New(id) => id,
        Recorded::Duplicate => panic!("a new body was taken for a duplicate"),
    }
}

/// A job for events to be applied by (the journal's foreign key wants one).
fn job(store: &mut Store) -> Option<i64> {
    let job = crate::store::NewJob {
        source: "webhooks from acme-hris",
        profile: "version = 1",
        target_kind: "lms",
        connection: "lms",
        policy: crate::job::Policy::Update,
    };
    Some(store.create_job(&job, []).unwrap())
}

#[test]
fn the_newest_change_per_user_stands_for_the_older_ones() {
    let mut store = Store::in_memory().unwrap();
    let a1 = receive(
        &store,
        &body("user.created", "A", "2025-11-18T10:00:00Z", "one"),
    );
    let b1 = receive(
        &store,
        &body("user.created", "B", "2025-11-18T10:00:00Z", "b"),
    );
    let a2 = receive(
        &store,
        &body("user.updated", "A", "2025-11-18T12:00:00Z", "two"),
    );
    // Delivered last, happened between the two: covered by a2, never sent on its own.
    let a3 = receive(
        &store,
        &body("user.updated", "A", "2025-11-18T11:00:00Z", "late"),
    );

    let selection = select(&store, SOURCE, 100).unwrap();
    assert!(selection.stale.is_empty() && selection.failed.is_empty());
    let users: Vec<(&str, &Value, &[i64])> = selection
        .records
        .iter()
        .map(|r| (r.uid.as_str(), &r.record["job_title"], r.events.as_slice()))
        .collect();
    // B's newest event (b1) was received before A's (a2).
    assert_eq!(
        users,
        [
            ("B", &json!("b"), &[b1][..]),
            ("A", &json!("two"), &[a1, a2, a3][..])
        ]
    );
    assert_eq!(
        selection.records[1].occurred_at,
        "2025-11-18T12:00:00.000000Z"
    );
    assert_eq!(selection.id_range(), Some((a1, a3)));

    let seven = job(&mut store);
    selection.mark(&mut store, seven).unwrap();
    assert!(store.pending_events(SOURCE, 100).unwrap().is_empty());
    assert!(
        store
            .events(SOURCE)
            .unwrap()
            .iter()
            .all(|e| e.state == EventState::Applied && e.job_id == seven)
    );
    assert_eq!(
        store.latest_applied(SOURCE, "A").unwrap().as_deref(),
        Some("2025-11-18T12:00:00.000000Z")
    );
}

#[test]
fn an_event_not_newer_than_one_applied_is_stale() {
    let mut store = Store::in_memory().unwrap();
    receive(
        &store,
        &body("user.deactivated", "A", "2025-11-18T12:00:00Z", "x"),
    );
    let first = job(&mut store);
    select(&store, SOURCE, 100)
        .unwrap()
        .mark(&mut store, first)
        .unwrap();

    // A retry of an older update arrives after the deactivation was applied, with one
    // as old as it and a newer change to another user.
    let old = receive(
        &store,
        &body("user.updated", "A", "2025-11-18T11:59:59Z", "old"),
    );
    let same = receive(
        &store,
        &body("user.updated", "A", "2025-11-18T12:00:00Z", "same"),
    );
    let b = receive(
        &store,
        &body("user.updated", "B", "2025-11-18T09:00:00Z", "b"),
    );
    let selection = select(&store, SOURCE, 100).unwrap();
    assert_eq!(selection.stale, [old, same]);
    assert_eq!(selection.records.len(), 1);
    assert_eq!(selection.records[0].uid, "B");
    assert_eq!(selection.records[0].events, [b]);
    let second = job(&mut store);
    selection.mark(&mut store, second).unwrap();

    let states: Vec<(i64, EventState, Option<i64>)> = store
        .events(SOURCE)
        .unwrap()
        .into_iter()
        .map(|e| (e.id, e.state, e.job_id))
        .collect();
    assert_eq!(
        states[1..],
        [
            (old, EventState::Stale, None),
            (same, EventState::Stale, None),
            (b, EventState::Applied, second)
        ]
    );
    // A's newest applied change is still the deactivation.
    assert_eq!(
        store.latest_applied(SOURCE, "A").unwrap().as_deref(),
        Some("2025-11-18T12:00:00.000000Z")
    );
}

#[test]
fn of_two_changes_at_the_same_time_the_one_received_last_wins() {
    let store = Store::in_memory().unwrap();
    receive(
        &store,
        &body("user.updated", "A", "2025-11-18T10:00:00Z", "first"),
    );
    let second = receive(
        &store,
        &body("user.updated", "A", "2025-11-18T10:00:00Z", "second"),
    );
    let selection = select(&store, SOURCE, 100).unwrap();
    assert_eq!(selection.records[0].record["job_title"], "second");
    assert_eq!(*selection.records[0].events.last().unwrap(), second);
}

#[test]
fn an_unreadable_journaled_body_fails_alone() {
    let mut events = vec![StoredEvent {
        id: 1,
        event: "user.updated".into(),
        uid: "A".into(),
        occurred_at: "2025-11-18T10:00:00.000000Z".into(),
        body: "{broken".into(),
        state: EventState::Received,
        job_id: None,
    }];
    let good = String::from_utf8(body("user.updated", "B", "2025-11-18T10:00:00Z", "b")).unwrap();
    events.push(StoredEvent {
        id: 2,
        uid: "B".into(),
        body: good,
        ..events[0].clone()
    });
    let selection = choose(events, |_| Ok(None)).unwrap();
    assert_eq!(selection.failed.len(), 1);
    assert_eq!(selection.failed[0].0, 1);
    assert_eq!(selection.records.len(), 1);
    assert!(!selection.is_empty());
    assert!(Selection::default().is_empty());
}

//! Reading user events: each kind's rule for the record, and what makes a body refused.

use serde_json::{Value, json};

use super::*;

fn body(event: &str, data: Value) -> Vec<u8> {
    json!({"event": event, "timestamp": "2025-11-18T15:30:00Z", "data": data})
        .to_string()
        .into_bytes()
}

fn alice(active: bool) -> Value {
    json!({"uid": "E1000001", "email": "alice.anderson@example.com",
           "first_name": "Alice", "last_name": "Anderson", "active": active,
           "manager": {"uid": "E1000000"}})
}

#[test]
fn created_and_updated_keep_the_user_as_sent() {
    for (name, kind) in [
        ("user.created", EventKind::Created),
        ("user.updated", EventKind::Updated),
    ] {
        let event = parse(&body(
            name,
            json!({"uid": "E1000001", "changes": ["job_title"], "user": alice(true)}),
        ))
        .unwrap();
        assert_eq!(event.kind, kind);
        assert_eq!(event.uid, "E1000001");
        assert_eq!(event.occurred_at, "2025-11-18T15:30:00.000000Z");
        assert_eq!(Value::Object(event.record), alice(true));
    }
}

#[test]
fn activated_and_deactivated_force_active() {
    let on = parse(&body(
        "user.activated",
        json!({"uid": "E1000001", "user": alice(false)}),
    ))
    .unwrap();
    assert_eq!(on.kind, EventKind::Activated);
    assert_eq!(on.record["active"], true);
    let off = parse(&body(
        "user.deactivated",
        json!({"uid": "E1000001", "user": alice(true)}),
    ))
    .unwrap();
    assert_eq!(off.kind, EventKind::Deactivated);
    assert_eq!(off.record["active"], false);
    assert_eq!(off.record["email"], "alice.anderson@example.com");
    assert!(!off.record.contains_key("deleted_at"));
}

#[test]
fn deleted_is_inactive_with_the_time_of_deletion() {
    let user = json!({"uid": "E1000001", "email": "alice.anderson@example.com"});
    let event = parse(&body(
        "user.deleted",
        json!({"uid": "E1000001", "user": user, "deleted_at": "2025-11-18T15:29:00Z",
               "deleted_by": "admin@example.com"}),
    ))
    .unwrap();
    assert_eq!(event.kind, EventKind::Deleted);
    assert_eq!(event.record["active"], false);
    assert_eq!(event.record["deleted_at"], "2025-11-18T15:29:00Z");
    assert!(!event.record.contains_key("deleted_by"));

    // Without data.deleted_at, the event's own time; without data.user, the uid alone.
    let bare = parse(&body("user.deleted", json!({"uid": "E7"}))).unwrap();
    assert_eq!(
        Value::Object(bare.record),
        json!({"uid": "E7", "active": false, "deleted_at": "2025-11-18T15:30:00Z"})
    );
}

#[test]
fn the_uid_comes_from_data_or_from_the_user() {
    let event = parse(&body("user.updated", json!({"user": alice(true)}))).unwrap();
    assert_eq!(event.uid, "E1000001");
    let err = parse(&body(
        "user.updated",
        json!({"user": {"email": "a@example.com"}}),
    ))
    .unwrap_err();
    assert_eq!(err, EventError::NoUid(EventKind::Updated));
    assert!(err.to_string().contains("\"uid\""), "{err}");
    let err = parse(&body(
        "user.updated",
        json!({"uid": "E2", "user": alice(true)}),
    ))
    .unwrap_err();
    assert!(matches!(err, EventError::UidDisagrees { .. }), "{err}");
}

#[test]
fn timestamps_become_fixed_width_utc() {
    let at = |t: &str| {
        let raw = json!({"event": "user.updated", "timestamp": t, "data": {"uid": "E1"}});
        parse(raw.to_string().as_bytes()).map(|e| e.occurred_at)
    };
    assert_eq!(
        at("2025-11-18T16:30:00+01:00").unwrap(),
        "2025-11-18T15:30:00.000000Z"
    );
    assert_eq!(
        at("2025-11-18T15:30:00.25Z").unwrap(),
        "2025-11-18T15:30:00.250000Z"
    );
    assert_eq!(
        at("2025-11-18T15:30:00").unwrap(),
        "2025-11-18T15:30:00.000000Z"
    );
    assert!(matches!(
        at("yesterday"),
        Err(EventError::BadTimestamp { .. })
    ));
    let none = json!({"event": "user.updated", "data": {"uid": "E1"}});
    assert_eq!(
        parse(none.to_string().as_bytes()).unwrap_err(),
        EventError::NoTimestamp(EventKind::Updated)
    );
}

#[test]
fn other_events_are_ignored_and_broken_bodies_refused() {
    let err = parse(&body("group.created", json!({"uid": "G1"}))).unwrap_err();
    assert!(err.is_ignored());
    assert!(err.to_string().contains("not a user event"), "{err}");
    let err = parse(b"not json").unwrap_err();
    assert!(matches!(err, EventError::NotJson(_)));
    assert!(!err.is_ignored());
    assert_eq!(parse(b"[1, 2]").unwrap_err(), EventError::NotObject);
    assert_eq!(parse(b"{}").unwrap_err(), EventError::NoEvent);
}

//! A webhook delivery's body read as a user event (reference document 001, "Webhooks for
//! Real-Time Updates", "Webhook Payload Format"):
//! `{"event": "user.updated", "timestamp": "…", "data": {"uid", "user": {…}, "changes"?,
//! "deleted_at"?, "deleted_by"?}}`.
//!
//! The record an event stands for is `data.user` with one rule, [`user_record`], which a
//! pull of the same source applies too, so that a user arrives the same way by either road:
//! `user.deactivated` and `user.deleted` force `"active": false`, `user.activated` forces
//! `"active": true`, and `user.deleted` also sets `"deleted_at"` (from `data.deleted_at`, or
//! the event's timestamp when the source left it out).
//!
//! An event name outside the five user events is [`EventError::NotUserEvent`]: the listener
//! answers it 200 and keeps nothing, since a 4xx would make the source retry it for hours
//! and then switch the webhook off (001, "Webhook Retry Logic"), though nothing is wrong.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

/// The five user events of 001.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    Created,
    Updated,
    Activated,
    Deactivated,
    Deleted,
}

impl EventKind {
    pub const ALL: [EventKind; 5] = [
        EventKind::Created,
        EventKind::Updated,
        EventKind::Activated,
        EventKind::Deactivated,
        EventKind::Deleted,
    ];

    /// The name the source sends, e.g. `user.created`.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Created => "user.created",
            EventKind::Updated => "user.updated",
            EventKind::Activated => "user.activated",
            EventKind::Deactivated => "user.deactivated",
            EventKind::Deleted => "user.deleted",
        }
    }

    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One user event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    /// The user's `uid` (`data.uid`, or `data.user.uid` when the source left the first out).
    pub uid: String,
    /// The event's `timestamp` in UTC as `YYYY-MM-DDTHH:MM:SS.ffffffZ`: one fixed width, so
    /// that the order of the text is the order of time (the journal compares it as text),
    /// whatever offset the source wrote.
    pub occurred_at: String,
    /// The user as the event leaves them: `data.user` under [`user_record`]'s rule.
    pub record: Map<String, Value>,
}

/// Why a body is not a user event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    #[error("the body is not JSON ({0}); a webhook delivery is a JSON object")]
    NotJson(String),
    #[error("the body is JSON but not an object with \"event\", \"timestamp\" and \"data\"")]
    NotObject,
    #[error("the body has no \"event\" name")]
    NoEvent,
    #[error(
        "\"{0}\" is not a user event (user.created, user.updated, user.activated, user.deactivated or user.deleted); it was ignored"
    )]
    NotUserEvent(String),
    #[error(
        "the {0} event has no \"timestamp\"; the time of the change decides which of two changes to a user is the newer"
    )]
    NoTimestamp(EventKind),
    #[error(
        "the {kind} event's timestamp \"{value}\" is not an ISO 8601 time such as 2025-11-18T15:30:00Z"
    )]
    BadTimestamp { kind: EventKind, value: String },
    #[error(
        "the {0} event has no \"data\".\"uid\"; without it the user cannot be found at the target"
    )]
    NoUid(EventKind),
    #[error(
        "the {kind} event names the user \"{uid}\" in \"data\".\"uid\" but \"{user}\" in \"data\".\"user\".\"uid\""
    )]
    UidDisagrees {
        kind: EventKind,
        uid: String,
        user: String,
    },
    #[error("the {0} event's \"data\".\"user\" is not an object")]
    UserNotObject(EventKind),
}

impl EventError {
    /// True for a well-formed delivery Muster has no use for: answered 200, not kept.
    pub fn is_ignored(&self) -> bool {
        matches!(self, EventError::NotUserEvent(_))
    }
}

/// Reads a delivery's body.
pub fn parse(body: &[u8]) -> Result<Event, EventError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| EventError::NotJson(e.to_string()))?;
    let Value::Object(mut top) = value else {
        return Err(EventError::NotObject);
    };
    let name = top
        .get("event")
        .and_then(Value::as_str)
        .ok_or(EventError::NoEvent)?;
    let kind = EventKind::from_name(name).ok_or_else(|| EventError::NotUserEvent(name.into()))?;
    let timestamp = match top.get("timestamp") {
        Some(Value::String(text)) if !text.trim().is_empty() => text.trim().to_owned(),
        _ => return Err(EventError::NoTimestamp(kind)),
    };
    let occurred_at = utc(&timestamp).ok_or_else(|| EventError::BadTimestamp {
        kind,
        value: timestamp.clone(),
    })?;
    let mut data = match top.remove("data") {
        Some(Value::Object(data)) => data,
        _ => return Err(EventError::NoUid(kind)),
    };
    let mut user = match data.remove("user") {
        Some(Value::Object(user)) => user,
        None | Some(Value::Null) => Map::new(),
        Some(_) => return Err(EventError::UserNotObject(kind)),
    };
    let uid = match (text(data.get("uid")), text(user.get("uid"))) {
        (Some(uid), Some(other)) if uid != other => {
            return Err(EventError::UidDisagrees {
                kind,
                uid,
                user: other,
            });
        }
        (Some(uid), _) | (None, Some(uid)) => uid,
        (None, None) => return Err(EventError::NoUid(kind)),
    };
    // A user.deleted event may carry little more than the uid; the record still names it.
    user.entry("uid")
        .or_insert_with(|| Value::String(uid.clone()));
    let deleted_at = text(data.get("deleted_at")).unwrap_or(timestamp);
    Ok(Event {
        kind,
        uid,
        occurred_at,
        record: user_record(kind, user, &deleted_at),
    })
}

/// The record a user event leaves: `user` with `active` forced by the event (deactivated
/// and deleted users are inactive, activated ones active) and, for a deletion, `deleted_at`
/// set to `deleted_at`. Created and updated events keep `user` as the source sent it.
pub fn user_record(
    kind: EventKind,
    mut user: Map<String, Value>,
    deleted_at: &str,
) -> Map<String, Value> {
    match kind {
        EventKind::Created | EventKind::Updated => {}
        EventKind::Activated => {
            user.insert("active".into(), Value::Bool(true));
        }
        EventKind::Deactivated => {
            user.insert("active".into(), Value::Bool(false));
        }
        EventKind::Deleted => {
            user.insert("active".into(), Value::Bool(false));
            user.insert("deleted_at".into(), Value::String(deleted_at.to_owned()));
        }
    }
    user
}

/// A string or a number as trimmed text; `None` when absent, null or empty.
fn text(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// An ISO 8601 time in the fixed-width UTC form of [`Event::occurred_at`]. A time without
/// an offset is taken as UTC, as 001's examples are.
pub fn utc(timestamp: &str) -> Option<String> {
    let at = match DateTime::parse_from_rfc3339(timestamp) {
        Ok(at) => at.with_timezone(&Utc),
        Err(_) => NaiveDateTime::parse_from_str(timestamp, "%Y-%m-%dT%H:%M:%S%.f")
            .ok()?
            .and_utc(),
    };
    Some(at.to_rfc3339_opts(SecondsFormat::Micros, true))
}

#[cfg(test)]
#[path = "tests/event.rs"]
mod tests;

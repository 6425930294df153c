//! Whether a User at the server already holds what Muster would send: the test behind the
//! `unchanged` outcome of the update policy.
//!
//! RFC 7644 §3.5.1 has a client replace a User with PUT and says nothing of when not to;
//! Muster sends nothing when every attribute its payload carries already has that value at
//! the server. Choices:
//! - Attribute names are matched without regard to case (RFC 7643 §2.1); values are
//!   compared exactly, so a changed letter case in a value is a change.
//! - A multi-valued attribute (`emails`, `schemas`, …) is equal when it has as many entries
//!   as the payload's and each payload entry is matched by one at the server.
//! - Attributes the server holds and the payload does not carry are not looked at.
//! - `password` is never returned (RFC 7643 §4.1.1, `returned: never`) and so never
//!   compared: a User that differs only by its password is `unchanged`.

use serde_json::{Map, Value};

/// Whether `server` holds every attribute of `payload` with the same value.
pub fn holds(server: &Value, payload: &Value) -> bool {
    match (server, payload) {
        (Value::Object(server), Value::Object(payload)) => payload
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("password"))
            .all(|(name, wanted)| attribute(server, name).is_some_and(|have| covers(have, wanted))),
        _ => false,
    }
}

/// `wanted` is found in `have`, recursively.
fn covers(have: &Value, wanted: &Value) -> bool {
    match (have, wanted) {
        (Value::Object(have), Value::Object(wanted)) => wanted
            .iter()
            .all(|(name, value)| attribute(have, name).is_some_and(|h| covers(h, value))),
        (Value::Array(have), Value::Array(wanted)) => {
            have.len() == wanted.len()
                && wanted
                    .iter()
                    .all(|value| have.iter().any(|h| covers(h, value)))
        }
        _ => have == wanted,
    }
}

fn attribute<'v>(object: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    object.get(name).or_else(|| {
        object
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn server() -> Value {
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": "2819c223",
            "userName": "bjensen",
            "name": {"givenName": "Barbara", "familyName": "Jensen"},
            "emails": [{"type": "work", "primary": true, "value": "bjensen@example.com"}],
            "meta": {"resourceType": "User"}
        })
    }

    #[test]
    fn the_same_values_are_held() {
        let payload = json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "UserName": "bjensen",
            "name": {"givenName": "Barbara"},
            "emails": [{"type": "work", "primary": true, "value": "bjensen@example.com"}],
            "password": "never returned"
        });
        assert!(holds(&server(), &payload));
    }

    #[test]
    fn a_changed_missing_or_extra_value_is_not_held() {
        for payload in [
            json!({"userName": "bjensen", "title": "Boss"}),
            json!({"userName": "BJensen"}),
            json!({"name": {"givenName": "Babs"}}),
            json!({"emails": [
                {"type": "work", "primary": true, "value": "bjensen@example.com"},
                {"type": "home", "value": "babs@example.org"}
            ]}),
            json!({"emails": [{"type": "work", "value": "other@example.com"}]}),
        ] {
            assert!(!holds(&server(), &payload), "{payload}");
        }
    }
}

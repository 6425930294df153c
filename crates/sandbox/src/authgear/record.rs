//! What each of an import's `records` must look like before Authgear touches a user, and
//! how a record is shown back with its secrets hidden.
//!
//! Follows document 002 and the "User Import API" reference it links: a record's fields are
//! those of the reference's full sample; passwords are `{"type": "bcrypt", "password_hash":
//! …}` (bcrypt is the only format the reference names; `expire_after`, an RFC 3339 time, is
//! the one optional extra Authgear's schema allows); a task's details show password hashes
//! as `REDACTED`.
//!
//! Where the documents are silent the emulator follows Authgear's published record schema
//! (`pkg/lib/userimport/model.go`): unknown fields are refused (`additionalProperties`), the
//! field named by `identifier` is required and not null, the other two login IDs may be null.
//! Format checks are narrower than Authgear's: an email needs one `@` with text on both sides
//! and no spaces, a phone number must be E.164 (`+` and 2 to 15 digits, not starting with 0);
//! `birthdate`, `zoneinfo`, `locale` and the URL attributes are checked only for being
//! strings. TOTP secrets are redacted like password hashes, as Authgear does.

use serde_json::{Map, Value, json};

use super::request::{Identifier, cause, type_cause};

/// Standard attributes other than the login IDs; updated when present, removed when null.
pub(crate) const STANDARD_ATTRIBUTES: [&str; 13] = [
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "profile",
    "picture",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "address",
];

/// Checks one record against the record schema for `identifier`: its fields, or the causes
/// when it fails.
pub fn check_record(
    record: &Value,
    identifier: Identifier,
) -> Result<&Map<String, Value>, Vec<Value>> {
    let Some(object) = record.as_object() else {
        return Err(vec![type_cause("", record, &["object"])]);
    };
    let mut causes = Vec::new();
    if !matches!(object.get(identifier.field()), Some(v) if !v.is_null()) {
        let actual: Vec<&String> = object.keys().collect();
        causes.push(cause(
            "",
            "required",
            json!({ "actual": actual, "expected": [identifier.field()], "missing": [identifier.field()] }),
        ));
    }
    for (key, value) in object {
        let at = format!("/{key}");
        match key.as_str() {
            "email" => check_login_id(&at, value, check_email, &mut causes),
            "phone_number" => check_login_id(&at, value, check_phone, &mut causes),
            "preferred_username" => check_login_id(&at, value, check_non_empty, &mut causes),
            "disabled" | "email_verified" | "phone_number_verified" => {
                if !value.is_boolean() {
                    causes.push(type_cause(&at, value, &["boolean"]));
                }
            }
            "address" => {
                if !value.is_object() && !value.is_null() {
                    causes.push(type_cause(&at, value, &["object", "null"]));
                }
            }
            k if STANDARD_ATTRIBUTES.contains(&k) => {
                if !value.is_string() && !value.is_null() {
                    causes.push(type_cause(&at, value, &["string", "null"]));
                }
            }
            "custom_attributes" => {
                if !value.is_object() {
                    causes.push(type_cause(&at, value, &["object"]));
                }
            }
            "roles" | "groups" => check_keys(&at, value, &mut causes),
            "password" => check_password(&at, value, &mut causes),
            "mfa" => check_mfa(&at, value, &mut causes),
            _ => causes.push(cause(
                "",
                "additionalProperties",
                json!({ "property": key }),
            )),
        }
    }
    if causes.is_empty() {
        Ok(object)
    } else {
        Err(causes)
    }
}

/// A login ID: null is allowed here (the identifier's non-null rule is checked apart).
fn check_login_id(
    at: &str,
    value: &Value,
    format: fn(&str, &str) -> Option<Value>,
    causes: &mut Vec<Value>,
) {
    match value {
        Value::Null => {}
        Value::String(s) => causes.extend(format(at, s)),
        other => causes.push(type_cause(at, other, &["string", "null"])),
    }
}

fn check_email(at: &str, s: &str) -> Option<Value> {
    let ok = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    };
    (!ok).then(|| cause(at, "format", json!({ "format": "email" })))
}

fn check_phone(at: &str, s: &str) -> Option<Value> {
    let digits = s.strip_prefix('+').unwrap_or("");
    let ok = (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    (!ok).then(|| cause(at, "format", json!({ "format": "phone" })))
}

fn check_non_empty(at: &str, s: &str) -> Option<Value> {
    s.is_empty()
        .then(|| cause(at, "minLength", json!({ "actual": 0, "expected": 1 })))
}

/// `roles` and `groups`: arrays of non-empty keys.
fn check_keys(at: &str, value: &Value, causes: &mut Vec<Value>) {
    let Some(items) = value.as_array() else {
        causes.push(type_cause(at, value, &["array"]));
        return;
    };
    for (index, item) in items.iter().enumerate() {
        let item_at = format!("{at}/{index}");
        match item.as_str() {
            Some(s) => causes.extend(check_non_empty(&item_at, s)),
            None => causes.push(type_cause(&item_at, item, &["string"])),
        }
    }
}

fn check_password(at: &str, value: &Value, causes: &mut Vec<Value>) {
    let Some(object) = value.as_object() else {
        causes.push(type_cause(at, value, &["object"]));
        return;
    };
    check_required(at, object, &["type", "password_hash"], causes);
    for (key, field) in object {
        let field_at = format!("{at}/{key}");
        match key.as_str() {
            "type" => {
                if field.as_str() != Some("bcrypt") {
                    causes.push(cause(&field_at, "enum", json!({ "expected": ["bcrypt"] })));
                }
            }
            "password_hash" => match field.as_str() {
                Some(s) => causes.extend(check_non_empty(&field_at, s)),
                None => causes.push(type_cause(&field_at, field, &["string"])),
            },
            "expire_after" => {
                if !field.as_str().is_some_and(looks_like_rfc3339) {
                    causes.push(cause(&field_at, "format", json!({ "format": "date-time" })));
                }
            }
            _ => causes.push(cause(
                at,
                "additionalProperties",
                json!({ "property": key }),
            )),
        }
    }
}

fn check_mfa(at: &str, value: &Value, causes: &mut Vec<Value>) {
    let Some(object) = value.as_object() else {
        causes.push(type_cause(at, value, &["object"]));
        return;
    };
    for (key, field) in object {
        let field_at = format!("{at}/{key}");
        match key.as_str() {
            "email" => check_login_id(&field_at, field, check_email, causes),
            "phone_number" => check_login_id(&field_at, field, check_phone, causes),
            "password" => check_password(&field_at, field, causes),
            "totp" => match field.as_object() {
                Some(totp) => {
                    check_required(&field_at, totp, &["secret"], causes);
                    for (totp_key, secret) in totp {
                        let secret_at = format!("{field_at}/{totp_key}");
                        match (totp_key.as_str(), secret.as_str()) {
                            ("secret", Some(s)) => causes.extend(check_non_empty(&secret_at, s)),
                            ("secret", None) => {
                                causes.push(type_cause(&secret_at, secret, &["string"]))
                            }
                            _ => causes.push(cause(
                                &field_at,
                                "additionalProperties",
                                json!({ "property": totp_key }),
                            )),
                        }
                    }
                }
                None => causes.push(type_cause(&field_at, field, &["object"])),
            },
            _ => causes.push(cause(
                at,
                "additionalProperties",
                json!({ "property": key }),
            )),
        }
    }
}

fn check_required(
    at: &str,
    object: &Map<String, Value>,
    required: &[&str],
    causes: &mut Vec<Value>,
) {
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|k| !object.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        let actual: Vec<&String> = object.keys().collect();
        causes.push(cause(
            at,
            "required",
            json!({ "actual": actual, "expected": required, "missing": missing }),
        ));
    }
}

/// `YYYY-MM-DDTHH:MM:SS` followed by an optional fraction and `Z` or an offset.
fn looks_like_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        range
            .into_iter()
            .all(|i| b.get(i).is_some_and(u8::is_ascii_digit))
    };
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (s.ends_with(['Z', 'z']) || matches!(b[b.len() - 6], b'+' | b'-'))
}

/// A copy of `record` with password hashes and TOTP secrets replaced by `REDACTED`, as a
/// task's `details[].record` shows them.
pub fn redacted(record: &Value) -> Value {
    let mut copy = record.clone();
    if let Some(object) = copy.as_object_mut() {
        redact_password(object.get_mut("password"));
        if let Some(mfa) = object.get_mut("mfa").and_then(Value::as_object_mut) {
            redact_password(mfa.get_mut("password"));
            if let Some(totp) = mfa.get_mut("totp").and_then(Value::as_object_mut)
                && totp.contains_key("secret")
            {
                totp.insert("secret".to_owned(), Value::from("REDACTED"));
            }
        }
    }
    copy
}

fn redact_password(password: Option<&mut Value>) {
    if let Some(object) = password.and_then(Value::as_object_mut)
        && object.contains_key("password_hash")
    {
        object.insert("password_hash".to_owned(), Value::from("REDACTED"));
    }
}

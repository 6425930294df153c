//! Applying a completed job's users file to the tenant.

use std::collections::HashSet;
use std::time::SystemTime;

use serde_json::{Map, Value, json};

use super::jobs::Summary;
use super::schema::{self, ImportError};
use super::store::{Incoming, PROFILE_FIELDS, UserStore};

/// What a job did: its summary and the failed entries, each
/// `{"user": <entry as sent, secrets redacted>, "errors": [...]}`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Applied {
    pub summary: Summary,
    pub failures: Vec<Value>,
}

/// Why a whole job failed, worded for `status_details`.
pub(crate) const UNPARSABLE: &str = "Failed to parse users file JSON when importing users.";

/// Writes the file's users in order. `Err` when the file is not a JSON array,
/// which fails the whole job.
pub(crate) fn run(
    file: &[u8],
    upsert: bool,
    store: &mut UserStore,
    now: SystemTime,
) -> Result<Applied, String> {
    let entries = match serde_json::from_slice::<Value>(file) {
        Ok(Value::Array(entries)) => entries,
        _ => return Err(UNPARSABLE.to_owned()),
    };
    let mut summary = Summary {
        total: count(entries.len()),
        ..Summary::default()
    };
    let mut failures = Vec::new();
    let mut seen = Seen::default();

    for entry in &entries {
        if let Some(email) = entry.get("email").and_then(Value::as_str) {
            store.note_submission(email);
        }
        let mut errors = schema::check(entry);
        if errors.is_empty() {
            match write(entry, upsert, store, &mut seen, now) {
                Ok(Written::Inserted) => summary.inserted += 1,
                Ok(Written::Updated) => summary.updated += 1,
                Err(error) => errors.push(error),
            }
        }
        if !errors.is_empty() {
            summary.failed += 1;
            failures.push(json!({ "user": redact(entry), "errors": errors }));
        }
    }
    Ok(Applied { summary, failures })
}

enum Written {
    Inserted,
    Updated,
}

/// Keys already provided earlier in the same file.
#[derive(Default)]
struct Seen {
    emails: HashSet<String>,
    user_ids: HashSet<String>,
    usernames: HashSet<String>,
}

fn write(
    entry: &Value,
    upsert: bool,
    store: &mut UserStore,
    seen: &mut Seen,
    now: SystemTime,
) -> Result<Written, ImportError> {
    let text = |field: &str| entry.get(field).and_then(Value::as_str);
    // The schema check guarantees a string email.
    let email = text("email").unwrap_or_default().to_lowercase();
    let user_id = text("user_id");
    let username = text("username");

    let repeated = if seen.emails.contains(&email) {
        Some("email")
    } else if user_id.is_some_and(|id| seen.user_ids.contains(id)) {
        Some("user_id")
    } else if username.is_some_and(|name| seen.usernames.contains(name)) {
        Some("username")
    } else {
        None
    };
    if let Some(field) = repeated {
        return Err(ImportError::new(
            "DUPLICATED_USER",
            format!("A user with this {field} was already provided."),
            field,
        ));
    }
    seen.emails.insert(email.clone());
    seen.user_ids.extend(user_id.map(str::to_owned));
    seen.usernames.extend(username.map(str::to_owned));

    let mut profile = Map::new();
    for field in PROFILE_FIELDS {
        if let Some(value) = entry.get(field) {
            profile.insert(field.to_owned(), value.clone());
        }
    }
    let existing = store.find(&email, user_id, username);
    let incoming = Incoming {
        email,
        user_id,
        email_verified: entry.get("email_verified").and_then(Value::as_bool),
        blocked: entry.get("blocked").and_then(Value::as_bool),
        profile,
    };
    match existing {
        Some(_) if !upsert => Err(ImportError::new(
            "DUPLICATED_USER",
            "The user already exists.",
            "email",
        )),
        Some(key) => {
            store.update(&key, incoming, now);
            Ok(Written::Updated)
        }
        None => {
            store.insert(incoming, now);
            Ok(Written::Inserted)
        }
    }
}

/// The entry with password hashes masked, as Auth0 shows failed entries.
fn redact(entry: &Value) -> Value {
    let mut shown = entry.clone();
    if let Some(object) = shown.as_object_mut() {
        if let Some(hash) = object.get_mut("password_hash") {
            *hash = "*****".into();
        }
        if let Some(Value::Object(custom)) = object.get_mut("custom_password_hash") {
            match custom.get_mut("hash") {
                Some(Value::Object(inner)) => {
                    if let Some(value) = inner.get_mut("value") {
                        *value = "*****".into();
                    }
                }
                Some(other) => *other = "*****".into(),
                None => {}
            }
        }
    }
    shown
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(store: &mut UserStore, file: Value, upsert: bool) -> Applied {
        run(
            file.to_string().as_bytes(),
            upsert,
            store,
            SystemTime::now(),
        )
        .unwrap()
    }

    #[test]
    fn inserts_then_refuses_or_updates_existing() {
        let mut store = UserStore::default();
        let first = apply(
            &mut store,
            json!([{"email": "Ann@Example.com", "given_name": "Ann"}]),
            false,
        );
        assert_eq!(
            first.summary,
            Summary {
                failed: 0,
                updated: 0,
                inserted: 1,
                total: 1
            }
        );
        let user = store.by_email("ann@example.com").unwrap();
        assert_eq!(user.email, "ann@example.com");
        assert_eq!(user.imports, 1);

        let again = apply(&mut store, json!([{"email": "ann@example.com"}]), false);
        assert_eq!(again.summary.failed, 1);
        assert_eq!(again.failures[0]["errors"][0]["code"], "DUPLICATED_USER");

        let upsert = apply(
            &mut store,
            json!([{"email": "ann@example.com", "given_name": "Anna"}]),
            true,
        );
        assert_eq!(
            upsert.summary,
            Summary {
                failed: 0,
                updated: 1,
                inserted: 0,
                total: 1
            }
        );
        let user = store.by_email("ann@example.com").unwrap();
        assert_eq!(user.profile["given_name"], "Anna");
        assert_eq!(user.imports, 2);
        assert_eq!(store.submissions("ANN@example.com"), 3);
    }

    #[test]
    fn an_upsert_finds_the_user_by_user_id_or_username_when_the_email_changed() {
        let mut store = UserStore::default();
        apply(
            &mut store,
            json!([
                {"email": "ann@example.com", "user_id": "emp-1"},
                {"email": "bo@example.com", "username": "bo"}
            ]),
            false,
        );
        let moved = apply(
            &mut store,
            json!([
                {"email": "ann@new.example", "user_id": "emp-1"},
                {"email": "bo@new.example", "username": "bo"}
            ]),
            true,
        );
        assert_eq!((moved.summary.updated, moved.summary.inserted), (2, 0));
        assert!(store.by_email("ann@example.com").is_none());
        let ann = store.by_email("ann@new.example").unwrap();
        assert_eq!((ann.user_id.as_str(), ann.imports), ("auth0|emp-1", 2));
        // Found again under the new email, once more by user_id after the move.
        let again = apply(
            &mut store,
            json!([{"email": "ann@third.example", "user_id": "emp-1"}]),
            true,
        );
        assert_eq!(again.summary.updated, 1);
        assert_eq!(store.all().len(), 2);
    }

    #[test]
    fn repeated_entry_in_one_file_fails_even_with_upsert() {
        let mut store = UserStore::default();
        let applied = apply(
            &mut store,
            json!([{"email": "a@b.co"}, {"email": "A@b.co"}]),
            true,
        );
        assert_eq!(
            applied.summary,
            Summary {
                failed: 1,
                updated: 0,
                inserted: 1,
                total: 2
            }
        );
        assert_eq!(
            applied.failures[0]["errors"][0]["message"],
            "A user with this email was already provided."
        );
    }

    #[test]
    fn secrets_are_masked_and_bad_files_fail_whole() {
        let mut store = UserStore::default();
        let applied = apply(
            &mut store,
            json!([{"email": "x", "password_hash": "$2b$10$secret"}]),
            false,
        );
        assert_eq!(applied.failures[0]["user"]["password_hash"], "*****");
        assert_eq!(
            run(
                b"{\"email\":\"a@b.co\"}",
                false,
                &mut store,
                SystemTime::now()
            ),
            Err(UNPARSABLE.to_owned())
        );
        assert_eq!(
            run(b"[{", false, &mut store, SystemTime::now()),
            Err(UNPARSABLE.to_owned())
        );
    }
}

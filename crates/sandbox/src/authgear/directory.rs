//! The emulated project's users and what importing one record does to them: insert, skip,
//! or update by the reference's update-behaviour table.
//!
//! Follows the "Update Behavior" section of Authgear's "User Import API" reference (linked
//! from document 002): login IDs other than the identifier and the standard attributes are
//! updated when present and removed when null, `email_verified`, `phone_number_verified`,
//! `disabled`, `roles` and `groups` are updated when present, `custom_attributes` per key,
//! `address` replaced whole, `password`, `mfa.password` and `mfa.totp` ignored on update.
//! The warning texts are those Authgear's importer writes (the document shows one of them,
//! `email_verified = false has no effect in insert.`).
//!
//! The documents are silent on login IDs that collide with another user's (say an upsert
//! giving Anna the phone number Bob has); as Authgear does, the record then fails with
//! `DuplicatedIdentity` and nothing of it is kept.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::error::ApiError;
use super::record::STANDARD_ATTRIBUTES;
use super::request::Identifier;
use crate::scim::stamp;

/// Each login ID that can be verified, with its `*_verified` flag.
const VERIFIED_FLAGS: [(&str, &str); 2] = [
    ("email_verified", "email"),
    ("phone_number_verified", "phone_number"),
];

/// What importing one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Inserted,
    Updated,
    Skipped,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Inserted => "inserted",
            Outcome::Updated => "updated",
            Outcome::Skipped => "skipped",
            Outcome::Failed => "failed",
        }
    }
}

/// The result of importing one (already schema-checked) record.
#[derive(Debug, Clone)]
pub struct Applied {
    pub outcome: Outcome,
    pub user_id: Option<String>,
    pub warnings: Vec<String>,
    pub errors: Vec<ApiError>,
}

/// Users by id, with an index per login ID kind.
#[derive(Debug, Default)]
pub struct Directory {
    /// Users in the order they were created; each is a JSON object with `id`.
    users: Vec<Map<String, Value>>,
    by_login: HashMap<(Identifier, String), usize>,
}

impl Directory {
    pub fn users(&self) -> Vec<Value> {
        self.users.iter().cloned().map(Value::Object).collect()
    }

    /// The user whose `identifier` login ID is `value` (compared as Authgear compares it).
    pub fn find(&self, identifier: Identifier, value: &str) -> Option<&Map<String, Value>> {
        self.by_login
            .get(&(identifier, identifier.normalize(value)))
            .and_then(|&at| self.users.get(at))
    }

    /// Imports one record matched by `identifier`.
    pub fn apply(
        &mut self,
        record: &Map<String, Value>,
        identifier: Identifier,
        upsert: bool,
    ) -> Applied {
        let key = record
            .get(identifier.field())
            .and_then(Value::as_str)
            .map(|v| identifier.normalize(v))
            .unwrap_or_default();
        match self.by_login.get(&(identifier, key)).copied() {
            None => self.insert(record),
            Some(at) if !upsert => Applied {
                outcome: Outcome::Skipped,
                user_id: self.id_at(at),
                warnings: vec!["skipping because upsert = false and user exists".to_owned()],
                errors: Vec::new(),
            },
            Some(at) => self.update(at, record, identifier),
        }
    }

    fn id_at(&self, at: usize) -> Option<String> {
        self.users
            .get(at)
            .and_then(|u| u.get("id"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    /// Whether `value` as login ID `kind` belongs to a user other than the one at `own`.
    fn taken(&self, kind: Identifier, value: &str, own: Option<usize>) -> bool {
        self.by_login
            .get(&(kind, kind.normalize(value)))
            .is_some_and(|&at| Some(at) != own)
    }

    fn failed(errors: Vec<ApiError>, warnings: Vec<String>) -> Applied {
        Applied {
            outcome: Outcome::Failed,
            user_id: None,
            warnings,
            errors,
        }
    }

    fn insert(&mut self, record: &Map<String, Value>) -> Applied {
        let mut warnings = Vec::new();
        let mut user = Map::new();
        let id = stamp::uuid_v4();
        user.insert("id".to_owned(), Value::from(id.clone()));
        for kind in Identifier::ALL {
            match record.get(kind.field()) {
                Some(Value::String(v)) => {
                    if self.taken(kind, v, None) {
                        return Self::failed(vec![ApiError::duplicated_identity()], warnings);
                    }
                    user.insert(kind.field().to_owned(), Value::from(v.as_str()));
                }
                Some(Value::Null) => {
                    warnings.push(format!("{} = null has no effect in insert.", kind.field()));
                }
                _ => {}
            }
        }
        for (flag, claim) in VERIFIED_FLAGS {
            match record.get(flag).and_then(Value::as_bool) {
                Some(false) => warnings.push(format!("{flag} = false has no effect in insert.")),
                Some(true) if !user.contains_key(claim) => warnings.push(format!(
                    "{flag} = true has no effect when {claim} is absent."
                )),
                Some(true) => {
                    user.insert(flag.to_owned(), Value::Bool(true));
                }
                None => {}
            }
            if user.contains_key(claim) && !user.contains_key(flag) {
                user.insert(flag.to_owned(), Value::Bool(false));
            }
        }
        for name in STANDARD_ATTRIBUTES {
            if let Some(value) = record.get(name).filter(|v| !v.is_null()) {
                user.insert(name.to_owned(), value.clone());
            }
        }
        if let Some(Value::Object(custom)) = record.get("custom_attributes") {
            let kept: Map<String, Value> = custom
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            user.insert("custom_attributes".to_owned(), Value::Object(kept));
        }
        match record.get("disabled").and_then(Value::as_bool) {
            Some(true) => {
                user.insert("disabled".to_owned(), Value::Bool(true));
            }
            Some(false) => warnings.push("disabled = false has no effect in insert.".to_owned()),
            None => {}
        }
        for key in ["roles", "groups", "password"] {
            if let Some(value) = record.get(key) {
                user.insert(key.to_owned(), value.clone());
            }
        }
        if let Some(Value::Object(mfa)) = record.get("mfa") {
            let mut kept = Map::new();
            for (key, value) in mfa {
                if value.is_null() {
                    warnings.push(format!("mfa.{key} = null has no effect in insert."));
                } else {
                    kept.insert(key.clone(), value.clone());
                }
            }
            user.insert("mfa".to_owned(), Value::Object(kept));
        }
        let at = self.users.len();
        for kind in Identifier::ALL {
            if let Some(v) = user.get(kind.field()).and_then(Value::as_str) {
                self.by_login.insert((kind, kind.normalize(v)), at);
            }
        }
        self.users.push(user);
        Applied {
            outcome: Outcome::Inserted,
            user_id: Some(id),
            warnings,
            errors: Vec::new(),
        }
    }

    fn update(
        &mut self,
        at: usize,
        record: &Map<String, Value>,
        identifier: Identifier,
    ) -> Applied {
        // The index always points at a user; were it not to, the record is a new user.
        let Some(before) = self.users.get(at).cloned() else {
            return self.insert(record);
        };
        let mut user = before.clone();
        let mut warnings = Vec::new();
        for kind in Identifier::ALL.into_iter().filter(|k| *k != identifier) {
            match record.get(kind.field()) {
                Some(Value::String(v)) => {
                    if self.taken(kind, v, Some(at)) {
                        return Self::failed(vec![ApiError::duplicated_identity()], warnings);
                    }
                    user.insert(kind.field().to_owned(), Value::from(v.as_str()));
                }
                Some(_) => {
                    user.remove(kind.field());
                }
                None => {}
            }
        }
        for (flag, claim) in VERIFIED_FLAGS {
            let requested = record.get(flag).and_then(Value::as_bool);
            if requested.is_some() {
                match record.get(claim) {
                    None => warnings.push(format!("{flag} has no effect when {claim} is absent.")),
                    Some(Value::Null) => {
                        warnings.push(format!("{flag} has no effect when {claim} = null."))
                    }
                    Some(_) => {}
                }
            }
            let Some(now) = user.get(claim).cloned() else {
                user.remove(flag);
                continue;
            };
            // A login ID that changed is a new, unverified claim unless the record says.
            let verified = match (requested, record.get(claim)) {
                (Some(verified), Some(Value::String(_))) => verified,
                _ if before.get(claim) == Some(&now) => {
                    user.get(flag).and_then(Value::as_bool).unwrap_or(false)
                }
                _ => false,
            };
            user.insert(flag.to_owned(), Value::Bool(verified));
        }
        for name in STANDARD_ATTRIBUTES {
            set_or_remove(&mut user, name, record.get(name));
        }
        if let Some(Value::Object(custom)) = record.get("custom_attributes") {
            let mut kept = match user.remove("custom_attributes") {
                Some(Value::Object(existing)) => existing,
                _ => Map::new(),
            };
            for (key, value) in custom {
                set_or_remove(&mut kept, key, Some(value));
            }
            user.insert("custom_attributes".to_owned(), Value::Object(kept));
        }
        for key in ["disabled", "roles", "groups"] {
            if let Some(value) = record.get(key) {
                user.insert(key.to_owned(), value.clone());
            }
        }
        if let Some(Value::Object(mfa)) = record.get("mfa") {
            let mut kept = match user.remove("mfa") {
                Some(Value::Object(existing)) => existing,
                _ => Map::new(),
            };
            for key in ["email", "phone_number"] {
                set_or_remove(&mut kept, key, mfa.get(key));
            }
            user.insert("mfa".to_owned(), Value::Object(kept));
        }
        self.reindex(at, &user);
        let user_id = user.get("id").and_then(Value::as_str).map(str::to_owned);
        if let Some(slot) = self.users.get_mut(at) {
            *slot = user;
        }
        Applied {
            outcome: Outcome::Updated,
            user_id,
            warnings,
            errors: Vec::new(),
        }
    }

    /// Points the login ID indexes at the user at `at` as it will be after an update.
    fn reindex(&mut self, at: usize, updated: &Map<String, Value>) {
        for kind in Identifier::ALL {
            let old = self
                .users
                .get(at)
                .and_then(|u| u.get(kind.field()))
                .and_then(Value::as_str);
            if let Some(old) = old {
                self.by_login.remove(&(kind, kind.normalize(old)));
            }
            if let Some(new) = updated.get(kind.field()).and_then(Value::as_str) {
                self.by_login.insert((kind, kind.normalize(new)), at);
            }
        }
    }
}

/// UPDATED_IF_PRESENT_AND_REMOVED_IF_NULL.
fn set_or_remove(target: &mut Map<String, Value>, key: &str, value: Option<&Value>) {
    match value {
        Some(Value::Null) => {
            target.remove(key);
        }
        Some(value) => {
            target.insert(key.to_owned(), value.clone());
        }
        None => {}
    }
}

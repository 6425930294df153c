//! The users the emulated tenant holds, keyed by lowercased email.
//!
//! Auth0 stores database-connection emails in lower case; lookups by email
//! from tests are case-insensitive, the `users-by-email` endpoint is not (see
//! `users.rs`). Besides the users, the store counts how often each email was
//! submitted in a job file, so tests can tell a retried upload from a
//! duplicated write.

use std::collections::{BTreeMap, HashMap};
use std::time::SystemTime;

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::CONNECTION_NAME;
use crate::secret;
use crate::time::iso8601;

/// Profile fields an import can set and an upsert can change.
pub(crate) const PROFILE_FIELDS: [&str; 8] = [
    "username",
    "given_name",
    "family_name",
    "name",
    "nickname",
    "picture",
    "app_metadata",
    "user_metadata",
];

/// One user of the tenant.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Auth0User {
    /// `auth0|…`.
    pub user_id: String,
    /// Lowercased.
    pub email: String,
    pub email_verified: bool,
    pub blocked: bool,
    /// The profile fields as last imported: `username`, `given_name`,
    /// `family_name`, `name`, `nickname`, `picture`, `app_metadata`, `user_metadata`.
    pub profile: Map<String, Value>,
    pub created_at: String,
    pub updated_at: String,
    /// How many times import jobs inserted or updated this user.
    pub imports: u32,
}

impl Auth0User {
    /// The user as the Management API shows it.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("user_id".into(), self.user_id.clone().into());
        out.insert("email".into(), self.email.clone().into());
        out.insert("email_verified".into(), self.email_verified.into());
        for (key, value) in &self.profile {
            out.insert(key.clone(), value.clone());
        }
        let local = self.email.split('@').next().unwrap_or_default().to_owned();
        out.entry("name")
            .or_insert_with(|| self.email.clone().into());
        out.entry("nickname").or_insert_with(|| local.into());
        out.insert("blocked".into(), self.blocked.into());
        out.insert("created_at".into(), self.created_at.clone().into());
        out.insert("updated_at".into(), self.updated_at.clone().into());
        let identity_id = self.user_id.trim_start_matches("auth0|");
        out.insert(
            "identities".into(),
            json!([{
                "connection": CONNECTION_NAME,
                "user_id": identity_id,
                "provider": "auth0",
                "isSocial": false
            }]),
        );
        Value::Object(out)
    }
}

/// A user about to be written by an import.
pub(crate) struct Incoming<'a> {
    pub email: String,
    pub user_id: Option<&'a str>,
    pub email_verified: Option<bool>,
    pub blocked: Option<bool>,
    pub profile: Map<String, Value>,
}

#[derive(Debug, Default)]
pub(crate) struct UserStore {
    users: BTreeMap<String, Auth0User>,
    submissions: HashMap<String, u32>,
    /// The key (email) of the user holding each `user_id` and each `username`, so an
    /// import of 100,000 new users does not look through every user for each.
    key_of_user_id: HashMap<String, String>,
    key_of_username: HashMap<String, String>,
}

impl UserStore {
    pub fn all(&self) -> Vec<Auth0User> {
        self.users.values().cloned().collect()
    }

    pub fn by_email(&self, email: &str) -> Option<Auth0User> {
        self.users.get(&email.to_lowercase()).cloned()
    }

    /// Users whose stored email is exactly `email`.
    pub fn exact_email(&self, email: &str) -> Vec<Auth0User> {
        self.users.get(email).cloned().into_iter().collect()
    }

    pub fn submissions(&self, email: &str) -> u32 {
        self.submissions
            .get(&email.to_lowercase())
            .copied()
            .unwrap_or(0)
    }

    pub fn note_submission(&mut self, email: &str) {
        *self.submissions.entry(email.to_lowercase()).or_default() += 1;
    }

    /// The key of a user matching on email, else user_id, else username.
    pub fn find(
        &self,
        email: &str,
        user_id: Option<&str>,
        username: Option<&str>,
    ) -> Option<String> {
        if self.users.contains_key(email) {
            return Some(email.to_owned());
        }
        let full_id = user_id.map(|id| format!("auth0|{id}"));
        full_id
            .and_then(|id| self.key_of_user_id.get(&id))
            .or_else(|| username.and_then(|name| self.key_of_username.get(name)))
            .cloned()
    }

    /// Keeps a user under its email key, with its `user_id` and `username` indexed.
    fn put(&mut self, key: String, user: Auth0User) {
        self.take(&key);
        self.key_of_user_id
            .insert(user.user_id.clone(), key.clone());
        if let Some(name) = user.profile.get("username").and_then(Value::as_str) {
            self.key_of_username.insert(name.to_owned(), key.clone());
        }
        self.users.insert(key, user);
    }

    /// Takes a user out, with its index entries.
    fn take(&mut self, key: &str) -> Option<Auth0User> {
        let user = self.users.remove(key)?;
        // Only this user's own entries: another may since have taken the name.
        if self.key_of_user_id.get(&user.user_id).map(String::as_str) == Some(key) {
            self.key_of_user_id.remove(&user.user_id);
        }
        if let Some(name) = user.profile.get("username").and_then(Value::as_str)
            && self.key_of_username.get(name).map(String::as_str) == Some(key)
        {
            self.key_of_username.remove(name);
        }
        Some(user)
    }

    /// Creates a user from an import.
    pub fn insert(&mut self, incoming: Incoming<'_>, now: SystemTime) {
        let stamp = iso8601(now);
        let user_id = match incoming.user_id {
            Some(id) => format!("auth0|{id}"),
            None => format!("auth0|{}", secret::hex(24)),
        };
        let user = Auth0User {
            user_id,
            email: incoming.email.clone(),
            email_verified: incoming.email_verified.unwrap_or(false),
            blocked: incoming.blocked.unwrap_or(false),
            profile: incoming.profile,
            created_at: stamp.clone(),
            updated_at: stamp,
            imports: 1,
        };
        self.put(incoming.email, user);
    }

    /// Updates the user stored under `key` from an upsert.
    pub fn update(&mut self, key: &str, incoming: Incoming<'_>, now: SystemTime) {
        let Some(mut user) = self.take(key) else {
            return;
        };
        // Auth0 resets email_verified when an import touches the email,
        // unless the file says it is verified.
        user.email_verified = incoming.email_verified.unwrap_or(false);
        if let Some(blocked) = incoming.blocked {
            user.blocked = blocked;
        }
        for (field, value) in incoming.profile {
            user.profile.insert(field, value);
        }
        user.email = incoming.email.clone();
        user.updated_at = iso8601(now);
        user.imports += 1;
        self.put(incoming.email, user);
    }

    /// Puts a user in directly, outside any import.
    pub fn seed(&mut self, email: &str) -> Auth0User {
        let key = email.to_lowercase();
        let stamp = iso8601(SystemTime::now());
        let user = Auth0User {
            user_id: format!("auth0|{}", secret::hex(24)),
            email: key.clone(),
            email_verified: false,
            blocked: false,
            profile: Map::new(),
            created_at: stamp.clone(),
            updated_at: stamp,
            imports: 0,
        };
        self.put(key, user.clone());
        user
    }
}

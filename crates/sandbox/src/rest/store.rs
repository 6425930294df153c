//! The generic REST emulator's users and the rules a write must pass.
//!
//! No reference document: Muster's brief defines this target. Rules it fixes: `email` is
//! required (422 `invalid`, `field: "email"`), a taken `email` or `id` is a 409 `duplicate`,
//! an unknown id a 404. Choices the emulator makes: emails are compared case-insensitively
//! and must hold one `@` with text on both sides; a client may choose the `id` (a non-empty
//! string or an integer, kept as a string), else one is made (`usr_` and 12 hex digits);
//! a PUT replaces every field but `id`, and a body `id` differing from the path is a 422;
//! every POST is counted per key when it arrives (the lower-cased email, and the id when the
//! body names one), whatever became of it, so tests can catch a client sending twice.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::error::RestError;
use crate::scim::stamp;

/// Users by id, in the order they were created.
#[derive(Debug, Default)]
pub struct Store {
    users: HashMap<String, Map<String, Value>>,
    order: Vec<String>,
    /// Lower-cased email to id.
    emails: HashMap<String, String>,
    /// POSTs per key (lower-cased email, or id).
    posts: HashMap<String, usize>,
}

/// The body as an object, or 400.
fn object(body: &Value) -> Result<&Map<String, Value>, RestError> {
    body.as_object()
        .ok_or_else(|| RestError::BadRequest("the body must be a JSON object".to_owned()))
}

/// The body's email, lower-cased for comparison, or 422.
fn email_key(body: &Map<String, Value>) -> Result<String, RestError> {
    let invalid = |message: &str| RestError::Invalid {
        field: "email",
        message: message.to_owned(),
    };
    match body.get("email") {
        None | Some(Value::Null) => Err(invalid("email is required")),
        Some(Value::String(email)) => match email.trim().split_once('@') {
            Some((local, domain))
                if !local.is_empty() && !domain.is_empty() && !domain.contains('@') =>
            {
                Ok(email.trim().to_lowercase())
            }
            _ if email.trim().is_empty() => Err(invalid("email is required")),
            _ => Err(invalid("email is not a valid address")),
        },
        Some(_) => Err(invalid("email must be a string")),
    }
}

/// The id the body names, if any, as a string.
fn named_id(body: &Map<String, Value>) -> Result<Option<String>, RestError> {
    let invalid = || RestError::Invalid {
        field: "id",
        message: "id must be a non-empty string or an integer".to_owned(),
    };
    match body.get("id") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(id)) if !id.trim().is_empty() => Ok(Some(id.trim().to_owned())),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Some(n.to_string())),
        Some(_) => Err(invalid()),
    }
}

impl Store {
    pub fn get(&self, id: &str) -> Result<&Map<String, Value>, RestError> {
        self.users
            .get(id)
            .ok_or_else(|| RestError::NotFound(id.to_owned()))
    }

    pub fn all(&self) -> impl Iterator<Item = &Map<String, Value>> {
        self.order.iter().filter_map(|id| self.users.get(id))
    }

    pub fn by_email(&self, email: &str) -> Option<&Map<String, Value>> {
        self.emails
            .get(&email.trim().to_lowercase())
            .and_then(|id| self.users.get(id))
    }

    /// How many POSTs named `key` as their email (any case) or id.
    pub fn posts_for(&self, key: &str) -> usize {
        let by_email = self
            .posts
            .get(&key.trim().to_lowercase())
            .copied()
            .unwrap_or(0);
        let by_id = self
            .posts
            .get(&format!("id:{}", key.trim()))
            .copied()
            .unwrap_or(0);
        by_email + by_id
    }

    fn count_post(&mut self, body: &Value) {
        if let Some(email) = body.get("email").and_then(Value::as_str) {
            *self.posts.entry(email.trim().to_lowercase()).or_default() += 1;
        }
        if let Some(Ok(Some(id))) = body.as_object().map(named_id) {
            *self.posts.entry(format!("id:{id}")).or_default() += 1;
        }
    }

    /// `POST /api/users`.
    pub fn create(&mut self, body: &Value) -> Result<&Map<String, Value>, RestError> {
        self.count_post(body);
        let fields = object(body)?;
        let email = email_key(fields)?;
        let chosen = named_id(fields)?;
        if let Some(id) = chosen.as_ref().filter(|id| self.users.contains_key(*id)) {
            return Err(RestError::Duplicate {
                field: "id",
                value: id.clone(),
            });
        }
        if self.emails.contains_key(&email) {
            return Err(RestError::Duplicate {
                field: "email",
                value: email,
            });
        }
        let id = chosen.unwrap_or_else(|| self.fresh_id());
        let mut user = fields.clone();
        user.insert("id".to_owned(), Value::from(id.as_str()));
        self.emails.insert(email, id.clone());
        self.order.push(id.clone());
        Ok(self.users.entry(id).or_insert(user))
    }

    fn fresh_id(&self) -> String {
        loop {
            let id = format!("usr_{}", stamp::hex_token(12));
            if !self.users.contains_key(&id) {
                return id;
            }
        }
    }

    /// `PUT /api/users/{id}`.
    pub fn replace(&mut self, id: &str, body: &Value) -> Result<&Map<String, Value>, RestError> {
        let old_email = match self.get(id)?.get("email").and_then(Value::as_str) {
            Some(email) => email.trim().to_lowercase(),
            None => String::new(),
        };
        let fields = object(body)?;
        if named_id(fields)?.is_some_and(|named| named != id) {
            return Err(RestError::Invalid {
                field: "id",
                message: format!("id does not match the path ({id})"),
            });
        }
        let email = email_key(fields)?;
        if self.emails.get(&email).is_some_and(|owner| owner != id) {
            return Err(RestError::Duplicate {
                field: "email",
                value: email,
            });
        }
        let mut user = fields.clone();
        user.insert("id".to_owned(), Value::from(id));
        self.emails.remove(&old_email);
        self.emails.insert(email, id.to_owned());
        self.users.insert(id.to_owned(), user);
        self.get(id)
    }
}

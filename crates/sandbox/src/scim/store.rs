//! The emulated service's Users: what a create, replace, patch or delete does to them, and
//! how a User is written back.
//!
//! Follows RFC 7643 (the core User schema and the enterprise extension) and RFC 7644
//! sections 3.3 to 3.6 and 3.14. Choices where the RFCs leave room:
//! - A User must list `urn:ietf:params:scim:schemas:core:2.0:User` in `schemas` and have a
//!   non-empty `userName` (RFC 7643 makes both required); extension attributes must sit
//!   under a schema listed in `schemas`, and only the enterprise extension is offered.
//!   Failures are 400 `invalidSyntax` (schemas) or `invalidValue` (attribute values).
//! - `userName` is unique case-insensitively (its `caseExact` is false); a clash is 409
//!   `uniqueness`. Nothing else is unique.
//! - `id`, `meta` and `groups` are read-only and ignored when sent (RFC 7643 section 7).
//!   `password` is kept but never returned (`returned: never`).
//! - Everything else, the enterprise extension included, is kept exactly as sent.
//! - `meta.version` is a weak ETag counting the User's writes (`W/"1"`, `W/"2"`, …);
//!   `If-Match` with another version is a 412.
//! - Creates are counted per `userName` (lower-cased) when they arrive, before any check,
//!   so a test can see a client that sent the same person twice even when the second was
//!   refused.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::error::{ScimError, ScimType};
use super::filter::{Filter, get_ci};
use super::patch;
use super::stamp;
use super::{ENTERPRISE_SCHEMA, USER_SCHEMA};

/// Core attributes that RFC 7643 makes multi-valued.
const MULTI_VALUED: [&str; 8] = [
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "addresses",
    "entitlements",
    "roles",
    "x509Certificates",
];

/// Core User attribute names (RFC 7643 section 4.1) and the extension URN, to which a
/// name sent in another case is brought (attribute names are case-insensitive).
const CANONICAL: [&str; 24] = [
    "schemas",
    "externalId",
    "userName",
    "name",
    "displayName",
    "nickName",
    "profileUrl",
    "title",
    "userType",
    "preferredLanguage",
    "locale",
    "timezone",
    "active",
    "password",
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "addresses",
    "groups",
    "entitlements",
    "roles",
    "x509Certificates",
    ENTERPRISE_SCHEMA,
];

/// One User as kept.
#[derive(Debug, Clone)]
pub struct StoredUser {
    id: String,
    /// The attributes as sent, without the read-only ones.
    body: Map<String, Value>,
    created: String,
    last_modified: String,
    version: u64,
}

impl StoredUser {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn user_name(&self) -> &str {
        self.body
            .get("userName")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    pub fn password(&self) -> Option<&Value> {
        self.body.get("password")
    }

    pub fn etag(&self) -> String {
        format!("W/\"{}\"", self.version)
    }

    /// The User as returned to clients; `base` is the service's base URL.
    pub fn render(&self, base: &str) -> Value {
        let mut out = Map::new();
        out.insert(
            "schemas".to_owned(),
            self.body
                .get("schemas")
                .cloned()
                .unwrap_or_else(|| json!([USER_SCHEMA])),
        );
        out.insert("id".to_owned(), Value::from(self.id.as_str()));
        for (key, value) in &self.body {
            if key != "schemas" && key != "password" {
                out.insert(key.clone(), value.clone());
            }
        }
        out.insert(
            "meta".to_owned(),
            json!({
                "resourceType": "User",
                "created": self.created,
                "lastModified": self.last_modified,
                "location": format!("{base}/Users/{}", self.id),
                "version": self.etag(),
            }),
        );
        Value::Object(out)
    }
}

/// All Users, in the order they were created.
#[derive(Debug, Default)]
pub struct Store {
    by_id: HashMap<String, StoredUser>,
    order: Vec<String>,
    /// Lower-cased `userName` to id.
    names: HashMap<String, String>,
    /// Lower-cased `userName` to the number of creates that named it.
    creates: HashMap<String, usize>,
}

impl Store {
    pub fn get(&self, id: &str) -> Result<&StoredUser, ScimError> {
        self.by_id.get(id).ok_or_else(|| ScimError::not_found(id))
    }

    pub fn creates_for(&self, user_name: &str) -> usize {
        self.creates
            .get(&user_name.to_lowercase())
            .copied()
            .unwrap_or(0)
    }

    pub fn all(&self) -> impl Iterator<Item = &StoredUser> {
        self.order.iter().filter_map(|id| self.by_id.get(id))
    }

    pub fn by_user_name(&self, user_name: &str) -> Option<&StoredUser> {
        self.names
            .get(&user_name.to_lowercase())
            .and_then(|id| self.by_id.get(id))
    }

    /// The Users matching `filter` (all without one), in creation order.
    pub fn matching(&self, filter: Option<&Filter>, base: &str) -> Vec<Value> {
        if let Some(user_name) = filter.and_then(Filter::user_name_eq) {
            return self
                .by_user_name(user_name)
                .map(|user| user.render(base))
                .into_iter()
                .collect();
        }
        self.all()
            .map(|user| user.render(base))
            .filter(|rendered| filter.is_none_or(|f| f.matches(rendered)))
            .collect()
    }

    /// `POST /Users`.
    pub fn create(&mut self, body: &Value) -> Result<&StoredUser, ScimError> {
        if let Some(name) = get_ci(body, "userName").and_then(Value::as_str) {
            *self.creates.entry(name.to_lowercase()).or_default() += 1;
        }
        let body = writable(body)?;
        let name = checked_name(&body)?;
        if self.names.contains_key(&name) {
            return Err(ScimError::uniqueness(&name));
        }
        let now = stamp::now_rfc3339();
        let id = stamp::uuid_v4();
        let user = StoredUser {
            id: id.clone(),
            body,
            created: now.clone(),
            last_modified: now,
            version: 1,
        };
        self.names.insert(name, id.clone());
        self.order.push(id.clone());
        Ok(self.by_id.entry(id).or_insert(user))
    }

    /// `PUT /Users/{id}`: every attribute replaced by the body's.
    pub fn replace(
        &mut self,
        id: &str,
        body: &Value,
        if_match: Option<&str>,
    ) -> Result<&StoredUser, ScimError> {
        self.checked_version(id, if_match)?;
        let body = writable(body)?;
        self.commit(id, body)
    }

    /// `PATCH /Users/{id}` with a PatchOp message.
    pub fn patch(
        &mut self,
        id: &str,
        message: &Value,
        if_match: Option<&str>,
    ) -> Result<&StoredUser, ScimError> {
        let current = self.checked_version(id, if_match)?;
        let mut body = current.body.clone();
        patch::apply(&mut body, message)?;
        list_used_extensions(&mut body);
        let body = writable(&Value::Object(body))?;
        self.commit(id, body)
    }

    /// `DELETE /Users/{id}`.
    pub fn delete(&mut self, id: &str, if_match: Option<&str>) -> Result<(), ScimError> {
        self.checked_version(id, if_match)?;
        if let Some(user) = self.by_id.remove(id) {
            self.names.remove(&user.user_name().to_lowercase());
        }
        self.order.retain(|kept| kept != id);
        Ok(())
    }

    fn checked_version(&self, id: &str, if_match: Option<&str>) -> Result<&StoredUser, ScimError> {
        let user = self.get(id)?;
        let Some(wanted) = if_match else {
            return Ok(user);
        };
        let etag = user.etag();
        let strong = etag.trim_start_matches("W/");
        let ok = wanted
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag == etag || tag.trim_start_matches("W/") == strong);
        if ok {
            Ok(user)
        } else {
            Err(ScimError::precondition_failed())
        }
    }

    /// Stores `body` as the new state of User `id` after the uniqueness check.
    fn commit(&mut self, id: &str, body: Map<String, Value>) -> Result<&StoredUser, ScimError> {
        let name = checked_name(&body)?;
        if self.names.get(&name).is_some_and(|owner| owner != id) {
            return Err(ScimError::uniqueness(&name));
        }
        let user = self
            .by_id
            .get_mut(id)
            .ok_or_else(|| ScimError::not_found(id))?;
        let old_name = user.user_name().to_lowercase();
        user.body = body;
        user.version += 1;
        user.last_modified = stamp::now_rfc3339();
        self.names.remove(&old_name);
        self.names.insert(name, id.to_owned());
        Ok(user)
    }
}

/// The body's attributes without the read-only ones, after the schema checks.
fn writable(body: &Value) -> Result<Map<String, Value>, ScimError> {
    let Some(object) = body.as_object() else {
        return Err(ScimError::bad(
            ScimType::InvalidSyntax,
            "a User must be a JSON object",
        ));
    };
    let schemas: Vec<&str> = match get_ci(body, "schemas") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !schemas.iter().any(|s| s.eq_ignore_ascii_case(USER_SCHEMA)) {
        return Err(ScimError::bad(
            ScimType::InvalidSyntax,
            format!("schemas must list {USER_SCHEMA}"),
        ));
    }
    if let Some(other) = schemas.iter().find(|s| {
        !s.eq_ignore_ascii_case(USER_SCHEMA) && !s.eq_ignore_ascii_case(ENTERPRISE_SCHEMA)
    }) {
        return Err(ScimError::bad(
            ScimType::InvalidValue,
            format!("schema {other} is not supported"),
        ));
    }
    let mut kept = Map::new();
    for (key, value) in object {
        let key = CANONICAL
            .iter()
            .find(|c| c.eq_ignore_ascii_case(key))
            .map_or_else(|| key.clone(), |c| (*c).to_owned());
        let key = &key;
        let lower = key.to_ascii_lowercase();
        if matches!(lower.as_str(), "id" | "meta" | "groups") {
            continue;
        }
        if lower.starts_with("urn:") {
            if !schemas.iter().any(|s| s.eq_ignore_ascii_case(key)) {
                return Err(ScimError::bad(
                    ScimType::InvalidSyntax,
                    format!("attributes under {key} need {key} in schemas"),
                ));
            }
            if !value.is_object() {
                return Err(ScimError::bad(
                    ScimType::InvalidValue,
                    format!("{key} must be an object"),
                ));
            }
        }
        if lower == "active" && !value.is_boolean() {
            return Err(ScimError::bad(
                ScimType::InvalidValue,
                "active must be true or false",
            ));
        }
        if lower == "name" && !value.is_object() {
            return Err(ScimError::bad(
                ScimType::InvalidValue,
                "name must be an object",
            ));
        }
        if MULTI_VALUED.iter().any(|m| m.eq_ignore_ascii_case(key)) && !value.is_array() {
            return Err(ScimError::bad(
                ScimType::InvalidValue,
                format!("{key} must be an array"),
            ));
        }
        kept.insert(key.clone(), value.clone());
    }
    Ok(kept)
}

/// The lower-cased `userName`, which must be a non-empty string.
fn checked_name(body: &Map<String, Value>) -> Result<String, ScimError> {
    match body.get("userName").and_then(Value::as_str) {
        Some(name) if !name.trim().is_empty() => Ok(name.to_lowercase()),
        _ => Err(ScimError::bad(
            ScimType::InvalidValue,
            "userName is required",
        )),
    }
}

/// After a PATCH added extension attributes, lists their schema in `schemas`.
fn list_used_extensions(body: &mut Map<String, Value>) {
    let used: Vec<String> = body
        .keys()
        .filter(|k| k.to_ascii_lowercase().starts_with("urn:"))
        .cloned()
        .collect();
    if let Some(Value::Array(schemas)) = body.get_mut("schemas") {
        for urn in used {
            if !schemas
                .iter()
                .any(|s| s.as_str().is_some_and(|s| s.eq_ignore_ascii_case(&urn)))
            {
                schemas.push(Value::from(urn));
            }
        }
    }
}

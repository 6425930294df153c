//! What an import request must look like before a task is made: `identifier`, `upsert`,
//! `records`.
//!
//! Follows document 002 and the "User Import API" reference it links
//! (<https://docs.authgear.com/reference/apis/user-import-api>): `identifier` is one of
//! `email`, `phone_number`, `preferred_username` and is required, `upsert` is an optional
//! boolean (false by default), `records` a non-empty array of objects. The documents show
//! only `{"error": "Invalid request"}` for a bad request; the emulator lists what is wrong as
//! Authgear's JSON-schema validator does, each cause `{"location", "kind", "details"}`, and
//! like Authgear's request schema refuses keys other than those three.

use serde_json::{Value, json};

/// The login ID an import matches existing users by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Identifier {
    Email,
    PhoneNumber,
    PreferredUsername,
}

impl Identifier {
    pub const ALL: [Identifier; 3] = [
        Identifier::Email,
        Identifier::PhoneNumber,
        Identifier::PreferredUsername,
    ];

    /// The request's `identifier` value, which is also the record field it names.
    pub fn field(self) -> &'static str {
        match self {
            Identifier::Email => "email",
            Identifier::PhoneNumber => "phone_number",
            Identifier::PreferredUsername => "preferred_username",
        }
    }

    fn from_field(name: &str) -> Option<Identifier> {
        Identifier::ALL.into_iter().find(|i| i.field() == name)
    }

    /// The value as Authgear compares it: emails and usernames are case-insensitive by
    /// default (their login ID configs default to `case_sensitive: false`), phone numbers
    /// are compared as written.
    pub fn normalize(self, value: &str) -> String {
        match self {
            Identifier::PhoneNumber => value.to_owned(),
            Identifier::Email | Identifier::PreferredUsername => value.to_lowercase(),
        }
    }
}

/// A checked import request.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    pub identifier: Identifier,
    pub upsert: bool,
    pub records: Vec<Value>,
}

/// One validation cause as Authgear's validator writes it.
pub(super) fn cause(location: &str, kind: &str, details: Value) -> Value {
    json!({ "location": location, "kind": kind, "details": details })
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A `type` cause: `value` at `location` is not of an `expected` JSON type.
pub(super) fn type_cause(location: &str, value: &Value, expected: &[&str]) -> Value {
    cause(
        location,
        "type",
        json!({ "actual": [type_name(value)], "expected": expected }),
    )
}

/// Checks the request body against Authgear's request schema.
pub fn parse_request(body: &Value) -> Result<ImportRequest, Vec<Value>> {
    let Some(object) = body.as_object() else {
        return Err(vec![type_cause("", body, &["object"])]);
    };
    let mut causes = Vec::new();
    for key in object.keys() {
        if !matches!(key.as_str(), "identifier" | "upsert" | "records") {
            causes.push(cause(
                "",
                "additionalProperties",
                json!({ "property": key }),
            ));
        }
    }
    let missing: Vec<&str> = ["identifier", "records"]
        .into_iter()
        .filter(|k| !object.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        let actual: Vec<&String> = object.keys().collect();
        causes.push(cause(
            "",
            "required",
            json!({ "actual": actual, "expected": ["identifier", "records"], "missing": missing }),
        ));
    }
    let identifier = match object.get("identifier") {
        Some(Value::String(s)) => {
            let found = Identifier::from_field(s);
            if found.is_none() {
                causes.push(cause(
                    "/identifier",
                    "enum",
                    json!({ "expected": ["preferred_username", "email", "phone_number"] }),
                ));
            }
            found
        }
        Some(other) => {
            causes.push(type_cause("/identifier", other, &["string"]));
            None
        }
        None => None,
    };
    let upsert = match object.get("upsert") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            causes.push(type_cause("/upsert", other, &["boolean"]));
            false
        }
    };
    let mut records = Vec::new();
    match object.get("records") {
        Some(Value::Array(items)) => {
            if items.is_empty() {
                causes.push(cause(
                    "/records",
                    "minItems",
                    json!({ "actual": 0, "expected": 1 }),
                ));
            }
            for (index, item) in items.iter().enumerate() {
                if !item.is_object() {
                    causes.push(type_cause(&format!("/records/{index}"), item, &["object"]));
                }
            }
            records.clone_from(items);
        }
        Some(other) => causes.push(type_cause("/records", other, &["array"])),
        None => {}
    }
    match identifier {
        Some(identifier) if causes.is_empty() => Ok(ImportRequest {
            identifier,
            upsert,
            records,
        }),
        _ => Err(causes),
    }
}

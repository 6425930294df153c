//! Validation of one entry of a users file against Auth0's users-file schema.
//!
//! The schema (Auth0's "Bulk Import Database Schema and Examples") requires
//! `email`, types every property and forbids others; `app_metadata` must not
//! hold Auth0's reserved keys; `password_hash` and `custom_password_hash` are
//! mutually exclusive. Error codes and wording follow tv4, the validator whose
//! codes Auth0's job errors use. `phone_number` (E.164), `phone_verified` and
//! `mfa_factors` (at most 10 one-key objects) are accepted as the current, localised
//! versions of the schema page list them (older versions do not).

use serde::Serialize;
use serde_json::{Map, Value};

/// One reason an entry failed, as `GET /api/v2/jobs/{id}/errors` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct ImportError {
    pub code: &'static str,
    pub message: String,
    pub path: String,
}

impl ImportError {
    pub fn new(
        code: &'static str,
        message: impl Into<String>,
        path: impl Into<String>,
    ) -> ImportError {
        ImportError {
            code,
            message: message.into(),
            path: path.into(),
        }
    }
}

const STRING_FIELDS: [&str; 8] = [
    "email",
    "user_id",
    "username",
    "given_name",
    "family_name",
    "name",
    "nickname",
    "picture",
];

const RESERVED_APP_METADATA: [&str; 18] = [
    "__tenant",
    "_id",
    "blocked",
    "clientID",
    "created_at",
    "email_verified",
    "email",
    "globalClientID",
    "global_client_id",
    "identities",
    "lastIP",
    "lastLogin",
    "loginsCount",
    "metadata",
    "multifactor_last_modified",
    "multifactor",
    "updated_at",
    "user_id",
];

const HASH_ALGORITHMS: [&str; 7] = [
    "md5", "sha1", "sha256", "sha512", "bcrypt", "argon2", "pbkdf2",
];

/// Everything wrong with one entry; empty when it is valid.
pub(crate) fn check(entry: &Value) -> Vec<ImportError> {
    let Some(object) = entry.as_object() else {
        return vec![wrong_type("", entry, "object")];
    };
    let mut errors = Vec::new();
    if !object.contains_key("email") {
        errors.push(ImportError::new(
            "OBJECT_REQUIRED",
            "Missing required property: email",
            "email",
        ));
    }
    for (key, value) in object {
        match key.as_str() {
            "password_hash" => expect_string(key, value, &mut errors),
            name if STRING_FIELDS.contains(&name) => {
                expect_string(key, value, &mut errors);
                if name == "email"
                    && let Some(email) = value.as_str()
                    && !plausible_email(email)
                {
                    errors.push(ImportError::new(
                        "FORMAT",
                        format!("Object didn't pass validation for format email: {email}"),
                        "email",
                    ));
                }
            }
            "phone_number" => {
                expect_string(key, value, &mut errors);
                if let Some(phone) = value.as_str()
                    && !is_e164(phone)
                {
                    errors.push(ImportError::new(
                        "FORMAT",
                        format!("Object didn't pass validation for format E.164: {phone}"),
                        "phone_number",
                    ));
                }
            }
            "mfa_factors" => check_mfa_factors(value, &mut errors),
            "email_verified" | "blocked" | "phone_verified" => {
                if !value.is_boolean() {
                    errors.push(wrong_type(key, value, "boolean"));
                }
            }
            "user_metadata" => {
                if !value.is_object() {
                    errors.push(wrong_type(key, value, "object"));
                }
            }
            "app_metadata" => match value.as_object() {
                Some(metadata) => check_app_metadata(metadata, &mut errors),
                None => errors.push(wrong_type(key, value, "object")),
            },
            "custom_password_hash" => check_custom_hash(value, &mut errors),
            other => errors.push(ImportError::new(
                "OBJECT_ADDITIONAL_PROPERTIES",
                format!("Additional properties not allowed: {other}"),
                other,
            )),
        }
    }
    if object.contains_key("password_hash") && object.contains_key("custom_password_hash") {
        errors.push(ImportError::new(
            "NOT_PASSED",
            "password_hash and custom_password_hash are mutually exclusive",
            "custom_password_hash",
        ));
    }
    errors
}

/// `+`, a country code that does not start with 0, at most 15 digits in all.
fn is_e164(phone: &str) -> bool {
    let Some(digits) = phone.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// An array of at most 10 objects, each naming one factor: `totp`, `phone` or `email`.
fn check_mfa_factors(value: &Value, errors: &mut Vec<ImportError>) {
    let Some(factors) = value.as_array() else {
        errors.push(wrong_type("mfa_factors", value, "array"));
        return;
    };
    if factors.len() > 10 {
        errors.push(ImportError::new(
            "ARRAY_LENGTH_LONG",
            format!("Array is too long ({}), maximum 10", factors.len()),
            "mfa_factors",
        ));
    }
    for (index, factor) in factors.iter().enumerate() {
        let known = factor.as_object().is_some_and(|f| {
            f.len() == 1
                && f.keys()
                    .all(|k| matches!(k.as_str(), "totp" | "phone" | "email"))
        });
        if !known {
            errors.push(ImportError::new(
                "ONE_OF_MISSING",
                "Data does not match any schemas from \"oneOf\"",
                format!("mfa_factors/{index}"),
            ));
        }
    }
}

/// One `@` with text on both sides and a dot inside the domain; no spaces.
pub(crate) fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

fn check_app_metadata(metadata: &Map<String, Value>, errors: &mut Vec<ImportError>) {
    for key in metadata.keys() {
        if RESERVED_APP_METADATA.contains(&key.as_str()) {
            errors.push(ImportError::new(
                "NOT_PASSED",
                format!("app_metadata must not contain the reserved property {key}"),
                format!("app_metadata.{key}"),
            ));
        }
    }
}

fn check_custom_hash(value: &Value, errors: &mut Vec<ImportError>) {
    const PATH: &str = "custom_password_hash";
    let Some(hash) = value.as_object() else {
        errors.push(wrong_type(PATH, value, "object"));
        return;
    };
    for required in ["algorithm", "hash"] {
        if !hash.contains_key(required) {
            errors.push(ImportError::new(
                "OBJECT_REQUIRED",
                format!("Missing required property: {required}"),
                format!("{PATH}.{required}"),
            ));
        }
    }
    for (key, field) in hash {
        let path = format!("{PATH}.{key}");
        match key.as_str() {
            "algorithm" => expect_enum(&path, field, &HASH_ALGORITHMS, errors),
            "encoding" => expect_enum(&path, field, &["hex", "base64"], errors),
            // Auth0's examples show the hash both as a string and as an
            // object holding `value`.
            "hash" => match field {
                Value::String(_) => {}
                Value::Object(inner) if inner.get("value").is_some_and(Value::is_string) => {}
                other => errors.push(wrong_type(&path, other, "string")),
            },
            "salt_prefix" | "salt_suffix" => expect_string(&path, field, errors),
            _ => errors.push(ImportError::new(
                "OBJECT_ADDITIONAL_PROPERTIES",
                format!("Additional properties not allowed: {key}"),
                path,
            )),
        }
    }
}

fn expect_string(path: &str, value: &Value, errors: &mut Vec<ImportError>) {
    if !value.is_string() {
        errors.push(wrong_type(path, value, "string"));
    }
}

fn expect_enum(path: &str, value: &Value, allowed: &[&str], errors: &mut Vec<ImportError>) {
    match value.as_str() {
        Some(text) if allowed.contains(&text) => {}
        _ => errors.push(ImportError::new(
            "ENUM_MISMATCH",
            format!("No enum match for: {value}"),
            path,
        )),
    }
}

fn wrong_type(path: &str, value: &Value, expected: &str) -> ImportError {
    ImportError::new(
        "INVALID_TYPE",
        format!("Invalid type: {} (expected {expected})", type_name(value)),
        path,
    )
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(number) if number.is_i64() || number.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(entry: Value) -> Vec<(&'static str, String)> {
        check(&entry)
            .into_iter()
            .map(|error| (error.code, error.path))
            .collect()
    }

    #[test]
    fn valid_entry_passes() {
        let entry = json!({
            "email": "ann@example.com", "email_verified": true, "given_name": "Ann",
            "app_metadata": {"roles": ["admin"]}, "user_metadata": {"theme": "light"},
            "custom_password_hash": {"algorithm": "bcrypt", "hash": {"value": "$2b$10$x"}}
        });
        assert_eq!(codes(entry), vec![]);
        let with_phone = json!({
            "email": "ann@example.com", "phone_number": "+4930901820", "phone_verified": false,
            "mfa_factors": [{"totp": {"secret": "2PRXZWZAYYDAWCD"}}, {"phone": {"value": "+4930901820"}}]
        });
        assert_eq!(codes(with_phone), vec![]);
    }

    #[test]
    fn phones_and_factors_are_checked() {
        assert_eq!(
            codes(json!({"email": "a@b.co", "phone_number": "030 901820"})),
            vec![("FORMAT", "phone_number".into())]
        );
        assert_eq!(
            codes(json!({"email": "a@b.co", "mfa_factors": [{"sms": {}}]})),
            vec![("ONE_OF_MISSING", "mfa_factors/0".into())]
        );
    }

    #[test]
    fn each_rule_reports_its_code_and_path() {
        assert_eq!(
            codes(json!({"given_name": "A"})),
            vec![("OBJECT_REQUIRED", "email".into())]
        );
        assert_eq!(
            codes(json!({"email": "no-at-sign"})),
            vec![("FORMAT", "email".into())]
        );
        assert_eq!(
            codes(json!({"email": "a@b.co", "blocked": "yes"})),
            vec![("INVALID_TYPE", "blocked".into())]
        );
        assert_eq!(
            codes(json!({"email": "a@b.co", "department": "HR"})),
            vec![("OBJECT_ADDITIONAL_PROPERTIES", "department".into())]
        );
        assert_eq!(
            codes(json!({"email": "a@b.co", "app_metadata": {"email": "x"}})),
            vec![("NOT_PASSED", "app_metadata.email".into())]
        );
        assert_eq!(
            codes(
                json!({"email": "a@b.co", "custom_password_hash": {"algorithm": "rot13", "hash": "x"}})
            ),
            vec![("ENUM_MISMATCH", "custom_password_hash.algorithm".into())]
        );
        assert_eq!(
            codes(json!(["not", "an", "object"])),
            vec![("INVALID_TYPE", String::new())]
        );
    }

    #[test]
    fn email_plausibility() {
        assert!(plausible_email("ann.lee+hr@mail.example.org"));
        for bad in [
            "",
            "ann",
            "@example.com",
            "ann@",
            "ann@example",
            "a b@example.com",
            "a@b@c.com",
            "ann@.com",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }
}

//! One target object from a mapped, valid record: the JSON the target's import takes.
//!
//! Shapes, by field name and kind:
//! - Empty values are left out (the targets read a missing field as "not given").
//! - Booleans: `true`/`false` for [`BoolEncoding::Json`]; the numbers `1`/`0` for
//!   [`BoolEncoding::ZeroOne`], as the LMS request example writes `"is_active":1`.
//! - Integers are numbers, objects the parsed JSON object, lists an array of trimmed items.
//!   Everything else (texts, emails, phones, dates, URLs, enums) is a string.
//! - Dots nest: `name.givenName` → `{"name": {"givenName": …}}`.
//! - A bracket names an entry of a multi-valued attribute. SCIM: `emails[work].value` →
//!   `"emails": [{"type": "work", "primary": true, "value": …}]`, the first entry of each
//!   attribute being the primary one. Auth0: `mfa_factors[totp].secret` →
//!   `"mfa_factors": [{"totp": {"secret": …}}]`, as its import schema writes factors. Other
//!   targets get `{"type": …}` entries without `primary`.
//! - SCIM enterprise attributes (`urn:…:enterprise:2.0:User:employeeNumber`) go under the URN
//!   key, `manager.value` under its `manager` object; SCIM resources list their `schemas`.

use serde_json::{Map, Value};

use crate::mapping::{BoundField, Record};
use crate::target::catalog::{BoolEncoding, Catalog, FieldKind, TargetKind, scim};

/// The target object for `record`, whose values are in the order of `fields`.
pub fn record_json(
    catalog: &Catalog,
    fields: &[BoundField],
    record: &Record,
) -> Map<String, Value> {
    let mut object = Map::new();
    let is_scim = catalog.target == TargetKind::Scim;
    if is_scim {
        object.insert(
            "schemas".to_owned(),
            Value::Array(vec![Value::String(scim::USER_SCHEMA.to_owned())]),
        );
    }
    let mut enterprise = false;
    for (bound, raw) in fields.iter().zip(&record.values) {
        if raw.trim().is_empty() {
            continue;
        }
        let Some(field) = catalog.fields.get(bound.catalog_index) else {
            continue;
        };
        let value = json_value(&field.kind, raw);
        let enterprise_path = is_scim
            .then(|| {
                bound
                    .target
                    .strip_prefix(scim::ENTERPRISE_SCHEMA)
                    .and_then(|rest| rest.strip_prefix(':'))
            })
            .flatten();
        match enterprise_path {
            Some(path) => {
                enterprise = true;
                let slot = object
                    .entry(scim::ENTERPRISE_SCHEMA.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(inner) = slot {
                    insert_path(inner, path, value, catalog.target);
                }
            }
            None => insert_path(&mut object, &bound.target, value, catalog.target),
        }
    }
    if enterprise && let Some(Value::Array(schemas)) = object.get_mut("schemas") {
        schemas.push(Value::String(scim::ENTERPRISE_SCHEMA.to_owned()));
    }
    object
}

/// The JSON form of one non-empty cell value of `kind`.
fn json_value(kind: &FieldKind, raw: &str) -> Value {
    let text = raw.trim();
    match kind {
        FieldKind::Boolean {
            encoding: BoolEncoding::Json,
        } => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(raw.to_owned()),
        },
        FieldKind::Boolean {
            encoding: BoolEncoding::ZeroOne,
        } => match text {
            "1" => Value::from(1),
            "0" => Value::from(0),
            _ => Value::String(raw.to_owned()),
        },
        FieldKind::Integer { .. } => text
            .parse::<i64>()
            .map_or_else(|_| Value::String(raw.to_owned()), Value::from),
        FieldKind::Object => match serde_json::from_str::<Value>(text) {
            Ok(value @ Value::Object(_)) => value,
            _ => Value::String(raw.to_owned()),
        },
        FieldKind::List { separator } => Value::Array(
            text.split(separator.as_str())
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| Value::String(item.to_owned()))
                .collect(),
        ),
        _ => Value::String(raw.to_owned()),
    }
}

/// One step of a field path: `name` or `name[kind]`.
enum Step<'a> {
    Key(&'a str),
    Entry(&'a str, &'a str),
}

fn step(segment: &str) -> Step<'_> {
    if let Some(open) = segment.find('[')
        && let Some(inner) = segment[open + 1..].strip_suffix(']')
    {
        return Step::Entry(&segment[..open], inner);
    }
    Step::Key(segment)
}

/// Puts `value` at the dotted `path` inside `object`, creating objects and entries on the way.
fn insert_path(object: &mut Map<String, Value>, path: &str, value: Value, target: TargetKind) {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    match step(head) {
        Step::Key(key) => match rest {
            None => {
                object.insert(key.to_owned(), value);
            }
            Some(rest) => {
                let slot = object
                    .entry(key.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !slot.is_object() {
                    *slot = Value::Object(Map::new());
                }
                if let Value::Object(inner) = slot {
                    insert_path(inner, rest, value, target);
                }
            }
        },
        Step::Entry(key, kind) => {
            let slot = object
                .entry(key.to_owned())
                .or_insert_with(|| Value::Array(Vec::new()));
            if !slot.is_array() {
                *slot = Value::Array(Vec::new());
            }
            if let Value::Array(entries) = slot {
                let Some(entry) = entry_for(entries, kind, target) else {
                    return;
                };
                match rest {
                    Some(rest) => insert_path(entry, rest, value, target),
                    None => {
                        entry.insert("value".to_owned(), value);
                    }
                }
            }
        }
    }
}

/// The object of the entry of `kind` in a multi-valued attribute, created when missing. For
/// Auth0 that is the object under the entry's `kind` key. `None` only if an entry is not an
/// object, which this module never writes.
fn entry_for<'e>(
    entries: &'e mut Vec<Value>,
    kind: &str,
    target: TargetKind,
) -> Option<&'e mut Map<String, Value>> {
    let matches = |entry: &Value| match target {
        TargetKind::Auth0 => entry.get(kind).is_some(),
        _ => entry.get("type").and_then(Value::as_str) == Some(kind),
    };
    let position = match entries.iter().position(matches) {
        Some(position) => position,
        None => {
            let mut entry = Map::new();
            match target {
                TargetKind::Auth0 => {
                    entry.insert(kind.to_owned(), Value::Object(Map::new()));
                }
                TargetKind::Scim => {
                    entry.insert("type".to_owned(), Value::String(kind.to_owned()));
                    entry.insert("primary".to_owned(), Value::Bool(entries.is_empty()));
                }
                _ => {
                    entry.insert("type".to_owned(), Value::String(kind.to_owned()));
                }
            }
            entries.push(Value::Object(entry));
            entries.len() - 1
        }
    };
    let map = entries.get_mut(position)?.as_object_mut()?;
    if target == TargetKind::Auth0 {
        let inner = map
            .entry(kind.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !inner.is_object() {
            *inner = Value::Object(Map::new());
        }
        inner.as_object_mut()
    } else {
        Some(map)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::record_json;
    use crate::mapping::{FieldMapping, Mapper, Profile, Record};
    use crate::sheet::Row;
    use crate::target::catalog::{self, Catalog, Field, FieldKind, TargetKind, scim};

    /// The object for one row whose cells are `pairs`' values, each mapped to its field.
    fn object(catalog: &Catalog, identifier: &str, pairs: &[(&str, &str)]) -> Value {
        let mut profile = Profile::new(catalog.target, identifier);
        profile.fields = pairs
            .iter()
            .map(|(target, _)| FieldMapping {
                target: (*target).to_owned(),
                column: Some((*target).to_owned()),
                constant: None,
                template: None,
                transforms: Vec::new(),
            })
            .collect();
        let columns: Vec<String> = pairs.iter().map(|(t, _)| (*t).to_owned()).collect();
        let mapper = Mapper::new(&profile, catalog, &columns).unwrap();
        let row = Row::from_cells(2, pairs.iter().map(|(_, v)| *v));
        let mut record = Record::default();
        mapper.map(&row, &mut record);
        Value::Object(record_json(catalog, mapper.fields(), &record))
    }

    #[test]
    fn lms_numbers_for_zero_one_lists_split_and_empty_left_out() {
        let catalog = catalog::lms::catalog();
        let got = object(
            &catalog,
            "uid",
            &[
                ("uid", "E1"),
                ("secondname", "Schmidt"),
                ("firstname", "Anna"),
                ("login", "anna"),
                ("email", "anna@example.com"),
                ("is_active", "1"),
                ("tags", " a, b ,,c "),
                ("gender", "1"),
                ("phone", "  "),
            ],
        );
        assert_eq!(
            got,
            json!({
                "uid": "E1", "secondname": "Schmidt", "firstname": "Anna", "login": "anna",
                "email": "anna@example.com", "is_active": 1, "tags": ["a", "b", "c"],
                "gender": "1"
            })
        );
        let blocked = object(
            &catalog,
            "uid",
            &[
                ("uid", "E2"),
                ("secondname", "S"),
                ("firstname", "F"),
                ("login", "l"),
                ("email", "e@example.com"),
                ("is_active", "0"),
            ],
        );
        assert_eq!(blocked["is_active"], json!(0));
    }

    #[test]
    fn auth0_booleans_objects_and_mfa_factors() {
        let catalog = catalog::auth0::catalog();
        let got = object(
            &catalog,
            "email",
            &[
                ("email", "anna@example.com"),
                ("email_verified", "true"),
                ("blocked", "false"),
                ("given_name", ""),
                ("app_metadata", r#"{"plan": "gold", "seats": 3}"#),
                ("mfa_factors[totp].secret", "JBTWY3DPEHPK3PNP"),
                ("mfa_factors[email].value", "anna.mfa@example.com"),
            ],
        );
        assert_eq!(
            got,
            json!({
                "email": "anna@example.com",
                "email_verified": true,
                "blocked": false,
                "app_metadata": {"plan": "gold", "seats": 3},
                "mfa_factors": [
                    {"totp": {"secret": "JBTWY3DPEHPK3PNP"}},
                    {"email": {"value": "anna.mfa@example.com"}}
                ]
            })
        );
    }

    #[test]
    fn authgear_dots_nest() {
        let catalog = catalog::authgear::catalog();
        let got = object(
            &catalog,
            "email",
            &[
                ("email", "anna@example.com"),
                ("mfa.email", "otp@example.com"),
                ("mfa.phone_number", "+4930123456"),
                ("roles", "admin, editor"),
                ("disabled", "false"),
            ],
        );
        assert_eq!(
            got,
            json!({
                "email": "anna@example.com",
                "mfa": {"email": "otp@example.com", "phone_number": "+4930123456"},
                "roles": ["admin", "editor"],
                "disabled": false
            })
        );
    }

    #[test]
    fn scim_user_with_multi_values_and_enterprise_extension() {
        let catalog = catalog::scim::catalog();
        let urn = scim::ENTERPRISE_SCHEMA;
        let employee = format!("{urn}:employeeNumber");
        let manager = format!("{urn}:manager.value");
        let got = object(
            &catalog,
            "userName",
            &[
                ("userName", "anna"),
                ("name.givenName", "Anna"),
                ("name.familyName", "Schmidt"),
                ("emails[work].value", "anna@example.com"),
                ("emails[home].value", "anna@home.example"),
                ("phoneNumbers[mobile].value", "+4915112345678"),
                ("addresses[work].locality", "Berlin"),
                ("addresses[work].country", "DE"),
                ("active", "true"),
                (employee.as_str(), "701984"),
                (manager.as_str(), "boss"),
            ],
        );
        assert_eq!(
            got,
            json!({
                "schemas": [scim::USER_SCHEMA, urn],
                "userName": "anna",
                "name": {"givenName": "Anna", "familyName": "Schmidt"},
                "emails": [
                    {"type": "work", "primary": true, "value": "anna@example.com"},
                    {"type": "home", "primary": false, "value": "anna@home.example"}
                ],
                "phoneNumbers": [
                    {"type": "mobile", "primary": true, "value": "+4915112345678"}
                ],
                "addresses": [
                    {"type": "work", "primary": true, "locality": "Berlin", "country": "DE"}
                ],
                "active": true,
                urn: {"employeeNumber": "701984", "manager": {"value": "boss"}}
            })
        );
    }

    #[test]
    fn scim_without_enterprise_fields_lists_the_core_schema_only() {
        let catalog = catalog::scim::catalog();
        let got = object(&catalog, "userName", &[("userName", "anna")]);
        assert_eq!(
            got,
            json!({"schemas": [scim::USER_SCHEMA], "userName": "anna"})
        );
    }

    #[test]
    fn rest_integers_are_numbers_and_other_kinds_strings() {
        let catalog = Catalog {
            target: TargetKind::Rest,
            fields: vec![
                Field::new("id", FieldKind::Text).key(),
                Field::new(
                    "age",
                    FieldKind::Integer {
                        min: None,
                        max: None,
                    },
                ),
                Field::new("address.city", FieldKind::Text),
                Field::new("level", FieldKind::one_of(&["1", "2"])),
            ],
        };
        let got = object(
            &catalog,
            "id",
            &[
                ("id", "7"),
                ("age", "42"),
                ("address.city", "Köln"),
                ("level", "2"),
            ],
        );
        assert_eq!(
            got,
            json!({"id": "7", "age": 42, "address": {"city": "Köln"}, "level": "2"})
        );
    }
}

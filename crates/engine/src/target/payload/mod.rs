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
//!
//! Each cell becomes a JSON value in `value`, and goes to its place in the object in `path`.
//!
//! [`BoolEncoding::Json`]: crate::target::catalog::BoolEncoding::Json
//! [`BoolEncoding::ZeroOne`]: crate::target::catalog::BoolEncoding::ZeroOne

mod path;
mod value;

#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use self::path::insert_path;
use self::value::json_value;
use crate::mapping::{BoundField, Record};
use crate::target::catalog::{Catalog, TargetKind, scim};

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

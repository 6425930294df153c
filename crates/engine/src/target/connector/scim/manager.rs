//! The manager a User's payload names, as the SCIM `id` RFC 7643 §4.3 asks for in the
//! enterprise extension's `manager.value`.
//!
//! Choices where the RFC is silent: the file names the manager as HR exports do, by
//! `userName` or by personnel number. The reference is looked up as `userName`, then
//! `externalId`, then the enterprise `employeeNumber` (filter `eq`, RFC 7644 §3.4.2), and
//! the first User found gives the `id`. Records of a batch are matched against a reference
//! by the same three attributes, without regard to case, so that a report can wait for a
//! manager created in the same batch.

use serde_json::Value;

use super::api::{Api, Failure, ScimRefusal};
use crate::target::catalog::scim::ENTERPRISE_SCHEMA;
use crate::target::connector::Outgoing;

/// The attributes a manager reference may name, tried in this order.
const MANAGER_KEYS: [&str; 3] = [
    "userName",
    "externalId",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
];

/// Whether `reference` (a manager as the file names it) names the User of `record`, by the
/// attributes of [`MANAGER_KEYS`] (without regard to case, as `userName` is compared).
pub fn names(record: &Outgoing, reference: &str) -> bool {
    let payload = &record.payload;
    [
        payload.get("userName"),
        payload.get("externalId"),
        payload
            .get(ENTERPRISE_SCHEMA)
            .and_then(|extension| extension.get("employeeNumber")),
    ]
    .into_iter()
    .flatten()
    .filter_map(Value::as_str)
    .any(|value| value.eq_ignore_ascii_case(reference))
}

/// The payload with its manager's `id`, or the manager the server does not hold.
pub enum Resolved {
    User(Value),
    NoManager(String),
}

/// Puts the manager's `id` where the payload names the manager (module docs); a payload
/// without a manager is returned as it is.
pub async fn resolve_manager(api: &Api, mut user: Value) -> Result<Resolved, Failure> {
    let Some(slot) = user
        .get_mut(ENTERPRISE_SCHEMA)
        .and_then(|extension| extension.get_mut("manager"))
        .and_then(Value::as_object_mut)
    else {
        return Ok(Resolved::User(user));
    };
    let Some(manager) = slot.get("value").and_then(Value::as_str).map(str::to_owned) else {
        return Ok(Resolved::User(user));
    };
    for attribute in MANAGER_KEYS {
        if let Some(found) = api.find_by(attribute, &manager).await? {
            slot.insert("value".to_owned(), Value::String(found.id));
            return Ok(Resolved::User(user));
        }
    }
    Ok(Resolved::NoManager(manager))
}

/// Muster's own refusal of a record whose manager is not at the server: no HTTP status,
/// the code says what is missing.
pub fn no_manager(manager: &str) -> ScimRefusal {
    ScimRefusal {
        status: 0,
        scim_type: Some("noTarget".to_owned()),
        detail: format!(
            "the manager \"{manager}\" is not a User at the SCIM server; push the manager first, then retry this record"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_manager_reference_names_a_record_by_user_name_external_id_or_number() {
        let record = Outgoing {
            record_id: 1,
            source_row: 2,
            identifier: "boss@example.com".to_owned(),
            payload: json!({
                "userName": "Boss@example.com",
                "externalId": "E0001",
                ENTERPRISE_SCHEMA: {"employeeNumber": "P-0001"}
            }),
            bytes: 0,
        };
        for reference in ["boss@example.com", "E0001", "P-0001"] {
            assert!(names(&record, reference), "{reference}");
        }
        assert!(!names(&record, "E0002"));
    }
}

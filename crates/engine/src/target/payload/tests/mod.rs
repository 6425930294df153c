//! The objects of each target: numbers and booleans as the target encodes them, nesting,
//! multi-valued entries and SCIM's schemas and enterprise extension.

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

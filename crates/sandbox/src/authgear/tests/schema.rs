//! The request and record schemas on their own.

use serde_json::json;

use crate::authgear::record::{check_record, redacted};
use crate::authgear::request::{Identifier, ImportRequest, parse_request};

#[test]
fn request_schema() {
    let ok = parse_request(&json!({"identifier": "email", "records": [{"email": "a@b.c"}]}));
    assert!(matches!(
        ok,
        Ok(ImportRequest {
            identifier: Identifier::Email,
            upsert: false,
            ..
        })
    ));
    let bad = parse_request(&json!({"identifier": "uid", "records": [], "extra": 1}))
        .expect_err("three problems");
    let kinds: Vec<&str> = bad.iter().filter_map(|c| c["kind"].as_str()).collect();
    assert_eq!(kinds, ["additionalProperties", "enum", "minItems"]);
    let missing = parse_request(&json!({"upsert": true})).expect_err("missing fields");
    assert_eq!(
        missing[0]["details"]["missing"],
        json!(["identifier", "records"])
    );
    let typed = parse_request(&json!({"identifier": "email", "upsert": "yes", "records": [1]}))
        .expect_err("wrong types");
    let at: Vec<&str> = typed
        .iter()
        .filter_map(|c| c["location"].as_str())
        .collect();
    assert_eq!(at, ["/upsert", "/records/0"]);
}

#[test]
fn record_schema_per_identifier() {
    let record = json!({"preferred_username": "anna", "email": null});
    assert!(check_record(&record, Identifier::PreferredUsername).is_ok());
    let causes = check_record(&record, Identifier::Email).expect_err("email required");
    assert_eq!(causes[0]["kind"], "required");
    let causes = check_record(
        &json!({"phone_number": "0612345678", "email": "not-an-email", "title": "x",
                "password": {"type": "md5", "password_hash": "h"}}),
        Identifier::PhoneNumber,
    )
    .expect_err("four problems");
    let at: Vec<&str> = causes
        .iter()
        .filter_map(|c| c["location"].as_str())
        .collect();
    assert_eq!(at, ["/phone_number", "/email", "", "/password/type"]);
}

#[test]
fn password_expiry_must_be_an_rfc_3339_time() {
    let with = |expire_after: &str| {
        json!({"email": "a@b.c", "password": {"type": "bcrypt", "password_hash": "h",
                                              "expire_after": expire_after}})
    };
    assert!(check_record(&with("2024-04-04T06:56:36.02508096Z"), Identifier::Email).is_ok());
    assert!(check_record(&with("2024-04-04T06:56:36+08:00"), Identifier::Email).is_ok());
    let causes = check_record(&with("2024-04-04"), Identifier::Email).expect_err("date only");
    assert_eq!(causes[0]["details"]["format"], "date-time");
}

#[test]
fn redaction_hides_secrets_only() {
    let record = json!({"email": "a@b.c", "password": {"type": "bcrypt", "password_hash": "$2a$"},
                        "mfa": {"totp": {"secret": "s"}, "email": "a@b.c"}});
    let shown = redacted(&record);
    assert_eq!(
        shown["password"],
        json!({"type": "bcrypt", "password_hash": "REDACTED"})
    );
    assert_eq!(shown["mfa"]["totp"]["secret"], "REDACTED");
    assert_eq!(shown["mfa"]["email"], "a@b.c");
    assert_eq!(record["password"]["password_hash"], "$2a$");
}

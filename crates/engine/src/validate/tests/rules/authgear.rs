//! Authgear's rules, with `002_8430e5261dcbbc42.txt` and its reference's records as the
//! valid inputs.

use super::{counts, profile, run, summary};
use crate::mapping::Profile;
use crate::target::catalog::authgear::{Identifier, catalog_for};
use crate::validate::Severity;

/// The bcrypt hash of `002_8430e5261dcbbc42.txt`'s examples.
const AUTHGEAR_HASH: &str = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

fn authgear_profile(identifier: Identifier) -> Profile {
    profile(
        "authgear",
        identifier.field_name(),
        &[
            ("email", "Email"),
            ("email_verified", "Email verified"),
            ("phone_number", "Phone"),
            ("phone_number_verified", "Phone verified"),
            ("password", "Password"),
            ("mfa.password", "MFA password"),
            ("mfa.totp", "TOTP"),
            ("address", "Address"),
        ],
    )
}

fn authgear_password(hash: &str) -> String {
    format!(r#"{{"type": "bcrypt", "password_hash": "{hash}"}}"#)
}

#[test]
fn authgear_reference_records_pass() {
    let password = authgear_password(AUTHGEAR_HASH);
    let address = r#"{"formatted": "1 Unnamed Road, Central, Hong Kong Island, HK", "street_address": "1 Unnamed Road", "locality": "Central", "region": "Hong Kong", "postal_code": "N/A", "country": "HK"}"#;
    let rows: [&[&str]; 3] = [
        // The Initiate Import example.
        &["user@example.com", "true", "", "", &password, "", "", ""],
        // The reference's full input-format record.
        &[
            "johndoe@example.com",
            "true",
            "+85123456789",
            "true",
            &password,
            &password,
            r#"{"secret": "secret"}"#,
            address,
        ],
        // The usage example's second user, with an expiry as the server's schema allows.
        &[
            "user2@example.com",
            "false",
            "",
            "",
            r#"{"type": "bcrypt", "password_hash": "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", "expire_after": "2025-01-31T00:00:00Z"}"#,
            "",
            "",
            "",
        ],
    ];
    let (issues, found) = run(
        &catalog_for(Identifier::Email),
        &authgear_profile(Identifier::Email),
        &rows,
    );
    assert_eq!(issues, vec![]);
    assert_eq!(found, counts(3, 0));
}

#[test]
fn authgear_password_objects_must_be_bcrypt_with_a_hash() {
    let extra = format!(r#"{{"type": "bcrypt", "password_hash": "{AUTHGEAR_HASH}", "salt": "x"}}"#);
    let expiry = format!(
        r#"{{"type": "bcrypt", "password_hash": "{AUTHGEAR_HASH}", "expire_after": "next week"}}"#
    );
    let no_type = format!(r#"{{"password_hash": "{AUTHGEAR_HASH}"}}"#);
    let md5 = authgear_password("5f4dcc3b5aa765d61d8327deb882cf99");
    let rows: [&[&str]; 6] = [
        &[
            "a@example.com",
            "",
            "",
            "",
            r#"{"type": "md5", "password_hash": "5f4d"}"#,
            "",
            "",
            "",
        ],
        &[
            "b@example.com",
            "",
            "",
            "",
            r#"{"type": "bcrypt"}"#,
            "",
            "",
            "",
        ],
        &["c@example.com", "", "", "", &extra, "", "", ""],
        &["d@example.com", "", "", "", &expiry, "", "", ""],
        &["e@example.com", "", "", "", "", &no_type, "", ""],
        &["f@example.com", "", "", "", &md5, "", "", ""],
    ];
    let (issues, found) = run(
        &catalog_for(Identifier::Email),
        &authgear_profile(Identifier::Email),
        &rows,
    );
    let invalid = "authgear_password_invalid";
    assert_eq!(
        summary(&issues),
        vec![
            (2, "password", invalid, Severity::Error),
            (3, "password", invalid, Severity::Error),
            (4, "password", invalid, Severity::Error),
            (5, "password", invalid, Severity::Error),
            (6, "mfa.password", invalid, Severity::Error),
            (
                7,
                "password",
                "authgear_password_hash_format",
                Severity::Warning
            ),
        ]
    );
    let messages: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
    assert!(messages[0].starts_with("password in column \"Password\" has type \"md5\", but Authgear imports only bcrypt hashes."), "{}", messages[0]);
    assert!(
        messages[1].contains("has no password_hash, which Authgear requires"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("has the key \"salt\""),
        "{}",
        messages[2]
    );
    assert!(
        messages[3].contains("expire_after that is not a date and time"),
        "{}",
        messages[3]
    );
    assert!(
        messages[4].starts_with("mfa.password in column \"MFA password\" has type missing"),
        "{}",
        messages[4]
    );
    assert!(
        messages[5].contains("the password_hash \"5f4dcc3…\", which is not a bcrypt hash"),
        "{}",
        messages[5]
    );
    assert_eq!(issues[5].column, "Password");
    // A hash of the wrong form is imported; a malformed object is refused.
    assert_eq!(found, counts(1, 5));
}

#[test]
fn authgear_totp_and_address_objects() {
    let rows: [&[&str]; 4] = [
        &["a@example.com", "", "", "", "", "", r#"{"secret": ""}"#, ""],
        &[
            "b@example.com",
            "",
            "",
            "",
            "",
            "",
            r#"{"secret": "JBSWY3DPEHPK3PXP", "digits": 6}"#,
            "",
        ],
        &[
            "c@example.com",
            "",
            "",
            "",
            "",
            "",
            "",
            r#"{"locality": "Central", "country": ""}"#,
        ],
        &[
            "d@example.com",
            "",
            "",
            "",
            "",
            "",
            "",
            r#"{"postal_code": 12345, "country": "HK"}"#,
        ],
    ];
    let (issues, found) = run(
        &catalog_for(Identifier::Email),
        &authgear_profile(Identifier::Email),
        &rows,
    );
    assert_eq!(
        summary(&issues),
        vec![
            (2, "mfa.totp", "authgear_totp_invalid", Severity::Error),
            (3, "mfa.totp", "authgear_totp_invalid", Severity::Error),
            (4, "address", "authgear_address_invalid", Severity::Error),
            (5, "address", "authgear_address_invalid", Severity::Error),
        ]
    );
    assert!(
        issues[0]
            .message
            .ends_with("has no secret, which Authgear requires. Write {\"secret\": \"…\"}."),
        "{}",
        issues[0].message
    );
    assert!(
        issues[1].message.contains("has the key \"digits\""),
        "{}",
        issues[1].message
    );
    assert!(
        issues[2]
            .message
            .starts_with("address in column \"Address\" has country empty or not text"),
        "{}",
        issues[2].message
    );
    assert!(
        issues[3]
            .message
            .contains("has postal_code empty or not text"),
        "{}",
        issues[3].message
    );
    assert_eq!(found, counts(0, 4));
}

#[test]
fn authgear_keyed_on_phone_numbers() {
    let catalog = catalog_for(Identifier::PhoneNumber);
    let rows: [&[&str]; 2] = [
        // Verified flag without the email it would verify: imported, with Authgear's warning.
        &["", "true", "+85123456789", "", "", "", "", ""],
        // No phone number: the request's identifier is missing, so the record is refused.
        &["jd@example.com", "", "", "", "", "", "", ""],
    ];
    let (issues, found) = run(&catalog, &authgear_profile(Identifier::PhoneNumber), &rows);
    assert_eq!(
        summary(&issues),
        vec![
            (
                2,
                "email_verified",
                "authgear_verified_without_login_id",
                Severity::Warning
            ),
            (3, "phone_number", "required_missing", Severity::Error),
        ]
    );
    assert_eq!(
        issues[0].message,
        "email_verified is true, but the record has no email: Authgear imports it with the \
         warning \"email_verified has no effect when email is absent\". Fill in email, or leave \
         email_verified empty."
    );
    assert_eq!(found, counts(1, 1));
    // The same when the profile does not map email at all.
    let without_email = profile(
        "authgear",
        "phone_number",
        &[("phone_number", "Phone"), ("email_verified", "Verified")],
    );
    let (issues, _) = run(&catalog, &without_email, &[&["+85123456789", "false"]]);
    assert_eq!(
        summary(&issues),
        vec![(
            2,
            "email_verified",
            "authgear_verified_without_login_id",
            Severity::Warning
        )]
    );
}

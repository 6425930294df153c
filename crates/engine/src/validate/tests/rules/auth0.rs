//! Auth0's target rules on records built through a real profile and mapper, with the
//! examples of Auth0's bulk-import schema page as the valid inputs: codes, rows, fields,
//! columns, sentences, and whether the record still counts as valid.

use super::{counts, profile, run, summary};
use crate::mapping::Profile;
use crate::target::catalog::auth0;
use crate::validate::{Counts, Issue, Severity};

fn auth0_profile() -> Profile {
    profile(
        "auth0",
        "email",
        &[
            ("email", "Email"),
            ("password_hash", "Hash"),
            ("custom_password_hash", "Custom"),
            ("app_metadata", "App"),
            ("user_metadata", "User"),
            ("mfa_factors[totp].secret", "TOTP"),
        ],
    )
}

/// Auth0 with one user per `custom_password_hash`, every other cell empty.
fn auth0_custom(hashes: &[&str]) -> (Vec<Issue>, Counts) {
    let emails: Vec<String> = (0..hashes.len())
        .map(|i| format!("u{i}@contoso.com"))
        .collect();
    let rows: Vec<[&str; 6]> = hashes
        .iter()
        .zip(&emails)
        .map(|(hash, email)| [email.as_str(), "", hash, "", "", ""])
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    run(&auth0::catalog(), &auth0_profile(), &rows)
}

/// The eight `custom_password_hash` examples of Auth0's schema page, one per algorithm form.
const AUTH0_EXAMPLES: [&str; 8] = [
    r#"{"algorithm": "md4", "hash": {"value": "AbuUujgF0pPPkJPSFRTpmA==", "encoding": "base64"}}"#,
    r#"{"algorithm": "sha256", "hash": {"value": "d24e794fce503c3ddb1cd1ba1dd5d9b250cf9917336a0316fefd87fecf79200f", "encoding": "hex"}, "salt": {"value": "abc123", "position": "prefix"}}"#,
    r#"{"algorithm": "bcrypt", "hash": {"value": "$2b$10$C9hB01.YxRSTcn/ZOOo4j.TW7xCKKFKBSF.C7E0xiUwumqIDqWUXG"}}"#,
    r#"{"algorithm": "argon2", "hash": {"value": "$argon2id$v=19$m=65536,t=2,p=1$J6Q/82PCyaNpYKRELJyTZg$m04qUAB8rexWDR4+/0f+SFB+4XMFxt7YAvAq2UycYos"}}"#,
    r#"{"algorithm": "pbkdf2", "hash": {"value": "$pbkdf2-md4$i=100000,l=64$+N375B8q0Fw$fp2R9KAM4hK/votGHC5Fu+jhqbxUD8+Nic/EMSGvNC3UP/k7wSHI0uXluHRSkZfl/BOheYqNOemayG90ZaSSQw", "encoding": "utf8"}}"#,
    r#"{"algorithm": "pbkdf2", "hash": {"value": "$pbkdf2-sha512$i=100000,l=64$KNyFsA2rWoE$I2CQGI9H0JxdDf3kERRI97kPCGxh0KWBIV3MxyaS191gDGfzVBGyS4BibhgqWQ0/ails8mHuU9ckASxHOOq58w"}}"#,
    r#"{"algorithm": "ldap", "hash": {"value": "{SSHA384}/cgEjdoZh85DhurDeOQEMO1rMlAur93SVPbYe5XSD4lF7nNuvrBju5hUeg9A6agRemgSXGl5YuE=", "encoding": "utf8"}}"#,
    r#"{"algorithm": "hmac", "hash": {"value": "cg7f42jH39/2EaAU4wNd4s2lKIk=", "encoding": "base64", "digest": "sha1", "key": {"value": "736868", "encoding": "hex"}}}"#,
];

#[test]
fn auth0_schema_page_examples_pass() {
    let (issues, found) = auth0_custom(&AUTH0_EXAMPLES);
    assert_eq!(issues, vec![]);
    assert_eq!(found, counts(8, 0));
    // The basic example's metadata, the bcrypt hash the page explains, the MFA page's secret.
    let (issues, found) = run(
        &auth0::catalog(),
        &auth0_profile(),
        &[&[
            "john.doe@contoso.com",
            "$2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K",
            "",
            r#"{"roles": ["admin"], "plan": "premium"}"#,
            r#"{"theme": "light", "color": "light.blue"}"#,
            "JBTWY3DPEHPK3PNP",
        ]],
    );
    assert_eq!(issues, vec![]);
    assert_eq!(found, counts(1, 0));
}

#[test]
fn auth0_refuses_password_hash_together_with_custom_password_hash() {
    let bcrypt = "$2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K";
    let (issues, found) = run(
        &auth0::catalog(),
        &auth0_profile(),
        &[&["velma@contoso.com", bcrypt, AUTH0_EXAMPLES[2], "", "", ""]],
    );
    assert_eq!(
        summary(&issues),
        vec![(
            2,
            "password_hash",
            "auth0_password_hash_conflict",
            Severity::Error
        )]
    );
    assert_eq!(issues[0].column, "Hash");
    assert_eq!(issues[0].value, bcrypt);
    assert_eq!(
        issues[0].message,
        "password_hash (column \"Hash\") and custom_password_hash are both filled in, but Auth0 \
         accepts only one of them. Remove password_hash or custom_password_hash \
         (custom_password_hash can hold bcrypt hashes too)."
    );
    assert_eq!(found, counts(0, 1));
}

#[test]
fn auth0_warns_about_password_hashes_it_cannot_check() {
    let rows: [&[&str]; 3] = [
        &[
            "a@contoso.com",
            "$2y$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K",
            "",
            "",
            "",
            "",
        ],
        &[
            "b@contoso.com",
            "$2b$12$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K",
            "",
            "",
            "",
            "",
        ],
        &[
            "c@contoso.com",
            "5f4dcc3b5aa765d61d8327deb882cf99",
            "",
            "",
            "",
            "",
        ],
    ];
    let (issues, found) = run(&auth0::catalog(), &auth0_profile(), &rows);
    let code = "auth0_password_hash_format";
    assert_eq!(
        summary(&issues),
        vec![
            (2, "password_hash", code, Severity::Warning),
            (3, "password_hash", code, Severity::Warning),
            (4, "password_hash", code, Severity::Warning),
        ]
    );
    assert!(
        issues[0]
            .message
            .contains("is a $2y$ bcrypt hash; Auth0 takes only $2a$ and $2b$"),
        "{}",
        issues[0].message
    );
    assert!(
        issues[1].message.contains("uses bcrypt cost 12"),
        "{}",
        issues[1].message
    );
    assert!(
        issues[2]
            .message
            .starts_with("password_hash \"5f4dcc3…\" in column \"Hash\" is not a bcrypt hash."),
        "{}",
        issues[2].message
    );
    // Auth0 imports these users; only their old passwords are lost.
    assert_eq!(found, counts(3, 0));
}

#[test]
fn auth0_custom_password_hash_rules() {
    let cases = [
        (
            r#"{"hash": {"value": "x", "encoding": "hex"}}"#,
            "auth0_custom_hash_incomplete",
            "has no \"algorithm\"",
        ),
        (
            r#"{"algorithm": "md4"}"#,
            "auth0_custom_hash_incomplete",
            "Put the password hash in hash.value",
        ),
        (
            r#"{"algorithm": "sha3", "hash": {"value": "ab", "encoding": "hex"}}"#,
            "auth0_custom_hash_algorithm",
            "the algorithm \"sha3\" is not one Auth0 imports",
        ),
        (
            r#"{"algorithm": "md5", "hash": {"value": "ab", "encoding": "hex"}, "rounds": 3}"#,
            "auth0_custom_hash_unknown_key",
            "\"rounds\" is not a key Auth0 accepts here",
        ),
        (
            r#"{"algorithm": "md4", "hash": {"value": "AbuUujgF0pPPkJPSFRTpmA=="}}"#,
            "auth0_custom_hash_encoding",
            "md4 hashes need hash.encoding \"hex\" or \"base64\".",
        ),
        (
            r#"{"algorithm": "bcrypt", "hash": {"value": "$2b$10$C9hB01.YxRSTcn/ZOOo4j.TW7xCKKFKBSF.C7E0xiUwumqIDqWUXG", "encoding": "base64"}}"#,
            "auth0_custom_hash_encoding",
            "must be \"utf8\" or left out, not \"base64\"",
        ),
        (
            r#"{"algorithm": "sha1", "hash": {"value": "ab", "encoding": "hex"}, "password": {"encoding": "utf16"}}"#,
            "auth0_custom_hash_encoding",
            "password.encoding \"utf16\" is not one Auth0 knows",
        ),
        (
            r#"{"algorithm": "bcrypt", "hash": {"value": "$2b$10$C9hB01.YxRSTcn/ZOOo4j.TW7xCKKFKBSF.C7E0xiUwumqIDqWUXG"}, "salt": {"value": "abc"}}"#,
            "auth0_custom_hash_salt",
            "Remove \"salt\"",
        ),
        (
            r#"{"algorithm": "sha256", "hash": {"value": "ab", "encoding": "hex"}, "salt": {"position": "prefix"}}"#,
            "auth0_custom_hash_salt",
            "salt has no \"value\"",
        ),
        (
            r#"{"algorithm": "sha256", "hash": {"value": "ab", "encoding": "hex"}, "salt": {"value": "abc123", "position": "before"}}"#,
            "auth0_custom_hash_salt",
            "salt.position \"before\"",
        ),
        (
            r#"{"algorithm": "hmac", "hash": {"value": "cg7f42jH39/2EaAU4wNd4s2lKIk=", "encoding": "base64", "key": {"value": "736868"}}}"#,
            "auth0_custom_hash_hmac",
            "hmac hashes need hash.digest",
        ),
        (
            r#"{"algorithm": "hmac", "hash": {"value": "cg7f42jH39/2EaAU4wNd4s2lKIk=", "encoding": "base64", "digest": "sha1"}}"#,
            "auth0_custom_hash_hmac",
            "hmac hashes need hash.key.value",
        ),
        (
            r#"{"algorithm": "bcrypt", "hash": {"value": "$2y$10$C9hB01.YxRSTcn/ZOOo4j.TW7xCKKFKBSF.C7E0xiUwumqIDqWUXG"}}"#,
            "auth0_custom_hash_value",
            "not a bcrypt hash starting $2a$ or $2b$",
        ),
        (
            r#"{"algorithm": "argon2", "hash": {"value": "argon2id$v=19$m=65536,t=2,p=1$J6Q$m04q"}}"#,
            "auth0_custom_hash_value",
            "not an Argon2 hash in PHC string format",
        ),
        (
            r#"{"algorithm": "pbkdf2", "hash": {"value": "$pbkdf2-sha3$i=1,l=64$KNyF$I2CQ"}}"#,
            "auth0_custom_hash_value",
            "not a PBKDF2 hash in PHC string format with a supported digest",
        ),
        (
            r#"{"algorithm": "ldap", "hash": {"value": "{CRYPT}aZ3r6CCLmnZtk"}}"#,
            "auth0_custom_hash_value",
            "the {CRYPT} scheme, which Auth0 does not support",
        ),
    ];
    let hashes: Vec<&str> = cases.iter().map(|(hash, _, _)| *hash).collect();
    let (issues, found) = auth0_custom(&hashes);
    assert_eq!(issues.len(), cases.len(), "{:#?}", summary(&issues));
    for ((hash, code, fragment), (i, issue)) in cases.iter().zip(issues.iter().enumerate()) {
        assert_eq!(issue.row, i as u64 + 2, "{hash}");
        assert_eq!(
            (issue.field.as_str(), issue.column.as_str()),
            ("custom_password_hash", "Custom")
        );
        assert_eq!(
            (issue.code, issue.severity),
            (*code, Severity::Error),
            "{hash}"
        );
        assert!(
            issue
                .message
                .starts_with("custom_password_hash in column \"Custom\": "),
            "{}",
            issue.message
        );
        assert!(
            issue.message.contains(fragment),
            "{hash}: {}",
            issue.message
        );
    }
    assert_eq!(found, counts(0, cases.len() as u64));
}

#[test]
fn auth0_metadata_keys_and_totp_secrets() {
    let rows: [&[&str]; 5] = [
        &[
            "a@contoso.com",
            "",
            "",
            r#"{"roles": ["admin"], "email": "x@y.io", "user_id": "7"}"#,
            "",
            "",
        ],
        &[
            "b@contoso.com",
            "",
            "",
            "",
            r#"{"preference.color": "pink"}"#,
            "",
        ],
        &[
            "c@contoso.com",
            "",
            "",
            r#"{"plans": [{"gold$": true}]}"#,
            "",
            "",
        ],
        &["d@contoso.com", "", "", "", "", "jbtwy3dpehpk3pnp"],
        &["e@contoso.com", "", "", "", "", "JBTWY3DPEHPK3PNP===="],
    ];
    let (issues, found) = run(&auth0::catalog(), &auth0_profile(), &rows);
    assert_eq!(
        summary(&issues),
        vec![
            (
                2,
                "app_metadata",
                "auth0_app_metadata_reserved",
                Severity::Error
            ),
            (
                3,
                "user_metadata",
                "auth0_metadata_key_invalid",
                Severity::Error
            ),
            (
                4,
                "app_metadata",
                "auth0_metadata_key_invalid",
                Severity::Error
            ),
            (
                5,
                "mfa_factors[totp].secret",
                "auth0_totp_secret_invalid",
                Severity::Error
            ),
            (
                6,
                "mfa_factors[totp].secret",
                "auth0_totp_secret_invalid",
                Severity::Error
            ),
        ]
    );
    assert!(
        issues[0].message.starts_with(
            "app_metadata in column \"App\" uses \"email\", \"user_id\", which Auth0 reserves"
        ),
        "{}",
        issues[0].message
    );
    assert!(
        issues[1].message.contains(
            "has the key \"preference.color\", but Auth0 refuses metadata keys containing . or $"
        ),
        "{}",
        issues[1].message
    );
    assert!(
        issues[2].message.contains("\"gold$\""),
        "{}",
        issues[2].message
    );
    assert!(
        issues[3]
            .message
            .contains("capital letters A–Z and digits 2–7"),
        "{}",
        issues[3].message
    );
    assert_eq!(found, counts(0, 5));
}

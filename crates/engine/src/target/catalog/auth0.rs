//! Auth0 bulk user import: the fields of one user object in the `users` file.
//!
//! Follows `004_d6648e79dc950ba1.txt` (Auth0 "Bulk User Imports": the job, `upsert` matching
//! on email, user ID or username) and the page it points to for the file's schema, Auth0
//! "Bulk User Import Database Schema and Examples"
//! (<https://auth0.com/docs/manage-users/user-migration/bulk-user-import-database-schema-and-examples>),
//! which gives the JSON schema, the per-property upsert table and the 500 KB file limit.
//!
//! Choices where the documents are silent or differ:
//! - `email` is required because the schema's `required` list names it (and nothing else).
//! - Length limits are not in the import schema. The ones here come from the Management API
//!   "Create a user" body (`user_id` ≤ 255, `username` ≤ 128, `given_name`/`family_name` ≤ 150,
//!   `name`/`nickname` ≤ 300); an import that exceeds them would make users the API itself
//!   refuses, so they are applied here too.
//! - `phone_number` and `phone_verified` appear in the current (localised) versions of the
//!   schema page but not in older ones; they are listed, optional.
//! - `mfa_factors` is a JSON array of one-key objects (`{"totp": {...}}`, `{"phone": {...}}`,
//!   `{"email": {...}}`). A spreadsheet holds one enrolment of each kind, so the catalog names
//!   the three leaves with the bracket path used across catalogs: `mfa_factors[totp].secret`,
//!   `mfa_factors[phone].value`, `mfa_factors[email].value`; the connector builds the array.
//! - `custom_password_hash`, `app_metadata` and `user_metadata` stay whole JSON objects.

use super::field::{BoolEncoding, Catalog, Field, FieldKind, TargetKind};

/// The largest `users` file one import job takes: the schema page states a 500 KB limit and
/// asks for several imports beyond it. Read as 500 000 bytes (the smaller reading of "KB"), so
/// batches cut to this size are accepted either way.
pub const MAX_FILE_BYTES: usize = 500_000;

/// The most MFA enrolments one user may carry (`mfa_factors` has `maxItems: 10`).
pub const MAX_MFA_FACTORS: usize = 10;

/// The algorithms `custom_password_hash.algorithm` accepts, as the schema lists them.
pub const HASH_ALGORITHMS: [&str; 11] = [
    "argon2", "bcrypt", "hmac", "ldap", "md4", "md5", "sha1", "sha256", "sha512", "pbkdf2",
    "scrypt",
];

/// Keys `app_metadata` must not contain (Auth0 reserves them).
pub const RESERVED_APP_METADATA_KEYS: [&str; 18] = [
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

/// The fields of an Auth0 bulk-import user.
pub fn catalog() -> Catalog {
    let json_bool = || FieldKind::boolean(BoolEncoding::Json);
    let fields = vec![
        Field::new("email", FieldKind::Email).require().key().note(
            "Required by the import schema. Upsert matches existing users on it; \
                 an upsert does not change it.",
        ),
        Field::new("email_verified", json_bool()).note(
            "Default false. Upserted; reset to false when an upsert changes the email \
             without it.",
        ),
        Field::new("phone_number", FieldKind::Phone)
            .note("E.164 with country code, e.g. +12125550001 (current schema versions)."),
        Field::new("phone_verified", json_bool()).note("Default false (current schema versions)."),
        Field::new("user_id", FieldKind::Text)
            .key()
            .limit(255)
            .note(
                "Auth0 prefixes it with the connection strategy (auth0|…); send it without \
                 the prefix. No spaces. Upsert matches on it; not upserted.",
            ),
        Field::new("username", FieldKind::Text)
            .key()
            .limit(128)
            .note(
                "Only for connections that use usernames. Upsert matches on it; \
                 not upserted.",
            ),
        Field::new("given_name", FieldKind::Text)
            .limit(150)
            .note("Upserted."),
        Field::new("family_name", FieldKind::Text)
            .limit(150)
            .note("Upserted."),
        Field::new("name", FieldKind::Text)
            .limit(300)
            .note("Full name. Upserted."),
        Field::new("nickname", FieldKind::Text)
            .limit(300)
            .note("Upserted."),
        Field::new("picture", FieldKind::Url).note("URL of the profile picture. Upserted."),
        Field::new("blocked", json_bool()).note("Whether the user is blocked. Not upserted."),
        Field::new("password_hash", FieldKind::Text).note(
            "bcrypt hash ($2a$ or $2b$, 10 salt rounds). Only on first import, never \
             updated. Not together with custom_password_hash.",
        ),
        Field::new("custom_password_hash", FieldKind::Object).note(
            "JSON object: algorithm (argon2, bcrypt, hmac, ldap, md4, md5, sha1, sha256, \
             sha512, pbkdf2, scrypt) and hash {value, encoding, digest, key}; optional salt \
             {value, encoding, position}, password {encoding}, keylen/cost/blockSize/\
             parallelization for scrypt. Not together with password_hash. Upserted while \
             the user has not logged in with it.",
        ),
        Field::new("app_metadata", FieldKind::Object).note(
            "JSON object the user cannot edit (plans, roles, access groups). Must not hold \
             Auth0's reserved keys (email, user_id, blocked, identities, …). Upserted.",
        ),
        Field::new("user_metadata", FieldKind::Object)
            .note("JSON object of preferences and other data that grants no access. Upserted."),
        Field::new("mfa_factors[totp].secret", FieldKind::Text).note(
            "TOTP enrolment secret: unpadded Base32 (A–Z, 2–7), e.g. JBTWY3DPEHPK3PNP. \
             Not upserted.",
        ),
        Field::new("mfa_factors[phone].value", FieldKind::Phone)
            .note("Phone for SMS MFA: + and country code, up to 15 digits. Not upserted."),
        Field::new("mfa_factors[email].value", FieldKind::Email)
            .note("Email address for email MFA. Not upserted."),
    ];
    Catalog {
        target: TargetKind::Auth0,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::catalog::test_support::{assert_covers, names};

    #[test]
    fn only_email_is_required() {
        assert_eq!(names(catalog().required()), ["email"]);
    }

    #[test]
    fn upsert_keys_are_the_identifiers() {
        assert_eq!(
            names(catalog().identifiers()),
            ["email", "user_id", "username"]
        );
    }

    #[test]
    fn kinds_of_key_fields() {
        let c = catalog();
        let kind = |name: &str| c.field(name).map(|f| f.kind.clone());
        let json = Some(FieldKind::boolean(BoolEncoding::Json));
        assert_eq!(kind("email"), Some(FieldKind::Email));
        assert_eq!(kind("email_verified"), json);
        assert_eq!(kind("blocked"), json);
        assert_eq!(kind("phone_verified"), json);
        assert_eq!(kind("phone_number"), Some(FieldKind::Phone));
        assert_eq!(kind("picture"), Some(FieldKind::Url));
        assert_eq!(kind("app_metadata"), Some(FieldKind::Object));
        assert_eq!(kind("user_metadata"), Some(FieldKind::Object));
        assert_eq!(kind("custom_password_hash"), Some(FieldKind::Object));
        assert_eq!(kind("password_hash"), Some(FieldKind::Text));
        assert_eq!(kind("mfa_factors[phone].value"), Some(FieldKind::Phone));
    }

    #[test]
    fn documented_limits() {
        let c = catalog();
        let limit = |name: &str| c.field(name).and_then(|f| f.max_length);
        assert_eq!(limit("user_id"), Some(255));
        assert_eq!(limit("username"), Some(128));
        assert_eq!(limit("given_name"), Some(150));
        assert_eq!(limit("family_name"), Some(150));
        assert_eq!(limit("name"), Some(300));
        assert_eq!(limit("nickname"), Some(300));
        assert_eq!(limit("email"), None);
        assert_eq!(MAX_FILE_BYTES, 500_000);
    }

    #[test]
    fn no_duplicates_and_target() {
        let c = catalog();
        assert!(c.duplicate_names().is_empty());
        assert_eq!(c.target, TargetKind::Auth0);
        assert!(c.fields.iter().all(|f| !f.notes.is_empty()));
    }

    #[test]
    fn schema_properties_are_all_listed() {
        // Every top-level property of the schema page's JSON schema.
        assert_covers(
            &catalog(),
            &[
                "email",
                "email_verified",
                "user_id",
                "username",
                "given_name",
                "family_name",
                "name",
                "nickname",
                "picture",
                "blocked",
                "password_hash",
                "custom_password_hash",
                "app_metadata",
                "user_metadata",
                "mfa_factors",
            ],
        );
    }

    #[test]
    fn example_files_are_covered() {
        // Basic example, the custom-hash upsert example and the MFA examples of the schema page.
        let c = catalog();
        assert_covers(
            &c,
            &["email", "email_verified", "app_metadata", "user_metadata"],
        );
        assert_covers(
            &c,
            &[
                "user_id",
                "email",
                "given_name",
                "name",
                "custom_password_hash",
            ],
        );
        assert_covers(
            &c,
            &[
                "mfa_factors[totp].secret",
                "mfa_factors[phone].value",
                "mfa_factors[email].value",
            ],
        );
    }

    #[test]
    fn constants_match_schema() {
        assert!(HASH_ALGORITHMS.contains(&"bcrypt"));
        assert!(HASH_ALGORITHMS.contains(&"scrypt"));
        assert!(RESERVED_APP_METADATA_KEYS.contains(&"user_id"));
        assert_eq!(MAX_MFA_FACTORS, 10);
    }
}

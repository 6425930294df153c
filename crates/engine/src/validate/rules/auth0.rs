//! Auth0 bulk import: what one user of the `users` file must satisfy beyond its fields'
//! kinds. `004_d6648e79dc950ba1.txt` leaves the file's schema to Auth0's "Bulk User Import
//! Database Schema and Examples" page; the facts used here come from it and the pages it
//! links:
//! - `custom_password_hash`: "this field and password_hash are mutually exclusive"
//!   (`auth0_password_hash_conflict`); its own rules are in [`super::auth0_hash`].
//! - `password_hash`: "Passwords should be hashed using bcrypt $2a$ or $2b$ and have 10
//!   saltRounds"; the bulk-import guide adds that users whose hashes Auth0 cannot use "will
//!   need to reset their password". Auth0 still imports the user, so a hash of another form
//!   is a warning (`auth0_password_hash_format`).
//! - `app_metadata` "must not contain" the schema page's reserved properties (the catalog's
//!   `RESERVED_APP_METADATA_KEYS`, `auth0_app_metadata_reserved`).
//! - "Metadata Field Names and Data Types": metadata keys must not contain `.` or `$`; Auth0
//!   answers 400 (or 500 on older pages) (`auth0_metadata_key_invalid`). Checked at every
//!   depth of `app_metadata` and `user_metadata`.
//! - "Import User MFA Authenticator Enrollments": a TOTP `secret` has the pattern
//!   `^[A-Z2-7]+$`, "un-padded Base32" (`auth0_totp_secret_invalid`).
//!
//! Left out: "`email_verified` without an email" cannot happen (the schema requires `email`,
//! and so does the catalog); metadata may hold 16 MB, far more than the 500 KB an import
//! file may, so no size rule would ever fire before the file limit does.

use serde_json::{Map, Value};

use super::{Report, auth0_hash, bcrypt, opening, position};
use crate::mapping::Mapper;
use crate::target::catalog::auth0::RESERVED_APP_METADATA_KEYS;

/// The fields Auth0's rules read, by position among the mapper's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Auth0Rules {
    password_hash: Option<usize>,
    custom_password_hash: Option<usize>,
    app_metadata: Option<usize>,
    user_metadata: Option<usize>,
    totp_secret: Option<usize>,
}

impl Auth0Rules {
    pub fn new(mapper: &Mapper) -> Auth0Rules {
        Auth0Rules {
            password_hash: position(mapper, "password_hash"),
            custom_password_hash: position(mapper, "custom_password_hash"),
            app_metadata: position(mapper, "app_metadata"),
            user_metadata: position(mapper, "user_metadata"),
            totp_secret: position(mapper, "mfa_factors[totp].secret"),
        }
    }

    pub(super) fn check(&self, report: &mut Report<'_>) {
        let hash = report.value(self.password_hash);
        let custom = report.value(self.custom_password_hash);
        if let (Some((index, _)), Some(_)) = (hash, custom) {
            report.error(
                index,
                "auth0_password_hash_conflict",
                format!(
                    "password_hash ({}) and custom_password_hash are both filled in, but Auth0 \
                     accepts only one of them. Remove password_hash or custom_password_hash \
                     (custom_password_hash can hold bcrypt hashes too).",
                    report.source(index)
                ),
            );
        }
        if let Some((index, value)) = hash {
            password_hash(report, index, value);
        }
        if let Some((index, object)) = report.object(self.custom_password_hash)
            && let Some(problem) = auth0_hash::check(&object)
        {
            let message = format!(
                "custom_password_hash in {}: {}",
                report.source(index),
                problem.message
            );
            report.error(index, problem.code, message);
        }
        if let Some((index, object)) = report.object(self.app_metadata) {
            reserved_keys(report, index, &object);
            metadata_keys(report, index, "app_metadata", &object);
        }
        if let Some((index, object)) = report.object(self.user_metadata) {
            metadata_keys(report, index, "user_metadata", &object);
        }
        if let Some((index, secret)) = report.value(self.totp_secret) {
            totp_secret(report, index, secret);
        }
    }
}

/// `password_hash` should be bcrypt `$2a$`/`$2b$` with 10 rounds.
fn password_hash(report: &mut Report<'_>, index: usize, value: &str) {
    let consequence = "Auth0 imports the user, but cannot check the old password: the person \
                       will have to reset it.";
    let problem = match bcrypt::parse(value) {
        None => format!(
            "password_hash \"{}\" in {} is not a bcrypt hash. {consequence} Put hashes of other \
             algorithms in custom_password_hash instead.",
            opening(value),
            report.source(index)
        ),
        Some(hash) if !matches!(hash.version, 'a' | 'b') => format!(
            "password_hash \"{}\" in {} is a $2{}$ bcrypt hash; Auth0 takes only $2a$ and $2b$. \
             {consequence}",
            opening(value),
            report.source(index),
            hash.version
        ),
        Some(hash) if hash.cost != 10 => format!(
            "password_hash \"{}\" in {} uses bcrypt cost {}, but Auth0's schema asks for hashes \
             made with 10 salt rounds. Try signing in with one imported user before importing \
             everyone.",
            opening(value),
            report.source(index),
            hash.cost
        ),
        Some(_) => return,
    };
    report.warning(index, "auth0_password_hash_format", problem);
}

/// `app_metadata` must not use the keys Auth0 keeps for its own user fields.
fn reserved_keys(report: &mut Report<'_>, index: usize, object: &Map<String, Value>) {
    let reserved: Vec<String> = object
        .keys()
        .filter(|key| RESERVED_APP_METADATA_KEYS.contains(&key.as_str()))
        .map(|key| format!("\"{key}\""))
        .collect();
    if reserved.is_empty() {
        return;
    }
    let message = format!(
        "app_metadata in {} uses {}, which Auth0 reserves for its own user fields and refuses in \
         app_metadata. Rename the key, or map the value to the Auth0 field of that name.",
        report.source(index),
        reserved.join(", ")
    );
    report.error(index, "auth0_app_metadata_reserved", message);
}

/// Metadata keys, at any depth, must not contain `.` or `$`.
fn metadata_keys(report: &mut Report<'_>, index: usize, field: &str, object: &Map<String, Value>) {
    let Some(key) = bad_key(object) else {
        return;
    };
    let message = format!(
        "{field} in {} has the key \"{key}\", but Auth0 refuses metadata keys containing . or $. \
         Nest the value under its own object ({{\"preference\": {{\"color\": …}}}} rather than \
         {{\"preference.color\": …}}) or use another separator such as _.",
        report.source(index)
    );
    report.error(index, "auth0_metadata_key_invalid", message);
}

/// The first key holding `.` or `$`, searching nested objects and arrays.
fn bad_key(object: &Map<String, Value>) -> Option<&str> {
    object.iter().find_map(|(key, value)| {
        if key.contains(['.', '$']) {
            Some(key.as_str())
        } else {
            nested_bad_key(value)
        }
    })
}

fn nested_bad_key(value: &Value) -> Option<&str> {
    match value {
        Value::Object(object) => bad_key(object),
        Value::Array(items) => items.iter().find_map(nested_bad_key),
        _ => None,
    }
}

/// A TOTP secret is unpadded Base32: capitals A–Z and digits 2–7.
fn totp_secret(report: &mut Report<'_>, index: usize, secret: &str) {
    let base32 = secret
        .bytes()
        .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b));
    if base32 {
        return;
    }
    let message = format!(
        "the TOTP secret \"{}\" in {} is not unpadded Base32, the only form Auth0 imports: \
         capital letters A–Z and digits 2–7, like JBTWY3DPEHPK3PNP. Remove spaces and trailing \
         = signs; a case transform with to = \"upper\" fixes small letters.",
        opening(secret),
        report.source(index)
    );
    report.error(index, "auth0_totp_secret_invalid", message);
}

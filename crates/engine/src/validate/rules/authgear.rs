//! Authgear user import: what one entry of `records` must satisfy beyond its fields' kinds.
//! Follows `002_8430e5261dcbbc42.txt`, the "User Import API" reference it links, and, where
//! both are silent, the record schema and import service of authgear-server
//! (`pkg/lib/userimport`), which decide what Authgear refuses or ignores:
//! - `password` and `mfa.password`: "The API supports the Bcrypt password format ... specify
//!   the format `type` and `password_hash`"; the server's schema requires both, allows only
//!   `type: "bcrypt"`, a non-empty `password_hash` and an RFC 3339 `expire_after`, and no
//!   other keys (`authgear_password_invalid`). A `password_hash` that is not a bcrypt hash
//!   like the documents' `$2a$10$N9qo8uLO…` is a warning (`authgear_password_hash_format`):
//!   neither source says Authgear refuses it, but nobody could sign in with it.
//! - `mfa.totp`: the schema requires a non-empty `secret` and nothing else
//!   (`authgear_totp_invalid`).
//! - `address`: each of `formatted`, `street_address`, `locality`, `region`, `postal_code`,
//!   `country` is a non-empty text when given (`authgear_address_invalid`).
//! - `email_verified` / `phone_number_verified` without the email or phone number: Authgear
//!   imports the record with the warning "email_verified has no effect when email is absent"
//!   (`authgear_verified_without_login_id`).
//!
//! The record must carry the field the request's `identifier` names: the catalog for that
//! identifier (`authgear::catalog_for`) marks it required, so the field checks already refuse
//! a record without it (`required_missing`); no rule repeats that. Left out on purpose:
//! Authgear's "email_verified = false has no effect in insert" and "disabled = false has no
//! effect in insert" — a new user is unverified and enabled anyway, so nothing surprising
//! happens.

use chrono::DateTime;
use serde_json::{Map, Value};

use super::{Report, bcrypt, opening, position};
use crate::mapping::Mapper;

/// The keys of `address`, as the reference's sample and the server's schema name them.
const ADDRESS_KEYS: [&str; 6] = [
    "formatted",
    "street_address",
    "locality",
    "region",
    "postal_code",
    "country",
];

/// The fields Authgear's rules read, by position among the mapper's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AuthgearRules {
    email: Option<usize>,
    phone_number: Option<usize>,
    email_verified: Option<usize>,
    phone_number_verified: Option<usize>,
    password: Option<usize>,
    mfa_password: Option<usize>,
    mfa_totp: Option<usize>,
    address: Option<usize>,
}

impl AuthgearRules {
    pub fn new(mapper: &Mapper) -> AuthgearRules {
        AuthgearRules {
            email: position(mapper, "email"),
            phone_number: position(mapper, "phone_number"),
            email_verified: position(mapper, "email_verified"),
            phone_number_verified: position(mapper, "phone_number_verified"),
            password: position(mapper, "password"),
            mfa_password: position(mapper, "mfa.password"),
            mfa_totp: position(mapper, "mfa.totp"),
            address: position(mapper, "address"),
        }
    }

    pub(super) fn check(&self, report: &mut Report<'_>) {
        for (field, at) in [
            ("password", self.password),
            ("mfa.password", self.mfa_password),
        ] {
            if let Some((index, object)) = report.object(at) {
                password(report, index, field, &object);
            }
        }
        if let Some((index, object)) = report.object(self.mfa_totp) {
            totp(report, index, &object);
        }
        if let Some((index, object)) = report.object(self.address) {
            address(report, index, &object);
        }
        let pairs = [
            (self.email_verified, self.email, "email_verified", "email"),
            (
                self.phone_number_verified,
                self.phone_number,
                "phone_number_verified",
                "phone_number",
            ),
        ];
        for (flag, login_id, flag_name, login_id_name) in pairs {
            if let Some((index, value)) = report.value(flag)
                && report.value(login_id).is_none()
            {
                let message = format!(
                    "{flag_name} is {value}, but the record has no {login_id_name}: Authgear \
                     imports it with the warning \"{flag_name} has no effect when \
                     {login_id_name} is absent\". Fill in {login_id_name}, or leave {flag_name} \
                     empty."
                );
                report.warning(index, "authgear_verified_without_login_id", message);
            }
        }
    }
}

/// `password` / `mfa.password`: `{"type": "bcrypt", "password_hash": …}`, optionally
/// `expire_after`.
fn password(report: &mut Report<'_>, index: usize, field: &str, object: &Map<String, Value>) {
    let example = "{\"type\": \"bcrypt\", \"password_hash\": \"$2a$10$…\"}";
    let wrong = if let Some(key) = object
        .keys()
        .find(|k| !matches!(k.as_str(), "type" | "password_hash" | "expire_after"))
    {
        Some(format!(
            "has the key \"{key}\", but Authgear takes only type, password_hash and \
             expire_after. Remove \"{key}\"."
        ))
    } else if object.get("type").and_then(Value::as_str) != Some("bcrypt") {
        Some(format!(
            "has type {}, but Authgear imports only bcrypt hashes. Write {example}.",
            object
                .get("type")
                .map_or("missing".to_string(), Value::to_string)
        ))
    } else if object
        .get("password_hash")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        Some(format!(
            "has no password_hash, which Authgear requires. Write {example}."
        ))
    } else if object.get("expire_after").is_some_and(|at| {
        at.as_str()
            .is_none_or(|at| DateTime::parse_from_rfc3339(at).is_err())
    }) {
        Some(
            "has an expire_after that is not a date and time like 2025-01-31T00:00:00Z. \
             Correct or remove it."
                .to_string(),
        )
    } else {
        None
    };
    if let Some(wrong) = wrong {
        let message = format!("{field} in {} {wrong}", report.source(index));
        report.error(index, "authgear_password_invalid", message);
        return;
    }
    let hash = object
        .get("password_hash")
        .and_then(Value::as_str)
        .unwrap_or_default();
    // Authgear is written in Go, whose bcrypt package takes the version letter of $2a$,
    // $2b$ and $2y$ hashes alike.
    if !bcrypt::parse(hash).is_some_and(|h| matches!(h.version, 'a' | 'b' | 'y')) {
        let message = format!(
            "{field} in {} has the password_hash \"{}\", which is not a bcrypt hash like \
             $2a$10$N9qo8uLO…. Authgear can check passwords only against bcrypt hashes, so the \
             person could not sign in with their old password. Leave {field} out for them.",
            report.source(index),
            opening(hash)
        );
        report.warning(index, "authgear_password_hash_format", message);
    }
}

/// `mfa.totp`: `{"secret": …}` and nothing else.
fn totp(report: &mut Report<'_>, index: usize, object: &Map<String, Value>) {
    let wrong = if let Some(key) = object.keys().find(|k| k.as_str() != "secret") {
        format!("has the key \"{key}\", but Authgear takes only secret. Remove \"{key}\".")
    } else if object
        .get("secret")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        "has no secret, which Authgear requires. Write {\"secret\": \"…\"}.".to_string()
    } else {
        return;
    };
    let message = format!("mfa.totp in {} {wrong}", report.source(index));
    report.error(index, "authgear_totp_invalid", message);
}

/// `address`: its documented parts, when present, are non-empty texts.
fn address(report: &mut Report<'_>, index: usize, object: &Map<String, Value>) {
    let bad: Vec<&str> = ADDRESS_KEYS
        .into_iter()
        .filter(|key| {
            object
                .get(*key)
                .is_some_and(|v| v.as_str().is_none_or(str::is_empty))
        })
        .collect();
    if bad.is_empty() {
        return;
    }
    let message = format!(
        "address in {} has {} empty or not text; Authgear refuses address parts that are not \
         non-empty texts. Fill them in or leave the keys out.",
        report.source(index),
        bad.join(", ")
    );
    report.error(index, "authgear_address_invalid", message);
}

//! Target rules: what a target demands of a record beyond each value's kind, such as two
//! fields that exclude each other, the inside of a JSON object field, or a value whose form
//! only the target's documentation fixes. They run per record after the field checks
//! (`fields.rs`), hold no state, and so run on the worker threads too.
//!
//! Each target's rules follow its reference document in `/work/shared/reference/` and,
//! where that is silent, the vendor's published schema; every rule module says which:
//! - Auth0 (`auth0.rs`, `auth0_hash.rs`) follows `004_d6648e79dc950ba1.txt` and Auth0's
//!   "Bulk User Import Database Schema and Examples", "Import User MFA Authenticator
//!   Enrollments" and "Metadata Field Names and Data Types".
//! - Authgear (`authgear.rs`) follows `002_8430e5261dcbbc42.txt`, Authgear's "User Import
//!   API" reference and the record schema its server validates imports with.
//! - LMS Collaborator (`lms.rs`) follows `003_df7e08e57c20cf84.txt`.
//! - SCIM (`scim.rs`) follows RFC 7643 (the reference folder has no SCIM document).
//! - `bcrypt.rs` reads the bcrypt hash form that Auth0 and Authgear both import.
//!
//! Codes (stable; an error blocks the record, a warning lets it through):
//!
//! | code | severity | target |
//! |---|---|---|
//! | `auth0_password_hash_conflict` | error | auth0 |
//! | `auth0_password_hash_format` | warning | auth0 |
//! | `auth0_custom_hash_incomplete` | error | auth0 |
//! | `auth0_custom_hash_algorithm` | error | auth0 |
//! | `auth0_custom_hash_unknown_key` | error | auth0 |
//! | `auth0_custom_hash_encoding` | error | auth0 |
//! | `auth0_custom_hash_salt` | error | auth0 |
//! | `auth0_custom_hash_hmac` | error | auth0 |
//! | `auth0_custom_hash_value` | error | auth0 |
//! | `auth0_app_metadata_reserved` | error | auth0 |
//! | `auth0_metadata_key_invalid` | error | auth0 |
//! | `auth0_totp_secret_invalid` | error | auth0 |
//! | `authgear_password_invalid` | error | authgear |
//! | `authgear_password_hash_format` | warning | authgear |
//! | `authgear_totp_invalid` | error | authgear |
//! | `authgear_address_invalid` | error | authgear |
//! | `authgear_verified_without_login_id` | warning | authgear |
//! | `lms_position_missing` | warning | lms |
//! | `lms_custom_info_invalid` | warning | lms |
//! | `scim_country_not_alpha2` | warning | scim |
//! | `scim_locale_invalid` | warning | scim |
//!
//! A rule reads a field only when it holds a value and its transforms succeeded: an empty
//! field is the required check's business, a failed transform is already reported, and a
//! JSON field that does not parse is already an `object_invalid` error.

mod auth0;
mod auth0_hash;
mod authgear;
mod bcrypt;
mod lms;
mod scim;

use super::fields::issue;
use super::issue::{Issue, Severity};
use crate::mapping::{Mapper, Record};
use crate::target::catalog::{Catalog, TargetKind};

/// The rules of one catalog's target, with the positions of the fields they read among the
/// mapper's fields worked out once.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rules {
    Auth0(auth0::Auth0Rules),
    Authgear(authgear::AuthgearRules),
    Lms(lms::LmsRules),
    Scim(scim::ScimRules),
    /// A custom REST target: its definition states fields, not rules.
    Rest,
}

impl Rules {
    pub fn new(catalog: &Catalog, mapper: &Mapper) -> Rules {
        match catalog.target {
            TargetKind::Auth0 => Rules::Auth0(auth0::Auth0Rules::new(mapper)),
            TargetKind::Authgear => Rules::Authgear(authgear::AuthgearRules::new(mapper)),
            TargetKind::Lms => Rules::Lms(lms::LmsRules::new(mapper)),
            TargetKind::Scim => Rules::Scim(scim::ScimRules::new(mapper)),
            TargetKind::Rest => Rules::Rest,
        }
    }

    /// Checks `record` against the target's rules; returns how many errors were found.
    pub fn check(&self, mapper: &Mapper, record: &Record, sink: &mut dyn FnMut(Issue)) -> u32 {
        let mut report = Report {
            mapper,
            record,
            sink,
            errors: 0,
        };
        match self {
            Rules::Auth0(rules) => rules.check(&mut report),
            Rules::Authgear(rules) => rules.check(&mut report),
            Rules::Lms(rules) => rules.check(&mut report),
            Rules::Scim(rules) => rules.check(&mut report),
            Rules::Rest => {}
        }
        report.errors
    }
}

/// The position of target field `name` among the mapper's fields, if the profile maps it.
fn position(mapper: &Mapper, name: &str) -> Option<usize> {
    mapper.fields().iter().position(|f| f.target == name)
}

/// What the rules of one record read and where their issues go.
struct Report<'r> {
    mapper: &'r Mapper,
    record: &'r Record,
    sink: &'r mut dyn FnMut(Issue),
    errors: u32,
}

impl<'r> Report<'r> {
    /// The trimmed value of mapped field `index` when the rules should read it: not empty,
    /// and not the raw input a failed transform left behind.
    fn value(&self, index: Option<usize>) -> Option<(usize, &'r str)> {
        let index = index?;
        let record: &'r Record = self.record;
        if record.failures.iter().any(|(i, _)| *i == index) {
            return None;
        }
        let value = crate::mapping::transform::trimmed(record.values.get(index)?);
        (!value.is_empty()).then_some((index, value))
    }

    /// The value of `index` parsed as a JSON object; `None` when empty or not an object
    /// (the kind check reports the latter).
    fn object(
        &self,
        index: Option<usize>,
    ) -> Option<(usize, serde_json::Map<String, serde_json::Value>)> {
        let (index, text) = self.value(index)?;
        serde_json::from_str(text)
            .ok()
            .map(|object| (index, object))
    }

    /// Where the issue's column comes from, as messages name it.
    fn source(&self, index: usize) -> String {
        self.mapper.fields()[index]
            .column
            .as_deref()
            .map_or("its constant".to_string(), |c| format!("column \"{c}\""))
    }

    fn error(&mut self, index: usize, code: &'static str, message: String) {
        self.errors += 1;
        self.push(index, Severity::Error, code, message);
    }

    fn warning(&mut self, index: usize, code: &'static str, message: String) {
        self.push(index, Severity::Warning, code, message);
    }

    fn push(&mut self, index: usize, severity: Severity, code: &'static str, message: String) {
        let found = issue(self.mapper, self.record, index, severity, code, message);
        (self.sink)(found);
    }
}

/// The start of a secret such as a password hash, for messages: enough to recognise its
/// form, not the whole secret.
fn opening(secret: &str) -> String {
    let shown: String = secret.chars().take(7).collect();
    if shown.len() < secret.len() {
        format!("{shown}…")
    } else {
        shown
    }
}

//! Authgear User Import API: the fields of one entry of a request's `records`.
//!
//! Follows `002_8430e5261dcbbc42.txt` (Authgear "Import Users using User Import API": the
//! `identifier` + `records` request, the task status with per-record outcomes) and the page it
//! links for the input format, Authgear "User Import API" reference
//! (<https://docs.authgear.com/reference/apis/user-import-api>): the full sample record, the
//! accepted `identifier` values and the per-attribute update behaviour.
//!
//! Choices where the documents are silent:
//! - The reference marks no record field required. The field the request names as
//!   `identifier` is how Authgear finds an existing user, so [`catalog_for`] makes that one
//!   required and the key; the other two login IDs stay optional.
//! - `address`, `custom_attributes` and `password` are whole JSON objects, as in the sample.
//!   `address` keys are `formatted`, `street_address`, `locality`, `region`, `postal_code`,
//!   `country`; on upsert it replaces the stored address rather than merging.
//! - `mfa` is split into the four items the update-behaviour table names one by one
//!   (`mfa.email`, `mfa.phone_number`, `mfa.password`, `mfa.totp`), since each is updated on
//!   its own terms; the connector nests them under `mfa`.
//! - `gender` is free text: the sample writes `male`, OpenID Connect (whose claim names these
//!   are) allows other values.
//! - No length limits are documented, so none are set.

use super::field::{BoolEncoding, Catalog, DateFormat, Field, FieldKind, TargetKind};

/// The largest request body the import endpoint takes: the reference states 500 KB. Read as
/// 500 000 bytes, the smaller reading, so batches cut to this size pass either way.
pub const MAX_REQUEST_BYTES: usize = 500_000;

/// The login ID an import request names in `identifier` to match existing users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Identifier {
    Email,
    PhoneNumber,
    PreferredUsername,
}

impl Identifier {
    pub const ALL: [Identifier; 3] = [
        Identifier::Email,
        Identifier::PhoneNumber,
        Identifier::PreferredUsername,
    ];

    /// The value of the request's `identifier` and the name of the record field it names.
    pub fn field_name(self) -> &'static str {
        match self {
            Identifier::Email => "email",
            Identifier::PhoneNumber => "phone_number",
            Identifier::PreferredUsername => "preferred_username",
        }
    }

    /// The identifier named `name` (`email`, `phone_number`, `preferred_username`).
    pub fn from_name(name: &str) -> Option<Identifier> {
        Identifier::ALL
            .into_iter()
            .find(|i| i.field_name() == name.trim())
    }
}

/// The email variant: what most HR imports use.
pub fn catalog() -> Catalog {
    catalog_for(Identifier::Email)
}

/// The record fields, with `identifier`'s field required and marked as the key.
pub fn catalog_for(identifier: Identifier) -> Catalog {
    let json_bool = || FieldKind::boolean(BoolEncoding::Json);
    let login_id = "Login ID. When it is not the request's identifier, an upsert creates, \
                    changes or (when null) removes it.";
    let standard = "Updated when present, removed when null.";
    let mut fields = vec![
        Field::new("preferred_username", FieldKind::Text).note(login_id),
        Field::new("email", FieldKind::Email).note(login_id),
        Field::new("phone_number", FieldKind::Phone)
            .note(format!("E.164, e.g. +85123456789. {login_id}")),
        Field::new("email_verified", json_bool()).note(
            "Absent on first import: the email is unverified. Updated only when present; \
             false has no effect on insert.",
        ),
        Field::new("phone_number_verified", json_bool())
            .note("Absent on first import: the phone is unverified. Updated only when present."),
        Field::new("name", FieldKind::Text).note(format!("Full name. {standard}")),
        Field::new("given_name", FieldKind::Text).note(standard),
        Field::new("family_name", FieldKind::Text).note(standard),
        Field::new("middle_name", FieldKind::Text).note(standard),
        Field::new("nickname", FieldKind::Text).note(standard),
        Field::new("profile", FieldKind::Url).note(format!("Profile page URL. {standard}")),
        Field::new("picture", FieldKind::Url).note(format!("Picture URL. {standard}")),
        Field::new("website", FieldKind::Url).note(standard),
        Field::new("gender", FieldKind::Text)
            .note(format!("Free text such as male or female. {standard}")),
        Field::new("birthdate", FieldKind::date(DateFormat::Iso, &[]))
            .note(format!("YYYY-MM-DD, e.g. 1990-01-01. {standard}")),
        Field::new("zoneinfo", FieldKind::Text)
            .note(format!("IANA time zone, e.g. Asia/Hong_Kong. {standard}")),
        Field::new("locale", FieldKind::Text)
            .note(format!("BCP 47 language tag, e.g. zh-Hant-HK. {standard}")),
        Field::new("address", FieldKind::Object).note(
            "JSON object: formatted, street_address, locality, region, postal_code, country. \
             An upsert replaces the whole stored address; null removes it.",
        ),
        Field::new("custom_attributes", FieldKind::Object).note(
            "JSON object of the project's custom attributes, e.g. {\"member_id\": \"123\"}. \
             Each key is updated on its own; keys left out keep their value.",
        ),
        Field::new("roles", FieldKind::list(",")).note(
            "Role keys. When present the user's roles become exactly these; absent leaves \
             them.",
        ),
        Field::new("groups", FieldKind::list(",")).note(
            "Group keys. When present the user's groups become exactly these; absent leaves \
             them.",
        ),
        Field::new("disabled", json_bool())
            .note("Updated only when present; absent keeps the current state."),
        Field::new("password", FieldKind::Object).note(
            "JSON object {\"type\": \"bcrypt\", \"password_hash\": \"$2a$…\"}. Only taken on \
             first import; later imports cannot add or change it.",
        ),
        Field::new("mfa.email", FieldKind::Email)
            .note(format!("Email for OTP second factor. {standard}")),
        Field::new("mfa.phone_number", FieldKind::Phone)
            .note(format!("E.164 phone for OTP second factor. {standard}")),
        Field::new("mfa.password", FieldKind::Object).note(
            "Additional password as {\"type\": \"bcrypt\", \"password_hash\": …}. Only taken \
             on first import.",
        ),
        Field::new("mfa.totp", FieldKind::Object)
            .note("JSON object {\"secret\": …} for TOTP. Only taken on first import."),
    ];
    let key = identifier.field_name();
    for field in fields.iter_mut().filter(|f| f.name == key) {
        field.required = true;
        field.identifier = true;
        field.notes = format!(
            "The request's identifier: Authgear matches existing users on it. {}",
            field.notes
        );
    }
    Catalog {
        target: TargetKind::Authgear,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::catalog::test_support::{assert_covers, names};

    #[test]
    fn each_identifier_is_the_only_required_field_and_key() {
        for identifier in Identifier::ALL {
            let c = catalog_for(identifier);
            assert_eq!(names(c.required()), [identifier.field_name()]);
            assert_eq!(names(c.identifiers()), [identifier.field_name()]);
            assert!(c.duplicate_names().is_empty());
            assert_eq!(c.target, TargetKind::Authgear);
        }
    }

    #[test]
    fn default_catalog_is_the_email_variant() {
        assert_eq!(catalog(), catalog_for(Identifier::Email));
        assert_eq!(names(catalog().required()), ["email"]);
    }

    #[test]
    fn identifier_names() {
        assert_eq!(
            Identifier::from_name("phone_number"),
            Some(Identifier::PhoneNumber)
        );
        assert_eq!(
            Identifier::from_name(" preferred_username "),
            Some(Identifier::PreferredUsername)
        );
        assert_eq!(Identifier::from_name("user_id"), None);
    }

    #[test]
    fn kinds_of_key_fields() {
        let c = catalog();
        let kind = |name: &str| c.field(name).map(|f| f.kind.clone());
        let json = Some(FieldKind::boolean(BoolEncoding::Json));
        assert_eq!(kind("phone_number"), Some(FieldKind::Phone));
        assert_eq!(kind("mfa.phone_number"), Some(FieldKind::Phone));
        assert_eq!(
            kind("birthdate"),
            Some(FieldKind::date(DateFormat::Iso, &[]))
        );
        assert_eq!(kind("email_verified"), json);
        assert_eq!(kind("phone_number_verified"), json);
        assert_eq!(kind("disabled"), json);
        assert_eq!(kind("address"), Some(FieldKind::Object));
        assert_eq!(kind("password"), Some(FieldKind::Object));
        assert_eq!(kind("roles"), Some(FieldKind::list(",")));
        assert_eq!(kind("picture"), Some(FieldKind::Url));
    }

    #[test]
    fn short_example_records_are_covered() {
        // The two records of the usage example in 002_8430e5261dcbbc42.txt.
        assert_covers(
            &catalog(),
            &[
                "email",
                "email_verified",
                "password",
                "name",
                "given_name",
                "family_name",
            ],
        );
    }

    #[test]
    fn input_format_sample_is_covered() {
        // Every key of the reference's full sample record.
        assert_covers(
            &catalog(),
            &[
                "preferred_username",
                "email",
                "phone_number",
                "email_verified",
                "phone_number_verified",
                "name",
                "given_name",
                "family_name",
                "middle_name",
                "nickname",
                "profile",
                "picture",
                "website",
                "gender",
                "birthdate",
                "zoneinfo",
                "locale",
                "address",
                "custom_attributes",
                "roles",
                "groups",
                "disabled",
                "password",
                "mfa",
                "mfa.email",
                "mfa.phone_number",
                "mfa.password",
                "mfa.totp",
            ],
        );
    }
}

//! SCIM 2.0 User: the writable attributes of the core User schema and of the enterprise User
//! extension, for any service provider that speaks SCIM.
//!
//! The reference folder has no SCIM document (its README lists none); this follows RFC 7643,
//! "System for Cross-domain Identity Management: Core Schema" (§4.1 User, §4.3 Enterprise User
//! extension, §8.2–8.3 example representations), and RFC 7644 §3.10 for attribute paths.
//!
//! Naming and other choices:
//! - Sub-attributes use dots: `name.givenName`.
//! - A multi-valued attribute is named per `type` value: `emails[work].value` stands for the
//!   entry of `emails` whose `type` is `work` (RFC 7644 would filter it as
//!   `emails[type eq "work"].value`). The canonical types listed in RFC 7643 are offered:
//!   emails work/home/other, phone numbers work/mobile/home/fax/pager/other, photos
//!   photo/thumbnail, addresses work/home. Which entry is `primary` is the connector's choice.
//! - Enterprise attributes carry the full schema URN, as RFC 7644 writes fully qualified
//!   paths: `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`. The
//!   URN is long but unambiguous, and it is what the connector must send.
//! - `manager.value` is, per the RFC, the SCIM `id` of the manager's User — a value assigned by
//!   the service provider that a spreadsheet does not hold. The catalog has it reference
//!   `userName`, the one attribute every SCIM User must have: Muster takes the manager's
//!   userName and the connector looks up that user's `id`.
//! - Left out as not writable or not personnel data: `id`, `meta`, `groups` (read-only),
//!   `manager.displayName` (read-only), `ims`, `entitlements`, `roles`, `x509Certificates`.
//! - `userName` and `externalId` are the keys: the first is unique at the provider, the second
//!   is the provisioning client's own id for the user. No lengths are set: the RFC has none.
//! - Phone numbers are offered as E.164; the RFC prefers RFC 3966 `tel:` URIs but takes any
//!   text.

use super::field::{BoolEncoding, Catalog, Field, FieldKind, TargetKind};

/// The core User schema URN.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";

/// The enterprise User extension URN; enterprise field names start with it and a `:`.
pub const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

fn enterprise(attribute: &str) -> String {
    format!("{ENTERPRISE_SCHEMA}:{attribute}")
}

/// The fields of a SCIM 2.0 User with the enterprise extension.
pub fn catalog() -> Catalog {
    let mut fields = vec![
        Field::new("userName", FieldKind::Text)
            .require()
            .key()
            .note(
                "Unique identifier at the service provider, used to sign in. Required; \
                 compared without regard to case.",
            ),
        Field::new("externalId", FieldKind::Text)
            .key()
            .note("The provisioning client's own id for the user (e.g. the HR id); case-exact."),
        Field::new("name.formatted", FieldKind::Text)
            .note("Full name for display, e.g. Ms. Barbara J Jensen, III."),
        Field::new("name.familyName", FieldKind::Text).note("Family (last) name."),
        Field::new("name.givenName", FieldKind::Text).note("Given (first) name."),
        Field::new("name.middleName", FieldKind::Text).note("Middle name(s)."),
        Field::new("name.honorificPrefix", FieldKind::Text).note("Title before the name, e.g. Ms."),
        Field::new("name.honorificSuffix", FieldKind::Text)
            .note("Suffix after the name, e.g. III."),
        Field::new("displayName", FieldKind::Text).note("Name shown to end users."),
        Field::new("nickName", FieldKind::Text).note("Casual name, e.g. Bob for Robert."),
        Field::new("profileUrl", FieldKind::Url).note("URL of the user's online profile."),
        Field::new("title", FieldKind::Text).note("Job title, e.g. Vice President."),
        Field::new("userType", FieldKind::Text)
            .note("Relation to the organisation: free text such as Employee, Contractor, Intern."),
        Field::new("preferredLanguage", FieldKind::Text)
            .note("Preferred language as in an HTTP Accept-Language header, e.g. en-US."),
        Field::new("locale", FieldKind::Text)
            .note("Language and region for formatting, e.g. en-US."),
        Field::new("timezone", FieldKind::Text).note("IANA time zone, e.g. America/Los_Angeles."),
        Field::new("active", FieldKind::boolean(BoolEncoding::Json))
            .note("Whether the account is active (true) or not (false)."),
        Field::new("password", FieldKind::Text)
            .note("Clear-text initial password; write-only, never returned."),
    ];
    for kind in ["work", "home", "other"] {
        fields.push(
            Field::new(format!("emails[{kind}].value"), FieldKind::Email)
                .note(format!("Email address of type {kind}.")),
        );
    }
    for kind in ["work", "mobile", "home", "fax", "pager", "other"] {
        fields.push(
            Field::new(format!("phoneNumbers[{kind}].value"), FieldKind::Phone)
                .note(format!("Phone number of type {kind}.")),
        );
    }
    for kind in ["photo", "thumbnail"] {
        fields.push(
            Field::new(format!("photos[{kind}].value"), FieldKind::Url)
                .note(format!("URL of an image of type {kind}.")),
        );
    }
    for kind in ["work", "home"] {
        let parts = [
            (
                "formatted",
                "Full address as one text, lines separated by newlines",
            ),
            ("streetAddress", "Street, house number, PO box"),
            ("locality", "City or locality"),
            ("region", "State or region"),
            ("postalCode", "Postal code"),
            ("country", "Country as ISO 3166-1 alpha-2 code, e.g. US"),
        ];
        for (part, what) in parts {
            fields.push(
                Field::new(format!("addresses[{kind}].{part}"), FieldKind::Text)
                    .note(format!("{what} ({kind} address).")),
            );
        }
    }
    fields.extend([
        Field::new(enterprise("employeeNumber"), FieldKind::Text)
            .note("Numeric or alphanumeric id of the person, typically by order of hire."),
        Field::new(enterprise("costCenter"), FieldKind::Text).note("Name of a cost center."),
        Field::new(enterprise("organization"), FieldKind::Text).note("Name of an organisation."),
        Field::new(enterprise("division"), FieldKind::Text).note("Name of a division."),
        Field::new(enterprise("department"), FieldKind::Text).note("Name of a department."),
        Field::new(enterprise("manager.value"), FieldKind::Text)
            .refers_to("userName")
            .or_refers_to("externalId")
            .or_refers_to(enterprise("employeeNumber"))
            .note(
                "The manager. Give the manager's userName, externalId or employee number; \
                 the connector sends the SCIM id of that user, as the RFC asks.",
            ),
    ]);
    Catalog {
        target: TargetKind::Scim,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::catalog::test_support::{assert_covers, names};

    #[test]
    fn user_name_alone_is_required() {
        assert_eq!(names(catalog().required()), ["userName"]);
    }

    #[test]
    fn keys_are_user_name_and_external_id() {
        assert_eq!(names(catalog().identifiers()), ["userName", "externalId"]);
    }

    #[test]
    fn kinds_of_key_fields() {
        let c = catalog();
        let kind = |name: &str| c.field(name).map(|f| f.kind.clone());
        assert_eq!(kind("active"), Some(FieldKind::boolean(BoolEncoding::Json)));
        assert_eq!(kind("emails[work].value"), Some(FieldKind::Email));
        assert_eq!(kind("phoneNumbers[mobile].value"), Some(FieldKind::Phone));
        assert_eq!(kind("profileUrl"), Some(FieldKind::Url));
        assert_eq!(kind("addresses[work].country"), Some(FieldKind::Text));
    }

    #[test]
    fn manager_references_user_name() {
        let c = catalog();
        let name = format!("{ENTERPRISE_SCHEMA}:manager.value");
        assert_eq!(
            c.field(&name).and_then(|f| f.references.as_deref()),
            Some("userName")
        );
        assert!(c.field("userName").is_some());
    }

    #[test]
    fn no_duplicates_and_target() {
        let c = catalog();
        assert!(c.duplicate_names().is_empty());
        assert_eq!(c.target, TargetKind::Scim);
    }

    #[test]
    fn rfc_full_user_example_is_covered() {
        // The writable attributes of RFC 7643 §8.2 (full User) and §8.3 (enterprise User).
        // Its `ims[aim]` entry is left out on purpose (see the module doc).
        let e = |a: &str| format!("{ENTERPRISE_SCHEMA}:{a}");
        let mut paths: Vec<String> = [
            "userName",
            "externalId",
            "name.formatted",
            "name.familyName",
            "name.givenName",
            "name.middleName",
            "name.honorificPrefix",
            "name.honorificSuffix",
            "displayName",
            "nickName",
            "profileUrl",
            "emails[work].value",
            "emails[home].value",
            "addresses[work].streetAddress",
            "addresses[work].locality",
            "addresses[work].region",
            "addresses[work].postalCode",
            "addresses[work].country",
            "addresses[work].formatted",
            "addresses[home].streetAddress",
            "addresses[home].locality",
            "addresses[home].region",
            "addresses[home].postalCode",
            "addresses[home].country",
            "addresses[home].formatted",
            "phoneNumbers[work].value",
            "phoneNumbers[mobile].value",
            "photos[photo].value",
            "photos[thumbnail].value",
            "userType",
            "title",
            "preferredLanguage",
            "locale",
            "timezone",
            "active",
            "password",
        ]
        .map(String::from)
        .to_vec();
        for a in [
            "employeeNumber",
            "costCenter",
            "organization",
            "division",
            "department",
            "manager.value",
        ] {
            paths.push(e(a));
        }
        let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
        assert_covers(&catalog(), &refs);
    }
}

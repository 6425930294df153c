//! Which concepts each catalog field takes, with a factor for second choices: LMS `phone`
//! takes a phone column and, at 0.8, a mobile one.
//!
//! The built-in catalogs' names are listed (LMS `secondname` is the family name, `uid` the
//! employee id, SCIM `title` the job title); enterprise SCIM names are looked up without
//! their schema URN. A field not listed (a custom REST catalog's) is read like a header, then
//! by its kind. Fields that hold JSON objects, secrets to be hashed elsewhere or an id only
//! the target knows take no column.

use super::concept::Concept::{self, *};
use super::header::read;
use super::normal::field_stem;
use crate::target::catalog::{Field, FieldKind};

/// The concepts a field takes, best first, each with its factor.
pub(crate) type Wants = Vec<(Concept, f32)>;

/// The concepts `field` takes; empty when no column should feed it.
pub(crate) fn wants(field: &Field) -> Wants {
    if field.kind == FieldKind::Object {
        return Vec::new();
    }
    match known(field_stem(&field.name)) {
        Some(list) => list.to_vec(),
        None => guessed(field),
    }
}

/// The built-in catalogs' fields.
fn known(name: &str) -> Option<&'static [(Concept, f32)]> {
    Some(match name {
        "uid" | "externalId" | "employeeNumber" | "user_id" => &[(EmployeeId, 1.0)],
        "firstname" | "given_name" | "name.givenName" => &[(GivenName, 1.0)],
        "secondname" | "family_name" | "name.familyName" => &[(FamilyName, 1.0)],
        "patronymic" => &[(Patronymic, 1.0), (MiddleName, 0.6)],
        "middle_name" | "name.middleName" => &[(MiddleName, 1.0), (Patronymic, 0.6)],
        "name" | "name.formatted" => &[(FullName, 1.0), (DisplayName, 0.8)],
        "displayName" => &[(DisplayName, 1.0), (FullName, 0.8)],
        "nickname" | "nickName" => &[(Nickname, 1.0)],
        "name.honorificPrefix" => &[(Salutation, 1.0)],
        "login" | "username" | "preferred_username" | "userName" => &[(Username, 1.0)],
        "email" | "emails[work].value" => &[(Email, 1.0), (PrivateEmail, 0.6)],
        "emails[home].value" => &[(PrivateEmail, 1.0)],
        "password" => &[(Password, 1.0)],
        "birth_date" | "birthdate" => &[(BirthDate, 1.0)],
        "date_of_employment" => &[(HireDate, 1.0)],
        "gender" => &[(Gender, 1.0), (Salutation, 0.6)],
        "is_active" | "active" => &[(Active, 1.0)],
        "blocked" | "disabled" => &[(Blocked, 1.0)],
        "department" => &[(Department, 1.0)],
        "position" | "title" => &[(JobTitle, 1.0)],
        "costCenter" => &[(CostCenter, 1.0)],
        "organization" => &[(Organization, 1.0)],
        "division" => &[(Division, 1.0)],
        "userType" => &[(EmploymentType, 1.0)],
        "manager_uid" | "manager.value" => &[(ManagerId, 1.0)],
        "phone" | "phone_number" | "phoneNumbers[work].value" => &[(Phone, 1.0), (Mobile, 0.8)],
        "phoneNumbers[mobile].value" => &[(Mobile, 1.0), (Phone, 0.5)],
        "phoneNumbers[home].value" => &[(HomePhone, 1.0)],
        "phoneNumbers[fax].value" => &[(Fax, 1.0)],
        "city" | "addresses[work].locality" => &[(City, 1.0), (Location, 0.6)],
        "addresses[work].postalCode" => &[(PostalCode, 1.0)],
        "addresses[work].streetAddress" => &[(Street, 1.0)],
        "addresses[work].region" => &[(Region, 1.0)],
        "addresses[work].country" => &[(Country, 1.0)],
        "language" | "preferredLanguage" => &[(Language, 1.0)],
        "locale" => &[(Language, 0.6)],
        "timezone" | "zoneinfo" => &[(Timezone, 1.0)],
        "profileUrl" | "profile" | "website" => &[(Website, 1.0)],
        "picture" | "photos[photo].value" => &[(Picture, 1.0)],
        "groups" => &[(Groups, 1.0)],
        "roles" => &[(Roles, 1.0)],
        "tags" => &[(Tags, 1.0)],
        "emails[other].value" => &[(Email, 0.6)],
        "phoneNumbers[other].value" => &[(Phone, 0.6)],
        // Ids only the target knows, flags the target sets, hashes and MFA enrolments: a
        // spreadsheet column with a similar name is not what these want.
        "manager_id"
        | "structure_uid"
        | "date_of_assignment_current_position"
        | "facebook_id"
        | "google_id"
        | "customInfo"
        | "work_contact"
        | "email_verified"
        | "phone_verified"
        | "phone_number_verified"
        | "password_hash"
        | "mfa_factors[totp].secret"
        | "mfa_factors[phone].value"
        | "mfa_factors[email].value"
        | "mfa.email"
        | "mfa.phone_number" => &[],
        // Second-rank slots a column would only land in by accident.
        "user_field1"
        | "user_field2"
        | "user_field3"
        | "user_field4"
        | "user_field5"
        | "phoneNumbers[pager].value"
        | "photos[thumbnail].value"
        | "name.honorificSuffix"
        | "addresses[work].formatted" => &[],
        // An HR file's address columns are taken as the work address; the home slots stay
        // empty rather than compete for the same columns.
        home if home.starts_with("addresses[home].") => &[],
        _ => return None,
    })
}

/// A field of a custom catalog: its name read as a header, or failing that its kind.
fn guessed(field: &Field) -> Wants {
    let named: Wants = read(field_stem(&field.name))
        .into_iter()
        .filter(|r| r.score >= 0.7)
        .map(|r| (r.concept, 1.0))
        .take(1)
        .collect();
    if !named.is_empty() {
        return named;
    }
    match field.kind {
        FieldKind::Email => vec![(Email, 0.7)],
        FieldKind::Phone => vec![(Phone, 0.7)],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::catalog::{TargetKind, builtin};

    fn first(field: &Field) -> Option<Concept> {
        wants(field).first().map(|w| w.0)
    }

    #[test]
    fn built_in_fields_have_concepts() {
        let lms = builtin(TargetKind::Lms).unwrap();
        let scim = builtin(TargetKind::Scim).unwrap();
        let want = |c: &crate::target::catalog::Catalog, name: &str| first(c.field(name).unwrap());
        assert_eq!(want(&lms, "secondname"), Some(FamilyName));
        assert_eq!(want(&lms, "uid"), Some(EmployeeId));
        assert_eq!(want(&lms, "position"), Some(JobTitle));
        assert_eq!(want(&lms, "manager_id"), None);
        assert_eq!(want(&scim, "name.givenName"), Some(GivenName));
        let employee = format!(
            "{}:employeeNumber",
            crate::target::catalog::scim::ENTERPRISE_SCHEMA
        );
        assert_eq!(want(&scim, &employee), Some(EmployeeId));
    }

    #[test]
    fn every_built_in_field_is_listed() {
        for kind in TargetKind::ALL {
            let Some(catalog) = builtin(kind) else {
                continue;
            };
            for field in &catalog.fields {
                let listed =
                    field.kind == FieldKind::Object || known(field_stem(&field.name)).is_some();
                assert!(listed, "{kind}: {}", field.name);
            }
        }
    }

    #[test]
    fn custom_fields_are_read_like_headers() {
        assert_eq!(
            first(&Field::new("first_name", FieldKind::Text)),
            Some(GivenName)
        );
        assert_eq!(
            first(&Field::new("work_mail", FieldKind::Email)),
            Some(Email)
        );
        assert_eq!(first(&Field::new("contact", FieldKind::Phone)), Some(Phone));
        assert_eq!(first(&Field::new("misc", FieldKind::Text)), None);
        assert!(wants(&Field::new("meta", FieldKind::Object)).is_empty());
    }
}

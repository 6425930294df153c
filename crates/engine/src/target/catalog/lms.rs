//! LMS Collaborator single-user import: the fields of the JSON object posted to
//! `/api/v2/users-import/single`, one user per request.
//!
//! Follows `003_df7e08e57c20cf84.txt` (LMS Collaborator knowledge base, "API – User import"):
//! its field table (mandatory fields marked with an asterisk) and its request example.
//!
//! Choices where the document is silent or contradicts itself:
//! - Required fields are the five the table stars: `uid`, `secondname`, `firstname`, `login`,
//!   `email`. The sample 400 answer ("Required fields: uid, login, email, firstname,
//!   secondname, position") also names `position`; the table does not, so `position` stays
//!   optional and its note warns that a server may ask for it.
//! - Dates: the table accepts `DD.MM.YYYY` (once misprinted `DD.MM.YYYYY`) or `YYYY-MM-DD`.
//!   Muster writes `YYYY-MM-DD`, which cannot be misread, and accepts both.
//! - `gender` is a number whose values mean something (0 male, 1 female), so it is an enum of
//!   `0`/`1`, not a boolean. `is_active` is a true on/off switch: a 0/1 boolean.
//! - `uid` is the only field the document calls a unique identifier, so it is the only key.
//! - `manager_uid` names another user's `uid`; `manager_id` is LMS's internal user id, which a
//!   spreadsheet cannot know, so it references no catalog field.
//! - `customInfo` is Base64 of a JSON text; it is text here, and the note says so.
//! - No length limits are documented, so none are set.

use super::field::{BoolEncoding, Catalog, DateFormat, Field, FieldKind, TargetKind};

/// The interface languages `language` accepts.
pub const LANGUAGES: [&str; 7] = ["EN", "UK", "DE", "ES", "ET", "TR", "RU"];

fn date() -> FieldKind {
    FieldKind::date(DateFormat::Iso, &[DateFormat::DayMonthYear])
}

/// The fields of an LMS Collaborator user.
pub fn catalog() -> Catalog {
    let extra = "Additional profile field.";
    let dates = "DD.MM.YYYY or YYYY-MM-DD, e.g. 26.07.1988 or 1988-07-26.";
    let fields = vec![
        Field::new("uid", FieldKind::Text)
            .require()
            .key()
            .note("Unique identifier of the user."),
        Field::new("secondname", FieldKind::Text)
            .require()
            .note("Second (family) name."),
        Field::new("firstname", FieldKind::Text)
            .require()
            .note("First name."),
        Field::new("patronymic", FieldKind::Text).note("Third name (patronymic)."),
        Field::new("login", FieldKind::Text)
            .require()
            .note("Login."),
        Field::new("email", FieldKind::Email)
            .require()
            .note("Email."),
        Field::new("password", FieldKind::Text).note("Password."),
        Field::new("birth_date", date()).note(format!("Date of birth: {dates}")),
        Field::new("gender", FieldKind::one_of(&["0", "1"]))
            .note("0 = male, 1 = female; left out, it is ignored."),
        Field::new("is_active", FieldKind::boolean(BoolEncoding::ZeroOne))
            .note("1 = enabled, 0 = blocked."),
        Field::new("city", FieldKind::Text).note("City."),
        Field::new("department", FieldKind::Text).note(
            "Department. May hold several departments when the LMS detects subordinates \
             by import value.",
        ),
        Field::new("position", FieldKind::Text).note(
            "Position. Not starred in the field table, but the sample error lists it among \
             required fields: some servers may demand it.",
        ),
        Field::new("phone", FieldKind::Phone).note("International format, e.g. +380971234567."),
        Field::new("tags", FieldKind::list(",")).note("Comma-separated tags."),
        Field::new("facebook_id", FieldKind::Text).note("Facebook user id."),
        Field::new("google_id", FieldKind::Text).note("Google user id."),
        Field::new("date_of_employment", date()).note(format!("Date of employment: {dates}")),
        Field::new("work_contact", FieldKind::Text).note("Work contacts."),
        Field::new("date_of_assignment_current_position", date())
            .note(format!("Date the current position was assigned: {dates}")),
        Field::new("structure_uid", FieldKind::Text).note(
            "Department code: assigns the user to that unit of the organisational structure.",
        ),
        Field::new("user_field1", FieldKind::Text).note(extra),
        Field::new("user_field2", FieldKind::Text).note(extra),
        Field::new("user_field3", FieldKind::Text).note(extra),
        Field::new("user_field4", FieldKind::Text).note(extra),
        Field::new("user_field5", FieldKind::Text).note(extra),
        Field::new("customInfo", FieldKind::Text).note(
            "Service data, not shown in the profile: a JSON text encoded as Base64, e.g. of \
             {\"vacation_days\":21}.",
        ),
        Field::new("language", FieldKind::one_of(&LANGUAGES)).note(
            "Interface language when it differs from the main one: EN, UK, DE (German), \
             ES (Spanish), ET (Estonian), TR (Turkish), RU (Russian).",
        ),
        Field::new("manager_id", FieldKind::Text).note("The manager's internal LMS user id."),
        Field::new("manager_uid", FieldKind::Text)
            .refers_to("uid")
            .note("The manager's external id: the uid of another imported user."),
    ];
    Catalog {
        target: TargetKind::Lms,
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::catalog::test_support::{assert_covers, names};

    #[test]
    fn starred_fields_are_required() {
        assert_eq!(
            names(catalog().required()),
            ["uid", "secondname", "firstname", "login", "email"]
        );
    }

    #[test]
    fn uid_is_the_key() {
        assert_eq!(names(catalog().identifiers()), ["uid"]);
    }

    #[test]
    fn dates_accept_both_formats() {
        let c = catalog();
        for name in [
            "birth_date",
            "date_of_employment",
            "date_of_assignment_current_position",
        ] {
            assert_eq!(
                c.field(name).map(|f| &f.kind),
                Some(&FieldKind::Date {
                    format: DateFormat::Iso,
                    also: vec![DateFormat::DayMonthYear],
                }),
                "{name}"
            );
        }
    }

    #[test]
    fn kinds_of_coded_fields() {
        let c = catalog();
        let kind = |name: &str| c.field(name).map(|f| f.kind.clone());
        assert_eq!(kind("gender"), Some(FieldKind::one_of(&["0", "1"])));
        assert_eq!(
            kind("is_active"),
            Some(FieldKind::boolean(BoolEncoding::ZeroOne))
        );
        assert_eq!(kind("phone"), Some(FieldKind::Phone));
        assert_eq!(kind("email"), Some(FieldKind::Email));
        assert_eq!(kind("tags"), Some(FieldKind::list(",")));
        assert_eq!(
            kind("language"),
            Some(FieldKind::one_of(&[
                "EN", "UK", "DE", "ES", "ET", "TR", "RU"
            ]))
        );
    }

    #[test]
    fn manager_uid_references_uid() {
        let c = catalog();
        let manager = c.field("manager_uid").and_then(|f| f.references.as_deref());
        assert_eq!(manager, Some("uid"));
        assert_eq!(
            c.field("manager_id").and_then(|f| f.references.clone()),
            None
        );
    }

    #[test]
    fn no_duplicates_and_target() {
        let c = catalog();
        assert!(c.duplicate_names().is_empty());
        assert_eq!(c.target, TargetKind::Lms);
    }

    #[test]
    fn every_table_row_is_listed() {
        let c = catalog();
        assert_eq!(c.fields.len(), 30);
        assert_covers(
            &c,
            &[
                "uid",
                "secondname",
                "firstname",
                "patronymic",
                "login",
                "email",
                "password",
                "birth_date",
                "gender",
                "is_active",
                "city",
                "department",
                "position",
                "phone",
                "tags",
                "facebook_id",
                "google_id",
                "date_of_employment",
                "work_contact",
                "date_of_assignment_current_position",
                "structure_uid",
                "user_field1",
                "user_field2",
                "user_field3",
                "customInfo",
                "language",
                "user_field4",
                "user_field5",
                "manager_id",
                "manager_uid",
            ],
        );
    }

    #[test]
    fn request_example_is_covered() {
        // The keys of the curl example's JSON body.
        assert_covers(
            &catalog(),
            &[
                "uid",
                "secondname",
                "firstname",
                "patronymic",
                "login",
                "email",
                "password",
                "birth_date",
                "gender",
                "is_active",
                "city",
                "department",
                "position",
                "tags",
                "phone",
                "user_field1",
                "user_field2",
                "user_field3",
                "user_field4",
                "user_field5",
            ],
        );
    }
}

//! HR exports in German, French, Spanish and English onto LMS, SCIM and Auth0.

use super::*;

#[test]
fn german_export_onto_lms() {
    let suggestions = german().suggest(&catalog(TargetKind::Lms));
    assert_columns(
        &suggestions,
        &[
            ("uid", Some("Personalnummer")),
            ("firstname", Some("Vorname")),
            ("secondname", Some("Nachname")),
            ("email", Some("E-Mail")),
            ("department", Some("Abteilung")),
            ("position", Some("Position")),
            ("birth_date", Some("Geburtsdatum")),
            ("date_of_employment", Some("Eintrittsdatum")),
            ("phone", Some("Telefon")),
            ("gender", Some("Geschlecht")),
            ("manager_uid", Some("Vorgesetzter")),
            ("is_active", Some("Aktiv")),
            // No login column: the address is the login.
            ("login", Some("E-Mail")),
            ("patronymic", None),
            ("manager_id", None),
            ("date_of_assignment_current_position", None),
        ],
    );
    assert_each_column_once(&suggestions, &["login"]);
    let confidence = |field: &str| find(&suggestions, field).confidence;
    // Values that agree with the header beat a header alone.
    assert!(confidence("email") > confidence("department"));
    assert!(confidence("uid") > 0.9 && confidence("is_active") > 0.9);
    assert!(confidence("department") >= 0.85);
    assert!(confidence("login") < confidence("email"));
    assert_eq!(
        find(&suggestions, "email").reason,
        "header \"E-Mail\" means email; 100% of sampled values are email addresses"
    );
    assert_eq!(
        find(&suggestions, "login").reason,
        "no column looks like username; the email address in \"E-Mail\" is used as the login"
    );
    assert_eq!(suggestions.len(), catalog(TargetKind::Lms).fields.len());
    assert_eq!(suggestions[0].field, "uid");
}

#[test]
fn french_export_onto_scim() {
    let file = File::new(
        ',',
        "Matricule, Prénom, Nom, Courriel, Service, Poste, Date de naissance, Téléphone",
        &[
            "A1001, Camille, Dubois, camille.dubois@societe.fr, Comptabilité, Comptable, 12/05/1988, 01 23 45 67 89",
            "A1002, Théo, Lefèvre, theo.lefevre@societe.fr, Ventes, Commercial, 03/11/1992, 06 12 34 56 78",
            "A1003, Inès, Moreau, ines.moreau@societe.fr, Informatique, Développeuse, 25/02/1990, 01 98 76 54 32",
        ],
    );
    let suggestions = file.suggest(&catalog(TargetKind::Scim));
    assert_columns(
        &suggestions,
        &[
            ("externalId", Some("Matricule")),
            ("name.givenName", Some("Prénom")),
            ("name.familyName", Some("Nom")),
            ("emails[work].value", Some("Courriel")),
            (&enterprise("department"), Some("Service")),
            ("title", Some("Poste")),
            ("phoneNumbers[work].value", Some("Téléphone")),
            // No login column: SCIM's required userName is the address.
            ("userName", Some("Courriel")),
            (&enterprise("employeeNumber"), None),
            ("phoneNumbers[mobile].value", None),
            ("name.formatted", None),
        ],
    );
    assert_each_column_once(&suggestions, &["userName"]);
    // SCIM has no birth date: the column stays unused.
    assert!(
        !suggestions
            .iter()
            .any(|s| s.column.as_deref() == Some("Date de naissance"))
    );
    assert_eq!(
        find(&suggestions, &enterprise("employeeNumber")).reason,
        "\"Matricule\" would fit, but suits \"externalId\" better"
    );
    let confidence = |field: &str| find(&suggestions, field).confidence;
    assert!(confidence("emails[work].value") > confidence("title"));
}

#[test]
fn spanish_export_onto_auth0() {
    let file = File::new(
        ',',
        "Número de empleado, Nombre, Apellidos, Correo electrónico, Departamento, Puesto, Fecha de alta",
        &[
            "E-0001, Lucía, García López, lucia.garcia@empresa.es, Ventas, Comercial, 15/01/2019",
            "E-0002, Javier, Fernández Ruiz, javier.fernandez@empresa.es, Finanzas, Contable, 01/09/2020",
            "E-0003, María José, Martín Sánchez, mj.martin@empresa.es, Sistemas, Técnica, 23/03/2017",
        ],
    );
    let suggestions = file.suggest(&catalog(TargetKind::Auth0));
    assert_columns(
        &suggestions,
        &[
            ("email", Some("Correo electrónico")),
            ("user_id", Some("Número de empleado")),
            ("given_name", Some("Nombre")),
            ("family_name", Some("Apellidos")),
            ("username", None),
            ("name", None),
            ("phone_number", None),
            ("blocked", None),
            ("mfa_factors[email].value", None),
        ],
    );
    // Auth0's username is optional: it is not filled from the address.
    assert_each_column_once(&suggestions, &[]);
    for unused in ["Departamento", "Puesto", "Fecha de alta"] {
        assert!(
            !suggestions
                .iter()
                .any(|s| s.column.as_deref() == Some(unused)),
            "{unused}"
        );
    }
    assert!(find(&suggestions, "email").confidence > 0.95);
}

#[test]
fn english_export_with_one_name_column_onto_lms() {
    let suggestions = english().suggest(&catalog(TargetKind::Lms));
    assert_columns(
        &suggestions,
        &[
            ("uid", Some("Employee ID")),
            ("firstname", Some("Full Name")),
            ("secondname", Some("Full Name")),
            ("login", Some("Username")),
            ("email", Some("Email Address")),
            ("department", Some("Department")),
            ("position", Some("Job Title")),
            ("date_of_employment", Some("Start Date")),
            ("phone", Some("Mobile")),
            ("birth_date", None),
        ],
    );
    let first = find(&suggestions, "firstname");
    assert!(
        first.confidence >= 0.5 && first.confidence < 0.9,
        "{first:?}"
    );
    assert!(
        first.reason.contains("holds the full name"),
        "{}",
        first.reason
    );
    // A mobile number is a second choice for a phone field: lower than an exact match.
    assert!(find(&suggestions, "phone").confidence < find(&suggestions, "email").confidence);
}

pub(super) fn english() -> File {
    File::new(
        ',',
        "Employee ID,Full Name,Email Address,Username,Department,Job Title,Start Date,Mobile",
        &[
            "E100,Anna Smith,Anna.Smith@corp.example,asmith,Sales,Account Manager,03/15/2019,(212) 555-0101",
            "E101,John O'Neil,john.oneil@corp.example,joneil,IT,Engineer,11/01/2020,(212) 555-0102",
            "E102,Ludwig van Beethoven,l.beethoven@corp.example,lbeethoven,Music,Composer,04/23/2018,(212) 555-0103",
        ],
    )
}

#[test]
fn scim_takes_a_full_name_and_its_parts() {
    let suggestions = english().suggest(&catalog(TargetKind::Scim));
    assert_columns(
        &suggestions,
        &[
            ("name.formatted", Some("Full Name")),
            ("name.givenName", Some("Full Name")),
            ("name.familyName", Some("Full Name")),
            ("userName", Some("Username")),
            ("phoneNumbers[mobile].value", Some("Mobile")),
            ("phoneNumbers[work].value", None),
        ],
    );
    assert!(
        find(&suggestions, "name.formatted").confidence
            > find(&suggestions, "name.givenName").confidence
    );
}

#[test]
fn headers_in_other_spellings() {
    let file = File::new(
        ',',
        "Mitarbeiter-ID,e_mail,Given Name,Family name,Personal-Nr.",
        &["1,a@x.de,Anna,Schmidt,17", "2,b@x.de,Ben,Braun,18"],
    );
    let suggestions = file.suggest(&catalog(TargetKind::Lms));
    assert_columns(
        &suggestions,
        &[
            ("email", Some("e_mail")),
            ("firstname", Some("Given Name")),
            ("secondname", Some("Family name")),
            ("login", Some("e_mail")),
        ],
    );
    // Two id columns, one uid: the other stays unused.
    let uid = column(&suggestions, "uid");
    assert!(
        matches!(uid, Some("Mitarbeiter-ID" | "Personal-Nr.")),
        "{uid:?}"
    );
    assert_each_column_once(&suggestions, &["login"]);
}

#[test]
fn one_full_name_column_feeds_both_name_parts() {
    for header in [
        "Name",
        "Full Name",
        "Mitarbeiter",
        "Nom complet",
        "Nombre completo",
    ] {
        let file = File::new(
            ';',
            &format!("Personalnummer;{header};E-Mail"),
            &["1;Anna Schmidt;a@x.de", "2;Ben Braun;b@x.de"],
        );
        let suggestions = file.suggest(&catalog(TargetKind::Lms));
        for field in ["firstname", "secondname"] {
            let s = find(&suggestions, field);
            assert_eq!(s.column.as_deref(), Some(header), "{field}: {s:?}");
            assert!(s.confidence >= 0.5, "{header} {field}: {s:?}");
        }
    }
}

#[test]
fn a_custom_rest_catalog_is_read_by_field_names() {
    use crate::target::catalog::{Field, FieldKind};
    let rest = Catalog {
        target: TargetKind::Rest,
        fields: vec![
            Field::new("employee_number", FieldKind::Text)
                .require()
                .key(),
            Field::new("first_name", FieldKind::Text),
            Field::new("last_name", FieldKind::Text),
            Field::new("work_mail", FieldKind::Email),
            Field::new("misc", FieldKind::Text),
        ],
    };
    let suggestions = german().suggest(&rest);
    assert_columns(
        &suggestions,
        &[
            ("employee_number", Some("Personalnummer")),
            ("first_name", Some("Vorname")),
            ("last_name", Some("Nachname")),
            ("work_mail", Some("E-Mail")),
            ("misc", None),
        ],
    );
}

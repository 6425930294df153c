//! Required logins filled from the email column when the file has none, and left alone
//! when it has one, when there is no address, or when the target does not require a login.

use super::*;
use crate::mapping::suggest::{MAP_THRESHOLD, unmapped_required};
use crate::mapping::transform::CaseStyle;
use crate::mapping::{Mapper, Record};
use crate::target::catalog::authgear::{Identifier, catalog_for};

/// What `field` holds in each row once `file` is mapped through `profile`.
fn values(profile: &Profile, catalog: &Catalog, file: &File, field: &str) -> Vec<String> {
    let mapper = Mapper::new(profile, catalog, &file.columns)
        .unwrap_or_else(|e| panic!("{e}: {profile:#?}"));
    let index = mapper
        .fields()
        .iter()
        .position(|f| f.target == field)
        .unwrap_or_else(|| panic!("{field} is not mapped: {profile:#?}"));
    file.rows
        .iter()
        .map(|row| {
            let mut record = Record::default();
            mapper.map(row, &mut record);
            assert!(record.failures.is_empty(), "{:?}", record.failures);
            record.values[index].clone()
        })
        .collect()
}

fn trim_and_lower() -> [Transform; 2] {
    [
        Transform::Trim,
        Transform::Case {
            to: CaseStyle::Lower,
        },
    ]
}

#[test]
fn german_lms_file_takes_its_login_from_the_email_column() {
    let lms = catalog(TargetKind::Lms);
    let file = german();
    let suggestions = file.suggest(&lms);
    let login = find(&suggestions, "login");
    let email = find(&suggestions, "email");
    assert_eq!(login.column.as_deref(), Some("E-Mail"));
    // The email keeps its column, and is surer of it than the login is.
    assert_eq!(email.column.as_deref(), Some("E-Mail"));
    assert!(login.confidence >= MAP_THRESHOLD, "{login:?}");
    assert!(login.confidence < email.confidence, "{login:?} {email:?}");

    let profile = build(&file, &lms, "DE");
    assert!(unmapped_required(&lms, &profile).is_empty(), "{profile:#?}");
    assert_eq!(transforms(&profile, "login"), trim_and_lower());
    assert_eq!(
        values(&profile, &lms, &file, "login"),
        values(&profile, &lms, &file, "email")
    );
    assert_eq!(
        values(&profile, &lms, &file, "login")[0],
        "anna.schmidt@firma.de"
    );
}

#[test]
fn english_scim_file_without_usernames_keys_on_the_address() {
    let scim = catalog(TargetKind::Scim);
    let file = File::new(
        ',',
        "Employee ID,First Name,Last Name,Work Email,Department",
        &[
            "E100,Anna,Smith, Anna.Smith@Corp.example ,Sales",
            "E101,John,O'Neil,john.oneil@corp.example,IT",
        ],
    );
    let suggestions = file.suggest(&scim);
    assert_columns(
        &suggestions,
        &[
            ("userName", Some("Work Email")),
            ("emails[work].value", Some("Work Email")),
            ("externalId", Some("Employee ID")),
        ],
    );
    assert_eq!(
        find(&suggestions, "userName").reason,
        "no column looks like username; the email address in \"Work Email\" is used as the login"
    );

    let profile = build(&file, &scim, "US");
    assert_eq!(profile.identifier, "userName");
    if let Err(e) = profile.check(&scim) {
        panic!("{e}: {profile:#?}");
    }
    assert_eq!(transforms(&profile, "userName"), trim_and_lower());
    assert_eq!(
        values(&profile, &scim, &file, "userName"),
        ["anna.smith@corp.example", "john.oneil@corp.example"]
    );
}

#[test]
fn a_username_column_wins_over_the_email() {
    let german = File::new(
        ';',
        "Personalnummer;Vorname;Nachname;E-Mail;Benutzername",
        &[
            "10023;Anna;Schmidt;anna.schmidt@firma.de;ASchmidt",
            "10024;Jonas;Müller;jonas.mueller@firma.de;jmueller",
        ],
    );
    let english = File::new(
        ',',
        "Employee ID,First Name,Last Name,Email,Username",
        &[
            "E100,Anna,Smith,anna.smith@corp.example,ASmith",
            "E101,John,O'Neil,john.oneil@corp.example,joneil",
        ],
    );
    for (file, kind, field, login) in [
        (german, TargetKind::Lms, "login", "Benutzername"),
        (english, TargetKind::Scim, "userName", "Username"),
    ] {
        let target = catalog(kind);
        let suggestions = file.suggest(&target);
        assert_eq!(column(&suggestions, field), Some(login), "{kind}");
        assert_each_column_once(&suggestions, &[]);
        let profile = build(&file, &target, "DE");
        assert!(unmapped_required(&target, &profile).is_empty(), "{kind}");
        // A login column is taken as it is: logins may be case-sensitive.
        assert_eq!(transforms(&profile, field), [Transform::Trim], "{kind}");
        assert_eq!(
            values(&profile, &target, &file, field)[0],
            if kind == TargetKind::Lms {
                "ASchmidt"
            } else {
                "ASmith"
            }
        );
    }
}

#[test]
fn a_weak_login_column_gives_way_to_the_email() {
    let lms = catalog(TargetKind::Lms);
    // "Benutzer" says login, but most values are full names, not logins.
    let file = File::new(
        ';',
        "Personalnummer;Vorname;Nachname;E-Mail;Benutzer",
        &[
            "1;Anna;Schmidt;anna.schmidt@firma.de;Anna Schmidt",
            "2;Ben;Braun;ben.braun@firma.de;Ben Braun",
            "3;Clara;Klein;clara.klein@firma.de;Clara Klein",
            "4;Dora;Lang;dora.lang@firma.de;dlang",
        ],
    );
    let suggestions = file.suggest(&lms);
    let login = find(&suggestions, "login");
    assert_eq!(login.column.as_deref(), Some("E-Mail"), "{login:?}");
    assert_eq!(
        login.reason,
        "\"Benutzer\" is a weak fit for username; the email address in \"E-Mail\" is used as \
         the login"
    );
    assert!(login.confidence >= MAP_THRESHOLD, "{login:?}");
}

#[test]
fn without_an_email_column_the_login_stays_open() {
    let lms = catalog(TargetKind::Lms);
    let german = File::new(
        ';',
        "Personalnummer;Vorname;Nachname;Abteilung",
        &["10023;Anna;Schmidt;Vertrieb", "10024;Jonas;Müller;IT"],
    );
    let suggestions = german.suggest(&lms);
    let login = find(&suggestions, "login");
    assert_eq!(login.column, None);
    assert_eq!(login.reason, "no column looks like username");
    let profile = build(&german, &lms, "DE");
    assert_eq!(unmapped_required(&lms, &profile), ["login", "email"]);

    let scim = catalog(TargetKind::Scim);
    let english = File::new(
        ',',
        "Employee ID,First Name,Last Name",
        &["E100,Anna,Smith", "E101,John,O'Neil"],
    );
    let profile = build(&english, &scim, "US");
    assert_eq!(unmapped_required(&scim, &profile), ["userName"]);
    assert_eq!(profile.identifier, "externalId");
}

#[test]
fn optional_logins_are_not_filled_from_the_email() {
    let file = german();
    for target in [catalog(TargetKind::Auth0), catalog(TargetKind::Authgear)] {
        let suggestions = file.suggest(&target);
        let login = if target.target == TargetKind::Auth0 {
            "username"
        } else {
            "preferred_username"
        };
        assert_eq!(column(&suggestions, "email"), Some("E-Mail"));
        assert_eq!(column(&suggestions, login), None, "{}", target.target);
        let profile = build(&file, &target, "DE");
        assert!(!profile.fields.iter().any(|m| m.target == login));
    }
}

#[test]
fn authgear_keyed_on_usernames_takes_the_address() {
    let authgear = catalog_for(Identifier::PreferredUsername);
    let file = german();
    let suggestions = file.suggest(&authgear);
    assert_columns(
        &suggestions,
        &[
            ("preferred_username", Some("E-Mail")),
            ("email", Some("E-Mail")),
        ],
    );
    let profile = build(&file, &authgear, "DE");
    assert_eq!(profile.identifier, "preferred_username");
    assert!(unmapped_required(&authgear, &profile).is_empty());
    assert_eq!(transforms(&profile, "preferred_username"), trim_and_lower());
}

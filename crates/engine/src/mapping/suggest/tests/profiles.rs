//! Profiles built from suggestions: identifier, transforms, `check`, TOML, and rows mapped
//! through them.

use super::exports::english;
use super::*;
use crate::mapping::suggest::{MAP_THRESHOLD, profile_from, unmapped_required};
use crate::mapping::transform::{CaseStyle, DateOutput, NamePart, Otherwise, Transform};
use crate::mapping::{Mapper, Profile, Record};

/// Every row mapped through `profile`, as (field, value) lists; panics on a failed
/// transform.
fn mapped(profile: &Profile, catalog: &Catalog, file: &File) -> Vec<Vec<(String, String)>> {
    let mapper = Mapper::new(profile, catalog, &file.columns)
        .unwrap_or_else(|e| panic!("{e}: {profile:#?}"));
    file.rows
        .iter()
        .map(|row| {
            let mut record = Record::default();
            mapper.map(row, &mut record);
            assert!(record.failures.is_empty(), "{:?}", record.failures);
            mapper
                .fields()
                .iter()
                .zip(record.values)
                .map(|(f, v)| (f.target.clone(), v))
                .collect()
        })
        .collect()
}

#[test]
fn english_profile_passes_check_and_splits_the_full_name() {
    let lms = catalog(TargetKind::Lms);
    let file = english();
    let profile = build(&file, &lms, "US");
    assert_eq!(profile.identifier, "uid");
    assert!(unmapped_required(&lms, &profile).is_empty(), "{profile:#?}");
    if let Err(e) = profile.check(&lms) {
        panic!("{e}: {profile:#?}");
    }
    assert_eq!(
        transforms(&profile, "firstname"),
        [
            Transform::Trim,
            Transform::SplitName {
                part: NamePart::First
            }
        ]
    );
    assert_eq!(
        transforms(&profile, "secondname"),
        [
            Transform::Trim,
            Transform::SplitName {
                part: NamePart::Last
            }
        ]
    );
    assert_eq!(
        transforms(&profile, "email"),
        [
            Transform::Trim,
            Transform::Case {
                to: CaseStyle::Lower
            }
        ]
    );
    // US dates with a day above 12 in second place: month first.
    assert_eq!(
        transforms(&profile, "date_of_employment"),
        [Transform::Date {
            to: DateOutput::Iso,
            day_first: Some(false),
            from: vec![]
        }]
    );
    assert_eq!(
        transforms(&profile, "phone"),
        [Transform::Phone {
            country: "US".into()
        }]
    );

    let rows = mapped(&profile, &lms, &file);
    let value = |row: usize, field: &str| {
        rows[row]
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(value(0, "firstname"), Some("Anna"));
    assert_eq!(value(0, "secondname"), Some("Smith"));
    assert_eq!(value(2, "secondname"), Some("van Beethoven"));
    assert_eq!(value(0, "email"), Some("anna.smith@corp.example"));
    assert_eq!(value(0, "date_of_employment"), Some("2019-03-15"));
    assert_eq!(value(0, "phone"), Some("+12125550101"));
}

#[test]
fn profiles_round_trip_through_toml() {
    for (file, kind, country) in [
        (english(), TargetKind::Lms, "US"),
        (german(), TargetKind::Lms, "DE"),
        (english(), TargetKind::Scim, "US"),
    ] {
        let profile = build(&file, &catalog(kind), country);
        let text = profile.to_toml();
        let back = Profile::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back, profile, "{text}");
    }
}

#[test]
fn german_profile_maps_codes_and_phones_and_the_login_from_the_email() {
    let lms = catalog(TargetKind::Lms);
    let file = german();
    let profile = build(&file, &lms, "de");
    assert_eq!(profile.identifier, "uid");
    assert!(unmapped_required(&lms, &profile).is_empty(), "{profile:#?}");
    if let Err(e) = profile.check(&lms) {
        panic!("{e}: {profile:#?}");
    }
    // LMS takes DD.MM.YYYY as it is: no date transform.
    assert!(transforms(&profile, "birth_date").is_empty());
    assert!(transforms(&profile, "date_of_employment").is_empty());
    assert_eq!(
        transforms(&profile, "phone"),
        [Transform::Phone {
            country: "DE".into()
        }]
    );
    assert_eq!(
        transforms(&profile, "is_active"),
        [Transform::Map {
            values: map_pairs(&[("ja", "1"), ("nein", "0")]),
            ignore_case: true,
            otherwise: Otherwise::Keep,
        }]
    );
    assert_eq!(
        transforms(&profile, "gender"),
        [Transform::Map {
            // "f" comes with "m": the pair (m, f) is how other exports write it.
            values: map_pairs(&[("f", "1"), ("m", "0"), ("w", "1")]),
            ignore_case: true,
            otherwise: Otherwise::Keep,
        }]
    );
    assert_eq!(transforms(&profile, "uid"), [Transform::Trim]);

    let rows = mapped(&profile, &lms, &file);
    let value = |row: usize, field: &str| {
        rows[row]
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(value(0, "is_active").as_deref(), Some("1"));
    assert_eq!(value(2, "is_active").as_deref(), Some("0"));
    assert_eq!(value(0, "gender").as_deref(), Some("1"));
    assert_eq!(value(2, "phone").as_deref(), Some("+49303456789"));
    assert_eq!(value(0, "email").as_deref(), Some("anna.schmidt@firma.de"));
    assert_eq!(value(0, "login").as_deref(), Some("anna.schmidt@firma.de"));
}

#[test]
fn french_profile_keys_scim_on_the_address() {
    let scim = catalog(TargetKind::Scim);
    let file = File::new(
        ',',
        "Matricule, Prénom, Nom, Courriel, Actif, Téléphone",
        &[
            "A1001, Camille, Dubois, Camille.Dubois@societe.fr, oui, 01 23 45 67 89",
            "A1002, Théo, Lefèvre, theo.lefevre@societe.fr, non, +33 6 12 34 56 78",
        ],
    );
    let profile = build(&file, &scim, "FR");
    // userName is the natural key; the address fills it, so externalId is not needed as one.
    assert_eq!(profile.identifier, "userName");
    assert!(
        unmapped_required(&scim, &profile).is_empty(),
        "{profile:#?}"
    );
    if let Err(e) = profile.check(&scim) {
        panic!("{e}: {profile:#?}");
    }
    let rows = mapped(&profile, &scim, &file);
    assert!(rows[0].contains(&(
        "userName".to_owned(),
        "camille.dubois@societe.fr".to_owned()
    )));
    assert!(rows[0].contains(&("externalId".to_owned(), "A1001".to_owned())));
}

#[test]
fn french_profile_without_addresses_falls_back_to_external_id() {
    let scim = catalog(TargetKind::Scim);
    let file = File::new(
        ',',
        "Matricule, Prénom, Nom, Actif, Téléphone",
        &[
            "A1001, Camille, Dubois, oui, 01 23 45 67 89",
            "A1002, Théo, Lefèvre, non, +33 6 12 34 56 78",
        ],
    );
    let profile = build(&file, &scim, "FR");
    assert_eq!(profile.identifier, "externalId");
    assert_eq!(unmapped_required(&scim, &profile), ["userName"]);
    assert_eq!(
        transforms(&profile, "active"),
        [Transform::Map {
            values: map_pairs(&[("non", "false"), ("oui", "true")]),
            ignore_case: true,
            otherwise: Otherwise::Keep,
        }]
    );
    assert_eq!(
        transforms(&profile, "phoneNumbers[work].value"),
        [Transform::Phone {
            country: "FR".into()
        }]
    );
}

#[test]
fn spanish_profile_keys_auth0_on_email() {
    let auth0 = catalog(TargetKind::Auth0);
    let file = File::new(
        ',',
        "Número de empleado, Nombre, Apellidos, Correo electrónico",
        &[
            "E-0001, Lucía, García López, Lucia.Garcia@empresa.es",
            "E-0002, Javier, Fernández Ruiz, javier.fernandez@empresa.es",
        ],
    );
    let profile = build(&file, &auth0, "ES");
    assert_eq!(profile.identifier, "email");
    assert!(profile.check(&auth0).is_ok(), "{profile:#?}");
    let rows = mapped(&profile, &auth0, &file);
    assert!(rows[0].contains(&("email".to_owned(), "lucia.garcia@empresa.es".to_owned())));
    assert!(rows[0].contains(&("user_id".to_owned(), "E-0001".to_owned())));
}

#[test]
fn weak_suggestions_are_not_mapped() {
    let lms = catalog(TargetKind::Lms);
    let file = File::new(
        ';',
        "Personalnummer;E-Mail;Vorname;Nachname;Benutzername",
        &[
            "1;15.03.1985;Anna;Schmidt;aschmidt",
            "2;01.02.1990;Ben;Braun;bbraun",
        ],
    );
    let suggestions = file.suggest(&lms);
    assert!(find(&suggestions, "email").confidence < MAP_THRESHOLD);
    let profile = profile_from(&lms, &suggestions, &file.rows, &file.columns, "DE");
    assert!(!profile.fields.iter().any(|m| m.target == "email"));
    assert_eq!(unmapped_required(&lms, &profile), ["email"]);
}

#[test]
fn no_key_column_still_names_the_natural_key() {
    let lms = catalog(TargetKind::Lms);
    let file = File::new(';', "Vorname;Nachname", &["Anna;Schmidt"]);
    let profile = build(&file, &lms, "DE");
    assert_eq!(profile.identifier, "uid");
    assert_eq!(unmapped_required(&lms, &profile), ["uid", "login", "email"]);
    assert!(profile.check(&lms).is_err());
}

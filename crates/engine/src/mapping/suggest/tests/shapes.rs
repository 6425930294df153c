//! Values deciding where headers cannot: an email column headed "Kontakt", columns that
//! fit nothing, headers that say one thing while the values say another.

use super::*;

fn kontakt() -> File {
    File::new(
        ';',
        "Personalnummer;Name;Vorname;Kontakt;Lieblingsfarbe;Kostenstelle",
        &[
            "4711;Schmidt;Anna;anna.schmidt@firma.de;Blau;K100",
            "4712;Braun;Ben;ben.braun@firma.de;Grün;K100",
            "4713;Klein;Clara;clara.klein@firma.de;Rot;K200",
        ],
    )
}

#[test]
fn email_values_win_over_a_silent_header() {
    let suggestions = kontakt().suggest(&catalog(TargetKind::Lms));
    assert_columns(
        &suggestions,
        &[
            ("email", Some("Kontakt")),
            ("uid", Some("Personalnummer")),
            ("firstname", Some("Vorname")),
            // Beside "Vorname", "Name" is the family name.
            ("secondname", Some("Name")),
        ],
    );
    let email = find(&suggestions, "email");
    assert_eq!(
        email.reason,
        "header \"Kontakt\" says nothing, but 100% of sampled values are email addresses"
    );
    assert!(email.confidence >= 0.5 && email.confidence < find(&suggestions, "uid").confidence);
}

#[test]
fn columns_that_fit_nothing_stay_unused() {
    for kind in [TargetKind::Lms, TargetKind::Auth0, TargetKind::Authgear] {
        let suggestions = kontakt().suggest(&catalog(kind));
        for unused in ["Lieblingsfarbe", "Kostenstelle"] {
            assert!(
                !suggestions
                    .iter()
                    .any(|s| s.column.as_deref() == Some(unused)),
                "{kind}: {unused} {suggestions:#?}"
            );
        }
    }
    // SCIM has a cost center: there the column is used.
    let scim = kontakt().suggest(&catalog(TargetKind::Scim));
    assert_eq!(
        column(&scim, &enterprise("costCenter")),
        Some("Kostenstelle")
    );
}

#[test]
fn values_that_contradict_the_header_lower_the_confidence() {
    let file = File::new(
        ';',
        "Personalnummer;E-Mail;Vorname;Nachname",
        &["1;15.03.1985;Anna;Schmidt", "2;01.02.1990;Ben;Braun"],
    );
    let suggestions = file.suggest(&catalog(TargetKind::Lms));
    let email = find(&suggestions, "email");
    assert_eq!(email.column.as_deref(), Some("E-Mail"));
    assert!(email.confidence < 0.5, "{email:?}");
    assert_eq!(
        email.reason,
        "header \"E-Mail\" means email; but 100% of sampled values are dates"
    );
}

#[test]
fn a_mobile_column_of_numbers_is_found_without_a_header() {
    let file = File::new(
        ';',
        "ID;Vorname;Nachname;Erreichbar unter",
        &["1;Anna;Schmidt;+49 170 1234567", "2;Ben;Braun;0171 2345678"],
    );
    let suggestions = file.suggest(&catalog(TargetKind::Lms));
    let phone = find(&suggestions, "phone");
    assert_eq!(phone.column.as_deref(), Some("Erreichbar unter"));
    assert!(phone.confidence >= 0.5, "{phone:?}");
}

#[test]
fn dates_alone_are_not_mapped() {
    let file = File::new(
        ';',
        "Personalnummer;Vorname;Nachname;Datum",
        &["1;Anna;Schmidt;15.03.1985", "2;Ben;Braun;01.02.1990"],
    );
    let suggestions = file.suggest(&catalog(TargetKind::Lms));
    for field in ["birth_date", "date_of_employment"] {
        assert!(find(&suggestions, field).confidence < 0.5, "{field}");
    }
}

#[test]
fn no_sample_and_no_columns() {
    let columns: Vec<String> = GERMAN.split(';').map(str::to_owned).collect();
    let suggestions = crate::mapping::suggest::suggest(&catalog(TargetKind::Lms), &columns, &[]);
    assert_eq!(column(&suggestions, "email"), Some("E-Mail"));
    assert!(find(&suggestions, "email").confidence < 1.0);
    let none = crate::mapping::suggest::suggest(&catalog(TargetKind::Lms), &[], &[]);
    assert!(
        none.iter()
            .all(|s| s.column.is_none() && s.confidence == 0.0)
    );
    let blank = vec![String::new(), " ".to_owned()];
    let rows = [Row::from_cells(2, ["a@x.de", "b@x.de"])];
    let blank = crate::mapping::suggest::suggest(&catalog(TargetKind::Lms), &blank, &rows);
    assert!(blank.iter().all(|s| s.column.is_none()));
}

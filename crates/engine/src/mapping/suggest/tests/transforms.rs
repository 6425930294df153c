//! Transforms added from the sample, and left out when values are already what the
//! target wants.

use super::*;
use crate::mapping::transform::{DateOutput, Transform};

#[test]
fn transforms_only_when_values_need_them() {
    let authgear = catalog(TargetKind::Authgear);
    let columns = "E-Mail;Geburtsdatum;Mobil;Deaktiviert";
    let local = File::new(
        ';',
        columns,
        &[
            "a@x.de;15.03.1985;0170 1234567;nein",
            "b@x.de;01.02.1990;0171 2345678;ja",
        ],
    );
    let profile = build(&local, &authgear, "DE");
    assert!(profile.check(&authgear).is_ok(), "{profile:#?}");
    assert_eq!(
        transforms(&profile, "birthdate"),
        [Transform::Date {
            to: DateOutput::Iso,
            day_first: Some(true),
            from: vec![]
        }]
    );
    assert_eq!(
        transforms(&profile, "phone_number"),
        [Transform::Phone {
            country: "DE".into()
        }]
    );
    assert!(matches!(
        transforms(&profile, "disabled"),
        [Transform::Map { .. }]
    ));

    let clean = File::new(
        ';',
        columns,
        &[
            "a@x.de;1985-03-15;+491701234567;false",
            "b@x.de;1990-02-01;+491712345678;true",
        ],
    );
    let profile = build(&clean, &authgear, "DE");
    assert!(transforms(&profile, "birthdate").is_empty());
    assert!(transforms(&profile, "phone_number").is_empty());
    assert_eq!(transforms(&profile, "disabled"), [Transform::Trim]);
}

use std::collections::HashMap;

use super::*;
use crate::connect::kind::kept_secret_names;

#[test]
fn every_kind_is_listed_once_per_role_with_the_secret_it_needs_first() {
    let kinds = connection_kinds();
    let names: Vec<(&str, Role)> = kinds.iter().map(|k| (k.kind.name(), k.role)).collect();
    assert_eq!(
        names,
        [
            ("auth0", Role::Target),
            ("authgear", Role::Target),
            ("lms", Role::Target),
            ("scim", Role::Target),
            ("rest", Role::Target),
            ("hris", Role::Source),
            ("scim", Role::Source),
            ("rest-source", Role::Source),
        ]
    );
    for kind in &kinds {
        let needed = kind.kind.secret_name(None);
        assert_eq!(kind.secrets[0].key, needed, "{}", kind.label);
        // Every secret asked for is one removing the connection deletes.
        let kept = kept_secret_names(kind.kind.name());
        for secret in &kind.secrets {
            assert!(kept.contains(&secret.key), "{} {}", kind.label, secret.key);
        }
    }
}

#[test]
fn a_missing_required_setting_and_a_value_off_its_choices_are_named() {
    let authgear = ConnectionKind::Target(TargetKind::Authgear);
    let mut settings: HashMap<&str, &str> =
        HashMap::from([("project_id", "myapp"), ("key_id", "k1")]);
    let missing = check_settings(authgear, |k| settings.get(k).copied()).expect_err("identifier");
    assert_eq!(
        missing.to_string(),
        "Authgear connections need the setting \"Login ID records are keyed on\" (identifier); fill it in and save again"
    );
    settings.insert("identifier", "nickname");
    let off = check_settings(authgear, |k| settings.get(k).copied()).expect_err("choice");
    assert!(
        off.to_string()
            .ends_with("takes one of email, phone_number, preferred_username"),
        "{off}"
    );
    settings.insert("identifier", "Email");
    assert_eq!(
        check_settings(authgear, |k| settings.get(k).copied()),
        Ok(())
    );
    // A blank value is no value.
    let lms = ConnectionKind::Target(TargetKind::Lms);
    assert_eq!(check_settings(lms, |_| Some(" ")), Ok(()));
    let rest_source = ConnectionKind::Source("rest-source");
    assert!(matches!(
        check_settings(rest_source, |_| Some(" ")),
        Err(SettingsProblem::Missing {
            key: "identifier",
            ..
        })
    ));
}

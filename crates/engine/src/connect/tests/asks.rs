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

#[test]
fn a_token_url_must_be_https_or_on_this_computer() {
    let rest_source = ConnectionKind::parse("rest-source").unwrap();
    let with = |token_url: &'static str| {
        let settings: HashMap<&str, &str> = [
            ("identifier", "employeeId"),
            ("path", "/people"),
            ("records", "/items"),
            ("auth", "client_credentials"),
            ("token_url", token_url),
        ]
        .into();
        check_settings(rest_source, |k| settings.get(k).copied())
    };
    assert_eq!(with("https://login.example.com/oauth/token"), Ok(()));
    assert_eq!(with("http://127.0.0.1:4000/oauth/token"), Ok(()));
    let refused = with("http://login.example.com/oauth/token")
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("\"token_url\" cannot be used"),
        "{refused}"
    );
    assert!(refused.contains("only over https://"), "{refused}");
}

#[test]
fn request_parameters_named_like_credentials_are_refused() {
    assert_eq!(
        check_parameter_names(["path", "param.page_size", "param.tokenizer"]),
        Ok(())
    );
    for key in [
        "param.api_key",
        "param.access_token",
        "param.API-Key",
        "param.token",
    ] {
        let refused = check_parameter_names(["path", key])
            .unwrap_err()
            .to_string();
        assert!(refused.contains(&format!("\"{key}\"")), "{refused}");
        assert!(
            refused.contains("save the credential as the connection's secret"),
            "{refused}"
        );
    }
}

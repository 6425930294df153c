use super::*;

#[test]
fn kinds_parse_in_any_case_and_scim_is_the_target() {
    assert_eq!(
        ConnectionKind::parse(" Auth0 "),
        Ok(ConnectionKind::Target(TargetKind::Auth0))
    );
    assert_eq!(
        ConnectionKind::parse("scim"),
        Ok(ConnectionKind::Target(TargetKind::Scim))
    );
    assert_eq!(
        ConnectionKind::parse("REST-source"),
        Ok(ConnectionKind::Source("rest-source"))
    );
    let unknown = ConnectionKind::parse("ldap").expect_err("not a kind");
    assert!(unknown.to_string().contains("\"ldap\""), "{unknown}");
    assert_eq!(ConnectionKind::Source("hris").to_string(), "hris source");
    assert_eq!(ConnectionKind::Target(TargetKind::Lms).to_string(), "lms");
}

#[test]
fn the_secret_a_connection_needs_follows_its_kind_and_authentication() {
    let auth0 = ConnectionKind::Target(TargetKind::Auth0);
    assert_eq!(auth0.secret_name(None), "client_secret");
    let rest_source = ConnectionKind::Source("rest-source");
    assert_eq!(rest_source.secret_name(None), "token");
    assert_eq!(rest_source.secret_name(Some("basic")), "password");
    assert_eq!(
        rest_source.secret_name(Some("client_credentials")),
        "client_secret"
    );
}

#[test]
fn a_scim_connection_keeps_the_secrets_of_a_target_and_a_source() {
    assert_eq!(kept_secret_names("authgear"), ["private_key"]);
    assert_eq!(
        kept_secret_names("scim"),
        ["token", "password", "client_secret", "webhook_secret"]
    );
    assert_eq!(
        kept_secret_names("hris"),
        ["token", "password", "client_secret", "webhook_secret"]
    );
    assert!(kept_secret_names("ldap").is_empty());
}

//! The filter language on its own: parsing and matching.

use serde_json::json;

use crate::scim::filter::parse;

#[test]
fn operators_match_as_rfc_7644_describes() {
    let anna = json!({
        "userName": "Anna.Berg", "externalId": "E-1", "active": true, "title": "",
        "name": {"givenName": "Anna"},
        "emails": [{"value": "anna@work.example", "type": "work"}, {"value": "a@home.example", "type": "home"}],
        "meta": {"lastModified": "2024-04-04T06:56:36Z"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "42"}
    });
    let expectations = [
        (r#"userName eq "anna.berg""#, true),
        (r#"USERNAME Eq "ANNA.BERG""#, true),
        (r#"userName ne "anna.berg""#, false),
        (r#"userName co "berg""#, true),
        (r#"userName sw "anna""#, true),
        (r#"userName ew ".berg""#, true),
        (r#"externalId eq "e-1""#, false),
        (r#"emails.value eq "A@HOME.EXAMPLE""#, true),
        (r#"emails eq "anna@work.example""#, true),
        (r#"emails[type eq "home" and value sw "anna"]"#, false),
        (r#"emails[type eq "work" or type eq "other"]"#, true),
        (r#"name.givenName pr"#, true),
        (r#"title pr"#, false),
        (r#"nickName pr"#, false),
        (r#"active eq true"#, true),
        (r#"active eq false or userName eq "x""#, false),
        (
            r#"not (active eq false) and (userName eq "x" or externalId eq "E-1")"#,
            true,
        ),
        (r#"meta.lastModified gt "2024-01-01T00:00:00Z""#, true),
        (r#"meta.lastModified lt "2024-01-01T00:00:00Z""#, false),
        (
            r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "42""#,
            true,
        ),
        (
            r#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "Anna.Berg""#,
            true,
        ),
        (r#"nickName eq null"#, true),
    ];
    for (filter, expected) in expectations {
        let parsed = parse(filter).unwrap_or_else(|e| panic!("{filter}: {e}"));
        assert_eq!(parsed.matches(&anna), expected, "{filter}");
    }
}

#[test]
fn and_binds_tighter_than_or() {
    let user = json!({"userName": "x", "title": "a"});
    let parsed = parse(r#"userName eq "x" or userName eq "y" and title eq "b""#).expect("parse");
    assert!(parsed.matches(&user), "x or (y and b)");
    let grouped = parse(r#"(userName eq "x" or userName eq "y") and title eq "b""#).expect("parse");
    assert!(!grouped.matches(&user));
}

#[test]
fn malformed_filters_are_invalid_filter() {
    for filter in [
        "",
        "userName",
        r#"userName eq "a" and"#,
        r#"emails[type eq "work""#,
        r#"not userName eq "a""#,
        r#"1abc eq "a""#,
        r#"userName co true"#,
    ] {
        let error = parse(filter).expect_err(filter);
        assert_eq!(error.status, 400, "{filter}");
        assert_eq!(
            error.scim_type.map(|t| t.as_str()),
            Some("invalidFilter"),
            "{filter}"
        );
    }
}

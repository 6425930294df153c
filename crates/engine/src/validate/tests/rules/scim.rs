//! SCIM's rules, with RFC 7643's example User as the valid input.

use super::{counts, profile, run, summary};
use crate::target::catalog::scim;
use crate::validate::Severity;

#[test]
fn scim_countries_and_locales() {
    let scim_profile = profile(
        "scim",
        "userName",
        &[
            ("userName", "Login"),
            ("addresses[work].country", "Country"),
            ("addresses[home].country", "Home country"),
            ("locale", "Locale"),
        ],
    );
    let rows: [&[&str]; 2] = [
        // RFC 7643's Barbara Jensen, with the alpha-2 codes §4.1.2 gives as examples.
        &["bjensen@example.com", "US", "SE", "en-US"],
        &["mjensen@example.com", "USA", "de", "en_US"],
    ];
    let (issues, found) = run(&scim::catalog(), &scim_profile, &rows);
    assert_eq!(
        summary(&issues),
        vec![
            (
                3,
                "addresses[work].country",
                "scim_country_not_alpha2",
                Severity::Warning
            ),
            (
                3,
                "addresses[home].country",
                "scim_country_not_alpha2",
                Severity::Warning
            ),
            (3, "locale", "scim_locale_invalid", Severity::Warning),
        ]
    );
    assert!(
        issues[0]
            .message
            .starts_with("\"USA\" in column \"Country\" is not an ISO 3166-1 alpha-2 country code"),
        "{}",
        issues[0].message
    );
    assert!(
        issues[2]
            .message
            .ends_with("Write it with a hyphen (en-US, not en_US)."),
        "{}",
        issues[2].message
    );
    assert_eq!(found, counts(2, 0));
}

//! SCIM 2.0: what RFC 7643 asks of a User's values beyond the catalog's kinds, limited to
//! the attributes the catalog offers (`userName` being required is the field checks' job,
//! `active` is a boolean kind, and which `emails` entry is primary is the connector's
//! choice, so neither needs a rule here).
//! - §4.1.2 `addresses.country`: "When specified, the value MUST be in ISO 3166-1 "alpha-2"
//!   code format; e.g., the United States and Sweden are "US" and "SE"". The RFC's own full
//!   User example (§8.2) writes "USA", and service providers differ in how strict they are,
//!   so this is a warning (`scim_country_not_alpha2`).
//! - §4.1.1 `locale`: "A valid value is a language tag as defined in [RFC5646]", such as
//!   `en-US`. The check is RFC 5646's shape (a 2–8 letter language, then 1–8 character
//!   subtags joined by hyphens), which catches the usual `en_US`; a warning for the same
//!   reason (`scim_locale_invalid`).

use super::{Report, position};
use crate::mapping::Mapper;

/// The address types the catalog offers a `country` for.
const ADDRESS_TYPES: [&str; 2] = ["work", "home"];

/// The fields SCIM's rules read, by position among the mapper's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScimRules {
    countries: [Option<usize>; 2],
    locale: Option<usize>,
}

impl ScimRules {
    pub fn new(mapper: &Mapper) -> ScimRules {
        ScimRules {
            countries: ADDRESS_TYPES
                .map(|kind| position(mapper, &format!("addresses[{kind}].country"))),
            locale: position(mapper, "locale"),
        }
    }

    pub(super) fn check(&self, report: &mut Report<'_>) {
        for at in self.countries {
            if let Some((index, country)) = report.value(at)
                && !is_alpha2(country)
            {
                let message = format!(
                    "\"{country}\" in {} is not an ISO 3166-1 alpha-2 country code, which SCIM \
                     asks for (two capital letters: DE, US, SE). Some services refuse other \
                     values; a value map transform can turn country names into codes.",
                    report.source(index)
                );
                report.warning(index, "scim_country_not_alpha2", message);
            }
        }
        if let Some((index, locale)) = report.value(self.locale)
            && !is_language_tag(locale)
        {
            let hint = if locale.contains('_') {
                " Write it with a hyphen (en-US, not en_US)."
            } else {
                ""
            };
            let message = format!(
                "\"{locale}\" in {} is not a language tag such as en-US or de-CH, which SCIM asks \
                 for in locale. Some services refuse other values.{hint}",
                report.source(index)
            );
            report.warning(index, "scim_locale_invalid", message);
        }
    }
}

fn is_alpha2(value: &str) -> bool {
    value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase())
}

/// RFC 5646's outline: a language of 2–8 letters, then subtags of 1–8 letters or digits.
fn is_language_tag(value: &str) -> bool {
    let mut subtags = value.split('-');
    let language = subtags.next().unwrap_or_default();
    (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

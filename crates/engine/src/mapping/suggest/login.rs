//! The second exception to "one field per column": a required login field that no column of
//! its own fills (LMS `login`, SCIM `userName`, Authgear `preferred_username` when it is the
//! request's identifier) takes the column already chosen for the email field as well.
//!
//! Most HR exports carry no logins, while these targets refuse a person without one; the
//! work address is unique per person and what people usually sign in with, so it is the
//! login a person would type in by hand. A login column that fits well enough to be mapped
//! always wins. Optional login fields (Auth0 `username`) stay empty: the target does without
//! them, and a connection that uses usernames does not expect addresses there.

use super::Suggestion;
use super::build::MAP_THRESHOLD;
use super::concept::Concept;
use super::fields::{Wants, wants};
use crate::target::catalog::{Catalog, Field};

/// Confidence kept when the login comes from the email column: below the email match, since
/// the target may expect a short name rather than an address.
const FROM_EMAIL_FACTOR: f32 = 0.8;

/// Points each required login field without a mappable column of its own at the email
/// field's column. `wants` and `suggestions` are in catalog order, one entry per field.
pub(crate) fn fill_from_email(catalog: &Catalog, wants: &[Wants], suggestions: &mut [Suggestion]) {
    let Some((_, email)) = email_source(catalog, suggestions) else {
        return;
    };
    let Some(header) = email.column.clone() else {
        return;
    };
    let confidence = email.confidence * FROM_EMAIL_FACTOR;
    let fields = catalog.fields.iter().zip(wants);
    for ((field, field_wants), suggestion) in fields.zip(suggestions.iter_mut()) {
        if !field.required || !takes_login(field_wants) {
            continue;
        }
        let used = format!("the email address in \"{header}\" is used as the login");
        let reason = match &suggestion.column {
            None => format!("{}; {used}", suggestion.reason),
            // A login column too weak to be mapped would leave the field open; the address
            // is the better start, and the reason names the column passed over.
            Some(own)
                if suggestion.confidence < MAP_THRESHOLD && suggestion.confidence < confidence =>
            {
                format!(
                    "\"{own}\" is a weak fit for {}; {used}",
                    Concept::Username.label()
                )
            }
            Some(_) => continue,
        };
        suggestion.column = Some(header.clone());
        suggestion.confidence = confidence;
        suggestion.reason = reason;
    }
}

/// The email field and its suggestion: among the fields whose first concept is the email
/// (LMS `email`, SCIM `emails[work].value`), the one whose column is most certain.
pub(crate) fn email_source<'c, 's>(
    catalog: &'c Catalog,
    suggestions: &'s [Suggestion],
) -> Option<(&'c Field, &'s Suggestion)> {
    catalog
        .fields
        .iter()
        .filter(|field| wants(field).first().is_some_and(|w| w.0 == Concept::Email))
        .filter_map(|field| {
            suggestions
                .iter()
                .find(|s| s.field == field.name && s.column.is_some())
                .map(|s| (field, s))
        })
        // `max_by` keeps the last of equals; reversing keeps catalog order on ties.
        .rev()
        .max_by(|a, b| a.1.confidence.total_cmp(&b.1.confidence))
}

/// The email field whose column feeds `field`, when `field` is a login fed that way: its
/// values are addresses, so it is given the email field's transforms.
pub(crate) fn fed_by_email<'a>(
    catalog: &'a Catalog,
    suggestions: &[Suggestion],
    field: &Field,
    column: &str,
) -> Option<&'a Field> {
    if !takes_login(&wants(field)) {
        return None;
    }
    let (email_field, email) = email_source(catalog, suggestions)?;
    (email.column.as_deref() == Some(column)).then_some(email_field)
}

/// Whether a field taking `wants` is a login.
fn takes_login(wants: &Wants) -> bool {
    wants.first().is_some_and(|w| w.0 == Concept::Username)
}

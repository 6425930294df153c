//! The one error type of transforms: a stable machine code (for reports, filters and
//! translations) plus a sentence for the person fixing the spreadsheet.

use std::fmt::Write as _;

/// Why a value could not be transformed: a stable code and a sentence for people that
/// quotes the value and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TransformError {
    /// One of the `TransformError::*` code constants; stable across releases.
    pub code: &'static str,
    /// A sentence for people: quotes the value and says what to do.
    pub message: String,
}

impl TransformError {
    /// A date the parser could not read, or a date that does not exist (31.02.2020).
    pub const DATE_UNPARSEABLE: &'static str = "date_unparseable";
    /// A date like 03/04/2020 that reads both ways and no `day_first` was set.
    pub const DATE_AMBIGUOUS: &'static str = "date_ambiguous";
    /// A phone number that is not a valid number of its country.
    pub const PHONE_INVALID: &'static str = "phone_invalid";
    /// A value missing from a `map` transform whose `otherwise` is "error".
    pub const VALUE_UNMAPPED: &'static str = "value_unmapped";
    /// A full name that holds no name at all (only punctuation).
    pub const NAME_EMPTY: &'static str = "name_empty";
    /// A transform's own settings are wrong (found by `check` when a profile loads).
    pub const BAD_SETTING: &'static str = "bad_setting";

    /// Builds an error from a code constant and a message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn bad_setting(message: impl Into<String>) -> Self {
        Self::new(Self::BAD_SETTING, message)
    }
}

/// Quotes a cell value for a message: in double quotes, cut after 60 characters so one
/// pasted paragraph does not flood a report.
pub(crate) fn quote(value: &str) -> String {
    const LIMIT: usize = 60;
    let mut out = String::with_capacity(value.len().min(LIMIT * 4) + 3);
    out.push('"');
    let mut chars = value.chars();
    for c in chars.by_ref().take(LIMIT) {
        out.push(c);
    }
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('"');
    out
}

/// Joins up to `max` items for a message ("a, b, c and 4 more").
pub(crate) fn list<'a>(items: impl Iterator<Item = &'a str>, max: usize) -> String {
    let mut out = String::new();
    let mut rest = 0usize;
    for (i, item) in items.enumerate() {
        if i < max {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&quote(item));
        } else {
            rest += 1;
        }
    }
    if rest > 0 {
        let _ = write!(out, " and {rest} more");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_cuts_long_values() {
        assert_eq!(quote("abc"), "\"abc\"");
        let long = "x".repeat(100);
        let quoted = quote(&long);
        assert!(quoted.ends_with("…\""));
        assert_eq!(quoted.chars().count(), 60 + 3);
    }

    #[test]
    fn list_counts_the_rest() {
        let items = ["a", "b", "c", "d"];
        assert_eq!(list(items.iter().copied(), 2), "\"a\", \"b\" and 2 more");
        assert_eq!(list(items.iter().copied(), 5), "\"a\", \"b\", \"c\", \"d\"");
    }

    #[test]
    fn display_is_the_message() {
        let e = TransformError::new(TransformError::NAME_EMPTY, "no name");
        assert_eq!(e.to_string(), "no name");
        assert_eq!(e.code, "name_empty");
    }
}

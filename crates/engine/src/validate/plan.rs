//! What each mapped field needs checked, worked out once per mapping instead of for every
//! cell: most fields of an HR file are text that any value fits, and most checked values
//! pass. A [`Plan`] says whether a field can be skipped, and answers a fast yes for the
//! kinds most files hold; anything else (and every no) goes to `kind::check`, which says
//! what is wrong, so the issues are the same with or without the plan.

use super::email;
use super::kind::is_fixed_date;
use crate::target::catalog::{BoolEncoding, DateFormat, Field, FieldKind};

/// The checks of one mapped field.
#[derive(Debug, Clone, Copy)]
pub(super) struct Plan {
    /// The field's position among the mapper's fields.
    pub index: usize,
    /// An empty value is an error: the field is required or identifies records.
    pub must_fill: bool,
    /// The value's length in bytes at or below which it is short enough for sure (a
    /// character is at least a byte).
    short: usize,
    fit: Fit,
}

/// Which values surely fit a field's kind, as far as the plan tells quickly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Any value: text and lists.
    Any,
    Email,
    /// A date in one of the fixed ten-character forms the field accepts.
    Dates {
        iso: bool,
        day_month_year: bool,
    },
    /// One of two exact words (a boolean's).
    Either(&'static str, &'static str),
    /// Only `kind::check` can tell.
    Ask,
}

impl Plan {
    /// The plan of mapped field `index`, whose catalog field is `field`; `identifies` when
    /// it is the profile's identifier.
    pub fn new(index: usize, field: &Field, identifies: bool) -> Plan {
        let fit = match &field.kind {
            FieldKind::Text | FieldKind::List { .. } => Fit::Any,
            FieldKind::Email => Fit::Email,
            FieldKind::Date { format, also } => {
                let formats = || std::iter::once(format).chain(also);
                if formats().all(|f| *f != DateFormat::DateTime) {
                    Fit::Dates {
                        iso: formats().any(|f| *f == DateFormat::Iso),
                        day_month_year: formats().any(|f| *f == DateFormat::DayMonthYear),
                    }
                } else {
                    Fit::Ask
                }
            }
            FieldKind::Boolean {
                encoding: BoolEncoding::Json,
            } => Fit::Either("true", "false"),
            FieldKind::Boolean {
                encoding: BoolEncoding::ZeroOne,
            } => Fit::Either("0", "1"),
            _ => Fit::Ask,
        };
        Plan {
            index,
            must_fill: field.required || identifies,
            short: field.max_length.unwrap_or(usize::MAX),
            fit,
        }
    }

    /// Whether no value of the field can have an issue: it may be empty, and any value
    /// fits.
    pub fn skips(&self) -> bool {
        !self.must_fill && self.short == usize::MAX && self.fit == Fit::Any
    }

    /// Whether non-blank `value` surely passes `kind::check`; false when it may not.
    #[inline]
    pub fn passes(&self, value: &str) -> bool {
        value.len() <= self.short
            && match self.fit {
                Fit::Any => true,
                Fit::Email => email::plain(value),
                Fit::Dates {
                    iso,
                    day_month_year,
                } => is_fixed_date(value, iso, day_month_year),
                Fit::Either(one, other) => value == one || value == other,
                Fit::Ask => false,
            }
    }
}

#[cfg(test)]
#[path = "tests/plan.rs"]
mod tests;

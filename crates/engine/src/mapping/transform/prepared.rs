//! Transforms made ready for many rows, the mapper's form of a field's `transforms`.
//!
//! [`apply_all`] runs a chain and appends its result to a buffer the caller keeps (the
//! record's slot), so the last step writes its output there instead of into a fresh
//! `String`: a date or a lower-cased e-mail costs no allocation once the slot is long
//! enough. Steps before the last pass `Cow`s as [`Transform::apply`] does. A `map`
//! step looks small ASCII tables up in an [`AsciiTable`] built once. Every result is
//! [`Transform::apply`]'s, text for text.

use std::borrow::Cow;

use super::map_table::{AsciiTable, Lookup};
use super::{CaseStyle, Otherwise, Transform, TransformError, case, date, is_blank, trim};

/// One transform and what was worked out for it before the first row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prepared {
    transform: Transform,
    table: Option<AsciiTable>,
}

impl Prepared {
    pub(crate) fn new(transform: Transform) -> Prepared {
        let table = match &transform {
            Transform::Map {
                values,
                ignore_case,
                ..
            } => AsciiTable::new(values, *ignore_case),
            _ => None,
        };
        Prepared { transform, table }
    }

    /// [`Transform::apply`]; a `map` result may borrow from the prepared table.
    pub(crate) fn apply<'a>(&'a self, value: Cow<'a, str>) -> Result<Cow<'a, str>, TransformError> {
        if let Some(found) = self.quick_map(&value) {
            return Ok(match found {
                Quick::Mapped(mapped) => Cow::Borrowed(mapped),
                Quick::Keep => value,
            });
        }
        self.transform.apply(value)
    }

    /// [`Transform::apply`]'s result appended to `out`, which an error leaves as it was.
    /// Inlined into [`apply_all`], its one caller, to save a call per field.
    #[inline(always)]
    pub(crate) fn apply_into(&self, value: &str, out: &mut String) -> Result<(), TransformError> {
        match &self.transform {
            Transform::Trim => trim::collapse_into(value, out),
            // Blank values pass every other transform unchanged, or become `default`'s.
            _ if is_blank(value) => out.push_str(&self.transform.apply(Cow::Borrowed(value))?),
            Transform::Case {
                to: CaseStyle::Lower,
            } => case::lower_into(value, out),
            Transform::Date {
                to,
                day_first,
                from,
            } => date::apply_into(value, *to, *day_first, from, out)?,
            other => match self.quick_map(value) {
                Some(Quick::Mapped(mapped)) => out.push_str(mapped),
                Some(Quick::Keep) => out.push_str(value),
                None => out.push_str(&other.apply(Cow::Borrowed(value))?),
            },
        }
        Ok(())
    }

    /// A `map` step's answer from its prepared table, when that settles it: found, or
    /// missing with `otherwise` keep or empty. `None` leaves it to `map::apply`, which
    /// also words the error of a missing value.
    fn quick_map(&self, value: &str) -> Option<Quick<'_>> {
        let (Some(table), Transform::Map { otherwise, .. }) = (&self.table, &self.transform) else {
            return None;
        };
        if is_blank(value) {
            return None;
        }
        match (table.get(value), otherwise) {
            (Lookup::Found(mapped), _) => Some(Quick::Mapped(mapped)),
            (Lookup::Missing, Otherwise::Keep) => Some(Quick::Keep),
            (Lookup::Missing, Otherwise::Empty) => Some(Quick::Mapped("")),
            (Lookup::Missing, Otherwise::Error) | (Lookup::Unknown, _) => None,
        }
    }
}

enum Quick<'m> {
    Mapped(&'m str),
    Keep,
}

/// Runs `steps` over `raw` and appends the result to `out`; on an error `out` may hold
/// part of a result, and the caller decides what the field gets.
#[inline]
pub(crate) fn apply_all(
    steps: &[Prepared],
    raw: &str,
    out: &mut String,
) -> Result<(), TransformError> {
    let Some((last, before)) = steps.split_last() else {
        out.push_str(raw);
        return Ok(());
    };
    let mut value = Cow::Borrowed(raw);
    for step in before {
        value = step.apply(value)?;
    }
    last.apply_into(&value, out)
}

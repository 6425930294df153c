//! Giving each field at most one column and each column at most one field.
//!
//! Greedy by score: all (field, column) pairs that score at least [`FLOOR`] are taken best
//! first; a pair whose field or column is already taken is passed over. Ties go to required
//! fields, then identifier fields, then catalog order, so SCIM's `externalId` gets the
//! personnel number before the enterprise `employeeNumber` does.
//!
//! Two exceptions to "one field per column": when given- or family-name fields are still
//! empty afterwards and a column holds full names, that column feeds them too, through a
//! `split_name` transform in the profile; and a required login field left without a column
//! of its own takes the email column too (`login`).

use super::Suggestion;
use super::concept::Concept;
use super::fields::Wants;
use super::login;
use super::score::{Column, percent, score};
use crate::mapping::transform::NamePart;
use crate::target::catalog::Catalog;

/// Pairs below this are not suggested at all.
pub(crate) const FLOOR: f32 = 0.3;
/// A full-name column's own reading must be at least this to feed name parts.
const FULL_NAME_FLOOR: f32 = 0.5;
/// Confidence kept when a name part comes from splitting a full name.
const SPLIT_FACTOR: f32 = 0.85;

/// One suggestion per catalog field, in catalog order.
pub(crate) fn assign(catalog: &Catalog, wants: &[Wants], columns: &[Column]) -> Vec<Suggestion> {
    let mut pairs: Vec<(usize, usize, f32, String)> = Vec::new();
    for (f, field_wants) in wants.iter().enumerate() {
        for (c, column) in columns.iter().enumerate() {
            if let Some((confidence, reason)) = score(field_wants, column)
                && confidence >= FLOOR
            {
                pairs.push((f, c, confidence.clamp(0.0, 1.0), reason));
            }
        }
    }
    let rank = |f: usize| {
        catalog
            .fields
            .get(f)
            .map_or((false, false), |field| (field.required, field.identifier))
    };
    pairs.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then_with(|| rank(b.0).cmp(&rank(a.0)))
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });

    // One slot per field; `wants` has one entry per catalog field.
    let mut chosen: Vec<Option<(usize, f32, String)>> = vec![None; wants.len()];
    let mut used = vec![false; columns.len()];
    let mut missed: Vec<Option<(usize, usize)>> = vec![None; wants.len()];
    for (f, c, confidence, reason) in pairs {
        match (&chosen[f], used[c]) {
            (None, false) => {
                chosen[f] = Some((c, confidence, reason));
                used[c] = true;
            }
            (None, true) if missed[f].is_none() => {
                // Remember the best column a field lost, to say so.
                let owner = chosen
                    .iter()
                    .position(|o| o.as_ref().is_some_and(|o| o.0 == c));
                missed[f] = owner.map(|o| (c, o));
            }
            _ => {}
        }
    }
    split_full_name(wants, columns, &mut chosen);

    let mut suggestions: Vec<Suggestion> = catalog
        .fields
        .iter()
        .enumerate()
        .map(|(f, field)| match chosen.get(f).and_then(Option::as_ref) {
            Some((c, confidence, reason)) => Suggestion {
                field: field.name.clone(),
                column: columns.get(*c).map(|col| col.header.to_owned()),
                confidence: *confidence,
                reason: reason.clone(),
            },
            None => Suggestion {
                field: field.name.clone(),
                column: None,
                confidence: 0.0,
                reason: unmatched_reason(
                    catalog,
                    wants.get(f).map_or(&[][..], Vec::as_slice),
                    columns,
                    missed.get(f).copied().flatten(),
                ),
            },
        })
        .collect();
    login::fill_from_email(catalog, wants, &mut suggestions);
    suggestions
}

/// Feeds given/family name fields that are still empty (or hold the full-name column on a
/// weaker reading) from the best full-name column.
fn split_full_name(
    wants: &[Wants],
    columns: &[Column],
    chosen: &mut [Option<(usize, f32, String)>],
) {
    let full =
        columns
            .iter()
            .enumerate()
            .filter_map(|(c, column)| {
                let reading = column.readings.first()?;
                (reading.concept == Concept::FullName && reading.score >= FULL_NAME_FLOOR)
                    .then_some((c, reading.score, column))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
    let Some((c, header_score, column)) = full else {
        return;
    };
    let values = column
        .shape
        .fit(Concept::FullName.expected_shape())
        .map_or(1.0, |v| 0.6 + 0.4 * v);
    for (f, field_wants) in wants.iter().enumerate() {
        let Some(part) = field_wants.first().and_then(|w| w.0.name_part()) else {
            continue;
        };
        let confidence = header_score * SPLIT_FACTOR * values;
        // A name part may have taken the full-name column on a weak reading ("Full Name"
        // contains "name"); splitting it is the better use.
        let Some(slot) = chosen.get_mut(f) else {
            continue;
        };
        let replace = match slot {
            None => true,
            Some((taken, previous, _)) => *taken == c && *previous < confidence,
        };
        if !replace {
            continue;
        }
        let which = match part {
            NamePart::First => "first",
            NamePart::Middle => "middle",
            NamePart::Last => "last",
        };
        let mut reason = format!(
            "header \"{}\" holds the full name; its {which} part is the {}",
            column.header,
            field_wants.first().map_or("name", |w| w.0.label())
        );
        if column.shape.filled > 0 {
            reason.push_str(&format!(
                "; {}% of sampled values are full names",
                percent(column.shape.full_name)
            ));
        }
        *slot = Some((c, confidence, reason));
    }
}

/// Why a field got no column.
fn unmatched_reason(
    catalog: &Catalog,
    wants: &[(Concept, f32)],
    columns: &[Column],
    missed: Option<(usize, usize)>,
) -> String {
    let Some(&(concept, _)) = wants.first() else {
        return "no column is suggested for this field".to_owned();
    };
    match missed {
        Some((c, owner)) => format!(
            "\"{}\" would fit, but suits \"{}\" better",
            columns.get(c).map_or("", |col| col.header),
            catalog.fields.get(owner).map_or("", |f| f.name.as_str())
        ),
        None => format!("no column looks like {}", concept.label()),
    }
}

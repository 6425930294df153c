//! The checks across records once their tables in memory are full: new values go to disk
//! (`spill.rs`), and once every record was seen the duplicates among them are reported,
//! naming the row that had the value first, and manager references are looked up among
//! them too. Issues found here come after the rows, as a manager who is not in the file
//! does; a record they make invalid was handed on as valid, so [`Late`] says how many.

use std::collections::HashSet;
use std::io;

use super::across::{Across, duplicate_email, duplicate_id};
use super::cross::{Seen, digest};
use super::issue::{Issue, Severity};
use super::pending::Pending;
use super::spill::{Spill, Spilled, part_of};

/// What the checks across records found out only at the end.
#[derive(Debug, Default)]
pub struct Late {
    /// Records handed on as valid that a duplicate found on disk made invalid.
    pub newly_invalid: u64,
    /// Writing or reading the values kept on disk failed: the checks are incomplete.
    pub error: Option<io::Error>,
}

/// One table's values on disk, if it filled up.
#[derive(Default)]
pub(super) struct Spilling {
    spill: Option<Spill>,
    error: Option<io::Error>,
}

impl Spilling {
    /// Records `digest` of `value` on `row` in `seen`, or on disk once `seen` holds `cap`
    /// values; the earlier row if `seen` has it (duplicates on disk are found at the end).
    pub fn place(
        &mut self,
        seen: &mut Seen,
        cap: Option<usize>,
        (digest, row, was_valid): (u64, u64, bool),
        value: &str,
    ) -> Option<u64> {
        match cap {
            Some(cap) if seen.len() >= cap => {
                if let Some(first) = seen.first_row(digest) {
                    return Some(first);
                }
                if self.error.is_none() {
                    let pushed = match &mut self.spill {
                        Some(spill) => spill.push(digest, row, was_valid, value),
                        None => Spill::new().and_then(|mut spill| {
                            spill.push(digest, row, was_valid, value)?;
                            self.spill = Some(spill);
                            Ok(())
                        }),
                    };
                    self.error = pushed.err();
                }
                None
            }
            _ => seen.insert_digest(digest, row),
        }
    }
}

/// The tables' values on disk.
#[derive(Default)]
pub(super) struct Spills {
    pub ids: Spilling,
    pub emails: Spilling,
    pub keys: Vec<Spilling>,
}

impl Spills {
    /// Reports the duplicates among the values on disk and marks the `pending` manager
    /// references found there as `known`.
    pub fn finish<E>(
        self,
        across: &Across<'_>,
        pending: &Pending,
        known: &mut [bool],
        late: &mut Late,
        sink: &mut impl FnMut(Issue) -> Result<(), E>,
    ) -> Result<(), E> {
        let (mapper, catalog, email_index) = across.parts();
        let fields = mapper.fields();
        let id_index = mapper.identifier();
        let mut scratch = String::new();
        // Each pending reference's digests: folded as identifiers are, and as typed.
        let lookups: Vec<(u64, u64)> = pending
            .iter()
            .map(|(_, value)| {
                (
                    digest(value, across.folds_identifiers(), &mut scratch),
                    digest(value, false, &mut scratch),
                )
            })
            .collect();
        let mut newly_invalid = HashSet::new();
        let mut failed: Option<E> = None;
        let mut report = |index: usize, value: &Spilled, message: String, code| {
            if value.was_valid {
                newly_invalid.insert(value.row);
            }
            if failed.is_some() {
                return;
            }
            let bound = &fields[index];
            let sent = sink(Issue {
                row: value.row,
                column: bound.column.clone().unwrap_or_default(),
                field: bound.target.clone(),
                severity: Severity::Error,
                code,
                message,
                value: value.value.clone(),
            });
            failed = sent.err();
        };
        let mut errors = Vec::new();
        let mut read = |spilling: Spilling, each: &mut dyn FnMut(&[Spilled])| {
            errors.extend(spilling.error);
            if let Some(spill) = spilling.spill
                && let Err(e) = spill.read_back(each)
            {
                errors.push(e);
            }
        };
        read(self.ids, &mut |values| {
            for group in values.chunk_by(|a, b| a.digest == b.digest) {
                for again in &group[1..] {
                    let message =
                        duplicate_id(&again.value, &fields[id_index].target, group[0].row);
                    report(id_index, again, message, "duplicate_identifier");
                }
            }
            mark_known(values, &lookups, |l| l.0, known);
        });
        for spilling in self.keys {
            read(spilling, &mut |values| {
                mark_known(values, &lookups, |l| l.1, known)
            });
        }
        if let Some(index) = email_index {
            read(self.emails, &mut |values| {
                for group in values.chunk_by(|a, b| a.digest == b.digest) {
                    for again in &group[1..] {
                        let message = duplicate_email(&again.value, catalog.target, group[0].row);
                        report(index, again, message, "duplicate_email");
                    }
                }
            });
        }
        late.newly_invalid = newly_invalid.len() as u64;
        late.error = errors.into_iter().next();
        match failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// Marks as known each pending reference whose digest (`which` of its two) is among
/// `values`, one file's values sorted by digest.
fn mark_known(
    values: &[Spilled],
    lookups: &[(u64, u64)],
    which: impl Fn(&(u64, u64)) -> u64,
    known: &mut [bool],
) {
    let Some(first) = values.first() else { return };
    let part = part_of(first.digest);
    for (lookup, known) in lookups.iter().zip(known.iter_mut()) {
        let wanted = which(lookup);
        if !*known
            && part_of(wanted) == part
            && values.binary_search_by_key(&wanted, |v| v.digest).is_ok()
        {
            *known = true;
        }
    }
}

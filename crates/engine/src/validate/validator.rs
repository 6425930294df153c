//! The validator: records go in one at a time, issues come out through a sink, and the
//! counts add up at the end. It joins the per-record checks (`fields.rs`) and the checks
//! across records (`across.rs`); `run.rs` runs the same two on several threads.

use super::across::Across;
use super::fields::FieldChecks;
use super::issue::Issue;
use crate::mapping::{Mapper, Record};
use crate::target::catalog::Catalog;

/// Counts of a validation run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub records: u64,
    pub valid: u64,
    pub invalid: u64,
    pub skipped: u64,
}

impl Counts {
    /// Counts one checked record.
    pub(crate) fn add(&mut self, errors: u32) {
        self.records += 1;
        if errors == 0 {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
    }
}

pub struct Validator<'a> {
    fields: FieldChecks<'a>,
    across: Across<'a>,
    counts: Counts,
}

impl<'a> Validator<'a> {
    pub fn new(catalog: &'a Catalog, mapper: &'a Mapper) -> Validator<'a> {
        Validator {
            fields: FieldChecks::new(catalog, mapper),
            across: Across::new(catalog, mapper),
            counts: Counts::default(),
        }
    }

    /// Counts a record that a skip rule left out.
    pub fn skipped(&mut self) {
        self.counts.skipped += 1;
    }

    /// Checks one record; returns whether it is valid (no errors).
    pub fn check(&mut self, record: &Record, sink: &mut impl FnMut(Issue)) -> bool {
        let errors = self.fields.check(record, sink) + self.across.check(record, sink);
        self.counts.add(errors);
        errors == 0
    }

    /// Reports the manager references that point at no record of the file, and the counts.
    pub fn finish(self, sink: &mut impl FnMut(Issue)) -> Counts {
        let finished = self.across.finish(&mut |issue| {
            sink(issue);
            Ok::<(), std::convert::Infallible>(())
        });
        // Nothing goes to disk here (no cap is set), so nothing turns up late.
        match finished {
            Ok(_) => self.counts,
        }
    }
}

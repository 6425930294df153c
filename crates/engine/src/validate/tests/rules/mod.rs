//! The target rules on records built through a real profile and mapper, one file per
//! target, with the reference documents' own examples as the valid inputs: the codes, rows,
//! fields, columns and sentences a person sees, and whether the record still counts as
//! valid. This file holds what they share.

mod auth0;
mod authgear;
mod lms;
mod scim;

use crate::mapping::{Mapped, Mapper, Profile, Record};
use crate::sheet::Row;
use crate::target::catalog::Catalog;
use crate::validate::{Counts, Issue, Severity, Validator};

/// A profile for `target` mapping each `(field, column)` pair from the column of that name.
pub(super) fn profile(target: &str, identifier: &str, fields: &[(&str, &str)]) -> Profile {
    let mut text = format!("version = 1\ntarget = \"{target}\"\nidentifier = \"{identifier}\"\n");
    for (field, column) in fields {
        text.push_str(&format!(
            "\n[[field]]\ntarget = \"{field}\"\ncolumn = \"{column}\"\n"
        ));
    }
    Profile::from_toml(&text).unwrap()
}

/// Validates `rows` (the first is file row 2) and returns every issue and the counts.
pub(super) fn run(catalog: &Catalog, profile: &Profile, rows: &[&[&str]]) -> (Vec<Issue>, Counts) {
    let columns: Vec<String> = profile
        .fields
        .iter()
        .filter_map(|f| f.column.clone())
        .collect();
    let mapper = Mapper::new(profile, catalog, &columns).unwrap();
    let mut validator = Validator::new(catalog, &mapper);
    let mut issues = Vec::new();
    let mut record = Record::default();
    for (i, cells) in rows.iter().enumerate() {
        let row = Row::from_cells(i as u64 + 2, cells.iter());
        assert_eq!(mapper.map(&row, &mut record), Mapped::Record);
        validator.check(&record, &mut |issue| issues.push(issue));
    }
    let counts = validator.finish(&mut |issue| issues.push(issue));
    (issues, counts)
}

pub(super) fn summary(issues: &[Issue]) -> Vec<(u64, &str, &str, Severity)> {
    issues
        .iter()
        .map(|i| (i.row, i.field.as_str(), i.code, i.severity))
        .collect()
}

pub(super) fn counts(valid: u64, invalid: u64) -> Counts {
    Counts {
        records: valid + invalid,
        valid,
        invalid,
        skipped: 0,
    }
}

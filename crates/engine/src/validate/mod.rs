//! Validation: every mapped record checked against the target's catalog before anything is
//! sent: required fields, kinds and formats, lengths, allowed values, and across records
//! duplicate identifiers and emails and manager references that point at nobody.
//!
//! It streams: a record is checked when it is mapped, and across records only one small
//! entry per identifier and email is kept (a 64-bit hash and a row number).

mod across;
mod cross;
mod email;
mod fields;
mod issue;
mod kind;
mod late;
mod pending;
mod plan;
mod review;
mod rules;
mod run;
mod spill;
mod validator;

pub use across::{manager_field, manager_keys};
pub use issue::{Issue, Issues, Severity};
pub use review::{IssueCount, Review, RowIssue, write_issues_csv};
pub use run::{Checked, check_sheet, validate_sheet};
pub use validator::{Counts, Validator};

#[cfg(test)]
mod tests {
    mod managers;
    pub(super) mod random;
    mod rules;
    mod spill;
    mod validator;
}

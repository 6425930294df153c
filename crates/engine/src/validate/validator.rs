//! The validator: records go in one at a time, issues come out through a sink, and the
//! counts add up at the end.

use super::cross::Seen;
use super::issue::{Issue, Severity};
use super::kind;
use crate::mapping::{Mapper, Record};
use crate::target::catalog::{Catalog, FieldKind};

/// Counts of a validation run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub records: u64,
    pub valid: u64,
    pub invalid: u64,
    pub skipped: u64,
}

/// A manager reference that could not be resolved when its record was checked.
struct Pending {
    row: u64,
    value: String,
}

pub struct Validator<'a> {
    catalog: &'a Catalog,
    mapper: &'a Mapper,
    ids: Seen,
    emails: Option<(usize, Seen)>,
    manager: Option<usize>,
    pending: Vec<Pending>,
    counts: Counts,
}

impl<'a> Validator<'a> {
    pub fn new(catalog: &'a Catalog, mapper: &'a Mapper) -> Validator<'a> {
        let fields = mapper.fields();
        let identifier = &fields[mapper.identifier()].target;
        // Email duplicates are checked on the field called `email`, else the first email field.
        let emails = fields
            .iter()
            .position(|f| f.target == "email")
            .or_else(|| {
                fields
                    .iter()
                    .position(|f| catalog.fields[f.catalog_index].kind == FieldKind::Email)
            })
            .filter(|&i| i != mapper.identifier())
            .map(|i| (i, Seen::new(true)));
        let manager = fields.iter().position(|f| {
            catalog.fields[f.catalog_index]
                .references
                .as_ref()
                .is_some_and(|r| r == identifier)
        });
        let email_identifier =
            catalog.fields[fields[mapper.identifier()].catalog_index].kind == FieldKind::Email;
        Validator {
            catalog,
            mapper,
            ids: Seen::new(email_identifier),
            emails,
            manager,
            pending: Vec::new(),
            counts: Counts::default(),
        }
    }

    /// Counts a record that a skip rule left out.
    pub fn skipped(&mut self) {
        self.counts.skipped += 1;
    }

    /// Checks one record; returns whether it is valid (no errors).
    pub fn check(&mut self, record: &Record, sink: &mut impl FnMut(Issue)) -> bool {
        let mut errors = 0;
        let mut emit = |issue: Issue| {
            if issue.severity == Severity::Error {
                errors += 1;
            }
            sink(issue);
        };
        let fields = self.mapper.fields();
        let issue = |index: usize, severity: Severity, code: &'static str, message: String| Issue {
            row: record.row,
            column: fields[index].column.clone().unwrap_or_default(),
            field: fields[index].target.clone(),
            severity,
            code,
            message,
            value: record.values[index].clone(),
        };
        for (index, failure) in &record.failures {
            emit(issue(
                *index,
                Severity::Error,
                failure.code,
                failure.message.clone(),
            ));
        }
        for (index, bound) in fields.iter().enumerate() {
            if record.failures.iter().any(|(i, _)| *i == index) {
                continue;
            }
            let field = &self.catalog.fields[bound.catalog_index];
            let value = record.values[index].as_str();
            let source = bound
                .column
                .as_deref()
                .map_or("its constant".to_string(), |c| format!("column \"{c}\""));
            if value.trim().is_empty() {
                if field.required || index == self.mapper.identifier() {
                    let why = if field.required {
                        "requires"
                    } else {
                        "identifies records by"
                    };
                    emit(issue(
                        index,
                        Severity::Error,
                        "required_missing",
                        format!(
                            "{source} is empty, but {} {why} \"{}\". Fill it in, or map another column.",
                            self.catalog.target, field.name
                        ),
                    ));
                }
                continue;
            }
            if let Some(finding) = kind::check(field, value) {
                emit(issue(
                    index,
                    Severity::Error,
                    finding.code,
                    format!(
                        "\"{value}\" in {source} is not valid for \"{}\": {} expects {}.",
                        field.name, self.catalog.target, finding.expected
                    ),
                ));
            }
        }
        let id_index = self.mapper.identifier();
        let id = record.values[id_index].as_str();
        if !id.trim().is_empty()
            && let Some(first) = self.ids.insert(id, record.row)
        {
            emit(issue(
                id_index,
                Severity::Error,
                "duplicate_identifier",
                format!(
                    "\"{id}\" is already the {} of row {first}; every record needs its own. Correct or remove one of the rows.",
                    fields[id_index].target
                ),
            ));
        }
        if let Some((index, seen)) = &mut self.emails {
            let email = record.values[*index].as_str();
            if !email.trim().is_empty()
                && let Some(first) = seen.insert(email, record.row)
            {
                emit(issue(
                    *index,
                    Severity::Error,
                    "duplicate_email",
                    format!(
                        "\"{email}\" is also the email of row {first}; two people cannot share an address in {}.",
                        self.catalog.target
                    ),
                ));
            }
        }
        if let Some(index) = self.manager {
            let manager = record.values[index].trim();
            if !manager.is_empty() {
                if manager == id.trim() {
                    emit(issue(
                        index,
                        Severity::Warning,
                        "manager_self",
                        format!("the record names itself (\"{manager}\") as its own manager."),
                    ));
                } else if !self.ids.contains(manager) {
                    self.pending.push(Pending {
                        row: record.row,
                        value: manager.to_string(),
                    });
                }
            }
        }
        self.counts.records += 1;
        if errors == 0 {
            self.counts.valid += 1;
        } else {
            self.counts.invalid += 1;
        }
        errors == 0
    }

    /// Reports the manager references that point at no record of the file, and the counts.
    pub fn finish(mut self, sink: &mut impl FnMut(Issue)) -> Counts {
        if let Some(index) = self.manager {
            let pending = std::mem::take(&mut self.pending);
            let bound = &self.mapper.fields()[index];
            let identifier = &self.mapper.fields()[self.mapper.identifier()].target;
            for pending in pending.into_iter().filter(|p| !self.ids.contains(&p.value)) {
                sink(Issue {
                    row: pending.row,
                    column: bound.column.clone().unwrap_or_default(),
                    field: bound.target.clone(),
                    severity: Severity::Warning,
                    code: "manager_unknown",
                    message: format!(
                        "the manager \"{}\" is not the {identifier} of any record in this file. If that person already exists in {}, nothing needs doing; otherwise add them.",
                        pending.value, self.catalog.target
                    ),
                    value: pending.value,
                });
            }
        }
        self.counts
    }
}

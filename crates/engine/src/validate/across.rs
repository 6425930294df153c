//! The checks across records: duplicate identifiers and emails, and manager references
//! that point at no record of the file. They see the records in file order, one at a
//! time, and keep one small entry per record (see `cross.rs`).

use super::cross::Seen;
use super::fields::issue;
use super::issue::{Issue, Severity};
use crate::mapping::{Mapper, Record};
use crate::target::catalog::{Catalog, FieldKind};

/// A manager reference that could not be resolved when its record was checked.
struct Pending {
    row: u64,
    value: String,
}

pub(crate) struct Across<'a> {
    catalog: &'a Catalog,
    mapper: &'a Mapper,
    ids: Seen,
    emails: Option<(usize, Seen)>,
    manager: Option<usize>,
    pending: Vec<Pending>,
}

/// The mapped field that names another record's identifier (a manager), if any.
pub fn manager_field(catalog: &Catalog, mapper: &Mapper) -> Option<usize> {
    let fields = mapper.fields();
    let identifier = &fields[mapper.identifier()].target;
    fields.iter().position(|f| {
        catalog.fields[f.catalog_index]
            .references
            .as_ref()
            .is_some_and(|r| r == identifier)
    })
}

impl<'a> Across<'a> {
    pub fn new(catalog: &'a Catalog, mapper: &'a Mapper) -> Across<'a> {
        let fields = mapper.fields();
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
        let manager = manager_field(catalog, mapper);
        let email_identifier =
            catalog.fields[fields[mapper.identifier()].catalog_index].kind == FieldKind::Email;
        Across {
            catalog,
            mapper,
            ids: Seen::new(email_identifier),
            emails,
            manager,
            pending: Vec::new(),
        }
    }

    /// Checks `record` against the records before it; returns how many errors were found.
    pub fn check(&mut self, record: &Record, sink: &mut impl FnMut(Issue)) -> u32 {
        let mut errors = 0;
        let mut emit = |index: usize, severity: Severity, code: &'static str, message: String| {
            if severity == Severity::Error {
                errors += 1;
            }
            sink(issue(self.mapper, record, index, severity, code, message));
        };
        let fields = self.mapper.fields();
        let id_index = self.mapper.identifier();
        let id = record.values[id_index].as_str();
        if !id.trim().is_empty()
            && let Some(first) = self.ids.insert(id, record.row)
        {
            emit(
                id_index,
                Severity::Error,
                "duplicate_identifier",
                format!(
                    "\"{id}\" is already the {} of row {first}; every record needs its own. Correct or remove one of the rows.",
                    fields[id_index].target
                ),
            );
        }
        if let Some((index, seen)) = &mut self.emails {
            let email = record.values[*index].as_str();
            if !email.trim().is_empty()
                && let Some(first) = seen.insert(email, record.row)
            {
                emit(
                    *index,
                    Severity::Error,
                    "duplicate_email",
                    format!(
                        "\"{email}\" is also the email of row {first}; two people cannot share an address in {}.",
                        self.catalog.target
                    ),
                );
            }
        }
        if let Some(index) = self.manager {
            let manager = record.values[index].trim();
            if !manager.is_empty() {
                if manager == id.trim() {
                    emit(
                        index,
                        Severity::Warning,
                        "manager_self",
                        format!("the record names itself (\"{manager}\") as its own manager."),
                    );
                } else if !self.ids.contains(manager) {
                    self.pending.push(Pending {
                        row: record.row,
                        value: manager.to_string(),
                    });
                }
            }
        }
        errors
    }

    /// Reports the manager references that point at no record of the file, one at a
    /// time (there may be many), stopping at the sink's first error.
    pub fn finish<E>(mut self, sink: &mut impl FnMut(Issue) -> Result<(), E>) -> Result<(), E> {
        let Some(index) = self.manager else {
            return Ok(());
        };
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
            })?;
        }
        Ok(())
    }
}

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
    /// Mapped fields besides the identifier that a manager may be named by, with the
    /// values seen in them.
    keys: Vec<(usize, Seen)>,
    pending: Vec<Pending>,
}

/// The mapped field that names another record's identifier (a manager), if any.
pub fn manager_field(catalog: &Catalog, mapper: &Mapper) -> Option<usize> {
    let fields = mapper.fields();
    let identifier = &fields[mapper.identifier()].target;
    fields.iter().position(|f| {
        let field = &catalog.fields[f.catalog_index];
        field.references.as_ref() == Some(identifier) || field.also_references.contains(identifier)
    })
}

/// The mapped fields other than the identifier that the manager field may name.
pub fn manager_keys(catalog: &Catalog, mapper: &Mapper, manager: usize) -> Vec<usize> {
    let fields = mapper.fields();
    let field = &catalog.fields[fields[manager].catalog_index];
    field
        .references
        .iter()
        .chain(&field.also_references)
        .filter_map(|name| fields.iter().position(|f| &f.target == name))
        .filter(|&index| index != mapper.identifier())
        .collect()
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
        let keys = manager
            .map(|m| manager_keys(catalog, mapper, m))
            .unwrap_or_default()
            .into_iter()
            .map(|index| (index, Seen::new(false)))
            .collect();
        let email_identifier =
            catalog.fields[fields[mapper.identifier()].catalog_index].kind == FieldKind::Email;
        Across {
            catalog,
            mapper,
            ids: Seen::new(email_identifier),
            emails,
            manager,
            keys,
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
        for (index, seen) in &mut self.keys {
            let key = record.values[*index].trim();
            if !key.is_empty() {
                // Duplicates here are the target's to judge; only the values matter.
                seen.insert(key, record.row);
            }
        }
        if let Some(index) = self.manager {
            let manager = record.values[index].trim();
            if !manager.is_empty() {
                let own_key = self
                    .keys
                    .iter()
                    .any(|(key, _)| record.values[*key].trim() == manager);
                if manager == id.trim() || own_key {
                    emit(
                        index,
                        Severity::Warning,
                        "manager_self",
                        format!("the record names itself (\"{manager}\") as its own manager."),
                    );
                } else if !self.is_known(manager) {
                    self.pending.push(Pending {
                        row: record.row,
                        value: manager.to_string(),
                    });
                }
            }
        }
        errors
    }

    /// Whether `value` is the identifier or another key of a record seen so far.
    fn is_known(&mut self, value: &str) -> bool {
        self.ids.contains(value) || self.keys.iter_mut().any(|(_, seen)| seen.contains(value))
    }

    /// Reports the manager references that point at no record of the file, one at a
    /// time (there may be many), stopping at the sink's first error.
    pub fn finish<E>(mut self, sink: &mut impl FnMut(Issue) -> Result<(), E>) -> Result<(), E> {
        let Some(index) = self.manager else {
            return Ok(());
        };
        let pending = std::mem::take(&mut self.pending);
        // A copy of the reference, so the fields are not borrowed through `self`.
        let mapper = self.mapper;
        let fields = mapper.fields();
        let bound = &fields[index];
        let mut names = vec![fields[mapper.identifier()].target.as_str()];
        names.extend(
            self.keys
                .iter()
                .map(|(key, _)| short_name(&fields[*key].target)),
        );
        let identifier = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.concat(),
        };
        let target = self.catalog.target;
        for pending in pending {
            if self.is_known(&pending.value) {
                continue;
            }
            sink(Issue {
                row: pending.row,
                column: bound.column.clone().unwrap_or_default(),
                field: bound.target.clone(),
                severity: Severity::Warning,
                code: "manager_unknown",
                message: format!(
                    "the manager \"{}\" is not the {identifier} of any record in this file. If that person already exists in {}, nothing needs doing; otherwise add them.",
                    pending.value, target
                ),
                value: pending.value,
            })?;
        }
        Ok(())
    }
}

/// A field's name without its schema URN: `employeeNumber` for the enterprise one.
fn short_name(target: &str) -> &str {
    target.rsplit(':').next().unwrap_or(target)
}

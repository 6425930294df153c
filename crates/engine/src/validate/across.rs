//! The checks across records: duplicate identifiers and emails, and manager references
//! that point at no record of the file. They see the records in file order, one at a
//! time, and keep one small entry per record (see `cross.rs`).
//!
//! The digests of a record's values ([`Digests`]) need only the record, so the workers of
//! `run.rs` compute them; the thread that sees the records in order only places them.

use super::cross::{Seen, digest};
use super::fields::issue;
use super::issue::{Issue, Severity};
use crate::mapping::{Mapper, Record};
use crate::target::catalog::{Catalog, FieldKind};

/// A manager reference that could not be resolved when its record was checked.
struct Pending {
    row: u64,
    value: String,
}

/// Which of a record's values the checks across records compare, and how: the digests
/// of one record are `Digests::stride` numbers, 0 for an empty value, in the order
/// identifier, email, manager (folded as identifiers are), manager (as typed), then each
/// key of `keys`.
#[derive(Clone)]
pub(crate) struct Digests {
    identifier: usize,
    fold_identifier: bool,
    email: Option<usize>,
    manager: Option<usize>,
    keys: Vec<usize>,
}

const ID: usize = 0;
const EMAIL: usize = 1;
const MANAGER: usize = 2;
const MANAGER_AS_TYPED: usize = 3;
const KEYS: usize = 4;

impl Digests {
    pub fn new(catalog: &Catalog, mapper: &Mapper) -> Digests {
        let fields = mapper.fields();
        // Email duplicates are checked on the field called `email`, else the first email field.
        let email = fields
            .iter()
            .position(|f| f.target == "email")
            .or_else(|| {
                fields
                    .iter()
                    .position(|f| catalog.fields[f.catalog_index].kind == FieldKind::Email)
            })
            .filter(|&i| i != mapper.identifier());
        let manager = manager_field(catalog, mapper);
        let keys = manager
            .map(|m| manager_keys(catalog, mapper, m))
            .unwrap_or_default();
        Digests {
            identifier: mapper.identifier(),
            fold_identifier: catalog.fields[fields[mapper.identifier()].catalog_index].kind
                == FieldKind::Email,
            email,
            manager,
            keys,
        }
    }

    /// How many digests one record has.
    pub fn stride(&self) -> usize {
        KEYS + self.keys.len()
    }

    /// Appends the [`Digests::stride`] digests of `record` to `out`; `folded` is scratch
    /// space.
    pub fn push(&self, record: &Record, out: &mut Vec<u64>, folded: &mut String) {
        let mut of = |index: Option<usize>, fold: bool| {
            index
                .map(|i| record.values[i].as_str())
                .filter(|value| !value.trim().is_empty())
                .map_or(0, |value| digest(value, fold, folded))
        };
        let manager = of(self.manager, self.fold_identifier);
        out.push(of(Some(self.identifier), self.fold_identifier));
        out.push(of(self.email, true));
        out.push(manager);
        out.push(if self.fold_identifier {
            of(self.manager, false)
        } else {
            manager
        });
        for &key in &self.keys {
            out.push(of(Some(key), false));
        }
    }
}

pub(crate) struct Across<'a> {
    catalog: &'a Catalog,
    mapper: &'a Mapper,
    digests: Digests,
    /// The digests of the record being checked, when the caller did not bring them.
    scratch: (Vec<u64>, String),
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
        let digests = Digests::new(catalog, mapper);
        Across {
            catalog,
            mapper,
            ids: Seen::new(digests.fold_identifier),
            emails: digests.email.map(|i| (i, Seen::new(true))),
            manager: digests.manager,
            keys: digests
                .keys
                .iter()
                .map(|&index| (index, Seen::new(false)))
                .collect(),
            pending: Vec::new(),
            scratch: (Vec::new(), String::new()),
            digests,
        }
    }

    /// Makes room for about `records` records, so the tables do not grow on the way.
    pub fn expect(&mut self, records: usize) {
        self.ids.reserve(records);
        if let Some((_, emails)) = &mut self.emails {
            emails.reserve(records);
        }
        for (_, seen) in &mut self.keys {
            seen.reserve(records);
        }
    }

    /// What the caller computes for each record before [`Across::check_digested`].
    pub fn digests(&self) -> &Digests {
        &self.digests
    }

    /// Checks `record` against the records before it; returns how many errors were found.
    pub fn check(&mut self, record: &Record, sink: &mut impl FnMut(Issue)) -> u32 {
        let (mut digests, mut folded) = std::mem::take(&mut self.scratch);
        digests.clear();
        self.digests.push(record, &mut digests, &mut folded);
        let errors = self.check_digested(record, &digests, sink);
        self.scratch = (digests, folded);
        errors
    }

    /// [`Across::check`] with the record's digests from [`Digests::push`].
    pub fn check_digested(
        &mut self,
        record: &Record,
        digests: &[u64],
        sink: &mut impl FnMut(Issue),
    ) -> u32 {
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
        if digests[ID] != 0
            && let Some(first) = self.ids.insert_digest(digests[ID], record.row)
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
        if let Some((index, seen)) = &mut self.emails
            && digests[EMAIL] != 0
            && let Some(first) = seen.insert_digest(digests[EMAIL], record.row)
        {
            let email = record.values[*index].as_str();
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
        for ((_, seen), &key) in self.keys.iter_mut().zip(&digests[KEYS..]) {
            if key != 0 {
                // Duplicates here are the target's to judge; only the values matter.
                seen.insert_digest(key, record.row);
            }
        }
        if let Some(index) = self.manager
            && digests[MANAGER] != 0
        {
            let manager = record.values[index].trim();
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
            } else if !self.ids.contains_digest(digests[MANAGER])
                && !self
                    .keys
                    .iter()
                    .any(|(_, seen)| seen.contains_digest(digests[MANAGER_AS_TYPED]))
            {
                self.pending.push(Pending {
                    row: record.row,
                    value: manager.to_string(),
                });
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

//! The checks across records: duplicate identifiers and emails, and manager references
//! that point at no record of the file. They see the records in file order, one at a
//! time, and keep one small entry per record (see `cross.rs`).
//!
//! The digests of a record's values ([`Digests`]) need only the record, so the workers of
//! `run.rs` compute them; the thread that sees the records in order only places them.

use std::cell::Cell;

use super::cross::{Seen, digest_trimmed, needs_folding};
use super::fields::issue;
use super::issue::{Issue, Severity};
use super::late::{Late, Spills};
use super::pending::Pending;
use crate::mapping::transform::trimmed;
use crate::mapping::{Mapper, Record};
use crate::target::catalog::{Catalog, FieldKind};

/// Which of a record's values the checks across records compare, and how: the digests
/// of one record are `Digests::stride` numbers, 0 for an empty value, in the order
/// identifier, email, manager (folded as identifiers are), manager (as typed), then each
/// key of `keys`.
#[derive(Clone)]
pub(crate) struct Digests {
    identifier: usize,
    pub(super) fold_identifier: bool,
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
        let mut of = |index: usize, fold: bool| {
            let value = trimmed(&record.values[index]);
            if value.is_empty() {
                0
            } else {
                digest_trimmed(value, fold, folded)
            }
        };
        let id = of(self.identifier, self.fold_identifier);
        let email = self.email.map_or(0, |i| of(i, true));
        let (manager, as_typed) = self.manager.map_or((0, 0), |i| {
            let manager = of(i, self.fold_identifier);
            // Folding changes nothing in a value without capitals: the digest is the same.
            let typed = self.fold_identifier && needs_folding(&record.values[i]);
            (manager, if typed { of(i, false) } else { manager })
        });
        out.extend_from_slice(&[id, email, manager, as_typed]);
        for &key in &self.keys {
            out.push(of(key, false));
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
    pending: Pending,
    /// Past this many values a table keeps new ones on disk (`late.rs`); `None`: never.
    cap: Option<usize>,
    spills: Spills,
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
            pending: Pending::default(),
            cap: None,
            spills: Spills::default(),
            scratch: (Vec::new(), String::new()),
            digests,
        }
    }

    /// What the tables take in memory for each record: one value in each.
    pub fn bytes_per_record(&self) -> usize {
        let tables = 1 + usize::from(self.emails.is_some()) + self.keys.len();
        tables * Seen::BYTES_PER_VALUE
    }

    /// Keeps at most `values` values per table in memory; the others go to disk and their
    /// duplicates are reported by [`Across::finish`], after the rows.
    pub fn spill_past(&mut self, values: usize) {
        self.cap = Some(values);
    }

    /// Makes room for about `records` records, so the tables do not grow on the way.
    pub fn expect(&mut self, records: usize) {
        let records = self.cap.map_or(records, |cap| records.min(cap));
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

    /// Starts loading the table slots that a record with these digests (from
    /// [`Digests::push`]) will look at ([`Seen::load_soon`]).
    pub fn load_soon(&self, digests: &[u64]) {
        self.ids.load_soon(digests[ID]);
        self.ids.load_soon(digests[MANAGER]);
        if let Some((_, emails)) = &self.emails {
            emails.load_soon(digests[EMAIL]);
        }
    }

    /// Checks `record` against the records before it; returns how many errors were found.
    pub fn check(&mut self, record: &Record, sink: &mut impl FnMut(Issue)) -> u32 {
        let (mut digests, mut folded) = std::mem::take(&mut self.scratch);
        digests.clear();
        self.digests.push(record, &mut digests, &mut folded);
        let errors = self.check_digested(record, &digests, 0, sink);
        self.scratch = (digests, folded);
        errors
    }

    /// [`Across::check`] with the record's digests from [`Digests::push`] and the errors
    /// the record's own fields had.
    pub fn check_digested(
        &mut self,
        record: &Record,
        digests: &[u64],
        field_errors: u32,
        sink: &mut impl FnMut(Issue),
    ) -> u32 {
        let errors = Cell::new(0);
        let emit = &mut |index: usize, severity: Severity, code: &'static str, message: String| {
            if severity == Severity::Error {
                errors.set(errors.get() + 1);
            }
            sink(issue(self.mapper, record, index, severity, code, message));
        };
        let fields = self.mapper.fields();
        let id_index = self.mapper.identifier();
        let id = record.values[id_index].as_str();
        let row = record.row;
        let cap = self.cap;
        if digests[ID] != 0
            && let Some(first) = self.spills.ids.place(
                &mut self.ids,
                cap,
                (digests[ID], row, field_errors == 0),
                id,
            )
        {
            emit(
                id_index,
                Severity::Error,
                "duplicate_identifier",
                duplicate_id(id, &fields[id_index].target, first),
            );
        }
        if let Some((index, seen)) = &mut self.emails
            && digests[EMAIL] != 0
            && let Some(first) = self.spills.emails.place(
                seen,
                cap,
                (digests[EMAIL], row, field_errors + errors.get() == 0),
                record.values[*index].as_str(),
            )
        {
            let email = record.values[*index].as_str();
            emit(
                *index,
                Severity::Error,
                "duplicate_email",
                duplicate_email(email, self.catalog.target, first),
            );
        }
        if self.spills.keys.len() != self.keys.len() {
            let keys = self.keys.len();
            self.spills.keys.resize_with(keys, Default::default);
        }
        for (((_, seen), &key), spill) in self
            .keys
            .iter_mut()
            .zip(&digests[KEYS..])
            .zip(&mut self.spills.keys)
        {
            if key != 0 {
                // Duplicates here are the target's to judge; only the values matter.
                spill.place(seen, cap, (key, row, true), "");
            }
        }
        if let Some(index) = self.manager
            && digests[MANAGER] != 0
        {
            let manager = trimmed(&record.values[index]);
            let own_key = self
                .keys
                .iter()
                .any(|(key, _)| trimmed(&record.values[*key]) == manager);
            if manager == trimmed(id) || own_key {
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
                self.pending.push(record.row, manager);
            }
        }
        errors.get()
    }

    /// Whether `value` is the identifier or another key of a record seen so far.
    fn is_known(&mut self, value: &str) -> bool {
        self.ids.contains(value) || self.keys.iter_mut().any(|(_, seen)| seen.contains(value))
    }

    /// Reports the values met again among those kept on disk, then the manager references
    /// that point at no record of the file, one at a time (there may be many), stopping at
    /// the sink's first error. [`Late`] says how many records turned out invalid.
    pub fn finish<E>(mut self, sink: &mut impl FnMut(Issue) -> Result<(), E>) -> Result<Late, E> {
        let pending = std::mem::take(&mut self.pending);
        let mut known: Vec<bool> = pending
            .iter()
            .map(|(_, value)| self.is_known(value))
            .collect();
        let mut late = Late::default();
        let spills = std::mem::take(&mut self.spills);
        spills.finish(&self, &pending, &mut known, &mut late, sink)?;
        let Some(index) = self.manager else {
            return Ok(late);
        };
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
        for ((row, value), known) in pending.iter().zip(known) {
            if known {
                continue;
            }
            sink(Issue {
                row,
                column: bound.column.clone().unwrap_or_default(),
                field: bound.target.clone(),
                severity: Severity::Warning,
                code: "manager_unknown",
                message: format!(
                    "the manager \"{}\" is not the {identifier} of any record in this file. If that person already exists in {}, nothing needs doing; otherwise add them.",
                    value, target
                ),
                value: value.to_string(),
            })?;
        }
        Ok(late)
    }

    /// The mapper, catalog and field positions `late.rs` builds its issues from.
    pub(super) fn parts(&self) -> (&'a Mapper, &'a Catalog, Option<usize>) {
        (
            self.mapper,
            self.catalog,
            self.emails.as_ref().map(|(i, _)| *i),
        )
    }

    /// Whether the tables fold case for identifiers (manager references are looked up so).
    pub(super) fn folds_identifiers(&self) -> bool {
        self.digests.fold_identifier
    }
}

/// What a person reads about an identifier that an earlier row has too.
pub(super) fn duplicate_id(id: &str, field: &str, first: u64) -> String {
    format!(
        "\"{id}\" is already the {field} of row {first}; every record needs its own. Correct or remove one of the rows."
    )
}

/// What a person reads about an email address that an earlier row has too.
pub(super) fn duplicate_email(email: &str, target: impl std::fmt::Display, first: u64) -> String {
    format!(
        "\"{email}\" is also the email of row {first}; two people cannot share an address in {target}."
    )
}

/// A field's name without its schema URN: `employeeNumber` for the enterprise one.
fn short_name(target: &str) -> &str {
    target.rsplit(':').next().unwrap_or(target)
}

//! The checks that need one record only: transform failures, required fields, each value
//! against its field's kind and length, then the target's own rules (`rules/`). They hold
//! no state, so several threads run them side by side (see `run.rs`).

use super::issue::{Issue, Severity};
use super::kind;
use super::rules::Rules;
use crate::mapping::transform::is_blank;
use crate::mapping::{Mapper, Record};
use crate::target::catalog::Catalog;

/// The per-record checks of one catalog and mapping.
#[derive(Clone, Copy)]
pub(crate) struct FieldChecks<'a> {
    catalog: &'a Catalog,
    mapper: &'a Mapper,
    rules: Rules,
}

/// An issue about field `index` of `record`.
pub(crate) fn issue(
    mapper: &Mapper,
    record: &Record,
    index: usize,
    severity: Severity,
    code: &'static str,
    message: String,
) -> Issue {
    let bound = &mapper.fields()[index];
    Issue {
        row: record.row,
        column: bound.column.clone().unwrap_or_default(),
        field: bound.target.clone(),
        severity,
        code,
        message,
        value: record.values[index].clone(),
    }
}

impl<'a> FieldChecks<'a> {
    pub fn new(catalog: &'a Catalog, mapper: &'a Mapper) -> FieldChecks<'a> {
        FieldChecks {
            catalog,
            mapper,
            rules: Rules::new(catalog, mapper),
        }
    }

    /// Checks every field of `record`, then the target's rules; returns how many errors
    /// were found.
    pub fn check(&self, record: &Record, sink: &mut impl FnMut(Issue)) -> u32 {
        let mut errors = 0;
        let mut emit = |index: usize, code: &'static str, message: String| {
            errors += 1;
            sink(issue(
                self.mapper,
                record,
                index,
                Severity::Error,
                code,
                message,
            ));
        };
        for (index, failure) in &record.failures {
            emit(*index, failure.code, failure.message.clone());
        }
        let identifier = self.mapper.identifier();
        for (index, bound) in self.mapper.fields().iter().enumerate() {
            if record.failures.iter().any(|(i, _)| *i == index) {
                continue;
            }
            let field = &self.catalog.fields[bound.catalog_index];
            let value = record.values[index].as_str();
            // Only built when there is something to say: this loop runs for every cell.
            let source = || {
                bound
                    .column
                    .as_deref()
                    .map_or("its constant".to_string(), |c| format!("column \"{c}\""))
            };
            if is_blank(value) {
                if field.required || index == identifier {
                    let why = if field.required {
                        "requires"
                    } else {
                        "identifies records by"
                    };
                    emit(
                        index,
                        "required_missing",
                        format!(
                            "{} is empty, but {} {why} \"{}\". Fill it in, or map another column.",
                            source(),
                            self.catalog.target,
                            field.name
                        ),
                    );
                }
                continue;
            }
            if let Some(finding) = kind::check(field, value) {
                emit(
                    index,
                    finding.code,
                    format!(
                        "\"{value}\" in {} is not valid for \"{}\": {} expects {}.",
                        source(),
                        field.name,
                        self.catalog.target,
                        finding.expected
                    ),
                );
            }
        }
        errors + self.rules.check(self.mapper, record, sink)
    }
}

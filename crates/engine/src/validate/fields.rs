//! The checks that need one record only: transform failures, required fields, each value
//! against its field's kind and length, then the target's own rules (`rules/`). They hold
//! no state, so several threads run them side by side (see `run.rs`). What each field
//! needs is worked out once (`plan.rs`).

use super::issue::{Issue, Severity};
use super::kind;
use super::plan::Plan;
use super::rules::Rules;
use crate::mapping::transform::is_blank;
use crate::mapping::{Mapper, Record};
use crate::target::catalog::Catalog;

/// The per-record checks of one catalog and mapping.
#[derive(Clone)]
pub(crate) struct FieldChecks<'a> {
    catalog: &'a Catalog,
    mapper: &'a Mapper,
    rules: Rules,
    /// What to check of each mapped field that can have an issue, in the fields' order.
    plans: Vec<Plan>,
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
        let plans = (mapper.fields().iter().enumerate())
            .map(|(index, bound)| {
                let field = &catalog.fields[bound.catalog_index];
                Plan::new(index, field, index == mapper.identifier())
            })
            .filter(|plan| !plan.skips())
            .collect();
        FieldChecks {
            catalog,
            mapper,
            rules: Rules::new(catalog, mapper),
            plans,
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
        for plan in &self.plans {
            let index = plan.index;
            if !record.failures.is_empty() && record.failures.iter().any(|(i, _)| *i == index) {
                continue;
            }
            let value = record.values[index].as_str();
            let blank = is_blank(value);
            if (blank && !plan.must_fill) || (!blank && plan.passes(value)) {
                continue;
            }
            // Rarely reached: most values are filled and pass, and the loop runs per cell.
            let bound = &self.mapper.fields()[index];
            let field = &self.catalog.fields[bound.catalog_index];
            let source = || {
                bound
                    .column
                    .as_deref()
                    .map_or("its constant".to_string(), |c| format!("column \"{c}\""))
            };
            if blank {
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

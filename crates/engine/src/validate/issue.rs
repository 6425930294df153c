//! A problem with one record, told the way a person fixes it: the row as Excel shows it,
//! the column, the target field, how bad it is, a stable code and the offending value.

use std::collections::BTreeMap;

use serde::Serialize;

/// An error blocks the record; a warning lets it through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word for it in files and reports: `error` or `warning` (as serialised).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The source row as the person sees it.
    pub row: u64,
    /// The source column (or columns of a template); empty for constants.
    pub column: String,
    /// The target field.
    pub field: String,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub value: String,
}

/// All issues of a run: every one counted per code and severity, the first `keep` kept.
#[derive(Debug, Clone, Default)]
pub struct Issues {
    kept: Vec<Issue>,
    keep: usize,
    counts: BTreeMap<&'static str, u64>,
    errors: u64,
    warnings: u64,
}

impl Issues {
    /// A collection that keeps at most `keep` issues in full.
    pub fn keeping(keep: usize) -> Issues {
        Issues {
            keep,
            ..Issues::default()
        }
    }

    pub fn push(&mut self, issue: Issue) {
        *self.counts.entry(issue.code).or_default() += 1;
        match issue.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        if self.kept.len() < self.keep {
            self.kept.push(issue);
        }
    }

    pub fn list(&self) -> &[Issue] {
        &self.kept
    }

    pub fn counts(&self) -> &BTreeMap<&'static str, u64> {
        &self.counts
    }

    pub fn errors(&self) -> u64 {
        self.errors
    }

    pub fn warnings(&self) -> u64 {
        self.warnings
    }

    pub fn total(&self) -> u64 {
        self.errors + self.warnings
    }
}

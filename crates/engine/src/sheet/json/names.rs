//! Column names for JSON keys that a person can tell apart, as header cells of a table are
//! named: a key with no name (`""`, or only spaces) is called after its column's letter
//! (`Column C`), and a key that differs from an earlier column only in capitals or in
//! surrounding spaces (`active`, `actiVe`) is numbered (`actiVe (2)`). Each rename is a
//! problem at the record (or NDJSON line) that first held the key.

use std::collections::HashMap;

use crate::sheet::{Numbering, Problem, ProblemKind, Problems, column_letters};

/// The names given so far and the renames to report.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    /// Each name given, folded (see [`fold`]), and its column.
    taken: HashMap<String, u32>,
    /// For a folded name that was renamed, the number its next rename tries first, so that
    /// thousands of keys alike do not each count up from 2.
    next: HashMap<String, u32>,
    /// The record or line that brought the key, and what was done.
    renamed: Vec<(u64, ProblemKind)>,
}

impl Names {
    /// The name for the next column (after `names`), holding the dotted key `key` first met
    /// at record or line `at`.
    pub fn name(&mut self, key: &str, at: u64, names: &[String]) -> String {
        let index = names.len();
        let unnamed = key.trim().is_empty();
        let mut name = if unnamed {
            format!("Column {}", column_letters(index))
        } else {
            key.to_string()
        };
        let like = self
            .taken
            .get(&fold(&name))
            .and_then(|&column| names.get(column as usize))
            .cloned();
        if like.is_some() {
            let base = name.trim().to_string();
            let folded = fold(&base);
            let mut n = self.next.get(&folded).copied().unwrap_or(2);
            while self.taken.contains_key(&fold(&format!("{base} ({n})"))) {
                n += 1;
            }
            self.next.insert(folded, n + 1);
            name = format!("{base} ({n})");
        }
        self.taken.insert(fold(&name), index as u32);
        let kind = match like {
            _ if unnamed => Some(ProblemKind::UnnamedKey { name: name.clone() }),
            Some(like) => Some(ProblemKind::SimilarKey {
                key: key.to_string(),
                like,
                renamed: name.clone(),
            }),
            None => None,
        };
        if let Some(kind) = kind {
            self.renamed.push((at, kind));
        }
        name
    }

    /// The renames as problems, numbered as the file's rows are.
    pub fn problems(&self, numbering: Numbering) -> Problems {
        let mut problems = Problems::default();
        for (row, kind) in &self.renamed {
            problems.push(Problem {
                row: *row,
                numbering,
                kind: kind.clone(),
            });
        }
        problems
    }
}

/// A name as a person compares it: without surrounding spaces, capitals ignored.
fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
#[path = "tests/names.rs"]
mod tests;

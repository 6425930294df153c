//! Finding the header row under titles, notes and blank lines, and turning its cells into
//! column names that are never empty and never repeated.

use std::collections::HashSet;

use super::{Numbering, Problem, ProblemKind, Problems, Row, column_letters};

/// How many leading non-blank rows are looked at to find the header.
pub(crate) const SCAN_ROWS: usize = 30;

/// Picks the header among the first non-blank rows: the first row that is about as wide as
/// the table, holds labels rather than values, and names no column twice. Titles above a
/// table are narrow (one merged cell, a date) and lose; without a clear winner the first
/// widest row is taken, which is right for a file that starts with its header.
pub(crate) fn detect(rows: &[Row]) -> Option<usize> {
    let widths: Vec<usize> = rows.iter().map(filled).collect();
    let widest = *widths.iter().max()?;
    if widest == 0 {
        return None;
    }
    let needed = if widest <= 2 {
        widest
    } else {
        widest.div_ceil(2).max(2)
    };
    let labelled = rows
        .iter()
        .zip(&widths)
        .position(|(row, &width)| width >= needed && looks_like_header(row));
    labelled.or_else(|| widths.iter().position(|&w| w == widest))
}

/// The number of non-empty cells.
fn filled(row: &Row) -> usize {
    row.iter().filter(|c| !c.trim().is_empty()).count()
}

fn looks_like_header(row: &Row) -> bool {
    let mut seen = HashSet::new();
    let mut cells = 0usize;
    let mut labels = 0usize;
    for cell in row.iter().map(str::trim).filter(|c| !c.is_empty()) {
        cells += 1;
        if !seen.insert(cell.to_lowercase()) {
            return false;
        }
        if is_label(cell) {
            labels += 1;
        }
    }
    cells > 0 && labels * 5 >= cells * 4
}

/// A cell that reads like a column name rather than a value: not a number, a date, an
/// email address or a long sentence.
fn is_label(cell: &str) -> bool {
    if cell.chars().count() > 80 {
        return false;
    }
    let digits = cell.chars().filter(char::is_ascii_digit).count();
    let numeric = cell
        .chars()
        .all(|c| c.is_ascii_digit() || " .,:/-+()T".contains(c));
    if digits > 0 && numeric {
        return false;
    }
    let email = cell
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
    !email
}

/// How many columns the header names: up to its last non-empty cell.
pub(crate) fn named_width(header: &Row) -> usize {
    header
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1)
}

/// Column names from the header cells. Empty names become `Column C`; repeated names get
/// ` (2)`, ` (3)`; both are reported so the person knows what the columns are called.
pub(crate) fn column_names(
    header: &Row,
    numbering: Numbering,
    problems: &mut Problems,
) -> Vec<String> {
    let last_named = named_width(header);
    let mut names: Vec<String> = Vec::with_capacity(last_named);
    let mut taken: HashSet<String> = HashSet::new();
    for (index, cell) in header.iter().take(last_named).enumerate() {
        let trimmed = cell.trim();
        let letter = column_letters(index);
        let mut name = if trimmed.is_empty() {
            let name = format!("Column {letter}");
            problems.push(Problem {
                row: header.number,
                numbering,
                kind: ProblemKind::UnnamedColumn {
                    letter: letter.clone(),
                    name: name.clone(),
                },
            });
            name
        } else {
            trimmed.to_string()
        };
        if taken.contains(&name.to_lowercase()) {
            let base = name.clone();
            let mut n = 2;
            while taken.contains(&format!("{base} ({n})").to_lowercase()) {
                n += 1;
            }
            name = format!("{base} ({n})");
            problems.push(Problem {
                row: header.number,
                numbering,
                kind: ProblemKind::DuplicateColumn {
                    name: base,
                    renamed: name.clone(),
                },
            });
        }
        taken.insert(name.to_lowercase());
        names.push(name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Row> {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| Row::from_cells(i as u64 + 1, c.iter()))
            .collect()
    }

    #[test]
    fn the_header_starts_the_table() {
        let sheet = rows(&[&["id", "name", "email"], &["1", "Ann", "ann@x.io"]]);
        assert_eq!(detect(&sheet), Some(0));
    }

    #[test]
    fn titles_and_dates_above_the_header_are_skipped() {
        let sheet = rows(&[
            &["Mitarbeiterliste", "", "", ""],
            &["Stand:", "01.11.2026", "", ""],
            &["Personalnummer", "Vorname", "Nachname", "E-Mail"],
            &["00123", "Jürgen", "Groß", "j.gross@firma.de"],
        ]);
        assert_eq!(detect(&sheet), Some(2));
    }

    #[test]
    fn a_header_with_an_empty_cell_still_wins_over_a_title() {
        let sheet = rows(&[
            &["Staff list November", "", "", "", ""],
            &["id", "first", "", "last", "email"],
            &["1", "A", "x", "B", "a@b.co"],
        ]);
        assert_eq!(detect(&sheet), Some(1));
    }

    #[test]
    fn a_file_of_values_only_starts_at_its_first_widest_row() {
        let sheet = rows(&[&["1", "2020-01-01"], &["2", "2020-01-02"]]);
        assert_eq!(detect(&sheet), Some(0));
    }

    #[test]
    fn a_single_column_list_has_its_first_row_as_header() {
        let sheet = rows(&[&["Email"], &["a@b.co"]]);
        assert_eq!(detect(&sheet), Some(0));
    }

    #[test]
    fn empty_and_repeated_names_are_made_unique_and_reported() {
        let mut problems = Problems::default();
        let header = Row::from_cells(3, [" Email ", "", "email", "Name", "", ""]);
        let names = column_names(&header, Numbering::Row, &mut problems);
        assert_eq!(names, vec!["Email", "Column B", "email (2)", "Name"]);
        let codes: Vec<_> = problems.list().iter().map(|p| p.code()).collect();
        assert_eq!(codes, vec!["unnamed_column", "duplicate_column"]);
        assert!(problems.list()[1].message().contains("row 3"));
    }
}

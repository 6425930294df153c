//! NUL bytes inside a row of text: some exporters pad fields with them. They are invisible,
//! no target accepts them, and they are never what a person typed, so they are removed and
//! the row is reported.

use crate::sheet::row::RawCells;
use crate::sheet::{Numbering, Problem, ProblemKind, Problems, Row};

/// Mends a record just read into `row` (its number already set), as both CSV readers do:
/// `raw` holds its cells' bytes when they were not UTF-8; a UTF-8 record
/// holding NUL bytes is read again from its cells. Either is reported.
pub(super) fn mend(row: &mut Row, raw: Option<RawCells>, problems: &mut Problems, encoding: &str) {
    match raw {
        Some(raw) => repair(raw.fields(), row, problems, encoding),
        None if memchr::memchr(0, row.text_bytes()).is_some() => {
            let cells = row.to_vec();
            repair(cells.iter().map(|c| c.as_bytes()), row, problems, encoding);
        }
        None => {}
    }
}

/// Fills `row` (its number already set) with `fields` without NUL bytes, text that is not
/// UTF-8 decoded as well as it can be, and reports either.
pub(super) fn repair<'a>(
    fields: impl Iterator<Item = &'a [u8]>,
    row: &mut Row,
    problems: &mut Problems,
    encoding: &str,
) {
    row.clear();
    let mut invalid = false;
    let mut nul = false;
    let mut field = Vec::new();
    for raw in fields {
        nul |= raw.contains(&0);
        field.clear();
        field.extend(raw.iter().copied().filter(|&b| b != 0));
        match std::str::from_utf8(&field) {
            Ok(text) => row.push(text),
            Err(_) => {
                invalid = true;
                row.push(&String::from_utf8_lossy(&field));
            }
        }
    }
    let mut report = |kind| {
        problems.push(Problem {
            row: row.number,
            numbering: Numbering::Row,
            kind,
        })
    };
    if nul {
        report(ProblemKind::NulCharacters);
    }
    if invalid {
        report(ProblemKind::InvalidText {
            encoding: encoding.to_string(),
        });
    }
}

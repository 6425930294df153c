//! NUL bytes inside a row of text: some exporters pad fields with them. They are invisible,
//! no target accepts them, and they are never what a person typed, so they are removed and
//! the row is reported.

use csv::ByteRecord;

use crate::sheet::{Numbering, Problem, ProblemKind, Problems, Row};

/// Fills `row` (its number already set) with the fields of `record` without NUL bytes.
pub(super) fn remove(record: &ByteRecord, row: &mut Row, problems: &mut Problems, encoding: &str) {
    row.clear();
    let mut invalid = false;
    let mut field = Vec::new();
    for raw in record {
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
    report(ProblemKind::NulCharacters);
    if invalid {
        report(ProblemKind::InvalidText {
            encoding: encoding.to_string(),
        });
    }
}

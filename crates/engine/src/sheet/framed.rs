//! A table found inside raw rows: the header located (guessed or given), column names made,
//! and every later row checked against the header's width as it is read.

use std::collections::VecDeque;
use std::path::Path;

use super::header::{self, SCAN_ROWS};
use super::limits::MAX_COLUMNS;
use super::prefetch::HandsOverProblems;
use super::{Numbering, Problem, ProblemKind, Problems, Row, RowReader, SheetError};

/// Rows as they stand in the file, blank ones included, each with its number.
pub(crate) trait RawRows: Send {
    /// Fills `row` with the next row; `Ok(false)` at the end. Problems that belong to the
    /// row itself (undecodable bytes, cell errors) go to `problems`.
    fn next_raw(&mut self, row: &mut Row, problems: &mut Problems) -> Result<bool, SheetError>;

    /// Whether a row with fewer cells than the header is a problem. In delimited text it
    /// is (a field went missing); in a workbook the cells are simply empty.
    fn short_rows_are_ragged(&self) -> bool;
}

/// Where the header is and what the columns are called.
pub(crate) struct Table<R> {
    pub rows: Framed<R>,
    pub columns: Vec<String>,
    pub header_row: u64,
    pub guessed: bool,
}

/// The data rows after the header.
pub(crate) struct Framed<R> {
    raw: R,
    pending: VecDeque<Row>,
    width: usize,
    numbering: Numbering,
    problems: Problems,
}

/// Finds the table in `raw`: the person's header row if given, else the detected one.
pub(crate) fn frame<R: RawRows>(
    mut raw: R,
    requested: Option<u64>,
    path: &Path,
    sheet: Option<&str>,
) -> Result<Table<R>, SheetError> {
    let mut problems = Problems::default();
    let mut head: Vec<Row> = Vec::new();
    let mut last_number = 0;
    loop {
        let enough = match requested {
            Some(n) => last_number >= n,
            None => head.len() >= SCAN_ROWS,
        };
        if enough {
            break;
        }
        let mut row = Row::default();
        if !raw.next_raw(&mut row, &mut problems)? {
            break;
        }
        last_number = row.number;
        if !row.is_blank() || requested == Some(row.number) {
            head.push(row);
        }
    }
    let found = match requested {
        Some(n) => match head.iter().position(|r| r.number == n) {
            Some(i) if !head[i].is_blank() => i,
            Some(_) => {
                return Err(SheetError::BlankHeaderRow {
                    path: path.to_path_buf(),
                    row: n,
                });
            }
            None => {
                return Err(SheetError::HeaderRowOutOfRange {
                    path: path.to_path_buf(),
                    row: n,
                    last: head
                        .iter()
                        .rev()
                        .find(|r| !r.is_blank())
                        .map_or(0, |r| r.number),
                });
            }
        },
        None => header::detect(&head).ok_or_else(|| SheetError::EmptySheet {
            path: path.to_path_buf(),
            sheet: sheet.map(str::to_owned),
        })?,
    };
    let numbering = Numbering::Row;
    let header = &head[found];
    let header_row = header.number;
    let named = header::named_width(header);
    if named > MAX_COLUMNS {
        return Err(SheetError::TooManyColumns {
            path: path.to_path_buf(),
            row: header_row,
            found: named,
        });
    }
    let columns = header::column_names(header, numbering, &mut problems);
    let pending: VecDeque<Row> = head.drain(found + 1..).filter(|r| !r.is_blank()).collect();
    let mut rows = Framed {
        raw,
        pending: VecDeque::new(),
        width: columns.len(),
        numbering,
        problems,
    };
    for row in &pending {
        rows.check_width(row);
    }
    rows.pending = pending;
    Ok(Table {
        rows,
        columns,
        header_row,
        guessed: requested.is_none(),
    })
}

impl<R: RawRows> Framed<R> {
    /// Whether data rows were already seen below the header while looking for it.
    pub(crate) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    fn check_width(&mut self, row: &Row) {
        let ragged = self.raw.short_rows_are_ragged();
        check_width(row, self.width, ragged, self.numbering, &mut self.problems);
    }

    /// The reader underneath.
    pub(crate) fn raw(&self) -> &R {
        &self.raw
    }

    /// The reader, the rows read ahead while looking for the header, the problems found so
    /// far and the header's width: for a reader that takes over from here.
    pub(crate) fn into_parts(self) -> (R, VecDeque<Row>, Problems, usize) {
        (self.raw, self.pending, self.problems, self.width)
    }
}

/// Reports `row` when it has more cells than a header `width` wide (cells past it that hold
/// text), or fewer when short rows are `ragged`.
pub(crate) fn check_width(
    row: &Row,
    width: usize,
    ragged: bool,
    numbering: Numbering,
    problems: &mut Problems,
) {
    let found = row.len();
    let kind = if found > width && row.iter().skip(width).any(|c| !c.is_empty()) {
        let used = row.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
        ProblemKind::TooManyCells {
            expected: width,
            found: used,
        }
    } else if found < width && ragged {
        ProblemKind::TooFewCells {
            expected: width,
            found,
        }
    } else {
        return;
    };
    problems.push(Problem {
        row: row.number,
        numbering,
        kind,
    });
}

impl<R: RawRows> RowReader for Framed<R> {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        if let Some(next) = self.pending.pop_front() {
            *row = next;
            return Ok(true);
        }
        loop {
            if !self.raw.next_raw(row, &mut self.problems)? {
                return Ok(false);
            }
            if !row.is_blank() {
                self.check_width(row);
                return Ok(true);
            }
        }
    }

    fn problems(&self) -> &Problems {
        &self.problems
    }
}

impl<R: RawRows + 'static> HandsOverProblems for Framed<R> {
    fn take_problems(&mut self) -> Problems {
        std::mem::take(&mut self.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed(std::vec::IntoIter<Row>, bool);

    impl RawRows for Fixed {
        fn next_raw(&mut self, row: &mut Row, _: &mut Problems) -> Result<bool, SheetError> {
            match self.0.next() {
                Some(next) => {
                    *row = next;
                    Ok(true)
                }
                None => Ok(false),
            }
        }
        fn short_rows_are_ragged(&self) -> bool {
            self.1
        }
    }

    fn raw(rows: &[&[&str]], short_ragged: bool) -> Fixed {
        let rows: Vec<Row> = rows
            .iter()
            .enumerate()
            .map(|(i, c)| Row::from_cells(i as u64 + 1, c.iter()))
            .collect();
        Fixed(rows.into_iter(), short_ragged)
    }

    /// The table a test expects to find.
    fn table<R>(found: Result<Table<R>, SheetError>) -> Table<R> {
        match found {
            Ok(table) => table,
            Err(e) => panic!("no table: {e}"),
        }
    }

    /// The error a test expects instead of a table.
    fn refused<R>(found: Result<Table<R>, SheetError>) -> SheetError {
        match found {
            Ok(_) => panic!("a table was found"),
            Err(e) => e,
        }
    }

    fn read_all<R: RawRows>(mut rows: Framed<R>) -> (Vec<Row>, Problems) {
        let mut out = Vec::new();
        let mut row = Row::default();
        loop {
            match rows.next_row(&mut row) {
                Ok(true) => out.push(row.clone()),
                Ok(false) => break,
                Err(e) => panic!("reading failed: {e}"),
            }
        }
        (out, rows.problems().clone())
    }

    #[test]
    fn rows_after_a_detected_header_keep_their_numbers_and_blank_rows_are_skipped() {
        let input = raw(
            &[
                &["Export"],
                &[""],
                &["id", "name"],
                &["1", "Ann"],
                &["", ""],
                &["2", "Bo"],
            ],
            true,
        );
        let table = table(frame(input, None, Path::new("x.csv"), None));
        assert_eq!(table.header_row, 3);
        assert_eq!(table.columns, vec!["id", "name"]);
        assert!(table.guessed);
        let (rows, problems) = read_all(table.rows);
        let numbers: Vec<u64> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![4, 6]);
        assert!(problems.is_empty());
    }

    #[test]
    fn ragged_rows_are_reported_and_kept() {
        let input = raw(
            &[
                &["id", "name", "email"],
                &["1", "Ann"],
                &["2", "Bo", "b@x.io", "extra"],
                &["3", "Cy", "c@x.io", ""],
            ],
            true,
        );
        let table = table(frame(input, None, Path::new("x.csv"), None));
        let (rows, problems) = read_all(table.rows);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].to_vec(), vec!["2", "Bo", "b@x.io", "extra"]);
        let found: Vec<(u64, &str)> = problems.list().iter().map(|p| (p.row, p.code())).collect();
        assert_eq!(found, vec![(2, "too_few_cells"), (3, "too_many_cells")]);
    }

    #[test]
    fn short_rows_of_a_workbook_are_not_ragged() {
        let input = raw(&[&["id", "name"], &["1"]], false);
        let table = table(frame(input, None, Path::new("x.xlsx"), None));
        let (_, problems) = read_all(table.rows);
        assert!(problems.is_empty());
    }

    #[test]
    fn a_given_header_row_is_used_as_is() {
        let input = raw(&[&["a", "b"], &["c", "d"], &["1", "2"]], true);
        let table = table(frame(input, Some(2), Path::new("x.csv"), None));
        assert_eq!(table.columns, vec!["c", "d"]);
        assert!(!table.guessed);
        let (rows, _) = read_all(table.rows);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].number, 3);
    }

    #[test]
    fn a_header_row_past_the_end_or_blank_is_refused() {
        let input = raw(&[&["a", "b"], &["1", "2"]], true);
        let err = refused(frame(input, Some(9), Path::new("x.csv"), None));
        assert!(err.to_string().contains("has no row 9"), "{err}");
        let input = raw(&[&["a", "b"], &["", ""], &["1", "2"]], true);
        assert!(frame(input, Some(2), Path::new("x.csv"), None).is_err());
    }

    #[test]
    fn a_sheet_of_blank_rows_is_empty() {
        let input = raw(&[&["", ""], &[""]], true);
        let err = refused(frame(input, None, Path::new("x.csv"), None));
        assert!(matches!(err, SheetError::EmptySheet { .. }), "{err}");
    }
}

//! One table written twice, as CSV and as an Excel workbook, every text cell guarded
//! against formula injection (`neutralise`) and written to the workbook as text, never as a
//! formula. Row numbers are written to the workbook as numbers so they sort as numbers.
//!
//! `rust_xlsxwriter` builds the workbook in memory until it is saved; past Excel's row limit
//! the workbook ends with a note and the CSV alone holds every row.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

use super::JobFilesError;
use crate::target::export::neutralise;

/// The most rows one Excel worksheet holds.
const XLSX_MAX_ROWS: u32 = 1_048_576;

/// One cell of a row.
pub(crate) enum Cell<'a> {
    /// A row number: a number in the workbook.
    Number(u64),
    Text(&'a str),
}

/// `NAME.csv` and `NAME.xlsx`, written together.
pub(crate) struct Table {
    csv_path: PathBuf,
    csv: csv::Writer<BufWriter<File>>,
    xlsx_path: PathBuf,
    workbook: Workbook,
    next_row: u32,
    left_out: u64,
    rows: u64,
}

impl Table {
    /// Creates `dir/NAME.csv` and the workbook `dir/NAME.xlsx` (saved by `finish`), whose one
    /// worksheet is called `sheet`, each with `header`.
    pub(crate) fn create<S: AsRef<str>>(
        dir: &Path,
        name: &str,
        sheet: &str,
        header: &[S],
    ) -> Result<Table, JobFilesError> {
        let csv_path = dir.join(format!("{name}.csv"));
        let file = File::create(&csv_path).map_err(|e| JobFilesError::io(&csv_path, e))?;
        let xlsx_path = dir.join(format!("{name}.xlsx"));
        let mut workbook = Workbook::new();
        workbook
            .add_worksheet()
            .set_name(sheet)
            .map_err(|e| JobFilesError::xlsx(&xlsx_path, e))?;
        let mut table = Table {
            csv_path,
            csv: csv::Writer::from_writer(BufWriter::new(file)),
            xlsx_path,
            workbook,
            next_row: 0,
            left_out: 0,
            rows: 0,
        };
        let cells: Vec<Cell<'_>> = header.iter().map(|h| Cell::Text(h.as_ref())).collect();
        table.write(&cells)?;
        table.rows = 0;
        Ok(table)
    }

    /// Writes one row to both files.
    pub(crate) fn write(&mut self, cells: &[Cell<'_>]) -> Result<(), JobFilesError> {
        let texts: Vec<String> = cells
            .iter()
            .map(|cell| match cell {
                Cell::Number(n) => n.to_string(),
                Cell::Text(text) => neutralise(text).into_owned(),
            })
            .collect();
        self.csv
            .write_record(&texts)
            .map_err(|e| JobFilesError::csv(&self.csv_path, e))?;
        self.rows += 1;
        // One row is kept for the note that says the rest is in the CSV.
        if self.next_row >= XLSX_MAX_ROWS - 1 {
            self.left_out += 1;
            return Ok(());
        }
        let row = self.next_row;
        let path = &self.xlsx_path;
        let sheet = self
            .workbook
            .worksheet_from_index(0)
            .map_err(|e| JobFilesError::xlsx(path, e))?;
        for ((col, cell), text) in (0u16..).zip(cells).zip(&texts) {
            match cell {
                // Row numbers stay far below 2^53, where f64 is exact.
                Cell::Number(n) => sheet.write_number(row, col, *n as f64),
                Cell::Text(_) => sheet.write_string(row, col, text),
            }
            .map_err(|e| JobFilesError::xlsx(path, e))?;
        }
        self.next_row += 1;
        Ok(())
    }

    /// Closes both files; returns their paths (CSV first) and how many rows they hold.
    pub(crate) fn finish(mut self) -> Result<(Vec<PathBuf>, u64), JobFilesError> {
        let path = &self.xlsx_path;
        if self.left_out > 0 {
            let note = format!(
                "{} more rows did not fit in this worksheet; {} lists them all.",
                self.left_out,
                self.csv_path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            );
            self.workbook
                .worksheet_from_index(0)
                .and_then(|sheet| sheet.write_string(self.next_row, 0, note))
                .map_err(|e| JobFilesError::xlsx(path, e))?;
        }
        self.csv
            .flush()
            .map_err(|e| JobFilesError::io(&self.csv_path, e))?;
        self.workbook
            .save(&self.xlsx_path)
            .map_err(|e| JobFilesError::xlsx(&self.xlsx_path, e))?;
        Ok((vec![self.csv_path, self.xlsx_path], self.rows))
    }
}

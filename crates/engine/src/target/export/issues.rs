//! The files a person opens in a spreadsheet program: `issues.csv`, `issues.xlsx` and
//! `rejected.csv`, every cell guarded against formula injection by [`neutralise`] (plain
//! numbers and phone numbers stay as typed, so `rejected.csv` imports again unchanged). In
//! `issues.xlsx` every cell is also written as a string, never as a formula or number.

use std::borrow::Cow;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, Worksheet};

use super::ExportError;
use super::formula::neutralise;
use crate::validate::Issue;

/// The columns of the issues files.
pub const ISSUE_COLUMNS: [&str; 7] = [
    "row", "column", "field", "severity", "code", "message", "value",
];

/// The most rows one Excel worksheet holds.
const XLSX_MAX_ROWS: u32 = 1_048_576;

/// `issues.csv` and `issues.xlsx`, written together.
pub(crate) struct IssueFiles {
    csv_path: PathBuf,
    csv: csv::Writer<BufWriter<File>>,
    xlsx_path: PathBuf,
    workbook: Workbook,
    /// The next worksheet row (0 is the header).
    next_row: u32,
    /// Issues that did not fit in the worksheet (past Excel's row limit).
    left_out: u64,
    count: u64,
}

impl IssueFiles {
    pub(crate) fn create(dir: &Path) -> Result<IssueFiles, ExportError> {
        let csv_path = dir.join("issues.csv");
        let file = File::create(&csv_path).map_err(|e| ExportError::io(&csv_path, e))?;
        let mut csv = csv::Writer::from_writer(BufWriter::new(file));
        csv.write_record(ISSUE_COLUMNS)
            .map_err(|e| ExportError::csv(&csv_path, e))?;
        let xlsx_path = dir.join("issues.xlsx");
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet
            .set_name("Issues")
            .map_err(|e| ExportError::xlsx(&xlsx_path, e))?;
        for (col, name) in (0u16..).zip(ISSUE_COLUMNS) {
            sheet
                .write_string(0, col, name)
                .map_err(|e| ExportError::xlsx(&xlsx_path, e))?;
        }
        Ok(IssueFiles {
            csv_path,
            csv,
            xlsx_path,
            workbook,
            next_row: 1,
            left_out: 0,
            count: 0,
        })
    }

    pub(crate) fn write(&mut self, issue: &Issue) -> Result<(), ExportError> {
        let row = issue.row.to_string();
        let cells = [
            row.as_str(),
            issue.column.as_str(),
            issue.field.as_str(),
            issue.severity.name(),
            issue.code,
            issue.message.as_str(),
            issue.value.as_str(),
        ];
        let guarded = cells.map(neutralise);
        self.csv
            .write_record(guarded.iter().map(|c| c.as_bytes()))
            .map_err(|e| ExportError::csv(&self.csv_path, e))?;
        self.count += 1;
        if self.next_row >= XLSX_MAX_ROWS - 1 {
            self.left_out += 1;
            return Ok(());
        }
        let row = self.next_row;
        self.write_row(row, &guarded)?;
        self.next_row += 1;
        Ok(())
    }

    fn write_row(&mut self, row: u32, cells: &[Cow<'_, str>]) -> Result<(), ExportError> {
        let path = &self.xlsx_path;
        let sheet = self
            .workbook
            .worksheet_from_index(0)
            .map_err(|e| ExportError::xlsx(path, e))?;
        write_strings(sheet, row, cells).map_err(|e| ExportError::xlsx(path, e))
    }

    /// Closes both files; returns how many issues were written.
    pub(crate) fn finish(mut self) -> Result<u64, ExportError> {
        if self.left_out > 0 {
            let note = format!(
                "{} more issues did not fit in this worksheet; issues.csv lists them all.",
                self.left_out
            );
            let row = self.next_row;
            self.write_row(row, &[Cow::Owned(note)])?;
        }
        self.csv
            .flush()
            .map_err(|e| ExportError::io(&self.csv_path, e))?;
        self.workbook
            .save(&self.xlsx_path)
            .map_err(|e| ExportError::xlsx(&self.xlsx_path, e))?;
        Ok(self.count)
    }
}

fn write_strings(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[Cow<'_, str>],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (col, cell) in (0u16..).zip(cells) {
        sheet.write_string(row, col, cell.as_ref())?;
    }
    Ok(())
}

/// `rejected.csv`: the source rows of invalid records, in the source's own columns.
pub(crate) struct Rejected {
    path: PathBuf,
    csv: csv::Writer<BufWriter<File>>,
    width: usize,
    count: u64,
}

impl Rejected {
    pub(crate) fn create(dir: &Path, columns: &[String]) -> Result<Rejected, ExportError> {
        let path = dir.join("rejected.csv");
        let file = File::create(&path).map_err(|e| ExportError::io(&path, e))?;
        let mut csv = csv::Writer::from_writer(BufWriter::new(file));
        csv.write_record(columns.iter().map(|c| neutralise(c).into_owned()))
            .map_err(|e| ExportError::csv(&path, e))?;
        Ok(Rejected {
            path,
            csv,
            width: columns.len(),
            count: 0,
        })
    }

    /// Writes one source row: exactly one cell per column (missing cells empty, cells past
    /// the last column left out, as they have no column to go in).
    pub(crate) fn write(&mut self, row: &crate::sheet::Row) -> Result<(), ExportError> {
        let cells = (0..self.width).map(|i| neutralise(row.cell(i)));
        self.csv
            .write_record(cells.map(|c| c.into_owned()))
            .map_err(|e| ExportError::csv(&self.path, e))?;
        self.count += 1;
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<u64, ExportError> {
        self.csv
            .flush()
            .map_err(|e| ExportError::io(&self.path, e))?;
        Ok(self.count)
    }
}

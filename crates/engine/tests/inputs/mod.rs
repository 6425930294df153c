//! What the bad-input tests share: files written to a temporary folder, and reading a sheet
//! to its end or to its error.
#![allow(dead_code)] // each test binary uses its own share of these

use std::path::{Path, PathBuf};

use muster_engine::sheet::{ReadOptions, Row, Sheet, SheetError, open};
use tempfile::TempDir;

/// A temporary folder for the files of one test.
pub struct Files(TempDir);

impl Files {
    pub fn new() -> Files {
        Files(TempDir::new().expect("a temporary folder"))
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("the test file is written");
        path
    }
}

/// Every row's cells; panics on any error.
pub fn read_all(path: &Path) -> Vec<Vec<String>> {
    let mut sheet = open(path, &ReadOptions::default()).unwrap();
    sheet.rows().map(|r| r.unwrap().to_vec()).collect()
}

/// The rows read before the error, and the error; panics if the sheet reads to its end.
pub fn read_until_error(sheet: &mut Sheet) -> (Vec<Vec<String>>, SheetError) {
    let mut rows = Vec::new();
    let mut row = Row::default();
    loop {
        match sheet.next_row(&mut row) {
            Ok(true) => rows.push(row.to_vec()),
            Ok(false) => panic!("the sheet was read to its end without an error"),
            Err(error) => return (rows, error),
        }
    }
}

/// The row and code of every problem found so far.
pub fn codes_at(sheet: &Sheet) -> Vec<(u64, &'static str)> {
    sheet
        .problems()
        .list()
        .iter()
        .map(|p| (p.row, p.code()))
        .collect()
}

//! What the bad-input tests share: files written to a temporary folder, and reading a sheet
//! to its end or to its error.
#![allow(dead_code)] // each test binary uses its own share of these

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use muster_engine::sheet::{ReadOptions, Row, Sheet, SheetError, open};
use rust_xlsxwriter::Workbook;
use tempfile::TempDir;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

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

/// A small staff workbook as Excel would save it.
pub fn staff_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in ["id", "name", "email"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    for row in 1..=40u32 {
        sheet.write_string(row, 0, format!("E{row:03}")).unwrap();
        sheet.write_string(row, 1, format!("Person {row}")).unwrap();
        sheet
            .write_string(row, 2, format!("p{row}@acme.de"))
            .unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// A ZIP container of `entries`, deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        let method = if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The same container with `name`'s content replaced.
pub fn replace(container: &[u8], name: &str, content: &[u8]) -> Vec<u8> {
    let mut archive = ZipArchive::new(std::io::Cursor::new(container)).unwrap();
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.push((entry.name().unwrap().into_owned(), bytes));
    }
    let entries: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), if n == name { content } else { b.as_slice() }))
        .collect();
    zip_of(&entries)
}

/// The staff workbook with its sheet's XML replaced.
pub fn xlsx_with_sheet(xml: &str) -> Vec<u8> {
    replace(&staff_xlsx(), "xl/worksheets/sheet1.xml", xml.as_bytes())
}

/// Asserts that the error's sentence holds each of `words`.
pub fn assert_says(error: &SheetError, words: &[&str]) {
    let message = error.to_string();
    for w in words {
        assert!(message.contains(w), "{w:?} missing in: {message}");
    }
}
pub mod xls;

//! Legacy .xls workbooks (BIFF8 records in a compound file) built record by record, so a
//! test can say exactly what a damaged or hostile file claims.

use std::io::{Cursor, Write};

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;

/// One BIFF record: its type, its length, its bytes.
pub fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend(u16::try_from(data.len()).unwrap().to_le_bytes());
    out.extend(data);
    out
}

/// A DIMENSIONS record: the first row and one past the last, the same for columns.
pub fn dimensions(rows: (u32, u32), columns: (u16, u16)) -> Vec<u8> {
    let mut data = rows.0.to_le_bytes().to_vec();
    data.extend(rows.1.to_le_bytes());
    data.extend(columns.0.to_le_bytes());
    data.extend(columns.1.to_le_bytes());
    data.extend([0, 0]);
    record(0x0200, &data)
}

/// A NUMBER cell (rows and columns from 0).
pub fn number(row: u16, column: u16, value: f64) -> Vec<u8> {
    let mut data = cell_at(row, column);
    data.extend(value.to_le_bytes());
    record(0x0203, &data)
}

/// A LABEL cell holding text.
pub fn label(row: u16, column: u16, text: &str) -> Vec<u8> {
    let mut data = cell_at(row, column);
    data.extend(u16::try_from(text.len()).unwrap().to_le_bytes());
    data.push(0); // one byte a character
    data.extend(text.bytes());
    record(0x0204, &data)
}

fn cell_at(row: u16, column: u16) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(column.to_le_bytes());
    data.extend(0u16.to_le_bytes()); // cell format
    data
}

/// A table of labels from A1, its first row the header.
pub fn table(rows: &[&[&str]]) -> Vec<u8> {
    let mut records = Vec::new();
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            records.extend(label(r as u16, c as u16, text));
        }
    }
    records
}

/// A workbook whose sheets each hold `records` between their BOF and EOF. `start` moves
/// where the globals say a sheet starts (to make it point past the end).
pub fn workbook(sheets: &[(&str, Vec<u8>)], start: impl Fn(usize) -> u32) -> Vec<u8> {
    let bound = |position: u32, name: &str| {
        let mut data = position.to_le_bytes().to_vec();
        data.extend([0, 0, name.len() as u8, 0]);
        data.extend(name.bytes());
        record(BOUND_SHEET, &data)
    };
    let mut globals = record(BOF, &[0, 6, 5, 0]);
    let bounds_at = globals.len();
    for (name, _) in sheets {
        globals.extend(bound(0, name));
    }
    globals.extend(record(EOF, &[]));
    let mut stream = globals;
    let mut at = bounds_at;
    for (name, records) in sheets {
        let patched = bound(start(stream.len()), name);
        stream.splice(at..at + patched.len(), patched.iter().copied());
        at += patched.len();
        stream.extend(record(BOF, &[0, 6, 0x10, 0]));
        stream.extend(records);
        stream.extend(record(EOF, &[]));
    }
    compound_file(&stream)
}

/// A workbook of one sheet.
pub fn with_sheet(name: &str, records: Vec<u8>) -> Vec<u8> {
    workbook(&[(name, records)], |at| at as u32)
}

/// A compound file (as Excel 97-2003 saves) holding `stream` as its Workbook stream.
fn compound_file(stream: &[u8]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    let mut workbook = file.create_stream("/Workbook").unwrap();
    workbook.write_all(stream).unwrap();
    drop(workbook);
    file.flush().unwrap();
    file.into_inner().into_inner()
}

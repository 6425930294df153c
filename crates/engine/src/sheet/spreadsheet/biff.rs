//! The size each sheet of a legacy .xls claims, checked before calamine loads it.
//!
//! calamine loads every sheet of a .xls when the workbook opens: it reserves room for as
//! many cells as a sheet's DIMENSIONS record claims, and then fills a grid spanning the
//! furthest rows and columns its cell records name. A few bytes that claim four billion
//! rows, or a cell in column 65,536 next to one in A1, would take gigabytes. The sheets'
//! records are read here first, the way calamine reads them, and a sheet that claims more
//! than its file can hold is refused by name.

use std::path::Path;

use crate::sheet::SheetError;
use crate::sheet::limits::{XLS_CELLS_ALWAYS, XLS_CELLS_PER_BYTE, XLS_MAX_CELLS};

/// Refuses a workbook stream (`Workbook` or `Book`) with a sheet that claims too much.
pub(crate) fn check(path: &Path, stream: &[u8]) -> Result<(), SheetError> {
    let size = stream.len() as u64;
    let spanned_allowed = XLS_CELLS_PER_BYTE
        .saturating_mul(size)
        .clamp(XLS_CELLS_ALWAYS, XLS_MAX_CELLS);
    for (position, name) in sheets(stream) {
        // calamine refuses a sheet that starts past the end; nothing to check.
        let Some(records) = stream.get(position..) else {
            continue;
        };
        let claim = claim(records);
        let too_large = |(rows, columns): (u64, u64), limit: u64, holds: String| {
            (rows.saturating_mul(columns) > limit).then(|| SheetError::XlsSheetTooLarge {
                path: path.to_path_buf(),
                sheet: name.clone(),
                rows,
                columns,
                holds,
            })
        };
        let refused = too_large(
            claim.declared,
            XLS_MAX_CELLS,
            "an Excel 97-2003 sheet can have (65,536 rows by 256 columns)".to_string(),
        )
        .or_else(|| {
            too_large(
                claim.spanned(),
                spanned_allowed,
                format!(
                    "a file of {} can hold",
                    crate::sheet::limits::size_in_words(size)
                ),
            )
        });
        if let Some(error) = refused {
            return Err(error);
        }
    }
    Ok(())
}

/// What one sheet claims: the rows and columns of its DIMENSIONS record, and the furthest
/// rows and columns its cells name.
#[derive(Debug, Default, PartialEq, Eq)]
struct Claim {
    declared: (u64, u64),
    /// The first and last row and column of a cell, once one is seen.
    cells: Option<[u16; 4]>,
}

impl Claim {
    fn cell(&mut self, row: u16, column: u16) {
        let [top, bottom, left, right] = self.cells.get_or_insert([row, row, column, column]);
        *top = (*top).min(row);
        *bottom = (*bottom).max(row);
        *left = (*left).min(column);
        *right = (*right).max(column);
    }

    /// The rows and columns of the grid the cells span.
    fn spanned(&self) -> (u64, u64) {
        self.cells.map_or((0, 0), |[top, bottom, left, right]| {
            (u64::from(bottom - top) + 1, u64::from(right - left) + 1)
        })
    }
}

/// Reads one sheet's records from its BOF to its EOF, skipping nested substreams (embedded
/// charts) as calamine does.
fn claim(records: &[u8]) -> Claim {
    let mut claim = Claim::default();
    let mut seen_bof = false;
    let mut nested = 0usize;
    for (kind, data) in Records(records) {
        if nested > 0 {
            match kind {
                BOF => nested += 1,
                EOF => nested -= 1,
                _ => {}
            }
            continue;
        }
        let row = u16_at(data, 0);
        let column = u16_at(data, 2);
        match kind {
            BOF if seen_bof => nested += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => {
                let (rows, columns) = dimensions(data);
                claim.declared.0 = claim.declared.0.max(rows);
                claim.declared.1 = claim.declared.1.max(columns);
            }
            MUL_RK => {
                if let (Some(row), Some(first), Some(last)) =
                    (row, column, u16_at(data, data.len().saturating_sub(2)))
                {
                    claim.cell(row, first);
                    claim.cell(row, last);
                }
            }
            NUMBER | LABEL | RSTRING | BOOL_ERR | RK | LABEL_SST | FORMULA => {
                if let (Some(row), Some(column)) = (row, column) {
                    claim.cell(row, column);
                }
            }
            _ => {}
        }
    }
    claim
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const NUMBER: u16 = 0x0203;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const BOOL_ERR: u16 = 0x0205;
const RK: u16 = 0x027E;
const LABEL_SST: u16 = 0x00FD;
const MUL_RK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

/// The rows and columns a DIMENSIONS record makes calamine reserve room for, worked out
/// as calamine does (in 32 bits, wrapping where a damaged record has its end before its
/// start).
fn dimensions(data: &[u8]) -> (u64, u64) {
    let (first_row, last_row, mut first_column, last_column) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 4).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u32::from(u16_at(data, 8).unwrap_or(0)),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        _ => return (0, 0),
    };
    if first_column > 0xFF || last_column < first_column {
        first_column = 0;
    }
    if last_row == 0 || last_column == 0 {
        return (1, 1);
    }
    let span = |first: u32, last_exclusive: u32| {
        u64::from((last_exclusive - 1).wrapping_sub(first).wrapping_add(1))
    };
    (span(first_row, last_row), span(first_column, last_column))
}

/// The sheets the workbook globals list (BoundSheet records): where each starts in the
/// stream and its name.
fn sheets(stream: &[u8]) -> Vec<(usize, String)> {
    let mut biff8 = true;
    let mut sheets = Vec::new();
    for (kind, data) in Records(stream) {
        match kind {
            BOF => biff8 = is_biff8(data),
            BOUND_SHEET => {
                let position = u32_at(data, 0) as usize;
                let name = data.get(6..).and_then(|name| short_string(name, biff8));
                let name = name.unwrap_or_else(|| format!("sheet {}", sheets.len() + 1));
                sheets.push((position, name));
            }
            EOF => break,
            _ => {}
        }
    }
    sheets
}

/// Whether a BOF record starts a BIFF8 stream (Excel 97-2003), as calamine decides it.
fn is_biff8(bof: &[u8]) -> bool {
    let version = u16_at(bof, 0).unwrap_or(0);
    let kind = u16_at(bof, 2).unwrap_or(0);
    let older = matches!(version, 0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500)
        || (version == 0 && kind == 0x1000);
    !older
}

/// A sheet name: a length byte, in BIFF8 a flag byte (set: two bytes a character), then
/// the characters. Older files hold code-page text, read here as Latin-1.
fn short_string(data: &[u8], biff8: bool) -> Option<String> {
    let (&length, rest) = data.split_first()?;
    let length = usize::from(length);
    let (wide, text) = if biff8 {
        let (&flags, text) = rest.split_first()?;
        (flags & 1 != 0, text)
    } else {
        (false, rest)
    };
    let name: String = if wide {
        let units = text
            .chunks_exact(2)
            .take(length)
            .map(|c| u16::from_le_bytes([c[0], c[1]]));
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    } else {
        text.iter().take(length).map(|&b| char::from(b)).collect()
    };
    Some(name.replace('\0', ""))
}

/// The records of a BIFF stream: a type, a length and that many bytes each. A CONTINUE
/// record (which calamine appends to the record before it) comes as a record of its own,
/// which no check here looks at. Ends at the first record cut short.
struct Records<'a>(&'a [u8]);

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let kind = u16_at(self.0, 0)?;
        let length = usize::from(u16_at(self.0, 2)?);
        let data = self.0.get(4..4 + length)?;
        self.0 = self.0.get(4 + length..)?;
        Some((kind, data))
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at + 2)?;
    Some(u16::from_le_bytes([bytes[0], bytes[1]]))
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    data.get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
#[path = "tests/biff.rs"]
mod tests;

//! A legacy .xls read through the `cfb` crate before calamine sees it: calamine follows the
//! compound file's sector chains without checking them, so a chain that loops back on
//! itself (a damaged or hostile file) grows one buffer until memory runs out. `cfb` checks
//! every chain; a file it cannot read whole is refused as damaged. Its sheets' claimed
//! sizes are then checked ([`super::biff`]), since calamine loads every sheet at once.
//!
//! calamine is then handed a clean compound file built in memory that holds only the
//! workbook stream checked here, never the original: its own, unchecked reading of a
//! damaged directory could otherwise find a different stream from the one checked.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use crate::sheet::SheetError;
use crate::sheet::limits::MAX_ZIP_ENTRY_BYTES;

/// The streams that hold an Excel 97-2003 workbook's sheets, in the order calamine takes
/// them: `Book` is what Excel 5 and 95 wrote.
const WORKBOOK_STREAMS: [&str; 2] = ["/Workbook", "/Book"];

/// Checks the compound file at `path` and returns, in memory, a clean compound file holding
/// only its workbook stream; refuses one whose structure or workbook stream cannot be read.
pub(crate) fn checked(path: &Path) -> Result<Vec<u8>, SheetError> {
    let damaged = |e: std::io::Error| SheetError::Workbook {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut file = cfb::open(path).map_err(damaged)?;
    // Fuzzing found a file whose checked directory lists neither stream, while calamine
    // found one by name in the damaged directory; its sheet then spanned 20 GB of cells.
    let Some(name) = WORKBOOK_STREAMS.into_iter().find(|n| file.is_stream(n)) else {
        return Err(SheetError::Workbook {
            path: path.to_path_buf(),
            message: "it holds no Workbook stream, the part of an Excel 97-2003 file that \
                      holds its sheets"
                .to_string(),
        });
    };
    let stream = file.open_stream(name).map_err(damaged)?;
    if stream.len() > MAX_ZIP_ENTRY_BYTES {
        return Err(SheetError::WorkbookTooLarge {
            path: path.to_path_buf(),
            part: name.trim_start_matches('/').to_string(),
            size: stream.len(),
            limit: MAX_ZIP_ENTRY_BYTES,
        });
    }
    let mut records = Vec::new();
    stream
        .take(MAX_ZIP_ENTRY_BYTES)
        .read_to_end(&mut records)
        .map_err(damaged)?;
    super::biff::check(path, &records)?;
    rebuilt(&records).map_err(|e| SheetError::io(path, e))
}

/// A compound file (version 3, the one Excel 97-2003 writes) holding `records` as its only
/// stream, `Workbook`.
fn rebuilt(records: &[u8]) -> std::io::Result<Vec<u8>> {
    let room = Cursor::new(Vec::with_capacity(records.len() + (64 << 10)));
    let mut clean = cfb::CompoundFile::create_with_version(cfb::Version::V3, room)?;
    clean
        .create_stream(WORKBOOK_STREAMS[0])?
        .write_all(records)?;
    clean.flush()?;
    Ok(clean.into_inner().into_inner())
}

#[cfg(test)]
#[path = "tests/compound.rs"]
mod tests;

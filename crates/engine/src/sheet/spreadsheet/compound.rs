//! A legacy .xls read through the `cfb` crate before calamine sees it: calamine follows the
//! compound file's sector chains without checking them, so a chain that loops back on
//! itself (a damaged or hostile file) grows one buffer until memory runs out. `cfb` checks
//! every chain; a file it cannot read whole is refused as damaged. Its sheets' claimed
//! sizes are then checked ([`super::biff`]), since calamine loads every sheet at once.

use std::io::Read;
use std::path::Path;

use crate::sheet::SheetError;
use crate::sheet::limits::MAX_ZIP_ENTRY_BYTES;

/// Refuses a compound file whose structure or workbook stream cannot be read.
pub(crate) fn check(path: &Path) -> Result<(), SheetError> {
    let damaged = |e: std::io::Error| SheetError::Workbook {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut file = cfb::open(path).map_err(damaged)?;
    // calamine looks streams up by name in a directory it does not check; a file whose
    // checked directory has neither stream would reach calamine unchecked (fuzzing found
    // one whose sheet then spanned 20 GB of cells).
    if !["/Workbook", "/Book"]
        .iter()
        .any(|name| file.is_stream(name))
    {
        return Err(SheetError::Workbook {
            path: path.to_path_buf(),
            message: "it holds no Workbook stream, the part of an Excel 97-2003 file that \
                      holds its sheets"
                .to_string(),
        });
    }
    for name in ["/Workbook", "/Book"] {
        if !file.is_stream(name) {
            continue;
        }
        let stream = file.open_stream(name).map_err(damaged)?;
        if stream.len() > MAX_ZIP_ENTRY_BYTES {
            return Err(SheetError::WorkbookTooLarge {
                path: path.to_path_buf(),
                part: name.trim_start_matches('/').to_string(),
                size: stream.len(),
                limit: MAX_ZIP_ENTRY_BYTES,
            });
        }
        // calamine holds the stream whole too, once this copy is gone.
        let mut records = Vec::new();
        stream
            .take(MAX_ZIP_ENTRY_BYTES)
            .read_to_end(&mut records)
            .map_err(damaged)?;
        super::biff::check(path, &records)?;
    }
    Ok(())
}

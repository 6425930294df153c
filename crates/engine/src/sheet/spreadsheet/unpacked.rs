//! How large an xlsx or ods file becomes once unpacked, read from its ZIP directory before
//! anything is inflated: a small file that claims gigabytes is refused with a sentence.
//!
//! The directory could understate a part's size; the zip reader then stops inflating that
//! part at its declared size with an error ("larger than its declared uncompressed size"),
//! which reaches the person as a damaged workbook. So the declared sizes bound the real ones.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use crate::sheet::SheetError;
use crate::sheet::limits::{MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES};

/// Refuses a ZIP container whose parts, as declared, unpack past the limits. A file that is
/// not a readable ZIP passes: the workbook reader words that itself.
pub(crate) fn check(path: &Path) -> Result<(), SheetError> {
    let file = File::open(path).map_err(|e| SheetError::io(path, e))?;
    let Ok(archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let mut total = 0u64;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index_data(index) else {
            continue;
        };
        let size = entry.size();
        let part = || entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if size > MAX_ZIP_ENTRY_BYTES {
            return Err(too_large(path, part(), size, MAX_ZIP_ENTRY_BYTES));
        }
        total = total.saturating_add(size);
        if total > MAX_ZIP_TOTAL_BYTES {
            return Err(too_large(
                path,
                "all parts together".to_string(),
                total,
                MAX_ZIP_TOTAL_BYTES,
            ));
        }
    }
    Ok(())
}

fn too_large(path: &Path, part: String, size: u64, limit: u64) -> SheetError {
    SheetError::WorkbookTooLarge {
        path: path.to_path_buf(),
        part,
        size,
        limit,
    }
}

//! The limits that keep a damaged or hostile file from taking all memory or all night: past
//! each one the person gets a sentence saying where and what to do, never a crash.
//!
//! | input                                  | limit                 | what the person sees       |
//! |----------------------------------------|-----------------------|----------------------------|
//! | one row of delimited text              | [`MAX_ROW_BYTES`]     | the file is refused there  |
//! | one line of NDJSON                     | [`MAX_ROW_BYTES`]     | that line is skipped       |
//! | one record of a JSON document          | [`MAX_ROW_BYTES`]     | the file is refused there  |
//! | named columns in the header            | [`MAX_COLUMNS`]       | the file is refused        |
//! | one part of an xlsx/ods (declared)     | [`MAX_ZIP_ENTRY_BYTES`] | the file is refused      |
//! | all parts of an xlsx/ods (declared)    | [`MAX_ZIP_TOTAL_BYTES`] | the file is refused      |
//! | a part that inflates past its declared size | (the zip reader)  | the file is refused        |
//! | stray NUL bytes in text                | [`MAX_STRAY_NULS`] in the first 64 KiB | removed, row reported; more: "a binary file" |
//! | different keys of JSON records         | [`MAX_COLUMNS`]       | the file is refused        |
//! | cells a .xls sheet spans (its furthest cells) | [`XLS_CELLS_PER_BYTE`] a byte of the file, at least [`XLS_CELLS_ALWAYS`], at most [`XLS_MAX_CELLS`] | the file is refused, naming the sheet |
//! | cells a .xls sheet declares (DIMENSIONS) | [`XLS_MAX_CELLS`]   | the file is refused, naming the sheet |

/// The longest row of delimited text (or line of NDJSON), in bytes of UTF-8. Excel holds at
/// most 32,767 characters in a cell; a row this long is a line that never ends or a quote
/// that is never closed.
pub const MAX_ROW_BYTES: u64 = 8 * 1024 * 1024;

/// The most named columns a header may have: Excel's own limit (column XFD).
pub const MAX_COLUMNS: usize = 16_384;

/// The largest part of a workbook's ZIP container, inflated, as its directory declares it.
/// The worksheet of a 100,000-row export inflates to about 25 MB; the zip reader refuses
/// to inflate a part past its declared size, so the declaration bounds the real size.
pub const MAX_ZIP_ENTRY_BYTES: u64 = 1024 * 1024 * 1024;

/// All parts of a workbook together, inflated, as declared.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// How many NUL bytes the first 64 KiB of a text file may hold and still be text. Some
/// exporters pad fields with a few; a binary file has them everywhere.
pub const MAX_STRAY_NULS: usize = 16;

/// The most cells a sheet of a legacy .xls can have: 65,536 rows by 256 columns (Excel
/// 97-2003). calamine reserves room for as many cells as a sheet declares, 40 bytes each.
pub const XLS_MAX_CELLS: u64 = 65_536 * 256;

/// How many cells a .xls sheet may span (from its first to its furthest row and column) for
/// each byte of the workbook: calamine fills a grid that large, 32 bytes a cell, and a cell
/// costs at least 6 bytes of the file, so a real sheet is not a hundredth as sparse.
pub const XLS_CELLS_PER_BYTE: u64 = 16;

/// How many cells a .xls sheet may span whatever the file's size (a 32 MB grid), so a small
/// workbook with a note far from its table still opens.
pub const XLS_CELLS_ALWAYS: u64 = 1 << 20;

/// A size in words: `8 MB`, `1 GB`.
pub(crate) fn size_in_words(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= 1024 * MB && bytes.is_multiple_of(1024 * MB) {
        format!("{} GB", bytes / (1024 * MB))
    } else if bytes >= MB {
        format!("{} MB", bytes.div_ceil(MB))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

//! One record read straight from its text into cells, without building a `serde_json::Value`:
//! the fast path of both readers.
//!
//! It gives the same cells as [`super::flatten`] does on a parsed record, and it is stricter
//! than the parsers it stands in for: whatever it is not sure about (duplicate keys, unpaired
//! surrogate escapes, unusual numbers it cannot convert, anything that is not plain valid
//! JSON) stops it with a [`Stop`], and the caller reads that record (or the whole document)
//! the old way, which decides exactly as before.
//!
//! The parts: [`cursor`] reads the tokens of the text (with [`bytes`] to scan it quickly),
//! [`flattener`] holds what carries over from one record to the next, [`walk`] turns one
//! record's values into cells and [`keys`] matches its keys to column paths; [`dialect`]
//! converts what only the old parsers know how to (unusual numbers, nested lists, whole
//! records).

mod bytes;
mod cursor;
mod dialect;
mod flattener;
mod keys;
mod walk;

#[cfg(test)]
mod tests;

pub(super) use cursor::{extent, skip, string};
pub(super) use dialect::Dialect;
pub(super) use flattener::Flattener;

/// Nesting deeper than this (counted from the top of the document) is left to the old path,
/// which has its own limits (128 in both serde_json and struson).
pub(super) const MAX_DEPTH: u32 = 100;

/// Why the fast path stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// The text ended inside the value: read more and try again.
    Short,
    /// Valid as far as read, but for the old path to convert (duplicate keys, an unpaired
    /// surrogate escape).
    Slow,
    /// Not valid as far as the fast path knows: the old path decides (it may report an error).
    Broken,
    /// A value longer than [`crate::sheet::limits::MAX_ROW_BYTES`]: reading stops, the old
    /// path would hold it whole. `record` is its position in the array of records, once
    /// known (`None`: a value outside the records, or not yet placed).
    TooLong { record: Option<u64> },
}

//! One data row: its number as the person sees it and its cells, stored in one buffer so a
//! reader can refill the same row without allocating per cell.

/// A row's cells as bytes, the form a reader refills them in: the cells one after the
/// other with `gap` bytes between one and the next, and where each cell ends. A line
/// of a delimited file is copied whole, its delimiters kept as the gaps (one copy a line
/// instead of one a cell); other readers write the cells with no gap.
#[derive(Debug, Default)]
pub(crate) struct RawCells {
    pub bytes: Vec<u8>,
    pub ends: Vec<usize>,
    pub gap: usize,
}

impl RawCells {
    /// The cells' bytes in order.
    pub fn fields(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.ends.len()).map(|i| &self.bytes[start(&self.ends, self.gap, i)..self.ends[i]])
    }
}

/// Where cell `index` starts, from the ends of the cells and the gap between them.
fn start(ends: &[usize], gap: usize, index: usize) -> usize {
    match index.checked_sub(1) {
        Some(before) => ends[before] + gap,
        None => 0,
    }
}

/// A row of cells. Cells are kept in a single string with end offsets; readers reuse a
/// `Row` from one call to the next, so reading a million rows allocates almost nothing.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The row number as the person sees it (see [`crate::sheet::Numbering`]).
    pub number: u64,
    text: String,
    ends: Vec<usize>,
    /// Bytes between one cell and the next in `text` (see [`RawCells`]).
    gap: usize,
}

/// Rows are equal when their numbers and cells are, however their text is laid out.
impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.number == other.number && self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Row {}

impl Row {
    /// A row from its number and cells (handy in tests and for small sources).
    pub fn from_cells<S: AsRef<str>>(number: u64, cells: impl IntoIterator<Item = S>) -> Row {
        let mut row = Row {
            number,
            ..Row::default()
        };
        for cell in cells {
            row.push(cell.as_ref());
        }
        row
    }

    /// Empties the row, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.gap = 0;
    }

    /// Appends one cell.
    pub fn push(&mut self, cell: &str) {
        self.push_with(|text| text.push_str(cell));
    }

    /// Appends one cell written by `write` straight into the row's buffer (no allocation).
    pub(crate) fn push_with<T>(&mut self, write: impl FnOnce(&mut String) -> T) -> T {
        // Past the last cell there may be the gaps of cells dropped since.
        let end = self.ends.last().copied().unwrap_or(0);
        self.text.truncate(end);
        if !self.ends.is_empty() {
            self.text.extend(std::iter::repeat_n(' ', self.gap));
        }
        let result = write(&mut self.text);
        self.ends.push(self.text.len());
        result
    }

    /// Drops empty cells at the end of the row.
    pub(crate) fn trim_trailing_empty(&mut self) {
        while self.get(self.len().wrapping_sub(1)) == Some("") {
            self.ends.pop();
        }
    }

    /// Replaces the cells with the fields of a UTF-8 text buffer and their end offsets.
    pub(crate) fn set_from_parts(&mut self, text: &str, ends: impl Iterator<Item = usize>) {
        self.text.clear();
        self.text.push_str(text);
        self.ends.clear();
        self.ends.extend(ends);
        self.gap = 0;
    }

    /// Refills the row from raw bytes without copying them: `fill` writes the cells into
    /// the row's own buffers (see [`RawCells`]; its gap comes as 0), leaving each buffer as
    /// long as what it wrote (they come with the last row's contents, so that making room
    /// zeroes only what that row did not use). When the bytes are not UTF-8 the row is left
    /// empty and they come back for the caller to mend.
    pub(crate) fn refill_bytes<T>(
        &mut self,
        fill: impl FnOnce(&mut RawCells) -> T,
    ) -> (T, Option<RawCells>) {
        let mut raw = RawCells {
            bytes: std::mem::take(&mut self.text).into_bytes(),
            ends: std::mem::take(&mut self.ends),
            gap: 0,
        };
        let result = fill(&mut raw);
        self.gap = 0;
        match String::from_utf8(raw.bytes) {
            Ok(text) => {
                self.text = text;
                self.ends = raw.ends;
                self.gap = raw.gap;
                (result, None)
            }
            Err(e) => (
                result,
                Some(RawCells {
                    bytes: e.into_bytes(),
                    ..raw
                }),
            ),
        }
    }

    /// Asks for the memory of the row's cells ahead of reading or refilling them (see
    /// [`crate::cache_hint`]): a row is written on one core and read on another.
    pub(crate) fn load_soon(&self) {
        crate::cache_hint::load_soon_slice(&self.ends, 2);
        crate::cache_hint::load_soon_slice(self.text.as_bytes(), 3);
    }

    /// The text of all cells, one after the other (with the gaps between them).
    pub(crate) fn text_bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The number of cells in the row (which may differ from the number of columns).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no cells at all.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The cell at a 0-based position, `None` past the last cell.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        self.text.get(start(&self.ends, self.gap, index)..end)
    }

    /// The cell at a position, or `""` where the row is shorter.
    pub fn cell(&self, index: usize) -> &str {
        self.get(index).unwrap_or("")
    }

    /// The cells in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        (0..self.len()).map(|i| self.cell(i))
    }

    /// Whether every cell is empty or whitespace (a blank line or `;;;;`).
    pub fn is_blank(&self) -> bool {
        match self.gap {
            0 => self.text.trim().is_empty(),
            _ => self.iter().all(|cell| cell.trim().is_empty()),
        }
    }

    /// The cells as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{RawCells, Row};

    #[test]
    fn cells_come_back_in_order_and_missing_cells_are_empty() {
        let row = Row::from_cells(7, ["E1", "", "Zoë"]);
        assert_eq!(row.number, 7);
        assert_eq!(row.len(), 3);
        assert_eq!(row.get(0), Some("E1"));
        assert_eq!(row.get(1), Some(""));
        assert_eq!(row.get(2), Some("Zoë"));
        assert_eq!(row.get(3), None);
        assert_eq!(row.cell(9), "");
        assert_eq!(row.to_vec(), vec!["E1", "", "Zoë"]);
    }

    /// A row refilled with a line whose delimiters stay between its cells.
    fn gapped(line: &str, ends: &[usize]) -> Row {
        let mut row = Row::from_cells(3, ["old", "cells"]);
        let ((), raw) = row.refill_bytes(|raw| {
            raw.bytes.clear();
            raw.bytes.extend_from_slice(line.as_bytes());
            raw.ends.clear();
            raw.ends.extend_from_slice(ends);
            raw.gap = 1;
        });
        assert!(raw.is_none());
        row
    }

    #[test]
    fn a_line_kept_whole_reads_as_its_cells() {
        let mut row = gapped("E1,,Zoë,", &[2, 3, 8, 9]);
        row.number = 3;
        assert_eq!(row.to_vec(), vec!["E1", "", "Zoë", ""]);
        assert_eq!(row, Row::from_cells(3, ["E1", "", "Zoë", ""]));
        assert!(!row.is_blank());
        assert!(gapped(" ; ;", &[1, 3, 4]).is_blank());
        row.trim_trailing_empty();
        assert_eq!(row.to_vec(), vec!["E1", "", "Zoë"]);
        row.push("x");
        assert_eq!(row.to_vec(), vec!["E1", "", "Zoë", "x"]);
        row.clear();
        row.push("a");
        row.push("b");
        assert_eq!(row.to_vec(), vec!["a", "b"]);
    }

    #[test]
    fn bytes_that_are_not_utf8_come_back_with_their_gaps() {
        let mut row = Row::from_cells(3, ["old"]);
        let ((), raw) = row.refill_bytes(|raw| {
            raw.bytes = b"E1;\xff;x".to_vec();
            raw.ends = vec![2, 4, 6];
            raw.gap = 1;
        });
        let fields: Vec<&[u8]> = raw.iter().flat_map(RawCells::fields).collect();
        assert_eq!(fields, [b"E1".as_slice(), b"\xff", b"x"]);
        assert!(row.is_empty());
    }

    #[test]
    fn a_row_of_empty_cells_is_blank() {
        assert!(Row::from_cells(1, ["", " ", ""]).is_blank());
        assert!(!Row::from_cells(1, ["", "x"]).is_blank());
    }
}

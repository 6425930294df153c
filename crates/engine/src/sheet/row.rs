//! One data row: its number as the person sees it and its cells, stored in one buffer so a
//! reader can refill the same row without allocating per cell.

/// Cells that are not UTF-8: their bytes one after the other, and each one's end.
pub(crate) type RawCells = (Vec<u8>, Vec<usize>);

/// A row of cells. Cells are kept in a single string with end offsets; readers reuse a
/// `Row` from one call to the next, so reading a million rows allocates almost nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The row number as the person sees it (see [`crate::sheet::Numbering`]).
    pub number: u64,
    text: String,
    ends: Vec<usize>,
}

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
    }

    /// Appends one cell.
    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    /// Appends one cell written by `write` straight into the row's buffer (no allocation).
    pub(crate) fn push_with<T>(&mut self, write: impl FnOnce(&mut String) -> T) -> T {
        let result = write(&mut self.text);
        self.ends.push(self.text.len());
        result
    }

    /// Drops empty cells at the end of the row.
    pub(crate) fn trim_trailing_empty(&mut self) {
        while self.ends.len() > 1
            && self.ends[self.ends.len() - 1] == self.ends[self.ends.len() - 2]
        {
            self.ends.pop();
        }
        if self.ends.len() == 1 && self.ends[0] == 0 {
            self.ends.pop();
        }
    }

    /// Replaces the cells with the fields of a UTF-8 text buffer and their end offsets.
    pub(crate) fn set_from_parts(&mut self, text: &str, ends: impl Iterator<Item = usize>) {
        self.text.clear();
        self.text.push_str(text);
        self.ends.clear();
        self.ends.extend(ends);
    }

    /// Refills the row from raw bytes without copying them: `fill` writes the cells' bytes
    /// one after the other into the first buffer and each cell's end into the second,
    /// leaving each buffer as long as what it wrote (they come with the last row's contents,
    /// so that making room zeroes only what that row did not use). When
    /// the bytes are not UTF-8 the row is left empty and they come back, with the ends, for
    /// the caller to mend.
    pub(crate) fn refill_bytes<T>(
        &mut self,
        fill: impl FnOnce(&mut Vec<u8>, &mut Vec<usize>) -> T,
    ) -> (T, Option<RawCells>) {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        let result = fill(&mut bytes, &mut self.ends);
        match String::from_utf8(bytes) {
            Ok(text) => {
                self.text = text;
                (result, None)
            }
            Err(e) => (
                result,
                Some((e.into_bytes(), std::mem::take(&mut self.ends))),
            ),
        }
    }

    /// The text of all cells, one after the other.
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
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        self.text.get(start..end)
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
        self.text.trim().is_empty()
    }

    /// The cells as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Row;

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

    #[test]
    fn a_row_of_empty_cells_is_blank() {
        assert!(Row::from_cells(1, ["", " ", ""]).is_blank());
        assert!(!Row::from_cells(1, ["", "x"]).is_blank());
    }
}

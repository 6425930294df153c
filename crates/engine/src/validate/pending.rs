//! Manager references that named no record seen so far, kept until the file's end decides
//! them (`across.rs`). A file can hold hundreds of thousands (6% of the benchmark's rows),
//! so they are kept as one text and two numbers each (16 bytes besides the text) instead
//! of a `String` each (about 56): this list is what grows with the file's length while
//! everything else stays within its budget.

/// The references in the order they were met: each one's row and where its text ends.
#[derive(Debug, Default)]
pub(super) struct Pending {
    rows: Vec<u64>,
    ends: Vec<usize>,
    text: String,
}

impl Pending {
    pub fn push(&mut self, row: u64, value: &str) {
        self.text.push_str(value);
        self.rows.push(row);
        self.ends.push(self.text.len());
    }

    /// Each reference's row and value, in the order they were met.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &str)> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        self.rows
            .iter()
            .zip(starts.zip(&self.ends))
            .map(|(&row, (start, &end))| (row, &self.text[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::Pending;

    #[test]
    fn references_come_back_in_order_with_their_rows() {
        let mut pending = Pending::default();
        pending.push(7, "E0000012");
        pending.push(9, "");
        pending.push(12, "Zoë");
        let all: Vec<(u64, &str)> = pending.iter().collect();
        assert_eq!(all, [(7, "E0000012"), (9, ""), (12, "Zoë")]);
    }
}

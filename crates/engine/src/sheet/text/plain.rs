//! Records with no quote on their line, split without the CSV parser.
//!
//! Nine in ten lines of an HR export hold no quote. For such a line csv-core (with the
//! settings Muster uses: quoting on, no escape byte, no comments, CR, LF and CRLF all
//! ending a record) gives exactly the bytes between the delimiters as its cells, and
//! ends the record at the first CR or LF. Finding those bytes sixty-four at a time
//! (`marks.rs`) costs a fraction of csv-core's state machine, and the line is kept whole
//! in its row, its delimiters between the cells (docs/performance.md). Anything else (a
//! quote anywhere on the line, a line not ended within the bytes at hand, a line past the
//! row limit) is left to csv-core, so what a record reads as never depends on which of the
//! two read it: the tests beside this file compare the split with csv-core itself, and the
//! parts' proptest the parallel reader with the one-thread reader.

use super::marks::Specials;
use crate::sheet::row::RawCells;

/// A record read without the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Plain {
    /// The bytes taken, through the CR or LF that ends the record, as csv-core takes them.
    pub taken: usize,
    /// Where the record's line starts, past the blank lines before it.
    pub line_start: usize,
}

/// Room made for the ends of a row's cells, so that a row new to the pool does not grow
/// them three or four times on its first line.
const CELLS_ROOM: usize = 32;

/// Splits plain lines for one delimiter.
pub(super) struct PlainLines {
    delimiter: u8,
    specials: Specials,
}

/// What a delimiter, quote, CR or LF found on a line means for the record.
enum Step {
    /// A delimiter: the next cell starts after it.
    Cell,
    /// The line's end: the record is read, taking this many bytes.
    Done(usize),
    /// The record needs csv-core.
    Parser,
}

impl PlainLines {
    pub fn new(delimiter: u8) -> PlainLines {
        PlainLines {
            delimiter,
            specials: Specials::new(delimiter),
        }
    }

    /// Reads the record at the start of `rest` (after any blank lines, which csv-core
    /// skips too) when its line holds no quote: the line goes into `cells` whole, its
    /// delimiters the gaps between the cells. `None` when the record needs the parser: a
    /// quote on its line, no CR or LF before the end of `rest`, or a line longer than
    /// `most` bytes; `cells` then holds anything.
    ///
    /// csv-core must be between records (as it is after returning one), and past the
    /// start of its input, where it would drop a byte order mark.
    pub fn record(&self, rest: &[u8], most: usize, cells: &mut RawCells) -> Option<Plain> {
        let line_start = rest.iter().position(|&b| b != b'\n' && b != b'\r')?;
        let ends = &mut cells.ends;
        ends.clear();
        ends.reserve(CELLS_ROOM);
        let taken = self.cell_ends(rest, line_start, most, ends)?;
        let line_end = *ends.last()?;
        for end in ends.iter_mut() {
            *end -= line_start;
        }
        cells.bytes.clear();
        cells.bytes.extend_from_slice(&rest[line_start..line_end]);
        cells.gap = 1;
        Some(Plain { taken, line_start })
    }

    /// Pushes where each cell of the line at `line_start` ends in `rest` (its delimiter's
    /// place, or the CR or LF's for the last); returns the bytes taken through that line
    /// end, or `None` for a record csv-core must read.
    fn cell_ends(
        &self,
        rest: &[u8],
        line_start: usize,
        most: usize,
        ends: &mut Vec<usize>,
    ) -> Option<usize> {
        let mut step = |at: usize| {
            let byte = rest[at];
            if at - line_start > most || byte == b'"' {
                return Step::Parser;
            }
            ends.push(at);
            if byte == self.delimiter {
                Step::Cell
            } else {
                Step::Done(at + 1)
            }
        };
        // Sixty-four bytes at a time while there are that many, then sixteen, then byte by
        // byte.
        let mut block = line_start;
        loop {
            let (mut marks, width) = if let Some(bytes) = rest.get(block..block + 64) {
                (self.specials.marks64(bytes.try_into().ok()?), 64)
            } else if let Some(bytes) = rest.get(block..block + 16) {
                (u64::from(self.specials.marks(bytes.try_into().ok()?)), 16)
            } else {
                break;
            };
            while marks != 0 {
                let at = block + marks.trailing_zeros() as usize;
                marks &= marks - 1;
                match step(at) {
                    Step::Cell => {}
                    Step::Done(taken) => return Some(taken),
                    Step::Parser => return None,
                }
            }
            block += width;
            if block - line_start > most {
                return None;
            }
        }
        let special = |&b: &u8| b == self.delimiter || matches!(b, b'"' | b'\n' | b'\r');
        for (at, _) in rest
            .iter()
            .enumerate()
            .skip(block)
            .filter(|(_, b)| special(b))
        {
            match step(at) {
                Step::Cell => {}
                Step::Done(taken) => return Some(taken),
                Step::Parser => return None,
            }
        }
        None
    }
}

#[cfg(test)]
#[path = "tests/plain.rs"]
mod tests;

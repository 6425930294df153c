//! Records with no quote on their line, split without the CSV parser.
//!
//! Nine in ten lines of an HR export hold no quote. For such a line csv-core (with the
//! settings Muster uses: quoting on, no escape byte, no comments, CR, LF and CRLF all
//! ending a record) gives exactly the bytes between the delimiters as its cells, and
//! ends the record at the first CR or LF. Finding those bytes costs a fraction of
//! csv-core's state machine (docs/performance.md). Anything else
//! (a quote anywhere on the line, a line not ended within the bytes at hand, a line past
//! the row limit) is left to csv-core, so what a record reads as never depends on which
//! of the two read it: the parts' proptest compares them with the one-thread reader.

use crate::eight_bytes::{first_equal, first_marked};

/// A record read without the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Plain {
    /// The bytes taken, through the CR or LF that ends the record, as csv-core takes them.
    pub taken: usize,
    /// Where the record's line starts, past the blank lines before it.
    pub line_start: usize,
}

/// Room made in a row for its first line: more than an HR export's line holds.
const LINE_ROOM: usize = 256;
/// Room made for the ends of its cells.
const CELLS_ROOM: usize = 32;

/// Splits plain lines for one delimiter.
pub(super) struct PlainLines {
    delimiter: u8,
}

impl PlainLines {
    pub fn new(delimiter: u8) -> PlainLines {
        PlainLines { delimiter }
    }

    /// Reads the record at the start of `rest` (after any blank lines, which csv-core
    /// skips too) when its line holds no quote: its cells' bytes go one after the other
    /// into `cells` and each cell's end into `ends`. `None` when the record needs the
    /// parser: a quote on its line, no CR or LF before the end of `rest`, or a line longer
    /// than `most` bytes; `cells` and `ends` then hold anything.
    ///
    /// csv-core must be between records (as it is after returning one), and past the
    /// start of its input, where it would drop a byte order mark.
    pub fn record(
        &self,
        rest: &[u8],
        most: usize,
        cells: &mut Vec<u8>,
        ends: &mut Vec<usize>,
    ) -> Option<Plain> {
        let line_start = rest.iter().position(|&b| b != b'\n' && b != b'\r')?;
        cells.clear();
        ends.clear();
        // A row new to the pool would otherwise grow five or six times on its first line.
        cells.reserve(LINE_ROOM.min(rest.len()));
        ends.reserve(CELLS_ROOM);
        let (mut at, mut from) = (line_start, line_start);
        loop {
            at = self.next_special(rest, at)?;
            if at - line_start > most {
                return None;
            }
            let byte = rest[at];
            if byte == b'"' {
                return None;
            }
            cells.extend_from_slice(&rest[from..at]);
            ends.push(cells.len());
            at += 1;
            if byte != self.delimiter {
                return Some(Plain {
                    taken: at,
                    line_start,
                });
            }
            from = at;
        }
    }

    /// The first delimiter, quote, CR or LF at or after `at`. Eight bytes are looked at
    /// together: a cell is a dozen bytes, too short for `memchr`'s set-up to pay off, and
    /// a byte-by-byte loop costs as much as csv-core. Only the first of the marks is
    /// used, so [`first_equal`]'s are enough.
    fn next_special(&self, rest: &[u8], mut at: usize) -> Option<usize> {
        let delimiter = self.delimiter;
        while let Some(chunk) = rest.get(at..at + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word);
            let found = first_equal(word, delimiter)
                | first_equal(word, b'"')
                | first_equal(word, b'\n')
                | first_equal(word, b'\r');
            if found != 0 {
                return Some(at + first_marked(found));
            }
            at += 8;
        }
        let tail = rest.get(at..)?;
        tail.iter()
            .position(|&b| b == self.delimiter || matches!(b, b'"' | b'\n' | b'\r'))
            .map(|found| at + found)
    }
}

#[cfg(test)]
#[path = "tests/plain.rs"]
mod tests;

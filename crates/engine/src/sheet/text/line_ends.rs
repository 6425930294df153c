//! How many rows Excel shows before a point of a delimited file, whatever mix of line
//! endings it holds: Excel starts a new row at a CRLF, a lone LF or a lone CR alike.
//!
//! The CSV parser counts only LFs and ends a record at its CR before the LF is read, so
//! a count of LFs alone is off by one around every line that ends differently from the
//! others (a CRLF line in an LF file, an LF line in a CRLF file, a lone CR). Both readers
//! number rows with [`breaks`] over the bytes they have: the parts of
//! [`super::parallel`] directly, the one-thread reader through [`LineEnds`], which
//! watches the bytes on their way to the parser.

use std::collections::VecDeque;

use memchr::{memchr_iter, memchr2_iter};

/// The line breaks in `bytes[from..to]`: each LF, and each CR not followed by an LF
/// (looked up past `to` when the CR is the last byte counted).
pub(super) fn breaks(bytes: &[u8], from: usize, to: usize) -> u64 {
    let lfs = memchr_iter(b'\n', &bytes[from..to]).count() as u64;
    let lone_crs = memchr_iter(b'\r', &bytes[from..to])
        .filter(|&r| bytes.get(from + r + 1) != Some(&b'\n'))
        .count() as u64;
    lfs + lone_crs
}

/// The line breaks inside a record's cells, which Excel keeps inside the cell. Each cell
/// is looked at alone: a cell ending in CR followed by one starting with LF are two breaks.
pub(super) fn breaks_in_cells<'a>(cells: impl Iterator<Item = &'a [u8]>) -> u64 {
    cells
        .filter(|cell| memchr2_iter(b'\n', b'\r', cell).next().is_some())
        .map(|cell| breaks(cell, 0, cell.len()))
        .sum()
}

/// The byte that ended a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    Lf,
    Cr,
    /// The file ended inside the record.
    None,
}

/// What the one-thread reader needs to know of the bytes the parser has been given: where
/// the CRs are and whether each starts a CRLF.
#[derive(Debug, Default)]
pub(super) struct LineEnds {
    /// CRs not yet passed, as (offset, followed by something other than LF).
    crs: VecDeque<(u64, bool)>,
    /// A CR that is the last byte given so far: what follows it is not known yet.
    open_cr: Option<u64>,
    /// Lone CRs passed so far.
    lone_crs: u64,
    given: u64,
    last_byte: u8,
    /// The input has ended: the parser asked for more and got nothing.
    ended: bool,
}

impl LineEnds {
    /// Notes the next bytes given to the parser.
    pub fn see(&mut self, bytes: &[u8]) {
        let Some(&last) = bytes.last() else {
            // The input ended: a CR at the very end is a line break of its own.
            self.ended = true;
            if let Some(at) = self.open_cr.take() {
                self.crs.push_back((at, true));
            }
            return;
        };
        if let Some(at) = self.open_cr.take() {
            self.crs.push_back((at, bytes[0] != b'\n'));
        }
        for r in memchr_iter(b'\r', bytes) {
            let at = self.given + r as u64;
            match bytes.get(r + 1) {
                Some(&next) => self.crs.push_back((at, next != b'\n')),
                None => self.open_cr = Some(at),
            }
        }
        self.given += bytes.len() as u64;
        self.last_byte = last;
    }

    /// For a record that ends at offset `end` (past its line ending): the byte that ended
    /// it, and the lone CRs before that byte.
    pub fn settle(&mut self, end: u64) -> (Ending, u64) {
        let ending_at = end.saturating_sub(1);
        while let Some(&(at, lone)) = self.crs.front() {
            if at >= ending_at {
                break;
            }
            self.lone_crs += u64::from(lone);
            self.crs.pop_front();
        }
        let is_cr = self.crs.front().is_some_and(|&(at, _)| at == ending_at)
            || self.open_cr == Some(ending_at);
        let ending = if end == 0 || (end == self.given && self.ended) {
            // The parser ends a record at its line break without asking for more, so a
            // record it needed the end of the input for has none (a quote left open at
            // the end of the file holds the last line break).
            Ending::None
        } else if is_cr {
            Ending::Cr
        } else if end < self.given || self.last_byte == b'\n' {
            // Before the end of the input the parser ends a record only at a line break.
            Ending::Lf
        } else {
            Ending::None
        };
        (ending, self.lone_crs)
    }
}

#[cfg(test)]
#[path = "tests/line_ends.rs"]
mod tests;

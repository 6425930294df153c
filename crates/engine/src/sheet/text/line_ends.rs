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

use fixedbitset::FixedBitSet;
use memchr::{memchr_iter, memchr2_iter};

/// The line breaks in `bytes[from..to]`: each LF, and each CR not followed by an LF
/// (looked up past `to` when the CR is the last byte counted).
pub(super) fn breaks(bytes: &[u8], from: usize, to: usize) -> u64 {
    // Between two records there are one or two bytes to look at: `memchr`'s set-up would
    // cost more than looking at them.
    if to - from <= 8 {
        return (from..to)
            .filter(|&at| {
                bytes[at] == b'\n' || (bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n'))
            })
            .count() as u64;
    }
    breaks_searched(bytes, from, to)
}

/// [`breaks`] by searching for each kind of byte.
fn breaks_searched(bytes: &[u8], from: usize, to: usize) -> u64 {
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
/// the CRs are and whether each starts a CRLF. Kept as bitmaps of the pieces that hold
/// CRs, so a record of a few megabytes of CRs costs a quarter of its size, not a number a
/// CR.
#[derive(Debug, Default)]
pub(super) struct LineEnds {
    /// The pieces holding CRs that are not all passed yet.
    pieces: VecDeque<Piece>,
    /// Lone CRs before this offset are counted in `lone_crs`.
    counted_to: u64,
    lone_crs: u64,
    /// A CR that is the last byte given so far: what follows it is not known yet.
    open_cr: Option<u64>,
    given: u64,
    last_byte: u8,
    /// The input has ended: the parser asked for more and got nothing.
    ended: bool,
}

/// The CRs of one piece of the input as two bitmaps: where they are, and which are lone.
#[derive(Debug)]
struct Piece {
    start: u64,
    crs: FixedBitSet,
    lone: FixedBitSet,
}

impl Piece {
    fn end(&self) -> u64 {
        self.start + self.crs.len() as u64
    }

    /// The offset of `at` in the piece, if it is in it.
    fn offset(&self, at: u64) -> Option<usize> {
        (self.start..self.end())
            .contains(&at)
            .then(|| (at - self.start) as usize)
    }
}

impl LineEnds {
    /// Notes the next bytes given to the parser.
    pub fn see(&mut self, bytes: &[u8]) {
        let Some(&last) = bytes.last() else {
            // The input ended: a CR at the very end is a line break of its own.
            self.ended = true;
            if let Some(at) = self.open_cr.take() {
                self.mark_lone(at);
            }
            return;
        };
        if let Some(at) = self.open_cr.take()
            && bytes[0] != b'\n'
        {
            self.mark_lone(at);
        }
        let mut found = memchr_iter(b'\r', bytes).peekable();
        if found.peek().is_some() {
            let mut piece = Piece {
                start: self.given,
                crs: FixedBitSet::with_capacity(bytes.len()),
                lone: FixedBitSet::with_capacity(bytes.len()),
            };
            for r in found {
                piece.crs.insert(r);
                match bytes.get(r + 1) {
                    Some(&b'\n') => {}
                    Some(_) => piece.lone.insert(r),
                    None => self.open_cr = Some(self.given + r as u64),
                }
            }
            self.pieces.push_back(piece);
        }
        self.given += bytes.len() as u64;
        self.last_byte = last;
    }

    /// A CR whose next byte came later turned out lone. Its piece is the last one.
    fn mark_lone(&mut self, at: u64) {
        if let Some(piece) = self.pieces.back_mut()
            && let Some(offset) = piece.offset(at)
        {
            piece.lone.insert(offset);
        }
    }

    /// For a record that ends at offset `end` (past its line ending): the byte that ended
    /// it, and the lone CRs before that byte.
    pub fn settle(&mut self, end: u64) -> (Ending, u64) {
        let ending_at = end.saturating_sub(1);
        while let Some(piece) = self.pieces.front() {
            let from = self.counted_to.max(piece.start) - piece.start;
            let to = ending_at.min(piece.end()).saturating_sub(piece.start);
            if from < to {
                self.lone_crs += piece.lone.count_ones(from as usize..to as usize) as u64;
            }
            if piece.end() > ending_at {
                break;
            }
            self.pieces.pop_front();
        }
        self.counted_to = self.counted_to.max(ending_at);
        let is_cr = self.pieces.front().is_some_and(|piece| {
            piece
                .offset(ending_at)
                .is_some_and(|offset| piece.crs.contains(offset))
        });
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

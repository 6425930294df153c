//! Where a block of delimited text may be cut so that two threads can parse the parts, and
//! how many rows Excel shows before the cut.
//!
//! A cut goes after a line break outside quotes and before a line that is not blank, so the
//! part after it starts with a record. Quotes are followed as the CSV parser (csv-core, with
//! the settings Muster uses) follows them: a quote opens a quoted field only at the start
//! of a field, `""` inside one is a quote, and a quote anywhere else is an ordinary
//! character. Only quotes are looked at one by one (`memchr`), so a file without quotes
//! costs a pass of `memchr` and little else.

use memchr::{memchr, memrchr};

use super::line_ends::breaks;

/// A place to cut a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cut {
    /// The offset in the block where the next part starts.
    pub at: usize,
    /// The line breaks outside quotes before `at` (a CRLF counts once, a lone CR once):
    /// the rows Excel shows for this part of the block.
    pub breaks: u64,
}

/// The last place `block` may be cut, `None` when there is none. `block` must start where
/// a record starts (or in the blank lines before one).
pub(super) fn last_cut(block: &[u8], delimiter: u8) -> Option<Cut> {
    let (quoted, limit) = quoted_fields(block, delimiter);
    let inside = |at: usize| {
        let after = quoted.partition_point(|&(start, _)| start <= at);
        after > 0 && quoted[after - 1].1 > at
    };
    let mut end = limit;
    let at = loop {
        let newline = memrchr(b'\n', &block[..end])?;
        let at = newline + 1;
        let starts_a_line = at < block.len() && !matches!(block[at], b'\n' | b'\r');
        if starts_a_line && !inside(newline) {
            break at;
        }
        end = newline;
    };
    // Every quoted field before the cut closes before it (the cut is outside quotes).
    let quoted_breaks: u64 = quoted
        .iter()
        .take_while(|&&(start, _)| start < at)
        .map(|&(start, end)| breaks(block, start, end))
        .sum();
    Some(Cut {
        at,
        breaks: breaks(block, 0, at) - quoted_breaks,
    })
}

/// The quoted fields of `block` as ranges (from the opening quote to past the closing
/// one), in order, and where a quoted field that does not close in the block begins (the
/// block's length when every one closes).
pub(super) fn quoted_fields(block: &[u8], delimiter: u8) -> (Vec<(usize, usize)>, usize) {
    let mut quoted = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr(b'"', &block[from..]) {
        let quote = from + found;
        let opens = quote == 0 || matches!(block[quote - 1], b'\n' | b'\r') || {
            block[quote - 1] == delimiter
        };
        if !opens {
            from = quote + 1;
            continue;
        }
        match closing_quote(block, quote + 1) {
            Some(close) => {
                quoted.push((quote, close + 1));
                from = close + 1;
            }
            None => return (quoted, quote),
        }
    }
    (quoted, block.len())
}

/// The quote that closes a quoted field whose text starts at `from`: a quote not followed
/// by another. `None` when the block ends first (or ends right after a quote, which may be
/// the first half of a `""`).
fn closing_quote(block: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let quote = from + memchr(b'"', &block[from..])?;
        match block.get(quote + 1) {
            None => return None,
            Some(b'"') => from = quote + 2,
            Some(_) => return Some(quote),
        }
    }
}

#[cfg(test)]
#[path = "tests/split.rs"]
mod tests;

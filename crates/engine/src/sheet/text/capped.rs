//! A cap on how far the CSV parser may read past the end of the last whole record, so a
//! line that never ends (or a quote that is never closed) stops at a known size instead of
//! growing one record until memory runs out.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::line_ends::LineEnds;
use crate::sheet::limits::MAX_ROW_BYTES;

/// The error the capped input answers with once a record has grown past the limit.
#[derive(Debug)]
pub(crate) struct RowTooLong;

impl std::fmt::Display for RowTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a row is longer than the limit")
    }
}

impl std::error::Error for RowTooLong {}

/// Whether an I/O error is the cap's.
pub(crate) fn is_row_too_long(error: &io::Error) -> bool {
    error.get_ref().is_some_and(|e| e.is::<RowTooLong>())
}

/// The input as the parser sees it, failing once it reads past [`Cap::allow`]'s bound,
/// and noting its line endings on the way.
pub(crate) struct Capped<R> {
    inner: R,
    delivered: u64,
    bound: Arc<AtomicU64>,
    ends: LineEnds,
}

impl<R> Capped<R> {
    /// The line endings of what the parser has been given.
    pub fn line_ends(&mut self) -> &mut LineEnds {
        &mut self.ends
    }
}

/// The reader's handle on the bound: moved on after every whole record.
#[derive(Clone)]
pub(crate) struct Cap {
    bound: Arc<AtomicU64>,
    /// How far the parser reads ahead of the record it returns (its buffer).
    read_ahead: u64,
}

impl Cap {
    /// Allows reading one more record that starts at byte `record_start` of the input.
    pub fn allow(&self, record_start: u64) {
        let bound = record_start + MAX_ROW_BYTES + self.read_ahead;
        self.bound.store(bound, Ordering::Relaxed);
    }
}

/// Caps `inner`; the first record may start at byte 0.
pub(crate) fn capped<R: Read>(inner: R, read_ahead: usize) -> (Capped<R>, Cap) {
    let cap = Cap {
        bound: Arc::new(AtomicU64::new(0)),
        read_ahead: read_ahead as u64,
    };
    cap.allow(0);
    let input = Capped {
        inner,
        delivered: 0,
        bound: Arc::clone(&cap.bound),
        ends: LineEnds::default(),
    };
    (input, cap)
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.delivered > self.bound.load(Ordering::Relaxed) {
            return Err(io::Error::other(RowTooLong));
        }
        let n = self.inner.read(buf)?;
        self.delivered += n as u64;
        self.ends.see(&buf[..n]);
        Ok(n)
    }
}

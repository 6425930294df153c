//! A bound on what the old JSON path holds. struson and serde_json read a record whole, so
//! a document that takes the old path (duplicate keys, broken text) with a record of a
//! gigabyte would be held whole. The text reaches them through [`Metered`], which counts
//! what was read since the reader last marked the start of a value; past
//! [`MAX_ROW_BYTES`] and a little read-ahead, reading fails, and the error is turned into
//! the same refusal the fast path gives.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::sheet::limits::MAX_ROW_BYTES;

/// What a reader may take ahead of the value it is in: struson reads 1 KB at a time.
const READ_AHEAD: u64 = 64 * 1024;

/// The failure [`Metered`] gives once a value has taken more than its limit.
#[derive(Debug)]
pub(super) struct ValueTooLong;

impl std::fmt::Display for ValueTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a value is longer than {MAX_ROW_BYTES} bytes")
    }
}

impl std::error::Error for ValueTooLong {}

/// Whether `error` is [`Metered`]'s refusal.
pub(super) fn is_too_long(error: &io::Error) -> bool {
    error.get_ref().is_some_and(|e| e.is::<ValueTooLong>())
}

/// The reading side's handle: marks where each value starts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Meter(Arc<AtomicU64>);

impl Meter {
    /// A value starts here: what was read before it no longer counts.
    pub(crate) fn mark(&self) {
        self.0.store(0, Ordering::Relaxed);
    }
}

/// Text that fails once more than [`MAX_ROW_BYTES`] (and [`READ_AHEAD`]) was read since
/// the last [`Meter::mark`].
pub(super) struct Metered<R> {
    inner: R,
    since_mark: Meter,
}

impl<R: Read> Metered<R> {
    /// `inner`, metered, and the handle that marks it.
    pub(super) fn new(inner: R) -> (Self, Meter) {
        let meter = Meter::default();
        let metered = Metered {
            inner,
            since_mark: meter.clone(),
        };
        (metered, meter)
    }
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.since_mark.0.load(Ordering::Relaxed) > MAX_ROW_BYTES + READ_AHEAD {
            return Err(io::Error::other(ValueTooLong));
        }
        let n = self.inner.read(buf)?;
        self.since_mark.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_fails_past_the_limit_since_the_last_mark() {
        let text = vec![b' '; (4 * MAX_ROW_BYTES) as usize];
        let (mut metered, meter) = Metered::new(&text[..]);
        let mut buf = vec![0u8; 1024];
        let mut read = 0u64;
        // Marked every megabyte: reads on past the limit.
        while read < 2 * MAX_ROW_BYTES {
            if read.is_multiple_of(1 << 20) {
                meter.mark();
            }
            read += metered.read(&mut buf).unwrap() as u64;
        }
        // Not marked again: stops after the limit and the read-ahead, and stays stopped.
        meter.mark();
        let mut since = 0u64;
        let error = loop {
            match metered.read(&mut buf) {
                Ok(0) => panic!("the text ended before the limit"),
                Ok(n) => since += n as u64,
                Err(e) => break e,
            }
        };
        assert!(is_too_long(&error));
        assert!(since > MAX_ROW_BYTES && since <= MAX_ROW_BYTES + READ_AHEAD + 1024);
        assert!(metered.read(&mut buf).is_err());
    }
}

//! A record csv-core writes into a row's buffers. Both CSV readers (`delimited.rs` and the
//! parallel reader's `parallel/parser.rs`) feed csv-core their input piece by piece through
//! it: it makes room when csv-core asks for it, and tells when the record has passed the
//! row limit, past which no more room is made.

use csv_core::ReadRecordResult;

use crate::sheet::limits::MAX_ROW_BYTES;
use crate::sheet::row::RawCells;

/// A row's buffers while csv-core writes a record into them.
pub(super) struct CoreOutput<'r> {
    raw: &'r mut RawCells,
    written: usize,
    ended: usize,
}

impl<'r> CoreOutput<'r> {
    /// Readies `raw` for csv-core, which writes cells back to back: the buffers as long as
    /// they can be without allocating, and some room the first time.
    pub fn new(raw: &'r mut RawCells) -> CoreOutput<'r> {
        raw.gap = 0;
        raw.bytes.resize(raw.bytes.capacity().max(64), 0);
        raw.ends.resize(raw.ends.capacity().max(8), 0);
        CoreOutput {
            raw,
            written: 0,
            ended: 0,
        }
    }

    /// Gives `input` to csv-core: its result and the bytes it read. A buffer csv-core
    /// filled is doubled for the next call, unless the record is [`Self::too_long`].
    pub fn read(&mut self, core: &mut csv_core::Reader, input: &[u8]) -> (ReadRecordResult, usize) {
        let (result, read, wrote, ended) = core.read_record(
            input,
            &mut self.raw.bytes[self.written..],
            &mut self.raw.ends[self.ended..],
        );
        self.written += wrote;
        self.ended += ended;
        if !self.too_long() {
            match result {
                ReadRecordResult::OutputFull => {
                    self.raw.bytes.resize(2 * self.raw.bytes.len(), 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    self.raw.ends.resize(2 * self.raw.ends.len(), 0);
                }
                _ => {}
            }
        }
        (result, read)
    }

    /// Whether the record so far is longer than a row may be.
    pub fn too_long(&self) -> bool {
        self.written as u64 > MAX_ROW_BYTES
    }

    /// Leaves the buffers holding what csv-core wrote.
    pub fn finish(self) {
        self.raw.bytes.truncate(self.written);
        self.raw.ends.truncate(self.ended);
    }

    /// Leaves the buffers empty.
    pub fn discard(self) {
        self.raw.bytes.clear();
        self.raw.ends.clear();
    }
}

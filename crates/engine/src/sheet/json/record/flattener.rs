//! What a reader keeps from one record to the next, and the two ways it reads a record:
//! learning its columns, or filling a row with its cells.

use super::cursor::Cursor;
use super::walk::Walk;
use super::{Dialect, MAX_DEPTH, Stop};
use crate::sheet::Row;
use crate::sheet::json::flatten::{Columns, NONE};

/// What a reader keeps from one record to the next, so that reading allocates nothing.
#[derive(Debug)]
pub struct Flattener {
    dialect: Dialect,
    /// Counts records; a path whose stamp equals it was already seen in this record.
    epoch: u32,
    stamps: Vec<u32>,
    /// The path id of the n-th key of the last record: usually the n-th key of the next.
    guesses: Vec<u32>,
    /// Paths first seen as leaves in this record, made columns when it turns out valid.
    pending: Vec<u32>,
    prefix: String,
    text: String,
    /// Where each column's cell is in `text`; `UNSET` where the record has none.
    spans: Vec<(usize, usize)>,
    ends: Vec<usize>,
}

/// In `Flattener::spans`: no cell.
const UNSET: usize = usize::MAX;

impl Flattener {
    pub fn new(dialect: Dialect) -> Flattener {
        Flattener {
            dialect,
            epoch: 0,
            stamps: Vec::new(),
            guesses: Vec::new(),
            pending: Vec::new(),
            prefix: String::new(),
            text: String::new(),
            spans: Vec::new(),
            ends: Vec::new(),
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Reads the object at `start` (nesting depth `depth`) and adds its columns; returns where
    /// it ends. With `whole`, nothing may follow it.
    pub fn learn(
        &mut self,
        columns: &mut Columns,
        text: &str,
        start: usize,
        depth: u32,
        whole: bool,
    ) -> Result<usize, Stop> {
        let end = self.walk::<false>(columns, text, start, depth, whole)?;
        for &id in &self.pending {
            columns.adopt(id);
        }
        Ok(end)
    }

    /// Reads the object at `start` (nesting depth `depth`) into `row`, one cell per column;
    /// returns where it ends. With `whole`, nothing may follow it. `row` is left alone unless
    /// the record is read.
    pub fn fill(
        &mut self,
        columns: &mut Columns,
        text: &str,
        start: usize,
        depth: u32,
        whole: bool,
        row: &mut Row,
    ) -> Result<usize, Stop> {
        let end = self.walk::<true>(columns, text, start, depth, whole)?;
        // Usually the cells were written in column order: then they go over in one piece.
        self.ends.clear();
        let mut written = 0;
        for &(from, to) in &self.spans {
            if from == UNSET {
                self.ends.push(written);
            } else if from == written {
                written = to;
                self.ends.push(to);
            } else {
                break;
            }
        }
        if self.ends.len() == self.spans.len() && written == self.text.len() {
            row.set_from_parts(&self.text, self.ends.iter().copied());
        } else {
            row.clear();
            for &(from, to) in &self.spans {
                row.push(self.text.get(from..to).unwrap_or_default());
            }
        }
        Ok(end)
    }

    fn walk<const FILL: bool>(
        &mut self,
        columns: &mut Columns,
        text: &str,
        start: usize,
        depth: u32,
        whole: bool,
    ) -> Result<usize, Stop> {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamps.fill(0);
            self.epoch = 1;
        }
        self.pending.clear();
        self.prefix.clear();
        if FILL {
            self.text.clear();
            self.spans.clear();
            self.spans.resize(columns.len(), (UNSET, UNSET));
        }
        let mut walk = Walk::<FILL> {
            cur: Cursor::new(text, start, self.dialect),
            columns,
            epoch: self.epoch,
            stamps: &mut self.stamps,
            guesses: &mut self.guesses,
            pending: &mut self.pending,
            prefix: &mut self.prefix,
            text: &mut self.text,
            spans: &mut self.spans,
            nth: 0,
        };
        if walk.cur.byte()? != b'{' || depth > MAX_DEPTH {
            return Err(Stop::Broken);
        }
        walk.cur.i += 1;
        walk.cur.ws();
        if walk.cur.byte()? == b'}' {
            walk.cur.i += 1;
        } else {
            walk.object(depth, NONE)?;
        }
        if whole && walk.cur.i != text.len() {
            return Err(Stop::Slow);
        }
        Ok(walk.cur.i)
    }
}

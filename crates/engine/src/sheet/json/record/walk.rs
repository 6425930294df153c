//! One pass over one record: its objects member by member, and its values as cells (a list
//! becomes one cell). Keys are matched to column paths in [`super::keys`].

use super::cursor::Cursor;
use super::{MAX_DEPTH, Stop};
use crate::sheet::json::flatten::Columns;

/// One pass over one record.
pub(super) struct Walk<'a, 'f, const FILL: bool> {
    pub(super) cur: Cursor<'a>,
    pub(super) columns: &'f mut Columns,
    pub(super) epoch: u32,
    pub(super) stamps: &'f mut Vec<u32>,
    pub(super) guesses: &'f mut Vec<u32>,
    pub(super) pending: &'f mut Vec<u32>,
    pub(super) prefix: &'f mut String,
    pub(super) text: &'f mut String,
    pub(super) spans: &'f mut [(usize, usize)],
    pub(super) nth: usize,
}

impl<const FILL: bool> Walk<'_, '_, FILL> {
    /// The members of an object whose `{` (and any space after it) was read and which has at
    /// least one member; `depth` is the object's own, `parent` its path (`NONE` for the
    /// record).
    pub(super) fn object(&mut self, depth: u32, parent: u32) -> Result<(), Stop> {
        loop {
            if self.cur.byte()? != b'"' {
                return Err(Stop::Broken);
            }
            self.cur.i += 1;
            let id = match self.known_key(parent) {
                Some(id) => id,
                None => self.new_key(parent)?,
            };
            self.cur.ws();
            if self.cur.byte()? != b':' {
                return Err(Stop::Broken);
            }
            self.cur.i += 1;
            self.cur.ws();
            self.stamp(id)?;
            if self.cur.byte()? == b'{' {
                self.cur.i += 1;
                self.cur.ws();
                if self.cur.byte()? == b'}' {
                    // An empty object is a leaf with an empty cell.
                    self.cur.i += 1;
                    self.leaf_empty(id);
                } else if depth >= MAX_DEPTH {
                    return Err(Stop::Broken);
                } else {
                    self.object(depth + 1, id)?;
                }
            } else {
                self.leaf(id, depth)?;
            }
            if !self.cur.next_or_close(b'}')? {
                return Ok(());
            }
        }
    }

    fn leaf_empty(&mut self, id: u32) {
        if !FILL && self.columns.column(id).is_none() {
            self.pending.push(id);
        }
    }

    /// A value other than an object, at `depth` (its nesting depth if it is a list is one more).
    fn leaf(&mut self, id: u32, depth: u32) -> Result<(), Stop> {
        let column = self.columns.column(id);
        if FILL {
            if let Some(column) = column {
                let start = self.text.len();
                let c = self.cur.byte()?;
                if c == b'[' {
                    self.list(depth + 1)?;
                } else {
                    self.cur.scalar(c, Some(self.text))?;
                }
                if let Some(span) = self.spans.get_mut(column) {
                    *span = (start, self.text.len());
                }
                return Ok(());
            }
        } else if column.is_none() {
            self.pending.push(id);
        }
        self.cur.skip(depth + 1)
    }

    /// A list as one cell: plain values joined with `; ` (empty ones left out), or compact
    /// JSON if it holds a list or an object.
    fn list(&mut self, depth: u32) -> Result<(), Stop> {
        if depth > MAX_DEPTH {
            return Err(Stop::Broken);
        }
        let open = self.cur.i;
        let start = self.text.len();
        self.cur.i += 1;
        self.cur.ws();
        if self.cur.byte()? == b']' {
            self.cur.i += 1;
            return Ok(());
        }
        loop {
            let c = self.cur.byte()?;
            if c == b'[' || c == b'{' {
                self.cur.i = open;
                self.cur.skip(depth)?;
                let raw = self.cur.slice(open, self.cur.i)?;
                self.text.truncate(start);
                return self.cur.dialect.compact(raw, self.text);
            }
            let before = self.text.len();
            if before > start {
                self.text.push_str("; ");
            }
            let mark = self.text.len();
            self.cur.scalar(c, Some(self.text))?;
            if self.text.len() == mark {
                self.text.truncate(before);
            }
            if !self.cur.next_or_close(b']')? {
                return Ok(());
            }
        }
    }
}

//! Reading the records array into rows, one element at a time; a record the fast path is not
//! sure about is parsed the old way and filled as before.

use super::Doc;
use crate::sheet::Row;
use crate::sheet::json::fill;
use crate::sheet::json::flatten::Columns;
use crate::sheet::json::record::{self, Stop};

impl Doc {
    /// Moves into the array at the current position (after `seek`).
    pub fn begin_array(&mut self) -> Result<(), Stop> {
        if self.peek()? != b'[' {
            return Err(Stop::Broken);
        }
        self.src.pos += 1;
        Ok(())
    }

    /// The next element of the records array: `Some(None)` for a record (read into `row`),
    /// `Some(Some(kind))` for anything else (read past), `None` at the end of the array.
    pub fn next_element(
        &mut self,
        first: &mut bool,
        depth: u32,
        columns: &mut Columns,
        cells: &mut Vec<String>,
        row: &mut Row,
    ) -> Result<Option<Option<&'static str>>, Stop> {
        if !self.item(first)? {
            return Ok(None);
        }
        let kind = match self.peek()? {
            b'{' => {
                let fast = self.read(|flat, text, at| {
                    Ok(((), flat.fill(columns, text, at, depth, false, row)?))
                });
                if fast == Err(Stop::Slow) {
                    self.read(|flat, text, at| {
                        let end = record::extent(text, at, depth, flat.dialect())?;
                        let record = text.get(at..end).ok_or(Stop::Broken)?;
                        fill(row, &flat.dialect().record(record)?, columns, cells);
                        Ok(((), end))
                    })?;
                } else {
                    fast?;
                }
                return Ok(Some(None));
            }
            b'n' => "null",
            b't' | b'f' => "true or false",
            b'"' => "a text",
            b'[' => "a list",
            _ => "a number",
        };
        self.skip(depth)?;
        Ok(Some(Some(kind)))
    }
}

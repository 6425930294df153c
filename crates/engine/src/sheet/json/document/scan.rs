//! Finding the records in a document (at a pointer, or the largest array of objects near the
//! top) and learning their columns, as `locate` does on the old path.

use super::{Doc, SEARCH_DEPTH};
use crate::sheet::json::flatten::Columns;
use crate::sheet::json::locate::{Found, escape, unescape};
use crate::sheet::json::record::{self, MAX_DEPTH, Stop};

impl Doc {
    /// Moves to the value at an RFC 6901 pointer (as `locate::seek`); returns its depth.
    pub fn seek(&mut self, pointer: &str) -> Result<u32, Stop> {
        if pointer.is_empty() {
            return Ok(1);
        }
        let Some(tokens) = pointer.strip_prefix('/') else {
            return Err(Stop::Broken);
        };
        let mut depth = 1;
        for token in tokens.split('/').map(unescape) {
            match self.peek()? {
                b'{' => {
                    self.src.pos += 1;
                    let mut first = true;
                    loop {
                        match self.member(&mut first)? {
                            None => return Err(Stop::Broken),
                            Some(name) if name == token => break,
                            Some(_) => self.skip(depth + 1)?,
                        }
                    }
                }
                b'[' => {
                    let index: usize = token.parse().map_err(|_| Stop::Broken)?;
                    self.src.pos += 1;
                    let mut first = true;
                    for _ in 0..index {
                        if !self.item(&mut first)? {
                            return Err(Stop::Broken);
                        }
                        self.skip(depth + 1)?;
                    }
                    if !self.item(&mut first)? {
                        return Err(Stop::Broken);
                    }
                }
                _ => return Err(Stop::Broken),
            }
            depth += 1;
        }
        Ok(depth)
    }

    /// Reads the document once, as `locate::scan` does.
    pub fn scan(&mut self, pointer: Option<&str>) -> Result<Found, Stop> {
        if let Some(pointer) = pointer {
            let depth = self.seek(pointer)?;
            let (columns, records) = self.read_array(depth)?.ok_or(Stop::Broken)?;
            return Ok(Found {
                pointer: pointer.to_string(),
                columns,
                records,
            });
        }
        let mut best: Option<Found> = None;
        self.search(String::new(), SEARCH_DEPTH, 1, &mut best)?;
        best.ok_or(Stop::Broken)
    }

    fn search(
        &mut self,
        pointer: String,
        levels: usize,
        depth: u32,
        best: &mut Option<Found>,
    ) -> Result<(), Stop> {
        match self.peek()? {
            b'[' => {
                if let Some((columns, records)) = self.read_array(depth)?
                    && best.as_ref().is_none_or(|b| records > b.records)
                {
                    *best = Some(Found {
                        pointer,
                        columns,
                        records,
                    });
                }
            }
            b'{' if levels > 0 => {
                self.src.pos += 1;
                let mut first = true;
                while let Some(name) = self.member(&mut first)? {
                    let key = escape(&name);
                    self.search(format!("{pointer}/{key}"), levels - 1, depth + 1, best)?;
                }
            }
            _ => self.skip(depth)?,
        }
        Ok(())
    }

    /// As `locate::read_array`: the columns and count of the objects of an array whose first
    /// element is an object, `None` for any other array or value.
    fn read_array(&mut self, depth: u32) -> Result<Option<(Columns, u64)>, Stop> {
        if self.peek()? != b'[' {
            self.skip(depth)?;
            return Ok(None);
        }
        if depth > MAX_DEPTH {
            return Err(Stop::Broken);
        }
        self.src.pos += 1;
        let mut columns = Columns::default();
        let mut records = 0u64;
        let mut position = 0u64;
        let mut of_objects = true;
        let mut first_element = true;
        let mut first = true;
        while self.item(&mut first)? {
            position += 1;
            let is_object = self.peek()? == b'{';
            if first_element {
                of_objects = is_object;
                first_element = false;
            }
            if of_objects && is_object {
                columns.at(position);
                self.learn(&mut columns, depth + 1)
                    .map_err(|stop| match stop {
                        Stop::TooLong { .. } => Stop::TooLong {
                            record: Some(position),
                        },
                        stop => stop,
                    })?;
                records += 1;
            } else {
                self.skip(depth + 1)?;
            }
        }
        Ok(of_objects.then_some((columns, records)))
    }

    /// Learns the columns of the record (an object) at the current position.
    fn learn(&mut self, columns: &mut Columns, depth: u32) -> Result<(), Stop> {
        let fast =
            self.read(|flat, text, at| Ok(((), flat.learn(columns, text, at, depth, false)?)));
        if fast != Err(Stop::Slow) {
            return fast;
        }
        self.read(|flat, text, at| {
            let end = record::extent(text, at, depth, flat.dialect())?;
            let record = text.get(at..end).ok_or(Stop::Broken)?;
            columns.learn(&flat.dialect().record(record)?);
            Ok(((), end))
        })
    }
}

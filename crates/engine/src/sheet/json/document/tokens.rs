//! Moving through a document token by token: the next byte, the next element of an array or
//! member of an object, and values read past (checked, piece by piece, so a large one needs no
//! large buffer).

use super::Doc;
use crate::sheet::json::record::{self, Flattener, MAX_DEPTH, Stop};
use crate::sheet::limits::MAX_ROW_BYTES;

impl Doc {
    /// The next byte that is not space, not consumed.
    pub(super) fn peek(&mut self) -> Result<u8, Stop> {
        loop {
            let bytes = self.src.text.as_bytes();
            while let Some(&c) = bytes.get(self.src.pos) {
                if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                    return Ok(c);
                }
                self.src.pos += 1;
            }
            if !self.src.more(0)? {
                return Err(Stop::Broken);
            }
        }
    }

    /// Runs `read` on the text from the current position, with more text each time it runs
    /// short; it returns a result and where it stopped reading.
    pub(super) fn read<T>(
        &mut self,
        mut read: impl FnMut(&mut Flattener, &str, usize) -> Result<(T, usize), Stop>,
    ) -> Result<T, Stop> {
        loop {
            match read(&mut self.flat, &self.src.text, self.src.pos) {
                // A value longer than a record may be is refused even where the text read
                // ahead held all of it.
                Ok((_, end)) if end.saturating_sub(self.src.pos) as u64 > MAX_ROW_BYTES => {
                    return Err(Stop::TooLong { record: None });
                }
                Ok((value, end)) => {
                    self.src.pos = end;
                    return Ok(value);
                }
                Err(Stop::Short) => {
                    // At least double what is waiting, so a huge value is read over a few
                    // times, not once per chunk; never far past the limit of a record.
                    let waiting = self.src.text.len().saturating_sub(self.src.pos);
                    let limit = MAX_ROW_BYTES as usize;
                    if waiting > limit {
                        return Err(Stop::TooLong { record: None });
                    }
                    if !self.src.more(waiting.min(limit + 1 - waiting))? {
                        return Err(Stop::Broken);
                    }
                }
                Err(stop) => return Err(stop),
            }
        }
    }

    /// Moves into the next element of an array whose `[` was read; `false` after its `]`.
    pub(super) fn item(&mut self, first: &mut bool) -> Result<bool, Stop> {
        let c = self.peek()?;
        if c == b']' {
            self.src.pos += 1;
            return Ok(false);
        }
        if *first {
            *first = false;
            return Ok(true);
        }
        if c != b',' {
            return Err(Stop::Broken);
        }
        self.src.pos += 1;
        if self.peek()? == b']' {
            return Err(Stop::Broken);
        }
        Ok(true)
    }

    /// Reads the name of the next member of an object whose `{` was read, and its `:`;
    /// `None` after its `}`.
    pub(super) fn member(&mut self, first: &mut bool) -> Result<Option<String>, Stop> {
        let c = self.peek()?;
        if c == b'}' {
            self.src.pos += 1;
            return Ok(None);
        }
        if !*first {
            if c != b',' {
                return Err(Stop::Broken);
            }
            self.src.pos += 1;
        }
        *first = false;
        if self.peek()? != b'"' {
            return Err(Stop::Broken);
        }
        let name = self.read(|_, text, at| {
            let mut name = String::new();
            let end = record::string(text, at, &mut name)?;
            Ok((name, end))
        })?;
        if self.peek()? != b':' {
            return Err(Stop::Broken);
        }
        self.src.pos += 1;
        Ok(Some(name))
    }

    /// Reads past a value at nesting depth `depth` (if it is an array or object), checking it;
    /// arrays and objects go member by member, so a large one needs no large buffer.
    pub(super) fn skip(&mut self, depth: u32) -> Result<(), Stop> {
        match self.peek()? {
            b'{' | b'[' if depth > MAX_DEPTH => Err(Stop::Broken),
            b'{' => {
                self.src.pos += 1;
                let mut first = true;
                while self.member(&mut first)?.is_some() {
                    self.skip(depth + 1)?;
                }
                Ok(())
            }
            b'[' => {
                self.src.pos += 1;
                let mut first = true;
                while self.item(&mut first)? {
                    self.skip(depth + 1)?;
                }
                Ok(())
            }
            _ => {
                self.read(|flat, text, at| Ok(((), record::skip(text, at, depth, flat.dialect())?)))
            }
        }
    }
}

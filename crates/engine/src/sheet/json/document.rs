//! The fast path through a JSON document: the same walk as [`super::locate`] (find the
//! records, learn their columns, come back to them), over a large buffer of text, with each
//! record read by [`super::record`].
//!
//! Anything this path is not sure about ends it with [`Stop`], and the caller goes the old
//! way (`struson`), which decides exactly as before, errors and their wording included.

use std::io::{ErrorKind, Read};

use super::flatten::Columns;
use super::locate::{Found, escape, unescape};
use super::record::{self, Dialect, Flattener, MAX_DEPTH, Stop};
use super::{Input, fill};
use crate::sheet::Row;

/// How deep under the top object a records array is looked for (as in `locate`).
const SEARCH_DEPTH: usize = 2;

/// How much is read at a time (a longer record makes the buffer grow).
const CHUNK: usize = 1 << 16;

/// The text of the input, read a chunk at a time; `text[pos..]` is still to be read.
struct Source {
    input: Input,
    text: String,
    pos: usize,
    /// Where bytes are read to; its first `cut` bytes are a character cut in two by a read.
    raw: Vec<u8>,
    cut: usize,
    /// No more text will come (the end of the input, or bytes that are not UTF-8).
    ended: bool,
}

impl Source {
    /// Drops what was read and appends at least `at_least` bytes of text (one or more reads);
    /// `false` when no more text came.
    fn more(&mut self, at_least: usize) -> Result<bool, Stop> {
        if self.pos > 0 {
            if !self.text.is_char_boundary(self.pos) {
                return Err(Stop::Broken);
            }
            self.text.drain(..self.pos);
            self.pos = 0;
        }
        let before = self.text.len();
        while !self.ended && self.text.len() < before + at_least.max(1) {
            self.read_chunk()?;
        }
        Ok(self.text.len() > before)
    }

    fn read_chunk(&mut self) -> Result<(), Stop> {
        let read = loop {
            let Some(free) = self.raw.get_mut(self.cut..) else {
                return Err(Stop::Broken);
            };
            match self.input.read(free) {
                Ok(n) => break n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                // The old path reads again and reports the error in its own words.
                Err(_) => return Err(Stop::Broken),
            }
        };
        if read == 0 {
            // A character still cut in two at the end is not text.
            self.ended = true;
            return Ok(());
        }
        let have = self.cut + read;
        let bytes = self.raw.get(..have).unwrap_or_default();
        let valid = match std::str::from_utf8(bytes) {
            Ok(text) => {
                self.text.push_str(text);
                have
            }
            Err(e) => {
                let valid = e.valid_up_to();
                let head = bytes.get(..valid).unwrap_or_default();
                if let Ok(text) = std::str::from_utf8(head) {
                    self.text.push_str(text);
                }
                if e.error_len().is_some() {
                    self.ended = true;
                }
                valid
            }
        };
        self.raw.copy_within(valid..have, 0);
        self.cut = have - valid;
        Ok(())
    }
}

/// A JSON document being walked.
pub(super) struct Doc {
    src: Source,
    flat: Flattener,
}

impl Doc {
    pub fn new(input: Input) -> Doc {
        Doc {
            src: Source {
                input,
                text: String::with_capacity(2 * CHUNK),
                pos: 0,
                raw: vec![0; CHUNK],
                cut: 0,
                ended: false,
            },
            flat: Flattener::new(Dialect::Struson),
        }
    }

    /// The next byte that is not space, not consumed.
    fn peek(&mut self) -> Result<u8, Stop> {
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
    fn read<T>(
        &mut self,
        mut read: impl FnMut(&mut Flattener, &str, usize) -> Result<(T, usize), Stop>,
    ) -> Result<T, Stop> {
        loop {
            match read(&mut self.flat, &self.src.text, self.src.pos) {
                Ok((value, end)) => {
                    self.src.pos = end;
                    return Ok(value);
                }
                Err(Stop::Short) => {
                    // At least double what is waiting, so a huge value is read over a few
                    // times, not once per chunk.
                    let waiting = self.src.text.len().saturating_sub(self.src.pos);
                    if !self.src.more(waiting)? {
                        return Err(Stop::Broken);
                    }
                }
                Err(stop) => return Err(stop),
            }
        }
    }

    /// Moves into the next element of an array whose `[` was read; `false` after its `]`.
    fn item(&mut self, first: &mut bool) -> Result<bool, Stop> {
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
    fn member(&mut self, first: &mut bool) -> Result<Option<String>, Stop> {
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
    fn skip(&mut self, depth: u32) -> Result<(), Stop> {
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
        let mut of_objects = true;
        let mut first_element = true;
        let mut first = true;
        while self.item(&mut first)? {
            let is_object = self.peek()? == b'{';
            if first_element {
                of_objects = is_object;
                first_element = false;
            }
            if of_objects && is_object {
                self.learn(&mut columns, depth + 1)?;
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

#[cfg(test)]
mod tests {
    use std::io::BufReader;

    use super::*;
    use crate::sheet::json::locate;
    use struson::reader::JsonStreamReader;

    fn doc(text: &'static str) -> Doc {
        Doc::new(BufReader::new(Box::new(text.as_bytes())))
    }

    /// The fast scan finds what the old one finds, or stops.
    fn same(text: &'static str, pointer: Option<&str>) -> Option<(String, u64, Vec<String>)> {
        let fast = doc(text).scan(pointer).ok();
        let old = locate::scan(&mut JsonStreamReader::new(text.as_bytes()), pointer).ok();
        let fast = fast.map(|f| (f.pointer, f.records, f.columns.names().to_vec()));
        if let Some(fast) = &fast {
            let old = old.map(|f| (f.pointer, f.records, f.columns.names().to_vec()));
            assert_eq!(Some(fast), old.as_ref(), "{text}");
        }
        fast
    }

    #[test]
    fn the_fast_scan_agrees_with_the_old_one() {
        let docs = [
            r#"[{"a":1},{"a":2,"b":3}]"#,
            r#"{"errors":[{"x":1}],"users":[{"uid":"E1"},{"uid":"E2"}],"tags":["a","b","c"],"meta":{"total_pages":1}}"#,
            r#"{"data":{"items":[{"id":1}]}}"#,
            r#" { "a" : { "b/c" : [ {"id":1} , {"id":2} , 3 ] } , "users" : [ {"id":9} ] } "#,
            r#"{"users":[{"a":{"b":{"c":[1,{"d":2}]}}},{"a":{}},{"e":"\u00e9\ud83d\ude00"}]}"#,
            r#"{"users":[{"a":1,"a":{"b":2}},{"a":{"b":1},"a":3}]}"#,
            r#"{"users":[]}"#,
        ];
        for text in docs {
            assert!(same(text, None).is_some(), "{text}");
        }
        assert!(same(docs[3], Some("/a/b~1c")).is_some());
        assert_eq!(same(docs[3], Some("/users/0")), None);
        assert_eq!(same(docs[3], Some("/nope")), None);
        for broken in [
            r#"{"users":[{"a":1},"#,
            r#"{"users":[{"a":1},]}"#,
            r#"{"users":[{"a":1e400}]}"#,
            r#"{"count":3,"names":["a"]}"#,
            "[{\"a\":\"\u{1}\"}]",
            r#"{"users":[{"c":"\ud800"}]}"#,
        ] {
            assert_eq!(same(broken, None), None, "{broken}");
        }
    }

    /// Hands over one byte per read, cutting every character in two.
    struct Trickle(&'static [u8]);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn characters_cut_by_a_read_are_put_together() {
        let text = r#"{"users":[{"name":"Zoë 😀","città":"Genève"},{"name":"Jos\u00e9"}]}"#;
        let mut doc = Doc::new(BufReader::with_capacity(
            1,
            Box::new(Trickle(text.as_bytes())),
        ));
        let found = doc.scan(None).unwrap();
        assert_eq!(found.columns.names(), ["name", "città"]);
        let mut doc = Doc::new(BufReader::with_capacity(
            1,
            Box::new(Trickle(text.as_bytes())),
        ));
        let depth = doc.seek("/users").unwrap();
        doc.begin_array().unwrap();
        let (mut columns, mut cells, mut row, mut first) =
            (found.columns, Vec::new(), Row::default(), true);
        let mut rows = Vec::new();
        while let Some(kind) = doc
            .next_element(&mut first, depth + 1, &mut columns, &mut cells, &mut row)
            .unwrap()
        {
            assert_eq!(kind, None);
            rows.push(row.to_vec());
        }
        assert_eq!(rows, [vec!["Zoë 😀", "Genève"], vec!["José", ""]]);
    }

    #[test]
    fn records_longer_than_the_buffer_are_read_whole() {
        let long = "x".repeat(3 * CHUNK);
        let text = format!(r#"{{"users":[{{"a":"{long}","b":"é"}},{{"a":"y"}}]}}"#);
        let text: &'static str = Box::leak(text.into_boxed_str());
        let found = doc(text).scan(None).unwrap();
        assert_eq!(found.records, 2);
        assert_eq!(found.columns.names(), ["a", "b"]);
    }
}

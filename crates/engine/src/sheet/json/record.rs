//! One record read straight from its text into cells, without building a `serde_json::Value`:
//! the fast path of both readers.
//!
//! It gives the same cells as [`super::flatten`] does on a parsed record, and it is stricter
//! than the parsers it stands in for: whatever it is not sure about (duplicate keys, unpaired
//! surrogate escapes, unusual numbers it cannot convert, anything that is not plain valid
//! JSON) stops it with a [`Stop`], and the caller reads that record (or the whole document)
//! the old way, which decides exactly as before.

use std::fmt::Write as _;

use serde_json::{Map, Value};
use struson::reader::{JsonReader, JsonStreamReader};

use super::flatten::{self, Columns, NONE};
use crate::sheet::Row;

/// Nesting deeper than this (counted from the top of the document) is left to the old path,
/// which has its own limits (128 in both serde_json and struson).
pub(super) const MAX_DEPTH: u32 = 100;

/// Why the fast path stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// The text ended inside the value: read more and try again.
    Short,
    /// Valid as far as read, but for the old path to convert (duplicate keys, an unpaired
    /// surrogate escape).
    Slow,
    /// Not valid as far as the fast path knows: the old path decides (it may report an error).
    Broken,
}

/// Which parser the old path used, since they turn unusual numbers into different text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// NDJSON lines, read by `serde_json`.
    SerdeJson,
    /// JSON documents, read by `struson`.
    Struson,
}

impl Dialect {
    /// A value as the old path parsed it, from its text alone.
    fn parse<T: serde::de::DeserializeOwned>(self, text: &str) -> Result<T, Stop> {
        match self {
            Dialect::SerdeJson => serde_json::from_str(text).map_err(|_| Stop::Broken),
            Dialect::Struson => JsonStreamReader::new(text.as_bytes())
                .deserialize_next()
                .map_err(|_| Stop::Broken),
        }
    }

    /// Checks a number other than a 64-bit integer and, with `out`, writes its text.
    fn number(self, text: &str, out: Option<&mut String>) -> Result<(), Stop> {
        let value: Value = match self {
            Dialect::Struson => match struson_float(text) {
                Some(value) => value,
                None => self.parse(text)?,
            },
            Dialect::SerdeJson => self.parse(text)?,
        };
        if let Some(out) = out {
            match &value {
                Value::Number(n) => write!(out, "{n}").map_err(|_| Stop::Broken)?,
                other => out.push_str(&flatten::text(other)),
            }
        }
        Ok(())
    }

    /// A list holding lists or objects, as compact JSON text.
    fn compact(self, text: &str, out: &mut String) -> Result<(), Stop> {
        let value: Value = self.parse(text)?;
        write!(out, "{value}").map_err(|_| Stop::Broken)
    }

    /// A whole record, parsed the old way.
    pub fn record(self, text: &str) -> Result<Map<String, Value>, Stop> {
        self.parse(text)
    }
}

/// A number with a fraction or an exponent as `struson` reads it into a `Value` (its
/// `deserialize_any` and `restrict_number_values`): `f64::from_str`, a non-finite result
/// becoming null. `None` where it would refuse the number or read it another way.
fn struson_float(text: &str) -> Option<Value> {
    if text.len() > 100 || !text.contains(['.', 'e', 'E']) {
        return None;
    }
    let exponent = match text.find(['e', 'E']) {
        Some(at) => text.get(at + 1..)?,
        None => "",
    };
    let digits = exponent
        .trim_start_matches(['+', '-'])
        .trim_start_matches('0');
    if digits.len() > 2 {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    Some(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t')
}

/// The first `"`, `\` or control character at or after `from`, or the end of `b`.
fn find_special(b: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = b.get(from..).unwrap_or_default();
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in chunks.by_ref() {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let v = u64::from_le_bytes(bytes);
        let quote = v ^ (ONES * u64::from(b'"'));
        let slash = v ^ (ONES * u64::from(b'\\'));
        // A byte is zero (quote, slash) or below 0x20: the lowest flagged byte is a real one.
        let found = ((quote.wrapping_sub(ONES) & !quote)
            | (slash.wrapping_sub(ONES) & !slash)
            | (v.wrapping_sub(ONES * 0x20) & !v))
            & HIGH;
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    for &c in chunks.remainder() {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return at;
        }
        at += 1;
    }
    at
}

/// Whether `text` starts with `key` (which it is at least as long as, or not).
#[inline]
fn same(text: &[u8], key: &[u8]) -> bool {
    let Some(text) = text.get(..key.len()) else {
        return false;
    };
    let mut a = text.chunks_exact(8);
    let mut b = key.chunks_exact(8);
    for (x, y) in a.by_ref().zip(b.by_ref()) {
        if <[u8; 8]>::try_from(x).ok() != <[u8; 8]>::try_from(y).ok() {
            return false;
        }
    }
    a.remainder().iter().zip(b.remainder()).all(|(x, y)| x == y)
}

/// A position in a text being read.
struct Cursor<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    /// Refuse unpaired surrogate escapes (off only to find where a value ends).
    strict: bool,
    dialect: Dialect,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str, i: usize, dialect: Dialect) -> Cursor<'a> {
        Cursor {
            s,
            b: s.as_bytes(),
            i,
            strict: true,
            dialect,
        }
    }

    #[inline]
    fn byte(&self) -> Result<u8, Stop> {
        self.b.get(self.i).copied().ok_or(Stop::Short)
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            if !is_space(c) {
                break;
            }
            self.i += 1;
        }
    }

    /// After a member or an item: past a `,` (`true`, more follows) or past `close`
    /// (`false`, the object or list is done).
    #[inline]
    fn next_or_close(&mut self, close: u8) -> Result<bool, Stop> {
        self.ws();
        match self.byte()? {
            b',' => {
                self.i += 1;
                self.ws();
                Ok(true)
            }
            b if b == close => {
                self.i += 1;
                Ok(false)
            }
            _ => Err(Stop::Broken),
        }
    }

    fn slice(&self, from: usize, to: usize) -> Result<&'a str, Stop> {
        self.s.get(from..to).ok_or(Stop::Broken)
    }

    /// After an opening quote: reads the string, appending it decoded to `out` if given.
    #[inline]
    fn string(&mut self, mut out: Option<&mut String>) -> Result<(), Stop> {
        loop {
            let at = find_special(self.b, self.i);
            let c = self.b.get(at).copied().ok_or(Stop::Short)?;
            if let Some(out) = out.as_deref_mut() {
                out.push_str(self.slice(self.i, at)?);
            }
            self.i = at + 1;
            match c {
                b'"' => return Ok(()),
                b'\\' => self.escape(out.as_deref_mut())?,
                _ => return Err(Stop::Broken),
            }
        }
    }

    fn escape(&mut self, out: Option<&mut String>) -> Result<(), Stop> {
        let c = self.byte()?;
        self.i += 1;
        let decoded = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => match self.hex4()? {
                high @ 0xD800..=0xDBFF => {
                    match (self.b.get(self.i), self.b.get(self.i + 1)) {
                        (Some(b'\\'), Some(b'u')) => self.i += 2,
                        (None, _) | (Some(b'\\'), None) => return Err(Stop::Short),
                        _ if self.strict => return Err(Stop::Slow),
                        _ => return Ok(()),
                    }
                    let low = self.hex4()?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        if self.strict {
                            return Err(Stop::Slow);
                        }
                        return Ok(());
                    }
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                        .ok_or(Stop::Slow)?
                }
                0xDC00..=0xDFFF if self.strict => return Err(Stop::Slow),
                unit => match char::from_u32(unit) {
                    Some(decoded) => decoded,
                    None if self.strict => return Err(Stop::Slow),
                    None => return Ok(()),
                },
            },
            _ => return Err(Stop::Broken),
        };
        if let Some(out) = out {
            out.push(decoded);
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Stop> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = char::from(self.byte()?).to_digit(16).ok_or(Stop::Broken)?;
            unit = unit * 16 + digit;
            self.i += 1;
        }
        Ok(unit)
    }

    fn digits(&mut self) {
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
    }

    /// Reads a number: its text, and whether both parsers turn it into that same text (an
    /// integer that fits 64 bits, other than `-0`).
    fn number(&mut self) -> Result<(&'a str, bool), Stop> {
        let start = self.i;
        let negative = self.byte()? == b'-';
        if negative {
            self.i += 1;
        }
        let integer = self.i;
        match self.byte()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => self.digits(),
            _ => return Err(Stop::Broken),
        }
        let digits = self.i - integer;
        let mut plain = true;
        if self.byte()? == b'.' {
            self.i += 1;
            if !self.byte()?.is_ascii_digit() {
                return Err(Stop::Broken);
            }
            self.digits();
            plain = false;
        }
        if matches!(self.byte()?, b'e' | b'E') {
            self.i += 1;
            if matches!(self.byte()?, b'+' | b'-') {
                self.i += 1;
            }
            if !self.byte()?.is_ascii_digit() {
                return Err(Stop::Broken);
            }
            self.digits();
            plain = false;
        }
        if matches!(self.byte()?, b'0'..=b'9' | b'+' | b'-' | b'.' | b'e' | b'E') {
            return Err(Stop::Broken);
        }
        let text = self.slice(start, self.i)?;
        let plain = plain
            && if negative {
                digits <= 18 && text != "-0"
            } else {
                digits <= 19
            };
        Ok((text, plain))
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Stop> {
        let rest = self.b.get(self.i..).unwrap_or_default();
        if rest.starts_with(word) {
            self.i += word.len();
            Ok(())
        } else if word.starts_with(rest) {
            Err(Stop::Short)
        } else {
            Err(Stop::Broken)
        }
    }

    /// Reads a string, number, `true`, `false` or `null` starting with `c`, writing its cell
    /// text to `out` if given.
    #[inline]
    fn scalar(&mut self, c: u8, out: Option<&mut String>) -> Result<(), Stop> {
        match c {
            b'"' => {
                self.i += 1;
                self.string(out)
            }
            b't' | b'f' => {
                let word = if c == b't' { "true" } else { "false" };
                self.literal(word.as_bytes())?;
                if let Some(out) = out {
                    out.push_str(word);
                }
                Ok(())
            }
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => {
                let (text, plain) = self.number()?;
                if !plain {
                    return self.dialect.number(text, out);
                }
                if let Some(out) = out {
                    out.push_str(text);
                }
                Ok(())
            }
            _ => Err(Stop::Broken),
        }
    }

    /// Reads any value, checking it; `depth` is its own nesting depth if it is an array or an
    /// object.
    fn skip(&mut self, depth: u32) -> Result<(), Stop> {
        let c = self.byte()?;
        let close = match c {
            b'{' => b'}',
            b'[' => b']',
            _ => return self.scalar(c, None),
        };
        if depth > MAX_DEPTH {
            return Err(Stop::Broken);
        }
        self.i += 1;
        self.ws();
        if self.byte()? == close {
            self.i += 1;
            return Ok(());
        }
        loop {
            if close == b'}' {
                if self.byte()? != b'"' {
                    return Err(Stop::Broken);
                }
                self.i += 1;
                self.string(None)?;
                self.ws();
                if self.byte()? != b':' {
                    return Err(Stop::Broken);
                }
                self.i += 1;
                self.ws();
            }
            self.skip(depth + 1)?;
            if !self.next_or_close(close)? {
                return Ok(());
            }
        }
    }
}

/// Reads the string whose opening quote is at `start` into `out`; returns where it ends.
pub(super) fn string(text: &str, start: usize, out: &mut String) -> Result<usize, Stop> {
    let mut cursor = Cursor::new(text, start + 1, Dialect::Struson);
    cursor.string(Some(out))?;
    Ok(cursor.i)
}

/// Checks the value at `start` (nesting depth `depth` if it is an array or object) as
/// `dialect` would read it; returns where it ends.
pub(super) fn skip(text: &str, start: usize, depth: u32, dialect: Dialect) -> Result<usize, Stop> {
    let mut cursor = Cursor::new(text, start, dialect);
    cursor.skip(depth)?;
    Ok(cursor.i)
}

/// Where the value at `start` ends, letting unpaired surrogate escapes through (to cut out a
/// record for the old path).
pub(super) fn extent(
    text: &str,
    start: usize,
    depth: u32,
    dialect: Dialect,
) -> Result<usize, Stop> {
    let mut cursor = Cursor::new(text, start, dialect);
    cursor.strict = false;
    cursor.skip(depth)?;
    Ok(cursor.i)
}

/// What a reader keeps from one record to the next, so that reading allocates nothing.
#[derive(Debug)]
pub(super) struct Flattener {
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

/// One pass over one record.
struct Walk<'a, 'f, const FILL: bool> {
    cur: Cursor<'a>,
    columns: &'f mut Columns,
    epoch: u32,
    stamps: &'f mut Vec<u32>,
    guesses: &'f mut Vec<u32>,
    pending: &'f mut Vec<u32>,
    prefix: &'f mut String,
    text: &'f mut String,
    spans: &'f mut [(usize, usize)],
    nth: usize,
}

impl<const FILL: bool> Walk<'_, '_, FILL> {
    /// The members of an object whose `{` (and any space after it) was read and which has at
    /// least one member; `depth` is the object's own, `parent` its path (`NONE` for the
    /// record).
    fn object(&mut self, depth: u32, parent: u32) -> Result<(), Stop> {
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

    /// After a key's opening quote: the key, if it is the one the same place held in the last
    /// record (usually so), read past.
    #[inline]
    fn known_key(&mut self, parent: u32) -> Option<u32> {
        let guess = *self.guesses.get(self.nth)?;
        let key = self.columns.key_under(guess, parent)?;
        let rest = self.cur.b.get(self.cur.i..)?;
        if rest.get(key.len()) != Some(&b'"') || !same(rest, key) {
            return None;
        }
        self.cur.i += key.len() + 1;
        self.nth += 1;
        Some(guess)
    }

    /// After a key's opening quote: reads the key and looks its path up.
    fn new_key(&mut self, parent: u32) -> Result<u32, Stop> {
        self.prefix.clear();
        if parent != NONE {
            self.prefix.push_str(self.columns.path(parent));
            if !self.prefix.is_empty() {
                self.prefix.push('.');
            }
        }
        let key_at = self.prefix.len();
        self.cur.string(Some(self.prefix))?;
        let id = self.columns.intern(self.prefix, parent, key_at);
        match self.guesses.get_mut(self.nth) {
            Some(slot) => *slot = id,
            None => self.guesses.push(id),
        }
        self.nth += 1;
        Ok(id)
    }

    /// Marks a path seen in this record; a second time means a repeated key, which the old
    /// path resolves (the last value wins, in the place of the first).
    fn stamp(&mut self, id: u32) -> Result<(), Stop> {
        let at = id as usize;
        if at >= self.stamps.len() {
            self.stamps.resize(at + 1, 0);
        }
        match self.stamps.get_mut(at) {
            Some(stamp) if *stamp != self.epoch => {
                *stamp = self.epoch;
                Ok(())
            }
            _ => Err(Stop::Slow),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn find_slow(b: &[u8], from: usize) -> usize {
        b.iter()
            .skip(from)
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .map_or(b.len(), |p| p + from)
    }

    #[test]
    fn special_bytes_are_found_wherever_they_are() {
        let mut text = b"abcdefghijklmnopqrstuvwxyz\xc3\xa9\xc3\xa9 0123456789".to_vec();
        for special in [b'"', b'\\', b'\n', 0, 0x1f] {
            for at in 0..text.len() {
                let mut t = text.clone();
                t[at] = special;
                for from in 0..t.len() {
                    assert_eq!(find_special(&t, from), find_slow(&t, from), "{at} {from}");
                }
            }
        }
        text.truncate(3);
        assert_eq!(find_special(&text, 0), 3);
    }

    fn cells(dialect: Dialect, records: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
        let mut columns = Columns::default();
        let mut flat = Flattener::new(dialect);
        for r in records {
            flat.learn(&mut columns, r, 0, 1, true).unwrap();
        }
        let mut flat = Flattener::new(dialect);
        let mut row = Row::default();
        let rows = records
            .iter()
            .map(|r| {
                flat.fill(&mut columns, r, 0, 1, true, &mut row).unwrap();
                row.to_vec()
            })
            .collect();
        (columns.names().to_vec(), rows)
    }

    #[test]
    fn records_become_cells() {
        for dialect in [Dialect::SerdeJson, Dialect::Struson] {
            let (names, rows) = cells(
                dialect,
                &[
                    r#"{"a":"x\"y","b":{"c":1,"d":{"e":true}},"f":[1,"",null,"z"],"g":{}}"#,
                    r#"{ "f" : [ ] , "h":[{"k": 1}, 2] , "a":null}"#,
                ],
            );
            assert_eq!(names, ["a", "b.c", "b.d.e", "f", "g", "h"]);
            assert_eq!(rows[0], ["x\"y", "1", "true", "1; z", "", ""]);
            assert_eq!(rows[1], ["", "", "", "", "", r#"[{"k":1},2]"#]);
        }
    }

    #[test]
    fn the_fast_path_stops_where_it_is_not_sure() {
        let mut columns = Columns::default();
        let mut flat = Flattener::new(Dialect::SerdeJson);
        let mut stop = |text: &str| flat.learn(&mut columns, text, 0, 1, true).err();
        assert_eq!(stop(r#"{"a":1,"a":2}"#), Some(Stop::Slow));
        assert_eq!(stop(r#"{"a":{"b":1},"a":2}"#), Some(Stop::Slow));
        assert_eq!(stop(r#"{"a":"\ud800"}"#), Some(Stop::Slow));
        assert_eq!(stop(r#"{"a":1} x"#), Some(Stop::Slow));
        assert_eq!(stop(r#"{"a":1,}"#), Some(Stop::Broken));
        assert_eq!(stop(r#"{"a":01}"#), Some(Stop::Broken));
        assert_eq!(stop(r#"{"a":1e400}"#), Some(Stop::Broken));
        assert_eq!(stop("{\"a\":\"\t\"}"), Some(Stop::Broken));
        assert_eq!(stop(r#"{"a":tru}"#), Some(Stop::Broken));
        assert_eq!(stop(r#"{"a":[1,]}"#), Some(Stop::Broken));
        assert_eq!(stop(r#"{"a":"x"#), Some(Stop::Short));
        assert_eq!(stop(r#"{"a":tr"#), Some(Stop::Short));
        assert_eq!(stop(r#"{"a":"\ud83d\ude00","b":-0,"c":1.5e3}"#), None);
        assert_eq!(columns.names(), ["a", "b", "c"]);
    }
}

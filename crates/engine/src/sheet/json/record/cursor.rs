//! A position in a record's text and the tokens read from it: strings with their escapes,
//! numbers, literals, and whole values checked and read past. Also the entry points other
//! modules use to read one string or to find where one value ends.

use super::bytes::{find_special, is_space};
use super::{Dialect, MAX_DEPTH, Stop};

/// A position in a text being read.
pub(super) struct Cursor<'a> {
    s: &'a str,
    pub(super) b: &'a [u8],
    pub(super) i: usize,
    /// Refuse unpaired surrogate escapes (off only to find where a value ends).
    strict: bool,
    pub(super) dialect: Dialect,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(s: &'a str, i: usize, dialect: Dialect) -> Cursor<'a> {
        Cursor {
            s,
            b: s.as_bytes(),
            i,
            strict: true,
            dialect,
        }
    }

    #[inline]
    pub(super) fn byte(&self) -> Result<u8, Stop> {
        self.b.get(self.i).copied().ok_or(Stop::Short)
    }

    #[inline]
    pub(super) fn ws(&mut self) {
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
    pub(super) fn next_or_close(&mut self, close: u8) -> Result<bool, Stop> {
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

    pub(super) fn slice(&self, from: usize, to: usize) -> Result<&'a str, Stop> {
        self.s.get(from..to).ok_or(Stop::Broken)
    }

    /// After an opening quote: reads the string, appending it decoded to `out` if given.
    #[inline]
    pub(super) fn string(&mut self, mut out: Option<&mut String>) -> Result<(), Stop> {
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
    pub(super) fn scalar(&mut self, c: u8, out: Option<&mut String>) -> Result<(), Stop> {
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
    pub(super) fn skip(&mut self, depth: u32) -> Result<(), Stop> {
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
pub fn string(text: &str, start: usize, out: &mut String) -> Result<usize, Stop> {
    let mut cursor = Cursor::new(text, start + 1, Dialect::Struson);
    cursor.string(Some(out))?;
    Ok(cursor.i)
}

/// Checks the value at `start` (nesting depth `depth` if it is an array or object) as
/// `dialect` would read it; returns where it ends.
pub fn skip(text: &str, start: usize, depth: u32, dialect: Dialect) -> Result<usize, Stop> {
    let mut cursor = Cursor::new(text, start, dialect);
    cursor.skip(depth)?;
    Ok(cursor.i)
}

/// Where the value at `start` ends, letting unpaired surrogate escapes through (to cut out a
/// record for the old path).
pub fn extent(text: &str, start: usize, depth: u32, dialect: Dialect) -> Result<usize, Stop> {
    let mut cursor = Cursor::new(text, start, dialect);
    cursor.strict = false;
    cursor.skip(depth)?;
    Ok(cursor.i)
}

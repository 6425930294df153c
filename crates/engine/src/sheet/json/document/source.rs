//! The text of a JSON document read a chunk at a time into a buffer that drops what was read,
//! with characters cut in two by a read put back together.

use std::io::{ErrorKind, Read};

use crate::sheet::json::Input;
use crate::sheet::json::record::Stop;

/// The text of the input, read a chunk at a time; `text[pos..]` is still to be read.
pub(super) struct Source {
    pub(super) input: Input,
    pub(super) text: String,
    pub(super) pos: usize,
    /// Where bytes are read to; its first `cut` bytes are a character cut in two by a read.
    pub(super) raw: Vec<u8>,
    pub(super) cut: usize,
    /// No more text will come (the end of the input, or bytes that are not UTF-8).
    pub(super) ended: bool,
}

impl Source {
    /// Drops what was read and appends at least `at_least` bytes of text (one or more reads);
    /// `false` when no more text came.
    pub(super) fn more(&mut self, at_least: usize) -> Result<bool, Stop> {
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

//! Turns the UTF-8 the writers produce into the file's text encoding.
//!
//! The csv crate hands over its buffer in chunks that may end in the middle
//! of a multi-byte character, so an incomplete tail is held back until the
//! next write completes it.

use std::io::{self, Write};

use encoding_rs::{EncoderResult, WINDOWS_1252};

use crate::format::TextEncoding;

/// A `Write` that accepts UTF-8 and writes `encoding` (with its BOM) to `inner`.
pub(crate) struct EncodingWriter<W: Write> {
    inner: W,
    encoding: TextEncoding,
    /// Up to 3 bytes of a character split across writes.
    pending: Vec<u8>,
    /// Reused output buffer for the transcoded bytes.
    scratch: Vec<u8>,
    cp1252: Option<encoding_rs::Encoder>,
}

impl<W: Write> EncodingWriter<W> {
    /// Writes the byte order mark right away, if the encoding has one.
    pub(crate) fn new(mut inner: W, encoding: TextEncoding) -> io::Result<Self> {
        let bom: &[u8] = match encoding {
            TextEncoding::Utf8Bom => b"\xEF\xBB\xBF",
            TextEncoding::Utf16LeBom => b"\xFF\xFE",
            TextEncoding::Utf16BeBom => b"\xFE\xFF",
            TextEncoding::Utf8 | TextEncoding::Windows1252 => b"",
        };
        inner.write_all(bom)?;
        Ok(EncodingWriter {
            inner,
            encoding,
            pending: Vec::new(),
            scratch: Vec::new(),
            cp1252: (encoding == TextEncoding::Windows1252).then(|| WINDOWS_1252.new_encoder()),
        })
    }

    /// Flushes and returns the inner writer; fails if a character was cut off.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        if !self.pending.is_empty() {
            return Err(invalid("the text ended in the middle of a UTF-8 character"));
        }
        self.inner.flush()?;
        Ok(self.inner)
    }

    fn encode_str(&mut self, text: &str) -> io::Result<()> {
        self.scratch.clear();
        match self.encoding {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
                self.scratch.extend_from_slice(text.as_bytes())
            }
            TextEncoding::Utf16LeBom => {
                for unit in text.encode_utf16() {
                    self.scratch.extend_from_slice(&unit.to_le_bytes());
                }
            }
            TextEncoding::Utf16BeBom => {
                for unit in text.encode_utf16() {
                    self.scratch.extend_from_slice(&unit.to_be_bytes());
                }
            }
            TextEncoding::Windows1252 => {
                let encoder = self.cp1252.as_mut().expect("set for Windows-1252");
                // A single-byte encoding never needs more bytes than UTF-8.
                self.scratch.resize(text.len(), 0);
                let (result, _read, written) =
                    encoder.encode_from_utf8_without_replacement(text, &mut self.scratch, false);
                if let EncoderResult::Unmappable(c) = result {
                    return Err(invalid(&format!(
                        "the character {c:?} cannot be written in Windows-1252"
                    )));
                }
                self.scratch.truncate(written);
            }
        }
        self.inner.write_all(&self.scratch)
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_owned())
}

impl<W: Write> Write for EncodingWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut joined;
        let bytes = if self.pending.is_empty() {
            data
        } else {
            joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(data);
            &joined[..]
        };
        let complete = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            // error_len None: the input just stops inside a character.
            Err(e) if e.error_len().is_none() => {
                let (head, tail) = bytes.split_at(e.valid_up_to());
                self.pending.extend_from_slice(tail);
                std::str::from_utf8(head).expect("checked prefix")
            }
            Err(_) => return Err(invalid("the generator produced invalid UTF-8")),
        };
        self.encode_str(complete)?;
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(encoding: TextEncoding, pieces: &[&[u8]]) -> io::Result<Vec<u8>> {
        let mut w = EncodingWriter::new(Vec::new(), encoding)?;
        for piece in pieces {
            w.write_all(piece)?;
        }
        w.finish()
    }

    #[test]
    fn split_characters_survive() {
        let text = "Zoë Łukasz";
        let bytes = text.as_bytes();
        // Cut inside "ë" (2 bytes) and inside "Ł".
        let pieces: [&[u8]; 3] = [&bytes[..3], &bytes[3..6], &bytes[6..]];
        let out = encode(TextEncoding::Utf16LeBom, &pieces).unwrap();
        let (decoded, enc, had_errors) = encoding_rs::UTF_16LE.decode(&out);
        assert_eq!(enc, encoding_rs::UTF_16LE);
        assert!(!had_errors);
        assert_eq!(decoded, text);
    }

    #[test]
    fn boms_and_byte_orders() {
        let le = encode(TextEncoding::Utf16LeBom, &[b"A"]).unwrap();
        assert_eq!(le, b"\xFF\xFEA\x00");
        let be = encode(TextEncoding::Utf16BeBom, &[b"A"]).unwrap();
        assert_eq!(be, b"\xFE\xFF\x00A");
        let bom = encode(TextEncoding::Utf8Bom, &["ü".as_bytes()]).unwrap();
        assert_eq!(bom, b"\xEF\xBB\xBF\xC3\xBC");
    }

    #[test]
    fn windows_1252() {
        let out = encode(TextEncoding::Windows1252, &["Müller Š".as_bytes()]).unwrap();
        assert_eq!(out, b"M\xFCller \x8A");
        let err = encode(TextEncoding::Windows1252, &["Łukasz".as_bytes()]).unwrap_err();
        assert!(err.to_string().contains("Windows-1252"), "{err}");
    }

    #[test]
    fn cut_off_text_is_an_error() {
        let err = encode(TextEncoding::Utf16LeBom, &[&"é".as_bytes()[..1]]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }
}

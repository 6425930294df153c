//! Which text encoding a delimited file or JSON document is in.
//!
//! A byte-order mark decides first (UTF-8, UTF-16 LE/BE: what Excel writes for "CSV UTF-8"
//! and "Unicode Text"); then UTF-16 without a mark is recognised by its zero bytes; then a
//! sample that is valid UTF-8 is UTF-8; anything else is handed to chardetng, which picks the
//! legacy encoding (Windows-1252 for western European exports, and so on).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// The encoding of a file and the length of its byte-order mark, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Detected {
    pub encoding: &'static Encoding,
    pub bom_len: usize,
}

/// Why a sample is not text at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotText;

/// Detects the encoding from the first bytes of a file. `complete` says whether `head` is
/// the whole file (so a multi-byte character cut at its end is an error, not a truncation).
pub(crate) fn detect(head: &[u8], complete: bool) -> Result<Detected, NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(head) {
        return Ok(Detected { encoding, bom_len });
    }
    if let Some(encoding) = utf16_without_bom(head) {
        return Ok(Detected {
            encoding,
            bom_len: 0,
        });
    }
    // A few NUL bytes are padding left in a text export (removed row by row); many, or NULs
    // among other control bytes, are a binary file.
    if memchr::memchr(0, head).is_some() {
        let many = memchr::memchr_iter(0, head)
            .nth(crate::sheet::limits::MAX_STRAY_NULS)
            .is_some();
        let controls = head
            .iter()
            .any(|&b| matches!(b, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F));
        if many || controls {
            return Err(NotText);
        }
    }
    let valid_utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A character cut off at the end of the sample is not a fault of the file.
        Err(e) => e.error_len().is_none() && !complete,
    };
    if valid_utf8 {
        return Ok(Detected {
            encoding: UTF_8,
            bom_len: 0,
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, complete);
    Ok(Detected {
        encoding: detector.guess(None, chardetng::Utf8Detection::Deny),
        bom_len: 0,
    })
}

/// UTF-16 text without a byte-order mark: ASCII characters leave a zero byte in every pair,
/// on the odd side for little-endian and the even side for big-endian.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let sample = &head[..head.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if zero_odd * 10 >= pairs * 6 && zero_even * 20 <= pairs {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 6 && zero_odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding to read a file with: the one the person named, else the detected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chosen {
    pub encoding: &'static Encoding,
    /// The byte-order mark to skip (a mark of the chosen encoding is not part of the data).
    pub bom_len: usize,
    pub guessed: bool,
}

/// Chooses the encoding for a file whose first bytes are `head` (`complete` when that is
/// the whole file): the person's `label` if given, else detection.
pub(crate) fn choose(
    path: &std::path::Path,
    head: &[u8],
    complete: bool,
    label: Option<&str>,
) -> Result<Chosen, crate::sheet::SheetError> {
    use crate::sheet::SheetError;
    if let Some(label) = label {
        let encoding = from_label(label).ok_or_else(|| SheetError::UnknownEncoding {
            label: label.to_string(),
        })?;
        let bom_len = match Encoding::for_bom(head) {
            Some((bom_encoding, len)) if bom_encoding == encoding => len,
            _ => 0,
        };
        return Ok(Chosen {
            encoding,
            bom_len,
            guessed: false,
        });
    }
    match detect(head, complete) {
        Ok(d) => Ok(Chosen {
            encoding: d.encoding,
            bom_len: d.bom_len,
            guessed: true,
        }),
        Err(NotText) => Err(SheetError::Binary {
            path: path.to_path_buf(),
            what: "a binary file".to_string(),
        }),
    }
}

/// The encoding a person named, by any WHATWG label (`latin1` is Windows-1252).
pub(crate) fn from_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1252;

    /// The detected encoding of a sample that must be text.
    fn detected(bytes: &[u8], complete: bool) -> Detected {
        match detect(bytes, complete) {
            Ok(detected) => detected,
            Err(NotText) => panic!("{bytes:?} was taken for binary"),
        }
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn byte_order_marks_decide() {
        let d = detected(b"\xEF\xBB\xBFid;name\n", true);
        assert_eq!((d.encoding, d.bom_len), (UTF_8, 3));
        let d = detected(b"\xFF\xFEi\0d\0", true);
        assert_eq!((d.encoding, d.bom_len), (UTF_16LE, 2));
        let d = detected(b"\xFE\xFF\0i\0d", true);
        assert_eq!((d.encoding, d.bom_len), (UTF_16BE, 2));
    }

    #[test]
    fn utf16_without_a_mark_is_recognised() {
        let le = utf16("Vorname\tNachname\r\nJürgen\tGroß\r\n", false);
        assert_eq!(detected(&le, true).encoding, UTF_16LE);
        let be = utf16("Vorname\tNachname\r\nJürgen\tGroß\r\n", true);
        assert_eq!(detected(&be, true).encoding, UTF_16BE);
    }

    #[test]
    fn utf8_without_a_mark_is_utf8_even_when_cut_mid_character() {
        let text = "Name;Stadt\nZoë;Köln\n".as_bytes();
        assert_eq!(detected(text, true).encoding, UTF_8);
        let cut = &"Zoë".as_bytes()[..3];
        assert_eq!(detected(cut, false).encoding, UTF_8);
    }

    #[test]
    fn western_legacy_text_is_windows_1252() {
        let (bytes, _, _) = WINDOWS_1252.encode("Name;Ort\nJürgen Groß;Köln\nRené Léger;Genève\n");
        let d = detected(&bytes, true);
        assert_eq!(d.encoding, WINDOWS_1252);
        assert_eq!(d.bom_len, 0);
    }

    #[test]
    fn zero_bytes_in_no_pattern_are_not_text() {
        assert_eq!(detect(b"abc\0\x01\x02\0\0\x07xyzzy\0", true), Err(NotText));
    }

    #[test]
    fn labels_name_encodings() {
        assert_eq!(from_label("latin1"), Some(WINDOWS_1252));
        assert_eq!(from_label("UTF-16LE"), Some(UTF_16LE));
        assert_eq!(from_label("klingon"), None);
    }
}

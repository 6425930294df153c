//! The person's overrides for every guess a reader makes.

use super::Format;

/// Settings that replace Muster's guesses. `None` everywhere means "work it out".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Read the file as this format whatever its extension says.
    pub format: Option<Format>,
    /// A WHATWG encoding label (`utf-8`, `windows-1252`, `utf-16le`, `latin1`, …).
    pub encoding: Option<String>,
    /// The field delimiter of delimited text.
    pub delimiter: Option<u8>,
    /// The workbook sheet to read, by name.
    pub sheet: Option<String>,
    /// The header row as the person sees it, 1-based.
    pub header_row: Option<u64>,
    /// Where the records are in a JSON document (RFC 6901, e.g. `/users`).
    pub json_pointer: Option<String>,
}

/// A delimiter as a person writes it on the command line or in a profile: one ASCII
/// character (`,` `;` `|`), or a name: `tab` (also `\t`), `comma`, `semicolon`, `pipe`.
pub fn delimiter_from_name(text: &str) -> Option<u8> {
    match text {
        "tab" | "\\t" | "\t" => Some(b'\t'),
        "comma" => Some(b','),
        "semicolon" => Some(b';'),
        "pipe" => Some(b'|'),
        other if other.len() == 1 && other.is_ascii() => Some(other.as_bytes()[0]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::delimiter_from_name;

    #[test]
    fn delimiters_by_character_and_by_name() {
        for (text, byte) in [
            (",", b','),
            ("comma", b','),
            (";", b';'),
            ("semicolon", b';'),
            ("|", b'|'),
            ("pipe", b'|'),
            ("tab", b'\t'),
            ("\\t", b'\t'),
            ("\t", b'\t'),
        ] {
            assert_eq!(delimiter_from_name(text), Some(byte), "{text:?}");
        }
        for bad in ["", ",,", "Tab", "§", "space"] {
            assert_eq!(delimiter_from_name(bad), None, "{bad:?}");
        }
    }
}

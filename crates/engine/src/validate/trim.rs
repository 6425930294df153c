//! Trimming for the checks: `str::trim` decodes characters at both ends to find Unicode
//! spaces, on every value the checks compare; nearly every value starts and ends with a
//! visible ASCII character and needs no trimming at all.

/// `value.trim()`.
#[inline]
pub(crate) fn trim(value: &str) -> &str {
    let bytes = value.as_bytes();
    // A visible ASCII byte is a whole character and never a space.
    if bytes.first().is_some_and(u8::is_ascii_graphic)
        && bytes.last().is_some_and(u8::is_ascii_graphic)
    {
        value
    } else {
        trim_characters(value)
    }
}

/// Kept out of line, so that [`trim`]'s test inlines where it is called.
#[inline(never)]
fn trim_characters(value: &str) -> &str {
    value.trim()
}

#[cfg(test)]
mod tests {
    use super::trim;

    /// Every string of up to four characters from spaces of each kind, controls and
    /// letters trims as `str::trim` does.
    #[test]
    fn trims_as_str_trim_does() {
        let alphabet = [
            " ", "\t", "\n", "\u{b}", "\u{1f}", "\u{85}", "\u{a0}", "\u{3000}", "a", "~", "é",
            "\u{7f}", "\0",
        ];
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            for s in &longer {
                assert_eq!(trim(s), s.trim(), "{s:?}");
            }
            strings = longer;
        }
        assert_eq!(trim(""), "");
    }
}

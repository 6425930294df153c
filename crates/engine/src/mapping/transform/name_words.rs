//! Word lists for `split_name`: particles that belong to the last name ("van", "de la")
//! and generational suffixes ("Jr.") that belong to no part.

/// Lower-case particles. Multi-word particles ("van der", "de la") need no entry of
/// their own: the splitter starts the last name at the first particle, so "der"/"la"
/// simply follow. Left out on purpose: "y" (in "José Ortega y Gasset" the last name starts
/// before it) and "do"/"das" (Brazilian given names like "Maria do Carmo").
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "des", "del", "della", "di", "da", "dos", "du", "le", "la",
    "ten", "ter", "zu", "bin", "binti", "ibn", "al", "el", "ó", "ní", "nic", "uí",
];

/// Suffixes compared without a trailing dot, lower case.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// True for a name particle, any case ("Van", "VON", "de", "NÍ").
pub fn is_particle(word: &str) -> bool {
    if word.is_ascii() {
        return PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(word));
    }
    // Irish particles carry accents; compare lower-cased chars without allocating.
    let lower = || word.chars().flat_map(char::to_lowercase);
    PARTICLES.iter().any(|p| p.chars().eq(lower()))
}

/// True for a generational suffix, any case, with or without a dot ("Jr.", "III").
pub fn is_suffix(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Byte ranges of the whitespace-separated words of `s`, without allocating.
pub fn words(s: &str) -> impl Iterator<Item = (usize, usize)> + Clone + '_ {
    let base = s.as_ptr() as usize;
    s.split_whitespace().map(move |w| {
        let start = w.as_ptr() as usize - base;
        (start, start + w.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_ignore_case() {
        assert!(is_particle("van"));
        assert!(is_particle("VON"));
        assert!(is_particle("De"));
        assert!(is_particle("NÍ"));
        assert!(is_particle("Ó"));
        assert!(!is_particle("Vanessa"));
        assert!(!is_particle("y"));
    }

    #[test]
    fn suffixes_with_and_without_dot() {
        assert!(is_suffix("Jr."));
        assert!(is_suffix("SR"));
        assert!(is_suffix("III"));
        assert!(!is_suffix("Junior"));
        assert!(!is_suffix("."));
    }

    #[test]
    fn word_ranges() {
        let s = "  Anna \u{a0}Maria\tX ";
        let got: Vec<&str> = words(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, ["Anna", "Maria", "X"]);
    }
}

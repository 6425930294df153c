//! Month and weekday names in English, German, French and Spanish.
//!
//! A word is lower-cased and stripped of accents ("Févr" → "fevr", "März" → "marz"), then
//! a month matches when it is a full name or a prefix of at least three letters of full
//! names that all mean the same month: "janv", "Mär", "dic", "sept" match, "jui" (juin or
//! juillet?) does not. Weekdays only match whole ("Wednesday", "mercredi", "Wed") and are
//! skipped, so Excel's long dates ("Wednesday, January 15, 2020") read.

/// Folded full names; index + 1 is the month.
const MONTHS: [&[&str]; 12] = [
    &["january", "januar", "janner", "janvier", "enero"],
    &["february", "februar", "feber", "fevrier", "febrero"],
    &["march", "marz", "maerz", "mars", "marzo"],
    &["april", "avril", "abril"],
    &["may", "mai", "mayo"],
    &["june", "juni", "juin", "junio"],
    &["july", "juli", "juillet", "julio"],
    &["august", "aout", "agosto"],
    &["september", "septembre", "septiembre", "setiembre"],
    &["october", "oktober", "octobre", "octubre"],
    &["november", "novembre", "noviembre"],
    &["december", "dezember", "decembre", "diciembre"],
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
];

/// Small words around dates that carry nothing: "15th", "1er", "15 de enero de 2020",
/// "am 15. Januar", "le 15 janvier".
const FILLERS: &[&str] = &[
    "st", "nd", "rd", "th", "er", "de", "del", "of", "the", "am", "le",
];

/// Longest word looked at; longer words are no month or weekday.
const MAX_LEN: usize = 12;

/// What a word means in a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Month(u32),
    /// A weekday or filler word, to be skipped.
    Skip,
    Unknown,
}

/// Classifies a word (letters only, any case, accents allowed).
pub fn classify(word: &str) -> Word {
    let mut buf = [0u8; MAX_LEN];
    let Some(folded) = fold(word, &mut buf) else {
        return Word::Unknown;
    };
    if let Some(month) = month(folded) {
        return Word::Month(month);
    }
    if WEEKDAYS.contains(&folded) || FILLERS.contains(&folded) {
        return Word::Skip;
    }
    Word::Unknown
}

fn month(folded: &str) -> Option<u32> {
    let mut found = None;
    for (i, names) in MONTHS.iter().enumerate() {
        let hit = names
            .iter()
            .any(|name| *name == folded || (folded.len() >= 3 && name.starts_with(folded)));
        if hit {
            if found.is_some() {
                return None; // a prefix of two months ("jui")
            }
            found = u32::try_from(i + 1).ok();
        }
    }
    found
}

/// Lower-cases and strips accents into `buf`; `None` for non-Latin letters or long words.
fn fold<'b>(word: &str, buf: &'b mut [u8; MAX_LEN]) -> Option<&'b str> {
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'a'..='z' => c,
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            _ => return None,
        };
        *buf.get_mut(len)? = u8::try_from(plain).ok()?;
        len += 1;
    }
    std::str::from_utf8(buf.get(..len)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_in_four_languages() {
        for (word, m) in [
            ("January", 1),
            ("Januar", 1),
            ("janvier", 1),
            ("enero", 1),
            ("Jänner", 1),
            ("Februar", 2),
            ("février", 2),
            ("März", 3),
            ("mars", 3),
            ("marzo", 3),
            ("août", 8),
            ("Dezember", 12),
            ("décembre", 12),
            ("diciembre", 12),
            ("SEPTIEMBRE", 9),
        ] {
            assert_eq!(classify(word), Word::Month(m), "{word}");
        }
    }

    #[test]
    fn abbreviations() {
        for (word, m) in [
            ("Jan", 1),
            ("janv", 1),
            ("ene", 1),
            ("févr", 2),
            ("fev", 2),
            ("Mär", 3),
            ("mar", 3),
            ("avr", 4),
            ("abr", 4),
            ("Mai", 5),
            ("juil", 7),
            ("ago", 8),
            ("sept", 9),
            ("okt", 10),
            ("dez", 12),
            ("déc", 12),
            ("dic", 12),
        ] {
            assert_eq!(classify(word), Word::Month(m), "{word}");
        }
    }

    #[test]
    fn skipped_and_unknown_words() {
        assert_eq!(classify("Wednesday"), Word::Skip);
        assert_eq!(classify("mittwoch"), Word::Skip);
        assert_eq!(classify("miércoles"), Word::Skip);
        assert_eq!(classify("de"), Word::Skip);
        assert_eq!(classify("th"), Word::Skip);
        assert_eq!(classify("jui"), Word::Unknown);
        assert_eq!(classify("ju"), Word::Unknown);
        assert_eq!(classify("hello"), Word::Unknown);
        assert_eq!(classify("январь"), Word::Unknown);
        assert_eq!(classify("septembermonthlong"), Word::Unknown);
    }

    #[test]
    fn every_full_name_resolves_to_its_month() {
        // Guards the table: a full name that is also a prefix of another month's name
        // would make that name unusable.
        for (i, names) in MONTHS.iter().enumerate() {
            for name in *names {
                assert_eq!(month(name), u32::try_from(i + 1).ok(), "{name}");
            }
        }
    }
}

//! Value words HR exports use for yes/no and for gender, in English, German, French and
//! Spanish. Sampling uses them to recognise a column's values; the profile builder uses the
//! same pairs to write `map` transforms.

/// Pairs of words for true and false. A `map` transform gets every pair one of whose words
/// occurs in the sample, so next month's file with the other word of a pair maps too.
pub(crate) const YES_NO: &[(&str, &str)] = &[
    ("yes", "no"),
    ("y", "n"),
    ("true", "false"),
    ("ja", "nein"),
    ("j", "n"),
    ("wahr", "falsch"),
    ("oui", "non"),
    ("vrai", "faux"),
    ("sí", "no"),
    ("si", "no"),
    ("verdadero", "falso"),
    ("active", "inactive"),
    ("aktiv", "inaktiv"),
    ("actif", "inactif"),
    ("activo", "inactivo"),
    ("enabled", "disabled"),
    ("1", "0"),
    ("x", ""),
];

/// Pairs of words for male and female, the two values a coded gender field (LMS: 0 and 1)
/// can take. Other values (divers, x) are left for validation to report.
pub(crate) const MALE_FEMALE: &[(&str, &str)] = &[
    ("m", "w"),
    ("m", "f"),
    ("male", "female"),
    ("man", "woman"),
    ("männlich", "weiblich"),
    ("mann", "frau"),
    ("herr", "frau"),
    ("h", "f"),
    ("homme", "femme"),
    ("masculin", "féminin"),
    ("hombre", "mujer"),
    ("masculino", "femenino"),
    ("mr", "mrs"),
    ("mr", "ms"),
];

/// Gender words beyond male and female, so a column holding them still reads as gender.
const OTHER_GENDERS: &[&str] = &[
    "d",
    "divers",
    "diverse",
    "x",
    "other",
    "non-binary",
    "autre",
    "otro",
];

/// `Some(true)` or `Some(false)` when `value` is a yes/no word (any case).
pub(crate) fn yes_no(value: &str) -> Option<bool> {
    let lower = value.trim().trim_end_matches('.').to_lowercase();
    if lower.is_empty() {
        return None;
    }
    YES_NO.iter().find_map(|(yes, no)| {
        if lower == *yes {
            Some(true)
        } else if lower == *no {
            Some(false)
        } else {
            None
        }
    })
}

/// `Some(true)` for a male word, `Some(false)` for a female one.
pub(crate) fn male_female(value: &str) -> Option<bool> {
    let lower = value.trim().trim_end_matches('.').to_lowercase();
    MALE_FEMALE.iter().find_map(|(male, female)| {
        if lower == *male {
            Some(true)
        } else if lower == *female {
            Some(false)
        } else {
            None
        }
    })
}

/// Whether `value` is any gender word.
pub(crate) fn is_gender(value: &str) -> bool {
    male_female(value).is_some() || OTHER_GENDERS.contains(&value.trim().to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_no_words_in_four_languages() {
        for yes in ["Yes", "JA", "oui", "Sí", "si", "true", "1", "aktiv", "x"] {
            assert_eq!(yes_no(yes), Some(true), "{yes}");
        }
        for no in ["No", "nein", "NON", "false", "0", "inaktiv", "Falso"] {
            assert_eq!(yes_no(no), Some(false), "{no}");
        }
        assert_eq!(yes_no("vielleicht"), None);
        assert_eq!(yes_no(""), None);
    }

    #[test]
    fn gender_words() {
        assert_eq!(male_female("M"), Some(true));
        assert_eq!(male_female("W"), Some(false));
        assert_eq!(male_female("Femme"), Some(false));
        assert_eq!(male_female("Hombre"), Some(true));
        assert!(is_gender("divers"));
        assert!(!is_gender("blau"));
    }
}

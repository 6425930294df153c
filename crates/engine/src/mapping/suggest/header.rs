//! Reading one header into concepts, each with a score from 0 to 1.
//!
//! Three ways a header meets a vocabulary word, strongest first:
//! - exact: the folded header is the word (`E-Mail` = `email`): the word's weight;
//! - contains: the word's words appear in a row among the header's words, or a word of five
//!   letters or more sits inside the folded header (German compounds: `Mobiltelefonnummer`).
//!   `Work Email` ⊃ `email`. The more of the header the word covers, the higher: weight ×
//!   (0.55 + 0.35 × covered share);
//! - fuzzy: Jaro-Winkler similarity of 0.9 or more between folded header and word, both
//!   five letters or longer and at most two letters apart in length, for typos
//!   (`Nachnmae`): weight × 0.8 × similarity.
//!
//! Then qualifiers (`vocabulary::QUALIFIERS`) turn "Manager E-Mail" into the manager and
//! "Telefon privat" into a home phone, and a header keeps only its leading readings at full
//! strength: a concept 0.25 or more behind the best one is halved, so "Nom complet" stays a
//! full name and does not also offer itself as a family name ("nom").

use std::sync::OnceLock;

use super::concept::Concept;
use super::normal::{key, words};
use super::vocabulary::{QUALIFIERS, VOCABULARY};

/// How a header met the word behind a reading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum How {
    Exact,
    Contains(&'static str),
    Fuzzy(&'static str),
    /// Turned into this concept by a qualifier word ("Manager E-Mail").
    Qualified(&'static str),
    /// Read in the light of the other headers (`context`).
    Context(&'static str),
}

/// One concept a header may mean.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reading {
    pub concept: Concept,
    pub score: f32,
    pub how: How,
}

/// A vocabulary word, folded once.
struct Entry {
    concept: Concept,
    weight: f32,
    word: &'static str,
    key: String,
    words: Vec<String>,
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        VOCABULARY
            .iter()
            .flat_map(|(concept, weight, list)| {
                list.iter().map(|word| Entry {
                    concept: *concept,
                    weight: *weight,
                    word,
                    key: key(word),
                    words: words(word),
                })
            })
            .collect()
    })
}

/// Concepts a header can mean below this are dropped.
const FLOOR: f32 = 0.2;
/// How far behind the best reading a concept may be before it is halved.
const DOMINANCE: f32 = 0.25;

/// The concepts `header` may mean, best first, one reading per concept.
pub(crate) fn read(header: &str) -> Vec<Reading> {
    let folded = key(header);
    if folded.is_empty() {
        return Vec::new();
    }
    let header_words = words(header);
    let mut readings: Vec<Reading> = Vec::new();
    for entry in entries() {
        if let Some((score, how)) = meet(&folded, &header_words, entry) {
            keep_best(&mut readings, entry.concept, score, how);
        }
    }
    qualify(&folded, &header_words, &mut readings);
    if let Some(best) = readings.iter().map(|r| r.score).reduce(f32::max) {
        for reading in &mut readings {
            if reading.score < best - DOMINANCE {
                reading.score *= 0.5;
            }
        }
    }
    readings.retain(|r| r.score >= FLOOR);
    readings.sort_by(|a, b| b.score.total_cmp(&a.score));
    readings
}

/// How strongly the folded header meets one vocabulary word, if at all.
fn meet(folded: &str, header_words: &[String], entry: &Entry) -> Option<(f32, How)> {
    if entry.key.is_empty() {
        return None;
    }
    if entry.key == folded {
        return Some((entry.weight, How::Exact));
    }
    let in_words = !entry.words.is_empty()
        && header_words
            .windows(entry.words.len())
            .any(|w| w == entry.words.as_slice());
    // Short words only count as whole words: "nom" is not inside "prenom".
    if in_words || (entry.key.len() >= 5 && folded.contains(&entry.key)) {
        let covered = entry.key.len() as f32 / folded.len() as f32;
        return Some((
            entry.weight * (0.55 + 0.35 * covered.min(1.0)),
            How::Contains(entry.word),
        ));
    }
    // Typos keep the length about the same; "contact" is not "contract type".
    if entry.key.len() >= 5 && folded.len() >= 5 && entry.key.len().abs_diff(folded.len()) <= 2 {
        let similarity = strsim::jaro_winkler(folded, &entry.key) as f32;
        if similarity >= 0.9 {
            return Some((entry.weight * 0.8 * similarity, How::Fuzzy(entry.word)));
        }
    }
    None
}

fn keep_best(readings: &mut Vec<Reading>, concept: Concept, score: f32, how: How) {
    match readings.iter_mut().find(|r| r.concept == concept) {
        Some(existing) if existing.score >= score => {}
        Some(existing) => {
            existing.score = score;
            existing.how = how;
        }
        None => readings.push(Reading {
            concept,
            score,
            how,
        }),
    }
}

/// Applies the qualifier words: the qualified concept takes the best score of the readings
/// it applies to, which are halved.
fn qualify(folded: &str, header_words: &[String], readings: &mut Vec<Reading>) {
    for (qualifier_words, target, applies_to) in QUALIFIERS {
        let Some(word) = qualifier_words
            .iter()
            .find(|w| has_word(folded, header_words, w))
        else {
            continue;
        };
        let applies =
            |c: Concept| c != *target && (applies_to.is_empty() || applies_to.contains(&c));
        let Some(best) = readings
            .iter()
            .filter(|r| applies(r.concept))
            .map(|r| r.score)
            .reduce(f32::max)
        else {
            continue;
        };
        for reading in readings.iter_mut().filter(|r| applies(r.concept)) {
            reading.score *= 0.5;
        }
        keep_best(readings, *target, best, How::Qualified(word));
    }
}

/// Whether a qualifier word is in the header: as a whole word, or inside the folded header
/// when it has five letters or more.
fn has_word(folded: &str, header_words: &[String], word: &str) -> bool {
    let word_key = key(word);
    let word_words = words(word);
    (!word_words.is_empty()
        && header_words
            .windows(word_words.len())
            .any(|w| w == word_words.as_slice()))
        || (word_key.len() >= 5 && folded.contains(&word_key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(header: &str) -> Option<Concept> {
        read(header).first().map(|r| r.concept)
    }

    #[test]
    fn exact_words_in_four_languages() {
        use Concept::*;
        for (header, concept) in [
            ("E-Mail", Email),
            ("e_mail", Email),
            ("Email Address", Email),
            ("Courriel", Email),
            ("Adresse e-mail", Email),
            ("Correo electrónico", Email),
            ("Vorname", GivenName),
            ("Prénom", GivenName),
            ("Nombre", GivenName),
            ("Given Name", GivenName),
            ("First name", GivenName),
            ("Surname", FamilyName),
            ("Nachname", FamilyName),
            ("Nom", FamilyName),
            ("Apellido(s)", FamilyName),
            ("Last Name", FamilyName),
            ("Family name", FamilyName),
            ("Personalnummer", EmployeeId),
            ("Personal-Nr.", EmployeeId),
            ("Mitarbeiter-ID", EmployeeId),
            ("Employee ID", EmployeeId),
            ("Emp No", EmployeeId),
            ("Matricule", EmployeeId),
            ("Número de empleado", EmployeeId),
            ("Abteilung", Department),
            ("Service", Department),
            ("Departamento", Department),
            ("Job Title", JobTitle),
            ("Stellenbezeichnung", JobTitle),
            ("Poste", JobTitle),
            ("Puesto", JobTitle),
            ("Date of birth", BirthDate),
            ("Fecha de nacimiento", BirthDate),
            ("Hire date", HireDate),
            ("Date d'embauche", HireDate),
            ("Fecha de alta", HireDate),
            ("Fecha de ingreso", HireDate),
            ("Handy", Mobile),
            ("Téléphone", Phone),
            ("Teléfono", Phone),
            ("Sexe", Gender),
            ("Responsable", ManagerId),
            ("Jefe", ManagerId),
            ("Status", Active),
            ("Benutzername", Username),
            ("Nom d'utilisateur", Username),
            ("Usuario", Username),
            ("Kostenstelle", CostCenter),
            ("Cost center", CostCenter),
            ("Standort", Location),
        ] {
            assert_eq!(best(header), Some(concept), "{header}");
        }
    }

    #[test]
    fn containment_and_typos() {
        assert_eq!(best("Work Email"), Some(Concept::Email));
        assert_eq!(best("Mobiltelefonnummer"), Some(Concept::Mobile));
        assert_eq!(best("Nachnmae"), Some(Concept::FamilyName));
        let work = read("Work Email");
        assert!(work[0].score < 1.0 && work[0].score > 0.6, "{work:?}");
        assert!(matches!(work[0].how, How::Contains("email")));
    }

    #[test]
    fn close_names_do_not_cross() {
        for (header, not) in [
            ("Vorname", Concept::FamilyName),
            ("Nachname", Concept::GivenName),
            ("Firstname", Concept::FamilyName),
            ("Lastname", Concept::GivenName),
            ("Prénom", Concept::FamilyName),
            ("Nombre", Concept::FamilyName),
            ("Telefax", Concept::Phone),
        ] {
            let strong = read(header)
                .iter()
                .any(|r| r.concept == not && r.score >= 0.5);
            assert!(!strong, "{header}: {:?}", read(header));
        }
    }

    #[test]
    fn qualifiers_change_the_subject() {
        assert_eq!(best("Manager E-Mail"), Some(Concept::ManagerId));
        assert_eq!(
            best("Vorgesetzter Personalnummer"),
            Some(Concept::ManagerId)
        );
        assert_eq!(best("Tel. privat"), Some(Concept::HomePhone));
        assert_eq!(best("E-Mail (privat)"), Some(Concept::PrivateEmail));
    }

    #[test]
    fn a_strong_reading_halves_the_weak_ones() {
        let full = read("Nom complet");
        assert_eq!(full[0].concept, Concept::FullName);
        assert!(
            full.iter()
                .all(|r| r.concept == Concept::FullName || r.score < 0.5)
        );
    }

    #[test]
    fn meaningless_headers_read_as_nothing() {
        assert!(read("Kontakt").is_empty(), "{:?}", read("Kontakt"));
        assert!(read("Lieblingsfarbe").is_empty());
        assert!(read("").is_empty());
        assert!(read("—").is_empty());
    }
}

//! Reading headers in the light of each other. A German or English export with `Vorname`
//! and `Name` (or `First name` and `Name`) uses `Name` for the family name; alone, `Name`
//! is the full name. This is the one place where one header changes what another means.

use super::concept::Concept;
use super::header::{How, Reading, read};
use super::normal::key;

/// Headers that are the family name beside a given-name column and the full name otherwise.
const BARE_NAMES: [&str; 2] = ["name", "names"];

/// The readings of every header, in column order.
pub(crate) fn read_columns(columns: &[String]) -> Vec<Vec<Reading>> {
    let mut all: Vec<Vec<Reading>> = columns.iter().map(|c| read(c)).collect();
    let leads = |readings: &Vec<Reading>, concept: Concept| {
        readings
            .first()
            .is_some_and(|r| r.concept == concept && r.score >= 0.5)
    };
    let has_given = all.iter().any(|r| leads(r, Concept::GivenName));
    let has_family = all.iter().any(|r| leads(r, Concept::FamilyName));
    if !has_given || has_family {
        return all;
    }
    for (column, readings) in columns.iter().zip(all.iter_mut()) {
        if BARE_NAMES.contains(&key(column).as_str()) {
            readings.retain(|r| r.concept != Concept::FullName);
            readings.insert(
                0,
                Reading {
                    concept: Concept::FamilyName,
                    score: 0.9,
                    how: How::Context("beside a given-name column"),
                },
            );
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leading(columns: &[&str]) -> Vec<Option<Concept>> {
        let columns: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
        read_columns(&columns)
            .iter()
            .map(|r| r.first().map(|r| r.concept))
            .collect()
    }

    #[test]
    fn name_beside_a_given_name_is_the_family_name() {
        assert_eq!(
            leading(&["Name", "Vorname"]),
            [Some(Concept::FamilyName), Some(Concept::GivenName)]
        );
    }

    #[test]
    fn name_alone_is_the_full_name() {
        assert_eq!(
            leading(&["Name", "E-Mail"]),
            [Some(Concept::FullName), Some(Concept::Email)]
        );
        assert_eq!(
            leading(&["Name", "Vorname", "Nachname"])[0],
            Some(Concept::FullName)
        );
    }
}

//! Pools of first and last names, and how to pick one.
//!
//! About 8% of first names and 8% of last names are non-ASCII, so roughly 15%
//! of people have at least one accented name. Non-ASCII names come in two
//! pools: letters Windows-1252 can encode (Müller, Zoë, Søren) and letters it
//! cannot (Łukasz, Dvořák). Files in Windows-1252 only get the former.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Per-mille chance that a first or last name comes from a non-ASCII pool.
const NON_ASCII_PER_MILLE: u32 = 80;

#[rustfmt::skip]
const FIRST_ASCII: &[&str] = &[
    "Anna", "Thomas", "Michael", "Laura", "Julia", "Daniel", "Sarah", "David", "Maria", "Lukas",
    "Emma", "Jonas", "Lena", "Felix", "Sophie", "Paul", "Hannah", "Maximilian", "Katharina",
    "Stefan", "Andreas", "Christina", "Peter", "Sabine", "James", "Emily", "Olivia", "William",
    "Jessica", "Robert", "Jennifer", "Matthew", "Ashley", "Christopher", "Priya", "Rahul", "Arjun",
    "Ananya", "Wei", "Li", "Mei", "Hiroshi", "Yuki", "Aisha", "Omar", "Fatima", "Mohammed",
    "Carlos", "Lucia", "Pablo", "Sofia", "Marco", "Giulia", "Luca", "Francesca", "Pierre",
    "Camille", "Nicolas", "Isabelle", "Lars", "Ingrid", "Erik", "Astrid", "Piotr", "Anna-Lena",
    "Jan", "Katarzyna", "Mehmet", "Elif", "Kemal", "Ngozi", "Kwame", "Oliver", "Charlotte", "Noah",
    "Amelia", "Liam", "Mia", "Ben", "Clara", "Tobias", "Nina", "Sebastian", "Marie",
];

/// Non-ASCII first names that Windows-1252 can encode.
#[rustfmt::skip]
const FIRST_LATIN1: &[&str] = &[
    "Zoë", "José", "Chloé", "Søren", "Åsa", "Jürgen", "Björn", "Jérôme", "Hélène", "Renée",
    "Françoise", "Iñigo", "Mónica", "Günther", "Jörg", "Özlem", "Mårten", "Øystein", "Noël",
    "Ángel", "Raúl", "Inès", "Léa", "Gaël", "Tomáš", "Ágnes", "Dörte", "Sílvia",
];

/// Non-ASCII first names with letters outside Windows-1252.
#[rustfmt::skip]
const FIRST_WIDE: &[&str] = &[
    "Łukasz", "Małgorzata", "Paweł", "Jiří", "Ondřej", "Radosław", "Ştefan", "Đorđe", "Gülşen",
    "Tuğba", "Kateřina", "Bożena", "Zdeněk", "Mikołaj",
];

#[rustfmt::skip]
const LAST_ASCII: &[&str] = &[
    "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann",
    "Lange", "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
    "Rodriguez", "Martinez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson",
    "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen",
    "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Patel", "Sharma",
    "Singh", "Kumar", "Gupta", "Wang", "Zhang", "Liu", "Chen", "Yang", "Tanaka", "Suzuki", "Sato",
    "Rossi", "Russo", "Bianchi", "Dubois", "Bernard", "Moreau", "Laurent", "Kowalski", "Nowak",
    "Novak", "Jensen", "Hansen", "Nielsen", "Johansson", "Larsson", "Andersson", "Yilmaz", "Kaya",
    "Demir", "O'Brien", "O'Connor", "van der Berg", "de Vries", "Okafor", "Mensah", "Haddad",
    "Khan", "Ali", "Silva", "Santos", "Ferreira", "Kowalczyk", "Lewandowski",
];

/// Non-ASCII last names that Windows-1252 can encode.
#[rustfmt::skip]
const LAST_LATIN1: &[&str] = &[
    "Müller", "Schäfer", "Krüger", "Köhler", "Möller", "Böhm", "Jäger", "Nuñez", "Muñoz", "Peña",
    "Ibáñez", "Gómez", "Pérez", "Jiménez", "Fernández", "Ødegaard", "Sørensen", "Jørgensen",
    "Björk", "Ångström", "Åberg", "Lefèvre", "Bélanger", "Côté", "Çelik", "Öztürk", "Weiß", "Groß",
    "Nørgaard", "Wójcik", "Horváth", "Procházka",
];

/// Non-ASCII last names with letters outside Windows-1252.
#[rustfmt::skip]
const LAST_WIDE: &[&str] = &[
    "Dvořák", "Wiśniewska", "Dąbrowski", "Kamiński", "Zieliński", "Woźniak", "Černý", "Kučera",
    "Şahin", "Doğan", "Yıldız", "Nguyễn", "Trần", "Łukaszewicz",
];

/// Which names a file may contain.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NamePicker {
    /// False for Windows-1252 output: wide names are swapped for Latin-1 ones.
    pub(crate) unicode: bool,
}

impl NamePicker {
    pub(crate) fn first(&self, rng: &mut ChaCha8Rng) -> &'static str {
        self.pick(rng, FIRST_ASCII, FIRST_LATIN1, FIRST_WIDE)
    }

    pub(crate) fn last(&self, rng: &mut ChaCha8Rng) -> &'static str {
        self.pick(rng, LAST_ASCII, LAST_LATIN1, LAST_WIDE)
    }

    fn pick(
        &self,
        rng: &mut ChaCha8Rng,
        ascii: &'static [&'static str],
        latin1: &'static [&'static str],
        wide: &'static [&'static str],
    ) -> &'static str {
        if rng.random_range(0..1000u32) >= NON_ASCII_PER_MILLE {
            return ascii[rng.random_range(0..ascii.len() as u32) as usize];
        }
        // Draw over both non-ASCII pools in every encoding, so the random
        // sequence (and so every other column) is the same for all encodings.
        let index = rng.random_range(0..(latin1.len() + wide.len()) as u32) as usize;
        match index.checked_sub(latin1.len()) {
            None => latin1[index],
            Some(w) if self.unicode => wide[w],
            Some(_) => latin1[index % latin1.len()],
        }
    }
}

#[cfg(test)]
pub(crate) fn all_names() -> impl Iterator<Item = &'static str> {
    [
        FIRST_ASCII,
        FIRST_LATIN1,
        FIRST_WIDE,
        LAST_ASCII,
        LAST_LATIN1,
        LAST_WIDE,
    ]
    .into_iter()
    .flatten()
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn fits_1252(s: &str) -> bool {
        let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
        !unmappable
    }

    #[test]
    fn pools_are_classified_correctly() {
        for pool in [FIRST_ASCII, LAST_ASCII] {
            assert!(pool.iter().all(|n| n.is_ascii()), "{pool:?}");
        }
        for pool in [FIRST_LATIN1, LAST_LATIN1] {
            for name in pool {
                assert!(!name.is_ascii() && fits_1252(name), "{name}");
            }
        }
        for pool in [FIRST_WIDE, LAST_WIDE] {
            for name in pool {
                assert!(!fits_1252(name), "{name} fits Windows-1252");
            }
        }
    }

    #[test]
    fn about_fifteen_percent_non_ascii_people() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let picker = NamePicker { unicode: true };
        let people = 20_000;
        let non_ascii = (0..people)
            .filter(|_| {
                let first = picker.first(&mut rng);
                let last = picker.last(&mut rng);
                !first.is_ascii() || !last.is_ascii()
            })
            .count();
        let share = non_ascii as f64 / people as f64;
        assert!((0.13..0.17).contains(&share), "{share}");
    }

    #[test]
    fn windows_1252_picker_only_yields_encodable_names() {
        let mut rng = ChaCha8Rng::seed_from_u64(6);
        let picker = NamePicker { unicode: false };
        for _ in 0..20_000 {
            assert!(fits_1252(picker.first(&mut rng)));
            assert!(fits_1252(picker.last(&mut rng)));
        }
    }
}

//! Made-up staff for the source emulators (HRIS and people API): names, unique emails,
//! departments, titles, offices and kinds of employment, drawn from a seeded generator so
//! the same seed always gives the same directory.
//!
//! No reference document: the lists are plausible ASCII values, chosen so that a few
//! thousand people repeat first and last name pairs (emails then get a number:
//! `ada.lovelace2@…`) and so every department has several titles to change between.

mod clock;

pub(crate) use clock::Clock;

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Where the generated timestamps end: 2025-12-01T00:00:00Z. A fixed instant rather than
/// the start time keeps a directory the same for a seed; every change made later is
/// stamped by a [`Clock`] that is never behind the wall clock, so it comes after all of
/// them.
pub(crate) const SEED_EPOCH: i64 = 1_764_547_200;

const FIRST: &[&str] = &[
    "Ada", "Alan", "Alice", "Amara", "Ana", "Arjun", "Ben", "Bianca", "Carlos", "Chen", "Chloe",
    "Daniel", "Diana", "Elena", "Emma", "Ethan", "Fatima", "Felix", "Grace", "Hana", "Hugo",
    "Ines", "Isaac", "Ivan", "Jack", "Jamal", "Julia", "Kenji", "Laila", "Leo", "Lucas", "Maya",
    "Mei", "Mia", "Nadia", "Noah", "Olivia", "Omar", "Pablo", "Priya", "Quinn", "Rosa", "Sam",
    "Sara", "Sofia", "Tariq", "Theo", "Uma", "Victor", "Wei", "Yara", "Zoe",
];

const LAST: &[&str] = &[
    "Adams", "Anderson", "Baker", "Bauer", "Brown", "Chen", "Clark", "Costa", "Diaz", "Evans",
    "Fischer", "Garcia", "Gupta", "Hall", "Hughes", "Ito", "Jensen", "Johnson", "Kim", "Kowalski",
    "Lee", "Lopez", "Lovelace", "Martin", "Meyer", "Moreau", "Murphy", "Nakamura", "Nguyen",
    "Novak", "Okafor", "Olsen", "Patel", "Perez", "Quinn", "Rossi", "Sato", "Schmidt", "Silva",
    "Singh", "Smith", "Suzuki", "Taylor", "Turner", "Walker", "Wang", "Weber", "Wilson", "Young",
    "Zhang",
];

/// Departments with their short code and the titles people in them hold.
pub(crate) const DEPARTMENTS: &[(&str, &str, &[&str])] = &[
    (
        "Engineering",
        "ENG",
        &[
            "Software Engineer",
            "Senior Engineer",
            "Staff Engineer",
            "Engineering Manager",
            "QA Analyst",
        ],
    ),
    (
        "Sales",
        "SLS",
        &[
            "Account Executive",
            "Sales Development Rep",
            "Sales Manager",
            "Solutions Consultant",
        ],
    ),
    (
        "Finance",
        "FIN",
        &["Analyst", "Accountant", "Controller", "Finance Manager"],
    ),
    (
        "People",
        "PPL",
        &[
            "HR Generalist",
            "Recruiter",
            "People Partner",
            "People Manager",
        ],
    ),
    (
        "Support",
        "SUP",
        &["Support Specialist", "Support Engineer", "Support Manager"],
    ),
    (
        "Marketing",
        "MKT",
        &[
            "Marketing Specialist",
            "Content Writer",
            "Product Marketer",
            "Marketing Manager",
        ],
    ),
    (
        "Operations",
        "OPS",
        &[
            "Operations Analyst",
            "Office Coordinator",
            "Operations Manager",
        ],
    ),
];

/// Offices: name, street address, time zone.
pub(crate) const OFFICES: &[(&str, &str, &str)] = &[
    (
        "San Francisco Office",
        "123 Main St, San Francisco, CA",
        "America/Los_Angeles",
    ),
    (
        "New York Office",
        "350 Fifth Ave, New York, NY",
        "America/New_York",
    ),
    (
        "Austin Office",
        "500 Congress Ave, Austin, TX",
        "America/Chicago",
    ),
    ("London Office", "1 Poultry, London, UK", "Europe/London"),
    ("Remote", "Remote", "America/Denver"),
];

/// How someone is employed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    FullTime,
    PartTime,
    Contractor,
}

impl Kind {
    /// The HRIS `employment_status`.
    pub(crate) fn status(self) -> &'static str {
        match self {
            Kind::FullTime => "full_time",
            Kind::PartTime => "part_time",
            Kind::Contractor => "contractor",
        }
    }

    /// The HRIS `employee_type`.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::FullTime => "Full-Time",
            Kind::PartTime => "Part-Time",
            Kind::Contractor => "Contractor",
        }
    }
}

/// One made-up person.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub first: &'static str,
    pub last: &'static str,
    /// `first.last` lower-cased, with a number from the second of the same name on.
    pub email_local: String,
    /// Index into [`DEPARTMENTS`].
    pub department: usize,
    pub title: &'static str,
    pub kind: Kind,
    /// Index into [`OFFICES`].
    pub office: usize,
    /// Four digits for the end of a phone number.
    pub phone_digits: u16,
}

/// Seeded people, with emails unique across everything it made.
pub(crate) struct Generator {
    rng: StdRng,
    names_seen: HashMap<String, usize>,
}

impl Generator {
    pub(crate) fn new(seed: u64) -> Generator {
        Generator {
            rng: StdRng::seed_from_u64(seed),
            names_seen: HashMap::new(),
        }
    }

    /// The generator's random numbers, for the callers' own choices.
    pub(crate) fn rng(&mut self) -> &mut StdRng {
        &mut self.rng
    }

    /// Up to `count` positions of `items` matching `eligible` and not yet `touched`, drawn
    /// at random, in order; they become `touched` (one change per person per churn).
    pub(crate) fn pick<T>(
        &mut self,
        items: &[T],
        count: usize,
        touched: &mut std::collections::HashSet<usize>,
        eligible: impl Fn(&T) -> bool,
    ) -> Vec<usize> {
        let candidates: Vec<usize> = (0..items.len())
            .filter(|i| !touched.contains(i) && eligible(&items[*i]))
            .collect();
        let take = count.min(candidates.len());
        let mut chosen: Vec<usize> =
            rand::seq::index::sample(&mut self.rng, candidates.len(), take)
                .into_iter()
                .map(|k| candidates[k])
                .collect();
        chosen.sort_unstable();
        touched.extend(chosen.iter().copied());
        chosen
    }

    pub(crate) fn person(&mut self) -> Person {
        let first = FIRST[self.rng.random_range(0..FIRST.len())];
        let last = LAST[self.rng.random_range(0..LAST.len())];
        let base = format!("{}.{}", first.to_lowercase(), last.to_lowercase());
        let seen = self.names_seen.entry(base.clone()).or_insert(0);
        *seen += 1;
        // Names hold no digits, so `ada.lovelace2` never meets another `ada.lovelace`.
        let email_local = if *seen == 1 {
            base
        } else {
            format!("{base}{seen}")
        };
        let department = self.rng.random_range(0..DEPARTMENTS.len());
        let title = self.title_in(department);
        let kind = match self.rng.random_range(0..100) {
            0..75 => Kind::FullTime,
            75..90 => Kind::PartTime,
            _ => Kind::Contractor,
        };
        Person {
            first,
            last,
            email_local,
            department,
            title,
            kind,
            office: self.rng.random_range(0..OFFICES.len()),
            phone_digits: self.rng.random_range(0..10_000),
        }
    }

    /// A title of the department, at random.
    pub(crate) fn title_in(&mut self, department: usize) -> &'static str {
        let titles = DEPARTMENTS[department % DEPARTMENTS.len()].2;
        titles[self.rng.random_range(0..titles.len())]
    }

    /// A title of the department other than `not` (when it has another).
    pub(crate) fn other_title(&mut self, department: usize, not: &str) -> &'static str {
        let titles = DEPARTMENTS[department % DEPARTMENTS.len()].2;
        let others: Vec<&'static str> = titles.iter().copied().filter(|t| *t != not).collect();
        if others.is_empty() {
            return self.title_in(department);
        }
        others[self.rng.random_range(0..others.len())]
    }

    /// A department other than `not`.
    pub(crate) fn other_department(&mut self, not: usize) -> usize {
        (not + self.rng.random_range(1..DEPARTMENTS.len())) % DEPARTMENTS.len()
    }

    /// Four phone digits other than `not`.
    pub(crate) fn other_phone(&mut self, not: u16) -> u16 {
        (not + self.rng.random_range(1..10_000)) % 10_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_makes_the_same_people_with_unique_emails() {
        let mut a = Generator::new(7);
        let mut b = Generator::new(7);
        let mut emails = std::collections::HashSet::new();
        for _ in 0..3_000 {
            let (x, y) = (a.person(), b.person());
            assert_eq!(x.email_local, y.email_local);
            assert!(emails.insert(x.email_local.clone()), "{}", x.email_local);
            assert!(x.email_local.is_ascii());
        }
        assert!(emails.iter().any(|e| e.ends_with('2')), "some names repeat");
        assert_ne!(
            Generator::new(8).person().email_local,
            a.person().email_local
        );
    }
}

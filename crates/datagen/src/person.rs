//! The people themselves: one [`Person`] per data row, drawn from a seeded
//! random sequence, with the planned defects applied.
//!
//! Two independent ChaCha8 streams come from the one seed: stream 0 draws the
//! people, stream 1 decides defects. So a file with defects holds the same
//! people as a clean file with the same seed, just some of them damaged.
//! Memory stays flat: only the first [`MANAGER_POOL`] people (as possible
//! managers), the last [`RECENT`] ids (for duplicates) and a capped email
//! set are remembered.

use std::collections::VecDeque;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::date::Date;
use crate::defect::{Defect, DefectPlanner};
use crate::email::{self, EmailBook};
use crate::names::NamePicker;
use crate::offices::{self, Office};
use crate::org;
use crate::spec::Spec;

/// Early employees who can be someone's manager.
const MANAGER_POOL: usize = 2000;
/// Recent ids a duplicate may repeat.
const RECENT: usize = 256;

/// A manager reference: the id and email written for that person.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ManagerRef {
    pub(crate) id: u64,
    pub(crate) email: String,
}

/// One generated row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Person {
    /// The number behind `E0000123`; repeats an earlier one for duplicates.
    pub(crate) id: u64,
    /// Empty when the name is missing (a defect).
    pub(crate) first_name: &'static str,
    pub(crate) last_name: &'static str,
    pub(crate) email: String,
    pub(crate) department: &'static str,
    pub(crate) job_title: &'static str,
    pub(crate) hire_date: Date,
    /// Write the hire date as `DD.MM.YYYY` text (a defect).
    pub(crate) hire_date_dotted: bool,
    pub(crate) birth_date: Date,
    pub(crate) phone: String,
    pub(crate) manager: Option<ManagerRef>,
    pub(crate) employment_status: &'static str,
    pub(crate) active: bool,
    /// The office, then sometimes a second location.
    pub(crate) locations: (&'static str, Option<&'static str>),
    pub(crate) defect: Option<Defect>,
}

impl Person {
    /// Appends `E0000123`.
    pub(crate) fn push_id(id: u64, out: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(out, "E{id:07}");
    }

    /// The id as written.
    pub(crate) fn id_text(&self) -> String {
        let mut s = String::with_capacity(8);
        Person::push_id(self.id, &mut s);
        s
    }
}

/// Streams people for one [`Spec`].
pub(crate) struct People {
    rng: ChaCha8Rng,
    defects: DefectPlanner,
    /// Randomness for shaping a defect, off the people stream.
    defect_rng: ChaCha8Rng,
    names: NamePicker,
    emails: EmailBook,
    managers: Vec<ManagerRef>,
    recent_ids: VecDeque<u64>,
    next_row: u64,
    rows: u64,
}

impl People {
    /// `unicode` is false when the output cannot hold names like `Łukasz`.
    pub(crate) fn new(spec: &Spec, unicode: bool) -> People {
        let rng = ChaCha8Rng::seed_from_u64(spec.seed);
        let mut planner_rng = ChaCha8Rng::seed_from_u64(spec.seed);
        planner_rng.set_stream(1);
        let mut defect_rng = ChaCha8Rng::seed_from_u64(spec.seed);
        defect_rng.set_stream(2);
        People {
            rng,
            defects: DefectPlanner::new(planner_rng, spec.rows, spec.defect_total()),
            defect_rng,
            names: NamePicker { unicode },
            emails: EmailBook::new(),
            managers: Vec::new(),
            recent_ids: VecDeque::with_capacity(RECENT),
            next_row: 0,
            rows: spec.rows,
        }
    }

    fn draw(&mut self, row: u64) -> Person {
        let rng = &mut self.rng;
        let first_name = self.names.first(rng);
        let last_name = self.names.last(rng);
        let executive = org::EXECUTIVE_TITLES.get(row as usize);
        let (department, job_title) = match executive {
            Some(title) => (org::EXECUTIVE_DEPARTMENT, *title),
            None => org::department_and_title(rng),
        };
        let employment_status = if executive.is_some() {
            "full_time"
        } else {
            org::employment_status(rng)
        };

        let earliest_hire = Date::from_ymd(2000, 1, 1).days();
        let latest_hire = Date::from_ymd(2026, 10, 15).days();
        let hire_date = Date::from_days(rng.random_range(earliest_hire..=latest_hire));
        // Interns are young, executives seasoned, everyone else 21 to 60.
        let (min_age, max_age) = if executive.is_some() {
            (35, 60)
        } else if employment_status == "intern" {
            (18, 26)
        } else {
            (21, 60)
        };
        let age_days = rng.random_range(min_age * 365 + 10..max_age * 365);
        let birth_date = Date::from_days(hire_date.days() - age_days);

        let office: &Office = offices::office(rng);
        let mut phone = String::with_capacity(18);
        office.push_phone(rng, &mut phone);
        let second = match rng.random_range(0..10u32) {
            0 => Some(offices::REMOTE),
            1 => Some(offices::office(rng).name).filter(|name| *name != office.name),
            _ => None,
        };
        let active = rng.random_range(0..100u32) >= 7;

        let manager = if executive.is_some() {
            None
        } else {
            let candidates = self.managers.len().min(row as usize);
            let pick = rng.random_range(0..candidates as u32) as usize;
            Some(self.managers[pick].clone())
        };

        let email = self.emails.assign(first_name, last_name, row + 1);
        Person {
            id: row + 1,
            first_name,
            last_name,
            email,
            department,
            job_title,
            hire_date,
            hire_date_dotted: false,
            birth_date,
            phone,
            manager,
            employment_status,
            active,
            locations: (office.name, second),
            defect: None,
        }
    }

    fn damage(&mut self, person: &mut Person, defect: Defect) {
        match defect {
            Defect::InvalidEmail => {
                person.email = email::corrupt(&mut self.defect_rng, &person.email);
            }
            Defect::MissingFirstName => person.first_name = "",
            Defect::MissingLastName => person.last_name = "",
            Defect::DuplicateId => {
                let pick = self
                    .defect_rng
                    .random_range(0..self.recent_ids.len() as u32);
                person.id = self.recent_ids[pick as usize];
            }
            Defect::OtherDateFormat => person.hire_date_dotted = true,
        }
        person.defect = Some(defect);
    }
}

impl Iterator for People {
    type Item = Person;

    fn next(&mut self) -> Option<Person> {
        if self.next_row >= self.rows {
            return None;
        }
        let row = self.next_row;
        self.next_row += 1;
        let mut person = self.draw(row);
        let valid_email = person.email.clone();
        if let Some(defect) = self.defects.next(row) {
            self.damage(&mut person, defect);
        }
        // Remember what was written, so references point at real rows.
        if self.managers.len() < MANAGER_POOL {
            self.managers.push(ManagerRef {
                id: person.id,
                // The valid address: a reference should not add defects.
                email: valid_email,
            });
        }
        if self.recent_ids.len() == RECENT {
            self.recent_ids.pop_front();
        }
        self.recent_ids.push_back(person.id);
        Some(person)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.rows - self.next_row).unwrap_or(usize::MAX);
        (left, Some(left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn spec(rows: u64, defect_rate: f64, seed: u64) -> Spec {
        Spec {
            rows,
            defect_rate,
            seed,
        }
    }

    #[test]
    fn clean_people_are_plausible() {
        let mut ids = HashSet::new();
        let mut emails = HashSet::new();
        for (row, p) in People::new(&spec(3000, 0.0, 7), true).enumerate() {
            assert!(ids.insert(p.id), "duplicate id {}", p.id);
            assert!(emails.insert(p.email.clone()), "duplicate {}", p.email);
            assert!(email::looks_like_email(&p.email), "{}", p.email);
            assert!(!p.first_name.is_empty() && !p.last_name.is_empty());
            assert!(p.birth_date < p.hire_date);
            match &p.manager {
                None => assert!(row < org::EXECUTIVE_TITLES.len()),
                Some(m) => assert!(m.id < p.id, "manager {} of {}", m.id, p.id),
            }
        }
    }

    #[test]
    fn defects_keep_the_people() {
        let clean: Vec<_> = People::new(&spec(500, 0.0, 11), true).collect();
        let dirty: Vec<_> = People::new(&spec(500, 0.2, 11), true).collect();
        // Manager ids may differ: a manager whose id was duplicated is
        // referenced by the id written for them.
        let without_manager = |p: &Person| Person {
            manager: None,
            ..p.clone()
        };
        let damaged = clean
            .iter()
            .zip(&dirty)
            .filter(|(a, b)| without_manager(a) != without_manager(b))
            .count();
        assert_eq!(damaged, 100);
        assert_eq!(dirty.iter().filter(|p| p.defect.is_some()).count(), 100);
    }

    #[test]
    fn duplicates_repeat_written_ids() {
        let mut seen = HashSet::new();
        for p in People::new(&spec(2000, 1.0, 3), true) {
            let fresh = seen.insert(p.id);
            assert_eq!(fresh, p.defect != Some(Defect::DuplicateId), "{p:?}");
        }
    }
}

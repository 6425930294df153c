//! The people API's records and their churn.
//!
//! No reference document gives this API's shapes (it stands for any HR system's people
//! endpoint that Muster is pointed at as reference 000, MangoApps "Import Via API",
//! describes); Muster's brief fixes the record: `employeeId` (`P` and six digits),
//! `name.given`/`name.family`, `contact.email`/`contact.phone`, `department`, `title`,
//! `status` (`active`, `inactive` or `deleted`) and `updatedAt` (ISO 8601 UTC, seconds).
//! Seeding choices: `updatedAt` spread over the year before 2025-12-01, about 3% inactive
//! and 1% deleted; deleted records stay listed (a source shows deletions by status).
//! Churn works as in [`crate::hris::Churn`]: one clock tick per churn, a record changes at
//! most once per churn, updates change title, department (with a title of it) or phone.

use std::collections::HashSet;

use rand::Rng;
use serde_json::{Value, json};

use crate::hris::{Churn, ChurnReport};
use crate::staff::{Clock, DEPARTMENTS, Generator, SEED_EPOCH};
use crate::time::iso_seconds;

const YEAR: i64 = 365 * 86_400;
/// The domain of every generated email.
pub(crate) const EMAIL_DOMAIN: &str = "example.org";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Active,
    Inactive,
    Deleted,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::Deleted => "deleted",
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Record {
    pub id: String,
    pub given: &'static str,
    pub family: &'static str,
    pub email: String,
    pub phone_digits: u16,
    pub department: usize,
    pub title: &'static str,
    pub status: Status,
    /// Unix seconds.
    pub updated_at: i64,
}

impl Record {
    /// Where the record sorts: `updatedAt`, then `employeeId`.
    pub(crate) fn key(&self) -> (i64, &str) {
        (self.updated_at, &self.id)
    }

    pub(crate) fn json(&self) -> Value {
        json!({
            "employeeId": self.id,
            "name": {"given": self.given, "family": self.family},
            "contact": {
                "email": self.email,
                "phone": format!("+44 20 7946 {:04}", self.phone_digits),
            },
            "department": DEPARTMENTS[self.department % DEPARTMENTS.len()].0,
            "title": self.title,
            "status": self.status.as_str(),
            "updatedAt": iso_seconds(self.updated_at),
        })
    }
}

pub(crate) struct Store {
    pub(crate) records: Vec<Record>,
    generator: Generator,
    clock: Clock,
}

impl Store {
    pub(crate) fn seeded(count: usize, seed: u64) -> Store {
        let mut store = Store {
            records: Vec::with_capacity(count),
            generator: Generator::new(seed),
            clock: Clock::after(SEED_EPOCH),
        };
        for _ in 0..count {
            let updated = store
                .generator
                .rng()
                .random_range(SEED_EPOCH - YEAR..SEED_EPOCH);
            let mut record = store.make(updated);
            record.status = match store.generator.rng().random_range(0..100) {
                0 => Status::Deleted,
                1..=3 => Status::Inactive,
                _ => Status::Active,
            };
            store.records.push(record);
        }
        store
    }

    fn make(&mut self, updated_at: i64) -> Record {
        let person = self.generator.person();
        Record {
            id: format!("P{:06}", self.records.len() + 1),
            given: person.first,
            family: person.last,
            email: format!("{}@{EMAIL_DOMAIN}", person.email_local),
            phone_digits: person.phone_digits,
            department: person.department,
            title: person.title,
            status: Status::Active,
            updated_at,
        }
    }

    /// Indices of the records changed strictly after `since` (ms), in list order.
    pub(crate) fn selected(&self, since: Option<i64>) -> Vec<usize> {
        let mut chosen: Vec<usize> = (0..self.records.len())
            .filter(|i| since.is_none_or(|s| self.records[*i].updated_at.saturating_mul(1000) > s))
            .collect();
        chosen.sort_by(|a, b| self.records[*a].key().cmp(&self.records[*b].key()));
        chosen
    }

    pub(crate) fn by_id(&self, id: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.id == id)
    }

    /// Applies `churn` at the clock's next tick.
    pub(crate) fn churn(&mut self, churn: &Churn) -> ChurnReport {
        let now = self.clock.tick();
        let mut report = ChurnReport::default();
        let mut touched = HashSet::new();
        for _ in 0..churn.created {
            let record = self.make(now);
            touched.insert(self.records.len());
            report.created.push(record.id.clone());
            self.records.push(record);
        }
        let live = |r: &Record| r.status != Status::Deleted;
        for i in self.pick(churn.updated, &mut touched, live) {
            self.update(i);
            report.updated.push(self.stamp(i, now));
        }
        for i in self.pick(churn.deactivated, &mut touched, |r| {
            r.status == Status::Active
        }) {
            self.records[i].status = Status::Inactive;
            report.deactivated.push(self.stamp(i, now));
        }
        for i in self.pick(churn.reactivated, &mut touched, |r| {
            r.status == Status::Inactive
        }) {
            self.records[i].status = Status::Active;
            report.reactivated.push(self.stamp(i, now));
        }
        for i in self.pick(churn.deleted, &mut touched, live) {
            self.records[i].status = Status::Deleted;
            report.deleted.push(self.stamp(i, now));
        }
        report
    }

    fn stamp(&mut self, index: usize, now: i64) -> String {
        self.records[index].updated_at = now;
        self.records[index].id.clone()
    }

    fn pick(
        &mut self,
        count: usize,
        touched: &mut HashSet<usize>,
        eligible: impl Fn(&Record) -> bool,
    ) -> Vec<usize> {
        self.generator.pick(&self.records, count, touched, eligible)
    }

    fn update(&mut self, index: usize) {
        let Some(current) = self.records.get(index).cloned() else {
            return;
        };
        let mut changed = current.clone();
        match self.generator.rng().random_range(0..3) {
            0 => {
                changed.department = self.generator.other_department(current.department);
                changed.title = self.generator.title_in(changed.department);
            }
            1 => {
                changed.title = self
                    .generator
                    .other_title(current.department, current.title)
            }
            _ => changed.phone_digits = self.generator.other_phone(current.phone_digits),
        }
        self.records[index] = changed;
    }
}

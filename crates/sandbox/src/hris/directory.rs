//! The emulated MangoApps business's users: seeded from [`super::HrisConfig`], looked up
//! by UID and email, and changed by churn.
//!
//! Seeding choices (the reference document shows one user and says nothing of a
//! population): UIDs `E1000001` upwards in creation order, internal ids from 1753 (the
//! reference's example) upwards, creation spread over the three years before 2025-12-01 so
//! `sort_by=created_at` follows the UIDs, about 2% inactive (terminated) and about 1%
//! soft-deleted. The first five users have no manager; everyone else reports to someone
//! created before them.

use std::collections::HashMap;

use rand::Rng;
use serde_json::Value;

use super::employee::Employee;
use crate::staff::{Clock, Generator, Person, SEED_EPOCH};

/// Three years, the span the seeded users were created over.
const SPAN: i64 = 3 * 365 * 86_400;
const FIRST_ID: u64 = 1753;
const FIRST_UID: u64 = 1_000_001;
/// The domain of every generated email.
pub(crate) const EMAIL_DOMAIN: &str = "example.com";

pub(crate) struct Directory {
    pub(crate) employees: Vec<Employee>,
    by_uid: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    pub(crate) generator: Generator,
    pub(crate) clock: Clock,
}

impl Directory {
    pub(crate) fn seeded(count: usize, seed: u64) -> Directory {
        let mut directory = Directory {
            employees: Vec::with_capacity(count),
            by_uid: HashMap::new(),
            by_email: HashMap::new(),
            generator: Generator::new(seed),
            clock: Clock::after(SEED_EPOCH),
        };
        let step = (SPAN / i64::try_from(count.max(1)).unwrap_or(i64::MAX)).max(1);
        for i in 0..count {
            let offset = i64::try_from(i)
                .unwrap_or(i64::MAX / 4)
                .saturating_mul(step);
            let rng = directory.generator.rng();
            let created =
                (SEED_EPOCH - SPAN + offset + rng.random_range(0..step)).min(SEED_EPOCH - 1);
            // Half the users were never edited after they were created.
            let updated = if rng.random_bool(0.5) {
                created
            } else {
                rng.random_range(created..SEED_EPOCH)
            };
            let mut employee = directory.make(created, updated);
            let rng = directory.generator.rng();
            employee.last_activity_at = rng.random_range(updated..SEED_EPOCH);
            match rng.random_range(0..100) {
                0 => {
                    employee.deleted_at = Some(updated);
                    employee.active = false;
                    employee.terminated = Some((updated, "involuntary"));
                }
                1..=2 => {
                    employee.active = false;
                    employee.terminated = Some((updated, "voluntary"));
                }
                _ => {}
            }
            directory.insert(employee);
        }
        directory
    }

    /// A new user at the next index, active, made at `created` and last changed at
    /// `updated`.
    pub(crate) fn make(&mut self, created: i64, updated: i64) -> Employee {
        let index = self.employees.len();
        let Person {
            first,
            last,
            email_local,
            department,
            title,
            kind,
            office,
            phone_digits,
        } = self.generator.person();
        let rng = self.generator.rng();
        let manager = (index >= 5).then(|| rng.random_range(0..index.min(5 + index / 8)));
        let role = if index < 3 {
            "Administrator"
        } else if title.contains("Manager") || title == "Controller" {
            "Manager"
        } else {
            "Staff"
        };
        let n = u64::try_from(index).unwrap_or(u64::MAX / 2);
        Employee {
            id: FIRST_ID + n,
            uid: format!("E{}", FIRST_UID + n),
            first,
            last,
            email: format!("{email_local}@{EMAIL_DOMAIN}"),
            active: true,
            title,
            department,
            role,
            hired: created - rng.random_range(0..90) * 86_400,
            kind,
            phone_digits,
            manager,
            office,
            terminated: None,
            created_at: created,
            updated_at: updated,
            last_activity_at: updated,
            deleted_at: None,
            skills: rng.random_range(0..16),
            certifications: rng.random_range(0..6),
        }
    }

    /// Adds `employee` at the end (its index is the directory's length).
    pub(crate) fn insert(&mut self, employee: Employee) -> usize {
        let index = self.employees.len();
        self.by_uid.insert(employee.uid.clone(), index);
        self.by_email.insert(employee.email.to_lowercase(), index);
        self.employees.push(employee);
        index
    }

    pub(crate) fn len(&self) -> usize {
        self.employees.len()
    }

    pub(crate) fn by_uid(&self, uid: &str) -> Option<usize> {
        self.by_uid.get(uid.trim()).copied()
    }

    /// Emails are compared case-insensitively, as mail systems do.
    pub(crate) fn by_email(&self, email: &str) -> Option<usize> {
        self.by_email.get(&email.trim().to_lowercase()).copied()
    }

    fn manager(&self, employee: &Employee) -> Option<&Employee> {
        employee.manager.and_then(|m| self.employees.get(m))
    }

    /// The user's list item.
    pub(crate) fn list_item(&self, index: usize) -> Option<Value> {
        let employee = self.employees.get(index)?;
        Some(employee.list_item(self.manager(employee)))
    }

    /// The user's detail, with how many current users report to them.
    pub(crate) fn detail(&self, index: usize) -> Option<Value> {
        let employee = self.employees.get(index)?;
        let reports = self
            .employees
            .iter()
            .filter(|e| e.manager == Some(index) && e.deleted_at.is_none())
            .count();
        Some(employee.detail(self.manager(employee), reports))
    }
}

//! Churn: changes to the directory between two pulls, so incremental sync and webhooks
//! can be rehearsed. No reference document; the reference names the lifecycle events
//! (`user.created`, `.updated`, `.activated`, `.deactivated`, `.deleted`) and churn makes
//! one of each kind on demand.
//!
//! Choices: one churn is one instant of the emulator's [`Clock`](crate::staff::Clock),
//! so all its changes share one `updated_at` (at least a second after anything before);
//! a user takes part in at most one change per churn; created users are new UIDs; updated
//! users get a new job title, department (with a title of it) or phone, one to three of
//! those; deactivation marks a user inactive and terminated today; reactivation picks
//! inactive, not deleted users and clears the termination; deletion is a soft delete of
//! any not yet deleted user. When fewer users qualify than asked, fewer change: the
//! report says which did.

use std::collections::HashSet;

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::directory::Directory;
use super::employee::Employee;

/// How many users to change of each kind; missing fields in JSON are 0.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Churn {
    pub created: usize,
    pub updated: usize,
    pub deactivated: usize,
    pub reactivated: usize,
    pub deleted: usize,
}

impl Churn {
    pub fn is_empty(&self) -> bool {
        self.created + self.updated + self.deactivated + self.reactivated + self.deleted == 0
    }

    /// Four counts as a command line gives them: `created,updated,deactivated,deleted`.
    pub fn parse_counts(text: &str) -> Result<Churn, String> {
        let wrong =
            || format!("takes four numbers (created,updated,deactivated,deleted), not {text:?}");
        let counts = text
            .split(',')
            .map(|n| n.trim().parse::<usize>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| wrong())?;
        let [created, updated, deactivated, deleted] = counts[..] else {
            return Err(wrong());
        };
        Ok(Churn {
            created,
            updated,
            deactivated,
            reactivated: 0,
            deleted,
        })
    }
}

/// The identifiers of the users each kind of change touched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChurnReport {
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub deactivated: Vec<String>,
    pub reactivated: Vec<String>,
    pub deleted: Vec<String>,
}

/// One change, by user index, in the order they were made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    Created(usize),
    /// With the names of the changed fields.
    Updated(usize, Vec<&'static str>),
    Deactivated(usize),
    Activated(usize),
    Deleted(usize),
}

impl Directory {
    /// Applies `churn` at the clock's next tick; returns the report, the changes and
    /// the tick.
    pub(crate) fn churn(&mut self, churn: &Churn) -> (ChurnReport, Vec<Change>, i64) {
        let now = self.clock.tick();
        let mut changes = Vec::new();
        let mut touched = HashSet::new();
        for _ in 0..churn.created {
            let employee = self.make(now, now);
            let index = self.insert(employee);
            touched.insert(index);
            changes.push(Change::Created(index));
        }
        let live = |e: &Employee| e.deleted_at.is_none();
        for index in self.pick(churn.updated, &mut touched, live) {
            let fields = self.update(index);
            changes.push(Change::Updated(index, fields));
        }
        for index in self.pick(churn.deactivated, &mut touched, |e| live(e) && e.active) {
            if let Some(e) = self.employees.get_mut(index) {
                e.active = false;
                e.terminated = Some((now, "voluntary"));
            }
            changes.push(Change::Deactivated(index));
        }
        for index in self.pick(churn.reactivated, &mut touched, |e| live(e) && !e.active) {
            if let Some(e) = self.employees.get_mut(index) {
                e.active = true;
                e.terminated = None;
            }
            changes.push(Change::Activated(index));
        }
        for index in self.pick(churn.deleted, &mut touched, live) {
            if let Some(e) = self.employees.get_mut(index) {
                e.active = false;
                e.deleted_at = Some(now);
            }
            changes.push(Change::Deleted(index));
        }
        let mut report = ChurnReport::default();
        for change in &changes {
            let (list, index) = match change {
                Change::Created(i) => (&mut report.created, i),
                Change::Updated(i, _) => (&mut report.updated, i),
                Change::Deactivated(i) => (&mut report.deactivated, i),
                Change::Activated(i) => (&mut report.reactivated, i),
                Change::Deleted(i) => (&mut report.deleted, i),
            };
            if let Some(e) = self.employees.get_mut(*index) {
                e.updated_at = now;
                list.push(e.uid.clone());
            }
        }
        (report, changes, now)
    }

    fn pick(
        &mut self,
        count: usize,
        touched: &mut HashSet<usize>,
        eligible: impl Fn(&Employee) -> bool,
    ) -> Vec<usize> {
        self.generator
            .pick(&self.employees, count, touched, eligible)
    }

    /// Changes one to three of job title, department and phone; returns their names.
    fn update(&mut self, index: usize) -> Vec<&'static str> {
        let Some(current) = self.employees.get(index).cloned() else {
            return Vec::new();
        };
        let (mut title, mut department, mut phone) = (false, false, false);
        while !(title || department || phone) {
            let rng = self.generator.rng();
            title = rng.random_bool(0.5);
            department = rng.random_bool(0.3);
            phone = rng.random_bool(0.3);
        }
        let mut changed = current.clone();
        if department {
            changed.department = self.generator.other_department(current.department);
            changed.title = self.generator.title_in(changed.department);
        } else if title {
            changed.title = self
                .generator
                .other_title(current.department, current.title);
        }
        if phone {
            changed.phone_digits = self.generator.other_phone(current.phone_digits);
        }
        let mut fields = Vec::new();
        if changed.title != current.title {
            fields.push("job_title");
        }
        if changed.department != current.department {
            fields.push("department");
        }
        if changed.phone_digits != current.phone_digits {
            fields.push("phone");
        }
        if let Some(slot) = self.employees.get_mut(index) {
            *slot = changed;
        }
        fields
    }
}

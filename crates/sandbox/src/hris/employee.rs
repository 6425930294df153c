//! One employee of the emulated MangoApps directory and the JSON shapes it is shown in,
//! field for field as the reference document (001, MangoApps HRIS Users API) gives them:
//! the list item of `GET /api/v1/users`, the detail of `GET /api/v1/users/{uid}` and the
//! short `user` of the webhook payloads.
//!
//! Beyond the reference: list items also carry `deleted_at` (null, or when the user was
//! soft-deleted; a deleted user is also `active: false`), as `include_deleted` otherwise
//! gives no way to tell deleted users apart. `original_hire_date` is in list items only,
//! as in the reference's examples.

use serde_json::{Value, json};

use crate::staff::{DEPARTMENTS, Kind, OFFICES};
use crate::time::{date, iso_seconds};

#[derive(Clone, Debug)]
pub(crate) struct Employee {
    pub id: u64,
    pub uid: String,
    pub first: &'static str,
    pub last: &'static str,
    pub email: String,
    pub active: bool,
    pub title: &'static str,
    /// Index into [`DEPARTMENTS`].
    pub department: usize,
    pub role: &'static str,
    /// Unix seconds of the hire day.
    pub hired: i64,
    pub kind: Kind,
    pub phone_digits: u16,
    /// Index of the manager in the directory.
    pub manager: Option<usize>,
    /// Index into [`OFFICES`].
    pub office: usize,
    /// Unix seconds and the termination type, for users made inactive.
    pub terminated: Option<(i64, &'static str)>,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_activity_at: i64,
    pub deleted_at: Option<i64>,
    pub skills: u32,
    pub certifications: u32,
}

impl Employee {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    pub fn department_name(&self) -> &'static str {
        DEPARTMENTS[self.department % DEPARTMENTS.len()].0
    }

    pub fn phone(&self) -> String {
        format!("+1-415-555-{:04}", self.phone_digits)
    }

    fn office(&self) -> (&'static str, &'static str, &'static str) {
        OFFICES[self.office % OFFICES.len()]
    }

    fn termination(&self) -> (Value, Value) {
        match self.terminated {
            Some((at, kind)) => (Value::from(date(at)), Value::from(kind)),
            None => (Value::Null, Value::Null),
        }
    }

    /// The list item of `GET /api/v1/users`; `manager` is the manager's record.
    pub fn list_item(&self, manager: Option<&Employee>) -> Value {
        let (termination_date, termination_type) = self.termination();
        json!({
            "uid": self.uid,
            "id": self.id,
            "email": self.email,
            "first_name": self.first,
            "last_name": self.last,
            "full_name": self.full_name(),
            "active": self.active,
            "job_title": self.title,
            "department": self.department_name(),
            "organizational_role": self.role,
            "hire_date": date(self.hired),
            "original_hire_date": date(self.hired),
            "employment_status": self.kind.status(),
            "employee_type": self.kind.label(),
            "phone": self.phone(),
            "manager": manager.map(|m| json!({
                "uid": m.uid,
                "email": m.email,
                "full_name": m.full_name(),
            })),
            "locations": [self.office().0],
            "termination_date": termination_date,
            "termination_type": termination_type,
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
            "last_activity_at": iso_seconds(self.last_activity_at),
            "deleted_at": self.deleted_at.map(iso_seconds),
        })
    }

    /// The `user` of `GET /api/v1/users/{uid}` and `/by_email/{email}`.
    pub fn detail(&self, manager: Option<&Employee>, direct_reports: usize) -> Value {
        let (termination_date, termination_type) = self.termination();
        let (office, address, time_zone) = self.office();
        let (department, code, _) = DEPARTMENTS[self.department % DEPARTMENTS.len()];
        // Contractors are not employees under the FLSA; part-timers here are hourly.
        let (flsa, classification) = match self.kind {
            Kind::FullTime => ("exempt", "employee"),
            Kind::PartTime => ("non_exempt", "employee"),
            Kind::Contractor => ("non_exempt", "contractor"),
        };
        json!({
            "uid": self.uid,
            "id": self.id,
            "email": self.email,
            "first_name": self.first,
            "last_name": self.last,
            "full_name": self.full_name(),
            "active": self.active,
            "job_title": self.title,
            "department": department,
            "organizational_role": self.role,
            "hire_date": date(self.hired),
            "employment_status": self.kind.status(),
            "employee_type": self.kind.label(),
            "phone": self.phone(),
            "manager": manager.map(|m| json!({
                "uid": m.uid,
                "email": m.email,
                "full_name": m.full_name(),
                "job_title": m.title,
            })),
            "direct_reports_count": direct_reports,
            "locations": [{"name": office, "address": address}],
            "organizational_department": {"name": department, "code": code},
            "flsa_status": flsa,
            "worker_classification": classification,
            "time_zone": time_zone,
            "external_employee_id": format!("EMP-{:05}", self.id),
            "skills_count": self.skills,
            "certifications_count": self.certifications,
            "termination_date": termination_date,
            "termination_type": termination_type,
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
            "last_activity_at": iso_seconds(self.last_activity_at),
        })
    }

    /// The short `user` of the webhook payloads (`user.created`, `.updated`,
    /// `.activated`, `.deactivated`).
    pub fn webhook_user(&self) -> Value {
        json!({
            "uid": self.uid,
            "email": self.email,
            "first_name": self.first,
            "last_name": self.last,
            "full_name": self.full_name(),
            "active": self.active,
            "job_title": self.title,
            "employment_status": self.kind.status(),
            "employee_type": self.kind.label(),
        })
    }

    /// The `user` of a `user.deleted` payload: the names only, as in the reference.
    pub fn deleted_user(&self) -> Value {
        json!({
            "uid": self.uid,
            "email": self.email,
            "first_name": self.first,
            "last_name": self.last,
            "full_name": self.full_name(),
        })
    }
}

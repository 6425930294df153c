//! The query of `GET /api/v1/users`: its parameters, checked, and the users they select,
//! in order (001, MangoApps HRIS Users API, "Step 2: Retrieve Users in Bulk").
//!
//! The reference gives the parameters and defaults; where it is silent the emulator
//! chooses: `per_page` above 100 is capped to 100 (the reference's client caps it
//! itself) and below 1 is a 400, as is a `page` below 1 or any non-integer; booleans are
//! `true`/`false`/`1`/`0`; `search` is a case-insensitive substring of `full_name` or
//! `email`; `department` and `employment_status` compare case-insensitively and whole;
//! `updated_after` is strictly after and must be ISO 8601 (a date alone is midnight UTC,
//! a time without offset is UTC); an unknown `sort_by` or `sort_order` is a 400; `name`
//! sorts by full name ignoring case; ties are broken by `id` in the same direction, so
//! pages are stable. Unknown parameters are ignored, as Rails apps do.

use std::cmp::Ordering;

use super::directory::Directory;
use super::employee::Employee;
use super::error::HrisError;
use crate::time::parse_iso8601_ms;

pub const DEFAULT_PER_PAGE: usize = 25;
pub const MAX_PER_PAGE: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SortBy {
    Name,
    CreatedAt,
    UpdatedAt,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListQuery {
    pub page: usize,
    pub per_page: usize,
    pub active: Option<bool>,
    pub search: Option<String>,
    pub department: Option<String>,
    pub employment_status: Option<String>,
    /// Milliseconds since the epoch.
    pub updated_after: Option<i64>,
    pub include_deleted: bool,
    pub sort_by: SortBy,
    pub descending: bool,
}

fn boolean(parameter: &'static str, value: &str) -> Result<bool, HrisError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(HrisError::invalid(parameter, "must be true or false")),
    }
}

fn positive(parameter: &'static str, value: &str) -> Result<usize, HrisError> {
    match value.trim().parse::<i64>() {
        Ok(n) if n >= 1 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        _ => Err(HrisError::invalid(
            parameter,
            "must be an integer of at least 1",
        )),
    }
}

/// A text filter: empty means no filter.
fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_lowercase())
}

impl ListQuery {
    /// The query from its decoded name/value pairs (the last of a repeated name wins).
    pub(crate) fn parse(pairs: &[(String, String)]) -> Result<ListQuery, HrisError> {
        let mut query = ListQuery {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            active: None,
            search: None,
            department: None,
            employment_status: None,
            updated_after: None,
            include_deleted: false,
            sort_by: SortBy::CreatedAt,
            descending: true,
        };
        for (name, value) in pairs {
            match name.as_str() {
                "page" => query.page = positive("page", value)?,
                "per_page" => query.per_page = positive("per_page", value)?.min(MAX_PER_PAGE),
                "active" => query.active = Some(boolean("active", value)?),
                "include_deleted" => query.include_deleted = boolean("include_deleted", value)?,
                "search" => query.search = text(value),
                "department" => query.department = text(value),
                "employment_status" => query.employment_status = text(value),
                "updated_after" => {
                    query.updated_after = Some(parse_iso8601_ms(value).ok_or_else(|| {
                        HrisError::invalid("updated_after", "must be an ISO 8601 date-time")
                    })?);
                }
                "sort_by" => {
                    query.sort_by = match value.trim() {
                        "name" => SortBy::Name,
                        "created_at" => SortBy::CreatedAt,
                        "updated_at" => SortBy::UpdatedAt,
                        _ => {
                            return Err(HrisError::invalid(
                                "sort_by",
                                "must be name, created_at or updated_at",
                            ));
                        }
                    }
                }
                "sort_order" => {
                    query.descending = match value.trim() {
                        "asc" => false,
                        "desc" => true,
                        _ => return Err(HrisError::invalid("sort_order", "must be asc or desc")),
                    }
                }
                _ => {}
            }
        }
        Ok(query)
    }

    fn matches(&self, e: &Employee) -> bool {
        if e.deleted_at.is_some() && !self.include_deleted {
            return false;
        }
        if self.active.is_some_and(|active| active != e.active) {
            return false;
        }
        if let Some(search) = &self.search
            && !e.full_name().to_lowercase().contains(search.as_str())
            && !e.email.to_lowercase().contains(search.as_str())
        {
            return false;
        }
        if let Some(department) = &self.department
            && e.department_name().to_lowercase() != *department
        {
            return false;
        }
        if let Some(status) = &self.employment_status
            && e.kind.status() != status.as_str()
        {
            return false;
        }
        self.updated_after
            .is_none_or(|after| e.updated_at.saturating_mul(1000) > after)
    }

    fn compare(&self, a: &Employee, b: &Employee) -> Ordering {
        let by_field = match self.sort_by {
            SortBy::Name => a
                .full_name()
                .to_lowercase()
                .cmp(&b.full_name().to_lowercase()),
            SortBy::CreatedAt => a.created_at.cmp(&b.created_at),
            SortBy::UpdatedAt => a.updated_at.cmp(&b.updated_at),
        };
        let ordering = by_field.then(a.id.cmp(&b.id));
        if self.descending {
            ordering.reverse()
        } else {
            ordering
        }
    }

    /// The indices of every matching user, sorted.
    pub(crate) fn select(&self, directory: &Directory) -> Vec<usize> {
        let users = &directory.employees;
        let mut chosen: Vec<usize> = (0..users.len())
            .filter(|i| self.matches(&users[*i]))
            .collect();
        chosen.sort_by(|a, b| self.compare(&users[*a], &users[*b]));
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn defaults_caps_and_refusals() {
        let q = ListQuery::parse(&[]).unwrap();
        assert_eq!(
            (q.page, q.per_page, q.sort_by, q.descending),
            (1, 25, SortBy::CreatedAt, true)
        );
        assert_eq!(
            ListQuery::parse(&pairs(&[("per_page", "500")]))
                .unwrap()
                .per_page,
            100
        );
        for (name, value) in [
            ("per_page", "0"),
            ("page", "0"),
            ("page", "x"),
            ("active", "yes"),
            ("updated_after", "last week"),
            ("sort_by", "email"),
            ("sort_order", "up"),
        ] {
            let error = ListQuery::parse(&pairs(&[(name, value)])).unwrap_err();
            assert!(error.to_string().contains(name), "{error}");
        }
    }
}

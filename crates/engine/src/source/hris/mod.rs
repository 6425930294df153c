//! The MangoApps HRIS Users API as a source (reference 001): `GET /api/v1/users` page by
//! page (`page`, `per_page` up to 100, stopping at `meta.total_pages`) with its filters,
//! and the lookups `GET /api/v1/users/{uid}` and `/api/v1/users/by_email/{email}`.
//!
//! Choices where the reference is silent:
//! - A full import asks `sort_by=created_at&sort_order=asc`, so people hired during the
//!   pull land on the last pages instead of pushing everyone down a page.
//! - An incremental sync asks `updated_after` (see [`super::Watermark`]),
//!   `include_deleted=true` (a soft delete is a change to pass on), and
//!   `sort_by=updated_at&sort_order=asc`.
//! - A soft-deleted user (`deleted_at` set) is passed on with `active: false`, so the
//!   target deactivates or blocks them; Muster never deletes at a target.
//! - The filters a person gives override these defaults; unknown filter names are refused
//!   rather than sent and ignored.

mod errors;

use serde_json::{Map, Value};

use super::fetch::{Method, fetch};
use super::{Budget, Next, Page, Query, SourceError};
use crate::connect::{Client, encode_component};

pub use errors::explain;

/// The filters `GET /api/v1/users` takes (reference 001, "Query Parameters").
pub const FILTERS: &[&str] = &[
    "active",
    "search",
    "department",
    "employment_status",
    "updated_after",
    "include_deleted",
    "sort_by",
    "sort_order",
];

/// The largest page the API serves.
pub const MAX_PER_PAGE: u64 = 100;

pub struct Hris {
    client: Client,
    base: String,
    per_page: u64,
    list: Budget,
    lookup: Budget,
}

impl Hris {
    pub fn new(client: Client, base: &str, per_page: u64, list: Budget, lookup: Budget) -> Hris {
        Hris {
            client,
            base: base.trim_end_matches('/').to_owned(),
            per_page: per_page.clamp(1, MAX_PER_PAGE),
            list,
            lookup,
        }
    }

    pub fn connection(&self) -> &str {
        self.client.connection()
    }

    pub fn describe(&self) -> String {
        format!("the MangoApps HRIS API at {}", self.base)
    }

    pub fn list_budget(&self) -> &Budget {
        &self.list
    }

    pub fn lookup_budget(&self) -> &Budget {
        &self.lookup
    }

    /// The query string of one list page.
    pub fn params(&self, query: &Query, page: u64) -> Result<Vec<(String, String)>, SourceError> {
        for (name, _) in &query.filters {
            if !FILTERS.contains(&name.as_str()) {
                return Err(SourceError::BadSetting {
                    name: self.connection().to_owned(),
                    setting: format!("filter {name}"),
                    value: name.clone(),
                    why: format!("the HRIS API filters by {}", FILTERS.join(", ")),
                });
            }
        }
        let mut params = vec![
            ("page".to_owned(), page.to_string()),
            ("per_page".to_owned(), self.per_page.to_string()),
        ];
        let mut defaults = vec![("sort_order", "asc".to_owned())];
        match &query.since {
            Some(since) => {
                defaults.push(("updated_after", since.clone()));
                defaults.push(("include_deleted", "true".to_owned()));
                defaults.push(("sort_by", "updated_at".to_owned()));
            }
            None => defaults.push(("sort_by", "created_at".to_owned())),
        }
        for (name, value) in defaults {
            if !query.filters.iter().any(|(n, _)| n == name) {
                params.push((name.to_owned(), value));
            }
        }
        params.extend(query.filters.iter().cloned());
        Ok(params)
    }

    /// One page of `GET /api/v1/users`.
    pub async fn page(&self, query: &Query, at: &Next) -> Result<Page, SourceError> {
        let page = match at {
            Next::Page(n) => *n,
            _ => 1,
        };
        let url = format!("{}/api/v1/users", self.base);
        let params = self.params(query, page)?;
        let (body, _) = fetch(&self.client, Method::Get, &url, &params)
            .await
            .map_err(|e| explain(e, self.connection(), None))?;
        let bad = |detail: &str| SourceError::BadAnswer {
            source_name: self.describe(),
            request: format!("GET {url} page {page}"),
            detail: detail.to_owned(),
        };
        let users = body
            .get("users")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("it has no \"users\" list"))?;
        let meta = body.get("meta").ok_or_else(|| bad("it has no \"meta\""))?;
        let total_pages = meta
            .get("total_pages")
            .and_then(Value::as_u64)
            .ok_or_else(|| bad("its meta has no total_pages"))?;
        let records = users
            .iter()
            .filter_map(Value::as_object)
            .cloned()
            .map(user_record)
            .collect();
        Ok(Page {
            records,
            next: (page < total_pages).then_some(Next::Page(page + 1)),
            total: meta.get("total_count").and_then(Value::as_u64),
        })
    }

    /// One user by UID (`mango_employee_id`, like E1234567).
    pub async fn by_uid(&self, uid: &str) -> Result<Map<String, Value>, SourceError> {
        let url = format!("{}/api/v1/users/{}", self.base, encode_component(uid));
        self.one(&url, &format!("UID '{uid}'")).await
    }

    /// One user by email address.
    pub async fn by_email(&self, email: &str) -> Result<Map<String, Value>, SourceError> {
        let url = format!(
            "{}/api/v1/users/by_email/{}",
            self.base,
            encode_component(email)
        );
        self.one(&url, &format!("email '{email}'")).await
    }

    async fn one(&self, url: &str, whom: &str) -> Result<Map<String, Value>, SourceError> {
        let (body, _) = fetch(&self.client, Method::Get, url, &[])
            .await
            .map_err(|e| explain(e, self.connection(), Some(whom)))?;
        match body.get("user") {
            Some(Value::Object(user)) => Ok(user_record(user.clone())),
            _ => Err(SourceError::BadAnswer {
                source_name: self.describe(),
                request: format!("GET {url}"),
                detail: "it has no \"user\" object".to_owned(),
            }),
        }
    }

    /// One cheap request that proves the address, the token and its scope.
    pub async fn check(&self) -> Result<String, SourceError> {
        let url = format!("{}/api/v1/users", self.base);
        let params = [
            ("page".to_owned(), "1".to_owned()),
            ("per_page".to_owned(), "1".to_owned()),
        ];
        let (body, _) = fetch(&self.client, Method::Get, &url, &params)
            .await
            .map_err(|e| explain(e, self.connection(), None))?;
        let total = body
            .pointer("/meta/total_count")
            .and_then(Value::as_u64)
            .map_or_else(|| "an unknown number of".to_owned(), |n| n.to_string());
        Ok(format!(
            "{} answered: {total} users can be read with this token",
            self.describe()
        ))
    }
}

/// A user as Muster passes it on: a soft-deleted one is inactive (see the module docs).
pub fn user_record(mut user: Map<String, Value>) -> Map<String, Value> {
    let deleted = user.get("deleted_at").is_some_and(|d| !d.is_null());
    if deleted {
        user.insert("active".to_owned(), Value::Bool(false));
    }
    user
}

#[cfg(test)]
mod tests;

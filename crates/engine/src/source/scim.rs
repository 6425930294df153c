//! A SCIM 2.0 service provider as a source (RFC 7644 §3.4.2): `GET /Users` with
//! `startIndex` (1-based) and `count`, until `totalResults` are read, with an optional
//! `filter`. The connection is the same as a SCIM target's (base URL and bearer token).
//!
//! Choices: pages of 100 (servers may serve fewer; the next page starts after what came);
//! an incremental sync adds `meta.lastModified gt "…"` to the filter (RFC 7644 §3.4.2.2),
//! which servers that do not filter on it refuse with 400, said as such. Each user gains
//! flat `email` and `phone` (the primary, else the first of `emails` and `phoneNumbers`),
//! because the sheet reader keeps arrays of objects as JSON text. Deleted SCIM users are
//! gone from the server, so only deactivations (`active: false`) can be passed on.

use serde_json::{Map, Value};

use super::fetch::{Method, fetch};
use super::{Next, Page, Query, SourceError};
use crate::connect::Client;

const PAGE: u64 = 100;

pub struct ScimSource {
    client: Client,
    base: String,
}

impl ScimSource {
    pub fn new(client: Client, base: &str) -> ScimSource {
        ScimSource {
            client,
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    pub fn connection(&self) -> &str {
        self.client.connection()
    }

    pub fn describe(&self) -> String {
        format!("the SCIM service at {}", self.base)
    }

    fn filter(query: &Query) -> Option<String> {
        let mut parts: Vec<String> = query
            .filters
            .iter()
            .filter(|(name, _)| name == "filter")
            .map(|(_, value)| format!("({value})"))
            .collect();
        if let Some(since) = &query.since {
            parts.push(format!("meta.lastModified gt \"{since}\""));
        }
        (!parts.is_empty()).then(|| parts.join(" and "))
    }

    pub async fn page(&self, query: &Query, at: &Next) -> Result<Page, SourceError> {
        let start = match at {
            Next::Offset(n) => (*n).max(1),
            _ => 1,
        };
        let url = format!("{}/Users", self.base);
        let mut params = vec![
            ("startIndex".to_owned(), start.to_string()),
            ("count".to_owned(), PAGE.to_string()),
        ];
        if let Some(filter) = Self::filter(query) {
            params.push(("filter".to_owned(), filter));
        }
        let (body, _) = fetch(&self.client, Method::Get, &url, &params).await?;
        let bad = |detail: &str| SourceError::BadAnswer {
            source_name: self.describe(),
            request: format!("GET {url}?startIndex={start}"),
            detail: detail.to_owned(),
        };
        let total = body
            .get("totalResults")
            .and_then(Value::as_u64)
            .ok_or_else(|| bad("it has no totalResults"))?;
        let resources = match body.get("Resources") {
            Some(Value::Array(items)) => items.as_slice(),
            None | Some(Value::Null) => &[],
            Some(_) => return Err(bad("its Resources is not a list")),
        };
        let records: Vec<Map<String, Value>> = resources
            .iter()
            .filter_map(Value::as_object)
            .cloned()
            .map(user_record)
            .collect();
        let read_to = start - 1 + records.len() as u64;
        Ok(Page {
            next: (!records.is_empty() && read_to < total).then_some(Next::Offset(read_to + 1)),
            records,
            total: Some(total),
        })
    }

    pub async fn check(&self) -> Result<String, SourceError> {
        let url = format!("{}/Users", self.base);
        let params = [
            ("startIndex".to_owned(), "1".to_owned()),
            ("count".to_owned(), "1".to_owned()),
        ];
        let (body, _) = fetch(&self.client, Method::Get, &url, &params).await?;
        let total = body
            .get("totalResults")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        Ok(format!(
            "{} answered: {total} users can be read",
            self.describe()
        ))
    }
}

/// A SCIM user with flat `email` and `phone` added (see the module docs).
pub fn user_record(mut user: Map<String, Value>) -> Map<String, Value> {
    for (list, flat) in [("emails", "email"), ("phoneNumbers", "phone")] {
        let chosen = user.get(list).and_then(Value::as_array).and_then(|items| {
            items
                .iter()
                .find(|i| i.get("primary").and_then(Value::as_bool) == Some(true))
                .or_else(|| items.first())
                .and_then(|i| i.get("value"))
                .cloned()
        });
        if let Some(value) = chosen
            && !user.contains_key(flat)
        {
            user.insert(flat.to_owned(), value);
        }
    }
    user
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    #[test]
    fn the_primary_email_and_first_phone_become_flat_fields() {
        let Value::Object(user) = json!({
            "userName": "ada",
            "emails": [{"value": "a@work.example", "type": "work"}, {"value": "ada@example.org", "primary": true}],
            "phoneNumbers": [{"value": "+44 20 7946 0123"}]
        }) else {
            unreachable!()
        };
        let user = super::user_record(user);
        assert_eq!(user["email"], "ada@example.org");
        assert_eq!(user["phone"], "+44 20 7946 0123");
    }

    #[test]
    fn the_filter_joins_the_persons_filter_and_the_watermark() {
        let query = super::Query {
            filters: vec![("filter".into(), "active eq true".into())],
            since: Some("2026-11-20T10:00:00Z".into()),
        };
        assert_eq!(
            super::ScimSource::filter(&query).as_deref(),
            Some("(active eq true) and meta.lastModified gt \"2026-11-20T10:00:00Z\"")
        );
    }
}

//! A generic paginated REST source (reference 000, "Import via API"): the connection's
//! settings ([`RestSourceSettings`]) say how to ask and where the records are; the four
//! pagination styles of HR systems are page number, offset/limit, cursor token and the
//! `Link` header.
//!
//! Choices: a page or offset style ends at the first page shorter than the page size (one
//! more request when the total divides evenly, but no total needed); a cursor style ends
//! when the answer's cursor is missing, null or empty; a `Link` style when no `rel="next"`
//! comes, and a relative next address is resolved against the page's own. A `since_param`
//! together with an `updated` field makes incremental syncs possible.

mod link;
mod settings;

pub use settings::{Pagination, RestSourceSettings};

use reqwest::Url;
use serde_json::{Map, Value};

use super::fetch::fetch;
use super::record::rename;
use super::{Next, Page, Query, SourceError};
use crate::connect::Client;

pub struct RestSource {
    client: Client,
    base: String,
    settings: RestSourceSettings,
}

impl RestSource {
    pub fn new(client: Client, base: &str, settings: RestSourceSettings) -> RestSource {
        RestSource {
            client,
            base: base.trim_end_matches('/').to_owned(),
            settings,
        }
    }

    pub fn connection(&self) -> &str {
        self.client.connection()
    }

    pub fn settings(&self) -> &RestSourceSettings {
        &self.settings
    }

    pub fn describe(&self) -> String {
        format!("the REST source at {}{}", self.base, self.settings.path)
    }

    pub fn first_page(&self) -> Next {
        match self.settings.pagination {
            Pagination::Page => Next::Page(1),
            Pagination::Offset => Next::Offset(0),
            Pagination::Cursor | Pagination::Link => Next::Start,
        }
    }

    /// Whether it can ask for changes only.
    pub fn incremental(&self) -> bool {
        self.settings.since_param.is_some() && self.settings.updated.is_some()
    }

    pub async fn page(&self, query: &Query, at: &Next) -> Result<Page, SourceError> {
        let s = &self.settings;
        let mut url = format!("{}{}", self.base, s.path);
        let mut params: Vec<(String, String)> = Vec::new();
        if let Next::Url(next) = at {
            // The next address carries every parameter already.
            url = next.clone();
        } else {
            params.extend(s.params.iter().cloned());
            params.extend(query.filters.iter().cloned());
            if let (Some(since), Some(name)) = (&query.since, &s.since_param) {
                params.push((name.clone(), since.clone()));
            }
            params.push((s.size_param.clone(), s.page_size.to_string()));
            match at {
                Next::Page(n) => params.push((s.page_param.clone(), n.to_string())),
                Next::Offset(n) => params.push((s.offset_param.clone(), n.to_string())),
                Next::Cursor(c) => params.push((s.cursor_param.clone(), c.clone())),
                Next::Start | Next::Url(_) => {}
            }
        }
        let (body, headers) = fetch(&self.client, s.method, &url, &params).await?;
        let bad = |detail: String| SourceError::BadAnswer {
            source_name: self.describe(),
            request: format!("{url} ({})", at.describe()),
            detail,
        };
        let found = if s.records.is_empty() {
            Some(&body)
        } else {
            body.pointer(&s.records)
        };
        let items = match found {
            Some(Value::Array(items)) => items,
            Some(Value::Null) | None if !s.records.is_empty() => {
                return Err(bad(format!(
                    "it has no list of records at \"{}\"; check the connection's records setting",
                    s.records
                )));
            }
            _ => return Err(bad("its records are not a list".to_owned())),
        };
        let records: Vec<Map<String, Value>> = items
            .iter()
            .filter_map(Value::as_object)
            .map(|item| {
                let mut record = item.clone();
                for (from, to) in &s.fields {
                    rename(&mut record, from, to);
                }
                record
            })
            .collect();
        let full = items.len() as u64 >= s.page_size;
        let next = match (s.pagination, at) {
            (Pagination::Page, Next::Page(n)) => full.then_some(Next::Page(n + 1)),
            (Pagination::Offset, Next::Offset(n)) => {
                full.then_some(Next::Offset(n + items.len() as u64))
            }
            (Pagination::Cursor, _) => body
                .pointer(&s.next_cursor)
                .and_then(|c| match c {
                    Value::String(text) if !text.is_empty() => Some(text.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .map(Next::Cursor),
            (Pagination::Link, _) => match headers
                .get_all(reqwest::header::LINK)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(link::next_link)
            {
                Some(next) => Some(Next::Url(resolve(&url, &next).map_err(bad)?)),
                None => None,
            },
            _ => None,
        };
        Ok(Page {
            records,
            next: if items.is_empty() { None } else { next },
            total: None,
        })
    }

    pub async fn check(&self) -> Result<String, SourceError> {
        let page = self.page(&Query::default(), &self.first_page()).await?;
        let sample = page
            .records
            .first()
            .map(|r| r.keys().cloned().collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|| "no records on the first page".to_owned());
        Ok(format!(
            "{} answered: {} records on the first page (fields: {sample})",
            self.describe(),
            page.records.len()
        ))
    }
}

/// `next` resolved against the address of the page that named it.
fn resolve(page: &str, next: &str) -> Result<String, String> {
    let base = Url::parse(page).map_err(|e| format!("its address cannot be read: {e}"))?;
    base.join(next)
        .map(String::from)
        .map_err(|e| format!("its Link header names an address that cannot be read ({next}): {e}"))
}

//! One page of a source's records, where the next one starts, and what a pull asks for.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where a page starts, in the source's own terms; kept in the store between pages so a
/// pull resumes where it stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "at", rename_all = "snake_case")]
pub enum Next {
    /// The first page of a source whose later pages are named by the answers (cursor,
    /// `Link`): asked without a cursor.
    Start,
    /// A page number (HRIS, REST page style), from 1.
    Page(u64),
    /// A position: SCIM's 1-based `startIndex`, or a REST offset from 0.
    Offset(u64),
    /// An opaque cursor from the previous answer.
    Cursor(String),
    /// The address of the next page, from a `Link: <…>; rel="next"` header.
    Url(String),
}

impl Next {
    /// How the person reads it in "go on from page …".
    pub fn describe(&self) -> String {
        match self {
            Next::Start => "the first page".to_owned(),
            Next::Page(n) => format!("page {n}"),
            Next::Offset(n) => format!("record {n}"),
            Next::Cursor(_) | Next::Url(_) => "the page it reached".to_owned(),
        }
    }
}

/// One page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub records: Vec<Map<String, Value>>,
    /// `None` after the last page.
    pub next: Option<Next>,
    /// How many records the whole query matches, when the source says.
    pub total: Option<u64>,
}

/// What a pull asks the source for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// The source's own filters (`department=Sales`, a SCIM filter, …), as given.
    pub filters: Vec<(String, String)>,
    /// Only what changed after this moment (an incremental sync); `None` for everything.
    pub since: Option<String>,
}

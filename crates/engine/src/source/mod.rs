//! Sources: HR systems Muster pulls people from, page by page, into the same mapping,
//! validation and job flow as files (issue 5; references 000 "Import via API" and 001
//! MangoApps HRIS Users API).
//!
//! A pull ([`pull()`]) reads a source connection's pages ([`Page`], [`Next`]) into the
//! store's spool, resumable page by page; the CLI then writes the spool out as NDJSON,
//! which the sheet reader opens like any file (nested fields become dotted columns such as
//! `manager.uid`). Incremental syncs ask only for what changed after the connection's
//! [`Watermark`]. Webhooks ([`webhook`]) bring single changes as they happen.

mod budget;
mod error;
mod fetch;
pub mod hris;
mod job;
mod open;
mod page;
mod pull;
pub mod record;
pub mod rest;
pub mod scim;
mod watermark;
pub mod webhook;

pub use budget::Budget;
pub use error::SourceError;
pub use fetch::Method;
pub use job::{JournalError, PulledJob, journal_pull, open_pulled};
pub use open::{SOURCE_KINDS, is_source, open_source, source_secret_name};
pub use page::{Next, Page, Query};
pub use pull::{PullEvent, PullOptions, Pulled, Who, pull};
pub use watermark::Watermark;

use hris::Hris;
use rest::RestSource;
use scim::ScimSource;

/// Any source Muster can pull from.
pub enum AnySource {
    Hris(Box<Hris>),
    Scim(Box<ScimSource>),
    Rest(Box<RestSource>),
}

impl AnySource {
    /// The saved connection's name.
    pub fn connection(&self) -> &str {
        match self {
            AnySource::Hris(s) => s.connection(),
            AnySource::Scim(s) => s.connection(),
            AnySource::Rest(s) => s.connection(),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            AnySource::Hris(s) => s.describe(),
            AnySource::Scim(s) => s.describe(),
            AnySource::Rest(s) => s.describe(),
        }
    }

    /// The field that identifies each record (dotted path or JSON pointer).
    pub fn identifier(&self) -> &str {
        match self {
            AnySource::Hris(_) => "uid",
            AnySource::Scim(_) => "id",
            AnySource::Rest(s) => &s.settings().identifier,
        }
    }

    /// The field with each record's last change, when the source has one.
    pub fn updated_field(&self) -> Option<&str> {
        match self {
            AnySource::Hris(_) => Some("updated_at"),
            AnySource::Scim(_) => Some("meta.lastModified"),
            AnySource::Rest(s) => s.settings().updated.as_deref(),
        }
    }

    /// Whether it can be asked for changes only.
    pub fn incremental(&self) -> bool {
        match self {
            AnySource::Hris(_) | AnySource::Scim(_) => true,
            AnySource::Rest(s) => s.incremental(),
        }
    }

    pub fn first_page(&self) -> Next {
        match self {
            AnySource::Hris(_) => Next::Page(1),
            AnySource::Scim(_) => Next::Offset(1),
            AnySource::Rest(s) => s.first_page(),
        }
    }

    /// The limit the source publishes for reading pages, kept on this side.
    pub fn page_budget(&self) -> Option<&Budget> {
        match self {
            AnySource::Hris(s) => Some(s.list_budget()),
            AnySource::Scim(_) | AnySource::Rest(_) => None,
        }
    }

    pub async fn page(&self, query: &Query, at: &Next) -> Result<Page, SourceError> {
        match self {
            AnySource::Hris(s) => s.page(query, at).await,
            AnySource::Scim(s) => s.page(query, at).await,
            AnySource::Rest(s) => s.page(query, at).await,
        }
    }

    /// One cheap request that proves the address and the credentials; what it found.
    pub async fn check(&self) -> Result<String, SourceError> {
        match self {
            AnySource::Hris(s) => s.check().await,
            AnySource::Scim(s) => s.check().await,
            AnySource::Rest(s) => s.check().await,
        }
    }
}

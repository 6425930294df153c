//! A pull: every page of a source connection into the store's spool, resumable.
//!
//! Each page is kept (records and where the next page starts) in one transaction before
//! the next is asked for, so a pull killed at any moment starts again from the page after
//! the last one kept, and memory holds one page whatever the source's size. The source's
//! published limit is kept on this side ([`super::Budget`]); when it still answers 429
//! beyond the client's retries, the pull waits as long as the source asks (or 5 s, then
//! twice as long each time up to two minutes)
//! and says so, a few times, before it stops resumable.
//!
//! Page numbers shift when the source changes under a pull: a user deleted from an early
//! page moves everyone up one place, and a user on the next page would be missed. When a
//! pull meets a user twice or the total changes between pages, it reads the pages once
//! more from the first (the spool keeps one copy per user), at most twice.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::record::text;
use super::{AnySource, Next, Query, SourceError, Watermark};
use crate::connect::ConnectError;
use crate::store::{PullState, SpooledPage, Store};

/// How many times a pull waits out a source that keeps answering 429.
const RATE_LIMIT_WAITS: u32 = 6;
/// How long it first waits when the source does not say (the client has already waited
/// out what it asked), doubling each time up to [`LONGEST_WAIT`].
const FIRST_WAIT: Duration = Duration::from_secs(5);
const LONGEST_WAIT: Duration = Duration::from_secs(120);
/// Extra passes over the pages when the source changed under the pull.
const EXTRA_PASSES: u32 = 2;

/// A person picked by a lookup instead of the list (HRIS only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    Uid(String),
    Email(String),
}

pub struct PullOptions<'a> {
    /// Everything, even when the connection has a watermark.
    pub full: bool,
    /// The source's own filters.
    pub filters: Vec<(String, String)>,
    /// Only these people, each by a lookup (HRIS); no watermark is kept.
    pub only: Vec<Who>,
    pub cancel: Option<&'a AtomicBool>,
    pub report: &'a (dyn Fn(&PullEvent<'_>) + Sync),
}

/// What a pull tells the person as it goes.
#[derive(Debug)]
pub enum PullEvent<'a> {
    /// Reading starts: from the watermark or everything; resumed from a page when a
    /// pull stopped before.
    Started {
        since: Option<&'a str>,
        resumed_at: Option<&'a Next>,
        records: u64,
    },
    Page {
        number: u64,
        records: u64,
        total: Option<u64>,
    },
    /// Waiting for the source's limit.
    Waiting { wait: Duration, why: String },
    /// Reading the pages once more.
    Again { reason: &'static str },
}

/// A finished pull, spooled in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Pulled {
    pub pull: i64,
    /// Records in the spool (one per user).
    pub records: u64,
    pub pages: u64,
    /// Where the next sync starts once these records are journaled; `None` when the
    /// source has no change times or the pull picked people by lookup.
    pub watermark: Option<Watermark>,
    /// The watermark this pull started from.
    pub since: Option<Watermark>,
}

/// What a pull asked for, kept with it: a resume goes on only with the same question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Asked {
    query: Query,
    since: Option<Watermark>,
    only: Vec<Who>,
}

/// Pulls every page (or every person of `only`) into the spool.
pub async fn pull(
    store: &mut Store,
    source: &AnySource,
    options: &PullOptions<'_>,
) -> Result<Pulled, SourceError> {
    let connection = source.connection().to_owned();
    let since = match (
        options.full || !options.only.is_empty(),
        source.incremental(),
    ) {
        (false, true) => store.watermark(&connection)?.map(|w| Watermark::parse(&w)),
        _ => None,
    };
    let asked = Asked {
        query: Query {
            filters: options.filters.clone(),
            since: since.as_ref().map(Watermark::ask_from),
        },
        since: since.clone(),
        only: options.only.clone(),
    };
    let asked_json = serde_json::to_string(&asked).unwrap_or_default();
    let first = if options.only.is_empty() {
        source.first_page()
    } else {
        Next::Offset(0)
    };
    let (id, mut next, resumed) = match store.unfinished_pull(&connection)? {
        // Only a pull stopped between pages goes on; one that read everything but never
        // became a job is read again, so what is sent is never stale.
        Some(old) if old.query == asked_json && old.state == PullState::Pulling => {
            let next = old
                .next_page
                .as_deref()
                .and_then(|n| serde_json::from_str(n).ok());
            let resumed = (old.pages > 0).then_some(old.records);
            (old.id, next, resumed)
        }
        _ => (
            store.start_pull(&connection, &asked_json)?,
            Some(first.clone()),
            None,
        ),
    };
    (options.report)(&PullEvent::Started {
        since: since.as_ref().map(|w| w.after.as_str()),
        resumed_at: resumed.and(next.as_ref()),
        records: resumed.unwrap_or(0),
    });
    let kept_so_far = store.pull(id)?;
    let mut newest = match kept_so_far.newest {
        Some(text) => Some(Watermark::parse(&text)),
        None => source
            .updated_field()
            .map(|_| since.clone().unwrap_or_default()),
    };
    let mut passes = 0;
    let mut drifted = false;
    let mut first_total = None;
    let mut page_number = kept_so_far.pages;
    let mut kept = kept_so_far.records;
    while let Some(at) = next.take() {
        if options.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(SourceError::Cancelled {
                connection,
                next: at.describe(),
            });
        }
        let page = if options.only.is_empty() {
            read_page(store, source, &asked.query, &at, options).await?
        } else {
            look_up(store, source, &options.only, &at, options).await?
        };
        page_number += 1;
        let mut records = Vec::with_capacity(page.records.len());
        for (i, record) in page.records.into_iter().enumerate() {
            let key = text(&record, source.identifier()).unwrap_or_else(|| {
                format!(
                    "(no {} on page {page_number}, item {})",
                    source.identifier(),
                    i + 1
                )
            });
            if let (Some(field), Some(mark)) = (source.updated_field(), newest.as_mut())
                && let Some(updated) = text(&record, field)
            {
                if since.as_ref().is_some_and(|s| s.delivered(&key, &updated)) {
                    continue;
                }
                mark.see(&key, &updated);
            }
            records.push((key, Value::Object(record).to_string()));
        }
        if first_total.is_none() {
            first_total = page.total;
        } else if page.total.is_some() && page.total != first_total {
            drifted = true;
        }
        let next_json = page
            .next
            .as_ref()
            .map(|n| serde_json::to_string(n).unwrap_or_default());
        let newest_json = newest.as_ref().map(Watermark::to_json);
        let fresh = store.spool_page(
            id,
            &SpooledPage {
                records: &records,
                next_page: next_json.as_deref(),
                newest: newest_json.as_deref(),
            },
        )?;
        // Meeting a user twice means the pages shifted, but only on the first pass: a
        // later pass meets everyone again by design, and watches the total instead.
        drifted |= passes == 0 && fresh < records.len() as u64;
        kept += fresh;
        (options.report)(&PullEvent::Page {
            number: page_number,
            records: kept,
            total: page.total,
        });
        next = page.next;
        if next.is_none() && drifted && passes < EXTRA_PASSES && options.only.is_empty() {
            passes += 1;
            drifted = false;
            first_total = None;
            (options.report)(&PullEvent::Again {
                reason: "the source changed while it was read; reading it once more so nobody is missed",
            });
            store.restart_pull(id, &serde_json::to_string(&first).unwrap_or_default())?;
            next = Some(first.clone());
        }
    }
    let done = store.pull(id)?;
    debug_assert_eq!(done.state, PullState::Pulled);
    Ok(Pulled {
        pull: id,
        records: done.records,
        pages: done.pages,
        watermark: if options.only.is_empty() {
            newest.filter(|w| !w.after.is_empty())
        } else {
            None
        },
        since,
    })
}

/// One list page, within the source's budget, waiting out a source that keeps limiting.
async fn read_page(
    store: &Store,
    source: &AnySource,
    query: &Query,
    at: &Next,
    options: &PullOptions<'_>,
) -> Result<super::Page, SourceError> {
    let mut waits = 0;
    loop {
        if let Some(budget) = source.page_budget() {
            while let Some(wait) = budget.wait(store, source.connection())? {
                let why = format!("{} allows {}", source.describe(), budget.describe());
                pause(wait, why, options).await?;
            }
            budget.note(store, source.connection())?;
        }
        match source.page(query, at).await {
            Err(error) if waits < RATE_LIMIT_WAITS => match rate_limited(&error) {
                Some(asked) => {
                    waits += 1;
                    let doubled = FIRST_WAIT * 2u32.pow(waits - 1);
                    let wait = asked.unwrap_or(doubled.min(LONGEST_WAIT));
                    let why = format!("{} answers 429 Too Many Requests", source.describe());
                    pause(wait, why, options).await?;
                }
                None => return Err(error),
            },
            other => return other,
        }
    }
}

/// One person of `only` by a lookup, as a page of one whose next page is the next person.
async fn look_up(
    store: &Store,
    source: &AnySource,
    only: &[Who],
    at: &Next,
    options: &PullOptions<'_>,
) -> Result<super::Page, SourceError> {
    let AnySource::Hris(hris) = source else {
        return Err(SourceError::BadSetting {
            name: source.connection().to_owned(),
            setting: "--uid/--email".to_owned(),
            value: String::new(),
            why: "only the HRIS API looks people up one by one; pull the whole list instead"
                .to_owned(),
        });
    };
    let index = match at {
        Next::Offset(n) => usize::try_from(*n).unwrap_or(usize::MAX),
        _ => 0,
    };
    let Some(who) = only.get(index) else {
        return Ok(super::Page::default());
    };
    let budget = hris.lookup_budget();
    while let Some(wait) = budget.wait(store, source.connection())? {
        let why = format!("{} allows {}", source.describe(), budget.describe());
        pause(wait, why, options).await?;
    }
    budget.note(store, source.connection())?;
    let user = match who {
        Who::Uid(uid) => hris.by_uid(uid).await?,
        Who::Email(email) => hris.by_email(email).await?,
    };
    Ok(super::Page {
        records: vec![user],
        next: (index + 1 < only.len()).then_some(Next::Offset(index as u64 + 1)),
        total: Some(only.len() as u64),
    })
}

/// Says how long it waits and why, then waits; a cancel stops the wait.
async fn pause(wait: Duration, why: String, options: &PullOptions<'_>) -> Result<(), SourceError> {
    (options.report)(&PullEvent::Waiting { wait, why });
    let step = Duration::from_millis(200);
    let mut left = wait;
    while !left.is_zero() {
        if options.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Ok(());
        }
        let now = left.min(step);
        tokio::time::sleep(now).await;
        left -= now;
    }
    Ok(())
}

/// The wait a 429 asked for (`Some(None)` when it did not say), or `None` for other errors.
fn rate_limited(error: &SourceError) -> Option<Option<Duration>> {
    let cause = match error {
        SourceError::Connect(cause) | SourceError::Refused { cause, .. } => cause,
        _ => return None,
    };
    match cause {
        ConnectError::RateLimited { wait, .. } => Some(*wait),
        _ => None,
    }
}

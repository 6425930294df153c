//! The people API's list routes, one per pagination style Muster's REST source must
//! handle. No reference document fixes them (reference 000, MangoApps "Import Via API",
//! only says a source is a method, a URL and where the records are); the brief gives the
//! routes and shapes, and every route lists records sorted by `updatedAt` then
//! `employeeId`, ascending, with an optional `updated_since` (ISO 8601, strictly after).
//!
//! - `GET|POST /v1/page/people` (`page` from 1, `size`; POST takes them as a JSON body):
//!   `{"data": {"people": […]}, "page", "total_pages"}`
//! - `GET /v1/offset/people` (`offset` from 0, `limit`): `{"results": […], "total"}`
//! - `GET /v1/cursor/people` (`cursor`, `limit`): `{"items": […], "next_cursor"}`; the
//!   cursor is the URL-safe base64 of the last record's `updatedAt` seconds and id, so a
//!   walk goes on after the last record seen (keyset paging); `next_cursor` is null on
//!   the last page; a cursor that does not decode is 400 `invalid_cursor`.
//! - `GET /v1/link/people` (`page`, `per_page`): a bare array, with an RFC 8288
//!   `Link` header holding `rel="next"` while more pages follow and `rel="last"`,
//!   as absolute URLs built from the request's `Host`.
//!
//! Choices: page sizes default to 50; above 200 they are capped to 200; below 1, a page
//! below 1, a negative offset or a non-integer is 400 `invalid_parameter`. A page past
//! the end is empty.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::Shared;
use super::error::PeopleError;
use crate::form::pairs;
use crate::time::parse_iso8601_ms;

pub const DEFAULT_PAGE_SIZE: usize = 50;
pub const MAX_PAGE_SIZE: usize = 200;

type Params = HashMap<String, String>;

fn query(raw: Option<String>) -> Params {
    pairs(raw.as_deref().unwrap_or_default())
        .into_iter()
        .collect()
}

/// An integer parameter: absent gives `default`, below `min` is 400, above `cap` is `cap`.
fn integer(
    params: &Params,
    name: &'static str,
    default: usize,
    min: usize,
    cap: usize,
) -> Result<usize, PeopleError> {
    let Some(raw) = params.get(name) else {
        return Ok(default);
    };
    match raw.trim().parse::<i64>() {
        Ok(n) if n >= 0 && usize::try_from(n).is_ok_and(|n| n >= min) => {
            Ok(usize::try_from(n).unwrap_or(cap).min(cap))
        }
        _ => Err(PeopleError::invalid(
            name,
            format!("must be an integer of at least {min}"),
        )),
    }
}

fn since(params: &Params) -> Result<Option<i64>, PeopleError> {
    match params
        .get("updated_since")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => Ok(None),
        Some(text) => parse_iso8601_ms(text)
            .map(Some)
            .ok_or_else(|| PeopleError::invalid("updated_since", "must be an ISO 8601 date-time")),
    }
}

/// One page of the selected records, and how many there are in all.
fn slice(shared: &Shared, since: Option<i64>, skip: usize, take: usize) -> (Vec<Value>, usize) {
    let store = shared.store();
    let selected = store.selected(since);
    let page = selected
        .iter()
        .skip(skip)
        .take(take)
        .map(|i| store.records[*i].json())
        .collect();
    (page, selected.len())
}

fn page_answer(shared: &Shared, params: &Params) -> Result<Value, PeopleError> {
    let page = integer(params, "page", 1, 1, usize::MAX)?;
    let size = integer(params, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)?;
    let (people, total) = slice(
        shared,
        since(params)?,
        (page - 1).saturating_mul(size),
        size,
    );
    Ok(json!({
        "data": {"people": people},
        "page": page,
        "total_pages": total.div_ceil(size),
    }))
}

/// `GET /v1/page/people?page=&size=&updated_since=`.
pub(crate) async fn page_get(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, PeopleError> {
    page_answer(&shared, &query(raw)).map(Json)
}

/// `POST /v1/page/people` with `{"page", "size", "updated_since"}` (numbers or strings).
pub(crate) async fn page_post(
    State(shared): State<Arc<Shared>>,
    body: Bytes,
) -> Result<Json<Value>, PeopleError> {
    let params: Params = if body.iter().all(u8::is_ascii_whitespace) {
        Params::new()
    } else {
        let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(&body) else {
            return Err(PeopleError::BadBody(
                "the body must be a JSON object".to_owned(),
            ));
        };
        fields
            .into_iter()
            .filter_map(|(name, value)| match value {
                Value::String(text) => Some((name, text)),
                Value::Null => None,
                other => Some((name, other.to_string())),
            })
            .collect()
    };
    page_answer(&shared, &params).map(Json)
}

/// `GET /v1/offset/people?offset=&limit=&updated_since=`.
pub(crate) async fn offset(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, PeopleError> {
    let params = query(raw);
    let offset = integer(&params, "offset", 0, 0, usize::MAX)?;
    let limit = integer(&params, "limit", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)?;
    let (results, total) = slice(&shared, since(&params)?, offset, limit);
    Ok(Json(json!({"results": results, "total": total})))
}

fn encode_cursor(updated_at: i64, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{updated_at}:{id}"))
}

fn decode_cursor(cursor: &str) -> Option<(i64, String)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?).ok()?;
    let (at, id) = text.split_once(':')?;
    Some((at.parse().ok()?, id.to_owned()))
}

/// `GET /v1/cursor/people?cursor=&limit=&updated_since=`.
pub(crate) async fn cursor(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, PeopleError> {
    let params = query(raw);
    let limit = integer(&params, "limit", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)?;
    let after = match params.get("cursor").filter(|c| !c.trim().is_empty()) {
        None => None,
        Some(cursor) => Some(decode_cursor(cursor).ok_or(PeopleError::InvalidCursor)?),
    };
    let since = since(&params)?;
    let store = shared.store();
    let rest: Vec<usize> = store
        .selected(since)
        .into_iter()
        .filter(|i| {
            after
                .as_ref()
                .is_none_or(|(at, id)| store.records[*i].key() > (*at, id.as_str()))
        })
        .collect();
    let page = &rest[..rest.len().min(limit)];
    let next = match page.last() {
        Some(last) if rest.len() > page.len() => {
            let record = &store.records[*last];
            Value::from(encode_cursor(record.updated_at, &record.id))
        }
        _ => Value::Null,
    };
    let items: Vec<Value> = page.iter().map(|i| store.records[*i].json()).collect();
    Ok(Json(json!({"items": items, "next_cursor": next})))
}

/// Percent-encodes a query value (everything but RFC 3986's unreserved characters).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `GET /v1/link/people?page=&per_page=&updated_since=`.
pub(crate) async fn link(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PeopleError> {
    let params = query(raw);
    let page = integer(&params, "page", 1, 1, usize::MAX)?;
    let per_page = integer(&params, "per_page", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)?;
    let since_value = since(&params)?;
    let (people, total) = slice(
        &shared,
        since_value,
        (page - 1).saturating_mul(per_page),
        per_page,
    );
    let last = total.div_ceil(per_page);
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let filter = match params
        .get("updated_since")
        .filter(|_| since_value.is_some())
    {
        Some(text) => format!("&updated_since={}", encode(text.trim())),
        None => String::new(),
    };
    let url =
        |n: usize| format!("<http://{host}/v1/link/people?page={n}&per_page={per_page}{filter}>");
    let mut links = Vec::new();
    if page < last {
        links.push(format!("{}; rel=\"next\"", url(page + 1)));
    }
    if last > 0 {
        links.push(format!("{}; rel=\"last\"", url(last)));
    }
    let mut response = Json(Value::Array(people)).into_response();
    if !links.is_empty()
        && let Ok(value) = HeaderValue::from_str(&links.join(", "))
    {
        response.headers_mut().insert(header::LINK, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_strangers_are_refused() {
        let cursor = encode_cursor(1_764_547_199, "P000123");
        assert_eq!(
            decode_cursor(&cursor),
            Some((1_764_547_199, "P000123".to_owned()))
        );
        assert_eq!(decode_cursor("not base64!"), None);
        assert_eq!(decode_cursor(&URL_SAFE_NO_PAD.encode("no colon")), None);
        assert_eq!(
            encode("2025-01-01T00:00:00+01:00"),
            "2025-01-01T00%3A00%3A00%2B01%3A00"
        );
    }
}

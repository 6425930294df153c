//! A generic REST source as the reference's "Import via API" screen configures one
//! (reference 000): the method and address, where the records are in an answer, how pages
//! are asked for, the request parameters, the response fields mapped to Muster's names,
//! and the one field that identifies a user.

use super::super::SourceError;
use super::super::fetch::Method;
use crate::store::SavedConnection;

/// How the next page is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pagination {
    /// `page=1,2,…` with a page size; the last page is the first shorter one.
    Page,
    /// `offset=0,100,…` with a limit.
    Offset,
    /// A cursor from each answer (at `next_cursor`), sent back as `cursor_param`.
    Cursor,
    /// The address in the answer's `Link: <…>; rel="next"` header (RFC 8288).
    Link,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestSourceSettings {
    pub method: Method,
    /// Added to the connection's URL: `/v1/people`.
    pub path: String,
    /// JSON pointer to the records' array; empty when the answer is the array.
    pub records: String,
    pub pagination: Pagination,
    pub page_param: String,
    pub size_param: String,
    pub page_size: u64,
    pub offset_param: String,
    pub cursor_param: String,
    /// JSON pointer to the next cursor in an answer.
    pub next_cursor: String,
    /// The field (dotted path or JSON pointer) that identifies a user: exactly one.
    pub identifier: String,
    /// The field with each record's last change, for incremental syncs.
    pub updated: Option<String>,
    /// The request parameter that asks for changes after a time.
    pub since_param: Option<String>,
    /// Request parameters sent with every page.
    pub params: Vec<(String, String)>,
    /// Response parameters: the API's field → the name the mapping profile uses.
    pub fields: Vec<(String, String)>,
}

impl RestSourceSettings {
    /// Reads the settings of a `rest-source` connection.
    pub fn from_connection(connection: &SavedConnection) -> Result<Self, SourceError> {
        let get = |key: &str| connection.setting(key);
        let bad = |setting: &str, value: &str, why: &str| SourceError::BadSetting {
            name: connection.name.clone(),
            setting: setting.to_owned(),
            value: value.to_owned(),
            why: why.to_owned(),
        };
        let method = match get("method")
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            None | Some("GET") => Method::Get,
            Some("POST") => Method::Post,
            Some(other) => return Err(bad("method", other, "use GET or POST")),
        };
        let pagination = match get("pagination").as_deref() {
            None | Some("page") => Pagination::Page,
            Some("offset") => Pagination::Offset,
            Some("cursor") => Pagination::Cursor,
            Some("link") => Pagination::Link,
            Some(other) => {
                return Err(bad("pagination", other, "use page, offset, cursor or link"));
            }
        };
        let identifier = get("identifier").ok_or_else(|| SourceError::MissingSetting {
            name: connection.name.clone(),
            setting: "identifier",
        })?;
        let page_size = match get("page_size") {
            None => 100,
            Some(text) => text
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| bad("page_size", &text, "give a whole number above 0"))?,
        };
        if pagination == Pagination::Cursor && get("next_cursor").is_none() {
            return Err(SourceError::MissingSetting {
                name: connection.name.clone(),
                setting: "next_cursor",
            });
        }
        let prefixed = |prefix: &str| -> Vec<(String, String)> {
            connection
                .settings
                .iter()
                .filter_map(|(key, value)| {
                    let name = key.strip_prefix(prefix)?;
                    Some((name.to_owned(), value.as_str()?.to_owned()))
                })
                .collect()
        };
        let default_size = match pagination {
            Pagination::Offset | Pagination::Cursor => "limit",
            Pagination::Page | Pagination::Link => "per_page",
        };
        Ok(RestSourceSettings {
            method,
            path: get("path").unwrap_or_default(),
            records: get("records").unwrap_or_default(),
            pagination,
            page_param: get("page_param").unwrap_or_else(|| "page".to_owned()),
            size_param: get("size_param").unwrap_or_else(|| default_size.to_owned()),
            page_size,
            offset_param: get("offset_param").unwrap_or_else(|| "offset".to_owned()),
            cursor_param: get("cursor_param").unwrap_or_else(|| "cursor".to_owned()),
            next_cursor: get("next_cursor").unwrap_or_default(),
            identifier,
            updated: get("updated"),
            since_param: get("since_param"),
            params: prefixed("param."),
            fields: prefixed("field."),
        })
    }
}

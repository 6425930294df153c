//! One GET (or POST) of a source page through the connection's client: the JSON body and
//! the headers (for `Link`), with an unreadable body said plainly.

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::SourceError;
use crate::connect::{Client, RetryClass};

/// How a page request is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    /// The parameters go as a JSON object in the body (some HR systems search by POST).
    Post,
}

/// Sends one request for a page; parameters go in the query string (GET) or as a JSON
/// body (POST). Reading pages changes nothing, so it is retried like any idempotent request.
pub async fn fetch(
    client: &Client,
    method: Method,
    url: &str,
    params: &[(String, String)],
) -> Result<(Value, HeaderMap), SourceError> {
    let request = format!(
        "{} {url}",
        if method == Method::Get { "GET" } else { "POST" }
    );
    let answer = client
        .send(RetryClass::Idempotent, |http| {
            let builder = match method {
                Method::Get => http.get(url).query(params),
                Method::Post => {
                    let body: serde_json::Map<String, Value> = params
                        .iter()
                        .map(|(k, v)| (k.clone(), number_or_text(v)))
                        .collect();
                    http.post(url).json(&body)
                }
            };
            builder.header("Accept", "application/json")
        })
        .await?;
    let headers = answer.headers().clone();
    let bytes = answer.bytes().await.map_err(|e| SourceError::BadAnswer {
        source_name: client.connection().to_owned(),
        request: request.clone(),
        detail: format!("the answer broke off: {e}"),
    })?;
    let body = serde_json::from_slice(&bytes).map_err(|e| SourceError::BadAnswer {
        source_name: client.connection().to_owned(),
        request,
        detail: format!("it is not JSON ({e})"),
    })?;
    Ok((body, headers))
}

/// A parameter value in a JSON body: numbers and booleans as themselves.
fn number_or_text(value: &str) -> Value {
    if let Ok(n) = value.parse::<i64>() {
        return Value::from(n);
    }
    match value {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => Value::String(value.to_owned()),
    }
}

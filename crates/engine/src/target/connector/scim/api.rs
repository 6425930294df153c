//! The SCIM requests the connector makes (RFC 7644): ask what the provider offers (§4),
//! find a User by `userName` (§3.4.2 filtering), create one (§3.3), replace one (§3.5.1) or
//! change it with PATCH (§3.5.2), send many creates at once (§3.7); and reading a SCIM
//! error body (§3.12) into the words a person sees.
//!
//! Choices where the RFC is silent: requests and answers are `application/scim+json`; a
//! list answer naming several Users for one `userName` (which is unique, RFC 7643 §4.1)
//! is read as its first; an answer without an `id` leaves the outcome without target id;
//! the answer to a PUT or PATCH is not read (scim2-server answers a PATCH 204 without a
//! body, which §3.5.2 allows); a version is sent as `If-Match` only when it can be sent as
//! an HTTP header as it is.

use serde_json::Value;

use crate::connect::{Client, ConnectError, RetryClass, encode_component};
use crate::target::connector::PushError;

/// The media type of SCIM messages (RFC 7644 §8.1).
const SCIM_JSON: &str = "application/scim+json";

/// A User as the server holds it: its `id` and every attribute it returned.
#[derive(Debug, Clone)]
pub struct Found {
    pub id: String,
    pub resource: Value,
}

impl Found {
    /// The User's `meta.version` (its ETag, RFC 7644 §3.14), when it is usable as a header.
    pub fn version(&self) -> Option<&str> {
        self.resource
            .pointer("/meta/version")
            .and_then(Value::as_str)
            .filter(|version| reqwest::header::HeaderValue::from_str(version).is_ok())
    }
}

/// Why a request about one User did not give a usable answer.
#[derive(Debug)]
pub enum Failure {
    /// The server refused this User (a 4xx with a SCIM error): the record's outcome.
    Refused(ScimRefusal),
    /// Anything else: credentials, network, 5xx, an unreadable answer.
    Connect(ConnectError),
}

/// A SCIM error answer (RFC 7644 §3.12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimRefusal {
    pub status: u16,
    /// `uniqueness`, `invalidValue`, … when the server gave one.
    pub scim_type: Option<String>,
    /// The server's `detail`, or its body when it sent no SCIM error.
    pub detail: String,
}

impl From<ConnectError> for Failure {
    fn from(error: ConnectError) -> Failure {
        match error {
            ConnectError::Rejected { status, body, .. } => Failure::Refused(refusal(status, &body)),
            // A 404 to `/Users` means the base URL is wrong: nothing will work.
            other => Failure::Connect(other),
        }
    }
}

/// Reads a SCIM error body; a body of another shape is kept as the detail.
fn refusal(status: u16, body: &str) -> ScimRefusal {
    match serde_json::from_str::<Value>(body) {
        Ok(error @ Value::Object(_)) => {
            let mut refusal = scim_error(status, &error);
            if error.get("detail").and_then(Value::as_str).is_none() {
                refusal.detail = body.trim().to_owned();
            }
            refusal
        }
        _ => ScimRefusal {
            status,
            scim_type: None,
            detail: body.trim().to_owned(),
        },
    }
}

/// Reads a SCIM error message given as JSON (a bulk operation's `response`).
pub fn scim_error(status: u16, error: &Value) -> ScimRefusal {
    let scim_type = error
        .get("scimType")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    let detail = match error.get("detail").and_then(Value::as_str) {
        Some(detail) => detail.to_owned(),
        None if error.is_null() => format!("the server gave no reason (HTTP {status})"),
        None => error.to_string(),
    };
    ScimRefusal {
        status,
        scim_type,
        detail,
    }
}

/// `ATTRIBUTE eq "value"`, with `"` and `\` escaped in the value.
pub fn eq_filter(attribute: &str, value: &str) -> String {
    let mut filter = format!("{attribute} eq \"");
    for c in value.chars() {
        if c == '"' || c == '\\' {
            filter.push('\\');
        }
        filter.push(c);
    }
    filter.push('"');
    filter
}

/// A SCIM service provider at its base URL.
pub struct Api {
    client: Client,
    base: String,
}

impl Api {
    pub fn new(client: Client, base_url: &str) -> Api {
        Api {
            client,
            base: base_url.trim_end_matches('/').to_owned(),
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// The User whose `userName` is `user_name`, if there is one.
    pub async fn find(&self, user_name: &str) -> Result<Option<Found>, Failure> {
        self.find_by("userName", user_name).await
    }

    /// The first User whose `attribute` equals `value`.
    pub async fn find_by(&self, attribute: &str, value: &str) -> Result<Option<Found>, Failure> {
        let url = format!("{}/Users", self.base);
        let filter = eq_filter(attribute, value);
        let response = self
            .client
            .send(RetryClass::Idempotent, |http| {
                http.get(&url)
                    .query(&[("filter", filter.as_str())])
                    .header("Accept", SCIM_JSON)
            })
            .await?;
        let list: Value = self.read(response, format!("GET {url}")).await?;
        let Some(first) = list
            .get("Resources")
            .and_then(Value::as_array)
            .and_then(|resources| resources.first())
        else {
            return Ok(None);
        };
        match id_of(first) {
            Some(id) => Ok(Some(Found {
                id,
                resource: first.clone(),
            })),
            None => Err(self
                .unreadable(
                    format!("GET {url}"),
                    "the User found has no \"id\"".to_owned(),
                )
                .into()),
        }
    }

    /// `GET /Users?count=1`: proves the address and the token and changes nothing; says
    /// how many Users the server holds when it tells (`totalResults`).
    pub async fn check(&self) -> Result<String, PushError> {
        let url = format!("{}/Users", self.base);
        let response = self
            .client
            .send(RetryClass::Idempotent, |http| {
                http.get(&url)
                    .query(&[("startIndex", "1"), ("count", "1")])
                    .header("Accept", SCIM_JSON)
            })
            .await?;
        let list = self.read(response, format!("GET {url}")).await?;
        Ok(match list.get("totalResults").and_then(Value::as_u64) {
            Some(total) => format!("the token was accepted; the server holds {total} Users"),
            None => "the token was accepted".to_owned(),
        })
    }

    /// Creates a User; the answer's `id`, when it gave one.
    pub async fn create(&self, user: &Value) -> Result<Option<String>, Failure> {
        let url = format!("{}/Users", self.base);
        let response = self
            .client
            .send(RetryClass::CreateOnce, |http| {
                http.post(&url)
                    .header("Content-Type", SCIM_JSON)
                    .header("Accept", SCIM_JSON)
                    .body(user.to_string())
            })
            .await?;
        let created: Value = self.read(response, format!("POST {url}")).await?;
        Ok(id_of(&created))
    }

    /// Replaces User `id` with `user` (PUT); `version` goes as `If-Match`.
    pub async fn replace(
        &self,
        id: &str,
        user: &Value,
        version: Option<&str>,
    ) -> Result<(), Failure> {
        self.write(reqwest::Method::PUT, id, user, version).await
    }

    /// Changes User `id` with a PatchOp `message` (PATCH); `version` goes as `If-Match`.
    pub async fn patch(
        &self,
        id: &str,
        message: &Value,
        version: Option<&str>,
    ) -> Result<(), Failure> {
        self.write(reqwest::Method::PATCH, id, message, version)
            .await
    }

    /// PUT or PATCH of User `id`. Both are idempotent here: sending the same values twice
    /// leaves the same User. A 404 means the User was deleted since it was found.
    async fn write(
        &self,
        method: reqwest::Method,
        id: &str,
        body: &Value,
        version: Option<&str>,
    ) -> Result<(), Failure> {
        let url = format!("{}/Users/{}", self.base, encode_component(id));
        let body = body.to_string();
        let answer = self
            .client
            .send(RetryClass::Idempotent, |http| {
                let request = http
                    .request(method.clone(), &url)
                    .header("Content-Type", SCIM_JSON)
                    .header("Accept", SCIM_JSON)
                    .body(body.clone());
                match version {
                    Some(version) => request.header("If-Match", version),
                    None => request,
                }
            })
            .await;
        match answer {
            Ok(_) => Ok(()),
            Err(ConnectError::NotFound { .. }) => Err(Failure::Refused(ScimRefusal {
                status: 404,
                scim_type: None,
                detail: format!(
                    "the User {id} was deleted at the server while Muster updated it; retry the record to create it again"
                ),
            })),
            Err(other) => Err(other.into()),
        }
    }

    /// `POST /Bulk` with `body` (a BulkRequest): the BulkResponse. Sent once: a request
    /// that may have been carried out comes back `Uncertain`.
    pub async fn bulk(&self, body: String) -> Result<Value, Failure> {
        let url = format!("{}/Bulk", self.base);
        let response = self
            .client
            .send(RetryClass::CreateOnce, |http| {
                http.post(&url)
                    .header("Content-Type", SCIM_JSON)
                    .header("Accept", SCIM_JSON)
                    .body(body.clone())
            })
            .await?;
        Ok(self.read(response, format!("POST {url}")).await?)
    }

    /// `GET /ServiceProviderConfig`: what the provider says it offers.
    pub async fn service_provider_config(&self) -> Result<Value, ConnectError> {
        let url = format!("{}/ServiceProviderConfig", self.base);
        let response = self
            .client
            .send(RetryClass::Idempotent, |http| {
                http.get(&url).header("Accept", SCIM_JSON)
            })
            .await?;
        self.read(response, format!("GET {url}")).await
    }

    /// The JSON of an answer to `request`; an unreadable one is a `BadResponse`.
    async fn read(
        &self,
        response: reqwest::Response,
        request: String,
    ) -> Result<Value, ConnectError> {
        match response.json::<Value>().await {
            Ok(value) => Ok(value),
            Err(error) => {
                Err(self.unreadable(request, format!("the answer is not SCIM JSON ({error})")))
            }
        }
    }

    fn unreadable(&self, request: String, detail: String) -> ConnectError {
        ConnectError::BadResponse {
            connection: self.client.connection().to_owned(),
            request,
            detail,
        }
    }
}

fn id_of(resource: &Value) -> Option<String> {
    resource
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_escape_quotes_and_backslashes() {
        assert_eq!(eq_filter("userName", "bjensen"), r#"userName eq "bjensen""#);
        assert_eq!(
            eq_filter("externalId", r#"a"b\c"#),
            r#"externalId eq "a\"b\\c""#
        );
    }

    #[test]
    fn scim_errors_give_their_type_and_detail() {
        let body = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"taken"}"#;
        assert_eq!(
            refusal(409, body),
            ScimRefusal {
                status: 409,
                scim_type: Some("uniqueness".into()),
                detail: "taken".into()
            }
        );
        assert_eq!(refusal(400, " nope ").detail, "nope");
        assert_eq!(
            refusal(400, r#"{"status":"400"}"#).detail,
            r#"{"status":"400"}"#
        );
    }

    #[test]
    fn bulk_operation_errors_give_their_type_and_detail() {
        let response =
            serde_json::json!({"status": "400", "scimType": "invalidValue", "detail": "bad"});
        let read = scim_error(400, &response);
        assert_eq!(read.scim_type.as_deref(), Some("invalidValue"));
        assert_eq!(read.detail, "bad");
        assert_eq!(
            scim_error(400, &Value::Null).detail,
            "the server gave no reason (HTTP 400)"
        );
    }

    #[test]
    fn ids_are_escaped_in_paths() {
        assert_eq!(encode_component("a1-b_c"), "a1-b_c");
        assert_eq!(encode_component("a/b c"), "a%2Fb%20c");
    }
}

//! The three requests the REST connector makes (find a user, create one, replace one), at
//! the paths the connection's settings give, and reading an error body into the words a
//! person sees.
//!
//! Choices: bodies are `application/json`; a lookup answer is an array of users or an
//! object with a `data` array, its first user taken; an id may be a string or an integer
//! (kept as its digits); an error body whose pointers find nothing gives its text as the
//! message and the HTTP status as the code.

use serde_json::Value;

use super::RestSettings;
use crate::connect::{Client, ConnectError, RetryClass, encode_component};

const JSON: &str = "application/json";

/// A user as the API holds it: its id and every field it returned.
#[derive(Debug, Clone)]
pub struct Found {
    pub id: String,
    pub user: Value,
}

/// Why a request about one user did not give a usable answer.
#[derive(Debug)]
pub enum Failure {
    /// The API refused this user (a 4xx): the record's outcome.
    Refused(Refusal),
    /// Anything else: credentials, network, 5xx, an unreadable answer.
    Connect(ConnectError),
}

/// A 4xx answer, read through the connection's pointers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    /// The code at `code_pointer`, when the body has one.
    pub code: Option<String>,
    /// The message at `error_pointer`, else the body.
    pub message: String,
}

/// A REST users API at its base URL.
pub struct Api {
    client: Client,
    base: String,
    settings: RestSettings,
}

impl Api {
    pub fn new(client: Client, base_url: &str, settings: RestSettings) -> Api {
        Api {
            client,
            base: base_url.trim_end_matches('/').to_owned(),
            settings,
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn settings(&self) -> &RestSettings {
        &self.settings
    }

    /// The user whose lookup field equals `value`, if there is one.
    pub async fn find(&self, value: &str) -> Result<Option<Found>, Failure> {
        let path = self
            .settings
            .lookup_path
            .replace("{key}", &encode_component(&self.settings.lookup_key))
            .replace("{value}", &encode_component(value));
        let url = self.url(&path);
        let request = format!("GET {url}");
        let answer = self
            .client
            .send(RetryClass::Idempotent, |http| {
                http.get(&url).header("Accept", JSON)
            })
            .await
            .map_err(|error| self.failure(error))?;
        let list = self.read(answer, &request).await?;
        let users = match &list {
            Value::Array(users) => Some(users),
            Value::Object(object) => object.get("data").and_then(Value::as_array),
            _ => None,
        };
        let Some(users) = users else {
            return Err(self.unreadable(
                request,
                "the answer is neither a list of users nor an object with a \"data\" list"
                    .to_owned(),
            ));
        };
        let Some(first) = users.first() else {
            return Ok(None);
        };
        match self.id_of(first) {
            Some(id) => Ok(Some(Found {
                id,
                user: first.clone(),
            })),
            None => Err(self.unreadable(
                request,
                format!("the user found has no \"{}\"", self.settings.id_field),
            )),
        }
    }

    /// Creates a user; the answer's id, when it gave one.
    pub async fn create(&self, user: &Value) -> Result<Option<String>, Failure> {
        let url = self.url(&self.settings.create_path);
        let answer = self
            .client
            .send(RetryClass::CreateOnce, |http| {
                http.post(&url)
                    .header("Content-Type", JSON)
                    .header("Accept", JSON)
                    .body(user.to_string())
            })
            .await
            .map_err(|error| self.failure(error))?;
        let created = self.read(answer, &format!("POST {url}")).await?;
        Ok(self.id_of(&created))
    }

    /// Replaces user `id` with `user`; a 404 means it was deleted since it was found.
    pub async fn replace(&self, id: &str, user: &Value) -> Result<(), Failure> {
        let url = self.url(
            &self
                .settings
                .update_path
                .replace("{id}", &encode_component(id)),
        );
        let answer = self
            .client
            .send(RetryClass::Idempotent, |http| {
                http.put(&url)
                    .header("Content-Type", JSON)
                    .header("Accept", JSON)
                    .body(user.to_string())
            })
            .await;
        match answer {
            Ok(_) => Ok(()),
            Err(ConnectError::NotFound { .. }) => Err(Failure::Refused(Refusal {
                status: 404,
                code: None,
                message: format!(
                    "the user {id} was deleted at the API while Muster updated it; retry the record to create it again"
                ),
            })),
            Err(other) => Err(self.failure(other)),
        }
    }

    /// The id of a user as the API returned it.
    pub fn id_of(&self, user: &Value) -> Option<String> {
        match user.get(&self.settings.id_field)? {
            Value::String(id) if !id.is_empty() => Some(id.clone()),
            Value::Number(id) => Some(id.to_string()),
            _ => None,
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{path}", self.base)
        } else {
            format!("{}/{path}", self.base)
        }
    }

    /// A 4xx is the record's refusal; anything else stays a connection failure.
    fn failure(&self, error: ConnectError) -> Failure {
        match error {
            ConnectError::Rejected { status, body, .. } => {
                Failure::Refused(refusal(&self.settings, status, &body))
            }
            // A 404 to the create or lookup path means the settings are wrong.
            other => Failure::Connect(other),
        }
    }

    /// The JSON of an answer to `request`; an unreadable one is a `BadResponse`.
    async fn read(&self, answer: reqwest::Response, request: &str) -> Result<Value, Failure> {
        match answer.json::<Value>().await {
            Ok(value) => Ok(value),
            Err(error) => Err(self.unreadable(
                request.to_owned(),
                format!("the answer is not JSON ({error})"),
            )),
        }
    }

    fn unreadable(&self, request: String, detail: String) -> Failure {
        Failure::Connect(ConnectError::BadResponse {
            connection: self.client.connection().to_owned(),
            request,
            detail,
        })
    }
}

/// Reads an error body through the settings' pointers.
fn refusal(settings: &RestSettings, status: u16, body: &str) -> Refusal {
    let parsed = serde_json::from_str::<Value>(body).ok();
    let text = |pointer: &str| {
        parsed
            .as_ref()
            .and_then(|value| value.pointer(pointer))
            .and_then(|found| match found {
                Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            })
    };
    Refusal {
        status,
        code: text(&settings.code_pointer),
        message: text(&settings.error_pointer).unwrap_or_else(|| body.trim().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_are_read_through_the_pointers() {
        let settings = RestSettings::default();
        let body = r#"{"error":{"code":"invalid","message":"email is required","field":"email"}}"#;
        assert_eq!(
            refusal(&settings, 422, body),
            Refusal {
                status: 422,
                code: Some("invalid".into()),
                message: "email is required".into()
            }
        );
        let other = refusal(&settings, 400, " plain words ");
        assert_eq!((other.code, other.message.as_str()), (None, "plain words"));
    }

    #[test]
    fn values_are_percent_encoded() {
        assert_eq!(encode_component("a.b-c_d~1"), "a.b-c_d~1");
        assert_eq!(encode_component("a+b@x.com"), "a%2Bb%40x.com");
        assert_eq!(encode_component("a/b c"), "a%2Fb%20c");
    }
}

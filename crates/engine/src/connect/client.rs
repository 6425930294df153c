//! `Client`: the one way connectors talk to a server. Each request gets the connection's
//! rate limit, its `Authorization` header (fetching or renewing tokens), the address check,
//! retries by class, and an answer mapped to `ConnectError` when it is not a success.

use std::fmt;
use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::AUTHORIZATION;

use super::attempts::{Answer, AttemptError, Attempts};
use super::auth::{Auth, Authorizer};
use super::error::{ConnectError, describe};
use super::http::{HttpSettings, build_client, build_token_client, check_url};
use super::limit::{Limiter, RateLimit};
use super::retry::{RetryClass, RetryPolicy, Wait, WaitReporter};

/// The most of an error body kept in a `Rejected` error.
const MAX_BODY: usize = 4000;

/// Everything a connection's client is built from.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The connection's name, as the person knows it ("acme-auth0"); used in every message.
    pub connection: String,
    pub auth: Auth,
    pub http: HttpSettings,
    pub retry: RetryPolicy,
    /// The target's published limit, to stay under it; `None` sends as fast as answers come.
    pub rate_limit: Option<RateLimit>,
}

impl ClientConfig {
    /// A configuration with the default timeouts and retries and no rate limit.
    pub fn new(connection: impl Into<String>, auth: Auth) -> Self {
        Self {
            connection: connection.into(),
            auth,
            http: HttpSettings::default(),
            retry: RetryPolicy::default(),
            rate_limit: None,
        }
    }
}

/// A connection's HTTP client. Cheap to share behind an `Arc`; all requests of a job
/// share its token cache and rate limit.
pub struct Client {
    connection: String,
    http: reqwest::Client,
    token_http: reqwest::Client,
    settings: HttpSettings,
    retry: RetryPolicy,
    auth: Authorizer,
    limiter: Option<Limiter>,
    report: Option<WaitReporter>,
}

impl Client {
    /// Builds the client; fails on an unusable token URL or private key.
    pub fn new(config: ClientConfig) -> Result<Self, ConnectError> {
        let ClientConfig {
            connection,
            auth,
            http,
            retry,
            rate_limit,
        } = config;
        Ok(Self {
            http: build_client(&connection, &http)?,
            token_http: build_token_client(&connection, &http)?,
            auth: Authorizer::new(&connection, auth)?,
            limiter: rate_limit.map(Limiter::new),
            settings: http,
            retry,
            report: None,
            connection,
        })
    }

    /// Calls `report` before every wait between attempts ("waiting 30 s (rate limit)").
    pub fn on_wait(mut self, report: impl Fn(&Wait) + Send + Sync + 'static) -> Self {
        self.report = Some(Arc::new(report));
        self
    }

    /// The connection's name.
    pub fn connection(&self) -> &str {
        &self.connection
    }

    /// The underlying reqwest client, for building requests.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Sends the request `build` makes, as often as `class` allows, and returns the first
    /// success (2xx, or a 3xx not followed). `build` is called once per attempt; it must not
    /// set `Authorization` itself, nor put credentials in the address. It is `Sync` so the
    /// returned future is `Send` and can be spawned.
    ///
    /// Errors: 401 (after one retry with a fresh token) and 403 → `CredentialsRefused`;
    /// 404 → `NotFound`; other 4xx → `Rejected` with the server's message; the rest as
    /// described in [`retry`](super::retry).
    pub async fn send(
        &self,
        class: RetryClass,
        build: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder + Sync,
    ) -> Result<reqwest::Response, ConnectError> {
        let attempts = Attempts {
            connection: &self.connection,
            policy: &self.retry,
            report: self.report.as_ref(),
            timeouts: self.settings,
        };
        let (answer, count) = attempts
            .run(class, || self.attempt(&attempts, &build))
            .await?;
        self.settle(answer, count).await
    }

    /// One attempt; a 401 with a renewable token (and Authgear's 403, which also means a stale
    /// JWT) is sent once more with a new token.
    async fn attempt(
        &self,
        attempts: &Attempts<'_>,
        build: &(impl Fn(&reqwest::Client) -> reqwest::RequestBuilder + Sync),
    ) -> Result<Answer, AttemptError> {
        let mut renewed = false;
        loop {
            if let Some(limiter) = &self.limiter {
                limiter.wait().await;
            }
            let mut request = build(&self.http)
                .build()
                .map_err(|err| ConnectError::Setup {
                    connection: self.connection.clone(),
                    detail: format!("a request could not be built ({})", err.without_url()),
                })?;
            check_url(request.url().as_str())?;
            let described = describe(request.method(), request.url());
            let credential = self.auth.credential(attempts, &self.token_http).await?;
            if let Some(header) = credential.header {
                request.headers_mut().insert(AUTHORIZATION, header);
            }
            let response = match self.http.execute(request).await {
                Ok(response) => response,
                Err(error) => {
                    return Err(AttemptError::Transport {
                        request: described,
                        error,
                    });
                }
            };
            let forbidden = response.status() == StatusCode::FORBIDDEN;
            let stale = response.status() == StatusCode::UNAUTHORIZED
                || (forbidden && self.auth.forbidden_means_stale());
            if !stale {
                return Ok(Answer {
                    request: described,
                    response,
                });
            }
            if credential.renewable && !renewed {
                self.auth.renew(credential.generation).await;
                renewed = true;
                continue;
            }
            if forbidden {
                // Refused again with a new token: `settle` words the 403.
                return Ok(Answer {
                    request: described,
                    response,
                });
            }
            let detail = if renewed {
                format!(
                    "{described} was answered 401 Unauthorized, also with a freshly obtained token"
                )
            } else {
                format!("{described} was answered 401 Unauthorized")
            };
            return Err(AttemptError::Stop(ConnectError::CredentialsRefused {
                connection: self.connection.clone(),
                detail,
                what: self.auth.what(),
                status: Some(401),
            }));
        }
    }

    /// Maps an answer the retry rules hand back to the caller's result.
    async fn settle(
        &self,
        answer: Answer,
        attempts: u32,
    ) -> Result<reqwest::Response, ConnectError> {
        let Answer { request, response } = answer;
        let status = response.status();
        let connection = self.connection.clone();
        if status.is_success() || status.is_redirection() {
            return Ok(response);
        }
        match status {
            StatusCode::FORBIDDEN => Err(ConnectError::CredentialsRefused {
                connection,
                detail: format!(
                    "{request} was answered 403 Forbidden: {}",
                    if self.auth.forbidden_means_stale() {
                        "the key was refused, also with a freshly signed token"
                    } else {
                        "the credentials were accepted but lack the permission or scope this request needs"
                    }
                ),
                what: self.auth.what(),
                status: Some(403),
            }),
            StatusCode::NOT_FOUND => Err(ConnectError::NotFound {
                connection,
                request,
            }),
            status if status.is_client_error() => Err(ConnectError::Rejected {
                connection,
                request,
                status: status.as_u16(),
                body: body_text(response).await,
            }),
            status => Err(ConnectError::Server {
                connection,
                request,
                status: status.as_u16(),
                attempts,
            }),
        }
    }
}

/// The start of an error body, for the message; "(no message)" when empty or unreadable.
async fn body_text(response: reqwest::Response) -> String {
    let text = response.text().await.unwrap_or_default();
    let text = text.trim();
    if text.is_empty() {
        return "(no message)".to_owned();
    }
    match text.char_indices().nth(MAX_BODY) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("connection", &self.connection)
            .field("auth", &self.auth)
            .field("settings", &self.settings)
            .field("retry", &self.retry)
            .field("limiter", &self.limiter)
            .finish_non_exhaustive()
    }
}

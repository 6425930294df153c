//! OAuth 2 token requests (RFC 6749 §4.3 password grant, §4.4 client credentials) through
//! the oauth2 crate.
//!
//! oauth2 builds the form and parses the answer; the HTTP exchange goes through a closure
//! over Muster's token client (redirects disabled, as oauth2 5 asks) so token requests get
//! the same retries as API requests: a token endpoint answering 429 or 503 (Auth0's
//! `/oauth/token` has its own rate limit) is waited for, not reported as refused credentials.
//! OAuth errors (`invalid_client`, `invalid_grant`, `access_denied`, …) mean the connection's
//! settings need fixing and come back as refused credentials; token responses are never
//! quoted in messages.

use oauth2::basic::BasicClient;
use oauth2::{
    AsyncHttpClient, AuthType, ClientId, ClientSecret, HttpRequest, HttpResponse,
    RequestTokenError, ResourceOwnerPassword, ResourceOwnerUsername, Scope, TokenResponse,
    TokenUrl,
};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;

use super::attempts::{Answer, AttemptError, Attempts, SendFuture};
use super::auth::{ClientAuth, ClientCredentials, Fresh, PasswordGrant, bearer};
use super::error::ConnectError;
use super::http::check_url;
use super::retry::RetryClass;
use crate::secrets::Secret;

/// oauth2's HTTP client for one token request: Muster's token client with retries.
struct TokenHttp<'a> {
    grant: &'a OauthGrant,
    attempts: &'a Attempts<'a>,
    http: &'a reqwest::Client,
}

impl<'c> AsyncHttpClient<'c> for TokenHttp<'_> {
    type Error = ConnectError;
    type Future = SendFuture<'c, Result<HttpResponse, ConnectError>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        self.grant.exchange(self.attempts, self.http, request)
    }
}

enum Grant {
    ClientCredentials { audience: Option<String> },
    Password { username: String, password: Secret },
}

/// A configured token request.
pub(crate) struct OauthGrant {
    connection: String,
    token_url: TokenUrl,
    shown_url: String,
    client_id: String,
    client_secret: Option<Secret>,
    scopes: Vec<String>,
    client_auth: ClientAuth,
    grant: Grant,
}

impl OauthGrant {
    pub(crate) fn client_credentials(
        connection: &str,
        settings: ClientCredentials,
    ) -> Result<Self, ConnectError> {
        let grant = Grant::ClientCredentials {
            audience: settings.audience,
        };
        Self::new(
            connection,
            &settings.token_url,
            settings.client_id,
            Some(settings.client_secret),
            settings.scopes,
            settings.client_auth,
            grant,
        )
    }

    pub(crate) fn password(
        connection: &str,
        settings: PasswordGrant,
    ) -> Result<Self, ConnectError> {
        let grant = Grant::Password {
            username: settings.username,
            password: settings.password,
        };
        Self::new(
            connection,
            &settings.token_url,
            settings.client_id,
            settings.client_secret,
            settings.scopes,
            settings.client_auth,
            grant,
        )
    }

    fn new(
        connection: &str,
        token_url: &str,
        client_id: String,
        client_secret: Option<Secret>,
        scopes: Vec<String>,
        client_auth: ClientAuth,
        grant: Grant,
    ) -> Result<Self, ConnectError> {
        let checked = check_url(token_url)?;
        let mut shown = checked.clone();
        shown.set_query(None);
        Ok(Self {
            connection: connection.to_owned(),
            token_url: TokenUrl::from_url(checked),
            shown_url: shown.to_string(),
            client_id,
            client_secret,
            scopes,
            client_auth,
            grant,
        })
    }

    /// What the person should check when the token endpoint refuses.
    pub(crate) fn what(&self) -> &'static str {
        match self.grant {
            Grant::ClientCredentials { .. } => "client id, client secret and audience",
            Grant::Password { .. } => "user name, password and client id",
        }
    }

    /// Asks the token endpoint for a new access token.
    pub(crate) async fn fetch(
        &self,
        attempts: &Attempts<'_>,
        http: &reqwest::Client,
    ) -> Result<Fresh, ConnectError> {
        let mut client = BasicClient::new(ClientId::new(self.client_id.clone()))
            .set_token_uri(self.token_url.clone())
            .set_auth_type(match self.client_auth {
                ClientAuth::RequestBody => AuthType::RequestBody,
                ClientAuth::BasicHeader => AuthType::BasicAuth,
            });
        if let Some(secret) = &self.client_secret {
            client = client.set_client_secret(ClientSecret::new(secret.expose().to_owned()));
        }
        let scopes = self.scopes.iter().map(|scope| Scope::new(scope.clone()));
        let send = TokenHttp {
            grant: self,
            attempts,
            http,
        };
        let answer = match &self.grant {
            Grant::ClientCredentials { audience } => {
                let mut request = client.exchange_client_credentials().add_scopes(scopes);
                if let Some(audience) = audience {
                    request = request.add_extra_param("audience", audience.as_str());
                }
                request.request_async(&send).await
            }
            Grant::Password { username, password } => {
                let username = ResourceOwnerUsername::new(username.clone());
                let password = ResourceOwnerPassword::new(password.expose().to_owned());
                client
                    .exchange_password(&username, &password)
                    .add_scopes(scopes)
                    .request_async(&send)
                    .await
            }
        };
        let token = answer.map_err(|err| self.token_error(err))?;
        let header = bearer(token.access_token().secret()).ok_or_else(|| {
            self.bad_answer(
                "the access token it returned cannot be sent in an HTTP header".to_owned(),
            )
        })?;
        Ok(Fresh {
            header,
            lifetime: token.expires_in(),
        })
    }

    /// One token request over HTTP, with retries, as oauth2's `AsyncHttpClient`. Boxed as
    /// `Send`: the client's future type must be named, and `Client::send` must stay `Send`.
    fn exchange<'a>(
        &'a self,
        attempts: &'a Attempts<'a>,
        http: &'a reqwest::Client,
        request: HttpRequest,
    ) -> SendFuture<'a, Result<HttpResponse, ConnectError>> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let described = format!("{} {}", parts.method, self.shown_url);
            let url = parts.uri.to_string();
            let (answer, _) = attempts
                .run(RetryClass::Idempotent, || {
                    let built = http
                        .request(parts.method.clone(), &url)
                        .headers(parts.headers.clone())
                        .body(body.clone())
                        .build();
                    let described = described.clone();
                    async move {
                        let request = built.map_err(|err| {
                            self.bad_answer(format!(
                                "the token request could not be built ({})",
                                err.without_url()
                            ))
                        })?;
                        match http.execute(request).await {
                            Ok(response) => Ok(Answer {
                                request: described,
                                response,
                            }),
                            Err(error) => Err(AttemptError::Transport {
                                request: described,
                                error,
                            }),
                        }
                    }
                })
                .await?;
            let status = answer.response.status();
            let headers = answer.response.headers().clone();
            let is_json = headers
                .get(CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .is_some_and(|value| value.to_ascii_lowercase().starts_with("application/json"));
            if !status.is_success() && !is_json {
                return Err(match status {
                    StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => self.refused(
                        format!("the token endpoint {} answered HTTP {status}", self.shown_url),
                        Some(status.as_u16()),
                    ),
                    _ => self.bad_answer(format!(
                        "the token endpoint answered HTTP {status} without an OAuth 2 error; check the token URL"
                    )),
                });
            }
            let bytes = answer.response.bytes().await.map_err(|err| {
                self.bad_answer(format!(
                    "the token endpoint's answer broke off ({})",
                    super::error::cause_of(&err)
                ))
            })?;
            let mut response = oauth2::http::Response::builder().status(status);
            for (name, value) in &headers {
                response = response.header(name, value);
            }
            response
                .body(bytes.to_vec())
                .map_err(|err| self.bad_answer(format!("its answer cannot be read ({err})")))
        })
    }

    fn token_error(
        &self,
        err: RequestTokenError<ConnectError, oauth2::basic::BasicErrorResponse>,
    ) -> ConnectError {
        match err {
            RequestTokenError::Request(err) => err,
            RequestTokenError::ServerResponse(answer) => {
                let mut detail = format!(
                    "the token endpoint {} answered \"{}\"",
                    self.shown_url,
                    answer.error()
                );
                if let Some(description) = answer.error_description() {
                    detail.push_str(&format!(" ({description})"));
                }
                self.refused(detail, None)
            }
            // The body may hold a token: it is not quoted.
            RequestTokenError::Parse(_, _) => self.bad_answer(
                "the token endpoint's answer is not an OAuth 2 token response; check the token URL"
                    .to_owned(),
            ),
            RequestTokenError::Other(text) => self.bad_answer(format!(
                "the token endpoint's answer cannot be used: {text}; check the token URL"
            )),
        }
    }

    fn refused(&self, detail: String, status: Option<u16>) -> ConnectError {
        ConnectError::CredentialsRefused {
            connection: self.connection.clone(),
            detail,
            what: self.what(),
            status,
        }
    }

    fn bad_answer(&self, detail: String) -> ConnectError {
        ConnectError::BadResponse {
            connection: self.connection.clone(),
            request: format!("POST {}", self.shown_url),
            detail,
        }
    }
}

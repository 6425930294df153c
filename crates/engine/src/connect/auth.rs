//! How a connection proves who it is, and the cache of the tokens it fetches.
//!
//! Schemes ([`Auth`]): a static bearer token (LMS Collaborator, reference 003; MangoApps HRIS
//! API tokens, reference 001), HTTP basic, OAuth 2 client credentials (RFC 6749 §4.4; Auth0's
//! Management API wants `audience` in the body, reference 004), the OAuth 2 resource-owner
//! password grant (RFC 6749 §4.3, the "OAuth token URL / username / password" of the MangoApps
//! import settings, reference 000), and the Authgear Admin API JWT (reference 002).
//!
//! Fetched tokens and signed JWTs are cached until shortly before they expire: a tenth of
//! their lifetime, at most a minute, early. A request answered 401 drops the cached token and
//! is sent once more with a fresh one (see `Client::send`).

use std::fmt;
use std::time::{Duration, Instant};

use base64::Engine as _;
use reqwest::header::HeaderValue;
use tokio::sync::Mutex;

use super::attempts::Attempts;
use super::authgear::AuthgearSigner;
use super::error::ConnectError;
use super::oauth::OauthGrant;
use crate::secrets::Secret;

/// The credentials of one connection.
#[derive(Debug, Clone)]
pub enum Auth {
    /// No `Authorization` header.
    None,
    /// `Authorization: Bearer <token>` with a token the person created in the target.
    Bearer(Secret),
    /// `Authorization: Basic base64(username:password)`.
    Basic { username: String, password: Secret },
    /// OAuth 2 client credentials grant.
    ClientCredentials(ClientCredentials),
    /// OAuth 2 resource-owner password grant.
    Password(PasswordGrant),
    /// Authgear Admin API JWT, signed RS256 with the project's key.
    AuthgearJwt(AuthgearKey),
}

/// Where a token request puts the client id and secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body (Auth0's default, `client_secret_post`).
    #[default]
    RequestBody,
    /// An `Authorization: Basic` header (`client_secret_basic`).
    BasicHeader,
}

/// OAuth 2 client credentials grant settings.
#[derive(Debug, Clone)]
pub struct ClientCredentials {
    pub token_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// Sent as the `audience` form field, as Auth0 requires (e.g. `https://acme.auth0.com/api/v2/`).
    pub audience: Option<String>,
    pub scopes: Vec<String>,
    pub client_auth: ClientAuth,
}

impl ClientCredentials {
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> Self {
        Self {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret,
            audience: None,
            scopes: Vec::new(),
            client_auth: ClientAuth::default(),
        }
    }
}

/// OAuth 2 resource-owner password grant settings.
#[derive(Debug, Clone)]
pub struct PasswordGrant {
    pub token_url: String,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub username: String,
    pub password: Secret,
    pub scopes: Vec<String>,
    pub client_auth: ClientAuth,
}

impl PasswordGrant {
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        username: impl Into<String>,
        password: Secret,
    ) -> Self {
        Self {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret: None,
            username: username.into(),
            password,
            scopes: Vec::new(),
            client_auth: ClientAuth::default(),
        }
    }
}

/// The Authgear Admin API key: project id, key id and the private key downloaded from the portal.
#[derive(Debug, Clone)]
pub struct AuthgearKey {
    /// The first part of the project's endpoint: `myapp` for `https://myapp.authgear.cloud`.
    pub project_id: String,
    /// The key id shown in the portal, sent as the JWT header's `kid`.
    pub key_id: String,
    /// The RSA private key in PEM form.
    pub private_key_pem: Secret,
    /// How long each JWT is valid; Authgear's examples use 5 minutes.
    pub lifetime: Duration,
}

impl AuthgearKey {
    pub fn new(
        project_id: impl Into<String>,
        key_id: impl Into<String>,
        private_key_pem: Secret,
    ) -> Self {
        Self {
            project_id: project_id.into(),
            key_id: key_id.into(),
            private_key_pem,
            lifetime: Duration::from_secs(5 * 60),
        }
    }
}

/// A token just fetched or signed.
pub(crate) struct Fresh {
    pub header: HeaderValue,
    pub lifetime: Option<Duration>,
}

/// `Authorization: Bearer <token>`, marked sensitive so `HeaderMap`'s Debug hides it.
pub(crate) fn bearer(token: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(&format!("Bearer {token}")).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// The `Authorization` header of one attempt.
pub(crate) struct Credential {
    pub header: Option<HeaderValue>,
    /// Which cached token this is, to drop exactly it after a 401.
    pub generation: u64,
    /// True when a 401 is worth one more try with a new token.
    pub renewable: bool,
}

enum Scheme {
    None,
    Fixed(HeaderValue),
    Renewable(Box<Source>),
}

/// Where tokens that expire come from.
enum Source {
    Oauth(OauthGrant),
    Authgear(AuthgearSigner),
}

struct Cached {
    header: HeaderValue,
    refresh_at: Option<Instant>,
}

#[derive(Default)]
struct Cache {
    current: Option<Cached>,
    generation: u64,
}

/// Gives each request its `Authorization` header, fetching and caching tokens as needed.
pub(crate) struct Authorizer {
    connection: String,
    scheme: Scheme,
    cache: Mutex<Cache>,
}

impl Authorizer {
    pub(crate) fn new(connection: &str, auth: Auth) -> Result<Self, ConnectError> {
        let unusable = |detail: &str| ConnectError::Setup {
            connection: connection.to_owned(),
            detail: detail.to_owned(),
        };
        let scheme = match auth {
            Auth::None => Scheme::None,
            Auth::Bearer(token) => Scheme::Fixed(bearer(token.expose()).ok_or_else(|| {
                unusable("its token contains characters that cannot be sent in an HTTP header (a line break?); enter it again")
            })?),
            Auth::Basic { username, password } => {
                let pair = format!("{username}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                let mut value = HeaderValue::from_str(&format!("Basic {encoded}"))
                    .map_err(|_| unusable("its user name cannot be sent in an HTTP header"))?;
                value.set_sensitive(true);
                Scheme::Fixed(value)
            }
            Auth::ClientCredentials(settings) => {
                Scheme::Renewable(Box::new(Source::Oauth(OauthGrant::client_credentials(connection, settings)?)))
            }
            Auth::Password(settings) => {
                Scheme::Renewable(Box::new(Source::Oauth(OauthGrant::password(connection, settings)?)))
            }
            Auth::AuthgearJwt(key) => {
                Scheme::Renewable(Box::new(Source::Authgear(AuthgearSigner::new(connection, &key)?)))
            }
        };
        Ok(Self {
            connection: connection.to_owned(),
            scheme,
            cache: Mutex::new(Cache::default()),
        })
    }

    /// What the person should check when the credentials are refused.
    /// Whether a 403 means the token went stale, as Authgear answers a JWT past its
    /// `exp` (or signed under a rotated key), rather than a lack of permission.
    pub(crate) fn forbidden_means_stale(&self) -> bool {
        matches!(&self.scheme, Scheme::Renewable(source) if matches!(source.as_ref(), Source::Authgear(_)))
    }

    pub(crate) fn what(&self) -> &'static str {
        match &self.scheme {
            Scheme::None => "authentication settings (it sends no credentials)",
            Scheme::Fixed(_) => "token or user name and password",
            Scheme::Renewable(source) => match source.as_ref() {
                Source::Oauth(grant) => grant.what(),
                Source::Authgear(_) => "project id, key id and private key",
            },
        }
    }

    /// The header for the next request: a cached token while it is fresh, else a new one.
    pub(crate) async fn credential(
        &self,
        attempts: &Attempts<'_>,
        token_http: &reqwest::Client,
    ) -> Result<Credential, ConnectError> {
        let source = match &self.scheme {
            Scheme::None => {
                return Ok(Credential {
                    header: None,
                    generation: 0,
                    renewable: false,
                });
            }
            Scheme::Fixed(header) => {
                return Ok(Credential {
                    header: Some(header.clone()),
                    generation: 0,
                    renewable: false,
                });
            }
            Scheme::Renewable(source) => source,
        };
        let mut cache = self.cache.lock().await;
        if let Some(cached) = &cache.current {
            let fresh = cached.refresh_at.is_none_or(|at| Instant::now() < at);
            if fresh {
                return Ok(Credential {
                    header: Some(cached.header.clone()),
                    generation: cache.generation,
                    renewable: true,
                });
            }
        }
        let fetched = match source.as_ref() {
            Source::Oauth(grant) => grant.fetch(attempts, token_http).await?,
            Source::Authgear(signer) => signer.sign(&self.connection)?,
        };
        cache.generation += 1;
        let refresh_at = fetched.lifetime.map(|lifetime| {
            let early = (lifetime / 10).min(Duration::from_secs(60));
            Instant::now() + lifetime.saturating_sub(early)
        });
        cache.current = Some(Cached {
            header: fetched.header.clone(),
            refresh_at,
        });
        Ok(Credential {
            header: Some(fetched.header),
            generation: cache.generation,
            renewable: true,
        })
    }

    /// Drops the cached token if it is still the one of `generation`, so the next
    /// request fetches a new one (several requests refused at once fetch only one).
    pub(crate) async fn renew(&self, generation: u64) {
        let mut cache = self.cache.lock().await;
        if cache.generation == generation {
            cache.current = None;
        }
    }
}

impl fmt::Debug for Authorizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match &self.scheme {
            Scheme::None => "none",
            Scheme::Fixed(_) => "fixed header",
            Scheme::Renewable(source) => match source.as_ref() {
                Source::Oauth(_) => "OAuth 2",
                Source::Authgear(_) => "Authgear JWT",
            },
        };
        f.debug_struct("Authorizer")
            .field("connection", &self.connection)
            .field("scheme", &scheme)
            .finish_non_exhaustive()
    }
}

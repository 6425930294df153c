//! The HTTP and authentication layer every connector uses.
//!
//! A connector builds a [`Client`] from a [`ClientConfig`] (connection name, [`Auth`],
//! timeouts, [`RetryPolicy`], optional [`RateLimit`]) and sends each request through
//! [`Client::send`] with a [`RetryClass`]. The client applies the rate limit, puts the
//! `Authorization` header on (fetching, caching and renewing tokens), refuses addresses
//! that are not HTTPS ([`check_url`]), retries what may be retried, and maps failures to a
//! [`ConnectError`] whose [`ErrorKind`] the job runner decides on.
//!
//! References: RFC 9110 (status codes, `Retry-After`), RFC 6749 (OAuth 2 grants), Auth0's
//! Management API token and `x-ratelimit-*` headers (reference 004), Authgear's Admin API
//! JWT (reference 002), the MangoApps HRIS API's bearer tokens and 429s (reference 001).
//!
//! Also the kinds of saved connection both shells take ([`ConnectionKind`], the secrets
//! each keeps) and what each kind asks a person for ([`connection_kinds`]).

mod asks;
mod attempts;
mod auth;
mod authgear;
mod check;
mod client;
mod error;
mod http;
mod kind;
mod limit;
mod oauth;
mod retry;

pub use asks::{
    Asked, KindAsks, Role, SettingsProblem, check_parameter_names, check_settings,
    connection_kinds, kind_asks,
};
pub use auth::{Auth, AuthgearKey, ClientAuth, ClientCredentials, PasswordGrant};
pub use check::{CheckError, check_connection};
pub use client::{Client, ClientConfig};
pub use error::{ConnectError, ErrorKind, human_duration};
pub use http::{HttpSettings, USER_AGENT, build_client, check_url, encode_component, is_loopback};
pub use kind::{ConnectionKind, SOURCE_SECRET_NAMES, UnknownKind, kept_secret_names};
pub use limit::{InvalidRateLimit, Limiter, RateLimit};
pub use retry::{RetryClass, RetryPolicy, Wait, WaitReason, WaitReporter, server_delay};

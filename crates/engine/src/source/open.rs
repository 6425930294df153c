//! A saved source connection made ready to read: its settings from the store, its secrets
//! from the keychain, its client built with the source's authentication.
//!
//! Authentication as the reference's settings screen lists it (reference 000), chosen by
//! the `auth` setting: `bearer` (secret `token`), `basic` (setting `username`, secret
//! `password`), `client_credentials` (settings `token_url`, `client_id`, optional `scope`;
//! secret `client_secret`), `password` (the OAuth authorization URL's password grant:
//! settings `token_url`, `client_id`, `username`, optional `scope`; secret `password`, and
//! `client_secret` when the server wants one), or `none`. The HRIS API always takes its
//! bearer token (reference 001); a SCIM source its bearer token, like a SCIM target.

use std::time::Duration;

use super::hris::Hris;
use super::rest::{RestSource, RestSourceSettings};
use super::scim::ScimSource;
use super::{AnySource, Budget, SourceError};
use crate::connect::{Auth, Client, ClientConfig, ClientCredentials, PasswordGrant};
use crate::secrets::SecretStore;
use crate::store::SavedConnection;

/// The connection kinds Muster reads from.
pub const SOURCE_KINDS: &[&str] = &["hris", "scim", "rest-source"];

/// Whether a connection of `kind` can be pulled from.
pub fn is_source(kind: &str) -> bool {
    SOURCE_KINDS.iter().any(|k| k.eq_ignore_ascii_case(kind))
}

/// The secret a source connection of `kind` (with its `auth` setting) keeps in the keychain.
pub fn source_secret_name(kind: &str, auth: Option<&str>) -> &'static str {
    match (kind, auth) {
        ("rest-source", Some("basic" | "password")) => "password",
        ("rest-source", Some("client_credentials")) => "client_secret",
        _ => "token",
    }
}

/// Builds the source of a saved connection.
pub fn open_source(
    connection: &SavedConnection,
    secrets: &dyn SecretStore,
) -> Result<AnySource, SourceError> {
    crate::connect::check_url(&connection.url)?;
    let name = &connection.name;
    match connection.kind.to_ascii_lowercase().as_str() {
        "hris" => {
            let token = secrets.require(name, "token")?;
            let client = Client::new(ClientConfig::new(name.clone(), Auth::Bearer(token)))?;
            let number = |key: &str, default: u64| -> Result<u64, SourceError> {
                match connection.setting(key) {
                    None => Ok(default),
                    Some(text) => text.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                        SourceError::BadSetting {
                            name: name.clone(),
                            setting: key.to_owned(),
                            value: text,
                            why: "give a whole number above 0".to_owned(),
                        }
                    }),
                }
            };
            let window = Duration::from_secs(number("limit_window_secs", 3600)?);
            let limit = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            let list = Budget {
                bucket: "list",
                limit: limit(number("list_per_hour", 100)?),
                window,
            };
            let lookup = Budget {
                bucket: "lookup",
                limit: limit(number("lookup_per_hour", 300)?),
                window,
            };
            let per_page = number("per_page", super::hris::MAX_PER_PAGE)?;
            Ok(AnySource::Hris(Box::new(Hris::new(
                client,
                &connection.url,
                per_page,
                list,
                lookup,
            ))))
        }
        "scim" => {
            let token = secrets.require(name, "token")?;
            let client = Client::new(ClientConfig::new(name.clone(), Auth::Bearer(token)))?;
            Ok(AnySource::Scim(Box::new(ScimSource::new(
                client,
                &connection.url,
            ))))
        }
        "rest-source" => {
            let settings = RestSourceSettings::from_connection(connection)?;
            let auth = rest_auth(connection, secrets)?;
            let client = Client::new(ClientConfig::new(name.clone(), auth))?;
            Ok(AnySource::Rest(Box::new(RestSource::new(
                client,
                &connection.url,
                settings,
            ))))
        }
        _ => Err(SourceError::NotASource {
            name: name.clone(),
            kind: connection.kind.clone(),
        }),
    }
}

fn rest_auth(connection: &SavedConnection, secrets: &dyn SecretStore) -> Result<Auth, SourceError> {
    let name = &connection.name;
    let required = |key: &'static str| {
        connection
            .setting(key)
            .ok_or_else(|| SourceError::MissingSetting {
                name: name.clone(),
                setting: key,
            })
    };
    let scopes = || {
        connection
            .setting("scope")
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let auth = connection
        .setting("auth")
        .unwrap_or_else(|| "bearer".to_owned());
    Ok(match auth.as_str() {
        "none" => Auth::None,
        "bearer" => Auth::Bearer(secrets.require(name, "token")?),
        "basic" => Auth::Basic {
            username: required("username")?,
            password: secrets.require(name, "password")?,
        },
        "client_credentials" => {
            let token_url = required("token_url")?;
            crate::connect::check_url(&token_url)?;
            let mut grant = ClientCredentials::new(
                token_url,
                required("client_id")?,
                secrets.require(name, "client_secret")?,
            );
            grant.scopes = scopes();
            Auth::ClientCredentials(grant)
        }
        "password" => {
            let token_url = required("token_url")?;
            crate::connect::check_url(&token_url)?;
            let mut grant = PasswordGrant::new(
                token_url,
                required("client_id")?,
                required("username")?,
                secrets.require(name, "password")?,
            );
            grant.client_secret = secrets.get(name, "client_secret")?;
            grant.scopes = scopes();
            Auth::Password(grant)
        }
        other => {
            return Err(SourceError::BadSetting {
                name: name.clone(),
                setting: "auth".to_owned(),
                value: other.to_owned(),
                why: "use bearer, basic, client_credentials, password or none".to_owned(),
            });
        }
    })
}

//! A saved connection made ready to push: its settings from the store, its secrets from
//! the keychain, the HTTP client built with the target's limits.

use super::auth0::Auth0;
use super::authgear::{Authgear, Identifier, UnknownIdentifier};
use super::lms::Lms;
use super::rest::{Rest, RestSettings};
use super::scim::Scim;
use super::{BatchLimits, Outgoing, Polled, PushError, Submitted, Target};
use crate::connect::{Auth, AuthgearKey, Client, ClientConfig, ClientCredentials, ConnectError};
use crate::job::{Planned, Policy, RecordOutcome};
use crate::secrets::{SecretError, SecretStore};
use crate::store::SavedConnection;
use crate::target::catalog::TargetKind;

/// The secret each kind of connection needs, by its name in the keychain.
pub fn secret_names(kind: TargetKind) -> &'static [&'static str] {
    match kind {
        TargetKind::Lms | TargetKind::Scim | TargetKind::Rest => &["token"],
        TargetKind::Auth0 => &["client_secret"],
        TargetKind::Authgear => &["private_key"],
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("the connection \"{name}\" is of kind \"{kind}\", which Muster does not know")]
    UnknownKind { name: String, kind: String },
    #[error(
        "the connection \"{name}\" has no \"{setting}\" setting; add it with `muster connect add NAME … --setting {setting}=VALUE` and try again"
    )]
    MissingSetting { name: String, setting: &'static str },
    #[error("the connection \"{name}\": {source}")]
    Identifier {
        name: String,
        #[source]
        source: UnknownIdentifier,
    },
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Connect(#[from] ConnectError),
}

/// Any target Muster can push to.
pub enum AnyTarget {
    Auth0(Box<Auth0>),
    Authgear(Box<Authgear>),
    Lms(Lms),
    Rest(Rest),
    Scim(Scim),
}

/// Builds the target of a saved connection.
pub fn open_target(
    connection: &SavedConnection,
    secrets: &dyn SecretStore,
) -> Result<AnyTarget, OpenError> {
    let kind = TargetKind::from_name(&connection.kind).ok_or_else(|| OpenError::UnknownKind {
        name: connection.name.clone(),
        kind: connection.kind.clone(),
    })?;
    match kind {
        TargetKind::Lms => Ok(AnyTarget::Lms(Lms::new(
            bearer_client(connection, secrets)?,
            &connection.url,
        ))),
        TargetKind::Scim => Ok(AnyTarget::Scim(Scim::new(
            bearer_client(connection, secrets)?,
            &connection.url,
        ))),
        TargetKind::Rest => open_rest(connection, secrets),
        TargetKind::Auth0 => open_auth0(connection, secrets),
        TargetKind::Authgear => open_authgear(connection, secrets),
    }
}

fn required(connection: &SavedConnection, key: &'static str) -> Result<String, OpenError> {
    connection
        .setting(key)
        .ok_or_else(|| OpenError::MissingSetting {
            name: connection.name.clone(),
            setting: key,
        })
}

/// A generic REST users API: `url` is its base address, the optional settings say where
/// its requests go and where its answers keep ids and errors (see [`super::rest`]), the
/// keychain holds the bearer token.
fn open_rest(
    connection: &SavedConnection,
    secrets: &dyn SecretStore,
) -> Result<AnyTarget, OpenError> {
    let mut settings = RestSettings::default();
    for (key, slot) in [
        ("create_path", &mut settings.create_path),
        ("update_path", &mut settings.update_path),
        ("lookup_path", &mut settings.lookup_path),
        ("lookup_key", &mut settings.lookup_key),
        ("id_field", &mut settings.id_field),
        ("error_pointer", &mut settings.error_pointer),
        ("code_pointer", &mut settings.code_pointer),
    ] {
        if let Some(value) = connection.setting(key) {
            *slot = value;
        }
    }
    Ok(AnyTarget::Rest(Rest::new(
        bearer_client(connection, secrets)?,
        &connection.url,
        settings,
    )))
}

/// The client of a connection that sends the keychain's `token` as a bearer token. The
/// address is checked before the keychain is asked, so a refused address never has its
/// secret read.
fn bearer_client(
    connection: &SavedConnection,
    secrets: &dyn SecretStore,
) -> Result<Client, OpenError> {
    crate::connect::check_url(&connection.url)?;
    let token = secrets.require(&connection.name, "token")?;
    Ok(Client::new(ClientConfig::new(
        connection.name.clone(),
        Auth::Bearer(token),
    ))?)
}

/// An Authgear project: `url` is its endpoint, the settings name the project (the JWT's
/// `aud`), the Admin API key id and the login id records are keyed on; the keychain holds
/// the private key.
fn open_authgear(
    connection: &SavedConnection,
    secrets: &dyn SecretStore,
) -> Result<AnyTarget, OpenError> {
    let project_id = required(connection, "project_id")?;
    let key_id = required(connection, "key_id")?;
    let identifier = Identifier::parse(&required(connection, "identifier")?).map_err(|source| {
        OpenError::Identifier {
            name: connection.name.clone(),
            source,
        }
    })?;
    crate::connect::check_url(&connection.url)?;
    let private_key = secrets.require(&connection.name, "private_key")?;
    let client = Client::new(ClientConfig::new(
        connection.name.clone(),
        Auth::AuthgearJwt(AuthgearKey::new(project_id, key_id, private_key)),
    ))?;
    Ok(AnyTarget::Authgear(Box::new(Authgear::new(
        client,
        &connection.url,
        identifier,
    ))))
}

/// An Auth0 tenant: `url` is its base address, the settings name the Management API
/// client and the database connection, the keychain holds the client secret.
fn open_auth0(
    connection: &SavedConnection,
    secrets: &dyn SecretStore,
) -> Result<AnyTarget, OpenError> {
    let client_id = required(connection, "client_id")?;
    let connection_id = required(connection, "connection_id")?;
    let base = connection.url.trim_end_matches('/');
    crate::connect::check_url(base)?;
    let secret = secrets.require(&connection.name, "client_secret")?;
    let mut credentials = ClientCredentials::new(format!("{base}/oauth/token"), client_id, secret);
    credentials.audience = Some(
        connection
            .setting("audience")
            .unwrap_or_else(|| format!("{base}/api/v2/")),
    );
    let client = Client::new(ClientConfig::new(
        connection.name.clone(),
        Auth::ClientCredentials(credentials),
    ))?;
    Ok(AnyTarget::Auth0(Box::new(Auth0::new(
        client,
        base,
        connection_id,
    ))))
}

/// Calls the same method on whichever target `self` is.
macro_rules! each {
    ($self:ident, $t:ident => $call:expr) => {
        match $self {
            AnyTarget::Auth0($t) => $call,
            AnyTarget::Authgear($t) => $call,
            AnyTarget::Lms($t) => $call,
            AnyTarget::Rest($t) => $call,
            AnyTarget::Scim($t) => $call,
        }
    };
}

impl Target for AnyTarget {
    fn describe(&self) -> String {
        each!(self, t => t.describe())
    }

    fn limits(&self) -> BatchLimits {
        each!(self, t => t.limits())
    }

    fn policies(&self) -> &'static [Policy] {
        each!(self, t => t.policies())
    }

    async fn plan(&self, batch: &[Outgoing], policy: Policy) -> Result<Vec<Planned>, PushError> {
        each!(self, t => t.plan(batch, policy).await)
    }

    async fn check(&self) -> Result<String, PushError> {
        each!(self, t => t.check().await)
    }

    async fn submit(&self, batch: &[Outgoing], policy: Policy) -> Result<Submitted, PushError> {
        each!(self, t => t.submit(batch, policy).await)
    }

    async fn poll(&self, remote_id: &str, batch: &[Outgoing]) -> Result<Polled, PushError> {
        each!(self, t => t.poll(remote_id, batch).await)
    }

    async fn reconcile(
        &self,
        batch: &[Outgoing],
        policy: Policy,
    ) -> Result<Vec<Option<RecordOutcome>>, PushError> {
        each!(self, t => t.reconcile(batch, policy).await)
    }
}

#[cfg(test)]
#[path = "tests/open.rs"]
mod tests;

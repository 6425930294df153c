//! A saved connection made ready to push: its settings from the store, its secrets from
//! the keychain, the HTTP client built with the target's limits.

use super::lms::Lms;
use super::scim::Scim;
use super::{BatchLimits, Outgoing, Polled, PushError, Submitted, Target};
use crate::connect::{Auth, Client, ClientConfig, ConnectError};
use crate::job::{Policy, RecordOutcome};
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
        "pushing to {kind} is not available in this version of Muster yet; export the files with `muster export` and upload them by hand"
    )]
    NotYet { kind: TargetKind },
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Connect(#[from] ConnectError),
}

/// Any target Muster can push to.
pub enum AnyTarget {
    Lms(Lms),
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
        TargetKind::Lms => {
            let token = secrets.require(&connection.name, "token")?;
            let client = Client::new(ClientConfig::new(
                connection.name.clone(),
                Auth::Bearer(token),
            ))?;
            crate::connect::check_url(&connection.url)?;
            Ok(AnyTarget::Lms(Lms::new(client, &connection.url)))
        }
        TargetKind::Scim => {
            let token = secrets.require(&connection.name, "token")?;
            let client = Client::new(ClientConfig::new(
                connection.name.clone(),
                Auth::Bearer(token),
            ))?;
            crate::connect::check_url(&connection.url)?;
            Ok(AnyTarget::Scim(Scim::new(client, &connection.url)))
        }
        kind => Err(OpenError::NotYet { kind }),
    }
}

impl Target for AnyTarget {
    fn describe(&self) -> String {
        match self {
            AnyTarget::Lms(t) => t.describe(),
            AnyTarget::Scim(t) => t.describe(),
        }
    }

    fn limits(&self) -> BatchLimits {
        match self {
            AnyTarget::Lms(t) => t.limits(),
            AnyTarget::Scim(t) => t.limits(),
        }
    }

    fn policies(&self) -> &'static [Policy] {
        match self {
            AnyTarget::Lms(t) => t.policies(),
            AnyTarget::Scim(t) => t.policies(),
        }
    }

    async fn submit(&self, batch: &[Outgoing], policy: Policy) -> Result<Submitted, PushError> {
        match self {
            AnyTarget::Lms(t) => t.submit(batch, policy).await,
            AnyTarget::Scim(t) => t.submit(batch, policy).await,
        }
    }

    async fn poll(&self, remote_id: &str, batch: &[Outgoing]) -> Result<Polled, PushError> {
        match self {
            AnyTarget::Lms(t) => t.poll(remote_id, batch).await,
            AnyTarget::Scim(t) => t.poll(remote_id, batch).await,
        }
    }

    async fn reconcile(
        &self,
        batch: &[Outgoing],
        policy: Policy,
    ) -> Result<Vec<Option<RecordOutcome>>, PushError> {
        match self {
            AnyTarget::Lms(t) => t.reconcile(batch, policy).await,
            AnyTarget::Scim(t) => t.reconcile(batch, policy).await,
        }
    }
}

//! "Test connection": one request that changes nothing, to prove that a saved connection's
//! address, settings and secret work. A target makes its `Target::check`; a source (a
//! connection of a kind that is only a source) its `AnySource::check`. Both shells call
//! this: `muster connect test` and the desktop app's Test button.

use crate::secrets::SecretStore;
use crate::source::{SourceError, is_source, open_source};
use crate::store::SavedConnection;
use crate::target::catalog::TargetKind;
use crate::target::connector::{OpenError, PushError, Target, open_target};

/// Why a connection does not work yet, in words that say what to fix.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// It could not even be made ready: a setting or the secret is missing or wrong.
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The target answered, or could not be reached, in a way that says it does not work.
    #[error(transparent)]
    Target(#[from] PushError),
}

/// Makes the connection's one harmless request; says what it proved, e.g. "LMS
/// Collaborator at https://…: the token was accepted".
///
/// Reads the secret from `secrets`, which may block briefly (the keychain).
pub async fn check_connection(
    connection: &SavedConnection,
    secrets: &dyn SecretStore,
) -> Result<String, CheckError> {
    if TargetKind::from_name(&connection.kind).is_none() && is_source(&connection.kind) {
        let source = open_source(connection, secrets)?;
        return Ok(source.check().await?);
    }
    let target = open_target(connection, secrets)?;
    let said = target.check().await?;
    Ok(format!("{}: {said}", target.describe()))
}

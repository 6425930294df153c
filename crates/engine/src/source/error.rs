//! What can go wrong while reading from a source, said so a person can act on it.

use crate::connect::ConnectError;
use crate::secrets::SecretError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(
        "the connection \"{name}\" is of kind \"{kind}\", which Muster cannot read from; sources are hris, scim and rest-source"
    )]
    NotASource { name: String, kind: String },
    #[error(
        "the connection \"{name}\" has no \"{setting}\" setting; save it again with `muster connect add {name} … --setting {setting}=VALUE`"
    )]
    MissingSetting { name: String, setting: &'static str },
    #[error("the connection \"{name}\": the setting {setting}={value} cannot be used: {why}")]
    BadSetting {
        name: String,
        setting: String,
        value: String,
        why: String,
    },
    /// The source refused or failed the request; the message says what to fix.
    #[error("{message}")]
    Refused {
        message: String,
        #[source]
        cause: ConnectError,
    },
    #[error(transparent)]
    Connect(#[from] ConnectError),
    #[error("{source_name} answered something Muster cannot read ({request}): {detail}")]
    BadAnswer {
        source_name: String,
        request: String,
        detail: String,
    },
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "the pull of \"{connection}\" was stopped; run the same command again to go on from page {next}"
    )]
    Cancelled { connection: String, next: String },
}

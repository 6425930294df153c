//! The kinds of saved connection, as `muster connect add --kind` and the desktop app take
//! them: a target (lms, auth0, authgear, scim, rest) or a source (hris, rest-source, scim;
//! a `scim` connection is both), and the secrets each keeps in the keychain.

use std::fmt;

use crate::source::{SOURCE_KINDS, is_source, source_secret_name};
use crate::target::catalog::TargetKind;
use crate::target::connector::secret_names;

/// Every secret a source connection may keep: the one its authentication needs, and the
/// `webhook_secret` that `muster listen` checks the source's deliveries with.
pub const SOURCE_SECRET_NAMES: [&str; 4] = ["token", "password", "client_secret", "webhook_secret"];

/// A connection's kind. `scim` parses as the target: its settings and secret are the same
/// either way, and a saved `scim` connection can be pulled from too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionKind {
    Target(TargetKind),
    Source(&'static str),
}

/// A kind Muster does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a kind Muster knows; targets are lms, auth0, authgear, scim and rest, sources hris, rest-source and scim"
)]
pub struct UnknownKind(pub String);

impl ConnectionKind {
    /// The kind named `kind` (any case, surrounding spaces ignored).
    pub fn parse(kind: &str) -> Result<ConnectionKind, UnknownKind> {
        if let Some(target) = TargetKind::from_name(kind) {
            return Ok(ConnectionKind::Target(target));
        }
        SOURCE_KINDS
            .iter()
            .find(|k| k.eq_ignore_ascii_case(kind.trim()))
            .map(|k| ConnectionKind::Source(k))
            .ok_or_else(|| UnknownKind(kind.to_owned()))
    }

    /// The name the store keeps: `auth0`, `rest-source`.
    pub fn name(self) -> &'static str {
        match self {
            ConnectionKind::Target(kind) => kind.name(),
            ConnectionKind::Source(kind) => kind,
        }
    }

    /// The secret the connection cannot work without, given its `auth` setting (a REST
    /// source's authentication decides which one that is).
    pub fn secret_name(self, auth: Option<&str>) -> &'static str {
        match self {
            ConnectionKind::Target(kind) => secret_names(kind)[0],
            ConnectionKind::Source(kind) => source_secret_name(kind, auth),
        }
    }

    /// Every secret the keychain may hold for a connection of this kind.
    pub fn secret_names(self) -> Vec<&'static str> {
        kept_secret_names(self.name())
    }
}

impl fmt::Display for ConnectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectionKind::Target(kind) => write!(f, "{kind}"),
            ConnectionKind::Source(kind) => write!(f, "{kind} source"),
        }
    }
}

/// Every secret the keychain may hold for a saved connection of kind `kind` (as the store
/// keeps it): what removing the connection deletes, and what may be asked whether it is
/// held. A `scim` connection, target and source at once, may keep the secrets of both.
pub fn kept_secret_names(kind: &str) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = TargetKind::from_name(kind)
        .map(|target| secret_names(target).to_vec())
        .unwrap_or_default();
    if is_source(kind) {
        for name in SOURCE_SECRET_NAMES {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

#[cfg(test)]
#[path = "tests/kind.rs"]
mod tests;

//! Errors of the secret stores, written for the person who has to fix them.
//!
//! No variant carries a secret's value: only the connection, the secret's name and
//! what the keychain said.

/// What went wrong reading, storing or deleting a secret.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The OS keychain could not be reached or refused the operation.
    #[error(
        "the keychain refused to {action} the secret \"{name}\" of the connection \"{connection}\": {detail}. {hint}"
    )]
    Refused {
        action: &'static str,
        connection: String,
        name: String,
        detail: String,
        hint: &'static str,
    },
    /// More than one keychain entry matches, so Muster cannot tell which to use.
    #[error(
        "the keychain holds {count} entries for the secret \"{name}\" of the connection \"{connection}\" (service \"muster\", account \"{connection}/{name}\"); delete the extra ones in your keychain app, then store the secret again"
    )]
    Ambiguous {
        connection: String,
        name: String,
        count: usize,
    },
    /// The stored value is not text.
    #[error(
        "the keychain's entry for the secret \"{name}\" of the connection \"{connection}\" is not text; store the secret again in the connection's settings"
    )]
    NotText { connection: String, name: String },
    /// A connection or secret name that cannot be used as a keychain account.
    #[error("\"{connection}/{name}\" cannot name a secret: {reason}")]
    InvalidName {
        connection: String,
        name: String,
        reason: &'static str,
    },
    /// Nothing is stored under this name.
    #[error(
        "no secret \"{name}\" is stored for the connection \"{connection}\"; enter it again in the connection's settings"
    )]
    Missing { connection: String, name: String },
}

/// What a person can do when the keychain is unreachable, for the platform this runs on.
pub(crate) const fn platform_hint() -> &'static str {
    if cfg!(target_os = "macos") {
        "Open Keychain Access, unlock the login keychain and allow Muster to use it when asked"
    } else if cfg!(target_os = "windows") {
        "Check that the Windows Credential Manager service is running for your user"
    } else {
        "On Linux Muster keeps secrets in the Secret Service: start a keyring daemon such as gnome-keyring or KeePassXC in your session and unlock it (on a machine without a desktop: `dbus-run-session -- sh -c 'printf %s PASSWORD | gnome-keyring-daemon --daemonize --unlock --components=secrets; muster ...'`)"
    }
}

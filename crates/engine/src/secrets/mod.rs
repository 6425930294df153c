//! Where Muster keeps the credentials of its connections: tokens, passwords, client
//! secrets and private keys.
//!
//! Secrets never go into Muster's own files. [`Keychain`] keeps them in the operating
//! system's credential store through the `keyring` crate (macOS Keychain, Windows
//! Credential Manager, the freedesktop Secret Service on Linux), under the service name
//! `muster` and the account `<connection>/<secret name>`, e.g. `acme-auth0/client_secret`.
//! [`MemorySecrets`] is the same contract in memory, for tests. Values travel as
//! [`Secret`], whose `Debug` and `Display` print `***`.

mod error;
mod keychain;
mod memory;
mod secret;

pub use error::SecretError;
pub use keychain::Keychain;
pub use memory::MemorySecrets;
pub use secret::Secret;

/// Reads, stores and deletes secrets by connection name and secret name.
///
/// The calls block: from async code, call them inside `tokio::task::spawn_blocking`.
pub trait SecretStore: Send + Sync {
    /// The secret, or `None` when nothing is stored under these names.
    fn get(&self, connection: &str, name: &str) -> Result<Option<Secret>, SecretError>;

    /// Stores the secret, replacing any value stored before under these names.
    fn set(&self, connection: &str, name: &str, value: &Secret) -> Result<(), SecretError>;

    /// Deletes the secret; `false` when there was none.
    fn delete(&self, connection: &str, name: &str) -> Result<bool, SecretError>;

    /// The secret, or an error telling the person to enter it again when it is missing.
    fn require(&self, connection: &str, name: &str) -> Result<Secret, SecretError> {
        self.get(connection, name)?
            .ok_or_else(|| SecretError::Missing {
                connection: connection.to_owned(),
                name: name.to_owned(),
            })
    }
}

/// The keychain account for a secret: `<connection>/<secret name>`.
///
/// A secret name may not contain `/`, so the account always splits back at its last `/`.
pub fn account(connection: &str, name: &str) -> Result<String, SecretError> {
    let invalid = |reason| SecretError::InvalidName {
        connection: connection.to_owned(),
        name: name.to_owned(),
        reason,
    };
    if connection.trim().is_empty() {
        return Err(invalid("the connection name is empty"));
    }
    if name.trim().is_empty() {
        return Err(invalid("the secret name is empty"));
    }
    if name.contains('/') {
        return Err(invalid("a secret name may not contain '/'"));
    }
    Ok(format!("{connection}/{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_joins_connection_and_secret_name() {
        assert_eq!(
            account("acme-auth0", "client_secret").unwrap(),
            "acme-auth0/client_secret"
        );
    }

    #[test]
    fn account_refuses_names_that_would_be_ambiguous_or_empty() {
        let err = account("acme", "a/b").unwrap_err();
        assert!(err.to_string().contains("may not contain '/'"), "{err}");
        assert!(matches!(
            account("", "token"),
            Err(SecretError::InvalidName { .. })
        ));
        assert!(matches!(
            account("acme", " "),
            Err(SecretError::InvalidName { .. })
        ));
    }

    #[test]
    fn require_names_the_missing_secret_and_what_to_do() {
        let store = MemorySecrets::default();
        let err = store.require("acme-auth0", "client_secret").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("\"client_secret\""), "{text}");
        assert!(text.contains("\"acme-auth0\""), "{text}");
        assert!(text.contains("enter it again"), "{text}");
    }
}

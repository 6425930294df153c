//! `Keychain`: secrets in the operating system's credential store, through the
//! `keyring` crate (service `muster`, account `<connection>/<secret name>`).
//!
//! On Linux `keyring` talks to the Secret Service over the session D-Bus through its own
//! single-threaded tokio runtime. Its documentation warns that calling it from a thread
//! that already runs tokio can deadlock or panic, so every call here runs on a short-lived
//! thread of its own; callers may be sync or async.

use super::error::platform_hint;
use super::{Secret, SecretError, SecretStore, account};

/// The service name every Muster secret is filed under.
pub const SERVICE: &str = "muster";

/// The OS keychain.
#[derive(Debug, Default, Clone, Copy)]
pub struct Keychain;

impl Keychain {
    /// Runs one keyring operation on a thread of its own and maps its error.
    fn run<T: Send>(
        action: &'static str,
        connection: &str,
        name: &str,
        op: impl FnOnce(&keyring::Entry) -> keyring::Result<T> + Send,
    ) -> Result<T, SecretError> {
        let user = account(connection, name)?;
        let outcome = std::thread::scope(|scope| {
            scope
                .spawn(|| keyring::Entry::new(SERVICE, &user).and_then(|entry| op(&entry)))
                .join()
        });
        match outcome {
            Ok(result) => result.map_err(|err| refused(action, connection, name, err)),
            Err(_) => Err(SecretError::Refused {
                action,
                connection: connection.to_owned(),
                name: name.to_owned(),
                detail: "the keychain library stopped unexpectedly".to_owned(),
                hint: platform_hint(),
            }),
        }
    }
}

impl SecretStore for Keychain {
    fn get(&self, connection: &str, name: &str) -> Result<Option<Secret>, SecretError> {
        Self::run("read", connection, name, |entry| {
            match entry.get_password() {
                Ok(value) => Ok(Some(Secret::new(value))),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(err) => Err(err),
            }
        })
    }

    fn set(&self, connection: &str, name: &str, value: &Secret) -> Result<(), SecretError> {
        Self::run("store", connection, name, |entry| {
            entry.set_password(value.expose())
        })
    }

    fn delete(&self, connection: &str, name: &str) -> Result<bool, SecretError> {
        Self::run("delete", connection, name, |entry| {
            match entry.delete_credential() {
                Ok(()) => Ok(true),
                Err(keyring::Error::NoEntry) => Ok(false),
                Err(err) => Err(err),
            }
        })
    }
}

/// Maps a keyring error to a message for people. The keyring's own texts name
/// attributes and platform failures, never the stored value.
fn refused(action: &'static str, connection: &str, name: &str, err: keyring::Error) -> SecretError {
    let connection = connection.to_owned();
    let name = name.to_owned();
    let detail = match err {
        keyring::Error::Ambiguous(items) => {
            return SecretError::Ambiguous {
                connection,
                name,
                count: items.len(),
            };
        }
        keyring::Error::BadEncoding(_) => return SecretError::NotText { connection, name },
        keyring::Error::PlatformFailure(source) => source.to_string(),
        keyring::Error::NoStorageAccess(source) => {
            format!("the credential store is locked or not reachable ({source})")
        }
        keyring::Error::NoEntry => "there is no such entry".to_owned(),
        keyring::Error::TooLong(attribute, limit) => {
            format!("the {attribute} is longer than the keychain allows ({limit} characters)")
        }
        keyring::Error::Invalid(attribute, reason) => {
            format!("the {attribute} is invalid: {reason}")
        }
        other => other.to_string(),
    };
    SecretError::Refused {
        action,
        connection,
        name,
        detail,
        hint: platform_hint(),
    }
}

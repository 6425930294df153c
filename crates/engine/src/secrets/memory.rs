//! `MemorySecrets`: the [`SecretStore`] contract kept in a map, for tests and for runs
//! that must not touch the OS keychain.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use super::{Secret, SecretError, SecretStore, account};

/// Secrets held in memory for the life of the value.
#[derive(Debug, Default)]
pub struct MemorySecrets {
    entries: Mutex<HashMap<String, Secret>>,
}

impl SecretStore for MemorySecrets {
    fn get(&self, connection: &str, name: &str) -> Result<Option<Secret>, SecretError> {
        let key = account(connection, name)?;
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(entries.get(&key).cloned())
    }

    fn set(&self, connection: &str, name: &str, value: &Secret) -> Result<(), SecretError> {
        let key = account(connection, name)?;
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.insert(key, value.clone());
        Ok(())
    }

    fn delete(&self, connection: &str, name: &str) -> Result<bool, SecretError> {
        let key = account(connection, name)?;
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(entries.remove(&key).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_overwrites_and_deletes() {
        let store = MemorySecrets::default();
        assert_eq!(store.get("acme", "token").unwrap(), None);
        store.set("acme", "token", &Secret::new("one")).unwrap();
        store.set("other", "token", &Secret::new("other")).unwrap();
        assert_eq!(
            store.get("acme", "token").unwrap(),
            Some(Secret::new("one"))
        );
        store.set("acme", "token", &Secret::new("two")).unwrap();
        assert_eq!(store.require("acme", "token").unwrap().expose(), "two");
        assert!(store.delete("acme", "token").unwrap());
        assert!(!store.delete("acme", "token").unwrap());
        assert_eq!(store.get("acme", "token").unwrap(), None);
        assert_eq!(
            store.get("other", "token").unwrap(),
            Some(Secret::new("other"))
        );
    }

    #[test]
    fn debug_does_not_show_values() {
        let store = MemorySecrets::default();
        store.set("acme", "token", &Secret::new("hunter2")).unwrap();
        let shown = format!("{store:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("acme/token"), "{shown}");
    }
}

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
#[path = "tests/memory.rs"]
mod tests;

//! Saved connections: where a target or source is and how to reach it, everything but the
//! secrets (those go to the keychain under the connection's name). Also the profiles a
//! person saves by name, and each source connection's watermark for incremental pulls.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, now};

/// A connection's settings: its kind (`auth0`, `lms`, …), base URL and the kind's own
/// settings as JSON (tenant, client id, audience, connection id…). Never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedConnection {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub settings: serde_json::Map<String, serde_json::Value>,
}

impl SavedConnection {
    /// A setting, trimmed, when it is there and not empty.
    pub fn setting(&self, key: &str) -> Option<String> {
        self.settings
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    }
}

impl Store {
    /// Saves (or replaces) a connection.
    pub fn save_connection(&self, connection: &SavedConnection) -> Result<(), StoreError> {
        let settings = serde_json::Value::Object(connection.settings.clone()).to_string();
        self.db.execute(
            "INSERT INTO connections (name, kind, url, settings, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url, settings = excluded.settings",
            params![connection.name, connection.kind, connection.url, settings, now()],
        )?;
        Ok(())
    }

    pub fn connection(&self, name: &str) -> Result<SavedConnection, StoreError> {
        self.db
            .query_row(
                "SELECT name, kind, url, settings FROM connections WHERE name = ?1",
                [name],
                read_connection,
            )
            .optional()?
            .ok_or_else(|| StoreError::NoConnection(name.to_string()))?
    }

    pub fn connections(&self) -> Result<Vec<SavedConnection>, StoreError> {
        let mut query = self
            .db
            .prepare("SELECT name, kind, url, settings FROM connections ORDER BY name")?;
        let rows = query
            .query_map([], read_connection)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    /// Removes a connection; false when there was none of that name.
    pub fn remove_connection(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .db
            .execute("DELETE FROM connections WHERE name = ?1", [name])?
            == 1)
    }

    /// Saves a mapping profile (TOML) under a name.
    pub fn save_profile(&self, name: &str, toml: &str) -> Result<(), StoreError> {
        self.db.execute(
            "INSERT INTO profiles (name, toml, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET toml = excluded.toml, updated_at = excluded.updated_at",
            params![name, toml, now()],
        )?;
        Ok(())
    }

    pub fn profile(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .db
            .query_row("SELECT toml FROM profiles WHERE name = ?1", [name], |row| {
                row.get(0)
            })
            .optional()?)
    }

    pub fn profile_names(&self) -> Result<Vec<String>, StoreError> {
        let mut query = self.db.prepare("SELECT name FROM profiles ORDER BY name")?;
        let names = query
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(names)
    }

    /// The newest change a source connection has delivered (its `updated_at` or cursor).
    pub fn watermark(&self, connection: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .db
            .query_row(
                "SELECT value FROM watermarks WHERE connection = ?1",
                [connection],
                |row| row.get(0),
            )
            .optional()?)
    }

    pub fn set_watermark(&self, connection: &str, value: &str) -> Result<(), StoreError> {
        self.db.execute(
            "INSERT INTO watermarks (connection, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (connection) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![connection, value, now()],
        )?;
        Ok(())
    }
}

fn read_connection(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<Result<SavedConnection, StoreError>> {
    let name: String = row.get(0)?;
    let kind: String = row.get(1)?;
    let url: String = row.get(2)?;
    let settings: String = row.get(3)?;
    let parsed = match serde_json::from_str::<serde_json::Value>(&settings) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(StoreError::Corrupt(format!(
            "settings of the connection \"{name}\""
        ))),
    };
    Ok(parsed.map(|settings| SavedConnection {
        name,
        kind,
        url,
        settings,
    }))
}

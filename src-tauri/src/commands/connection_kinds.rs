//! `connection_kinds`: every kind of connection with the settings and secrets it asks for,
//! from the engine's description of its connectors (`muster_engine::connect::connection_kinds`).

use muster_engine::connect::{self, Asked, KindAsks, Role};

use crate::error::UiError;
use crate::wire::jobs::{ConnectionKind, SettingSpec};

/// The targets, then the sources (`scim` is both, so it is listed under each role).
pub fn kinds() -> Vec<ConnectionKind> {
    connect::connection_kinds().into_iter().map(kind).collect()
}

fn kind(asks: KindAsks) -> ConnectionKind {
    ConnectionKind {
        kind: asks.kind.name().to_owned(),
        label: asks.label.to_owned(),
        role: match asks.role {
            Role::Target => "target",
            Role::Source => "source",
        }
        .to_owned(),
        settings: asks.settings.iter().map(spec).collect(),
        secrets: asks.secrets.iter().map(spec).collect(),
    }
}

fn spec(asked: &Asked) -> SettingSpec {
    SettingSpec {
        key: asked.key.to_owned(),
        label: asked.label.to_owned(),
        required: asked.required,
        placeholder: asked.placeholder.map(str::to_owned),
        choices: (!asked.choices.is_empty())
            .then(|| asked.choices.iter().map(|c| (*c).to_owned()).collect()),
    }
}

#[tauri::command]
pub async fn connection_kinds() -> Result<Vec<ConnectionKind>, UiError> {
    Ok(kinds())
}

//! What each kind of connection asks a person for: its settings (kept in the store) and its
//! secrets (kept in the keychain), with labels, examples and fixed choices, as the target
//! connectors (`target::connector::open_target`) and the sources (`source::open_source`)
//! read them. The desktop app builds its connection form from this; `check_settings` says
//! what a form still lacks before anything is saved.

use super::kind::ConnectionKind;
use crate::target::catalog::TargetKind;

/// Whether a kind is pushed to or pulled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Target,
    Source,
}

/// One setting or secret a connection asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The name in the store or keychain: `client_id`, `token`.
    pub key: &'static str,
    /// What a person reads: "Client ID".
    pub label: &'static str,
    pub required: bool,
    pub placeholder: Option<&'static str>,
    /// The only values it takes, when it has a fixed set.
    pub choices: &'static [&'static str],
}

/// A kind of connection and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindAsks {
    pub kind: ConnectionKind,
    pub label: &'static str,
    pub role: Role,
    /// An example of the connection's address.
    pub url_placeholder: &'static str,
    pub settings: Vec<Asked>,
    pub secrets: Vec<Asked>,
}

/// Why a connection's settings cannot be saved as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsProblem {
    #[error("{kind} connections need the setting \"{label}\" ({key}); fill it in and save again")]
    Missing {
        kind: &'static str,
        key: &'static str,
        label: &'static str,
    },
    #[error("the setting \"{label}\" ({key}) is \"{value}\"; it takes one of {}", choices.join(", "))]
    NotAChoice {
        key: &'static str,
        label: &'static str,
        value: String,
        choices: &'static [&'static str],
    },
    #[error("the setting \"{key}\" cannot be used: {reason}")]
    BadAddress { key: String, reason: String },
    #[error(
        "the setting \"{key}\" would send a credential in every request's address, where servers and proxies log it; remove it and save the credential as the connection's secret (it is sent in a header)"
    )]
    CredentialInAddress { key: String },
}

const fn asked(key: &'static str, label: &'static str, placeholder: &'static str) -> Asked {
    Asked {
        key,
        label,
        required: false,
        placeholder: Some(placeholder),
        choices: &[],
    }
}

const fn needed(key: &'static str, label: &'static str, placeholder: &'static str) -> Asked {
    Asked {
        required: true,
        ..asked(key, label, placeholder)
    }
}

const fn choice(
    key: &'static str,
    label: &'static str,
    required: bool,
    choices: &'static [&'static str],
) -> Asked {
    Asked {
        key,
        label,
        required,
        placeholder: None,
        choices,
    }
}

const TOKEN: Asked = needed("token", "API token", "the bearer token the service issued");
const WEBHOOK_SECRET: Asked = asked(
    "webhook_secret",
    "Webhook secret",
    "the secret the source signs its webhooks with (for `muster listen`)",
);

/// Every kind Muster connects to: the targets, then the sources. `scim` appears twice, as
/// a target and as a source: one saved connection serves both.
pub fn connection_kinds() -> Vec<KindAsks> {
    let mut kinds: Vec<KindAsks> = TargetKind::ALL.into_iter().map(target).collect();
    kinds.extend(["hris", "scim", "rest-source"].map(source));
    kinds
}

/// What the kind named `kind` asks for (a `scim` connection: as a target).
pub fn kind_asks(kind: ConnectionKind) -> KindAsks {
    match kind {
        ConnectionKind::Target(target_kind) => target(target_kind),
        ConnectionKind::Source(name) => source(name),
    }
}

fn target(kind: TargetKind) -> KindAsks {
    let (label, url_placeholder, settings, secrets) = match kind {
        TargetKind::Lms => (
            "LMS Collaborator",
            "https://your-domain.com",
            vec![],
            vec![TOKEN],
        ),
        TargetKind::Auth0 => (
            "Auth0",
            "https://example.eu.auth0.com",
            vec![
                needed(
                    "client_id",
                    "Client ID",
                    "the Machine-to-Machine application's Client ID",
                ),
                needed(
                    "connection_id",
                    "Database connection ID",
                    "con_0000000000000000",
                ),
                asked(
                    "audience",
                    "API audience",
                    "https://example.eu.auth0.com/api/v2/ (the default)",
                ),
            ],
            vec![needed(
                "client_secret",
                "Client secret",
                "the Machine-to-Machine application's Client Secret",
            )],
        ),
        TargetKind::Authgear => (
            "Authgear",
            "https://myapp.authgear.cloud",
            vec![
                needed("project_id", "Project ID", "myapp"),
                needed("key_id", "Admin API key ID", "the key's ID in the portal"),
                choice(
                    "identifier",
                    "Login ID records are keyed on",
                    true,
                    &["email", "phone_number", "preferred_username"],
                ),
            ],
            vec![needed(
                "private_key",
                "Admin API private key",
                "-----BEGIN PRIVATE KEY----- … (the .pem file the portal downloads)",
            )],
        ),
        TargetKind::Scim => (
            "SCIM 2.0 service",
            "https://example.com/scim/v2",
            vec![],
            vec![TOKEN],
        ),
        TargetKind::Rest => (
            "REST users API",
            "https://hr.example.com",
            vec![
                asked("create_path", "Create path", "/api/users"),
                asked("update_path", "Update path", "/api/users/{id}"),
                asked("lookup_path", "Lookup path", "/api/users?{key}={value}"),
                asked("lookup_key", "Lookup key", "email"),
                asked("id_field", "ID field in answers", "id"),
                asked("error_pointer", "Error message at", "/error/message"),
                asked("code_pointer", "Error code at", "/error/code"),
            ],
            vec![TOKEN],
        ),
    };
    KindAsks {
        kind: ConnectionKind::Target(kind),
        label,
        role: Role::Target,
        url_placeholder,
        settings,
        secrets,
    }
}

fn source(kind: &'static str) -> KindAsks {
    let (label, url_placeholder, settings, secrets) = match kind {
        "hris" => (
            "MangoApps HRIS",
            "https://yourcompany.mangoapps.com",
            vec![
                asked("per_page", "Users per page", "100"),
                asked("list_per_hour", "List requests per hour", "100"),
                asked("lookup_per_hour", "Lookup requests per hour", "300"),
                asked("limit_window_secs", "Limit window (seconds)", "3600"),
            ],
            vec![TOKEN, WEBHOOK_SECRET],
        ),
        "scim" => (
            "SCIM 2.0 service",
            "https://example.com/scim/v2",
            vec![],
            vec![TOKEN],
        ),
        _ => (
            "REST people API",
            "https://api.example.com",
            vec![
                choice("method", "Method", false, &["GET", "POST"]),
                asked("path", "Path", "/v1/people"),
                asked("records", "Records at (JSON pointer)", "/items"),
                choice(
                    "pagination",
                    "Pagination",
                    false,
                    &["page", "offset", "cursor", "link"],
                ),
                asked("page_param", "Page parameter", "page"),
                asked("size_param", "Page size parameter", "per_page"),
                asked("page_size", "Page size", "100"),
                asked("offset_param", "Offset parameter", "offset"),
                asked("cursor_param", "Cursor parameter", "cursor"),
                asked(
                    "next_cursor",
                    "Next cursor at (JSON pointer)",
                    "/next_cursor",
                ),
                needed("identifier", "Identifier field", "employeeId"),
                asked("updated", "Last-changed field", "updatedAt"),
                asked("since_param", "Changed-since parameter", "updated_since"),
                choice(
                    "auth",
                    "Authentication",
                    false,
                    &["bearer", "basic", "client_credentials", "password", "none"],
                ),
                asked(
                    "username",
                    "User name",
                    "for basic or password authentication",
                ),
                asked(
                    "token_url",
                    "Token URL",
                    "https://api.example.com/oauth/token",
                ),
                asked(
                    "client_id",
                    "Client ID",
                    "for client_credentials or password",
                ),
                asked("scope", "Scope", "people.read"),
            ],
            vec![
                asked(
                    "token",
                    "API token",
                    "with bearer authentication (the default)",
                ),
                asked(
                    "password",
                    "Password",
                    "with basic or password authentication",
                ),
                asked(
                    "client_secret",
                    "Client secret",
                    "with client_credentials, or password when the server wants one",
                ),
                WEBHOOK_SECRET,
            ],
        ),
    };
    KindAsks {
        kind: ConnectionKind::Source(kind),
        label,
        role: Role::Source,
        url_placeholder,
        settings,
        secrets,
    }
}

/// Checks that `setting(key)` gives every required setting of `kind` and only allowed
/// values for those with choices, and that an address among them (`token_url`) is one
/// Muster may send to (https, or http to this computer).
pub fn check_settings<'a>(
    kind: ConnectionKind,
    setting: impl Fn(&str) -> Option<&'a str>,
) -> Result<(), SettingsProblem> {
    let asks = kind_asks(kind);
    for asked in &asks.settings {
        let value = setting(asked.key).map(str::trim).filter(|v| !v.is_empty());
        match value {
            None if asked.required => {
                return Err(SettingsProblem::Missing {
                    kind: asks.label,
                    key: asked.key,
                    label: asked.label,
                });
            }
            Some(value)
                if !asked.choices.is_empty()
                    && !asked.choices.iter().any(|c| c.eq_ignore_ascii_case(value)) =>
            {
                return Err(SettingsProblem::NotAChoice {
                    key: asked.key,
                    label: asked.label,
                    value: value.to_owned(),
                    choices: asked.choices,
                });
            }
            Some(value) if asked.key.ends_with("_url") => {
                super::check_url(value).map_err(|error| SettingsProblem::BadAddress {
                    key: asked.key.to_owned(),
                    reason: error.to_string(),
                })?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Refuses request parameters (`param.NAME` settings of a REST source) named like a
/// credential (`param.api_key`, `param.access_token`): they would put a secret in every
/// request's address. (Requests are checked again as they leave, by [`super::check_url`].)
pub fn check_parameter_names<'a>(
    keys: impl IntoIterator<Item = &'a str>,
) -> Result<(), SettingsProblem> {
    for key in keys {
        if key
            .trim()
            .strip_prefix("param.")
            .is_some_and(super::http::is_credential_name)
        {
            return Err(SettingsProblem::CredentialInAddress {
                key: key.trim().to_owned(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "tests/asks.rs"]
mod tests;

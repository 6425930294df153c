//! Mapping profiles: a person's saved answer to "which column feeds which target field",
//! kept as TOML so it can be read, edited, versioned and reused on next month's export.
//!
//! ```toml
//! version = 1
//! target = "lms"
//! identifier = "uid"          # the record's unique key: exactly one target field
//!
//! [source]                    # optional: how to read the file (every guess can be fixed)
//! sheet = "Staff"
//! header_row = 4
//!
//! [[skip]]                    # records to leave out, e.g. people no longer active
//! column = "Active"
//! is = ["no", "nein"]
//!
//! [[field]]
//! target = "uid"
//! column = "Personalnummer"
//! transforms = [{ op = "trim" }]
//!
//! [[field]]
//! target = "email"
//! template = "{Vorname}.{Nachname}@firma.de"
//! transforms = [{ op = "case", to = "lower" }]
//!
//! [[field]]
//! target = "is_active"
//! constant = "1"
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::transform::Transform;
use crate::sheet::ReadOptions;
use crate::target::catalog::{self, Catalog, TargetKind, authgear};

/// The profile format this Muster writes and the newest it reads.
pub const PROFILE_VERSION: u32 = 1;

/// A saved mapping from a source's columns to a target's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub version: u32,
    pub target: TargetKind,
    /// The target field that identifies a record (unique within the file and the target).
    pub identifier: String,
    /// Where the custom REST target's field definitions are (TOML), for `target = "rest"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    #[serde(default, skip_serializing_if = "SourceSettings::is_empty")]
    pub source: SourceSettings,
    #[serde(default, rename = "skip", skip_serializing_if = "Vec::is_empty")]
    pub skips: Vec<SkipRule>,
    #[serde(default, rename = "field")]
    pub fields: Vec<FieldMapping>,
}

/// How to read the source file, overriding Muster's guesses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_pointer: Option<String>,
}

impl SourceSettings {
    fn is_empty(&self) -> bool {
        *self == SourceSettings::default()
    }

    /// The reader options these settings stand for.
    pub fn read_options(&self) -> Result<ReadOptions, ProfileError> {
        let delimiter = match self.delimiter.as_deref() {
            None => None,
            Some(text) => Some(crate::sheet::delimiter_from_name(text).ok_or_else(|| {
                ProfileError::Invalid(format!(
                    "the delimiter \"{text}\" is not one character; use , ; | or the words tab, comma, semicolon, pipe"
                ))
            })?),
        };
        Ok(ReadOptions {
            format: None,
            encoding: self.encoding.clone(),
            delimiter,
            sheet: self.sheet.clone(),
            header_row: self.header_row,
            json_pointer: self.json_pointer.clone(),
        })
    }
}

/// Leave out records whose `column` is one of `is` (compared without case and surrounding
/// spaces), or is empty when `is_empty` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkipRule {
    pub column: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub is: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_empty: bool,
}

/// Where one target field's value comes from: exactly one of `column`, `constant` or
/// `template`, then the transforms in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldMapping {
    pub target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transforms: Vec<Transform>,
}

/// Why a profile cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("Muster cannot read the profile {}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("The profile is not valid TOML: {0}")]
    Syntax(String),
    #[error(
        "The profile was written by a newer Muster (version {found}; this one reads up to {PROFILE_VERSION}). Update Muster."
    )]
    TooNew { found: u32 },
    #[error("The profile maps \"{field}\", which {target} does not have. Its fields are: {known}.")]
    UnknownField {
        field: String,
        target: TargetKind,
        known: String,
    },
    #[error("The profile maps \"{0}\" twice; keep one mapping per target field.")]
    MappedTwice(String),
    #[error("The mapping for \"{0}\" needs exactly one of column, constant or template.")]
    NoSingleSource(String),
    #[error(
        "The identifier \"{identifier}\" is not mapped: add a [[field]] for it, so every record has its unique key."
    )]
    IdentifierNotMapped { identifier: String },
    #[error(
        "The identifier \"{identifier}\" cannot identify a {target} record. Choose one of: {choices}."
    )]
    NotAnIdentifier {
        identifier: String,
        target: TargetKind,
        choices: String,
    },
    #[error("{target} requires {fields}, but the profile does not map {}. Add a [[field]] for each, from a column, a constant or a template.", if fields.contains(',') { "them" } else { "it" })]
    RequiredNotMapped { target: TargetKind, fields: String },
    #[error("The profile for \"{field}\": {message}")]
    BadTransform { field: String, message: String },
    #[error("The custom REST catalog {}: {message}", path.display())]
    Catalog {
        path: std::path::PathBuf,
        message: String,
    },
    #[error(
        "A profile for a custom REST target names its field definitions: add catalog = \"fields.toml\"."
    )]
    NoCatalog,
    #[error("The profile is not usable: {0}.")]
    Invalid(String),
}

impl Profile {
    /// A profile with no fields yet, for a target and identifier.
    pub fn new(target: TargetKind, identifier: &str) -> Profile {
        Profile {
            version: PROFILE_VERSION,
            target,
            identifier: identifier.to_string(),
            catalog: None,
            source: SourceSettings::default(),
            skips: Vec::new(),
            fields: Vec::new(),
        }
    }

    pub fn from_toml(text: &str) -> Result<Profile, ProfileError> {
        // Read the version alone first, so a newer profile gets "update Muster" rather than
        // a complaint about fields this version does not know.
        #[derive(Deserialize)]
        struct VersionOnly {
            version: Option<u32>,
        }
        if let Ok(VersionOnly {
            version: Some(found),
        }) = toml::from_str::<VersionOnly>(text)
            && found > PROFILE_VERSION
        {
            return Err(ProfileError::TooNew { found });
        }
        toml::from_str(text).map_err(|e| ProfileError::Syntax(e.to_string()))
    }

    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Profile::from_toml(&text)
    }

    /// Every column the profile reads: mapped, skipped on, or named in a template.
    pub fn columns(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for field in &self.fields {
            names.extend(field.column.clone());
            if let Some(template) = &field.template {
                // `{{` and `}}` are literal braces, not columns.
                let plain = template.replace("{{", "").replace("}}", "");
                names.extend(plain.split('{').skip(1).filter_map(|part| {
                    part.split_once('}').map(|(name, _)| name.trim().to_owned())
                }));
            }
        }
        names.extend(self.skips.iter().map(|s| s.column.clone()));
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| !n.is_empty() && seen.insert(n.clone()));
        names
    }

    pub fn to_toml(&self) -> String {
        // Serialising plain structs of strings cannot fail; an empty string is no loss.
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// The catalog this profile maps onto: the built-in one of its target (for Authgear, the
    /// variant keyed on the profile's identifier), or for a custom REST target the definition
    /// the profile names, relative to `profile_dir`.
    pub fn catalog(&self, profile_dir: &Path) -> Result<Catalog, ProfileError> {
        match self.target {
            TargetKind::Authgear => Ok(authgear::Identifier::from_name(&self.identifier)
                .map_or_else(authgear::catalog, authgear::catalog_for)),
            TargetKind::Rest => {
                let relative = self.catalog.as_deref().ok_or(ProfileError::NoCatalog)?;
                let path = profile_dir.join(relative);
                let text = std::fs::read_to_string(&path).map_err(|source| ProfileError::Io {
                    path: path.clone(),
                    source,
                })?;
                catalog::rest::from_toml(&text).map_err(|e| ProfileError::Catalog {
                    path,
                    message: e.to_string(),
                })
            }
            kind => catalog::builtin(kind).ok_or(ProfileError::NoCatalog),
        }
    }

    /// Checks the profile against the target's catalog: known fields, one source each,
    /// a mapped identifier that can identify, and transform settings.
    pub fn check(&self, catalog: &Catalog) -> Result<(), ProfileError> {
        if self.version > PROFILE_VERSION {
            return Err(ProfileError::TooNew {
                found: self.version,
            });
        }
        let mut seen = std::collections::HashSet::new();
        for mapping in &self.fields {
            if catalog.field(&mapping.target).is_none() {
                return Err(ProfileError::UnknownField {
                    field: mapping.target.clone(),
                    target: self.target,
                    known: catalog
                        .fields
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            if !seen.insert(mapping.target.as_str()) {
                return Err(ProfileError::MappedTwice(mapping.target.clone()));
            }
            let sources = [&mapping.column, &mapping.constant, &mapping.template]
                .iter()
                .filter(|s| s.is_some())
                .count();
            if sources != 1 {
                return Err(ProfileError::NoSingleSource(mapping.target.clone()));
            }
            for transform in &mapping.transforms {
                transform.check().map_err(|e| ProfileError::BadTransform {
                    field: mapping.target.clone(),
                    message: e.message,
                })?;
            }
        }
        let identifiers: Vec<&str> = catalog
            .fields
            .iter()
            .filter(|f| f.identifier)
            .map(|f| f.name.as_str())
            .collect();
        if !identifiers.is_empty() && !identifiers.contains(&self.identifier.as_str()) {
            return Err(ProfileError::NotAnIdentifier {
                identifier: self.identifier.clone(),
                target: self.target,
                choices: identifiers.join(", "),
            });
        }
        if !seen.contains(self.identifier.as_str()) {
            return Err(ProfileError::IdentifierNotMapped {
                identifier: self.identifier.clone(),
            });
        }
        let missing: Vec<&str> = catalog
            .required()
            .map(|f| f.name.as_str())
            .filter(|name| !seen.contains(name))
            .collect();
        if !missing.is_empty() {
            return Err(ProfileError::RequiredNotMapped {
                target: self.target,
                fields: missing.join(", "),
            });
        }
        Ok(())
    }
}

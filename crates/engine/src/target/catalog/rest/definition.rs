//! The flat `[[field]]` form as serde reads it: every key optional here, so that a missing
//! one becomes a sentence in [`super::read`] rather than a serde error, and unknown keys
//! refused (a misspelt key is named).

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Definition {
    #[serde(default)]
    pub(super) field: Vec<FieldDefinition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldDefinition {
    pub(super) name: Option<String>,
    #[serde(rename = "type")]
    pub(super) type_name: Option<String>,
    #[serde(default)]
    pub(super) required: bool,
    #[serde(default)]
    pub(super) identifier: bool,
    pub(super) max_length: Option<usize>,
    pub(super) references: Option<String>,
    #[serde(default)]
    pub(super) also_references: Vec<String>,
    #[serde(default)]
    pub(super) notes: String,
    pub(super) format: Option<String>,
    pub(super) also: Option<Vec<String>>,
    pub(super) encoding: Option<String>,
    pub(super) min: Option<i64>,
    pub(super) max: Option<i64>,
    pub(super) values: Option<Vec<String>>,
    pub(super) separator: Option<String>,
}

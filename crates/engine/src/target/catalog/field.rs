//! The vocabulary of catalogs: a field, its kind, and the catalog that lists them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kinds of target Muster knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// Auth0 bulk user import (`POST /api/v2/jobs/users-imports`).
    Auth0,
    /// Authgear Admin API user import (`POST /_api/admin/users/import`).
    Authgear,
    /// LMS Collaborator single-user import (one POST per user).
    Lms,
    /// Any SCIM 2.0 service (RFC 7643 core User + enterprise extension).
    Scim,
    /// A custom REST API whose fields the person defines.
    Rest,
}

impl TargetKind {
    pub const ALL: [TargetKind; 5] = [
        TargetKind::Auth0,
        TargetKind::Authgear,
        TargetKind::Lms,
        TargetKind::Scim,
        TargetKind::Rest,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TargetKind::Auth0 => "auth0",
            TargetKind::Authgear => "authgear",
            TargetKind::Lms => "lms",
            TargetKind::Scim => "scim",
            TargetKind::Rest => "rest",
        }
    }

    pub fn from_name(name: &str) -> Option<TargetKind> {
        TargetKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for TargetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a target writes dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// `YYYY-MM-DD`.
    Iso,
    /// `DD.MM.YYYY`.
    DayMonthYear,
    /// RFC 3339 date and time, `YYYY-MM-DDTHH:MM:SSZ`.
    DateTime,
}

impl DateFormat {
    /// The pattern as people write it, for messages.
    pub fn pattern(self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD",
            DateFormat::DayMonthYear => "DD.MM.YYYY",
            DateFormat::DateTime => "YYYY-MM-DDTHH:MM:SSZ",
        }
    }
}

/// How a target writes true and false.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoolEncoding {
    /// JSON `true` / `false`.
    Json,
    /// The digits `1` / `0` (as text or number).
    ZeroOne,
}

/// What a field holds, with the facts validation needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Email,
    /// A phone number, in E.164 (`+4930123456`) once normalised.
    Phone,
    Url,
    /// A date written as `format`; `also` lists other formats the target accepts.
    Date {
        format: DateFormat,
        #[serde(default)]
        also: Vec<DateFormat>,
    },
    Boolean {
        encoding: BoolEncoding,
    },
    Integer {
        #[serde(default)]
        min: Option<i64>,
        #[serde(default)]
        max: Option<i64>,
    },
    /// One of a fixed list of values (compared exactly).
    Enum {
        values: Vec<String>,
    },
    /// A list of texts; in a cell, items are separated by `separator`.
    List {
        separator: String,
    },
    /// A JSON object (e.g. Auth0 `app_metadata`), given as JSON text in a cell.
    Object,
}

/// One field of a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The target's own name or path: `email`, `name.givenName`, `emails[work].value`.
    pub name: String,
    pub kind: FieldKind,
    /// Required for every record (a record without it is refused by the target).
    #[serde(default)]
    pub required: bool,
    /// The longest value the target accepts, in characters.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// Whether the field can be a record's unique key (the profile's identifier).
    #[serde(default)]
    pub identifier: bool,
    /// For a field that names another record (a manager): the field of that record it
    /// refers to, e.g. `uid`.
    #[serde(default)]
    pub references: Option<String>,
    /// Other fields the reference may name instead, tried after `references` (a SCIM
    /// manager named by `externalId` or `employeeNumber`, as HR exports do).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_references: Vec<String>,
    /// What a person should know, from the reference document.
    #[serde(default)]
    pub notes: String,
}

/// The fields of one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub target: TargetKind,
    pub fields: Vec<Field>,
}

impl Catalog {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn required(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.required)
    }
}

/// Short constructors for the kinds with settings, so catalogs read as a list of facts.
impl FieldKind {
    /// A date written as `format`, with the other formats the target also accepts.
    pub fn date(format: DateFormat, also: &[DateFormat]) -> FieldKind {
        FieldKind::Date {
            format,
            also: also.to_vec(),
        }
    }

    pub fn boolean(encoding: BoolEncoding) -> FieldKind {
        FieldKind::Boolean { encoding }
    }

    /// One of `values`, compared exactly.
    pub fn one_of(values: &[&str]) -> FieldKind {
        FieldKind::Enum {
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    /// A list of texts, items separated by `separator` in a cell.
    pub fn list(separator: &str) -> FieldKind {
        FieldKind::List {
            separator: separator.to_owned(),
        }
    }

    /// The kind's name as catalogs and messages write it (`text`, `date`, …), the same as its
    /// serde tag.
    pub fn type_name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::Url => "url",
            FieldKind::Date { .. } => "date",
            FieldKind::Boolean { .. } => "boolean",
            FieldKind::Integer { .. } => "integer",
            FieldKind::Enum { .. } => "enum",
            FieldKind::List { .. } => "list",
            FieldKind::Object => "object",
        }
    }
}

/// Builder steps for writing catalogs: `Field::new("uid", FieldKind::Text).require().key()`.
impl Field {
    /// An optional field with no limit, no key role and no notes.
    pub fn new(name: impl Into<String>, kind: FieldKind) -> Field {
        Field {
            name: name.into(),
            kind,
            required: false,
            max_length: None,
            identifier: false,
            references: None,
            also_references: Vec::new(),
            notes: String::new(),
        }
    }

    /// Marks the field required for every record.
    pub fn require(mut self) -> Field {
        self.required = true;
        self
    }

    /// Marks the field as one that can be a record's unique key.
    pub fn key(mut self) -> Field {
        self.identifier = true;
        self
    }

    /// Sets the longest value the target accepts, in characters.
    pub fn limit(mut self, max_length: usize) -> Field {
        self.max_length = Some(max_length);
        self
    }

    /// Names the field of another record this one refers to (a manager's `uid`).
    pub fn refers_to(mut self, field: impl Into<String>) -> Field {
        self.references = Some(field.into());
        self
    }

    /// Names another field the reference may name instead (see `also_references`).
    pub fn or_refers_to(mut self, field: impl Into<String>) -> Field {
        self.also_references.push(field.into());
        self
    }

    /// Sets what a person should know about the field.
    pub fn note(mut self, notes: impl Into<String>) -> Field {
        self.notes = notes.into();
        self
    }
}

impl Catalog {
    /// The fields that can be a record's unique key.
    pub fn identifiers(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.identifier)
    }

    /// The names that occur more than once, each named once, in catalog order.
    pub fn duplicate_names(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        let mut twice: Vec<&str> = Vec::new();
        for field in &self.fields {
            let name = field.name.as_str();
            if !seen.insert(name) && !twice.contains(&name) {
                twice.push(name);
            }
        }
        twice
    }
}

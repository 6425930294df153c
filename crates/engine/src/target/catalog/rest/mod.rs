//! Catalogs for custom REST APIs, which a person defines in TOML because no vendor document
//! describes them. The idea follows `000_0f58da2e97e1b62a.txt` (MangoApps "Import via API"):
//! the person lists the API's field names, and one field is the user identifier.
//!
//! A definition is a list of `[[field]]` tables:
//!
//! ```toml
//! [[field]]
//! name = "employee_id"
//! type = "text"
//! required = true
//! identifier = true
//!
//! [[field]]
//! name = "start"
//! type = "date"
//! format = "iso"
//! ```
//!
//! Keys of a field table: `name` and `type` (one of `text`, `email`, `phone`, `url`, `date`,
//! `boolean`, `integer`, `enum`, `list`, `object`), then optionally `required`, `identifier`,
//! `max_length`, `references` (another field's name, for managers), `also_references` (other
//! fields a manager may be named by) and `notes`, plus the
//! settings of the type: `format` and `also` for dates (`iso`, `day_month_year`, `date_time`,
//! or the patterns `YYYY-MM-DD`, `DD.MM.YYYY`, `YYYY-MM-DDTHH:MM:SSZ`; default `iso`),
//! `encoding` for booleans (`json` or `zero_one`; default `json`), `min`/`max` for integers,
//! `values` for enums (required) and `separator` for lists (default `,`).
//!
//! This flat table is not [`Field`](super::Field)'s own serde form, which nests the kind
//! (`kind = { type = "date", format = "iso" }`); a private mirror (`definition`) reads the flat
//! form and the checks (`read`, `rules`) turn mistakes into sentences a person can act on.
//! Muster's own rules on top of TOML: at least one field, at most [`MAX_FIELDS`], unique names,
//! at least one identifier, identifiers of a single-value kind, references that name another
//! field.
//!
//! [`to_toml`] writes any catalog back in this form; [`CatalogError`] holds every refusal as a
//! sentence.

mod definition;
mod error;
mod names;
mod read;
mod rules;
mod write;

#[cfg(test)]
mod tests;

pub use error::CatalogError;
pub use read::from_toml;
pub use write::to_toml;

/// The most fields one definition may hold: far above any real API, low enough to catch a
/// generated or pasted file gone wrong.
pub const MAX_FIELDS: usize = 1000;

/// The type names a definition may use, in the order messages list them.
pub const TYPE_NAMES: [&str; 10] = [
    "text", "email", "phone", "url", "date", "boolean", "integer", "enum", "list", "object",
];

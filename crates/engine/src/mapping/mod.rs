//! Mapping: from a person's columns to a target's fields. A profile says, for each target
//! field, where its value comes from (a column, a constant, a template over columns) and
//! which transforms tidy it up on the way.

mod mapper;
mod profile;
pub mod suggest;
pub mod transform;

pub use mapper::{BoundField, Mapped, Mapper, Record, fill_template};
pub use profile::{FieldMapping, PROFILE_VERSION, Profile, ProfileError, SkipRule, SourceSettings};

#[cfg(test)]
mod tests {
    mod mapper;
}

//! Suggested mappings: from a file's column names and a sample of its rows, propose for each
//! target field the best source column with a confidence and a reason a person can read,
//! then turn the confident proposals into a [`Profile`] with sensible transforms.
//!
//! # How columns are scored
//!
//! 1. **Concepts.** Headers and catalog fields meet through concepts (`concept`): email,
//!    given name, family name, full name, employee id, username, department, job title,
//!    birth date, hire date, phone, mobile, gender, manager, active flag, cost center,
//!    location and about thirty more. The vocabulary (`vocabulary`) lists what people call
//!    each one in English, German, French and Spanish; catalog fields are given concepts by
//!    name (`fields`: LMS `secondname` is the family name, SCIM `title` the job title).
//! 2. **Headers** (`header`, `context`). Headers are folded (`normal`: accents, case,
//!    punctuation and spaces gone, so `E-Mail`, `e_mail` and `EMAIL` are one). An exact
//!    vocabulary word scores its weight (1.0, less for words like `Name` or `Status` that
//!    usually but not always mean the concept); a word contained in the header (`Work
//!    Email` ⊃ `email`) scores 0.55–0.9 of it by how much of the header it covers; a
//!    Jaro-Winkler near miss (≥ 0.9, typos) 0.8 of it. Qualifiers turn "Manager E-Mail"
//!    into the manager, and `Name` beside `Vorname` is read as the family name.
//! 3. **Values** (`values`, `shape`). For each column, the share of sampled values that
//!    look like emails, phone numbers, dates, yes/no words, gender words, links, unique ids,
//!    logins, names and full names.
//! 4. **Combined** (`score`): header score h and value fit v give h × (0.35 + 0.65 v), or
//!    0.9 h when values cannot tell (free text, no sample). Values alone count only under
//!    a header that means nothing, and only for distinctive shapes: a `Kontakt` column of
//!    addresses scores 0.8 for email; dates, flags and names are never mapped on values
//!    alone.
//! 5. **Assignment** (`assign`): greedy, best pair first, each column to at most one field
//!    and each field at most one column, with two exceptions. A full-name column feeds
//!    empty given- and family-name fields through `split_name`. And a required login field
//!    (LMS `login`, SCIM `userName`, Authgear `preferred_username` when it is the
//!    identifier) that no login column fills well enough to be mapped takes the email
//!    field's column too (`login`), at 0.8 of the email's confidence: most HR exports hold
//!    no logins, and the address is what people sign in with. Optional logins (Auth0
//!    `username`) are not filled this way.
//!
//! # From suggestions to a profile
//!
//! [`profile_from`] maps every suggestion at or above [`MAP_THRESHOLD`], picks the
//! identifier (`build`) and adds transforms from the sample (`transforms`, `dates`,
//! `maps`); a login fed by the email column is trimmed and lower-cased like the email.
//! Required fields without a column stay unmapped; [`unmapped_required`] lists them for the
//! person.

mod assign;
mod build;
mod concept;
mod context;
mod dates;
mod fields;
mod header;
mod login;
mod maps;
mod normal;
mod score;
mod shape;
mod transforms;
mod values;
mod vocabulary;
mod words;

#[cfg(test)]
mod tests;

pub use build::{MAP_THRESHOLD, profile_from, unmapped_required};

#[cfg(doc)]
use crate::mapping::Profile;
use crate::sheet::Row;
use crate::target::catalog::Catalog;

/// The proposed source of one target field.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The catalog field's name.
    pub field: String,
    /// The proposed column's header, or `None` when no column fits well enough.
    pub column: Option<String>,
    /// How sure the proposal is, from 0.0 to 1.0; 0.0 without a column.
    pub confidence: f32,
    /// Why, for people: `header "E-Mail" means email; 98% of sampled values are email
    /// addresses`.
    pub reason: String,
}

/// One suggestion per catalog field, in catalog order. Each column is proposed for at most
/// one field, except that a full-name column also feeds given and family names the file
/// lacks, and the email column also feeds a required login the file lacks; fields without a
/// good column get `column: None`. `sample` holds data rows whose cells line up with
/// `columns`.
pub fn suggest(catalog: &Catalog, columns: &[String], sample: &[Row]) -> Vec<Suggestion> {
    let readings = context::read_columns(columns);
    let scored: Vec<score::Column> = columns
        .iter()
        .zip(readings)
        .enumerate()
        .map(|(i, (header, readings))| {
            // A blank header cannot be named in a profile, so it is given nothing to match.
            let blank = header.trim().is_empty();
            score::Column {
                header,
                readings: if blank { Vec::new() } else { readings },
                shape: if blank {
                    shape::Shape::default()
                } else {
                    shape::Shape::of(sample.iter().map(|row| row.cell(i)))
                },
            }
        })
        .collect();
    let wants: Vec<fields::Wants> = catalog.fields.iter().map(fields::wants).collect();
    assign::assign(catalog, &wants, &scored)
}

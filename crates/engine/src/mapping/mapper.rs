//! A profile bound to one source's columns: column names resolved to positions once, so
//! mapping a row is a handful of slice look-ups and the transforms, with no allocation in
//! the steady state (a [`Record`] is refilled row after row, each transform chain
//! writing its result straight into the field's string).

use super::profile::{FieldMapping, Profile, ProfileError};
use super::transform::{Prepared, TransformError, apply_all, trimmed};
use crate::sheet::Row;
use crate::target::catalog::Catalog;

/// One target field and how to fill it from a row.
#[derive(Debug, Clone)]
pub struct BoundField {
    /// The target field's name.
    pub target: String,
    /// The field's position in the catalog.
    pub catalog_index: usize,
    /// The source column named in messages (the template's columns joined for templates).
    pub column: Option<String>,
    source: Source,
    transforms: Vec<Prepared>,
    /// An earlier field with the same column and transforms (e-mail and login from one
    /// column), whose value this one copies instead of working it out again.
    same_as: Option<usize>,
}

#[derive(Debug, Clone)]
enum Source {
    Column(usize),
    Constant(String),
    Template(Vec<Piece>),
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Column(usize),
}

#[derive(Debug, Clone)]
struct BoundSkip {
    column: usize,
    any_of: Vec<String>,
    is_empty: bool,
}

/// A row mapped onto the profile's fields, in the order of [`Mapper::fields`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The source row number as the person sees it.
    pub row: u64,
    pub values: Vec<String>,
    /// Fields whose transforms failed; their value is the input as it stood.
    pub failures: Vec<(usize, TransformError)>,
}

/// What became of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapped {
    Record,
    /// Left out by the skip rule at this position of the profile.
    Skipped(usize),
}

/// A profile ready to map rows of one source.
#[derive(Debug, Clone)]
pub struct Mapper {
    fields: Vec<BoundField>,
    skips: Vec<BoundSkip>,
    identifier: usize,
}

impl Mapper {
    /// Binds a checked profile to the source's column names.
    pub fn new(
        profile: &Profile,
        catalog: &Catalog,
        columns: &[String],
    ) -> Result<Mapper, ProfileError> {
        profile.check(catalog)?;
        let find = |name: &str| find_column(columns, name);
        let mut fields = Vec::with_capacity(profile.fields.len());
        for mapping in &profile.fields {
            let mut field = bind_field(mapping, catalog, &find)?;
            field.same_as = fields.iter().position(|earlier: &BoundField| {
                matches!((&earlier.source, &field.source), (Source::Column(a), Source::Column(b)) if a == b)
                    && !field.transforms.is_empty()
                    && earlier.transforms == field.transforms
            });
            fields.push(field);
        }
        let skips = profile
            .skips
            .iter()
            .map(|rule| {
                Ok(BoundSkip {
                    column: find(&rule.column)?,
                    any_of: rule.is.iter().map(|v| v.trim().to_lowercase()).collect(),
                    is_empty: rule.is_empty,
                })
            })
            .collect::<Result<_, ProfileError>>()?;
        let identifier = fields
            .iter()
            .position(|f: &BoundField| f.target == profile.identifier)
            .ok_or_else(|| ProfileError::IdentifierNotMapped {
                identifier: profile.identifier.clone(),
            })?;
        Ok(Mapper {
            fields,
            skips,
            identifier,
        })
    }

    pub fn fields(&self) -> &[BoundField] {
        &self.fields
    }

    /// The position of the identifier among [`Mapper::fields`].
    pub fn identifier(&self) -> usize {
        self.identifier
    }

    /// Maps one row into `record`, reusing its buffers.
    pub fn map(&self, row: &Row, record: &mut Record) -> Mapped {
        for (index, skip) in self.skips.iter().enumerate() {
            let cell = trimmed(row.cell(skip.column));
            let hit = (skip.is_empty && cell.is_empty())
                || skip.any_of.iter().any(|v| {
                    v.eq_ignore_ascii_case(cell) || (!cell.is_ascii() && *v == cell.to_lowercase())
                });
            if hit {
                return Mapped::Skipped(index);
            }
        }
        record.row = row.number;
        record.failures.clear();
        // Room for a typical cell up front: a new record's first row then costs one
        // allocation a field instead of a string growing two or three times.
        record
            .values
            .resize_with(self.fields.len(), || String::with_capacity(32));
        let failures = &mut record.failures;
        for (index, field) in self.fields.iter().enumerate() {
            let (done, rest) = record.values.split_at_mut(index);
            let Some(slot) = rest.first_mut() else { break };
            slot.clear();
            // `same_as` names an earlier field, so its value is among those done.
            if let Some((earlier, value)) = field
                .same_as
                .and_then(|earlier| Some((earlier, done.get(earlier)?)))
            {
                slot.push_str(value);
                if let Some((_, error)) = failures.iter().find(|(i, _)| *i == earlier) {
                    let error = error.clone();
                    failures.push((index, error));
                }
                continue;
            }
            match &field.source {
                Source::Column(column) => {
                    fill_slot(field, row.cell(*column), slot, index, failures)
                }
                Source::Constant(text) => fill_slot(field, text, slot, index, failures),
                Source::Template(pieces) => {
                    fill_slot(field, &fill(pieces, row), slot, index, failures)
                }
            }
        }
        Mapped::Record
    }
}

/// Writes the field's value made from `raw` into its slot (emptied by the caller).
/// Inlined: a call per field costs as much as copying a short cell.
#[inline(always)]
fn fill_slot(
    field: &BoundField,
    raw: &str,
    slot: &mut String,
    index: usize,
    failures: &mut Vec<(usize, TransformError)>,
) {
    if let Err(error) = apply_all(&field.transforms, raw, slot) {
        // Validation reports the failure; the value stays as the person wrote it.
        failures.push((index, error));
        slot.clear();
        slot.push_str(raw);
    }
}

fn bind_field(
    mapping: &FieldMapping,
    catalog: &Catalog,
    find: &impl Fn(&str) -> Result<usize, ProfileError>,
) -> Result<BoundField, ProfileError> {
    let catalog_index = catalog
        .fields
        .iter()
        .position(|f| f.name == mapping.target)
        .ok_or_else(|| {
            ProfileError::Invalid(format!(
                "\"{}\" is not a field of the target",
                mapping.target
            ))
        })?;
    let (source, column) = match (&mapping.column, &mapping.constant, &mapping.template) {
        (Some(column), None, None) => (Source::Column(find(column)?), Some(column.clone())),
        (None, Some(constant), None) => (Source::Constant(constant.clone()), None),
        (None, None, Some(template)) => {
            let pieces = parse_template(template, find)?;
            let names: Vec<&str> = template_columns(template);
            (Source::Template(pieces), Some(names.join(" + ")))
        }
        _ => return Err(ProfileError::NoSingleSource(mapping.target.clone())),
    };
    Ok(BoundField {
        target: mapping.target.clone(),
        catalog_index,
        column,
        source,
        transforms: mapping
            .transforms
            .iter()
            .cloned()
            .map(Prepared::new)
            .collect(),
        same_as: None,
    })
}

/// A column by its name: exactly, else ignoring case and surrounding spaces.
fn find_column(columns: &[String], name: &str) -> Result<usize, ProfileError> {
    columns
        .iter()
        .position(|c| c == name)
        .or_else(|| {
            let wanted = name.trim().to_lowercase();
            columns.iter().position(|c| c.trim().to_lowercase() == wanted)
        })
        .ok_or_else(|| {
            ProfileError::Invalid(format!(
                "the file has no column \"{name}\" (its columns are: {}); fix the profile or the file's header",
                columns.join(", ")
            ))
        })
}

/// `{Vorname}.{Nachname}@firma.de` → text and column pieces; `{{` and `}}` are literal braces.
fn parse_template(
    template: &str,
    find: &impl Fn(&str) -> Result<usize, ProfileError>,
) -> Result<Vec<Piece>, ProfileError> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut name = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    name.push(c);
                }
                if !closed {
                    return Err(ProfileError::Invalid(format!(
                        "the template \"{template}\" opens a brace it does not close"
                    )));
                }
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Column(find(&name)?));
            }
            '}' => {
                return Err(ProfileError::Invalid(format!(
                    "the template \"{template}\" closes a brace it did not open (write }}}} for a brace)"
                )));
            }
            other => text.push(other),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// `template` filled from `row` as the mapper fills it (each column's cell trimmed), for
/// showing a person what a template makes of their rows.
pub fn fill_template(
    template: &str,
    columns: &[String],
    row: &Row,
) -> Result<String, ProfileError> {
    let pieces = parse_template(template, &|name: &str| find_column(columns, name))?;
    Ok(fill(&pieces, row))
}

fn template_columns(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty())
        .collect()
}

fn fill(pieces: &[Piece], row: &Row) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Column(column) => out.push_str(row.cell(*column).trim()),
        }
    }
    out
}

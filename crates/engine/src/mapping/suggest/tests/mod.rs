//! Whole-file scenarios: realistic exports in four languages onto the built-in targets,
//! and the profiles built from them.

mod exports;
mod login;
mod profiles;
mod shapes;
mod transforms;

use super::{Suggestion, profile_from};
use crate::mapping::Profile;
use crate::mapping::transform::Transform;
use crate::sheet::Row;
use crate::target::catalog::{Catalog, TargetKind, builtin, scim::ENTERPRISE_SCHEMA};

/// A small file: the header line and data lines, cells split at `separator`.
pub(super) struct File {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl File {
    pub(super) fn new(separator: char, header: &str, lines: &[&str]) -> File {
        let split = |line: &str| -> Vec<String> {
            line.split(separator).map(|c| c.trim().to_owned()).collect()
        };
        File {
            columns: split(header),
            rows: lines
                .iter()
                .enumerate()
                .map(|(i, line)| Row::from_cells(i as u64 + 2, split(line)))
                .collect(),
        }
    }

    pub(super) fn suggest(&self, catalog: &Catalog) -> Vec<Suggestion> {
        super::suggest(catalog, &self.columns, &self.rows)
    }
}

pub(super) fn catalog(kind: TargetKind) -> Catalog {
    builtin(kind).unwrap_or_else(|| panic!("no built-in catalog for {kind}"))
}

/// The suggestion for `field`.
pub(super) fn find<'a>(suggestions: &'a [Suggestion], field: &str) -> &'a Suggestion {
    suggestions
        .iter()
        .find(|s| s.field == field)
        .unwrap_or_else(|| panic!("no suggestion for {field}"))
}

/// The column suggested for `field`.
pub(super) fn column<'a>(suggestions: &'a [Suggestion], field: &str) -> Option<&'a str> {
    find(suggestions, field).column.as_deref()
}

/// Asserts each (field, column) pair, with the suggestions in the message.
pub(super) fn assert_columns(suggestions: &[Suggestion], expected: &[(&str, Option<&str>)]) {
    for (field, want) in expected {
        assert_eq!(
            column(suggestions, field),
            *want,
            "{field}: {:#?}",
            find(suggestions, field)
        );
    }
}

/// Checks that no column went to two fields, leaving out `sharing`: the logins expected to
/// share the email column.
pub(super) fn assert_each_column_once(suggestions: &[Suggestion], sharing: &[&str]) {
    let mut used: Vec<&str> = suggestions
        .iter()
        .filter(|s| !sharing.contains(&s.field.as_str()))
        .filter_map(|s| s.column.as_deref())
        .collect();
    used.sort_unstable();
    let before = used.len();
    used.dedup();
    assert_eq!(before, used.len(), "{suggestions:#?}");
}

pub(super) fn enterprise(attribute: &str) -> String {
    format!("{ENTERPRISE_SCHEMA}:{attribute}")
}

pub(super) const GERMAN: &str = "Personalnummer;Vorname;Nachname;E-Mail;Abteilung;Position;\
    Geburtsdatum;Eintrittsdatum;Telefon;Geschlecht;Vorgesetzter;Aktiv";

pub(super) const GERMAN_ROWS: &[&str] = &[
    "10023;Anna;Schmidt;Anna.Schmidt@firma.de;Vertrieb;Vertriebsleiterin;15.03.1985;01.04.2015;030 1234567;w;;ja",
    "10024;Jonas;Müller;jonas.mueller@firma.de;Vertrieb;Außendienst;02.11.1990;15.08.2018;0170 2345678;m;10023;ja",
    "10025;Lea;Weber;lea.weber@firma.de;IT;Entwicklerin;23.07.1993;01.10.2020;+49 30 3456789;w;10023;nein",
    "10026;Mehmet;Yılmaz;mehmet.yilmaz@firma.de;IT;Administrator;30.01.1979;01.02.2001;030 4567890;m;10025;ja",
];

pub(super) fn german() -> File {
    File::new(';', GERMAN, GERMAN_ROWS)
}

/// The profile built from `file`'s own suggestions.
pub(super) fn build(file: &File, catalog: &Catalog, country: &str) -> Profile {
    let suggestions = file.suggest(catalog);
    profile_from(catalog, &suggestions, &file.rows, &file.columns, country)
}

/// The transforms the profile gives `field`; panics when it is not mapped.
pub(super) fn transforms<'a>(profile: &'a Profile, field: &str) -> &'a [Transform] {
    profile
        .fields
        .iter()
        .find(|m| m.target == field)
        .map(|m| m.transforms.as_slice())
        .unwrap_or_else(|| panic!("{field} is not mapped: {profile:#?}"))
}

/// A `map` transform's table from pairs.
pub(super) fn map_pairs(list: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

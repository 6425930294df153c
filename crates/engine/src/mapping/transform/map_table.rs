//! A small `map` table prepared once for the common lookup, an ASCII cell against ASCII
//! keys: a scan over a few entries instead of a `BTreeMap` search with string
//! comparisons, then a second scan ignoring case.
//!
//! It finds what `map::lookup` finds. With ASCII on both sides Unicode case folding
//! finds nothing that ASCII folding misses, so `map`'s slow comparison never runs; a
//! non-ASCII key, though, can fold onto an ASCII cell (the Kelvin sign "K" onto "k"), so
//! tables with one are not prepared, and non-ASCII cells go the general way.

use std::collections::BTreeMap;

use super::trimmed;

/// Tables with more keys than this keep the `BTreeMap` search.
const MOST_KEYS: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AsciiTable {
    /// In the `BTreeMap`'s order, which decides between keys that match alike.
    entries: Vec<Entry>,
    ignore_case: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: Box<str>,
    trimmed: Box<str>,
    value: Box<str>,
}

/// What a prepared table knows about a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup<'m> {
    Found(&'m str),
    Missing,
    /// Not an ASCII cell: ask `map::apply`.
    Unknown,
}

impl AsciiTable {
    /// `None` for tables it cannot answer for: non-ASCII or too many keys.
    pub(crate) fn new(values: &BTreeMap<String, String>, ignore_case: bool) -> Option<Self> {
        if values.len() > MOST_KEYS || !values.keys().all(|k| k.is_ascii()) {
            return None;
        }
        let entries = values
            .iter()
            .map(|(key, value)| Entry {
                key: key.as_str().into(),
                trimmed: key.trim().into(),
                value: value.as_str().into(),
            })
            .collect();
        Some(AsciiTable {
            entries,
            ignore_case,
        })
    }

    /// The mapped value of a (non-blank) cell: an exact key first, then a key that
    /// matches once both are trimmed (and, with `ignore_case`, ASCII case folded).
    pub(crate) fn get(&self, cell: &str) -> Lookup<'_> {
        let key = trimmed(cell);
        if !key.is_ascii() {
            return Lookup::Unknown;
        }
        let exact = self.entries.iter().find(|e| *e.key == *key);
        let found = exact.or_else(|| {
            self.entries.iter().find(|e| {
                if self.ignore_case {
                    e.trimmed.eq_ignore_ascii_case(key)
                } else {
                    *e.trimmed == *key
                }
            })
        });
        found.map_or(Lookup::Missing, |e| Lookup::Found(&e.value))
    }
}

#[cfg(test)]
mod tests {
    use super::super::map::lookup;
    use super::*;

    fn table(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// The prepared table answers as `map::lookup` does for every cell of up to four
    /// characters from a tricky alphabet, with and without case, over tables with
    /// keys that differ only in case or spaces.
    #[test]
    fn finds_what_the_general_lookup_finds() {
        let tables = [
            table(&[("yes", "1"), ("no", "0")]),
            table(&[
                ("Ja", "1"),
                ("ja", "2"),
                (" NO ", "0"),
                ("k", "kilo"),
                ("y e", "3"),
            ]),
            table(&[("YES", "yes"), ("Yes", "Yes"), ("n\to", "0"), ("s", "")]),
        ];
        let alphabet = [
            "y", "Y", "e", "S", "s", "k", "K", "n", "o", "N", " ", "\t", "\u{a0}", "\u{212a}", "é",
        ];
        let mut cells = vec![String::new()];
        let mut newest = cells.clone();
        for _ in 0..4 {
            newest = newest
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            cells.extend(newest.iter().cloned());
        }
        for values in &tables {
            for ignore_case in [true, false] {
                let Some(prepared) = AsciiTable::new(values, ignore_case) else {
                    panic!("{values:?} is a small ASCII table");
                };
                for cell in &cells {
                    let general = lookup(values, cell, ignore_case).map(String::as_str);
                    match prepared.get(cell) {
                        Lookup::Found(value) => assert_eq!(Some(value), general, "{cell:?}"),
                        Lookup::Missing => assert_eq!(None, general, "{cell:?}"),
                        Lookup::Unknown => assert!(!cell.trim().is_ascii(), "{cell:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn only_small_ascii_tables_are_prepared() {
        assert!(AsciiTable::new(&table(&[("über", "x")]), true).is_none());
        let many: BTreeMap<String, String> = (0..=MOST_KEYS)
            .map(|i| (i.to_string(), String::new()))
            .collect();
        assert!(AsciiTable::new(&many, true).is_none());
    }
}

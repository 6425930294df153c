//! Managers named by another key than the identifier: an HR export names a manager by
//! personnel number while the SCIM job is keyed by `userName`. The journal's `manager`
//! column must hold the manager's identifier for the runner to send managers before the
//! people who report to them, so such names are translated once the job is journaled
//! (a manager may come later in the file than the report).

use std::collections::HashMap;

use crate::mapping::{Mapper, Record};
use crate::target::catalog::Catalog;
use crate::validate::manager_keys;

/// The other keys' values seen, and the manager names to translate.
pub(super) struct ManagerKeys {
    keys: Vec<usize>,
    /// A key's value → the identifier of the record that has it.
    by_key: HashMap<String, String>,
    /// Source row → the manager as the file names it.
    named: Vec<(u64, String)>,
}

impl ManagerKeys {
    /// `None` when the manager can only be named by the identifier (nothing to translate).
    pub(super) fn new(
        catalog: &Catalog,
        mapper: &Mapper,
        manager: Option<usize>,
    ) -> Option<ManagerKeys> {
        let keys = manager_keys(catalog, mapper, manager?);
        (!keys.is_empty()).then(|| ManagerKeys {
            keys,
            by_key: HashMap::new(),
            named: Vec::new(),
        })
    }

    /// Notes a journaled record's keys and the manager it names.
    pub(super) fn note(&mut self, record: &Record, identifier: &str, manager: Option<&str>) {
        for &key in &self.keys {
            let value = record.values[key].trim();
            if !value.is_empty() {
                self.by_key
                    .entry(value.to_owned())
                    .or_insert_with(|| identifier.to_owned());
            }
        }
        if let Some(manager) = manager {
            self.named.push((record.row, manager.to_owned()));
        }
    }

    /// (source row, the manager's identifier) for every manager named by another key.
    pub(super) fn translated(self) -> Vec<(u64, String)> {
        let ManagerKeys { by_key, named, .. } = self;
        named
            .into_iter()
            .filter_map(|(row, name)| Some((row, by_key.get(&name)?.clone())))
            .collect()
    }
}

//! Checks across records with one small entry per record: a 64-bit hash of each value and
//! the row it was first seen on (about 20 bytes a record, whatever the values' length).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Values seen so far and where.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    first_row: HashMap<u64, u64>,
    ignore_case: bool,
}

impl Seen {
    pub fn new(ignore_case: bool) -> Seen {
        Seen {
            first_row: HashMap::new(),
            ignore_case,
        }
    }

    /// Records `value` on `row`; returns the earlier row if it was seen before.
    pub fn insert(&mut self, value: &str, row: u64) -> Option<u64> {
        let key = self.key(value);
        match self.first_row.get(&key) {
            Some(&first) => Some(first),
            None => {
                self.first_row.insert(key, row);
                None
            }
        }
    }

    pub fn contains(&self, value: &str) -> bool {
        self.first_row.contains_key(&self.key(value))
    }

    fn key(&self, value: &str) -> u64 {
        let mut hasher = DefaultHasher::new();
        let value = value.trim();
        if self.ignore_case {
            for c in value.chars().flat_map(char::to_lowercase) {
                c.hash(&mut hasher);
            }
        } else {
            value.hash(&mut hasher);
        }
        hasher.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Seen;

    #[test]
    fn the_first_row_of_a_value_is_remembered() {
        let mut ids = Seen::new(false);
        assert_eq!(ids.insert("E1", 2), None);
        assert_eq!(ids.insert(" E1 ", 9), Some(2));
        assert_eq!(ids.insert("e1", 10), None);
        let mut emails = Seen::new(true);
        assert_eq!(emails.insert("Ann@X.io", 3), None);
        assert_eq!(emails.insert("ann@x.io", 4), Some(3));
        assert!(emails.contains("ANN@x.io"));
    }
}

//! What the pull tests read back: the records a pull spooled, parsed, in order.

use muster_engine::source::Pulled;
use muster_engine::store::Store;
use serde_json::{Map, Value};

pub fn records(store: &Store, pulled: &Pulled) -> Vec<Map<String, Value>> {
    let mut out = Vec::new();
    store.write_pulled(pulled.pull, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The values of `field` in `records`, sorted.
pub fn sorted(records: &[Map<String, Value>], field: &str) -> Vec<String> {
    let mut values: Vec<String> = records
        .iter()
        .map(|r| r[field].as_str().unwrap().to_owned())
        .collect();
    values.sort();
    values
}

use std::time::Duration;

use super::Budget;
use crate::store::Store;

#[test]
fn the_budget_waits_once_the_window_is_full_and_counts_what_an_earlier_run_sent() {
    let store = Store::in_memory().unwrap();
    let budget = Budget {
        bucket: "list",
        limit: 3,
        window: Duration::from_secs(3600),
    };
    for _ in 0..3 {
        assert_eq!(budget.wait(&store, "hris").unwrap(), None);
        budget.note(&store, "hris").unwrap();
    }
    let wait = budget.wait(&store, "hris").unwrap().unwrap();
    assert!(wait > Duration::from_secs(3590) && wait <= Duration::from_secs(3637));
    // Another connection has its own budget.
    assert_eq!(budget.wait(&store, "other").unwrap(), None);
    assert_eq!(budget.describe(), "3 list requests an hour");
}

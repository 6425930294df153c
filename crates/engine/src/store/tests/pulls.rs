use super::{PullState, SpooledPage};
use crate::store::Store;

fn page<'a>(records: &'a [(String, String)], next: Option<&'a str>) -> SpooledPage<'a> {
    SpooledPage {
        records,
        next_page: next,
        newest: None,
    }
}

fn rec(key: &str, v: u32) -> (String, String) {
    (key.to_owned(), format!("{{\"uid\":\"{key}\",\"v\":{v}}}"))
}

#[test]
fn pages_spool_in_order_and_a_user_met_again_keeps_its_place_with_the_newer_copy() {
    let mut store = Store::in_memory().unwrap();
    let pull = store.start_pull("hris", "{}").unwrap();
    let first = [rec("E1", 1), rec("E2", 1)];
    assert_eq!(store.spool_page(pull, &page(&first, Some("2"))).unwrap(), 2);
    let unfinished = store.unfinished_pull("hris").unwrap().unwrap();
    assert_eq!(unfinished.state, PullState::Pulling);
    assert_eq!(unfinished.next_page.as_deref(), Some("2"));
    let second = [rec("E3", 1), rec("E1", 2)];
    assert_eq!(store.spool_page(pull, &page(&second, None)).unwrap(), 1);
    let done = store.pull(pull).unwrap();
    assert_eq!(
        (done.state, done.pages, done.records),
        (PullState::Pulled, 2, 3)
    );
    let mut out = Vec::new();
    assert_eq!(store.write_pulled(pull, &mut out).unwrap(), 3);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"uid\":\"E1\",\"v\":2}\n{\"uid\":\"E2\",\"v\":1}\n{\"uid\":\"E3\",\"v\":1}\n"
    );
}

#[test]
fn a_new_pull_abandons_the_unfinished_one_and_a_journaled_pull_is_finished() {
    let mut store = Store::in_memory().unwrap();
    let old = store.start_pull("hris", "{}").unwrap();
    store
        .spool_page(old, &page(&[rec("E1", 1)], Some("2")))
        .unwrap();
    let new = store.start_pull("hris", "{}").unwrap();
    assert_eq!(store.pull(old).unwrap().state, PullState::Abandoned);
    assert!(store.pulled_keys(old).unwrap().is_empty());
    store.spool_page(new, &page(&[rec("E9", 1)], None)).unwrap();
    store.pull_journaled(new, 1).unwrap_err(); // no job 1: the foreign key holds
    assert!(store.unfinished_pull("hris").unwrap().is_some());
}

#[test]
fn request_times_are_kept_per_connection_and_bucket_and_old_ones_forgotten() {
    let store = Store::in_memory().unwrap();
    for at in [1_000, 2_000, 3_000] {
        store.note_source_request("hris", "list", at).unwrap();
    }
    store.note_source_request("hris", "lookup", 2_500).unwrap();
    assert_eq!(
        store.source_requests("hris", "list", 1_500).unwrap(),
        vec![2_000, 3_000]
    );
    assert_eq!(
        store.source_requests("hris", "list", 0).unwrap(),
        vec![2_000, 3_000]
    );
    assert_eq!(
        store.source_requests("hris", "lookup", 0).unwrap(),
        vec![2_500]
    );
}

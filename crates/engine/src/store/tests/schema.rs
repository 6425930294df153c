use std::sync::{Arc, Barrier};

use crate::store::Store;

#[test]
fn the_migrations_are_valid() {
    assert!(super::migrations().validate().is_ok());
}

#[test]
fn a_new_store_opened_by_several_at_once_opens_for_all() {
    // The desktop app's first screen asks for the app's info and the job list at the same
    // moment: both open a store that does not exist yet.
    for _ in 0..20 {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("muster.db");
        let start = Arc::new(Barrier::new(4));
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let (path, start) = (path.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&path).map(|store| store.jobs().map(|jobs| jobs.len()))
                })
            })
            .collect();
        for opener in openers {
            let jobs = opener
                .join()
                .expect("no panic")
                .expect("the store opens")
                .expect("its jobs are read");
            assert_eq!(jobs, 0);
        }
    }
}

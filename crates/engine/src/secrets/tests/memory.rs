use super::*;

#[test]
fn stores_overwrites_and_deletes() {
    let store = MemorySecrets::default();
    assert_eq!(store.get("acme", "token").unwrap(), None);
    store.set("acme", "token", &Secret::new("one")).unwrap();
    store.set("other", "token", &Secret::new("other")).unwrap();
    assert_eq!(
        store.get("acme", "token").unwrap(),
        Some(Secret::new("one"))
    );
    store.set("acme", "token", &Secret::new("two")).unwrap();
    assert_eq!(store.require("acme", "token").unwrap().expose(), "two");
    assert!(store.delete("acme", "token").unwrap());
    assert!(!store.delete("acme", "token").unwrap());
    assert_eq!(store.get("acme", "token").unwrap(), None);
    assert_eq!(
        store.get("other", "token").unwrap(),
        Some(Secret::new("other"))
    );
}

#[test]
fn debug_does_not_show_values() {
    let store = MemorySecrets::default();
    store.set("acme", "token", &Secret::new("hunter2")).unwrap();
    let shown = format!("{store:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("acme/token"), "{shown}");
}

use super::{Seen, digest, needs_folding};

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
    assert!(!emails.contains("bob@x.io"));
    assert_eq!(emails.insert("ZOË@x.io", 5), None);
    assert_eq!(emails.insert("zoë@x.io", 6), Some(5));
}

#[test]
fn an_empty_table_contains_nothing() {
    let mut seen = Seen::new(false);
    assert!(!seen.contains("E1"));
    seen.reserve(0);
    assert!(!seen.contains("E1"));
}

/// Growing from nothing and sizing up front give the same answers, for every value.
#[test]
fn a_table_that_grows_finds_what_a_reserved_one_finds() {
    let mut grown = Seen::new(false);
    let mut reserved = Seen::new(false);
    reserved.reserve(20_000);
    for row in 0..30_000u64 {
        // Every third row repeats the value of the row 1,000 before it.
        let repeats = row % 3 == 0 && row >= 1000;
        let value = format!("E{}", if repeats { row - 1000 } else { row });
        let first = grown.insert(&value, row);
        assert_eq!(first, reserved.insert(&value, row), "{value}");
        assert_eq!(first, repeats.then(|| row - 1000), "{value}");
    }
    for row in (0..30_000u64).filter(|row| row % 3 != 0 || *row < 1000) {
        assert!(grown.contains(&format!("E{row}")), "E{row}");
        assert!(reserved.contains(&format!("E{row}")), "E{row}");
    }
    assert!(!grown.contains("E30000"));
    assert!(!reserved.contains("E30000"));
}

#[test]
fn digests_ignore_surrounding_space_and_case_when_asked() {
    let mut scratch = String::new();
    let plain = digest("ann@x.io", true, &mut scratch);
    assert_eq!(digest(" Ann@X.io ", true, &mut scratch), plain);
    assert_ne!(digest("Ann@X.io", false, &mut scratch), plain);
    assert_eq!(digest("ann@x.io", false, &mut scratch), plain);
    assert_ne!(digest("", false, &mut scratch), 0);
}

/// Asking for slots ahead is only a hint: on an empty table, for an empty value and for
/// values there or not, the answers stay the same.
#[test]
fn asking_for_slots_ahead_changes_no_answer() {
    let mut seen = Seen::new(false);
    let e1 = digest("E1", false, &mut String::new());
    let e2 = digest("E2", false, &mut String::new());
    seen.load_soon(e1);
    seen.load_soon(0);
    assert_eq!(seen.first_row(e1), None);
    seen.reserve(100);
    assert_eq!(seen.insert_digest(e1, 7), None);
    for d in [e1, e2, 0, u64::MAX] {
        seen.load_soon(d);
    }
    assert_eq!(seen.first_row(e1), Some(7));
    assert_eq!(seen.insert_digest(e2, 9), None);
    assert_eq!(seen.insert_digest(e1, 11), Some(7));
}

/// A table for a million values (18 MB, past the size given 2 MB pages) keeps what it is
/// given, through a growth too.
#[test]
fn a_large_table_keeps_its_values() {
    let mut seen = Seen::new(false);
    seen.reserve(1_000_000);
    let mut scratch = String::new();
    let ids: Vec<u64> = (0..2_000_000)
        .map(|i| digest(&format!("E{i}"), false, &mut scratch))
        .collect();
    for (row, &id) in ids.iter().enumerate() {
        assert_eq!(seen.insert_digest(id, row as u64 + 2), None);
    }
    assert_eq!(seen.len(), 2_000_000);
    assert_eq!(seen.first_row(ids[0]), Some(2));
    assert_eq!(seen.first_row(ids[1_999_999]), Some(2_000_001));
    assert_eq!(seen.insert_digest(ids[123_456], 9), Some(123_458));
}

/// The word-at-a-time test says yes exactly when a byte is upper-case ASCII or past ASCII,
/// for every string of up to four bytes from an alphabet of edges, at every length to 20.
#[test]
fn folding_is_needed_exactly_when_a_byte_could_change() {
    let alphabet = [
        "a", "A", "Z", "@", "[", "`", "z", "{", "é", "É", "\u{7f}", "0",
    ];
    let mut strings = vec![String::new()];
    for _ in 0..4 {
        strings = strings
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        for s in &strings {
            for pad in [0, 3, 8, 13] {
                let s = format!("{}{s}", "x".repeat(pad));
                let general = !s.is_ascii() || s.bytes().any(|b| b.is_ascii_uppercase());
                assert_eq!(needs_folding(&s), general, "{s:?}");
            }
        }
    }
}

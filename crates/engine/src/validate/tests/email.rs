use super::{by_bytes, by_the_rfc, common, is_email, plain};
use crate::validate::tests::random;

#[test]
fn plain_addresses_and_broken_ones() {
    for good in [
        "anna.schmidt@example.com",
        "o'neil+hr@mail.example.co.uk",
        "x@a-b.io",
        "zoë@example.com",
        "\"anna schmidt\"@example.com",
    ] {
        assert!(is_email(good), "{good}");
    }
    // kind.rs checks the usual broken ones; these are the fast path's edges.
    for bad in [
        "x@example.com.",
        "x@-example.com",
        ".x@example.com",
        "x..y@example.com",
        "x@",
        "@example.com",
        "Anna <anna@example.com>",
        "",
    ] {
        assert!(!is_email(bad), "{bad}");
    }
}

/// The fast path never accepts what the general check refuses: 200,000 strings built from
/// the characters that matter to either.
#[test]
fn the_fast_path_agrees_with_the_crate() {
    let alphabet: Vec<char> = "aaaZ09xx..@-_+'\"<> é[]!".chars().collect();
    let mut next = random::below(0x9E37_79B9_7F4A_7C15);
    let mut accepted = 0;
    for i in 0..200_000 {
        let mut part = |most: usize| -> String {
            let len = next(most);
            (0..len).map(|_| alphabet[next(alphabet.len())]).collect()
        };
        // Half of them shaped like an address, so the fast path has something to accept.
        let text = if i % 2 == 0 {
            part(14)
        } else {
            format!("{}@{}.{}", part(6), part(6), part(4))
        };
        if plain(&text) {
            accepted += 1;
            assert!(by_the_rfc(&text), "{text:?}");
        }
    }
    assert!(
        accepted > 100,
        "the generator made only {accepted} plain addresses"
    );
    for long in [
        format!("{}@example.com", "a".repeat(64)),
        format!("{}@example.com", "a".repeat(65)),
        format!("a@{}.com", "b".repeat(63)),
        format!("a@{}.com", "b".repeat(64)),
        format!("a@{}.com", ["b".repeat(60), ".".into()].concat().repeat(4)),
        format!("a@{}.com", ["b".repeat(60), ".".into()].concat().repeat(5)),
    ] {
        assert_eq!(plain(&long), by_the_rfc(&long), "{long}");
        assert_eq!(is_email(&long), by_the_rfc(&long), "{long}");
    }
}

/// The word-at-a-time answer is the byte-by-byte one whenever it gives one: every string
/// of up to six characters from an alphabet of edges, then address-shaped strings at every
/// length up to 70 bytes.
#[test]
fn words_agree_with_bytes() {
    let alphabet = ["a", "Z", "0", ".", "@", "-", "_", "/", "+", " ", "é", "\0"];
    let mut answered = 0;
    let mut strings = vec![String::new()];
    for _ in 0..6 {
        strings = strings
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        for s in &strings {
            if let Some(answer) = common(s) {
                answered += 1;
                assert_eq!(answer, by_bytes(s), "{s:?}");
            }
        }
        strings.retain(|s| !s.contains(['+', ' ', '\0']) || s.len() < 3);
    }
    assert!(answered > 100_000, "only {answered} answered");
    let parts = ["a", "b1", ".", "-", "_", "@", "x.y", "Q", "+"];
    let mut next = random::below(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300_000 {
        let mut local = (0..next(30))
            .map(|_| parts[next(parts.len())])
            .collect::<String>();
        local.truncate(next(66));
        let domain = (0..next(30))
            .map(|_| parts[next(parts.len())])
            .collect::<String>();
        let s = format!("{local}@{domain}.io");
        let s = &s[..s.len() - next(4)];
        let answer = common(s);
        if let Some(answer) = answer {
            assert_eq!(answer, by_bytes(s), "{s:?}");
        }
        assert_eq!(plain(s), by_bytes(s), "{s:?}");
    }
}

//! The coalescing itself, with periods long or zero so no clock decides the outcome.

use std::time::Duration;

use super::Coalesced;

#[test]
fn messages_within_a_period_are_held_and_the_last_one_is_sent_at_the_end() {
    let mut sent = Vec::new();
    let mut coalesced = Coalesced::new(|n: u32| sent.push(n), Duration::from_secs(3600));
    for n in 1..=10_000 {
        coalesced.offer(n);
    }
    coalesced.finish();
    // The first at once, then nothing for an hour but the last, at the end.
    assert_eq!(sent, [1, 10_000]);
}

#[test]
fn nothing_is_sent_twice_and_nothing_held_is_lost() {
    let mut sent = Vec::new();
    let mut coalesced = Coalesced::new(|n: u32| sent.push(n), Duration::ZERO);
    for n in 1..=5 {
        coalesced.offer(n);
    }
    coalesced.finish();
    coalesced.finish();
    assert_eq!(sent, [1, 2, 3, 4, 5]);
}

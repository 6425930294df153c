//! The source emulators' clock for changes: whole seconds, strictly increasing from one
//! change to the next, and never behind the wall clock.
//!
//! An incremental pull asks for what changed strictly after the newest timestamp it saw;
//! a change stamped in the same second as data already served would be missed. So every
//! tick is at least one second after the previous one (and after the seeded data), even
//! when that runs ahead of the wall clock.

use crate::time::unix_now;

#[derive(Debug)]
pub(crate) struct Clock {
    last: i64,
}

impl Clock {
    /// A clock whose first tick comes after `after` (unix seconds).
    pub(crate) fn after(after: i64) -> Clock {
        Clock { last: after }
    }

    /// The next change's time: a second past the last tick, or now if that is later.
    pub(crate) fn tick(&mut self) -> i64 {
        self.last = (self.last + 1).max(unix_now());
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_increase_by_whole_seconds_and_keep_up_with_the_wall() {
        let mut clock = Clock::after(0);
        let first = clock.tick();
        assert!(first >= unix_now() - 1);
        let second = clock.tick();
        assert!(second > first);
        let mut ahead = Clock::after(unix_now() + 100);
        let tick = ahead.tick();
        assert!(tick > unix_now() + 100);
        assert_eq!(ahead.tick(), tick + 1);
    }
}

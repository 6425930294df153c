//! Progress for the UI, coalesced: at most one message per [`EVERY`], and always the last.
//!
//! The engine reports after every batch; a push of 100,000 records to a fast target makes
//! hundreds of batches a second, and each message is a render of the Push screen. The
//! screen only needs to move a few times a second, so a message that comes less than
//! [`EVERY`] after the one sent before is held, replaced by any later one, and sent with
//! the next message that is due or when the work ends ([`Coalesced::finish`]), so the last
//! message always carries the final counts.

use std::time::{Duration, Instant};

/// The shortest time between two messages to the UI.
pub const EVERY: Duration = Duration::from_millis(100);

/// A sender that lets through at most one message per period and holds the latest.
#[derive(Debug)]
pub struct Coalesced<T, F: FnMut(T)> {
    send: F,
    every: Duration,
    last_sent: Option<Instant>,
    held: Option<T>,
}

impl<T, F: FnMut(T)> Coalesced<T, F> {
    pub fn new(send: F, every: Duration) -> Coalesced<T, F> {
        Coalesced {
            send,
            every,
            last_sent: None,
            held: None,
        }
    }

    /// Sends `message` when the last one went at least a period ago; else keeps it (in
    /// place of any held before) for later.
    pub fn offer(&mut self, message: T) {
        let now = Instant::now();
        if self
            .last_sent
            .is_some_and(|sent| now.duration_since(sent) < self.every)
        {
            self.held = Some(message);
            return;
        }
        self.held = None;
        self.last_sent = Some(now);
        (self.send)(message);
    }

    /// Sends the message held back, if any: the work has ended, and the UI must see
    /// where it stands.
    pub fn finish(&mut self) {
        if let Some(message) = self.held.take() {
            self.last_sent = Some(Instant::now());
            (self.send)(message);
        }
    }
}

#[cfg(test)]
#[path = "tests/progress.rs"]
mod tests;

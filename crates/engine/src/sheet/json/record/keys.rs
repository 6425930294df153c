//! A record's keys matched to column paths: the key the same place held in the last record
//! is tried first (usually it is the same), and a key seen twice in one record stops the fast
//! path.

use super::Stop;
use super::bytes::same;
use super::walk::Walk;
use crate::sheet::json::flatten::NONE;

impl<const FILL: bool> Walk<'_, '_, FILL> {
    /// After a key's opening quote: the key, if it is the one the same place held in the last
    /// record (usually so), read past.
    #[inline]
    pub(super) fn known_key(&mut self, parent: u32) -> Option<u32> {
        let guess = *self.guesses.get(self.nth)?;
        let key = self.columns.key_under(guess, parent)?;
        let rest = self.cur.b.get(self.cur.i..)?;
        if rest.get(key.len()) != Some(&b'"') || !same(rest, key) {
            return None;
        }
        self.cur.i += key.len() + 1;
        self.nth += 1;
        Some(guess)
    }

    /// After a key's opening quote: reads the key and looks its path up.
    pub(super) fn new_key(&mut self, parent: u32) -> Result<u32, Stop> {
        self.prefix.clear();
        if parent != NONE {
            self.prefix.push_str(self.columns.path(parent));
            if !self.prefix.is_empty() {
                self.prefix.push('.');
            }
        }
        let key_at = self.prefix.len();
        self.cur.string(Some(self.prefix))?;
        let id = self.columns.intern(self.prefix, parent, key_at);
        match self.guesses.get_mut(self.nth) {
            Some(slot) => *slot = id,
            None => self.guesses.push(id),
        }
        self.nth += 1;
        Ok(id)
    }

    /// Marks a path seen in this record; a second time means a repeated key, which the old
    /// path resolves (the last value wins, in the place of the first).
    pub(super) fn stamp(&mut self, id: u32) -> Result<(), Stop> {
        let at = id as usize;
        if at >= self.stamps.len() {
            self.stamps.resize(at + 1, 0);
        }
        match self.stamps.get_mut(at) {
            Some(stamp) if *stamp != self.epoch => {
                *stamp = self.epoch;
                Ok(())
            }
            _ => Err(Stop::Slow),
        }
    }
}

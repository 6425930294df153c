//! Checks across records with one small entry per record: a 64-bit XXH3 digest of each
//! value and the row it was first seen on (12 bytes a record, whatever the values' length).
//! With a million records the chance that two different values share a digest is about one
//! in 36 million.
//!
//! The table is an open-addressing one of its own: each slot holds the digest and the row
//! side by side (two `u32` halves and a `u32` row, 12 bytes), so a look-up touches one
//! place in memory, where a `HashMap` reads its control bytes and then the entry: on a
//! million records the tables are tens of megabytes, and every look-up is a cache miss.
//! It is sized from the expected number of records when the caller knows it (the file's
//! length), so it does not double (and copy itself) on the way.
//!
//! Digests are computed by [`digest`] where the record is (on the workers, see `run.rs`);
//! the table only places them.

use xxhash_rust::xxh3::xxh3_64;

use crate::eight_bytes::{any, upper_or_high};

use crate::mapping::transform::trimmed;

/// One slot: a digest's two halves (0 = empty) and the row it was first seen on. An
/// array, not a struct, so a new table comes from the allocator already zeroed and its
/// pages are only touched when a value lands on them.
type Slot = [u32; 3];

fn slot_digest(slot: &Slot) -> u64 {
    u64::from(slot[0]) | (u64::from(slot[1]) << 32)
}

/// The digest of a value as the checks across records compare it: trimmed, and folded to
/// lower case when `ignore_case`. Never 0, which marks an empty slot (a value whose digest
/// is 0 counts as one whose digest is 1). `folded` is scratch space.
pub(crate) fn digest(value: &str, ignore_case: bool, folded: &mut String) -> u64 {
    digest_trimmed(trimmed(value), ignore_case, folded)
}

/// [`digest`] of a value already trimmed.
pub(crate) fn digest_trimmed(value: &str, ignore_case: bool, folded: &mut String) -> u64 {
    let digest = if !ignore_case || !needs_folding(value) {
        xxh3_64(value.as_bytes())
    } else {
        if value.is_ascii() {
            folded.clear();
            folded.push_str(value);
            folded.make_ascii_lowercase();
        } else {
            *folded = value.to_lowercase();
        }
        xxh3_64(folded.as_bytes())
    };
    digest.max(1)
}

/// Whether lower-casing may change `value`: it has an upper-case ASCII letter or a byte
/// past ASCII. A word at a time and without an early exit: the answer is nearly always no.
pub(crate) fn needs_folding(value: &str) -> bool {
    any(value.as_bytes(), 0, upper_or_high)
}

/// Values seen so far, by digest, and the row each was first seen on. Rows past
/// 4,294,967,295 (a file of hundreds of gigabytes) are remembered as that number.
#[derive(Default)]
pub(crate) struct Seen {
    slots: Vec<Slot>,
    len: usize,
    ignore_case: bool,
    folded: String,
}

impl Seen {
    /// What a value takes in memory: a slot, with the half again that keeps the table fast.
    pub const BYTES_PER_VALUE: usize = std::mem::size_of::<Slot>() * 3 / 2;

    pub fn new(ignore_case: bool) -> Seen {
        Seen {
            ignore_case,
            ..Seen::default()
        }
    }

    /// How many values are held.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The row `digest` was first seen on, if it was.
    pub fn first_row(&self, digest: u64) -> Option<u64> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = &self.slots[self.find(digest)];
        (slot_digest(slot) == digest).then_some(u64::from(slot[2]))
    }

    /// Makes room for `values` in all without growing again.
    pub fn reserve(&mut self, values: usize) {
        let wanted = Self::slots_for(values);
        if wanted > self.slots.len() {
            self.resize(wanted);
        }
    }

    /// Records `value` on `row`; returns the earlier row if it was seen before.
    #[cfg(test)]
    pub fn insert(&mut self, value: &str, row: u64) -> Option<u64> {
        let digest = digest(value, self.ignore_case, &mut self.folded);
        self.insert_digest(digest, row)
    }

    pub fn contains(&mut self, value: &str) -> bool {
        let digest = digest(value, self.ignore_case, &mut self.folded);
        self.contains_digest(digest)
    }

    /// [`Seen::insert`] for a digest from [`digest`].
    pub fn insert_digest(&mut self, digest: u64, row: u64) -> Option<u64> {
        if Self::slots_for(self.len + 1) > self.slots.len() {
            self.resize(Self::slots_for(self.len + 1).max(2 * self.slots.len()));
        }
        let at = self.find(digest);
        let slot = &mut self.slots[at];
        if slot_digest(slot) == digest {
            return Some(u64::from(slot[2]));
        }
        // Truncations on purpose: the two halves of the digest.
        *slot = [
            digest as u32,
            (digest >> 32) as u32,
            u32::try_from(row).unwrap_or(u32::MAX),
        ];
        self.len += 1;
        None
    }

    /// [`Seen::contains`] for a digest from [`digest`].
    pub fn contains_digest(&self, digest: u64) -> bool {
        !self.slots.is_empty() && slot_digest(&self.slots[self.find(digest)]) == digest
    }

    /// Asks the processor to start loading the slot where the search for `digest` starts,
    /// without waiting for it. On a million records the tables are tens of megabytes and
    /// each look-up alone waits for memory; asked for some records ahead
    /// (`run.rs`), the slot is in the cache when the record's turn comes.
    #[inline]
    pub fn load_soon(&self, digest: u64) {
        if let Some(slot) = self.slots.get(self.home(digest)) {
            crate::cache_hint::load_soon(slot);
        }
    }

    /// Where the search for `digest` starts: its high bits scaled to the table's length
    /// (any length works).
    fn home(&self, digest: u64) -> usize {
        ((u128::from(digest) * self.slots.len() as u128) >> 64) as usize
    }

    /// The slot that holds `digest`, or the empty one where it would go. Needs a table
    /// with at least one empty slot.
    fn find(&self, digest: u64) -> usize {
        let len = self.slots.len();
        let mut at = self.home(digest);
        loop {
            let found = slot_digest(&self.slots[at]);
            if found == digest || found == 0 {
                return at;
            }
            at += 1;
            if at == len {
                at = 0;
            }
        }
    }

    /// Slots for `values` at most two thirds full: linear probing stays short (about five
    /// slots, one or two cache lines, for a value not there yet at the fullest).
    fn slots_for(values: usize) -> usize {
        values + values / 2 + 1
    }

    fn resize(&mut self, slots: usize) {
        let old = std::mem::replace(&mut self.slots, vec![[0; 3]; slots]);
        #[cfg(target_os = "linux")]
        advise_huge_pages(&mut self.slots);
        for slot in old.into_iter().filter(|s| slot_digest(s) != 0) {
            let at = self.find(slot_digest(&slot));
            self.slots[at] = slot;
        }
    }
}

/// Asks Linux to back a large table with 2 MB pages: its look-ups land anywhere in tens
/// of megabytes, and with 4 KB pages most of them also miss the processor's table of
/// pages. Only advice: where the kernel declines, nothing changes.
#[cfg(target_os = "linux")]
fn advise_huge_pages(slots: &mut [Slot]) {
    let start = slots.as_mut_ptr() as usize;
    let end = start + std::mem::size_of_val(slots);
    let aligned = start.next_multiple_of(4096);
    if end - start < 4 << 20 || end <= aligned {
        return;
    }
    // SAFETY: advice only, which leaves the memory's contents alone; the range starts at a
    // 4 KB boundary inside the table and ends at its end (where pages are larger, the
    // kernel refuses the advice and nothing changes).
    unsafe {
        libc::madvise(
            aligned as *mut libc::c_void,
            end - aligned,
            libc::MADV_HUGEPAGE,
        );
    }
}

#[cfg(test)]
#[path = "tests/cross.rs"]
mod tests;

//! The fast path through a JSON document: the same walk as [`super::locate`] (find the
//! records, learn their columns, come back to them), over a large buffer of text, with each
//! record read by [`super::record`].
//!
//! Anything this path is not sure about ends it with [`Stop`](super::record::Stop), and the caller goes the old
//! way (`struson`), which decides exactly as before, errors and their wording included.
//!
//! The parts: [`source`] reads the text a chunk at a time, [`tokens`] moves through it
//! (members, elements, values read past), [`scan`] finds the records array and learns its
//! columns, and [`records`] reads the records into rows.

mod records;
mod scan;
mod source;
mod tokens;

#[cfg(test)]
mod tests;

use self::source::Source;
use super::Input;
use super::record::{Dialect, Flattener};

/// How deep under the top object a records array is looked for (as in `locate`).
const SEARCH_DEPTH: usize = 2;

/// How much is read at a time (a longer record makes the buffer grow).
const CHUNK: usize = 1 << 16;

/// A JSON document being walked.
pub(super) struct Doc {
    src: Source,
    flat: Flattener,
}

impl Doc {
    pub fn new(input: Input) -> Doc {
        Doc {
            src: Source {
                input,
                text: String::with_capacity(2 * CHUNK),
                pos: 0,
                raw: vec![0; CHUNK],
                cut: 0,
                ended: false,
            },
            flat: Flattener::new(Dialect::Struson),
        }
    }
}

//! The sheets the UI has opened, held in Rust until it closes them.
//!
//! Each is read whole into an engine [`Table`] once, in the background ([`Loading`]): the
//! grid asks for windows of rows by the sheet's id while the rest is still being read, and
//! commands that need every row wait for the end. Entries are shared (`Arc`) so a long
//! read of one sheet's rows never holds the lock that opening or closing another one needs.
//!
//! Beside each sheet is the person's work on it ([`SheetWork`], in `review`): the cells
//! they edited and the last review through a mapping. It goes when the sheet is closed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use muster_engine::sheet::{Layout, Problems, Table};

use crate::error::UiError;

mod loading;
mod review;

pub use loading::{Loading, Status};
pub use review::{Reviewed, SheetWork};

/// One opened file: what was found out about it, its columns, rows and problems.
#[derive(Debug)]
pub struct OpenSheet {
    pub layout: Layout,
    pub columns: Vec<String>,
    pub table: Table,
    pub problems: Problems,
}

/// So the engine can read an open sheet's table, shared, with the person's edits.
impl AsRef<Table> for OpenSheet {
    fn as_ref(&self) -> &Table {
        &self.table
    }
}

/// An open sheet and the person's work on it.
#[derive(Debug, Clone)]
pub struct Opened {
    pub sheet: Arc<OpenSheet>,
    work: Arc<Mutex<SheetWork>>,
}

impl Opened {
    /// The work on the sheet, for as long as the guard lives: one command at a time
    /// edits or reviews a sheet.
    pub fn work(&self) -> MutexGuard<'_, SheetWork> {
        // A command that panicked mid-review left the edits whole (each edit is one
        // insert); the review it was making is simply not there.
        self.work.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Every open sheet by id; cheap to clone (one shared map), so commands can hand it to a
/// background thread.
#[derive(Debug, Clone, Default)]
pub struct Sheets {
    inner: Arc<Mutex<Registry>>,
}

#[derive(Debug, Default)]
struct Registry {
    last_id: u64,
    open: HashMap<u64, Held>,
}

/// A sheet as the registry keeps it: being read (or read), and the person's work on it.
#[derive(Debug, Clone)]
struct Held {
    loading: Arc<Loading>,
    work: Arc<Mutex<SheetWork>>,
}

impl Sheets {
    /// Keeps `sheet`, being read, and gives its id (never reused while the app runs).
    pub fn insert(&self, sheet: Arc<Loading>) -> u64 {
        let mut registry = self.lock();
        registry.last_id += 1;
        let id = registry.last_id;
        registry.open.insert(
            id,
            Held {
                loading: sheet,
                work: Arc::default(),
            },
        );
        id
    }

    /// The sheet with this id as read so far, without waiting for the rest.
    pub fn loading(&self, id: u64) -> Result<Arc<Loading>, UiError> {
        Ok(self.held(id)?.loading)
    }

    /// The sheet with this id, every row read (waiting for them), or an error saying it
    /// is no longer open or could not be read.
    pub fn get(&self, id: u64) -> Result<Arc<OpenSheet>, UiError> {
        self.held(id)?.loading.wait()
    }

    /// The sheet with this id, every row read, and the person's work on it.
    pub fn opened(&self, id: u64) -> Result<Opened, UiError> {
        let held = self.held(id)?;
        Ok(Opened {
            sheet: held.loading.wait()?,
            work: held.work,
        })
    }

    /// Forgets the sheet and stops reading it; its memory goes once no command still reads
    /// it. Closing a sheet that is not open is not an error: the UI may close twice.
    pub fn remove(&self, id: u64) -> bool {
        let removed = self.lock().open.remove(&id);
        if let Some(held) = &removed {
            held.loading.stop();
        }
        removed.is_some()
    }

    fn held(&self, id: u64) -> Result<Held, UiError> {
        self.lock().open.get(&id).cloned().ok_or_else(|| {
            UiError::new(
                "This file is no longer open in Muster (it was closed, or Muster was restarted). Open the file again.",
            )
        })
    }

    /// How many sheets are open.
    pub fn len(&self) -> usize {
        self.lock().open.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    // A command that panicked while holding the lock left the map whole (inserts and
    // removes are single calls), so carry on with it rather than fail every later command.
    fn lock(&self) -> MutexGuard<'_, Registry> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

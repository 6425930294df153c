//! A sheet read into memory on a thread of its own, so its first rows can be shown while
//! the rest of the file is still being read.
//!
//! Opening a 1,000,000-row file used to wait for every row before the grid showed one.
//! Now the reader fills the table a chunk at a time: the grid's windows are answered from
//! the rows read so far, and the row count is "counting…" until the end of the file.
//! Commands that need every row (mapping suggestions, review, creating a job) wait for
//! the end ([`Loading::wait`]). The rows are kept once, in the growing table, which is
//! handed whole to the finished [`OpenSheet`] (never copied).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use muster_engine::sheet::{Layout, Problems, Row, RowReader, Table, TableRow};

use super::OpenSheet;
use crate::error::UiError;

/// Rows read before each hand-over to the table: big enough that taking the lock costs
/// nothing, small enough that the first window is there in a few milliseconds.
const CHUNK_ROWS: usize = 1024;

/// A sheet being read, then read.
#[derive(Debug)]
pub struct Loading {
    pub layout: Layout,
    pub columns: Vec<String>,
    state: Mutex<State>,
    changed: Condvar,
    /// Set when the sheet is closed: the reader stops after its chunk.
    stop: AtomicBool,
}

#[derive(Debug, Default)]
struct State {
    table: Table,
    problems: Problems,
    /// Set once, when the file has been read to its end or could not be.
    end: Option<Result<Arc<OpenSheet>, UiError>>,
}

/// Where a sheet's reading stands, for the Source screen.
#[derive(Debug, Clone)]
pub struct Status {
    pub rows: u64,
    pub complete: bool,
    pub problems: Problems,
}

impl Loading {
    /// Starts reading `rows` (the data rows after the header) on a new thread.
    pub fn start(
        layout: Layout,
        columns: Vec<String>,
        problems: Problems,
        rows: Box<dyn RowReader>,
    ) -> Result<Arc<Loading>, UiError> {
        let loading = Arc::new(Loading {
            layout,
            columns,
            state: Mutex::new(State {
                problems,
                ..State::default()
            }),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let reader = Arc::clone(&loading);
        std::thread::Builder::new()
            .name("sheet-loader".into())
            .spawn(move || reader.read_all(rows))
            .map_err(|_| UiError::stopped())?;
        Ok(loading)
    }

    /// Waits until `rows` rows have been read or the file has ended, then tells where
    /// the reading stands; the file's error when it could not be read that far.
    pub fn first(&self, rows: usize) -> Result<Status, UiError> {
        let state = self.wait_until(|state| state.table.len() >= rows);
        match &state.end {
            Some(Err(error)) => Err(error.clone()),
            _ => Ok(status_of(&state)),
        }
    }

    /// Where the reading stands now; the file's error when it ended with one.
    pub fn status(&self) -> Result<Status, UiError> {
        let state = self.lock();
        match &state.end {
            Some(Err(error)) => Err(error.clone()),
            _ => Ok(status_of(&state)),
        }
    }

    /// The sheet with every row, once the file has been read to its end.
    pub fn wait(&self) -> Result<Arc<OpenSheet>, UiError> {
        let state = self.wait_until(|_| false);
        state.end.clone().unwrap_or_else(|| Err(UiError::stopped()))
    }

    /// Calls `each` on up to `count` rows from position `start` among those read so far,
    /// and answers how many rows have been read and whether that is all of them.
    pub fn window(
        &self,
        start: usize,
        count: usize,
        mut each: impl FnMut(TableRow<'_>),
    ) -> Result<(u64, bool), UiError> {
        let state = self.lock();
        let table = match &state.end {
            Some(Ok(sheet)) => &sheet.table,
            Some(Err(error)) => return Err(error.clone()),
            None => &state.table,
        };
        table.window(start, count).for_each(&mut each);
        Ok((table.len() as u64, state.end.is_some()))
    }

    /// Stops reading (the sheet was closed): its rows are dropped with the last handle.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    fn read_all(&self, mut rows: Box<dyn RowReader>) {
        let mut chunk: Vec<Row> = Vec::new();
        chunk.resize_with(CHUNK_ROWS, Row::default);
        loop {
            if self.stop.load(Ordering::SeqCst) {
                return self.end(Err(UiError::new(
                    "This file was closed before it had been read to its end. Open it again.",
                )));
            }
            let mut filled = 0;
            let mut failed = None;
            while filled < CHUNK_ROWS {
                match rows.next_row(&mut chunk[filled]) {
                    Ok(true) => filled += 1,
                    Ok(false) => break,
                    Err(error) => {
                        failed = Some(UiError::sheet(error, &self.layout.path));
                        break;
                    }
                }
            }
            let mut state = self.lock();
            for row in &chunk[..filled] {
                if let Err(error) = state.table.push(row) {
                    failed = Some(UiError::table(error, &self.layout.path));
                    break;
                }
            }
            // Problems are few (at most a thousand kept): copied only when there are new ones.
            if rows.problems().total() != state.problems.total() {
                state.problems = rows.problems().clone();
            }
            drop(state);
            if let Some(error) = failed {
                return self.end(Err(error));
            }
            if filled < CHUNK_ROWS {
                return self.end(Ok(()));
            }
            self.changed.notify_all();
        }
    }

    /// Marks the end of the reading: the whole table goes to the finished sheet.
    fn end(&self, outcome: Result<(), UiError>) {
        let mut state = self.lock();
        let mut table = std::mem::take(&mut state.table);
        state.end = Some(outcome.map(|()| {
            table.shrink_to_fit();
            Arc::new(OpenSheet {
                layout: self.layout.clone(),
                columns: self.columns.clone(),
                table,
                problems: state.problems.clone(),
            })
        }));
        drop(state);
        self.changed.notify_all();
    }

    /// The state once `ready` holds or the reading has ended.
    fn wait_until(&self, ready: impl Fn(&State) -> bool) -> MutexGuard<'_, State> {
        let state = self.lock();
        self.changed
            .wait_while(state, |state| state.end.is_none() && !ready(state))
            .unwrap_or_else(PoisonError::into_inner)
    }

    // The reader pushes whole rows under the lock; a panic elsewhere leaves them whole.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn status_of(state: &State) -> Status {
    match &state.end {
        Some(Ok(sheet)) => Status {
            rows: sheet.table.len() as u64,
            complete: true,
            problems: sheet.problems.clone(),
        },
        _ => Status {
            rows: state.table.len() as u64,
            complete: false,
            problems: state.problems.clone(),
        },
    }
}

//! A big sheet shows its first rows before the rest of it is read: rows handed to the
//! reader one by one from the test, so what was read when `open_sheet` answered is known
//! exactly (no clocks).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use muster_engine::sheet::{Format, Layout, Numbering, Problems, Row, RowReader, SheetError};

use crate::commands::sheet::{FIRST_ROWS, rows, start_reading, status};
use crate::sheets::Sheets;

/// The rows of a file that arrive only when the test sends them; a closed sender is the
/// end of the file, and an `Err` line is a read error there.
struct Gated {
    incoming: Receiver<Result<u64, ()>>,
    /// How many rows the sheet's reader has taken so far.
    taken: Arc<AtomicU64>,
    problems: Problems,
}

impl RowReader for Gated {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        match self.incoming.recv() {
            Ok(Ok(i)) => {
                // Data row i is line i + 2 of the file, under the header.
                *row = Row::from_cells(i + 2, [format!("E{i:07}"), format!("Person {i}")]);
                self.taken.fetch_add(1, Ordering::SeqCst);
                Ok(true)
            }
            Ok(Err(())) => Err(SheetError::io(
                &path(),
                std::io::Error::other("the disk went away"),
            )),
            Err(_) => Ok(false),
        }
    }

    fn problems(&self) -> &Problems {
        &self.problems
    }
}

fn path() -> PathBuf {
    PathBuf::from("/data/million.csv")
}

/// A sheet of two columns whose rows the test sends, and the count of rows read.
fn gated(sheets: &Sheets, first: u64) -> (u64, SyncSender<Result<u64, ()>>, Arc<AtomicU64>) {
    let (send, incoming) = sync_channel(100_000);
    for i in 0..first {
        send.send(Ok(i)).expect("send");
    }
    let taken = Arc::new(AtomicU64::new(0));
    let reader = Gated {
        incoming,
        taken: Arc::clone(&taken),
        problems: Problems::default(),
    };
    let info = start_reading(
        sheets,
        Layout::new(path(), Format::Csv, Numbering::Row),
        vec!["Employee ID".to_owned(), "Name".to_owned()],
        Box::new(reader),
    )
    .expect("opens");
    assert!(!info.complete, "the file has not ended yet");
    (info.sheet_id, send, taken)
}

#[test]
fn the_first_rows_are_shown_before_the_file_is_read_to_its_end() {
    let sheets = Sheets::default();
    // The first chunk of rows, and no more yet: the answer cannot have waited for the rest.
    let (id, send, taken) = gated(&sheets, 1024);
    assert!(taken.load(Ordering::SeqCst) >= FIRST_ROWS as u64);
    assert_eq!(
        taken.load(Ordering::SeqCst),
        1024,
        "read past what was there"
    );

    let first = rows(&sheets, id, 0, 100).expect("the first window");
    assert_eq!(first.rows.len(), 100);
    assert_eq!(first.rows[0].number, 2);
    assert_eq!(first.rows[0].cells, ["E0000000", "Person 0"]);
    assert_eq!((first.total, first.complete), (1024, false));
    let so_far = status(&sheets, id).expect("status");
    assert_eq!((so_far.row_count, so_far.complete), (1024, false));
    // Past what has been read: nothing yet, and no error.
    let later = rows(&sheets, id, 5_000, 100).expect("not read yet");
    assert!(later.rows.is_empty());

    // The rest of the file, then its end.
    for i in 1024..6_000 {
        send.send(Ok(i)).expect("send");
    }
    drop(send);
    let sheet = sheets.get(id).expect("read to its end");
    assert_eq!(sheet.table.len(), 6_000);
    let all = status(&sheets, id).expect("status");
    assert_eq!((all.row_count, all.complete), (6_000, true));
    let end = rows(&sheets, id, 5_990, 100).expect("the end");
    assert_eq!((end.total, end.complete), (6_000, true));
    assert_eq!(end.rows.len(), 10);
    assert_eq!(end.rows[9].number, 6_001);
    assert_eq!(end.rows[9].cells, ["E0005999", "Person 5999"]);
}

#[test]
fn a_file_that_fails_half_way_says_so_after_its_first_rows_were_shown() {
    let sheets = Sheets::default();
    let (id, send, _) = gated(&sheets, 1024);
    send.send(Ok(1024)).expect("send");
    send.send(Err(())).expect("send");
    let error = sheets.get(id).expect_err("cannot be read whole");
    assert!(error.message.contains("the disk went away"), "{error:?}");
    assert_eq!(error.file.as_deref(), Some("/data/million.csv"));
    // Every later look at it says the same; nothing pretends it is complete.
    let error = status(&sheets, id).expect_err("status");
    assert!(error.message.contains("the disk went away"), "{error:?}");
    assert!(rows(&sheets, id, 0, 10).is_err());
}

#[test]
fn closing_a_sheet_stops_reading_it() {
    let sheets = Sheets::default();
    let (id, send, taken) = gated(&sheets, 1024);
    let loading = sheets.loading(id).expect("open");
    assert!(sheets.remove(id));
    // The reader finishes the chunk it may have begun, then stops before the next one.
    for i in 1024..10_000 {
        send.send(Ok(i)).expect("send");
    }
    let error = loading.wait().expect_err("closed");
    assert!(error.message.contains("closed"), "{error:?}");
    let taken = taken.load(Ordering::SeqCst);
    assert!(taken <= 2048, "read on after closing: {taken} rows");
    assert!(rows(&sheets, id, 0, 10).is_err(), "no longer open");
}

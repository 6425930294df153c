//! Streaming an xlsx worksheet on a thread of its own: calamine's cell reader parses the XML
//! while the caller works on the rows already parsed, so reading costs about as long as
//! parsing alone, and only a few batches of rows are in memory at any time.
//!
//! One thread owns the workbook (its shared strings are loaded once) and serves one sheet
//! at a time: the default sheet choice asks for each candidate in turn and drops the ones
//! it does not want, which stops their streaming.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use calamine::Xlsx;

use super::cell::write_cell_ref;
use crate::sheet::framed::RawRows;
use crate::sheet::limits::MAX_COLUMNS;
use crate::sheet::{Numbering, Problem, ProblemKind, Problems, Row, SheetError, column_letters};

const BATCH_ROWS: usize = 512;
const BATCHES_IN_FLIGHT: usize = 8;

type Workbook = Xlsx<super::workbook::Bytes>;

/// Rows parsed on the thread, with the problems found in them.
struct Batch {
    rows: Vec<Row>,
    problems: Vec<Problem>,
}

struct Request {
    sheet: String,
    reply: SyncSender<Result<Batch, SheetError>>,
}

/// The handle on the thread that owns the workbook. Dropping it lets the thread end once
/// the sheet it is streaming is read or dropped.
pub(crate) struct Streamer {
    requests: Sender<Request>,
}

impl Streamer {
    pub fn start(workbook: Workbook, path: &Path) -> Result<Streamer, SheetError> {
        let (requests, incoming) = channel::<Request>();
        let path = path.to_path_buf();
        std::thread::Builder::new()
            .name("xlsx-reader".into())
            .spawn(move || serve(workbook, &path, incoming))
            .map_err(|e| SheetError::io(Path::new("xlsx-reader thread"), e))?;
        Ok(Streamer { requests })
    }

    /// Starts streaming one sheet.
    pub fn rows(&self, sheet: &str) -> StreamedRows {
        let (reply, rows) = sync_channel(BATCHES_IN_FLIGHT);
        // If the thread is gone the receiver reports the end; nothing is lost by ignoring it.
        let _ = self.requests.send(Request {
            sheet: sheet.to_string(),
            reply,
        });
        StreamedRows {
            rows,
            ready: VecDeque::new(),
        }
    }
}

fn serve(mut workbook: Workbook, path: &Path, incoming: Receiver<Request>) {
    while let Ok(request) = incoming.recv() {
        // A panic in calamine (on a damaged file) must not end the rows quietly, as if the
        // sheet ended there: it is an error like any other.
        let streamed =
            super::quiet::catch(|| stream(&mut workbook, &request).map_err(|e| e.to_string()));
        let message = match streamed {
            Ok(Ok(())) => continue,
            Ok(Err(message)) => message,
            Err(_) => "its structure is broken".to_string(),
        };
        let _ = request.reply.send(Err(SheetError::Workbook {
            path: path.to_path_buf(),
            message,
        }));
    }
}

/// Streams one sheet into `request.reply` until its end, or until the receiver is dropped.
fn stream(workbook: &mut Workbook, request: &Request) -> Result<(), calamine::XlsxError> {
    let mut cells = workbook.worksheet_cells_reader(&request.sheet)?;
    let first_column = cells.dimensions().start.1;
    let mut batch = Batch {
        rows: Vec::with_capacity(BATCH_ROWS),
        problems: Vec::new(),
    };
    let mut row = Row::default();
    let mut current: Option<u32> = None;
    while let Some(cell) = cells.next_cell()? {
        let (at_row, at_column) = cell.get_position();
        if current != Some(at_row) {
            if current.is_some() {
                row.trim_trailing_empty();
                batch.rows.push(std::mem::take(&mut row));
                if batch.rows.len() == BATCH_ROWS && !send(request, &mut batch) {
                    return Ok(());
                }
            }
            current = Some(at_row);
            row.number = u64::from(at_row) + 1;
        }
        if at_column as usize >= MAX_COLUMNS {
            // Only a damaged file has cells past XFD; filling up to one would take all memory.
            batch.problems.push(Problem {
                row: row.number,
                numbering: Numbering::Row,
                kind: ProblemKind::CellPastLastColumn,
            });
            continue;
        }
        let column = at_column.saturating_sub(first_column) as usize;
        while row.len() < column {
            row.push("");
        }
        if row.len() > column {
            continue; // A cell listed twice: the first one stands.
        }
        if let Some(code) = row.push_with(|out| write_cell_ref(cell.get_value(), out)) {
            batch.problems.push(Problem {
                row: row.number,
                numbering: Numbering::Row,
                kind: ProblemKind::CellError {
                    column: column_letters(at_column as usize),
                    code,
                },
            });
        }
    }
    if current.is_some() {
        row.trim_trailing_empty();
        batch.rows.push(row);
    }
    send(request, &mut batch);
    Ok(())
}

/// Sends the batch; `false` when nobody listens any more.
fn send(request: &Request, batch: &mut Batch) -> bool {
    let full = std::mem::replace(
        batch,
        Batch {
            rows: Vec::with_capacity(BATCH_ROWS),
            problems: Vec::new(),
        },
    );
    request.reply.send(Ok(full)).is_ok()
}

/// The rows of one streamed sheet, as they arrive from the thread.
pub(crate) struct StreamedRows {
    rows: Receiver<Result<Batch, SheetError>>,
    ready: VecDeque<Row>,
}

impl RawRows for StreamedRows {
    fn next_raw(&mut self, row: &mut Row, problems: &mut Problems) -> Result<bool, SheetError> {
        loop {
            if let Some(next) = self.ready.pop_front() {
                *row = next;
                return Ok(true);
            }
            match self.rows.recv() {
                Ok(Ok(batch)) => {
                    for problem in batch.problems {
                        problems.push(problem);
                    }
                    self.ready = batch.rows.into();
                }
                Ok(Err(error)) => return Err(error),
                Err(_) => return Ok(false),
            }
        }
    }

    fn short_rows_are_ragged(&self) -> bool {
        false
    }
}

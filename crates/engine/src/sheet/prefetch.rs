//! Reading ahead on a thread of its own: the rows of a file are parsed while the caller
//! maps and validates the rows before them, so a pipeline costs about as long as its
//! slowest stage instead of the sum of all stages.
//!
//! Rows travel in batches and come back empty to be refilled, so after the first batches
//! no row buffer is allocated again. Problems travel with the batch whose rows caused them.

use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use super::{Problems, Row, RowReader, SheetError};

const BATCH_ROWS: usize = 1024;
const BATCHES_IN_FLIGHT: usize = 4;

/// A reader whose problems can be handed over as they are found.
pub(crate) trait HandsOverProblems: RowReader {
    /// The problems found since the last call.
    fn take_problems(&mut self) -> Problems;
}

enum Message {
    Batch {
        rows: Vec<Row>,
        filled: usize,
        problems: Problems,
    },
    /// The rows read before the error, then the error itself.
    Failed {
        rows: Vec<Row>,
        filled: usize,
        error: SheetError,
        problems: Problems,
    },
}

/// The consumer side: a [`RowReader`] fed by the thread.
pub(crate) struct Prefetched {
    incoming: Receiver<Message>,
    recycle: Sender<Vec<Row>>,
    batch: Vec<Row>,
    filled: usize,
    next: usize,
    problems: Problems,
    finished: bool,
    error: Option<SheetError>,
}

impl Prefetched {
    /// Moves `reader` to a new thread that reads ahead.
    pub fn spawn<R: HandsOverProblems + 'static>(reader: R) -> Result<Prefetched, SheetError> {
        let (sender, incoming) = sync_channel(BATCHES_IN_FLIGHT);
        let (recycle, returned) = channel();
        std::thread::Builder::new()
            .name("row-reader".into())
            .spawn(move || read_ahead(reader, &sender, &returned))
            .map_err(|e| SheetError::io(std::path::Path::new("the row-reader thread"), e))?;
        Ok(Prefetched {
            incoming,
            recycle,
            batch: Vec::new(),
            filled: 0,
            next: 0,
            problems: Problems::default(),
            finished: false,
            error: None,
        })
    }
}

fn read_ahead<R: HandsOverProblems>(
    mut reader: R,
    sender: &SyncSender<Message>,
    returned: &Receiver<Vec<Row>>,
) {
    loop {
        let mut rows = returned.try_recv().unwrap_or_default();
        rows.resize_with(BATCH_ROWS, Row::default);
        let mut filled = 0;
        while filled < BATCH_ROWS {
            // The rows come back from the core that mapped them: ask for them before
            // refilling them.
            if let Some(ahead) = rows.get(filled + crate::cache_hint::ROWS_AHEAD) {
                ahead.load_soon();
            }
            match reader.next_row(&mut rows[filled]) {
                Ok(true) => filled += 1,
                Ok(false) => break,
                Err(error) => {
                    let problems = reader.take_problems();
                    let _ = sender.send(Message::Failed {
                        rows,
                        filled,
                        error,
                        problems,
                    });
                    return;
                }
            }
        }
        let problems = reader.take_problems();
        let last = filled < BATCH_ROWS;
        // A closed channel means the consumer is gone: stop reading.
        if sender
            .send(Message::Batch {
                rows,
                filled,
                problems,
            })
            .is_err()
            || last
        {
            return;
        }
    }
}

impl RowReader for Prefetched {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        while self.next == self.filled {
            if let Some(error) = self.error.take() {
                return Err(error);
            }
            if self.finished {
                return Ok(false);
            }
            let spent = std::mem::take(&mut self.batch);
            if !spent.is_empty() {
                let _ = self.recycle.send(spent);
            }
            match self.incoming.recv() {
                Ok(Message::Batch {
                    rows,
                    filled,
                    problems,
                }) => {
                    self.problems.extend(&problems);
                    self.finished = filled < rows.len();
                    self.batch = rows;
                    self.filled = filled;
                    self.next = 0;
                }
                Ok(Message::Failed {
                    rows,
                    filled,
                    error,
                    problems,
                }) => {
                    self.problems.extend(&problems);
                    self.finished = true;
                    self.error = Some(error);
                    self.batch = rows;
                    self.filled = filled;
                    self.next = 0;
                }
                Err(_) => {
                    self.finished = true;
                    return Ok(false);
                }
            }
        }
        std::mem::swap(row, &mut self.batch[self.next]);
        self.next += 1;
        Ok(true)
    }

    fn problems(&self) -> &Problems {
        &self.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{Numbering, Problem, ProblemKind};

    /// Yields `rows` numbered rows, a problem on every 1000th, then maybe an error.
    struct Counting {
        rows: u64,
        at: u64,
        fail_at_end: bool,
        problems: Problems,
    }

    impl RowReader for Counting {
        fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
            if self.at == self.rows {
                if self.fail_at_end {
                    return Err(SheetError::EmptyFile {
                        path: "cut.csv".into(),
                    });
                }
                return Ok(false);
            }
            self.at += 1;
            row.clear();
            row.number = self.at;
            row.push(&self.at.to_string());
            if self.at.is_multiple_of(1000) {
                self.problems.push(Problem {
                    row: self.at,
                    numbering: Numbering::Row,
                    kind: ProblemKind::TooFewCells {
                        expected: 2,
                        found: 1,
                    },
                });
            }
            Ok(true)
        }
        fn problems(&self) -> &Problems {
            &self.problems
        }
    }

    impl HandsOverProblems for Counting {
        fn take_problems(&mut self) -> Problems {
            std::mem::take(&mut self.problems)
        }
    }

    #[test]
    fn every_row_arrives_once_in_order_with_its_problems() {
        for rows in [0, 1, 1023, 1024, 1025, 10_000] {
            let mut reader = Prefetched::spawn(Counting {
                rows,
                at: 0,
                fail_at_end: false,
                problems: Problems::default(),
            })
            .unwrap();
            let mut row = Row::default();
            let mut expected = 0;
            while reader.next_row(&mut row).unwrap() {
                expected += 1;
                assert_eq!(row.number, expected);
                assert_eq!(row.cell(0), expected.to_string());
            }
            assert_eq!(expected, rows);
            assert_eq!(reader.problems().total(), rows / 1000);
        }
    }

    #[test]
    fn an_error_arrives_after_the_rows_read_before_it() {
        let mut reader = Prefetched::spawn(Counting {
            rows: 1500,
            at: 0,
            fail_at_end: true,
            problems: Problems::default(),
        })
        .unwrap();
        let mut row = Row::default();
        let mut seen = 0;
        let error = loop {
            match reader.next_row(&mut row) {
                Ok(true) => seen += 1,
                Ok(false) => panic!("the error was lost"),
                Err(e) => break e,
            }
        };
        assert_eq!(seen, 1500);
        assert!(matches!(error, SheetError::EmptyFile { .. }));
        assert_eq!(reader.problems().total(), 1);
        assert!(!reader.next_row(&mut row).unwrap());
    }
}

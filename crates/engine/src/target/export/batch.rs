//! Size-limited JSON files: records appended one by one to `prefix` … `suffix`, cut at a
//! record boundary before a file would reach the limit. Only the current file is in memory.

use std::path::{Path, PathBuf};

use super::{ExportError, Written};

/// A series of numbered files `stem-001.json`, `stem-002.json`, … each strictly smaller than
/// `limit` bytes.
pub(crate) struct Batches {
    dir: PathBuf,
    stem: &'static str,
    prefix: String,
    suffix: &'static str,
    limit: usize,
    buf: Vec<u8>,
    count: u64,
    written: Vec<Written>,
}

impl Batches {
    pub(crate) fn new(
        dir: &Path,
        stem: &'static str,
        prefix: String,
        suffix: &'static str,
        limit: usize,
    ) -> Batches {
        Batches {
            dir: dir.to_path_buf(),
            stem,
            prefix,
            suffix,
            limit,
            buf: Vec::new(),
            count: 0,
            written: Vec::new(),
        }
    }

    /// Whether a record of `len` bytes fits in a file of its own.
    pub(crate) fn fits_alone(&self, len: usize) -> bool {
        self.prefix.len() + len + self.suffix.len() < self.limit
    }

    /// Adds one serialised record, starting a new file when the current one would reach the
    /// limit. The caller checks [`Batches::fits_alone`] first; a record that does not fit
    /// alone is refused with `Ok(false)`.
    pub(crate) fn push(&mut self, record: &[u8]) -> Result<bool, ExportError> {
        if !self.fits_alone(record.len()) {
            return Ok(false);
        }
        if self.count > 0 && self.buf.len() + 1 + record.len() + self.suffix.len() >= self.limit {
            self.flush()?;
        }
        if self.count == 0 {
            self.buf.clear();
            self.buf.extend_from_slice(self.prefix.as_bytes());
        } else {
            self.buf.push(b',');
        }
        self.buf.extend_from_slice(record);
        self.count += 1;
        Ok(true)
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        if self.count == 0 {
            return Ok(());
        }
        self.buf.extend_from_slice(self.suffix.as_bytes());
        let path = self
            .dir
            .join(format!("{}-{:03}.json", self.stem, self.written.len() + 1));
        std::fs::write(&path, &self.buf).map_err(|source| ExportError::io(&path, source))?;
        self.written.push(Written {
            path,
            records: self.count,
        });
        self.buf.clear();
        self.count = 0;
        Ok(())
    }

    /// Writes the last file and lists every file written, with its record count.
    pub(crate) fn finish(mut self) -> Result<Vec<Written>, ExportError> {
        self.flush()?;
        self.remove_stale()?;
        Ok(self.written)
    }

    /// Removes numbered files of this series left by an earlier, larger export into the same
    /// folder (`stem-004.json` when this run wrote three), so nobody uploads them by mistake.
    fn remove_stale(&self) -> Result<(), ExportError> {
        let entries = std::fs::read_dir(&self.dir).map_err(|e| ExportError::io(&self.dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| ExportError::io(&self.dir, e))?;
            let name = entry.file_name();
            let Some(number) = name
                .to_str()
                .and_then(|n| n.strip_prefix(self.stem))
                .and_then(|n| n.strip_prefix('-'))
                .and_then(|n| n.strip_suffix(".json"))
            else {
                continue;
            };
            let stale = number.len() >= 3
                && number.bytes().all(|b| b.is_ascii_digit())
                && number
                    .parse::<usize>()
                    .is_ok_and(|n| n > self.written.len());
            if stale {
                let path = entry.path();
                std::fs::remove_file(&path).map_err(|e| ExportError::io(&path, e))?;
            }
        }
        Ok(())
    }
}

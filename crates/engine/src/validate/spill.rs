//! Values the checks across records keep on disk once their tables in memory are full, so
//! memory stays bounded whatever the file's length.
//!
//! Past the cap a value already in memory is still found at once; any other value goes to
//! one of [`PARTS`] files by its digest, with its row and its text. Once every record was
//! seen, each file is read back alone, sorted by digest and row, and every value met again
//! there is reported, naming the row that had it first, as an issue after the rows (like a
//! manager who is not in the file). Memory then holds one file's entries at a time: a
//! sixty-fourth of the values that did not fit.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many files the values are spread over by digest.
const PARTS: usize = 64;

/// A value that went to disk.
pub(crate) struct Spilled {
    pub digest: u64,
    pub row: u64,
    /// Whether its record had no error when it was checked (a late duplicate makes it
    /// invalid after all).
    pub was_valid: bool,
    pub value: String,
}

/// The values of one table that did not fit in memory.
pub(crate) struct Spill {
    dir: SpillDir,
    parts: Vec<BufWriter<File>>,
}

impl Spill {
    /// A spill in a new folder of the system's temporary folder (removed when dropped).
    pub fn new() -> io::Result<Spill> {
        let dir = SpillDir::new()?;
        let parts = (0..PARTS)
            .map(|i| File::create(dir.part(i)).map(|f| BufWriter::with_capacity(8 * 1024, f)))
            .collect::<io::Result<_>>()?;
        Ok(Spill { dir, parts })
    }

    pub fn push(&mut self, digest: u64, row: u64, was_valid: bool, value: &str) -> io::Result<()> {
        let part = &mut self.parts[part_of(digest)];
        part.write_all(&digest.to_le_bytes())?;
        part.write_all(&row.to_le_bytes())?;
        part.write_all(&[u8::from(was_valid)])?;
        part.write_all(&(value.len() as u64).to_le_bytes())?;
        part.write_all(value.as_bytes())?;
        Ok(())
    }

    /// Reads the values back one file at a time: `each` gets every file's values sorted by
    /// digest and then row.
    pub fn read_back(mut self, mut each: impl FnMut(&[Spilled])) -> io::Result<()> {
        for part in &mut self.parts {
            part.flush()?;
        }
        let mut values = Vec::new();
        for i in 0..PARTS {
            values.clear();
            let mut input = BufReader::new(File::open(self.dir.part(i))?);
            while let Some(value) = read_one(&mut input)? {
                values.push(value);
            }
            values.sort_unstable_by_key(|v| (v.digest, v.row));
            each(&values);
        }
        Ok(())
    }
}

/// Which file a digest goes to: its top bits (the tables in memory use them too, but any
/// split works).
pub(crate) fn part_of(digest: u64) -> usize {
    (digest >> 58) as usize % PARTS
}

fn read_one(input: &mut impl Read) -> io::Result<Option<Spilled>> {
    let mut head = [0u8; 25];
    match input.read_exact(&mut head[..1]) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    input.read_exact(&mut head[1..])?;
    let number = |at: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&head[at..at + 8]);
        u64::from_le_bytes(bytes)
    };
    let (digest, row, was_valid, len) = (number(0), number(8), head[16] == 1, number(17));
    let mut value = vec![0u8; usize::try_from(len).map_err(io::Error::other)?];
    input.read_exact(&mut value)?;
    Ok(Some(Spilled {
        digest,
        row,
        was_valid,
        value: String::from_utf8(value).map_err(io::Error::other)?,
    }))
}

/// A folder of the system's temporary folder, removed with its files when dropped.
struct SpillDir(PathBuf);

impl SpillDir {
    fn new() -> io::Result<SpillDir> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "muster-spill-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path)?;
        Ok(SpillDir(path))
    }

    fn part(&self, i: usize) -> PathBuf {
        self.0.join(format!("{i}.bin"))
    }
}

impl Drop for SpillDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
impl Spill {
    pub fn folder(&self) -> &std::path::Path {
        &self.dir.0
    }
}

//! Opening a workbook with calamine and turning its failures into sentences: a password,
//! a damaged file, a legacy workbook under a modern name.

use std::fs::File;
use std::io::{BufReader, Cursor};
use std::path::Path;

use calamine::{Data, Ods, Range, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsb, Xlsx};
use either::Either;

use crate::sheet::{Format, SheetError};

/// What calamine reads a workbook from: the file itself, or for a .xls the clean copy in
/// memory that [`super::compound`] built from the checked parts.
pub(crate) type Bytes = Either<BufReader<File>, Cursor<Vec<u8>>>;

pub(crate) type Workbook = Sheets<Bytes>;

/// Opens the workbook in the format already checked against the file's first bytes.
pub(crate) fn open(path: &Path, format: Format) -> Result<Workbook, SheetError> {
    let bytes = match format {
        Format::Xls => Either::Right(Cursor::new(super::compound::checked(path)?)),
        _ => {
            if matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
                super::unpacked::check(path)?;
            }
            let file = File::open(path).map_err(|e| SheetError::io(path, e))?;
            Either::Left(BufReader::new(file))
        }
    };
    guarded(path, || open_unguarded(path, format, bytes))
}

/// Runs calamine on a file that may be damaged: calamine panics on some (a truncated .xls
/// is sliced past its end), which is a damaged workbook to the person, not a crash.
pub(crate) fn guarded<T>(
    path: &Path,
    read: impl FnOnce() -> Result<T, SheetError>,
) -> Result<T, SheetError> {
    super::quiet::catch(read).unwrap_or_else(|_| {
        Err(SheetError::Workbook {
            path: path.to_path_buf(),
            message: "its structure is broken".to_string(),
        })
    })
}

fn open_unguarded(path: &Path, format: Format, bytes: Bytes) -> Result<Workbook, SheetError> {
    let opened = match format {
        Format::Xlsx => Xlsx::new(bytes)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
        Format::Xlsb => Xlsb::new(bytes)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb),
        Format::Xls => Xls::new(bytes)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        Format::Ods => Ods::new(bytes)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
        Format::Csv | Format::Json | Format::Ndjson => {
            return Err(SheetError::Workbook {
                path: path.to_path_buf(),
                message: format!("a {format} file is not a workbook"),
            });
        }
    };
    opened.map_err(|e| explain(path, format, e))
}

/// The names of all sheets, in order, and which of them a default choice may pick
/// (visible worksheets, not charts or hidden sheets).
pub(crate) fn sheet_names(workbook: &Workbook) -> (Vec<String>, Vec<String>) {
    let all = workbook.sheet_names();
    let candidates = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    (all, candidates)
}

/// Loads one sheet's cells.
pub(crate) fn load(
    workbook: &mut Workbook,
    path: &Path,
    format: Format,
    name: &str,
) -> Result<Range<Data>, SheetError> {
    guarded(path, || {
        workbook
            .worksheet_range(name)
            .map_err(|e| explain(path, format, e))
    })
}

fn explain(path: &Path, format: Format, error: calamine::Error) -> SheetError {
    let password = matches!(
        &error,
        calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password)
    );
    if password || (format == Format::Xlsx && is_encrypted_package(path)) {
        return SheetError::PasswordProtected {
            path: path.to_path_buf(),
        };
    }
    if format == Format::Xlsx && is_compound_file(path) {
        return SheetError::WrongContent {
            path: path.to_path_buf(),
            expected: format,
            actual: "a legacy Excel 97-2003 workbook".to_string(),
        };
    }
    if let calamine::Error::Io(source) = error {
        return SheetError::io(path, source);
    }
    SheetError::Workbook {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

/// Excel saves a password-protected xlsx as a compound file holding the encrypted package.
fn is_encrypted_package(path: &Path) -> bool {
    cfb::open(path).is_ok_and(|c| c.exists("/EncryptionInfo") && c.exists("/EncryptedPackage"))
}

fn is_compound_file(path: &Path) -> bool {
    cfb::open(path).is_ok()
}

//! A whole sheet through a mapping and the validator: the loop both shells run.

use super::{Counts, Issue, Validator};
use crate::mapping::{Mapped, Mapper, Record};
use crate::sheet::{Row, Sheet, SheetError};
use crate::target::catalog::Catalog;

/// Maps and validates every row of `sheet`, handing each issue to `sink` (cross-record
/// warnings come last). Memory stays flat: one row and one record are reused throughout.
pub fn validate_sheet(
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
    mut sink: impl FnMut(Issue),
) -> Result<Counts, SheetError> {
    let mut validator = Validator::new(catalog, mapper);
    let mut row = Row::default();
    let mut record = Record::default();
    while sheet.next_row(&mut row)? {
        match mapper.map(&row, &mut record) {
            Mapped::Record => {
                validator.check(&record, &mut sink);
            }
            Mapped::Skipped(_) => validator.skipped(),
        }
    }
    Ok(validator.finish(&mut sink))
}

use super::*;

fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

fn number(row: u16, column: u16) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(column.to_le_bytes());
    data.extend([0; 10]);
    record(NUMBER, &data)
}

#[test]
fn dimensions_are_worked_out_as_calamine_reserves_them() {
    let biff8 = |rows: (u32, u32), columns: (u16, u16)| {
        let mut data = rows.0.to_le_bytes().to_vec();
        data.extend(rows.1.to_le_bytes());
        data.extend(columns.0.to_le_bytes());
        data.extend(columns.1.to_le_bytes());
        data.extend([0, 0]);
        dimensions(&data)
    };
    // Rows and columns are stored first and one past the last.
    assert_eq!(biff8((0, 41), (0, 3)), (41, 3));
    assert_eq!(biff8((0, u32::MAX), (0, 256)), (u64::from(u32::MAX), 256));
    // An end before the start wraps round in calamine's 32 bits.
    assert_eq!(biff8((10, 5), (0, 3)), (u64::from(u32::MAX) - 4, 3));
    // An empty sheet still claims one cell.
    assert_eq!(biff8((0, 0), (0, 0)), (1, 1));
    // A first column past IV counts from A, as calamine does.
    assert_eq!(biff8((0, 1), (300, 400)), (1, 400));
    assert_eq!(dimensions(&[1, 2, 3]), (0, 0));
}

#[test]
fn a_sheet_spans_its_furthest_cells_and_nested_charts_are_skipped() {
    let mut sheet = record(BOF, &[0, 6, 0x10, 0]);
    sheet.extend(number(3, 1));
    sheet.extend(number(9, 4));
    // An embedded chart: its records are not the sheet's.
    sheet.extend(record(BOF, &[0, 6, 0x20, 0]));
    sheet.extend(number(60_000, 200));
    sheet.extend(record(EOF, &[]));
    let mut mul_rk = 12u16.to_le_bytes().to_vec();
    mul_rk.extend(2u16.to_le_bytes());
    mul_rk.extend([0; 12]);
    mul_rk.extend(3u16.to_le_bytes());
    sheet.extend(record(MUL_RK, &mul_rk));
    sheet.extend(record(EOF, &[]));
    sheet.extend(number(65_535, 65_535));
    let claim = claim(&sheet);
    assert_eq!(claim.spanned(), (10, 4));
    assert_eq!(claim.declared, (0, 0));
}

#[test]
fn sheet_names_are_read_from_the_globals_in_either_width() {
    let mut globals = record(BOF, &[0, 6, 5, 0]);
    let mut narrow = vec![0x40, 0, 0, 0, 0, 0, 5, 0];
    narrow.extend(b"Staff");
    globals.extend(record(BOUND_SHEET, &narrow));
    let mut wide = vec![0x80, 0, 0, 0, 0, 0, 2, 1];
    wide.extend(
        "Ü".encode_utf16()
            .chain("b".encode_utf16())
            .flat_map(u16::to_le_bytes),
    );
    globals.extend(record(BOUND_SHEET, &wide));
    globals.extend(record(BOUND_SHEET, &[1, 0, 0, 0]));
    globals.extend(record(EOF, &[]));
    assert_eq!(
        sheets(&globals),
        [
            (0x40, "Staff".to_string()),
            (0x80, "Üb".to_string()),
            (1, "sheet 3".to_string())
        ]
    );
}

#[test]
fn records_end_at_the_first_one_cut_short() {
    let mut stream = record(EOF, &[]);
    stream.extend(record(NUMBER, &[1; 14]));
    stream.truncate(stream.len() - 1);
    assert_eq!(Records(&stream).count(), 1);
}

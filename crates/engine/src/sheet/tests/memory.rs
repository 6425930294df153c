use std::path::PathBuf;

use crate::sheet::{Format, Layout, Numbering, Row, Sheet};

#[test]
fn rows_held_in_memory_read_back_in_order_with_their_numbers() {
    let layout = Layout::new(PathBuf::from("fixed.csv"), Format::Csv, Numbering::Row);
    let rows = vec![
        Row::from_cells(2, ["E1", "ada@example.com"]),
        Row::from_cells(7, ["E6", "grace@example.com"]),
    ];
    let mut sheet = Sheet::in_memory(layout, vec!["id".into(), "email".into()], rows.into_iter());
    assert_eq!(sheet.columns(), ["id", "email"]);
    let read: Vec<(u64, Vec<String>)> = sheet
        .rows()
        .map(|row| row.map(|r| (r.number, r.to_vec())))
        .collect::<Result<_, _>>()
        .expect("memory rows never fail");
    assert_eq!(
        read,
        [
            (2, vec!["E1".to_owned(), "ada@example.com".to_owned()]),
            (7, vec!["E6".to_owned(), "grace@example.com".to_owned()]),
        ]
    );
    assert_eq!(sheet.problems().total(), 0);
}

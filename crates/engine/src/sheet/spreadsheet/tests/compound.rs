use super::*;

/// A compound file with the given streams, written by `cfb`.
fn compound(streams: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    let mut built = cfb::create(file.path()).unwrap();
    for (name, bytes) in streams {
        let folder = Path::new(name).parent().unwrap();
        if folder != Path::new("/") {
            built.create_storage_all(folder).unwrap();
        }
        built.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    built.flush().unwrap();
    file
}

fn streams_of(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    let mut clean = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let names: Vec<String> = clean
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    names
        .into_iter()
        .map(|name| {
            let mut bytes = Vec::new();
            clean
                .open_stream(&name)
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
            (name, bytes)
        })
        .collect()
}

/// An empty BIFF stream: no records, so no sheet claims a size.
const NO_RECORDS: &[u8] = b"";

#[test]
fn calamine_is_handed_only_the_checked_workbook_stream() {
    // 900 six-byte records (DATEMODE, numbered): past the 4,096 bytes below which a
    // stream lives in the mini stream, so both kinds of sector chain are exercised.
    let records: Vec<u8> = (0..900u16)
        .flat_map(|i| [&[0x22, 0x00, 0x02, 0x00][..], &i.to_le_bytes()].concat())
        .collect();
    let file = compound(&[
        ("/Workbook", &records),
        ("/Book", b"an older copy"),
        ("/_VBA_PROJECT_CUR/VBA/dir", b"macros"),
        ("/\u{5}SummaryInformation", b"properties"),
    ]);
    let streams = streams_of(checked(file.path()).unwrap());
    assert_eq!(streams, [("/Workbook".to_string(), records)]);
}

#[test]
fn an_excel_95_book_stream_is_handed_on_as_the_workbook() {
    let file = compound(&[("/Book", NO_RECORDS), ("/Other", b"x")]);
    let streams = streams_of(checked(file.path()).unwrap());
    assert_eq!(streams, [("/Workbook".to_string(), Vec::new())]);
}

#[test]
fn a_compound_file_without_a_workbook_stream_is_refused() {
    let file = compound(&[("/Other", b"x")]);
    let message = checked(file.path()).unwrap_err().to_string();
    assert!(message.contains("holds no Workbook stream"), "{message}");
}

//! Looking for secrets where they must not be: each secret ("marker") in every form it could
//! be written in (as given, base64 at any alignment, percent- and form-encoded, JSON-escaped),
//! in files (and inside workbooks, which are zip archives), process output and request
//! addresses; and tokens the targets issued (JWTs, the people API's `oat_…`), by their shape.

use std::io::Read;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

/// One secret to look for.
#[derive(Debug, Clone)]
pub struct Marker {
    /// What it is, for the failure message: "lms token".
    pub name: String,
    /// Every form it could be written in.
    forms: Vec<(String, Vec<u8>)>,
}

/// The shortest secret worth looking for: shorter ones would be found by chance.
const SHORTEST: usize = 16;

impl Marker {
    pub fn new(name: &str, secret: &str) -> Marker {
        assert!(
            secret.len() >= SHORTEST,
            "the {name} is too short to be recognised: {secret:?}"
        );
        let mut forms = vec![("as given".to_owned(), secret.as_bytes().to_vec())];
        let mut add = |form: &str, text: String| {
            if !forms.iter().any(|(_, known)| known == text.as_bytes()) {
                forms.push((form.to_owned(), text.into_bytes()));
            }
        };
        for (alignment, inner) in base64_forms(secret.as_bytes()) {
            add(&format!("base64 (offset {alignment})"), inner);
        }
        add("percent-encoded", percent(secret, false));
        add("form-encoded", percent(secret, true));
        add(
            "percent-encoded (lower case)",
            percent(secret, false).to_lowercase(),
        );
        add(
            "JSON-escaped",
            serde_json::to_string(secret).expect("a string serialises")[1..]
                .trim_end_matches('"')
                .to_owned(),
        );
        Marker {
            name: name.to_owned(),
            forms,
        }
    }

    /// How many forms are looked for.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// The first form of this marker found in `haystack`.
    pub fn found_in(&self, haystack: &[u8]) -> Option<&str> {
        self.forms
            .iter()
            .find(|(_, needle)| contains(haystack, needle))
            .map(|(form, _)| form.as_str())
    }
}

/// The part of `secret`'s base64 encoding that stays the same whatever comes before and
/// after it, for each of the three byte alignments it can start at, in the standard and
/// the URL-safe alphabets.
fn base64_forms(secret: &[u8]) -> Vec<(usize, String)> {
    let mut forms = Vec::new();
    for alignment in 0..3 {
        let mut input = vec![0u8; alignment];
        input.extend_from_slice(secret);
        for engine in [&STANDARD_NO_PAD, &URL_SAFE_NO_PAD] {
            let encoded = engine.encode(&input);
            // Characters that mix in the padding bytes before, or the unknown bytes after.
            let skip = if alignment == 0 { 0 } else { 4 };
            let whole_groups = input.len() / 3 * 4;
            if whole_groups > skip {
                forms.push((alignment, encoded[skip..whole_groups].to_owned()));
            }
        }
        // As whole values with padding, the way a Basic header or a JSON field holds them.
        if alignment == 0 {
            forms.push((0, STANDARD.encode(secret)));
            forms.push((0, URL_SAFE.encode(secret)));
        }
    }
    forms
}

/// RFC 3986 percent-encoding (unreserved characters kept), or HTML form encoding (space
/// as `+`).
fn percent(text: &str, form: bool) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' if form => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// A token a target issued, recognised by its shape: a JWT (`eyJ….eyJ…`) or the people
/// API's access token (`oat_` and 40 hex digits).
pub fn issued_token(haystack: &[u8]) -> Option<String> {
    for start in 0..haystack.len().saturating_sub(8) {
        let rest = &haystack[start..];
        if rest.starts_with(b"eyJ") {
            let header = rest.iter().take_while(|b| is_base64url(**b)).count();
            if header >= 10 && rest[header..].starts_with(b".eyJ") {
                let end = (header + 24).min(rest.len());
                return Some(format!("a JWT {}…", String::from_utf8_lossy(&rest[..end])));
            }
        }
        if rest.starts_with(b"oat_")
            && rest.len() >= 44
            && rest[4..44].iter().all(u8::is_ascii_hexdigit)
        {
            return Some(format!(
                "an access token {}",
                String::from_utf8_lossy(&rest[..44])
            ));
        }
    }
    None
}

fn is_base64url(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

/// Where something was looked for, and what it held.
pub struct Place {
    pub what: String,
    pub bytes: Vec<u8>,
}

/// Every file under `dir` (and every entry of the zip archives among them: workbooks),
/// read whole.
pub fn files_under(dir: &Path) -> Vec<Place> {
    let mut places = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).expect("a test folder lists");
        for entry in entries {
            let path: PathBuf = entry.expect("a folder entry reads").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue; // a file removed while the folder was listed
            };
            places.extend(zip_entries(&path, &bytes));
            places.push(Place {
                what: path.display().to_string(),
                bytes,
            });
        }
    }
    places
}

/// The unpacked entries of a zip archive (`.xlsx`); none for other files.
fn zip_entries(path: &Path, bytes: &[u8]) -> Vec<Place> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut places = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("a zip entry opens");
        let name = entry
            .name()
            .map_or_else(|_| format!("entry {index}"), |name| name.into_owned());
        let mut unpacked = Vec::new();
        entry
            .read_to_end(&mut unpacked)
            .expect("a zip entry unpacks");
        places.push(Place {
            what: format!("{} ({name})", path.display()),
            bytes: unpacked,
        });
    }
    places
}

/// Every marker or issued token found in `places`, as lines for a failure message.
pub fn findings(markers: &[Marker], places: &[Place]) -> Vec<String> {
    let mut found = Vec::new();
    for place in places {
        for marker in markers {
            if let Some(form) = marker.found_in(&place.bytes) {
                found.push(format!("the {} ({form}) in {}", marker.name, place.what));
            }
        }
        if let Some(token) = issued_token(&place.bytes) {
            found.push(format!("{token} in {}", place.what));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    //! The scanner finds what it must, so a clean scan means something.

    use std::io::Write;

    use super::*;

    const SECRET: &str = "MUSTER-CANARY 7f3a+b/c=d9e1 end";

    fn place(bytes: &[u8]) -> Vec<Place> {
        vec![Place {
            what: "test".to_owned(),
            bytes: bytes.to_vec(),
        }]
    }

    #[test]
    fn a_marker_is_found_in_every_form_it_can_be_written_in() {
        let marker = Marker::new("canary", SECRET);
        let markers = [marker];
        for prefix in ["", "a", "ab", "abc"] {
            for encoded in [
                STANDARD.encode(format!("{prefix}{SECRET}")),
                URL_SAFE_NO_PAD.encode(format!("{prefix}{SECRET}tail")),
                STANDARD.encode(format!("user:{prefix}{SECRET}")),
            ] {
                let found = findings(&markers, &place(format!("x{encoded}y").as_bytes()));
                assert_eq!(found.len(), 1, "{prefix:?} {encoded}");
            }
        }
        for text in [
            format!("…{SECRET}…"),
            format!("?q={}&", percent(SECRET, false)),
            format!("body={}", percent(SECRET, true)),
            serde_json::to_string(&format!("{SECRET}\n")).unwrap(),
        ] {
            assert_eq!(
                findings(&markers, &place(text.as_bytes())).len(),
                1,
                "{text}"
            );
        }
        assert!(findings(&markers, &place(b"MUSTER-CANARY 7f3a+b/c=d9e")).is_empty());
    }

    #[test]
    fn issued_tokens_are_found_by_their_shape() {
        let jwt = b"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        assert!(issued_token(jwt).is_some());
        let oat = format!("token oat_{} end", "0123456789abcdef".repeat(3));
        assert!(issued_token(oat.as_bytes()).is_some());
        assert!(issued_token(b"eyJ is how JSON starts in base64; oat_xyz").is_none());
    }

    #[test]
    fn markers_inside_a_workbook_are_found() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("book.xlsx");
        let mut archive = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        archive.start_file("xl/sharedStrings.xml", options).unwrap();
        archive
            .write_all(format!("<si><t>{SECRET}</t></si>").as_bytes())
            .unwrap();
        archive.finish().unwrap();
        let found = findings(&[Marker::new("canary", SECRET)], &files_under(dir.path()));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("xl/sharedStrings.xml"), "{found:?}");
    }
}

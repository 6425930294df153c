//! Decoding of `application/x-www-form-urlencoded` bodies.
//!
//! Auth0's `/oauth/token` accepts form bodies as well as JSON; the crate's axum
//! is built without its `form` feature, so the few fields are decoded here.

/// The name/value pairs of a form body, `+` read as a space and `%XX` decoded.
/// Malformed escapes are kept as written.
pub(crate) fn pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((name, value)) => (decode(name), decode(value)),
            None => (decode(part), String::new()),
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2]))
            {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs() {
        let got =
            pairs("grant_type=client_credentials&audience=http%3A%2F%2Fx%2Fapi&scope=a+b&flag");
        assert_eq!(
            got,
            vec![
                ("grant_type".into(), "client_credentials".into()),
                ("audience".into(), "http://x/api".into()),
                ("scope".into(), "a b".into()),
                ("flag".into(), String::new()),
            ]
        );
    }

    #[test]
    fn keeps_bad_escapes() {
        assert_eq!(
            pairs("a=100%&b=%zz"),
            vec![("a".into(), "100%".into()), ("b".into(), "%zz".into())]
        );
    }
}

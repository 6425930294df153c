//! The email check: what the RFC allows (the `email_address` crate decides), and a dot in
//! the domain, since an address at a bare host name is never what an HR export means.
//!
//! Nearly every address in a file is plain ASCII, `name.surname@example.com`, and the
//! crate's general parser was a tenth of validating a file. [`plain`] accepts those byte by
//! byte; anything it does not accept goes to the crate, so it only ever says yes where the
//! crate would (a test compares both on generated strings).

/// Whether `value` is an email address, as the module docs say.
pub(crate) fn is_email(value: &str) -> bool {
    plain(value) || by_the_rfc(value)
}

/// The general check: the `email_address` crate, without display names, and a dotted
/// domain.
fn by_the_rfc(value: &str) -> bool {
    email_address::EmailAddress::parse_with_options(
        value,
        email_address::Options::default().without_display_text(),
    )
    .is_ok()
        && value.rsplit_once('@').is_some_and(|(_, domain)| {
            domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
}

/// An unquoted ASCII address within the RFC's lengths: a local part of dot-separated
/// atoms, then a domain of at least two labels that start and end with a letter or digit.
/// False means "not this simple shape", not "invalid". One pass over the bytes.
fn plain(value: &str) -> bool {
    let bytes = value.as_bytes();
    let Some(at) = bytes.iter().position(|&b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&bytes[..at], &bytes[at + 1..]);
    if !(1..=64).contains(&local.len()) || !(1..=254).contains(&domain.len()) {
        return false;
    }
    // Atoms: no dot first, last or twice in a row.
    let mut previous = b'.';
    for &b in local {
        if (b == b'.' && previous == b'.') || (b != b'.' && !ATEXT[usize::from(b)]) {
            return false;
        }
        previous = b;
    }
    if previous == b'.' {
        return false;
    }
    // Labels: 1 to 63 atext bytes, a letter or digit first and last.
    let (mut label, mut dots, mut previous) = (0usize, 0, b'.');
    for &b in domain {
        if b == b'.' {
            if label == 0 || !previous.is_ascii_alphanumeric() {
                return false;
            }
            dots += 1;
            label = 0;
        } else {
            if !ATEXT[usize::from(b)] || (label == 0 && !b.is_ascii_alphanumeric()) {
                return false;
            }
            label += 1;
            if label > 63 {
                return false;
            }
        }
        previous = b;
    }
    dots > 0 && label > 0 && previous.is_ascii_alphanumeric()
}

/// RFC 5322's `atext` in ASCII, by byte: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
const ATEXT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(c, b'!' | b'#'..=b'\'' | b'*' | b'+' | b'-' | b'/' | b'=' | b'?' | b'^'..=b'`' | b'{'..=b'~');
        b += 1;
    }
    table
};

#[cfg(test)]
#[path = "tests/email.rs"]
mod tests;

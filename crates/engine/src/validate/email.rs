//! The email check: what the RFC allows (the `email_address` crate decides), and a dot in
//! the domain, since an address at a bare host name is never what an HR export means.
//!
//! Nearly every address in a file is plain ASCII, `name.surname@example.com`, and the
//! crate's general parser was a tenth of validating a file. [`plain`] accepts those byte by
//! byte; anything it does not accept goes to the crate, so it only ever says yes where the
//! crate would (a test compares both on generated strings). [`common`] answers for
//! [`plain`] eight bytes at a time when an address is short and of the usual characters.

use crate::eight_bytes::{HIGH, ascii, bits, each_word, equal, splat, within};

/// Whether `value` is an email address, as the module docs say.
pub(crate) fn is_email(value: &str) -> bool {
    plain(value) || by_the_rfc(value)
}

/// [`plain`], decided a word at a time when [`common`] can.
pub(super) fn plain(value: &str) -> bool {
    common(value).unwrap_or_else(|| by_bytes(value))
}

/// [`by_bytes`]'s answer for an address of at most 64 bytes of letters, digits, `@`, `_`
/// and `-./` (as `-`, `/` is atext); `None` for anything else. The dots, the `@` and the
/// letters and digits each become a 64-bit mask, a bit a byte, and the rules of
/// [`by_bytes`] tests on the masks: a dot neither first nor twice in a row nor before the
/// `@`; a domain that starts and ends with a letter or digit and has one on both sides of
/// every dot (so its labels are at most 62 bytes).
fn common(value: &str) -> Option<bool> {
    let bytes = value.as_bytes();
    if bytes.is_empty() || bytes.len() > 64 {
        return None;
    }
    let (mut alnum, mut dots, mut ats, mut other) = (0u64, 0u64, 0u64, 0u64);
    each_word(bytes, b'a', |i, word| {
        let (low, high) = ascii(word);
        let letters_digits = within(low | splat(0x20), b'a', b'z') | within(low, b'0', b'9');
        let (dot, at) = (equal(low, b'.'), equal(low, b'@'));
        let known = letters_digits | within(low, b'-', b'/') | at | equal(low, b'_');
        other |= high | (!known & HIGH);
        let shift = 8 * i;
        alnum |= bits(letters_digits) << shift;
        dots |= bits(dot) << shift;
        ats |= bits(at) << shift;
    });
    if other != 0 {
        return None;
    }
    if ats.count_ones() != 1 {
        return Some(false);
    }
    let last = bytes.len() - 1;
    let alnum = alnum & (u64::MAX >> (63 - last));
    let at = ats.trailing_zeros();
    let domain_dots = dots & !(u64::MAX >> (63 - at));
    Some(
        at >= 1
            && dots & 1 == 0
            && dots & (dots >> 1) == 0
            && dots & (ats >> 1) == 0
            && domain_dots != 0
            && alnum & (ats << 1) != 0
            && alnum >> last == 1
            && (domain_dots << 1) & !alnum == 0
            && (domain_dots >> 1) & !alnum == 0,
    )
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
fn by_bytes(value: &str) -> bool {
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

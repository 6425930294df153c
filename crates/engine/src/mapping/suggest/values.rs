//! What one sampled value looks like: an email, a phone number, a date, a link, an id, a
//! name. Each test is deliberately plain and quick; a column's share of values passing it is
//! what counts (`shape`), so one odd value does not decide anything.

use crate::mapping::transform::parse_date;

/// Something@domain.tld without spaces.
pub(crate) fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !value.contains(char::is_whitespace)
        && domain
            .split_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && tld.len() >= 2 && !tld.ends_with('.'))
}

/// E.164 as targets want it: a plus and 8 to 15 digits, nothing else.
pub(crate) fn is_e164(value: &str) -> bool {
    value.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

/// A phone number as people write them: `+49 30 1234567`, `0049 …`, `030/1234567`,
/// `(212) 555-0100`. Plain digit runs without a leading 0 or +, which personnel numbers
/// also are, count only when they are broken up by separators.
pub(crate) fn is_phone(value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || is_written_date(value) {
        return false;
    }
    let body = value.strip_prefix('+');
    let plus = body.is_some();
    let body = body.unwrap_or(value);
    let mut digits = String::new();
    let mut separated = false;
    for c in body.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '/' | '.' | '(' | ')' => separated = true,
            _ => return false,
        }
    }
    let n = digits.len();
    if plus {
        (7..=15).contains(&n)
    } else if digits.starts_with("00") {
        (10..=17).contains(&n)
    } else if digits.starts_with('0') {
        (8..=14).contains(&n)
    } else {
        separated && (7..=15).contains(&n)
    }
}

/// A date written with separators or month names: `15.03.1985`, `1985-03-15`,
/// `3/15/1985`, `15 mars 1985`. Plain numbers are left out: they are far more often ids than
/// `YYYYMMDD` dates or spreadsheet serials (see [`is_serial_date`]).
pub(crate) fn is_written_date(value: &str) -> bool {
    let value = value.trim();
    if value.is_empty()
        || value.len() > 40
        || is_plain_number(value)
        || !value.bytes().any(|b| b.is_ascii_digit())
    {
        return false;
    }
    parse_date(value, Some(true), &[]).is_ok() || parse_date(value, Some(false), &[]).is_ok()
}

/// Digits with at most one decimal point: an id, an amount or a serial, not a written date.
fn is_plain_number(value: &str) -> bool {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, "0"));
    [whole, fraction]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// A spreadsheet serial day number between 1927 and 2099 (10000 to 73050), as a CSV
/// written from Excel leaves dates: a date only where the header already says so.
pub(crate) fn is_serial_date(value: &str) -> bool {
    let value = value.trim();
    let whole = value.split_once('.').map_or(value, |(w, _)| w);
    whole.len() == 5
        && whole.bytes().all(|b| b.is_ascii_digit())
        && whole
            .parse::<u32>()
            .is_ok_and(|n| (10_000..=73_050).contains(&n))
}

/// A web address.
pub(crate) fn is_url(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
        && !lower.contains(' ')
}

/// One token without spaces, as logins are.
pub(crate) fn is_token(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty() && !value.contains(char::is_whitespace)
}

/// An id: one token of letters, digits and `-_/.`, with at least one digit, at most 20
/// characters (`10023`, `P-0001`, `A1234`).
pub(crate) fn is_id(value: &str) -> bool {
    let value = value.trim();
    (1..=20).contains(&value.len())
        && value.bytes().any(|b| b.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
}

/// A name or a part of one: letters with spaces, hyphens, apostrophes and dots, at least two
/// letters, one word capitalised (`Anna`, `MÜLLER`, `van der Berg`, `O'Neil`).
pub(crate) fn is_name(value: &str) -> bool {
    let value = value.trim();
    value.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && value
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.' | ','))
        && value
            .split([' ', '-'])
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A full name: a name of two words or more, or `Last, First`.
pub(crate) fn is_full_name(value: &str) -> bool {
    is_name(value) && (value.contains(',') || value.split_whitespace().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("anna.schmidt@firma.de"));
        assert!(!is_email("anna.schmidt@firma"));
        assert!(!is_email("anna schmidt@firma.de"));
        assert!(!is_email("@firma.de"));
    }

    #[test]
    fn phones_but_not_ids_or_dates() {
        for phone in [
            "+49 30 1234567",
            "030 1234567",
            "0170-1234567",
            "0049301234567",
            "(212) 555-0100",
            "+4930123456",
        ] {
            assert!(is_phone(phone), "{phone}");
        }
        for other in ["10023", "00012345", "15.03.1985", "1985-03-15", "x12", ""] {
            assert!(!is_phone(other), "{other}");
        }
        assert!(is_e164("+4930123456"));
        assert!(!is_e164("+49 30 123456"));
        assert!(!is_e164("030123456"));
    }

    #[test]
    fn dates() {
        for date in [
            "15.03.1985",
            "1985-03-15",
            "3/15/1985",
            "15 mars 1985",
            "2020-01-15T08:00:00Z",
        ] {
            assert!(is_written_date(date), "{date}");
        }
        for other in ["10023", "31120", "abc", "030/1234567", "+49 30 123456"] {
            assert!(!is_written_date(other), "{other}");
        }
        assert!(is_serial_date("31120"));
        assert!(!is_serial_date("1234"));
    }

    #[test]
    fn ids_tokens_and_names() {
        assert!(is_id("10023") && is_id("P-0001") && !is_id("Anna") && !is_id("a b1"));
        assert!(is_token("a.schmidt") && !is_token("Anna Schmidt"));
        assert!(is_name("Anna") && is_name("MÜLLER") && is_name("van der Berg"));
        assert!(is_name("O'Neil") && !is_name("IT4") && !is_name("x"));
        assert!(is_full_name("Anna Schmidt") && is_full_name("Schmidt, Anna"));
        assert!(!is_full_name("Anna"));
        assert!(is_url("https://example.com/a") && !is_url("example"));
    }
}

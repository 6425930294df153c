//! Email addresses: ASCII folding of names, uniqueness, and broken variants.
//!
//! Addresses are `first.last@example.com`. Uniqueness must hold for a million
//! rows without remembering a million addresses, so only the first
//! [`PLAIN_CAP`] distinct plain addresses are remembered; anyone after that,
//! or anyone whose plain address is taken, gets their row number appended
//! (`anna.schmidt4711@...`). Folded names never contain digits, so a suffixed
//! address can never equal a plain one, and row numbers never repeat.

use std::collections::HashSet;
use std::fmt::Write as _;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub(crate) const DOMAIN: &str = "example.com";

/// How many plain addresses are remembered (a few MB at most).
const PLAIN_CAP: usize = 50_000;

/// Appends `name` in lowercase ASCII: `Müller` → `mueller`, `Łukasz` →
/// `lukasz`; spaces and apostrophes are dropped, hyphens kept.
pub(crate) fn push_folded(name: &str, out: &mut String) {
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let folded = match c {
            'ä' | 'Ä' | 'æ' | 'Æ' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            'á' | 'à' | 'â' | 'ã' | 'å' | 'ą' | 'Á' | 'À' | 'Â' | 'Å' | 'ầ' | 'ặ' => {
                "a"
            }
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' | 'É' | 'È' | 'ễ' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'Í' | 'İ' => "i",
            'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ő' | 'Ó' | 'Ø' | 'Ô' => "o",
            'ú' | 'ù' | 'û' | 'ů' | 'ű' | 'Ú' => "u",
            'ñ' | 'ń' | 'Ñ' => "n",
            'ç' | 'č' | 'ć' | 'Ç' | 'Č' => "c",
            'ł' | 'Ł' => "l",
            'ř' | 'Ř' => "r",
            'š' | 'ś' | 'ş' | 'Š' | 'Ś' | 'Ş' => "s",
            'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => "z",
            'ý' | 'ÿ' | 'Ý' => "y",
            'đ' | 'Đ' => "d",
            'ğ' => "g",
            // Spaces, apostrophes and anything unknown vanish.
            _ => "",
        };
        out.push_str(folded);
    }
}

/// Hands out unique addresses.
pub(crate) struct EmailBook {
    plain: HashSet<String>,
}

impl EmailBook {
    pub(crate) fn new() -> EmailBook {
        EmailBook {
            plain: HashSet::new(),
        }
    }

    /// A unique address for this person; `seq` is unique per row.
    pub(crate) fn assign(&mut self, first: &str, last: &str, seq: u64) -> String {
        let mut address = String::with_capacity(40);
        push_folded(first, &mut address);
        address.push('.');
        push_folded(last, &mut address);
        let unused = self.plain.len() < PLAIN_CAP && !self.plain.contains(&address);
        if unused {
            self.plain.insert(address.clone());
        } else {
            let _ = write!(address, "{seq}");
        }
        address.push('@');
        address.push_str(DOMAIN);
        address
    }
}

/// Breaks a valid address in one of the ways people break them.
pub(crate) fn corrupt(rng: &mut ChaCha8Rng, valid: &str) -> String {
    let (local, _domain) = valid.split_once('@').unwrap_or((valid, DOMAIN));
    match rng.random_range(0..5u32) {
        0 => format!("{local}@@example"),
        1 => format!("{local}.{DOMAIN}"),
        2 => format!("{}@{DOMAIN}", local.replacen('.', " ", 1)),
        3 => format!("{local}@"),
        _ => format!("@{DOMAIN}"),
    }
}

/// Whether `s` has the shape of an address: one `@`, a local part without
/// spaces, and a dotted domain. Good enough to tell our valid addresses from
/// the ones [`corrupt`] makes.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let clean = |part: &str| !part.is_empty() && !part.contains(['@', ' ', '\t', '\n']);
    clean(local)
        && clean(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn folds_names() {
        let fold = |name: &str| {
            let mut s = String::new();
            push_folded(name, &mut s);
            s
        };
        assert_eq!(fold("Müller"), "mueller");
        assert_eq!(fold("Łukasz"), "lukasz");
        assert_eq!(fold("Dvořák"), "dvorak");
        assert_eq!(fold("O'Brien"), "obrien");
        assert_eq!(fold("van der Berg"), "vanderberg");
        assert_eq!(fold("Anna-Lena"), "anna-lena");
        assert_eq!(fold("Ødegaard"), "odegaard");
    }

    #[test]
    fn every_pooled_name_folds_to_letters() {
        for name in crate::names::all_names() {
            let mut s = String::new();
            push_folded(name, &mut s);
            let letters = name.chars().filter(|c| c.is_alphabetic()).count();
            assert!(
                s.chars().filter(|c| c.is_ascii_lowercase()).count() >= letters,
                "{name} folded to {s}"
            );
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{s}"
            );
        }
    }

    #[test]
    fn addresses_are_unique() {
        let mut book = EmailBook::new();
        let mut seen = HashSet::new();
        for seq in 1..=2000 {
            let address = book.assign("Anna", if seq % 2 == 0 { "Schmidt" } else { "Weiß" }, seq);
            assert!(looks_like_email(&address), "{address}");
            assert!(seen.insert(address));
        }
        assert!(seen.contains("anna.schmidt@example.com"));
        assert!(seen.contains("anna.weiss@example.com"));
    }

    #[test]
    fn corrupted_addresses_fail_the_shape_check() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        for _ in 0..200 {
            let bad = corrupt(&mut rng, "anna.schmidt@example.com");
            assert!(!looks_like_email(&bad), "{bad}");
        }
    }
}

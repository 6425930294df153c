//! The form of a bcrypt hash in modular crypt format, which both Auth0 (`password_hash`,
//! `custom_password_hash` with `bcrypt`) and Authgear (`password.type = "bcrypt"`) import:
//! `$2b$10$` + 22 characters of salt + 31 of hash, from the alphabet `./A-Za-z0-9`, as in the
//! documents' own examples (`$2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K`
//! on Auth0's schema page, `$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy`
//! in `002_8430e5261dcbbc42.txt`).

/// Salt and hash together, after the cost: 22 + 31 characters.
const BODY_LENGTH: usize = 53;

/// A hash read as bcrypt: its version letter (`a` for `$2a$`) and its cost (log2 rounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bcrypt {
    pub version: char,
    pub cost: u32,
}

/// Reads `value` as a bcrypt hash; `None` when it does not have bcrypt's form at all.
pub(super) fn parse(value: &str) -> Option<Bcrypt> {
    let rest = value.strip_prefix("$2")?;
    let mut chars = rest.chars();
    let version = chars.next().filter(char::is_ascii_lowercase)?;
    let rest = chars.as_str().strip_prefix('$')?;
    let (cost, body) = rest.split_once('$')?;
    // The cost is always written with two digits; bcrypt defines it from 4 to 31.
    let cost: u32 = (cost.len() == 2 && cost.bytes().all(|b| b.is_ascii_digit()))
        .then(|| cost.parse().ok())
        .flatten()?;
    let body_fits = body.len() == BODY_LENGTH
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'/');
    ((4..=31).contains(&cost) && body_fits).then_some(Bcrypt { version, cost })
}

//! Throwaway identifiers and secrets, fresh for every sandbox start.

use rand::Rng;
use rand::distr::Alphanumeric;

/// `len` random ASCII letters and digits.
pub(crate) fn alphanumeric(len: usize) -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// `len` random lowercase hexadecimal digits.
pub(crate) fn hex(len: usize) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| char::from(DIGITS[rng.random_range(0..DIGITS.len())]))
        .collect()
}

/// `len` random bytes, for signing keys.
pub(crate) fn bytes(len: usize) -> Vec<u8> {
    let mut rng = rand::rng();
    (0..len).map(|_| rng.random::<u8>()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let a = alphanumeric(16);
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        let h = hex(24);
        assert_eq!(h.len(), 24);
        assert!(
            h.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(bytes(32).len(), 32);
        assert_ne!(alphanumeric(32), alphanumeric(32));
    }
}

//! Timestamps and random ids for emulated resources, shared by the SCIM and Authgear
//! emulators (both write RFC 3339 times and UUIDs into what they return).
//!
//! Follows RFC 3339 for times (`2024-04-04T06:56:36.02508096Z`: UTC, `Z`, the fraction
//! written without trailing zeros the way Go's `RFC3339Nano` does, which is what Authgear's
//! sample responses show) and RFC 9562 for the version 4 UUIDs SCIM ids and Authgear user ids
//! look like. Neither document says how ids are made; random is what both services do.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rand::Rng;

/// Now as an RFC 3339 UTC timestamp.
pub(crate) fn now_rfc3339() -> String {
    rfc3339(SystemTime::now())
}

/// `at` as an RFC 3339 UTC timestamp with the fraction's trailing zeros dropped.
pub(crate) fn rfc3339(at: SystemTime) -> String {
    // Times before 1970 do not occur here; they are written as the epoch.
    let since = at.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let secs = since.as_secs();
    let days = secs / 86_400;
    let in_day = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    let mut out = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    );
    let nanos = since.subsec_nanos();
    if nanos > 0 {
        let fraction = format!("{nanos:09}");
        out.push('.');
        out.push_str(fraction.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, shifted so that eras start on 1 March).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// A random version 4 UUID in its hyphenated lower-case form.
pub(crate) fn uuid_v4() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill(&mut bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `len` random characters of Crockford's base 32 alphabet (upper case), the alphabet of
/// Authgear's task ids (`task_4WZ0V7EPT4GZ2ABVN03QXYZ122W835C1`).
pub(crate) fn base32_token(len: usize) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// `len` random lower-case hexadecimal characters, for throwaway bearer tokens and ids.
pub(crate) fn hex_token(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| char::from(b"0123456789abcdef"[rng.random_range(0..16)]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        // 2024-04-04T06:56:36Z, the time of Authgear's sample task.
        let sample = UNIX_EPOCH + Duration::new(1_712_213_796, 25_080_960);
        assert_eq!(rfc3339(sample), "2024-04-04T06:56:36.02508096Z");
        // A leap day and the last second of a century year that is a leap year.
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(rfc3339(leap), "2000-02-29T00:00:00Z");
        let end = UNIX_EPOCH + Duration::from_secs(978_307_199);
        assert_eq!(rfc3339(end), "2000-12-31T23:59:59Z");
    }

    #[test]
    fn uuid_has_version_and_variant() {
        let id = uuid_v4();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        assert_ne!(uuid_v4(), id);
    }

    #[test]
    fn tokens_use_their_alphabets() {
        let task = base32_token(32);
        assert_eq!(task.len(), 32);
        assert!(
            task.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        );
        assert!(!task.contains(['I', 'L', 'O', 'U']));
        assert!(hex_token(40).chars().all(|c| c.is_ascii_hexdigit()));
    }
}

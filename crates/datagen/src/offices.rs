//! Offices (the HR API's `locations`) and the phone number style of each
//! office's country, so numbers look like +49 30 1234567 or +1-415-555-0123.

use std::fmt::Write as _;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The phone number style of a country.
#[derive(Debug, Clone, Copy)]
enum PhoneStyle {
    /// `+49 30 1234567`: country code, area code, subscriber digits.
    Spaced {
        country: &'static str,
        area: &'static str,
        digits: u32,
    },
    /// `+1-415-555-0123`: North American dashes.
    NorthAmerica { area: &'static str },
    /// `+33 1 42 68 53 00`: digits in pairs.
    Pairs {
        country: &'static str,
        area: &'static str,
        pairs: u32,
    },
}

/// An office the HR API lists under `locations`, with its phone style.
pub(crate) struct Office {
    pub(crate) name: &'static str,
    phone: PhoneStyle,
}

pub(crate) const OFFICES: &[Office] = &[
    Office {
        name: "Berlin Office",
        phone: PhoneStyle::Spaced {
            country: "+49",
            area: "30",
            digits: 7,
        },
    },
    Office {
        name: "Munich Office",
        phone: PhoneStyle::Spaced {
            country: "+49",
            area: "89",
            digits: 7,
        },
    },
    Office {
        name: "Hamburg Office",
        phone: PhoneStyle::Spaced {
            country: "+49",
            area: "40",
            digits: 7,
        },
    },
    Office {
        name: "New York Office",
        phone: PhoneStyle::NorthAmerica { area: "212" },
    },
    Office {
        name: "San Francisco Office",
        phone: PhoneStyle::NorthAmerica { area: "415" },
    },
    Office {
        name: "London Office",
        phone: PhoneStyle::Spaced {
            country: "+44",
            area: "20 7946",
            digits: 4,
        },
    },
    Office {
        name: "Paris Office",
        phone: PhoneStyle::Pairs {
            country: "+33",
            area: "1",
            pairs: 4,
        },
    },
    Office {
        name: "Madrid Office",
        phone: PhoneStyle::Spaced {
            country: "+34",
            area: "91",
            digits: 7,
        },
    },
    Office {
        name: "Warsaw Office",
        phone: PhoneStyle::Spaced {
            country: "+48",
            area: "22",
            digits: 7,
        },
    },
    Office {
        name: "Copenhagen Office",
        phone: PhoneStyle::Pairs {
            country: "+45",
            area: "33",
            pairs: 3,
        },
    },
];

/// A second location some people have besides their office.
pub(crate) const REMOTE: &str = "Remote";

pub(crate) fn office(rng: &mut ChaCha8Rng) -> &'static Office {
    &OFFICES[rng.random_range(0..OFFICES.len() as u32) as usize]
}

impl Office {
    /// Appends a phone number in this office's national style.
    pub(crate) fn push_phone(&self, rng: &mut ChaCha8Rng, out: &mut String) {
        let digit = |rng: &mut ChaCha8Rng| char::from(b'0' + rng.random_range(0..10u8));
        match self.phone {
            PhoneStyle::Spaced {
                country,
                area,
                digits,
            } => {
                let _ = write!(out, "{country} {area} ");
                // No leading zero: subscriber numbers never start with one.
                out.push(char::from(b'1' + rng.random_range(0..9u8)));
                for _ in 1..digits {
                    out.push(digit(rng));
                }
            }
            PhoneStyle::NorthAmerica { area } => {
                // 555-01xx is the range reserved for fictional numbers.
                let _ = write!(out, "+1-{area}-555-01{:02}", rng.random_range(0..100u32));
            }
            PhoneStyle::Pairs {
                country,
                area,
                pairs,
            } => {
                let _ = write!(out, "{country} {area}");
                for _ in 0..pairs {
                    out.push(' ');
                    out.push(digit(rng));
                    out.push(digit(rng));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn phones_look_international() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        for office in OFFICES {
            let mut phone = String::new();
            office.push_phone(&mut rng, &mut phone);
            assert!(phone.starts_with('+'), "{phone}");
            assert!(
                phone[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || c == '-'),
                "{phone}"
            );
            assert!((12..=18).contains(&phone.len()), "{phone}");
        }
    }
}

use super::*;

/// The marks of a test as one bit a byte, byte 0 lowest, checking that nothing but high
/// bits is set.
fn marked(marks: u64) -> u64 {
    assert_eq!(marks & !HIGH, 0, "{marks:#x}");
    marks
        .to_le_bytes()
        .iter()
        .enumerate()
        .fold(0, |m, (i, &b)| m | (u64::from(b >> 7) << i))
}

/// The byte-by-byte answer, one bit a byte.
fn each_byte(bytes: [u8; 8], test: impl Fn(u8) -> bool) -> u64 {
    bytes
        .iter()
        .enumerate()
        .fold(0, |m, (i, &b)| m | (u64::from(test(b)) << i))
}

/// Every byte value in every position, among neighbours of every byte value, against the
/// byte-by-byte answer.
#[test]
fn classes_agree_with_each_byte() {
    for position in 0..8 {
        for byte in 0..=255u8 {
            for other in 0..=255u8 {
                let mut bytes = [other; 8];
                bytes[position] = byte;
                let word = u64::from_le_bytes(bytes);
                let (low, high) = ascii(word);
                let low_bytes = low.to_le_bytes();
                assert_eq!(low_bytes, bytes.map(|b| b & 0x7F));
                assert_eq!(marked(high), each_byte(bytes, |b| b >= 0x80));
                assert_eq!(bits(high), marked(high), "{bytes:?}");
                assert_eq!(
                    marked(upper_or_high(word)),
                    each_byte(bytes, |b| b.is_ascii_uppercase() || !b.is_ascii()),
                    "{bytes:?}"
                );
                for target in [0, 1, b' ', b'.', b'@', 0x7F, 0x80, 0xA0, 0xFF] {
                    assert_eq!(
                        marked(equal(word, target)),
                        each_byte(bytes, |b| b == target),
                        "{bytes:?} {target}"
                    );
                }
                for limit in [0, 1, b' ', b'a', 0x7F, 0x80] {
                    assert_eq!(
                        marked(below(low, limit)),
                        each_byte(low_bytes, |b| b < limit),
                        "{bytes:?} {limit}"
                    );
                }
                for (from, to) in [(b'0', b'9'), (b'A', b'Z'), (0, 0x7F), (b'a', b'a'), (0, 0)] {
                    assert_eq!(
                        marked(within(low, from, to)),
                        each_byte(low_bytes, |b| (from..=to).contains(&b)),
                        "{bytes:?} {from}..={to}"
                    );
                }
            }
        }
    }
}

/// The words of each reader hold every byte in place, with the pad above the text.
#[test]
fn each_word_covers_every_byte_once() {
    let bytes: Vec<u8> = (1..=20).collect();
    for len in 0..=bytes.len() {
        let mut read = Vec::new();
        each_word(&bytes[..len], 0xee, |i, word| {
            assert_eq!(i, read.len() / 8);
            read.extend(word.to_le_bytes());
        });
        assert_eq!(read.len(), len.div_ceil(8) * 8);
        assert_eq!(&read[..len], &bytes[..len]);
        assert!(read[len..].iter().all(|&b| b == 0xee), "{len} {read:?}");
    }
}

/// The two words of short text hold every byte and every neighbouring pair.
#[test]
fn short_text_is_two_words() {
    let text: Vec<u8> = (1..=20).collect();
    for len in 0..=text.len() {
        let bytes = &text[..len];
        let Some([first, last]) = short(bytes, 0xee) else {
            assert!(len >= 16);
            continue;
        };
        let (first, last) = (first.to_le_bytes(), last.to_le_bytes());
        if len < 8 {
            let mut padded = bytes.to_vec();
            padded.resize(8, 0xee);
            assert_eq!((first.to_vec(), last.to_vec()), (padded.clone(), padded));
            continue;
        }
        assert_eq!((&first[..], &last[..]), (&bytes[..8], &bytes[len - 8..]));
        for pair in bytes.windows(2) {
            let held = |w: &[u8; 8]| w.windows(2).any(|p| p == pair);
            assert!(held(&first) || held(&last), "{len} {pair:?}");
        }
    }
}

#[test]
fn words_cover_every_byte() {
    let text: Vec<u8> = (1..=40).collect();
    for len in 0..=text.len() {
        let bytes = &text[..len];
        let (whole, last) = words(bytes, 0xee);
        let mut seen: Vec<u8> = whole.flat_map(u64::to_le_bytes).collect();
        assert_eq!(seen.len(), len / 8 * 8);
        match last {
            None => assert_eq!(len % 8, 0),
            Some(word) if len < 8 => {
                let mut padded = bytes.to_vec();
                padded.resize(8, 0xee);
                assert_eq!(word.to_le_bytes().to_vec(), padded);
            }
            Some(word) => {
                assert_eq!(word.to_le_bytes(), bytes[len - 8..]);
                seen.extend_from_slice(&word.to_le_bytes()[8 - len % 8..]);
            }
        }
        if len >= 8 {
            assert_eq!(seen, bytes);
        }
    }
}

/// [`any`] finds one marked byte at every place in text of every length to 40.
#[test]
fn any_finds_a_byte_anywhere() {
    for len in 0..=40 {
        let mut text = vec![b'a'; len];
        assert!(!any(&text, b'a', upper_or_high), "{len}");
        for at in 0..len {
            text[at] = b'Q';
            assert!(any(&text, b'a', upper_or_high), "{len} {at}");
            text[at] = b'a';
        }
    }
}

//! Generated JSON for the comparison: records of every kind of key and value the readers meet
//! (escapes, unusual numbers, nesting, space), some of them broken, from a fixed seed.

/// A small xorshift generator, so every run sees the same cases.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(super) fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    pub(super) fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const KEYS: &[&str] = &[
    r#""uid""#,
    r#""name""#,
    r#""a.b""#,
    r#""a""#,
    r#""b""#,
    r#""""#,
    r#""é""#,
    r#""k\"q""#,
    r#""\u0075id""#,
    r#""x\/y""#,
    r#""manager""#,
    r#""emails""#,
    r#""😀""#,
    r#""\ud83d\ude00""#,
    r#""tab\tkey""#,
];

const STRINGS: &[&str] = &[
    r#""""#,
    r#""Zoë""#,
    r#""Jos\u00e9""#,
    r#""line\nbreak""#,
    r#""quote\"s""#,
    r#""back\\slash""#,
    r#""\ud83d\ude00 \uD83D\uDE00""#,
    r#""\u0000\b\f\r\t""#,
    r#""a/b\/c""#,
    r#""  spaced  ""#,
    r#""E1000001""#,
    r#""alice.anderson@example.com""#,
    r#""a string long enough to cross the eight byte chunks of the scanner""#,
];

/// Strings one parser or both refuse.
const BAD_STRINGS: &[&str] = &[
    r#""\ud800""#,
    r#""\udc00x""#,
    r#""\ud800\u0041""#,
    "\"raw\tcontrol\"",
    r#""bad \x escape""#,
    r#""bad \u12G4 hex""#,
];

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "7",
    "-7",
    "1.5",
    "-0.0",
    "1e5",
    "1E+2",
    "2e-3",
    "1.0",
    "0.1",
    "1e99",
    "1e099",
    "2.5E-0",
    "1234567890123456789",
    "12345678901234567890",
    "-922337203685477580",
    "-9223372036854775808",
];

/// Numbers one parser or both refuse (struson: beyond 64 bits, exponents past 99).
const BAD_NUMBERS: &[&str] = &[
    "1e100",
    "1e400",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "-123456789012345678901234567890",
    "1234567890123456789012345678901234567890123",
    "01",
    "1.",
    "-",
    "1e",
];

const SPACE: &[&str] = &["", "", "", "", " ", "\t", "\r", "  ", "\n"];

pub(super) fn space(rng: &mut Rng, out: &mut String, newlines: bool) {
    let s = rng.pick(SPACE);
    if newlines || s != "\n" {
        out.push_str(s);
    }
}

pub(super) fn value(rng: &mut Rng, out: &mut String, depth: usize, newlines: bool, valid: bool) {
    let choice = if depth > 3 {
        rng.below(4)
    } else {
        rng.below(7)
    };
    match choice {
        0 => {
            let bad = !valid && rng.percent(3);
            out.push_str(rng.pick(if bad { BAD_STRINGS } else { STRINGS }));
        }
        1 => {
            let bad = !valid && rng.percent(3);
            out.push_str(rng.pick(if bad { BAD_NUMBERS } else { NUMBERS }));
        }
        2 => out.push_str(rng.pick(&["true", "false", "null"])),
        3 => out.push_str(rng.pick(&["\"x\"", "1", "null", "\"\""])),
        4 => {
            out.push('[');
            let n = rng.below(4);
            for i in 0..n {
                if i > 0 {
                    out.push(',');
                }
                space(rng, out, newlines);
                value(rng, out, depth + 1, newlines, valid);
                space(rng, out, newlines);
            }
            out.push(']');
        }
        _ => object(rng, out, depth + 1, newlines, valid),
    }
}

pub(super) fn object(rng: &mut Rng, out: &mut String, depth: usize, newlines: bool, valid: bool) {
    out.push('{');
    let n = rng.below(if depth == 0 { 7 } else { 4 });
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        space(rng, out, newlines);
        out.push_str(rng.pick(KEYS));
        space(rng, out, newlines);
        out.push(':');
        space(rng, out, newlines);
        value(rng, out, depth, newlines, valid);
        space(rng, out, newlines);
    }
    out.push('}');
}

/// Changes one byte somewhere: what a broken export looks like.
pub(super) fn break_one(rng: &mut Rng, text: &mut String) {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let with = rng.pick(&[
        "", "{", "}", "[", "]", ",", ":", "\"", "\\", "x", "0", " ", "\n",
    ]);
    if rng.percent(50) && at < text.len() {
        let mut end = at + 1;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(at..end, with);
    } else {
        text.insert_str(at, with);
    }
}

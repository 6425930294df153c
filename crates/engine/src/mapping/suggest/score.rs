//! Scoring one column for one field: header evidence and value evidence combined into a
//! confidence from 0 to 1, with the reason in words.
//!
//! - header h: the best reading of the header among the concepts the field takes, times the
//!   concept's factor for the field;
//! - values v: how well the sampled values fit what the field's first concept expects
//!   (`Shape::fit`), or nothing when they cannot tell.
//!
//! With header evidence: confidence = h × (0.35 + 0.65 × v), or 0.9 × h when the values
//! cannot tell. Values that agree raise a header match above a header alone; values that
//! contradict it ("E-Mail" full of dates) pull it down to about a third.
//! Without header evidence, and only when the header means nothing at all: confidence =
//! v × the concept's value-only weight (`Concept::value_only_weight`), and only when at
//! least 80% of the values fit. So a "Kontakt" column full of addresses is the email, while
//! a column of capitalised words is never guessed to be a name.

use super::concept::Concept;
use super::fields::Wants;
use super::header::{How, Reading};
use super::shape::{Shape, noun};

/// A column as the scorer sees it.
#[derive(Debug, Clone)]
pub(crate) struct Column<'a> {
    pub header: &'a str,
    pub readings: Vec<Reading>,
    pub shape: Shape,
}

impl Column<'_> {
    fn reading(&self, concept: Concept) -> Option<&Reading> {
        self.readings.iter().find(|r| r.concept == concept)
    }

    /// Whether the header means nothing the vocabulary knows.
    pub(crate) fn says_nothing(&self) -> bool {
        self.readings.first().is_none_or(|r| r.score < 0.5)
    }
}

/// A header reading below this is not header evidence.
const HEADER_FLOOR: f32 = 0.2;
/// Share of values that must fit before values alone vouch for a column.
const VALUES_ONLY_SHARE: f32 = 0.8;

/// How well `column` suits a field that takes `wants`: a confidence and the reason, or
/// `None` when it does not suit at all.
pub(crate) fn score(wants: &Wants, column: &Column) -> Option<(f32, String)> {
    let &(first, _) = wants.first()?;
    let fit = column.shape.fit(first.expected_shape());
    let header = wants
        .iter()
        .filter_map(|&(concept, factor)| {
            column
                .reading(concept)
                .map(|r| (r.score * factor, r, concept))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match header {
        Some((h, reading, concept)) if h >= HEADER_FLOOR => {
            let confidence = match fit {
                Some(v) => h * (0.35 + 0.65 * v),
                None => 0.9 * h,
            };
            let mut reason = header_reason(column.header, reading);
            if concept != first {
                reason.push_str(&format!(", which can serve as {}", first.label()));
            }
            if let Some(v) = fit {
                reason.push_str(&values_reason(first, v, &column.shape));
            }
            Some((confidence, reason))
        }
        _ if column.says_nothing() => {
            let v = fit.filter(|v| *v >= VALUES_ONLY_SHARE)?;
            let weight = wants
                .iter()
                .map(|&(concept, factor)| concept.value_only_weight() * factor)
                .fold(0.0, f32::max);
            let confidence = v * weight;
            (confidence > 0.0).then(|| {
                (
                    confidence,
                    format!(
                        "header \"{}\" says nothing, but {}% of sampled values are {}",
                        column.header,
                        percent(v),
                        noun(first.expected_shape())
                    ),
                )
            })
        }
        _ => None,
    }
}

/// Why the header points at the reading's concept.
pub(crate) fn header_reason(header: &str, reading: &Reading) -> String {
    let label = reading.concept.label();
    match &reading.how {
        How::Exact => format!("header \"{header}\" means {label}"),
        How::Contains(word) => format!("header \"{header}\" contains \"{word}\" ({label})"),
        How::Fuzzy(word) => format!("header \"{header}\" resembles \"{word}\" ({label})"),
        How::Qualified(word) => format!("header \"{header}\" says \"{word}\": {label}"),
        How::Context(why) => format!("header \"{header}\" {why} means {label}"),
    }
}

/// What the sampled values add.
fn values_reason(concept: Concept, v: f32, shape: &Shape) -> String {
    let expect = concept.expected_shape();
    if let Some((other, share)) = shape.dominant().filter(|_| v == 0.0) {
        return format!(
            "; but {}% of sampled values are {}",
            percent(share),
            noun(other)
        );
    }
    let but = if v < 0.5 { "but only " } else { "" };
    format!(
        "; {but}{}% of sampled values are {}",
        percent(v),
        noun(expect)
    )
}

pub(crate) fn percent(share: f32) -> u32 {
    (share * 100.0).round() as u32
}

#[cfg(test)]
mod tests {
    use super::super::header::read;
    use super::*;

    fn column<'a>(header: &'a str, values: &[&'a str]) -> Column<'a> {
        Column {
            header,
            readings: read(header),
            shape: Shape::of(values.iter().copied()),
        }
    }

    fn email() -> Wants {
        vec![(Concept::Email, 1.0)]
    }

    #[test]
    fn agreeing_values_beat_a_header_alone() {
        let confirmed = score(&email(), &column("E-Mail", &["a@x.de", "b@x.de"]));
        let alone = score(&email(), &column("E-Mail", &[]));
        let contradicted = score(&email(), &column("E-Mail", &["15.03.1985", "01.02.1990"]));
        let (c, reason) = confirmed.unwrap();
        assert_eq!(
            reason,
            "header \"E-Mail\" means email; 100% of sampled values are email addresses"
        );
        let (a, _) = alone.unwrap();
        let (d, why) = contradicted.unwrap();
        assert!(c > a && a > d, "{c} {a} {d}");
        assert!(d < 0.5, "{why}");
        assert!(
            why.ends_with("; but 100% of sampled values are dates"),
            "{why}"
        );
    }

    #[test]
    fn values_alone_need_a_silent_header() {
        let (v, reason) = score(&email(), &column("Kontakt", &["a@x.de", "b@x.de"])).unwrap();
        assert!(v >= 0.75, "{v}");
        assert!(reason.contains("says nothing"), "{reason}");
        assert!(score(&email(), &column("Bemerkung", &["a@x.de", "b@x.de"])).is_none());
        let names = vec![(Concept::GivenName, 1.0)];
        assert!(score(&names, &column("Farbe", &["Blau", "Rot"])).is_none());
    }

    #[test]
    fn text_fields_are_pulled_down_by_other_shapes() {
        let department = vec![(Concept::Department, 1.0)];
        let (plain, _) = score(&department, &column("Abteilung", &["IT", "Vertrieb"])).unwrap();
        let (odd, reason) =
            score(&department, &column("Abteilung", &["a@x.de", "b@x.de"])).unwrap();
        assert!(plain > 0.85 && odd < 0.5, "{plain} {odd}");
        assert!(
            reason.contains("but 100% of sampled values are email addresses"),
            "{reason}"
        );
    }
}

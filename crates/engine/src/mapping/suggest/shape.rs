//! The shape of a column's sampled values: for each kind of value (`values`), the share of
//! non-blank cells that look like it, plus how many distinct values there are. Blank cells
//! are left out: an optional column is not less of a phone column for having gaps.

use std::collections::HashSet;

use super::concept::Expect;
use super::values::{
    is_email, is_full_name, is_id, is_name, is_phone, is_serial_date, is_token, is_url,
    is_written_date,
};
use super::words::{is_gender, yes_no};

/// Shares (0 to 1) of a column's non-blank sampled values of each kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Shape {
    /// Non-blank values sampled.
    pub filled: usize,
    pub email: f32,
    pub phone: f32,
    pub date: f32,
    /// Spreadsheet serial day numbers (only a date under a date header).
    pub serial: f32,
    pub boolean: f32,
    pub gender: f32,
    pub url: f32,
    pub id: f32,
    pub token: f32,
    pub name: f32,
    pub full_name: f32,
    /// Distinct values over non-blank values.
    pub distinct: f32,
}

/// Yes/no and gender columns hold a handful of values; more distinct ones mean the words
/// matched by chance (an `X` among free text).
const FEW_VALUES: usize = 4;

impl Shape {
    /// The shape of `values` (blank ones are skipped).
    pub(crate) fn of<'a>(values: impl IntoIterator<Item = &'a str>) -> Shape {
        let values: Vec<&str> = values
            .into_iter()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Shape::default();
        }
        let share = |test: fn(&str) -> bool| {
            values.iter().filter(|v| test(v)).count() as f32 / values.len() as f32
        };
        let lowered: HashSet<String> = values.iter().map(|v| v.to_lowercase()).collect();
        let few = lowered.len() <= FEW_VALUES;
        Shape {
            filled: values.len(),
            email: share(is_email),
            phone: share(is_phone),
            date: share(is_written_date),
            serial: share(is_serial_date),
            boolean: if few {
                share(|v| yes_no(v).is_some())
            } else {
                0.0
            },
            gender: if few { share(is_gender) } else { 0.0 },
            url: share(is_url),
            id: share(is_id),
            token: share(is_token),
            name: share(is_name),
            full_name: share(is_full_name),
            distinct: values.iter().collect::<HashSet<_>>().len() as f32 / values.len() as f32,
        }
    }

    /// How well the values fit `expect`, from 0 to 1; `None` when they cannot tell: nothing
    /// was sampled, or free text is expected and the values are not clearly something else.
    pub(crate) fn fit(&self, expect: Expect) -> Option<f32> {
        if self.filled == 0 {
            return None;
        }
        Some(match expect {
            Expect::Email => self.email,
            Expect::Phone => self.phone,
            Expect::Date => (self.date + 0.9 * self.serial).min(1.0),
            Expect::Boolean => self.boolean,
            Expect::Gender => self.gender,
            Expect::Url => self.url,
            // Personnel numbers are unique; repeated values are more likely a reference.
            Expect::Id if self.distinct >= 0.95 => self.id,
            Expect::Id => self.id * 0.6 * self.distinct,
            Expect::Token => self.token,
            Expect::Name => self.name,
            Expect::FullName => self.full_name,
            Expect::Text => return self.dominant().map(|_| 0.0),
        })
    }

    /// The distinctive kind most values have, if any (at least 80% of them).
    pub(crate) fn dominant(&self) -> Option<(Expect, f32)> {
        [
            (Expect::Email, self.email),
            (Expect::Phone, self.phone),
            (Expect::Date, self.date),
            (Expect::Url, self.url),
            (Expect::Boolean, self.boolean),
        ]
        .into_iter()
        .find(|(_, share)| *share >= 0.8)
    }
}

/// What values of a kind are called in a reason.
pub(crate) fn noun(expect: Expect) -> &'static str {
    match expect {
        Expect::Email => "email addresses",
        Expect::Phone => "phone numbers",
        Expect::Date => "dates",
        Expect::Boolean => "yes/no values",
        Expect::Gender => "gender values",
        Expect::Url => "web addresses",
        Expect::Id => "unique ids",
        Expect::Token => "single words without spaces",
        Expect::Name => "names",
        Expect::FullName => "full names",
        Expect::Text => "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_skip_blank_cells() {
        let shape = Shape::of(["a@x.de", "", "b@x.de", "  ", "kein"]);
        assert_eq!(shape.filled, 3);
        assert!((shape.email - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(Shape::of(["", " "]).fit(Expect::Email), None);
    }

    #[test]
    fn fits() {
        let ids = Shape::of(["10023", "10024", "10025"]);
        assert_eq!(ids.fit(Expect::Id), Some(1.0));
        let managers = Shape::of(["10023", "10023", "10023", "10024"]);
        assert!(managers.fit(Expect::Id).unwrap_or(1.0) < 0.5);
        let flags = Shape::of(["ja", "nein", "Ja", "ja"]);
        assert_eq!(flags.fit(Expect::Boolean), Some(1.0));
        let text = Shape::of(["IT", "Vertrieb"]);
        assert_eq!(text.fit(Expect::Text), None);
        let dates = Shape::of(["15.03.1985", "01.02.1990"]);
        assert_eq!(dates.fit(Expect::Text), Some(0.0));
        assert_eq!(dates.dominant().map(|d| d.0), Some(Expect::Date));
        assert_eq!(Shape::of(["31120", "32000"]).fit(Expect::Date), Some(0.9));
    }

    #[test]
    fn many_distinct_words_are_not_flags() {
        let text = Shape::of(["x", "Lager", "Büro", "Vertrieb", "IT"]);
        assert_eq!(text.boolean, 0.0);
    }
}

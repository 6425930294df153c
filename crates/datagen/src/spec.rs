//! What to generate ([`Spec`]) and what was generated ([`Summary`]).

use crate::defect::DefectCounts;
use crate::error::GenError;

/// How many rows, how dirty, and which random sequence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    /// Number of data rows (people), not counting header or title rows.
    pub rows: u64,
    /// Share of rows, 0.0..=1.0, that carry exactly one injected defect.
    pub defect_rate: f64,
    /// Seed of the random sequence: the same seed gives the same bytes.
    pub seed: u64,
}

impl Spec {
    /// A clean export of `rows` rows with seed 1.
    pub fn new(rows: u64) -> Spec {
        Spec {
            rows,
            defect_rate: 0.0,
            seed: 1,
        }
    }

    /// Rejects settings that cannot be honoured, before any file is touched.
    pub fn validate(&self) -> Result<(), GenError> {
        if !(0.0..=1.0).contains(&self.defect_rate) {
            return Err(GenError::InvalidDefectRate(self.defect_rate));
        }
        Ok(())
    }

    /// Exactly how many rows get a defect: the rate applied with rounding.
    pub fn defect_total(&self) -> u64 {
        // f64 is exact for row counts far beyond anything we write.
        ((self.rows as f64) * self.defect_rate).round() as u64
    }
}

/// What a generator run produced, for tests and benchmarks to compare against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Data rows written.
    pub rows: u64,
    /// Injected defects by kind (each affected row has exactly one).
    pub defects: DefectCounts,
    /// 1-based row of the header as a spreadsheet shows it: 1, or 4 below
    /// the title rows. 0 for JSON and NDJSON, which have no header row.
    pub header_row: u64,
}

/// Fails early when the sheet would overflow, instead of deep inside a library.
pub(crate) fn check_rows(
    format: &'static str,
    rows: u64,
    header_row: u64,
    max: u64,
) -> Result<(), GenError> {
    let needed = rows.saturating_add(header_row);
    if needed > max {
        return Err(GenError::TooManyRows {
            format,
            rows,
            needed,
            max,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defect_total_rounds() {
        let spec = Spec {
            rows: 1000,
            defect_rate: 0.0125,
            seed: 3,
        };
        assert_eq!(spec.defect_total(), 13);
        assert_eq!(Spec::new(10).defect_total(), 0);
    }

    #[test]
    fn rejects_bad_rates() {
        for rate in [-0.1, 1.5, f64::NAN] {
            let spec = Spec {
                defect_rate: rate,
                ..Spec::new(1)
            };
            let err = spec.validate().unwrap_err();
            assert!(err.to_string().contains("between 0.0 and 1.0"), "{err}");
        }
        assert!(
            Spec {
                defect_rate: 1.0,
                ..Spec::new(1)
            }
            .validate()
            .is_ok()
        );
    }
}

//! Injected data-quality problems: which kinds exist, how many were written,
//! and which rows get one.
//!
//! The planner picks *exactly* `round(rows * defect_rate)` rows while
//! streaming, so callers can compare an importer's error count with
//! [`crate::Summary::defects`] without reading the whole file first.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// One kind of problem planted in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Defect {
    /// The email has no valid shape (`a@@example`, no `@`, a space...).
    InvalidEmail,
    /// The first name cell is empty.
    MissingFirstName,
    /// The last name cell is empty.
    MissingLastName,
    /// The employee id repeats the id of an earlier row.
    DuplicateId,
    /// The hire date is written `DD.MM.YYYY` (text) instead of ISO or a date cell.
    OtherDateFormat,
}

impl Defect {
    /// Every kind, in a fixed order (the order rows draw from).
    pub const ALL: [Defect; 5] = [
        Defect::InvalidEmail,
        Defect::MissingFirstName,
        Defect::MissingLastName,
        Defect::DuplicateId,
        Defect::OtherDateFormat,
    ];

    /// A short snake_case name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Defect::InvalidEmail => "invalid_email",
            Defect::MissingFirstName => "missing_first_name",
            Defect::MissingLastName => "missing_last_name",
            Defect::DuplicateId => "duplicate_id",
            Defect::OtherDateFormat => "other_date_format",
        }
    }
}

/// How many rows carry each defect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DefectCounts {
    pub invalid_email: u64,
    pub missing_first_name: u64,
    pub missing_last_name: u64,
    pub duplicate_id: u64,
    pub other_date_format: u64,
}

impl DefectCounts {
    /// The count for one kind.
    pub fn get(&self, defect: Defect) -> u64 {
        match defect {
            Defect::InvalidEmail => self.invalid_email,
            Defect::MissingFirstName => self.missing_first_name,
            Defect::MissingLastName => self.missing_last_name,
            Defect::DuplicateId => self.duplicate_id,
            Defect::OtherDateFormat => self.other_date_format,
        }
    }

    /// Counts one more row with `defect`.
    pub fn add(&mut self, defect: Defect) {
        let slot = match defect {
            Defect::InvalidEmail => &mut self.invalid_email,
            Defect::MissingFirstName => &mut self.missing_first_name,
            Defect::MissingLastName => &mut self.missing_last_name,
            Defect::DuplicateId => &mut self.duplicate_id,
            Defect::OtherDateFormat => &mut self.other_date_format,
        };
        *slot += 1;
    }

    /// Rows with any defect (each row has at most one).
    pub fn total(&self) -> u64 {
        Defect::ALL.iter().map(|&d| self.get(d)).sum()
    }
}

/// Decides, row by row, whether and which defect to plant.
pub(crate) struct DefectPlanner {
    rng: ChaCha8Rng,
    rows_left: u64,
    defects_left: u64,
}

impl DefectPlanner {
    /// `rng` should be a stream of its own, so that changing the defect rate
    /// leaves the people themselves unchanged.
    pub(crate) fn new(rng: ChaCha8Rng, rows: u64, defects: u64) -> DefectPlanner {
        DefectPlanner {
            rng,
            rows_left: rows,
            defects_left: defects.min(rows),
        }
    }

    /// The defect for the next row, if any. `row` is the 0-based data row.
    pub(crate) fn next(&mut self, row: u64) -> Option<Defect> {
        if self.rows_left == 0 {
            return None;
        }
        // Selection sampling: choose this row with probability
        // defects_left / rows_left, which yields exactly the planned total
        // with every row equally likely and no memory.
        let chosen =
            self.defects_left > 0 && self.rng.random_range(0..self.rows_left) < self.defects_left;
        self.rows_left -= 1;
        if !chosen {
            return None;
        }
        self.defects_left -= 1;
        let mut defect = Defect::ALL[self.rng.random_range(0..Defect::ALL.len() as u32) as usize];
        if defect == Defect::DuplicateId && row == 0 {
            // The first row has nothing earlier to duplicate.
            defect = Defect::InvalidEmail;
        }
        Some(defect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn plans_exact_totals() {
        for (rows, defects) in [(0, 0), (1, 1), (10, 0), (10, 10), (1000, 37), (5000, 2500)] {
            let mut planner = DefectPlanner::new(ChaCha8Rng::seed_from_u64(9), rows, defects);
            let mut counts = DefectCounts::default();
            for row in 0..rows {
                if let Some(d) = planner.next(row) {
                    counts.add(d);
                }
            }
            assert_eq!(counts.total(), defects, "rows={rows}");
        }
    }

    #[test]
    fn spreads_kinds() {
        let mut planner = DefectPlanner::new(ChaCha8Rng::seed_from_u64(1), 5000, 5000);
        let mut counts = DefectCounts::default();
        for row in 0..5000 {
            counts.add(planner.next(row).unwrap());
        }
        for d in Defect::ALL {
            assert!(counts.get(d) > 800, "{} only {}", d.name(), counts.get(d));
        }
    }
}

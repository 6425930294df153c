//! The tabular layout shared by CSV, XLSX and ODS: headers, title and cover
//! text, and how a [`Person`] becomes 12 cells.

use crate::date::Date;
use crate::person::Person;

/// Column headers, in file order.
pub(crate) const HEADERS: [&str; 12] = [
    "Employee ID",
    "First Name",
    "Last Name",
    "Email",
    "Department",
    "Job Title",
    "Hire Date",
    "Birth Date",
    "Phone",
    "Manager ID",
    "Employment Status",
    "Active",
];

/// The lines above the header when title rows are on (then a blank line).
pub(crate) const TITLE_LINES: [&str; 2] = ["Employee export", "Generated 2026-11-01 by PeopleSoft"];

/// Text on the optional first sheet of a workbook.
pub(crate) const COVER_LINES: [&str; 3] =
    ["Employee export", "Generated 2026-11-01", "Prepared by HR"];
pub(crate) const COVER_SHEET: &str = "Cover";
pub(crate) const DATA_SHEET: &str = "Employees";

/// One cell as a spreadsheet would type it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    Text(&'a str),
    /// A real date, with its ISO text for formats that only have text.
    Date(Date, &'a str),
    Empty,
}

impl<'a> Cell<'a> {
    /// The text a delimited file holds for this cell.
    pub(crate) fn as_text(&self) -> &'a str {
        match *self {
            Cell::Text(s) | Cell::Date(_, s) => s,
            Cell::Empty => "",
        }
    }
}

/// Reusable buffers for the cells that need formatting, so a row costs no
/// allocations beyond the person itself.
#[derive(Default)]
pub(crate) struct RowBuf {
    id: String,
    hire: String,
    birth: String,
    manager: String,
}

impl RowBuf {
    pub(crate) fn cells<'a>(&'a mut self, p: &'a Person) -> [Cell<'a>; 12] {
        self.id.clear();
        Person::push_id(p.id, &mut self.id);
        self.hire.clear();
        if p.hire_date_dotted {
            p.hire_date.push_dotted(&mut self.hire);
        } else {
            p.hire_date.push_iso(&mut self.hire);
        }
        self.birth.clear();
        p.birth_date.push_iso(&mut self.birth);
        self.manager.clear();
        if let Some(m) = &p.manager {
            Person::push_id(m.id, &mut self.manager);
        }

        let text_or_empty = |s: &'a str| {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s)
            }
        };
        [
            Cell::Text(&self.id),
            text_or_empty(p.first_name),
            text_or_empty(p.last_name),
            Cell::Text(&p.email),
            Cell::Text(p.department),
            Cell::Text(p.job_title),
            if p.hire_date_dotted {
                // The defect: a German date typed as text.
                Cell::Text(&self.hire)
            } else {
                Cell::Date(p.hire_date, &self.hire)
            },
            Cell::Date(p.birth_date, &self.birth),
            Cell::Text(&p.phone),
            text_or_empty(&self.manager),
            Cell::Text(p.employment_status),
            Cell::Text(if p.active { "yes" } else { "no" }),
        ]
    }
}

//! The company: departments with their job titles, and employment statuses.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A department, how common it is, and the titles people there hold.
struct Department {
    name: &'static str,
    weight: u32,
    titles: &'static [&'static str],
}

/// A title with a line break inside, so CSV readers meet a quoted newline.
pub(crate) const MULTILINE_TITLE: &str = "Head of\nPayroll";

/// Titles for the people on the first rows, who have no manager.
pub(crate) const EXECUTIVE_TITLES: &[&str] = &[
    "Chief Executive Officer",
    "Chief Financial Officer",
    "Chief Technology Officer",
    "Chief People Officer",
];
pub(crate) const EXECUTIVE_DEPARTMENT: &str = "Executive";

// Several titles carry a comma ("Sales, EMEA") or quotes so that delimited
// output needs quoting; "&" exercises XML escaping in ODS and XLSX.
const DEPARTMENTS: &[Department] = &[
    Department {
        name: "Engineering",
        weight: 24,
        titles: &[
            "Software Engineer",
            "Senior Software Engineer",
            "Staff Engineer",
            "Engineering Manager",
            "QA Engineer",
            "DevOps Engineer",
            "Site Reliability Engineer",
            "Frontend Developer",
            "Backend Developer",
        ],
    },
    Department {
        name: "Sales",
        weight: 14,
        titles: &[
            "Account Executive",
            "Sales, EMEA",
            "Sales Manager, DACH",
            "Sales Development Rep",
            "Key Account Manager",
            "Regional Sales Director",
        ],
    },
    Department {
        name: "Marketing",
        weight: 7,
        titles: &[
            "Marketing Manager",
            "Content Strategist",
            "SEO Specialist",
            "Product Marketing Manager",
            "Brand Designer",
            "Growth Marketer, Paid",
        ],
    },
    Department {
        name: "Finance",
        weight: 6,
        titles: &[
            "Accountant",
            "Financial Analyst",
            "Controller",
            "Accounts Payable Clerk",
            "Head of Finance",
            "Tax Specialist",
        ],
    },
    Department {
        name: "Human Resources",
        weight: 5,
        titles: &[
            "HR Business Partner",
            "Recruiter",
            "Payroll Specialist",
            "Talent Acquisition Lead",
            "HR Generalist",
            "Head of People",
        ],
    },
    Department {
        name: "Operations",
        weight: 8,
        titles: &[
            "Operations Manager",
            "Logistics Coordinator",
            "Office Manager",
            "Procurement Specialist",
            "Team Assistant \"Front Desk\"",
        ],
    },
    Department {
        name: "Customer Support",
        weight: 12,
        titles: &[
            "Support Specialist",
            "Customer Success Manager",
            "Support Team Lead",
            "Technical Support Engineer",
        ],
    },
    Department {
        name: "Legal",
        weight: 3,
        titles: &[
            "Legal Counsel",
            "Paralegal",
            "Compliance Officer",
            "Data Protection Officer",
        ],
    },
    Department {
        name: "IT",
        weight: 6,
        titles: &[
            "IT Administrator",
            "Systems Administrator",
            "IT Support Technician",
            "Security Analyst",
            "Identity & Access Engineer",
        ],
    },
    Department {
        name: "Product",
        weight: 6,
        titles: &[
            "Product Manager",
            "Product Owner",
            "UX Designer",
            "UX Researcher",
            "Director, Product",
        ],
    },
    Department {
        name: "Research & Development",
        weight: 5,
        titles: &[
            "Research Scientist",
            "Data Scientist",
            "Lab Technician",
            "Research Engineer",
        ],
    },
    Department {
        name: "Facilities",
        weight: 4,
        titles: &["Facility Manager", "Maintenance Technician", "Receptionist"],
    },
];

/// Picks a department and a title in it.
pub(crate) fn department_and_title(rng: &mut ChaCha8Rng) -> (&'static str, &'static str) {
    let total: u32 = DEPARTMENTS.iter().map(|d| d.weight).sum();
    let mut ticket = rng.random_range(0..total);
    let dept = DEPARTMENTS
        .iter()
        .find(|d| {
            let hit = ticket < d.weight;
            ticket = ticket.saturating_sub(d.weight);
            hit
        })
        .unwrap_or(&DEPARTMENTS[0]);
    let title = dept.titles[rng.random_range(0..dept.titles.len() as u32) as usize];
    // About 1 in 400 people overall (1 in 20 in HR) gets the two-line title.
    if dept.name == "Human Resources" && rng.random_range(0..20u32) == 0 {
        return (dept.name, MULTILINE_TITLE);
    }
    (dept.name, title)
}

/// Employment status and its per-mille upper bound (cumulative).
const STATUSES: &[(&str, u32)] = &[
    ("full_time", 740),
    ("part_time", 870),
    ("contractor", 960),
    ("intern", 1000),
];

pub(crate) fn employment_status(rng: &mut ChaCha8Rng) -> &'static str {
    let ticket = rng.random_range(0..1000u32);
    STATUSES
        .iter()
        .find(|(_, upper)| ticket < *upper)
        .map_or("full_time", |(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn statuses_and_departments_all_occur() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut seen_status = std::collections::HashSet::new();
        let mut seen_dept = std::collections::HashSet::new();
        let mut multiline = 0;
        for _ in 0..20_000 {
            seen_status.insert(employment_status(&mut rng));
            let (dept, title) = department_and_title(&mut rng);
            seen_dept.insert(dept);
            multiline += usize::from(title == MULTILINE_TITLE);
        }
        assert_eq!(seen_status.len(), STATUSES.len());
        assert_eq!(seen_dept.len(), DEPARTMENTS.len());
        assert!((20..100).contains(&multiline), "{multiline}");
    }
}

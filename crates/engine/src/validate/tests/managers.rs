//! Managers named the way HR exports name them: a SCIM file keyed by `userName` whose
//! manager column holds personnel numbers, found through `externalId` or `employeeNumber`.

use crate::mapping::{Mapped, Mapper, Profile, Record};
use crate::sheet::Row;
use crate::target::catalog::{self, TargetKind};
use crate::validate::{Issue, Validator};

/// A SCIM profile keyed by `userName` whose managers may be named by `key_field`.
pub(super) fn profile(key_field: &str) -> String {
    format!(
        r#"
version = 1
target = "scim"
identifier = "userName"

[[field]]
target = "userName"
column = "Email"

[[field]]
target = "{key_field}"
column = "Personnel number"

[[field]]
target = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"
column = "Manager"
"#
    )
}

fn issues(key_field: &str, rows: &[[&str; 3]]) -> Vec<Issue> {
    let catalog = catalog::builtin(TargetKind::Scim).unwrap();
    let columns: Vec<String> = ["Email", "Personnel number", "Manager"]
        .map(String::from)
        .to_vec();
    let profile = Profile::from_toml(&profile(key_field)).unwrap();
    let mapper = Mapper::new(&profile, &catalog, &columns).unwrap();
    let mut validator = Validator::new(&catalog, &mapper);
    let mut issues = Vec::new();
    let mut record = Record::default();
    for (i, cells) in rows.iter().enumerate() {
        let row = Row::from_cells(i as u64 + 2, cells.iter());
        if let Mapped::Record = mapper.map(&row, &mut record) {
            validator.check(&record, &mut |issue| issues.push(issue));
        }
    }
    validator.finish(&mut |issue| issues.push(issue));
    issues
}

const STAFF: [[&str; 3]; 4] = [
    // A report before the manager: found once the whole file is read.
    ["bo@firma.de", "E2", "E1"],
    ["ann@firma.de", "E1", ""],
    ["cy@firma.de", "E3", "ann@firma.de"],
    ["di@firma.de", "E4", "E9"],
];

#[test]
fn a_manager_named_by_personnel_number_is_found_through_external_id() {
    let found = issues("externalId", &STAFF);
    let codes: Vec<(u64, &str)> = found.iter().map(|i| (i.row, i.code)).collect();
    assert_eq!(codes, vec![(5, "manager_unknown")]);
    assert_eq!(
        found[0].message,
        "the manager \"E9\" is not the userName or externalId of any record in this file. If that person already exists in scim, nothing needs doing; otherwise add them."
    );
}

#[test]
fn a_manager_named_by_employee_number_is_found_and_a_self_reference_is_seen() {
    let mut rows = STAFF.to_vec();
    rows.push(["ed@firma.de", "E5", "E5"]);
    let found = issues(
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
        &rows,
    );
    let codes: Vec<(u64, &str)> = found.iter().map(|i| (i.row, i.code)).collect();
    assert_eq!(codes, vec![(6, "manager_self"), (5, "manager_unknown")]);
    assert!(
        found[1]
            .message
            .contains("not the userName or employeeNumber of any record"),
        "{}",
        found[1].message
    );
}

//! LMS Collaborator single-user import: what one user must satisfy beyond its fields' kinds.
//! Follows `003_df7e08e57c20cf84.txt`, which states few rules beyond its field table (whose
//! codes, dates and phone form are the catalog's kinds already):
//! - `position`: the table does not star it, but the document's own 400 answer is
//!   `{"error":"Required fields: uid, login, email, firstname, secondname, position"}`. A
//!   record without a position is therefore a warning, not an error: some servers refuse it
//!   (`lms_position_missing`). It is reported for records whose profile maps `position`
//!   but leaves it empty; a profile that does not map it is a choice the catalog's note on
//!   `position` already explains.
//! - `customInfo`: "service information about the user in JSON format using BASE64
//!   encoding". A value that is not Base64 of a JSON text has no meaning the document gives;
//!   as nothing says the LMS refuses it, this is a warning (`lms_custom_info_invalid`).
//!
//! Not rules, for want of a documented one: both `manager_id` and `manager_uid` given, login
//! equal or unequal to email, the order of the three dates.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{Report, position};
use crate::mapping::Mapper;

/// The fields LMS Collaborator's rules read, by position among the mapper's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LmsRules {
    position: Option<usize>,
    custom_info: Option<usize>,
}

impl LmsRules {
    pub fn new(mapper: &Mapper) -> LmsRules {
        LmsRules {
            position: position(mapper, "position"),
            custom_info: position(mapper, "customInfo"),
        }
    }

    pub(super) fn check(&self, report: &mut Report<'_>) {
        self.check_position(report);
        if let Some((index, value)) = report.value(self.custom_info)
            && !is_base64_json(value)
        {
            let message = format!(
                "customInfo in {} is not Base64-encoded JSON, the only form LMS Collaborator \
                 documents for it (e.g. eyJ2YWNhdGlvbl9kYXlzIjoyMX0= for \
                 {{\"vacation_days\":21}}). Encode the JSON text as Base64, or leave customInfo \
                 empty.",
                report.source(index)
            );
            report.warning(index, "lms_custom_info_invalid", message);
        }
    }

    /// An empty position on a record whose profile maps it. A profile that does not map
    /// position at all is the person's choice, which the catalog's note on position
    /// explains; repeating it on every record would bury the other issues.
    fn check_position(&self, report: &mut Report<'_>) {
        let Some(index) = self.position else {
            return;
        };
        let failed = report.record.failures.iter().any(|(i, _)| *i == index);
        if failed || report.value(Some(index)).is_some() {
            return;
        }
        let message = format!(
            "position is empty in {}. LMS Collaborator's own sample error (\"Required fields: \
             uid, login, email, firstname, secondname, position\") lists it as required, so \
             some servers refuse users without it. Fill it in if yours does.",
            report.source(index)
        );
        report.warning(index, "lms_position_missing", message);
    }
}

/// Whether `value` is standard Base64 whose bytes are a JSON text.
fn is_base64_json(value: &str) -> bool {
    STANDARD
        .decode(value)
        .is_ok_and(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).is_ok())
}

//! What each target emulator received, user by user. The request log counts requests, but
//! one request may carry a whole batch (SCIM `/Bulk`, an Auth0 file, an Authgear task):
//! a test of exactly-once delivery asks the emulator how often each user arrived.
//!
//! Targets are named by their connection kind (`lms`, `scim`, `rest`, `auth0`,
//! `authgear`); any other name answers `None`.

use crate::serve::Sandbox;

impl Sandbox {
    /// How often the user keyed `key` arrived at the `kind` emulator: LMS imports accepted
    /// for the uid, SCIM and REST creates received for the userName or email, Auth0
    /// import files that carried the email (written or submitted, whichever is more),
    /// Authgear accepted tasks that carried it.
    pub fn arrivals(&self, kind: &str, key: &str) -> Option<usize> {
        let count = match kind {
            "lms" => usize::try_from(self.lms().emulator().post_count(key)).ok()?,
            "scim" => self.scim().emulator().creates_for(key),
            "rest" => self.rest().emulator().posts_for(key),
            "auth0" => {
                let tenant = self.auth0().emulator();
                let written = tenant.import_count(key);
                usize::try_from(written.max(tenant.submission_count(key))).ok()?
            }
            "authgear" => self.authgear().emulator().imports_for(key),
            _ => return None,
        };
        Some(count)
    }

    /// How many users the `kind` emulator holds.
    pub fn users_held(&self, kind: &str) -> Option<usize> {
        Some(match kind {
            "lms" => self.lms().emulator().users().len(),
            "scim" => self.scim().emulator().users().len(),
            "rest" => self.rest().emulator().users().len(),
            "auth0" => self.auth0().emulator().users().len(),
            "authgear" => self.authgear().emulator().users().len(),
            _ => return None,
        })
    }

    /// Whether the `kind` emulator still works on something it accepted (an Auth0 import
    /// job, an Authgear task): a person resuming a stopped job comes later than that.
    pub fn still_working(&self, kind: &str) -> bool {
        match kind {
            "auth0" => self
                .auth0()
                .emulator()
                .jobs()
                .iter()
                .any(|job| job.status == "pending" || job.status == "processing"),
            "authgear" => {
                let project = self.authgear().emulator();
                project
                    .task_ids()
                    .iter()
                    .any(|id| project.summary(id).is_none())
            }
            _ => false,
        }
    }
}

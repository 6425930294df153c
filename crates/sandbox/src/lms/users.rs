//! The users the emulated LMS holds, by uid, with the uid holding each login beside them,
//! so the check that a login is not already used by another uid is one look-up and a push
//! of 100,000 users does not slow down as the LMS fills.

use std::collections::{BTreeMap, HashMap};

use super::LmsUser;

#[derive(Default)]
pub(crate) struct Users {
    by_uid: BTreeMap<String, LmsUser>,
    uid_of_login: HashMap<String, String>,
}

impl Users {
    /// Every user, by uid.
    pub(crate) fn values(&self) -> impl Iterator<Item = &LmsUser> {
        self.by_uid.values()
    }

    pub(crate) fn get(&self, uid: &str) -> Option<&LmsUser> {
        self.by_uid.get(uid)
    }

    /// The user other than `uid` whose login is `login`.
    pub(crate) fn other_with_login(&self, login: &str, uid: &str) -> Option<&LmsUser> {
        self.uid_of_login
            .get(login)
            .filter(|holder| holder.as_str() != uid)
            .and_then(|holder| self.by_uid.get(holder))
    }

    /// Changes a user through `change`, keeping the login index true if the login changed.
    pub(crate) fn update<T>(
        &mut self,
        uid: &str,
        change: impl FnOnce(&mut LmsUser) -> T,
    ) -> Option<T> {
        let user = self.by_uid.get_mut(uid)?;
        let before = user.login.clone();
        let answer = change(user);
        if user.login != before {
            let after = user.login.clone();
            self.uid_of_login.remove(&before);
            self.uid_of_login.insert(after, uid.to_owned());
        }
        Some(answer)
    }

    pub(crate) fn insert(&mut self, user: LmsUser) {
        self.uid_of_login
            .insert(user.login.clone(), user.uid.clone());
        self.by_uid.insert(user.uid.clone(), user);
    }
}

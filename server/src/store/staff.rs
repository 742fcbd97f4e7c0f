//! Storage of the console's staff: accounts (roles, argon2id hash, disabled time, failed-login counter) and their
//! sessions (stored by the SHA-256 of the cookie's token, never the token itself; ended, never deleted). Every
//! change to an account or a session is audited in the same transaction (see [`super::AuditLog`]).
//!
//! The rules (what a password must be, when a session expires, how long a lock lasts) are the server's
//! (`crate::console`); this trait only keeps the facts.

use super::error::StoreResult;
use crate::roles::Role;
use serde::Serialize;

/// One staff account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaffAccount {
    /// The login name (`[a-z0-9._-]`, 3–64 characters; checked by the console before it is stored).
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// The argon2id PHC string; never serialized.
    #[serde(skip)]
    pub password_hash: String,
    pub created_ms: i64,
    /// When the account was disabled (`None`: active). Disabled accounts are kept, never deleted.
    pub disabled_ms: Option<i64>,
    /// Consecutive failed logins since the last success.
    pub failed_logins: u32,
    /// When the last of them happened (0: never).
    pub last_failed_ms: i64,
}

/// One console session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 (hex) of the cookie's random token.
    pub id_hash: String,
    pub username: String,
    /// The session's CSRF token, sent back by the console in `X-CSRF-Token` on every change.
    pub csrf: String,
    pub created_ms: i64,
    /// Last request seen (for the idle expiry).
    pub seen_ms: i64,
    /// When it was ended (logout, logout everywhere, disabled account, new password); `None` while open.
    pub ended_ms: Option<i64>,
}

pub trait StaffStore: Send + Sync {
    /// Adds an account; [`super::StoreError::Conflict`] when the name is taken. Audited `staff.add`.
    fn add_staff(&self, account: &StaffAccount, actor: &str) -> StoreResult<()>;
    fn staff(&self, username: &str) -> StoreResult<Option<StaffAccount>>;
    /// Every account, by name.
    fn staff_list(&self) -> StoreResult<Vec<StaffAccount>>;
    /// Disables (ending every open session of the account) or enables an account. Audited `staff.disable` /
    /// `staff.enable`.
    fn set_staff_disabled(&self, username: &str, disabled: bool, now_ms: i64, actor: &str) -> StoreResult<()>;
    /// Replaces the password hash, clears the failed-login counter and ends every open session. Audited
    /// `staff.reset_password` (the hash is never written to the audit).
    fn set_password(&self, username: &str, hash: &str, now_ms: i64, actor: &str) -> StoreResult<()>;
    /// Counts one failed login (consecutive count and time); answers the new count. Audited `staff.login_failed`.
    fn login_failed(&self, username: &str, now_ms: i64) -> StoreResult<u32>;
    /// A successful login: clears the counter and opens `session`. Audited `staff.login`.
    fn login_succeeded(&self, session: &Session) -> StoreResult<()>;
    /// The session stored under `id_hash` and its account, ended or not.
    fn session(&self, id_hash: &str) -> StoreResult<Option<(Session, StaffAccount)>>;
    /// Records activity on an open session.
    fn touch_session(&self, id_hash: &str, now_ms: i64) -> StoreResult<()>;
    /// Ends one session (logout, or expiry noticed). Audited `staff.logout` with `why`.
    fn end_session(&self, id_hash: &str, now_ms: i64, why: &str) -> StoreResult<()>;
    /// Ends every open session of `username` (logout everywhere); answers how many. Audited `staff.logout_all`.
    fn end_sessions(&self, username: &str, now_ms: i64, actor: &str) -> StoreResult<u32>;
}

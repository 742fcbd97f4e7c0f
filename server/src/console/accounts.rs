//! Staff account operations shared by `koltrust staff add|list|disable|enable|reset-password|logout` and the
//! console's admin pages: names and passwords checked here, hashes made here, every change stored (and audited) by
//! [`crate::store::StaffStore`]. Accounts are disabled, never deleted, so the audit trail keeps naming them.

use super::password;
use crate::roles::Role;
use crate::store::{StaffAccount, Store};

/// A login name: 3–64 characters of `a-z 0-9 . _ -`, starting with a letter or digit.
pub fn check_username(name: &str) -> Result<(), String> {
    let ok = (3..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        && name.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "tên đăng nhập {name:?} không hợp lệ (3–64 ký tự a-z 0-9 . _ -) / invalid login name (3–64 of a-z 0-9 . _ -)"
        ))
    }
}

/// Adds an account with `roles` and `password` (policy-checked, hashed with argon2id).
pub fn add(
    store: &dyn Store,
    username: &str,
    display_name: &str,
    roles: Vec<Role>,
    password: &str,
    now_ms: i64,
    actor: &str,
) -> Result<StaffAccount, String> {
    check_username(username)?;
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        return Err("tên hiển thị cần 1–100 ký tự / the display name needs 1–100 characters".into());
    }
    if roles.is_empty() {
        return Err("cần ít nhất một vai trò / at least one role is needed".into());
    }
    let account = StaffAccount {
        username: username.to_string(),
        display_name: display_name.to_string(),
        roles,
        password_hash: password::hash(password)?,
        created_ms: now_ms,
        disabled_ms: None,
        failed_logins: 0,
        last_failed_ms: 0,
    };
    store.add_staff(&account, actor).map_err(|e| e.to_string())?;
    Ok(account)
}

/// Sets a new password (ends every session of the account, clears its throttle).
pub fn reset_password(
    store: &dyn Store,
    username: &str,
    password: &str,
    now_ms: i64,
    actor: &str,
) -> Result<(), String> {
    let hash = password::hash(password)?;
    store
        .set_password(username, &hash, now_ms, actor)
        .map_err(|e| format!("{username}: {e}"))
}

/// Disables (ending its sessions) or enables an account.
pub fn set_disabled(store: &dyn Store, username: &str, disabled: bool, now_ms: i64, actor: &str) -> Result<(), String> {
    store
        .set_staff_disabled(username, disabled, now_ms, actor)
        .map_err(|e| format!("{username}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_are_plain() {
        assert!(check_username("mod.lan").is_ok());
        assert!(check_username("reg_01-x").is_ok());
        for bad in ["ab", "Lan", ".lan", "lan lan", "lân", &"a".repeat(65)] {
            assert!(check_username(bad).is_err(), "{bad}");
        }
    }
}

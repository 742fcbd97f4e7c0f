//! [`StaffStore`] on SQLite: the `staff` and `staff_sessions` tables (migration 3), each change audited in its own
//! transaction.

use super::{audit_tx, backend, SqliteStore};
use crate::roles::{parse_roles, roles_text};
use crate::store::staff::{Session, StaffAccount, StaffStore};
use crate::store::{StoreError, StoreResult};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

const ACCOUNT_COLUMNS: &str =
    "username, display_name, roles, password_hash, created_ms, disabled_ms, failed_logins, last_failed_ms";

fn account(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<StaffAccount> {
    let roles: String = r.get(at + 2)?;
    Ok(StaffAccount {
        username: r.get(at)?,
        display_name: r.get(at + 1)?,
        roles: parse_roles(&roles).unwrap_or_default(),
        password_hash: r.get(at + 3)?,
        created_ms: r.get(at + 4)?,
        disabled_ms: r.get(at + 5)?,
        failed_logins: r.get(at + 6)?,
        last_failed_ms: r.get(at + 7)?,
    })
}

/// Ends every open session of `username`; answers how many.
fn end_all(tx: &Transaction<'_>, username: &str, now_ms: i64) -> StoreResult<u32> {
    let n = tx
        .execute(
            "UPDATE staff_sessions SET ended_ms = ?1 WHERE username = ?2 AND ended_ms IS NULL",
            params![now_ms, username],
        )
        .map_err(backend)?;
    Ok(n as u32)
}

fn exists(tx: &Transaction<'_>, username: &str) -> StoreResult<()> {
    tx.query_row("SELECT 1 FROM staff WHERE username = ?1", [username], |_| Ok(()))
        .optional()
        .map_err(backend)?
        .ok_or(StoreError::NotFound)
}

impl StaffStore for SqliteStore {
    fn add_staff(&self, a: &StaffAccount, actor: &str) -> StoreResult<()> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        let added = tx
            .execute(
                "INSERT INTO staff (username, display_name, roles, password_hash, created_ms, disabled_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL) ON CONFLICT (username) DO NOTHING",
                params![
                    a.username,
                    a.display_name,
                    roles_text(&a.roles),
                    a.password_hash,
                    a.created_ms
                ],
            )
            .map_err(backend)?;
        if added == 0 {
            return Err(StoreError::Conflict(format!("staff account {:?} exists", a.username)));
        }
        let detail = json!({"display_name": a.display_name, "roles": roles_text(&a.roles)}).to_string();
        audit_tx(&tx, actor, "staff.add", &a.username, &detail)?;
        tx.commit().map_err(backend)
    }

    fn staff(&self, username: &str) -> StoreResult<Option<StaffAccount>> {
        let conn = self.reader()?;
        conn.query_row(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM staff WHERE username = ?1"),
            [username],
            |r| account(r, 0),
        )
        .optional()
        .map_err(backend)
    }

    fn staff_list(&self) -> StoreResult<Vec<StaffAccount>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare(&format!("SELECT {ACCOUNT_COLUMNS} FROM staff ORDER BY username"))
            .map_err(backend)?;
        let rows = q.query_map([], |r| account(r, 0)).map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn set_staff_disabled(&self, username: &str, disabled: bool, now_ms: i64, actor: &str) -> StoreResult<()> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        exists(&tx, username)?;
        let ended = if disabled {
            tx.execute(
                "UPDATE staff SET disabled_ms = COALESCE(disabled_ms, ?1) WHERE username = ?2",
                params![now_ms, username],
            )
            .map_err(backend)?;
            end_all(&tx, username, now_ms)?
        } else {
            tx.execute(
                "UPDATE staff SET disabled_ms = NULL, failed_logins = 0 WHERE username = ?1",
                [username],
            )
            .map_err(backend)?;
            0
        };
        let action = if disabled { "staff.disable" } else { "staff.enable" };
        audit_tx(
            &tx,
            actor,
            action,
            username,
            &json!({"sessions_ended": ended}).to_string(),
        )?;
        tx.commit().map_err(backend)
    }

    fn set_password(&self, username: &str, hash: &str, now_ms: i64, actor: &str) -> StoreResult<()> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        exists(&tx, username)?;
        tx.execute(
            "UPDATE staff SET password_hash = ?1, failed_logins = 0, last_failed_ms = 0 WHERE username = ?2",
            params![hash, username],
        )
        .map_err(backend)?;
        let ended = end_all(&tx, username, now_ms)?;
        audit_tx(
            &tx,
            actor,
            "staff.reset_password",
            username,
            &json!({"sessions_ended": ended}).to_string(),
        )?;
        tx.commit().map_err(backend)
    }

    fn login_failed(&self, username: &str, now_ms: i64) -> StoreResult<u32> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        tx.execute(
            "UPDATE staff SET failed_logins = failed_logins + 1, last_failed_ms = ?1 WHERE username = ?2",
            params![now_ms, username],
        )
        .map_err(backend)?;
        let n: u32 = tx
            .query_row("SELECT failed_logins FROM staff WHERE username = ?1", [username], |r| {
                r.get(0)
            })
            .optional()
            .map_err(backend)?
            .unwrap_or(0);
        audit_tx(
            &tx,
            "anonymous",
            "staff.login_failed",
            username,
            &json!({"consecutive": n}).to_string(),
        )?;
        tx.commit().map_err(backend)?;
        Ok(n)
    }

    fn login_succeeded(&self, s: &Session) -> StoreResult<()> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        exists(&tx, &s.username)?;
        tx.execute(
            "UPDATE staff SET failed_logins = 0, last_failed_ms = 0 WHERE username = ?1",
            [&s.username],
        )
        .map_err(backend)?;
        tx.execute(
            "INSERT INTO staff_sessions (id_hash, username, csrf, created_ms, seen_ms, ended_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, NULL)",
            params![s.id_hash, s.username, s.csrf, s.created_ms, s.seen_ms],
        )
        .map_err(backend)?;
        audit_tx(&tx, &format!("staff:{}", s.username), "staff.login", &s.username, "{}")?;
        tx.commit().map_err(backend)
    }

    fn session(&self, id_hash: &str) -> StoreResult<Option<(Session, StaffAccount)>> {
        let conn = self.reader()?;
        conn.query_row(
            "SELECT s.id_hash, s.username, s.csrf, s.created_ms, s.seen_ms, s.ended_ms, a.username, a.display_name,
                    a.roles, a.password_hash, a.created_ms, a.disabled_ms, a.failed_logins, a.last_failed_ms
             FROM staff_sessions s JOIN staff a ON a.username = s.username WHERE s.id_hash = ?1",
            [id_hash],
            |r| {
                Ok((
                    Session {
                        id_hash: r.get(0)?,
                        username: r.get(1)?,
                        csrf: r.get(2)?,
                        created_ms: r.get(3)?,
                        seen_ms: r.get(4)?,
                        ended_ms: r.get(5)?,
                    },
                    account(r, 6)?,
                ))
            },
        )
        .optional()
        .map_err(backend)
    }

    fn touch_session(&self, id_hash: &str, now_ms: i64) -> StoreResult<()> {
        let conn = self.writer()?;
        conn.execute(
            "UPDATE staff_sessions SET seen_ms = MAX(seen_ms, ?1) WHERE id_hash = ?2 AND ended_ms IS NULL",
            params![now_ms, id_hash],
        )
        .map_err(backend)?;
        Ok(())
    }

    fn end_session(&self, id_hash: &str, now_ms: i64, why: &str) -> StoreResult<()> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        let username: Option<String> = tx
            .query_row(
                "SELECT username FROM staff_sessions WHERE id_hash = ?1 AND ended_ms IS NULL",
                [id_hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(backend)?;
        if let Some(username) = username {
            tx.execute(
                "UPDATE staff_sessions SET ended_ms = ?1 WHERE id_hash = ?2",
                params![now_ms, id_hash],
            )
            .map_err(backend)?;
            audit_tx(
                &tx,
                &format!("staff:{username}"),
                "staff.logout",
                &username,
                &json!({"why": why}).to_string(),
            )?;
        }
        tx.commit().map_err(backend)
    }

    fn end_sessions(&self, username: &str, now_ms: i64, actor: &str) -> StoreResult<u32> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        exists(&tx, username)?;
        let n = end_all(&tx, username, now_ms)?;
        audit_tx(
            &tx,
            actor,
            "staff.logout_all",
            username,
            &json!({"sessions_ended": n}).to_string(),
        )?;
        tx.commit().map_err(backend)?;
        Ok(n)
    }
}

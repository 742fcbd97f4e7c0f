//! [`StaffStore`] on PostgreSQL: the same tables and audit entries as SQLite's (migration 3); rows that a change
//! reads first are locked (`FOR UPDATE`), so two instances changing one account serialise.

use super::{audit_in, pg, PostgresStore};
use crate::roles::{parse_roles, roles_text};
use crate::store::staff::{Session, StaffAccount, StaffStore};
use crate::store::{StoreError, StoreResult};
use serde_json::json;

const ACCOUNT_COLUMNS: &str =
    "username, display_name, roles, password_hash, created_ms, disabled_ms, failed_logins, last_failed_ms";

fn account(r: &tokio_postgres::Row, at: usize) -> StaffAccount {
    let roles: String = r.get(at + 2);
    let failed: i32 = r.get(at + 6);
    StaffAccount {
        username: r.get(at),
        display_name: r.get(at + 1),
        roles: parse_roles(&roles).unwrap_or_default(),
        password_hash: r.get(at + 3),
        created_ms: r.get(at + 4),
        disabled_ms: r.get(at + 5),
        failed_logins: failed.max(0) as u32,
        last_failed_ms: r.get(at + 7),
    }
}

async fn lock_account(tx: &deadpool_postgres::Transaction<'_>, username: &str) -> StoreResult<()> {
    tx.query_opt("SELECT 1 FROM staff WHERE username = $1 FOR UPDATE", &[&username])
        .await
        .map_err(pg)?
        .ok_or(StoreError::NotFound)?;
    Ok(())
}

async fn end_all(tx: &deadpool_postgres::Transaction<'_>, username: &str, now_ms: i64) -> StoreResult<u32> {
    let n = tx
        .execute(
            "UPDATE staff_sessions SET ended_ms = $1 WHERE username = $2 AND ended_ms IS NULL",
            &[&now_ms, &username],
        )
        .await
        .map_err(pg)?;
    Ok(n as u32)
}

impl StaffStore for PostgresStore {
    fn add_staff(&self, a: &StaffAccount, actor: &str) -> StoreResult<()> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            let added = tx
                .execute(
                    "INSERT INTO staff (username, display_name, roles, password_hash, created_ms, disabled_ms)
                     VALUES ($1, $2, $3, $4, $5, NULL) ON CONFLICT (username) DO NOTHING",
                    &[
                        &a.username,
                        &a.display_name,
                        &roles_text(&a.roles),
                        &a.password_hash,
                        &a.created_ms,
                    ],
                )
                .await
                .map_err(pg)?;
            if added == 0 {
                return Err(StoreError::Conflict(format!("staff account {:?} exists", a.username)));
            }
            let detail = json!({"display_name": a.display_name, "roles": roles_text(&a.roles)}).to_string();
            audit_in(&tx, actor, "staff.add", &a.username, &detail).await?;
            tx.commit().await.map_err(pg)
        })
    }

    fn staff(&self, username: &str) -> StoreResult<Option<StaffAccount>> {
        self.run(async {
            let c = self.conn().await?;
            let row = c
                .query_opt(
                    &format!("SELECT {ACCOUNT_COLUMNS} FROM staff WHERE username = $1"),
                    &[&username],
                )
                .await
                .map_err(pg)?;
            Ok(row.map(|r| account(&r, 0)))
        })
    }

    fn staff_list(&self) -> StoreResult<Vec<StaffAccount>> {
        self.run(async {
            let c = self.conn().await?;
            let rows = c
                .query(
                    &format!("SELECT {ACCOUNT_COLUMNS} FROM staff ORDER BY username COLLATE \"C\""),
                    &[],
                )
                .await
                .map_err(pg)?;
            Ok(rows.iter().map(|r| account(r, 0)).collect())
        })
    }

    fn set_staff_disabled(&self, username: &str, disabled: bool, now_ms: i64, actor: &str) -> StoreResult<()> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            lock_account(&tx, username).await?;
            let ended = if disabled {
                tx.execute(
                    "UPDATE staff SET disabled_ms = COALESCE(disabled_ms, $1) WHERE username = $2",
                    &[&now_ms, &username],
                )
                .await
                .map_err(pg)?;
                end_all(&tx, username, now_ms).await?
            } else {
                tx.execute(
                    "UPDATE staff SET disabled_ms = NULL, failed_logins = 0 WHERE username = $1",
                    &[&username],
                )
                .await
                .map_err(pg)?;
                0
            };
            let action = if disabled { "staff.disable" } else { "staff.enable" };
            audit_in(
                &tx,
                actor,
                action,
                username,
                &json!({"sessions_ended": ended}).to_string(),
            )
            .await?;
            tx.commit().await.map_err(pg)
        })
    }

    fn set_password(&self, username: &str, hash: &str, now_ms: i64, actor: &str) -> StoreResult<()> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            lock_account(&tx, username).await?;
            tx.execute(
                "UPDATE staff SET password_hash = $1, failed_logins = 0, last_failed_ms = 0 WHERE username = $2",
                &[&hash, &username],
            )
            .await
            .map_err(pg)?;
            let ended = end_all(&tx, username, now_ms).await?;
            let detail = json!({"sessions_ended": ended}).to_string();
            audit_in(&tx, actor, "staff.reset_password", username, &detail).await?;
            tx.commit().await.map_err(pg)
        })
    }

    fn login_failed(&self, username: &str, now_ms: i64) -> StoreResult<u32> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            let row = tx
                .query_opt(
                    "UPDATE staff SET failed_logins = failed_logins + 1, last_failed_ms = $1 WHERE username = $2
                     RETURNING failed_logins",
                    &[&now_ms, &username],
                )
                .await
                .map_err(pg)?;
            let n = row.map(|r| r.get::<_, i32>(0).max(0) as u32).unwrap_or(0);
            let detail = json!({"consecutive": n}).to_string();
            audit_in(&tx, "anonymous", "staff.login_failed", username, &detail).await?;
            tx.commit().await.map_err(pg)?;
            Ok(n)
        })
    }

    fn login_succeeded(&self, s: &Session) -> StoreResult<()> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            lock_account(&tx, &s.username).await?;
            tx.execute(
                "UPDATE staff SET failed_logins = 0, last_failed_ms = 0 WHERE username = $1",
                &[&s.username],
            )
            .await
            .map_err(pg)?;
            tx.execute(
                "INSERT INTO staff_sessions (id_hash, username, csrf, created_ms, seen_ms, ended_ms)
                 VALUES ($1, $2, $3, $4, $5, NULL)",
                &[&s.id_hash, &s.username, &s.csrf, &s.created_ms, &s.seen_ms],
            )
            .await
            .map_err(pg)?;
            audit_in(&tx, &format!("staff:{}", s.username), "staff.login", &s.username, "{}").await?;
            tx.commit().await.map_err(pg)
        })
    }

    fn session(&self, id_hash: &str) -> StoreResult<Option<(Session, StaffAccount)>> {
        self.run(async {
            let c = self.conn().await?;
            let row = c
                .query_opt(
                    "SELECT s.id_hash, s.username, s.csrf, s.created_ms, s.seen_ms, s.ended_ms, a.username,
                            a.display_name, a.roles, a.password_hash, a.created_ms, a.disabled_ms, a.failed_logins,
                            a.last_failed_ms
                     FROM staff_sessions s JOIN staff a ON a.username = s.username WHERE s.id_hash = $1",
                    &[&id_hash],
                )
                .await
                .map_err(pg)?;
            Ok(row.map(|r| {
                (
                    Session {
                        id_hash: r.get(0),
                        username: r.get(1),
                        csrf: r.get(2),
                        created_ms: r.get(3),
                        seen_ms: r.get(4),
                        ended_ms: r.get(5),
                    },
                    account(&r, 6),
                )
            }))
        })
    }

    fn touch_session(&self, id_hash: &str, now_ms: i64) -> StoreResult<()> {
        self.run(async {
            let c = self.conn().await?;
            c.execute(
                "UPDATE staff_sessions SET seen_ms = GREATEST(seen_ms, $1) WHERE id_hash = $2 AND ended_ms IS NULL",
                &[&now_ms, &id_hash],
            )
            .await
            .map_err(pg)?;
            Ok(())
        })
    }

    fn end_session(&self, id_hash: &str, now_ms: i64, why: &str) -> StoreResult<()> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            let row = tx
                .query_opt(
                    "UPDATE staff_sessions SET ended_ms = $1 WHERE id_hash = $2 AND ended_ms IS NULL
                     RETURNING username",
                    &[&now_ms, &id_hash],
                )
                .await
                .map_err(pg)?;
            if let Some(r) = row {
                let username: String = r.get(0);
                let detail = json!({"why": why}).to_string();
                audit_in(&tx, &format!("staff:{username}"), "staff.logout", &username, &detail).await?;
            }
            tx.commit().await.map_err(pg)
        })
    }

    fn end_sessions(&self, username: &str, now_ms: i64, actor: &str) -> StoreResult<u32> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            lock_account(&tx, username).await?;
            let n = end_all(&tx, username, now_ms).await?;
            let detail = json!({"sessions_ended": n}).to_string();
            audit_in(&tx, actor, "staff.logout_all", username, &detail).await?;
            tx.commit().await.map_err(pg)?;
            Ok(n)
        })
    }
}

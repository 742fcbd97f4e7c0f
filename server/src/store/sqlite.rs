//! The embedded SQLite store (the default): one file `koltrust.sqlite3` in the data folder.
//!
//! * **Durability**: WAL journal with `synchronous=FULL`, so a commit has reached the disk (fsync of the WAL)
//!   before [`ComplaintStore::insert_batch`] returns — and the HTTP 2xx is sent only after that. A `kill -9` or a
//!   power cut after a 2xx loses nothing.
//! * **Throughput**: the intake writer ([`crate::intake`]) hands many submissions to one `insert_batch`, so one
//!   fsync acknowledges them all (group commit).
//! * **Concurrency**: a writer connection and a reader connection (WAL lets reads proceed during a write);
//!   `busy_timeout` lets the CLI edit the same file while the server runs.
//! * **Schema**: versioned migrations in [`MIGRATIONS`], applied in order at open; `schema_version` holds the
//!   version reached. Add a migration, never edit a released one.
//!
//! Complaints are stored as a few indexed columns (receipt, account, status, times) plus the validated complaint
//! as JSON (`body`), so adding a field to the core type needs no migration.

use super::*;
use koltrust::complaint::ComplaintStatus;
use koltrust::platform::{AccountKey, IdType, Platform};
use koltrust::registry::source::{parse_json, to_json};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::Path;
use std::sync::Mutex;

mod staff;

/// `(version, SQL)`: applied in order, each in its own transaction. The same numbers as
/// [`super::postgres::MIGRATIONS`] for the same content.
pub const MIGRATIONS: &[(u32, &str)] = &[
    (
        1,
        "CREATE TABLE complaints (
        id TEXT PRIMARY KEY,
        receipt TEXT NOT NULL UNIQUE,
        platform TEXT NOT NULL,
        id_type TEXT NOT NULL,
        account_id TEXT NOT NULL,
        category TEXT NOT NULL,
        status TEXT NOT NULL,
        received_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX complaints_account ON complaints (platform, id_type, account_id);
    CREATE INDEX complaints_status ON complaints (status, received_ms);
    CREATE TABLE registry_records (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        updated_ms INTEGER NOT NULL
    );
    CREATE TABLE publications (
        sequence INTEGER PRIMARY KEY,
        issued INTEGER NOT NULL,
        expires INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        records INTEGER NOT NULL,
        accounts INTEGER NOT NULL,
        published_ms INTEGER NOT NULL
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE INDEX audit_subject ON audit (subject, id);",
    ),
    (
        2,
        "CREATE TABLE registry_files (
            sequence INTEGER NOT NULL REFERENCES publications (sequence) ON DELETE CASCADE,
            path TEXT NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (sequence, path)
        );",
    ),
    (
        3,
        "ALTER TABLE complaints ADD COLUMN reply TEXT NOT NULL DEFAULT '';
        CREATE INDEX complaints_received ON complaints (received_ms);
        CREATE INDEX audit_actor ON audit (actor, id);
        CREATE TABLE staff (
            username TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            roles TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            disabled_ms INTEGER,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            last_failed_ms INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE staff_sessions (
            id_hash TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES staff (username),
            csrf TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            seen_ms INTEGER NOT NULL,
            ended_ms INTEGER
        );
        CREATE INDEX staff_sessions_user ON staff_sessions (username, ended_ms);",
    ),
];

pub struct SqliteStore {
    write: Mutex<Connection>,
    read: Mutex<Connection>,
}

fn backend(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

fn open_conn(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path).map_err(backend)?;
    conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(backend)?;
    conn.pragma_update(None, "journal_mode", "WAL").map_err(backend)?;
    conn.pragma_update(None, "synchronous", "FULL").map_err(backend)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(backend)?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<u32, StoreError> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        .map_err(backend)?;
    let mut current: u32 = conn
        .query_row("SELECT COALESCE(MAX(version), 0) FROM schema_version", [], |r| r.get(0))
        .map_err(backend)?;
    for &(version, sql) in MIGRATIONS {
        if version <= current {
            continue;
        }
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        // Another process may have migrated between our read and the lock.
        let now: u32 = tx
            .query_row("SELECT COALESCE(MAX(version), 0) FROM schema_version", [], |r| r.get(0))
            .map_err(backend)?;
        if now < version {
            tx.execute_batch(sql).map_err(backend)?;
            tx.execute("DELETE FROM schema_version", []).map_err(backend)?;
            tx.execute("INSERT INTO schema_version (version) VALUES (?1)", [version])
                .map_err(backend)?;
        }
        tx.commit().map_err(backend)?;
        current = version;
    }
    Ok(current)
}

fn status_of(s: &str) -> rusqlite::Result<ComplaintStatus> {
    ComplaintStatus::parse(s)
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(0, s.to_string(), rusqlite::types::Type::Text))
}

pub(crate) fn record_from_source(text: &str) -> StoreResult<Record> {
    let mut recs = parse_json("database", text).map_err(|e| {
        backend(format!(
            "stored record does not parse: {}",
            e.first().map(|e| e.to_string()).unwrap_or_default()
        ))
    })?;
    recs.pop().ok_or_else(|| backend("stored record is empty"))
}

/// The refusal of a publication whose sequence is not the next one (shared with the PostgreSQL store).
pub(crate) fn sequence_taken(wanted: u64, last: u64) -> StoreError {
    StoreError::Conflict(format!(
        "sequence {wanted} cannot be published: the last publication is {last} (another publisher was first) / \
         số thứ tự {wanted} đã bị lấy: bản phát hành cuối là {last}"
    ))
}

/// The audit detail of a publication (shared with the PostgreSQL store).
/// The audit detail of a status change (before/after, the internal note, the reporter's note).
pub(crate) fn status_detail(from: ComplaintStatus, to: ComplaintStatus, note: &str, reply: &str) -> String {
    serde_json::json!({"from": from.as_str(), "to": to.as_str(), "note": note, "reply": reply}).to_string()
}

pub(crate) fn publication_detail(p: &Publication) -> String {
    format!(
        "sha256 {} · {} records · {} accounts · {} bytes",
        p.sha256, p.records, p.accounts, p.bytes
    )
}

fn audit_tx(tx: &Transaction<'_>, actor: &str, action: &str, subject: &str, detail: &str) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO audit (at_ms, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![crate::clock::now_ms(), actor, action, subject, detail],
    )
    .map_err(backend)?;
    Ok(())
}

impl SqliteStore {
    /// Opens (creating if needed) the database and applies pending migrations.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        let mut write = open_conn(path)?;
        migrate(&mut write)?;
        let read = open_conn(path)?;
        Ok(SqliteStore {
            write: Mutex::new(write),
            read: Mutex::new(read),
        })
    }

    /// The schema version reached.
    pub fn schema_version(&self) -> StoreResult<u32> {
        self.reader()?
            .query_row("SELECT COALESCE(MAX(version), 0) FROM schema_version", [], |r| r.get(0))
            .map_err(backend)
    }

    fn writer(&self) -> StoreResult<std::sync::MutexGuard<'_, Connection>> {
        self.write.lock().map_err(|_| backend("writer lock poisoned"))
    }

    fn reader(&self) -> StoreResult<std::sync::MutexGuard<'_, Connection>> {
        self.read.lock().map_err(|_| backend("reader lock poisoned"))
    }

    fn stored(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, i64, i64, String)> {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
    }

    fn to_stored(t: (String, String, i64, i64, String)) -> StoreResult<StoredComplaint> {
        Ok(StoredComplaint {
            receipt: t.0,
            status: status_of(&t.1).map_err(backend)?,
            received_ms: t.2,
            updated_ms: t.3,
            complaint: serde_json::from_str(&t.4).map_err(backend)?,
        })
    }
}

impl ComplaintStore for SqliteStore {
    fn insert_batch(&self, batch: &[NewComplaint]) -> StoreResult<Vec<Inserted>> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        let mut out = Vec::with_capacity(batch.len());
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO complaints (id, receipt, platform, id_type, account_id, category, status, received_ms,
                     updated_ms, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'received', ?7, ?7, ?8)
                     ON CONFLICT (id) DO NOTHING",
                )
                .map_err(backend)?;
            let mut existing = tx
                .prepare_cached("SELECT receipt, status, received_ms FROM complaints WHERE id = ?1")
                .map_err(backend)?;
            for n in batch {
                let c = &n.complaint;
                let body = serde_json::to_string(c).map_err(backend)?;
                let added = insert
                    .execute(params![
                        c.id,
                        n.receipt,
                        c.profile.platform.as_str(),
                        c.profile.id_type.as_str(),
                        c.profile.account_id,
                        c.category.as_str(),
                        n.received_ms,
                        body
                    ])
                    .map_err(backend)?;
                if added == 1 {
                    out.push(Inserted {
                        receipt: n.receipt.clone(),
                        status: ComplaintStatus::Received,
                        received_ms: n.received_ms,
                        duplicate: false,
                    });
                } else {
                    let (receipt, status, received_ms): (String, String, i64) = existing
                        .query_row([&c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                        .map_err(backend)?;
                    out.push(Inserted {
                        receipt,
                        status: status_of(&status).map_err(backend)?,
                        received_ms,
                        duplicate: true,
                    });
                }
            }
        }
        tx.commit().map_err(backend)?;
        Ok(out)
    }

    fn status(&self, receipt: &str) -> StoreResult<Option<StatusView>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare_cached("SELECT status, received_ms, updated_ms, reply FROM complaints WHERE receipt = ?1")
            .map_err(backend)?;
        let row = q
            .query_row([receipt], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
            .map_err(backend)?;
        row.map(|(s, received_ms, updated_ms, reply)| {
            Ok(StatusView {
                receipt: receipt.to_string(),
                status: status_of(&s).map_err(backend)?,
                received_ms,
                updated_ms,
                reply,
            })
        })
        .transpose()
    }

    fn get(&self, receipt: &str) -> StoreResult<Option<StoredComplaint>> {
        let conn = self.reader()?;
        let row = conn
            .query_row(
                "SELECT receipt, status, received_ms, updated_ms, body FROM complaints WHERE receipt = ?1",
                [receipt],
                Self::stored,
            )
            .optional()
            .map_err(backend)?;
        row.map(Self::to_stored).transpose()
    }

    fn list(&self, f: &ListFilter) -> StoreResult<Vec<ComplaintSummary>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare_cached(
                "SELECT receipt, status, category, platform, id_type, account_id, received_ms, updated_ms
                 FROM complaints WHERE (?1 IS NULL OR status = ?1) AND (?4 IS NULL OR category = ?4)
                   AND (?5 IS NULL OR platform = ?5) AND (?6 IS NULL OR account_id = ?6)
                   AND (?7 IS NULL OR received_ms >= ?7) AND (?8 IS NULL OR received_ms < ?8)
                 ORDER BY received_ms DESC, receipt
                 LIMIT ?2 OFFSET ?3",
            )
            .map_err(backend)?;
        let args = params![
            f.status.map(|s| s.as_str()),
            f.limit.max(1),
            f.offset,
            f.category,
            f.platform,
            f.account_id,
            f.from_ms,
            f.to_ms
        ];
        let rows = q
            .query_map(args, |r| {
                Ok(ComplaintSummary {
                    receipt: r.get(0)?,
                    status: status_of(&r.get::<_, String>(1)?)?,
                    category: r.get(2)?,
                    platform: r.get(3)?,
                    id_type: r.get(4)?,
                    account_id: r.get(5)?,
                    received_ms: r.get(6)?,
                    updated_ms: r.get(7)?,
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn for_each(
        &self,
        status: Option<ComplaintStatus>,
        each: &mut dyn FnMut(StoredComplaint) -> StoreResult<()>,
    ) -> StoreResult<()> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare(
                "SELECT receipt, status, received_ms, updated_ms, body FROM complaints
                 WHERE (?1 IS NULL OR status = ?1) ORDER BY received_ms, receipt",
            )
            .map_err(backend)?;
        let mut rows = q.query(params![status.map(|s| s.as_str())]).map_err(backend)?;
        while let Some(row) = rows.next().map_err(backend)? {
            each(Self::to_stored(Self::stored(row).map_err(backend)?)?)?;
        }
        Ok(())
    }

    fn set_status_with_reply(
        &self,
        receipt: &str,
        to: ComplaintStatus,
        actor: &str,
        note: &str,
        reply: &str,
    ) -> StoreResult<StatusView> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        let (from, received_ms, old_reply): (String, i64, String) = tx
            .query_row(
                "SELECT status, received_ms, reply FROM complaints WHERE receipt = ?1",
                [receipt],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)?;
        let from = status_of(&from).map_err(backend)?;
        if !from.can_move_to(to) {
            return Err(StoreError::InvalidTransition { from, to });
        }
        let now = crate::clock::now_ms().max(received_ms);
        let reply = if reply.is_empty() { old_reply } else { reply.to_string() };
        tx.execute(
            "UPDATE complaints SET status = ?1, updated_ms = ?2, reply = ?3 WHERE receipt = ?4",
            params![to.as_str(), now, reply, receipt],
        )
        .map_err(backend)?;
        let detail = status_detail(from, to, note, &reply);
        audit_tx(&tx, actor, "complaint.set_status", receipt, &detail)?;
        tx.commit().map_err(backend)?;
        Ok(StatusView {
            receipt: receipt.to_string(),
            status: to,
            received_ms,
            updated_ms: now,
            reply,
        })
    }

    fn counts_by_account(&self) -> StoreResult<Vec<AccountCount>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare(
                "SELECT platform, id_type, account_id, status, COUNT(*) FROM complaints
                 GROUP BY platform, id_type, account_id, status",
            )
            .map_err(backend)?;
        let rows = q
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u32>(4)?,
                ))
            })
            .map_err(backend)?;
        let mut out = Vec::new();
        for row in rows {
            let (p, t, a, s, count) = row.map_err(backend)?;
            if let (Some(platform), Some(id_type), Some(status)) =
                (Platform::parse(&p), IdType::parse(&t), ComplaintStatus::parse(&s))
            {
                out.push(AccountCount {
                    account: AccountKey::new(platform, id_type, a),
                    status,
                    count,
                });
            }
        }
        Ok(out)
    }

    fn count(&self) -> StoreResult<u64> {
        self.reader()?
            .query_row("SELECT COUNT(*) FROM complaints", [], |r| r.get(0))
            .map_err(backend)
    }
}

impl RegistryStore for SqliteStore {
    fn records(&self) -> StoreResult<Vec<Record>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare("SELECT source FROM registry_records ORDER BY id")
            .map_err(backend)?;
        let rows = q.query_map([], |r| r.get::<_, String>(0)).map_err(backend)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(record_from_source(&row.map_err(backend)?)?);
        }
        Ok(out)
    }

    fn record(&self, id: &str) -> StoreResult<Option<Record>> {
        let conn = self.reader()?;
        let text: Option<String> = conn
            .query_row("SELECT source FROM registry_records WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(backend)?;
        text.map(|t| record_from_source(&t)).transpose()
    }

    fn upsert_records(&self, records: &[Record], actor: &str, action: &str, detail: &str) -> StoreResult<()> {
        let mut conn = self.writer()?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        let now = crate::clock::now_ms();
        {
            let mut up = tx
                .prepare_cached(
                    "INSERT INTO registry_records (id, source, updated_ms) VALUES (?1, ?2, ?3)
                     ON CONFLICT (id) DO UPDATE SET source = excluded.source, updated_ms = excluded.updated_ms",
                )
                .map_err(backend)?;
            for r in records {
                up.execute(params![r.id, to_json(std::slice::from_ref(r)), now])
                    .map_err(backend)?;
            }
        }
        let subject = match records {
            [one] => one.id.clone(),
            _ => format!("{} records", records.len()),
        };
        audit_tx(&tx, actor, action, &subject, detail)?;
        tx.commit().map_err(backend)
    }

    fn publications(&self, limit: u32) -> StoreResult<Vec<Publication>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare(
                "SELECT sequence, issued, expires, sha256, bytes, records, accounts, published_ms FROM publications
                 ORDER BY sequence DESC LIMIT ?1",
            )
            .map_err(backend)?;
        let rows = q
            .query_map([limit], |r| {
                Ok(Publication {
                    sequence: r.get::<_, i64>(0)? as u64,
                    issued: r.get(1)?,
                    expires: r.get(2)?,
                    sha256: r.get(3)?,
                    bytes: r.get::<_, i64>(4)? as u64,
                    records: r.get(5)?,
                    accounts: r.get(6)?,
                    published_ms: r.get(7)?,
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn add_publication(
        &self,
        p: &Publication,
        files: &[PublishedFile],
        keep_from: u64,
        actor: &str,
    ) -> StoreResult<()> {
        let mut conn = self.writer()?;
        // IMMEDIATE: the write lock is taken before the last sequence is read, so two publishers (the server and
        // the CLI on the same file) cannot both see N and claim N + 1.
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(backend)?;
        let last: i64 = tx
            .query_row("SELECT COALESCE(MAX(sequence), 0) FROM publications", [], |r| r.get(0))
            .map_err(backend)?;
        if last as u64 + 1 != p.sequence {
            return Err(sequence_taken(p.sequence, last as u64));
        }
        tx.execute(
            "INSERT INTO publications (sequence, issued, expires, sha256, bytes, records, accounts, published_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                p.sequence as i64,
                p.issued,
                p.expires,
                p.sha256,
                p.bytes as i64,
                p.records,
                p.accounts,
                p.published_ms
            ],
        )
        .map_err(backend)?;
        {
            let mut put = tx
                .prepare_cached("INSERT INTO registry_files (sequence, path, bytes) VALUES (?1, ?2, ?3)")
                .map_err(backend)?;
            for f in files {
                put.execute(params![p.sequence as i64, f.path, f.bytes])
                    .map_err(backend)?;
            }
        }
        tx.execute("DELETE FROM registry_files WHERE sequence < ?1", [keep_from as i64])
            .map_err(backend)?;
        audit_tx(
            &tx,
            actor,
            "registry.publish",
            &format!("sequence {}", p.sequence),
            &publication_detail(p),
        )?;
        tx.commit().map_err(backend)
    }

    fn publication_files(&self, sequence: u64) -> StoreResult<Vec<PublishedFile>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare_cached("SELECT path, bytes FROM registry_files WHERE sequence = ?1 ORDER BY path")
            .map_err(backend)?;
        let rows = q
            .query_map([sequence as i64], |r| {
                Ok(PublishedFile {
                    path: r.get(0)?,
                    bytes: r.get(1)?,
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn publication_file(&self, sequence: u64, path: &str) -> StoreResult<Option<Vec<u8>>> {
        self.reader()?
            .query_row(
                "SELECT bytes FROM registry_files WHERE sequence = ?1 AND path = ?2",
                params![sequence as i64, path],
                |r| r.get(0),
            )
            .optional()
            .map_err(backend)
    }
}

impl Store for SqliteStore {
    fn backend_name(&self) -> &'static str {
        "sqlite"
    }
}

impl AuditLog for SqliteStore {
    fn audit(&self, actor: &str, action: &str, subject: &str, detail: &str) -> StoreResult<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction().map_err(backend)?;
        audit_tx(&tx, actor, action, subject, detail)?;
        tx.commit().map_err(backend)
    }

    fn audit_entries(&self, subject: Option<&str>, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare(
                "SELECT at_ms, actor, action, subject, detail FROM (
                   SELECT * FROM audit WHERE (?1 IS NULL OR subject = ?1) ORDER BY id DESC LIMIT ?2
                 ) ORDER BY id",
            )
            .map_err(backend)?;
        let rows = q
            .query_map(params![subject, limit], |r| {
                Ok(AuditEntry {
                    at_ms: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    subject: r.get(3)?,
                    detail: r.get(4)?,
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn audit_search(&self, f: &AuditFilter) -> StoreResult<Vec<AuditRow>> {
        let conn = self.reader()?;
        let mut q = conn
            .prepare(
                "SELECT id, at_ms, actor, action, subject, detail FROM audit
                 WHERE (?1 IS NULL OR subject = ?1) AND (?2 IS NULL OR actor = ?2)
                   AND (?3 IS NULL OR substr(action, 1, length(?3)) = ?3) AND (?4 IS NULL OR id < ?4)
                 ORDER BY id DESC LIMIT ?5",
            )
            .map_err(backend)?;
        let rows = q
            .query_map(
                params![f.subject, f.actor, f.action, f.before_id, f.limit.max(1)],
                |r| {
                    Ok(AuditRow {
                        id: r.get(0)?,
                        entry: AuditEntry {
                            at_ms: r.get(1)?,
                            actor: r.get(2)?,
                            action: r.get(3)?,
                            subject: r.get(4)?,
                            detail: r.get(5)?,
                        },
                    })
                },
            )
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent_and_versioned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.last().unwrap().0);
        drop(s);
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.last().unwrap().0);
        assert_eq!(s.count().unwrap(), 0);
    }
}

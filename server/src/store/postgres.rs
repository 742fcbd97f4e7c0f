//! The PostgreSQL store (`koltrust serve --database postgres://…`): the same traits as [`super::sqlite`], on a
//! database several server instances share.
//!
//! * **Driver**: `tokio-postgres` with a `deadpool-postgres` pool, driven by a small runtime this store owns. The
//!   storage traits are synchronous (the intake writer is a thread, handlers call them through `spawn_blocking`),
//!   so each call is one `block_on` on that runtime — never on the HTTP runtime's worker threads.
//! * **Durability**: a commit returns after PostgreSQL has flushed its WAL (`synchronous_commit` is forced `on` for
//!   this store's sessions), so the 2xx of a complaint still follows a durable commit. Group commit is unchanged: the
//!   intake writer hands a whole batch to [`ComplaintStore::insert_batch`], one statement (`unnest` of arrays,
//!   autocommitted: one round trip) inserts it, one commit acknowledges it.
//! * **Several instances**: complaint ids and receipts are unique keys; a publication's sequence is the primary key
//!   and is claimed under a transaction-scoped advisory lock (`pg_advisory_xact_lock`), so two instances publishing
//!   at once get N + 1 and a refusal (then N + 2), never two different files numbered alike. Migrations run under
//!   the same kind of lock, so instances starting together migrate once.
//! * **Schema**: [`MIGRATIONS`], numbered like SQLite's; `schema_version` holds the version reached.

use super::sqlite::{publication_detail, record_from_source, sequence_taken, status_detail};
use super::*;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use koltrust::platform::{IdType, Platform};
use koltrust::registry::source::to_json;
use std::collections::{HashMap, HashSet};
use tokio_postgres::types::ToSql;
use tokio_postgres::NoTls;

mod staff;

/// `(version, SQL)`: the same numbers as [`super::sqlite::MIGRATIONS`] for the same content.
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
            received_ms BIGINT NOT NULL,
            updated_ms BIGINT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX complaints_account ON complaints (platform, id_type, account_id);
        CREATE INDEX complaints_status ON complaints (status, received_ms);
        CREATE TABLE registry_records (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            updated_ms BIGINT NOT NULL
        );
        CREATE TABLE publications (
            sequence BIGINT PRIMARY KEY,
            issued BIGINT NOT NULL,
            expires BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            bytes BIGINT NOT NULL,
            records INTEGER NOT NULL,
            accounts INTEGER NOT NULL,
            published_ms BIGINT NOT NULL
        );
        CREATE TABLE audit (
            id BIGSERIAL PRIMARY KEY,
            at_ms BIGINT NOT NULL,
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
            sequence BIGINT NOT NULL REFERENCES publications (sequence) ON DELETE CASCADE,
            path TEXT NOT NULL,
            bytes BYTEA NOT NULL,
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
            created_ms BIGINT NOT NULL,
            disabled_ms BIGINT,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            last_failed_ms BIGINT NOT NULL DEFAULT 0
        );
        CREATE TABLE staff_sessions (
            id_hash TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES staff (username),
            csrf TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            seen_ms BIGINT NOT NULL,
            ended_ms BIGINT
        );
        CREATE INDEX staff_sessions_user ON staff_sessions (username, ended_ms);",
    ),
];

/// Advisory lock keys (any constants unique to this application).
const MIGRATION_LOCK: i64 = 0x6b6f_6c74_0001;
const PUBLICATION_LOCK: i64 = 0x6b6f_6c74_0002;

/// Connections in the pool: the intake writer, the handlers' reads and the publication sync need few at once.
const POOL_SIZE: usize = 16;

pub struct PostgresStore {
    /// Drives the connections; `Option` so [`Drop`] can shut it down without blocking (a store may be dropped from
    /// inside another runtime).
    rt: Option<tokio::runtime::Runtime>,
    pool: Pool,
}

fn backend(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// A database error with its detail (the server's message, e.g. a constraint name), not only its kind.
fn pg(e: tokio_postgres::Error) -> StoreError {
    match e.as_db_error() {
        Some(db) => StoreError::Backend(format!("postgres: {} ({})", db.message(), db.code().code())),
        None => StoreError::Backend(format!("postgres: {e}")),
    }
}

fn status_of(s: &str) -> StoreResult<ComplaintStatus> {
    ComplaintStatus::parse(s).ok_or_else(|| backend(format!("unknown status {s:?} in the database")))
}

fn stored(row: &tokio_postgres::Row) -> StoreResult<StoredComplaint> {
    Ok(StoredComplaint {
        receipt: row.get(0),
        status: status_of(row.get(1))?,
        received_ms: row.get(2),
        updated_ms: row.get(3),
        complaint: serde_json::from_str(row.get(4)).map_err(backend)?,
    })
}

async fn audit_in(
    tx: &deadpool_postgres::Transaction<'_>,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO audit (at_ms, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
        &[&crate::clock::now_ms(), &actor, &action, &subject, &detail],
    )
    .await
    .map_err(pg)?;
    Ok(())
}

impl PostgresStore {
    /// Connects (`postgres://user[:password]@host[:port]/dbname`) and applies pending migrations.
    pub fn connect(url: &str) -> StoreResult<PostgresStore> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| backend(format!("{}: not a PostgreSQL URL: {e}", redact(url))))?;
        // Whatever the server's default: a complaint's 2xx waits for the WAL flush.
        config.options("-c synchronous_commit=on");
        config.application_name("koltrust");
        config.connect_timeout(std::time::Duration::from_secs(10));
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("koltrust-pg")
            .enable_all()
            .build()
            .map_err(backend)?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(std::time::Duration::from_secs(30)))
            .create_timeout(Some(std::time::Duration::from_secs(10)))
            .build()
            .map_err(backend)?;
        let store = PostgresStore { rt: Some(rt), pool };
        store
            .run(store.migrate())
            .map_err(|e| backend(format!("{}: {e}", redact(url))))?;
        Ok(store)
    }

    fn run<T>(&self, f: impl std::future::Future<Output = StoreResult<T>>) -> StoreResult<T> {
        match &self.rt {
            Some(rt) => rt.block_on(f),
            None => Err(backend("the PostgreSQL store is closed")),
        }
    }

    async fn conn(&self) -> StoreResult<deadpool_postgres::Object> {
        self.pool.get().await.map_err(|e| backend(format!("postgres: {e}")))
    }

    async fn migrate(&self) -> StoreResult<u32> {
        let mut c = self.conn().await?;
        c.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            .await
            .map_err(pg)?;
        let mut reached = 0;
        for &(version, sql) in MIGRATIONS {
            let tx = c.transaction().await.map_err(pg)?;
            // Instances starting together: one migrates, the others wait here and then find the work done.
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
                .await
                .map_err(pg)?;
            let now: i32 = tx
                .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])
                .await
                .map_err(pg)?
                .get(0);
            if (now as u32) < version {
                tx.batch_execute(sql).await.map_err(pg)?;
                tx.execute("DELETE FROM schema_version", &[]).await.map_err(pg)?;
                tx.execute("INSERT INTO schema_version (version) VALUES ($1)", &[&(version as i32)])
                    .await
                    .map_err(pg)?;
            }
            tx.commit().await.map_err(pg)?;
            reached = version;
        }
        Ok(reached)
    }

    /// The schema version reached.
    pub fn schema_version(&self) -> StoreResult<u32> {
        self.run(async {
            let c = self.conn().await?;
            let v: i32 = c
                .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])
                .await
                .map_err(pg)?
                .get(0);
            Ok(v as u32)
        })
    }
}

/// Creates database `name` on the server `admin_url` points at and returns the new database's URL: for test
/// harnesses (a fresh database per server under test) and first-time setup. `name` is `[a-z0-9_]`, 1 to 63
/// characters. Must not be called from inside an async runtime (it runs its own).
pub fn create_database(admin_url: &str, name: &str) -> StoreResult<String> {
    if name.is_empty()
        || name.len() > 63
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(StoreError::Invalid(format!(
            "{name:?}: a database name is 1 to 63 of a-z, 0-9, _"
        )));
    }
    let config: tokio_postgres::Config = admin_url
        .parse()
        .map_err(|e| backend(format!("{}: not a PostgreSQL URL: {e}", redact(admin_url))))?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(backend)?;
    rt.block_on(async {
        let (client, connection) = config.connect(NoTls).await.map_err(pg)?;
        let driver = tokio::spawn(connection);
        // The name is checked above: a plain identifier, safe to splice (CREATE DATABASE takes no parameters).
        let created = client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .map_err(pg);
        drop(client);
        let _ = driver.await;
        created
    })?;
    // Same server and credentials, other database: replace the path of the URL.
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin_url, None),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|j| start + j))
        .unwrap_or(base.len());
    let mut url = format!("{}/{name}", &base[..authority_end]);
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    Ok(url)
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

impl ComplaintStore for PostgresStore {
    fn insert_batch(&self, batch: &[NewComplaint]) -> StoreResult<Vec<Inserted>> {
        self.run(async {
            let mut ids = Vec::with_capacity(batch.len());
            let mut receipts = Vec::with_capacity(batch.len());
            let (mut platforms, mut id_types, mut accounts, mut categories) = (vec![], vec![], vec![], vec![]);
            let mut times = Vec::with_capacity(batch.len());
            let mut bodies = Vec::with_capacity(batch.len());
            for n in batch {
                let c = &n.complaint;
                ids.push(c.id.as_str());
                receipts.push(n.receipt.as_str());
                platforms.push(c.profile.platform.as_str());
                id_types.push(c.profile.id_type.as_str());
                accounts.push(c.profile.account_id.as_str());
                categories.push(c.category.as_str());
                times.push(n.received_ms);
                bodies.push(serde_json::to_string(c).map_err(backend)?);
            }
            let c = self.conn().await?;
            // One statement for the batch, committed on its own (a single statement is its own transaction: one
            // round trip, one WAL flush). A client id already stored, or repeated within the batch, inserts
            // nothing (the first occurrence wins, as in SQLite's row-by-row insert).
            let insert = c
                .prepare_cached(
                    "INSERT INTO complaints (id, receipt, platform, id_type, account_id, category, status,
                     received_ms, updated_ms, body)
                     SELECT id, receipt, platform, id_type, account_id, category, 'received', received_ms,
                            received_ms, body
                     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                 $7::int8[], $8::text[]) WITH ORDINALITY
                          AS t(id, receipt, platform, id_type, account_id, category, received_ms, body, n)
                     ORDER BY n
                     ON CONFLICT (id) DO NOTHING RETURNING receipt",
                )
                .await
                .map_err(pg)?;
            let params: [&(dyn ToSql + Sync); 8] = [
                &ids,
                &receipts,
                &platforms,
                &id_types,
                &accounts,
                &categories,
                &times,
                &bodies,
            ];
            let added: HashSet<String> = c
                .query(&insert, &params)
                .await
                .map_err(pg)?
                .iter()
                .map(|r| r.get(0))
                .collect();
            // Duplicates answer what is stored: committed rows (by this statement or earlier), read afterwards.
            let dup_ids: Vec<&str> = batch
                .iter()
                .filter(|n| !added.contains(&n.receipt))
                .map(|n| n.complaint.id.as_str())
                .collect();
            let mut existing: HashMap<String, (String, String, i64)> = HashMap::new();
            if !dup_ids.is_empty() {
                for r in c
                    .query(
                        "SELECT id, receipt, status, received_ms FROM complaints WHERE id = ANY($1)",
                        &[&dup_ids],
                    )
                    .await
                    .map_err(pg)?
                {
                    existing.insert(r.get(0), (r.get(1), r.get(2), r.get(3)));
                }
            }
            batch
                .iter()
                .map(|n| {
                    if added.contains(&n.receipt) {
                        return Ok(Inserted {
                            receipt: n.receipt.clone(),
                            status: ComplaintStatus::Received,
                            received_ms: n.received_ms,
                            duplicate: false,
                        });
                    }
                    let (receipt, status, received_ms) = existing
                        .get(&n.complaint.id)
                        .ok_or_else(|| backend("a duplicate complaint vanished during its insert"))?;
                    Ok(Inserted {
                        receipt: receipt.clone(),
                        status: status_of(status)?,
                        received_ms: *received_ms,
                        duplicate: true,
                    })
                })
                .collect()
        })
    }

    fn status(&self, receipt: &str) -> StoreResult<Option<StatusView>> {
        self.run(async {
            let c = self.conn().await?;
            let q = c
                .prepare_cached("SELECT status, received_ms, updated_ms, reply FROM complaints WHERE receipt = $1")
                .await
                .map_err(pg)?;
            let row = c.query_opt(&q, &[&receipt]).await.map_err(pg)?;
            row.map(|r| {
                Ok(StatusView {
                    receipt: receipt.to_string(),
                    status: status_of(r.get(0))?,
                    received_ms: r.get(1),
                    updated_ms: r.get(2),
                    reply: r.get(3),
                })
            })
            .transpose()
        })
    }

    fn get(&self, receipt: &str) -> StoreResult<Option<StoredComplaint>> {
        self.run(async {
            let c = self.conn().await?;
            let row = c
                .query_opt(
                    "SELECT receipt, status, received_ms, updated_ms, body FROM complaints WHERE receipt = $1",
                    &[&receipt],
                )
                .await
                .map_err(pg)?;
            row.as_ref().map(stored).transpose()
        })
    }

    fn list(&self, f: &ListFilter) -> StoreResult<Vec<ComplaintSummary>> {
        self.run(async {
            let c = self.conn().await?;
            let rows = c
                .query(
                    "SELECT receipt, status, category, platform, id_type, account_id, received_ms, updated_ms
                     FROM complaints WHERE ($1::text IS NULL OR status = $1)
                       AND ($4::text IS NULL OR category = $4) AND ($5::text IS NULL OR platform = $5)
                       AND ($6::text IS NULL OR account_id = $6)
                       AND ($7::bigint IS NULL OR received_ms >= $7) AND ($8::bigint IS NULL OR received_ms < $8)
                     ORDER BY received_ms DESC, receipt COLLATE \"C\" LIMIT $2 OFFSET $3",
                    &[
                        &f.status.map(|s| s.as_str()),
                        &i64::from(f.limit.max(1)),
                        &i64::from(f.offset),
                        &f.category,
                        &f.platform,
                        &f.account_id,
                        &f.from_ms,
                        &f.to_ms,
                    ],
                )
                .await
                .map_err(pg)?;
            rows.iter()
                .map(|r| {
                    Ok(ComplaintSummary {
                        receipt: r.get(0),
                        status: status_of(r.get(1))?,
                        category: r.get(2),
                        platform: r.get(3),
                        id_type: r.get(4),
                        account_id: r.get(5),
                        received_ms: r.get(6),
                        updated_ms: r.get(7),
                    })
                })
                .collect()
        })
    }

    fn for_each(
        &self,
        status: Option<ComplaintStatus>,
        each: &mut dyn FnMut(StoredComplaint) -> StoreResult<()>,
    ) -> StoreResult<()> {
        // Pages by key (received_ms, receipt), so an export of millions holds one page in memory and no long
        // transaction.
        const PAGE: i64 = 1000;
        let mut after: (i64, String) = (i64::MIN, String::new());
        loop {
            let page = self.run(async {
                let c = self.conn().await?;
                let rows = c
                    .query(
                        "SELECT receipt, status, received_ms, updated_ms, body FROM complaints
                         WHERE ($1::text IS NULL OR status = $1)
                           AND (received_ms, receipt COLLATE \"C\") > ($2, $3 COLLATE \"C\")
                         ORDER BY received_ms, receipt COLLATE \"C\" LIMIT $4",
                        &[&status.map(|s| s.as_str()), &after.0, &after.1, &PAGE],
                    )
                    .await
                    .map_err(pg)?;
                rows.iter().map(stored).collect::<StoreResult<Vec<_>>>()
            })?;
            let Some(last) = page.last() else {
                return Ok(());
            };
            after = (last.received_ms, last.receipt.clone());
            let full = page.len() as i64 == PAGE;
            for c in page {
                each(c)?;
            }
            if !full {
                return Ok(());
            }
        }
    }

    fn set_status_with_reply(
        &self,
        receipt: &str,
        to: ComplaintStatus,
        actor: &str,
        note: &str,
        reply: &str,
    ) -> StoreResult<StatusView> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            // FOR UPDATE: two moderators on two instances cannot both move the same complaint from one state.
            let row = tx
                .query_opt(
                    "SELECT status, received_ms, reply FROM complaints WHERE receipt = $1 FOR UPDATE",
                    &[&receipt],
                )
                .await
                .map_err(pg)?
                .ok_or(StoreError::NotFound)?;
            let from = status_of(row.get(0))?;
            let received_ms: i64 = row.get(1);
            if !from.can_move_to(to) {
                return Err(StoreError::InvalidTransition { from, to });
            }
            let now = crate::clock::now_ms().max(received_ms);
            let reply: String = if reply.is_empty() {
                row.get(2)
            } else {
                reply.to_string()
            };
            tx.execute(
                "UPDATE complaints SET status = $1, updated_ms = $2, reply = $3 WHERE receipt = $4",
                &[&to.as_str(), &now, &reply, &receipt],
            )
            .await
            .map_err(pg)?;
            let detail = status_detail(from, to, note, &reply);
            audit_in(&tx, actor, "complaint.set_status", receipt, &detail).await?;
            tx.commit().await.map_err(pg)?;
            Ok(StatusView {
                receipt: receipt.to_string(),
                status: to,
                received_ms,
                updated_ms: now,
                reply,
            })
        })
    }

    fn counts_by_account(&self) -> StoreResult<Vec<AccountCount>> {
        self.run(async {
            let c = self.conn().await?;
            let rows = c
                .query(
                    "SELECT platform, id_type, account_id, status, COUNT(*) FROM complaints
                     GROUP BY platform, id_type, account_id, status",
                    &[],
                )
                .await
                .map_err(pg)?;
            let mut out = Vec::new();
            for r in rows {
                if let (Some(platform), Some(id_type), Some(status)) = (
                    Platform::parse(r.get(0)),
                    IdType::parse(r.get(1)),
                    ComplaintStatus::parse(r.get(3)),
                ) {
                    out.push(AccountCount {
                        account: AccountKey::new(platform, id_type, r.get::<_, String>(2)),
                        status,
                        count: u32::try_from(r.get::<_, i64>(4)).unwrap_or(u32::MAX),
                    });
                }
            }
            Ok(out)
        })
    }

    /// PostgreSQL commits concurrent transactions together (one WAL flush for several), so a few writers keep a
    /// batch filling while another commits.
    fn writers(&self) -> usize {
        3
    }

    fn count(&self) -> StoreResult<u64> {
        self.run(async {
            let c = self.conn().await?;
            let n: i64 = c
                .query_one("SELECT COUNT(*) FROM complaints", &[])
                .await
                .map_err(pg)?
                .get(0);
            Ok(n as u64)
        })
    }
}

fn publication(r: &tokio_postgres::Row) -> Publication {
    Publication {
        sequence: r.get::<_, i64>(0) as u64,
        issued: r.get(1),
        expires: r.get(2),
        sha256: r.get(3),
        bytes: r.get::<_, i64>(4) as u64,
        records: r.get::<_, i32>(5) as u32,
        accounts: r.get::<_, i32>(6) as u32,
        published_ms: r.get(7),
    }
}

impl RegistryStore for PostgresStore {
    fn records(&self) -> StoreResult<Vec<Record>> {
        self.run(async {
            let c = self.conn().await?;
            let rows = c
                .query("SELECT source FROM registry_records ORDER BY id COLLATE \"C\"", &[])
                .await
                .map_err(pg)?;
            rows.iter().map(|r| record_from_source(r.get(0))).collect()
        })
    }

    fn record(&self, id: &str) -> StoreResult<Option<Record>> {
        self.run(async {
            let c = self.conn().await?;
            let row = c
                .query_opt("SELECT source FROM registry_records WHERE id = $1", &[&id])
                .await
                .map_err(pg)?;
            row.map(|r| record_from_source(r.get(0))).transpose()
        })
    }

    fn upsert_records(&self, records: &[Record], actor: &str, action: &str, detail: &str) -> StoreResult<()> {
        // The last record of an id wins (one statement cannot update a row twice).
        let mut by_id: HashMap<&str, String> = HashMap::new();
        for r in records {
            by_id.insert(r.id.as_str(), to_json(std::slice::from_ref(r)));
        }
        let (ids, sources): (Vec<&str>, Vec<String>) = by_id.into_iter().unzip();
        let subject = match records {
            [one] => one.id.clone(),
            _ => format!("{} records", records.len()),
        };
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            tx.execute(
                "INSERT INTO registry_records (id, source, updated_ms)
                 SELECT id, source, $3 FROM unnest($1::text[], $2::text[]) AS t(id, source)
                 ON CONFLICT (id) DO UPDATE SET source = excluded.source, updated_ms = excluded.updated_ms",
                &[&ids, &sources, &crate::clock::now_ms()],
            )
            .await
            .map_err(pg)?;
            audit_in(&tx, actor, action, &subject, detail).await?;
            tx.commit().await.map_err(pg)
        })
    }

    fn publications(&self, limit: u32) -> StoreResult<Vec<Publication>> {
        self.run(async {
            let c = self.conn().await?;
            let q = c
                .prepare_cached(
                    "SELECT sequence, issued, expires, sha256, bytes, records, accounts, published_ms
                     FROM publications ORDER BY sequence DESC LIMIT $1",
                )
                .await
                .map_err(pg)?;
            let rows = c.query(&q, &[&i64::from(limit)]).await.map_err(pg)?;
            Ok(rows.iter().map(publication).collect())
        })
    }

    fn add_publication(
        &self,
        p: &Publication,
        files: &[PublishedFile],
        keep_from: u64,
        actor: &str,
    ) -> StoreResult<()> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            // Publishers on every instance queue here; the primary key would refuse a second N anyway, the lock
            // turns that into a clear conflict before any work is sent.
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PUBLICATION_LOCK])
                .await
                .map_err(pg)?;
            let last: i64 = tx
                .query_one("SELECT COALESCE(MAX(sequence), 0) FROM publications", &[])
                .await
                .map_err(pg)?
                .get(0);
            if last as u64 + 1 != p.sequence {
                return Err(sequence_taken(p.sequence, last as u64));
            }
            let seq = p.sequence as i64;
            tx.execute(
                "INSERT INTO publications (sequence, issued, expires, sha256, bytes, records, accounts, published_ms)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[
                    &seq,
                    &p.issued,
                    &p.expires,
                    &p.sha256,
                    &(p.bytes as i64),
                    &(p.records as i32),
                    &(p.accounts as i32),
                    &p.published_ms,
                ],
            )
            .await
            .map_err(pg)?;
            let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
            let bytes: Vec<&[u8]> = files.iter().map(|f| f.bytes.as_slice()).collect();
            tx.execute(
                "INSERT INTO registry_files (sequence, path, bytes)
                 SELECT $1, path, bytes FROM unnest($2::text[], $3::bytea[]) AS t(path, bytes)",
                &[&seq, &paths, &bytes],
            )
            .await
            .map_err(pg)?;
            tx.execute("DELETE FROM registry_files WHERE sequence < $1", &[&(keep_from as i64)])
                .await
                .map_err(pg)?;
            audit_in(
                &tx,
                actor,
                "registry.publish",
                &format!("sequence {}", p.sequence),
                &publication_detail(p),
            )
            .await?;
            tx.commit().await.map_err(pg)
        })
    }

    fn publication_files(&self, sequence: u64) -> StoreResult<Vec<PublishedFile>> {
        self.run(async {
            let c = self.conn().await?;
            let rows = c
                .query(
                    "SELECT path, bytes FROM registry_files WHERE sequence = $1 ORDER BY path COLLATE \"C\"",
                    &[&(sequence as i64)],
                )
                .await
                .map_err(pg)?;
            Ok(rows
                .iter()
                .map(|r| PublishedFile {
                    path: r.get(0),
                    bytes: r.get(1),
                })
                .collect())
        })
    }

    fn publication_file(&self, sequence: u64, path: &str) -> StoreResult<Option<Vec<u8>>> {
        self.run(async {
            let c = self.conn().await?;
            let row = c
                .query_opt(
                    "SELECT bytes FROM registry_files WHERE sequence = $1 AND path = $2",
                    &[&(sequence as i64), &path],
                )
                .await
                .map_err(pg)?;
            Ok(row.map(|r| r.get(0)))
        })
    }
}

impl AuditLog for PostgresStore {
    fn audit(&self, actor: &str, action: &str, subject: &str, detail: &str) -> StoreResult<()> {
        self.run(async {
            let mut c = self.conn().await?;
            let tx = c.transaction().await.map_err(pg)?;
            audit_in(&tx, actor, action, subject, detail).await?;
            tx.commit().await.map_err(pg)
        })
    }

    fn audit_entries(&self, subject: Option<&str>, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        self.run(async {
            let c = self.conn().await?;
            let rows = c
                .query(
                    "SELECT at_ms, actor, action, subject, detail FROM (
                       SELECT * FROM audit WHERE ($1::text IS NULL OR subject = $1) ORDER BY id DESC LIMIT $2
                     ) a ORDER BY id",
                    &[&subject, &i64::from(limit)],
                )
                .await
                .map_err(pg)?;
            Ok(rows
                .iter()
                .map(|r| AuditEntry {
                    at_ms: r.get(0),
                    actor: r.get(1),
                    action: r.get(2),
                    subject: r.get(3),
                    detail: r.get(4),
                })
                .collect())
        })
    }

    fn audit_search(&self, f: &AuditFilter) -> StoreResult<Vec<AuditRow>> {
        self.run(async {
            let c = self.conn().await?;
            let rows = c
                .query(
                    "SELECT id, at_ms, actor, action, subject, detail FROM audit
                     WHERE ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR actor = $2)
                       AND ($3::text IS NULL OR starts_with(action, $3)) AND ($4::bigint IS NULL OR id < $4)
                     ORDER BY id DESC LIMIT $5",
                    &[
                        &f.subject,
                        &f.actor,
                        &f.action,
                        &f.before_id,
                        &i64::from(f.limit.max(1)),
                    ],
                )
                .await
                .map_err(pg)?;
            Ok(rows
                .iter()
                .map(|r| AuditRow {
                    id: r.get(0),
                    entry: AuditEntry {
                        at_ms: r.get(1),
                        actor: r.get(2),
                        action: r.get(3),
                        subject: r.get(4),
                        detail: r.get(5),
                    },
                })
                .collect())
        })
    }
}

impl Store for PostgresStore {
    fn backend_name(&self) -> &'static str {
        "postgres"
    }
}

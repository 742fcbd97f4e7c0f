//! Storage behind traits, so the server's logic never speaks SQL and another database can take over.
//!
//! | trait | holds |
//! | --- | --- |
//! | [`ComplaintStore`] | complaints: idempotent batch insert (one transaction = one durable commit), reporter status, moderation reads, status changes |
//! | [`RegistryStore`] | the registry records the Alliance edits, and the list of publications |
//! | [`AuditLog`] | who changed what, when (registry edits, publications, status changes, logins, staff changes) |
//! | [`StaffStore`] | the console's staff accounts and their sessions ([`staff`]) |
//!
//! Two implementations, chosen by [`Database`] (`koltrust serve --database …`, env `KOLTRUST_DATABASE`):
//! [`sqlite::SqliteStore`], one embedded SQLite file in the data folder (WAL, `synchronous=FULL`; the default), and
//! [`postgres::PostgresStore`], a PostgreSQL database several server instances can share. Both keep their schema
//! as numbered migrations with the same numbers for the same content, and both pass the same conformance suite
//! (`cli/tests/store_conformance.rs`). The rest of the server holds an `Arc<dyn Store>` and never knows which.
//!
//! A publication's files (snapshot, deltas, keys, manifest) are stored with it ([`RegistryStore::add_publication`]),
//! in the same transaction that claims its sequence: the database is the one truth every instance and
//! `koltrust registry publish --out` copy from, and a sequence can never name two different files.

mod error;
pub mod postgres;
pub mod sqlite;
pub mod staff;

pub use staff::{Session, StaffAccount, StaffStore};

use koltrust::complaint::{ComplaintStatus, ValidComplaint};
use koltrust::platform::AccountKey;
use koltrust::registry::Record;
use serde::Serialize;

pub use error::{StoreError, StoreResult};

/// One complaint to insert: the validated content, the receipt to give it if it is new, the receipt time.
#[derive(Clone, Debug)]
pub struct NewComplaint {
    pub complaint: ValidComplaint,
    pub receipt: String,
    pub received_ms: i64,
}

/// What an insert answers: the complaint's receipt (the existing one for a duplicate client id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Inserted {
    pub receipt: String,
    pub status: ComplaintStatus,
    pub received_ms: i64,
    pub duplicate: bool,
}

/// What the reporter may see: no contents, only the status, its times and the moderators' note to the reporter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusView {
    pub receipt: String,
    pub status: ComplaintStatus,
    pub received_ms: i64,
    pub updated_ms: i64,
    /// The note the moderators wrote *for the reporter* with the last status change that had one (empty: none).
    pub reply: String,
}

/// A row of the moderation list.
#[derive(Clone, Debug, Serialize)]
pub struct ComplaintSummary {
    pub receipt: String,
    pub status: ComplaintStatus,
    pub category: String,
    pub platform: String,
    pub id_type: String,
    pub account_id: String,
    pub received_ms: i64,
    pub updated_ms: i64,
}

/// One complaint in full, for moderators.
#[derive(Clone, Debug, Serialize)]
pub struct StoredComplaint {
    pub receipt: String,
    pub status: ComplaintStatus,
    pub received_ms: i64,
    pub updated_ms: i64,
    pub complaint: ValidComplaint,
}

/// Which complaints a list shows: every set field must match (exact values; times in Unix ms, `to_ms` excluded).
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub status: Option<ComplaintStatus>,
    pub category: Option<String>,
    pub platform: Option<String>,
    pub account_id: Option<String>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    pub limit: u32,
    pub offset: u32,
}

/// Complaint counts per account and status, for the statistics in the next snapshot.
#[derive(Clone, Debug)]
pub struct AccountCount {
    pub account: AccountKey,
    pub status: ComplaintStatus,
    pub count: u32,
}

pub trait ComplaintStore: Send + Sync {
    /// Inserts a batch in **one** transaction and returns only after it is durably committed. A client id seen
    /// before (in the store or earlier in the batch) answers its existing receipt and changes nothing.
    fn insert_batch(&self, batch: &[NewComplaint]) -> StoreResult<Vec<Inserted>>;
    fn status(&self, receipt: &str) -> StoreResult<Option<StatusView>>;
    fn get(&self, receipt: &str) -> StoreResult<Option<StoredComplaint>>;
    fn list(&self, filter: &ListFilter) -> StoreResult<Vec<ComplaintSummary>>;
    /// Every complaint (for export), oldest first, passed to `each` one by one.
    fn for_each(
        &self,
        status: Option<ComplaintStatus>,
        each: &mut dyn FnMut(StoredComplaint) -> StoreResult<()>,
    ) -> StoreResult<()>;
    /// Moves a complaint along the lifecycle and audits it (same transaction); `note` is internal (audit only).
    fn set_status(&self, receipt: &str, to: ComplaintStatus, actor: &str, note: &str) -> StoreResult<StatusView> {
        self.set_status_with_reply(receipt, to, actor, note, "")
    }
    /// As [`ComplaintStore::set_status`], and a non-empty `reply` becomes the note the reporter reads with the
    /// status ([`StatusView::reply`]); an empty one keeps the previous reply. Both are audited.
    fn set_status_with_reply(
        &self,
        receipt: &str,
        to: ComplaintStatus,
        actor: &str,
        note: &str,
        reply: &str,
    ) -> StoreResult<StatusView>;
    fn counts_by_account(&self) -> StoreResult<Vec<AccountCount>>;
    fn count(&self) -> StoreResult<u64>;
    /// How many intake writers may commit batches at once: 1 where commits serialise anyway (SQLite's one writer).
    fn writers(&self) -> usize {
        1
    }
}

/// One published sequence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Publication {
    pub sequence: u64,
    pub issued: i64,
    pub expires: i64,
    pub sha256: String,
    pub bytes: u64,
    pub records: u32,
    pub accounts: u32,
    pub published_ms: i64,
}

/// One file of a publication, its path relative to the registry folder (`snapshots/3.bin`, `deltas/2-3.bin`,
/// `keys`, `manifest`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub trait RegistryStore: Send + Sync {
    /// Every record, in id order.
    fn records(&self) -> StoreResult<Vec<Record>>;
    fn record(&self, id: &str) -> StoreResult<Option<Record>>;
    /// Inserts or replaces records, auditing `action` with `detail` in the same transaction.
    fn upsert_records(&self, records: &[Record], actor: &str, action: &str, detail: &str) -> StoreResult<()>;
    fn publications(&self, limit: u32) -> StoreResult<Vec<Publication>>;
    /// Records publication `p` with its files and audits it, in one transaction. Refused with
    /// [`StoreError::Conflict`] unless `p.sequence` is exactly one more than the last publication (two publishers at
    /// once: one wins, the other learns it and may retry with the next number). Files of sequences before
    /// `keep_from` are dropped (their publications stay listed).
    fn add_publication(&self, p: &Publication, files: &[PublishedFile], keep_from: u64, actor: &str)
        -> StoreResult<()>;
    /// The files stored with publication `sequence` (none for a sequence published before files were stored, or
    /// pruned).
    fn publication_files(&self, sequence: u64) -> StoreResult<Vec<PublishedFile>>;
    /// One stored file of publication `sequence`.
    fn publication_file(&self, sequence: u64, path: &str) -> StoreResult<Option<Vec<u8>>>;
}

/// One audit entry.
#[derive(Clone, Debug, Serialize)]
pub struct AuditEntry {
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// Which audit entries to read: every set field must match (`action` by prefix: `staff.` for every staff entry).
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub subject: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    /// Only entries with an id below this one (paging back through the trail).
    pub before_id: Option<i64>,
    pub limit: u32,
}

/// One audit entry with its id (for paging), as the console's trail shows it.
#[derive(Clone, Debug, Serialize)]
pub struct AuditRow {
    pub id: i64,
    #[serde(flatten)]
    pub entry: AuditEntry,
}

/// The audit trail is append-only: nothing in the server updates or deletes an entry.
pub trait AuditLog: Send + Sync {
    fn audit(&self, actor: &str, action: &str, subject: &str, detail: &str) -> StoreResult<()>;
    /// Entries about `subject` (or all when `None`), newest last.
    fn audit_entries(&self, subject: Option<&str>, limit: u32) -> StoreResult<Vec<AuditEntry>>;
    /// Entries matching `filter`, newest first.
    fn audit_search(&self, filter: &AuditFilter) -> StoreResult<Vec<AuditRow>>;
}

/// Everything the server needs from storage.
pub trait Store: ComplaintStore + RegistryStore + AuditLog + StaffStore {
    /// Which backend, for logs and metrics (`sqlite`, `postgres`).
    fn backend_name(&self) -> &'static str;
}

/// Where the data lives: the data folder's SQLite file (default) or a PostgreSQL URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    Sqlite,
    Postgres(String),
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Database {
    /// Reads `--database` / `KOLTRUST_DATABASE`: empty or `sqlite` for the data folder's file, a `postgres://` or
    /// `postgresql://` URL for PostgreSQL.
    pub fn parse(s: Option<&str>) -> Result<Database, String> {
        match s.map(str::trim) {
            None | Some("") | Some("sqlite") => Ok(Database::Sqlite),
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok(Database::Postgres(url.to_string()))
            }
            Some(other) => Err(format!(
                "--database {:?}: expected a postgres://user@host/dbname URL or `sqlite` / cần một URL                  postgres://… hoặc `sqlite`",
                redact(other)
            )),
        }
    }

    /// For messages and logs: the URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Database::Sqlite => "sqlite".into(),
            Database::Postgres(url) => redact(url),
        }
    }
}

/// A database URL with any password replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((a, h)) => (Some(a), h),
        None => (None, rest),
    };
    match auth {
        Some(a) => match a.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => format!("{scheme}://{a}@{host}"),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_are_read_and_never_shown_with_their_password() {
        assert_eq!(Database::parse(None).unwrap(), Database::Sqlite);
        assert_eq!(Database::parse(Some("sqlite")).unwrap(), Database::Sqlite);
        let pg = Database::parse(Some("postgres://kt:s3cret@db.internal:5432/koltrust")).unwrap();
        assert_eq!(pg.describe(), "postgres://kt:***@db.internal:5432/koltrust");
        assert!(!format!("{pg:?}").contains("s3cret"));
        let err = Database::parse(Some("mysql://root:hunter2@x/y")).unwrap_err();
        assert!(err.contains("postgres://") && !err.contains("hunter2"), "{err}");
        assert_eq!(redact("postgres://kt@h/db"), "postgres://kt@h/db");
    }
}

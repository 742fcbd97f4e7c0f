//! Storage behind traits, so the server's logic never speaks SQL and another database can take over.
//!
//! | trait | holds |
//! | --- | --- |
//! | [`ComplaintStore`] | complaints: idempotent batch insert (one transaction = one durable commit), reporter status, moderation reads, status changes |
//! | [`RegistryStore`] | the registry records the Alliance edits, and the list of publications |
//! | [`AuditLog`] | who changed what, when (registry edits, publications, status changes) |
//!
//! [`sqlite::SqliteStore`] implements all three on one embedded SQLite file (WAL, `synchronous=FULL`). The rest of
//! the server holds an `Arc<dyn Store>`; the growth path to PostgreSQL is a second implementation of the same
//! traits (see the README's "Alliance server" section).

pub mod sqlite;

use koltrust::complaint::{ComplaintStatus, ValidComplaint};
use koltrust::platform::AccountKey;
use koltrust::registry::Record;
use serde::Serialize;

#[derive(Debug)]
pub enum StoreError {
    /// The database failed (I/O, corruption, busy past the timeout…).
    Backend(String),
    NotFound,
    /// A status change the lifecycle refuses.
    InvalidTransition {
        from: ComplaintStatus,
        to: ComplaintStatus,
    },
    /// Data that does not pass its own validation (registry edits).
    Invalid(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Backend(e) => write!(f, "storage: {e}"),
            StoreError::NotFound => f.write_str("not found"),
            StoreError::InvalidTransition { from, to } => {
                write!(f, "cannot move a complaint from {} to {}", from.as_str(), to.as_str())
            }
            StoreError::Invalid(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for StoreError {}

pub type StoreResult<T> = Result<T, StoreError>;

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

/// What the reporter may see: no contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusView {
    pub receipt: String,
    pub status: ComplaintStatus,
    pub received_ms: i64,
    pub updated_ms: i64,
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

#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub status: Option<ComplaintStatus>,
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
    /// Moves a complaint along the lifecycle and audits it (same transaction).
    fn set_status(&self, receipt: &str, to: ComplaintStatus, actor: &str, note: &str) -> StoreResult<StatusView>;
    fn counts_by_account(&self) -> StoreResult<Vec<AccountCount>>;
    fn count(&self) -> StoreResult<u64>;
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

pub trait RegistryStore: Send + Sync {
    /// Every record, in id order.
    fn records(&self) -> StoreResult<Vec<Record>>;
    fn record(&self, id: &str) -> StoreResult<Option<Record>>;
    /// Inserts or replaces records, auditing `action` with `detail` in the same transaction.
    fn upsert_records(&self, records: &[Record], actor: &str, action: &str, detail: &str) -> StoreResult<()>;
    fn publications(&self, limit: u32) -> StoreResult<Vec<Publication>>;
    fn add_publication(&self, p: &Publication, actor: &str) -> StoreResult<()>;
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

pub trait AuditLog: Send + Sync {
    fn audit(&self, actor: &str, action: &str, subject: &str, detail: &str) -> StoreResult<()>;
    /// Entries about `subject` (or all when `None`), newest last.
    fn audit_entries(&self, subject: Option<&str>, limit: u32) -> StoreResult<Vec<AuditEntry>>;
}

/// Everything the server needs from storage.
pub trait Store: ComplaintStore + RegistryStore + AuditLog {}
impl<T: ComplaintStore + RegistryStore + AuditLog> Store for T {}

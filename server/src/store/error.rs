//! The one error type of every storage trait, apart from the traits so each trait's file can name it without
//! depending on the others.

use koltrust::complaint::ComplaintStatus;

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
    /// Another writer got there first (a publication sequence already taken): retrying may succeed.
    Conflict(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Backend(e) => write!(f, "storage: {e}"),
            StoreError::NotFound => f.write_str("not found"),
            StoreError::InvalidTransition { from, to } => {
                write!(f, "cannot move a complaint from {} to {}", from.as_str(), to.as_str())
            }
            StoreError::Invalid(e) | StoreError::Conflict(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for StoreError {}

pub type StoreResult<T> = Result<T, StoreError>;

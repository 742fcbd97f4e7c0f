//! The complaint intake writer: **group commit**. Handlers send each validated complaint to one writer thread and
//! wait; the thread takes everything queued (up to [`MAX_BATCH`]), inserts it in one transaction, commits (one
//! fsync, `synchronous=FULL`), and only then answers every waiting handler. Under load, one disk flush acknowledges
//! dozens of complaints, so throughput follows the disk's flush rate × batch size rather than the flush rate alone;
//! at low load a batch is one complaint and latency is one flush.
//!
//! The writer works through the [`ComplaintStore`] trait, so it is the same for any backend. A backend that commits
//! transactions in parallel ([`ComplaintStore::writers`] > 1: PostgreSQL) gets several writer threads, each
//! taking the next batch while the others commit. When every sender is
//! dropped (graceful shutdown) the thread finishes the queue and exits; [`Intake::close`] waits for it.

use crate::metrics::{Histogram, BATCH};
use crate::store::{ComplaintStore, Inserted, NewComplaint, StoreError};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tokio::sync::{mpsc, oneshot};

pub const MAX_BATCH: usize = 512;
const QUEUE: usize = 8192;

type Reply = oneshot::Sender<Result<Inserted, String>>;

pub struct Intake {
    tx: Mutex<Option<mpsc::Sender<(NewComplaint, Reply)>>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    /// Whether the last batch committed (true until one fails): `/v1/health` reports a failing store with it.
    writes_ok: Arc<AtomicBool>,
    /// Complaints per commit, for `/metrics`.
    batch_sizes: Arc<Histogram>,
    /// Batches the store refused, for `/metrics`.
    failed_batches: Arc<AtomicU64>,
}

type Queue = Arc<Mutex<mpsc::Receiver<(NewComplaint, Reply)>>>;

/// Waits for the next submission and takes it with everything queued behind it (up to [`MAX_BATCH`]). False when
/// every sender is gone and the queue is empty (shutdown).
fn take_batch(rx: &Queue, batch: &mut Vec<NewComplaint>, replies: &mut Vec<Reply>) -> bool {
    let mut rx = rx.lock().unwrap_or_else(|p| p.into_inner());
    let Some((c, r)) = rx.blocking_recv() else {
        return false;
    };
    batch.push(c);
    replies.push(r);
    while batch.len() < MAX_BATCH {
        match rx.try_recv() {
            Ok((c, r)) => {
                batch.push(c);
                replies.push(r);
            }
            Err(_) => break,
        }
    }
    true
}

impl Intake {
    /// Starts the writer thread; fails only when the OS refuses a thread.
    pub fn start<S: ComplaintStore + ?Sized + 'static>(store: Arc<S>) -> std::io::Result<Intake> {
        let (tx, rx) = mpsc::channel::<(NewComplaint, Reply)>(QUEUE);
        let rx = Arc::new(Mutex::new(rx));
        let writes_ok = Arc::new(AtomicBool::new(true));
        let batch_sizes = Arc::new(Histogram::new(BATCH));
        let failed_batches = Arc::new(AtomicU64::new(0));
        let mut threads = Vec::new();
        for n in 0..store.writers().max(1) {
            let (store, rx) = (store.clone(), rx.clone());
            let (last_write, sizes, failures) = (writes_ok.clone(), batch_sizes.clone(), failed_batches.clone());
            threads.push(
                std::thread::Builder::new()
                    .name(format!("koltrust-intake-{n}"))
                    .spawn(move || {
                        let mut batch = Vec::with_capacity(MAX_BATCH);
                        let mut replies = Vec::with_capacity(MAX_BATCH);
                        // One writer takes a batch while the others commit theirs: with a database that commits
                        // transactions in parallel (PostgreSQL), a submission waits for one commit, not two.
                        while take_batch(&rx, &mut batch, &mut replies) {
                            let result = store.insert_batch(&batch);
                            last_write.store(result.is_ok(), Ordering::Relaxed);
                            sizes.observe(batch.len() as f64);
                            if result.is_err() {
                                failures.fetch_add(1, Ordering::Relaxed);
                            }
                            match result {
                                Ok(inserted) => {
                                    for (r, i) in replies.drain(..).zip(inserted) {
                                        let _ = r.send(Ok(i));
                                    }
                                }
                                Err(e) => {
                                    tracing::error!(error = %e, batch = batch.len(), "complaint batch not committed");
                                    for r in replies.drain(..) {
                                        let _ = r.send(Err(e.to_string()));
                                    }
                                }
                            }
                            batch.clear();
                            replies.clear();
                        }
                    })?,
            );
        }
        Ok(Intake {
            tx: Mutex::new(Some(tx)),
            threads: Mutex::new(threads),
            writes_ok,
            batch_sizes,
            failed_batches,
        })
    }

    /// Complaints queued for the writer and not yet taken into a batch.
    pub fn queue_depth(&self) -> usize {
        self.tx
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|tx| tx.max_capacity() - tx.capacity())
            .unwrap_or(0)
    }

    /// Complaints per commit so far.
    pub fn batch_sizes(&self) -> &Histogram {
        &self.batch_sizes
    }

    /// Batches the store did not commit so far.
    pub fn failed_batches(&self) -> u64 {
        self.failed_batches.load(Ordering::Relaxed)
    }

    /// False when the last batch of complaints could not be committed (disk full, read-only, database gone), until
    /// one commits again.
    pub fn writes_ok(&self) -> bool {
        self.writes_ok.load(Ordering::Relaxed)
    }

    /// Queues a complaint and waits until it is durably stored (or refused).
    pub async fn submit(&self, c: NewComplaint) -> Result<Inserted, StoreError> {
        let tx = self.tx.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let tx = tx.ok_or_else(|| StoreError::Backend("intake closed".into()))?;
        let (rtx, rrx) = oneshot::channel();
        tx.send((c, rtx))
            .await
            .map_err(|_| StoreError::Backend("intake closed".into()))?;
        drop(tx);
        rrx.await
            .map_err(|_| StoreError::Backend("intake stopped".into()))?
            .map_err(StoreError::Backend)
    }

    /// Stops accepting, lets the writer finish what is queued, and waits for it.
    pub fn close(&self) {
        self.tx.lock().unwrap_or_else(|p| p.into_inner()).take();
        let threads = std::mem::take(&mut *self.threads.lock().unwrap_or_else(|p| p.into_inner()));
        for t in threads {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AccountCount, ComplaintSummary, ListFilter, StatusView, StoreResult, StoredComplaint};
    use koltrust::complaint::model::{ComplaintSubmission, ProfileRef};
    use koltrust::complaint::{validate, ComplaintStatus};
    use std::sync::atomic::AtomicBool;

    /// A store whose commits fail while `failing` is set (a full or read-only disk); nothing else is asked of it.
    struct FlakyStore {
        failing: AtomicBool,
    }

    impl ComplaintStore for FlakyStore {
        fn insert_batch(&self, batch: &[NewComplaint]) -> StoreResult<Vec<Inserted>> {
            if self.failing.load(Ordering::Relaxed) {
                return Err(StoreError::Backend("disk I/O error".into()));
            }
            Ok(batch
                .iter()
                .map(|c| Inserted {
                    receipt: c.receipt.clone(),
                    status: ComplaintStatus::Received,
                    received_ms: c.received_ms,
                    duplicate: false,
                })
                .collect())
        }
        fn status(&self, _: &str) -> StoreResult<Option<StatusView>> {
            unreachable!()
        }
        fn get(&self, _: &str) -> StoreResult<Option<StoredComplaint>> {
            unreachable!()
        }
        fn list(&self, _: &ListFilter) -> StoreResult<Vec<ComplaintSummary>> {
            unreachable!()
        }
        fn for_each(
            &self,
            _: Option<ComplaintStatus>,
            _: &mut dyn FnMut(StoredComplaint) -> StoreResult<()>,
        ) -> StoreResult<()> {
            unreachable!()
        }
        fn set_status_with_reply(
            &self,
            _: &str,
            _: ComplaintStatus,
            _: &str,
            _: &str,
            _: &str,
        ) -> StoreResult<StatusView> {
            unreachable!()
        }
        fn counts_by_account(&self) -> StoreResult<Vec<AccountCount>> {
            unreachable!()
        }
        fn count(&self) -> StoreResult<u64> {
            unreachable!()
        }
    }

    fn complaint(id: &str) -> NewComplaint {
        let submission = ComplaintSubmission {
            id: id.into(),
            profile: ProfileRef {
                platform: "tiktok".into(),
                id_type: "handle".into(),
                account_id: "lan.review.demo0".into(),
                url: None,
            },
            category: "misleading_claim".into(),
            note: "Quảng cáo sai".into(),
            locale: "vi".into(),
            created: 1_764_374_400_000,
            ..Default::default()
        };
        NewComplaint {
            complaint: validate(&submission).expect("a valid complaint"),
            receipt: format!("R-{id}"),
            received_ms: 1_764_374_400_000,
        }
    }

    #[tokio::test]
    async fn a_failed_commit_is_reported_until_one_succeeds() {
        let store = Arc::new(FlakyStore {
            failing: AtomicBool::new(false),
        });
        let intake = Intake::start(store.clone()).expect("a writer thread");
        assert!(intake.writes_ok());
        store.failing.store(true, Ordering::Relaxed);
        assert!(intake.submit(complaint("5f0c3a2e-0001")).await.is_err());
        assert!(!intake.writes_ok(), "health must see the failing store");
        store.failing.store(false, Ordering::Relaxed);
        assert!(intake.submit(complaint("5f0c3a2e-0002")).await.is_ok());
        assert!(intake.writes_ok());
        intake.close();
    }
}

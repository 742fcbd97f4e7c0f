//! The complaint intake writer: **group commit**. Handlers send each validated complaint to one writer thread and
//! wait; the thread takes everything queued (up to [`MAX_BATCH`]), inserts it in one transaction, commits (one
//! fsync, `synchronous=FULL`), and only then answers every waiting handler. Under load, one disk flush acknowledges
//! dozens of complaints, so throughput follows the disk's flush rate × batch size rather than the flush rate alone;
//! at low load a batch is one complaint and latency is one flush.
//!
//! The writer works through the [`ComplaintStore`] trait, so it is the same for any backend. When every sender is
//! dropped (graceful shutdown) the thread finishes the queue and exits; [`Intake::close`] waits for it.

use crate::store::{ComplaintStore, Inserted, NewComplaint, StoreError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tokio::sync::{mpsc, oneshot};

pub const MAX_BATCH: usize = 512;
const QUEUE: usize = 8192;

type Reply = oneshot::Sender<Result<Inserted, String>>;

pub struct Intake {
    tx: Mutex<Option<mpsc::Sender<(NewComplaint, Reply)>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Intake {
    /// Starts the writer thread; fails only when the OS refuses a thread.
    pub fn start(store: Arc<dyn ComplaintStore>) -> std::io::Result<Intake> {
        let (tx, mut rx) = mpsc::channel::<(NewComplaint, Reply)>(QUEUE);
        let thread = std::thread::Builder::new()
            .name("koltrust-intake".into())
            .spawn(move || {
                let mut batch = Vec::with_capacity(MAX_BATCH);
                let mut replies = Vec::with_capacity(MAX_BATCH);
                while let Some((c, r)) = rx.blocking_recv() {
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
                    let result = store.insert_batch(&batch);
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
            })?;
        Ok(Intake {
            tx: Mutex::new(Some(tx)),
            thread: Mutex::new(Some(thread)),
        })
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
        if let Some(t) = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = t.join();
        }
    }
}

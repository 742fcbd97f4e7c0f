//! Publishing the registry: the records in the database (plus live complaint statistics) → a signed snapshot with
//! the next sequence, signed deltas from the last K sequences, the public keys and a signed manifest — all written
//! as static files under `<data>/public/` (see [`crate::datadir`]), so any static host or CDN can serve them.
//!
//! ## Manifest (`GET /v1/registry/manifest`)
//! A JSON **envelope** whose `manifest` member is a string holding the manifest JSON; `signature` is the Ed25519
//! signature (hex) over exactly the UTF-8 bytes of that string, by the key `key_id` (the registry key, see
//! `koltrust::registry::keys`). Verify the signature *before* parsing the inner JSON.
//! ```json
//! {"manifest": "{\"format\":\"koltrust-manifest/1\",\"sequence\":3,…}", "key_id": "1a2b…", "signature": "9f…"}
//! ```
//! Inner manifest:
//! ```json
//! {"format": "koltrust-manifest/1", "sequence": 3, "issued": 1764374400, "expires": 1764979200,
//!  "key_id": "1a2b3c4d5e6f7a8b", "records": 100, "accounts": 318,
//!  "snapshot": {"path": "snapshots/3.bin", "sha256": "…", "bytes": 21000},
//!  "deltas": [{"from": 2, "to": 3, "path": "deltas/2-3.bin", "sha256": "…", "bytes": 900}, …]}
//! ```
//! Paths are relative to the manifest's URL. A client holding sequence `h` takes the delta `h → sequence` if
//! listed, else the snapshot; either way it checks the SHA-256, then the snapshot's own signature and rollback rule
//! (`Registry::open` with `held = h`). The manifest's signature only adds freshness and location; the snapshot's
//! signature remains what makes registry data authoritative.
//!
//! ## Where the files live
//! A publication's files are stored **in the database** with it, in the transaction that claims its sequence, then
//! copied to `<data>/public/` ([`crate::mirror`]). Every other instance on the same database copies them to its own
//! folder within a second ([`crate::mirror::follow`]); `koltrust registry publish --out DIR` copies them anywhere.
//!
//! ## Complaint statistics
//! Each record's published `complaints` = the counts in its source (imported history) + the complaints this server
//! holds about any of its accounts **that a moderator has triaged**: `received` = every complaint accepted for
//! review (reviewing, forwarded, upheld, rejected), `upheld`, `rejected`, and `pending` = reviewing + forwarded.
//! Submissions still in `received` are not published: anyone can submit, so counting them would let a spammer
//! within the rate limits set the figures every card shows.

use crate::datadir::DataDir;
use crate::store::{AccountCount, Publication, PublishedFile, Store, StoreError};
use ed25519_dalek::Signer;
use koltrust::complaint::ComplaintStatus;
use koltrust::platform::AccountKey;
use koltrust::registry::delta::make_delta;
use koltrust::registry::keys::{signing_key_id, to_hex};
use koltrust::registry::snapshot::sha256_hex;
use koltrust::registry::{build_snapshot, Record, SnapshotMeta};
use serde_json::json;
use std::collections::HashMap;
use std::fs;

#[derive(Clone, Copy, Debug)]
pub struct PublishOptions {
    /// Deltas are made from each of the last `keep` sequences; older files are removed.
    pub keep: usize,
    /// Days until the snapshot is stale.
    pub valid_days: u32,
    /// Issue time, Unix seconds.
    pub now_unix: i64,
}

impl Default for PublishOptions {
    fn default() -> Self {
        PublishOptions {
            keep: 5,
            valid_days: 7,
            now_unix: crate::clock::now_ms() / 1000,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Published {
    pub publication: Publication,
    /// `(from, to, bytes)` of every delta written.
    pub deltas: Vec<(u64, u64, u64)>,
}

/// Adds the server's triaged complaint counts to each record's statistics (see the module docs).
pub fn apply_complaint_stats(records: &mut [Record], counts: &[AccountCount]) {
    let mut owner: HashMap<&AccountKey, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        for a in &r.accounts {
            owner.insert(a, i);
        }
    }
    let mut add: Vec<(usize, ComplaintStatus, u32)> = Vec::new();
    for c in counts {
        // Untriaged submissions are not published: anyone can submit, and the figures must be the Alliance's.
        if c.status == ComplaintStatus::Received {
            continue;
        }
        if let Some(&i) = owner.get(&c.account) {
            add.push((i, c.status, c.count));
        }
    }
    for (i, status, n) in add {
        let s = &mut records[i].complaints;
        s.received += n;
        match status {
            ComplaintStatus::Upheld => s.upheld += n,
            ComplaintStatus::Rejected => s.rejected += n,
            _ => s.pending += n,
        }
    }
}

fn file_entry(path: String, bytes: &[u8]) -> serde_json::Value {
    json!({"path": path, "sha256": sha256_hex(bytes), "bytes": bytes.len()})
}

/// How many times [`publish`] takes the next number when another publisher (another instance, the CLI) claimed
/// the one it had signed.
const PUBLISH_ATTEMPTS: u32 = 5;

/// Signs a new sequence from the database, stores it with its files in one transaction (the sequence is claimed
/// there: see [`crate::store::RegistryStore::add_publication`]), then writes the files under the data folder's
/// `public/` ([`crate::mirror`]). `actor` goes to the audit log. When another publisher took the number first, signs
/// again with the next one.
pub fn publish(dir: &DataDir, store: &dyn Store, actor: &str, opts: PublishOptions) -> Result<Published, String> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match publish_once(dir, store, actor, opts) {
            Err(Attempt::Taken(e)) if attempt < PUBLISH_ATTEMPTS => {
                tracing::info!(error = %e, "publication sequence taken by another publisher; signing the next one");
            }
            Err(Attempt::Taken(e)) | Err(Attempt::Failed(e)) => return Err(e),
            Ok(p) => return Ok(p),
        }
    }
}

enum Attempt {
    /// Another publisher claimed the sequence: worth another try.
    Taken(String),
    Failed(String),
}

impl From<String> for Attempt {
    fn from(e: String) -> Self {
        Attempt::Failed(e)
    }
}

/// The previous snapshot `from`, from the database, else (a publication made before files were stored there) from
/// the data folder.
fn old_snapshot(dir: &DataDir, store: &dyn Store, from: u64) -> Result<Option<Vec<u8>>, String> {
    let path = format!("snapshots/{from}.bin");
    match store.publication_file(from, &path).map_err(|e| e.to_string())? {
        Some(b) => Ok(Some(b)),
        None => Ok(fs::read(dir.snapshot_path(from)).ok()),
    }
}

fn publish_once(dir: &DataDir, store: &dyn Store, actor: &str, opts: PublishOptions) -> Result<Published, Attempt> {
    let key = dir.signing_key()?;
    let key_id = signing_key_id(&key).to_string();
    let mut records = store.records().map_err(|e| e.to_string())?;
    if records.is_empty() {
        return Err(Attempt::Failed(
            "the registry is empty: import records first (koltrust registry import)".into(),
        ));
    }
    let counts = store.counts_by_account().map_err(|e| e.to_string())?;
    apply_complaint_stats(&mut records, &counts);
    let last = store
        .publications(1)
        .map_err(|e| e.to_string())?
        .first()
        .map(|p| p.sequence);
    let sequence = last.unwrap_or(0) + 1;
    let meta = SnapshotMeta {
        sequence,
        issued_unix: opts.now_unix,
        expires_unix: opts.now_unix + opts.valid_days as i64 * 86_400,
    };
    let snapshot = build_snapshot(&records, &meta, &key).map_err(|e| e.to_string())?;
    let mut files = vec![PublishedFile {
        path: format!("snapshots/{sequence}.bin"),
        bytes: snapshot.clone(),
    }];

    // Deltas from the last `keep` sequences whose snapshots are still stored.
    let mut deltas = Vec::new();
    let mut delta_entries = Vec::new();
    let first_kept = sequence.saturating_sub(opts.keep as u64).max(1);
    for from in (first_kept..sequence).rev() {
        let Some(old) = old_snapshot(dir, store, from)? else {
            continue;
        };
        let d = make_delta(&old, &snapshot, &key).map_err(|e| e.to_string())?;
        deltas.push((from, sequence, d.len() as u64));
        let path = format!("deltas/{from}-{sequence}.bin");
        let mut e = file_entry(path.clone(), &d);
        e["from"] = json!(from);
        e["to"] = json!(sequence);
        delta_entries.push(e);
        files.push(PublishedFile { path, bytes: d });
    }

    let (public_hex, _) = dir.public_key()?;
    let keys = json!({"keys": [{"key_id": key_id, "algorithm": "ed25519", "public_key": public_hex}]});
    files.push(PublishedFile {
        path: "keys".into(),
        bytes: format!("{keys}\n").into_bytes(),
    });

    let accounts: usize = records.iter().map(|r| r.accounts.len()).sum();
    let manifest = json!({
        "format": "koltrust-manifest/1",
        "sequence": sequence,
        "issued": meta.issued_unix,
        "expires": meta.expires_unix,
        "key_id": key_id,
        "records": records.len(),
        "accounts": accounts,
        "snapshot": file_entry(format!("snapshots/{sequence}.bin"), &snapshot),
        "deltas": delta_entries,
    })
    .to_string();
    let signature = to_hex(&key.sign(manifest.as_bytes()).to_bytes());
    let envelope = json!({"manifest": manifest, "key_id": key_id, "signature": signature});
    files.push(PublishedFile {
        path: "manifest".into(),
        bytes: format!("{envelope}\n").into_bytes(),
    });
    let publication = Publication {
        sequence,
        issued: meta.issued_unix,
        expires: meta.expires_unix,
        sha256: sha256_hex(&snapshot),
        bytes: snapshot.len() as u64,
        records: records.len() as u32,
        accounts: accounts as u32,
        published_ms: crate::clock::now_ms(),
    };
    // The database first: the sequence is claimed there, with its files, or not at all. Then the files on disk,
    // the manifest last, so clients never see a sequence whose files are missing.
    match store.add_publication(&publication, &files, first_kept, actor) {
        Ok(()) => {}
        Err(StoreError::Conflict(e)) => return Err(Attempt::Taken(e)),
        Err(e) => return Err(Attempt::Failed(e.to_string())),
    }
    crate::mirror::write_tree(&dir.registry_dir(), sequence, &files)?;
    crate::mirror::prune(&dir.registry_dir(), first_kept);
    tracing::info!(
        sequence,
        records = records.len(),
        accounts,
        deltas = deltas.len(),
        "registry published"
    );
    Ok(Published { publication, deltas })
}

#[cfg(test)]
mod tests {
    use super::*;
    use koltrust::platform::{IdType, Platform};
    use koltrust::registry::sample::{generate, SampleSpec};
    use koltrust::registry::Date;

    #[test]
    fn complaint_counts_flow_into_records() {
        let mut recs = generate(SampleSpec {
            records: 3,
            seed: 1,
            today: Date::parse("2026-01-01").unwrap(),
        });
        let before = recs[1].complaints;
        let acc = recs[1].accounts[0].clone();
        let counts = [
            AccountCount {
                account: acc.clone(),
                status: ComplaintStatus::Received,
                count: 2,
            },
            AccountCount {
                account: acc,
                status: ComplaintStatus::Upheld,
                count: 1,
            },
            AccountCount {
                account: AccountKey::new(Platform::Tiktok, IdType::Handle, "nobody.demo"),
                status: ComplaintStatus::Upheld,
                count: 9,
            },
        ];
        apply_complaint_stats(&mut recs, &counts);
        let after = recs[1].complaints;
        // The two untriaged (`received`) complaints are not published; the upheld one is.
        assert_eq!(after.received, before.received + 1);
        assert_eq!(after.upheld, before.upheld + 1);
        assert_eq!(after.pending, before.pending);
        assert_eq!(after.received, after.upheld + after.rejected + after.pending);
    }
}

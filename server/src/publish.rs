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
//! ## Complaint statistics
//! Each record's published `complaints` = the counts in its source (imported history) + the complaints this server
//! holds about any of its accounts **that a moderator has triaged**: `received` = every complaint accepted for
//! review (reviewing, forwarded, upheld, rejected), `upheld`, `rejected`, and `pending` = reviewing + forwarded.
//! Submissions still in `received` are not published: anyone can submit, so counting them would let a spammer
//! within the rate limits set the figures every card shows.

use crate::datadir::{write_atomic, write_new, DataDir};
use crate::store::{AccountCount, Publication, Store};
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

/// Signs a new sequence from the database and writes every file. `actor` goes to the audit log.
pub fn publish(dir: &DataDir, store: &dyn Store, actor: &str, opts: PublishOptions) -> Result<Published, String> {
    let key = dir.signing_key()?;
    let key_id = signing_key_id(&key).to_string();
    let mut records = store.records().map_err(|e| e.to_string())?;
    if records.is_empty() {
        return Err("the registry is empty: import records first (koltrust registry import)".into());
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
    write_new(&dir.snapshot_path(sequence), &snapshot)?;

    // Deltas from the last `keep` sequences whose snapshots are still on disk.
    let mut deltas = Vec::new();
    let mut delta_entries = Vec::new();
    let first_kept = sequence.saturating_sub(opts.keep as u64).max(1);
    for from in (first_kept..sequence).rev() {
        let Ok(old) = fs::read(dir.snapshot_path(from)) else {
            continue;
        };
        let d = make_delta(&old, &snapshot, &key).map_err(|e| e.to_string())?;
        write_new(&dir.delta_path(from, sequence), &d)?;
        deltas.push((from, sequence, d.len() as u64));
        let mut e = file_entry(format!("deltas/{from}-{sequence}.bin"), &d);
        e["from"] = json!(from);
        e["to"] = json!(sequence);
        delta_entries.push(e);
    }
    prune(dir, first_kept);

    let (public_hex, _) = dir.public_key()?;
    let keys = json!({"keys": [{"key_id": key_id, "algorithm": "ed25519", "public_key": public_hex}]});
    write_atomic(&dir.keys_path(), format!("{keys}\n").as_bytes())?;

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
    // Recorded first, so two concurrent publishers cannot both claim the sequence; the manifest is the last file
    // written, so clients never see a sequence whose files are missing.
    store.add_publication(&publication, actor).map_err(|e| e.to_string())?;
    write_atomic(&dir.manifest_path(), format!("{envelope}\n").as_bytes())?;
    tracing::info!(
        sequence,
        records = records.len(),
        accounts,
        deltas = deltas.len(),
        "registry published"
    );
    Ok(Published { publication, deltas })
}

/// Removes snapshots older than `first_kept` and deltas leading to them.
fn prune(dir: &DataDir, first_kept: u64) {
    let num = |name: &str| name.strip_suffix(".bin").map(str::to_string);
    if let Ok(entries) = fs::read_dir(dir.registry_dir().join("snapshots")) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if num(&name)
                .and_then(|n| n.parse::<u64>().ok())
                .is_some_and(|s| s < first_kept)
            {
                let _ = fs::remove_file(e.path());
            }
        }
    }
    if let Ok(entries) = fs::read_dir(dir.registry_dir().join("deltas")) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let to = num(&name).and_then(|n| n.split_once('-').and_then(|(_, t)| t.parse::<u64>().ok()));
            if to.is_some_and(|t| t <= first_kept) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
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

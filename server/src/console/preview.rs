//! What publishing now would change: the records as the next snapshot would hold them (built and signed exactly as
//! `crate::publish` does, then read back by the core's reader) against the last published snapshot read the same
//! way — records added, changed and removed, sanctions starting and ending (in effect today but not on the last
//! publication's day, or the reverse), and the sizes of the full snapshot and of the delta from the last sequence.
//! Nothing is stored or written: the signed bytes are dropped.

use crate::datadir::DataDir;
use crate::publish::apply_complaint_stats;
use crate::store::Store;
use koltrust::registry::delta::make_delta;
use koltrust::registry::reader::Registry;
use koltrust::registry::{build_snapshot, Date, KeySet, Record, Sanction, SnapshotMeta};
use serde::Serialize;
use std::collections::BTreeMap;

/// One record named in the preview.
#[derive(Clone, Debug, Serialize)]
pub struct RecordLine {
    pub id: String,
    pub name: String,
    /// For a changed record: the fields that differ (`sanctions`, `certification`, `complaints`…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<&'static str>,
}

/// One sanction starting or ending.
#[derive(Clone, Debug, Serialize)]
pub struct SanctionLine {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub decision: String,
    pub authority: String,
    pub effective_from: String,
    pub effective_until: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Preview {
    pub last_sequence: Option<u64>,
    pub next_sequence: u64,
    pub records: usize,
    pub accounts: usize,
    pub added: Vec<RecordLine>,
    pub changed: Vec<RecordLine>,
    pub removed: Vec<RecordLine>,
    pub sanctions_starting: Vec<SanctionLine>,
    pub sanctions_ending: Vec<SanctionLine>,
    pub snapshot_bytes: u64,
    /// Bytes of the delta from the last sequence (`None`: no previous snapshot to diff against).
    pub delta_bytes: Option<u64>,
}

fn read_all(bytes: Vec<u8>, keys: &KeySet, now_unix: i64) -> Result<Vec<Record>, String> {
    let reg = Registry::open(bytes, keys, None, now_unix).map_err(|e| e.to_string())?;
    (0..reg.record_count())
        .map(|i| reg.record(i).map_err(|e| e.to_string()))
        .collect()
}

fn differing(a: &Record, b: &Record) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |name: &'static str, same: bool| {
        if !same {
            out.push(name);
        }
    };
    check("name", a.name == b.name);
    check("aliases", a.aliases == b.aliases);
    check("accounts", a.accounts == b.accounts);
    check("categories", a.categories == b.categories);
    check("certification", a.certification == b.certification);
    check("sanctions", a.sanctions == b.sanctions);
    check("complaints", a.complaints == b.complaints);
    check("updated", a.updated == b.updated);
    if out.is_empty() && a != b {
        out.push("other");
    }
    out
}

fn same_decision(a: &Sanction, b: &Sanction) -> bool {
    a.kind == b.kind && a.decision == b.decision && a.authority == b.authority
}

fn sanction_line(r: &Record, s: &Sanction) -> SanctionLine {
    SanctionLine {
        id: r.id.clone(),
        name: r.name.clone(),
        kind: s.kind.as_str(),
        decision: s.decision.clone(),
        authority: s.authority.clone(),
        effective_from: s.effective_from.to_string(),
        effective_until: s.effective_until.map(|d| d.to_string()),
    }
}

fn line(r: &Record, fields: Vec<&'static str>) -> RecordLine {
    RecordLine {
        id: r.id.clone(),
        name: r.name.clone(),
        fields,
    }
}

/// The preview of publishing at `now_unix` (see the module docs).
pub fn preview(dir: &DataDir, store: &dyn Store, now_unix: i64) -> Result<Preview, String> {
    let key = dir.signing_key()?;
    let keys = KeySet::single(key.verifying_key().to_bytes()).ok_or("the signing key has no valid public key")?;
    let mut records = store.records().map_err(|e| e.to_string())?;
    if records.is_empty() {
        return Err("the registry is empty / sổ đăng ký trống".into());
    }
    let counts = store.counts_by_account().map_err(|e| e.to_string())?;
    apply_complaint_stats(&mut records, &counts);
    let last = store.publications(1).map_err(|e| e.to_string())?.into_iter().next();
    let next_sequence = last.as_ref().map_or(0, |p| p.sequence) + 1;
    let meta = SnapshotMeta {
        sequence: next_sequence,
        issued_unix: now_unix,
        expires_unix: now_unix + 7 * 86_400,
    };
    let snapshot = build_snapshot(&records, &meta, &key).map_err(|e| e.to_string())?;
    let accounts = records.iter().map(|r| r.accounts.len()).sum();
    let new = read_all(snapshot.clone(), &keys, now_unix)?;

    let old_bytes = match &last {
        Some(p) => {
            let path = format!("snapshots/{}.bin", p.sequence);
            match store.publication_file(p.sequence, &path).map_err(|e| e.to_string())? {
                Some(b) => Some(b),
                None => std::fs::read(dir.snapshot_path(p.sequence)).ok(),
            }
        }
        None => None,
    };
    let (old, delta_bytes) = match &old_bytes {
        Some(b) => (
            read_all(b.clone(), &keys, now_unix)?,
            Some(make_delta(b, &snapshot, &key).map_err(|e| e.to_string())?.len() as u64),
        ),
        None => (Vec::new(), None),
    };
    let today = Date::from_unix_vn(now_unix);
    let then = last.as_ref().map_or(today, |p| Date::from_unix_vn(p.issued));

    let old_by_id: BTreeMap<&str, &Record> = old.iter().map(|r| (r.id.as_str(), r)).collect();
    let new_by_id: BTreeMap<&str, &Record> = new.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut p = Preview {
        last_sequence: last.as_ref().map(|p| p.sequence),
        next_sequence,
        records: records.len(),
        accounts,
        added: Vec::new(),
        changed: Vec::new(),
        removed: Vec::new(),
        sanctions_starting: Vec::new(),
        sanctions_ending: Vec::new(),
        snapshot_bytes: snapshot.len() as u64,
        delta_bytes,
    };
    for (id, r) in &new_by_id {
        let before = old_by_id.get(id).copied();
        match before {
            None => p.added.push(line(r, Vec::new())),
            Some(o) if o != *r => p.changed.push(line(r, differing(o, r))),
            Some(_) => {}
        }
        for s in &r.sanctions {
            let was = before
                .and_then(|o| o.sanctions.iter().find(|x| same_decision(x, s)))
                .is_some_and(|x| x.is_active_on(then));
            let is = s.is_active_on(today);
            if is && !was {
                p.sanctions_starting.push(sanction_line(r, s));
            } else if was && !is {
                p.sanctions_ending.push(sanction_line(r, s));
            }
        }
        if let Some(o) = before {
            for s in &o.sanctions {
                if s.is_active_on(then) && !r.sanctions.iter().any(|x| same_decision(x, s)) {
                    p.sanctions_ending.push(sanction_line(r, s));
                }
            }
        }
    }
    for (id, r) in &old_by_id {
        if !new_by_id.contains_key(id) {
            p.removed.push(line(r, Vec::new()));
        }
    }
    Ok(p)
}

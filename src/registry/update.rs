//! Moving a reader from the snapshot it holds to the newest one the Alliance published: verify the signed manifest,
//! choose a delta or the full snapshot, check what was downloaded, and open the result — refusing rollbacks and
//! anything not signed by a pinned key. The glue only fetches bytes; every decision is here.
//!
//! ## The manifest (published by `koltrust serve`, format in `server/src/publish.rs`)
//! An envelope `{"manifest": "<JSON text>", "key_id": "<16 hex>", "signature": "<128 hex>"}`: Ed25519 over exactly
//! the bytes of the `manifest` string. The inner manifest names the latest `sequence`, its `snapshot`
//! `{path, sha256, bytes}` and `deltas` `[{from, to, path, sha256, bytes}]`, paths relative to the manifest's URL.
//! The wasm build has no JSON parser (size), so the glue parses the inner JSON into [`Manifest`] and hands the
//! core both the text (for the signature) and the parsed value; [`verify_manifest`] checks the signature over the
//! text, and [`Manifest::matches_text`] checks the parsed value came from that text's numbers.
//!
//! ## Flow
//! 1. [`verify_manifest`] — pinned key, valid signature, sane format; else an error, and the reader keeps what it has.
//! 2. [`plan_update`] — up to date (same sequence), a delta from the held sequence, or the full snapshot; a manifest
//!    older than what is held is a rollback and refused.
//! 3. [`apply_update`] — the download's SHA-256 must equal the manifest's; a delta is applied to the held bytes
//!    (its base hash is checked; on mismatch the glue falls back to the snapshot), and the result is opened with
//!    [`Registry::open`] with `held` = the current sequence: the snapshot's own signature and rollback rule decide.

use crate::registry::delta::apply_delta;
use crate::registry::keys::{from_hex, KeyId, KeySet};
use crate::registry::snapshot::sha256_hex;
use crate::registry::{Registry, SnapshotError};
use ed25519_dalek::Signature;
use serde::{Deserialize, Serialize};

/// The manifest format this reader understands: the inner manifest's `format` field must equal it exactly, or the
/// manifest is refused. The `/1` is the manifest's own version (independent of the snapshot and delta versions); a
/// server that changes the manifest's meaning publishes `koltrust-manifest/2`, which older readers refuse rather
/// than misread.
pub const MANIFEST_FORMAT: &str = "koltrust-manifest/1";

/// A file the manifest points to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// Path relative to the manifest's URL.
    pub path: String,
    /// SHA-256 of the file, lowercase hex (64 characters); the download must match it.
    pub sha256: String,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// A delta the manifest offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeltaRef {
    /// Sequence of the snapshot the delta applies to.
    pub from: u64,
    /// Sequence of the snapshot it produces.
    pub to: u64,
    /// Path relative to the manifest's URL.
    pub path: String,
    /// SHA-256 of the delta file, lowercase hex.
    pub sha256: String,
    /// Size of the delta file in bytes.
    pub bytes: u64,
}

/// The inner manifest (the fields a reader needs; others are ignored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The manifest format; must equal [`MANIFEST_FORMAT`].
    pub format: String,
    /// Sequence of the latest published snapshot.
    pub sequence: u64,
    /// Id of the signing key, 16 hex characters; must equal the envelope's `key_id`.
    pub key_id: String,
    /// The latest full snapshot.
    pub snapshot: FileRef,
    /// Deltas to the latest sequence from earlier ones (possibly none).
    #[serde(default)]
    pub deltas: Vec<DeltaRef>,
}

impl Manifest {
    /// Whether the parsed manifest plausibly came from `text`: its format, sequence and snapshot hash appear in it.
    /// (The glue parses; this guards against handing the core a value from another text.)
    pub fn matches_text(&self, text: &str) -> bool {
        text.contains(&format!("\"sequence\":{}", self.sequence))
            && text.contains(&self.snapshot.sha256)
            && text.contains(&self.format)
    }
}

/// What to download, if anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum UpdatePlan {
    /// The held snapshot is the latest.
    UpToDate {
        /// The sequence held, which is the manifest's.
        sequence: u64,
    },
    /// Download the delta at `path` and apply it to the held snapshot.
    Delta {
        /// Path of the delta, relative to the manifest's URL.
        path: String,
        /// SHA-256 the downloaded delta must have, lowercase hex.
        sha256: String,
        /// Sequence of the snapshot the delta produces.
        to: u64,
    },
    /// Download the full snapshot at `path`.
    Snapshot {
        /// Path of the snapshot, relative to the manifest's URL.
        path: String,
        /// SHA-256 the downloaded snapshot must have, lowercase hex.
        sha256: String,
        /// Sequence of that snapshot.
        to: u64,
    },
}

/// Checks the manifest envelope: the key is pinned, the signature over `text` is valid, the parsed manifest matches
/// the text and speaks a known format.
pub fn verify_manifest(
    text: &str,
    key_id_hex: &str,
    signature_hex: &str,
    parsed: &Manifest,
    keys: &KeySet,
) -> Result<(), SnapshotError> {
    let id = from_hex::<8>(key_id_hex).ok_or_else(|| SnapshotError::Corrupt("manifest key id is not 16 hex".into()))?;
    let key = keys
        .get(KeyId(id))
        .ok_or_else(|| SnapshotError::UnknownKey(key_id_hex.to_string()))?;
    let sig = from_hex::<64>(signature_hex)
        .ok_or_else(|| SnapshotError::Corrupt("manifest signature is not 128 hex".into()))?;
    key.verify_strict(text.as_bytes(), &Signature::from_bytes(&sig))
        .map_err(|_| SnapshotError::BadSignature)?;
    if parsed.format != MANIFEST_FORMAT {
        return Err(SnapshotError::Corrupt(format!(
            "manifest format {} is not {MANIFEST_FORMAT}",
            parsed.format
        )));
    }
    if !parsed.matches_text(text) || parsed.key_id != key_id_hex {
        return Err(SnapshotError::Corrupt(
            "parsed manifest does not match its signed text".into(),
        ));
    }
    Ok(())
}

/// Chooses the download that moves `held` to the manifest's sequence.
pub fn plan_update(manifest: &Manifest, held: u64) -> Result<UpdatePlan, SnapshotError> {
    if manifest.sequence < held {
        return Err(SnapshotError::Rollback {
            held,
            got: manifest.sequence,
        });
    }
    if manifest.sequence == held {
        return Ok(UpdatePlan::UpToDate { sequence: held });
    }
    if let Some(d) = manifest
        .deltas
        .iter()
        .find(|d| d.from == held && d.to == manifest.sequence)
    {
        return Ok(UpdatePlan::Delta {
            path: d.path.clone(),
            sha256: d.sha256.clone(),
            to: d.to,
        });
    }
    Ok(UpdatePlan::Snapshot {
        path: manifest.snapshot.path.clone(),
        sha256: manifest.snapshot.sha256.clone(),
        to: manifest.sequence,
    })
}

/// Checks a download against the plan and opens the new registry. `held` is the registry in use (its bytes are the
/// base of a delta, its sequence the rollback floor).
pub fn apply_update(
    held: &Registry,
    plan: &UpdatePlan,
    downloaded: &[u8],
    keys: &KeySet,
    now_unix: i64,
) -> Result<Registry, SnapshotError> {
    apply_download(Some(held), plan, downloaded, keys, now_unix)
}

/// [`apply_update`] for a reader that may hold nothing yet (a first download: the plan is the full snapshot, and
/// [`plan_update`] was asked with `held` = 0). A delta needs a held registry.
pub fn apply_download(
    held: Option<&Registry>,
    plan: &UpdatePlan,
    downloaded: &[u8],
    keys: &KeySet,
    now_unix: i64,
) -> Result<Registry, SnapshotError> {
    let (sha, to, is_delta) = match plan {
        UpdatePlan::UpToDate { .. } => return Err(SnapshotError::Corrupt("nothing to apply: up to date".into())),
        UpdatePlan::Delta { sha256, to, .. } => (sha256, *to, true),
        UpdatePlan::Snapshot { sha256, to, .. } => (sha256, *to, false),
    };
    if sha256_hex(downloaded) != *sha {
        return Err(SnapshotError::Corrupt(
            "download does not match the manifest's SHA-256".into(),
        ));
    }
    let bytes = match (is_delta, held) {
        (true, Some(held)) => apply_delta(&held.complete_bytes()?, downloaded, keys)?,
        (true, None) => return Err(SnapshotError::Corrupt("a delta needs a held snapshot".into())),
        (false, _) => downloaded.to_vec(),
    };
    let next = Registry::open(bytes, keys, held.map(Registry::sequence), now_unix)?;
    if next.sequence() != to {
        return Err(SnapshotError::Corrupt(format!(
            "the manifest promised sequence {to}, the file is {}",
            next.sequence()
        )));
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::delta::make_delta;
    use crate::registry::keys::{signing_key_id, to_hex};
    use crate::registry::{build_snapshot, SnapshotMeta};
    use crate::testing::{demo_records, test_key, test_keys, NOW};
    use ed25519_dalek::Signer;

    fn snapshot(seq: u64, extra: usize) -> Vec<u8> {
        let mut records = demo_records(NOW);
        records.extend(crate::testing::synthetic_records(
            extra,
            crate::registry::Date::from_unix_vn(NOW),
        ));
        let meta = SnapshotMeta {
            sequence: seq,
            issued_unix: NOW - 60,
            expires_unix: NOW + 7 * 86_400,
        };
        build_snapshot(&records, &meta, &test_key()).unwrap()
    }

    fn manifest_for(seq: u64, snap: &[u8], deltas: Vec<DeltaRef>) -> (String, Manifest) {
        let m = Manifest {
            format: MANIFEST_FORMAT.into(),
            sequence: seq,
            key_id: signing_key_id(&test_key()).to_string(),
            snapshot: FileRef {
                path: format!("snapshots/{seq}.bin"),
                sha256: sha256_hex(snap),
                bytes: snap.len() as u64,
            },
            deltas,
        };
        // The server writes compact JSON; any text holding these values verifies.
        let text = format!(
            "{{\"format\":\"{}\",\"sequence\":{},\"key_id\":\"{}\",\"snapshot\":{{\"sha256\":\"{}\"}}}}",
            m.format, m.sequence, m.key_id, m.snapshot.sha256
        );
        (text, m)
    }

    /// The manifest's entry for the delta 1 → 2.
    fn delta_1_2(delta: &[u8]) -> DeltaRef {
        DeltaRef {
            from: 1,
            to: 2,
            path: "deltas/1-2.bin".into(),
            sha256: sha256_hex(delta),
            bytes: delta.len() as u64,
        }
    }

    fn sign(text: &str) -> String {
        to_hex(&test_key().sign(text.as_bytes()).to_bytes())
    }

    #[test]
    fn delta_then_snapshot_then_up_to_date_and_rollback_refused() {
        let keys = test_keys();
        let (s1, s2, s3) = (snapshot(1, 3), snapshot(2, 5), snapshot(3, 8));
        let held = Registry::open(s1.clone(), &keys, None, NOW).unwrap();
        let d12 = make_delta(&s1, &s2, &test_key()).unwrap();
        let (text, m) = manifest_for(2, &s2, vec![delta_1_2(&d12)]);
        let key_id = m.key_id.clone();
        verify_manifest(&text, &key_id, &sign(&text), &m, &keys).unwrap();
        let plan = plan_update(&m, held.sequence()).unwrap();
        assert!(matches!(plan, UpdatePlan::Delta { to: 2, .. }));
        let r2 = apply_update(&held, &plan, &d12, &keys, NOW).unwrap();
        assert_eq!(r2.bytes(), &s2[..], "delta application yields exactly snapshot 2");

        // No delta from 2 to 3 offered: the full snapshot.
        let (text3, m3) = manifest_for(3, &s3, vec![]);
        verify_manifest(&text3, &key_id, &sign(&text3), &m3, &keys).unwrap();
        let plan = plan_update(&m3, 2).unwrap();
        assert!(matches!(plan, UpdatePlan::Snapshot { to: 3, .. }));
        let r3 = apply_update(&r2, &plan, &s3, &keys, NOW).unwrap();
        assert_eq!(r3.sequence(), 3);
        assert_eq!(plan_update(&m3, 3).unwrap(), UpdatePlan::UpToDate { sequence: 3 });
        // An old manifest replayed is a rollback.
        assert!(matches!(
            plan_update(&m, 3),
            Err(SnapshotError::Rollback { held: 3, got: 2 })
        ));
    }

    #[test]
    fn a_first_download_needs_the_full_snapshot() {
        let keys = test_keys();
        let (s1, s2) = (snapshot(1, 3), snapshot(2, 5));
        let d12 = make_delta(&s1, &s2, &test_key()).unwrap();
        let (_, m) = manifest_for(2, &s2, vec![delta_1_2(&d12)]);
        // Holding nothing (sequence 0), the plan is the snapshot, and it opens without a rollback floor.
        let plan = plan_update(&m, 0).unwrap();
        assert!(matches!(plan, UpdatePlan::Snapshot { to: 2, .. }));
        assert_eq!(apply_download(None, &plan, &s2, &keys, NOW).unwrap().sequence(), 2);
        // A delta cannot be applied to nothing.
        let delta_plan = UpdatePlan::Delta {
            path: "deltas/1-2.bin".into(),
            sha256: sha256_hex(&d12),
            to: 2,
        };
        assert!(matches!(
            apply_download(None, &delta_plan, &d12, &keys, NOW),
            Err(SnapshotError::Corrupt(_))
        ));
    }

    #[test]
    fn tampering_anywhere_is_refused() {
        let keys = test_keys();
        let (s1, s2) = (snapshot(1, 2), snapshot(2, 4));
        let held = Registry::open(s1, &keys, None, NOW).unwrap();
        let (text, m) = manifest_for(2, &s2, vec![]);
        let key_id = m.key_id.clone();
        let good_sig = sign(&text);
        // Signature over other text, unknown key, wrong format, parsed value from another text.
        assert!(verify_manifest(&text.replace(":2,", ":9,"), &key_id, &good_sig, &m, &keys).is_err());
        assert!(verify_manifest(&text, "0011223344556677", &good_sig, &m, &keys).is_err());
        let mut other = m.clone();
        other.sequence = 7;
        assert!(verify_manifest(&text, &key_id, &good_sig, &other, &keys).is_err());
        // A download that does not match the manifest's hash.
        let plan = plan_update(&m, 1).unwrap();
        let mut bad = s2.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(apply_update(&held, &plan, &bad, &keys, NOW).is_err());
        // A snapshot older than held, even correctly hashed and signed, is refused by the open rule.
        let old = snapshot(1, 1);
        let (_, m_old) = manifest_for(5, &old, vec![]);
        let plan = plan_update(&m_old, 2).unwrap();
        let r2 = apply_update(&held, &plan_update(&m, 1).unwrap(), &s2, &keys, NOW).unwrap();
        assert!(apply_update(&r2, &plan, &old, &keys, NOW).is_err());
    }

    #[test]
    fn a_delta_for_another_base_fails_so_the_glue_can_fall_back() {
        let keys = test_keys();
        let (a1, b1, s2) = (snapshot(1, 2), snapshot(1, 3), snapshot(2, 4));
        let held = Registry::open(a1, &keys, None, NOW).unwrap();
        let d = make_delta(&b1, &s2, &test_key()).unwrap();
        let plan = UpdatePlan::Delta {
            path: "deltas/1-2.bin".into(),
            sha256: sha256_hex(&d),
            to: 2,
        };
        assert_eq!(
            apply_update(&held, &plan, &d, &keys, NOW).err(),
            Some(SnapshotError::DeltaBaseMismatch)
        );
    }
}

//! Copies of the stored registry publications on disk: the static tree (`manifest`, `keys`, `snapshots/`,
//! `deltas/`) under a data folder's `public/v1/registry/`, or anywhere an operator wants it for a static host or CDN.
//!
//! The database holds every publication with its files ([`crate::store::RegistryStore::add_publication`]); these
//! folders are copies of the newest one. One copy is written by the publisher itself ([`write_tree`]), every other
//! server instance on the same database refreshes its own copy within [`FOLLOW_EVERY`] ([`follow`]), and
//! `koltrust registry publish --out DIR` writes one for a static host ([`export`]). Snapshots and deltas are
//! create-once files (a number never names two contents); the manifest is written last and never replaced by an
//! older sequence, so a reader never sees a manifest whose files are missing or a rollback.

use crate::datadir::{write_atomic, write_new};
use crate::store::{PublishedFile, Store};
use std::fs;
use std::path::Path;
use std::sync::Arc;

/// How often an instance checks the database for a publication made elsewhere.
pub const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Writes a publication's files into `registry_dir`: immutable files first (create-once), then the keys, then the
/// manifest — unless the manifest already there is of a later sequence.
pub fn write_tree(registry_dir: &Path, sequence: u64, files: &[PublishedFile]) -> Result<(), String> {
    for f in files.iter().filter(|f| f.path != "manifest" && f.path != "keys") {
        write_new(&registry_dir.join(&f.path), &f.bytes)?;
    }
    if let Some(keys) = files.iter().find(|f| f.path == "keys") {
        write_atomic(&registry_dir.join("keys"), &keys.bytes)?;
    }
    if let Some(manifest) = files.iter().find(|f| f.path == "manifest") {
        if local_sequence(registry_dir).is_none_or(|held| held < sequence) {
            write_atomic(&registry_dir.join("manifest"), &manifest.bytes)?;
        }
    }
    Ok(())
}

/// The sequence of the manifest in `registry_dir`, if one is there and readable.
pub fn local_sequence(registry_dir: &Path) -> Option<u64> {
    let text = fs::read_to_string(registry_dir.join("manifest")).ok()?;
    let envelope: serde_json::Value = serde_json::from_str(&text).ok()?;
    let inner: serde_json::Value = serde_json::from_str(envelope["manifest"].as_str()?).ok()?;
    inner["sequence"].as_u64()
}

/// The oldest sequence a publication's files still refer to (its deltas' sources), for [`prune`].
fn first_referenced(sequence: u64, files: &[PublishedFile]) -> u64 {
    files
        .iter()
        .filter_map(|f| f.path.strip_prefix("deltas/")?.split_once('-')?.0.parse::<u64>().ok())
        .min()
        .unwrap_or(sequence)
}

/// Brings `registry_dir` up to the newest publication in `store`. `Ok(Some(sequence))` when files were written,
/// `Ok(None)` when the folder was current (or the newest publication predates stored files: nothing to copy).
pub fn sync(store: &dyn Store, registry_dir: &Path) -> Result<Option<u64>, String> {
    let Some(latest) = store.publications(1).map_err(|e| e.to_string())?.into_iter().next() else {
        return Ok(None);
    };
    if local_sequence(registry_dir).is_some_and(|held| held >= latest.sequence) {
        return Ok(None);
    }
    let files = store.publication_files(latest.sequence).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Ok(None);
    }
    write_tree(registry_dir, latest.sequence, &files)?;
    prune(registry_dir, first_referenced(latest.sequence, &files));
    Ok(Some(latest.sequence))
}

/// `koltrust registry publish --out DIR`: the newest publication as a static tree under `DIR/v1/registry/` (the
/// same URLs as `koltrust serve`, so serving `DIR` at a site root is enough). Returns the sequence written.
pub fn export(store: &dyn Store, out: &Path) -> Result<u64, String> {
    let latest = store
        .publications(1)
        .map_err(|e| e.to_string())?
        .into_iter()
        .next()
        .ok_or("nothing published yet / chưa có bản phát hành nào")?;
    let files = store.publication_files(latest.sequence).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err(format!(
            "sequence {} was published before publications were stored in the database: publish once more / \
             hãy phát hành thêm một lần",
            latest.sequence
        ));
    }
    let dir = out.join("v1/registry");
    write_tree(&dir, latest.sequence, &files)?;
    prune(&dir, first_referenced(latest.sequence, &files));
    Ok(latest.sequence)
}

/// Follows publications made by other instances (or the CLI on another machine) for as long as the server runs.
pub async fn follow(store: Arc<dyn Store>, registry_dir: std::path::PathBuf) {
    let mut tick = tokio::time::interval(FOLLOW_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let (store, dir) = (store.clone(), registry_dir.clone());
        match tokio::task::spawn_blocking(move || sync(&*store, &dir)).await {
            Ok(Ok(Some(sequence))) => tracing::info!(sequence, "registry files updated from the database"),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "registry files could not be updated from the database"),
            Err(e) => tracing::warn!(error = %e, "registry follow task failed"),
        }
    }
}

/// Removes snapshots older than `first_kept` and deltas leading to them.
pub fn prune(registry_dir: &Path, first_kept: u64) {
    let num = |name: &str| name.strip_suffix(".bin").map(str::to_string);
    if let Ok(entries) = fs::read_dir(registry_dir.join("snapshots")) {
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
    if let Ok(entries) = fs::read_dir(registry_dir.join("deltas")) {
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

    fn file(path: &str, bytes: &[u8]) -> PublishedFile {
        PublishedFile {
            path: path.into(),
            bytes: bytes.to_vec(),
        }
    }

    fn manifest(seq: u64) -> PublishedFile {
        let inner = serde_json::json!({"sequence": seq}).to_string();
        file(
            "manifest",
            serde_json::json!({"manifest": inner}).to_string().as_bytes(),
        )
    }

    #[test]
    fn a_tree_never_rolls_back_nor_changes_a_numbered_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        write_tree(
            dir,
            2,
            &[file("snapshots/2.bin", b"two"), file("keys", b"k"), manifest(2)],
        )
        .unwrap();
        assert_eq!(local_sequence(dir), Some(2));
        // An older publication arriving late leaves the newer manifest in place.
        write_tree(dir, 1, &[file("snapshots/1.bin", b"one"), manifest(1)]).unwrap();
        assert_eq!(local_sequence(dir), Some(2));
        // The same number with other bytes is refused.
        let err = write_tree(dir, 2, &[file("snapshots/2.bin", b"other")]).unwrap_err();
        assert!(err.contains("refusing to overwrite"), "{err}");
        assert_eq!(
            first_referenced(5, &[file("deltas/3-5.bin", b""), file("deltas/4-5.bin", b"")]),
            3
        );
        assert_eq!(first_referenced(5, &[]), 5);
    }
}

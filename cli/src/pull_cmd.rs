//! `koltrust registry pull`: keeps a local snapshot file up to date from an Alliance server, the way the extension's
//! service worker does — and with the same core code. Businesses use it to vet with `koltrust vet` against the
//! newest signed registry; operators use it to mirror a server.
//!
//! This module is only the native glue: it fetches with **reqwest** (the Alliance API's HTTP client on native
//! builds; the extension's worker executes the same plan with the browser's `fetch`, see README "HTTP") and writes
//! files. Every decision is the core's ([`koltrust::registry::update`]): the manifest's signature against the pinned
//! keys, delta or full snapshot, the SHA-256 of each download, the snapshot's own signature and the rollback rule.
//! A delta that does not apply (another base) falls back to the full snapshot, as in the extension.
//!
//! Nothing is lost on failure: the new snapshot is written to a temporary file beside the target and renamed over
//! it only once it verified completely, so an interrupted or refused pull leaves the held file as it was.

use crate::common::{key_set, load_registry, parse_time};
use koltrust::registry::keys::KeySet;
use koltrust::registry::update::{apply_download, plan_update, verify_manifest, Manifest, UpdatePlan};
use koltrust::registry::Registry;
use std::fs;
use std::path::Path;
use std::time::Duration;

/// The envelope `GET /v1/registry/manifest` answers (format in `server/src/publish.rs`): the signed manifest text,
/// the signing key's id and the signature.
struct Envelope {
    manifest: String,
    key_id: String,
    signature: String,
}

impl Envelope {
    fn parse(body: &[u8]) -> Option<Envelope> {
        let v: serde_json::Value = serde_json::from_slice(body).ok()?;
        let field = |k: &str| v.get(k)?.as_str().map(str::to_string);
        Some(Envelope {
            manifest: field("manifest")?,
            key_id: field("key_id")?,
            signature: field("signature")?,
        })
    }
}

/// A pull's outcome, printed as one line.
enum Pulled {
    UpToDate(u64),
    Updated {
        from: Option<u64>,
        to: u64,
        how: &'static str,
        bytes: usize,
    },
}

pub fn pull(server: &str, pubkeys: &[String], out: &Path, now: Option<&str>) -> Result<(), String> {
    let now = parse_time(now)?;
    let keys = key_set(pubkeys)?;
    // What is held must verify with the same pinned keys: a file that does not is never silently replaced.
    let held = if out.exists() {
        Some(
            load_registry(out, pubkeys, None, now)
                .map_err(|e| format!("{e} (the held snapshot does not verify; move it away to pull a fresh copy)"))?,
        )
    } else {
        None
    };
    let base = manifest_url(server)?;
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("koltrust-cli/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))?;
    match update(&http, &base, held.as_ref(), &keys, now, out)? {
        Pulled::UpToDate(seq) => println!("up to date: sequence {seq} ({})", out.display()),
        Pulled::Updated { from, to, how, bytes } => {
            let from = from.map_or_else(|| "nothing".to_string(), |s| format!("sequence {s}"));
            println!(
                "updated: {from} → sequence {to} by {how} ({bytes} bytes downloaded) → {}",
                out.display()
            );
        }
    }
    Ok(())
}

/// `<server>/v1/registry/manifest`, from a server's base URL (with or without the trailing slash).
fn manifest_url(server: &str) -> Result<reqwest::Url, String> {
    let mut base = reqwest::Url::parse(server).map_err(|e| format!("--server {server:?} is not a URL: {e}"))?;
    if !matches!(base.scheme(), "http" | "https") {
        return Err(format!("--server {server:?} must be an http(s) URL"));
    }
    if !base.path().ends_with('/') {
        base.set_path(&format!("{}/", base.path()));
    }
    base.join("v1/registry/manifest").map_err(|e| e.to_string())
}

fn get(http: &reqwest::blocking::Client, url: &reqwest::Url) -> Result<Vec<u8>, String> {
    let resp = http.get(url.clone()).send().map_err(|e| format!("GET {url}: {e}"))?;
    if !resp.status().is_success() {
        return Err(format!("GET {url}: HTTP {}", resp.status()));
    }
    resp.bytes().map(|b| b.to_vec()).map_err(|e| format!("GET {url}: {e}"))
}

fn update(
    http: &reqwest::blocking::Client,
    manifest_url: &reqwest::Url,
    held: Option<&Registry>,
    keys: &KeySet,
    now: i64,
    out: &Path,
) -> Result<Pulled, String> {
    let body = get(http, manifest_url)?;
    let envelope = Envelope::parse(&body).ok_or_else(|| format!("{manifest_url}: not a signed manifest envelope"))?;
    let manifest: Manifest = serde_json::from_str(&envelope.manifest)
        .map_err(|e| format!("{manifest_url}: the signed manifest is not valid JSON: {e}"))?;
    verify_manifest(
        &envelope.manifest,
        &envelope.key_id,
        &envelope.signature,
        &manifest,
        keys,
    )
    .map_err(|e| format!("{manifest_url}: {e}"))?;
    let held_sequence = held.map(Registry::sequence);
    let plan = plan_update(&manifest, held_sequence.unwrap_or(0)).map_err(|e| format!("{manifest_url}: {e}"))?;
    let (next, how, bytes) = match &plan {
        UpdatePlan::UpToDate { sequence } => return Ok(Pulled::UpToDate(*sequence)),
        UpdatePlan::Delta { path, .. } => {
            let delta = get(http, &join(manifest_url, path)?)?;
            match apply_download(held, &plan, &delta, keys, now) {
                Ok(next) => (next, "delta", delta.len()),
                // Another base or a damaged delta: the full snapshot decides, as in the extension.
                Err(_) => fetch_snapshot(http, manifest_url, &manifest, held, keys, now)?,
            }
        }
        UpdatePlan::Snapshot { .. } => fetch_snapshot(http, manifest_url, &manifest, held, keys, now)?,
    };
    next.verify_all().map_err(|e| format!("the new snapshot: {e}"))?;
    write_atomically(out, next.bytes())?;
    Ok(Pulled::Updated {
        from: held_sequence,
        to: next.sequence(),
        how,
        bytes,
    })
}

fn fetch_snapshot(
    http: &reqwest::blocking::Client,
    manifest_url: &reqwest::Url,
    manifest: &Manifest,
    held: Option<&Registry>,
    keys: &KeySet,
    now: i64,
) -> Result<(Registry, &'static str, usize), String> {
    let plan = UpdatePlan::Snapshot {
        path: manifest.snapshot.path.clone(),
        sha256: manifest.snapshot.sha256.clone(),
        to: manifest.sequence,
    };
    let url = join(manifest_url, &manifest.snapshot.path)?;
    let bytes = get(http, &url)?;
    let next = apply_download(held, &plan, &bytes, keys, now).map_err(|e| format!("{url}: {e}"))?;
    Ok((next, "full snapshot", bytes.len()))
}

/// A path from the manifest, relative to the manifest's URL; it must stay on the same server.
fn join(manifest_url: &reqwest::Url, path: &str) -> Result<reqwest::Url, String> {
    let url = manifest_url
        .join(path)
        .map_err(|e| format!("manifest path {path:?}: {e}"))?;
    if url.origin() != manifest_url.origin() {
        return Err(format!("manifest path {path:?} leaves the server"));
    }
    Ok(url)
}

/// Writes beside the target, then renames over it: readers see the old file or the new one, never a part.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("registry.bin");
    let tmp = out.with_file_name(format!(".{name}.pull-{}", std::process::id()));
    fs::write(&tmp, bytes).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    fs::rename(&tmp, out).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        format!("cannot replace {}: {e}", out.display())
    })
}

//! `koltrust registry pull` against a real `koltrust serve`: a first pull downloads the full snapshot, a second one
//! finds it up to date, a publication is fetched as a delta; a wrong pinned key, a damaged held file and an
//! unreachable server are refused with a clear message and leave the held file exactly as it was.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serde_json::Value;
use serve_common::*;
use std::process::Command;

fn pull(server: &str, pubkey: &str, out: &std::path::Path) -> std::process::Output {
    Command::new(BIN)
        .args(["registry", "pull", "--server", server, "--pubkey", pubkey, "--out"])
        .arg(out)
        .output()
        .unwrap()
}

fn ok(o: &std::process::Output) -> String {
    assert!(
        o.status.success(),
        "pull failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn refused(o: &std::process::Output) -> String {
    assert!(
        !o.status.success(),
        "pull should fail: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test]
async fn pull_follows_the_server_by_snapshot_then_delta_and_refuses_what_does_not_verify() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let s = Server::start(&data, &[]).await;
    let keys: Value = get_json(&client(), s.url("/v1/registry/keys")).await;
    let pk = keys["keys"][0]["public_key"].as_str().unwrap().to_string();
    let out = tmp.path().join("registry.bin");
    let base = s.url("/");

    // First pull: the full snapshot, verified with the pinned key.
    let first = ok(&pull(&base, &pk, &out));
    assert!(
        first.contains("updated: nothing → sequence 1 by full snapshot"),
        "{first}"
    );
    let verified = cli(&["registry", "verify", "--pubkey", &pk, out.to_str().unwrap()]);
    assert!(verified.contains("sequence: 1"), "{verified}");
    // Again: nothing to do (no trailing slash in the server URL works too).
    let again = ok(&pull(base.trim_end_matches('/'), &pk, &out));
    assert!(again.contains("up to date: sequence 1"), "{again}");

    // The Alliance publishes an edit: the next pull moves by the signed delta 1 → 2.
    let d = data.to_str().unwrap();
    let health: Value = get_json(&client(), s.url("/v1/health")).await;
    assert_eq!(health["sequence"], 1);
    let id = first_record_id(&out, &pk);
    cli(&[
        "registry",
        "renew",
        "--data",
        d,
        "--id",
        &id,
        "--expires",
        "2099-01-01",
        "--score",
        "77",
        "--number",
        "TN-PULL-1",
        "--level",
        "standard",
    ]);
    let published = cli(&["registry", "publish", "--data", d]);
    assert!(published.contains("sequence 2"), "{published}");
    let second = ok(&pull(&base, &pk, &out));
    assert!(second.contains("updated: sequence 1 → sequence 2 by delta"), "{second}");
    let held = std::fs::read(&out).unwrap();

    // A key the server did not sign with: refused, the held file untouched (it does not verify with that key
    // either, so the message says to move it away rather than replacing it).
    let other = tmp.path().join("other.key");
    cli(&["registry", "keygen", "--out", other.to_str().unwrap()]);
    let other_pub = std::fs::read_to_string(tmp.path().join("other.key.pub")).unwrap();
    let e = refused(&pull(&base, other_pub.trim(), &out));
    assert!(e.contains("does not verify"), "{e}");
    let fresh = tmp.path().join("fresh.bin");
    let e = refused(&pull(&base, other_pub.trim(), &fresh));
    assert!(e.contains("key"), "an unknown signing key is named: {e}");
    assert!(!fresh.exists(), "nothing is written when the manifest does not verify");

    // A damaged held file is not silently replaced.
    let mut damaged = held.clone();
    let at = damaged.len() / 2;
    damaged[at] ^= 0x55;
    std::fs::write(&out, &damaged).unwrap();
    let e = refused(&pull(&base, &pk, &out));
    assert!(
        e.contains("koltrust registry pull:"),
        "one line naming the command: {e}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), damaged, "the held file is left as it was");
    std::fs::write(&out, &held).unwrap();

    // An unreachable server: a clear error, the held file unchanged.
    drop(s);
    let e = refused(&pull(&base, &pk, &out));
    assert!(e.contains("GET http://127.0.0.1:"), "{e}");
    assert_eq!(std::fs::read(&out).unwrap(), held);

    // Not a URL / not http(s).
    let e = refused(&pull("ftp://example.org/", &pk, &out));
    assert!(e.contains("must be an http(s) URL"), "{e}");
}

/// The registry id of the snapshot's first record (any record will do for an edit).
fn first_record_id(snapshot: &std::path::Path, pk: &str) -> String {
    use koltrust::registry::keys::{from_hex, KeySet};
    let keys = KeySet::single(from_hex::<32>(pk).unwrap()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let reg = koltrust::registry::Registry::open(std::fs::read(snapshot).unwrap(), &keys, None, now).unwrap();
    reg.record(0).unwrap().id.clone()
}

//! `koltrust serve`: first start, registry distribution (signed manifest, snapshots, deltas with ETags and 304s),
//! database-backed registry edits and publication, complaint statistics flowing into the next snapshot.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use koltrust::registry::delta::apply_delta;
use koltrust::registry::keys::{from_hex, KeySet};
use koltrust::registry::Registry;
use serde_json::Value;
use serve_common::*;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Fetches and verifies the manifest envelope; returns the inner manifest and the ETag.
async fn manifest(s: &Server, public_key: &[u8; 32]) -> (Value, String) {
    let r = client().get(s.url("/v1/registry/manifest")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "public, max-age=60");
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let env: Value = r.json().await.unwrap();
    let inner = env["manifest"].as_str().unwrap();
    let sig = from_hex::<64>(env["signature"].as_str().unwrap()).unwrap();
    VerifyingKey::from_bytes(public_key)
        .unwrap()
        .verify(inner.as_bytes(), &Signature::from_bytes(&sig))
        .expect("manifest signature");
    let m: Value = serde_json::from_str(inner).unwrap();
    assert_eq!(m["format"], "koltrust-manifest/1");
    assert_eq!(m["key_id"], env["key_id"]);
    (m, etag)
}

async fn get_bytes(s: &Server, path: &str) -> (Vec<u8>, String, String) {
    let r = client().get(s.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let cc = r.headers()["cache-control"].to_str().unwrap().to_string();
    (r.bytes().await.unwrap().to_vec(), etag, cc)
}

#[tokio::test]
async fn first_start_publish_and_distribution() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let s = Server::start(&data, &["--ip-per-minute", "0", "--client-per-minute", "0"]).await;

    // First start: key and token (0600), sample registry, first snapshot; URLs and the token path printed.
    for f in ["registry.key", "admin-token"] {
        let meta = std::fs::metadata(data.join(f)).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{f}");
        }
        assert!(meta.len() > 0);
    }
    let printed = s.printed();
    assert!(
        printed.contains(&data.join("admin-token").display().to_string()),
        "{printed}"
    );
    assert!(printed.contains(&s.url("/v1/registry/manifest")), "{printed}");
    assert!(!printed.contains(&s.token()), "the token itself is never printed");
    let health: Value = get_json(&client(), s.url("/v1/health")).await;
    assert_eq!(health["sequence"], 1);

    // Keys: the published public key.
    let keys: Value = get_json(&client(), s.url("/v1/registry/keys")).await;
    let pk_hex = keys["keys"][0]["public_key"].as_str().unwrap().to_string();
    let pk = from_hex::<32>(&pk_hex).unwrap();
    let keyset = KeySet::single(pk).unwrap();

    // Manifest → snapshot 1, verified with the published key.
    let (m1, etag_m1) = manifest(&s, &pk).await;
    assert_eq!(m1["sequence"], 1);
    assert_eq!(m1["snapshot"]["path"], "snapshots/1.bin");
    let (snap1, etag1, cc) = get_bytes(&s, "/v1/registry/snapshots/1.bin").await;
    assert_eq!(cc, "public, max-age=31536000, immutable");
    assert_eq!(m1["snapshot"]["bytes"], snap1.len());
    let reg1 = Registry::open(snap1.clone(), &keyset, None, now()).expect("snapshot opens with the published key");
    reg1.verify_all().unwrap();
    assert_eq!(reg1.sequence(), 1);
    assert_eq!(reg1.record_count(), 100);
    let rec0 = reg1.record(0).unwrap();
    assert!(rec0.fictional);

    // 304 on If-None-Match, for snapshots and the manifest; a wrong tag gets the bytes.
    let r = client()
        .get(s.url("/v1/registry/snapshots/1.bin"))
        .header("if-none-match", &etag1)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()["etag"].to_str().unwrap(), etag1);
    assert!(r.bytes().await.unwrap().is_empty());
    let r = client()
        .get(s.url("/v1/registry/manifest"))
        .header("if-none-match", format!("\"nope\", {etag_m1}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    let r = client()
        .get(s.url("/v1/registry/snapshots/1.bin"))
        .header("if-none-match", "\"other\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // A complaint about the first record's account, upheld, then registry edits through the CLI (audited).
    let acc = &rec0.accounts[0];
    let mut c = complaint("stats-0001-abcdef");
    c["profile"] = serde_json::json!({"platform": acc.platform.as_str(), "id_type": acc.id_type.as_str(),
                                      "account_id": acc.account_id});
    let r = client().post(s.url("/v1/complaints")).json(&c).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let receipt = r.json::<Value>().await.unwrap()["receipt"]
        .as_str()
        .unwrap()
        .to_string();
    // Three hundred more anonymous complaints about the same account that no moderator triages: published counts
    // must not move for them (anyone can submit; only the Alliance's figures are published).
    for i in 0..300 {
        let mut spam = c.clone();
        spam["id"] = serde_json::json!(format!("stats-spam-{i:04}-abcdef"));
        let r = client().post(s.url("/v1/complaints")).json(&spam).send().await.unwrap();
        assert_eq!(r.status(), 201);
    }
    let d = data.to_str().unwrap();
    cli(&["complaints", "set-status", "--data", d, &receipt, "reviewing"]);
    cli(&[
        "complaints",
        "set-status",
        "--data",
        d,
        &receipt,
        "upheld",
        "--note",
        "đã xác minh",
    ]);
    let id = rec0.id.clone();
    cli(&[
        "registry",
        "add-sanction",
        "--data",
        d,
        "--id",
        &id,
        "--kind",
        "warning",
        "--reason",
        "misleading_advertising",
        "--authority",
        "Thanh tra (dữ liệu mẫu)",
        "--decision",
        "01/QĐ-TEST",
        "--summary-vi",
        "Cảnh cáo (hư cấu)",
        "--summary-en",
        "Warning (fictional)",
        "--source-url",
        "https://example.org/decision/01",
    ]);
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
        "80",
        "--number",
        "TN-TEST-1",
        "--level",
        "standard",
    ]);
    let bad = cli_command(&[
        "registry",
        "add-sanction",
        "--data",
        d,
        "--id",
        &id,
        "--kind",
        "warning",
        "--reason",
        "misleading_advertising",
        "--authority",
        "x",
        "--decision",
        "y",
        "--summary-vi",
        "z",
        "--summary-en",
        "z",
        "--source-url",
        "http://insecure.example",
    ])
    .output()
    .unwrap();
    assert!(!bad.status.success(), "an invalid edit is refused");
    let out = cli(&["registry", "publish", "--data", d]);
    assert!(out.contains("sequence 2"), "{out}");

    // Manifest 2: new ETag, a delta 1 → 2 that rebuilds snapshot 2 exactly.
    let (m2, etag_m2) = manifest(&s, &pk).await;
    assert_ne!(etag_m1, etag_m2);
    assert_eq!(m2["sequence"], 2);
    assert_eq!(m2["deltas"][0]["from"], 1);
    assert_eq!(m2["deltas"][0]["path"], "deltas/1-2.bin");
    let (snap2, _, _) = get_bytes(&s, "/v1/registry/snapshots/2.bin").await;
    let (delta, etag_d, cc) = get_bytes(&s, "/v1/registry/deltas/1-2.bin").await;
    assert_eq!(cc, "public, max-age=31536000, immutable");
    assert!(delta.len() < snap2.len());
    assert_eq!(apply_delta(&snap1, &delta, &keyset).unwrap(), snap2);
    let r = client()
        .get(s.url("/v1/registry/deltas/1-2.bin"))
        .header("if-none-match", &etag_d)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);

    // Snapshot 2 carries the edits and the complaint statistics; it refuses to roll back to 1.
    let reg2 = Registry::open(snap2, &keyset, Some(1), now()).unwrap();
    reg2.verify_all().unwrap();
    let hit = reg2
        .lookup(acc.platform, acc.id_type, &acc.account_id)
        .unwrap()
        .unwrap();
    let rec = reg2.record(hit.record).unwrap();
    assert_eq!(
        rec.complaints.received,
        rec0.complaints.received + 1,
        "only the triaged complaint counts, not the 300 untriaged ones"
    );
    assert_eq!(rec.complaints.pending, rec0.complaints.pending);
    assert_eq!(rec.complaints.upheld, rec0.complaints.upheld + 1);
    assert_eq!(rec.sanctions.len(), rec0.sanctions.len() + 1);
    assert_eq!(rec.certification.as_ref().unwrap().number, "TN-TEST-1");
    assert!(Registry::open(snap1, &keyset, Some(2), now()).is_err());

    // Unknown files are JSON 404s; path tricks go nowhere.
    for p in [
        "/v1/registry/snapshots/9.bin",
        "/v1/registry/snapshots/..%2Fmanifest",
        "/v1/registry/deltas/2-1.bin",
    ] {
        error_body(client().get(s.url(p)).send().await.unwrap(), 404, "not_found").await;
    }
}

#[tokio::test]
async fn import_sources_into_the_database() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut s = Server::start(&data, &[]).await;
    let src = tmp.path().join("extra.json");
    std::fs::write(
        &src,
        r#"{"format": "koltrust-registry/1", "records": [{"id": "KT-9000001", "name": "Trần Thị Thử Nghiệm",
            "fictional": true, "accounts": [{"url": "https://www.tiktok.com/@thu.nghiem.demo"}],
            "created": "2025-01-01", "updated": "2025-01-01", "note": "hư cấu / fictional"}]}"#,
    )
    .unwrap();
    let d = data.to_str().unwrap();
    let out = cli(&["registry", "import", "--data", d, src.to_str().unwrap()]);
    assert!(out.contains("1 record"), "{out}");
    cli(&["registry", "publish", "--data", d]);
    let snap = client()
        .get(s.url("/v1/registry/snapshots/2.bin"))
        .send()
        .await
        .unwrap();
    assert_eq!(snap.status(), 200);
    let keys: Value = get_json(&client(), s.url("/v1/registry/keys")).await;
    let keyset = {
        let mut k = KeySet::new();
        k.add_hex(keys["keys"][0]["public_key"].as_str().unwrap()).unwrap();
        k
    };
    let reg = Registry::open(snap.bytes().await.unwrap().to_vec(), &keyset, None, now()).unwrap();
    assert_eq!(reg.record_count(), 101);
    assert!(reg
        .lookup(
            koltrust::platform::Platform::Tiktok,
            koltrust::platform::IdType::Handle,
            "thu.nghiem.demo"
        )
        .unwrap()
        .is_some());
    assert!(s.terminate().success());
}

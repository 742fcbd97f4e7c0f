//! `koltrust serve` keeps its data folder safe: a lost or blanked database next to a signing key and published files
//! is refused (nothing re-initialised, nothing overwritten, the manifest never rolls back), and the folder and its
//! secrets are private whatever existed before.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serve_common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The bytes of every published file, by path, to prove a refused start changed nothing.
fn published(data: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let reg = data.join("public/v1/registry");
    for sub in ["", "snapshots", "deltas"] {
        let Ok(entries) = fs::read_dir(reg.join(sub)) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            if e.path().is_file() {
                out.push((e.path().display().to_string(), fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Runs `koltrust serve` expecting it to refuse to start (exit ≠ 0 within 20 s, not serve); returns its stderr.
fn refused_start(data: &Path) -> String {
    let mut child = Command::new(BIN)
        .args(["serve", "--data"])
        .arg(data)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("koltrust serve started on a data folder whose database was lost");
        }
        // Polls the child's exit (a refused start exits at once); not a wait for something to settle.
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = child.wait_with_output().unwrap();
    assert!(
        !status.success(),
        "serve must not start: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test]
async fn a_blank_or_missing_database_beside_published_files_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // First start: initialises, imports the sample, publishes sequence 1; a second publication makes sequence 2.
    let mut s = Server::start(&data, &[]).await;
    assert_eq!(s.terminate().code(), Some(0));
    cli(&["registry", "publish", "--data", data.to_str().unwrap()]);
    let before = published(&data);
    assert!(
        before.iter().any(|(p, _)| p.ends_with("snapshots/2.bin")),
        "{:?}",
        before.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
    let db = data.join("koltrust.sqlite3");

    for (what, blank) in [("empty", true), ("missing", false)] {
        let _ = fs::remove_file(data.join("koltrust.sqlite3-wal"));
        let _ = fs::remove_file(data.join("koltrust.sqlite3-shm"));
        if blank {
            fs::write(&db, b"").unwrap();
        } else {
            fs::remove_file(&db).unwrap();
        }
        let err = refused_start(&data);
        assert!(err.contains("refusing to start"), "{what}: {err}");
        assert!(
            err.contains("registry.key") && err.contains("manifest"),
            "{what}: names the files: {err}"
        );
        assert_eq!(published(&data), before, "{what}: no published file changed");
        if blank {
            assert_eq!(
                fs::metadata(&db).unwrap().len(),
                0,
                "the blank database is left as it was"
            );
        } else {
            assert!(!db.exists(), "no new database was created");
        }
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_and_its_secrets_are_private_whatever_existed_before() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    let mut s = Server::start(&data, &[]).await;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700, "data folder");
    for f in ["koltrust.sqlite3", "registry.key", "admin-token"] {
        assert_eq!(mode(&data.join(f)), 0o600, "{f}");
    }
    assert_eq!(s.terminate().code(), Some(0));
    // A database made world-readable by hand is private again after the next start.
    fs::set_permissions(data.join("koltrust.sqlite3"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    let mut s = Server::start(&data, &[]).await;
    assert_eq!((mode(&data), mode(&data.join("koltrust.sqlite3"))), (0o700, 0o600));
    assert_eq!(s.terminate().code(), Some(0));
}

#[tokio::test]
async fn a_provisioned_key_without_a_database_starts_only_with_init() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let key = dir.path().join("provisioned.key");
    cli(&["registry", "keygen", "--out", key.to_str().unwrap()]);
    fs::copy(&key, data.join("registry.key")).unwrap();
    fs::copy(key.with_extension("key.pub"), data.join("registry.key.pub")).unwrap();
    let err = refused_start(&data);
    assert!(
        err.contains("--init"),
        "says how to start a new server with its key: {err}"
    );
    assert!(!data.join("koltrust.sqlite3").exists(), "nothing initialised");
    let mut s = Server::start(&data, &["--init"]).await;
    let keys: serde_json::Value = client()
        .get(s.url("/v1/registry/keys"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pubkey = fs::read_to_string(key.with_extension("key.pub")).unwrap();
    assert_eq!(
        keys["keys"][0]["public_key"].as_str(),
        Some(pubkey.trim()),
        "signs with the provisioned key"
    );
    assert_eq!(s.terminate().code(), Some(0));
    // Later starts need no flag: the database is there.
    let mut s = Server::start(&data, &[]).await;
    assert_eq!(s.terminate().code(), Some(0));
}

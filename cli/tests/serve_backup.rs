//! `koltrust backup` while the server runs, then `koltrust restore` into a new folder: the restored server answers
//! for every complaint acknowledged before the backup (with its status), serves the same registry, and knows
//! nothing of what came after. Neither command ever overwrites. On PostgreSQL the documented procedure is run as
//! written: `pg_dump -Fc` while the server runs, `pg_restore` into a new database, `koltrust backup`/`restore` for
//! the folder (docs/architecture.md, "Backups").

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serve_common::*;
use std::os::unix::fs::PermissionsExt;

const UNLIMITED: &[&str] = &["--ip-per-minute", "0", "--client-per-minute", "0"];

#[tokio::test]
async fn backup_while_running_then_restore_into_a_new_folder() {
    if on_postgres() {
        eprintln!("PostgreSQL pass: the database is backed up with pg_dump (the next test)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (data, backup, restored) = (
        tmp.path().join("data"),
        tmp.path().join("backup"),
        tmp.path().join("restored"),
    );
    let (d, b, r) = (
        data.to_str().unwrap(),
        backup.to_str().unwrap(),
        restored.to_str().unwrap(),
    );
    let s = Server::start(&data, UNLIMITED).await;
    let c = client();
    let mut before = Vec::new();
    for i in 0..20 {
        before.push(submit(&c, &s, &format!("b4c0ffee-bk-{i:04}")).await);
    }
    cli(&["complaints", "set-status", "--data", d, &before[0], "reviewing"]);
    let manifest_before = c
        .get(s.url("/v1/registry/manifest"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();

    let out = cli(&["backup", "--data", d, "--out", b]);
    assert!(out.contains("database") && out.contains("published file"), "{out}");
    for secret in ["registry.key", "admin-token", "koltrust.sqlite3"] {
        let mode = std::fs::metadata(backup.join(secret)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{secret} in the backup is private");
    }
    let again = cli_command(&["backup", "--data", d, "--out", b]).output().unwrap();
    assert!(!again.status.success(), "a backup never overwrites");

    let after = submit(&c, &s, "b4c0ffee-bk-late").await;
    drop(s);

    let out = cli(&["restore", "--from", b, "--data", r]);
    assert!(out.contains("restored"), "{out}");
    let twice = cli_command(&["restore", "--from", b, "--data", r]).output().unwrap();
    assert!(!twice.status.success(), "a restore never overwrites");
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already holds"));

    let s = Server::start(&restored, UNLIMITED).await;
    for receipt in &before {
        let st = c.get(s.url(&format!("/v1/complaints/{receipt}"))).send().await.unwrap();
        assert_eq!(st.status(), 200, "{receipt} was acknowledged before the backup");
    }
    assert_eq!(
        get_json(&c, s.url(&format!("/v1/complaints/{}", before[0]))).await["status"],
        "reviewing"
    );
    let late = c.get(s.url(&format!("/v1/complaints/{after}"))).send().await.unwrap();
    assert_eq!(late.status(), 404, "what came after the backup is not in it");
    let manifest_after = c
        .get(s.url("/v1/registry/manifest"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(manifest_before, manifest_after, "the same signed registry");
    assert_eq!(
        s.token(),
        std::fs::read_to_string(data.join("admin-token")).unwrap().trim()
    );

    let not_backup = cli_command(&[
        "restore",
        "--from",
        tmp.path().to_str().unwrap(),
        "--data",
        "/nonexistent-kt",
    ])
    .output()
    .unwrap();
    assert!(!not_backup.status.success());
    assert!(String::from_utf8_lossy(&not_backup.stderr).contains("not a koltrust backup"));
}

/// A PostgreSQL client tool: from `KOLTRUST_TEST_PGBIN` (set by `cargo xtask test`), else from `PATH`.
fn pg_tool(name: &str) -> std::process::Command {
    match std::env::var_os("KOLTRUST_TEST_PGBIN") {
        Some(bin) => std::process::Command::new(std::path::Path::new(&bin).join(name)),
        None => std::process::Command::new(name),
    }
}

#[tokio::test]
async fn the_postgresql_backup_procedure_restores_a_working_server() {
    if !on_postgres() {
        eprintln!("SQLite pass: pg_dump needs PostgreSQL (KOLTRUST_TEST_DATABASE)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (data, backup, restored) = (
        tmp.path().join("data"),
        tmp.path().join("backup"),
        tmp.path().join("restored"),
    );
    let (d, b, r) = (
        data.to_str().unwrap(),
        backup.to_str().unwrap(),
        restored.to_str().unwrap(),
    );
    let s = Server::start(&data, UNLIMITED).await;
    let c = client();
    let mut before = Vec::new();
    for i in 0..10 {
        before.push(submit(&c, &s, &format!("d0e5f1a2-pg-{i:04}")).await);
    }
    cli(&["complaints", "set-status", "--data", d, &before[0], "reviewing"]);

    // The database, while the server runs; then the folder (files only: the database is PostgreSQL's).
    let url = database_for(&data).unwrap();
    let dump = tmp.path().join("koltrust.dump");
    let dumped = pg_tool("pg_dump")
        .args(["-Fc", "-f"])
        .arg(&dump)
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        dumped.status.success(),
        "pg_dump: {}",
        String::from_utf8_lossy(&dumped.stderr)
    );
    let out = cli(&["backup", "--data", d, "--out", b]);
    assert!(
        out.contains("pg_dump") && !out.contains(" bytes"),
        "no database copy: {out}"
    );
    assert!(!backup.join("koltrust.sqlite3").exists());
    let after = submit(&c, &s, "d0e5f1a2-pg-late").await;
    drop(s);

    // A new database from the dump, a new folder from the backup.
    let admin = std::env::var("KOLTRUST_TEST_DATABASE").unwrap();
    let name = format!("restored_{}", std::process::id());
    let fresh = std::thread::spawn(move || koltrust_server::store::postgres::create_database(&admin, &name))
        .join()
        .unwrap()
        .unwrap();
    let restored_db = pg_tool("pg_restore")
        .args(["--no-owner", "-d", &fresh])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(
        restored_db.status.success(),
        "pg_restore: {}",
        String::from_utf8_lossy(&restored_db.stderr)
    );
    cli(&["restore", "--from", b, "--data", r]);
    share_database(&restored, &fresh);

    let s = Server::start(&restored, UNLIMITED).await;
    for receipt in &before {
        let st = c.get(s.url(&format!("/v1/complaints/{receipt}"))).send().await.unwrap();
        assert_eq!(st.status(), 200, "{receipt} was acknowledged before the dump");
    }
    assert_eq!(
        get_json(&c, s.url(&format!("/v1/complaints/{}", before[0]))).await["status"],
        "reviewing"
    );
    let late = c.get(s.url(&format!("/v1/complaints/{after}"))).send().await.unwrap();
    assert_eq!(late.status(), 404, "what came after the dump is not in it");
    assert_eq!(get_json(&c, s.url("/v1/health")).await["sequence"], 1);
}

//! The real `koltrust` binary, end to end: keys generated into a temp dir, sample → build → verify → lookup →
//! delta → apply-delta → vet, and every failure as one line on stderr with a non-zero exit.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn koltrust(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koltrust"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run koltrust")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = koltrust(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail with exactly one line on stderr; returns that line.
fn fails(dir: &Path, args: &[&str]) -> String {
    let out = koltrust(dir, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "not one line: {err:?}");
    err.trim_end().to_string()
}

struct Setup {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let out = ok(&dir, &["registry", "keygen", "--out", "alliance.key"]);
    assert!(out.contains("key id: "), "{out}");
    ok(
        &dir,
        &[
            "registry",
            "sample",
            "--count",
            "120",
            "--seed",
            "7",
            "--today",
            "2026-06-01",
            "--out",
            "sample.json",
        ],
    );
    ok(
        &dir,
        &[
            "registry",
            "build",
            "--key",
            "alliance.key",
            "--sequence",
            "1",
            "--issued",
            "2026-06-01",
            "-o",
            "s1.snap",
            "sample.json",
        ],
    );
    Setup { _tmp: tmp, dir }
}

fn first_handle(dir: &Path) -> String {
    let text = fs::read_to_string(dir.join("sample.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["records"][0]["accounts"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn keygen_writes_a_private_key_only_its_owner_can_read() {
    let s = setup();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(s.dir.join("alliance.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let public = fs::read_to_string(s.dir.join("alliance.key.pub")).unwrap();
    assert_eq!(public.trim().len(), 64);
    let e = fails(&s.dir, &["registry", "keygen", "--out", "alliance.key"]);
    assert!(e.contains("cannot create alliance.key"), "{e}");
}

#[test]
fn build_verify_lookup_round_trip() {
    let s = setup();
    let d = &s.dir;
    let v = ok(
        d,
        &[
            "registry",
            "verify",
            "--pubkey",
            "alliance.key.pub",
            "--now",
            "2026-06-02",
            "s1.snap",
        ],
    );
    assert!(
        v.contains("ok: s1.snap") && v.contains("sequence: 1") && v.contains("records: 120"),
        "{v}"
    );
    assert!(v.contains("stale: no"));
    let stale = ok(
        d,
        &[
            "registry",
            "verify",
            "--pubkey",
            "alliance.key.pub",
            "--now",
            "2026-07-01",
            "s1.snap",
        ],
    );
    assert!(stale.contains("stale: yes"));
    let handle = first_handle(d);
    let url = format!("https://www.tiktok.com/@{handle}");
    let out = ok(
        d,
        &[
            "registry",
            "lookup",
            "--snapshot",
            "s1.snap",
            "--pubkey",
            "alliance.key.pub",
            "--now",
            "2026-06-02",
            &url,
            "https://www.tiktok.com/@nobody.here",
            "https://www.tiktok.com/explore",
            "https://example.com/x",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].contains("KT-0000001"), "{out}");
    assert!(lines[1].ends_with("\tunknown"));
    assert!(lines[2].ends_with("\tnot_profile"));
    assert!(lines[3].ends_with("\tunsupported"));
    let card = ok(
        d,
        &[
            "registry",
            "lookup",
            "--snapshot",
            "s1.snap",
            "--pubkey",
            "alliance.key.pub",
            "--now",
            "2026-06-02",
            "--lang",
            "en",
            "--json",
            &url,
        ],
    );
    let v: serde_json::Value = serde_json::from_str(card.trim()).unwrap();
    assert_eq!(v["registry_id"], "KT-0000001");
    assert_eq!(v["fictional"], true);
}

#[test]
fn corrupt_truncated_and_foreign_snapshots_fail_with_one_line() {
    let s = setup();
    let d = &s.dir;
    let good = fs::read(d.join("s1.snap")).unwrap();
    fs::write(d.join("trunc.snap"), &good[..good.len() / 2]).unwrap();
    let e = fails(d, &["registry", "verify", "--pubkey", "alliance.key.pub", "trunc.snap"]);
    assert!(e.contains("truncated"), "{e}");
    let mut flipped = good.clone();
    flipped[100] ^= 0x40;
    fs::write(d.join("flip.snap"), &flipped).unwrap();
    let e = fails(d, &["registry", "verify", "--pubkey", "alliance.key.pub", "flip.snap"]);
    assert!(e.contains("bad signature"), "{e}");
    let mut body = good.clone();
    let n = body.len();
    body[n - 10] ^= 1;
    fs::write(d.join("body.snap"), &body).unwrap();
    let e = fails(d, &["registry", "verify", "--pubkey", "alliance.key.pub", "body.snap"]);
    assert!(e.contains("does not match its signed hash"), "{e}");
    fs::write(d.join("junk.snap"), b"hello world, not a snapshot").unwrap();
    let e = fails(d, &["registry", "verify", "--pubkey", "alliance.key.pub", "junk.snap"]);
    assert!(e.contains("bad magic"), "{e}");
    ok(d, &["registry", "keygen", "--out", "other.key"]);
    let e = fails(d, &["registry", "verify", "--pubkey", "other.key.pub", "s1.snap"]);
    assert!(e.contains("unknown key id"), "{e}");
    let e = fails(
        d,
        &[
            "registry",
            "verify",
            "--pubkey",
            "alliance.key.pub",
            "--held",
            "2",
            "s1.snap",
        ],
    );
    assert!(e.contains("rollback"), "{e}");
    let e = fails(d, &["registry", "verify", "--pubkey", "nothex", "s1.snap"]);
    assert!(e.contains("public key"), "{e}");
    fs::write(d.join("bad.key"), "not a key\n").unwrap();
    let e = fails(
        d,
        &["registry", "delta", "--key", "bad.key", "s1.snap", "s1.snap", "-o", "x"],
    );
    assert!(e.contains("not a koltrust private key"), "{e}");
}

#[test]
fn source_errors_are_listed_with_lines_and_nothing_is_written() {
    let s = setup();
    let d = &s.dir;
    fs::write(
        d.join("bad.csv"),
        "id,name,platform,id_type,account_id,created,updated\nKT-1,A,tiktok,handle,Upper,2025-01-01,2025-01-01\nKT-2,B,tiktak,handle,b,2025-01-01,2025-01-01\n",
    )
    .unwrap();
    let out = koltrust(
        d,
        &[
            "registry",
            "build",
            "--key",
            "alliance.key",
            "--sequence",
            "2",
            "-o",
            "bad.snap",
            "bad.csv",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.csv:2: account_id:"), "{err}");
    assert!(err.contains("bad.csv:3: platform:"), "{err}");
    assert!(
        err.trim_end().ends_with("2 problem(s) in the sources; nothing written"),
        "{err}"
    );
    assert!(!d.join("bad.snap").exists());
    fs::write(d.join("binary.json"), [0xFFu8, 0xFE, 0x00, 0x81]).unwrap();
    let e = fails(
        d,
        &[
            "registry",
            "build",
            "--key",
            "alliance.key",
            "--sequence",
            "2",
            "-o",
            "b.snap",
            "binary.json",
        ],
    );
    assert!(e.contains("binary.json is not UTF-8 text"), "{e}");
    fs::write(d.join("broken.json"), "{\"records\": [}").unwrap();
    let out = koltrust(
        d,
        &[
            "registry",
            "build",
            "--key",
            "alliance.key",
            "--sequence",
            "2",
            "-o",
            "b.snap",
            "broken.json",
        ],
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !out.status.success() && err.starts_with("broken.json:1: document:"),
        "{err}"
    );
}

#[test]
fn delta_then_apply_gives_the_new_snapshot_exactly() {
    let s = setup();
    let d = &s.dir;
    // Sequence 2: the same sources plus one more KOL.
    fs::write(
        d.join("extra.csv"),
        "id,name,platform,id_type,account_id,created,updated,fictional\nKT-9999999,Lê Hoài Thu (hư cấu),tiktok,handle,thu.demo,2026-06-01,2026-06-01,true\n",
    )
    .unwrap();
    ok(
        d,
        &[
            "registry",
            "build",
            "--key",
            "alliance.key",
            "--sequence",
            "2",
            "--issued",
            "2026-06-02",
            "-o",
            "s2.snap",
            "sample.json",
            "extra.csv",
        ],
    );
    let out = ok(
        d,
        &[
            "registry",
            "delta",
            "--key",
            "alliance.key",
            "s1.snap",
            "s2.snap",
            "-o",
            "1-2.delta",
        ],
    );
    assert!(out.contains("1-2.delta"), "{out}");
    ok(
        d,
        &[
            "registry",
            "apply-delta",
            "--pubkey",
            "alliance.key.pub",
            "s1.snap",
            "1-2.delta",
            "-o",
            "s2b.snap",
        ],
    );
    assert_eq!(
        fs::read(d.join("s2b.snap")).unwrap(),
        fs::read(d.join("s2.snap")).unwrap()
    );
    assert!(fs::metadata(d.join("1-2.delta")).unwrap().len() * 4 < fs::metadata(d.join("s2.snap")).unwrap().len());
    let e = fails(
        d,
        &[
            "registry",
            "apply-delta",
            "--pubkey",
            "alliance.key.pub",
            "s2.snap",
            "1-2.delta",
            "-o",
            "x",
        ],
    );
    assert!(e.contains("base snapshot differs"), "{e}");
}

#[test]
fn vet_writes_csv_for_a_list_of_profiles() {
    let s = setup();
    let d = &s.dir;
    let handle = first_handle(d);
    fs::write(
        d.join("list.txt"),
        format!(
            "# shortlist\nhttps://www.tiktok.com/@{handle}\n\nhttps://www.tiktok.com/@nobody.here\nhttps://www.facebook.com/groups/1\nnot a url, really\nhttps://www.tiktok.com/@{handle}_official\n"
        ),
    )
    .unwrap();
    let out = ok(
        d,
        &[
            "vet",
            "--snapshot",
            "s1.snap",
            "--pubkey",
            "alliance.key.pub",
            "--now",
            "2026-06-02",
            "list.txt",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "url,status,score,cert_expires,active_sanctions,registry_id,name,platform,id_type,account_id,lookalike_of"
    );
    assert_eq!(lines.len(), 6, "{out}");
    assert!(lines[1].contains(",KT-0000001,"), "{}", lines[1]);
    assert!(lines[2].starts_with("https://www.tiktok.com/@nobody.here,unknown,"));
    assert!(lines[3].contains(",not_profile,"));
    assert!(lines[4].starts_with("\"not a url, really\",unsupported,"));
    assert!(lines[5].contains(",lookalike,"), "{}", lines[5]);
    assert!(lines[5].ends_with(&format!(",KT-0000001 {handle}")), "{}", lines[5]);

    // A formula in the list comes out defused (a leading '), and --bom starts the file with a byte-order mark.
    fs::write(
        d.join("evil.txt"),
        "=HYPERLINK(\"https://evil.example/\",\"Xem\")\n+84901234567\n",
    )
    .unwrap();
    let args = |bom: bool| {
        let mut a = vec![
            "vet",
            "--snapshot",
            "s1.snap",
            "--pubkey",
            "alliance.key.pub",
            "--now",
            "2026-06-02",
        ];
        if bom {
            a.push("--bom");
        }
        a.push("evil.txt");
        a
    };
    let plain = ok(d, &args(false));
    let lines: Vec<&str> = plain.lines().collect();
    assert!(
        lines[1].starts_with("\"'=HYPERLINK(\"\"https://evil.example/\"\""),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("'+84901234567,"), "{}", lines[2]);
    let with_bom = ok(d, &args(true));
    assert_eq!(with_bom, format!("\u{feff}{plain}"));
    let e = fails(
        d,
        &[
            "vet",
            "--snapshot",
            "missing.snap",
            "--pubkey",
            "alliance.key.pub",
            "list.txt",
        ],
    );
    assert!(e.starts_with("koltrust vet: cannot read missing.snap"), "{e}");
}

//! `cargo xtask dist --release --server URL --pubkey FILE [--snapshot FILE]`: the extension for a real deployment.
//!
//! The demo build (`cargo xtask dist`, the default) pins a key made on the build machine, points at
//! `http://127.0.0.1:8080/` and bundles fictional people. A release takes that build and makes it the operator's:
//! 1. the operator's **public** key (hex, the `registry.key.pub` of the production server) is the only pinned key;
//! 2. the bundled snapshot is the operator's signed registry (`--snapshot FILE`, or pulled from `--server` and
//!    verified on the way, as `koltrust registry pull` does): it must verify with that key in full and hold no
//!    fictional record — the build refuses otherwise, writing nothing;
//! 3. the default server is `--server` (https; plain http only on loopback, for tests);
//! 4. the result is `dist/release/extension/` and `dist/koltrust-extension-<version>-release.zip`, and the same
//!    files with Firefox's manifest in `dist/release/firefox/` and `dist/koltrust-firefox-<version>-release.xpi`.
//!
//! The private key never comes near the build.

use crate::exec::{self, cmd, project_root, target_dir};
use koltrust::registry::keys::KeySet;
use koltrust::registry::Registry;
use std::fs;
use std::path::{Path, PathBuf};

/// What the operator names.
#[derive(Debug, PartialEq)]
pub struct ReleaseArgs {
    pub server: String,
    pub pubkey: PathBuf,
    pub snapshot: Option<PathBuf>,
}

pub fn parse_args(args: &[String]) -> Result<ReleaseArgs, String> {
    let (mut server, mut pubkey, mut snapshot) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--release" => {}
            "--server" => server = Some(value()?),
            "--pubkey" => pubkey = Some(PathBuf::from(value()?)),
            "--snapshot" => snapshot = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other:?} (usage: cargo xtask dist --release --server URL --pubkey FILE [--snapshot FILE])")),
        }
    }
    let server = server.ok_or("--release needs --server URL (the production Alliance server)")?;
    check_server(&server)?;
    Ok(ReleaseArgs {
        server: if server.ends_with('/') {
            server
        } else {
            format!("{server}/")
        },
        pubkey: pubkey.ok_or("--release needs --pubkey FILE (the production registry.key.pub)")?,
        snapshot,
    })
}

/// https, or plain http to a loopback address (tests); no credentials, query or fragment.
fn check_server(url: &str) -> Result<(), String> {
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if let Some(r) = url.strip_prefix("http://") {
        let host = r.split(['/', ':']).next().unwrap_or("");
        if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            return Err(format!("--server {url}: a release talks to its server over https"));
        }
        r
    } else {
        return Err(format!("--server {url}: not an https:// URL"));
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || rest.contains(['?', '#', '@']) {
        return Err(format!(
            "--server {url}: a plain base URL, e.g. https://trust.example.vn/"
        ));
    }
    Ok(())
}

/// The public key in hex, from a `.pub` file (or the hex itself).
fn read_pubkey(path: &Path) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("--pubkey {}: {e}", path.display()))?;
    let hex = text.trim().to_string();
    if KeySet::new().add_hex(&hex).is_none() {
        return Err(format!(
            "--pubkey {}: not an Ed25519 public key in hex (the server's registry.key.pub, never registry.key)",
            path.display()
        ));
    }
    Ok(hex)
}

/// Checks the snapshot for a release: it verifies in full with `pubkey_hex` and holds no fictional record.
/// Returns its sequence.
pub fn check_snapshot(bytes: &[u8], pubkey_hex: &str, now_unix: i64) -> Result<u64, String> {
    let mut keys = KeySet::new();
    keys.add_hex(pubkey_hex)
        .ok_or("the pinned key is not an Ed25519 public key")?;
    let reg = Registry::open(bytes.to_vec(), &keys, None, now_unix)
        .map_err(|e| format!("the snapshot does not verify with the pinned key: {e}"))?;
    reg.verify_all()
        .map_err(|e| format!("the snapshot does not verify with the pinned key: {e}"))?;
    for i in 0..reg.record_count() {
        let r = reg.record(i).map_err(|e| format!("the snapshot's record {i}: {e}"))?;
        if r.fictional {
            return Err(format!(
                "the snapshot holds fictional (sample) record {}: a release bundles only the real registry",
                r.id
            ));
        }
    }
    Ok(reg.sequence())
}

/// Turns a built extension folder into the release: replaces the bundled snapshot, pins only `pubkey_hex`, sets
/// the default server. `keys.json` keeps any other field it has.
pub fn package(ext: &Path, server: &str, pubkey_hex: &str, snapshot: &[u8], sequence: u64) -> Result<(), String> {
    let registry = ext.join("registry");
    let keys_path = registry.join("keys.json");
    let mut keys: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&keys_path).map_err(|e| format!("{}: {e}", keys_path.display()))?)
            .map_err(|e| format!("{}: {e}", keys_path.display()))?;
    keys["pinned"] = serde_json::json!([pubkey_hex]);
    keys["bundled_sequence"] = serde_json::json!(sequence);
    keys["server"] = serde_json::json!(server);
    fs::write(
        &keys_path,
        serde_json::to_string_pretty(&keys).map_err(|e| e.to_string())? + "\n",
    )
    .map_err(|e| e.to_string())?;
    fs::write(registry.join("bundled.bin"), snapshot).map_err(|e| e.to_string())
}

pub fn run(args: &[String]) -> Result<(), String> {
    let a = parse_args(args)?;
    let root = project_root();
    let pubkey_hex = read_pubkey(&a.pubkey)?;
    let snapshot_path = match &a.snapshot {
        Some(p) => p.clone(),
        None => {
            exec::run(
                cmd("cargo", &root).args(["build", "--quiet", "--package", "koltrust-cli"]),
                "building the koltrust CLI",
            )?;
            let out = target_dir(&root).join("koltrust-build").join("release-snapshot.bin");
            let _ = fs::remove_file(&out);
            exec::run(
                cmd(&target_dir(&root).join("debug/koltrust").to_string_lossy(), &root)
                    .args([
                        "registry",
                        "pull",
                        "--server",
                        &a.server,
                        "--pubkey",
                        &pubkey_hex,
                        "--out",
                    ])
                    .arg(&out),
                "pulling the production snapshot",
            )?;
            out
        }
    };
    let snapshot = fs::read(&snapshot_path).map_err(|e| format!("--snapshot {}: {e}", snapshot_path.display()))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    // Before any build work: a snapshot the pinned key refuses stops the release here.
    let sequence = check_snapshot(&snapshot, &pubkey_hex, now)?;

    let built = crate::dist::run()?;
    let release = root.join("dist/release/extension");
    if release.exists() {
        fs::remove_dir_all(&release).map_err(|e| format!("clearing {}: {e}", release.display()))?;
    }
    crate::dist::copy_dir(&built.extension_dir, &release)?;
    package(&release, &a.server, &pubkey_hex, &snapshot, sequence)?;
    let version = crate::dist::crate_version(&root)?;
    let zip = root.join(format!("dist/koltrust-extension-{version}-release.zip"));
    crate::dist::write_zip(&release, &zip)?;
    // The same release for Firefox: the release's files with Firefox's manifest.
    let firefox = crate::dist::firefox_from(
        &release,
        &root.join("dist/release/firefox"),
        &root.join(format!("dist/koltrust-firefox-{version}-release.xpi")),
    )?;
    println!(
        "release: {}\nzip:     {}\nfirefox: {}\nxpi:     {}\npinned key {pubkey_hex}, server {}, bundled sequence {sequence}",
        release.display(),
        zip.display(),
        firefox.dir.display(),
        firefox.xpi.display(),
        a.server
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use koltrust::registry::keys::{to_hex, SigningKey};
    use koltrust::registry::sample::{generate, SampleSpec};
    use koltrust::registry::{build_snapshot, Date, SnapshotMeta};

    fn signed(records: &[koltrust::registry::Record], key: &SigningKey, sequence: u64) -> Vec<u8> {
        let meta = SnapshotMeta {
            sequence,
            issued_unix: 1_764_374_400,
            expires_unix: 1_764_374_400 + 30 * 86_400,
        };
        build_snapshot(records, &meta, key).unwrap()
    }

    fn real_records() -> Vec<koltrust::registry::Record> {
        let mut records = generate(SampleSpec {
            records: 3,
            seed: 9,
            today: Date::parse("2025-12-01").unwrap(),
        });
        for r in &mut records {
            r.fictional = false;
        }
        records
    }

    #[test]
    fn only_a_snapshot_the_pinned_key_verifies_and_without_sample_data_is_released() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let other = SigningKey::from_bytes(&[8; 32]);
        let pub_hex = to_hex(key.verifying_key().as_bytes());
        let now = 1_764_374_400 + 86_400;
        assert_eq!(
            check_snapshot(&signed(&real_records(), &key, 12), &pub_hex, now),
            Ok(12)
        );
        let e = check_snapshot(&signed(&real_records(), &other, 12), &pub_hex, now).unwrap_err();
        assert!(e.contains("does not verify"), "{e}");
        let mut tampered = signed(&real_records(), &key, 12);
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(check_snapshot(&tampered, &pub_hex, now).is_err());
        let mut sample = real_records();
        sample[1].fictional = true;
        let e = check_snapshot(&signed(&sample, &key, 12), &pub_hex, now).unwrap_err();
        assert!(e.contains("fictional"), "{e}");
    }

    #[test]
    fn the_package_pins_only_the_operator_key_and_server() {
        let tmp = std::env::temp_dir().join(format!("koltrust-release-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(tmp.join("registry")).unwrap();
        fs::write(
            tmp.join("registry/keys.json"),
            r#"{"pinned": ["demo"], "bundled_sequence": 1, "server": "http://127.0.0.1:8080/", "other": 5}"#,
        )
        .unwrap();
        fs::write(tmp.join("registry/bundled.bin"), b"demo").unwrap();
        package(&tmp, "https://trust.example.vn/", "ab12", b"real", 12).unwrap();
        let keys: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(tmp.join("registry/keys.json")).unwrap()).unwrap();
        assert_eq!(
            keys,
            serde_json::json!({"pinned": ["ab12"], "bundled_sequence": 12, "server": "https://trust.example.vn/", "other": 5})
        );
        assert_eq!(fs::read(tmp.join("registry/bundled.bin")).unwrap(), b"real");
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn arguments_are_checked() {
        let args = |s: &[&str]| s.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        let a = parse_args(&args(&[
            "--release",
            "--server",
            "https://trust.example.vn",
            "--pubkey",
            "k.pub",
        ]))
        .unwrap();
        assert_eq!(a.server, "https://trust.example.vn/");
        assert_eq!(a.snapshot, None);
        for bad in [
            &["--release", "--pubkey", "k.pub"][..],
            &["--release", "--server", "http://trust.example.vn/", "--pubkey", "k"],
            &[
                "--release",
                "--server",
                "https://user:pw@trust.example.vn/",
                "--pubkey",
                "k",
            ],
            &["--release", "--server", "https://trust.example.vn/"],
            &["--release", "--server", "https://x/", "--pubkey", "k", "--what"],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?}");
        }
        assert!(parse_args(&args(&["--server", "http://127.0.0.1:8080", "--pubkey", "k"])).is_ok());
    }
}

//! The registry the extension ships with: a signed snapshot of fictional people, built at `dist` time.
//!
//! 1. the `koltrust` CLI (dev profile) is built;
//! 2. a build signing key is made once into `target/koltrust-build/` (git-ignored; a fresh machine makes its own —
//!    no private key is ever committed);
//! 3. `registry/demo.json` (the people on the fixture pages; `@today±N` dates resolved to the build day, Vietnam
//!    time) and a generated fictional sample (`koltrust registry sample`) are signed into
//!    `dist/extension/registry/bundled.bin`;
//! 4. the build key's public half is pinned in `dist/extension/registry/keys.json`.
//!
//! The worker opens the bundled snapshot at start, so the first run works offline.

use crate::exec::{self, cmd, target_dir};
use std::fs;
use std::path::Path;

/// How many generated sample records join the demo people (a realistic mix of every state and platform).
const SAMPLE_RECORDS: &str = "2000";
const SAMPLE_SEED: &str = "2026";
/// Days the bundled snapshot counts as fresh; after that it is shown as stale until an update arrives.
const VALID_DAYS: &str = "30";

pub fn bundle(root: &Path, ext: &Path) -> Result<(), String> {
    exec::run(
        cmd("cargo", root).args(["build", "--quiet", "--package", "koltrust-cli"]),
        "building the koltrust CLI",
    )?;
    let cli = target_dir(root).join("debug").join("koltrust");
    let work = target_dir(root).join("koltrust-build");
    fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;

    let key = build_key(root);
    if !key.exists() {
        exec::run(
            cmd(cli.to_str().unwrap_or("koltrust"), root)
                .args(["registry", "keygen", "--out"])
                .arg(&key),
            "registry keygen",
        )?;
    }
    let today = today_vn();
    let demo_text =
        fs::read_to_string(root.join("registry/demo.json")).map_err(|e| format!("registry/demo.json: {e}"))?;
    let demo = work.join("demo.json");
    fs::write(&demo, resolve_relative_dates(&demo_text, today)?).map_err(|e| e.to_string())?;
    let sample = work.join("sample.json");
    exec::run(
        cmd(cli.to_str().unwrap_or("koltrust"), root)
            .args([
                "registry",
                "sample",
                "--count",
                SAMPLE_RECORDS,
                "--seed",
                SAMPLE_SEED,
                "--today",
            ])
            .arg(format_day(today))
            .arg("--out")
            .arg(&sample),
        "registry sample",
    )?;
    let out_dir = ext.join("registry");
    fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    exec::run(
        cmd(cli.to_str().unwrap_or("koltrust"), root)
            .args(["registry", "build", "--key"])
            .arg(&key)
            .args(["--sequence", "1", "--valid-days", VALID_DAYS, "--out"])
            .arg(out_dir.join("bundled.bin"))
            .arg(&demo)
            .arg(&sample),
        "registry build",
    )?;
    let public = fs::read_to_string(key.with_extension("key.pub"))
        .map_err(|e| format!("reading the build key's public half: {e}"))?;
    // The default Alliance server for this build (the options page can change it); updates must still be signed
    // by a pinned key, whatever server sends them.
    let server = std::env::var("KOLTRUST_SERVER_URL").unwrap_or_else(|_| "http://127.0.0.1:8080/".into());
    let pinned = serde_json::json!({ "pinned": [public.trim()], "bundled_sequence": 1, "server": server });
    fs::write(
        out_dir.join("keys.json"),
        serde_json::to_string_pretty(&pinned).map_err(|e| e.to_string())? + "\n",
    )
    .map_err(|e| e.to_string())
}

/// The build signing key (made by the first `dist`; git-ignored under `target/`).
pub fn build_key(root: &Path) -> std::path::PathBuf {
    target_dir(root).join("koltrust-build").join("extension-build.key")
}

/// Gives a fresh `koltrust serve` data folder the build key, so the server the demo (or a test) starts signs with a
/// key the built extension pins. Does nothing when the folder already has a key.
pub fn seed_server_key(root: &Path, data: &Path) -> Result<(), String> {
    if data.join("registry.key").exists() {
        return Ok(());
    }
    fs::create_dir_all(data).map_err(|e| format!("creating {}: {e}", data.display()))?;
    let key = build_key(root);
    fs::copy(&key, data.join("registry.key")).map_err(|e| format!("copying the build key: {e}"))?;
    fs::copy(key.with_extension("key.pub"), data.join("registry.key.pub")).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(data.join("registry.key"), fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
        fs::set_permissions(data, fs::Permissions::from_mode(0o700)).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Days since 1970-01-01 of today in Vietnam (UTC+7), the registry's calendar.
pub(crate) fn today_vn() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    (secs + 7 * 3600).div_euclid(86_400)
}

/// `yyyy-mm-dd` of a day number (Howard Hinnant's civil-from-days).
pub(crate) fn format_day(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Replaces `"@today"`, `"@today+N"` and `"@today-N"` string values with the ISO date they mean.
fn resolve_relative_dates(text: &str, today: i64) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("\"@today") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after
            .find('"')
            .ok_or("unterminated @today token in registry/demo.json")?;
        let token = &after[..end];
        let offset = match &token["@today".len()..] {
            "" => 0,
            n => n
                .parse::<i64>()
                .map_err(|_| format!("bad date token \"{token}\" in registry/demo.json"))?,
        };
        out.push('"');
        out.push_str(&format_day(today + offset));
        out.push('"');
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_dates_resolve_to_iso_days() {
        assert_eq!(format_day(0), "1970-01-01");
        assert_eq!(format_day(20_786), "2026-11-29");
        let text = r#"{"a": "@today", "b": "@today+275", "c": "@today-90", "d": "x"}"#;
        assert_eq!(
            resolve_relative_dates(text, 20_786).unwrap(),
            r#"{"a": "2026-11-29", "b": "2027-08-31", "c": "2026-08-31", "d": "x"}"#
        );
        assert!(resolve_relative_dates(r#""@todayX""#, 0).is_err());
    }
}

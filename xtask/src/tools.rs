//! Installing what the build and the tests need, so that a fresh machine needs only the two README commands.
//!
//! Everything lands inside the project (`.tools/`, `node_modules/`) except the wasm32 target (rustup's),
//! Chromium and Firefox ESR (Debian's, installed only when running as root). When something cannot be installed, the error says
//! exactly what to install by hand.

use crate::exec::{cmd, on_path, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen` crate in Cargo.lock
/// (docs/architecture.md, "Build and toolchain").
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

pub fn ensure_wasm_target(root: &Path) -> Result<(), String> {
    let out = cmd("rustup", root)
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("cannot run rustup ({e}); install rustup and run `rustup target add {WASM_TARGET}`"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        return Ok(());
    }
    run(
        cmd("rustup", root).args(["target", "add", WASM_TARGET]),
        "installing the wasm32 target",
    )
}

/// Returns the folder holding `wasm-bindgen` and `wasm-bindgen-test-runner`, installing them when missing.
pub fn ensure_wasm_bindgen(root: &Path) -> Result<PathBuf, String> {
    check_lockfile_pin(root)?;
    let install_root = root.join(".tools").join(format!("wasm-bindgen-{WASM_BINDGEN_VERSION}"));
    let bin = install_root.join("bin");
    if bin.join("wasm-bindgen").is_file() && bin.join("wasm-bindgen-test-runner").is_file() {
        return Ok(bin);
    }
    println!(
        "installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} into {} (a few minutes, once)",
        install_root.display()
    );
    // No `--locked`: the CLI's own lockfile wants a webpki-roots version the registry lacks
    // (docs/architecture.md, "Build and toolchain").
    run(
        cmd("cargo", root)
            .args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                WASM_BINDGEN_VERSION,
                "--root",
            ])
            .arg(&install_root),
        "installing wasm-bindgen-cli",
    )?;
    Ok(bin)
}

/// Fails early, with a readable message, when Cargo.lock and the pinned CLI version drift apart.
fn check_lockfile_pin(root: &Path) -> Result<(), String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            let version = lines.next().unwrap_or("");
            let expected = format!("version = \"{WASM_BINDGEN_VERSION}\"");
            if version != expected {
                return Err(format!(
                    "Cargo.lock has wasm-bindgen {version} but xtask pins the CLI at {WASM_BINDGEN_VERSION}; keep them equal"
                ));
            }
        }
    }
    Ok(())
}

/// Installs the npm packages from the committed lockfile when `node_modules` is missing or older than the lockfile.
pub fn ensure_npm_packages(root: &Path) -> Result<(), String> {
    if !on_path("node") || !on_path("npm") {
        return Err("Node.js 20+ and npm are required: install them (Debian: apt-get install nodejs npm)".into());
    }
    let installed = root.join("node_modules/.package-lock.json");
    let fresh = match (modified(&installed), modified(&root.join("package-lock.json"))) {
        (Some(installed), Some(lock)) => installed >= lock,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(cmd("npm", root).args(["ci", "--no-audit", "--no-fund"]), "npm ci")
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// The Chromium the browser tests drive: `$CHROMIUM`, else Debian's `/usr/bin/chromium`, installed with apt when
/// missing and running as root. Also makes sure chromedriver is there (wasm-bindgen-test uses it for browser tests)
/// and the Vietnamese UI locale (`chromium-l10n`: Debian's chromium alone ships only en-US, and the tests run the
/// browser in Vietnamese, the product's first language).
pub fn ensure_chromium() -> Result<PathBuf, String> {
    if let Some(custom) = std::env::var_os("CHROMIUM") {
        return Ok(PathBuf::from(custom));
    }
    let chromium = PathBuf::from("/usr/bin/chromium");
    let vietnamese = Path::new("/usr/lib/chromium/locales/vi.pak");
    if chromium.is_file() && on_path("chromedriver") && vietnamese.is_file() {
        return Ok(chromium);
    }
    if !running_as_root() {
        return Err(
            "Chromium is missing: install Debian's chromium, chromium-driver and chromium-l10n \
             (sudo apt-get install -y chromium chromium-driver chromium-l10n), or set CHROMIUM=/path/to/chromium"
                .into(),
        );
    }
    apt_install(&["chromium", "chromium-driver", "chromium-l10n"])?;
    Ok(chromium)
}

/// Installs Debian packages (as root, without questions or recommended extras), after refreshing the package
/// lists: how the test command provides the browsers and PostgreSQL a fresh machine lacks.
pub fn apt_install(packages: &[&str]) -> Result<(), String> {
    run(Command::new("apt-get").arg("update"), "apt-get update")?;
    run(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
        &format!("installing {}", packages.join(", ")),
    )
}

/// The Firefox the browser tests drive: `$FIREFOX`, else Debian's `/usr/bin/firefox-esr`, installed with apt when
/// missing and running as root (as [`ensure_chromium`] does for Chromium). The Firefox browser tests (`tests/e2e/firefox*.test.mjs`) drive it
/// with puppeteer-core over WebDriver BiDi.
pub fn ensure_firefox() -> Result<PathBuf, String> {
    if let Some(custom) = std::env::var_os("FIREFOX") {
        return Ok(PathBuf::from(custom));
    }
    let firefox = PathBuf::from("/usr/bin/firefox-esr");
    if firefox.is_file() {
        return Ok(firefox);
    }
    if !running_as_root() {
        return Err(
            "Firefox is missing: install Debian's firefox-esr (sudo apt-get install -y firefox-esr), \
             or set FIREFOX=/path/to/firefox"
                .into(),
        );
    }
    apt_install(&["firefox-esr"])?;
    Ok(firefox)
}

pub(crate) fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

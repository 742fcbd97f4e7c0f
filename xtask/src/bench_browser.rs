//! `cargo xtask bench-browser`: the worker's cold start at national scale, in Chromium (issue 15's budgets in
//! docs/performance.md). Builds the extension (`dist`), then one copy of it per registry size whose bundled snapshot
//! is a signed fictional sample of about that many accounts (the demo people of the fixture pages included, signed by
//! the build key the extension pins), and runs `benches/browser/run.mjs`, which prints the table: cold start to
//! first answer (bundled and updated), the first start of all, first badge on the 2,400-link feed after `load` and
//! after the first idle period, and memory. Beside them it measures the platform's floor with two copies of
//! `benches/browser/floor/` (a worker that answers at once, and one that only compiles the first module and reads the
//! smallest registry from IndexedDB): what any design pays on this machine before its own code. Not part of
//! `cargo xtask test`: figures, not assertions.
//! `BENCH_SIZES=2000,300000` picks the sizes (accounts); default 2k, 300k, 1M.

use crate::exec::{self, cmd, project_root, target_dir};
use std::fs;

/// Accounts per record of the generated sample (`koltrust registry sample`: 100,000 records hold 317,927 accounts).
const ACCOUNTS_PER_RECORD: f64 = 3.18;

pub fn run() -> Result<(), String> {
    let root = project_root();
    let built = crate::dist::run()?;
    exec::run(
        cmd("cargo", &root).args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "koltrust-cli",
            "--bin",
            "koltrust",
        ]),
        "building the koltrust CLI (release)",
    )?;
    let cli = target_dir(&root).join("release").join("koltrust");
    let cli = cli.to_str().unwrap_or("koltrust");
    let key = crate::registry::build_key(&root);
    let demo = target_dir(&root).join("koltrust-build").join("demo.json");
    let work = target_dir(&root).join("bench-browser");
    fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;
    let sizes = std::env::var("BENCH_SIZES").unwrap_or_else(|_| "2000,300000,1000000".into());
    let today = crate::registry::format_day(crate::registry::today_vn());
    let mut args = Vec::new();
    for accounts in sizes.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let accounts: u64 = accounts
            .parse()
            .map_err(|_| format!("BENCH_SIZES: not a number: {accounts}"))?;
        let records = ((accounts as f64 / ACCOUNTS_PER_RECORD).ceil() as u64).to_string();
        let sample = work.join(format!("sample-{records}.json"));
        exec::run(
            cmd(cli, &root)
                .args([
                    "registry", "sample", "--count", &records, "--seed", "2026", "--today", &today, "--out",
                ])
                .arg(&sample),
            "registry sample",
        )?;
        let ext = work.join(format!("extension-{accounts}"));
        if ext.exists() {
            fs::remove_dir_all(&ext).map_err(|e| format!("clearing {}: {e}", ext.display()))?;
        }
        crate::dist::copy_dir(&built.extension_dir, &ext)?;
        exec::run(
            cmd(cli, &root)
                .args(["registry", "build", "--key"])
                .arg(&key)
                .args(["--sequence", "1", "--valid-days", "30", "--out"])
                .arg(ext.join("registry").join("bundled.bin"))
                .arg(&demo)
                .arg(&sample),
            "registry build",
        )?;
        args.push(format!("{}={}", label(accounts), ext.display()));
    }
    // The floor workers, with the first module and the first (smallest) registry of this run.
    if let Some(first) = args
        .first()
        .and_then(|a| a.split_once('='))
        .map(|(_, dir)| dir.to_string())
    {
        for mode in ["empty", "read"] {
            let dir = work.join(format!("floor-{mode}"));
            if dir.exists() {
                fs::remove_dir_all(&dir).map_err(|e| format!("clearing {}: {e}", dir.display()))?;
            }
            crate::dist::copy_dir(&root.join("benches").join("browser").join("floor"), &dir)?;
            let first = std::path::Path::new(&first);
            for (from, to) in [
                ("pkg/koltrust_bg.wasm", "first.wasm"),
                ("registry/bundled.bin", "registry.bin"),
            ] {
                fs::copy(first.join(from), dir.join(to)).map_err(|e| format!("copying {from}: {e}"))?;
            }
            fs::write(dir.join("mode.js"), format!("export const MODE = '{mode}';\n"))
                .map_err(|e| format!("writing mode.js: {e}"))?;
            args.push(format!("floor:{mode}={}", dir.display()));
        }
    }
    exec::run(
        cmd("node", &root).arg("benches/browser/run.mjs").args(&args),
        "browser benchmark",
    )
}

fn label(accounts: u64) -> String {
    match accounts {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M accounts", n / 1_000_000),
        n if n >= 1000 && n % 1000 == 0 => format!("{}k accounts", n / 1000),
        n => format!("{n} accounts"),
    }
}

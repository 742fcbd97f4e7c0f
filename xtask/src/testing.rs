//! `cargo xtask test`: every test the project has, in the order that fails fastest, with the counts of each layer
//! printed at the end. A layer that ran zero tests is a failure: a suite that silently skips (no browser, no wasm
//! runner) must never look green.
//!
//! Layers: `cargo fmt --check` (the workspace and the fuzz crate), `cargo clippy -D warnings` (native, the fuzz crate, and wasm32 per
//! feature set), the import-cycle check (`cargo xtask cycles`), the JavaScript type check (`tsc --noEmit`), native
//! `cargo test`, the server's tests again on a throwaway PostgreSQL cluster ([`POSTGRES_TESTS`], [`postgres`]), a fuzz smoke run (every libFuzzer target for [`FUZZ_SMOKE_SECONDS`] from its seeds, see
//! `cargo xtask fuzz`), `wasm-bindgen-test` in a real Chromium service worker and in Node, then `cargo xtask dist` and
//! the browser tests in `tests/e2e/` against the built extension. `cargo xtask test e2e` runs only the last two (for iterating on the extension).

use crate::exec::{self, cmd, project_root};
use crate::{dist, fuzz, postgres, tools};
use std::path::Path;

/// The feature sets of the wasm glue that clippy checks: each shipped build (the extension's two modules, the
/// portal), the benchmark build, and all together.
const WASM_FEATURE_SETS: [&str; 5] = ["extension", "lazy", "portal", "bench", "extension,lazy,portal,bench"];

/// The tests that run a second time on PostgreSQL (a throwaway cluster, `KOLTRUST_TEST_DATABASE`): the store
/// conformance suite and every server integration test that touches storage. `serve_datadir` (the SQLite file's
/// own safety) and `serve_slow_clients` (connection handling) do not depend on the store.
const POSTGRES_TESTS: [(&str, &str); 11] = [
    ("koltrust-server", "store_conformance"),
    ("koltrust-cli", "serve_complaints"),
    ("koltrust-cli", "serve_durability"),
    ("koltrust-cli", "serve_hygiene"),
    ("koltrust-cli", "serve_instances"),
    ("koltrust-cli", "serve_observability"),
    ("koltrust-cli", "serve_pull"),
    ("koltrust-cli", "serve_registry"),
    ("koltrust-cli", "registry_static"),
    ("koltrust-cli", "serve_backup"),
    ("koltrust-cli", "serve_console"),
];

/// Seconds each fuzz target runs in `cargo xtask test` (the long runs are `cargo xtask fuzz`'s).
pub const FUZZ_SMOKE_SECONDS: u64 = 5;

/// Runs every layer (or only the browser tests with `e2e`).
pub fn run(args: &[String]) -> Result<(), String> {
    let root = project_root();
    let only_e2e = args.iter().any(|a| a == "e2e");
    let started = std::time::Instant::now();
    let mut counts: Vec<(&str, u64)> = Vec::new();

    // Install everything up front so a missing tool fails the run in its first minute, not its last.
    tools::ensure_wasm_target(&root)?;
    let bindgen_bin = tools::ensure_wasm_bindgen(&root)?;
    tools::ensure_npm_packages(&root)?;
    let chromium = tools::ensure_chromium()?;
    let firefox = tools::ensure_firefox()?;
    if !only_e2e {
        fuzz::ensure_cargo_fuzz(&root)?;
        postgres::ensure_postgres()?;
    }

    if !only_e2e {
        exec::run(
            cmd("cargo", &root).args(["fmt", "--all", "--check"]),
            "cargo fmt --check (run `cargo fmt`)",
        )?;
        exec::run(
            cmd("cargo", &root).args(["fmt", "--check", "--manifest-path", "fuzz/Cargo.toml"]),
            "cargo fmt --check of fuzz/ (run `cargo fmt` in fuzz/)",
        )?;
        // Clippy for the native crates, then for wasm32 with each feature set the glue is built with (and all of
        // them together, which proves the features are additive).
        exec::run(
            cmd("cargo", &root).args([
                "clippy",
                "--workspace",
                "--exclude",
                "koltrust-wasm",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            "cargo clippy (native)",
        )?;
        // The fuzz crate is its own workspace (cargo-fuzz's layout): checked on its own, on the stable toolchain.
        exec::run(
            cmd("cargo", &root).args([
                "clippy",
                "--manifest-path",
                "fuzz/Cargo.toml",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            "cargo clippy (fuzz/)",
        )?;
        for features in WASM_FEATURE_SETS {
            exec::run(
                cmd("cargo", &root).args([
                    "clippy",
                    "--package",
                    "koltrust-wasm",
                    "--target",
                    tools::WASM_TARGET,
                    "--all-targets",
                    "--features",
                    features,
                    "--",
                    "-D",
                    "warnings",
                ]),
                &format!("cargo clippy (wasm32, features {features})"),
            )?;
        }
        exec::run(cmd("cargo", &root).arg("xtask").arg("cycles"), "import cycles")?;
        // The extension and the portal, then the browser tests and the wasm bench harness (their own project).
        for project in [".", "tests/e2e"] {
            exec::run(
                cmd("npx", &root).args(["--no-install", "tsc", "--noEmit", "-p", project]),
                &format!("JavaScript type check (tsc -p {project})"),
            )?;
        }
        let native = exec::run_captured(
            cmd("cargo", &root).args(["test", "--workspace", "--exclude", "koltrust-wasm"]),
            "native tests",
        )?;
        counts.push(("native (cargo test)", cargo_passed(&native)));

        // The server's tests again, each server on its own database of a throwaway PostgreSQL cluster.
        let cluster = postgres::Cluster::start()?;
        let mut on_postgres = cmd("cargo", &root);
        on_postgres.arg("test");
        let mut packages: Vec<&str> = POSTGRES_TESTS.iter().map(|(package, _)| *package).collect();
        packages.dedup();
        for package in packages {
            on_postgres.args(["--package", package]);
        }
        for (_, test) in POSTGRES_TESTS {
            on_postgres.args(["--test", test]);
        }
        let pg = exec::run_captured(
            on_postgres
                .env("KOLTRUST_TEST_DATABASE", &cluster.url)
                .env("KOLTRUST_TEST_PGBIN", &cluster.bin),
            "server tests on PostgreSQL",
        )?;
        drop(cluster);
        counts.push(("server on PostgreSQL", cargo_passed(&pg)));

        // Every fuzz target a few seconds from its committed seeds, two at a time: a crash fails the run (its input kept under
        // fuzz/artifacts/); the count is the targets that ran clean.
        let fuzzed = fuzz::run_targets(&root, &fuzz::TARGETS, FUZZ_SMOKE_SECONDS, None, true, 2)?;
        fuzz::check(&fuzzed)?;
        let clean = fuzzed.iter().filter(|o| o.crashes == 0 && o.executions > 0).count();
        counts.push(("fuzz smoke (libFuzzer targets)", clean as u64));

        let wasm = exec::run_captured(
            cmd("cargo", &root)
                .args([
                    "test",
                    "--target",
                    tools::WASM_TARGET,
                    "--package",
                    "koltrust-wasm",
                    "--features",
                    // Both extension modules' exports, called as the worker calls them.
                    "extension,lazy",
                    // wasm_bindings runs in a Chromium service worker, registry_wasm and unicode_host in Node.
                    "--test",
                    "wasm_bindings",
                    "--test",
                    "registry_wasm",
                    "--test",
                    "unicode_host",
                ])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    bindgen_bin.join("wasm-bindgen-test-runner"),
                )
                .env("CHROMEDRIVER", chromedriver_path())
                .env("WASM_BINDGEN_TEST_TIMEOUT", "60"),
            "wasm-bindgen tests",
        )?;
        counts.push(("wasm (wasm-bindgen-test)", cargo_passed(&wasm)));
    }

    let built = dist::run()?;
    counts.push((
        "Firefox build (web-ext lint)",
        crate::firefox::lint(&root, &built.firefox_dir)?,
    ));
    let (firefox_files, chromium_files): (Vec<String>, Vec<String>) =
        e2e_test_files(&root)?.into_iter().partition(|f| is_firefox_test(f));
    let node_tests = |files: &[String]| {
        let mut c = cmd("node", &root);
        c.args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
            .args(files)
            .env("KOLTRUST_EXTENSION_DIR", &built.extension_dir)
            .env("KOLTRUST_FIREFOX_DIR", &built.firefox_dir)
            .env("KOLTRUST_WWW_DIR", &built.www_dir)
            .env("KOLTRUST_BIN", exec::target_dir(&root).join("debug").join("koltrust"))
            .env("KOLTRUST_BUILD_KEY", crate::registry::build_key(&root))
            .env("KOLTRUST_BUILD_DIR", exec::target_dir(&root).join("koltrust-build"))
            .env("CHROMIUM", &chromium)
            .env("FIREFOX", &firefox);
        c
    };
    let browser = exec::run_captured(&mut node_tests(&chromium_files), "browser tests (Chromium)")?;
    counts.push(("browser (node --test, Chromium)", node_passed(&browser)));
    let started_firefox = std::time::Instant::now();
    let on_firefox = exec::run_captured(&mut node_tests(&firefox_files), "browser tests (Firefox)")?;
    println!(
        "Firefox browser tests: {:.0} s",
        started_firefox.elapsed().as_secs_f64()
    );
    counts.push(("browser (node --test, Firefox)", node_passed(&on_firefox)));

    println!("\nKOL Trust test summary ({:.0} s):", started.elapsed().as_secs_f64());
    let mut total = 0;
    for (layer, n) in &counts {
        println!("  {layer:<34} {n:>5} passed");
        total += n;
    }
    if let Some((layer, _)) = counts.iter().find(|(_, n)| *n == 0) {
        return Err(format!("{layer} ran no test"));
    }
    println!("{total} passed, 0 failed");
    Ok(())
}

/// Sums `test result: ok. N passed` lines of cargo's test harness (and wasm-bindgen-test-runner's, same format).
fn cargo_passed(output: &str) -> u64 {
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse::<u64>().ok())
        .sum()
}

/// Reads `ℹ pass N` from node's spec reporter.
fn node_passed(output: &str) -> u64 {
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("ℹ pass "))
        .filter_map(|n| n.trim().parse::<u64>().ok())
        .sum()
}

fn e2e_test_files(root: &Path) -> Result<Vec<String>, String> {
    let dir = root.join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err("tests/e2e has no *.test.mjs files".into());
    }
    Ok(files)
}

/// The Firefox browser tests: `tests/e2e/firefox*.test.mjs` (the rest run in Chromium).
fn is_firefox_test(path: &str) -> bool {
    Path::new(path)
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("firefox"))
}

fn chromedriver_path() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_from_runner_output() {
        let cargo =
            "test result: ok. 6 passed; 0 failed\n   test result: ok. 0 passed; 0 failed\ntest result: ok. 3 passed;";
        assert_eq!(cargo_passed(cargo), 9);
        assert_eq!(node_passed("ℹ tests 4\nℹ pass 4\nℹ fail 0\n"), 4);
        assert_eq!(node_passed("nothing"), 0);
    }
}

//! `cargo xtask`: the project's build orchestration, in Rust so it runs wherever cargo does.
//!
//! | command | does |
//! | --- | --- |
//! | `cargo xtask dist` | builds the WebAssembly glue, binds it, shrinks it, assembles `dist/extension/`, the zip, `dist/firefox/` with its `.xpi` ([`firefox`]) and `dist/www/`; fails when a `.wasm` is over its gzipped budget |
//! | `cargo xtask dist --release --server URL --pubkey FILE [--snapshot FILE]` | the same build made an operator's release: only their public key pinned, their server, their verified snapshot, no sample data ([`release`]) |
//! | `cargo xtask test` | every test: fmt, clippy (native and wasm32), cycles, tsc, native, wasm-bindgen-test, then the browser tests on the built extension |
//! | `cargo xtask demo` | builds the extension and the portal, and starts the Alliance server (`koltrust serve`, portal at `/`) on 127.0.0.1:8080 |
//! | `cargo xtask bench-wasm` | the WebAssembly benchmarks (Node), beside the native `cargo bench` |
//! | `cargo xtask bench-browser` | the worker's cold start, first badge and memory in Chromium with 2k/300k/1M-account registries ([`bench_browser`]) |
//! | `cargo xtask fuzz [TARGET] [--seconds N]` | coverage-guided fuzzing of the core's parsers (`fuzz/`, libFuzzer via cargo-fuzz, stable toolchain); fails on any crash |
//! | `cargo xtask cycles` | fails on an import cycle between files (Rust and JavaScript) or a core layer used out of order |
//! | `cargo xtask postgres` | a throwaway PostgreSQL cluster (prints `KOLTRUST_TEST_DATABASE=…`) for running the server tests' PostgreSQL pass by hand |
//! | `cargo xtask eval-promotion PATH` | promotion detection measured on the ViSpamReviews dev split in `PATH` ([`eval`]) |
//!
//! Each command first installs what it is missing ([`tools`]): the wasm32 target, the pinned wasm-bindgen CLI in the
//! git-ignored `.tools/` folder, npm packages from the committed lockfile, and Debian's Chromium when running as root.

mod bench;
mod bench_browser;
mod cycles;
mod dist;
mod eval;
mod exec;
mod firefox;
mod fuzz;
mod postgres;
mod registry;
mod release;
mod testing;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") if args.iter().any(|a| a == "--release") => release::run(&args[1..]),
        Some("dist") => dist::run().map(|_| ()),
        Some("test") => testing::run(&args[1..]),
        Some("demo") => dist::run().and_then(|_| demo()),
        Some("bench-wasm") => bench::run(),
        Some("bench-browser") => bench_browser::run(),
        Some("cycles") => cycles::run(&args[1..]),
        Some("eval-promotion") => eval::run(&args[1..]),
        Some("fuzz") => fuzz::run_cli(&args[1..]),
        Some("postgres") => postgres::run_cli(),
        _ => {
            eprintln!("usage: cargo xtask <dist|test|demo|bench-wasm|bench-browser|cycles|eval-promotion|fuzz|postgres>

  dist        build dist/extension, the zip, dist/firefox, the .xpi and dist/www; fails over a WASM size budget
              --release --server URL --pubkey FILE [--snapshot FILE]: an operator's release (dist/release/)
  test        run every test (fmt, clippy, cycles, tsc, native, fuzz smoke, wasm, browser)
  demo        build the extension and start the demo
  bench-wasm  WebAssembly benchmarks in Node
  bench-browser  worker cold start and first badge in Chromium with 2k/300k/1M-account registries
  cycles      no import cycles between files (Rust, JS), core layers in order
  eval-promotion PATH  promotion detection on the ViSpamReviews dev split in PATH
  fuzz        [TARGET] [--seconds N | --runs N] [--jobs N] [--no-trace-compares] [--seed]: libFuzzer on the core's parsers
  postgres    a throwaway PostgreSQL cluster for the server tests' PostgreSQL pass (Enter stops it)");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the Alliance server on loopback and explains how to see the extension (and the fixture pages).
fn demo() -> Result<(), String> {
    let root = exec::project_root();
    tools::ensure_npm_packages(&root)?;
    let data = root.join(".data/demo");
    // The demo server signs with the build key, so the extension just built trusts its updates.
    registry::seed_server_key(&root, &data)?;
    println!(
        "\nKOL Trust demo\n  1. The unpacked extension is in {ext}\n     Chrome/Chromium → chrome://extensions → Developer mode → Load unpacked → choose that folder (Edge: edge://extensions, Cốc Cốc: coccoc://extensions, the same way).\n     Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on → {firefox}/manifest.json.\n  2. The Alliance server starts below on http://127.0.0.1:8080 (data in {data}, git-ignored):\n     signed registry at /v1/registry/manifest, complaints at POST /v1/complaints, the public portal (dist/www) at /.\n     The first start creates a signing key and an admin token there and publishes the fictional sample registry.\n  3. Fixture pages that imitate the real sites, at their real hostnames: in another terminal run\n       node tests/e2e/lib/serve-fixtures.mjs --port 8443\n     then start a browser that maps those names to this machine, e.g.:\n       chromium --user-data-dir=$(mktemp -d) --ignore-certificate-errors --load-extension={ext} \\\n         --host-resolver-rules='MAP www.facebook.com 127.0.0.1:8443, MAP www.tiktok.com 127.0.0.1:8443, MAP www.youtube.com 127.0.0.1:8443, MAP www.instagram.com 127.0.0.1:8443, MAP x.com 127.0.0.1:8443' \\\n         https://www.tiktok.com/@minh.beauty.demo\n  Every person in the sample data is fictional. Ctrl-C stops the server (it finishes requests in flight).\n",
        ext = root.join("dist/extension").display(),
        firefox = root.join("dist/firefox").display(),
        data = data.display()
    );
    exec::run(
        exec::cmd("cargo", &root)
            .args([
                "run",
                "--release",
                "-p",
                "koltrust-cli",
                "--",
                "serve",
                "--init",
                "--data",
            ])
            .arg(&data)
            .args(["--addr", "127.0.0.1:8080", "--www"])
            .arg(root.join("dist/www")),
        "koltrust serve",
    )
}

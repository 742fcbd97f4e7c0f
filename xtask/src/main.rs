//! `cargo xtask`: the project's build orchestration, in Rust so it runs wherever cargo does.
//!
//! | command | does |
//! | --- | --- |
//! | `cargo xtask dist` | builds the WebAssembly core, binds it, shrinks it, assembles `dist/extension/` and the zip |
//! | `cargo xtask test` | every test: fmt, clippy, native, wasm-bindgen-test, then the browser tests on the built extension |
//! | `cargo xtask demo` | builds the extension and starts the demo (fixture pages on loopback, for now) |
//! | `cargo xtask bench-wasm` | the WebAssembly benchmarks (Node), beside the native `cargo bench` |
//!
//! Each command first installs what it is missing ([`tools`]): the wasm32 target, the pinned wasm-bindgen CLI in the
//! git-ignored `.tools/` folder, npm packages from the committed lockfile, and Debian's Chromium when running as root.

mod bench;
mod dist;
mod exec;
mod registry;
mod testing;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dist") => dist::run().map(|_| ()),
        Some("test") => testing::run(&args[1..]),
        Some("demo") => dist::run().and_then(|_| demo()),
        Some("bench-wasm") => bench::run(),
        _ => {
            eprintln!("usage: cargo xtask <dist|test|demo|bench-wasm>\n\n  dist        build dist/extension and the zip\n  test        run every test (fmt, clippy, native, wasm, browser)\n  demo        build the extension and start the demo\n  bench-wasm  WebAssembly benchmarks in Node");
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

/// Serves the fixture pages on loopback and explains how to see the extension on them.
fn demo() -> Result<(), String> {
    let root = exec::project_root();
    tools::ensure_npm_packages(&root)?;
    println!(
        "\nKOL Trust demo\n  1. The unpacked extension is in {ext}\n     Chrome/Chromium → chrome://extensions → Developer mode → Load unpacked → choose that folder.\n  2. The fixture pages below imitate the real sites and are served at their real hostnames.\n     Start a browser that maps those names to this machine, e.g.:\n       chromium --user-data-dir=$(mktemp -d) --ignore-certificate-errors --load-extension={ext} \\\n         --host-resolver-rules='MAP www.facebook.com 127.0.0.1:8443, MAP www.tiktok.com 127.0.0.1:8443, MAP www.youtube.com 127.0.0.1:8443, MAP www.instagram.com 127.0.0.1:8443, MAP x.com 127.0.0.1:8443' \\\n         https://www.tiktok.com/@minh.beauty.demo\n  Badges use the built-in DEMO table of fictional people until the signed registry lands.\n",
        ext = root.join("dist/extension").display()
    );
    exec::run(
        exec::cmd("node", &root).args(["tests/e2e/lib/serve-fixtures.mjs", "--port", "8443"]),
        "fixture server",
    )
}

//! `cargo xtask bench-wasm`: the WebAssembly side of the benchmarks. Builds the core with the `bench` feature
//! (extra exports that loop inside WebAssembly, never shipped), binds it for Node with the pinned wasm-bindgen,
//! shrinks it like the shipped build, and runs `benches/wasm/run.mjs`, which prints the median figures.
//! The native side is `cargo bench` (criterion).

use crate::dist;
use crate::exec::{self, cmd, project_root};
use crate::tools;

pub fn run() -> Result<(), String> {
    let root = project_root();
    tools::ensure_wasm_target(&root)?;
    let bindgen_bin = tools::ensure_wasm_bindgen(&root)?;
    tools::ensure_npm_packages(&root)?;
    let raw = dist::build_wasm(&root, &["bench"])?;
    let out = exec::target_dir(&root).join("wasm-bench-pkg");
    dist::bind_and_shrink(&root, &bindgen_bin, &raw, &out, "nodejs", "koltrust")?;
    exec::run(
        cmd("node", &root).arg("benches/wasm/run.mjs").arg(&out),
        "wasm benchmarks",
    )
}

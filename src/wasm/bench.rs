//! Benchmark exports for the WebAssembly harness (`cargo xtask bench-wasm`, `benches/wasm/run.mjs`), compiled only
//! with the `wasm-bench` feature and never shipped. Each export runs a core operation in a loop *inside* WebAssembly
//! and returns a checksum, so the JavaScript harness times the core itself rather than the boundary crossings.

use wasm_bindgen::prelude::*;

/// Recognizes every URL `rounds` times; returns how many recognized with an account (a checksum that keeps the
/// optimizer from discarding the work).
#[wasm_bindgen(js_name = recognizeRounds)]
pub fn recognize_rounds(urls: Vec<String>, rounds: u32) -> u32 {
    let mut found = 0u32;
    for _ in 0..rounds {
        for u in &urls {
            if crate::recognize::recognize(u).is_some_and(|r| r.account.is_some()) {
                found = found.wrapping_add(1);
            }
        }
    }
    found
}

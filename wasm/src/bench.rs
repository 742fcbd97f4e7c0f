//! Benchmark exports for the WebAssembly harness (`cargo xtask bench-wasm`, `benches/wasm/run.mjs`), compiled only
//! with the `bench` feature and never shipped. Each export runs a core operation in a loop *inside* WebAssembly
//! and returns a checksum, so the JavaScript harness times the core itself rather than the boundary crossings.

// Benchmark fixtures are fixed inputs: a failed `expect` is a broken benchmark, never a user-facing path.
#![allow(clippy::expect_used)]

use wasm_bindgen::prelude::*;

/// Recognizes every URL `rounds` times; returns how many recognized with an account (a checksum that keeps the
/// optimizer from discarding the work).
#[wasm_bindgen(js_name = recognizeRounds)]
pub fn recognize_rounds(urls: Vec<String>, rounds: u32) -> u32 {
    let mut found = 0u32;
    for _ in 0..rounds {
        for u in &urls {
            if koltrust::recognize::recognize(u).is_some_and(|r| r.account.is_some()) {
                found = found.wrapping_add(1);
            }
        }
    }
    found
}

use koltrust::platform::{IdType, Platform};
use koltrust::registry::{build_snapshot, Date, Registry, SnapshotMeta};

/// The fixed "today" of the benchmark registry.
const BENCH_DAY: &str = "2026-06-01";

fn bench_key() -> koltrust::registry::SigningKey {
    koltrust::registry::SigningKey::from_bytes(&[3; 32])
}

/// The public key of the benchmark registry, as the extension pins keys (64 hex digits).
#[wasm_bindgen(js_name = benchKeyHex)]
pub fn bench_key_hex() -> String {
    bench_key()
        .verifying_key()
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A signed snapshot of `records` fictional KOLs (see `testing::synthetic_records`).
#[wasm_bindgen(js_name = benchSnapshot)]
pub fn bench_snapshot(records: u32) -> Vec<u8> {
    let day = Date::parse(BENCH_DAY).expect("valid day");
    let all = koltrust::testing::synthetic_records(records as usize, day);
    let issued = day.start_unix_vn();
    let meta = SnapshotMeta {
        sequence: 1,
        issued_unix: issued,
        expires_unix: issued + 7 * 86_400,
    };
    build_snapshot(&all, &meta, &bench_key()).expect("benchmark records are valid")
}

/// The benchmark's "now" (ms), inside the snapshot's validity.
#[wasm_bindgen(js_name = benchNowMs)]
pub fn bench_now_ms() -> f64 {
    (Date::parse(BENCH_DAY).expect("valid day").start_unix_vn() + 3600) as f64 * 1000.0
}

/// Account names to look up: `count` registered TikTok handles spread over the registry, or as many unknown ones.
#[wasm_bindgen]
pub struct BenchNames(Vec<String>);

#[wasm_bindgen(js_name = benchNames)]
pub fn bench_names(records: u32, count: u32, known: bool) -> BenchNames {
    BenchNames(
        (0..count as u64)
            .map(|i| {
                if known {
                    format!("kol{}.demo", (i * 7919) % records.max(1) as u64)
                } else {
                    format!("nobody{i}.demo")
                }
            })
            .collect(),
    )
}

/// Looks every name up `rounds` times in the engine's registry (the badge-level answer: state only); returns the
/// number found.
#[wasm_bindgen(js_name = benchLookups)]
pub fn bench_lookups(engine: &crate::Engine, names: &BenchNames, rounds: u32) -> u32 {
    let registry: &Registry = &engine.registry;
    let mut found = 0u32;
    for _ in 0..rounds {
        for n in &names.0 {
            if let Ok(Some(_)) = registry.lookup(Platform::Tiktok, IdType::Handle, n) {
                found = found.wrapping_add(1);
            }
        }
    }
    found
}

/// The whole badge question for each name `rounds` times, as the worker asks it of a link (`views::badge::
/// badge_of_named`): for unknown names that is the lookup *and* the look-alike check (handle skeletons, and the
/// shown name's when `shown` is given); returns the number of badges.
#[wasm_bindgen(js_name = benchBadges)]
pub fn bench_badges(engine: &crate::Engine, names: &BenchNames, rounds: u32, shown: Option<String>) -> u32 {
    let registry: &Registry = &engine.registry;
    let mut badges = 0u32;
    for _ in 0..rounds {
        for n in &names.0 {
            let answer = koltrust::views::badge::badge_of_named(
                registry,
                Platform::Tiktok,
                IdType::Handle,
                n,
                shown.as_deref(),
                koltrust::i18n::Lang::Vi,
            );
            if let Ok(Some(_)) = answer {
                badges = badges.wrapping_add(1);
            }
        }
    }
    badges
}

//! The registry reader compiled to wasm32 and run by `wasm-bindgen-test-runner` (Node): build → open → lookup →
//! card → delta, so the code the service worker will run is exercised on its target, and a rough timing of open and
//! lookups at 1 M accounts is printed (the extension owns the real wasm benchmark).
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=.tools/wasm-bindgen-0.2.130/bin/wasm-bindgen-test-runner
//! cargo test --release --target wasm32-unknown-unknown --test registry_wasm`
#![cfg(target_arch = "wasm32")]
// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::i18n::Lang;
use koltrust::platform::{IdType, Platform};
use koltrust::registry::delta::{apply_delta, make_delta};
use koltrust::registry::keys::{KeySet, SigningKey};
use koltrust::registry::TrustState;
use koltrust::registry::{build_snapshot, Date, Record, Registry, SnapshotError, SnapshotMeta};
use koltrust::views::badge::badge_of;
use koltrust::views::record::record_card;
use wasm_bindgen_test::*;

fn records(n: usize) -> Vec<Record> {
    koltrust::testing::synthetic_records(n, Date::parse("2026-06-01").unwrap())
}

/// `performance.now()` (sub-millisecond), falling back to `Date.now()`.
fn now_ms() -> f64 {
    use wasm_bindgen::JsCast;
    let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok();
    let now = perf
        .as_ref()
        .and_then(|p| js_sys::Reflect::get(p, &"now".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (perf, now) {
        (Some(p), Some(f)) => f
            .call0(&p)
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or_else(js_sys::Date::now),
        _ => js_sys::Date::now(),
    }
}

#[wasm_bindgen_test]
fn build_open_lookup_card_and_delta_in_wasm() {
    let key = SigningKey::from_bytes(&[3; 32]);
    let keys = KeySet::single(key.verifying_key().to_bytes()).unwrap();
    let issued = Date::parse("2026-06-01").unwrap().start_unix_vn();
    let meta = |sequence| SnapshotMeta {
        sequence,
        issued_unix: issued,
        expires_unix: issued + 7 * 86_400,
    };
    let recs = records(500);
    let bytes = build_snapshot(&recs, &meta(1), &key).unwrap();
    let reg = Registry::open(bytes.clone(), &keys, None, issued + 60).unwrap();
    reg.verify_all().unwrap();
    let hit = reg
        .lookup(Platform::Tiktok, IdType::Handle, "kol42.demo")
        .unwrap()
        .unwrap();
    assert_eq!(hit.state, TrustState::Certified { score: 92 });
    assert_eq!(reg.lookup(Platform::Tiktok, IdType::Handle, "nobody").unwrap(), None);
    assert_eq!(
        record_card(&reg, hit.record, Lang::Vi).unwrap().registry_id,
        "KT-0000042"
    );
    let b = badge_of(&reg, Platform::Tiktok, IdType::Handle, "kol42.demo_official", Lang::En)
        .unwrap()
        .unwrap();
    assert_eq!(b.state, "lookalike");
    let mut more = recs.clone();
    more.extend(records(501).into_iter().skip(500));
    let new = build_snapshot(&more, &meta(2), &key).unwrap();
    let d = make_delta(&bytes, &new, &key).unwrap();
    assert_eq!(apply_delta(&bytes, &d, &keys).unwrap(), new);
    let mut bad = bytes.clone();
    bad[200] ^= 1;
    assert_eq!(
        Registry::open(bad, &keys, None, issued).unwrap_err(),
        SnapshotError::BadSignature
    );
}

#[wasm_bindgen_test]
fn rough_timing_at_1m_accounts_in_release() {
    let key = SigningKey::from_bytes(&[3; 32]);
    let keys = KeySet::single(key.verifying_key().to_bytes()).unwrap();
    let issued = Date::parse("2026-06-01").unwrap().start_unix_vn();
    let meta = SnapshotMeta {
        sequence: 1,
        issued_unix: issued,
        expires_unix: issued + 7 * 86_400,
    };
    // 1 M accounts in release; a small size in debug builds, which are too slow to build a million-account snapshot.
    let n = if cfg!(debug_assertions) { 3_334 } else { 333_334 };
    let bytes = build_snapshot(&records(n), &meta, &key).unwrap();
    let t = now_ms();
    let reg = Registry::open(bytes.clone(), &keys, None, issued + 60).unwrap();
    assert!(reg
        .lookup(Platform::Tiktok, IdType::Handle, "kol7.demo")
        .unwrap()
        .is_some());
    let cold = now_ms() - t;
    reg.verify_all().unwrap();
    let known: Vec<String> = (0..4096).map(|i| format!("kol{}.demo", (i * 7919) % n)).collect();
    let unknown: Vec<String> = (0..4096).map(|i| format!("nobody{i}.demo")).collect();
    let time = |names: &[String]| {
        let t = now_ms();
        for _ in 0..50 {
            for n in names {
                std::hint::black_box(reg.lookup(Platform::Tiktok, IdType::Handle, n).unwrap());
            }
        }
        (now_ms() - t) * 1e6 / (50.0 * names.len() as f64)
    };
    let (k, u) = (time(&known), time(&unknown));
    console_log!(
        "wasm (Node), {} accounts: {} bytes, cold start (copy + open + first lookup) {cold:.2} ms, lookup known {k:.0} ns, unknown {u:.0} ns",
        3 * n,
        bytes.len()
    );
}

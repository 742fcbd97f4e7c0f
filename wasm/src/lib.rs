//! # KOL Trust's WebAssembly glue
//!
//! The small, typed surface that the extension's service worker and pages, and the public portal, call. It converts
//! between JavaScript values and core types and decides nothing itself: every answer comes from the `koltrust` core.
//! Values cross as JSON-compatible objects (`Serializer::json_compatible`) so they survive
//! `chrome.runtime.sendMessage`'s structured clone.
//!
//! One opaque handle crosses the boundary (as in Ruffle): [`Engine`], an opened, signature-checked registry
//! snapshot. JavaScript holds it, asks it questions, and replaces it when a newer snapshot arrives; it never sees
//! the bytes' structure.
//!
//! | module | feature | exports |
//! | --- | --- | --- |
//! | this file | always | `recognize`, `coreVersion`, `Engine` (open, clock, freshness) |
//! | `card` | always | `Engine.card`: one account's detail card |
//! | `update` | always | `Engine.planUpdate` / `applyUpdate`: signed registry updates |
//! | `extension` | `extension` | batch and page lookups, the popup, promotion detection, the report dialog, the outbox |
//! | `portal` | `portal` | the portal's check, search, sanctions register and report form |
//! | `bench` | `bench` | loops inside WebAssembly for `cargo xtask bench-wasm`; never shipped |
//!
//! Features are additive: the shipped extension is built with `extension`, the portal with `portal`, so neither
//! carries the other's code (each has its own 150 KB gzipped budget, enforced by `cargo xtask dist`).
//!
//! **The host supplies the Unicode tables.** The core lower-cases and composes non-ASCII account ids
//! (`koltrust::text::unicode`); natively that is the standard library and the unicode-normalization crate, whose
//! tables would cost tens of KB gzipped here. The JS engine has the same functions (`toLowerCase`,
//! `normalize("NFC")`), so [`start`] passes them in before any export runs; `tests/unicode_host.rs` proves both give
//! the same answers on the shared corpus and on Vietnamese text.

use koltrust::registry::{KeySet, Registry, SnapshotError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(any(feature = "extension", feature = "portal"))]
mod args;
#[cfg(feature = "bench")]
pub mod bench;
mod card;
#[cfg(feature = "extension")]
pub mod extension;
#[cfg(feature = "portal")]
mod portal;
mod update;

/// Runs once when the module is instantiated, before any other export: gives the core the JS engine's Unicode
/// operations.
#[wasm_bindgen(start)]
pub fn start() {
    koltrust::text::unicode::set_host(JS_UNICODE);
}

/// The JS engine's NFC and lower-casing, as the core takes them.
pub const JS_UNICODE: koltrust::text::unicode::UnicodeHost = koltrust::text::unicode::UnicodeHost {
    nfc: js_nfc,
    lowercase: js_lowercase,
};

/// Canonical composition by the JS engine (`String.prototype.normalize("NFC")`).
pub fn js_nfc(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFC"))
}

/// Locale-independent lower-casing by the JS engine (`String.prototype.toLowerCase()`).
pub fn js_lowercase(s: &str) -> String {
    String::from(js_sys::JsString::from(s).to_lower_case())
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn snapshot_error(e: SnapshotError) -> JsError {
    JsError::new(&format!("registry: {e}"))
}

fn pinned(pinned_keys: &[String]) -> Result<KeySet, JsError> {
    let mut keys = KeySet::new();
    for k in pinned_keys {
        keys.add_hex(k)
            .ok_or_else(|| JsError::new(&format!("pinned key is not a valid Ed25519 key: {k}")))?;
    }
    Ok(keys)
}

/// The core's version, so a page can show which engine answered.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Recognizes one URL: `{platform, account: {id_type, account_id} | null, kind}` or `null`.
#[wasm_bindgen]
pub fn recognize(url: &str) -> Result<JsValue, JsError> {
    to_js(&koltrust::recognize::recognize(url))
}

/// An opened registry snapshot, and every question the extension asks of it.
#[wasm_bindgen]
pub struct Engine {
    registry: Registry,
    /// The pinned keys it was opened with: updates must be signed by one of them too.
    keys: KeySet,
    /// The update chosen by `planUpdate`, consumed by `applyUpdate`.
    pending: std::cell::RefCell<Option<koltrust::registry::update::UpdatePlan>>,
}

impl Engine {
    /// The pinned keys parsed, the held sequence and the clock converted, then `open` with them: the one way every
    /// constructor turns JavaScript arguments into an opened registry.
    pub(crate) fn opened_with(
        pinned_keys: &[String],
        held_sequence: Option<f64>,
        now_ms: f64,
        open: impl FnOnce(&KeySet, Option<u64>, i64) -> Result<Registry, SnapshotError>,
    ) -> Result<Engine, JsError> {
        let keys = pinned(pinned_keys)?;
        let registry =
            open(&keys, held_sequence.map(|s| s as u64), (now_ms / 1000.0) as i64).map_err(snapshot_error)?;
        Ok(Engine::from_registry(registry, keys))
    }

    pub(crate) fn from_registry(registry: Registry, keys: KeySet) -> Engine {
        Engine {
            registry,
            keys,
            pending: Default::default(),
        }
    }
}

#[wasm_bindgen]
impl Engine {
    /// Opens a snapshot: `bytes` (Uint8Array), `pinned_keys` (array of 64-hex-digit Ed25519 public keys),
    /// `held_sequence` (the sequence already trusted, to refuse rollbacks; `undefined` for none), `now_ms`
    /// (`Date.now()`). Fails with a one-line reason: bad magic, unknown key, bad signature, rollback…
    #[wasm_bindgen(constructor)]
    pub fn open(
        bytes: Vec<u8>,
        pinned_keys: Vec<String>,
        held_sequence: Option<f64>,
        now_ms: f64,
    ) -> Result<Engine, JsError> {
        Engine::opened_with(&pinned_keys, held_sequence, now_ms, |keys, held, now| {
            Registry::open(bytes, keys, held, now)
        })
    }

    /// Moves the engine's clock (the day statuses are judged on) without reopening.
    #[wasm_bindgen(js_name = setNow)]
    pub fn set_now(&mut self, now_ms: f64) {
        self.registry.set_now((now_ms / 1000.0) as i64);
    }

    /// `{sequence, issued_unix, expires_unix, stale}` of the opened snapshot.
    pub fn freshness(&self) -> Result<JsValue, JsError> {
        to_js(&self.registry.freshness())
    }
}

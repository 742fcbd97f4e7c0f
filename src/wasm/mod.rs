//! wasm-bindgen glue: the small, typed surface the extension's service worker and pages call. It converts between
//! JavaScript values and core types and decides nothing itself. Values cross as JSON-compatible objects
//! (`Serializer::json_compatible`) so they survive `chrome.runtime.sendMessage`'s structured clone.
//!
//! One opaque handle crosses the boundary (as in Ruffle): [`Engine`], an opened, signature-checked registry
//! snapshot. JavaScript holds it, asks it questions, and replaces it when a newer snapshot arrives; it never sees
//! the bytes' structure.

#[cfg_attr(feature = "portal", allow(unused_imports))]
use crate::i18n::Lang;
use crate::registry::{KeySet, Registry, SnapshotError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "wasm-bench")]
pub mod bench;
mod card;
#[cfg(feature = "portal")]
mod portal;
// The portal's build (feature `portal`) leaves out what only the extension asks — promotion detection, the report
// dialog, the outbox, batch and page lookups, the popup — so it fits its own 150 KB budget (measured: 157 KB
// gzipped with promotion and the lookups, 142 KB without).
#[cfg(not(feature = "portal"))]
mod outbox;
#[cfg(not(feature = "portal"))]
pub mod promotion;
#[cfg_attr(feature = "portal", allow(dead_code))]
mod read;
#[cfg(not(feature = "portal"))]
pub mod report;
mod update;

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn snapshot_error(e: SnapshotError) -> JsError {
    JsError::new(&format!("registry: {e}"))
}

/// The core's version, so a page can show which engine answered.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The state colours as CSS custom properties (`--kt-<state>-bg|ink|line`, light and dark), for every surface's
/// stylesheet: see `koltrust::palette`.
#[wasm_bindgen(js_name = paletteCss)]
pub fn palette_css() -> String {
    crate::palette::palette_css()
}

/// The toolbar icon's badge colour for a state code (`#rrggbb`), or `undefined` for an unknown code.
#[wasm_bindgen(js_name = toolbarColour)]
pub fn toolbar_colour(state: &str) -> Option<String> {
    crate::palette::toolbar_colour(state).map(str::to_string)
}

/// Recognizes one URL: `{platform, account: {id_type, account_id} | null, kind}` or `null`.
#[wasm_bindgen]
pub fn recognize(url: &str) -> Result<JsValue, JsError> {
    to_js(&crate::recognize::recognize(url))
}

/// An opened registry snapshot, and every question the extension asks of it.
#[wasm_bindgen]
pub struct Engine {
    registry: Registry,
    /// The pinned keys it was opened with: updates must be signed by one of them too.
    keys: KeySet,
    /// The update chosen by `planUpdate`, consumed by `applyUpdate`.
    pending: std::cell::RefCell<Option<crate::registry::update::UpdatePlan>>,
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
        let mut keys = KeySet::new();
        for k in &pinned_keys {
            keys.add_hex(k)
                .ok_or_else(|| JsError::new(&format!("pinned key is not a valid Ed25519 key: {k}")))?;
        }
        let held = held_sequence.map(|s| s as u64);
        let registry = Registry::open(bytes, &keys, held, (now_ms / 1000.0) as i64).map_err(snapshot_error)?;
        Ok(Engine {
            registry,
            keys,
            pending: Default::default(),
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

    #[cfg(not(feature = "portal"))]
    /// Answers a batch of links (an array of strings) for the given language tag and options (`{showUnknown}`).
    /// Returns an array of the same length holding a badge answer or `null` per link.
    #[wasm_bindgen(js_name = lookupLinks)]
    pub fn lookup_links(&self, hrefs: JsValue, lang: &str, opts: JsValue) -> Result<JsValue, JsError> {
        let hrefs = read::strings(&hrefs, "hrefs")?;
        let answers = crate::lookup::lookup_links(
            &self.registry,
            &hrefs,
            Lang::from_tag(lang),
            read::badge_options(&opts)?,
        )
        .map_err(snapshot_error)?;
        to_js(&answers)
    }

    #[cfg(not(feature = "portal"))]
    /// Answers the page question from a content script's page signals: `{main, badge}`.
    #[wasm_bindgen(js_name = lookupPage)]
    pub fn lookup_page(&self, signals: JsValue, lang: &str, opts: JsValue) -> Result<JsValue, JsError> {
        let signals = read::page_signals(&signals)?;
        let answer = crate::lookup::lookup_page(
            &self.registry,
            &signals,
            Lang::from_tag(lang),
            read::badge_options(&opts)?,
        )
        .map_err(snapshot_error)?;
        to_js(&answer)
    }

    #[cfg(not(feature = "portal"))]
    /// The toolbar popup's view of a page, from its signals (see `popup::PopupView`).
    #[wasm_bindgen(js_name = popupView)]
    pub fn popup_view(&self, signals: JsValue, lang: &str) -> Result<JsValue, JsError> {
        let signals = read::page_signals(&signals)?;
        let view = crate::popup::popup_view(&self.registry, &signals, Lang::from_tag(lang)).map_err(snapshot_error)?;
        to_js(&view)
    }
}

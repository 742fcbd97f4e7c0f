//! wasm-bindgen glue: the small, typed surface the extension's service worker and pages call. It converts between
//! JavaScript values and core types and decides nothing itself. Values cross as JSON-compatible objects
//! (`Serializer::json_compatible`) so they survive `chrome.runtime.sendMessage`'s structured clone.

use crate::i18n::Lang;
use crate::lookup::BadgeOptions;
use crate::recognize::PageSignals;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "wasm-bench")]
pub mod bench;

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Reads a JS value as `T`, naming the argument in the error (the message reaches the caller, not a panic).
fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// Options are optional: `undefined`/`null` mean the defaults.
fn options(value: JsValue) -> Result<BadgeOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(BadgeOptions::default())
    } else {
        from_js(value, "options")
    }
}

/// The core's version, so a page can show which engine answered.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Answers a batch of links (an array of strings) for the given language tag and options (`{showUnknown}`).
/// Returns an array of the same length holding a badge answer or `null` per link.
#[wasm_bindgen(js_name = lookupLinks)]
pub fn lookup_links(hrefs: JsValue, lang: &str, opts: JsValue) -> Result<JsValue, JsError> {
    let hrefs: Vec<String> = from_js(hrefs, "hrefs")?;
    to_js(&crate::lookup::lookup_links(
        &hrefs,
        Lang::from_tag(lang),
        options(opts)?,
    ))
}

/// Answers the page question from a content script's page signals: `{main, badge}`.
#[wasm_bindgen(js_name = lookupPage)]
pub fn lookup_page(signals: JsValue, lang: &str, opts: JsValue) -> Result<JsValue, JsError> {
    let signals: PageSignals = from_js(signals, "signals")?;
    to_js(&crate::lookup::lookup_page(
        &signals,
        Lang::from_tag(lang),
        options(opts)?,
    ))
}

/// Recognizes one URL: `{platform, account: {id_type, account_id} | null, kind}` or `null`.
#[wasm_bindgen]
pub fn recognize(url: &str) -> Result<JsValue, JsError> {
    to_js(&crate::recognize::recognize(url))
}

/// The toolbar popup's view of a page, from its signals (see `popup::PopupView`).
#[wasm_bindgen(js_name = popupView)]
pub fn popup_view(signals: JsValue, lang: &str) -> Result<JsValue, JsError> {
    let signals: PageSignals = from_js(signals, "signals")?;
    to_js(&crate::popup::popup_view(&signals, Lang::from_tag(lang)))
}

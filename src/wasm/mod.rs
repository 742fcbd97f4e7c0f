//! wasm-bindgen glue: the small, typed surface the extension's service worker and pages call. It converts between
//! JavaScript values and core types and decides nothing itself. Values cross as JSON-compatible objects
//! (`Serializer::json_compatible`) so they survive `chrome.runtime.sendMessage`'s structured clone.

use crate::i18n::Lang;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The core's version, so a page can show which engine answered.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Answers a batch of links (an array of strings) for the given language tag. Returns an array of the same length
/// holding a badge answer or `null` per link.
#[wasm_bindgen(js_name = lookupLinks)]
pub fn lookup_links(hrefs: JsValue, lang: &str) -> Result<JsValue, JsError> {
    let hrefs: Vec<String> = serde_wasm_bindgen::from_value(hrefs).map_err(|e| JsError::new(&format!("hrefs: {e}")))?;
    to_js(&crate::lookup::lookup_links(&hrefs, Lang::from_tag(lang)))
}

/// Recognizes one URL: `{platform, account: {id_type, account_id} | null, kind}` or `null`.
#[wasm_bindgen]
pub fn recognize(url: &str) -> Result<JsValue, JsError> {
    to_js(&crate::recognize::recognize(url))
}

/// The toolbar popup's view of the page at `url` (see `popup::PopupView`).
#[wasm_bindgen(js_name = popupView)]
pub fn popup_view(url: &str, lang: &str) -> Result<JsValue, JsError> {
    to_js(&crate::popup::popup_view(url, Lang::from_tag(lang)))
}

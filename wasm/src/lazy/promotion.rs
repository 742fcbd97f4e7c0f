//! wasm-bindgen glue for promotion detection: the report dialog asks the core what a post promotes and receives
//! the labelled view (`complaint::cues::PromotionView`) as a JSON-compatible object. It converts and decides
//! nothing.

use crate::{args, to_js};
use koltrust::i18n::Lang;
use wasm_bindgen::prelude::*;

/// Detects promotion cues in a post: `text` (its visible text), `links` (array of the hrefs in it, or
/// `undefined`/`null` for none), `lang` (a BCP 47 tag; anything but English reads Vietnamese). Returns
/// `{is_promotion, disclosed, summary, suggested_category, suggested_category_label, cues: [{kind, label, text,
/// start, end, link}], facts: {cues}}` where `start`/`end` are JavaScript string indices into `text` and `facts`
/// is ready for a complaint's `promotion` field. Fails only when `links` is not an array of strings.
#[wasm_bindgen(js_name = detectPromotion)]
pub fn detect_promotion(text: &str, links: JsValue, lang: &str) -> Result<JsValue, JsError> {
    let links: Vec<String> = if links.is_undefined() || links.is_null() {
        Vec::new()
    } else {
        args::strings(&links, "links")?
    };
    let links: Vec<&str> = links.iter().map(String::as_str).collect();
    to_js(&koltrust::complaint::cues::view(text, &links, Lang::from_tag(lang)))
}

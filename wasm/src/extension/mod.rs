//! The extension's exports (feature `extension`): what the service worker and the extension pages ask besides the
//! common ones — a content script's batch of links and its page, the toolbar popup, promotion detection, the report
//! dialog and the outbox. The portal's build leaves all of it out.

use crate::{snapshot_error, to_js, Engine};
use koltrust::i18n::Lang;
use wasm_bindgen::prelude::*;

mod outbox;
pub mod promotion;
pub mod report;
mod resident;
mod signals;

use signals::{badge_options, page_signals};

#[wasm_bindgen]
impl Engine {
    /// Answers a batch of links (an array of strings) for the given language tag and options (`{showUnknown}`).
    /// Returns an array of the same length holding a badge answer or `null` per link.
    #[wasm_bindgen(js_name = lookupLinks)]
    pub fn lookup_links(&self, hrefs: JsValue, lang: &str, opts: JsValue) -> Result<JsValue, JsError> {
        let hrefs = crate::args::strings(&hrefs, "hrefs")?;
        let answers =
            koltrust::views::lookup::lookup_links(&self.registry, &hrefs, Lang::from_tag(lang), badge_options(&opts)?)
                .map_err(snapshot_error)?;
        to_js(&answers)
    }

    /// Answers the page question from a content script's page signals: `{main, badge}`.
    #[wasm_bindgen(js_name = lookupPage)]
    pub fn lookup_page(&self, signals: JsValue, lang: &str, opts: JsValue) -> Result<JsValue, JsError> {
        let signals = page_signals(&signals)?;
        let answer =
            koltrust::views::lookup::lookup_page(&self.registry, &signals, Lang::from_tag(lang), badge_options(&opts)?)
                .map_err(snapshot_error)?;
        to_js(&answer)
    }

    /// The toolbar popup's view of a page, from its signals (see `popup::PopupView`).
    #[wasm_bindgen(js_name = popupView)]
    pub fn popup_view(&self, signals: JsValue, lang: &str) -> Result<JsValue, JsError> {
        let signals = page_signals(&signals)?;
        let view = koltrust::views::popup::popup_view(&self.registry, &signals, Lang::from_tag(lang))
            .map_err(snapshot_error)?;
        to_js(&view)
    }
}

//! The extension's first module (feature `extension`): what the service worker needs at start besides the common
//! exports — a content script's batch of links and its page, the toolbar popup — and the registry's facts that the
//! second module (`crate::lazy`, feature `lazy`) builds the detail card and the report draft from, handed over as
//! plain objects because the second module holds no registry. `signals` (the page-signal and option readers) is
//! compiled for both modules. The portal's build leaves all of it out.

#[cfg(feature = "extension")]
use crate::{snapshot_error, to_js, Engine};
#[cfg(feature = "extension")]
use koltrust::i18n::Lang;
#[cfg(feature = "extension")]
use wasm_bindgen::prelude::*;

#[cfg(feature = "extension")]
mod facts;
#[cfg(feature = "extension")]
mod resident;
#[cfg(feature = "extension")]
pub use resident::{head_probe_len, initial_read_len, prefix_chunk_layout};
// The second module alone reads page signals (report context) but no badge options.
#[cfg_attr(not(feature = "extension"), allow(dead_code))]
pub(crate) mod signals;

#[cfg(feature = "extension")]
use signals::{badge_options, page_signals};

/// Longest display name read (page text: names are far shorter; the core folds at most 256 bytes).
#[cfg(feature = "extension")]
const MAX_DISPLAY_NAME: usize = 256;

/// A batch of links as the content scripts send it: hrefs, the names shown beside them, the badge options.
#[cfg(feature = "extension")]
type LinkBatch = (Vec<String>, Vec<Option<String>>, koltrust::views::lookup::BadgeOptions);

#[cfg(feature = "extension")]
fn link_batch(hrefs: &JsValue, names: &JsValue, opts: &JsValue) -> Result<LinkBatch, JsError> {
    Ok((
        crate::args::strings(hrefs, "hrefs")?,
        signals::optional_strings(names, "names", MAX_DISPLAY_NAME)?,
        badge_options(opts)?,
    ))
}

#[cfg(feature = "extension")]
#[wasm_bindgen]
impl Engine {
    /// Answers a batch of links (an array of strings) for the given language tag and options (`{showUnknown}`);
    /// `names` (optional) holds the display name shown beside each link, or `null`. Returns an array of the same
    /// length holding a badge answer or `null` per link.
    #[wasm_bindgen(js_name = lookupLinks)]
    pub fn lookup_links(&self, hrefs: JsValue, lang: &str, opts: JsValue, names: JsValue) -> Result<JsValue, JsError> {
        let (hrefs, names, options) = link_batch(&hrefs, &names, &opts)?;
        let answers =
            koltrust::views::lookup::lookup_named_links(&self.registry, &hrefs, &names, Lang::from_tag(lang), options)
                .map_err(snapshot_error)?;
        to_js(&answers)
    }

    /// [`Engine::lookup_links`] without failing for want of registry bytes: `{answers, pending, recheck}`, where
    /// `pending` lists the links (indices) whose records are not loaded yet — the worker reads what the engine then
    /// wants and asks `lookupLinks` again for those links alone — and `recheck` the unregistered links whose
    /// look-alike check waits for the name index (`koltrust::views::lookup::lookup_named_links_partial`).
    #[wasm_bindgen(js_name = lookupLinksPartial)]
    pub fn lookup_links_partial(
        &self,
        hrefs: JsValue,
        lang: &str,
        opts: JsValue,
        names: JsValue,
    ) -> Result<JsValue, JsError> {
        let (hrefs, names, options) = link_batch(&hrefs, &names, &opts)?;
        let partial = koltrust::views::lookup::lookup_named_links_partial(
            &self.registry,
            &hrefs,
            &names,
            Lang::from_tag(lang),
            options,
        )
        .map_err(snapshot_error)?;
        to_js(&partial)
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

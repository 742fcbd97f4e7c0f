//! The public portal's bindings (cargo feature `portal`, built only into `dist/www/pkg/`): the extension's wasm never
//! carries them, so its 150 KB budget is untouched. Every function is a thin conversion around a core call —
//! [`koltrust::portal::check`] (open the published registry, the check query, the report form), [`koltrust::portal::bulk`] (vet a list),
//! [`koltrust::portal::register`] (the sanctions register), [`koltrust::portal::shared`] (a share's URL) — on the same [`Engine`] handle the extension uses.

use crate::args::strings;
use crate::update::manifest_from_js;
use crate::{snapshot_error, to_js, Engine};
use js_sys::Reflect;
use koltrust::i18n::Lang;
use koltrust::portal::check::{open_published, report_draft, ReportForm};
use koltrust::portal::register::{register, RegisterFilter};
use koltrust::registry::{Date, KeySet, SanctionKind};
use wasm_bindgen::prelude::*;

fn text(obj: &JsValue, key: &str) -> String {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn day(obj: &JsValue, key: &str) -> Result<Option<Date>, JsError> {
    let s = text(obj, key);
    if s.is_empty() {
        return Ok(None);
    }
    Date::parse(&s)
        .map(Some)
        .ok_or_else(|| JsError::new(&["register: ", key, " must be yyyy-mm-dd"].concat()))
}

fn some(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// What the check page looks up for a share into the installed portal (`share_target`): the profile or product URL
/// inside the share sheet's `title`, `text` and `url` (`portal::shared::shared_query`), else the shared words.
#[wasm_bindgen(js_name = sharedQuery)]
pub fn shared_query(title: &str, text: &str, url: &str) -> String {
    koltrust::portal::shared::shared_query(title, text, url)
}

/// The URLs of a pasted or uploaded list, in order (`bulk::vet_input`).
#[wasm_bindgen(js_name = vetInput)]
pub fn vet_input(text: &str) -> Vec<String> {
    koltrust::portal::bulk::vet_input(text)
}

/// The report form `{id, profileUrl, pageUrl, category, note, contact, consent, screenshot, createdMs}` →
/// `{submission}` (the JSON body for `POST /v1/complaints`) or `{errors: [{field, code, message}]}`.
#[wasm_bindgen(js_name = reportDraft)]
pub fn report_draft_js(form: JsValue, lang: &str) -> Result<JsValue, JsError> {
    let f = ReportForm {
        id: text(&form, "id"),
        profile_url: text(&form, "profileUrl"),
        page_url: text(&form, "pageUrl"),
        category: text(&form, "category"),
        note: text(&form, "note"),
        contact: text(&form, "contact"),
        screenshot: text(&form, "screenshot"),
        consent: Reflect::get(&form, &JsValue::from_str("consent"))
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        created_ms: Reflect::get(&form, &JsValue::from_str("createdMs"))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as i64,
    };
    #[derive(serde::Serialize)]
    struct Answer {
        submission: Option<koltrust::complaint::ComplaintSubmission>,
        errors: Vec<koltrust::portal::check::FormError>,
    }
    let answer = match report_draft(&f, Lang::from_tag(lang)) {
        Ok(s) => Answer {
            submission: Some(s),
            errors: Vec::new(),
        },
        Err(errors) => Answer {
            submission: None,
            errors,
        },
    };
    to_js(&answer)
}

#[wasm_bindgen]
impl Engine {
    /// Opens the registry a signed manifest points to: `text`, `key_id`, `signature` of the envelope, `parsed` = the
    /// manifest text parsed, `pinned_keys` (hex), `bytes` the downloaded snapshot. Fails with a one-line reason.
    #[wasm_bindgen(js_name = openPublished)]
    pub fn open_published_js(
        text: &str,
        key_id: &str,
        signature: &str,
        parsed: JsValue,
        pinned_keys: Vec<String>,
        bytes: Vec<u8>,
        now_ms: f64,
    ) -> Result<Engine, JsError> {
        let mut keys = KeySet::new();
        for k in &pinned_keys {
            keys.add_hex(k)
                .ok_or_else(|| JsError::new("pinned key is not a valid Ed25519 key"))?;
        }
        let manifest = manifest_from_js(&parsed)?;
        let registry = open_published(
            text,
            key_id,
            signature,
            &manifest,
            &keys,
            &bytes,
            (now_ms / 1000.0) as i64,
        )
        .map_err(snapshot_error)?;
        Ok(Engine {
            registry,
            keys,
            pending: Default::default(),
        })
    }

    /// Which registry answers, in words (`{sequence, issued, expires, stale, label}`), for the page's status line.
    #[wasm_bindgen(js_name = freshnessView)]
    pub fn freshness_view(&self, lang: &str) -> Result<JsValue, JsError> {
        to_js(&koltrust::views::record::freshness_view(
            &self.registry.freshness(),
            Lang::from_tag(lang),
        ))
    }

    /// Whether the registry is (or holds) fictional sample data: the page then says so on every page.
    #[wasm_bindgen(js_name = isSample)]
    pub fn is_sample(&self) -> Result<bool, JsError> {
        koltrust::portal::check::is_sample(&self.registry).map_err(snapshot_error)
    }

    /// "Check a profile": a URL, registry id or name → `portal::CheckAnswer`.
    pub fn check(&self, query: &str, lang: &str) -> Result<JsValue, JsError> {
        let now = self.registry.today().start_unix_vn();
        to_js(
            &koltrust::portal::check::check(&self.registry, query, now, Lang::from_tag(lang))
                .map_err(snapshot_error)?,
        )
    }

    /// Vets a slice of a list (`urls` from [`vet_input`]): one `bulk::VetRow` per URL.
    #[wasm_bindgen(js_name = vetRows)]
    pub fn vet_rows(&self, urls: JsValue, lang: &str) -> Result<JsValue, JsError> {
        let urls = strings(&urls, "urls")?;
        to_js(&koltrust::portal::bulk::vet_rows(&self.registry, &urls, Lang::from_tag(lang)).map_err(snapshot_error)?)
    }

    /// The vetting of a whole list as CSV, byte-identical to `koltrust vet` (`--bom` when `bom`) on the same text.
    #[wasm_bindgen(js_name = vetCsv)]
    pub fn vet_csv(&self, text: &str, bom: bool) -> Result<String, JsError> {
        koltrust::portal::bulk::vet_csv(&self.registry, text, bom).map_err(snapshot_error)
    }

    /// The sanctions register for `{kind, authority, status, at, from, to, text}` (strings, empty = any).
    #[wasm_bindgen(js_name = sanctionsRegister)]
    pub fn sanctions_register(&self, filter: JsValue, lang: &str) -> Result<JsValue, JsError> {
        let kind = text(&filter, "kind");
        let f = RegisterFilter {
            kind: match kind.as_str() {
                "" => None,
                k => Some(SanctionKind::parse(k).ok_or_else(|| JsError::new("register: unknown kind"))?),
            },
            authority: some(text(&filter, "authority")),
            status: some(text(&filter, "status")),
            at: day(&filter, "at")?,
            from: day(&filter, "from")?,
            to: day(&filter, "to")?,
            text: text(&filter, "text"),
        };
        to_js(&register(&self.registry, &f, Lang::from_tag(lang)).map_err(snapshot_error)?)
    }
}

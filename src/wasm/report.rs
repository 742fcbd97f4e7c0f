//! wasm-bindgen glue for the report dialog (`complaint::draft`): reads the content script's context and the
//! person's edits field by field (as `read` does, no generic deserializer: the extension's WebAssembly budget) and
//! returns the core's draft, preview and post flags as JSON text (`complaint::draft::json`). It decides nothing.

use super::read::{absent, get, opt_string, opt_strings, page_signals, strings};
use super::{snapshot_error, Engine};
use crate::complaint::draft::posts::post_flag;
use crate::complaint::draft::preview::{preview, screenshot_fits, screenshot_step, ReportEdits};
use crate::complaint::draft::{draft, json, ReportContext};
use crate::i18n::Lang;
use crate::platform::{AccountKey, IdType, Platform};
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// Posts per `detectPosts` call: a feed sends a frame's worth at a time.
const MAX_POSTS: u32 = 200;

/// `{account?: {platform, id_type, account_id}, profileUrl?, postUrl?, pageUrl, text?, links?, signals?}`.
fn context(v: &JsValue) -> Result<ReportContext, JsError> {
    if !v.is_object() {
        return Err(JsError::new("context: expected an object"));
    }
    let a = get(v, "account");
    let account = if absent(&a) {
        None
    } else {
        let s = |k| get(&a, k).as_string().unwrap_or_default();
        match (Platform::parse(&s("platform")), IdType::parse(&s("id_type"))) {
            (Some(p), Some(t)) => Some(AccountKey::new(p, t, s("account_id"))),
            _ => return Err(JsError::new("context.account: unknown platform or id_type")),
        }
    };
    let signals = get(v, "signals");
    Ok(ReportContext {
        account,
        profile_url: opt_string(v, "profileUrl", "context")?,
        post_url: opt_string(v, "postUrl", "context")?,
        page_url: opt_string(v, "pageUrl", "context")?.unwrap_or_default(),
        text: opt_string(v, "text", "context")?.unwrap_or_default(),
        links: opt_strings(v, "links", "context")?,
        signals: if absent(&signals) {
            None
        } else {
            Some(page_signals(&signals)?)
        },
    })
}

/// `{id, created, category, note, screenshot?, contact?, consent?}`.
fn edits(v: &JsValue) -> Result<ReportEdits, JsError> {
    if !v.is_object() {
        return Err(JsError::new("edits: expected an object"));
    }
    let text = |k| opt_string(v, k, "edits").map(Option::unwrap_or_default);
    Ok(ReportEdits {
        id: text("id")?,
        created: get(v, "created").as_f64().unwrap_or(0.0) as i64,
        category: text("category")?,
        note: text("note")?,
        screenshot: opt_string(v, "screenshot", "edits")?,
        contact: text("contact")?,
        consent: get(v, "consent").as_bool().unwrap_or(false),
    })
}

#[wasm_bindgen]
impl Engine {
    /// The report dialog's model for what the content script saw, as JSON text `{draft, preview}`: `draft` is
    /// `complaint::draft::ReportDraft` (the fields the dialog draws); with `edits` (not `null`), `preview` is
    /// `complaint::draft::preview::ReportPreview` — `{items, errors, submission}`, `submission` the exact wire JSON
    /// to send, present only when every rule passes.
    pub fn report(&self, ctx: JsValue, edited: JsValue, lang: &str) -> Result<String, JsError> {
        let (ctx, lang) = (context(&ctx)?, Lang::from_tag(lang));
        let draft = draft(&self.registry, &ctx, lang).map_err(snapshot_error)?;
        let preview = if absent(&edited) {
            None
        } else {
            Some(preview(&ctx, &draft, &edits(&edited)?, lang))
        };
        Ok(json::answer(&draft, preview.as_ref()))
    }
}

/// Which posts get a Report button: `posts` is an array of `{text, links}`; the answer is JSON text of an array with
/// one entry per post, `{label, title}` or `null`.
#[wasm_bindgen(js_name = detectPosts)]
pub fn detect_posts(posts: JsValue, lang: &str) -> Result<String, JsError> {
    if !Array::is_array(&posts) {
        return Err(JsError::new("posts: expected an array"));
    }
    let lang = Lang::from_tag(lang);
    let mut flags = Vec::new();
    for p in Array::from(&posts).iter().take(MAX_POSTS as usize) {
        let text = get(&p, "text").as_string().unwrap_or_default();
        let links_v = get(&p, "links");
        let links = if absent(&links_v) {
            Vec::new()
        } else {
            strings(&links_v, "posts.links")?
        };
        let links: Vec<&str> = links.iter().map(String::as_str).collect();
        flags.push(post_flag(&text, &links, lang));
    }
    Ok(json::flags(&flags))
}

/// The screenshot encoding to try at `attempt`: `[maxWidth, jpegQualityPercent]`, or `undefined` when none is left.
#[wasm_bindgen(js_name = screenshotStep)]
pub fn screenshot_step_js(attempt: u32) -> Option<Vec<u32>> {
    screenshot_step(attempt as usize).map(|(w, q)| vec![w, q])
}

/// Whether a screenshot `data:` URL of `len` characters is small enough to send.
#[wasm_bindgen(js_name = screenshotFits)]
pub fn screenshot_fits_js(len: u32) -> bool {
    screenshot_fits(len as usize)
}

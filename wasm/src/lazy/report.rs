//! wasm-bindgen glue for the report dialog (`complaint::draft`): reads the content script's context and the
//! person's edits field by field (as `read` does, no generic deserializer: the extension's WebAssembly budget) and
//! returns the core's draft, preview and post flags as JSON text (`complaint::draft::json`). It decides nothing.
//! The registry's part of a draft (the profile's badge state and name) comes from the first module: the worker asks
//! [`report_account`] which account the report is about, the first module's `Engine.profileFacts` what the
//! registry says of it, and passes those facts to [`report`].

use crate::extension::signals::{absent, get, page_signals};
use crate::to_js;
use js_sys::Array;
use koltrust::complaint::draft::posts::post_flag;
use koltrust::complaint::draft::preview::{preview, screenshot_fits, screenshot_step, ReportEdits};
use koltrust::complaint::draft::{draft_account, draft_with, json, ProfileFacts, ReportContext};
use koltrust::i18n::Lang;
use koltrust::platform::{AccountKey, IdType, Platform};
use wasm_bindgen::prelude::*;

/// Posts per `detectPosts` call: a feed sends a frame's worth at a time.
const MAX_POSTS: u32 = 200;

/// A string field; `None` when absent or not a string. Everything here comes from a web page, and the core bounds
/// and checks every value, so a wrong type is simply no value (no error text to format in the wasm build).
fn text(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

/// The strings of an array field (others skipped).
fn texts(obj: &JsValue, key: &str) -> Vec<String> {
    let v = get(obj, key);
    let mut out = Vec::new();
    if Array::is_array(&v) {
        for item in Array::from(&v).iter() {
            if let Some(s) = item.as_string() {
                out.push(s);
            }
        }
    }
    out
}

/// `{account?: {platform, id_type, account_id}, profileUrl?, postUrl?, pageUrl, text?, links?, signals?}`.
fn context(v: &JsValue) -> Result<ReportContext, JsError> {
    if !v.is_object() {
        return Err(JsError::new("context: expected an object"));
    }
    let a = get(v, "account");
    let field = |k| text(&a, k).unwrap_or_default();
    let account = match (Platform::parse(&field("platform")), IdType::parse(&field("id_type"))) {
        (Some(p), Some(t)) => Some(AccountKey::new(p, t, field("account_id"))),
        _ => None,
    };
    let signals = get(v, "signals");
    Ok(ReportContext {
        account,
        profile_url: text(v, "profileUrl"),
        post_url: text(v, "postUrl"),
        page_url: text(v, "pageUrl").unwrap_or_default(),
        text: text(v, "text").unwrap_or_default(),
        links: texts(v, "links"),
        signals: if absent(&signals) {
            None
        } else {
            Some(page_signals(&signals)?)
        },
        display_name: text(v, "displayName"),
    })
}

/// `{id, created, category, note, screenshot?, contact?, consent?}`.
fn edits(v: &JsValue) -> ReportEdits {
    let field = |k| text(v, k).unwrap_or_default();
    ReportEdits {
        id: field("id"),
        created: get(v, "created").as_f64().unwrap_or(0.0) as i64,
        category: field("category"),
        note: field("note"),
        screenshot: text(v, "screenshot"),
        contact: field("contact"),
        consent: get(v, "consent").as_bool().unwrap_or(false),
    }
}

/// `{state, state_label, name}` as `Engine.profileFacts` made it; `null`/`undefined` for none.
fn profile_facts(v: &JsValue) -> Option<ProfileFacts> {
    (!absent(v)).then(|| ProfileFacts {
        state: text(v, "state").unwrap_or_default(),
        state_label: text(v, "state_label").unwrap_or_default(),
        name: text(v, "name"),
        imitates: text(v, "imitates"),
    })
}

/// The account a report about what the content script saw is about: `{platform, id_type, account_id}` or `null`.
/// The worker asks the first module's `Engine.profileFacts` about it for [`report`].
#[wasm_bindgen(js_name = reportAccount)]
pub fn report_account(ctx: JsValue) -> Result<JsValue, JsError> {
    let key = draft_account(&context(&ctx)?);
    to_js(&key)
}

/// The report dialog's model for what the content script saw, as JSON text `{draft, preview}`: `draft` is
/// `complaint::draft::ReportDraft` (the fields the dialog draws) with `facts` (`Engine.profileFacts` of
/// [`report_account`]'s account, or `null`); with `edits` (not `null`), `preview` is
/// `complaint::draft::preview::ReportPreview` — `{items, errors, submission}`, `submission` the exact wire JSON to
/// send, present only when every rule passes.
#[wasm_bindgen]
pub fn report(ctx: JsValue, facts: JsValue, edited: JsValue, lang: &str) -> Result<String, JsError> {
    let (ctx, lang) = (context(&ctx)?, Lang::from_tag(lang));
    let draft = draft_with(&ctx, profile_facts(&facts).as_ref(), lang);
    let preview = if absent(&edited) {
        None
    } else {
        Some(preview(&ctx, &draft, &edits(&edited), lang))
    };
    Ok(json::answer(&draft, preview.as_ref()))
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
        let (post, links) = (text(&p, "text").unwrap_or_default(), texts(&p, "links"));
        let links: Vec<&str> = links.iter().map(String::as_str).collect();
        flags.push(post_flag(&post, &links, lang));
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

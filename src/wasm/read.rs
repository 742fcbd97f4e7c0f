//! Reading JavaScript arguments into core types, field by field with `Reflect`. serde-wasm-bindgen's generic
//! deserializer (and the float formatting its error messages pull in) measured over 10 KB of gzipped WebAssembly;
//! these few shapes do not need it. Every reader rejects a wrong shape with a one-line error naming the field.

use crate::lookup::{BadgeFilter, BadgeOptions};
use crate::recognize::{PageSignals, StableIdKind, StableIdSignal};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

fn bad(what: &str, expected: &str) -> JsError {
    JsError::new(&format!("{what}: expected {expected}"))
}

pub(super) fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub(super) fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// An array of strings.
pub fn strings(v: &JsValue, what: &str) -> Result<Vec<String>, JsError> {
    if !Array::is_array(v) {
        return Err(bad(what, "an array of strings"));
    }
    // A loop rather than `collect::<Result<…>>()`: each such collect instantiates its own adapter in the wasm build.
    let mut out = Vec::new();
    for s in Array::from(v).iter() {
        out.push(s.as_string().ok_or_else(|| bad(what, "an array of strings"))?);
    }
    Ok(out)
}

pub(super) fn opt_string(obj: &JsValue, key: &str, what: &str) -> Result<Option<String>, JsError> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| bad(&format!("{what}.{key}"), "a string"))
}

pub(super) fn opt_strings(obj: &JsValue, key: &str, what: &str) -> Result<Vec<String>, JsError> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(Vec::new());
    }
    strings(&v, &format!("{what}.{key}"))
}

fn stable_id_kind(s: &str) -> Option<StableIdKind> {
    match s {
        "fb_numeric_id" => Some(StableIdKind::FbNumericId),
        "yt_channel_id" => Some(StableIdKind::YtChannelId),
        "x_user_id" => Some(StableIdKind::XUserId),
        _ => None,
    }
}

/// A content script's page signals (see `recognize::page`).
pub fn page_signals(v: &JsValue) -> Result<PageSignals, JsError> {
    if !v.is_object() {
        return Err(bad("signals", "an object"));
    }
    let stable = get(v, "stableIds");
    let stable_ids = if absent(&stable) {
        Vec::new()
    } else {
        if !Array::is_array(&stable) {
            return Err(bad("signals.stableIds", "an array"));
        }
        let mut ids = Vec::new();
        for s in Array::from(&stable).iter() {
            let kind = get(&s, "kind").as_string().and_then(|k| stable_id_kind(&k));
            ids.push(StableIdSignal {
                kind: kind.ok_or_else(|| bad("signals.stableIds.kind", "a known id kind"))?,
                value: get(&s, "value")
                    .as_string()
                    .ok_or_else(|| bad("signals.stableIds.value", "a string"))?,
                handle: opt_string(&s, "handle", "signals.stableIds")?,
            });
        }
        ids
    };
    Ok(PageSignals {
        location: opt_string(v, "location", "signals")?.unwrap_or_default(),
        canonical: opt_string(v, "canonical", "signals")?,
        og_url: opt_string(v, "ogUrl", "signals")?,
        al_urls: opt_strings(v, "alUrls", "signals")?,
        json_ld_urls: opt_strings(v, "jsonLdUrls", "signals")?,
        stable_ids,
    })
}

/// Badge options `{showUnknown, only}`; `undefined`/`null` mean the defaults.
pub fn badge_options(v: &JsValue) -> Result<BadgeOptions, JsError> {
    if absent(v) {
        return Ok(BadgeOptions::default());
    }
    let show = get(v, "showUnknown");
    let only = get(v, "only");
    Ok(BadgeOptions {
        show_unknown: if absent(&show) {
            false
        } else {
            show.as_bool().ok_or_else(|| bad("options.showUnknown", "a boolean"))?
        },
        only: match only.as_string().as_deref() {
            None if absent(&only) => BadgeFilter::All,
            Some("all") => BadgeFilter::All,
            Some("sanctioned") => BadgeFilter::Sanctioned,
            Some("certified") => BadgeFilter::Certified,
            _ => return Err(bad("options.only", "all, sanctioned or certified")),
        },
    })
}

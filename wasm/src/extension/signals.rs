//! Reading the extension's arguments into core types, field by field with `Reflect` (see `crate::args` for why not
//! serde): a content script's page signals and the badge options. Every reader rejects a wrong shape with a
//! one-line error naming the field.

use crate::args::{bad, strings};
use js_sys::{Array, Reflect};
use koltrust::recognize::{PageSignals, StableIdKind, StableIdSignal};
use koltrust::views::lookup::{BadgeFilter, BadgeOptions};
use wasm_bindgen::prelude::*;

pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

pub(crate) fn opt_string(obj: &JsValue, key: &str, what: &str) -> Result<Option<String>, JsError> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| bad(&format!("{what}.{key}"), "a string"))
}

pub(crate) fn opt_strings(obj: &JsValue, key: &str, what: &str) -> Result<Vec<String>, JsError> {
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
pub(crate) fn page_signals(v: &JsValue) -> Result<PageSignals, JsError> {
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
        owner_urls: opt_strings(v, "ownerUrls", "signals")?,
        stable_ids,
        display_name: opt_string(v, "displayName", "signals")?,
    })
}

/// An optional array of strings or nulls (`undefined`/`null`: an empty list), each cut to `max` bytes.
pub(crate) fn optional_strings(v: &JsValue, what: &str, max: usize) -> Result<Vec<Option<String>>, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(v) {
        return Err(bad(what, "an array of strings or nulls"));
    }
    let mut out = Vec::new();
    for s in Array::from(v).iter() {
        out.push(s.as_string().map(|mut s| {
            if s.len() > max {
                let mut end = max;
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.truncate(end);
            }
            s
        }));
    }
    Ok(out)
}

/// Badge options `{showUnknown, only}`; `undefined`/`null` mean the defaults.
pub(crate) fn badge_options(v: &JsValue) -> Result<BadgeOptions, JsError> {
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

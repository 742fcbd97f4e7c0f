//! wasm-bindgen tests of the JavaScript-facing API, run by `wasm-bindgen-test-runner` inside a real Chromium
//! **service worker** — the context the extension's core lives in (no `window`, no DOM). They check what crosses
//! the boundary: shapes that survive structured cloning, nulls where no badge is due, and errors (not panics) on
//! bad input.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_service_worker);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property readable")
}

fn object(fields: &[(&str, &str)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    o.into()
}

fn hrefs(list: &[&str]) -> JsValue {
    list.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}

#[wasm_bindgen_test]
fn lookup_links_answers_in_order_with_nulls() {
    let answers = koltrust::wasm::lookup_links(
        hrefs(&[
            "https://www.tiktok.com/@minh.beauty.demo",
            "https://www.tiktok.com/explore",
            "garbage",
        ]),
        "en",
        JsValue::UNDEFINED,
    )
    .expect("valid input");
    let answers = Array::from(&answers);
    assert_eq!(answers.length(), 3);
    let first = answers.get(0);
    assert_eq!(get(&first, "platform").as_string().as_deref(), Some("tiktok"));
    assert_eq!(
        get(&first, "account_id").as_string().as_deref(),
        Some("minh.beauty.demo")
    );
    let badge = get(&first, "badge");
    // A plain Object (not a Map), so it survives chrome.runtime.sendMessage.
    assert!(badge.is_instance_of::<Object>() && !badge.is_instance_of::<js_sys::Map>());
    assert_eq!(get(&badge, "state").as_string().as_deref(), Some("sanctioned"));
    assert_eq!(get(&badge, "label").as_string().as_deref(), Some("Sanctioned"));
    assert_eq!(get(&badge, "demo").as_bool(), Some(true));
    assert!(answers.get(1).is_null());
    assert!(answers.get(2).is_null());
}

#[wasm_bindgen_test]
fn labels_follow_the_language_tag_and_default_to_vietnamese() {
    let vi = Array::from(
        &koltrust::wasm::lookup_links(
            hrefs(&["https://www.facebook.com/lan.review.demo"]),
            "vi-VN",
            JsValue::NULL,
        )
        .unwrap(),
    );
    assert_eq!(
        get(&get(&vi.get(0), "badge"), "label").as_string().as_deref(),
        Some("Đã chứng nhận · 92")
    );
    let other = Array::from(
        &koltrust::wasm::lookup_links(
            hrefs(&["https://www.facebook.com/lan.review.demo"]),
            "fr",
            JsValue::NULL,
        )
        .unwrap(),
    );
    assert_eq!(
        get(&get(&other.get(0), "badge"), "label").as_string().as_deref(),
        Some("Đã chứng nhận · 92")
    );
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_panic() {
    assert!(koltrust::wasm::lookup_links(JsValue::from_f64(3.0), "vi", JsValue::NULL).is_err());
    let mixed: JsValue = [JsValue::from_str("https://x.com/a"), JsValue::NULL]
        .into_iter()
        .collect::<Array>()
        .into();
    assert!(koltrust::wasm::lookup_links(mixed, "vi", JsValue::NULL).is_err());
}

#[wasm_bindgen_test]
fn popup_view_and_recognize_cross_the_boundary() {
    let view = koltrust::wasm::popup_view(object(&[("location", "https://x.com/tuan_tech_demo")]), "en").unwrap();
    assert_eq!(
        get(&get(&view, "badge"), "state").as_string().as_deref(),
        Some("registered")
    );
    assert!(get(&view, "demo_notice").as_string().is_some());
    let r = koltrust::wasm::recognize("https://www.youtube.com/@reviewcongnghe.demo").unwrap();
    assert_eq!(get(&r, "kind").as_string().as_deref(), Some("profile"));
    assert!(koltrust::wasm::recognize("not a url").unwrap().is_null());
    assert!(!koltrust::wasm::core_version().is_empty());
}

#[wasm_bindgen_test]
fn options_and_page_signals_cross_the_boundary() {
    let opts = Object::new();
    Reflect::set(&opts, &JsValue::from_str("showUnknown"), &JsValue::TRUE).unwrap();
    let answers = Array::from(
        &koltrust::wasm::lookup_links(hrefs(&["https://www.tiktok.com/@someone.new"]), "en", opts.into()).unwrap(),
    );
    assert_eq!(
        get(&get(&answers.get(0), "badge"), "state").as_string().as_deref(),
        Some("unknown")
    );

    let signals = object(&[
        ("location", "https://www.youtube.com/@renamed"),
        ("canonical", "https://www.youtube.com/channel/UCdemo0000000000000000A1"),
    ]);
    let page = koltrust::wasm::lookup_page(signals, "vi", JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&get(&page, "main"), "kind").as_string().as_deref(), Some("profile"));
    assert_eq!(
        get(&get(&page, "badge"), "state").as_string().as_deref(),
        Some("expired")
    );
    // Wrong shapes are errors with a reason.
    let err = koltrust::wasm::lookup_page(JsValue::from_str("nope"), "vi", JsValue::UNDEFINED);
    assert!(err.is_err());
}

#[wasm_bindgen_test]
fn non_ascii_handles_are_nfc_in_wasm_too() {
    // "hương.vi" composed (U+01B0 U+01A1) and decomposed (u + U+031B, o + U+031B): one account.
    let composed = koltrust::wasm::recognize("https://www.youtube.com/@H%C6%B0%C6%A1ng.Vi").unwrap();
    let decomposed = koltrust::wasm::recognize("https://www.youtube.com/@Hu%CC%9Bo%CC%9Bng.Vi").unwrap();
    let id = |v: &JsValue| get(&get(v, "account"), "account_id").as_string();
    assert_eq!(id(&composed).as_deref(), Some("hương.vi"));
    assert_eq!(id(&composed), id(&decomposed));
}

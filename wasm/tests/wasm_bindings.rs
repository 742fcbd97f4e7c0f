//! wasm-bindgen tests of the JavaScript-facing API, run by `wasm-bindgen-test-runner` inside a real Chromium
//! **service worker** — the context the extension's core lives in (no `window`, no DOM). They check what crosses
//! the boundary: the `Engine` handle over a signed snapshot, shapes that survive structured cloning, nulls where no
//! badge is due, and errors (not panics) on bad input and on bad snapshots. The second module's exports (card,
//! report, post flags; feature `lazy`) are called here as the worker calls them: with the first module's facts,
//! sent through `JSON.stringify`/`JSON.parse` to prove they are plain JSON-compatible values.
#![cfg(target_arch = "wasm32")]
// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use js_sys::{Array, Object, Reflect};
use koltrust::testing::{demo_snapshot, test_key, NOW};
use koltrust_wasm::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_service_worker);

const NOW_MS: f64 = NOW as f64 * 1000.0;

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

fn pinned() -> Vec<String> {
    let public = test_key().verifying_key().to_bytes();
    vec![public.iter().map(|b| format!("{b:02x}")).collect()]
}

fn engine() -> Engine {
    Engine::open(demo_snapshot(NOW), pinned(), None, NOW_MS).expect("signed test snapshot opens")
}

/// A value as it would arrive after a JSON round trip (what "plain, JSON-compatible" facts must survive).
fn through_json(v: JsValue) -> JsValue {
    js_sys::JSON::parse(&String::from(js_sys::JSON::stringify(&v).unwrap())).unwrap()
}

/// The detail card as the worker makes it: the first module's facts, then the second module's card.
fn card(e: &Engine, platform: &str, id_type: &str, id: &str, lang: &str, vetting: bool) -> Result<JsValue, String> {
    let facts = e.card_facts(platform, id_type, id, None).map_err(error_text)?;
    koltrust_wasm::lazy::card::detail_card(through_json(facts), platform, id, lang, vetting).map_err(error_text)
}

/// The report answer as the worker makes it: the second module resolves the account, the first says what the
/// registry knows of it, the second drafts.
fn report(e: &Engine, ctx: JsValue, edits: JsValue, lang: &str) -> Result<String, String> {
    use koltrust_wasm::lazy::report;
    let account = report::report_account(ctx.clone()).map_err(error_text)?;
    let facts = if account.is_null() {
        JsValue::NULL
    } else {
        let field = |k| get(&account, k).as_string().unwrap();
        through_json(
            e.profile_facts(&field("platform"), &field("id_type"), &field("account_id"), lang, None)
                .map_err(error_text)?,
        )
    };
    report::report(ctx, facts, edits, lang).map_err(error_text)
}

fn error_text(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    v.dyn_into::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn lookup_links_answers_in_order_with_nulls() {
    let answers = engine()
        .lookup_links(
            hrefs(&[
                "https://www.tiktok.com/@minh.beauty.demo",
                "https://www.tiktok.com/explore",
                "garbage",
            ]),
            "en",
            JsValue::UNDEFINED,
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
    assert_eq!(get(&badge, "tag").as_string().as_deref(), Some("SAMPLE"));
    assert!(answers.get(1).is_null());
    assert!(answers.get(2).is_null());
}

#[wasm_bindgen_test]
fn labels_follow_the_language_tag_and_default_to_vietnamese() {
    let e = engine();
    for tag in ["vi-VN", "fr"] {
        let a = Array::from(
            &e.lookup_links(
                hrefs(&["https://www.facebook.com/lan.review.demo"]),
                tag,
                JsValue::NULL,
                JsValue::UNDEFINED,
            )
            .unwrap(),
        );
        assert_eq!(
            get(&get(&a.get(0), "badge"), "label").as_string().as_deref(),
            Some("Đã chứng nhận · 92")
        );
    }
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_panic() {
    let e = engine();
    assert!(e
        .lookup_links(JsValue::from_f64(3.0), "vi", JsValue::NULL, JsValue::UNDEFINED)
        .is_err());
    let mixed: JsValue = [JsValue::from_str("https://x.com/a"), JsValue::NULL]
        .into_iter()
        .collect::<Array>()
        .into();
    assert!(e.lookup_links(mixed, "vi", JsValue::NULL, JsValue::UNDEFINED).is_err());
    assert!(e
        .lookup_page(JsValue::from_str("nope"), "vi", JsValue::UNDEFINED)
        .is_err());
}

#[wasm_bindgen_test]
fn tampered_or_unpinned_snapshots_are_refused_with_a_reason() {
    let mut bytes = demo_snapshot(NOW);
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    // The head is intact, so it opens; the damaged body chunk is refused when a lookup first touches it.
    let damaged = Engine::open(bytes, pinned(), None, NOW_MS).expect("the signed head is intact");
    let all = [
        "https://x.com/tuan_tech_demo",
        "https://www.tiktok.com/@minh.beauty.demo",
    ];
    let err = damaged
        .lookup_links(hrefs(&all), "en", JsValue::NULL, JsValue::UNDEFINED)
        .err()
        .map(error_text);
    assert!(
        err.is_some_and(|m| m.contains("registry")),
        "a damaged chunk fails the lookup, never answers wrong"
    );
    let other_key = vec!["11".repeat(32)];
    let refused = Engine::open(demo_snapshot(NOW), other_key, None, NOW_MS);
    assert!(refused.is_err());
    let err = Engine::open(demo_snapshot(NOW), pinned(), Some(5.0), NOW_MS)
        .err()
        .map(error_text);
    assert!(
        err.is_some_and(|m| m.contains("registry")),
        "rollback refused with a reason"
    );
    assert!(Engine::open(vec![1, 2, 3], pinned(), None, NOW_MS).is_err());
}

#[wasm_bindgen_test]
fn popup_view_and_recognize_cross_the_boundary() {
    let view = engine()
        .popup_view(object(&[("location", "https://x.com/tuan_tech_demo")]), "en")
        .unwrap();
    assert_eq!(
        get(&get(&view, "badge"), "state").as_string().as_deref(),
        Some("registered")
    );
    assert!(get(&view, "demo_notice").as_string().is_some());
    assert!(get(&view, "registry_line")
        .as_string()
        .is_some_and(|l| l.starts_with("Registry #1")));
    let r = koltrust_wasm::recognize("https://www.youtube.com/@reviewcongnghe.demo").unwrap();
    assert_eq!(get(&r, "kind").as_string().as_deref(), Some("profile"));
    assert!(koltrust_wasm::recognize("not a url").unwrap().is_null());
    assert!(!koltrust_wasm::core_version().is_empty());
}

#[wasm_bindgen_test]
fn options_and_page_signals_cross_the_boundary() {
    let e = engine();
    let opts = Object::new();
    Reflect::set(&opts, &JsValue::from_str("showUnknown"), &JsValue::TRUE).unwrap();
    let answers = Array::from(
        &e.lookup_links(
            hrefs(&["https://www.tiktok.com/@someone.new"]),
            "en",
            opts.into(),
            JsValue::UNDEFINED,
        )
        .unwrap(),
    );
    assert_eq!(
        get(&get(&answers.get(0), "badge"), "state").as_string().as_deref(),
        Some("unknown")
    );

    let signals = object(&[
        ("location", "https://www.youtube.com/@renamed"),
        ("canonical", "https://www.youtube.com/channel/UCdemo0000000000000000A1"),
    ]);
    let page = e.lookup_page(signals, "vi", JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&get(&page, "main"), "kind").as_string().as_deref(), Some("profile"));
    assert_eq!(
        get(&get(&page, "badge"), "state").as_string().as_deref(),
        Some("expired")
    );
}

#[wasm_bindgen_test]
fn non_ascii_handles_are_nfc_in_wasm_too() {
    // Module instantiation runs `start` (wasm-bindgen's `__wbindgen_start`) in the extension and the portal; the test
    // runner instantiates its own entry point instead, so the test does what instantiation does.
    koltrust_wasm::start();
    // "hương.vi" composed (U+01B0 U+01A1) and decomposed (u + U+031B, o + U+031B): one account.
    let composed = koltrust_wasm::recognize("https://www.youtube.com/@H%C6%B0%C6%A1ng.Vi").unwrap();
    let decomposed = koltrust_wasm::recognize("https://www.youtube.com/@Hu%CC%9Bo%CC%9Bng.Vi").unwrap();
    let id = |v: &JsValue| get(&get(v, "account"), "account_id").as_string();
    assert_eq!(id(&composed).as_deref(), Some("hương.vi"));
    assert_eq!(id(&composed), id(&decomposed));
}

#[wasm_bindgen_test]
fn card_crosses_the_boundary_for_one_account() {
    let e = engine();
    let card = card(&e, "tiktok", "handle", "minh.beauty.demo", "vi", false).unwrap();
    assert_eq!(get(&card, "kind").as_string().as_deref(), Some("record"));
    assert_eq!(get(&card, "state").as_string().as_deref(), Some("sanctioned"));
    let record = get(&card, "record");
    assert_eq!(get(&record, "registry_id").as_string().as_deref(), Some("KT-TEST-0003"));
    assert_eq!(Array::from(&get(&record, "active_sanctions")).length(), 1);
    assert_eq!(
        get(&get(&card, "labels"), "report").as_string().as_deref(),
        Some("Báo cáo")
    );
    assert!(get(&card, "vetting").is_null(), "no vetting record unless asked");

    let vetting = get(
        &crate::card(&e, "tiktok", "handle", "minh.beauty.demo", "en", true).unwrap(),
        "vetting",
    );
    let json = get(&vetting, "json").as_string().unwrap();
    let parsed = js_sys::JSON::parse(&json).expect("the core's JSON parses in the browser");
    assert_eq!(
        get(&get(&parsed, "record"), "status").as_string().as_deref(),
        Some("sanctioned")
    );
    assert!(get(&vetting, "csv")
        .as_string()
        .unwrap()
        .starts_with("generated_on,registry_id,"));

    let unknown = crate::card(&e, "tiktok", "handle", "nobody.here", "en", true).unwrap();
    assert_eq!(get(&unknown, "kind").as_string().as_deref(), Some("unknown"));
    let lookalike = crate::card(&e, "tiktok", "handle", "minh.beauty.dem0", "en", false).unwrap();
    assert_eq!(get(&lookalike, "kind").as_string().as_deref(), Some("lookalike"));
    assert_eq!(
        get(&get(&lookalike, "imitated"), "registry_id").as_string().as_deref(),
        Some("KT-TEST-0003")
    );
    let err = crate::card(&e, "myspace", "handle", "a", "en", false).err();
    assert_eq!(err.as_deref(), Some("card: unknown platform"));
    assert!(crate::card(&e, "tiktok", "handle", "", "en", false).is_err());
    let bad = koltrust_wasm::lazy::card::detail_card(JsValue::from_f64(1.0), "tiktok", "a", "en", false);
    assert_eq!(bad.err().map(error_text).as_deref(), Some("card facts: malformed"));
}

#[wasm_bindgen_test]
fn detect_promotion_labels_a_vietnamese_post_with_a_shopee_link_and_quangcao() {
    let text = "Kem chống nắng mình dùng cả hè 😍 nhập mã GIAM50 nha #quangcao";
    let view = koltrust_wasm::lazy::promotion::detect_promotion(text, hrefs(&["https://s.shopee.vn/9zXyAbC"]), "vi-VN")
        .expect("a string array of links is accepted");
    assert_eq!(get(&view, "is_promotion").as_bool(), Some(true));
    assert_eq!(get(&view, "disclosed").as_bool(), Some(true));
    let cues = Array::from(&get(&view, "cues"));
    let kinds: Vec<String> = cues.iter().filter_map(|c| get(&c, "kind").as_string()).collect();
    assert_eq!(kinds, ["discount_code", "disclosure", "shop_link"]);
    // Offsets are JavaScript string indices: the slice of the JS string is the cue's text.
    let code = cues.get(0);
    let js_text = js_sys::JsString::from(text);
    let (start, end) = (
        get(&code, "start").as_f64().unwrap(),
        get(&code, "end").as_f64().unwrap(),
    );
    assert_eq!(String::from(js_text.slice(start as u32, end as u32)), "GIAM50");
    assert_eq!(get(&code, "label").as_string().as_deref(), Some("Mã giảm giá"));
    let shop = cues.get(2);
    assert_eq!(get(&shop, "link").as_f64(), Some(0.0));
    assert_eq!(get(&shop, "text").as_string().as_deref(), Some("s.shopee.vn"));
    // The complaint-ready facts and the English labels.
    assert_eq!(Array::from(&get(&get(&view, "facts"), "cues")).length(), 3);
    let en = koltrust_wasm::lazy::promotion::detect_promotion(text, JsValue::UNDEFINED, "en").unwrap();
    assert_eq!(
        get(&Array::from(&get(&en, "cues")).get(1), "label")
            .as_string()
            .as_deref(),
        Some("Marked as advertising")
    );
    assert!(koltrust_wasm::lazy::promotion::detect_promotion(text, JsValue::from_f64(1.0), "vi").is_err());
}

#[wasm_bindgen_test]
fn report_draft_preview_and_post_flags_cross_the_boundary() {
    let parse = |s: String| js_sys::JSON::parse(&s).expect("JSON text");
    let e = engine();
    let ctx = object(&[
        ("profileUrl", "https://www.tiktok.com/@minh.beauty.demo"),
        (
            "postUrl",
            "https://www.tiktok.com/@minh.beauty.demo/video/7400000000000000001?utm_source=x",
        ),
        ("pageUrl", "https://www.tiktok.com/foryou"),
        ("text", "Nhập mã GIAM50 <b>ngay</b>"),
    ]);
    let answer = parse(report(&e, ctx.clone(), JsValue::NULL, "vi-VN").unwrap());
    let draft = get(&answer, "draft");
    assert!(get(&answer, "preview").is_null());
    assert_eq!(
        get(&get(&draft, "profile"), "name").as_string().as_deref(),
        Some("Lê Ngọc Minh")
    );
    let link = "https://www.tiktok.com/@minh.beauty.demo/video/7400000000000000001";
    assert_eq!(get(&draft, "link").as_string().as_deref(), Some(link));
    assert_eq!(
        get(&draft, "category").as_string().as_deref(),
        Some("undisclosed_advertising")
    );
    assert_eq!(
        get(&get(&draft, "labels"), "submit").as_string().as_deref(),
        Some("Gửi báo cáo")
    );
    let edits = object(&[
        ("id", "5f0c3a2e-8a1b-4c4d"),
        ("category", "misleading_claim"),
        ("note", "Sai"),
    ]);
    Reflect::set(&edits, &"created".into(), &JsValue::from_f64(NOW_MS)).unwrap();
    let preview = get(&parse(report(&e, ctx, edits, "en").unwrap()), "preview");
    assert_eq!(Array::from(&get(&preview, "errors")).length(), 0);
    let sub = get(&preview, "submission");
    assert_eq!(get(&sub, "page_url").as_string().as_deref(), Some(link));
    assert_eq!(
        get(&get(&sub, "profile"), "account_id").as_string().as_deref(),
        Some("minh.beauty.demo")
    );
    assert!(report(&e, JsValue::from_f64(1.0), JsValue::NULL, "vi").is_err());

    let posts: Array = [object(&[("text", "use code SARAH20")]), object(&[("text", "hello")])]
        .iter()
        .collect();
    let flags = parse(koltrust_wasm::lazy::report::detect_posts(posts.into(), "en").unwrap());
    assert_eq!(get(&get(&flags, "0"), "label").as_string().as_deref(), Some("Report"));
    assert!(get(&flags, "1").is_null());
}

#[wasm_bindgen_test]
fn shown_names_cross_with_links_cards_and_reports() {
    let e = engine();
    // The same unregistered account, once with a registered KOL's decorated name beside it and once without.
    let links = hrefs(&[
        "https://www.tiktok.com/@someone.else.2026",
        "https://www.tiktok.com/@someone.else.2026",
    ]);
    let names: JsValue = [JsValue::from_str("Lê Ngọc Minh ✅ Official"), JsValue::NULL]
        .into_iter()
        .collect::<Array>()
        .into();
    let answers: Array = e.lookup_links(links, "vi", JsValue::NULL, names).unwrap().into();
    assert_eq!(
        get(&get(&answers.get(0), "badge"), "state").as_string().as_deref(),
        Some("lookalike")
    );
    assert!(
        answers.get(1).is_null(),
        "without the name it is an ordinary unknown account"
    );
    // A shown name that is not a string list is refused with a reason.
    assert!(e
        .lookup_links(hrefs(&["https://x.com/a"]), "vi", JsValue::NULL, JsValue::from_f64(1.0))
        .is_err());

    // The card facts carry how it imitates; the second module words it.
    let facts = e
        .card_facts(
            "tiktok",
            "handle",
            "someone.else.2026",
            Some("Lê Ngọc Minh ✅ Official".into()),
        )
        .unwrap();
    assert_eq!(
        get(&get(&facts, "imitation"), "via").as_string().as_deref(),
        Some("name")
    );
    let card = koltrust_wasm::lazy::card::detail_card(through_json(facts), "tiktok", "someone.else.2026", "vi", false)
        .unwrap();
    assert_eq!(get(&card, "kind").as_string().as_deref(), Some("lookalike"));
    assert!(get(&card, "message")
        .as_string()
        .is_some_and(|m| m.contains("«Lê Ngọc Minh ✅ Official»") && m.contains("dấu tích xác minh giả")));

    // The impersonation report: category and note prefilled with the imitated account.
    let ctx = object(&[
        ("pageUrl", "https://www.tiktok.com/@someone.else.2026"),
        ("displayName", "Lê Ngọc Minh ✅ Official"),
    ]);
    Reflect::set(
        &ctx,
        &"account".into(),
        &object(&[
            ("platform", "tiktok"),
            ("id_type", "handle"),
            ("account_id", "someone.else.2026"),
        ]),
    )
    .unwrap();
    let account = koltrust_wasm::lazy::report::report_account(ctx.clone()).unwrap();
    assert!(!account.is_null());
    let facts = e
        .profile_facts(
            "tiktok",
            "handle",
            "someone.else.2026",
            "vi",
            Some("Lê Ngọc Minh ✅ Official".into()),
        )
        .unwrap();
    let answer = koltrust_wasm::lazy::report::report(ctx, through_json(facts), JsValue::NULL, "vi").unwrap();
    let v = js_sys::JSON::parse(&answer).unwrap();
    let draft = get(&v, "draft");
    assert_eq!(get(&draft, "category").as_string().as_deref(), Some("impersonation"));
    assert!(get(&draft, "note")
        .as_string()
        .is_some_and(|n| n.starts_with("Mạo danh Lê Ngọc Minh — TikTok · minh.beauty.demo")));
    assert_eq!(koltrust_wasm::extension::head_probe_len(), 176.0);
}

/// A cold start's first batch on a registry opened from its resident prefix, as the worker asks it: registered
/// links whose record is not loaded come back `pending`, strangers whose look-alike check needs the name index come
/// back `recheck`; the chunk layout is known from the head; supplied bytes with digests that do not match are refused.
#[wasm_bindgen_test]
fn a_first_batch_on_the_resident_prefix_lists_pending_and_recheck_links() {
    use koltrust::registry::{Date, SnapshotMeta};
    use koltrust_wasm::extension::{head_probe_len, prefix_chunk_layout};
    // The demo people behind 300 synthetic KOLs, in 1 KiB chunks: the records and the name index lie past the prefix.
    let mut records = koltrust::testing::synthetic_records(300, Date::from_unix_vn(NOW));
    records.extend(koltrust::testing::demo_records(NOW));
    let meta = SnapshotMeta {
        sequence: 1,
        issued_unix: NOW - 3600,
        expires_unix: NOW + 30 * 86_400,
    };
    let file = koltrust::registry::snapshot::build_snapshot_with_chunk(&records, &meta, &test_key(), 10).unwrap();
    let probe = head_probe_len() as usize;
    let prefix_len = koltrust::registry::resident_prefix_len(&file[..probe]).unwrap();
    let layout = prefix_chunk_layout(&file[..probe], prefix_len as f64).unwrap();
    assert_eq!(layout.len(), 3);
    let mut e = Engine::open_resident(file.len() as f64, file[..prefix_len].to_vec(), pinned(), None, NOW_MS).unwrap();

    let batch = hrefs(&[
        "https://www.tiktok.com/@bepnha.demo",
        "https://www.tiktok.com/@nobody.at.all.2026",
    ]);
    let partial = e
        .lookup_links_partial(batch.clone(), "vi", JsValue::NULL, JsValue::UNDEFINED)
        .unwrap();
    let list = |k: &str| -> Vec<f64> {
        Array::from(&get(&partial, k))
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect()
    };
    assert_eq!(
        list("pending"),
        vec![0.0],
        "the registered account's record is not loaded yet"
    );
    assert_eq!(
        list("recheck"),
        vec![1.0],
        "the stranger's look-alike check waits for the name index"
    );
    assert_eq!(Array::from(&get(&partial, "answers")).length(), 2);

    // Asked again, the pending link names what to read; digests of other bytes are refused and taint the engine.
    assert!(e
        .lookup_links(
            hrefs(&["https://www.tiktok.com/@bepnha.demo"]),
            "vi",
            JsValue::NULL,
            JsValue::UNDEFINED
        )
        .is_err());
    let wanted = e.take_wanted();
    let (start, end) = (wanted[0] as usize, wanted[1] as usize);
    let chunks = (end - start).div_ceil(layout[1] as usize);
    assert!(e
        .supply_digested(start as f64, &file[start..end], &vec![0u8; 32 * chunks])
        .is_err());
    assert!(e.tainted());
}

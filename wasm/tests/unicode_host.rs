//! The two implementations of the core's Unicode operations give the same answers: the JS engine's
//! `String.prototype.normalize("NFC")` and `toLowerCase()` (what the shipped glue passes to the core,
//! `koltrust_wasm::JS_UNICODE`) and the unicode-normalization crate and the standard library (what native builds use,
//! the core's `unicode-tables` feature). Run in Node by `wasm-bindgen-test-runner`.
//!
//! Checked on every URL of the shared corpus (as given, upper-cased, decomposed and composed, then recognized under
//! both hosts) and on Vietnamese text in upper and lower case, composed and decomposed, where the two must agree byte
//! for byte.
#![cfg(target_arch = "wasm32")]
// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::recognize::recognize;
use koltrust::text::unicode::{nfc, set_host, UnicodeHost};
use koltrust_wasm::JS_UNICODE;
use unicode_normalization::UnicodeNormalization;
use wasm_bindgen_test::*;

/// The shared corpus, embedded at compile time (the test runs where there is no file system).
const CORPUS: &str = include_str!("../../../shared/corpus/profile_urls.tsv");

fn crate_nfc(s: &str) -> String {
    s.nfc().collect()
}

fn std_lowercase(s: &str) -> String {
    s.to_lowercase()
}

/// What native builds use.
const NATIVE: UnicodeHost = UnicodeHost {
    nfc: crate_nfc,
    lowercase: std_lowercase,
};

/// Vietnamese names, words and handles typed the ways people type them.
const VIETNAMESE: &[&str] = &[
    "Nguyễn Thị Thu Hương",
    "Lê Ngọc Minh",
    "Trần Văn Đức",
    "Phạm Quỳnh Anh",
    "Hồ Ngọc Hà",
    "Đặng Thị Ánh Tuyết",
    "Bùi Xuân Huấn",
    "Vũ Khắc Tiệp",
    "quảng cáo sản phẩm chính hãng",
    "HOÀN TIỀN 100% — GIẢM GIÁ SỐC",
    "ưu đãi độc quyền, hàng xách tay",
    "Thử thách 30 ngày: giảm cân cấp tốc",
    "@hương.vi",
    "@thảo.my_official",
    "ỹ ỷ ỵ ự ử ữ ừ ứ ợ ở ỡ ờ ớ ộ ổ ỗ ồ ố ọ ỏ ị ỉ ệ ể ễ ề ế ẹ ẻ ẽ ặ ẳ ẵ ằ ắ ậ ẩ ẫ ầ ấ ạ ả",
    "Ỹ Ỷ Ỵ Ự Ử Ữ Ừ Ứ Ợ Ở Ỡ Ờ Ớ Ộ Ổ Ỗ Ồ Ố Ọ Ỏ Ị Ỉ Ệ Ể Ễ Ề Ế Ẹ Ẻ Ẽ Ặ Ẳ Ẵ Ằ Ắ Ậ Ẩ Ẫ Ầ Ấ Ạ Ả Đ",
];

/// The forms of a text a page may carry: as given, fully decomposed (NFD), composed, and upper-cased in each.
fn forms(s: &str) -> Vec<String> {
    let upper = s.to_uppercase();
    vec![
        s.to_owned(),
        s.nfd().collect(),
        s.nfc().collect(),
        upper.clone(),
        upper.nfd().collect(),
    ]
}

/// Percent-encodes the non-ASCII bytes of `s`, as a browser writes a URL.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decodes a URL leniently (invalid escapes stay), for building its decomposed variant.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

#[wasm_bindgen_test]
fn vietnamese_text_composes_and_lowercases_identically() {
    for text in VIETNAMESE {
        for form in forms(text) {
            assert_eq!(koltrust_wasm::js_nfc(&form), crate_nfc(&form), "nfc {form:?}");
            assert_eq!(
                koltrust_wasm::js_lowercase(&form),
                std_lowercase(&form),
                "lowercase {form:?}"
            );
        }
    }
    // Letters whose lower case is not one code point, or depends on context (final sigma), in other scripts a
    // handle may use.
    for text in [
        "İSTANBUL",
        "ΟΔΥΣΣΕΥΣ",
        "ǅUNGLA",
        "ẞTRASSE",
        "ＦＵＬＬＷＩＤＴＨ",
        "ДМИТРИЙ",
    ] {
        assert_eq!(
            koltrust_wasm::js_lowercase(text),
            std_lowercase(text),
            "lowercase {text:?}"
        );
    }
}

#[wasm_bindgen_test]
fn every_corpus_url_is_recognized_identically() {
    let mut checked = 0;
    for line in CORPUS.lines().skip(1) {
        let url = line.split('\t').next().unwrap_or_default();
        if url.is_empty() {
            continue;
        }
        let decoded = decode(url);
        let mut variants = vec![url.to_owned()];
        for form in forms(&decoded) {
            variants.push(encode(&form));
        }
        for variant in variants {
            set_host(JS_UNICODE);
            let by_js = format!("{:?}", recognize(&variant));
            set_host(NATIVE);
            let by_crate = format!("{:?}", recognize(&variant));
            assert_eq!(by_js, by_crate, "{variant}");
            checked += 1;
        }
    }
    assert!(checked >= 2500, "corpus looks truncated: {checked} variants");
}

#[wasm_bindgen_test]
fn vietnamese_handles_are_recognized_identically_in_every_form() {
    for handle in ["hương.vi", "thảo.my", "đức.trần", "quỳnh.anh", "ánh.tuyết"] {
        let mut answers = Vec::new();
        for form in forms(handle) {
            let url = format!("https://www.youtube.com/@{}", encode(&form));
            set_host(JS_UNICODE);
            let by_js = format!("{:?}", recognize(&url));
            set_host(NATIVE);
            let by_crate = format!("{:?}", recognize(&url));
            assert_eq!(by_js, by_crate, "{url}");
            answers.push(by_js);
        }
        // Composed and decomposed spellings are the same account.
        assert!(answers.windows(2).all(|w| w[0] == w[1]), "{handle}: {answers:?}");
        assert!(answers[0].contains("account: Some"), "{handle}: {}", answers[0]);
        assert_eq!(nfc(handle), crate_nfc(handle));
    }
}

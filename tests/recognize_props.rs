//! Property tests for recognition and canonicalization:
//! - `recognize` never panics, on arbitrary strings and on URL-shaped strings built from the pieces the
//!   recognizers care about (hosts of every site, reserved words, ids, escapes, wrappers, fragments);
//! - an answer has an account exactly when its kind is not `not_profile`;
//! - `canonical_url` is idempotent;
//! - `canonical_profile_url` of a recognized account recognizes back to the same account, as a profile.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::recognize::{canonical_profile_url, canonical_url, recognize, Kind};
use proptest::prelude::*;

const HOSTS: &[&str] = &[
    "www.facebook.com",
    "m.facebook.com",
    "mbasic.facebook.com",
    "l.facebook.com",
    "lm.facebook.com",
    "vi-vn.facebook.com",
    "fb.com",
    "fb.watch",
    "www.tiktok.com",
    "vt.tiktok.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "consent.youtube.com",
    "youtu.be",
    "www.instagram.com",
    "l.instagram.com",
    "instagr.am",
    "x.com",
    "mobile.twitter.com",
    "t.co",
    "www.threads.net",
    "threads.com",
    "l.threads.net",
    "shopee.vn",
    "s.shopee.vn",
    "www.lazada.vn",
    "zalo.me",
    "oa.zalo.me",
    "www.google.com",
    "google.com.vn",
    "nam12.safelinks.protection.outlook.com",
    "l.messenger.com",
    "example.com",
    "WWW.FACEBOOK.COM",
    "X.COM:443",
    "user@x.com",
];

const WORDS: &[&str] = &[
    "@jack",
    "%40jack",
    "@",
    "jack",
    "Jack",
    "zuck",
    "natgeo",
    "channel",
    "UC2yXPzFejc422buOIzn_0CA",
    "c",
    "user",
    "people",
    "pages",
    "pg",
    "groups",
    "profile.php",
    "story.php",
    "permalink.php",
    "l.php",
    "redirect",
    "url",
    "link",
    "v2",
    "p",
    "reel",
    "reels",
    "tv",
    "stories",
    "highlights",
    "_u",
    "status",
    "statuses",
    "video",
    "photo",
    "live",
    "post",
    "shop",
    "product",
    "i.1.2",
    "a-i.12.34",
    "x-cat.1",
    "intent",
    "follow",
    "browse",
    "posts",
    "123456789",
    "0961565495",
    "4318420380498411616",
    "%",
    "%E1%BB%85",
    "%FF",
    "%CC%82",
    "..",
    ".",
    "Ĳ",
    "İ",
    "ß",
    "ǅ",
    "ΣΑΣ",
    "으아",
    "中村",
    "e\u{302}\u{303}",
    "\\",
    "#",
    "?",
    "&",
    "=",
];

const KEYS: &[&str] = &[
    "id",
    "u",
    "q",
    "url",
    "continue",
    "target",
    "screen_name",
    "v",
    "utm_source",
    "fbclid",
    "s",
    "t",
    "si",
    "story_fbid",
    "__cft__[0]",
    "",
    "ID",
];

const TARGETS: &[&str] = &[
    "https%3A%2F%2Fwww.tiktok.com%2F%40jack",
    "https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3Dhttps%253A%252F%252Fx.com%252Fjack",
    "https://www.instagram.com/natgeo/",
    "https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fwww.youtube.com%252F%2540x",
    "https%3A%2F%2Fexample.com%2F",
    "%FF",
    "",
    "123",
    "javascript%3Aalert(1)",
];

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9._@%-]{0,12}",
        1 => "\\PC{0,6}",
        1 => "(%[0-9A-Fa-f]{2}){1,4}",
    ]
}

fn query() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        2 => prop::sample::select(TARGETS).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9._%=+-]{0,10}",
        1 => "\\PC{0,5}",
    ];
    prop::collection::vec((prop::sample::select(KEYS), value), 0..4).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    })
}

fn url_like() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["https://", "http://", "", "//", "HTTPS://", " https://"][..]),
        prop::sample::select(HOSTS),
        prop::collection::vec(segment(), 0..7),
        prop::option::of(query()),
        prop::option::of(prop_oneof![
            Just("!/jack".to_owned()),
            Just("!/zuck/posts/1?x=1".to_owned()),
            Just(String::new()),
            "\\PC{0,5}",
        ]),
        prop::bool::ANY,
    )
        .prop_map(|(scheme, host, segs, query, frag, slash)| {
            let mut s = format!("{scheme}{host}/{}", segs.join("/"));
            if slash {
                s.push('/');
            }
            if let Some(q) = query {
                s.push('?');
                s.push_str(&q);
            }
            if let Some(f) = frag {
                s.push('#');
                s.push_str(&f);
            }
            s
        })
}

fn check(s: &str) -> Result<(), TestCaseError> {
    if let Some(r) = recognize(s) {
        prop_assert_eq!(r.account.is_none(), r.kind == Kind::NotProfile, "{:?} -> {:?}", s, r);
        if let Some(a) = &r.account {
            let url = canonical_profile_url(r.platform, a.id_type, &a.account_id);
            let back = recognize(&url);
            prop_assert!(back.is_some(), "{:?} -> {} not recognized", s, url);
            let back = back.unwrap();
            prop_assert_eq!(back.platform, r.platform, "{:?} -> {}", s, url);
            prop_assert_eq!(back.account.as_ref(), Some(a), "{:?} -> {}", s, url);
            prop_assert_eq!(back.kind, Kind::Profile, "{:?} -> {}", s, url);
        }
    }
    if let Some(c) = canonical_url(s) {
        let again = canonical_url(&c);
        prop_assert_eq!(again.as_deref(), Some(c.as_str()), "not idempotent for {:?}", s);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        check(&s)?;
    }

    #[test]
    fn printable_strings(s in "\\PC{0,80}") {
        check(&s)?;
    }

    #[test]
    fn url_shaped_strings(s in url_like()) {
        check(&s)?;
    }
}

#[test]
fn long_and_degenerate_inputs() {
    let long_host = format!("https://{}.facebook.com/zuck", "a".repeat(500));
    let many_segs = format!("https://x.com/{}", "a/".repeat(10_000));
    let enc = |u: &str| {
        u.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    let wrap = |depth: usize| {
        (0..depth).fold("https://x.com/jack".to_owned(), |u, _| {
            format!("https://l.facebook.com/l.php?u={}", enc(&u))
        })
    };
    let deep = wrap(50);
    for s in [
        long_host.as_str(),
        many_segs.as_str(),
        deep.as_str(),
        "%",
        "@",
        "//",
        "https://?#",
        "https://.",
        "\u{0}",
    ] {
        check(s).unwrap();
    }
    // Deeper than the unwrap bound: the outermost wrapper answers for its own site, and there is no canonical form.
    let r = recognize(&deep).unwrap();
    assert_eq!(r.kind, Kind::NotProfile);
    assert_eq!(canonical_url(&deep), None);
    // Within the bound, both see through every level.
    let ok = wrap(usize::from(koltrust::recognize::MAX_UNWRAP));
    assert_eq!(recognize(&ok).unwrap().account.unwrap().account_id, "jack");
    assert_eq!(canonical_url(&ok).as_deref(), Some("https://x.com/jack"));
}

//! Recognition speed over a mixed, realistic set of links (budget: ≤ 200 ns median per URL natively, one core).
//!
//! The mix imitates what a content script collects on feed, profile and post pages: mostly profile links of the
//! five main sites (often with tracking parameters), posts and videos, site pages that name no account, links to
//! other sites, a few redirect wrappers and non-Latin handles. `recognize/mixed` recognizes one URL per iteration,
//! cycling through the set, so criterion's figure is directly the time per URL; the per-group benches show where
//! time goes.
//!
//! Run: `cargo bench --bench recognize` (report in `target/criterion/`).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use koltrust::recognize::{canonical_url, recognize};

const PROFILES: &[&str] = &[
    "https://www.facebook.com/Casper/",
    "https://www.facebook.com/profile.php?id=100064860875397",
    "https://m.facebook.com/NannyNetworkNY/?mibextid=LQQJ4d",
    "https://web.facebook.com/jenesay.alipante",
    "https://www.facebook.com/people/Blacky-Domino/100079510762644/",
    "https://www.tiktok.com/@chillezy",
    "https://www.tiktok.com/@hedkorleaw2?is_from_webapp=1&sender_device=pc",
    "https://www.tiktok.com/@teelab.studio",
    "https://www.youtube.com/@MrBeast",
    "https://www.youtube.com/@LinusTechTips/videos",
    "https://www.youtube.com/channel/UC2yXPzFejc422buOIzn_0CA",
    "https://www.youtube.com/c/3blue1brown",
    "https://www.instagram.com/natgeo/",
    "https://www.instagram.com/supermebel30/?igshid=YmMyMTA2M2Y%3D",
    "https://instagram.com/disco.dude",
    "https://x.com/jack",
    "https://twitter.com/SpaceX",
    "https://mobile.twitter.com/supernaturepics/with_replies",
    "https://www.threads.net/@zuck",
    "https://shopee.vn/coolmate.official",
    "https://shopee.vn/shop/123456789",
    "https://www.lazada.vn/shop/teelab/?spm=a2o4n.home",
    "https://zalo.me/0961565495",
];

const CONTENT: &[&str] = &[
    "https://www.facebook.com/barackobama/posts/10153664894881749",
    "https://www.facebook.com/100064860875397/videos/644342003942740",
    "https://www.tiktok.com/@leenabhushan/video/6748451240264420610",
    "https://www.tiktok.com/@hara_yoimiya/photo/7253412088251534594?is_from_webapp=1",
    "https://www.youtube.com/@sana_natori/live",
    "https://www.instagram.com/natgeo/p/C1a2B3c4D5e/",
    "https://twitter.com/perrypumas/status/1065692031626829824?s=20",
    "https://x.com/historyinmemes/status/1790637656616943991",
    "https://shopee.vn/product-i.123456789.9876543210?sp_atk=0a1b2c3d&xptdk=0a1b2c3d",
];

const NOT_PROFILE: &[&str] = &[
    "https://www.facebook.com/watch/?v=1165557851291824",
    "https://www.facebook.com/groups/openclawxvn",
    "https://www.facebook.com/hashtag/vietnam",
    "https://www.youtube.com/watch?v=kX3nB4PpJko&ab_channel=MrBeast",
    "https://youtu.be/dQw4w9WgXcQ",
    "https://www.youtube.com/shorts/BGQWPY4IigY?feature=share",
    "https://www.instagram.com/p/B_2lf3qAd3y/",
    "https://www.instagram.com/explore/",
    "https://x.com/home",
    "https://twitter.com/i/bookmarks",
    "https://www.tiktok.com/tag/vietnam?lang=vi-VN",
    "https://vt.tiktok.com/ZSe4FqkKd",
];

const OTHER_SITES: &[&str] = &[
    "https://example.com/",
    "https://vnexpress.net/the-thao/bong-da-4567890.html",
    "https://github.com/yt-dlp/yt-dlp",
    "https://en.wikipedia.org/wiki/Influencer_marketing",
    "/relative/path?x=1",
    "#",
];

const HARD: &[&str] = &[
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.tiktok.com%2F%40chillezy&h=AT0x",
    "https://www.youtube.com/@%EC%9C%BC%EC%95%84-v1k",
    "https://www.youtube.com/c/ИгорьКлейнер/playlists?view=1&flow=grid",
    "https://m.facebook.com/people/Trần-Thị-Bích-Ngọc/100023456789012?mibextid=ZbWKwL",
    "HTTPS://WWW.TIKTOK.COM/@CHILLEZY/",
];

fn mixed() -> Vec<&'static str> {
    // Weights: a feed page is mostly profile links and posts, then site pages and other links.
    let mut v = Vec::new();
    for _ in 0..3 {
        v.extend_from_slice(PROFILES);
    }
    for _ in 0..2 {
        v.extend_from_slice(CONTENT);
    }
    v.extend_from_slice(NOT_PROFILE);
    v.extend_from_slice(OTHER_SITES);
    v.extend_from_slice(HARD);
    v
}

fn cycle(c: &mut Criterion, name: &str, urls: &[&str]) {
    let mut i = 0;
    c.bench_function(name, |b| {
        b.iter(|| {
            let u = urls[i];
            i = if i + 1 == urls.len() { 0 } else { i + 1 };
            recognize(black_box(u))
        })
    });
}

fn bench(c: &mut Criterion) {
    let mix = mixed();
    assert!(mix.iter().all(|u| !u.is_empty()));
    cycle(c, "recognize/mixed", &mix);
    cycle(c, "recognize/profiles", PROFILES);
    cycle(c, "recognize/content", CONTENT);
    cycle(c, "recognize/not_profile", NOT_PROFILE);
    cycle(c, "recognize/other_sites", OTHER_SITES);
    cycle(c, "recognize/hard", HARD);
    let mut i = 0;
    c.bench_function("canonical_url/mixed", |b| {
        b.iter(|| {
            let u = mix[i];
            i = if i + 1 == mix.len() { 0 } else { i + 1 };
            canonical_url(black_box(u))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

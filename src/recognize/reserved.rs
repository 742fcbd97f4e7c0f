//! First path segments that are site features, not accounts: `facebook.com/marketplace`, `x.com/explore`,
//! `instagram.com/accounts`, `youtube.com/feed`…
//!
//! The tables start from `shared/corpus/reserved_paths.tsv` (collected from yt-dlp, gallery-dl, Shinigami Eyes and
//! link parsers) plus what the sites serve today. They live in the source, not in a file read at run time, so the
//! WebAssembly build needs no I/O. Each table is a sorted slice of lower-case words, searched in O(log n) after
//! folding the segment into a small stack buffer; a unit test keeps them sorted. Segments that need more than a word
//! match (`*.php` on Facebook, `/pages/…/<id>`, `/stories/<user>`) are handled by the site modules.
//!
//! A site's own handling comes first: a reserved word that can still lead to an account (`/people/<name>/<id>`,
//! `/intent/user?screen_name=`) is dispatched before these tables are consulted.

/// Facebook first segments that are never usernames.
pub(crate) const FACEBOOK: &[&str] = &[
    "a",
    "about",
    "ad_campaign",
    "ads",
    "advertising",
    "ajax",
    "bookmarks",
    "browse",
    "bugnub",
    "business",
    "c",
    "campaign",
    "careers",
    "checkpoint",
    "comment",
    "community",
    "communitystandards",
    "composer",
    "confirmemail",
    "connect",
    "dating",
    "developers",
    "dialog",
    "docs",
    "donate",
    "events",
    "feeds",
    "find-friends",
    "findfriends",
    "flx",
    "friends",
    "fundraisers",
    "games",
    "gaming",
    "groups",
    "hashtag",
    "help",
    "home",
    "instantgames",
    "intl",
    "jobs",
    "l",
    "latest",
    "legal",
    "lite",
    "live",
    "local_surface",
    "login",
    "logout",
    "marketplace",
    "mbasic",
    "me",
    "media",
    "memories",
    "menu",
    "messages",
    "messenger",
    "messenger_media",
    "news",
    "nfx",
    "notes",
    "notifications",
    "nt",
    "offers",
    "onthisday",
    "p", // `/p/<Name>-<id>/` is dispatched first; `/pg/p` is no username (found by `cargo xtask fuzz recognize`)
    "page",
    "pages",
    "pay",
    "payments",
    "people",
    "pg",
    "photo",
    "photos",
    "places",
    "plugins",
    "pokes",
    "policies",
    "privacy",
    "profile",
    "public",
    "rapid_report",
    "reactions",
    "recover",
    "reel",
    "reels",
    "reg",
    "salegroups",
    "saved",
    "search",
    "settings",
    "share",
    "sharer",
    "shares",
    "stories",
    "story",
    "support",
    "timeline",
    "tr",
    "ufi",
    "video",
    "videos",
    "watch",
    "watchparty",
];

/// Instagram first segments that are never usernames.
pub(crate) const INSTAGRAM: &[&str] = &[
    "_n",
    "_u",
    "about",
    "accounts",
    "api",
    "ar",
    "challenge",
    "create",
    "developer",
    "direct",
    "directory",
    "download",
    "emails",
    "explore",
    "graphql",
    "legal",
    "lite",
    "nametag",
    "oauth",
    "p",
    "press",
    "privacy",
    "qr",
    "reel",
    "reels",
    "s",
    "session",
    "share",
    "static",
    "stories",
    "topics",
    "tv",
    "web",
    "your_activity",
];

/// X / Twitter first segments that are never handles (all of them are also names X refuses as handles).
pub(crate) const X: &[&str] = &[
    "about",
    "account",
    "compose",
    "download",
    "explore",
    "hashtag",
    "help",
    "home",
    "i",
    "intent",
    "jobs",
    "login",
    "logout",
    "messages",
    "notifications",
    "oauth",
    "privacy",
    "search",
    "settings",
    "share",
    "signup",
    "tos",
    "who_to_follow",
];

/// YouTube first segments that are not legacy channel names (`youtube.com/<name>` is a custom URL otherwise).
pub(crate) const YOUTUBE: &[&str] = &[
    "about",
    "account",
    "ads",
    "analytics",
    "api",
    "attribution_link",
    "browse",
    "c",
    "channel",
    "clip",
    "copyright",
    "create_channel",
    "creators",
    "dashboard",
    "e",
    "embed",
    "error",
    "explore",
    "feed",
    "feeds",
    "gaming",
    "get_video_info",
    "hashtag",
    "howyoutubeworks",
    "iframe_api",
    "inbox",
    "index",
    "jobs",
    "kids",
    "live",
    "logout",
    "movies",
    "music",
    "new",
    "news",
    "oembed",
    "oops",
    "pagead",
    "playables",
    "playlist",
    "podcasts",
    "post",
    "premium",
    "redirect",
    "results",
    "s",
    "search",
    "shared",
    "shorts",
    "signin",
    "source",
    "sports",
    "storefront",
    "subscription_manager",
    "t",
    "terms",
    "trending",
    "upload",
    "user",
    "v",
    "w",
    "watch",
    "watch_popup",
    "youtubei",
];

/// Shopee first segments that are never shop usernames.
pub(crate) const SHOPEE: &[&str] = &[
    "affiliate",
    "api",
    "blog",
    "buyer",
    "campaigns",
    "cart",
    "chat",
    "checkout",
    "collections",
    "daily_discover",
    "deals",
    "docs",
    "edu",
    "events3",
    "find_similar_products",
    "flash_sale",
    "help",
    "live",
    "login",
    "m",
    "mall",
    "me",
    "product",
    "promo",
    "search",
    "seller",
    "shop",
    "signup",
    "top_products",
    "universal-link",
    "user",
    "verify",
    "video",
    "vouchers",
    "web",
];

/// Whether `seg` (raw or decoded; any case) is one of `table`'s words.
pub(crate) fn contains(table: &[&str], seg: &str) -> bool {
    const MAX: usize = 32; // longer than every word in every table
    let src = seg.as_bytes();
    if src.len() > MAX {
        return false;
    }
    let mut buf = [0u8; MAX];
    let dst = &mut buf[..src.len()];
    for (d, s) in dst.iter_mut().zip(src) {
        *d = s.to_ascii_lowercase();
    }
    let dst: &[u8] = dst;
    table.binary_search_by(|w| cmp_short(w.as_bytes(), dst)).is_ok()
}

/// Byte-wise comparison inlined for short words (a libc `memcmp` call costs more than the compare itself).
#[inline]
fn cmp_short(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_lowercase_and_short() {
        for table in [FACEBOOK, INSTAGRAM, X, YOUTUBE, SHOPEE] {
            for pair in table.windows(2) {
                assert!(pair[0] < pair[1], "not sorted/unique: {pair:?}");
            }
            for w in table {
                assert!(w.len() <= 32 && !w.bytes().any(|c| c.is_ascii_uppercase()), "{w}");
            }
        }
    }

    #[test]
    fn lookup_folds_case() {
        assert!(contains(X, "Explore"));
        assert!(contains(FACEBOOK, "MARKETPLACE"));
        assert!(!contains(X, "jack"));
        assert!(!contains(X, ""));
        assert!(!contains(X, &"i".repeat(40)));
    }
}

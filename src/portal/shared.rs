//! What a person shared into the portal: the profile or product URL inside a share text.
//!
//! The portal, installed as an app, is a share target (`www/manifest.webmanifest`, `share_target`): "Share → KOL
//! Trust" in the TikTok, Facebook, Shopee or Lazada app opens the portal with the share sheet's `title`, `text` and
//! `url`. Apps fill them differently — TikTok and Shopee put everything in `text` (`"Xem video của … trên TikTok!
//! https://vt.tiktok.com/…/"`), Facebook often only `url`, some browsers repeat the page title — and the URLs carry
//! tracking parameters (`?_t=…&_r=1`, `mibextid`, `sp_atk`, `spm`). [`shared_link`] finds the URLs in all three,
//! in that order (`url`, then `text`, then `title`), and picks the one that says most about an account:
//!
//! 1. a URL that names an account, as a profile or as its content (a post, video, product): the check page then
//!    shows that account's card — tracking parameters are harmless, recognition ignores them;
//! 2. a **short link** of a supported site (`vt.tiktok.com`, `facebook.com/share/…`, `s.shopee.vn`, `shp.ee`,
//!    `s.lazada.vn`…: [`SHORT_LINKS`]);
//! 3. any other URL of a supported site (a Lazada product page, whose URL does not name its shop:
//!    [`nameless_product`], which the check page answers with advice to share the shop instead);
//! 4. any other URL.
//!
//! **Short links cannot be resolved here, and are not resolved anywhere.** Only the site knows where
//! `vt.tiktok.com/ZS…` leads: following it needs the network (the page cannot, across origins, and the core has no
//! I/O), and asking the Alliance server to follow it would tell the server what each person checks. So the portal
//! says what the link is ([`short_link`]: "a TikTok short link"), offers to open it, and asks the person to share
//! or paste the address of the profile or post it opens — which is what the apps share from the profile page
//! itself. The check page answers such a link with kind `short_link` (`portal::check`).
//!
//! A URL in a text ends at white space, at a quote or angle bracket, and at the non-ASCII punctuation, symbols and
//! emoji share texts put around links (`ends_url`), so "…!https://x.com/a🔥" finds `https://x.com/a`; trailing
//! sentence punctuation (`.,;:!?` and a `)` without its `(`) is not part of it. A token without a scheme counts
//! when it is a supported site's URL (`www.tiktok.com/@a`, `shopee.vn/shop/1`). The cases are in
//! `tests/share_cases/shares.json` (real share formats of each app, with extra words and tracking or short links),
//! read by this module's tests and by the portal's browser test alike.

use crate::platform::Platform;
use crate::recognize::{recognize, Kind};

/// The short-link services of the supported sites: `(host, path prefix, platform)`. A URL on `host` whose path
/// starts with the prefix hides its target until followed.
pub const SHORT_LINKS: &[(&str, &str, Platform)] = &[
    ("vt.tiktok.com", "/", Platform::Tiktok),
    ("vm.tiktok.com", "/", Platform::Tiktok),
    ("www.tiktok.com", "/t/", Platform::Tiktok),
    ("tiktok.com", "/t/", Platform::Tiktok),
    ("m.tiktok.com", "/t/", Platform::Tiktok),
    ("www.facebook.com", "/share/", Platform::Facebook),
    ("facebook.com", "/share/", Platform::Facebook),
    ("m.facebook.com", "/share/", Platform::Facebook),
    ("web.facebook.com", "/share/", Platform::Facebook),
    ("fb.watch", "/", Platform::Facebook),
    ("fb.me", "/", Platform::Facebook),
    ("s.shopee.vn", "/", Platform::Shopee),
    ("shp.ee", "/", Platform::Shopee),
    ("shope.ee", "/", Platform::Shopee),
    ("vn.shp.ee", "/", Platform::Shopee),
    ("s.lazada.vn", "/", Platform::Lazada),
    ("c.lazada.vn", "/", Platform::Lazada),
];

/// What kind of URL [`shared_link`] found, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SharedKind {
    /// It names an account (a profile, or content of that account).
    Account,
    /// A supported site's short link: the account is known only after following it.
    ShortLink(Platform),
    /// A supported site's page that names no account.
    Page(Platform),
    /// A URL of another site.
    Other,
}

/// The URL found in a share, and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedLink {
    /// The URL as shared (tracking parameters included: the card's report link is canonicalized later).
    pub url: String,
    /// What it is.
    pub kind: SharedKind,
}

/// Product pages whose address names no shop (`(site domain, path prefix, platform)`, any subdomain): a Lazada
/// product URL (`/products/<slug>-i<item>-s<sku>.html`) names the product only, so the check cannot tell whose it is.
pub const NAMELESS_PRODUCTS: &[(&str, &str, Platform)] = &[("lazada.vn", "/products/", Platform::Lazada)];

/// The host and path of an http(s) URL (scheme optional; userinfo and port dropped; path `/` when empty).
fn host_and_path(url: &str) -> Option<(&str, &str)> {
    let rest = url.trim();
    let rest = match rest.find("://") {
        Some(i) if rest[..i].eq_ignore_ascii_case("https") || rest[..i].eq_ignore_ascii_case("http") => &rest[i + 3..],
        Some(_) => return None,
        None => rest,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let path = match &rest[end..] {
        p if p.starts_with('/') => p,
        _ => "/",
    };
    Some((host, path))
}

/// The platform whose short link `url` is, if it is one ([`SHORT_LINKS`]; scheme optional, host case-insensitive).
pub fn short_link(url: &str) -> Option<Platform> {
    let (host, path) = host_and_path(url)?;
    SHORT_LINKS
        .iter()
        .find(|(h, prefix, _)| h.eq_ignore_ascii_case(host) && path.len() > prefix.len() && path.starts_with(prefix))
        .map(|&(_, _, platform)| platform)
}

/// The platform of a product page whose address names no shop ([`NAMELESS_PRODUCTS`]), if `url` is one.
pub fn nameless_product(url: &str) -> Option<Platform> {
    let (host, path) = host_and_path(url)?;
    let host = host.to_ascii_lowercase();
    NAMELESS_PRODUCTS
        .iter()
        .find(|(domain, prefix, _)| {
            let on_site = host == *domain || host.strip_suffix(domain).is_some_and(|sub| sub.ends_with('.'));
            on_site && path.len() > prefix.len() && path.starts_with(prefix)
        })
        .map(|&(_, _, platform)| platform)
}

/// Classifies one URL candidate.
fn classify(url: &str) -> SharedKind {
    if let Some(p) = short_link(url) {
        return SharedKind::ShortLink(p);
    }
    match recognize(url) {
        Some(r) if r.account.is_some() && r.kind != Kind::NotProfile => SharedKind::Account,
        Some(r) => SharedKind::Page(r.platform),
        None => SharedKind::Other,
    }
}

/// Whether `c` cannot be part of a URL in a share text: ASCII space, controls and the characters URLs never hold
/// unescaped, and the non-ASCII spaces, punctuation and symbols that share texts put next to links (Latin-1
/// punctuation such as « », general punctuation such as “ ” … and the Unicode spaces, arrows and dingbats, CJK
/// brackets, full-width forms, emoji and their variation selectors): explicit ranges, so what ends a URL is listed
/// here rather than left to Unicode's categories; letters with diacritics stay part of it.
fn ends_url(c: char) -> bool {
    matches!(c,
        '\0'..=' ' | '\u{7f}'..='\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{1680}'
        | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^'
        | '\u{2000}'..='\u{2bff}' | '\u{3000}'..='\u{303f}' | '\u{fe00}'..='\u{fe0f}' | '\u{fe30}'..='\u{fe4f}'
        | '\u{feff}' | '\u{ff00}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ff65}' | '\u{1f000}'..='\u{1faff}')
}

/// Where a URL that starts at the beginning of `s` ends (see the module docs).
fn url_end(s: &str) -> usize {
    let end = s.char_indices().find(|&(_, c)| ends_url(c)).map_or(s.len(), |(i, _)| i);
    let mut url = &s[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*']);
        let trimmed = match trimmed.strip_suffix(')') {
            Some(t) if trimmed.matches('(').count() < trimmed.matches(')').count() => t,
            _ => trimmed,
        };
        let trimmed = match trimmed.strip_suffix(']') {
            Some(t) if !t.contains('[') => t,
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            return url.len();
        }
        url = trimmed;
    }
}

/// Every URL in `text`, in order: from each `http://` or `https://` (any case), and white-space separated tokens
/// without a scheme that are a supported site's URL.
fn urls_in(text: &str, out: &mut Vec<String>) {
    let lower = text.to_ascii_lowercase(); // same byte offsets: only ASCII letters change
    let mut covered = 0; // bytes before this belong to a URL already found
    for (start, _) in lower.match_indices("http") {
        if start < covered {
            continue;
        }
        let rest = &lower[start..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            continue;
        }
        let len = url_end(&text[start..]);
        let scheme = if rest.starts_with("https://") { 8 } else { 7 };
        if len > scheme {
            out.push(text[start..start + len].to_owned());
            covered = start + len;
        }
    }
    for token in text.split(|c: char| c.is_ascii_whitespace() || ends_url(c)) {
        if token.to_ascii_lowercase().contains("://") {
            continue;
        }
        let token = token.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
        let token = &token[..url_end(token)];
        let Some(slash) = token.find('/') else { continue };
        if !token[..slash].contains('.') {
            continue;
        }
        let url = ["https://", token].concat();
        if recognize(&url).is_some() || short_link(&url).is_some() {
            out.push(url);
        }
    }
}

/// The URL of a share (see the module docs): the share sheet's `url`, `text` and `title` fields, any of them empty.
/// `None` when none holds a URL.
pub fn shared_link(title: &str, text: &str, url: &str) -> Option<SharedLink> {
    let mut found = Vec::new();
    for field in [url, text, title] {
        urls_in(field, &mut found);
    }
    found
        .into_iter()
        .map(|url| SharedLink {
            kind: classify(&url),
            url,
        })
        .enumerate()
        .min_by_key(|(i, l)| (rank(l.kind), *i))
        .map(|(_, l)| l)
}

fn rank(kind: SharedKind) -> u8 {
    match kind {
        SharedKind::Account => 0,
        SharedKind::ShortLink(_) => 1,
        SharedKind::Page(_) => 2,
        SharedKind::Other => 3,
    }
}

/// What the check page should look up for a share: the URL [`shared_link`] found, else the shared words themselves
/// (a name, perhaps), trimmed and joined by a space.
pub fn shared_query(title: &str, text: &str, url: &str) -> String {
    match shared_link(title, text, url) {
        Some(link) => link.url,
        None => [title, text, url]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::recognize;

    /// `tests/share_cases/shares.json`: `{platform, note, title, text, url, expect_url, expect}` where `expect` is
    /// `"<platform>:<id_type>:<account_id>"` for a URL that names an account, or `"short_link"` / `"page"`.
    #[test]
    fn real_share_texts() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/share_cases/shares.json");
        let cases: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut per_platform = std::collections::BTreeMap::new();
        let mut failures = Vec::new();
        for case in &cases {
            let field = |k: &str| case[k].as_str().unwrap_or("").to_owned();
            let (title, text, url) = (field("title"), field("text"), field("url"));
            let found = shared_link(&title, &text, &url);
            let got_url = found.as_ref().map(|l| l.url.clone()).unwrap_or_default();
            let got = match found.as_ref().map(|l| l.kind) {
                Some(SharedKind::Account) => {
                    let acc = recognize(&got_url)
                        .and_then(|r| r.account.map(|a| (r.platform, a)))
                        .unwrap();
                    format!("{}:{}:{}", acc.0.as_str(), acc.1.id_type.as_str(), acc.1.account_id)
                }
                Some(SharedKind::ShortLink(p)) => {
                    assert_eq!(p.as_str(), field("platform"), "{}", field("note"));
                    "short_link".into()
                }
                Some(SharedKind::Page(_)) => "page".into(),
                Some(SharedKind::Other) => "other".into(),
                None => "none".into(),
            };
            if got != field("expect") || got_url != field("expect_url") {
                failures.push(format!(
                    "{}: got {got} {got_url:?}, want {} {:?}",
                    field("note"),
                    field("expect"),
                    field("expect_url")
                ));
            }
            if got.contains(':') {
                *per_platform.entry(field("platform")).or_insert(0) += 1;
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        for p in ["tiktok", "facebook", "shopee", "lazada"] {
            assert!(
                per_platform.get(p).copied().unwrap_or(0) >= 3,
                "{p}: fewer than 3 share texts name an account"
            );
        }
    }

    #[test]
    fn url_ends() {
        for (text, want) in [
            ("xem https://x.com/a.", "https://x.com/a"),
            ("(https://x.com/a)", "https://x.com/a"),
            (
                "https://vi.wikipedia.org/wiki/A_(b))",
                "https://vi.wikipedia.org/wiki/A_(b)",
            ),
            ("link:HTTPS://x.com/a🔥🔥", "HTTPS://x.com/a"),
            ("«https://x.com/a»", "https://x.com/a"),
            ("“https://x.com/a”…", "https://x.com/a"),
            ("https://x.com/đường-dẫn tiếp", "https://x.com/đường-dẫn"),
            ("xem\u{a0}https://x.com/a\u{3000}nhé", "https://x.com/a"),
            ("https://x.com/a?b=1&c=2,", "https://x.com/a?b=1&c=2"),
            ("\"https://x.com/a\"", "https://x.com/a"),
        ] {
            assert_eq!(
                shared_link("", text, "").map(|l| l.url).as_deref(),
                Some(want),
                "{text}"
            );
        }
        assert_eq!(shared_link("", "https://", ""), None);
        assert_eq!(shared_link("", "chỉ có chữ, không có đường dẫn", ""), None);
        assert_eq!(shared_query(" Lan ", "", " "), "Lan");
    }

    #[test]
    fn short_links() {
        assert_eq!(short_link("https://VT.tiktok.com/ZSabc/"), Some(Platform::Tiktok));
        assert_eq!(short_link("vt.tiktok.com/ZSabc"), Some(Platform::Tiktok));
        assert_eq!(short_link("https://vt.tiktok.com/"), None);
        assert_eq!(short_link("https://www.tiktok.com/@a"), None);
        assert_eq!(
            short_link("https://www.facebook.com/share/p/1Ab/"),
            Some(Platform::Facebook)
        );
        assert_eq!(short_link("ftp://shp.ee/abc"), None);
        assert_eq!(short_link("https://user@s.shopee.vn:443/abc"), Some(Platform::Shopee));
        assert_eq!(
            nameless_product("https://www.lazada.vn/products/serum-i1-s2.html?spm=a"),
            Some(Platform::Lazada)
        );
        assert_eq!(
            nameless_product("lazada.vn/products/x-i1-s2.html"),
            Some(Platform::Lazada)
        );
        assert_eq!(nameless_product("https://www.lazada.vn/shop/hana/"), None);
        assert_eq!(nameless_product("https://notlazada.vn/products/x"), None);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "",
            "http",
            "https://",
            "ế https://ế",
            "a/b.c",
            ".../",
            "https://\u{0}",
            "www./",
            "/",
        ] {
            let _ = shared_link(text, text, text);
        }
    }
}

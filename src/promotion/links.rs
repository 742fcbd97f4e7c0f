//! Shop, affiliate and short links: in the post's links (the `links` argument of [`super::detect`]) and written in
//! its text ("mua tại shopee.vn/abc", "`https://s.shopee.vn/9zX`").
//!
//! ## Shop links ([`CueKind::ShopLink`])
//! A host that is, or is a subdomain of, a marketplace or a large Vietnamese online retailer: Shopee (`shopee.vn`
//! and its regional domains, the short links `shp.ee`, `vn.shp.ee`, `shope.ee`, `s.shopee.vn`), Lazada
//! (`lazada.vn`, regional domains, `s.lazada.vn`, `c.lazada.vn`, `lzd.co`), Tiki (`tiki.vn`, `ti.ki`), Sendo
//! (`sendo.vn`), Hasaki, Thế Giới Di Động, Điện Máy Xanh, FPT Shop, CellphoneS, Bách Hoá Xanh, Con Cưng; and TikTok
//! Shop: `shop.tiktok.com` and product pages on `tiktok.com` (`/view/product/…`, `/shop/…`). The short links
//! `vt.tiktok.com/…`/`vm.tiktok.com/…` are **not** shop links: their code is opaque and they point at videos as
//! often as at products (a TikTok Shop video is caught by its text instead: "giỏ hàng", a code, a disclosure).
//! Subdomains that serve sellers, help or jobs (`banhang.shopee.vn`, `help.shopee.vn`, `seller…`) are not shops.
//!
//! ## Affiliate links ([`CueKind::AffiliateLink`])
//! Any link (shop or not) that carries an affiliate marker, one cue per link: a query parameter named `af_…`,
//! `aff_…`, `affiliate…`, `aff`, `affid`, `sub_aff_id`, `mmp_pid`, Lazada's `laz_trackid`, `exlaz`, `mkttid`,
//! Shopee's `smtt` (its share tracking, counted because sellers' and affiliates' links carry it); any parameter
//! whose value says `affiliat…` (`utm_source=affiliate`, `utm_medium=affiliates`, `pid=affiliates`); a `utm_…`
//! value naming a Vietnamese affiliate network (AccessTrade, Ecomobi, MasOffer); Shopee's affiliate `utm_source=an_…`;
//! or a host of those networks' trackers (`isclix.com`, `shorten.asia`, `ecotrackings.com`, `masoffer.net`).
//!
//! ## Short links ([`CueKind::ShortLink`], weak)
//! General URL shorteners and link-in-bio hubs (`bit.ly`, `tinyurl.com`, `cutt.ly`, `linktr.ee`, …): they often
//! hide an affiliate link, but as often anything else, so they are reported and never make a promotion alone.
//! Platform link shims (`t.co`, `fb.me`, `youtu.be`) are not in the list: every link on X is a `t.co` link.
//!
//! ## Wrappers
//! Redirect wrappers (`l.facebook.com/l.php?u=…`, `tiktok.com/link/v2?target=…`, Google's `url?q=`) are seen
//! through generically: any query value that percent-decodes to an `http(s)://` URL is examined too, two levels
//! deep. A hit found inside a wrapper has the whole link as its span and the inner evidence as its text.
//!
//! ## Evidence and spans
//! Each hit has a byte range in the link string: the host for shop, short-link and tracker-host hits, the
//! `key=value` pair for affiliate parameters, the whole link for hits inside a wrapper.
//!
//! The parsing is deliberately small (no `url` crate: size budget): scheme optional, authority up to the first of
//! `/ ? # \`, userinfo only after a scheme (so `name@shopee.vn` is a mail address, not a link), port dropped.
//! Slicing happens only at ASCII delimiters found by search.

use super::CueKind;
use std::ops::Range;

/// One thing a link says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LinkHit {
    pub kind: CueKind,
    /// Byte range in the link string (the evidence, or the whole link for hits inside a wrapper).
    pub range: Range<usize>,
    /// For hits inside a wrapper: the evidence found in the decoded inner link.
    pub inner: Option<String>,
}

impl LinkHit {
    /// What the cue shows: the inner evidence, or the link's own slice.
    pub fn evidence<'a>(&'a self, link: &'a str) -> &'a str {
        self.inner
            .as_deref()
            .unwrap_or_else(|| link.get(self.range.clone()).unwrap_or(""))
    }
}

/// Longest link examined; longer strings are not links people click (and the complaint's URL limit is 2,048).
pub(crate) const MAX_LINK_BYTES: usize = 2048;
/// How deep redirect wrappers are unwrapped.
const MAX_DEPTH: u8 = 2;

const SHOP_DOMAINS: &[&str] = &[
    "shopee.vn",
    "shp.ee",
    "shope.ee",
    "shopee.com",
    "shopee.sg",
    "shopee.co.id",
    "shopee.com.my",
    "shopee.ph",
    "shopee.co.th",
    "shopee.tw",
    "lazada.vn",
    "lzd.co",
    "lazada.com",
    "lazada.sg",
    "lazada.co.id",
    "lazada.com.my",
    "lazada.com.ph",
    "lazada.co.th",
    "tiki.vn",
    "ti.ki",
    "sendo.vn",
    "shop.tiktok.com",
    "hasaki.vn",
    "thegioididong.com",
    "dienmayxanh.com",
    "fptshop.com.vn",
    "cellphones.com.vn",
    "bachhoaxanh.com",
    "concung.com",
];

/// Subdomains of a shop domain that serve sellers, help, jobs or the affiliate programme's own pages, not goods.
const NOT_SHOP_SUBDOMAINS: &[&str] = &[
    "help",
    "seller",
    "sellercenter",
    "seller-vn",
    "banhang",
    "careers",
    "career",
    "developer",
    "developers",
    "open",
    "ads",
    "affiliate",
    "partner",
    "corp",
    "news",
    "blog",
    "investors",
];

const AFFILIATE_HOSTS: &[&str] = &["isclix.com", "shorten.asia", "ecotrackings.com", "masoffer.net"];

const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "t.ly",
    "cutt.ly",
    "rb.gy",
    "is.gd",
    "shorturl.at",
    "rebrand.ly",
    "s.id",
    "tiny.cc",
    "ow.ly",
    "linktr.ee",
    "beacons.ai",
    "lnk.bio",
    "bio.link",
    "msha.ke",
    "taplink.cc",
];

const AFFILIATE_KEYS: &[&str] = &[
    "aff",
    "affid",
    "sub_aff_id",
    "mmp_pid",
    "laz_trackid",
    "exlaz",
    "mkttid",
    "smtt",
];
const AFFILIATE_KEY_PREFIXES: &[&str] = &["af_", "aff_", "affiliate"];
const AFFILIATE_NETWORKS: &[&str] = &["accesstrade", "ecomobi", "masoffer", "isclix"];

/// The pieces of a link that matter here, as byte ranges into it.
struct Parts {
    host: Range<usize>,
    path: Range<usize>,
    query: Option<Range<usize>>,
}

/// Splits a link (already trimmed). `None` when it cannot be an http(s) link to a named host.
fn split(url: &str) -> Option<Parts> {
    let b = url.as_bytes();
    let (has_scheme, mut start) = if starts_with_ci(b, b"https://") {
        (true, 8)
    } else if starts_with_ci(b, b"http://") {
        (true, 7)
    } else if b.starts_with(b"//") {
        (true, 2)
    } else {
        (false, 0)
    };
    let auth_end = b[start..]
        .iter()
        .position(|&c| matches!(c, b'/' | b'?' | b'#' | b'\\'))
        .map_or(b.len(), |i| start + i);
    if let Some(at) = b[start..auth_end].iter().rposition(|&c| c == b'@') {
        if !has_scheme {
            return None; // name@host is a mail address
        }
        start += at + 1;
    }
    let host_end = b[start..auth_end]
        .iter()
        .position(|&c| c == b':')
        .map_or(auth_end, |i| start + i);
    let mut host = start..host_end;
    if host.end > host.start && b[host.end - 1] == b'.' {
        host.end -= 1;
    }
    let h = &b[host.clone()];
    let valid = h.len() >= 3
        && h.contains(&b'.')
        && !h.starts_with(b".")
        && h.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.');
    if !valid {
        return None;
    }
    let rest_end = b[auth_end..]
        .iter()
        .position(|&c| c == b'?' || c == b'#')
        .map_or(b.len(), |i| auth_end + i);
    let query = (rest_end < b.len() && b[rest_end] == b'?').then(|| {
        let q = rest_end + 1;
        q..b[q..].iter().position(|&c| c == b'#').map_or(b.len(), |i| q + i)
    });
    Some(Parts {
        host,
        path: auth_end..rest_end,
        query,
    })
}

fn starts_with_ci(b: &[u8], prefix: &[u8]) -> bool {
    b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `host` is `domain` or a subdomain of it; answers the subdomain's last label ("" for the domain itself).
fn under<'a>(host: &'a str, domain: &str) -> Option<&'a str> {
    if host.len() == domain.len() {
        return host.eq_ignore_ascii_case(domain).then_some("");
    }
    let cut = host.len().checked_sub(domain.len() + 1)?;
    let (sub, rest) = host.split_at(cut);
    (rest.as_bytes()[0] == b'.' && rest[1..].eq_ignore_ascii_case(domain))
        .then(|| sub.rsplit('.').next().unwrap_or(sub))
}

/// What a host alone says (shop, affiliate tracker, shortener), if anything.
pub(crate) fn host_kind(host: &str, path: &str) -> Option<CueKind> {
    for d in SHOP_DOMAINS {
        if let Some(sub) = under(host, d) {
            let excluded = NOT_SHOP_SUBDOMAINS.iter().any(|s| s.eq_ignore_ascii_case(sub));
            return (!excluded).then_some(CueKind::ShopLink);
        }
    }
    if under(host, "tiktok.com").is_some()
        && (starts_with_ci(path.as_bytes(), b"/view/product/") || starts_with_ci(path.as_bytes(), b"/shop/"))
    {
        return Some(CueKind::ShopLink);
    }
    if AFFILIATE_HOSTS.iter().any(|d| under(host, d).is_some()) {
        return Some(CueKind::AffiliateLink);
    }
    if SHORTENERS.iter().any(|d| under(host, d).is_some()) {
        return Some(CueKind::ShortLink);
    }
    None
}

/// Is this token a link worth hiding from phrase matching and examining: written with a scheme or `www.`, or
/// naming a known host ("shopee.vn/abc")?
pub(crate) fn is_link_token(token: &str) -> bool {
    let b = token.as_bytes();
    if starts_with_ci(b, b"http://") || starts_with_ci(b, b"https://") || starts_with_ci(b, b"www.") {
        return split(token).is_some();
    }
    split(token).is_some_and(|p| host_kind(&token[p.host.clone()], &token[p.path.clone()]).is_some())
}

/// Examines one link: its hits in order (host first, then the first affiliate parameter, then hits inside wrappers).
pub(crate) fn examine(url: &str, out: &mut Vec<LinkHit>) {
    examine_at(url, 0, out);
}

fn examine_at(url: &str, depth: u8, out: &mut Vec<LinkHit>) {
    if url.len() > MAX_LINK_BYTES {
        return;
    }
    let Some(p) = split(url) else { return };
    let host = &url[p.host.clone()];
    let path = &url[p.path.clone()];
    let kind = host_kind(host, path);
    if let Some(kind) = kind {
        out.push(LinkHit {
            kind,
            range: p.host.clone(),
            inner: None,
        });
    }
    let Some(q) = p.query else { return };
    let mut affiliate_seen = kind == Some(CueKind::AffiliateLink);
    let mut pos = q.start;
    for pair in url[q.clone()].split('&') {
        let range = pos..pos + pair.len();
        pos = range.end + 1;
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        // A value that is itself a link (a redirect wrapper's target) is examined as a link, not as a parameter.
        if depth < MAX_DEPTH && value.len() > 10 {
            // The recognizer's decoder: `%XX` escapes and `+` as in query values; `None` when not UTF-8.
            if let Some(inner) = crate::recognize::url::percent_decode(value, true) {
                let inner = inner.trim();
                let ib = inner.as_bytes();
                if starts_with_ci(ib, b"http://") || starts_with_ci(ib, b"https://") {
                    let mut hits = Vec::new();
                    examine_at(inner, depth + 1, &mut hits);
                    for h in hits {
                        if h.kind == CueKind::AffiliateLink {
                            if affiliate_seen {
                                continue;
                            }
                            affiliate_seen = true;
                        }
                        let evidence = h.evidence(inner).to_string();
                        out.push(LinkHit {
                            kind: h.kind,
                            range: 0..url.len(),
                            inner: Some(evidence),
                        });
                    }
                    continue;
                }
            }
        }
        if !affiliate_seen && affiliate_pair(key, value, host) {
            affiliate_seen = true;
            out.push(LinkHit {
                kind: CueKind::AffiliateLink,
                range,
                inner: None,
            });
        }
    }
}

fn affiliate_pair(key: &str, value: &str, host: &str) -> bool {
    let kb = key.as_bytes();
    AFFILIATE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
        || AFFILIATE_KEY_PREFIXES.iter().any(|p| starts_with_ci(kb, p.as_bytes()))
        || contains_ci(value, "affiliat")
        || (starts_with_ci(kb, b"utm_") && AFFILIATE_NETWORKS.iter().any(|n| contains_ci(value, n)))
        || (key.eq_ignore_ascii_case("utm_source")
            && starts_with_ci(value.as_bytes(), b"an_")
            && under(host, "shopee.vn").is_some())
}

/// The links written in a text: byte ranges of tokens that [`is_link_token`] accepts, at most `cap`.
///
/// A token is a run of ASCII bytes other than whitespace and `" ' < > ( ) [ ] { }`; non-ASCII characters end it
/// too, which also makes every range a char boundary. Trailing sentence punctuation is not part of a link.
pub(crate) fn find_in_text(text: &str, cap: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let is_tok = |c: u8| {
        c.is_ascii_graphic() && !matches!(c, b'"' | b'\'' | b'<' | b'>' | b'(' | b')' | b'[' | b']' | b'{' | b'}')
    };
    while i < b.len() && out.len() < cap {
        if !is_tok(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_tok(b[i]) {
            i += 1;
        }
        let mut end = i;
        while end > start && matches!(b[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?' | b'*') {
            end -= 1;
        }
        let token = &text[start..end];
        if token.len() <= MAX_LINK_BYTES && token.contains('.') && is_link_token(token) {
            out.push(start..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(url: &str) -> Vec<(CueKind, String)> {
        let mut out = Vec::new();
        examine(url, &mut out);
        out.iter().map(|h| (h.kind, h.evidence(url).to_string())).collect()
    }

    #[test]
    fn hosts() {
        use CueKind::*;
        assert_eq!(hits("https://s.shopee.vn/9zXy"), [(ShopLink, "s.shopee.vn".into())]);
        assert_eq!(hits("vn.shp.ee/abc"), [(ShopLink, "vn.shp.ee".into())]);
        assert_eq!(hits("https://banhang.shopee.vn/"), []);
        assert_eq!(
            hits("https://www.tiktok.com/view/product/1729?region=VN"),
            [(ShopLink, "www.tiktok.com".into())]
        );
        assert_eq!(hits("https://vt.tiktok.com/ZSabc/"), []);
        assert_eq!(hits("https://notshopee.vn/x"), []);
        assert_eq!(hits("https://shopee.vn.evil.com/x"), []);
        assert_eq!(hits("me@shopee.vn"), []);
        assert_eq!(hits("https://bit.ly/3abc"), [(ShortLink, "bit.ly".into())]);
    }

    #[test]
    fn affiliate_parameters_and_wrappers() {
        use CueKind::*;
        assert_eq!(
            hits("https://shopee.vn/p-i.1.2?utm_medium=affiliates&af_click_lookup=1"),
            [
                (ShopLink, "shopee.vn".into()),
                (AffiliateLink, "utm_medium=affiliates".into())
            ]
        );
        assert_eq!(
            hits("https://example.com/x?ref=1&utm_source=AccessTrade"),
            [(AffiliateLink, "utm_source=AccessTrade".into())]
        );
        assert_eq!(
            hits("https://l.facebook.com/l.php?u=https%3A%2F%2Fs.lazada.vn%2Fs.x%3Flaz_trackid%3D2%3Amm&h=AT"),
            [
                (ShopLink, "s.lazada.vn".into()),
                (AffiliateLink, "laz_trackid=2:mm".into())
            ]
        );
        assert_eq!(hits("https://example.com/?q=shopee.vn"), []);
    }

    #[test]
    fn links_in_text() {
        let t = "Mua ở shopee.vn/abc, xem https://example.com/a. Và bit.ly/x! ví dụ a.b";
        let found: Vec<&str> = find_in_text(t, 10).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["shopee.vn/abc", "https://example.com/a", "bit.ly/x"]);
    }
}

//! Canonical URLs: the one URL of an account, and a tracking-free canonical form of any URL.
//!
//! [`canonical_profile_url`] is what the extension links to and what the report flow names an account by; it
//! recognizes back to the same `(platform, id_type, account_id)` (a property test checks this).
//!
//! [`canonical_url`] is what the report flow sends for a page or post, so that a complaint never carries the
//! sender's click ids, and so that two reports about the same post compare equal. It:
//! - unwraps redirect wrappers (as recognition does) and drops the fragment (except `#!/` routes, which become the
//!   path);
//! - writes `https` and the site's main host for the hosts of supported sites that serve profiles
//!   (`m.facebook.com` → `www.facebook.com`, `twitter.com` → `x.com`, `instagr.am` → `www.instagram.com`…), and
//!   lower-cases any other host, dropping userinfo and default ports;
//! - removes tracking parameters (the `TRACKING` table, `utm_*`, `__cft__*`, `__xts__*`, and on X the share `s`/`t`) and
//!   keeps every other parameter in order (`watch?v=`, `profile.php?id=`, `story_fbid` + `id`…);
//! - percent-encodes what may not appear raw in a URL (non-ASCII, spaces, quotes) and keeps existing escapes.
//!
//! It is idempotent: every step maps its own output to itself (property-tested). Nothing here is on the hot path,
//! so it allocates freely.

use super::hosts::{self, HostClass, Role};
use super::url::{self, percent_decode, Scheme};
use super::{effective_path, reserved, wrappers, MAX_UNWRAP};
use crate::platform::{IdType, Platform};
use std::fmt::Write;

/// Query parameters that only track who shared or clicked (sorted, lower case; compared case-insensitively).
pub(crate) const TRACKING: &[&str] = &[
    "__so__",
    "__tn__",
    "_ga",
    "_gl",
    "_r",
    "_rdc",
    "_rdr",
    "_t",
    "ab_channel",
    "acontext",
    "checksum",
    "comment_tracking",
    "dclid",
    "eav",
    "embeds_referring_euri",
    "fbclid",
    "feature",
    "fref",
    "gbraid",
    "gclid",
    "hc_location",
    "hc_ref",
    "igsh",
    "igshid",
    "is_copy_url",
    "is_from_webapp",
    "laz_trackid",
    "mc_cid",
    "mc_eid",
    "mibextid",
    "msclkid",
    "notif_id",
    "notif_t",
    "paipv",
    "pp",
    "rdid",
    "ref",
    "ref_src",
    "ref_url",
    "refid",
    "refsrc",
    "scm",
    "sender_device",
    "sfnsn",
    "share_app_id",
    "share_link_id",
    "si",
    "smtt",
    "social_sharing",
    "source_ve_path",
    "sp_atk",
    "spm",
    "tt_from",
    "ttclid",
    "twclid",
    "u_code",
    "uls_trackid",
    "wbraid",
    "xptdk",
    "yclid",
];

/// Prefixes of tracking parameter families.
const TRACKING_PREFIXES: &[&str] = &["utm_", "__cft__", "__xts__"];

/// The canonical URL of an account's profile. The namespace decides the URL; the platform only disambiguates the
/// namespaces two sites share (`handle`: TikTok or X; `username`: Instagram or Threads). Ids are percent-encoded
/// where needed, so the result is always a plain ASCII URL.
pub fn canonical_profile_url(platform: Platform, id_type: IdType, account_id: &str) -> String {
    let (prefix, suffix) = match id_type {
        IdType::FbUsername => ("https://www.facebook.com/", ""),
        IdType::FbNumericId => ("https://www.facebook.com/profile.php?id=", ""),
        IdType::Handle if platform == Platform::Tiktok => ("https://www.tiktok.com/@", ""),
        IdType::Handle => ("https://x.com/", ""),
        IdType::Username if platform == Platform::Threads => ("https://www.threads.com/@", ""),
        IdType::Username => ("https://www.instagram.com/", "/"),
        IdType::YtHandle => ("https://www.youtube.com/@", ""),
        IdType::YtCustom => ("https://www.youtube.com/c/", ""),
        IdType::YtUser => ("https://www.youtube.com/user/", ""),
        IdType::YtChannelId => ("https://www.youtube.com/channel/", ""),
        IdType::ShopId => ("https://shopee.vn/shop/", ""),
        IdType::ShopUsername => ("https://shopee.vn/", ""),
        IdType::ShopSlug => ("https://www.lazada.vn/shop/", "/"),
        IdType::ZaloPhone | IdType::ZaloOaId => ("https://zalo.me/", ""),
    };
    let mut out = String::with_capacity(prefix.len() + account_id.len() + suffix.len());
    out.push_str(prefix);
    for &b in account_id.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out.push_str(suffix);
    out
}

/// A tracking-free canonical form of any http(s) URL (see the module docs). `None` when `input` is not a URL, or
/// wraps redirects deeper than [`MAX_UNWRAP`] (there is no stable answer then: one more pass would unwrap one more
/// level).
pub fn canonical_url(input: &str) -> Option<String> {
    canonical_at(input, 0).ok().flatten()
}

/// Redirect wrappers nested deeper than the bound.
struct TooDeep;

fn canonical_at(input: &str, depth: u8) -> Result<Option<String>, TooDeep> {
    let Some(parts) = url::split(input) else {
        return Ok(None);
    };
    let class = hosts::classify(parts.host);
    // `#!/` routes are paths on the supported sites only; elsewhere a fragment is the page's own business.
    let (path, query) = match class {
        Some(HostClass::Site(..)) => effective_path(&parts),
        _ => (parts.path, parts.query),
    };
    if let Some(raw) = class.and_then(|c| wrappers::target(c, path, query)) {
        if let Some(target) = percent_decode(raw, true) {
            if depth >= MAX_UNWRAP && url::split(&target).is_some() {
                return Err(TooDeep);
            }
            if let Some(target) = canonical_at(&target, depth + 1)? {
                return Ok(Some(target));
            }
        }
    }
    let site = match class {
        Some(HostClass::Site(p, Role::Main)) => Some(p),
        _ => None,
    };

    let mut out = String::with_capacity(input.len());
    match site {
        Some(p) => {
            out.push_str("https://");
            out.push_str(hosts::canonical_host(p));
        }
        None => {
            out.push_str(if parts.scheme == Scheme::Http {
                "http://"
            } else {
                "https://"
            });
            if parts.host.is_ascii() {
                out.extend(parts.host.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                out.push_str(&crate::text::unicode::lowercase(parts.host));
            }
            let default_port = if parts.scheme == Scheme::Http { "80" } else { "443" };
            if let Some(port) = parts.port.filter(|p| !p.is_empty() && *p != default_port) {
                out.push(':');
                out.push_str(port);
            }
        }
    }

    if !path.starts_with(['/', '\\']) {
        out.push('/');
    }
    push_encoded(&mut out, path, true);

    let mut first = true;
    for pair in query.unwrap_or("").split('&') {
        let key = pair.split_once('=').map_or(pair, |(k, _)| k);
        if pair.is_empty() || is_tracking(key, site) {
            continue;
        }
        out.push(if first { '?' } else { '&' });
        first = false;
        push_encoded(&mut out, pair, false);
    }
    Ok(Some(out))
}

fn is_tracking(key: &str, site: Option<Platform>) -> bool {
    let b = key.as_bytes();
    reserved::contains(TRACKING, key)
        || TRACKING_PREFIXES
            .iter()
            .any(|p| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
        // X appends `s=20` (share surface) and `t=<token>` (sharer) to shared links.
        || (site == Some(Platform::X) && (key == "s" || key == "t"))
}

/// Appends `s`, percent-encoding bytes that may not appear raw. Existing `%XX` escapes are kept; a `%` that does not
/// start one is encoded, so a second pass changes nothing. In paths `\` becomes `/`, as browsers read it.
fn push_encoded(out: &mut String, s: &str, is_path: bool) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let keep = match c {
            b'%' => b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit(),
            b'\\' if is_path => {
                out.push('/');
                i += 1;
                continue;
            }
            0x21..=0x7E => !matches!(c, b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'^' | b'\\' | b'#'),
            _ => false,
        };
        if keep {
            out.push(c as char);
        } else {
            let _ = write!(out, "%{c:02X}");
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_table_is_sorted() {
        for pair in TRACKING.windows(2) {
            assert!(pair[0] < pair[1], "{pair:?}");
        }
    }

    #[test]
    fn strips_tracking_and_keeps_meaning() {
        let cases = [
            (
                "https://m.facebook.com/story.php?story_fbid=pfbid02x&id=100073071055552&mibextid=Nif5oz&__cft__[0]=AZX",
                "https://www.facebook.com/story.php?story_fbid=pfbid02x&id=100073071055552",
            ),
            (
                "https://youtu.be/kX3nB4PpJko?si=Xy12AbCdEfGh34Ij&t=42",
                "https://youtu.be/kX3nB4PpJko?t=42",
            ),
            (
                "https://www.youtube.com/watch?v=kX3nB4PpJko&feature=share&pp=abc",
                "https://www.youtube.com/watch?v=kX3nB4PpJko",
            ),
            (
                "https://twitter.com/jack/status/20?s=20&t=AbCdEfGh",
                "https://x.com/jack/status/20",
            ),
            (
                "HTTPS://WWW.INSTAGRAM.COM/natgeo/?utm_source=ig_web_button_share_sheet&igshid=ZDNlZDc0MzIxNw==",
                "https://www.instagram.com/natgeo/",
            ),
            (
                "https://www.tiktok.com/@chillezy?_t=8kq1Z3RkXyz&_r=1#top",
                "https://www.tiktok.com/@chillezy",
            ),
            ("shopee.vn/Áo-i.1.2?sp_atk=x", "https://shopee.vn/%C3%81o-i.1.2"),
            ("http://Example.COM:80/a b?x=1&&utm_medium=y", "http://example.com/a%20b?x=1"),
            (
                "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2Fzuck%3Ffbclid%3Dabc&h=AT",
                "https://www.facebook.com/zuck",
            ),
            ("http://twitter.com/#!/jack", "https://x.com/jack"),
        ];
        for (input, want) in cases {
            let got = canonical_url(input);
            assert_eq!(got.as_deref(), Some(want), "{input}");
            assert_eq!(canonical_url(want).as_deref(), Some(want), "idempotent: {want}");
        }
        assert_eq!(canonical_url("not a url"), None);
    }

    #[test]
    fn profile_urls() {
        assert_eq!(
            canonical_profile_url(Platform::Youtube, IdType::YtHandle, "으아-v1k"),
            "https://www.youtube.com/@%EC%9C%BC%EC%95%84-v1k"
        );
        assert_eq!(
            canonical_profile_url(Platform::Facebook, IdType::FbNumericId, "4"),
            "https://www.facebook.com/profile.php?id=4"
        );
        assert_eq!(
            canonical_profile_url(Platform::Threads, IdType::Username, "zuck"),
            "https://www.threads.com/@zuck"
        );
    }
}

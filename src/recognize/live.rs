//! Live rooms: whether a URL of a supported site is a live stream, so that a report names it as one. The sites put
//! `live` in the path of every live room they link (`tiktok.com/@user/live`, `youtube.com/live/<id>` and
//! `youtube.com/@channel/live`, `facebook.com/watch/live/?v=…`, `instagram.com/<user>/live`) or serve it from a
//! `live.` host (`live.shopee.vn`). Whose stream it is, is recognition's answer for the same URL (or the page's
//! owner, `page`); this module only says "live".

use super::hosts;
use super::{effective_path, url};

/// Whether `input` is a URL of a supported site that opens a live stream.
pub fn is_live(input: &str) -> bool {
    let Some(parts) = url::split(input) else {
        return false;
    };
    if hosts::classify(parts.host).is_none() {
        return false;
    }
    let live = |s: &str| s.eq_ignore_ascii_case("live");
    let (path, _) = effective_path(&parts);
    parts.host.split('.').next().is_some_and(live) || path.split('/').any(live)
}

#[cfg(test)]
mod tests {
    use super::is_live;

    #[test]
    fn live_rooms_of_every_site() {
        for url in [
            "https://www.tiktok.com/@minh.beauty.demo/live",
            "https://www.youtube.com/live/demoLive001",
            "https://www.youtube.com/@reviewcongnghe.demo/live",
            "https://www.facebook.com/watch/live/?v=1234567890",
            "https://www.instagram.com/thutrang.style.demo/live/",
            "https://live.shopee.vn/share?from=live&session=123",
        ] {
            assert!(is_live(url), "{url}");
        }
        for url in [
            "https://www.tiktok.com/@minh.beauty.demo/video/1",
            "https://www.youtube.com/watch?v=demoLive001",
            "https://www.tiktok.com/@live",
            "https://example.com/live",
            "not a url",
        ] {
            assert!(!is_live(url), "{url}");
        }
    }
}

//! Instagram (instagram.com, instagr.am): `/<user>/` and its tabs (reels, tagged, followers…) are the profile;
//! `/<user>/p|reel|tv/<code>`, `/<user>/guide/…`, `/<user>/live` and the story tray `/stories/<user>/…` are
//! content of `<user>`. Bare `/p/<code>`, `/reel/<code>`, highlights (`/stories/highlights/<id>`), share links and
//! the site's own pages name no account: a post code does not say whose post it is.
//! `/_u/<user>` is the app-opening form of a profile link.

use super::normalize::{account_id, INSTAGRAM_USERNAME};
use super::url::decode_seg;
use super::{eq_ci, kind_after, reserved, Found, Kind, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    let segs = &t.segs;
    let s0 = decode_seg(segs.get(0)?)?;
    if eq_ci(&s0, "stories") {
        let s1 = segs.get(1)?;
        if eq_ci(&decode_seg(s1)?, "highlights") {
            return None;
        }
        return Some((IdType::Username, username(s1)?, Kind::Content));
    }
    if eq_ci(&s0, "_u") {
        return Some((IdType::Username, username(segs.get(1)?)?, user_kind(t, 2)));
    }
    if reserved::contains(reserved::INSTAGRAM, &s0) {
        return None;
    }
    let user = account_id(&s0, INSTAGRAM_USERNAME)?;
    Some((IdType::Username, user, user_kind(t, 1)))
}

/// A username in a position where site words cannot appear either (`/stories/<user>`, `/_u/<user>`).
fn username(raw: &str) -> Option<String> {
    account_id(raw, INSTAGRAM_USERNAME).filter(|u| !reserved::contains(reserved::INSTAGRAM, u))
}

fn user_kind(t: &Target<'_>, tab: usize) -> Kind {
    kind_after(&t.segs, tab, &["p", "reel", "tv", "guide"], &["live"])
}
